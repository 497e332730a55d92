"""Validating results against the planned session and its format's result schema."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Callable, Iterable

from attrs import frozen

from ..conversion import describe, shorten
from ..dates import ISO_DATE_RE, no_such_day
from ..errors import ResultError
from ..i18n import _, ngettext
from ..model import Format, Municipality, Result, ResultField, Session, Station, TargetGroup
from ..names import did_you_mean
from ..prose import dmy
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
        raise ResultError(_("unknown session {session}{hint}; sessions are listed in "
                            "gemeinden/*.toml (werkzeugkoffer results list --missing)").format(
                                session=shorten(str(session_id)), hint=hint))
    slug, phase, session = found
    fmt = workspace.catalogue.get(session.format)
    if fmt is None:
        m = workspace.municipalities[slug]
        path = next((f"phases[{i}].sessions[{j}].format" for i, p in enumerate(m.phases)
                     for j, s in enumerate(p.sessions) if s is session), "format")
        hint = workspace.catalogue.did_you_mean(session.format)
        raise ResultError(_('{file}: {path}: format "{format}" of session {session} is not '
                            "installed{hint}").format(file=workspace.file_of(slug), path=path,
                                                      format=session.format, session=session.id,
                                                      hint=hint))
    return SessionInfo(slug=slug, phase=phase, session=session, format=fmt,
                       municipality=workspace.municipalities[slug])


def station_label(municipality: Municipality, station: Station) -> str:
    """A station as people know it: its title, or its venue's name (and Ortsteil)."""
    venue = municipality.venue(station.venue)
    if station.title:
        return station.title
    if venue is None:
        return station.venue
    if venue.ortsteil and venue.ortsteil not in venue.name:
        return f"{venue.name}, {venue.ortsteil}"
    return venue.name


def match_station(info: SessionInfo, value: Any) -> Station:
    """The station of the session that ``value`` names: its venue id, its title, its venue's
    name, or the Ortsteil of its venue when only one station is there (case-insensitive)."""
    session, m = info.session, info.municipality
    if not isinstance(value, str):
        raise Bad(_("expected the venue id of a station, got {value}").format(
            value=describe(value)))
    text = value.strip()
    if not session.stations:
        raise Bad(_('"{text}": session {session} has no stations; leave the station empty')
                  .format(text=text, session=session.id))
    folded = text.casefold()
    for st in session.stations:
        if st.venue.casefold() == folded:
            return st
    for st in session.stations:
        venue = m.venue(st.venue)
        names = [st.title, station_label(m, st)] + ([venue.name] if venue else [])
        if any(n and n.casefold() == folded for n in names):
            return st
    in_place = [st for st in session.stations
                if (v := m.venue(st.venue)) is not None and v.ortsteil.casefold() == folded]
    if len(in_place) == 1:
        return in_place[0]
    known = [st.venue for st in session.stations]
    hint = did_you_mean(text, known)
    raise Bad(_('unknown station "{text}"{hint} of session {session} (stations: {stations})')
              .format(text=text, hint=hint, session=session.id, stations=", ".join(known)))


_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})?$")


def opening_days(session: Session, station: Station | None = None) -> list[dt.date]:
    """The days a session (or one of its stations) is open, sorted."""
    if station is not None:
        return sorted({d.date for d in session.station_days(station)})
    return sorted({o.date for o in session.occurrences()})


def match_day(info: SessionInfo, value: Any, station: Station | None = None) -> dt.date:
    """The opening day that ``value`` names (``2027-03-06``, ``06.03.2027`` or ``06.03.``)."""
    session = info.session
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        text = value.strip()
        german = _GERMAN_DATE.match(text)
        try:
            if german:
                year = int(german.group(3)) if german.group(3) else session.date.year
                day = dt.date(year, int(german.group(2)), int(german.group(1)))
            else:
                day = dt.date.fromisoformat(text)
        except ValueError:
            iso = ISO_DATE_RE.fullmatch(text)
            problem = (no_such_day(year, int(german.group(2)), int(german.group(1))) if german
                       else no_such_day(*map(int, iso.groups())) if iso else None)
            if problem:  # 31.02.2027: "February 2027 has no day 31"
                raise Bad(_('"{text}" is not a date: {problem}').format(
                    text=text, problem=problem)) from None
            raise Bad(_('"{text}" is not a date (write 2027-03-06 or 06.03.2027)').format(
                text=text)) from None
    else:
        raise Bad(_("expected a date, got {value}").format(value=describe(value)))
    days = opening_days(session, station)
    if day not in days:
        shown = ", ".join(dmy(d) for d in days[:12])
        if len(days) > 12:
            shown += " ... " + ngettext("({n} day)", "({n} days)", len(days)).format(n=len(days))
        if station is not None:
            raise Bad(_("{day} is not an opening day of station {station} of session {session} "
                        "(opening days: {days})").format(
                            day=dmy(day), station=station.venue,
                            session=session.id, days=shown))
        raise Bad(_("{day} is not an opening day of session {session} (opening days: {days})")
                  .format(day=dmy(day), session=session.id, days=shown))
    return day


def required_on(fld: ResultField, *, part: bool) -> bool:
    """Whether a result must hold ``fld``: a required field on the sheet of a whole session;
    never on the sheet of one station or one day (``part``), which may leave it to the
    session's other sheets (the ranking of a Tempo-Challenge is not one station's). The blank
    sheets mark "Pflichtfeld" by this rule, so sheet and import agree."""
    return fld.required and not part


def field_name(name: str, label: str | None = None) -> str:
    """A field of a result in a message: ``field bearbeitungen (Bearbeitungen)``."""
    if label is None:
        return _("field {name}").format(name=name)
    return _("field {name} ({label})").format(name=name, label=label)


def result_problems(info: SessionInfo, result: Result, *,
                    name_field: Callable[[str, str | None], str] = field_name,
                    refused: Iterable[str] = (),
                    ) -> tuple[Result, list[str]]:
    """Check a result against its session's result schema (and its station and day, when
    given: the station must be one of the session's, the day one of its opening days; such a
    part need not hold every required field).

    Returns the result with its values in their stored form and the problems, each as
    ``field NAME (LABEL): why`` (a field named by ``name_field(name, label)``). ``refused``
    names fields whose value the caller already reported as bad (not reported again as
    "required, but no value given").
    """
    fmt = info.format
    problems: list[str] = []
    bad_fields: set[str] = set(refused)
    station: Station | None = None
    day: dt.date | None = None
    if result.station is not None and str(result.station).strip():
        try:
            station = match_station(info, result.station)
        except Bad as exc:
            problems.append(_("station: {problem}").format(problem=exc))
    if result.day is not None and str(result.day).strip():
        try:
            day = match_day(info, result.day, station)
        except Bad as exc:
            problems.append(_("day: {problem}").format(problem=exc))
    values: dict[str, Any] = {}
    for name, value in result.values.items():
        fld = fmt.result_field(name)
        if fld is None:
            names = [f.name for f in fmt.result_fields]
            hint = did_you_mean(str(name), names)
            problems.append(_("{field}: unknown field{hint}; the fields of {format} are: "
                              "{fields}").format(field=name_field(str(name), None), hint=hint,
                                                 format=fmt.id, fields=", ".join(names)))
            continue
        try:
            clean = check_value(fld, value, info.municipality)
        except Bad as exc:
            problems.append(f"{name_field(fld.name, fld.label)}: {exc}")
            bad_fields.add(fld.name)
            continue
        if not is_empty(fld, clean):
            values[fld.name] = clean
    nothing = not values and not problems and not any(
        isinstance(n, int) and n for n in result.participants.values())
    if nothing:
        problems.append(_("no values filled in (the result sheet is empty)"))
    part = station is not None or day is not None  # one station's or day's sheet
    for fld in fmt.result_fields:
        if required_on(fld, part=part) and fld.name not in values and not nothing:
            if fld.name not in bad_fields:
                problems.append(_("{field}: required, but no value given").format(
                    field=name_field(fld.name, fld.label)))
    participants: dict[TargetGroup, int] = {}
    for key, n in result.participants.items():
        try:
            group = match_target_group(key)
            if group in participants:
                raise Bad(_('target group "{group}" given twice').format(group=group.value))
            participants[group] = parse_count(n)
        except Bad as exc:
            problems.append(_("participants ({label}): {problem}").format(
                label=PARTICIPANTS, problem=exc))
    participants = {g: participants[g] for g in TargetGroup if g in participants}
    clean = Result(session=result.session, participants=participants, values=values,
                   recorded_by=result.recorded_by.strip(), source=result.source,
                   station=station.venue if station is not None else None, day=day)
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
        head = _("{where}session {session} ({format})").format(
            where=prefix, session=info.session.id, format=info.format.id)
        if len(problems) == 1:
            raise ResultError(f"{head}: {problems[0]}")
        raise ResultError(ngettext("{head}: {n} problem", "{head}: {n} problems",
                                   len(problems)).format(head=head, n=len(problems)),
                          details=problems)
    return Record(result=clean, municipality=info.slug, phase=info.phase, format=info.format.id)


