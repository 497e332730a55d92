"""Editing workspace TOML files in place: comments, order and layout of the user's file are kept.

``werkzeugkoffer plan apply`` and ``werkzeugkoffer schedule --write`` change municipality files
through this module. Every change is made on a :mod:`tomlkit` document; :func:`save` checks that
each edited text still loads as a valid municipality before anything is written, then writes the
files atomically (a temporary file and a rename), so a failed edit leaves every file as it was.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any, Iterable

import tomlkit
from tomlkit.items import AoT, Array, Comment, Table, Whitespace
from tomlkit.toml_document import TOMLDocument

from ..conversion import structure
from ..errors import InputError
from ..i18n import _, ngettext
from ..files import parse_toml, read_input, write_atomic
from ..model import Opening, Phase, Session, Station

__all__ = [
    "Edit",
    "add_sessions",
    "find_phase",
    "load",
    "phase_table",
    "put_phase",
    "save",
    "session_table",
    "station_table",
    "set_phase_dates",
    "set_session_dates",
]


class Edit:
    """One file being edited: its path, its name for messages and the tomlkit document."""

    def __init__(self, path: Path, where: str, doc: TOMLDocument, original: str):
        self.path = path
        self.where = where
        self.doc = doc
        self.original = original

    @property
    def text(self) -> str:
        return tomlkit.dumps(self.doc)

    @property
    def changed(self) -> bool:
        return self.text != self.original


def load(path: str | Path, where: str | None = None) -> Edit:
    """Read a TOML file for editing; errors name the file."""
    path = Path(path)
    where = where or str(path)
    try:
        text = read_input(path, where).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(_("{file}: not UTF-8 text (byte {byte}); save the file as UTF-8").format(
            file=where, byte=exc.start)) from None
    parse_toml(text, where)  # within the limits (tomlkit recurses and is slow on hostile input)
    try:
        doc = tomlkit.parse(text)
    except Exception as exc:  # tomlkit raises its own ParseError subclasses
        raise InputError(_("{file}: invalid TOML: {error}").format(file=where, error=exc)) from None
    return Edit(path, where, doc, text)


# -- reading the document --------------------------------------------------------------------


def _phases(doc: TOMLDocument, where: str) -> Any:
    phases = doc.get("phases")
    if phases is None:
        return None
    if not isinstance(phases, (AoT, Array, list)):
        raise InputError(_("{file}: phases: expected [[phases]] tables").format(file=where))
    return phases


def find_phase(edit: Edit, number: int) -> tuple[int, Any] | None:
    """``(index, table)`` of the phase with this number, or ``None``."""
    phases = _phases(edit.doc, edit.where)
    for i, table in enumerate(phases or ()):
        if table.get("number") == number:
            return i, table
    return None


def _sessions_by_id(phase_tbl: Any) -> dict[str, Any]:
    return {s.get("id"): s for s in (phase_tbl.get("sessions") or ())}


# -- building tables ---------------------------------------------------------------------------


def _hhmm(value: dt.time) -> str:
    return value.strftime("%H:%M") if not (value.second or value.microsecond) else value.isoformat()


def _opening_table(o: Opening) -> Any:
    t = tomlkit.inline_table()
    t["date"] = o.date
    if o.start is not None:
        t["start"] = _hhmm(o.start)
    if o.end is not None:
        t["end"] = _hhmm(o.end)
    return t


def _openings(openings) -> Array:
    arr = tomlkit.array()
    arr.extend(_opening_table(o) for o in openings)
    if len(openings) > 2:
        arr.multiline(True)
    return arr


def station_table(st: Station) -> Table:
    """A ``[[phases.sessions.stations]]`` table."""
    t = tomlkit.table()
    t["venue"] = st.venue
    if st.title:
        t["title"] = st.title
    if st.start is not None:
        t["start"] = _hhmm(st.start)
    if st.end is not None:
        t["end"] = _hhmm(st.end)
    if st.weekdays:
        t["weekdays"] = list(st.weekdays)
    if st.openings:
        t["openings"] = _openings(st.openings)
    if st.staff is not None:
        t["staff"] = st.staff
    if st.expected is not None:
        t["expected"] = st.expected
    if st.host:
        t["host"] = st.host
    return t


def session_table(s: Session) -> Table:
    """A ``[[phases.sessions]]`` table in the order a person would write it."""
    t = tomlkit.table()
    t["id"] = s.id
    t["format"] = s.format
    if s.title is not None:
        t["title"] = s.title
    t["date"] = s.date
    if s.end_date is not None:
        t["end_date"] = s.end_date
    if s.weekdays:
        t["weekdays"] = list(s.weekdays)
    if s.openings:
        t["openings"] = _openings(s.openings)
    t["start"] = _hhmm(s.start)
    t["end"] = _hhmm(s.end)
    if s.venue is not None:
        t["venue"] = s.venue
    if s.host:
        t["host"] = s.host
    t["expected"] = s.expected
    if s.url is not None:
        t["url"] = s.url
    if s.notes:
        t["notes"] = s.notes
    if s.public is not None:
        t["public"] = s.public
    if s.registration is not None:
        t["registration"] = s.registration
    if s.fee:
        t["fee"] = s.fee
    if s.stations:
        aot = tomlkit.aot()
        for st in s.stations:
            aot.append(station_table(st))
        t["stations"] = aot
    return t


def phase_table(phase: Phase, comment: str | None = None) -> Table:
    """A ``[[phases]]`` table with its sessions."""
    t = tomlkit.table()
    if comment:
        t.add(tomlkit.comment(comment))
    t["number"] = phase.number
    t["start"] = phase.start
    t["end"] = phase.end
    if phase.fixed:
        t["fixed"] = True
    if phase.focus:
        t["focus"] = phase.focus
    if phase.aims:
        t["aims"] = list(phase.aims)
    if phase.sessions:
        aot = tomlkit.aot()
        for s in phase.sessions:
            aot.append(session_table(s))
        t["sessions"] = aot
    return t


# -- changing the document ---------------------------------------------------------------------


def _last_table(table: Any) -> Any:
    """The table whose body ends the text of ``table`` (its last sub-table, recursively)."""
    body = table.value.body
    for key, value in reversed(body):
        if key is None:
            continue
        if isinstance(value, AoT) and len(value):
            return _last_table(value[-1])
        if isinstance(value, Table):
            return _last_table(value)
        break
    return table


def _trailing_trivia(table: Any) -> list:
    """Comments and blank lines at the end of a table: they belong to what follows it."""
    if not isinstance(table, Table):
        return []
    body = _last_table(table).value.body
    out = []
    for key, value in reversed(body):
        if key is not None or not isinstance(value, (Comment, Whitespace)):
            break
        out.append((key, value))
    return out[::-1]


def put_phase(edit: Edit, phase: Phase, *, comment: str | None = None) -> None:
    """Write ``phase`` into the document: replace the phase with its number or add it.

    Comments outside the replaced phase are kept, including those that end its table (they are
    the heading of what follows). Phases stay in the order of their numbers.
    """
    new = phase_table(phase, comment)
    phases = _phases(edit.doc, edit.where)
    if phases is None:
        aot = tomlkit.aot()
        aot.append(new)
        edit.doc["phases"] = aot
        return
    if isinstance(phases, Array):
        raise InputError(
            _("{file}: phases: written as an inline array; write each phase as a [[phases]] table "
              "so werkzeugkoffer can edit it").format(file=edit.where)
        )
    found = find_phase(edit, phase.number)
    if found is not None:
        index, old = found
        trivia = _trailing_trivia(old)
        if trivia:
            _last_table(new).value.body.extend(trivia)
        phases[index] = new
        return
    index = sum(1 for t in phases if isinstance(t.get("number"), int) and t["number"] < phase.number)
    new.trivia.indent = "\n"
    if index >= len(phases):
        phases.append(new)
    else:
        _last_table(new).add(tomlkit.nl())
        phases.insert(index, new)


def add_sessions(edit: Edit, number: int, sessions: Iterable[Session]) -> None:
    """Append sessions to the phase with this number (the phase must exist); everything
    else in the file, comments included, stays as it is."""
    found = find_phase(edit, number)
    if found is None:
        raise InputError(_("{file}: phase {number} not found").format(file=edit.where,
                                                                      number=number))
    index, table = found
    existing = table.get("sessions")
    if existing is None:
        aot = tomlkit.aot()
        for s in sessions:
            aot.append(session_table(s))
        table["sessions"] = aot
        return
    if not isinstance(existing, AoT):
        raise InputError(
            _("{file}: {field}: written as an inline array; write each session as a "
              "[[phases.sessions]] table so werkzeugkoffer can add to it").format(
                file=edit.where, field=f"phases[{index}].sessions"))
    for s in sessions:
        table = session_table(s)
        table.trivia.indent = "\n"  # a blank line before each new [[phases.sessions]]
        existing.append(table)


def set_phase_dates(edit: Edit, number: int, start: dt.date, end: dt.date) -> None:
    """Set a phase's ``start`` and ``end`` (the phase must exist)."""
    found = find_phase(edit, number)
    if found is None:
        raise InputError(_("{file}: phase {number} not found").format(file=edit.where,
                                                                      number=number))
    _index, table = found
    table["start"] = start
    table["end"] = end


def set_session_dates(
    edit: Edit, number: int, session_id: str, date: dt.date, end_date: dt.date | None,
    *, shift: dt.timedelta | None = None,
) -> None:
    """Set a session's ``date`` (and ``end_date`` when it has one); explicit opening days of the
    session and its stations move by ``shift`` (default: by as much as ``date`` moves)."""
    found = find_phase(edit, number)
    if found is None:
        raise InputError(_("{file}: phase {number} not found").format(file=edit.where,
                                                                      number=number))
    table = _sessions_by_id(found[1]).get(session_id)
    if table is None:
        raise InputError(_('{file}: phase {number}: session "{id}" not found').format(
            file=edit.where, number=number, id=session_id))
    old = table.get("date")
    if shift is None:
        shift = date - old if isinstance(old, dt.date) else dt.timedelta(0)
    table["date"] = date
    if end_date is not None:
        table["end_date"] = end_date
    elif "end_date" in table:
        del table["end_date"]
    if shift:
        for owner in [table, *(table.get("stations") or ())]:
            for opening in owner.get("openings") or ():
                day = opening.get("date")
                if isinstance(day, str):  # dates may be written as strings
                    try:
                        day = dt.date.fromisoformat(day)
                    except ValueError:
                        continue
                if isinstance(day, dt.date):
                    opening["date"] = day + shift


# -- writing -----------------------------------------------------------------------------------


def save(edits: Iterable[Edit], *, cls: type | None = None) -> list[Path]:
    """Write every changed file, but only after all of them passed validation.

    Each new text must parse as TOML and, when ``cls`` is given, structure into ``cls`` (with
    errors naming the file and the field). Files whose text did not change are not touched.
    Returns the paths written.
    """
    pending = []
    for edit in edits:
        text = edit.text
        if text == edit.original:
            continue
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:  # pragma: no cover - tomlkit writes valid TOML
            raise InputError(_("{file}: edit would produce invalid TOML: {error}").format(
                file=edit.where, error=exc)) from None
        if cls is not None:
            structure(data, cls, where=edit.where)
        pending.append((edit, text))
    written = []
    for edit, text in pending:
        # the file must still be what we read: never overwrite a change made meanwhile
        try:
            current = edit.path.read_bytes().decode("utf-8")
        except OSError:
            current = None
        if current != edit.original:
            raise InputError(
                ngettext("{file}: file changed while werkzeugkoffer was editing it; run again ({n} "
                         "file already written)",
                         "{file}: file changed while werkzeugkoffer was editing it; run again ({n} "
                         "files already written)", len(written)).format(
                    file=edit.where, n=len(written))
                if written else
                _("{file}: file changed while werkzeugkoffer was editing it; run again; nothing "
                  "written").format(file=edit.where)
            )
        write_atomic(edit.path, text)
        edit.original = text
        written.append(edit.path)
    return written
