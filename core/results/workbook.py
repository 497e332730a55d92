"""Result sheets as Excel workbooks (``.xlsx``, with openpyxl): blank ones to fill in, filled
ones to import, and the export for planners.

**The blank workbook** (:func:`blank_workbook`): one per municipality and phase, a sheet per
session named by its id, with the lines of the result sheet (:func:`~.sheets.sheet_rows`, one
block per station for a session at stations) under a header of :data:`~.sheets.CSV_COLUMNS`
in row :data:`HEADER_ROW`. Only the cells to fill in are unlocked (``wert``; ``tag``; for map
points ``option`` and ``ortsteil``; for competence profiles ``profil``; and the empty rows
below, to add lines); the sheets are protected without a password, so labels are not changed by
accident. Data validation offers the options of a field as a list and keeps numbers in their
range; required cells are shaded. A first sheet "Hinweise" explains it; a hidden sheet
:data:`META_SHEET` lists which sheet holds which session.

**Import** (:func:`parse_xlsx`) reads every session sheet back through the same row reader and
validation as a CSV file. A workbook that is not ``.xlsx``, a renamed sheet, a moved or missing
column, a formula in a cell or a value of the wrong type is refused with the file, the sheet,
the row and the field; nothing is stored then.

**Export** (:func:`export_workbook`): the rows of the open-data export
(:data:`~.export.EXPORT_COLUMNS`) on a sheet "Ergebnisse", the Erfüllungsgrad of every
competence-check profile and group on a sheet "Kompetenzcheck" (when there are any) and the
meaning of each column on a sheet "Spalten"; every text goes through :func:`~.export.safe_cell`.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation

from ..errors import ResultError
from ..i18n import _
from ..files import MAX_FILE_MB_VARIABLE, max_file_bytes, write_atomic
from ..model import Municipality, ResultType, Session
from .export import (
    COMPETENCE_COLUMNS,
    EXPORT_COLUMNS,
    competence_rows,
    export_rows,
    restore_cell,
    safe_cell,
)
from .reading import RowReader, _Errors, header_columns
from .sheets import CSV_COLUMNS, sheet_rows
from .store import Record, StoredResult
from .validation import SessionInfo, opening_days, required_on, session_info, station_label
from .values import PARTICIPANTS, RECORDED_BY

if TYPE_CHECKING:
    from ..workspace import Workspace

META_SHEET = "_werkzeugkoffer"
META_MARK = "werkzeugkoffer-ergebnisbogen"
HELP_SHEET = "Hinweise"
HEADER_ROW = 3
LIST_LINES = 15  # blank lines per list field (the CSV has 5; a sheet has room)
SPARE_ROWS = 60  # unlocked empty rows under a session's lines, to add more
MAX_SHEET_NAME = 31

_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEAD_FILL = PatternFill("solid", fgColor="E8E8E8")
_WIDTHS = {"termin": 18, "station": 14, "tag": 12, "feld": 16, "bezeichnung": 58,
           "option": 22, "ortsteil": 16, "profil": 14, "wert": 30}


def workbook_name(slug: str, phase: int) -> str:
    return f"ergebnisse-{slug}-phase-{phase}.xlsx"


def _sheet_names(session_ids: Sequence[str]) -> dict[str, str]:
    """A sheet name per session id (Excel allows 31 characters; a clipped name stays unique)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for sid in session_ids:
        name = sid[:MAX_SHEET_NAME]
        k = 2
        while name.casefold() in used:
            tail = f"~{k}"
            name = sid[:MAX_SHEET_NAME - len(tail)] + tail
            k += 1
        used.add(name.casefold())
        names[sid] = name
    return names


class _Lists:
    """Option lists for data validation, written into columns of the hidden meta sheet."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.column = 6
        self.known: dict[tuple[str, ...], str] = {}

    def ref(self, values: Sequence[str]) -> str:
        key = tuple(values)
        if key not in self.known:
            col = get_column_letter(self.column)
            for i, v in enumerate(values, start=1):
                self.sheet.cell(row=i, column=self.column, value=safe_cell(v))
            self.known[key] = f"'{META_SHEET}'!${col}$1:${col}${len(values)}"
            self.column += 1
        return self.known[key]


class _Check:
    """A data validation and the cells it covers (collected, then set at once: openpyxl's
    ``DataValidation.add`` compares every new cell with every range so far)."""

    def __init__(self, sheet, kind: str, **kw):
        self.dv = DataValidation(type=kind, allow_blank=True, showErrorMessage=True,
                                 errorTitle="Ungültiger Wert", **kw)
        self.cells: list[str] = []
        sheet.add_data_validation(self.dv)

    def add(self, cell) -> None:
        self.cells.append(cell.coordinate)

    def close(self) -> None:
        if self.cells:
            self.dv.sqref = MultiCellRange(" ".join(self.cells))


_UNLOCKED = Protection(locked=False)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _session_title(info: SessionInfo) -> str:
    s, m = info.session, info.municipality
    venue = m.venue(s.main_venue) if s.main_venue else None
    days = (f"{s.date:%d.%m.%Y}" if s.last_date == s.date
            else f"{s.date:%d.%m.}-{s.last_date:%d.%m.%Y}")
    place = venue.name if venue else ""
    if len(s.stations) > 1:
        place = f"{len(s.stations)} Stationen"
    return (f"Ergebnisbogen: {s.title or info.format.title}, {days}"
            + (f", {place}" if place else "") + f" (Kennung {s.id})")


def _fill_session_sheet(sheet, info: SessionInfo, lists: _Lists) -> None:
    fmt, session, m = info.format, info.session, info.municipality
    cols = {c: i for i, c in enumerate(CSV_COLUMNS, start=1)}
    sheet.cell(row=1, column=1, value=safe_cell(_session_title(info))).font = Font(bold=True,
                                                                                    size=13)
    sheet.cell(row=2, column=1, value=(
        "Nur die hellen Zellen ausfüllen: Spalte „wert“ (bei Kartenpunkten auch Kategorie in "
        "„option“ und „ortsteil“, bei Kompetenzprofilen „profil“). Ein Tag in „tag“ nur, wenn "
        "der Bogen einen einzelnen Tag erfasst. Blatt nicht umbenennen, Spalten nicht "
        "verschieben."))
    for name, col in cols.items():
        cell = sheet.cell(row=HEADER_ROW, column=col, value=name)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        sheet.column_dimensions[get_column_letter(col)].width = _WIDTHS[name]
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)

    whole = _Check(sheet, "whole", operator="greaterThanOrEqual", formula1="0",
                        error="Bitte eine ganze Zahl ab 0 eintragen.")
    decimal = _Check(sheet, "decimal", error="Bitte eine Zahl eintragen.",
                          operator="between", formula1="-1000000000", formula2="1000000000")
    percent = _Check(sheet, "decimal", operator="between", formula1="0", formula2="100",
                          error="Bitte einen Prozentwert von 0 bis 100 eintragen.")
    rating = _Check(sheet, "decimal", operator="between", formula1="1", formula2="5",
                         error="Bitte eine Bewertung von 1 bis 5 eintragen.")
    days = opening_days(session)
    day_check = None
    if days:
        day_check = _Check(
            sheet, "date", operator="between", formula1=f"DATE({days[0]:%Y},{days[0].month},"
            f"{days[0].day})", formula2=f"DATE({days[-1]:%Y},{days[-1].month},{days[-1].day})",
            error=f"Ein Öffnungstag vom {days[0]:%d.%m.%Y} bis {days[-1]:%d.%m.%Y}.")
    ortsteil_check = None
    if m.ortsteile:
        ortsteil_check = _Check(sheet, "list", formula1=lists.ref(m.ortsteile),
                                error=f"Ein Ortsteil von {m.name}.")
        if not m.ortsteile_complete:
            ortsteil_check.dv.errorStyle = "warning"
    by_type = {ResultType.COUNT: whole, ResultType.NUMBER: decimal, ResultType.PERCENT: percent,
               ResultType.RATING: rating, ResultType.CHOICE_VOTES: whole,
               ResultType.SCORES: percent}
    option_checks: dict[str, _Check] = {}

    rows = _xlsx_rows(fmt, session)
    r = HEADER_ROW
    station_seen = None
    for row in rows:
        r += 1
        if row["station"] != station_seen and row["station"]:
            station_seen = row["station"]
            st = next(st for st in session.stations if st.venue == row["station"])
            head = sheet.cell(row=r, column=cols["bezeichnung"],
                              value=safe_cell(f"Station {station_label(m, st)}"))
            head.font = Font(bold=True)
            r += 1
        for name, col in cols.items():
            cell = sheet.cell(row=r, column=col, value=safe_cell(row[name]) or None)
            if name == "bezeichnung":
                cell.alignment = _WRAP
        feld = row["feld"]
        fld = fmt.result_field(feld)
        editable = ["wert", "tag"]
        value_cell = sheet.cell(row=r, column=cols["wert"])
        if feld == PARTICIPANTS:
            whole.add(value_cell)
        elif feld == RECORDED_BY:
            pass
        elif fld is not None:
            check = by_type.get(fld.type)
            if check is not None:
                check.add(value_cell)
            if fld.type is ResultType.MAP_POINTS:
                editable += ["option", "ortsteil"]
                if fld.name not in option_checks:
                    option_checks[fld.name] = _Check(
                        sheet, "list", formula1=lists.ref(fld.options),
                        error=f"Eine Kategorie: {', '.join(fld.options)}.")
                option_checks[fld.name].add(sheet.cell(row=r, column=cols["option"]))
                if ortsteil_check is not None:
                    ortsteil_check.add(sheet.cell(row=r, column=cols["ortsteil"]))
            if fld.type is ResultType.SCORES:
                editable.append("profil")
            if required_on(fld, part=bool(row["station"])):
                value_cell.fill = _REQUIRED_FILL
        if day_check is not None:
            day_check.add(sheet.cell(row=r, column=cols["tag"]))
        for name in editable:
            sheet.cell(row=r, column=cols[name]).protection = _UNLOCKED
    for extra in range(r + 1, r + 1 + SPARE_ROWS):
        for col in cols.values():
            sheet.cell(row=extra, column=col).protection = _UNLOCKED
    for check in [whole, decimal, percent, rating, day_check, ortsteil_check,
                  *option_checks.values()]:
        if check is not None:
            check.close()
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widths may change
    sheet.protection.formatRows = False


def _xlsx_rows(fmt, session: Session) -> list[dict[str, str]]:
    """The sheet's lines: those of the CSV, with more blank lines for lists."""
    rows = sheet_rows(fmt, session)
    out: list[dict[str, str]] = []
    for i, row in enumerate(rows):
        out.append(row)
        fld = fmt.result_field(row["feld"])
        last_of_field = i + 1 == len(rows) or rows[i + 1]["feld"] != row["feld"]
        if fld is not None and fld.type in (ResultType.TEXT_LIST, ResultType.MAP_POINTS) \
                and last_of_field:
            out.extend(dict(row) for _ in range(LIST_LINES - 5))
    return out


def blank_workbook(workspace: Workspace, slug: str, phase: int,
                   session_ids: Iterable[str] | None = None) -> bytes:
    """The blank result workbook of a municipality's phase (all its sessions, or the ones
    given), as ``.xlsx`` bytes."""
    m: Municipality = workspace.municipalities[slug]
    ph = m.phase(phase)
    sessions = workspace.sessions()
    ids = list(session_ids) if session_ids is not None else (
        [s.id for s in sorted(ph.sessions, key=lambda s: (s.date, s.start, s.id))] if ph else [])
    infos = [session_info(workspace, sid, sessions=sessions) for sid in ids]
    names = _sheet_names([i.session.id for i in infos])
    wb = openpyxl.Workbook()
    help_sheet = wb.active
    help_sheet.title = HELP_SHEET
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta["A1"] = META_MARK
    meta["B1"] = 1  # layout version
    meta["C1"] = m.name
    lists = _Lists(meta)
    lines = [
        f"Ergebnisbögen {m.name}, Laborphase {phase}",
        "",
        "Je Termin ein Blatt; der Name des Blatts ist die Kennung des Termins.",
        "Bitte nur die hellen Zellen ausfüllen (Spalte „wert“, bei Kartenpunkten auch Kategorie "
        "und Ortsteil, bei Kompetenzprofilen der Profilname). Gelb hinterlegte Zellen sind "
        "Pflichtfelder. Leere Zeilen werden nicht gespeichert.",
        "Termine mit Stationen haben einen Abschnitt je Station; ein Tag (Spalte „tag“) wird nur "
        "eingetragen, wenn ein Bogen einen einzelnen Tag erfasst.",
        "Keine Formeln eintragen, Blätter nicht umbenennen, Spalten nicht verschieben.",
        "Einlesen: werkzeugkoffer results import " + workbook_name(slug, phase),
        "",
        "Termine in dieser Mappe:",
    ]
    for i, line in enumerate(lines, start=1):
        help_sheet.cell(row=i, column=1, value=safe_cell(line))
    help_sheet["A1"].font = Font(bold=True, size=14)
    help_sheet.column_dimensions["A"].width = 30
    help_sheet.column_dimensions["B"].width = 90
    row = len(lines) + 1
    for k, info in enumerate(infos, start=2):
        name = names[info.session.id]
        meta.cell(row=k, column=1, value=name)
        meta.cell(row=k, column=2, value=info.session.id)
        help_sheet.cell(row=row, column=1, value=name)
        help_sheet.cell(row=row, column=2, value=safe_cell(_session_title(info)))
        row += 1
        _fill_session_sheet(wb.create_sheet(name), info, lists)
    wb.move_sheet(META_SHEET, offset=len(wb.sheetnames))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_blank_workbooks(workspace: Workspace, session_ids: Iterable[str], out: str | Path
                          ) -> list[Path]:
    """One blank workbook per municipality and phase of ``session_ids``, written into folder
    ``out``; returns the files."""
    sessions = workspace.sessions()
    groups: dict[tuple[str, int], list[str]] = {}
    for sid in session_ids:
        info = session_info(workspace, sid, sessions=sessions)
        groups.setdefault((info.slug, info.phase), []).append(info.session.id)
    written = []
    for (slug, phase), ids in sorted(groups.items()):
        path = Path(out) / workbook_name(slug, phase)
        write_atomic(path, blank_workbook(workspace, slug, phase, ids))
        written.append(path)
    return written


# -- import ---------------------------------------------------------------------------------------


def _cell_text(value: Any, column: str) -> str:
    """A cell's value as the text the row reader takes (numbers with a decimal point)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "WAHR" if value else "FALSCH"
    if isinstance(value, dt.datetime):
        if column == "tag" or (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return restore_cell(str(value).strip())  # "'=1+1" as safe_cell wrote it: "=1+1"


UNPACKED_LIMIT = 10  # a workbook may unpack to ten times the size limit of input files


def _load(data: bytes, where: str):
    try:  # a workbook is a zip file: a small one may unpack to gigabytes (a "zip bomb")
        unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        unpacked = 0  # openpyxl says what is wrong with it
    if unpacked > UNPACKED_LIMIT * max_file_bytes():
        raise ResultError(_("{file}: workbook too large when unpacked ({size} MB; at most {limit} "
                            "times the file size limit, see {variable}); nothing stored").format(
                                file=where, size=unpacked // 2**20, limit=UNPACKED_LIMIT,
                                variable=MAX_FILE_MB_VARIABLE))
    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError,
            TypeError) as exc:
        reason = _("not a zip file") if isinstance(exc, zipfile.BadZipFile) else str(exc) or \
            type(exc).__name__
        raise ResultError(_('{file}: not an Excel workbook (.xlsx) ({problem}); save it as '
                            '"Excel-Arbeitsmappe (.xlsx)"; nothing stored').format(
                                file=where, problem=reason)) from None


def parse_xlsx(workspace: Workspace, data: bytes, where: str) -> tuple[list[Record], int]:
    """Read and validate a result workbook; return records and data rows (see the module
    docstring). All problems of the file at once, each with sheet, row and field."""
    wb = _load(data, where)
    try:
        return _parse(workspace, wb, where)
    finally:
        wb.close()


def _parse(workspace: Workspace, wb, where: str) -> tuple[list[Record], int]:
    errors = _Errors(where)
    sessions = workspace.sessions()
    expected: dict[str, str] | None = None  # sheet name -> session id, from the meta sheet
    if META_SHEET in wb.sheetnames:
        meta = wb[META_SHEET]
        rows = list(meta.iter_rows(min_col=1, max_col=2, values_only=True))
        if rows and rows[0][0] == META_MARK:
            expected = {str(a): str(b) for a, b in rows[1:] if a and b}
    reader = RowReader(workspace, errors, skip_untouched=True)
    names = [n for n in wb.sheetnames if n not in (META_SHEET, HELP_SHEET)]
    if not names:
        raise ResultError(_("{file}: no session sheets in the workbook; nothing stored").format(
            file=where))
    for name in names:
        if expected is not None:
            sid = expected.get(name)
            if sid is None:
                missing = [n for n in expected if n not in wb.sheetnames]
                hint = (_(' (renamed from "{name}"?)').format(name=missing[0])
                        if len(missing) == 1 else "")
                errors.add(_('sheet "{name}": not a sheet of this workbook{hint}; the session '
                             "sheets are named by the session ids ({ids}); do not rename sheets")
                           .format(name=name, hint=hint, ids=", ".join(expected)))
                continue
        else:
            sid = name
            if name not in sessions and name.lower() not in sessions:
                errors.add(_('sheet "{name}": not a session id; name each sheet by the id of '
                             "its session (the Kennung on the printed sheet)").format(name=name))
                continue
        _read_sheet(wb[name], name, sid, reader, errors, strict=expected is not None)
    if not reader.filled and not errors.items:
        raise ResultError(_("{file}: no results in the workbook (nothing filled in); nothing "
                            "stored").format(file=where))
    records = reader.records()
    errors.raise_if_any()
    return records, reader.data_rows


def _read_sheet(sheet, name: str, sid: str, reader: RowReader, errors: _Errors, *,
                strict: bool) -> None:
    at = _("sheet {name}").format(name=name)
    rows = sheet.iter_rows()
    header = None
    header_row = 0
    for r, cells in enumerate(rows, start=1):
        first = cells[0].value if cells else None
        if isinstance(first, str) and first.strip().casefold() == "termin":
            header, header_row = cells, r
            break
        if r >= 10:
            break
    if header is None:
        errors.add(_('{at}: no header row (a row starting with "termin", the columns '
                     '{columns}); do not delete the header').format(
                         at=at, columns=", ".join(CSV_COLUMNS)))
        return
    titles = [c.value for c in header]
    while titles and titles[-1] in (None, ""):
        titles.pop()
    if strict:
        for i, want in enumerate(CSV_COLUMNS):
            got = titles[i] if i < len(titles) else None
            if not (isinstance(got, str) and got.strip().casefold() == want):
                errors.add(_('{at}, row {row}, column {column}: expected the column "{name}", '
                             "found {found}; do not move, insert or delete columns").format(
                                 at=at, row=header_row, column=get_column_letter(i + 1),
                                 name=want,
                                 found=_("nothing") if got in (None, "") else repr(got)))
                return
        if len(titles) > len(CSV_COLUMNS):
            errors.add(_('{at}, row {row}, column {column}: unexpected column "{name}"; do not '
                         "add columns").format(at=at, row=header_row,
                                               column=get_column_letter(len(CSV_COLUMNS) + 1),
                                               name=titles[len(CSV_COLUMNS)]))
            return
        columns = list(CSV_COLUMNS)
    else:
        before = len(errors.items)
        columns = header_columns([t if t is not None else "" for t in titles], errors,
                                 at=_("{at}, row {row}").format(at=at, row=header_row))
        if len(errors.items) > before:
            return
    for r, cells in enumerate(rows, start=header_row + 1):
        values: dict[str, str] = {}
        bad = False
        for col, cell in zip(columns, cells):
            if cell.value is None:
                values[col] = ""
                continue
            if cell.data_type == "f":
                errors.add(_("{at}, row {row}, field {field}: a formula ({formula}); type the "
                             "value itself").format(at=at, row=r, field=col, formula=cell.value))
                bad = True
                continue
            values[col] = _cell_text(cell.value, col)
        if bad:
            continue
        for k, extra in enumerate(cells[len(columns):], start=len(columns) + 1):
            if extra.value not in (None, ""):
                errors.add(_("{at}, row {row}, column {column}: a value outside the columns of "
                             "the sheet").format(at=at, row=r, column=get_column_letter(k)))
                bad = True
                break
        if bad:
            continue
        if not any(values.get(c) for c in ("termin", "feld", "wert", "option", "ortsteil")):
            continue  # an empty line, or a heading such as "Station ..."
        if values.get("termin") and values["termin"].lower() != sid.lower():
            errors.add(_('{at}, row {row}, field termin: session "{other}" on the sheet of '
                         'session "{session}"; move the line to its own sheet').format(
                             at=at, row=r, other=values["termin"], session=sid))
            continue
        values["termin"] = values.get("termin") or sid
        reader.prefix = f"{at}, "
        reader.add_row(r, values)


# -- export ---------------------------------------------------------------------------------------


def export_workbook(workspace: Workspace, results: Sequence[StoredResult], *,
                    include_personal: bool = False) -> bytes:
    """The export for planners as ``.xlsx``: sheet "Ergebnisse" (one line per value, the
    columns of :data:`EXPORT_COLUMNS`) and sheet "Spalten" (what each column means)."""
    rows = export_rows(workspace, results, include_personal=include_personal)
    columns = list(EXPORT_COLUMNS) + (["erfasst_von"] if include_personal else [])
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "Ergebnisse"
    for c, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=c, value=name)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        sheet.column_dimensions[get_column_letter(c)].width = max(10, min(40, len(name) + 4))
    sheet.column_dimensions[get_column_letter(columns.index("wert") + 1)].width = 40
    sheet.column_dimensions[get_column_letter(columns.index("bezeichnung") + 1)].width = 40
    for r, row in enumerate(rows, start=2):
        for c, name in enumerate(columns, start=1):
            value = row.get(name, "")
            if name == "erfasst_von" and row.get("feld") == RECORDED_BY:
                value = row.get("wert", "")
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if value == "":
                continue
            cell = sheet.cell(row=r, column=c, value=safe_cell(value))
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    checks = competence_rows(workspace, results, include_personal=include_personal)
    if checks:
        comp = wb.create_sheet("Kompetenzcheck")
        names = list(COMPETENCE_COLUMNS)
        for c, name in enumerate(names, start=1):
            cell = comp.cell(row=1, column=c, value=name)
            cell.font = Font(bold=True)
            cell.fill = _HEAD_FILL
            comp.column_dimensions[get_column_letter(c)].width = 16
        for r, row in enumerate(checks, start=2):
            for c, name in enumerate(names, start=1):
                value = row.get(name)
                if value is not None and value != "":
                    cell = comp.cell(row=r, column=c, value=safe_cell(value))
                    if isinstance(value, str):
                        cell.data_type = "s"
        comp.freeze_panes = "A2"
    doc = wb.create_sheet("Spalten")
    doc["A1"], doc["B1"] = "Spalte", "Bedeutung"
    doc["A1"].font = doc["B1"].font = Font(bold=True)
    described = [(name, EXPORT_COLUMNS.get(name, "Wer den Bogen übertragen hat "
                                               "(personenbezogen)")) for name in columns]
    if checks:
        described += [(f"Kompetenzcheck: {k}", v) for k, v in COMPETENCE_COLUMNS.items()]
    for r, (name, meaning) in enumerate(described, start=2):
        doc.cell(row=r, column=1, value=name)
        doc.cell(row=r, column=2, value=safe_cell(meaning))
    doc.column_dimensions["A"].width = 16
    doc.column_dimensions["B"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
