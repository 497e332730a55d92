"""The core's own checks, registered through the ``register_checks`` hook like any plugin's."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Iterator

from ..dates import public_holidays, quiet_days
from ..hookspecs import hookimpl
from ..i18n import N_, _, ngettext
from ..model import Format, Municipality, Phase, Session, Setting, Theme, Venue
from ..needs import material_needs, staff_needs
from ..prose import day, dmy, number
from ..reach import reach
from ..text import did_you_mean
from . import CheckContext, Finding, and_more, error, warning
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
            message = (
                _("{name} needs exactly two phases numbered 1 and 2, has {numbers}").format(
                    name=m.name, numbers=", ".join(map(str, numbers)))
                if numbers else
                _("{name} needs exactly two phases numbered 1 and 2, has none").format(name=m.name)
            )
            yield error("phases", message, **_where(ctx, slug, "phases"))
        for phase in m.phases:
            path = _phase_path(m, phase)
            if phase.end < phase.start:
                yield error(
                    "phase-dates",
                    _("phase {number} ends ({end}) before it starts ({start})").format(
                        number=phase.number, end=day(phase.end), start=day(phase.start)),
                    **_where(ctx, slug, path),
                )
                continue
            weeks = phase.weeks
            if not rules.min_weeks <= weeks <= rules.max_weeks:
                yield error(
                    "phase-length",
                    _("phase {number} lasts {weeks} weeks; the lab's rule is {min}-{max} weeks")
                    .format(number=phase.number, weeks=number(weeks), min=rules.min_weeks,
                            max=rules.max_weeks),
                    **_where(ctx, slug, path),
                )
        p1, p2 = m.phase(1), m.phase(2)
        if p1 and p2:
            earliest = p1.end + dt.timedelta(weeks=rules.min_gap_weeks, days=1)
            if p2.start < earliest:
                yield error(
                    "phase-gap",
                    ngettext("phase 2 starts {start}, but must start at least {gap} week after "
                             "phase 1 ends ({end}), i.e. on {earliest} or later",
                             "phase 2 starts {start}, but must start at least {gap} weeks after "
                             "phase 1 ends ({end}), i.e. on {earliest} or later",
                             rules.min_gap_weeks).format(
                        start=day(p2.start), gap=rules.min_gap_weeks, end=day(p1.end),
                        earliest=day(earliest)),
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
                        _('session "{id}": unknown format "{format}"{hint}').format(
                            id=s.id, format=s.format, hint=cat.did_you_mean(s.format)),
                        **where,
                    )
                continue
            minutes = (s.end.hour * 60 + s.end.minute) - (s.start.hour * 60 + s.start.minute)
            if 0 < minutes < fmt.duration_minutes:
                yield warning(
                    "session-duration",
                    ngettext('session "{id}": {minutes} minute ({start}-{end}), but the agenda '
                             'of "{title}" takes {duration} minutes',
                             'session "{id}": {minutes} minutes ({start}-{end}), but the agenda '
                             'of "{title}" takes {duration} minutes', minutes).format(
                        id=s.id, minutes=minutes, start=f"{s.start:%H:%M}",
                        end=f"{s.end:%H:%M}", title=fmt.title, duration=fmt.duration_minutes),
                    **where,
                )
            if not fmt.participants_min <= s.expected <= fmt.participants_max:
                yield warning(
                    "participants",
                    ngettext('session "{id}": {expected} expected participant, but "{title}" '
                             "is made for {min}-{max}",
                             'session "{id}": {expected} expected participants, but "{title}" '
                             "is made for {min}-{max}", s.expected).format(
                        id=s.id, expected=s.expected, title=fmt.title,
                        min=fmt.participants_min, max=fmt.participants_max),
                    **where,
                )
            if s.stations and fmt.stations is None:
                yield warning(
                    "format-stations",
                    ngettext('session "{id}" has {n} station, but "{title}" does not say what a '
                             "station needs; it counts as a whole session",
                             'session "{id}" has {n} stations, but "{title}" does not say what '
                             "a station needs; every station counts as a whole session",
                             len(s.stations)).format(id=s.id, n=len(s.stations),
                                                     title=fmt.title),
                    **_where(ctx, slug, path + ".stations"),
                )


def _session_dates(s: Session, phase: Phase, where: dict) -> Iterator[Finding]:
    """Dates, hours, weekdays and opening days of a session and its stations."""
    if s.end_date is not None and s.end_date < s.date:
        yield error("session-dates", _('session "{id}" ends ({end}) before it starts ({start})')
                    .format(id=s.id, end=day(s.end_date), start=day(s.date)), **where)
    if s.end <= s.start:
        yield error(
            "session-times",
            _('session "{id}" ends ({end}) before it starts ({start})').format(
                id=s.id, end=f"{s.end:%H:%M}", start=f"{s.start:%H:%M}"),
            **where,
        )
    bad = [d for d in s.weekdays if not 1 <= d <= 7]
    if bad:
        yield error("session-weekdays",
                    _('session "{id}", session: weekdays must be 1 (Monday) to 7 (Sunday), got '
                      "{days}").format(id=s.id, days=", ".join(map(str, bad))), **where)
    for i, st in enumerate(s.stations):
        bad = [d for d in st.weekdays if not 1 <= d <= 7]
        if bad:
            yield error("session-weekdays",
                        _('session "{id}", station {n}: weekdays must be 1 (Monday) to 7 '
                          "(Sunday), got {days}").format(id=s.id, n=i + 1,
                                                         days=", ".join(map(str, bad))),
                        **where)
    for i, st in enumerate(s.stations):
        start, end = st.start or s.start, st.end or s.end
        if end <= start:
            yield error("session-times",
                        _('session "{id}", station {n} ({venue}): ends ({end}) before it starts '
                          "({start})").format(id=s.id, n=i + 1, venue=st.venue,
                                              end=f"{end:%H:%M}", start=f"{start:%H:%M}"),
                        **{**where, "path": f"{where['path']}.stations[{i}]"})
    for who, spath, openings in [(_('session "{id}"').format(id=s.id), "openings", s.openings)] + [
        (_('session "{id}", station {n} ({venue})').format(id=s.id, n=i + 1, venue=st.venue),
         f"stations[{i}].openings", st.openings)
        for i, st in enumerate(s.stations)
    ]:
        seen: set = set()
        for j, o in enumerate(openings):
            at = {**where, "path": f"{where['path']}.{spath}[{j}]"}
            if o.date in seen:
                yield error("opening-overlap",
                            _("{who}: {date} is listed twice; one opening per day").format(
                                who=who, date=dmy(o.date)), **at)
            seen.add(o.date)
            if o.start is not None and o.end is not None and o.end <= o.start:
                yield error("session-times",
                            _("{who}: opening on {date} ends ({end}) before it starts ({start})")
                            .format(who=who, date=dmy(o.date), end=f"{o.end:%H:%M}",
                                    start=f"{o.start:%H:%M}"), **at)
            if o.date < s.date or (s.end_date is not None and o.date > s.end_date):
                yield error("opening-dates",
                            _("{who}: opening on {date} lies outside the session ({first} to "
                              "{last})").format(who=who, date=dmy(o.date), first=dmy(s.date),
                                                last=dmy(s.last_date)), **at)
    occurrences = s.occurrences()
    if not occurrences:
        yield error("session-no-opening",
                    _('session "{id}" is never open: no day between {first} and {last} is one '
                      "of its weekdays").format(id=s.id, first=dmy(s.date),
                                                last=dmy(s.last_date)),
                    **where)
    outside = [o for o in occurrences if not phase.start <= o.date <= phase.end]
    if outside or not phase.start <= s.date <= phase.end or s.last_date > phase.end:
        first = outside[0] if outside else None
        if first is not None and first.station is not None:
            what = _("station at {venue} on {date}").format(venue=first.venue,
                                                            date=dmy(first.date))
        elif s.last_date != s.date:
            what = _("{first} to {last}").format(first=day(s.date), last=day(s.last_date))
        else:
            what = day(s.date)
        yield error(
            "session-outside-phase",
            _('session "{id}" ({what}) lies outside phase {number} ({start} to {end})').format(
                id=s.id, what=what, number=phase.number, start=day(phase.start),
                end=day(phase.end)),
            **where,
        )


def _session_places(m: Municipality, s: Session, fmt: Format | None, path: str,
                    venue_ids: list[str], ctx: CheckContext, slug: str) -> Iterator[Finding]:
    """The venues of a session and its stations: known, fitting the format, in an Ortsteil."""
    if s.venue is None and not s.stations:
        yield error("session-venue",
                    _('session "{id}" needs a venue or stations').format(id=s.id),
                    **_where(ctx, slug, path))
    places: list[tuple[str, str, int | None]] = []
    if s.venue is not None:
        places.append((s.venue, path + ".venue", None))
    places += [(st.venue, f"{path}.stations[{i}].venue", i) for i, st in enumerate(s.stations)]
    seen: set[str] = set()
    for venue_id, vpath, station in places:
        where = _where(ctx, slug, vpath)
        if station is not None and venue_id in seen:
            yield error("station-duplicate",
                        _('session "{id}": two stations at venue "{venue}"; one station per '
                          "place").format(id=s.id, venue=venue_id), **where)
        seen.add(venue_id)
        venue = m.venue(venue_id)
        if venue is None:
            hint = did_you_mean(venue_id, venue_ids)
            message = (
                _('session "{id}": unknown venue "{venue}"{hint} (venues: {known})').format(
                    id=s.id, venue=venue_id, hint=hint, known=", ".join(venue_ids))
                if venue_ids else
                _('session "{id}": unknown venue "{venue}"{hint} (venues: none)').format(
                    id=s.id, venue=venue_id, hint=hint)
            )
            yield error("unknown-venue", message, **where)
            continue
        yield from _venue_fit(m, s, fmt, venue, station, where)


def _venue_fit(m: Municipality, s: Session, fmt: Format | None, venue: Venue,
               station: int | None, where: dict) -> Iterator[Finding]:
    expected = s.expected
    if station is not None:
        st = s.stations[station]
        expected = st.expected if st.expected is not None else 0
        if m.ortsteile and venue.ortsteil not in m.ortsteile:
            yield warning("station-ortsteil",
                          _('session "{id}": station {n} at "{venue}" lies in "{ortsteil}", '
                            "which is none of the Ortsteile of {name}").format(
                              id=s.id, n=station + 1, venue=venue.name,
                              ortsteil=venue.ortsteil, name=m.name), **where)
    if venue.capacity and expected > venue.capacity:
        yield warning(
            "venue-capacity",
            _('session "{id}": {expected} expected, venue "{venue}" holds {capacity}').format(
                id=s.id, expected=expected, venue=venue.name, capacity=venue.capacity),
            **where,
        )
    if fmt is not None and venue.indoor and _outdoor_only(fmt):
        yield warning(
            "venue-setting",
            _('session "{id}": "{title}" takes place outdoors, but venue "{venue}" is an indoor '
              "venue").format(id=s.id, title=fmt.title, venue=venue.name),
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
                    _('session id "{id}" is used twice (also in {file})').format(
                        id=s.id, file=seen[s.id]),
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
                    message = _('session "{id}": two of its openings at venue "{venue}" overlap '
                                "on {date}").format(id=s.id, venue=venue, date=day(occ.date))
                else:
                    message = _('sessions "{first}" and "{second}" overlap at venue "{venue}" on '
                                "{date}").format(first=other.id, second=s.id, venue=venue,
                                                 date=day(occ.date))
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
                    ngettext("phase {number} offers no session of theme {themes}",
                             "phase {number} offers no session of themes {themes}",
                             len(missing)).format(number=phase.number,
                                                  themes=", ".join(missing)),
                    **_where(ctx, slug, _phase_path(m, phase)),
                )


def check_reach(ctx: CheckContext) -> Iterator[Finding]:
    """Sessions and stations reach Ortsteile beyond the main town (:func:`werkzeugkoffer.reach`);
    the Ortsteile list names every Ortsteil a venue lies in; an Ortsteil with a venue gets a
    session or station in one of the phases. Linear in the venues and sessions."""
    for slug, m in ctx.municipalities.items():
        main = m.main_town or m.name
        others = [o for o in m.ortsteile if o != main]
        if others:
            for phase in m.phases:
                if not set(reach(m, phase.sessions).reached) - {main}:
                    yield warning(
                        "reach",
                        ngettext("phase {number} reaches only the main town, not its other "
                                 "Ortsteil ({ortsteile})",
                                 "phase {number} reaches only the main town; none of its {n} "
                                 "other Ortsteile ({ortsteile})", len(others)).format(
                            number=phase.number, n=len(others),
                            ortsteile=", ".join(others[:3]) + (", ..." if len(others) > 3
                                                               else "")),
                        **_where(ctx, slug, _phase_path(m, phase)),
                    )
        yield from _ortsteile_listed(ctx, slug, m)
        yield from _ortsteile_unreached(ctx, slug, m)


def _ortsteile_listed(ctx: CheckContext, slug: str, m: Municipality) -> Iterator[Finding]:
    """Every venue's Ortsteil is in the list; an empty list while venues lie in named
    Ortsteile other than the main town is one finding (reach would count one Ortsteil)."""
    if not m.ortsteile:
        named = list(dict.fromkeys(v.ortsteil for v in m.venues if v.ortsteil))
        if set(named) - {m.main_town or m.name}:
            yield warning(
                "ortsteile-missing",
                ngettext("no Ortsteile are listed, but the venues lie in {n} Ortsteil "
                         "({ortsteile}); list every Ortsteil in ortsteile: until then reach "
                         "counts only the Ortsteile of the venues",
                         "no Ortsteile are listed, but the venues lie in {n} Ortsteile "
                         "({ortsteile}); list every Ortsteil in ortsteile: until then reach "
                         "counts only the Ortsteile of the venues", len(named)).format(
                    n=len(named), ortsteile=and_more(named[:10], len(named) - 10)),
                **_where(ctx, slug, "ortsteile"),
            )
        return
    for i, v in enumerate(m.venues):
        if v.ortsteil not in m.ortsteile:
            yield warning(
                "venue-ortsteil",
                _('venue "{id}" lies in "{ortsteil}", which is not among the Ortsteile{hint}')
                .format(id=v.id, ortsteil=v.ortsteil,
                        hint=did_you_mean(v.ortsteil, m.ortsteile)),
                **_where(ctx, slug, f"venues[{i}].ortsteil"),
            )


def _ortsteile_unreached(ctx: CheckContext, slug: str, m: Municipality) -> Iterator[Finding]:
    """An Ortsteil where a venue lies (the plan knows a place there) but no session or station
    of either phase takes place. The per-phase check above only notices a phase that reaches
    nothing beyond the main town, not one Ortsteil left out of both phases."""
    if len(m.ortsteile) < 2:
        return
    missing = reach(m, [s for p in m.phases for s in p.sessions]).missing
    for ortsteil in missing:
        venues = [v.id for v in m.venues if v.ortsteil == ortsteil]
        if venues:
            yield warning(
                "ortsteil-unreached",
                _('Ortsteil "{ortsteil}" has no session or station in either phase, although '
                  'venue "{venue}" lies there').format(ortsteil=ortsteil, venue=venues[0]),
                **_where(ctx, slug, "ortsteile"),
            )


def _all_sessions(ctx: CheckContext):
    for slug, m in ctx.workspace.municipalities.items():
        for _phase, s, path in _sessions(m):
            yield slug, m, s, path


def _sharing(over: Overload, session_at: int) -> str:
    """The sessions of an overload for a message: up to ten ids, then how many more there are."""
    ids = list(dict.fromkeys(t[session_at].id for t in over.shown))
    return and_more(ids, over.active - len(over.shown))


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
            ngettext("{load} people of the lab team needed at the same time on {date} "
                     "({sessions}), the team has {team}; plan local helpers or move a session",
                     "{load} people of the lab team needed at the same time on {date} "
                     "({sessions}), the team has {team}; plan local helpers or move a session",
                     team).format(load=over.load, date=day(occ.date),
                                  sessions=_sharing(over, 1), team=team),
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
                        _('session "{id}": format "{format}" needs "{material}" from the tool '
                          'case (inventory id "{inventory}"), which labor.toml does not '
                          "list{hint}").format(id=s.id, format=fmt.id, material=mat.name,
                                               inventory=mat.inventory,
                                               hint=did_you_mean(mat.inventory, items)),
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
                ngettext("{load} x {item} needed at the same time ({sessions}), the tool case "
                         "has {quantity}",
                         "{load} x {item} needed at the same time ({sessions}), the tool case "
                         "has {quantity}", item.quantity).format(
                    load=over.load, item=item.name, sessions=_sharing(over, 1),
                    quantity=item.quantity),
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
                date = occ.date
                if date in hol:
                    yield warning(
                        "holiday",
                        _('session "{id}" on {date}, a public holiday ({holiday})').format(
                            id=s.id, date=dmy(date), holiday=hol[date]),
                        **_where(ctx, slug, path),
                    )
                    break
                venue = m.venue(occ.venue) if occ.venue else None
                outdoor = (venue is not None and not venue.indoor) or (
                    venue is None and outdoor_format)
                if date in quiet and outdoor:
                    yield warning(
                        "quiet-day",
                        _('session "{id}" on {date} is outdoors on a protected quiet day '
                          "({holiday}); public events are restricted then").format(
                            id=s.id, date=dmy(date), holiday=quiet[date]),
                        **_where(ctx, slug, path),
                    )
                    break


#: The lab's data-protection facts a notice cannot do without: (field, what it is).
PRIVACY_FACTS = (
    ("address", N_("the controller's postal address")),
    ("officer", N_("the data protection officer")),
    ("retention", N_("how long photos and consent forms are kept")),
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
    because = ngettext(
        "the kit prints it on consent forms and data-protection notices (format {formats})",
        "the kit prints it on consent forms and data-protection notices (formats {formats})",
        len(users),
    ).format(formats=", ".join(users[:3]) + (" ..." if len(users) > 3 else ""))
    for name, what in PRIVACY_FACTS:
        if not getattr(lab.privacy, name).strip():
            yield warning("privacy-missing",
                          _("privacy.{field} is not set ({what}); {because}").format(
                              field=name, what=_(what), because=because),
                          file="labor.toml", path=f"privacy.{name}")
    if not lab.supervisory_authority:
        yield warning(
            "privacy-missing",
            _('privacy.authority is not set and there is no default for state "{state}" (the '
              "supervisory authority people may complain to); {because}").format(
                state=lab.state, because=because),
            file="labor.toml", path="privacy.authority",
        )
