"""Impact (Wirkung): indicators computed from stored results, and the KGSt competence check.

The data is a :class:`werkzeugkoffer.results.Dataset` (planned sessions joined with stored
results), so the same computation serves a phase, a municipality and the whole lab.

**Indicators** (:func:`compute_impact`). Each format's indicators are placed on the PHINEO impact
staircase (Wirkungstreppe): Output steps 1-3, Outcome 4-6, Impact 7. What an indicator measures
is defined once in :mod:`werkzeugkoffer.indicators` (the aggregate, what one result contributes,
the unit); here its value is computed over the held sessions of its format in scope:

- ``sum``: the total amount over the results; ``mean``: the mean amount per result that has
  the field; ``count``: the number of results that have the field (one piece per session);
  ``share``: the mean of a percent field, or of a ``scores`` field the group's
  Erfüllungsgrad; ``presence``: 1 when any result has the field, else 0.
- An indicator without a field on step 1 counts the sessions held (with a stored result)
  against the sessions planned.

**Planned vs reached.** ``Indicator.target`` is the target *per session*. For ``sum`` and
``count`` the planned value is the target times the number of sessions of that format planned
in scope (so a lab-wide figure sums the targets of all its municipalities' sessions); for
``mean`` and ``share`` it is the target itself; for ``presence`` it is 1. Reached = value /
planned (not capped).

**Step 7** indicators are never computed: they are listed for a written assessment, with their
description; a report leaves space for it.

**The competence check** (KGSt, seed 000; defined in :mod:`werkzeugkoffer.competence`), one
definition for the table, the radar chart, the indicators and the exports:

- per person and competence: Erfüllungsgrad = min(result / target, 1) x 100 %; a competence
  without a target, or left out by the person, is "nicht bewertet";
- per person: the Erfüllungsgrad is the mean over the rated competences;
- the group: the mean of the persons' Erfüllungsgrade (:attr:`CompetenceGroup.overall`);
  per competence the mean result, the mean Erfüllungsgrad of the persons who rated it and
  the share of them at or above the target; the distribution says how many persons reach
  100 % and how many are below 50 % in some competence.

:func:`recommendations` gives German recommendations for the competences below target.
"""

from __future__ import annotations

import statistics
from typing import Any, Sequence

from attrs import frozen

from ..competence import (  # noqa: F401 - part of this module's API since 0.1
    DEGREE_BANDS,
    CompetenceCheck,
    CompetenceGroup,
    CompetenceRow,
    competence_check,
    competence_group,
    erfuellungsgrad,
)
from ..indicators import amount, indicator_unit, is_percentage, measure_text
from ..model import IMPACT_STEPS, Aggregate, Format, ImpactLevel, Indicator, ResultField, ResultType
from ..results.dataset import Dataset, SessionData
from ..text import zahl


# -- aggregates -----------------------------------------------------------------------------------


def quantity(fld: ResultField, value: Any) -> float | None:
    """What one result contributes to ``sum`` and ``mean`` (:func:`werkzeugkoffer.indicators.amount`)."""
    return amount(fld, value)


def aggregate(fld: ResultField, values: Sequence[Any], how: Aggregate) -> float | None:
    """Aggregate the values of one field over several results (``None`` when there are none,
    except ``presence``, which is 0 then)."""
    present = [v for v in values if v is not None]
    if how is Aggregate.PRESENCE:
        return 1.0 if present else 0.0
    if not present:
        return None
    if how is Aggregate.COUNT:
        return float(len(present))
    if fld.type is ResultType.SCORES and how is Aggregate.SHARE:
        return competence_group(fld, [p for v in present for p in v]).overall
    if how is Aggregate.SUM:
        return sum(amount(fld, v) or 0.0 for v in present)
    if how in (Aggregate.MEAN, Aggregate.SHARE):
        return statistics.fmean(amount(fld, v) or 0.0 for v in present)
    return None  # pragma: no cover


# -- indicators -----------------------------------------------------------------------------------


@frozen(kw_only=True)
class IndicatorValue:
    """An indicator computed in a scope: value, planned value and how much was reached."""

    format: Format
    indicator: Indicator
    value: float | None
    planned: float | None
    sessions_planned: int
    sessions_held: int
    results: int  # results with a value for the indicator's field

    @property
    def step(self) -> int:
        return self.indicator.step

    @property
    def step_label(self) -> str:
        return IMPACT_STEPS.get(self.indicator.step, "")

    @property
    def field(self) -> ResultField | None:
        return self.format.result_field(self.indicator.field) if self.indicator.field else None

    @property
    def field_label(self) -> str:
        if self.indicator.field is None:
            return "durchgeführte Termine" if self.indicator.step == 1 else ""
        f = self.field
        return f.label if f is not None else self.indicator.field

    @property
    def unit(self) -> str:
        """The unit of value and planned value (``%`` for shares, ``""`` for presence)."""
        return indicator_unit(self.indicator, self.field)

    @property
    def measures(self) -> str:
        """What the indicator measures, in German."""
        return measure_text(self.indicator, self.field)

    @property
    def is_presence(self) -> bool:
        return self.indicator.aggregate is Aggregate.PRESENCE and self.field is not None

    @property
    def is_percentage(self) -> bool:
        return is_percentage(self.indicator, self.field)

    @property
    def written(self) -> bool:
        """Step 7: assessed in writing, never computed."""
        return self.indicator.level is ImpactLevel.IMPACT

    @property
    def reached(self) -> float | None:
        """Percent of the planned value reached (``None`` without a plan or a value)."""
        if self.value is None or self.planned is None:
            return None
        if self.planned == 0:
            return 100.0
        return self.value / self.planned * 100

    @property
    def status(self) -> str:
        if self.written:
            return "schriftlich einschätzen"
        if self.value is None:
            return "noch keine Ergebnisse"
        if self.planned is None:
            return "kein Ziel gesetzt"
        return "erreicht" if (self.reached or 0) >= 100 - 1e-9 else "nicht erreicht"


def indicator_value(ind: Indicator, fmt: Format, sessions: Sequence[SessionData]
                    ) -> IndicatorValue:
    """Compute one indicator of ``fmt`` over ``sessions`` (the format's sessions in scope)."""
    planned_n = len(sessions)
    held = [s for s in sessions if s.held]
    base = dict(format=fmt, indicator=ind, sessions_planned=planned_n, sessions_held=len(held))
    if ind.level is ImpactLevel.IMPACT:
        return IndicatorValue(value=None, planned=None, results=0, **base)
    if ind.field is None:
        # step 1 without a field: sessions held against sessions planned (no value before
        # the format has any result, like every other indicator: "noch keine Ergebnisse")
        return IndicatorValue(value=float(len(held)) if held else None,
                              planned=float(planned_n), results=len(held), **base)
    fld = fmt.result_field(ind.field)
    if fld is None:  # pragma: no cover - validate_format refuses this
        return IndicatorValue(value=None, planned=None, results=0, **base)
    values = [s.values.get(ind.field) for s in held]
    present = [v for v in values if v is not None]
    value = aggregate(fld, present, ind.aggregate) if held else None
    planned = None
    if ind.aggregate is Aggregate.PRESENCE:
        planned = 1.0
    elif ind.target is not None:
        if ind.aggregate in (Aggregate.SUM, Aggregate.COUNT):
            planned = ind.target * planned_n
        else:
            planned = float(ind.target)
    return IndicatorValue(value=value, planned=planned, results=len(present), **base)


@frozen(kw_only=True)
class ImpactStep:
    number: int
    label: str
    level: ImpactLevel
    items: tuple[IndicatorValue, ...]


@frozen(kw_only=True)
class Impact:
    """Indicators of a scope on the staircase (steps 1-6) and the step-7 ones to assess."""

    steps: tuple[ImpactStep, ...]
    written: tuple[IndicatorValue, ...]

    @property
    def items(self) -> list[IndicatorValue]:
        return [i for step in self.steps for i in step.items]

    def by_level(self) -> list[tuple[ImpactLevel, list[ImpactStep]]]:
        out = []
        for level in ImpactLevel:
            steps = [s for s in self.steps if s.level is level]
            if level is ImpactLevel.IMPACT:
                steps = [ImpactStep(number=7, label=IMPACT_STEPS[7], level=level,
                                    items=self.written)]
            out.append((level, steps))
        return out

    def find(self, format_id: str, indicator_id: str) -> IndicatorValue | None:
        for item in [*self.items, *self.written]:
            if item.format.id == format_id and item.indicator.id == indicator_id:
                return item
        return None


def _level_of(step: int) -> ImpactLevel:
    for level in ImpactLevel:
        if step in level.steps:
            return level
    return ImpactLevel.IMPACT  # pragma: no cover


def compute_impact(data: Dataset) -> Impact:
    """Every indicator of every format planned in ``data``'s scope, step by step."""
    by_format: dict[str, list[SessionData]] = {}
    formats: dict[str, Format] = {}
    for s in data.sessions:
        by_format.setdefault(s.format.id, []).append(s)
        formats.setdefault(s.format.id, s.format)
    steps: dict[int, list[IndicatorValue]] = {n: [] for n in range(1, 7)}
    written: list[IndicatorValue] = []
    for fid in sorted(formats, key=lambda f: (formats[f].theme.value, formats[f].title)):
        fmt = formats[fid]
        for ind in fmt.indicators:
            value = indicator_value(ind, fmt, by_format[fid])
            if value.written or ind.step >= 7:
                written.append(value)
            else:
                steps.setdefault(ind.step, []).append(value)
    return Impact(
        steps=tuple(
            ImpactStep(number=n, label=IMPACT_STEPS.get(n, ""), level=_level_of(n),
                       items=tuple(items))
            for n, items in sorted(steps.items())
        ),
        written=tuple(written),
    )


# -- "Ziele erreicht": the one definition of targets met ----------------------------------------


@frozen(kw_only=True)
class StepGoals:
    """The targets of one step of the staircase (steps 1-6), counted by :func:`count_goals`."""

    number: int
    label: str
    indicators: int  # indicator values on this step (one per municipality and format)
    with_target: int  # with a target and a value: judged
    reached: int  # of those, reached
    open: int = 0  # with a target, no result yet

    @property
    def done(self) -> bool:
        return self.with_target > 0 and self.reached == self.with_target


@frozen(kw_only=True)
class Goals:
    """"Ziele erreicht" of a scope (:func:`count_goals`): per step and together, and per
    indicator of a format (``by_indicator``: how many municipalities reached it)."""

    steps: tuple[StepGoals, ...]
    by_indicator: tuple[tuple[tuple[str, str], "GoalCount"], ...] = ()

    @property
    def reached(self) -> int:
        return sum(s.reached for s in self.steps)

    @property
    def with_target(self) -> int:
        return sum(s.with_target for s in self.steps)

    @property
    def open(self) -> int:
        return sum(s.open for s in self.steps)

    @property
    def highest_step(self) -> StepGoals | None:
        """The highest step with at least one target reached."""
        reached = [s for s in self.steps if s.reached]
        return reached[-1] if reached else None

    def to_json(self) -> dict:
        """``{"reached", "with_target", "open", "steps": [...]}`` (``report --json``)."""
        return {"reached": self.reached, "with_target": self.with_target, "open": self.open,
                "steps": [{"step": s.number, "reached": s.reached, "with_target": s.with_target,
                           "open": s.open} for s in self.steps]}

    def of(self, format_id: str, indicator_id: str) -> "GoalCount | None":
        return dict(self.by_indicator).get((format_id, indicator_id))

    def __add__(self, other: "Goals") -> "Goals":
        steps = {s.number: s for s in self.steps}
        for s in other.steps:
            if s.number in steps:
                a = steps[s.number]
                steps[s.number] = StepGoals(
                    number=a.number, label=a.label, indicators=a.indicators + s.indicators,
                    with_target=a.with_target + s.with_target, reached=a.reached + s.reached,
                    open=a.open + s.open)
            else:
                steps[s.number] = s
        per = dict(self.by_indicator)
        for key, c in other.by_indicator:
            per[key] = per[key] + c if key in per else c
        return Goals(steps=tuple(steps[n] for n in sorted(steps)),
                     by_indicator=tuple(sorted(per.items())))


@frozen(kw_only=True)
class GoalCount:
    """One indicator of a format over the municipalities of a scope."""

    reached: int = 0
    with_target: int = 0
    open: int = 0

    def __add__(self, other: "GoalCount") -> "GoalCount":
        return GoalCount(reached=self.reached + other.reached,
                         with_target=self.with_target + other.with_target,
                         open=self.open + other.open)


def goals_of(impact: Impact) -> Goals:
    """The targets of one municipality's impact (see :func:`count_goals`)."""
    steps = []
    per: dict[tuple[str, str], GoalCount] = {}
    for step in impact.steps:
        targeted = [i for i in step.items if i.planned is not None]
        judged = [i for i in targeted if i.value is not None]
        steps.append(StepGoals(
            number=step.number, label=step.label, indicators=len(step.items),
            with_target=len(judged), reached=sum(1 for i in judged if i.status == "erreicht"),
            open=len(targeted) - len(judged)))
        for i in targeted:
            per[(i.format.id, i.indicator.id)] = GoalCount(
                reached=int(i.value is not None and i.status == "erreicht"),
                with_target=int(i.value is not None), open=int(i.value is None))
    return Goals(steps=tuple(steps), by_indicator=tuple(sorted(per.items())))


def count_goals(data: Dataset, impacts: dict[str, Impact] | None = None) -> Goals:
    """"Ziele erreicht" (targets met) of ``data``: the one definition for the council
    summary, the municipality report, the lab report and ``report --json``.

    - What counts: every indicator on steps 1-6 that has a target (step 7 is assessed in
      writing), once per municipality: an indicator of a format computed over that format's
      sessions in the municipality and the scope (one phase or both) by
      :func:`indicator_value` (a target per session times the sessions planned for sums and
      counts, the target itself for means and shares).
    - Judged ("von"): those with a value, i.e. with results. Reached: value >= planned value.
      Those without results yet are ``open`` ("noch ohne Ergebnisse"), neither reached nor
      missed.
    - The lab total is the sum over its municipalities: it counts each municipality's
      indicators, so it is never lower than a part and equals the sum of the lines above it.
      (A lab-wide value of an indicator, summed over all municipalities, stays in the impact
      table as the lab's progress against its plan; it is not a target of its own.)

    ``impacts`` (slug -> :func:`compute_impact` of that municipality in scope) saves
    computing them twice.
    """
    slugs = sorted({s.slug for s in data.sessions})
    total = Goals(steps=tuple(StepGoals(number=n, label=IMPACT_STEPS.get(n, ""), indicators=0,
                                        with_target=0, reached=0) for n in range(1, 7)))
    for slug in slugs:
        impact = (impacts or {}).get(slug) or compute_impact(data.select(slug=slug))
        total = total + goals_of(impact)
    return total


# -- the competence check -------------------------------------------------------------------------


def group_check(fld: ResultField, profiles: Sequence[dict[str, Any]], label: str = "Mittelwert"
                ) -> CompetenceGroup:
    """The competence check of a group (kept name; see :func:`competence_group`)."""
    return competence_group(fld, profiles, label)


_HINTS = (
    (("persönlich",), "Selbstorganisation und Lernbereitschaft stärken: kurze Lernzeiten im "
                      "Arbeitsalltag fest einplanen, z. B. eine Stunde pro Woche."),
    (("sozial",), "Zusammenarbeit und Kommunikation üben: Austauschformate im Team einführen, "
                  "etwa regelmäßige kollegiale Beratung."),
    (("strateg",), "Den Blick auf Ziele und Veränderungen schärfen: an der Digitalstrategie der "
                   "Verwaltung mitarbeiten oder Beispiele anderer Kommunen auswerten."),
    (("ethisch",), "Fragen zu Datenschutz, Fairness und Verantwortung im Team besprechen, z. B. "
                   "anhand eines konkreten Vorhabens."),
    (("it", "medien", "digital"), "Digitale Werkzeuge gezielt üben: Schulungen zu den "
                                  "Fachverfahren und Angebote der Digital-Lots:innen nutzen."),
    (("diversit",), "Vielfalt der Zielgruppen bewusst einbeziehen: Angebote gemeinsam mit "
                    "Menschen unterschiedlicher Lebenslagen prüfen."),
    (("führung",), "Führen in digitalen und hybriden Teams zum Thema machen: Austausch unter "
                   "Führungskräften und Coaching anbieten."),
    (("personalentwicklung",), "Lernwege für das Team planen: Bedarfe erheben und "
                               "Fortbildungen daraus ableiten."),
)
_GENERIC_HINT = ("Eine passende Fortbildung oder kollegiale Beratung einplanen und die Kompetenz "
                 "nach einigen Monaten erneut prüfen.")


@frozen(kw_only=True)
class Recommendation:
    competence: str
    priority: str  # "vorrangig" or "ergänzend"
    text: str


def recommendations(check: CompetenceCheck | CompetenceGroup) -> list[Recommendation]:
    """German recommendations for the competences below target, largest gap first.

    Competences with an Erfüllungsgrad below 75 % are marked "vorrangig"."""
    out = []
    for row in sorted(check.below_target, key=lambda r: (-r.gap, r.name)):
        words = row.name.casefold()
        hint = next((h for keys, h in _HINTS if any(_word_match(k, words) for k in keys)),
                    _GENERIC_HINT)
        assert row.result is not None and row.target is not None and row.degree is not None
        if isinstance(check, CompetenceGroup) and check.profiles > 1:
            text = (f"{row.name}: Mittelwert {_pct(row.result)} bei einem Soll von "
                    f"{_pct(row.target)} (Erfüllungsgrad {_pct(row.degree)}; "
                    f"{row.at_target} von {row.rated_by} Personen erreichen das Soll). {hint}")
        else:
            text = (f"{row.name}: Ergebnis {_pct(row.result)} bei einem Soll von "
                    f"{_pct(row.target)} (Erfüllungsgrad {_pct(row.degree)}). {hint}")
        out.append(Recommendation(competence=row.name,
                                  priority="vorrangig" if row.degree < 75 else "ergänzend",
                                  text=text))
    return out


def _pct(value: float) -> str:
    """A whole percent in the reports' one format: ``45 %`` with a no-break space."""
    return f"{zahl(round(value))}\u00a0%"


def _word_match(key: str, words: str) -> bool:
    if len(key) <= 2:  # short keys ("it") must be a whole word
        return key in words.replace("-", " ").split()
    return key in words
