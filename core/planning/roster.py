"""The staffing plan (Einsatzplan): who staffs every opening of every station and session.

:func:`build_roster` assigns the lab team (``labor.toml``: ``team``, with ``hours_per_week``,
``roles`` and ``unavailable`` days) to the people each opening needs
(:func:`werkzeugkoffer.needs.staff_needs`: the format's roles on the session's days, its station
roles at every station while it is open), and lists the roles filled on site (``local = true``)
as posts for local helpers: the station's ``host`` when it names one, else a blank name line.
The specification is in ``docs/roster.md``; in short:

- the whole lab is planned at once, in time order, because the team serves every municipality:
  the roster of one municipality and phase is the part of that lab-wide plan;
- nobody is in two places at once; between two assignments on one day in different Ortsteile
  lie at least :data:`TRAVEL_ORTSTEIL` minutes, between two municipalities
  :data:`TRAVEL_MUNICIPALITY` minutes (a coordination post without a place counts as being in
  its municipality);
- a person's assigned hours in one ISO week stay within ``hours_per_week`` (0: no limit); only
  the openings' hours are counted;
- a person takes only roles listed in their ``roles`` (empty: any role) and never works on a
  day in ``unavailable``;
- among the people who may take a post, the session's host comes first, then someone who
  already works for the session (the same faces on all days), then someone already working in
  that municipality that day (less travel), then the one with the fewest hours that week, then
  the order of ``labor.toml``. The result is deterministic.

A post nobody may take stays open, with the reason (who is busy, out of hours, away, or lacks
the role). :func:`write_roster` writes the German rota as HTML, PDF (PDF/UA) and CSV;
:func:`roster_text` is the plain-text table the command line prints.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from attrs import frozen

from ..errors import InputError
from ..files import write_atomic
from ..i18n import N_, _, ngettext
from ..model import Lab, Municipality, Session, TeamMember, Venue
from ..needs import StaffNeed, staff_needs
from ..prose import amount, table_day
from ..render.environment import get_environment
from ..render.pdf import write_html_and_pdf
from ..text import parse_choices
from ..version import version

if TYPE_CHECKING:
    from ..workspace import Workspace

#: Minutes between two assignments of one person on one day in different Ortsteile of one
#: municipality (driving and setting up again).
TRAVEL_ORTSTEIL = 30
#: Minutes between two assignments of one person on one day in different municipalities.
TRAVEL_MUNICIPALITY = 60

ROSTER_FORMATS = ("html", "pdf", "csv")
ROSTER_DIR = "einsatzplaene"
#: the label of a team post beyond the format's roles (``Station.staff`` asks for more people)
EXTRA_POST = "Team"
#: the place of a post for the whole action, not at a station (coordination)
WHOLE_ACTION = "Ganze Aktion"

WEEKDAYS_DE = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
TEXT_WIDTH = 64  # the place column of :func:`roster_text`

# why a person cannot take a post, in the order reasons are printed (German: the printed rota
# and its CSV are German; the terminal shows REASON_TEXT in the user's language)
BUSY = "schon eingesetzt"
TRAVEL = "Fahrzeit zu knapp"
HOURS = "Wochenstunden ausgeschöpft"
AWAY = "an diesem Tag nicht verfügbar"
ROLE = "Rolle nicht in ihren roles"
NO_TEAM = "labor.toml nennt kein Team"
_REASON_ORDER = (BUSY, TRAVEL, HOURS, AWAY, ROLE)
#: the reasons above for the terminal (their German translations are the German texts)
REASON_TEXT = {
    BUSY: N_("already assigned"),
    TRAVEL: N_("travel time too short"),
    HOURS: N_("weekly hours used up"),
    AWAY: N_("not available on that day"),
    ROLE: N_("role not in their roles"),
}


# -- the roster -------------------------------------------------------------------------------


@frozen(kw_only=True)
class Post:
    """One person needed at a shift: a lab-team post (``person`` assigned, or ``None`` and a
    ``reason``) or a post for a local helper (``local``; ``person`` is the station's host or
    ``None``: a blank line to write a name on)."""

    role: str
    person: str | None = None
    local: bool = False
    reason: str = ""
    #: why nobody took an open post: ``(reason, names)`` per reason (:data:`BUSY` ...), in the
    #: order of printing; ``reason`` is this in German words (:func:`reason_text` in the user's)
    why: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def open(self) -> bool:
        """A lab-team post nobody could take."""
        return not self.local and self.person is None


@frozen(kw_only=True)
class Shift:
    """One opening of one place of a session with its posts.

    ``station`` is the index of the station in ``Session.stations``; ``None`` for the session's
    own opening, or, when ``venue`` is ``None`` too, for the whole action's posts
    (coordination) on one of its days.
    """

    slug: str
    municipality: str
    phase: int
    session: str
    title: str
    station: int | None
    place: str
    venue: Venue | None
    ortsteil: str
    date: dt.date
    start: dt.time
    end: dt.time
    posts: tuple[Post, ...]

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    @property
    def hours(self) -> str:
        """``15–19 Uhr``, ``16:30–19 Uhr``"""
        def short(t: dt.time) -> str:
            return f"{t.hour}" if t.minute == 0 else f"{t.hour}:{t.minute:02d}"
        return f"{short(self.start)}–{short(self.end)} Uhr"

    @property
    def team_posts(self) -> tuple[Post, ...]:
        return tuple(p for p in self.posts if not p.local)

    @property
    def local_posts(self) -> tuple[Post, ...]:
        return tuple(p for p in self.posts if p.local)

    @property
    def open_posts(self) -> tuple[Post, ...]:
        return tuple(p for p in self.posts if p.open)

    @property
    def whole_action(self) -> bool:
        return self.venue is None and self.station is None and self.place == WHOLE_ACTION

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(p.person for p in self.posts if not p.local and p.person)

    def by_role(self) -> list[tuple[str, tuple[Post, ...]]]:
        """``(role, posts)`` in the order the roles first occur: each role is printed once."""
        roles: dict[tuple[str, bool], list[Post]] = {}
        for p in self.posts:
            roles.setdefault((p.role, p.local), []).append(p)
        return [(role, tuple(posts)) for (role, _), posts in roles.items()]

    def posts_as(self, role: str, local: bool) -> tuple[Post, ...]:
        """The posts of one role (lab team or local helpers)."""
        return tuple(p for p in self.posts if p.role == role and p.local == local)


@frozen(kw_only=True)
class WeekLoad:
    """Hours of one person in one ISO week, lab-wide, against their ``hours_per_week``."""

    person: str
    year: int
    week: int
    minutes: int
    limit: int  # minutes; 0: no limit


@frozen(kw_only=True)
class GridRow:
    date: dt.date
    cells: tuple[Shift | None, ...]


@frozen(kw_only=True)
class GridColumn:
    """A place of a session at stations: ``header`` is its Ortsteil (or the place when the
    Ortsteil is unknown or used twice), ``place`` the station's title, ``where`` the venue's
    name and address."""

    header: str
    place: str
    where: str


@frozen(kw_only=True)
class GridLine:
    """One line of the printed rota of a session at stations: one station's opening on one
    day (``station`` ``None`` on a day with only the whole action's posts), with the whole
    action's shift of that day. ``span`` is the number of lines of its day on the first of
    them, 0 on the others (the day and the whole action's posts are printed once a day)."""

    date: dt.date
    span: int
    column: GridColumn | None
    station: Shift | None
    whole: Shift | None


@frozen(kw_only=True)
class RoleColumn:
    """A column of the printed rota: the people of one role, at the stations or for the
    whole action; ``local``: helpers from the place (a line to write a name on)."""

    role: str
    local: bool
    whole: bool


@frozen(kw_only=True)
class Grid:
    """A session at several stations as a rota: one row per day, one column per place."""

    session: str
    title: str
    columns: tuple[GridColumn, ...]
    rows: tuple[GridRow, ...]

    def lines(self) -> list[GridLine]:
        """The rota as printed: one line per station and day, days in order."""
        out = []
        for row in self.rows:
            whole = next((c for c in row.cells if c is not None and c.whole_action), None)
            open_ = [(col, c) for col, c in zip(self.columns, row.cells)
                     if c is not None and not c.whole_action]
            if not open_:
                open_ = [(None, None)]
            for i, (col, shift) in enumerate(open_):
                out.append(GridLine(date=row.date, span=len(open_) if i == 0 else 0,
                                    column=col, station=shift, whole=whole))
        return out

    def role_columns(self) -> list[RoleColumn]:
        """One column per role: the stations' roles (lab team first), then the whole
        action's."""
        seen: dict[tuple[str, bool, bool], None] = {}
        shifts = [c for row in self.rows for c in row.cells if c is not None]
        for whole in (False, True):
            for local in (False, True):
                for shift in shifts:
                    if shift.whole_action != whole:
                        continue
                    for p in shift.posts:
                        if p.local == local:
                            seen.setdefault((p.role, local, whole), None)
        return [RoleColumn(role=r, local=loc, whole=w) for r, loc, w in seen]


@frozen(kw_only=True)
class Roster:
    """The staffing plan of the lab, or of one municipality (``slug``) and ``phase``.

    ``shifts`` in time order; ``load`` the team's hours per ISO week (lab-wide, for the weeks of
    the shifts); ``team`` the names of the lab team.
    """

    lab: str
    team: tuple[str, ...]
    shifts: tuple[Shift, ...]
    load: tuple[WeekLoad, ...]
    slug: str | None = None
    municipality: str | None = None
    phase: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def title(self) -> str:
        if self.municipality is None:
            return f"Einsatzplan {self.lab}"
        phase = f", Phase {self.phase}" if self.phase is not None else ""
        return f"Einsatzplan {self.municipality}{phase}"

    @property
    def file_stem(self) -> str:
        stem = self.slug or "labor"
        return f"{stem}-phase-{self.phase}" if self.phase is not None else stem

    @property
    def unstaffed(self) -> tuple[tuple[Shift, Post], ...]:
        """Every lab-team post nobody could take, with its shift."""
        return tuple((s, p) for s in self.shifts for p in s.posts if p.open)

    @property
    def team_posts(self) -> int:
        return sum(len(s.team_posts) for s in self.shifts)

    @property
    def local_posts(self) -> int:
        return sum(len(s.local_posts) for s in self.shifts)

    def hours(self) -> list[tuple[str, int]]:
        """``(person, minutes)`` assigned in this roster, in team order (people with none
        left out)."""
        minutes: dict[str, int] = defaultdict(int)
        for s in self.shifts:
            for name in s.people:
                minutes[name] += s.minutes
        return [(name, minutes[name]) for name in self.team if minutes.get(name)]

    def weeks(self) -> list[tuple[int, int]]:
        """The ISO weeks ``(year, week)`` of :attr:`load`, in order."""
        return sorted({(w.year, w.week) for w in self.load})

    def load_rows(self) -> list[tuple[str, list[WeekLoad]]]:
        """``(person, [their WeekLoad per week of weeks()])`` in team order."""
        by_person: dict[str, list[WeekLoad]] = defaultdict(list)
        for w in sorted(self.load, key=lambda w: (w.year, w.week)):
            by_person[w.person].append(w)
        return [(name, by_person[name]) for name in self.team if name in by_person]

    def grids(self) -> list[Grid]:
        """The sessions at stations as day-by-station tables (the whole action first)."""
        by_session: dict[str, list[Shift]] = defaultdict(list)
        for s in self.shifts:
            by_session[s.session].append(s)
        out = []
        for sid, shifts in by_session.items():
            if all(s.station is None for s in shifts):
                continue
            keys: list[int | None] = []
            first: dict[int | None, Shift] = {}
            for s in sorted(shifts, key=lambda s: -1 if s.station is None else s.station):
                if s.station not in first:
                    keys.append(s.station)
                    first[s.station] = s
            ortsteile = [first[k].ortsteil for k in keys]
            columns = []
            for k in keys:
                s = first[k]
                unique = s.ortsteil and ortsteile.count(s.ortsteil) == 1
                where = (", ".join(x for x in (s.venue.name, s.venue.address) if x)
                         if s.venue else "")
                columns.append(GridColumn(header=s.ortsteil if unique else s.place, place=s.place,
                                          where=where))
            days = sorted({s.date for s in shifts})
            cell = {(s.date, s.station): s for s in shifts}
            rows = tuple(GridRow(date=d, cells=tuple(cell.get((d, k)) for k in keys)) for d in days)
            out.append(Grid(session=sid, title=shifts[0].title, columns=tuple(columns), rows=rows))
        return out

    def single(self) -> list[Shift]:
        """The shifts of sessions that are not at stations, in time order."""
        at_stations = {g.session for g in self.grids()}
        return [s for s in self.shifts if s.session not in at_stations]


# -- assignment -------------------------------------------------------------------------------


@frozen
class _Job:
    start: int  # minutes since 0001-01-01
    end: int
    slug: str
    m: Municipality
    phase: int
    session: Session
    title: str
    need: StaffNeed


def _posts(session: Session, need: StaffNeed, team_names: set[str]) -> tuple[list[str], list[Post]]:
    """The team roles to fill (names, one per person) and the local posts of one need."""
    names = [r.name for r in need.roles for _ in range(r.count)]
    if need.team < len(names):
        names = names[: need.team]
    names += [EXTRA_POST] * (need.team - len(names))
    local = [Post(role=r.name, local=True) for r in need.local_roles for _ in range(r.count)]
    occ = need.occurrence
    host = session.stations[occ.station].host if occ.station is not None else session.host
    if host and host not in team_names and local:
        local[0] = Post(role=local[0].role, person=host, local=True)
    return names, local


def _travel(a: tuple[str, str | None], b: tuple[str, str | None]) -> int:
    if a[0] != b[0]:
        return TRAVEL_MUNICIPALITY
    if a[1] is None or b[1] is None or a[1] == b[1]:
        return 0
    return TRAVEL_ORTSTEIL


def _fits(member: TeamMember, role: str) -> bool:
    return not member.roles or role == EXTRA_POST or role in member.roles


class _Planner:
    """The lab-wide greedy assignment (see the module docstring)."""

    def __init__(self, lab: Lab):
        self.team = list(lab.team)
        self.names = {m.name for m in self.team}
        self.away = {m.name: set(m.unavailable) for m in self.team}
        self.busy: dict[tuple[str, dt.date], list[tuple[int, int, tuple]]] = defaultdict(list)
        self.week: dict[tuple[str, int, int], int] = defaultdict(int)
        self.sessions: dict[str, set[str]] = defaultdict(set)  # written only in take()
        self.places: dict[tuple[str, dt.date], set[str]] = defaultdict(set)

    def why_not(self, member: TeamMember, role: str, job: _Job, place: tuple, minutes: int,
                day: dt.date, iso: tuple[int, int]) -> str | None:
        if not _fits(member, role):
            return ROLE
        if day in self.away[member.name]:
            return AWAY
        for start, end, other in self.busy.get((member.name, day), ()):
            if start < job.end and job.start < end:
                return BUSY
            gap = job.start - end if end <= job.start else start - job.end
            if gap < _travel(other, place):
                return TRAVEL
        limit = member.hours_per_week * 60
        if limit and self.week.get((member.name, *iso), 0) + minutes > limit:
            return HOURS
        return None

    def take(self, member: TeamMember, job: _Job, place: tuple, minutes: int, day: dt.date,
             iso: tuple[int, int]) -> None:
        self.busy[(member.name, day)].append((job.start, job.end, place))
        self.week[(member.name, *iso)] += minutes
        self.sessions[member.name].add(job.session.id)
        self.places[(member.name, day)].add(job.slug)

    def assign(self, job: _Job, roles: list[str]) -> list[Post]:
        occ = job.need.occurrence
        day = occ.date
        iso = tuple(day.isocalendar())[:2]
        minutes = job.end - job.start
        venue = job.m.venue(occ.venue) if occ.venue else None
        place = (job.slug, venue.ortsteil if venue is not None else None)
        # posts few people may take first, so a flexible person is not used up on an easy one
        order = sorted(range(len(roles)),
                       key=lambda i: sum(1 for m in self.team if _fits(m, roles[i])))
        posts: list[Post | None] = [None] * len(roles)
        for i in order:
            role = roles[i]
            best, best_key = None, None
            failures: dict[str, list[str]] = defaultdict(list)
            for index, member in enumerate(self.team):
                reason = self.why_not(member, role, job, place, minutes, day, iso)
                if reason is not None:
                    failures[reason].append(member.name)
                    continue
                key = (
                    0 if member.name == job.session.host else 1,
                    0 if job.session.id in self.sessions.get(member.name, ()) else 1,
                    0 if job.slug in self.places.get((member.name, day), ()) else 1,
                    self.week.get((member.name, *iso), 0),
                    index,
                )
                if best_key is None or key < best_key:
                    best, best_key = member, key
            if best is not None:
                self.take(best, job, place, minutes, day, iso)
                posts[i] = Post(role=role, person=best.name)
            else:
                why = (tuple((k, tuple(failures[k])) for k in _REASON_ORDER if k in failures)
                       if self.team else ((NO_TEAM, ()),))
                posts[i] = Post(role=role, reason=_reason(role, failures, bool(self.team)),
                                why=why)
        return [p for p in posts if p is not None]


def _reason(role: str, failures: dict[str, list[str]], has_team: bool) -> str:
    if not has_team:
        return NO_TEAM
    if set(failures) == {ROLE}:
        return f"niemand im Team übernimmt die Rolle „{role}“ (roles in labor.toml)"
    parts = [f"{why}: {', '.join(failures[why])}" for why in _REASON_ORDER
             if why in failures and why != ROLE]
    if ROLE in failures:
        parts.append(f"ohne diese Rolle: {', '.join(failures[ROLE])}")
    return "; ".join(parts)


def _jobs(workspace: Workspace) -> list[_Job]:
    cat = workspace.catalogue
    jobs = []
    for slug in sorted(workspace.municipalities):
        m = workspace.municipalities[slug]
        for phase in m.phases:
            for s in phase.sessions:
                fmt = cat.get(s.format)
                if fmt is None:
                    continue  # ``check`` reports the unknown format
                title = s.title or fmt.title
                for need in staff_needs(s, fmt):
                    if not need.team and not need.local_roles:
                        continue
                    occ = need.occurrence
                    if occ.end_minute <= occ.start_minute:
                        continue  # ``check`` reports hours that end before they start
                    jobs.append(_Job(start=occ.start_minute, end=occ.end_minute, slug=slug, m=m,
                                     phase=phase.number, session=s, title=title, need=need))
    jobs.sort(key=lambda j: (j.start, j.end, j.slug, j.session.id,
                             -1 if j.need.occurrence.station is None
                             else j.need.occurrence.station))
    return jobs


def _shift(job: _Job, posts: list[Post]) -> Shift:
    occ = job.need.occurrence
    venue = job.m.venue(occ.venue) if occ.venue else None
    if venue is not None:
        st = job.session.stations[occ.station] if occ.station is not None else None
        place = (st.title if st is not None and st.title else venue.name)
        ortsteil = venue.ortsteil
    else:
        place, ortsteil = (WHOLE_ACTION, "") if occ.venue is None else (occ.venue, "")
    return Shift(slug=job.slug, municipality=job.m.name, phase=job.phase, session=job.session.id,
                 title=job.title, station=occ.station, place=place, venue=venue,
                 ortsteil=ortsteil, date=occ.date, start=occ.start, end=occ.end,
                 posts=tuple(posts))


def plan_lab(workspace: Workspace) -> Roster:
    """The staffing plan of the whole lab: every municipality, both phases."""
    key = (dict(workspace.catalogue.formats), workspace.lab,
           tuple(workspace.municipalities.items()))
    if _MEMO and _MEMO[0][0] == key:
        return _MEMO[0][1]
    lab = workspace.lab
    planner = _Planner(lab)
    shifts = []
    for job in _jobs(workspace):
        roles, local = _posts(job.session, job.need, planner.names)
        posts = planner.assign(job, roles) + local
        shifts.append(_shift(job, posts))
    roster = Roster(lab=lab.name, team=tuple(m.name for m in lab.team), shifts=tuple(shifts),
                    load=_load(lab, planner.week, shifts))
    _MEMO[:] = [(key, roster)]
    return roster


# one lab-wide plan is kept: a kit build asks for the roster of every kit of one workspace
_MEMO: list = []


def build_roster(workspace: Workspace, slug: str | None = None, phase: int | None = None) -> Roster:
    """The staffing plan of one municipality (a slug or name; all when ``None``) and ``phase``
    (both when ``None``): its part of the lab-wide plan (:func:`plan_lab`)."""
    whole = plan_lab(workspace)
    if slug is None:
        if phase is None:
            return whole
        shifts = tuple(s for s in whole.shifts if s.phase == phase)
        return _part(whole, shifts, phase=phase)
    (slug, m), = workspace.select([slug]).items()
    p = m.phase(phase) if phase is not None else None
    if phase is not None and p is None:
        raise InputError(_("{file}: phases: no phase {number}").format(
            file=workspace.file_of(slug), number=phase))
    shifts = tuple(s for s in whole.shifts
                   if s.slug == slug and (phase is None or s.phase == phase))
    dates = ([p.start, p.end] if p is not None
             else [x for ph in m.phases for x in (ph.start, ph.end)])
    return _part(whole, shifts, slug=slug, municipality=m.name, phase=phase,
                 start=min(dates, default=None), end=max(dates, default=None))


def _load(lab: Lab, week: dict[tuple[str, int, int], int], shifts: Iterable[Shift]
          ) -> tuple[WeekLoad, ...]:
    """Every team member's hours in every ISO week of ``shifts`` (0 where none)."""
    weeks = sorted({tuple(s.date.isocalendar())[:2] for s in shifts})
    return tuple(
        WeekLoad(person=m.name, year=year, week=number,
                 minutes=week.get((m.name, year, number), 0), limit=m.hours_per_week * 60)
        for year, number in weeks for m in lab.team
    )


def _part(whole: Roster, shifts: tuple[Shift, ...], **fields) -> Roster:
    weeks = {tuple(s.date.isocalendar())[:2] for s in shifts}
    load = tuple(w for w in whole.load if (w.year, w.week) in weeks)
    return Roster(lab=whole.lab, team=whole.team, shifts=shifts, load=load, **fields)


# -- output -----------------------------------------------------------------------------------


def _clock(t: dt.time) -> str:
    return t.strftime("%H:%M")


def reason_text(post: Post) -> str:
    """Why nobody took ``post``, in the user's language (:attr:`Post.reason` is the German text
    of the printed rota; under a German locale the two are the same)."""
    why = dict(post.why)
    if not why:
        return post.reason
    if NO_TEAM in why:
        return _("labor.toml names no team")
    if set(why) == {ROLE}:
        return _('nobody in the team takes the role "{role}" (roles in labor.toml)').format(
            role=post.role)
    parts = [f"{_(REASON_TEXT[k])}: {', '.join(names)}" for k, names in post.why if k != ROLE]
    if ROLE in why:
        parts.append(_("without this role: {names}").format(names=", ".join(why[ROLE])))
    return "; ".join(parts)


def _place(shift: Shift) -> str:
    """The place of a shift for the terminal (a whole action's posts in the user's language)."""
    return _("Whole action") if shift.whole_action else shift.place


def _heading(roster: Roster) -> str:
    """The title line of :func:`roster_text` in the user's language (the printed rota's title is
    :attr:`Roster.title`, German)."""
    if roster.municipality is None:
        return _("Staffing plan for {name}").format(name=roster.lab)
    dates = roster.start is not None and roster.end is not None
    start = f"{roster.start:%d.%m.%Y}" if dates else ""
    end = f"{roster.end:%d.%m.%Y}" if dates else ""
    name = roster.municipality
    if roster.phase is None:
        if dates:
            return _("Staffing plan for {name} ({start} to {end})").format(
                name=name, start=start, end=end)
        return _("Staffing plan for {name}").format(name=name)
    if dates:
        return _("Staffing plan for {name}, phase {number} ({start} to {end})").format(
            name=name, number=roster.phase, start=start, end=end)
    return _("Staffing plan for {name}, phase {number}").format(name=name, number=roster.phase)


def _who(posts: Iterable[Post]) -> str:
    """The posts of a shift by role, each role named once: "Reparierende: A, B, 1 × OFFEN"."""
    roles: dict[str, list[Post]] = {}
    for post in posts:
        roles.setdefault(post.role, []).append(post)
    parts = []
    for role, group in roles.items():
        names = [p.person for p in group if p.person]
        blank = sum(1 for p in group if not p.person and p.local)
        missing = sum(1 for p in group if p.open)
        if blank:
            names.append(_("{n} × ________ (on site)").format(n=blank) if blank > 1
                         else _("________ (on site)"))
        if missing:
            names.append(_("{n} × OPEN").format(n=missing) if missing > 1 else _("OPEN"))
        parts.append(f"{role}: {', '.join(names)}")
    return "; ".join(parts)


def roster_text(roster: Roster) -> str:
    """The roster as a plain-text table in the user's language: day, time, place, who; then the
    open posts (titles, places and roles are the workspace's, German)."""
    rows = [(_("Day"), _("Time"), _("Session, place"), _("Team and local helpers"))]
    for s in roster.shifts:
        title = s.title if len(s.title) <= 32 else s.title[:31] + "…"
        where = f"{title} · {_place(s)}"
        if s.ortsteil and s.ortsteil not in where:
            where += f" ({s.ortsteil})"
        if roster.municipality is None:
            where = f"{s.municipality}: {where}"
        if len(where) > TEXT_WIDTH:
            where = where[: TEXT_WIDTH - 1] + "…"
        who = _who(s.posts) or _("nobody needed")
        rows.append((table_day(s.date), f"{_clock(s.start)}-{_clock(s.end)}", where, who))
    width = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [_heading(roster)]
    for i, r in enumerate(rows):
        lines.append(f"{r[0]:<{width[0]}}  {r[1]:<{width[1]}}  {r[2]:<{width[2]}}  {r[3]}")
        if i == 0:
            lines.append("-" * (sum(width) + 6 + len(r[3])))
    open_posts = roster.unstaffed
    hours = ", ".join(_("{name} {hours} h").format(name=name,
                                                   hours=amount(round(minutes / 60, 1)))
                      for name, minutes in roster.hours())
    n = len(roster.shifts)
    lines += ["", _("{shifts}, {team} for the lab team, {local} for local helpers; {open} not "
                    "staffed.").format(
        shifts=ngettext("{n} shift", "{n} shifts", n).format(n=n),
        team=ngettext("{n} post", "{n} posts", roster.team_posts).format(n=roster.team_posts),
        local=roster.local_posts, open=len(open_posts))]
    if hours:
        lines.append(_("Hours: {hours}").format(hours=hours))
    if open_posts:
        lines += ["", _("Not staffed ({n}):").format(n=len(open_posts))]
        for s, p in open_posts:
            lines.append(f"  {s.date:%d.%m.%Y} {_clock(s.start)}-{_clock(s.end)} {s.title}, "
                         f"{_place(s)}: {p.role}: {reason_text(p)}")
    return "\n".join(lines)


CSV_COLUMNS = ("Gemeinde", "Phase", "Datum", "Wochentag", "Beginn", "Ende", "Termin", "Titel",
               "Station", "Ort", "Ortsteil", "Rolle", "Name", "Art", "Hinweis")


def roster_csv(roster: Roster) -> bytes:
    """One row per post (``;``-separated, UTF-8 with BOM, for spreadsheets)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for s in roster.shifts:
        for p in s.posts:
            writer.writerow([
                s.municipality, s.phase, s.date.isoformat(), WEEKDAYS_DE[s.date.weekday()],
                _clock(s.start), _clock(s.end), s.session, s.title,
                "" if s.station is None else s.station + 1, s.place, s.ortsteil, p.role,
                p.person or "", "vor Ort" if p.local else "Laborteam",
                p.reason if p.open else "",
            ])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def render_roster(roster: Roster, workspace: Workspace = None) -> str:
    """The roster as one self-contained German HTML page (template ``einsatzplan.html``)."""
    env = get_environment(workspace)
    return env.get_template("einsatzplan.html").render(rota=roster, version=version())


def parse_roster_formats(value: str | Iterable[str] | None) -> tuple[str, ...]:
    return parse_choices(value, ROSTER_FORMATS, what=N_("staffing plan format"),
                         default=ROSTER_FORMATS)


@frozen(kw_only=True)
class WrittenRoster:
    roster: Roster
    files: tuple[Path, ...]
    pages: int | None
    seconds: float


def write_roster(workspace: Workspace, slug: str, *, phase: int | None = None,
                 formats: str | Iterable[str] | None = None, out: str | Path | None = None,
                 progress: Callable[[WrittenRoster], None] | None = None) -> list[WrittenRoster]:
    """Write the staffing plan of a municipality, one set of files per phase (or only
    ``phase``): ``<out>/<slug>-phase-<n>.{html,pdf,csv}``; ``out`` defaults to the workspace's
    ``einsatzplaene/``. Files are written atomically."""
    wanted = parse_roster_formats(formats)
    (slug, m), = workspace.select([slug]).items()
    numbers = [phase] if phase is not None else sorted(p.number for p in m.phases)
    out_dir = Path(out) if out is not None else Path(workspace.root) / ROSTER_DIR
    written = []
    for number in numbers:
        t0 = time.perf_counter()
        roster = build_roster(workspace, slug, number)
        files: list[Path] = []
        pages = None
        if "html" in wanted or "pdf" in wanted:
            files, pages = write_html_and_pdf(out_dir, roster.file_stem,
                                              render_roster(roster, workspace), wanted)
        if "csv" in wanted:
            path = out_dir / f"{roster.file_stem}.csv"
            write_atomic(path, roster_csv(roster))
            files.append(path)
        done = WrittenRoster(roster=roster, files=tuple(files), pages=pages,
                             seconds=time.perf_counter() - t0)
        written.append(done)
        if progress is not None:
            progress(done)
    return written
