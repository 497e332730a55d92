"""The core's own checks, registered through the ``register_checks`` hook like any plugin's."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Iterator

from ..dates import public_holidays, quiet_days
from ..hookspecs import hookimpl
from ..model import Municipality, Phase, Session, Setting, Theme
from . import CheckContext, Finding, error, warning
from .overlaps import peak_overlaps


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
    ):
        register(check)


def _phase_path(m: Municipality, phase: Phase) -> str:
    return f"phases[{m.phases.index(phase)}]"


def _session_path(m: Municipality, phase: Phase, s: Session) -> str:
    return f"{_phase_path(m, phase)}.sessions[{phase.sessions.index(s)}]"


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
    """Sessions inside their phase, on existing venues, with known formats and fitting sizes."""
    cat = ctx.catalogue
    for slug, m in ctx.municipalities.items():
        for phase in m.phases:
            for s in phase.sessions:
                path = _session_path(m, phase, s)
                where = _where(ctx, slug, path)
                if not (phase.start <= s.date <= phase.end) or not (
                    phase.start <= s.last_date <= phase.end
                ):
                    yield error(
                        "session-outside-phase",
                        f'session "{s.id}" ({s.date}) lies outside phase {phase.number} '
                        f"({phase.start} to {phase.end})",
                        **where,
                    )
                if s.end_date is not None and s.end_date < s.date:
                    yield error("session-dates", f'session "{s.id}" ends before it starts', **where)
                if s.end <= s.start:
                    yield error(
                        "session-times",
                        f'session "{s.id}" ends ({s.end:%H:%M}) before it starts ({s.start:%H:%M})',
                        **where,
                    )
                venue = m.venue(s.venue)
                if venue is None:
                    known = ", ".join(v.id for v in m.venues) or "none"
                    yield error(
                        "unknown-venue",
                        f'session "{s.id}": unknown venue "{s.venue}" (venues: {known})',
                        **where,
                    )
                fmt = cat.get(s.format)
                if fmt is None:
                    yield error(
                        "unknown-format",
                        f'session "{s.id}": unknown format "{s.format}"{cat.did_you_mean(s.format)}',
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
                if venue is not None and venue.capacity and s.expected > venue.capacity:
                    yield warning(
                        "venue-capacity",
                        f'session "{s.id}": {s.expected} expected, venue "{venue.name}" holds '
                        f"{venue.capacity}",
                        **where,
                    )
                if venue is not None and venue.indoor and set(fmt.settings) <= {
                    Setting.DRAUSSEN
                }:
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
        for phase in m.phases:
            for s in phase.sessions:
                if s.id in seen and slug in ctx.municipalities:
                    yield error(
                        "duplicate-session-id",
                        f'session id "{s.id}" is used twice (also in {seen[s.id]})',
                        **_where(ctx, slug, _session_path(m, phase, s) + ".id"),
                    )
                seen.setdefault(s.id, ctx.file(slug))


# Times as whole minutes since 0001-01-01 (ints sort and compare much faster than datetimes,
# which matters for lab-wide sweeps over 100,000 sessions).


def _interval(s: Session) -> tuple[int, int]:
    start = s.date.toordinal() * 1440 + s.start.hour * 60 + s.start.minute
    end = s.last_date.toordinal() * 1440 + s.end.hour * 60 + s.end.minute
    return start, end


def _daily(s: Session) -> Iterator[tuple[int, int]]:
    first = s.date.toordinal()
    start = s.start.hour * 60 + s.start.minute
    end = s.end.hour * 60 + s.end.minute
    for day in range(first, (s.end_date or s.date).toordinal() + 1):
        yield day * 1440 + start, day * 1440 + end


def check_venue_overlaps(ctx: CheckContext) -> Iterator[Finding]:
    """No two sessions at one venue at the same time (a hosting format may host others)."""
    cat = ctx.catalogue
    for slug, m in ctx.municipalities.items():
        by_venue: dict[str, list] = defaultdict(list)
        for phase in m.phases:
            for s in phase.sessions:
                fmt = cat.get(s.format)
                if fmt is not None and fmt.hosts_sessions:
                    continue
                for start, end in _daily(s):
                    by_venue[s.venue].append((start, end, 1, (phase, s)))
        reported = set()
        for venue, intervals in by_venue.items():
            for load, tags in peak_overlaps(intervals, limit=1):
                if load > 1:
                    phase, s = tags[-1]
                    other = tags[0][1]
                    key = (other.id, s.id)
                    if key in reported:
                        continue
                    reported.add(key)
                    yield error(
                        "venue-overlap",
                        f'sessions "{other.id}" and "{s.id}" overlap at venue "{venue}" '
                        f"on {s.date}",
                        **_where(ctx, slug, _session_path(m, phase, s)),
                    )


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
    """Sessions reach Ortsteile beyond the main town."""
    for slug, m in ctx.municipalities.items():
        others = [o for o in m.ortsteile if o != (m.main_town or m.name)]
        if not others:
            continue
        for phase in m.phases:
            reached = {v.ortsteil for s in phase.sessions if (v := m.venue(s.venue))}
            if not reached - {m.main_town or m.name}:
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
                    f'venue "{v.id}" lies in "{v.ortsteil}", which is not among the Ortsteile',
                    **_where(ctx, slug, f"venues[{i}].ortsteil"),
                )


def _all_sessions(ctx: CheckContext):
    for slug, m in ctx.workspace.municipalities.items():
        for phase in m.phases:
            for s in phase.sessions:
                yield slug, m, phase, s


def check_team(ctx: CheckContext) -> Iterator[Finding]:
    """Staff needed by simultaneous sessions (lab-wide) vs the team's size."""
    team = len(ctx.lab.team)
    if team == 0:
        return
    # fast pass: staff summed per identical interval; the detailed sweep runs only on overload
    staff: dict[str, int | None] = {}
    totals: dict[tuple[int, int], int] = defaultdict(int)
    for _, _, _, s in _all_sessions(ctx):
        need = staff.get(s.format, 0)
        if need == 0:
            fmt = ctx.catalogue.get(s.format)
            need = staff[s.format] = None if fmt is None or fmt.hosts_sessions else fmt.team_staff
        if need:
            for start_end in _daily(s):
                totals[start_end] += need
    if next(peak_overlaps(((a, b, n, None) for (a, b), n in totals.items()), limit=team),
            None) is None:
        return
    intervals = []
    for slug, m, phase, s in _all_sessions(ctx):
        fmt = ctx.catalogue.get(s.format)
        if fmt is None or fmt.hosts_sessions:
            continue
        for start, end in _daily(s):
            intervals.append((start, end, fmt.team_staff, (slug, m, phase, s)))
    reported = set()
    for load, tags in peak_overlaps(intervals, limit=team):
        if load > team:
            slug, m, phase, s = tags[-1]
            if slug not in ctx.municipalities or s.id in reported:
                continue
            reported.add(s.id)
            ids = ", ".join(t[3].id for t in tags)
            yield warning(
                "team",
                f"{load} people of the lab team needed at the same time on {s.date} ({ids}), "
                f"the team has {team}; plan local helpers or move a session",
                **_where(ctx, slug, _session_path(m, phase, s)),
            )


def check_inventory(ctx: CheckContext) -> Iterator[Finding]:
    """Reusable materials needed by simultaneous sessions vs the tool case inventory."""
    lab = ctx.lab
    items = {}
    for item in lab.inventory:
        items.setdefault(item.id, item)
    groups: dict[tuple[str, int, int, int], int] = defaultdict(int)
    from_case: dict[str, list] = {}  # format id -> its materials from the tool case
    for slug, m, phase, s in _all_sessions(ctx):
        fmt = ctx.catalogue.get(s.format)
        if fmt is None:
            continue
        mats = from_case.get(fmt.id)
        if mats is None:
            mats = from_case[fmt.id] = [x for x in fmt.materials if x.reusable and x.inventory]
        if not mats:
            continue
        start, end = _interval(s)
        participants = s.expected or fmt.participants_min
        groups[(fmt.id, participants, start, end)] += 1
        for mat in mats:
            if mat.inventory not in items:
                if slug in ctx.municipalities:
                    yield error(
                        "inventory-missing",
                        f'session "{s.id}": format "{fmt.id}" needs "{mat.name}" from the tool '
                        f'case (inventory id "{mat.inventory}"), which labor.toml does not list',
                        **_where(ctx, slug, _session_path(m, phase, s)),
                    )
                continue
    # fast pass: amounts summed per format, participants and interval; the detailed sweep with
    # every session runs only for an item whose peak exceeds the inventory
    per_item: dict[str, list] = defaultdict(list)
    for (fid, participants, start, end), count in groups.items():
        for mat in from_case[fid]:
            if mat.inventory in items:
                per_item[mat.inventory].append(
                    (start, end, mat.needed(participants) * count, None)
                )
    reported = set()
    for item_id, totals in sorted(per_item.items()):
        item = items[item_id]
        if next(peak_overlaps(totals, limit=item.quantity), None) is None:
            continue
        intervals = []
        for slug, m, phase, s in _all_sessions(ctx):
            fmt = ctx.catalogue.get(s.format)
            if fmt is None:
                continue
            for mat in from_case[fmt.id]:
                if mat.inventory == item_id:
                    start, end = _interval(s)
                    intervals.append(
                        (start, end, mat.needed(s.expected or fmt.participants_min),
                         (slug, m, phase, s))
                    )
        for load, tags in peak_overlaps(intervals, limit=item.quantity):
            if load > item.quantity:
                slug, m, phase, s = tags[-1]
                if slug not in ctx.municipalities or (item_id, s.id) in reported:
                    continue
                reported.add((item_id, s.id))
                ids = ", ".join(t[3].id for t in tags)
                yield error(
                    "inventory",
                    f"{load} x {item.name} needed at the same time ({ids}), the tool case has "
                    f"{item.quantity}",
                    **_where(ctx, slug, _session_path(m, phase, s)),
                )


def check_holidays(ctx: CheckContext) -> Iterator[Finding]:
    """Sessions on public holidays of the lab's state; open-air sessions in the Easter ban."""
    state = ctx.lab.state
    calendars: dict[tuple[int, int], tuple[dict, dict]] = {}
    for slug, m in ctx.municipalities.items():
        for phase in m.phases:
            key = (phase.start.year, phase.end.year)
            if key not in calendars:
                years = range(key[0], key[1] + 1)
                calendars[key] = (public_holidays(state, years), quiet_days(state, years))
            hol, quiet = calendars[key]
            for s in phase.sessions:
                day = s.date
                while day <= s.last_date:
                    if day in hol:
                        yield warning(
                            "holiday",
                            f'session "{s.id}" on {day:%d.%m.%Y}, a public holiday ({hol[day]})',
                            **_where(ctx, slug, _session_path(m, phase, s)),
                        )
                        break
                    venue = m.venue(s.venue)
                    if day in quiet and venue is not None and not venue.indoor:
                        yield warning(
                            "quiet-day",
                            f'session "{s.id}" on {day:%d.%m.%Y} is outdoors on a protected '
                            f"quiet day ({quiet[day]}); public events are restricted then",
                            **_where(ctx, slug, _session_path(m, phase, s)),
                        )
                        break
                    day += dt.timedelta(days=1)
