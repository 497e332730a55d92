"""Results: validate them against the format's result schema, import them, export them.

A result is what one session produced: participants by target group and one value per field of
the format's result schema (see :class:`werkzeugkoffer.ResultType` for the value of each type).

**The result sheet as CSV.** :func:`blank_csv` writes, for one session, an empty CSV that lists
the lines of the printed result sheet, to type the paper sheet into. ``results import`` reads the
same layout back. One line per value; the columns (German, like the sheet):

========== =================================================================================
termin     the session id (the "Kennung" printed on the sheet); required on every line
feld       a field name of the result schema, ``Teilnehmende`` (participants, ``option`` is
           the target group) or ``Erfasst von`` (who typed the sheet in)
bezeichnung the field's label as printed (only a help for typing; ignored on import)
option     ``choice_votes``: the option; ``map_points``: the category; ``scores``: the
           option (competence); ``Teilnehmende``: the target group
ortsteil   ``map_points``: the Ortsteil of the point
profil     ``scores``: whose profile (a person or a group; one profile per label)
wert       the value: a number (``4,5`` and ``4.5`` both work), a text, one list entry, the
           votes of an option, a map point's note, a profile's percent for an option
========== =================================================================================

Rules per type: ``count``/``number``/``percent``/``rating``/``text`` take one line;
``text_list`` one line per entry; ``choice_votes`` one line per option; ``map_points`` one line
per point; ``scores`` one line per profile and option (an empty ``wert`` is "nicht bewertet").
Lines with an empty ``wert`` are left out, so an untouched line of the blank sheet stores
nothing. The blank CSV is written with ``;`` as separator and a UTF-8 byte order mark, which
German spreadsheet programs open directly; import accepts ``;`` or ``,`` and files with or
without the mark. The columns of an export (``gemeinde``, ``ags``, ``phase``, ``datum``,
``format``, ``thema``, ``typ``) are accepted and ignored, so an export can be imported again.

**The result sheet as TOML.** The keys of :class:`werkzeugkoffer.Result`: one result at the top
level, or several as ``[[results]]``::

    [[results]]
    session = "lohra-p1-01"
    recorded_by = "Kim Muster"
    participants = { jugendliche = 4, erwachsene = 9 }

    [results.values]
    bearbeitungen = 57
    aufgaben = { "Sitzbänke" = 12, "Radwege" = 3 }
    datenluecken = ["Öffnungszeiten Bücherei", "Bänke am Radweg"]
    punkte = [{ category = "Wunsch", ortsteil = "Damm", note = "Bank" }]
    kompetenzen = [{ label = "Gruppe A", values = { "Soziale Kompetenz" = 70 } }]

Every import is all-or-nothing per file; every problem of a file is listed with the file, the
row (CSV line or ``results[n]``) and the field.

**Open data export.** :func:`export_results` writes CSV (the columns of :data:`EXPORT_COLUMNS`,
one line per value) or JSON. Fields a format marks ``personal``, who typed a sheet in and the
labels of ``scores`` profiles (often names; replaced by ``Profil 1``, ``Profil 2`` ...) are left
out unless ``include_personal`` is set.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import math
import re
import tomllib
from pathlib import Path
from typing import Any, Iterable, Sequence

from attrs import frozen

from .errors import InputError, ResultError
from .model import Format, Municipality, Result, ResultField, ResultType, Session, TargetGroup
from .store import Record, ResultStore, SaveSummary, StoredResult, file_hash

PARTICIPANTS = "Teilnehmende"
RECORDED_BY = "Erfasst von"

CSV_COLUMNS = ("termin", "feld", "bezeichnung", "option", "ortsteil", "profil", "wert")
"""Columns of the result sheet CSV, in the order :func:`blank_csv` writes them."""

_COLUMN_ALIASES = {
    "session": "termin", "field": "feld", "label": "bezeichnung", "profile": "profil",
    "value": "wert", "kennung": "termin",
}
_IGNORED_COLUMNS = {"gemeinde", "ags", "phase", "datum", "format", "thema", "typ"}

EXPORT_COLUMNS: dict[str, str] = {
    "gemeinde": "Name der Gemeinde",
    "ags": "Amtlicher Gemeindeschlüssel (8 Ziffern)",
    "phase": "Laborphase (1 oder 2)",
    "termin": "Kennung des Termins",
    "datum": "Datum des Termins (JJJJ-MM-TT)",
    "format": "Kennung des Beteiligungsformats",
    "thema": "Themenschwerpunkt des Formats (digital, kreativ, partizipativ)",
    "feld": "Name des Ergebnisfelds; teilnehmende = Teilnehmende je Zielgruppe",
    "bezeichnung": "Bezeichnung des Ergebnisfelds wie auf dem Ergebnisbogen",
    "typ": "Typ des Felds: count, number, percent, text, text_list, choice_votes, rating, "
           "map_points, scores",
    "option": "Option (Stimmen), Kategorie (Kartenpunkt), Kompetenz (Kompetenzcheck) oder "
              "Zielgruppe (Teilnehmende)",
    "ortsteil": "Ortsteil eines Kartenpunkts",
    "profil": "Profil eines Kompetenzchecks (ohne Namen: Profil 1, Profil 2 ...)",
    "wert": "Wert: Zahl (Punkt als Dezimalzeichen), Text, Eintrag, Stimmen oder Prozent",
}
"""The columns of the CSV export, with their meaning (German, for the open data portal)."""

SCALAR_TYPES = (ResultType.COUNT, ResultType.NUMBER, ResultType.PERCENT, ResultType.RATING,
                ResultType.TEXT)
BLANK_LIST_LINES = 5
MAX_ERRORS = 30


# -- values ---------------------------------------------------------------------------------------


class Bad(ValueError):
    """A value does not fit its field (the message says why)."""


def _show(value: Any) -> str:
    from .conversion import describe

    return describe(value)


_INT_RE = re.compile(r"^[+]?\d+$")
_NUM_RE = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_count(value: Any) -> int:
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if _INT_RE.match(text):
            return int(text)
        raise Bad(f"expected a whole number >= 0, got {_show(value)}")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Bad(f"expected a whole number >= 0, got {_show(value)}")
    if isinstance(value, float):
        if not value.is_integer():
            raise Bad(f"expected a whole number >= 0, got {value}")
        value = int(value)
    if value < 0:
        raise Bad(f"expected a whole number >= 0, got {value}")
    return value


def parse_number(value: Any) -> float:
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if not _NUM_RE.match(text):
            raise Bad(f"expected a number, got {_show(value)}")
        number = float(text.replace(",", "."))
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Bad(f"expected a number, got {_show(value)}")
    else:
        number = float(value)
    if not math.isfinite(number):
        raise Bad(f"expected a finite number, got {value}")
    return number


def _parse_percent(value: Any) -> float:
    text = value.strip().removesuffix("%").strip() if isinstance(value, str) else value
    try:
        number = parse_number(text)
    except Bad:
        raise Bad(f"expected a percentage from 0 to 100, got {_show(value)}") from None
    if not 0 <= number <= 100:
        raise Bad(f"expected a percentage from 0 to 100, got {_fmt_num(number)}")
    return number


def _parse_rating(value: Any) -> float:
    try:
        number = parse_number(value)
    except Bad:
        raise Bad(f"expected a rating from 1 to 5, got {_show(value)}") from None
    if not 1 <= number <= 5:
        raise Bad(f"expected a rating from 1 to 5, got {_fmt_num(number)}")
    return number


def _parse_text(value: Any) -> str:
    if not isinstance(value, str):
        raise Bad(f"expected text, got {_show(value)}")
    return value.strip()


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _match_option(fld: ResultField, value: Any, what: str = "option") -> str:
    if not isinstance(value, str):
        raise Bad(f"expected the name of an {what}, got {_show(value)}")
    text = value.strip()
    if text in fld.options:
        return text
    folded = text.casefold()
    for opt in fld.options:
        if opt.casefold() == folded:
            return opt
    if not text:
        raise Bad(f"{what} missing (one of: {', '.join(fld.options)})")
    close = difflib.get_close_matches(text, list(fld.options), n=1, cutoff=0.6)
    hint = f' (did you mean "{close[0]}"?)' if close else ""
    raise Bad(f'unknown {what} "{text}"{hint} (allowed: {", ".join(fld.options)})')


def match_ortsteil(municipality: Municipality | None, value: Any) -> str:
    """The Ortsteil as the municipality spells it; unknown ones are refused when its list is
    complete. An empty Ortsteil is allowed (a point without a place)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Bad(f"expected the name of an Ortsteil, got {_show(value)}")
    text = value.strip()
    if not text or municipality is None or not municipality.ortsteile:
        return text
    names = list(municipality.ortsteile)
    if text in names:
        return text
    for name in names:
        if name.casefold() == text.casefold():
            return name
    if not municipality.ortsteile_complete:
        return text
    close = difflib.get_close_matches(text, names, n=1, cutoff=0.6)
    hint = f' (did you mean "{close[0]}"?)' if close else ""
    raise Bad(f'unknown Ortsteil "{text}"{hint} of {municipality.name} '
              f'(known: {", ".join(names)})')


def _group_label(group: TargetGroup) -> str:
    return "ohne Zuordnung" if group is TargetGroup.ALLE else group.label


def match_target_group(value: Any) -> TargetGroup:
    """A target group by value (``senioren``) or label (``Senior:innen``); ``ohne Zuordnung``
    (as printed on the result sheet) is ``alle``."""
    if isinstance(value, TargetGroup):
        return value
    if not isinstance(value, str):
        raise Bad(f"expected a target group, got {_show(value)}")
    text = value.strip().casefold()
    for group in TargetGroup:
        if text in (group.value, group.label.casefold(), _group_label(group).casefold()):
            return group
    allowed = ", ".join(g.value for g in TargetGroup)
    raise Bad(f'unknown target group "{value}" (allowed: {allowed})')


def check_value(fld: ResultField, value: Any, municipality: Municipality | None = None) -> Any:
    """The value of ``fld`` in its stored form (see :class:`ResultType`); :class:`Bad` if it
    does not fit. Strings are accepted for numbers (German decimal comma too)."""
    t = fld.type
    if t is ResultType.COUNT:
        return parse_count(value)
    if t is ResultType.NUMBER:
        return parse_number(value)
    if t is ResultType.PERCENT:
        return _parse_percent(value)
    if t is ResultType.RATING:
        return _parse_rating(value)
    if t is ResultType.TEXT:
        return _parse_text(value)
    if t is ResultType.TEXT_LIST:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise Bad(f"expected a list of texts, got {_show(value)}")
        out = []
        for i, item in enumerate(value, start=1):
            if not isinstance(item, str):
                raise Bad(f"entry {i}: expected text, got {_show(item)}")
            if item.strip():
                out.append(item.strip())
        return out
    if t is ResultType.CHOICE_VOTES:
        if not isinstance(value, dict):
            raise Bad(f"expected a table of votes per option, got {_show(value)}")
        votes: dict[str, int] = {}
        for key, n in value.items():
            opt = _match_option(fld, key)
            if opt in votes:
                raise Bad(f'option "{opt}" given twice')
            try:
                votes[opt] = parse_count(n)
            except Bad as exc:
                raise Bad(f'option "{opt}": {exc}') from None
        return {opt: votes[opt] for opt in fld.options if opt in votes}
    if t is ResultType.MAP_POINTS:
        if not isinstance(value, (list, tuple)):
            raise Bad(f"expected a list of map points, got {_show(value)}")
        points = []
        for i, point in enumerate(value, start=1):
            if not isinstance(point, dict):
                raise Bad(f"point {i}: expected a table with category, ortsteil, note, "
                          f"got {_show(point)}")
            extra = sorted(set(point) - {"category", "ortsteil", "note"})
            if extra:
                raise Bad(f"point {i}: unknown key(s) {', '.join(extra)} "
                          "(allowed: category, ortsteil, note)")
            try:
                category = _match_option(fld, point.get("category", ""), "category")
                ortsteil = match_ortsteil(municipality, point.get("ortsteil", ""))
                note = _parse_text(point.get("note", ""))
            except Bad as exc:
                raise Bad(f"point {i}: {exc}") from None
            points.append({"category": category, "ortsteil": ortsteil, "note": note})
        return points
    if t is ResultType.SCORES:
        if not isinstance(value, (list, tuple)):
            raise Bad(f"expected a list of profiles, got {_show(value)}")
        profiles = []
        labels = set()
        for i, prof in enumerate(value, start=1):
            if not isinstance(prof, dict):
                raise Bad(f"profile {i}: expected a table with label and values, "
                          f"got {_show(prof)}")
            extra = sorted(set(prof) - {"label", "values"})
            if extra:
                raise Bad(f"profile {i}: unknown key(s) {', '.join(extra)} "
                          "(allowed: label, values)")
            label = prof.get("label", "") or f"Profil {i}"
            if not isinstance(label, str):
                raise Bad(f"profile {i}: label: expected text, got {_show(label)}")
            label = label.strip()
            if label in labels:
                raise Bad(f'profile "{label}" given twice')
            labels.add(label)
            vals = prof.get("values", {})
            if not isinstance(vals, dict):
                raise Bad(f'profile "{label}": values: expected a table, got {_show(vals)}')
            clean: dict[str, float] = {}
            for key, pct in vals.items():
                try:
                    opt = _match_option(fld, key)
                    clean[opt] = _parse_percent(pct)
                except Bad as exc:
                    raise Bad(f'profile "{label}": {exc}') from None
            profiles.append(
                {"label": label, "values": {o: clean[o] for o in fld.options if o in clean}}
            )
        return profiles
    raise Bad(f"unsupported field type {t.value}")  # pragma: no cover


def is_empty(fld: ResultField, value: Any) -> bool:
    """A value that holds nothing (an empty list, table or text)."""
    if value is None:
        return True
    if fld.type in (ResultType.TEXT,):
        return not value
    if fld.type in (ResultType.TEXT_LIST, ResultType.MAP_POINTS, ResultType.SCORES,
                    ResultType.CHOICE_VOTES):
        return len(value) == 0
    return False


# -- validation -----------------------------------------------------------------------------------


@frozen(kw_only=True)
class SessionInfo:
    """A planned session with its municipality, phase and format."""

    slug: str
    phase: int
    session: Session
    format: Format
    municipality: Municipality


def session_info(workspace: Any, session_id: str, *, sessions: dict | None = None) -> SessionInfo:
    """Look a session up; unknown sessions and formats are a :class:`ResultError`."""
    sessions = sessions if sessions is not None else workspace.sessions()
    found = sessions.get(session_id)
    if found is None and isinstance(session_id, str):  # ids are lower-case: "Lohra-P1-01" too
        found = sessions.get(session_id.strip().lower())
    if found is None:
        close = difflib.get_close_matches(str(session_id), list(sessions), n=1, cutoff=0.6)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        raise ResultError(f'unknown session "{session_id}"{hint}; sessions are listed in '
                          "gemeinden/*.toml (werkzeugkoffer results list --missing)")
    slug, phase, session = found
    fmt = workspace.catalogue.get(session.format)
    if fmt is None:
        raise ResultError(f'session {session_id}: format "{session.format}" is not installed')
    return SessionInfo(slug=slug, phase=phase, session=session, format=fmt,
                       municipality=workspace.municipalities[slug])


def result_problems(info: SessionInfo, result: Result) -> tuple[Result, list[str]]:
    """Check a result against its session's result schema.

    Returns the result with its values in their stored form and the problems, each as
    ``field NAME (LABEL): why``.
    """
    fmt = info.format
    problems: list[str] = []
    values: dict[str, Any] = {}
    for name, value in result.values.items():
        fld = fmt.result_field(name)
        if fld is None:
            names = [f.name for f in fmt.result_fields]
            close = difflib.get_close_matches(str(name), names, n=1, cutoff=0.6)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            problems.append(f'field {name}: unknown field{hint}; the fields of {fmt.id} are: '
                            f'{", ".join(names)}')
            continue
        try:
            clean = check_value(fld, value, info.municipality)
        except Bad as exc:
            problems.append(f"field {fld.name} ({fld.label}): {exc}")
            continue
        if not is_empty(fld, clean):
            values[fld.name] = clean
    nothing = not values and not problems and not any(
        isinstance(n, int) and n for n in result.participants.values())
    if nothing:
        problems.append("no values filled in (the result sheet is empty)")
    for fld in fmt.result_fields:
        if fld.required and fld.name not in values and not nothing:
            if not any(p.startswith(f"field {fld.name} ") for p in problems):
                problems.append(f"field {fld.name} ({fld.label}): required, but no value given")
    participants: dict[TargetGroup, int] = {}
    for key, n in result.participants.items():
        try:
            group = match_target_group(key)
            if group in participants:
                raise Bad(f'target group "{group.value}" given twice')
            participants[group] = parse_count(n)
        except Bad as exc:
            problems.append(f"participants ({PARTICIPANTS}): {exc}")
    participants = {g: participants[g] for g in TargetGroup if g in participants}
    clean = Result(session=result.session, participants=participants, values=values,
                   recorded_by=result.recorded_by.strip(), source=result.source)
    return clean, problems


def validate_result(workspace: Any, result: Result, *, where: str = "") -> Record:
    """Validate a result against its session's format; return it ready to store.

    Raises :class:`ResultError` naming the session, each bad field and why.
    """
    prefix = f"{where}: " if where else ""
    try:
        info = session_info(workspace, result.session)
    except ResultError as exc:
        raise ResultError(prefix + exc.message) from None
    clean, problems = result_problems(info, result)
    if problems:
        head = f"{prefix}session {info.session.id} ({info.format.id})"
        if len(problems) == 1:
            raise ResultError(f"{head}: {problems[0]}")
        raise ResultError(f"{head}: {len(problems)} problems", details=problems)
    return Record(result=clean, municipality=info.slug, phase=info.phase, format=info.format.id)


# -- the result sheet as CSV ----------------------------------------------------------------------


def prompt_groups(fmt: Format) -> list[TargetGroup]:
    """The target groups ``results add`` asks for: the format's, then ``alle`` (ohne
    Zuordnung)."""
    groups = [g for g in fmt.target_groups if g is not TargetGroup.ALLE]
    if not groups:
        groups = [TargetGroup.KINDER, TargetGroup.JUGENDLICHE, TargetGroup.ERWACHSENE,
                  TargetGroup.SENIOREN]
    return groups + [TargetGroup.ALLE]


def _type_hint(fld: ResultField) -> str:
    t = fld.type
    return {
        ResultType.COUNT: "Anzahl",
        ResultType.NUMBER: "Zahl",
        ResultType.PERCENT: "Prozent, 0 bis 100",
        ResultType.RATING: "Mittelwert, 1 bis 5",
        ResultType.TEXT: "Text",
        ResultType.TEXT_LIST: "ein Eintrag je Zeile",
        ResultType.CHOICE_VOTES: "Stimmen",
        ResultType.MAP_POINTS: "ein Punkt je Zeile",
        ResultType.SCORES: "Prozent, leer = nicht bewertet",
    }[t]


def sheet_rows(fmt: Format, session: Session, municipality: Municipality | None = None
               ) -> list[dict[str, str]]:
    """The lines of the result sheet of a session, as :data:`CSV_COLUMNS` dicts (empty values).

    The printed sheet and :func:`blank_csv` show the same lines.
    """
    sid = session.id
    rows: list[dict[str, str]] = []

    def row(feld: str, label: str, option: str = "", ortsteil: str = "", profil: str = ""):
        rows.append({"termin": sid, "feld": feld, "bezeichnung": label, "option": option,
                     "ortsteil": ortsteil, "profil": profil, "wert": ""})

    for group in TargetGroup:  # as on the printed sheet: every group, "alle" = ohne Zuordnung
        row(PARTICIPANTS, f"Teilnehmende: {_group_label(group)}", group.value)
    for fld in fmt.result_fields:
        label = f"{fld.label} ({_type_hint(fld)}{', Pflichtfeld' if fld.required else ''})"
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
                row(fld.name, f"{fld.label} (ein Punkt je Zeile; option = Kategorie: "
                              f"{', '.join(fld.options)}; Notiz in wert)")
        elif t is ResultType.SCORES:
            for opt in fld.options:
                target = fld.targets.get(opt)
                soll = f"Soll {target} %" if target is not None else "Soll: nicht bewertet"
                row(fld.name, f"{fld.label}: {opt} ({soll})", opt, profil="Profil 1")
    row(RECORDED_BY, "Wer hat den Bogen übertragen? (wird nicht veröffentlicht)")
    return rows


def blank_csv(fmt: Format, session: Session, municipality: Municipality | None = None) -> bytes:
    """An empty, pre-filled result sheet CSV of one session (``;``-separated, UTF-8 with BOM).

    The kit builder can write one per session next to the printed sheet; see the module
    docstring for the columns.
    """
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(sheet_rows(fmt, session, municipality))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def write_blank_csv(path: str | Path, fmt: Format, session: Session,
                    municipality: Municipality | None = None) -> Path:
    """Write :func:`blank_csv` to ``path`` (atomically); return the path."""
    from .examples import write_atomic

    path = Path(path)
    write_atomic(path, blank_csv(fmt, session, municipality))
    return path


def blank_csv_name(session: Session) -> str:
    return f"ergebnis-{session.id}.csv"


def write_blank_csvs(workspace: Any, session_ids: Iterable[str], out: str | Path) -> list[Path]:
    """Write the blank CSV of each session into folder ``out``; return the files."""
    sessions = workspace.sessions()
    out = Path(out)
    written = []
    for sid in session_ids:
        info = session_info(workspace, sid, sessions=sessions)
        written.append(write_blank_csv(out / blank_csv_name(info.session), info.format,
                                       info.session, info.municipality))
    return written


# -- reading files --------------------------------------------------------------------------------


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


def read_result_file(workspace: Any, path: str | Path, *, name: str | None = None) -> ParsedFile:
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


def parse_csv(workspace: Any, data: bytes, where: str) -> tuple[list[Record], int]:
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
        close = difflib.get_close_matches(feld, names, n=1, cutoff=0.6)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
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
            opt = _match_option(fld, option)
            if (name, opt) in draft.seen:
                raise Bad(f'option "{opt}" given twice (first in row {draft.seen[(name, opt)]})')
            draft.seen[(name, opt)] = rownum
            draft.values.setdefault(name, {})[opt] = parse_count(raw)
        elif t is ResultType.MAP_POINTS:
            if not (raw or option or ortsteil):
                return
            category = _match_option(fld, option, "category")
            place = match_ortsteil(draft.info.municipality, ortsteil)
            draft.values.setdefault(name, []).append(
                {"category": category, "ortsteil": place, "note": raw}
            )
        elif t is ResultType.SCORES:
            if not raw:
                return  # nicht bewertet
            opt = _match_option(fld, option)
            label = profil or "Profil 1"
            profile = draft.profiles.setdefault(name, {}).setdefault(label, {})
            if opt in profile:
                raise Bad(f'profile "{label}": option "{opt}" given twice')
            profile[opt] = _parse_percent(raw)
    except Bad as exc:
        raise Bad(f"{where}: {exc}") from None


def parse_toml(workspace: Any, data: bytes, where: str) -> tuple[list[Record], int]:
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
            errors.add(f"{at}expected a table, got {_show(item)}")
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
                errors.add(f"{at}(session {sid}): {key}: expected {kind}, got {_show(value)}")
                bad = True
        if not isinstance(recorded_by, str):
            errors.add(f"{at}(session {sid}): recorded_by: expected text, got "
                       f"{_show(recorded_by)}")
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


# -- importing and adding -------------------------------------------------------------------------


@frozen(kw_only=True)
class ImportOutcome:
    file: str
    results: int
    rows: int
    summary: SaveSummary


def open_store(workspace: Any) -> ResultStore:
    """The workspace's result store (created when missing)."""
    return ResultStore.for_workspace(workspace)


def import_file(workspace: Any, path: str | Path, *, replace: bool = False,
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


def add_result(workspace: Any, result: Result, *, replace: bool = False,
               store: ResultStore | None = None) -> SaveSummary:
    """Validate and store one result (typed in or given as options)."""
    record = validate_result(workspace, result)
    own = store is None
    store = store or open_store(workspace)
    try:
        return store.save([record], replace=replace, where=f"session {result.session}")
    finally:
        if own:
            store.close()


def stored_results(workspace: Any, *, municipality: str | Iterable[str] | None = None,
                   phase: int | None = None) -> list[StoredResult]:
    """The stored results of a workspace (none when it has no result store yet)."""
    from .workspace import RESULTS_FILE

    if not (Path(workspace.root) / RESULTS_FILE).exists():
        return []
    with open_store(workspace) as store:
        return store.results(municipality=municipality, phase=phase)


def parse_option_value(fld: ResultField, raw: str, current: Any = None,
                       municipality: Municipality | None = None) -> Any:
    """A value given on the command line (``--value NAME=TEXT``), merged with ``current``.

    Scalars: the text. ``text_list``: one entry per ``--value`` (or a TOML list ``[...]``).
    ``choice_votes``: ``OPTION=VOTES; OPTION=VOTES`` (or a TOML table ``{...}``).
    ``map_points``: ``CATEGORY; ORTSTEIL; NOTE``, one point per ``--value``.
    ``scores``: ``PROFILE: OPTION=PERCENT; OPTION=PERCENT``, one profile per ``--value``.
    """
    text = raw.strip()
    t = fld.type
    if t in SCALAR_TYPES:
        if current is not None:
            raise Bad("given twice")
        return check_value(fld, text, municipality)
    if text[:1] in "[{":
        try:
            parsed = tomllib.loads(f"v = {text}")["v"]
        except tomllib.TOMLDecodeError as exc:
            raise Bad(f"not a valid TOML value: {exc}") from None
        value = check_value(fld, parsed, municipality)
        if current is None:
            return value
        if isinstance(current, dict):
            return {**current, **value}
        return list(current) + list(value)
    if t is ResultType.TEXT_LIST:
        return list(current or []) + ([text] if text else [])
    if t is ResultType.CHOICE_VOTES:
        votes = dict(current or {})
        for part in filter(None, (p.strip() for p in text.split(";"))):
            opt, sep, n = part.rpartition("=")
            if not sep:
                raise Bad(f'expected OPTION=VOTES, got "{part}"')
            votes.update(check_value(fld, {opt.strip(): n.strip()}))
        return check_value(fld, votes)
    if t is ResultType.MAP_POINTS:
        parts = [p.strip() for p in text.split(";")]
        parts += [""] * (3 - len(parts))
        if len(parts) > 3:
            parts = parts[:2] + ["; ".join(parts[2:])]
        point = {"category": parts[0], "ortsteil": parts[1], "note": parts[2]}
        return list(current or []) + check_value(fld, [point], municipality)
    if t is ResultType.SCORES:
        label, sep, rest = text.partition(":")
        if not sep:
            raise Bad(f'expected "PROFILE: OPTION=PERCENT; ...", got "{text}"')
        vals = {}
        for part in filter(None, (p.strip() for p in rest.split(";"))):
            opt, sep2, pct = part.rpartition("=")
            if not sep2:
                raise Bad(f'expected OPTION=PERCENT, got "{part}"')
            vals[opt.strip()] = pct.strip()
        return list(current or []) + check_value(fld, [{"label": label.strip(), "values": vals}])
    raise Bad(f"unsupported field type {t.value}")  # pragma: no cover


# -- showing --------------------------------------------------------------------------------------


def format_value(fld: ResultField | None, value: Any) -> list[str]:
    """Lines showing a stored value (German number format)."""
    from .render import zahl

    if fld is None:
        return [json.dumps(value, ensure_ascii=False)]
    t = fld.type
    if t in (ResultType.COUNT, ResultType.NUMBER):
        return [zahl(value) + (f" {fld.unit}" if fld.unit else "")]
    if t is ResultType.PERCENT:
        return [f"{zahl(value)} %"]
    if t is ResultType.RATING:
        return [f"{zahl(value)} von 5"]
    if t is ResultType.TEXT:
        return [value]
    if t is ResultType.TEXT_LIST:
        return [f"- {item}" for item in value]
    if t is ResultType.CHOICE_VOTES:
        return [f"{opt}: {zahl(n)}" for opt, n in value.items()]
    if t is ResultType.MAP_POINTS:
        return [f"- {p['category']}, {p['ortsteil'] or 'ohne Ortsteil'}"
                + (f": {p['note']}" if p.get("note") else "") for p in value]
    if t is ResultType.SCORES:
        out = []
        for prof in value:
            vals = ", ".join(f"{o} {zahl(v)} %" for o, v in prof["values"].items())
            out.append(f"- {prof['label']}: {vals or 'nichts bewertet'}")
        return out
    return [str(value)]  # pragma: no cover


def result_text(workspace: Any, stored: StoredResult) -> str:
    """A stored result for the terminal."""
    fmt = workspace.catalogue.get(stored.format)
    found = workspace.sessions().get(stored.session)
    lines = [f"Ergebnis {stored.session}"]
    if found is not None:
        slug, phase, session = found
        m = workspace.municipalities[slug]
        venue = m.venue(session.venue)
        place = venue.name if venue else session.venue
        lines.append(f"{m.name}, Phase {phase}, {session.date.strftime('%d.%m.%Y')}, {place}")
    else:
        lines.append(f"{stored.municipality}, Phase {stored.phase} (session no longer in the "
                     "workspace)")
    lines.append(f"Format: {fmt.title if fmt else stored.format} ({stored.format})")
    res = stored.result
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
    try:
        when = dt.datetime.fromisoformat(stored.recorded_at).strftime("%d.%m.%Y, %H:%M Uhr")
    except ValueError:
        when = stored.recorded_at
    lines.append(f"Erfasst: {when}"
                 + (f" von {res.recorded_by}" if res.recorded_by else "")
                 + (f", Datei {res.source}" if res.source else ""))
    return "\n".join(lines)


# -- export ---------------------------------------------------------------------------------------


def _export_items(workspace: Any, results: Sequence[StoredResult], include_personal: bool):
    sessions = workspace.sessions()
    for stored in results:
        found = sessions.get(stored.session)
        m = workspace.municipalities.get(stored.municipality)
        fmt = workspace.catalogue.get(stored.format)
        session = found[2] if found else None
        meta = {
            "gemeinde": m.name if m else stored.municipality,
            "ags": m.ags if m else "",
            "phase": stored.phase,
            "termin": stored.session,
            "datum": session.date.isoformat() if session else "",
            "format": stored.format,
            "thema": fmt.theme.value if fmt else "",
        }
        values: dict[str, Any] = {}
        left_out: list[str] = []
        for name, value in stored.result.values.items():
            fld = fmt.result_field(name) if fmt else None
            if fld is not None and fld.personal and not include_personal:
                left_out.append(name)
                continue
            if fld is not None and fld.type is ResultType.SCORES and not include_personal:
                value = [{"label": f"Profil {i}", "values": p["values"]}
                         for i, p in enumerate(value, start=1)]
            values[name] = (fld, value)
        yield stored, meta, values, left_out


def export_rows(workspace: Any, results: Sequence[StoredResult], *,
                include_personal: bool = False) -> list[dict[str, Any]]:
    """One dict per value, with the keys of :data:`EXPORT_COLUMNS` (plus ``erfasst_von`` with
    ``include_personal``)."""
    rows = []
    for stored, meta, values, _ in _export_items(workspace, results, include_personal):

        def row(feld, fld, option="", ortsteil="", profil="", wert: Any = "", meta=meta):
            r = dict(meta)
            r.update(feld=feld, bezeichnung=fld.label if fld else feld,
                     typ=fld.type.value if fld else "", option=option, ortsteil=ortsteil,
                     profil=profil, wert=wert)
            rows.append(r)

        for group, n in stored.result.participants.items():
            r = dict(meta)
            r.update(feld="teilnehmende", bezeichnung="Teilnehmende", typ="count",
                     option=getattr(group, "value", group), ortsteil="", profil="", wert=n)
            rows.append(r)
        for name, (fld, value) in values.items():
            t = fld.type if fld else None
            if t is ResultType.TEXT_LIST:
                for item in value:
                    row(name, fld, wert=item)
            elif t is ResultType.CHOICE_VOTES:
                for opt, n in value.items():
                    row(name, fld, option=opt, wert=n)
            elif t is ResultType.MAP_POINTS:
                for p in value:
                    row(name, fld, option=p["category"], ortsteil=p["ortsteil"], wert=p["note"])
            elif t is ResultType.SCORES:
                for p in value:
                    for opt, pct in p["values"].items():
                        row(name, fld, option=opt, profil=p["label"], wert=pct)
            elif t is None:
                row(name, None, wert=json.dumps(value, ensure_ascii=False))
            else:
                row(name, fld, wert=value)
        if include_personal and stored.result.recorded_by:
            r = dict(meta)
            r.update(feld=RECORDED_BY, bezeichnung=RECORDED_BY, typ="text", option="",
                     ortsteil="", profil="", wert=stored.result.recorded_by)
            rows.append(r)
    return rows


def export_results(workspace: Any, results: Sequence[StoredResult], *, fmt: str = "csv",
                   include_personal: bool = False) -> str:
    """Results as open data: CSV (:data:`EXPORT_COLUMNS`) or JSON. See the module docstring."""
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(EXPORT_COLUMNS), lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        for r in export_rows(workspace, results, include_personal=include_personal):
            if isinstance(r["wert"], float) and r["wert"].is_integer():
                r["wert"] = int(r["wert"])
            writer.writerow(r)
        return buf.getvalue()
    if fmt == "json":
        items = []
        left: set[str] = set()
        for stored, meta, values, left_out in _export_items(workspace, results, include_personal):
            left.update(f"{stored.format}.{name}" for name in left_out)
            item = dict(meta)
            item["teilnehmende"] = {getattr(g, "value", g): n
                                    for g, n in stored.result.participants.items()}
            item["werte"] = {name: value for name, (_, value) in values.items()}
            if include_personal:
                item["erfasst_von"] = stored.result.recorded_by
            items.append(item)
        doc = {
            "beschreibung": "Ergebnisse der Beteiligungstermine (werkzeugkoffer). "
                            + ("Enthält personenbezogene Angaben: nicht veröffentlichen."
                               if include_personal else
                               "Ohne personenbezogene Angaben: möglicherweise personenbezogene "
                               "Freitextfelder, Erfasser:innen und Namen von Profilen sind "
                               "ausgelassen."),
            "personenbezogen": include_personal,
            "ausgelassene_felder": sorted(left),
            "ergebnisse": items,
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    raise InputError(f'unknown export format "{fmt}" (choose csv or json)')
