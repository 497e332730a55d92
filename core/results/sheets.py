"""The blank result sheet of a session: the lines printed on paper and written as CSV.

One line per value; the columns (German, like the printed sheet) are :data:`CSV_COLUMNS`; see
:mod:`werkzeugkoffer.results` for what each column holds. The CSV is written with ``;`` as
separator and a UTF-8 byte order mark, which German spreadsheet programs open directly; text
cells go through :func:`~werkzeugkoffer.results.export.safe_cell` (no formulas).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..files import write_atomic
from ..model import Format, Municipality, ResultField, ResultType, Session, TargetGroup
from ..text import RESULT_TYPE_HINTS, with_note
from .export import safe_cell
from .validation import required_on, session_info
from .values import PARTICIPANTS, RECORDED_BY, SCALAR_TYPES, group_label

if TYPE_CHECKING:
    from ..workspace import Workspace

CSV_COLUMNS = ("termin", "station", "tag", "feld", "bezeichnung", "option", "ortsteil",
               "profil", "wert")
"""Columns of the result sheet CSV, in the order :func:`blank_csv` writes them."""

BLANK_LIST_LINES = 5


def _type_hint(fld: ResultField) -> str:
    return RESULT_TYPE_HINTS[fld.type]


def sheet_rows(fmt: Format, session: Session, municipality: Municipality | None = None
               ) -> list[dict[str, str]]:
    """The lines of the result sheet of a session, as :data:`CSV_COLUMNS` dicts (empty values).

    A session at stations gets one block of lines per station (``station`` = the station's
    venue id), so that each station's sheet is typed in on its own; everything else gets one
    block. ``tag`` (the day) is left empty: fill it in to record a day on its own. The printed
    sheet and :func:`blank_csv` show the same lines. "Pflichtfeld" marks what the import
    requires (:func:`~.validation.required_on`): on a station's block, nothing.
    """
    rows: list[dict[str, str]] = []
    stations = [st.venue for st in session.stations] or [""]
    for station in stations:
        rows.extend(_block_rows(fmt, session.id, station))
    return rows


def _block_rows(fmt: Format, sid: str, station: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []

    def row(feld: str, label: str, option: str = "", ortsteil: str = "", profil: str = ""):
        rows.append({"termin": sid, "station": station, "tag": "", "feld": feld,
                     "bezeichnung": label, "option": option, "ortsteil": ortsteil,
                     "profil": profil, "wert": ""})

    for group in TargetGroup:  # as on the printed sheet: every group, "alle" = ohne Zuordnung
        row(PARTICIPANTS, f"Teilnehmende: {group_label(group)}", group.value)
    for fld in fmt.result_fields:
        # a station's block is a part of the session: no field is required on it (the import's
        # rule, required_on), so none is marked
        required = "Pflichtfeld" if required_on(fld, part=bool(station)) else ""
        label = with_note(fld.label, _type_hint(fld), required)
        t = fld.type
        if t in SCALAR_TYPES:
            row(fld.name, label)
        elif t is ResultType.TEXT_LIST:
            for _ in range(BLANK_LIST_LINES):
                row(fld.name, label)
        elif t is ResultType.CHOICE_VOTES:
            for opt in fld.options:
                row(fld.name, label, opt)
        elif t is ResultType.MAP_POINTS:
            for _ in range(BLANK_LIST_LINES):
                row(fld.name, with_note(fld.label, "ein Punkt je Zeile; option = Kategorie: "
                                        f"{', '.join(fld.options)}; Notiz in wert", required))
        elif t is ResultType.SCORES:
            for opt in fld.options:
                target = fld.targets.get(opt)
                soll = f"Soll {target} %" if target is not None else "Soll: nicht bewertet"
                row(fld.name, with_note(f"{fld.label}: {opt}", soll, required), opt,
                    profil="Profil 1")
    row(RECORDED_BY, "Wer hat den Bogen übertragen? (wird nicht veröffentlicht)")
    return rows


def field_label(fld: ResultField) -> str:
    """A field's label with the kind of value it takes, as on the blank sheet."""
    return with_note(fld.label, _type_hint(fld), "Pflichtfeld" if fld.required else "")


def blank_csv(fmt: Format, session: Session, municipality: Municipality | None = None) -> bytes:
    """An empty, pre-filled result sheet CSV of one session (``;``-separated, UTF-8 with BOM).

    The kit builder can write one per session next to the printed sheet; see the module
    docstring for the columns.
    """
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: safe_cell(value) for key, value in row.items()}
                     for row in sheet_rows(fmt, session, municipality))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def write_blank_csv(path: str | Path, fmt: Format, session: Session,
                    municipality: Municipality | None = None) -> Path:
    """Write :func:`blank_csv` to ``path`` (atomically); return the path."""
    path = Path(path)
    write_atomic(path, blank_csv(fmt, session, municipality))
    return path


def blank_csv_name(session: Session) -> str:
    return f"ergebnis-{session.id}.csv"


def write_blank_csvs(workspace: Workspace, session_ids: Iterable[str], out: str | Path) -> list[Path]:
    """Write the blank CSV of each session into folder ``out``; return the files."""
    sessions = workspace.sessions()
    out = Path(out)
    written = []
    for sid in session_ids:
        info = session_info(workspace, sid, sessions=sessions)
        written.append(write_blank_csv(out / blank_csv_name(info.session), info.format,
                                       info.session, info.municipality))
    return written


