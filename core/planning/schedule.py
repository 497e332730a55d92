"""The district tour: phase dates for every municipality, within the tool cases and the team.

:func:`plan_tour` assigns dates to phases 1 and 2 of every municipality:

- each phase lasts whole weeks within the lab's rule (``rules.min_weeks``-``rules.max_weeks``): a
  phase keeps its current length when that is already a whole number of weeks within the rule,
  otherwise it gets ``min_weeks`` (``weeks=`` overrides this); scheduled phases start on Mondays;
- phase 2 starts at least ``rules.min_gap_weeks`` after phase 1 ends;
- at most as many phases run at once as there are tool cases (``tool_cases``) and team members
  (``team``; a lab without a team listed is limited by its cases only);
- with ``rules.avoid_school_holidays`` no phase overlaps the state's school holidays; with
  ``rules.avoid_public_holidays`` (the default) no session of a moved phase lands on a public
  holiday, and no open-air session on an Easter quiet day;
- **fixed dates are kept**: a phase marked ``fixed = true`` in the municipality's file, and a
  phase with results recorded for one of its sessions, keeps its dates and occupies a tool case;
- sessions of a moved phase move with it by whole weeks (so they keep their weekday), then by a
  day where a holiday is in the way.

The heuristic is list scheduling (a parallel schedule-generation scheme): week by week, each free
tool case takes the released phase 2 that has waited longest, else the next phase 1. Phases 1
whose phase 2 is fixed are placed first, as late as their deadline allows. The total duration is
reported against the lower bound *total phase-weeks / tool cases*.

:func:`write_tour` writes the dates into the municipality files (comments kept), all files
validated before any is written.
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_left, bisect_right
from typing import Any

import attrs

from ..dates import public_holidays, quiet_days, school_holidays
from ..errors import InputError, PlanningError
from ..i18n import _, ngettext
from ..model import Lab, Municipality, Phase, Session, Setting
from ..needs import material_needs, session_span, staff_needs
from ..prose import day, dmy
from ..prose import number as number_text
from ..prose import weeks as weeks_text
from ..results.store import recorded_sessions
from ..workspace import LAB_FILE, Workspace
from . import tomledit

DAY = dt.timedelta(days=1)
HORIZON_YEARS = 60  # give up (and say why) when nothing fits within this many years


@attrs.frozen(kw_only=True)
class Slot:
    """One phase of the tour."""

    slug: str
    name: str
    number: int
    start: dt.date
    end: dt.date
    case: int  # 1-based tool case (team slot) that serves the phase
    fixed: bool = False
    new: bool = False  # the phase did not exist before
    old_start: dt.date | None = None
    old_end: dt.date | None = None

    @property
    def weeks(self) -> float:
        return ((self.end - self.start).days + 1) / 7

    @property
    def moved(self) -> bool:
        return not self.fixed and (self.new or (self.old_start, self.old_end) != (self.start, self.end))


@attrs.frozen(kw_only=True)
class SessionMove:
    slug: str
    phase: int
    session: str
    old_date: dt.date
    date: dt.date
    end_date: dt.date | None
    reason: str = ""


@attrs.frozen(kw_only=True)
class Tour:
    slots: tuple[Slot, ...]
    session_moves: tuple[SessionMove, ...]
    tool_cases: int
    team: int
    parallel: int
    start: dt.date
    end: dt.date
    phase_weeks: float
    notes: tuple[str, ...] = ()

    @property
    def weeks(self) -> float:
        return ((self.end - self.start).days + 1) / 7

    @property
    def lower_bound_weeks(self) -> float:
        return self.phase_weeks / self.tool_cases

    @property
    def above_lower_bound(self) -> float:
        """How far the duration lies above the lower bound, as a fraction (0.05 = 5 %)."""
        lb = self.lower_bound_weeks
        return (self.weeks - lb) / lb if lb else 0.0

    def slot(self, slug: str, number: int) -> Slot | None:
        for s in self.slots:
            if s.slug == slug and s.number == number:
                return s
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "weeks": round(self.weeks, 2),
            "lower_bound_weeks": round(self.lower_bound_weeks, 2),
            "above_lower_bound_percent": round(100 * self.above_lower_bound, 2),
            "phase_weeks": self.phase_weeks,
            "tool_cases": self.tool_cases,
            "team": self.team,
            "parallel": self.parallel,
            "phases": [
                {
                    "municipality": s.slug,
                    "name": s.name,
                    "phase": s.number,
                    "start": s.start.isoformat(),
                    "end": s.end.isoformat(),
                    "weeks": s.weeks,
                    "case": s.case,
                    "fixed": s.fixed,
                    "new": s.new,
                    "moved": s.moved,
                }
                for s in self.slots
            ],
            "session_moves": [
                {
                    "municipality": mv.slug,
                    "phase": mv.phase,
                    "session": mv.session,
                    "old_date": mv.old_date.isoformat(),
                    "date": mv.date.isoformat(),
                    "end_date": mv.end_date.isoformat() if mv.end_date else None,
                    "reason": mv.reason,
                }
                for mv in self.session_moves
            ],
            "notes": list(self.notes),
        }


# -- calendars --------------------------------------------------------------------------------


class _Blocked:
    """School holidays as ordinal day numbers, with O(1) range queries (loaded year by year)."""

    def __init__(self, lab: Lab, enabled: bool):
        self.state = lab.state
        self.enabled = enabled
        self.years: dict[int, list[int]] = {}  # year -> prefix sums over the year's days
        self.names: dict[int, str] = {}
        self.unknown: set[int] = set()

    def _year(self, year: int) -> list[int]:
        prefix = self.years.get(year)
        if prefix is None:
            days = school_holidays(self.state, [year]) if self.enabled else {}
            if self.enabled and not days:
                self.unknown.add(year)
            elif self.enabled:
                # a year with fewer kinds of holidays than the year before is only partly known
                before = set(school_holidays(self.state, [year - 1]).values())
                if before - set(days.values()):
                    self.unknown.add(year)
            first = dt.date(year, 1, 1).toordinal()
            n = dt.date(year, 12, 31).toordinal() - first + 1
            flags = [0] * n
            for d, name in days.items():
                if d.year == year:
                    flags[d.toordinal() - first] = 1
                    self.names[d.toordinal()] = name
            prefix = [0]
            for f in flags:
                prefix.append(prefix[-1] + f)
            self.years[year] = prefix
        return prefix

    def count(self, a: int, b: int) -> int:
        """Blocked days in the ordinal range [a, b]."""
        if not self.enabled:
            return 0
        total = 0
        da, db = dt.date.fromordinal(a), dt.date.fromordinal(b)
        for year in range(da.year, db.year + 1):
            prefix = self._year(year)
            first = dt.date(year, 1, 1).toordinal()
            lo = max(a, first) - first
            hi = min(b, dt.date(year, 12, 31).toordinal()) - first
            total += prefix[hi + 1] - prefix[lo]
        return total

    def first_in(self, a: int, b: int) -> tuple[dt.date, str] | None:
        for d in range(a, b + 1):
            if self.count(d, d):
                return dt.date.fromordinal(d), self.names.get(d, "Schulferien")
        return None

    def longest_clear_run(self, year_from: int, year_to: int) -> int:
        best = run = 0
        a = dt.date(year_from, 1, 1).toordinal()
        b = dt.date(year_to, 12, 31).toordinal()
        for d in range(a, b + 1):
            if self.count(d, d):
                run = 0
            else:
                run += 1
                best = max(best, run)
        return best


class _HolidayFit:
    """Whether a phase placed at a start leaves its multi-day sessions a holiday-free window."""

    def __init__(self, workspace: Workspace):
        self.ws = workspace
        self.lab = workspace.lab
        self.long: dict[tuple[str, int], list[tuple[int, bool]]] = {}

    def __call__(self, job: tuple[str, int], start: int, n_weeks: int) -> bool:
        if not self.lab.rules.avoid_public_holidays:
            return True
        if job not in self.long:
            slug, n = job
            m = self.ws.municipalities[slug]
            phase = m.phase(n)
            self.long[job] = [
                ((s.last_date - s.date).days, _outdoor(m, s, self.ws))
                for s in (phase.sessions if phase else ()) if s.end_date and s.end_date > s.date
            ]
        if not self.long[job]:
            return True
        first, last = dt.date.fromordinal(start), dt.date.fromordinal(start + 7 * n_weeks - 1)
        years = range(first.year, last.year + 1)
        hol = {d.toordinal() for d in public_holidays(self.lab.state, years)}
        quiet = {d.toordinal() for d in quiet_days(self.lab.state, years)}
        for span, outdoor in self.long[job]:
            bad = hol | quiet if outdoor else hol
            if not any(
                not any(d in bad for d in range(a, a + span + 1))
                for a in range(start, start + 7 * n_weeks - span)
            ):
                return False
        return True


class _Lane:
    """One tool case (with its team slot): reserved intervals and the end of the last job."""

    def __init__(self, index: int):
        self.index = index
        self.starts: list[int] = []
        self.ends: list[int] = []  # parallel to starts; intervals never overlap
        self.free_from = -(10**9)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect_right(self.starts, b)
        return i > 0 and self.ends[i - 1] >= a

    def reserve(self, a: int, b: int) -> None:
        i = bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


# -- the scheduler ------------------------------------------------------------------------------


def _monday_on_or_after(d: dt.date) -> dt.date:
    return d + dt.timedelta(days=(7 - d.weekday()) % 7)


def _validate_rules(lab: Lab, weeks: int | None) -> None:
    r = lab.rules
    if r.min_weeks < 1:
        raise InputError(_("{file}: rules.min_weeks: must be at least 1, got {value}").format(
            file=LAB_FILE, value=r.min_weeks))
    if r.min_weeks > r.max_weeks:
        raise InputError(
            _("{file}: rules: min_weeks ({min}) is greater than max_weeks ({max}); no phase "
              "length can meet both").format(file=LAB_FILE, min=r.min_weeks, max=r.max_weeks)
        )
    if r.min_gap_weeks < 0:
        raise InputError(_("{file}: rules.min_gap_weeks: must not be negative").format(
            file=LAB_FILE))
    if lab.tool_cases < 1:
        raise InputError(
            _("{file}: tool_cases: must be at least 1, got {value}; without a tool case no "
              "phase can take place").format(file=LAB_FILE, value=lab.tool_cases)
        )
    if weeks is not None and not r.min_weeks <= weeks <= r.max_weeks:
        raise InputError(
            _("--weeks {weeks} is outside the lab's rule of {min}-{max} weeks ({file}: rules)")
            .format(weeks=weeks, min=r.min_weeks, max=r.max_weeks, file=LAB_FILE)
        )


def _length(phase: Phase | None, lab: Lab, weeks: int | None) -> int:
    r = lab.rules
    if weeks is not None:
        return weeks
    if phase is not None:
        days = (phase.end - phase.start).days + 1
        if days % 7 == 0 and r.min_weeks <= days // 7 <= r.max_weeks:
            return days // 7
    return r.min_weeks


def _limit_text(lab: Lab, parallel: int) -> str:
    team = len(lab.team)
    if team and team < lab.tool_cases:
        return ngettext("at most {n} phase at once: the team has {team} person (tool_cases = "
                        "{cases})",
                        "at most {n} phases at once: the team has {team} people (tool_cases = "
                        "{cases})", parallel).format(n=parallel, team=team, cases=lab.tool_cases)
    return ngettext("at most {n} phase at once (tool_cases = {cases})",
                    "at most {n} phases at once (tool_cases = {cases})", parallel).format(
        n=parallel, cases=lab.tool_cases)


def plan_tour(
    workspace: Workspace,
    start: dt.date | None = None,
    *,
    weeks: int | None = None,
    today: dt.date | None = None,
) -> Tour:
    """Compute the tour (nothing is written); see the module docstring."""
    lab = workspace.lab
    rules = lab.rules
    _validate_rules(lab, weeks)
    gap = dt.timedelta(weeks=rules.min_gap_weeks)
    team = len(lab.team)
    parallel = min(lab.tool_cases, team) if team else lab.tool_cases
    blocked = _Blocked(lab, rules.avoid_school_holidays)
    notes: list[str] = []
    munis = workspace.municipalities

    # which phases are fixed (by the user, or by recorded results)
    all_ids = [s.id for m in munis.values() for p in m.phases for s in p.sessions]
    recorded = set(recorded_sessions(workspace, all_ids))
    fixed: dict[tuple[str, int], Phase] = {}
    for slug, m in munis.items():
        for p in m.phases:
            if p.number not in (1, 2):
                continue
            if p.end < p.start:
                where = f"{workspace.file_of(slug)}: phases[{m.phases.index(p)}]"
                raise InputError(
                    f"{where}: " + _("phase {number} ends ({end}) before it starts ({start})")
                    .format(number=p.number, end=day(p.end), start=day(p.start))
                )
            if p.fixed:
                fixed[(slug, p.number)] = p
            elif any(s.id in recorded for s in p.sessions):
                fixed[(slug, p.number)] = p
                notes.append(_("{name}: phase {number} has recorded results; its dates are kept")
                             .format(name=m.name, number=p.number))

    # the start of the tour
    if start is None:
        movable = [p.start for (slug, m) in munis.items() for p in m.phases
                   if p.number in (1, 2) and (slug, p.number) not in fixed]
        if movable:
            start = min(movable)
        elif fixed:
            start = min(p.start for p in fixed.values())
        else:
            start = (today or dt.date.today()) + DAY
    t0 = _monday_on_or_after(start)

    # fixed phases: rules and capacity
    for (slug, number), p in sorted(fixed.items(), key=lambda kv: (kv[1].start, kv[0])):
        file = workspace.file_of(slug)
        m = munis[slug]
        path = f"phases[{m.phases.index(p)}]"
        if not rules.min_weeks <= p.weeks <= rules.max_weeks:
            raise PlanningError(
                f"{file}: {path}: "
                + _("fixed phase {number} lasts {weeks} weeks; the lab's rule is {min}-{max} "
                    "weeks (change the dates or the rule)").format(
                    number=number, weeks=number_text(p.weeks), min=rules.min_weeks,
                    max=rules.max_weeks)
            )
        hit = blocked.first_in(p.start.toordinal(), p.end.toordinal())
        if hit:
            raise PlanningError(
                f"{file}: {path}: "
                + _("fixed phase {number} ({start} to {end}) overlaps the school holidays "
                    "({holiday}, {date}), which the lab avoids (rules.avoid_school_holidays)")
                .format(number=number, start=day(p.start), end=day(p.end), holiday=hit[1],
                        date=dmy(hit[0]))
            )
    for slug, m in munis.items():
        f1, f2 = fixed.get((slug, 1)), fixed.get((slug, 2))
        if f1 and f2 and f2.start < f1.end + gap + DAY:
            raise PlanningError(
                f"{workspace.file_of(slug)}: "
                + _("fixed phase 2 starts {start}, but the lab's minimum gap of {gap} after "
                    "fixed phase 1 (ends {end}) allows {earliest} at the earliest").format(
                    start=day(f2.start), gap=weeks_text(rules.min_gap_weeks), end=day(f1.end),
                    earliest=day(f1.end + gap + DAY))
            )
    lanes = [_Lane(i) for i in range(parallel)]
    placed: dict[tuple[str, int], tuple[int, int, int]] = {}  # -> (start, end, lane)
    for key, p in sorted(fixed.items(), key=lambda kv: (kv[1].start, kv[0])):
        a, b = p.start.toordinal(), p.end.toordinal()
        lane = next((ln for ln in lanes if not ln.overlaps(a, b)), None)
        if lane is None:
            busy = [_("{name} phase {number}").format(name=munis[k[0]].name, number=k[1])
                    for k, q in fixed.items()
                    if k != key and q.start <= p.end and q.end >= p.start]
            raise PlanningError(
                f"{workspace.file_of(key[0])}: "
                + _("fixed phase {number} ({start} to {end}) overlaps the fixed phases {busy}: "
                    "{limit}").format(number=key[1], start=day(p.start), end=day(p.end),
                                      busy=", ".join(busy), limit=_limit_text(lab, parallel))
            )
        lane.reserve(a, b)
        placed[key] = (a, b, lane.index)

    # lengths of the phases to place
    length: dict[tuple[str, int], int] = {}
    for slug, m in munis.items():
        for n in (1, 2):
            if (slug, n) not in fixed:
                length[(slug, n)] = _length(m.phase(n), lab, weeks)
    if rules.avoid_school_holidays and length:
        longest = max(length.values())
        years = []  # the fully known years from the start of the tour
        for year in range(t0.year, t0.year + 3):
            blocked._year(year)
            if year in blocked.unknown:
                break
            years.append(year)
        run = blocked.longest_clear_run(years[0], years[-1]) if years else longest * 7
        if run < longest * 7:
            span = _("{weeks} {days}").format(
                weeks=weeks_text(run // 7),
                days=ngettext("{n} day", "{n} days", run % 7).format(n=run % 7))
            raise PlanningError(
                _("a {weeks}-week phase does not fit between the school holidays of {state} (the "
                  "longest time without school holidays in {first}-{last} is {span}): set "
                  "rules.avoid_school_holidays = false or shorten the phases ({file}: rules)")
                .format(weeks=longest, state=lab.state, first=years[0], last=years[-1],
                        span=span, file=LAB_FILE)
            )

    def fits(lane: _Lane, a: int, n_weeks: int) -> bool:
        b = a + 7 * n_weeks - 1
        return a >= lane.free_from and not lane.overlaps(a, b) and not blocked.count(a, b)

    # phases 1 whose phase 2 is fixed: as late as the deadline allows
    horizon = t0.toordinal() + 366 * HORIZON_YEARS
    deadlines = sorted(
        (f2.start - gap - DAY, slug) for (slug, n), f2 in fixed.items()
        if n == 2 and (slug, 1) not in fixed
    )
    for latest_end, slug in deadlines:
        L = length[(slug, 1)]
        latest_start = latest_end - dt.timedelta(days=7 * L - 1)
        monday = latest_start - dt.timedelta(days=latest_start.weekday())
        file = workspace.file_of(slug)
        if monday < t0:
            raise PlanningError(
                f"{file}: "
                + _("phase 2 is fixed ({fixed}); phase 1 ({length}) and the minimum gap ({gap}) "
                    "need phase 1 to start by {latest}, before the tour starts ({start}); choose "
                    "an earlier --start or move phase 2").format(
                    fixed=day(fixed[(slug, 2)].start), length=weeks_text(L),
                    gap=weeks_text(rules.min_gap_weeks), latest=day(latest_start),
                    start=day(t0))
            )
        done = False
        a = monday.toordinal()
        while a >= t0.toordinal():
            b = a + 7 * L - 1
            lane = next((ln for ln in lanes if not ln.overlaps(a, b)), None)
            if lane is not None and not blocked.count(a, b):
                lane.reserve(a, b)
                placed[(slug, 1)] = (a, b, lane.index)
                done = True
                break
            a -= 7
        if not done:
            values = dict(fixed=day(fixed[(slug, 2)].start), weeks=L, start=day(t0),
                          end=day(latest_end), limit=_limit_text(lab, parallel))
            raise PlanningError(f"{file}: " + (
                _("phase 2 is fixed ({fixed}), but no {weeks}-week window for phase 1 between "
                  "{start} and {end} is free: {limit} and school holidays are avoided")
                if rules.avoid_school_holidays else
                _("phase 2 is fixed ({fixed}), but no {weeks}-week window for phase 1 between "
                  "{start} and {end} is free: {limit}")
            ).format(**values))

    # list scheduling, week by week
    def mkey(slug: str):
        p1 = munis[slug].phase(1)
        return (p1.start if p1 is not None else dt.date.max, slug)

    queue1 = [slug for slug in sorted(munis, key=mkey) if (slug, 1) not in placed]
    queue1.reverse()  # pop from the end
    waiting2: list[tuple[int, str]] = []  # heap of (release ordinal, slug)
    for slug in munis:
        if (slug, 2) not in fixed and (slug, 1) in placed:
            heapq.heappush(waiting2, (placed[(slug, 1)][1] + gap.days + 1, slug))
    ready2: list[tuple[int, str]] = []
    clean = _HolidayFit(workspace)
    t = t0.toordinal()
    while queue1 or waiting2 or ready2:
        while waiting2 and waiting2[0][0] <= t:
            heapq.heappush(ready2, heapq.heappop(waiting2))
        for lane in lanes:
            if t < lane.free_from:
                continue
            # candidates in order of preference: phases 2 that waited longest, then the next
            # phases 1; the first that fits and lets its multi-day sessions avoid holidays wins,
            # else the first that fits
            candidates = [(item[1], 2) for item in sorted(ready2)]
            candidates += [(slug, 1) for slug in queue1[:-6:-1]]
            fitting = [c for c in candidates if fits(lane, t, length[c])]
            if not fitting:
                continue
            job = next((c for c in fitting if clean(c, t, length[c])), fitting[0])
            if job[1] == 2:
                ready2.remove(next(item for item in ready2 if item[1] == job[0]))
                heapq.heapify(ready2)
            else:
                queue1.remove(job[0])
            slug, n = job
            b = t + 7 * length[job] - 1
            lane.reserve(t, b)
            lane.free_from = b + 1
            placed[job] = (t, b, lane.index)
            if n == 1 and (slug, 2) not in fixed:
                heapq.heappush(waiting2, (b + gap.days + 1, slug))
        t += 7
        if t > horizon:
            raise PlanningError((
                _("no dates found within {years} years: {limit}, school holidays avoided")
                if rules.avoid_school_holidays else
                _("no dates found within {years} years: {limit}")
            ).format(years=HORIZON_YEARS, limit=_limit_text(lab, parallel)))
    if blocked.unknown:
        used = {y for s in placed.values() for y in range(dt.date.fromordinal(s[0]).year,
                                                            dt.date.fromordinal(s[1]).year + 1)}
        years = sorted(blocked.unknown & used)
        if years:
            notes.append(
                _("school holidays of {state} are not (fully) known for {years}; phases then "
                  "were checked only against the holidays known").format(
                    state=lab.state, years=", ".join(map(str, years)))
            )

    # slots, then the sessions of moved phases
    slots: list[Slot] = []
    for (slug, n), (a, b, lane_index) in placed.items():
        m = munis[slug]
        old = m.phase(n)
        slots.append(Slot(
            slug=slug, name=m.name, number=n, start=dt.date.fromordinal(a),
            end=dt.date.fromordinal(b), case=lane_index + 1, fixed=(slug, n) in fixed,
            new=old is None, old_start=old.start if old else None,
            old_end=old.end if old else None,
        ))
    moves = _place_sessions(workspace, slots, notes)
    slots.sort(key=lambda s: (s.start, s.slug, s.number))
    all_start = min(s.start for s in slots) if slots else t0
    all_end = max(s.end for s in slots) if slots else t0
    return Tour(
        slots=tuple(slots),
        session_moves=tuple(moves),
        tool_cases=lab.tool_cases,
        team=team,
        parallel=parallel,
        start=all_start,
        end=all_end,
        phase_weeks=sum(s.weeks for s in slots),
        notes=tuple(notes),
    )


class _Load:
    """Team and tool case use of the sessions placed so far, to keep moved sessions apart.

    Needs come from :mod:`werkzeugkoffer.needs` (staff per opening, things per place).
    Conservative: a candidate counts every placed session it overlaps, as if all of them
    overlapped each other, so a date accepted here never overloads the team or the inventory.
    """

    def __init__(self, workspace: Workspace):
        lab = workspace.lab
        self.catalogue = workspace.catalogue
        self.team = len(lab.team)
        self.stock = {}
        for item in lab.inventory:
            self.stock.setdefault(item.id, item.quantity)
        self.by_day: dict[int, list] = {}
        self.needs_cache: dict[str, tuple[list, dict, int, int]] = {}

    def needs(self, s: Session) -> tuple[list[tuple[int, int, int]], dict[str, int], int, int]:
        """Staff intervals, tool case items and the span (minutes) of ``s`` at its own date."""
        if s.id not in self.needs_cache:
            fmt = self.catalogue.get(s.format)
            staff: list[tuple[int, int, int]] = []
            items: dict[str, int] = {}
            if fmt is not None:
                if not fmt.hosts_sessions:
                    staff = [(n.occurrence.start_minute, n.occurrence.end_minute, n.team)
                             for n in staff_needs(s, fmt) if n.team]
                for need in material_needs(s, fmt):
                    mat = need.material
                    if mat.reusable and mat.inventory in self.stock:
                        items[mat.inventory] = items.get(mat.inventory, 0) + need.quantity
            start, end = session_span(s)
            self.needs_cache[s.id] = (staff, items, start, end)
        return self.needs_cache[s.id]

    def _record(self, s: Session, date: dt.date) -> tuple:
        staff, items, start, end = self.needs(s)
        shift = (date - s.date).days * 1440
        return ((start + shift, end + shift), [(a + shift, b + shift, n) for a, b, n in staff],
                items)

    def fits(self, s: Session, date: dt.date, span: int) -> bool:
        whole, staff, items = self._record(s, date)
        if not staff and not items:
            return True
        seen = set()
        others = []
        for d in range(date.toordinal(), date.toordinal() + span + 1):
            for rec in self.by_day.get(d, ()):
                if id(rec) not in seen:
                    seen.add(id(rec))
                    others.append(rec)
        if items:
            use = dict(items)
            for (a, b), _, their in others:
                if a < whole[1] and whole[0] < b:
                    for item, n in their.items():
                        if item in use:
                            use[item] += n
            if any(n > self.stock[item] for item, n in use.items()):
                return False
        if self.team:
            for a, b, n in staff:
                total = n
                for _, their_staff, _ in others:
                    total += sum(m for x, y, m in their_staff if x < b and a < y)
                if total > self.team:
                    return False
        return True

    def add(self, s: Session, date: dt.date, span: int) -> None:
        rec = self._record(s, date)
        for d in range(date.toordinal(), date.toordinal() + span + 1):
            self.by_day.setdefault(d, []).append(rec)


def _outdoor(m: Municipality, s: Session, workspace: Workspace) -> bool:
    for venue_id in s.places:
        venue = m.venue(venue_id)
        if venue is not None and not venue.indoor:
            return True
    fmt = workspace.catalogue.get(s.format)
    return fmt is not None and bool(fmt.settings) and set(fmt.settings) <= {Setting.DRAUSSEN}


def _place_sessions(workspace: Workspace, slots: list[Slot], notes: list[str]) -> list[SessionMove]:
    """Dates for the sessions of moved phases: with their phase by whole weeks, then the nearest
    day that avoids holidays (when the lab says so), the venue's other sessions and an overload
    of the team or the tool case by sessions elsewhere at the same time."""
    lab = workspace.lab
    avoid = lab.rules.avoid_public_holidays
    munis = workspace.municipalities
    load = _Load(workspace)
    venues: dict[tuple[str, str, int], list[tuple[dt.time, dt.time]]] = {}
    moved = {(s.slug, s.number): s for s in slots if s.moved and not s.new}

    def book(slug: str, s: Session, date: dt.date, span: int) -> None:
        load.add(s, date, span)
        fmt = workspace.catalogue.get(s.format)
        if fmt is None or not fmt.hosts_sessions:
            shift = (date - s.date).days
            for occ in s.occurrences():
                key = (slug, occ.venue, occ.date.toordinal() + shift)
                venues.setdefault(key, []).append((occ.start, occ.end))

    # sessions that stay where they are come first
    for slug, m in munis.items():
        for p in m.phases:
            if (slug, p.number) not in moved:
                for s in p.sessions:
                    book(slug, s, s.date, (s.last_date - s.date).days)

    pending = []
    for (slug, n), slot in moved.items():
        old = munis[slug].phase(n)
        weeks = round((slot.start - old.start).days / 7) * 7
        for s in old.sessions:
            span = (s.last_date - s.date).days
            base = s.date + dt.timedelta(days=weeks)
            while base + dt.timedelta(days=span) > slot.end and base - dt.timedelta(7) >= slot.start:
                base -= dt.timedelta(days=7)
            while base < slot.start and base + dt.timedelta(days=7 + span) <= slot.end:
                base += dt.timedelta(days=7)
            base = max(slot.start, min(base, slot.end - dt.timedelta(days=span)))
            pending.append((base, s.start, slug, n, s, span, slot))
    pending.sort(key=lambda x: (x[0], x[1], x[2], x[4].id))
    calendars: dict[tuple[int, int], tuple[dict, dict]] = {}
    moves = []
    for base, _start, slug, n, s, span, slot in pending:
        m = munis[slug]
        key = (slot.start.year, slot.end.year)
        if key not in calendars:
            years = range(key[0], key[1] + 1)
            calendars[key] = ((public_holidays(lab.state, years), quiet_days(lab.state, years))
                              if avoid else ({}, {}))
        hol, quiet = calendars[key]
        outdoor = _outdoor(m, s, workspace)
        fmt = workspace.catalogue.get(s.format)
        hosts = fmt is not None and fmt.hosts_sessions

        occurrences = s.occurrences()

        def problem(when: dt.date) -> str | None:
            shift = dt.timedelta(days=(when - s.date).days)
            for occ in occurrences:
                d = occ.date + shift
                if d in hol:
                    return f"{hol[d]} ({dmy(d)})"
                if outdoor and d in quiet:
                    return f"{quiet[d]} ({dmy(d)})"
                if not hosts:
                    for a, b in venues.get((slug, occ.venue, d.toordinal()), ()):
                        if a < occ.end and occ.start < b:
                            return _("another session at the same venue ({date})").format(
                                date=dmy(d))
            if not load.fits(s, when, span):
                return _("team or tool case busy elsewhere ({date})").format(date=dmy(when))
            return None

        # the shifted date, then the other days of the phase, nearest first (later before earlier)
        last_start = (slot.end - slot.start).days - span
        offsets = sorted(range(-(base - slot.start).days, last_start - (base - slot.start).days + 1),
                         key=lambda k: (abs(k), k < 0))
        first = problem(base)
        date, reason = base, ""
        if first is not None:
            for k in offsets[1:]:
                cand = base + dt.timedelta(days=k)
                if problem(cand) is None:
                    date, reason = cand, _("avoids {problem}").format(problem=first)
                    break
            else:
                reason = _("{problem}: no day of the phase avoids it, please check").format(
                    problem=first)
                notes.append(_("{name}: session {id}: {reason}").format(
                    name=m.name, id=s.id, reason=reason))
        book(slug, s, date, span)
        end_date = date + dt.timedelta(days=span) if s.end_date is not None else None
        if date != s.date or end_date != s.end_date:
            moves.append(SessionMove(slug=slug, phase=n, session=s.id, old_date=s.date,
                                     date=date, end_date=end_date, reason=reason))
    moves.sort(key=lambda mv: (mv.slug, mv.phase, mv.date, mv.session))
    return moves


# -- writing and printing ---------------------------------------------------------------------


def write_tour(workspace: Workspace, tour: Tour) -> list:
    """Write the tour's dates into the municipality files; return the paths written.

    Every edited file is validated before any file is written; comments are kept.
    """
    rules = workspace.lab.rules
    edits = {}
    for slot in tour.slots:
        if not slot.moved:
            continue
        file = workspace.file_of(slot.slug)
        edit = edits.get(slot.slug)
        if edit is None:
            edit = edits[slot.slug] = tomledit.load(workspace.root / file, file)
        if slot.new:
            rule = next((r for r in rules.phases if r.number == slot.number), None)
            tomledit.put_phase(
                edit,
                Phase(number=slot.number, start=slot.start, end=slot.end,
                      focus=rule.focus if rule else ""),
                comment=f"Phase {slot.number}{f' ({rule.name})' if rule else ''}: "
                        "Termine von werkzeugkoffer schedule",
            )
        else:
            tomledit.set_phase_dates(edit, slot.number, slot.start, slot.end)
    for mv in tour.session_moves:
        edit = edits[mv.slug]
        tomledit.set_session_dates(edit, mv.phase, mv.session, mv.date, mv.end_date,
                                   shift=mv.date - mv.old_date)
    return tomledit.save(edits.values(), cls=Municipality)


def _span(slot: Slot | None, short: bool = False) -> str:
    if slot is None:
        return "-"
    fmt = "%d.%m.%y" if short else "%d.%m.%Y"
    fixed = " " + _("fixed") if slot.fixed else ""
    return f"{slot.start:{fmt}}-{slot.end:{fmt}} K{slot.case}{fixed}"


def tour_rows(tour: Tour) -> list[tuple[str, Slot | None, Slot | None]]:
    """``(name, phase 1 slot, phase 2 slot)`` per municipality, in the order of phase 1."""
    by: dict[str, dict[int, Slot]] = {}
    names = {}
    for s in tour.slots:
        by.setdefault(s.slug, {})[s.number] = s
        names[s.slug] = s.name
    order = sorted(by, key=lambda slug: (min(x.start for x in by[slug].values()), slug))
    return [(names[slug], by[slug].get(1), by[slug].get(2)) for slug in order]


def summary_lines(tour: Tour) -> list[str]:
    n_munis = len({s.slug for s in tour.slots})
    cases = ngettext("{n} tool case", "{n} tool cases", tour.tool_cases).format(
        n=tour.tool_cases)
    lines = [
        _("Tour: {phases} in {municipalities}; {cases}, {team}, {parallel}.").format(
            phases=ngettext("{n} phase", "{n} phases", len(tour.slots)).format(
                n=len(tour.slots)),
            municipalities=ngettext("{n} municipality", "{n} municipalities", n_munis).format(
                n=n_munis),
            cases=cases,
            team=(ngettext("team of {n}", "team of {n}", tour.team).format(n=tour.team)
                  if tour.team else _("team of unknown size")),
            parallel=ngettext("at most {n} phase at once", "at most {n} phases at once",
                              tour.parallel).format(n=tour.parallel),
        ),
        _("Programme: {start} to {end} = {weeks} weeks; lower bound {bound} weeks "
          "({phase_weeks} phase-weeks / {cases}): {above} %.").format(
            start=dmy(tour.start), end=dmy(tour.end), weeks=number_text(tour.weeks),
            bound=number_text(tour.lower_bound_weeks),
            phase_weeks=number_text(tour.phase_weeks, "g"),
            cases=cases, above=number_text(100 * tour.above_lower_bound, "+.1f")),
    ]
    moved = sum(1 for s in tour.slots if s.moved)
    fixed = sum(1 for s in tour.slots if s.fixed)
    gaps = []
    by: dict[str, dict[int, Slot]] = {}
    for s in tour.slots:
        by.setdefault(s.slug, {})[s.number] = s
    for d in by.values():
        if 1 in d and 2 in d:
            gaps.append(((d[2].start - d[1].end).days - 1) / 7)
    if gaps:
        lines.append(_("Gap between the phases: {min} to {max} weeks (mean {mean}).").format(
            min=number_text(min(gaps)), max=number_text(max(gaps)),
            mean=number_text(sum(gaps) / len(gaps))))
    n_moves = len(tour.session_moves)
    lines.append(_("{moved}, {fixed}; {sessions}.").format(
        moved=ngettext("{n} phase gets new dates", "{n} phases get new dates", moved).format(
            n=moved),
        fixed=ngettext("{n} fixed", "{n} fixed", fixed).format(n=fixed),
        sessions=ngettext("{n} session moves with its phase", "{n} sessions move with their phase",
                          n_moves).format(n=n_moves)))
    return lines


def tour_table(tour: Tour, *, markdown: bool = False) -> str:
    """The tour as a text (or Markdown) table."""
    rows = tour_rows(tour)
    head = _("Municipality")
    one, two = (_("Phase {number}").format(number=n) for n in (1, 2))
    if markdown:
        out = [f"| {head} | {one} | {two} |", "|---|---|---|"]
        for name, p1, p2 in rows:
            out.append(f"| {name} | {_span(p1)} | {_span(p2)} |")
        return "\n".join(out)
    width = max([len(head)] + [len(r[0]) for r in rows])
    col = max([len(one)] + [len(_span(p)) for r in rows for p in r[1:]])
    out = [f"{head:<{width}}  {one:<{col}}  {two}"]
    out.append("-" * (width + 2 * col + 4))
    for name, p1, p2 in rows:
        out.append(f"{name:<{width}}  {_span(p1):<{col}}  {_span(p2)}")
    return "\n".join(out)
