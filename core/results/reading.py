"""Reading result files (CSV result sheets and TOML) into validated records.

Every problem of a file is collected and reported with the file, the row (CSV line or
``results[n]``) and the field; a file yields all of its records or an error.
"""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import frozen

from ..conversion import describe
from ..errors import ResultError
from ..model import Result, ResultType, TargetGroup
from ..names import did_you_mean
from .sheets import CSV_COLUMNS
from .store import Record, file_hash
from .validation import SessionInfo, result_problems, session_info
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
    "value": "wert", "kennung": "termin",
}
_IGNORED_COLUMNS = {"gemeinde", "ags", "phase", "datum", "format", "thema", "typ"}
MAX_ERRORS = 30


@frozen(kw_only=True)
class ParsedFile:
    """A result file read and validated: the records to store and where they came from."""

    path: Path
    name: str
    file_hash: str
    records: tuple[Record, ...]
    rows: int


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
            shown.append(f"... and {len(items) - MAX_ERRORS} more")
        if len(items) == 1:
            raise ResultError(f"{self.where}: {items[0]}; nothing stored")
        raise ResultError(f"{self.where}: {len(items)} problems; nothing stored", details=shown)


def _decode(data: bytes, where: str) -> str:
    if not data.strip():
        raise ResultError(f"{where}: file is empty; nothing stored")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ResultError(
            f"{where}: row {line}: not UTF-8 text (byte {exc.start}); save the file as UTF-8 "
            "(in a spreadsheet program: \"CSV UTF-8\"); nothing stored"
        ) from None
    if not text.strip():
        raise ResultError(f"{where}: file is empty; nothing stored")
    return text


def read_result_file(workspace: Workspace, path: str | Path, *, name: str | None = None) -> ParsedFile:
    """Read and validate a CSV or TOML result file (all problems at once, or the records)."""
    path = Path(path)
    where = name or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ResultError(f"{where}: file not found") from None
    except IsADirectoryError:
        raise ResultError(f"{where}: is a folder, expected a .csv or .toml file") from None
    except OSError as exc:
        raise ResultError(f"{where}: cannot read file: {exc.strerror}") from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        records, rows = parse_csv(workspace, data, where)
    elif suffix == ".toml":
        records, rows = parse_toml(workspace, data, where)
    else:
        raise ResultError(f"{where}: unknown file type {path.suffix or '(none)'}; "
                          "import .csv or .toml files")
    fh = file_hash(data)
    records = tuple(
        Record(result=Result(session=r.result.session, participants=r.result.participants,
                             values=r.result.values, recorded_by=r.result.recorded_by,
                             source=path.name),
               municipality=r.municipality, phase=r.phase, format=r.format, file_hash=fh)
        for r in records
    )
    return ParsedFile(path=path, name=where, file_hash=fh, records=records, rows=rows)


class _Draft:
    """A session's values collected from CSV lines."""

    def __init__(self, info: SessionInfo, first_row: int):
        self.info = info
        self.rows = [first_row, first_row]
        self.values: dict[str, Any] = {}
        self.seen: dict[tuple, int] = {}
        self.participants: dict[TargetGroup, int] = {}
        self.recorded_by = ""
        self.profiles: dict[str, dict[str, dict[str, float]]] = {}


def _sniff_delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


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
            f"{where}: row 1: not a readable CSV file ({exc}); nothing stored") from None
    columns = []
    for i, raw in enumerate(header):
        key = raw.strip().lstrip("\ufeff").casefold()
        key = _COLUMN_ALIASES.get(key, key)
        if key not in CSV_COLUMNS and key not in _IGNORED_COLUMNS:
            errors.add(f'row 1: column {i + 1} "{raw}": unknown column (the columns are: '
                       f'{", ".join(CSV_COLUMNS)})')
        elif key in columns:
            errors.add(f'row 1: column "{raw}" appears twice')
        columns.append(key)
    for needed in ("termin", "feld", "wert"):
        if needed not in columns:
            errors.add(f'row 1: column "{needed}" missing (the columns are: '
                       f'{", ".join(CSV_COLUMNS)})')
    errors.raise_if_any()
    idx = {c: i for i, c in enumerate(columns)}
    width = len(columns)
    i_termin, i_feld, i_wert = idx["termin"], idx["feld"], idx["wert"]
    i_option, i_ortsteil, i_profil = idx.get("option"), idx.get("ortsteil"), idx.get("profil")

    sessions = workspace.sessions()
    infos: dict[str, SessionInfo | None] = {}
    drafts: dict[str, _Draft] = {}
    data_rows = 0
    rownum = 1
    try:
        for cells in reader:
            rownum += 1
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                errors.add(f"row {rownum}: {len(cells)} cells, but the header has {width} "
                           "columns")
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            data_rows += 1
            sid = cells[i_termin].strip()
            feld = cells[i_feld].strip()
            raw = cells[i_wert].strip()
            if not sid:
                errors.add(f"row {rownum}: field termin: session id missing")
                continue
            if sid not in infos:
                try:
                    infos[sid] = session_info(workspace, sid, sessions=sessions)
                except ResultError as exc:
                    infos[sid] = None
                    errors.add(f"row {rownum}: field termin: {exc.message}")
            info = infos[sid]
            if info is None:
                continue
            sid = info.session.id
            draft = drafts.get(sid)
            if draft is None:
                draft = drafts[sid] = _Draft(info, rownum)
            draft.rows[1] = rownum
            option = cells[i_option].strip() if i_option is not None else ""
            ortsteil = cells[i_ortsteil].strip() if i_ortsteil is not None else ""
            profil = cells[i_profil].strip() if i_profil is not None else ""
            try:
                _apply_row(draft, feld, option, ortsteil, profil, raw, rownum)
            except Bad as exc:
                errors.add(f"row {rownum} (session {sid}): {exc}")
    except csv.Error as exc:
        errors.add(f"row {rownum + 1}: not readable as CSV ({exc})")
    if not data_rows and not errors.items:
        raise ResultError(f"{where}: no results in the file (only a header line); nothing stored")
    records = []
    for sid, draft in drafts.items():
        values = dict(draft.values)
        for fname, profiles in draft.profiles.items():
            values[fname] = [{"label": label, "values": vals} for label, vals in profiles.items()]
        result = Result(session=sid, participants=draft.participants, values=values,
                        recorded_by=draft.recorded_by)
        clean, problems = result_problems(draft.info, result)
        rows = (f"row {draft.rows[0]}" if draft.rows[0] == draft.rows[1]
                else f"rows {draft.rows[0]}-{draft.rows[1]}")
        for p in problems:
            errors.add(f"{rows} (session {sid}): {p}")
        if not problems:
            records.append(Record(result=clean, municipality=draft.info.slug,
                                  phase=draft.info.phase, format=draft.info.format.id))
    errors.raise_if_any()
    return records, data_rows


def _apply_row(draft: _Draft, feld: str, option: str, ortsteil: str, profil: str, raw: str,
               rownum: int) -> None:
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
                raise Bad(f"field {PARTICIPANTS}: column option: {exc}") from None
            if group in draft.participants:
                raise Bad(f'field {PARTICIPANTS}: target group "{group.value}" given twice '
                          f"(first in row {draft.seen[('p', group)]})")
            draft.seen[("p", group)] = rownum
            try:
                draft.participants[group] = parse_count(raw)
            except Bad as exc:
                raise Bad(f"field {PARTICIPANTS} ({group.label}): {exc}") from None
            return
        if key in (RECORDED_BY.casefold(), "recorded_by", "erfasst_von"):
            draft.recorded_by = raw
            return
        if not feld:
            raise Bad("field feld: field name missing")
        names = [f.name for f in fmt.result_fields]
        hint = did_you_mean(feld, names)
        raise Bad(f'field {feld}: unknown field{hint}; the fields of {fmt.id} are: '
                  f'{", ".join(names)}, {PARTICIPANTS}, {RECORDED_BY}')
    t = fld.type
    name = fld.name
    where = f"field {name} ({fld.label})"
    try:
        if t in SCALAR_TYPES:
            if not raw:
                return
            if (name,) in draft.seen:
                raise Bad(f"given twice (first in row {draft.seen[(name,)]})")
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
                raise Bad(f'option "{opt}" given twice (first in row {draft.seen[(name, opt)]})')
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
                raise Bad(f'profile "{label}": option "{opt}" given twice')
            profile[opt] = parse_percent(raw)
    except Bad as exc:
        raise Bad(f"{where}: {exc}") from None


def parse_toml(workspace: Workspace, data: bytes, where: str) -> tuple[list[Record], int]:
    """Parse a TOML result file (see the module docstring); return records and results."""
    text = _decode(data, where)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ResultError(f"{where}: invalid TOML: {exc}; nothing stored") from None
    errors = _Errors(where)
    if "results" in doc:
        extra = sorted(set(doc) - {"results"})
        if extra:
            errors.add(f"unknown key(s) next to [[results]]: {', '.join(extra)}")
        items = doc["results"]
        if not isinstance(items, list):
            raise ResultError(f"{where}: results: expected [[results]] tables; nothing stored")
        labelled = [(f"results[{i}]", item) for i, item in enumerate(items)]
    elif doc:
        labelled = [("", doc)]
    else:
        raise ResultError(f"{where}: no results in the file; nothing stored")
    if not labelled:
        raise ResultError(f"{where}: no results in the file; nothing stored")
    sessions = workspace.sessions()
    records = []
    for label, item in labelled:
        at = f"{label}: " if label else ""
        if not isinstance(item, dict):
            errors.add(f"{at}expected a table, got {describe(item)}")
            continue
        extra = sorted(set(item) - {"session", "participants", "values", "recorded_by"})
        if extra:
            errors.add(f"{at}unknown key(s) {', '.join(extra)} (allowed: session, "
                       "participants, values, recorded_by)")
            continue
        sid = item.get("session")
        if not isinstance(sid, str) or not sid.strip():
            errors.add(f"{at}field session: required, the session id")
            continue
        try:
            info = session_info(workspace, sid.strip(), sessions=sessions)
        except ResultError as exc:
            errors.add(f"{at}field session: {exc.message}")
            continue
        participants = item.get("participants", {})
        values = item.get("values", {})
        recorded_by = item.get("recorded_by", "")
        bad = False
        for key, value, kind in (("participants", participants, "a table of target groups"),
                                 ("values", values, "a table of field values")):
            if not isinstance(value, dict):
                errors.add(f"{at}(session {sid}): {key}: expected {kind}, got {describe(value)}")
                bad = True
        if not isinstance(recorded_by, str):
            errors.add(f"{at}(session {sid}): recorded_by: expected text, got "
                       f"{describe(recorded_by)}")
            bad = True
        if bad:
            continue
        result = Result(session=info.session.id, participants=participants, values=values,
                        recorded_by=recorded_by)
        clean, problems = result_problems(info, result)
        for p in problems:
            if p.startswith("field "):  # TOML: the values table
                p = "values." + p.removeprefix("field ")
            errors.add(f"{at}(session {sid}): {p}")
        if not problems:
            records.append(Record(result=clean, municipality=info.slug, phase=info.phase,
                                  format=info.format.id))
    errors.raise_if_any()
    return records, len(labelled)


