"""Importing result files and adding single results: the ways results enter the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

import attrs
from attrs import frozen

from ..errors import ResultError
from ..i18n import _
from ..files import read_input
from ..model import Result
from .parts import session_result
from .reading import parse_csv, parse_toml
from .store import Record, ResultStore, SaveSummary, StoredResult, file_hash
from .validation import validate_result
from .values import format_value

if TYPE_CHECKING:
    from ..workspace import Workspace


@frozen(kw_only=True)
class ParsedFile:
    """A result file read and validated: the records to store and where they came from."""

    path: Path
    name: str
    file_hash: str
    records: tuple[Record, ...]
    rows: int



def read_result_file(workspace: Workspace, path: str | Path, *, name: str | None = None) -> ParsedFile:
    """Read and validate a CSV, TOML or XLSX result file (all problems at once, or the
    records)."""
    path = Path(path)
    where = name or str(path)
    data = read_input(path, where, error=ResultError,
                      folder_hint=_("expected a .csv, .toml or .xlsx file"))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        records, rows = parse_csv(workspace, data, where)
    elif suffix == ".toml":
        records, rows = parse_toml(workspace, data, where)
    elif suffix in (".xlsx", ".xlsm"):
        from .workbook import parse_xlsx  # openpyxl is imported only for workbooks

        records, rows = parse_xlsx(workspace, data, where)
    else:
        raise ResultError(_("{file}: unknown file type {suffix}; import .csv, .toml or .xlsx "
                            "files").format(file=where, suffix=path.suffix or _("(none)")))
    fh = file_hash(data)
    records = tuple(
        Record(result=attrs.evolve(r.result, source=path.name), municipality=r.municipality,
               phase=r.phase, format=r.format, file_hash=fh)
        for r in records
    )
    return ParsedFile(path=path, name=where, file_hash=fh, records=records, rows=rows)


@frozen(kw_only=True)
class ImportOutcome:
    file: str
    results: int
    rows: int
    summary: SaveSummary


def open_store(workspace: Workspace) -> ResultStore:
    """The workspace's result store (created when missing)."""
    return ResultStore.for_workspace(workspace)


def import_file(workspace: Workspace, path: str | Path, *, replace: bool = False,
                store: ResultStore | None = None, name: str | None = None) -> ImportOutcome:
    """Import one CSV or TOML file: all of its results, or none (:class:`ResultError`)."""
    parsed = read_result_file(workspace, path, name=name)
    own = store is None
    store = store or open_store(workspace)
    try:
        summary = store.save(parsed.records, replace=replace, file_name=parsed.path.name,
                             file_hash=parsed.file_hash, rows=parsed.rows, where=parsed.name)
    finally:
        if own:
            store.close()
    return ImportOutcome(file=parsed.name, results=len(parsed.records), rows=parsed.rows,
                         summary=summary)


def add_result(workspace: Workspace, result: Result, *, replace: bool = False,
               store: ResultStore | None = None) -> SaveSummary:
    """Validate and store one result (typed in or given as options)."""
    record = validate_result(workspace, result)
    own = store is None
    store = store or open_store(workspace)
    try:
        return store.save([record], replace=replace,
                          where=_("session {session}").format(session=result.session))
    finally:
        if own:
            store.close()


def stored_results(workspace: Workspace, *, municipality: str | Iterable[str] | None = None,
                   phase: int | None = None) -> list[StoredResult]:
    """The stored results of a workspace (none when it has no result store yet)."""
    with ResultStore.reading(workspace) as store:
        if store is None:
            return []
        return store.results(municipality=municipality, phase=phase)



def result_text(workspace: Workspace, stored: StoredResult) -> str:
    """A stored result for the terminal (one station's or day's sheet is named as such)."""
    return _text(workspace, stored, stored.result, f"Ergebnis {_german_label(stored)}")


def session_text(workspace: Workspace, parts: Sequence[StoredResult]) -> str:
    """All stored results of a session for the terminal: each sheet and, for several, their
    sum (:func:`~werkzeugkoffer.results.parts.session_result`)."""
    if len(parts) == 1:
        return result_text(workspace, parts[0])
    out = [result_text(workspace, p) for p in parts]
    first = parts[0]
    fmt = workspace.catalogue.get(first.format)
    found = workspace.sessions().get(first.session)
    if fmt is not None:
        total = session_result(fmt, [p.result for p in parts], found[2] if found else None)
        out.append(_text(workspace, first, total,
                         f"Ergebnis {first.session} zusammen ({len(parts)} Bögen)",
                         recorded=False))
    return "\n\n".join(out)


def _german_label(stored: StoredResult) -> str:
    r = stored.result
    out = stored.session
    if r.station:
        out += f", Station {r.station}"
    if r.day:
        out += f", {r.day:%d.%m.%Y}"
    return out


def _text(workspace: Workspace, stored: StoredResult, res: Result, head: str, *,
          recorded: bool = True) -> str:
    fmt = workspace.catalogue.get(stored.format)
    found = workspace.sessions().get(stored.session)
    lines = [head]
    if found is not None:
        slug, phase, session = found
        m = workspace.municipalities[slug]
        venue = m.venue(session.main_venue) if session.main_venue else None
        place = venue.name if venue else (session.main_venue or "")
        lines.append(f"{m.name}, Phase {phase}, {session.date.strftime('%d.%m.%Y')}, {place}")
    else:
        lines.append(_("{municipality}, Phase {phase} (session no longer in the workspace)")
                     .format(municipality=stored.municipality, phase=stored.phase))
    lines.append(f"Format: {fmt.title if fmt else stored.format} ({stored.format})")
    if res.participants:
        parts = ", ".join(f"{getattr(g, 'label', g)} {n}" for g, n in res.participants.items())
        lines.append(f"Teilnehmende: {res.total_participants} ({parts})")
    else:
        lines.append("Teilnehmende: nicht erfasst")
    for name, value in res.values.items():
        fld = fmt.result_field(name) if fmt else None
        shown = format_value(fld, value)
        label = fld.label if fld else name
        if len(shown) == 1 and not shown[0].startswith("- "):
            lines.append(f"{label}: {shown[0]}")
        else:
            lines.append(f"{label}:")
            lines.extend(f"  {s}" for s in shown)
    if not recorded:
        return "\n".join(lines)
    try:
        when = dt.datetime.fromisoformat(stored.recorded_at).strftime("%d.%m.%Y, %H:%M Uhr")
    except ValueError:
        when = stored.recorded_at
    lines.append(f"Erfasst: {when}"
                 + (f" von {res.recorded_by}" if res.recorded_by else "")
                 + (f", Datei {res.source}" if res.source else ""))
    return "\n".join(lines)
