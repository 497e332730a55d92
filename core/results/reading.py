"""Reading result files (CSV result sheets and TOML) into validated records; the row reader
that CSV files and workbooks share.

Every problem of a file is collected and reported with the file, the row (CSV line or
``results[n]``) and the field; a file yields all of its records or an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import TYPE_CHECKING, Any, Sequence

from ..conversion import describe, shorten
from ..errors import ResultError
from ..i18n import _, ngettext
from ..files import parse_toml as _parse_toml_text
from ..model import Result, ResultType, TargetGroup
from ..names import did_you_mean
from .export import restore_cell
from .sheets import CSV_COLUMNS
from .store import Record, part_label
from .validation import SessionInfo, match_day, match_station, result_problems, session_info
from .values import (
    PARTICIPANTS,
    RECORDED_BY,
    SCALAR_TYPES,
    Bad,
    check_value,
    match_option,
    match_ortsteil,
    match_target_group,
    parse_count,
    parse_percent,
)

if TYPE_CHECKING:
    from ..workspace import Workspace

_COLUMN_ALIASES = {
    "session": "termin", "field": "feld", "label": "bezeichnung", "profile": "profil",
    "value": "wert", "kennung": "termin", "day": "tag",
}
_IGNORED_COLUMNS = {"gemeinde", "ags", "phase", "datum", "format", "thema", "typ"}
MAX_ERRORS = 30


class _Errors:
    def __init__(self, where: str):
        self.where = where
        self.items: list[str] = []

    def add(self, message: str) -> None:
        self.items.append(message)

    def raise_if_any(self) -> None:
        if not self.items:
            return
        items = self.items
        shown = items[:MAX_ERRORS]
        if len(items) > MAX_ERRORS:
            shown.append(_("... and {n} more").format(n=len(items) - MAX_ERRORS))
        if len(items) == 1:
            raise ResultError(_("{file}: {problem}; nothing stored").format(
                file=self.where, problem=items[0]))
        raise ResultError(ngettext("{file}: {n} problem; nothing stored",
                                   "{file}: {n} problems; nothing stored", len(items)).format(
                                       file=self.where, n=len(items)), details=shown)


def _decode(data: bytes, where: str) -> str:
    if not data.strip():
        raise ResultError(_("{file}: file is empty; nothing stored").format(file=where))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ResultError(
            _('{file}: row {row}: not UTF-8 text (byte {byte}); save the file as UTF-8 '
              '(in a spreadsheet program: "CSV UTF-8"); nothing stored').format(
                  file=where, row=line, byte=exc.start)
        ) from None
    if not text.strip():
        raise ResultError(_("{file}: file is empty; nothing stored").format(file=where))
    return text


class _Draft:
    """The values of one session (or one station and/or day of it) collected from rows."""

    def __init__(self, info: SessionInfo, first_row: "Location", station: str | None,
                 day: dt.date | None):
        self.info = info
        self.station = station
        self.day = day
        self.rows = [first_row, first_row]
        self.values: dict[str, Any] = {}
        self.seen: dict[tuple, Location] = {}
        self.participants: dict[TargetGroup, int] = {}
        self.recorded_by = ""
        self.profiles: dict[str, dict[str, dict[str, float]]] = {}
        self.filled = False  # a row of it had something written in
        self.bad: set[str] = set()  # fields whose value was refused (reported once, there)


def _sniff_delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def header_columns(header: Sequence[Any], errors: "_Errors", at: str | None = None) -> list[str]:
    """The column keys of a header row (German names; English aliases accepted); unknown,
    doubled and missing columns are added to ``errors``."""
    at = at if at is not None else loc_text(("", 1))
    columns = []
    for i, raw in enumerate(header):
        raw = "" if raw is None else str(raw)
        key = raw.strip().lstrip("\ufeff").casefold()
        key = _COLUMN_ALIASES.get(key, key)
        if key not in CSV_COLUMNS and key not in _IGNORED_COLUMNS:
            errors.add(_('{at}: column {i} "{name}": unknown column (the columns are: '
                         '{columns})').format(at=at, i=i + 1, name=raw,
                                              columns=", ".join(CSV_COLUMNS)))
        elif key in columns:
            errors.add(_('{at}: column "{name}" appears twice').format(at=at, name=raw))
        columns.append(key)
    for needed in ("termin", "feld", "wert"):
        if needed not in columns:
            errors.add(_('{at}: column "{name}" missing (the columns are: {columns})').format(
                at=at, name=needed, columns=", ".join(CSV_COLUMNS)))
    return columns


Location = tuple[str, int]
"""Where a row is: a prefix (``""`` or ``"sheet NAME, "``) and the row number."""


def loc_text(loc: Location) -> str:
    return _("{sheet}row {row}").format(sheet=loc[0], row=loc[1])


class RowReader:
    """Turns result-sheet rows (the columns of :data:`CSV_COLUMNS`) into validated records.

    CSV files and the sheets of a workbook feed their rows through :meth:`add`; every problem
    goes to ``errors`` with the row's place (``row 12``, or ``sheet lohra-p1-02, row 12`` when
    :attr:`prefix` names the sheet).
    """

    def __init__(self, workspace: Workspace, errors: "_Errors", *, skip_untouched: bool = False):
        self.workspace = workspace
        self.errors = errors
        self.skip_untouched = skip_untouched  # a workbook: sheets nobody filled in are left out
        self.prefix = ""
        self.sessions = workspace.sessions()
        self.infos: dict[str, SessionInfo | None] = {}
        self.stations: dict[tuple[str, str], Any] = {}
        self.days: dict[tuple[str, str, str], Any] = {}
        self.drafts: dict[tuple[str, str | None, dt.date | None], _Draft] = {}
        self.data_rows = 0
        self._last: tuple[str, str, str] | None = None  # the key of the row before (fast path)
        self._last_draft: _Draft | None = None

    def info(self, sid: str, at: str) -> SessionInfo | None:
        if sid not in self.infos:
            try:
                self.infos[sid] = session_info(self.workspace, sid, sessions=self.sessions)
            except ResultError as exc:
                self.infos[sid] = None
                self.errors.add(_("{at}: field termin: {problem}").format(
                    at=at, problem=exc.message))
        return self.infos[sid]

    def add_row(self, rownum: int, row: dict[str, str]) -> None:
        """One data row given as column key -> stripped text."""
        get = row.get
        self.add(rownum, get("termin", ""), get("station", ""), get("tag", ""), get("feld", ""),
                 get("option", ""), get("ortsteil", ""), get("profil", ""), get("wert", ""))

    def add(self, rownum: int, sid: str, raw_station: str, raw_day: str, feld: str, option: str,
            ortsteil: str, profil: str, wert: str) -> None:
        """One data row: the stripped text of its cells; ``rownum`` is its row number."""
        self.data_rows += 1
        loc = (self.prefix, rownum)
        key = (sid, raw_station, raw_day)
        if key == self._last:
            draft = self._last_draft
        else:
            draft = self._draft(loc, sid, raw_station, raw_day)
            if draft is None:
                self._last = None
                return
            self._last, self._last_draft = key, draft
        draft.rows[1] = loc
        if not draft.filled and (wert or ortsteil or (
                option and (f := draft.info.format.result_field(feld)) is not None
                and f.type is ResultType.MAP_POINTS)):
            draft.filled = True
        try:
            _apply_row(draft, feld, option, ortsteil, profil, wert, loc)
        except Bad as exc:
            self.errors.add(_("{at} (session {session}): {problem}").format(
                at=loc_text(loc), session=_draft_label(draft), problem=exc))

    def _draft(self, loc: Location, sid: str, raw_station: str, raw_day: str) -> _Draft | None:
        at = loc_text(loc)
        if not sid:
            self.errors.add(_("{at}: field termin: session id missing").format(at=at))
            return None
        info = self.info(sid, at)
        if info is None:
            return None
        sid = info.session.id
        station = None
        day = None
        try:
            if raw_station:
                skey = (sid, raw_station)
                if skey not in self.stations:
                    try:
                        self.stations[skey] = match_station(info, raw_station)
                    except Bad as exc:
                        self.stations[skey] = exc
                found = self.stations[skey]
                if isinstance(found, Bad):
                    raise Bad(_("field station: {problem}").format(problem=found))
                station = found
            if raw_day:
                dkey = (sid, station.venue if station is not None else "", raw_day)
                if dkey not in self.days:
                    try:
                        self.days[dkey] = match_day(info, raw_day, station)
                    except Bad as exc:
                        self.days[dkey] = exc
                found = self.days[dkey]
                if isinstance(found, Bad):
                    raise Bad(_("field tag: {problem}").format(problem=found))
                day = found
        except Bad as exc:
            self.errors.add(_("{at} (session {session}): {problem}").format(
                at=at, session=sid, problem=exc))
            return None
        key3 = (sid, station.venue if station is not None else None, day)
        draft = self.drafts.get(key3)
        if draft is None:
            draft = self.drafts[key3] = _Draft(info, loc, key3[1], day)
        return draft

    @property
    def filled(self) -> bool:
        """Anything was written into the rows read."""
        return any(d.filled for d in self.drafts.values())

    def records(self) -> list[Record]:
        """Validate each collected result; problems go to ``errors``."""
        records = []
        for draft in self.drafts.values():
            if self.skip_untouched and not draft.filled:
                continue
            values = dict(draft.values)
            for fname, profiles in draft.profiles.items():
                values[fname] = [{"label": label, "values": vals}
                                 for label, vals in profiles.items()]
            result = Result(session=draft.info.session.id, participants=draft.participants,
                            values=values, recorded_by=draft.recorded_by,
                            station=draft.station, day=draft.day)
            clean, problems = result_problems(draft.info, result, refused=draft.bad)
            first, last = draft.rows
            rows = loc_text(first) if first == last else _span(first, last)
            for p in problems:
                self.errors.add(_("{at} (session {session}): {problem}").format(
                    at=rows, session=_draft_label(draft), problem=p))
            if not problems:
                records.append(Record(result=clean, municipality=draft.info.slug,
                                      phase=draft.info.phase, format=draft.info.format.id))
        return records


def _draft_label(draft: _Draft) -> str:
    return part_label(draft.info.session.id, draft.station or "",
                      draft.day.isoformat() if draft.day else "")


def _span(first: Location, last: Location) -> str:
    """``rows 3-9`` (also within one sheet)."""
    if first[0] == last[0]:
        return _("{sheet}rows {first}-{last}").format(sheet=first[0], first=first[1],
                                                       last=last[1])
    return _("{first} to {last}").format(first=loc_text(first), last=loc_text(last))


def parse_csv(workspace: Workspace, data: bytes, where: str) -> tuple[list[Record], int]:
    """Parse a result sheet CSV (see the module docstring); return records and data lines."""
    text = _decode(data, where)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first_line))
    errors = _Errors(where)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ResultError(
            _("{file}: row 1: not a readable CSV file ({problem}); nothing stored").format(
                file=where, problem=exc)) from None
    columns = header_columns(header, errors)
    errors.raise_if_any()
    width = len(columns)
    rows = RowReader(workspace, errors)
    # cell indexes of the reader's columns (a missing optional column reads as empty)
    i_t, i_s, i_d, i_f, i_o, i_p, i_r, i_w = (
        columns.index(c) if c in columns else width
        for c in ("termin", "station", "tag", "feld", "option", "ortsteil", "profil", "wert"))
    padded = [""] * (width + 1)
    add = rows.add
    rownum = 1
    try:
        for cells in reader:
            rownum += 1
            n = len(cells)
            if n != width:
                if n > width and "".join(cells[width:]).strip():
                    errors.add(ngettext("row {row}: {n} cells, but the header has {width} column",
                                        "row {row}: {n} cells, but the header has {width} "
                                        "columns", width).format(row=rownum, n=n, width=width))
                    continue
                cells = (cells + padded)[:width]
            if not "".join(cells).strip():
                continue
            if "'" in "".join(cells):  # "'=1+1" as safe_cell wrote it: "=1+1"
                cells = [restore_cell(c) for c in cells]
            cells.append("")
            add(rownum, cells[i_t].strip(), cells[i_s].strip(), cells[i_d].strip(),
                cells[i_f].strip(), cells[i_o].strip(), cells[i_p].strip(), cells[i_r].strip(),
                cells[i_w].strip())
    except csv.Error as exc:
        errors.add(_("row {row}: not readable as CSV ({problem})").format(
            row=rownum + 1, problem=exc))
    if not rows.data_rows and not errors.items:
        raise ResultError(_("{file}: no results in the file (only a header line); nothing "
                            "stored").format(file=where))
    records = rows.records()
    errors.raise_if_any()
    return records, rows.data_rows


def _apply_row(draft: _Draft, feld: str, option: str, ortsteil: str, profil: str, raw: str,
               rownum: Location) -> None:
    fmt = draft.info.format
    fld = fmt.result_field(feld)
    if fld is None:
        key = feld.casefold()
        if key in (PARTICIPANTS.casefold(), "participants"):
            if not raw:
                return
            try:
                group = match_target_group(option)
            except Bad as exc:
                raise Bad(_("field {field}: column option: {problem}").format(
                    field=PARTICIPANTS, problem=exc)) from None
            if group in draft.participants:
                raise Bad(_('field {field}: target group "{group}" given twice (first in {at})')
                          .format(field=PARTICIPANTS, group=group.value,
                                  at=loc_text(draft.seen[("p", group)])))
            draft.seen[("p", group)] = rownum
            try:
                draft.participants[group] = parse_count(raw)
            except Bad as exc:
                raise Bad(_("field {field} ({label}): {problem}").format(
                    field=PARTICIPANTS, label=group.label, problem=exc)) from None
            return
        if key in (RECORDED_BY.casefold(), "recorded_by", "erfasst_von"):
            draft.recorded_by = raw
            return
        if not feld:
            raise Bad(_("field feld: field name missing"))
        names = [f.name for f in fmt.result_fields]
        hint = did_you_mean(feld, names)
        raise Bad(_("field {field}: unknown field{hint}; the fields of {format} are: {fields}")
                  .format(field=feld, hint=hint, format=fmt.id,
                          fields=", ".join([*names, PARTICIPANTS, RECORDED_BY])))
    t = fld.type
    name = fld.name
    where = _("field {field} ({label})").format(field=name, label=fld.label)
    try:
        if t in SCALAR_TYPES:
            if not raw:
                return
            if (name,) in draft.seen:
                raise Bad(_("given twice (first in {at})").format(
                    at=loc_text(draft.seen[(name,)])))
            draft.seen[(name,)] = rownum
            draft.values[name] = check_value(fld, raw)
        elif t is ResultType.TEXT_LIST:
            if raw:
                draft.values.setdefault(name, []).append(raw)
        elif t is ResultType.CHOICE_VOTES:
            if not raw:
                return
            opt = match_option(fld, option)
            if (name, opt) in draft.seen:
                raise Bad(_('option "{option}" given twice (first in {at})').format(
                    option=opt, at=loc_text(draft.seen[(name, opt)])))
            draft.seen[(name, opt)] = rownum
            draft.values.setdefault(name, {})[opt] = parse_count(raw)
        elif t is ResultType.MAP_POINTS:
            if not (raw or option or ortsteil):
                return
            category = match_option(fld, option, "category")
            place = match_ortsteil(draft.info.municipality, ortsteil)
            draft.values.setdefault(name, []).append(
                {"category": category, "ortsteil": place, "note": raw}
            )
        elif t is ResultType.SCORES:
            if not raw:
                return  # nicht bewertet
            opt = match_option(fld, option)
            label = profil or "Profil 1"
            profile = draft.profiles.setdefault(name, {}).setdefault(label, {})
            if opt in profile:
                raise Bad(_('profile "{label}": option "{option}" given twice').format(
                    label=label, option=opt))
            profile[opt] = parse_percent(raw)
    except Bad as exc:
        draft.bad.add(name)  # not "required, but no value given" as well
        raise Bad(f"{where}: {exc}") from None


def parse_toml(workspace: Workspace, data: bytes, where: str) -> tuple[list[Record], int]:
    """Parse a TOML result file (see the module docstring); return records and results."""
    text = _decode(data, where)
    doc = _parse_toml_text(text, where, error=ResultError, suffix=_("; nothing stored"))
    errors = _Errors(where)
    if "results" in doc:
        for key in sorted(set(doc) - {"results"}):
            errors.add(_("{key}: unknown key next to [[results]] (a file holds one result at "
                         "the top level, or [[results]] tables)").format(key=shorten(key)))
        items = doc["results"]
        if not isinstance(items, list):
            raise ResultError(_("{file}: results: expected [[results]] tables; nothing stored")
                              .format(file=where))
        labelled = [(f"results[{i}]", item) for i, item in enumerate(items)]
    elif doc:
        labelled = [("", doc)]
    else:
        raise ResultError(_("{file}: no results in the file; nothing stored").format(file=where))
    if not labelled:
        raise ResultError(_("{file}: no results in the file; nothing stored").format(file=where))
    sessions = workspace.sessions()
    records = []
    first_of: dict[tuple, str] = {}  # (session, station, day) -> where its result is
    for label, item in labelled:
        at = f"{label}: " if label else ""
        if not isinstance(item, dict):
            errors.add(_("{at}expected a table, got {value}").format(at=at, value=describe(item)))
            continue
        extra = sorted(set(item) - {"session", "station", "day", "participants", "values",
                                    "recorded_by"})
        if extra:
            errors.add(ngettext("{at}unknown key {keys} (allowed: session, station, day, "
                                "participants, values, recorded_by)",
                                "{at}unknown keys {keys} (allowed: session, station, day, "
                                "participants, values, recorded_by)", len(extra)).format(
                                    at=at, keys=", ".join(extra)))
            continue
        sid = item.get("session")
        if not isinstance(sid, str) or not sid.strip():
            errors.add(_("{at}field session: required, the session id").format(at=at))
            continue
        try:
            info = session_info(workspace, sid.strip(), sessions=sessions)
        except ResultError as exc:
            errors.add(_("{at}field session: {problem}").format(at=at, problem=exc.message))
            continue
        participants = item.get("participants", {})
        values = item.get("values", {})
        recorded_by = item.get("recorded_by", "")
        bad = False
        if not isinstance(participants, dict):
            errors.add(_("{at}(session {session}): participants: expected a table of target "
                         "groups, got {value}").format(at=at, session=sid,
                                                       value=describe(participants)))
            bad = True
        if not isinstance(values, dict):
            errors.add(_("{at}(session {session}): values: expected a table of field values, "
                         "got {value}").format(at=at, session=sid, value=describe(values)))
            bad = True
        if not isinstance(recorded_by, str):
            errors.add(_("{at}(session {session}): recorded_by: expected text, got {value}")
                       .format(at=at, session=sid, value=describe(recorded_by)))
            bad = True
        station, day = item.get("station"), item.get("day")
        if station is not None and not isinstance(station, str):
            errors.add(_("{at}(session {session}): station: expected the venue id of a "
                         "station, got {value}").format(at=at, session=sid,
                                                        value=describe(station)))
            bad = True
        if day is not None and not isinstance(day, (str, dt.date)):
            errors.add(_("{at}(session {session}): day: expected a date, got {value}").format(
                at=at, session=sid, value=describe(day)))
            bad = True
        if bad:
            continue
        part = (info.session.id, str(station or ""), str(day or ""))
        if part in first_of:
            what = part_label(*part)
            errors.add(_("{at}field session: a second result for session {session} (the first "
                         "is {first}); one result sheet each").format(
                             at=at, session=what, first=first_of[part]))
            continue
        first_of[part] = label or _("at the top")
        result = Result(session=info.session.id, participants=participants, values=values,
                        recorded_by=recorded_by, station=station, day=day)
        clean, problems = result_problems(info, result, name_field=_values_key)
        for p in problems:
            errors.add(_("{at}(session {session}): {problem}").format(
                at=at, session=sid, problem=p))
        if not problems:
            records.append(Record(result=clean, municipality=info.slug, phase=info.phase,
                                  format=info.format.id))
    errors.raise_if_any()
    return records, len(labelled)




def _values_key(name: str, label: str | None = None) -> str:
    """A field of a TOML result in a message: ``values.bearbeitungen (Bearbeitungen)``."""
    return f"values.{name}" + (f" ({label})" if label is not None else "")
