"""Validating results against the planned session and its format's result schema."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from attrs import frozen

from ..errors import ResultError
from ..model import Format, Municipality, Result, Session, TargetGroup
from ..names import did_you_mean
from .store import Record
from .values import PARTICIPANTS, Bad, check_value, is_empty, match_target_group, parse_count

if TYPE_CHECKING:
    from ..workspace import Workspace


@frozen(kw_only=True)
class SessionInfo:
    """A planned session with its municipality, phase and format."""

    slug: str
    phase: int
    session: Session
    format: Format
    municipality: Municipality


def session_info(workspace: Workspace, session_id: str, *, sessions: dict | None = None) -> SessionInfo:
    """Look a session up; unknown sessions and formats are a :class:`ResultError`."""
    sessions = sessions if sessions is not None else workspace.sessions()
    found = sessions.get(session_id)
    if found is None and isinstance(session_id, str):  # ids are lower-case: "Lohra-P1-01" too
        found = sessions.get(session_id.strip().lower())
    if found is None:
        hint = did_you_mean(str(session_id), sessions)
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
            hint = did_you_mean(str(name), names)
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


def validate_result(workspace: Workspace, result: Result, *, where: str = "") -> Record:
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


