"""The core's own checks, registered through the ``register_checks`` hook like any plugin's."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Iterator

from ..dates import public_holidays, quiet_days
from ..hookspecs import hookimpl
from ..model import Format, Municipality, Phase, Session, Setting, Theme, Venue
from ..needs import material_needs, staff_needs
from ..reach import reach
from ..text import did_you_mean
from . import CheckContext, Finding, error, warning
from .overlaps import Overload, overloads


@hookimpl(trylast=True)
def register_checks(register):
    for check in (
        check_phases,
        check_sessions,
        check_unique_session_ids,
        check_venue_overlaps,
        check_themes,
        check_reach,
        check_team,
        check_inventory,
        check_holidays,
        check_privacy,
    ):
        register(check)


def _phase_path(m: Municipality, phase: Phase) -> str:
    return f"phases[{m.phases.index(phase)}]"


def _sessions(m: Municipality):
    """``(phase, session, path)`` of every session of a municipality (paths without a search)."""
    for pi, phase in enumerate(m.phases):
        for si, s in enumerate(phase.sessions):
            yield phase, s, f"phases[{pi}].sessions[{si}]"


def _outdoor_only(fmt: Format) -> bool:
    return bool(fmt.settings) and set(fmt.settings) <= {Setting.DRAUSSEN}


def _where(ctx: CheckContext, slug: str, path: str = "") -> dict:
    return {"file": ctx.file(slug), "path": path, "municipality": slug}


def check_phases(ctx: CheckContext) -> Iterator[Finding]:
    """Exactly two phases, each within the length rule, phase 2 after the minimum gap."""
    rules = ctx.lab.rules
    for slug, m in ctx.municipalities.items():
        numbers = sorted(p.number for p in m.phases)
        if numbers != [1, 2]:
            yield error(
                "phases",
                f"{m.name} needs exactly two phases numbered 1 and 2, has "
                f"{', '.join(map(str, numbers)) or 'none'}",
                **_where(ctx, slug, "phases"),
            )
        for phase in m.phases:
            path = _phase_path(m, phase)
            if phase.end < phase.start:
                yield error(
                    "phase-dates",
                    f"phase {phase.number} ends ({phase.end}) before it starts ({phase.start})",
                    **_where(ctx, slug, path),
                )
                continue
            weeks = phase.weeks
            if not rules.min_weeks <= weeks <= rules.max_weeks:
                yield error(
                    "phase-length",
                    f"phase {phase.number} lasts {weeks:.1f} weeks; the lab's rule is "
                    f"{rules.min_weeks}-{rules.max_weeks} weeks",
                    **_where(ctx, slug, path),
                )
        p1, p2 = m.phase(1), m.phase(2)
        if p1 and p2:
            earliest = p1.end + dt.timedelta(weeks=rules.min_gap_weeks, days=1)
            if p2.start < earliest:
                yield error(
                    "phase-gap",
                    f"phase 2 starts {p2.start}, but must start at least {rules.min_gap_weeks} "
                    f"weeks after phase 1 ends ({p1.end}), i.e. on {earliest} or later",
                    **_where(ctx, slug, _phase_path(m, p2) + ".start"),
                )


def check_sessions(ctx: CheckContext) -> Iterator[Finding]:
    """Sessions and their stations: inside their phase, at known venues, with sane hours and
    opening days, known formats and fitting sizes. Linear in the sessions and their openings."""
    cat = ctx.catalogue
    for slug, m in ctx.municipalities.items():
        venue_ids = [v.id for v in m.venues]
        for phase, s, path in _sessions(m):
            where = _where(ctx, slug, path)
            fmt = cat.get(s.format)
            yield from _session_dates(s, phase, where)
            yield from _session_places(m, s, fmt, path, venue_ids, ctx, slug)
            if fmt is None:
                if cat.fault_for(s.format) is None:  # else one finding of check_plugin_faults
                    yield error(
                        "unknown-format",
                        f'session "{s.id}": unknown format "{s.format}"'
                        f"{cat.did_you_mean(s.format)}",
                        **where,
                    )
                continue
            minutes = (s.end.hour * 60 + s.end.minute) - (s.start.hour * 60 + s.start.minute)
            if 0 < minutes < fmt.duration_minutes:
                yield warning(
                    "session-duration",
                    f'session "{s.id}": {minutes} minutes ({s.start:%H:%M}-{s.end:%H:%M}), '
                    f'but the agenda of "{fmt.title}" takes {fmt.duration_minutes} minutes',
                    **where,
                )
            if not fmt.participants_min <= s.expected <= fmt.participants_max:
                yield warning(
                    "participants",
                    f'session "{s.id}": {s.expected} expected participants, but '
                    f'"{fmt.title}" is made for {fmt.participants_min}-{fmt.participants_max}',
                    **where,
                )
            if s.stations and fmt.stations is None:
                yield warning(
                    "format-stations",
                    f'session "{s.id}" has {len(s.stations)} stations, but "{fmt.title}" does '
                    "not say what a station needs; every station counts as a whole session",
                    **_where(ctx, slug, path + ".stations"),
                )


def _session_dates(s: Session, phase: Phase, where: dict) -> Iterator[Finding]:
    """Dates, hours, weekdays and opening days of a session and its stations."""
    if s.end_date is not None and s.end_date < s.date:
        yield error("session-dates", f'session "{s.id}" ends ({s.end_date}) before it starts '
                    f"({s.date})", **where)
    if s.end <= s.start:
        yield error(
            "session-times",
            f'session "{s.id}" ends ({s.end:%H:%M}) before it starts ({s.start:%H:%M})',
            **where,
        )
    for label, owner, weekdays in [("session", s.id, s.weekdays)] + [
        (f"station {i + 1}", st.venue, st.weekdays) for i, st in enumerate(s.stations)
    ]:
        bad = [d for d in weekdays if not 1 <= d <= 7]
        if bad:
            yield error("session-weekdays",
                        f'session "{s.id}", {label}: weekdays must be 1 (Monday) to 7 '
                        f"(Sunday), got {', '.join(map(str, bad))}", **where)
    for i, st in enumerate(s.stations):
        start, end = st.start or s.start, st.end or s.end
        if end <= start:
            yield error("session-times", f'session "{s.id}", station {i + 1} ({st.venue}): '
                        f"ends ({end:%H:%M}) before it starts ({start:%H:%M})",
                        **{**where, "path": f"{where['path']}.stations[{i}]"})
    for label, spath, openings in [("", "openings", s.openings)] + [
        (f", station {i + 1} ({st.venue})", f"stations[{i}].openings", st.openings)
        for i, st in enumerate(s.stations)
    ]:
        seen: set = set()
        for j, o in enumerate(openings):
            at = {**where, "path": f"{where['path']}.{spath}[{j}]"}
            if o.date in seen:
                yield error("opening-overlap", f'session "{s.id}"{label}: {o.date:%d.%m.%Y} is '
                            "listed twice; one opening per day", **at)
            seen.add(o.date)
            if o.start is not None and o.end is not None and o.end <= o.start:
                yield error("session-times", f'session "{s.id}"{label}: opening on '
                            f"{o.date:%d.%m.%Y} ends ({o.end:%H:%M}) before it starts "
                            f"({o.start:%H:%M})", **at)
            if o.date < s.date or (s.end_date is not None and o.date > s.end_date):
                yield error("opening-dates", f'session "{s.id}"{label}: opening on '
                            f"{o.date:%d.%m.%Y} lies outside the session ({s.date:%d.%m.%Y}"
                            f" to {s.last_date:%d.%m.%Y})", **at)
    occurrences = s.occurrences()
    if not occurrences:
        yield error("session-no-opening", f'session "{s.id}" is never open: no day between '
                    f"{s.date:%d.%m.%Y} and {s.last_date:%d.%m.%Y} is one of its weekdays",
                    **where)
    outside = [o for o in occurrences if not phase.start <= o.date <= phase.end]
    if outside or not phase.start <= s.date <= phase.end or s.last_date > phase.end:
        first = outside[0] if outside else None
        what = (f"station at {first.venue} on {first.date:%d.%m.%Y}"
                if first is not None and first.station is not None
                else f"{s.date} to {s.last_date}" if s.last_date != s.date else f"{s.date}")
        yield error(
            "session-outside-phase",
            f'session "{s.id}" ({what}) lies outside phase {phase.number} '
            f"({phase.start} to {phase.end})",
            **where,
        )


def _session_places(m: Municipality, s: Session, fmt: Format | None, path: str,
                    venue_ids: list[str], ctx: CheckContext, slug: str) -> Iterator[Finding]:
    """The venues of a session and its stations: known, fitting the format, in an Ortsteil."""
    if s.venue is None and not s.stations:
        yield error("session-venue", f'session "{s.id}" needs a venue or stations',
                    **_where(ctx, slug, path))
    places: list[tuple[str, str, int | None]] = []
    if s.venue is not None:
        places.append((s.venue, path + ".venue", None))
    places += [(st.venue, f"{path}.stations[{i}].venue", i) for i, st in enumerate(s.stations)]
    seen: set[str] = set()
    for venue_id, vpath, station in places:
        where = _where(ctx, slug, vpath)
        if station is not None and venue_id in seen:
            yield error("station-duplicate", f'session "{s.id}": two stations at venue '
                        f'"{venue_id}"; one station per place', **where)
        seen.add(venue_id)
        venue = m.venue(venue_id)
        if venue is None:
            known = ", ".join(venue_ids) or "none"
            yield error(
                "unknown-venue",
                f'session "{s.id}": unknown venue "{venue_id}"{did_you_mean(venue_id, venue_ids)}'
                f" (venues: {known})",
                **where,
            )
            continue
        yield from _venue_fit(m, s, fmt, venue, station, where)


def _venue_fit(m: Municipality, s: Session, fmt: Format | None, venue: Venue,
               station: int | None, where: dict) -> Iterator[Finding]:
    expected = s.expected
    if station is not None:
        st = s.stations[station]
        expected = st.expected if st.expected is not None else 0
        if m.ortsteile and venue.ortsteil not in m.ortsteile:
            yield warning("station-ortsteil", f'session "{s.id}": station {station + 1} at '
                          f'"{venue.name}" lies in "{venue.ortsteil}", which is none of the '
                          f"Ortsteile of {m.name}", **where)
    if venue.capacity and expected > venue.capacity:
        yield warning(
            "venue-capacity",
            f'session "{s.id}": {expected} expected, venue "{venue.name}" holds {venue.capacity}',
            **where,
        )
    if fmt is not None and venue.indoor and _outdoor_only(fmt):
        yield warning(
            "venue-setting",
            f'session "{s.id}": "{fmt.title}" takes place outdoors, but venue '
            f'"{venue.name}" is an indoor venue',
            **where,
        )


def check_unique_session_ids(ctx: CheckContext) -> Iterator[Finding]:
    """Session ids are unique in the whole workspace (results refer to them)."""
    seen: dict[str, str] = {}
    for slug, m in ctx.workspace.municipalities.items():
        for _phase, s, path in _sessions(m):
            if s.id in seen and slug in ctx.municipalities:
                yield error(
                    "duplicate-session-id",
                    f'session id "{s.id}" is used twice (also in {seen[s.id]})',
                    **_where(ctx, slug, path + ".id"),
                )
            seen.setdefault(s.id, ctx.file(slug))


def check_venue_overlaps(ctx: CheckContext) -> Iterator[Finding]:
    """No two sessions or stations at one venue at the same time (a hosting format such as
    the pop-up lab may host others). One sweep per venue: O(n log n) in the openings."""
    cat = ctx.catalogue
    for slug, m in ctx.municipalities.items():
        by_venue: dict[str, list] = defaultdict(list)
        for _phase, s, path in _sessions(m):
            fmt = cat.get(s.format)
            if fmt is not None and fmt.hosts_sessions:
                continue
            for occ in s.occurrences():
                if occ.venue is not None:
                    by_venue[occ.venue].append(
                        (occ.start_minute, occ.end_minute, 1, (s, path, occ)))
        reported = set()
        for venue, intervals in by_venue.items():
            for over in overloads(intervals, limit=1, show=2):
                s, path, occ = over.newest
                other = over.first[0]
                key = (other.id, s.id, venue)
                if key in reported:
                    continue
                reported.add(key)
                if other.id == s.id:
                    message = (f'session "{s.id}": two of its openings at venue "{venue}" overlap '
                               f"on {occ.date}")
                else:
                    message = (f'sessions "{other.id}" and "{s.id}" overlap at venue "{venue}" '
                               f"on {occ.date}")
                yield error("venue-overlap", message, **_where(ctx, slug, path))


def _themes_of(ctx: CheckContext, phase: Phase) -> set[Theme]:
    out = set()
    for s in phase.sessions:
        fmt = ctx.catalogue.get(s.format)
        if fmt is not None:
            out.add(fmt.theme)
    return out


def check_themes(ctx: CheckContext) -> Iterator[Finding]:
    """Each phase offers all three themes."""
    for slug, m in ctx.municipalities.items():
        for phase in m.phases:
            missing = [t.label for t in Theme if t not in _themes_of(ctx, phase)]
            if missing:
                yield warning(
                    "themes",
                    f"phase {phase.number} offers no session of theme(s) {', '.join(missing)}",
                    **_where(ctx, slug, _phase_path(m, phase)),
                )


def check_reach(ctx: CheckContext) -> Iterator[Finding]:
    """Sessions and stations reach Ortsteile beyond the main town (:func:`werkzeugkoffer.reach`)."""
    for slug, m in ctx.municipalities.items():
        main = m.main_town or m.name
        others = [o for o in m.ortsteile if o != main]
        if others:
            for phase in m.phases:
                if not set(reach(m, phase.sessions).reached) - {main}:
                    yield warning(
                        "reach",
                        f"phase {phase.number} reaches only the main town; none of its "
                        f"{len(others)} other Ortsteile ({', '.join(others[:3])}"
                        f"{', ...' if len(others) > 3 else ''})",
                        **_where(ctx, slug, _phase_path(m, phase)),
                    )
        for i, v in enumerate(m.venues):
            if v.ortsteil not in m.ortsteile and m.ortsteile:
                yield warning(
                    "venue-ortsteil",
                    f'venue "{v.id}" lies in "{v.ortsteil}", which is not among the Ortsteile'
                    f"{did_you_mean(v.ortsteil, m.ortsteile)}",
                    **_where(ctx, slug, f"venues[{i}].ortsteil"),
                )


def _all_sessions(ctx: CheckContext):
    for slug, m in ctx.workspace.municipalities.items():
        for _phase, s, path in _sessions(m):
            yield slug, m, s, path


def _sharing(over: Overload, session_at: int) -> str:
    """The sessions of an overload for a message: up to ten ids, then how many more there are."""
    ids = ", ".join(dict.fromkeys(t[session_at].id for t in over.shown))
    more = over.active - len(over.shown)
    return ids + (f" and {more} more" if more > 0 else "")


def check_team(ctx: CheckContext) -> Iterator[Finding]:
    """People of the lab team needed at the same time, lab-wide, vs the team's size.

    Counted per opening: the whole action's roles on its days, each station's roles while the
    station is open (:mod:`werkzeugkoffer.needs`). One sweep over all openings: O(n log n).
    """
    team = len(ctx.lab.team)
    if team == 0:
        return
    intervals = []
    for slug, m, s, path in _all_sessions(ctx):
        fmt = ctx.catalogue.get(s.format)
        if fmt is None or fmt.hosts_sessions:
            continue
        for need in staff_needs(s, fmt):
            if need.team:
                occ = need.occurrence
                intervals.append((occ.start_minute, occ.end_minute, need.team,
                                  (slug, s, path, occ)))
    worst: dict[str, Overload] = {}  # per session: the highest load and who shares it
    for over in overloads(intervals, limit=team):
        slug, s, path, occ = over.newest
        if slug in ctx.municipalities and (s.id not in worst or over.load > worst[s.id].load):
            worst[s.id] = over
    for over in worst.values():
        slug, s, path, occ = over.newest
        yield warning(
            "team",
            f"{over.load} people of the lab team needed at the same time on {occ.date} "
            f"({_sharing(over, 1)}), the team has {team}; plan local helpers or move a session",
            **_where(ctx, slug, path),
        )


def check_inventory(ctx: CheckContext) -> Iterator[Finding]:
    """Reusable materials needed at the same time, lab-wide, vs the tool case inventory.

    A whole action holds its things from its first opening to its last; every station holds
    its own (:mod:`werkzeugkoffer.needs`). One sweep per item: O(n log n).
    """
    items = {}
    for item in ctx.lab.inventory:
        items.setdefault(item.id, item)
    per_item: dict[str, list] = defaultdict(list)
    for slug, m, s, path in _all_sessions(ctx):
        fmt = ctx.catalogue.get(s.format)
        if fmt is None:
            continue
        missing_reported: set[str] = set()
        for need in material_needs(s, fmt):
            mat = need.material
            if not (mat.reusable and mat.inventory):
                continue
            if mat.inventory not in items:
                if slug in ctx.municipalities and mat.inventory not in missing_reported:
                    missing_reported.add(mat.inventory)
                    yield error(
                        "inventory-missing",
                        f'session "{s.id}": format "{fmt.id}" needs "{mat.name}" from the tool '
                        f'case (inventory id "{mat.inventory}"), which labor.toml does not list'
                        f"{did_you_mean(mat.inventory, items)}",
                        **_where(ctx, slug, path),
                    )
                continue
            per_item[mat.inventory].append(
                (need.start_minute, need.end_minute, need.quantity, (slug, s, path)))
    reported = set()
    for item_id, intervals in sorted(per_item.items()):
        item = items[item_id]
        for over in overloads(intervals, limit=item.quantity):
            slug, s, path = over.newest
            if slug not in ctx.municipalities or (item_id, s.id) in reported:
                continue
            reported.add((item_id, s.id))
            yield error(
                "inventory",
                f"{over.load} x {item.name} needed at the same time ({_sharing(over, 1)}), the "
                f"tool case has {item.quantity}",
                **_where(ctx, slug, path),
            )


def check_holidays(ctx: CheckContext) -> Iterator[Finding]:
    """Openings on public holidays of the lab's state; open-air openings in the Easter ban.
    Linear in the openings."""
    state = ctx.lab.state
    calendars: dict[tuple[int, int], tuple[dict, dict]] = {}
    for slug, m in ctx.municipalities.items():
        for phase, s, path in _sessions(m):
            key = (phase.start.year, phase.end.year)
            if key not in calendars:
                years = range(key[0], key[1] + 1)
                calendars[key] = (public_holidays(state, years), quiet_days(state, years))
            hol, quiet = calendars[key]
            fmt = ctx.catalogue.get(s.format)
            outdoor_format = fmt is not None and _outdoor_only(fmt)
            for occ in s.occurrences():
                day = occ.date
                if day in hol:
                    yield warning(
                        "holiday",
                        f'session "{s.id}" on {day:%d.%m.%Y}, a public holiday ({hol[day]})',
                        **_where(ctx, slug, path),
                    )
                    break
                venue = m.venue(occ.venue) if occ.venue else None
                outdoor = (venue is not None and not venue.indoor) or (
                    venue is None and outdoor_format)
                if day in quiet and outdoor:
                    yield warning(
                        "quiet-day",
                        f'session "{s.id}" on {day:%d.%m.%Y} is outdoors on a protected '
                        f"quiet day ({quiet[day]}); public events are restricted then",
                        **_where(ctx, slug, path),
                    )
                    break


#: The lab's data-protection facts a notice cannot do without: (field, what it is).
PRIVACY_FACTS = (
    ("address", "the controller's postal address"),
    ("officer", "the data protection officer"),
    ("retention", "how long photos and consent forms are kept"),
)


def check_privacy(ctx: CheckContext) -> Iterator[Finding]:
    """The lab's data-protection facts (``[privacy]`` in labor.toml) are complete when a planned
    session collects personal data: the kit prints them on consent forms and Art. 13 notices."""
    users = sorted({
        fmt.id
        for m in ctx.municipalities.values() for _, s, _ in _sessions(m)
        if (fmt := ctx.catalogue.get(s.format)) is not None
        and (fmt.data_protection.notice_needed or fmt.data_protection.consent_needed)
    })
    if not users:
        return
    lab = ctx.lab
    because = (f"the kit prints it on consent forms and data-protection notices "
               f"(formats {', '.join(users[:3])}{' ...' if len(users) > 3 else ''})")
    for name, what in PRIVACY_FACTS:
        if not getattr(lab.privacy, name).strip():
            yield warning("privacy-missing", f"privacy.{name} is not set ({what}); {because}",
                          file="labor.toml", path=f"privacy.{name}")
    if not lab.supervisory_authority:
        yield warning(
            "privacy-missing",
            f'privacy.authority is not set and there is no default for state "{lab.state}" '
            f"(the supervisory authority people may complain to); {because}",
            file="labor.toml", path="privacy.authority",
        )
