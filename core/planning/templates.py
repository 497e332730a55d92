"""Plan templates: a phase written relative to its start, applied to one municipality.

A lab defines templates in ``labor.toml``::

    [[plan_templates]]
    id = "erkunden"
    phase = 1
    title = "Erkunden: Auftakt im Hauptort, dann in die Ortsteile"
    weeks = 6

    [[plan_templates.sessions]]      # week 1: kick-off picnic in the main town
    format = "kreativ.beteiligungs-picknick"
    week = 1
    weekday = 7                      # Sunday
    start = "14:00"
    place = "hauptort"

    [[plan_templates.sessions]]      # weeks 2-5: Datensafari in two Ortsteile
    format = "digital.datensafari"
    week = 2
    until_week = 5
    count = 2
    place = "ortsteil"

    [[plan_templates.sessions]]      # week 3: a ten-day challenge, one station per Ortsteil
    format = "partizipativ.tempo-challenge"
    week = 3
    start = "15:00"
    place = "stationen"

Where sessions go (``place``):

- ``"hauptort"``: a venue in the main town;
- ``"ortsteil"``: a venue in another Ortsteil, the least used Ortsteil first (the main town only
  when every other Ortsteil with a venue had as many sessions), a different venue where the
  Ortsteil has several;
- ``"stationen"``: one session with one station per Ortsteil, the main town included, each at a
  venue of its Ortsteil (an Ortsteil without a venue is left out, with a note). Over several
  days the stations take turns: station *i* is open on the days *i*, *i + n*, ... of the
  action (*n* stations), so that each day about the same number of stations is open;
- a venue id of the municipality.

Formats that take place outdoors (``draussen`` and not ``drinnen``) get an outdoor venue
wherever the pool has one; others prefer indoor venues.

:func:`apply_template` turns a template into a concrete :class:`Phase` for one municipality
(dates, venues, times, expected participants, session ids) and writes it into the
municipality's file with :mod:`werkzeugkoffer.planning.tomledit`, keeping the user's comments. Sessions
avoid public holidays (and open-air sessions the Easter quiet days) by moving to another day of
the same week.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Iterable

import attrs

from ..dates import public_holidays, quiet_days, school_holidays
from ..errors import InputError, PlanningError
from ..i18n import _, ngettext
from ..prose import day as day_text
from ..prose import dmy
from ..prose import weekday
from ..prose import weeks as weeks_text
from ..model import (
    Format,
    Lab,
    Municipality,
    Opening,
    Phase,
    PlanTemplate,
    Session,
    Setting,
    Station,
    TemplateSession,
    Venue,
)
from ..names import did_you_mean
from ..results.store import recorded_sessions
from ..workspace import LAB_FILE, Workspace
from . import tomledit

PLACE_MAIN = "hauptort"
PLACE_VILLAGE = "ortsteil"
PLACE_STATIONS = "stationen"


@attrs.frozen
class Applied:
    """What :func:`apply_template` did: the phase, the file, and notes for the planner."""

    slug: str
    file: str
    phase: Phase
    replaced: bool
    written: bool
    notes: tuple[str, ...] = ()


# -- templates ---------------------------------------------------------------------------------


def _tpl_where(lab: Lab, tpl: PlanTemplate) -> str:
    if tpl in lab.plan_templates:
        return f"{LAB_FILE}: plan_templates[{lab.plan_templates.index(tpl)}]"
    # a template made in Python, not read from labor.toml
    return _('plan template "{id}"').format(id=tpl.id)


def get_template(lab: Lab, template_id: str) -> PlanTemplate:
    """The lab's template with this id; an unknown id names the known ones."""
    for tpl in lab.plan_templates:
        if tpl.id == template_id:
            return tpl
    ids = [t.id for t in lab.plan_templates]
    if not ids:
        raise InputError(
            _('{file}: no plan templates; add a [[plan_templates]] table with id = "{id}"')
            .format(file=LAB_FILE, id=template_id)
        )
    hint = did_you_mean(template_id, ids)
    raise InputError(
        _('{file}: unknown plan template "{id}"{hint}; templates: {ids}').format(
            file=LAB_FILE, id=template_id, hint=hint, ids=", ".join(ids))
    )


def template_problems(lab: Lab, catalogue, tpl: PlanTemplate, *, weeks: int | None = None
                      ) -> list[str]:
    """Problems of one template, each naming ``labor.toml`` and the field. ``weeks`` gives
    the length of an existing phase the template is fitted into (the lab's rule on phase
    lengths is then not checked)."""
    where = _tpl_where(lab, tpl)
    rules = lab.rules
    problems = []
    numbers = {r.number for r in rules.phases} or {1, 2}
    if tpl.phase not in numbers:
        problems.append(_("{field}: phase {number} does not exist (phases: {numbers})").format(
            field=f"{where}.phase", number=tpl.phase,
            numbers=", ".join(map(str, sorted(numbers)))))
    fitted = weeks is not None
    weeks = weeks if weeks is not None else template_weeks(lab, tpl)
    if not fitted and not rules.min_weeks <= weeks <= rules.max_weeks:
        problems.append(
            _("{field}: {weeks} is outside the lab's rule of {min}-{max} weeks").format(
                field=f"{where}.weeks", weeks=weeks_text(weeks), min=rules.min_weeks,
                max=rules.max_weeks)
        )
    ids = [t.id for t in lab.plan_templates]
    if ids.count(tpl.id) > 1 and tpl in lab.plan_templates:
        problems.append(_('{field}: duplicate template id "{id}"').format(
            field=f"{where}.id", id=tpl.id))
    if not tpl.sessions:
        problems.append(_("{field}: a template needs at least one session").format(
            field=f"{where}.sessions"))
    for i, ts in enumerate(tpl.sessions):
        sw = f"{where}.sessions[{i}]"
        if catalogue.get(ts.format) is None:
            problems.append(_('{field}: unknown format "{format}"{hint}').format(
                field=f"{sw}.format", format=ts.format, hint=catalogue.did_you_mean(ts.format)))
        last = ts.until_week if ts.until_week is not None else ts.week
        if not 1 <= ts.week <= weeks:
            problems.append(_("{field}: week {week} is outside the phase (weeks 1-{weeks})")
                            .format(field=f"{sw}.week", week=ts.week, weeks=weeks))
        if ts.until_week is not None and not ts.week <= ts.until_week <= weeks:
            problems.append(
                _("{field}: must lie between week ({week}) and the phase's last week ({last}), "
                  "got {value}").format(field=f"{sw}.until_week", week=ts.week, last=weeks,
                                        value=ts.until_week)
            )
        if ts.count < 1:
            problems.append(_("{field}: must be at least 1, got {value}").format(
                field=f"{sw}.count", value=ts.count))
        elif ts.count > (last - ts.week + 1) * 7:
            problems.append(_("{field}: {count} sessions do not fit into weeks {first}-{last}")
                            .format(field=f"{sw}.count", count=ts.count, first=ts.week,
                                    last=last))
        if not 1 <= ts.weekday <= 7:
            problems.append(_("{field}: must be 1 (Monday) to 7 (Sunday), got {value}").format(
                field=f"{sw}.weekday", value=ts.weekday))
        if ts.end is not None and ts.end <= ts.start:
            problems.append(_("{field}: ends ({end}) before it starts ({start})").format(
                field=f"{sw}.end", end=f"{ts.end:%H:%M}", start=f"{ts.start:%H:%M}"))
        if ts.days is not None and not 1 <= ts.days <= weeks * 7:
            problems.append(_("{field}: must be 1 to {max}, got {value}").format(
                field=f"{sw}.days", max=weeks * 7, value=ts.days))
        if ts.expected is not None and ts.expected < 0:
            problems.append(_("{field}: must not be negative").format(field=f"{sw}.expected"))
        if not ts.place:
            problems.append(_('{field}: use "{main}", "{village}", "{stations}" or a venue id')
                            .format(field=f"{sw}.place", main=PLACE_MAIN, village=PLACE_VILLAGE,
                                    stations=PLACE_STATIONS))
    return problems


def template_weeks(lab: Lab, tpl: PlanTemplate) -> int:
    return tpl.weeks if tpl.weeks is not None else lab.rules.min_weeks


# -- building the phase ----------------------------------------------------------------------


def _spread(ts: TemplateSession) -> list[int]:
    """The phase weeks (1-based) of the template line's sessions, spread evenly."""
    last = ts.until_week if ts.until_week is not None else ts.week
    if ts.count == 1:
        return [ts.week]
    span = last - ts.week
    return [ts.week + round(k * span / (ts.count - 1)) for k in range(ts.count)]


def _outdoor_only(fmt: Format) -> bool:
    return bool(fmt.settings) and set(fmt.settings) <= {Setting.DRAUSSEN}


def _outdoor(fmt: Format) -> bool:
    """A format that takes place outdoors (and not indoors): it gets outdoor venues."""
    return Setting.DRAUSSEN in fmt.settings and Setting.DRINNEN not in fmt.settings


def _expected(fmt: Format, ts: TemplateSession, venue: Venue | None) -> int:
    if ts.expected is not None:
        return ts.expected
    value = (fmt.participants_min + fmt.participants_max + 1) // 2
    if venue is not None and venue.capacity:
        value = max(fmt.participants_min, min(value, venue.capacity))
    return value


def _end_time(fmt: Format, ts: TemplateSession, where: str) -> dt.time:
    if ts.end is not None:
        return ts.end
    start = dt.datetime.combine(dt.date(2000, 1, 1), ts.start)
    end = start + dt.timedelta(minutes=fmt.duration_minutes)
    if end.date() != start.date() or end.time() == dt.time(0, 0):
        raise InputError(
            _("{field}: a {minutes}-minute session starting at {start} ends after midnight; set "
              "an earlier start or an end").format(field=f"{where}.start",
                                                   minutes=fmt.duration_minutes,
                                                   start=f"{ts.start:%H:%M}")
        )
    return end.time()


class VenuePicker:
    """Chooses venues: main town, Ortsteile or one station per Ortsteil, matching the setting,
    spreading over Ortsteile and venues."""

    def __init__(self, m: Municipality):
        self.m = m
        self.main = m.main_town or m.name
        self.used: Counter[str] = Counter()  # sessions per Ortsteil
        self.used_venue: Counter[str] = Counter()
        order = {o: i for i, o in enumerate(m.ortsteile)}
        self.order = lambda v: (order.get(v.ortsteil, len(order)), v.ortsteil, v.id)

    def _take(self, venue: Venue) -> Venue:
        self.used[venue.ortsteil] += 1
        self.used_venue[venue.id] += 1
        return venue

    def _setting(self, pool: list[Venue], fmt: Format) -> list[Venue]:
        """An outdoor format gets outdoor venues where the pool has one."""
        if _outdoor(fmt):
            outside = [v for v in pool if not v.indoor]
            if outside:
                return outside
        return pool

    def _key(self, fmt: Format, expected: int | None):
        indoor = not _outdoor(fmt)

        def key(v: Venue):
            return (
                self.used_venue[v.id],
                0 if v.indoor == indoor else 1,
                0 if not v.capacity or expected is None or v.capacity >= expected else 1,
                self.order(v),
            )
        return key

    def pick(self, place: str, fmt: Format, expected: int | None, where: str,
             notes: list[str]) -> Venue:
        m = self.m
        if not m.venues:
            raise PlanningError(
                _("{name} has no venues; add [[venues]] to its file before applying a template")
                .format(name=m.name)
            )
        if place not in (PLACE_MAIN, PLACE_VILLAGE):
            venue = m.venue(place)
            if venue is None:
                known = ", ".join(v.id for v in m.venues)
                raise PlanningError(
                    _('{field}: {name} has no venue "{place}" (venues: {known}; or use "{main}", '
                      '"{village}" or "{stations}")').format(
                        field=f"{where}.place", name=m.name, place=place, known=known,
                        main=PLACE_MAIN, village=PLACE_VILLAGE, stations=PLACE_STATIONS)
                )
            return self._take(venue)
        main = [v for v in m.venues if v.ortsteil == self.main]
        villages = [v for v in m.venues if v.ortsteil != self.main]
        key = self._key(fmt, expected)
        if place == PLACE_MAIN:
            pool = main
            if not pool:
                pool = villages
                notes.append(_("{name} has no venue in the main town {main}; used a venue in "
                               "an Ortsteil").format(name=m.name, main=self.main))
            return self._take(min(self._setting(pool, fmt), key=key))
        if not villages:
            others = [o for o in m.ortsteile if o != self.main]
            if others:
                raise PlanningError(
                    _("{field}: {name} has no venue outside the main town (Ortsteile: "
                      "{ortsteile}); add a [[venues]] entry in an Ortsteil or name a venue id")
                    .format(field=f"{where}.place", name=m.name,
                            ortsteile=", ".join(others[:5]) + (", ..." if len(others) > 5
                                                               else ""))
                )
            notes.append(_("{name} has no other Ortsteile; used a venue in {main}").format(
                name=m.name, main=self.main))
        # the least used Ortsteil first; the main town only when the others had as many
        pool = self._setting(villages + main if villages else main, fmt)
        return self._take(min(pool, key=lambda v: (self.used[v.ortsteil],
                                                   v.ortsteil == self.main, *key(v))))

    def stations(self, fmt: Format, where: str, notes: list[str]) -> list[Venue]:
        """One venue per Ortsteil (the main town included), in the order of the Ortsteile."""
        m = self.m
        ortsteile = list(m.ortsteile) or [self.main]
        if self.main not in ortsteile:
            ortsteile.insert(0, self.main)
        out: list[Venue] = []
        missing: list[str] = []
        key = self._key(fmt, None)
        for ortsteil in ortsteile:
            pool = [v for v in m.venues if v.ortsteil == ortsteil]
            if not pool:
                missing.append(ortsteil)
                continue
            out.append(self._take(min(self._setting(pool, fmt), key=key)))
        if missing:
            notes.append(_("{title}: no station in {ortsteile} ({name} has no venue there; add "
                           "a [[venues]] entry to place one)").format(
                title=fmt.title, ortsteile=", ".join(missing), name=m.name))
        if not out:
            raise PlanningError(
                _('{field}: {name} has no venues; add [[venues]] to its file before placing '
                  '"{stations}"').format(field=f"{where}.place", name=m.name,
                                          stations=PLACE_STATIONS)
            )
        return out


def station_openings(start: dt.date, days: int, count: int) -> list[tuple[dt.date, ...]]:
    """The opening days of ``count`` stations of an action of ``days`` days from ``start``:
    station *i* opens on days *i*, *i + count*, ... (or on day *i mod days* when there are more
    stations than days). One day: every station opens on it (no own openings)."""
    if days <= 1:
        return [()] * count
    one = dt.timedelta(days=1)
    if days >= count:
        return [tuple(start + one * d for d in range(i, days, count)) for i in range(count)]
    return [(start + one * (i % days),) for i in range(count)]


def _occupied(ts: TemplateSession, places: list[Venue], day: dt.date, days: int
              ) -> list[tuple[str, dt.date]]:
    """``(venue id, date)`` a planned session uses: every day at its venue, or each station's
    opening days at the station's venue."""
    if ts.place == PLACE_STATIONS and days > 1:
        return [(v.id, d) for v, opening in zip(places, station_openings(day, days, len(places)))
                for d in opening]
    return [(v.id, day + dt.timedelta(days=i)) for v in places for i in range(days)]


def _blocked_days(lab: Lab, years: Iterable[int]) -> tuple[dict, dict]:
    years = tuple(years)
    hol = public_holidays(lab.state, years) if lab.rules.avoid_public_holidays else {}
    return hol, quiet_days(lab.state, years)


def build_phase(
    workspace: Workspace,
    tpl: PlanTemplate,
    slug: str,
    start: dt.date,
    *,
    fixed: bool = False,
    replace_ids: Iterable[str] = (),
    notes: list[str] | None = None,
    taken: Iterable[tuple[str, dt.date]] = (),
    busy: Iterable[dt.date] = (),
    weeks: int | None = None,
) -> Phase:
    """The concrete phase of template ``tpl`` for municipality ``slug`` starting on ``start``.

    ``replace_ids`` are session ids that may be reused (the sessions of the phase replaced);
    ``taken`` are ``(venue, day)`` pairs already used by other sessions, ``busy`` days on which
    other sessions run elsewhere (avoided when the week has another day); ``weeks`` fits the
    template into an existing phase of that many weeks.
    """
    lab, cat = workspace.lab, workspace.catalogue
    notes = notes if notes is not None else []
    problems = template_problems(lab, cat, tpl, weeks=weeks)
    if problems:
        raise InputError(problems[0], details=problems[1:])
    m = workspace.municipalities[slug]
    weeks = weeks if weeks is not None else template_weeks(lab, tpl)
    end = start + dt.timedelta(days=weeks * 7 - 1)
    hol, quiet = _blocked_days(lab, range(start.year, end.year + 1))
    picker = VenuePicker(m)
    taken = set(taken)
    busy = set(busy)
    planned: list[tuple[int, int, TemplateSession, Format, Venue, dt.date, dt.date | None]] = []
    where = _tpl_where(lab, tpl)
    for li, ts in enumerate(tpl.sessions):
        fmt = cat[ts.format]
        sw = f"{where}.sessions[{li}]"
        days = ts.days if ts.days is not None else fmt.days
        if days > weeks * 7:
            raise InputError(_("{field}: {days} days do not fit into a {weeks}-week phase").format(
                field=f"{sw}.days", days=days, weeks=weeks))
        for k, week in enumerate(_spread(ts)):
            if ts.place == PLACE_STATIONS:
                places = picker.stations(fmt, sw, notes)
            else:
                places = [picker.pick(ts.place, fmt, ts.expected, sw, notes)]
            venue = places[0]
            week_start = start + dt.timedelta(weeks=week - 1)
            wanted = week_start + dt.timedelta(days=(ts.weekday - week_start.isoweekday()) % 7)
            outdoor = any(not v.indoor for v in places) or _outdoor_only(fmt)
            # candidate days: the wanted day, then the other days of the same week, nearest first
            window = [week_start + dt.timedelta(days=d) for d in range(7)]
            window.sort(key=lambda d: (abs((d - wanted).days), d))
            chosen = None
            for day in window:
                last = day + dt.timedelta(days=days - 1)
                if last > end:
                    continue
                span = [day + dt.timedelta(days=i) for i in range(days)]
                if any(d in hol for d in span):
                    continue
                if outdoor and any(d in quiet for d in span):
                    continue
                if not fmt.hosts_sessions and any(
                        key in taken for key in _occupied(ts, places, day, days)):
                    continue
                if any(d in busy for d in span):
                    continue
                chosen = day
                break
            if chosen is None:
                # no free day in that week: keep the wanted day (clamped) and say why
                chosen = min(wanted, end - dt.timedelta(days=days - 1))
                notes.append(
                    _("{title} in week {week}: no day of that week is free of holidays and other "
                      "sessions at {venue}; planned on {date}, please check").format(
                        title=fmt.title, week=week, venue=venue.name, date=dmy(chosen))
                )
            elif chosen != wanted:
                reason = next(
                    (hol.get(d) or quiet.get(d) for d in [wanted] if d in hol or d in quiet),
                    None,
                ) or _("another session at the same venue")
                notes.append(
                    _("{title}: moved from {wanted} to {chosen} ({reason})").format(
                        title=fmt.title, wanted=dmy(wanted), chosen=dmy(chosen), reason=reason)
                )
            if not fmt.hosts_sessions:
                taken.update(_occupied(ts, places, chosen, days))
            end_date = chosen + dt.timedelta(days=days - 1) if days > 1 else None
            planned.append((li, k, ts, fmt, places, chosen, end_date))
    planned.sort(key=lambda p: (p[5], p[2].start, p[0], p[1]))
    used_ids = set(workspace.sessions()) - set(replace_ids)
    sessions = []
    n = 0
    for li, k, ts, fmt, places, day, end_date in planned:
        n += 1
        sid = f"{slug}-p{tpl.phase}-{n:02d}"
        while sid in used_ids:
            n += 1
            sid = f"{slug}-p{tpl.phase}-{n:02d}"
        used_ids.add(sid)
        sw = f"{where}.sessions[{li}]"
        stations: tuple[Station, ...] = ()
        venue: Venue | None = places[0]
        if ts.place == PLACE_STATIONS:
            days = (end_date - day).days + 1 if end_date else 1
            stations = tuple(
                Station(venue=v.id, openings=tuple(Opening(date=d) for d in opening))
                for v, opening in zip(places, station_openings(day, days, len(places)))
            )
            venue = None
        sessions.append(
            Session(
                id=sid,
                format=fmt.id,
                date=day,
                end_date=end_date,
                start=ts.start,
                end=_end_time(fmt, ts, sw),
                venue=venue.id if venue is not None else None,
                host=ts.host,
                expected=_expected(fmt, ts, venue),
                title=ts.title,
                notes=ts.notes,
                stations=stations,
            )
        )
    focus = tpl.focus
    if not focus:
        rule = next((r for r in lab.rules.phases if r.number == tpl.phase), None)
        focus = rule.focus if rule else ""
    return Phase(
        number=tpl.phase, start=start, end=end, focus=focus, aims=tpl.aims,
        sessions=tuple(sessions), fixed=fixed,
    )


def check_window(workspace: Workspace, slug: str, phase: Phase) -> None:
    """The new phase keeps the gap to the other phase and, if asked, clear of school holidays."""
    lab = workspace.lab
    m = workspace.municipalities[slug]
    file = workspace.file_of(slug)
    gap = lab.rules.min_gap_weeks
    if phase.number == 2 and (p1 := m.phase(1)) is not None:
        earliest = p1.end + dt.timedelta(weeks=gap, days=1)
        if phase.start < earliest:
            raise PlanningError(
                _("{file}: phase 2 cannot start on {start}: phase 1 ends {end} and the lab's "
                  "minimum gap is {gap}, so phase 2 can start on {earliest} at the earliest")
                .format(file=file, start=day_text(phase.start), end=day_text(p1.end),
                        gap=weeks_text(gap), earliest=day_text(earliest))
            )
    if phase.number == 1 and (p2 := m.phase(2)) is not None:
        latest_end = p2.start - dt.timedelta(weeks=gap, days=1)
        if phase.end > latest_end:
            raise PlanningError(
                _("{file}: phase 1 from {start} would end {end}, but phase 2 starts {start2} and "
                  "the lab's minimum gap is {gap}: phase 1 must end by {latest} (start {first} or "
                  "earlier), or move phase 2 first").format(
                    file=file, start=day_text(phase.start), end=day_text(phase.end),
                    start2=day_text(p2.start), gap=weeks_text(gap), latest=day_text(latest_end),
                    first=day_text(latest_end - (phase.end - phase.start)))
            )
    if lab.rules.avoid_school_holidays:
        sch = school_holidays(lab.state, range(phase.start.year, phase.end.year + 1))
        hit = sorted(d for d in sch if phase.start <= d <= phase.end)
        if hit:
            raise PlanningError(
                _("{file}: phase {number} ({start} to {end}) overlaps the school holidays "
                  "({holiday}, {first} to {last}), which the lab avoids "
                  "(rules.avoid_school_holidays); choose another start").format(
                    file=file, number=phase.number, start=day_text(phase.start),
                    end=day_text(phase.end), holiday=sch[hit[0]], first=dmy(hit[0]),
                    last=dmy(hit[-1]))
            )


def apply_template(
    workspace: Workspace,
    template_id: str,
    municipality: str,
    start: dt.date,
    *,
    replace: bool = False,
    fixed: bool = False,
    dry_run: bool = False,
) -> Applied:
    """Write the concrete phase of a template into the municipality's file (keeping comments).

    Refuses to overwrite a phase that already has sessions unless ``replace``; never overwrites
    sessions that have recorded results.
    """
    tpl = get_template(workspace.lab, template_id)
    (slug, m), = workspace.select([municipality]).items()
    file = workspace.file_of(slug)
    old = m.phase(tpl.phase)
    if old is not None and old.sessions and not replace:
        raise InputError(ngettext(
            "{file}: phase {number} already has {n} session; use --replace to overwrite it (its "
            "session is replaced, comments elsewhere kept)",
            "{file}: phase {number} already has {n} sessions; use --replace to overwrite it (its "
            "sessions are replaced, comments elsewhere kept)", len(old.sessions),
        ).format(file=file, number=tpl.phase, n=len(old.sessions)))
    if old is not None and old.fixed and not replace:
        raise InputError(_("{file}: phase {number} is fixed (fixed = true); use --replace")
                         .format(file=file, number=tpl.phase))
    old_ids = [s.id for s in old.sessions] if old is not None else []
    recorded = recorded_sessions(workspace, old_ids)
    if recorded:
        raise PlanningError(
            _("{file}: phase {number} has sessions with recorded results ({sessions}); they "
              "cannot be replaced. Edit the file by hand.").format(
                file=file, number=tpl.phase, sessions=", ".join(recorded[:5]))
        )
    notes: list[str] = []
    phase = build_phase(workspace, tpl, slug, start, fixed=fixed, replace_ids=old_ids, notes=notes)
    check_window(workspace, slug, phase)
    edit = tomledit.load(workspace.root / file, file)
    comment = f"Phase {phase.number} aus Vorlage \"{tpl.id}\" ({start:%d.%m.%Y})"
    tomledit.put_phase(edit, phase, comment=None if old is not None else comment)
    written = False
    if not dry_run:
        written = bool(tomledit.save([edit], cls=Municipality))
        # keep the loaded workspace in step with the file
        phases = tuple(p for p in m.phases if p.number != phase.number) + (phase,)
        workspace.municipalities[slug] = attrs.evolve(
            m, phases=tuple(sorted(phases, key=lambda p: p.number))
        )
    return Applied(slug=slug, file=file, phase=phase, replaced=old is not None,
                   written=written, notes=tuple(notes))


def phase_text(m: Municipality, phase: Phase, catalogue) -> str:
    """The phase as lines for the terminal, in the user's language (dates as 07.06.2027)."""
    values = dict(name=m.name, number=phase.number, start=f"{phase.start:%d.%m.%Y}",
                  end=f"{phase.end:%d.%m.%Y}", weeks=weeks_text(round(phase.weeks)))
    if phase.fixed:
        lines = [_("{name}, phase {number}: {start} to {end} ({weeks}) [fixed]").format(**values)]
    else:
        lines = [_("{name}, phase {number}: {start} to {end} ({weeks})").format(**values)]
    for s in phase.sessions:
        fmt = catalogue.get(s.format)
        venue = m.venue(s.main_venue) if s.main_venue else None
        title = s.title or (fmt.title if fmt else s.format)
        days = f"-{s.end_date:%d.%m.}" if s.end_date else ""
        more = len(s.stations) - 1
        stations = (" " + ngettext("+{n} station", "+{n} stations", more).format(n=more)
                    if more > 0 else "")
        lines.append(
            f"  {weekday(s.date)} {s.date:%d.%m.%Y}{days} {s.start:%H:%M}-"
            f"{s.end:%H:%M}  {title}  @ {venue.name if venue else (s.main_venue or '-')}"
            f"{stations}{f' ({venue.ortsteil})' if venue else ''}  [{s.id}]"
        )
    return "\n".join(lines)
