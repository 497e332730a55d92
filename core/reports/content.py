"""Reports: what the sessions produced, per phase, per municipality and for the whole lab.

:func:`build_report` computes a :class:`Report` (plain data, no HTML) from the workspace and the
result store: participants by target group and theme, sessions held vs planned, each format's
results aggregated by result type (top entries of lists, vote tallies, means of ratings, map
points by Ortsteil, sums of counts, the competence check), the reach into the Ortsteile, the
impact staircase (:mod:`werkzeugkoffer.impact`), a comparison of phase 1 and phase 2 and the
topics phase 1 raised. A lab report (no municipality) adds a comparison of the municipalities.

:func:`render_report` renders it with the one jinja2 environment (:mod:`werkzeugkoffer.render`;
templates ``report/gemeinde.html`` and ``report/labor.html``, overridable like kit templates);
:func:`write_reports` writes HTML and PDF (PDF/UA, :mod:`werkzeugkoffer.pdf`) to ``berichte/``.

Charts come from :mod:`werkzeugkoffer.render.charts`.

Results marked ``personal`` by their format are not shown in reports (they may hold names);
profile labels of the competence check are not shown either, only the group's mean.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

import attrs
from attrs import frozen
from markupsafe import Markup

from ..errors import InputError
from ..files import write_atomic
from ..i18n import N_, _
from ..model import (
    IMPACT_STEPS,
    Format,
    Lab,
    Municipality,
    ResultField,
    ResultType,
    TargetGroup,
    Theme,
)
from ..reach import Reach, reach, session_ortsteile
from ..render.charts import bar_chart, grouped_bar_chart, radar_chart, timeline_chart
from ..render.environment import get_environment
from ..render.pdf import write_html_and_pdf
from ..results.dataset import Dataset, SessionData, contributed_ortsteile
from ..results.topics import Entry, Topic, VoteOutcome, count_entries, dataset_topics, vote_outcomes
from ..text import NICHT_BEWERTET, parse_choices, zahl
from ..version import version
from .impact import (
    CompetenceGroup,
    Goals,
    Impact,
    Recommendation,
    StepGoals,
    competence_group,
    compute_impact,
    count_goals,
    recommendations,
)

if TYPE_CHECKING:
    from ..workspace import Workspace

REPORTS_DIR = "berichte"
REPORT_FORMATS = ("html", "pdf")
TOP_ENTRIES = 10
NOTES_PER_PLACE = 8


# -- report data ----------------------------------------------------------------------------------


@frozen(kw_only=True)
class PlacePoints:
    """The map points of one Ortsteil: count per category and the first notes."""

    place: str
    categories: tuple[tuple[str, int], ...]
    count: int
    notes: tuple[str, ...]
    more_notes: int


@frozen(kw_only=True)
class FieldSummary:
    """One result field aggregated over the held sessions of a format (by its type)."""

    field: ResultField
    results: int  # results that have a value
    total: float | None = None  # sum (count, number; entries of lists; votes)
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    top: tuple[Entry, ...] = ()  # text_list: most frequent entries
    more: int = 0  # text_list: entries not in top
    tally: tuple[tuple[str, int], ...] = ()  # choice_votes (every option)
    points: tuple["PlacePoints", ...] = ()  # map_points by Ortsteil
    texts: tuple[tuple[str, str], ...] = ()  # text: (session id, text)
    check: CompetenceGroup | None = None
    advice: tuple[Recommendation, ...] = ()
    hidden: bool = False  # personal: not shown
    chart: Markup | None = None

    @property
    def type(self) -> str:
        return self.field.type.value


@frozen(kw_only=True)
class FormatSummary:
    format: Format
    sessions_planned: int
    sessions_held: int
    participants: int
    fields: tuple[FieldSummary, ...]


@frozen(kw_only=True)
class SessionRow:
    number: int
    data: SessionData
    title: str
    place: str
    status: str  # durchgeführt, kein Ergebnis erfasst, geplant

    @property
    def session(self):
        return self.data.session

    @property
    def participants(self) -> int | None:
        return self.data.participants if self.data.held else None


@frozen(kw_only=True)
class OrtsteilRow:
    """One Ortsteil in the reach table. ``reached`` follows :func:`werkzeugkoffer.reach.reach`
    (a held session or station there, or results naming it); ``by_contribution`` when only
    results name it."""

    name: str
    sessions_planned: int
    sessions_held: int
    participants: int
    map_points: int
    reached: bool = False
    by_contribution: bool = False


@frozen(kw_only=True)
class Figures:
    """Key figures of a scope (one phase, a municipality, the lab)."""

    sessions_planned: int
    sessions_held: int
    sessions_missing: int  # past, but no result recorded
    participants: int
    by_group: tuple[tuple[TargetGroup, int], ...]
    by_theme: tuple[tuple[Theme, int, int, int], ...]  # theme, planned, held, participants
    ortsteile_total: int
    ortsteile_reached: tuple[str, ...]
    entries: int
    map_points: int
    votes: int
    population: int = 0  # residents of the municipalities in scope

    @property
    def themes_covered(self) -> int:
        return sum(1 for _, _, held, _ in self.by_theme if held)

    @property
    def participation_rate(self) -> float | None:
        """Participants per 100 residents (a person at two sessions counts twice)."""
        return self.participants / self.population * 100 if self.population else None

    def group(self, group: TargetGroup) -> int:
        return dict(self.by_group).get(group, 0)


@frozen(kw_only=True)
class ComparisonRow:
    """One figure of phase 1 and phase 2. ``missing1``/``missing2``: the figure comes from
    results and that phase has none yet ("Noch keine Ergebnisse", no change computed)."""

    label: str
    phase1: float
    phase2: float
    missing1: bool = False
    missing2: bool = False

    @property
    def comparable(self) -> bool:
        return not (self.missing1 or self.missing2)

    @property
    def change(self) -> float | None:
        return self.phase2 - self.phase1 if self.comparable else None

    @property
    def change_percent(self) -> float | None:
        if not self.comparable or not self.phase1:
            return None
        return (self.phase2 - self.phase1) / self.phase1 * 100


StepSummary = StepGoals  # name of werkzeugkoffer 0.1


@frozen(kw_only=True)
class CouncilSummary:
    """The figures of "Auf einen Blick": one page for the council (a municipality), one line
    per municipality in the lab report."""

    name: str
    population: int
    participants: int
    sessions_planned: int
    sessions_held: int
    sessions_missing: int
    reach: Reach | None  # a municipality; None for the lab
    ortsteile_reached: int
    ortsteile_total: int
    topics: tuple[Topic, ...]
    topics_phase: int | None
    goals: Goals
    next_steps: tuple[str, ...]
    votes: tuple[VoteOutcome, ...] = ()

    @property
    def has_results(self) -> bool:
        return self.sessions_held > 0

    @property
    def participation_rate(self) -> float | None:
        return self.participants / self.population * 100 if self.population else None

    @property
    def steps(self) -> tuple[StepGoals, ...]:
        return self.goals.steps

    @property
    def goals_reached(self) -> int:
        return self.goals.reached

    @property
    def goals_with_target(self) -> int:
        return self.goals.with_target

    @property
    def goals_open(self) -> int:
        return self.goals.open

    @property
    def highest_step(self) -> StepGoals | None:
        """The highest step with at least one indicator that reached its target."""
        return self.goals.highest_step


@frozen(kw_only=True)
class MunicipalityRow:
    """A municipality in the lab report."""

    slug: str
    municipality: Municipality
    phases: tuple[tuple[int, Figures], ...]
    figures: Figures
    summary: CouncilSummary

    @property
    def goals(self) -> Goals:
        """"Ziele erreicht" of the municipality (:func:`~.impact.count_goals`)."""
        return self.summary.goals

    @property
    def reached_indicators(self) -> int:
        return self.goals.reached

    @property
    def indicators_with_target(self) -> int:
        return self.goals.with_target

    def phase(self, number: int) -> Figures | None:
        return dict(self.phases).get(number)


@frozen(kw_only=True)
class Report:
    kind: str  # "gemeinde" or "labor"
    title: str
    subtitle: str
    lab: Lab
    municipality: Municipality | None
    slug: str | None
    phase: int | None
    phase_names: tuple[tuple[int, str], ...]
    generated: dt.date
    figures: Figures
    participants_table: tuple[tuple[TargetGroup, tuple[int, ...], int], ...]
    themes: tuple[Theme, ...]
    sessions: tuple[SessionRow, ...]
    formats: tuple[FormatSummary, ...]
    reach: tuple[OrtsteilRow, ...]
    ortsteile_missing: tuple[str, ...]
    impact: Impact
    comparison: tuple[ComparisonRow, ...]
    topics: tuple[Topic, ...]
    topics_phase: int | None
    municipalities: tuple[MunicipalityRow, ...]
    competence: tuple[tuple[FormatSummary, FieldSummary], ...]
    charts: dict[str, Markup]
    orphans: int
    version: str
    summary: CouncilSummary | None = None
    withheld: tuple[tuple[str, str], ...] = ()  # (format title, field label) not printed

    @property
    def votes(self) -> tuple[VoteOutcome, ...]:
        return self.summary.votes if self.summary is not None else ()

    @property
    def goals(self) -> Goals | None:
        """"Ziele erreicht" of the report's scope (:func:`~.impact.count_goals`)."""
        return self.summary.goals if self.summary is not None else None

    def goals_json(self) -> dict | None:
        """"Ziele erreicht" for ``report --json``: the scope's, and each municipality's in a
        lab report (the same numbers as the printed tables)."""
        if self.goals is None:
            return None
        out = self.goals.to_json()
        if self.municipalities:
            out["municipalities"] = {r.slug: r.goals.to_json() for r in self.municipalities}
        return out

    @property
    def file_stem(self) -> str:
        base = self.slug if self.kind == "gemeinde" else "labor"
        return f"{base}-phase-{self.phase}" if self.phase else base

    @property
    def summary_stem(self) -> str:
        """File name (without suffix) of the standalone council summary."""
        base = f"{self.slug if self.kind == 'gemeinde' else 'labor'}-auf-einen-blick"
        return f"{base}-phase-{self.phase}" if self.phase else base


def _municipality_reach(data: Dataset, m: Municipality) -> Reach:
    """The one reach definition over the held sessions of ``data`` (one municipality)."""
    held = [s for s in data.held if s.municipality.ags == m.ags]
    return reach(m, [s.session for s in held], contributed_ortsteile(held))


def _figures(data: Dataset, m: Municipality | None = None,
             today: dt.date | None = None) -> Figures:
    """Key figures of ``data``: of municipality ``m``, or over every municipality in it (the
    Ortsteile are counted per municipality then)."""
    today = today or dt.date.today()
    held = data.held
    groups: Counter = Counter()
    for s in held:
        for g, n in s.result.participants.items():  # type: ignore[union-attr]
            groups[g] += n
    by_theme = []
    for theme in Theme:
        planned = [s for s in data.sessions if s.format.theme is theme]
        th = [s for s in planned if s.held]
        by_theme.append((theme, len(planned), len(th), sum(s.participants for s in th)))
    entries = points = votes = 0
    for s in held:
        for fld in s.format.result_fields:
            v = s.values.get(fld.name)
            if v is None:
                continue
            if fld.type is ResultType.TEXT_LIST:
                entries += len(v)
            elif fld.type is ResultType.MAP_POINTS:
                points += len(v)
            elif fld.type is ResultType.CHOICE_VOTES:
                votes += sum(v.values())
    if m is not None:
        r = _municipality_reach(data, m)
        total, reached, population = len(r.ortsteile), r.reached, m.population
    else:
        total, population = 0, 0
        reached_list: list[str] = []
        seen: dict[str, Municipality] = {}
        for s in data.sessions:
            seen.setdefault(s.slug, s.municipality)
        for mm in seen.values():
            r = _municipality_reach(data, mm)
            total += len(r.ortsteile)
            population += mm.population
            reached_list.extend(f"{mm.name}: {o}" for o in r.reached)
        reached = tuple(reached_list)
    return Figures(
        sessions_planned=len(data.sessions),
        sessions_held=len(held),
        sessions_missing=sum(1 for s in data.sessions
                             if not s.held and s.session.last_date < today),
        participants=sum(s.participants for s in held),
        by_group=tuple((g, groups[g]) for g in TargetGroup if groups.get(g)),
        by_theme=tuple(by_theme),
        ortsteile_total=total,
        ortsteile_reached=tuple(reached),
        entries=entries,
        map_points=points,
        votes=votes,
        population=population,
    )


def summarize_field(fld: ResultField, sessions: Sequence[SessionData]) -> FieldSummary:
    """Aggregate one field over held sessions, by its type."""
    values = [(s, s.values[fld.name]) for s in sessions if s.held and fld.name in s.values]
    n = len(values)
    if fld.personal:
        return FieldSummary(field=fld, results=n, hidden=True)
    t = fld.type
    if t in (ResultType.COUNT, ResultType.NUMBER, ResultType.PERCENT, ResultType.RATING):
        nums = [float(v) for _, v in values]
        if not nums:
            return FieldSummary(field=fld, results=0)
        return FieldSummary(field=fld, results=n, total=sum(nums),
                            mean=sum(nums) / len(nums), minimum=min(nums), maximum=max(nums))
    if t is ResultType.TEXT:
        return FieldSummary(field=fld, results=n,
                            texts=tuple((s.session.id, v) for s, v in values if v))
    if t is ResultType.TEXT_LIST:
        entries = [e for _, v in values for e in v]
        grouped = count_entries(entries)
        top = tuple(grouped[:TOP_ENTRIES])
        return FieldSummary(field=fld, results=n, total=float(len(entries)), top=top,
                            more=sum(c for _, c in grouped[TOP_ENTRIES:]))
    if t is ResultType.CHOICE_VOTES:
        tally = {opt: 0 for opt in fld.options}
        for _, v in values:
            for opt, k in v.items():
                tally[opt] = tally.get(opt, 0) + k
        items = tuple(tally.items())
        chart = (bar_chart(list(items), title=fld.label, unit="Stimmen") if n else None)
        return FieldSummary(field=fld, results=n, total=float(sum(tally.values())), tally=items,
                            chart=chart)
    if t is ResultType.MAP_POINTS:
        by_place: dict[str, Counter] = defaultdict(Counter)
        notes: dict[str, list[str]] = defaultdict(list)
        order: list[str] = []
        several = len({s.slug for s, _ in values}) > 1
        for s, v in values:
            for p in v:
                place = p.get("ortsteil") or "ohne Ortsteil"
                if several:  # the lab report: Ortsteile of different municipalities
                    place = f"{s.municipality.name}: {place}"
                if place not in order:
                    order.append(place)
                by_place[place][p["category"]] += 1
                if p.get("note"):
                    notes[place].append(f"{p['category']}: {p['note']}")
        order.sort(key=lambda o: (o.endswith("ohne Ortsteil"), -sum(by_place[o].values()), o))
        keep = 0 if several else NOTES_PER_PLACE  # the lab report lists counts only
        points = tuple(
            PlacePoints(
                place=place,
                categories=tuple((c, by_place[place][c]) for c in fld.options
                                 if by_place[place][c]),
                count=sum(by_place[place].values()),
                notes=tuple(notes[place][:keep]),
                more_notes=max(0, len(notes[place]) - keep),
            )
            for place in order
        )
        total = sum(p.count for p in points)
        return FieldSummary(field=fld, results=n, total=float(total), points=points)
    if t is ResultType.SCORES:
        profiles = [p for _, v in values for p in v]
        if not profiles:
            return FieldSummary(field=fld, results=0)
        check = competence_group(fld, profiles)
        chart = competence_chart(check)
        return FieldSummary(field=fld, results=n, total=float(len(profiles)), check=check,
                            advice=tuple(recommendations(check)), chart=chart)
    return FieldSummary(field=fld, results=n)  # pragma: no cover


def competence_chart(check: CompetenceGroup, *, persons: bool = False) -> Markup:
    """The radar chart ("Kompetenz-Netz") of a competence check: the target line and the
    group's mean result per competence; ``persons`` adds a thin line per person (labelled
    "Person 1", "Person 2" ..., never by name)."""
    rows = check.rows
    series = []
    if persons and check.profiles > 1:  # drawn first, under the group's lines
        series += [(f"Person {i}", [r.result for r in p.rows], "person")
                   for i, p in enumerate(check.persons, start=1)]
    series += [("Soll-Kompetenzlinie", [r.target for r in rows], "target"),
               ("Kompetenzlinie (Mittelwert)" if check.profiles > 1
                else "Persönliche Kompetenzlinie", [r.result for r in rows], "result")]
    return radar_chart([r.name for r in rows], series,
                       title=f"Kompetenz-Netz: {check.field.label}")


def summarize_formats(data: Dataset) -> list[FormatSummary]:
    out = []
    for fmt in data.formats():
        sessions = [s for s in data.sessions if s.format.id == fmt.id]
        held = [s for s in sessions if s.held]
        out.append(FormatSummary(
            format=fmt, sessions_planned=len(sessions), sessions_held=len(held),
            participants=sum(s.participants for s in held),
            fields=tuple(summarize_field(f, held) for f in fmt.result_fields),
        ))
    return out


def _place(s: SessionData) -> str:
    """Where a session was: its venue, or for a session at stations "7 Stationen in 7
    Ortsteilen: Breidenbach, Achenbach, ..."."""
    stations = s.session.stations
    if len(stations) > 1:
        places = session_ortsteile(s.municipality, s.session)
        n = len(stations)
        if len(places) > 1:
            return f"{n} Stationen in {len(places)} Ortsteilen: {', '.join(places)}"
        names = [v.name for st in stations if (v := s.municipality.venue(st.venue)) is not None]
        return f"{n} Stationen: {', '.join(names)}"
    if s.venue is None:
        return s.session.main_venue or ""
    if s.venue.ortsteil and s.venue.ortsteil not in s.venue.name:
        return f"{s.venue.name}, {s.venue.ortsteil}"
    return s.venue.name


def _session_rows(data: Dataset, today: dt.date) -> tuple[SessionRow, ...]:
    rows = []
    for i, s in enumerate(data.sessions, start=1):
        if s.held:
            status = "durchgeführt"
        elif s.session.last_date < today:
            status = "kein Ergebnis erfasst"
        else:
            status = "geplant"
        rows.append(SessionRow(number=i, data=s, title=s.session.title or s.format.title,
                               place=_place(s), status=status))
    return tuple(rows)


def _reach(data: Dataset, m: Municipality) -> tuple[tuple[OrtsteilRow, ...], tuple[str, ...]]:
    """The reach table of a municipality: every Ortsteil with its sessions, participants and
    map points, reached or not by the one definition (:func:`werkzeugkoffer.reach.reach`)."""
    r = _municipality_reach(data, m)
    planned: Counter = Counter()
    held: Counter = Counter()
    people: Counter = Counter()
    points: Counter = Counter()
    for s in data.sessions:
        places = session_ortsteile(m, s.session)
        for o in places:
            planned[o] += 1
            if s.held:
                held[o] += 1
        if not s.held:
            continue
        by_station = [p for p in s.parts if p.result.station is not None]
        if by_station:  # participants where each station's sheet counted them
            for part in by_station:
                venue = m.venue(part.result.station or "")
                people[venue.ortsteil if venue else s.ortsteil] += part.result.total_participants
        else:
            people[s.ortsteil or (places[0] if places else "")] += s.participants
        for fld in s.format.result_fields:
            if fld.type is ResultType.MAP_POINTS:
                for point in s.values.get(fld.name, ()):
                    if point.get("ortsteil"):
                        points[point["ortsteil"]] += 1
    got = set(r.reached)
    rows = [OrtsteilRow(name=name, sessions_planned=planned[name], sessions_held=held[name],
                        participants=people[name], map_points=points[name],
                        reached=name in got or name in r.other,
                        by_contribution=name in r.by_contribution)
            for name in (*r.ortsteile, *r.other)]
    return tuple(rows), r.missing


def _participants_table(data: Dataset) -> tuple[tuple[TargetGroup, tuple[int, ...], int], ...]:
    table: dict[TargetGroup, list[int]] = {}
    themes = list(Theme)
    for s in data.held:
        col = themes.index(s.format.theme)
        for g, n in s.result.participants.items():  # type: ignore[union-attr]
            if not isinstance(g, TargetGroup):
                continue
            table.setdefault(g, [0] * len(themes))[col] += n
    return tuple((g, tuple(table[g]), sum(table[g])) for g in TargetGroup if g in table)


def _comparison(p1: Figures, p2: Figures) -> tuple[ComparisonRow, ...]:
    """Phase 1 against phase 2. Figures from results are "Noch keine Ergebnisse" (and not
    compared) for a phase without any recorded result."""
    m1, m2 = not p1.sessions_held, not p2.sessions_held

    def row(label: str, a: float, b: float, from_results: bool = True) -> ComparisonRow:
        return ComparisonRow(label=label, phase1=a, phase2=b, missing1=from_results and m1,
                             missing2=from_results and m2)

    rows = [
        row("Termine geplant", p1.sessions_planned, p2.sessions_planned, from_results=False),
        row("Termine durchgeführt", p1.sessions_held, p2.sessions_held),
        row("Teilnehmende", p1.participants, p2.participants),
    ]
    groups = [g for g in TargetGroup if p1.group(g) or p2.group(g)]
    rows += [row(f"davon {g.label}", p1.group(g), p2.group(g)) for g in groups]
    rows += [
        row("Ortsteile erreicht", len(p1.ortsteile_reached), len(p2.ortsteile_reached)),
        row("Themenschwerpunkte mit Terminen (von 3)", p1.themes_covered, p2.themes_covered),
        row("Einträge (Ideen, Themen, Hinweise)", p1.entries, p2.entries),
        row("Kartenpunkte", p1.map_points, p2.map_points),
        row("Abgegebene Stimmen", p1.votes, p2.votes),
    ]
    return tuple(rows)


SUMMARY_TOPICS = 5


def _next_steps(data: Dataset, figures: Figures, r: Reach | None, impact: Impact,
                topics: Sequence[Topic], names: dict[int, str], m: Municipality | None,
                phase: int | None, today: dt.date) -> tuple[str, ...]:
    """What happens next, in German sentences for the council."""
    out = []
    if figures.sessions_missing:
        n = figures.sessions_missing
        out.append(f"Ergebnisbögen von {n} vergangenen {'Termin' if n == 1 else 'Terminen'} "
                   "erfassen.")
    coming = sorted((s for s in data.sessions if not s.held and s.session.last_date >= today),
                    key=lambda s: (s.session.date, s.session.start))
    if coming:
        first = coming[0]
        where = f" in {first.ortsteil}" if first.ortsteil else ""
        more = (f"; danach {len(coming) - 1} weitere" if len(coming) > 1 else "")
        out.append(f"Nächster Termin: {first.session.date:%d.%m.%Y}, "
                   f"{first.session.title or first.format.title}{where}{more}.")
    if m is not None and phase in (None, 1):
        p2 = m.phase(2)
        name2 = names.get(2, "Vertiefen")
        if p2 is None or not p2.sessions:
            what = "die Top-Themen aus Phase 1 aufgreifen" if topics else "planen"
            out.append(f"Phase 2 „{name2}“ planen und dabei {what}." if topics
                       else f"Phase 2 „{name2}“ planen.")
        elif p2.start > today:
            lead = f" zu „{topics[0].topic}“ und weiteren Top-Themen" if topics else ""
            out.append(f"Phase 2 „{name2}“ vom {p2.start:%d.%m.} bis {p2.end:%d.%m.%Y} mit "
                       f"{len(p2.sessions)} Terminen{lead}.")
    if r is not None and r.missing and figures.sessions_held:
        shown = ", ".join(r.missing[:6]) + (" ..." if len(r.missing) > 6 else "")
        out.append(f"Noch nicht erreichte Ortsteile einbeziehen: {shown}.")
    if impact.written and figures.sessions_held:
        n = len(impact.written)
        out.append(f"Wirkung auf Stufe 7 („{IMPACT_STEPS[7]}“) schriftlich einschätzen "
                   f"({n} {'Kennzahl' if n == 1 else 'Kennzahlen'}).")
    return tuple(out)


def council_summary(data: Dataset, scope: Dataset, m: Municipality | None, phase: int | None,
                    lab: Lab, today: dt.date, *, figures: Figures | None = None,
                    impact: Impact | None = None, topics: Sequence[Topic] | None = None,
                    topics_phase: int | None = None, cache: dict | None = None,
                    goals: Goals | None = None) -> CouncilSummary:
    """The figures of "Auf einen Blick" for municipality ``m`` (or the lab): ``data`` is the
    whole dataset, ``scope`` the part reported on. "Ziele erreicht" is
    :func:`~.impact.count_goals` of ``scope`` (for the lab: the sum of its municipalities)."""
    figures = figures or _figures(scope, m, today)
    impact = impact or compute_impact(scope)
    if goals is None:
        goals = count_goals(scope, {m_slug: impact} if (m_slug := scope.slug) else None)
    if topics is None:
        topics_phase = 1 if phase in (None, 2) else phase
        topics = dataset_topics(data.select(slug=scope.slug, phase=topics_phase), cache=cache)
    r = _municipality_reach(scope, m) if m is not None else None
    names = dict(_phase_names(lab))
    return CouncilSummary(
        name=m.name if m is not None else lab.name,
        population=figures.population,
        participants=figures.participants,
        sessions_planned=figures.sessions_planned,
        sessions_held=figures.sessions_held,
        sessions_missing=figures.sessions_missing,
        reach=r,
        ortsteile_reached=len(figures.ortsteile_reached),
        ortsteile_total=figures.ortsteile_total,
        topics=tuple(topics[:SUMMARY_TOPICS]),
        topics_phase=topics_phase,
        goals=goals,
        votes=tuple(vote_outcomes(scope)),
        next_steps=_next_steps(scope, figures, r, impact, topics, names, m, phase, today),
    )


def _phase_names(lab: Lab) -> tuple[tuple[int, str], ...]:
    return tuple((r.number, r.name) for r in lab.rules.phases)


def build_report(workspace: Workspace, slug: str | None = None, phase: int | None = None, *,
                 data: Dataset | None = None, today: dt.date | None = None) -> Report:
    """The report of a municipality (``slug``) or of the whole lab (``slug=None``), for one
    phase or both."""
    today = today or dt.date.today()
    if data is None:
        data = Dataset.load(workspace)
    lab: Lab = workspace.lab
    m = None
    if slug is not None:
        slug = next(iter(workspace.select([slug])))
        m = workspace.municipalities[slug]
        if phase is not None and m.phase(phase) is None:
            raise InputError(_("{file}: phases: no phase {phase}").format(
                file=workspace.file_of(slug), phase=phase))
    elif phase is not None and not any(mm.phase(phase) for mm in workspace.municipalities.values()):
        raise InputError(_("no municipality has a phase {phase}").format(phase=phase))
    scope = data.select(slug=slug, phase=phase)
    names = dict(_phase_names(lab))
    figures = _figures(scope, m, today)
    charts: dict[str, Markup] = {}

    # phase comparison (when the report covers both phases)
    comparison: tuple[ComparisonRow, ...] = ()
    if phase is None:
        base = data.select(slug=slug)
        p1 = _figures(base.select(phase=1), m, today)
        p2 = _figures(base.select(phase=2), m, today)
        if p1.sessions_planned or p2.sessions_planned:
            comparison = _comparison(p1, p2)
            groups = [g for g in TargetGroup if p1.group(g) or p2.group(g)]
            if groups:
                charts["vergleich"] = grouped_bar_chart(
                    [g.label for g in groups],
                    [("Phase 1", [p1.group(g) for g in groups]),
                     ("Phase 2", [p2.group(g) for g in groups])],
                    title="Teilnehmende nach Zielgruppe: Phase 1 und Phase 2",
                )

    # topics: of phase 1 (the basis of phase 2), or of the phase reported on
    topics_phase = 1 if phase in (None, 2) else phase
    evidence: dict = {}  # topic evidence per session, shared by every scope of this report
    topics = tuple(dataset_topics(data.select(slug=slug, phase=topics_phase), cache=evidence))

    table = _participants_table(scope)
    if table:
        charts["zielgruppen"] = bar_chart(
            [(g.label, total) for g, _, total in table], title="Teilnehmende nach Zielgruppe",
            unit="Personen")
    if any(p for _, _, _, p in figures.by_theme):
        charts["themen"] = bar_chart(
            [(t.label, p) for t, _, _, p in figures.by_theme],
            title="Teilnehmende nach Themenschwerpunkt", unit="Personen")
    charts["termine"] = grouped_bar_chart(
        [t.label for t, _, _, _ in figures.by_theme],
        [("geplant", [pl for _, pl, _, _ in figures.by_theme]),
         ("durchgeführt", [h for _, _, h, _ in figures.by_theme])],
        title="Termine nach Themenschwerpunkt: geplant und durchgeführt",
    )
    reach: tuple[OrtsteilRow, ...] = ()
    missing: tuple[str, ...] = ()
    if m is not None:
        reach, missing = _reach(scope, m)
        if reach:
            charts["ortsteile"] = bar_chart(
                [(r.name, r.participants) for r in reach],
                title="Teilnehmende nach Ortsteil des Termins", unit="Personen")

    formats = tuple(summarize_formats(scope))
    competence = tuple((fs, f) for fs in formats for f in fs.fields if f.check is not None)
    impact = compute_impact(scope)

    municipalities: tuple[MunicipalityRow, ...] = ()
    goals: Goals | None = None
    if m is None:
        rows = []
        for mslug, mm in workspace.municipalities.items():
            sub = scope.select(slug=mslug)
            phases = tuple((p.number, _figures(sub.select(phase=p.number), mm, today))
                           for p in sorted(mm.phases, key=lambda p: p.number)
                           if phase is None or p.number == phase)
            mfig = _figures(sub, mm, today)
            rows.append(MunicipalityRow(
                slug=mslug, municipality=mm, phases=phases, figures=mfig,
                summary=council_summary(data, sub, mm, phase, lab, today, figures=mfig,
                                        cache=evidence),
            ))
        # the lab total of "Ziele erreicht" is the sum of its municipalities (count_goals)
        goals = sum((r.goals for r in rows[1:]), rows[0].goals) if rows else None
        municipalities = tuple(rows)
        tour = sorted(
            ((mm.name, [(p.number, p.start, p.end) for p in sorted(mm.phases, key=lambda p: p.number)])
             for mm in workspace.municipalities.values() if mm.phases),
            key=lambda r: min(start for _, start, _ in r[1]),
        )
        charts["tour"] = timeline_chart(tour, title="Die Tour: Laborphasen der Gemeinden")
        if rows:
            charts["gemeinden"] = bar_chart(
                [(r.municipality.name, r.figures.participants) for r in rows],
                title="Teilnehmende nach Gemeinde", unit="Personen")
            charts["gemeinden_termine"] = grouped_bar_chart(
                [r.municipality.name for r in rows],
                [("geplant", [r.figures.sessions_planned for r in rows]),
                 ("durchgeführt", [r.figures.sessions_held for r in rows])],
                title="Termine nach Gemeinde: geplant und durchgeführt",
            )

    summary = council_summary(data, scope, m, phase, lab, today, figures=figures, impact=impact,
                              topics=topics, topics_phase=topics_phase, goals=goals)

    if m is not None:
        title = f"Ergebnisbericht {m.name}"
    else:
        title = f"Ergebnisbericht {lab.name}"
    if phase is not None:
        subtitle = f"Laborphase {phase}: {names.get(phase, '')}".rstrip(": ")
    else:
        subtitle = "Laborphasen 1 und 2"
    return Report(
        kind="gemeinde" if m is not None else "labor",
        title=title, subtitle=subtitle, lab=lab, municipality=m, slug=slug, phase=phase,
        phase_names=_phase_names(lab), generated=today, figures=figures,
        participants_table=table, themes=tuple(Theme), sessions=_session_rows(scope, today),
        formats=formats, reach=reach, ortsteile_missing=missing, impact=impact,
        comparison=comparison, topics=topics, topics_phase=topics_phase,
        municipalities=municipalities, competence=competence, charts=charts,
        orphans=len(scope.orphans), version=version(), summary=summary,
        withheld=tuple((fs.format.title, f.field.label) for fs in formats for f in fs.fields
                       if f.hidden),
    )


# -- rendering ------------------------------------------------------------------------------------


def report_template(report: Report) -> str:
    return f"report/{report.kind}.html"


def render_report(report: Report, workspace: Workspace = None, *, summary: bool = False) -> str:
    """The report as one self-contained HTML page (German), through the kit environment;
    ``summary`` renders only the council summary ("Auf einen Blick",
    ``report/auf-einen-blick.html``)."""
    env = get_environment(workspace)
    if summary:
        report = attrs.evolve(report, title=f"Auf einen Blick: {report.summary.name}"
                              if report.summary else report.title)
    template = env.get_template("report/auf-einen-blick.html" if summary
                                else report_template(report))
    return template.render(report=report, version=report.version, impact_steps=IMPACT_STEPS,
                           nicht_bewertet=NICHT_BEWERTET, prozent=prozent)


def prozent(value: float | None, digits: int = 0) -> str:
    """The one percent format of reports: German number, a no-break space, ``%`` ("8 %",
    "65,5 %"); ``–`` without a value."""
    if value is None:
        return "–"
    rounded = round(float(value), digits)
    return f"{zahl(rounded if digits else int(rounded))}\u00a0%"


def parse_report_formats(value: str | Iterable[str] | None) -> tuple[str, ...]:
    return parse_choices(value, REPORT_FORMATS, what=N_("report format"), default=("html",))


@frozen(kw_only=True)
class WrittenReport:
    report: Report
    files: tuple[Path, ...]
    pages: int | None
    seconds: float


def write_reports(workspace: Workspace, names: Sequence[str] = (), *, phase: int | None = None,
                  formats: str | Iterable[str] | None = "html", out: str | Path | None = None,
                  today: dt.date | None = None, summary: bool | None = None,
                  progress: Callable[[WrittenReport], None] | None = None
                  ) -> list[WrittenReport]:
    """Write the reports of the named municipalities, or the lab report when none is named.

    Files: ``<out>/<gemeinde>[-phase-N].{html,pdf}`` or ``<out>/labor[-phase-N].{html,pdf}``;
    a municipality's report comes with its council summary on its own,
    ``<gemeinde>-auf-einen-blick[-phase-N].{html,pdf}``. ``summary=True`` writes only the
    summaries (also the lab's), ``False`` only the reports. ``out`` defaults to the
    workspace's ``berichte/``. Files are written atomically; ``progress(written)`` is called
    after each report.
    """
    wanted = parse_report_formats(formats)
    out_dir = Path(out) if out is not None else Path(workspace.root) / REPORTS_DIR
    data = Dataset.load(workspace)
    slugs: list[str | None] = list(workspace.select(list(names))) if names else [None]
    written = []
    for slug in slugs:
        t0 = time.perf_counter()
        report = build_report(workspace, slug, phase, data=data, today=today)
        docs = []
        if summary is not True:
            docs.append((report.file_stem, render_report(report, workspace)))
        if summary is True or (summary is None and report.kind == "gemeinde"):
            docs.append((report.summary_stem, render_report(report, workspace, summary=True)))
        files = []
        pages = None
        for stem, html in docs:
            made, n = write_html_and_pdf(out_dir, stem, html, wanted)
            files += made
            pages = n if pages is None else pages

        done = WrittenReport(report=report, files=tuple(files), pages=pages,
                             seconds=time.perf_counter() - t0)
        written.append(done)
        if progress is not None:
            progress(done)
    return written
