"""Impact (Wirkung): indicators computed from stored results, and the KGSt competence check.

The data is a :class:`werkzeugkoffer.results.Dataset` (planned sessions joined with stored
results), so the same computation serves a phase, a municipality and the whole lab.

**Indicators** (:func:`compute_impact`). Each format's indicators are placed on the PHINEO impact
staircase (Wirkungstreppe): Output steps 1-3, Outcome 4-6, Impact 7. The value of an indicator
comes from its result field over the held sessions of that format in scope:

- ``sum``: the sum of the field's quantity per result; ``mean``: their mean over the results
  that have the field; ``count``: the number of entries (list items, map points, profiles,
  votes) or, for a single-value field, of results that have it; ``share``: the mean of a
  percent field.
- A ``scores`` field (competence check) with ``mean`` or ``share``: the mean overall
  Erfüllungsgrad of all profiles in percent (without targets: the mean of the values).
- The quantity of a result: the number itself (``count``, ``number``, ``percent``, ``rating``),
  the number of entries (``text_list``, ``map_points``, ``scores``), the total of the votes
  (``choice_votes``), 1 for a filled-in ``text``.
- An indicator without a field on step 1 counts the sessions held (with a stored result)
  against the sessions planned.

**Planned vs reached.** ``Indicator.target`` is the target *per session*. For ``sum`` and
``count`` the planned value is the target times the number of sessions of that format planned
in scope (so a lab-wide figure sums the targets of all its municipalities' sessions); for
``mean`` and ``share`` it is the target itself. Reached = value / planned (not capped).

**Step 7** indicators are never computed: they are listed for a written assessment, with their
description; a report leaves space for it.

**The competence check** (:func:`competence_check`). For a ``scores`` field, per option
(competence): Erfüllungsgrad = result / target, capped at 100 %. Options without a target, or
left out by a profile, are "nicht bewertet" and stay out of the overall Erfüllungsgrad, which
is the mean over the rated competences. :func:`recommendations` gives German recommendations for
the competences below target.
"""

from __future__ import annotations

import statistics
from typing import Any, Sequence

import attrs
from attrs import frozen

from ..model import IMPACT_STEPS, Aggregate, Format, ImpactLevel, Indicator, ResultField, ResultType
from ..results.dataset import Dataset, SessionData
from ..text import zahl


# -- quantities -----------------------------------------------------------------------------------


def quantity(fld: ResultField, value: Any) -> float | None:
    """The number a value contributes to ``sum`` and ``mean`` (see the module docstring)."""
    if value is None:
        return None
    t = fld.type
    if t in (ResultType.COUNT, ResultType.NUMBER, ResultType.PERCENT, ResultType.RATING):
        return float(value)
    if t in (ResultType.TEXT_LIST, ResultType.MAP_POINTS, ResultType.SCORES):
        return float(len(value))
    if t is ResultType.CHOICE_VOTES:
        return float(sum(value.values()))
    if t is ResultType.TEXT:
        return 1.0 if value else 0.0
    return None  # pragma: no cover


def aggregate(fld: ResultField, values: Sequence[Any], how: Aggregate) -> float | None:
    """Aggregate the values of one field over several results (``None`` when there are none)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    if fld.type is ResultType.SCORES and how in (Aggregate.MEAN, Aggregate.SHARE):
        return _scores_mean(fld, present)
    if how is Aggregate.SUM:
        return sum(quantity(fld, v) or 0.0 for v in present)
    if how is Aggregate.MEAN:
        return statistics.fmean(quantity(fld, v) or 0.0 for v in present)
    if how is Aggregate.COUNT:
        if fld.type in (ResultType.TEXT_LIST, ResultType.MAP_POINTS, ResultType.SCORES,
                        ResultType.CHOICE_VOTES):
            return sum(quantity(fld, v) or 0.0 for v in present)
        return float(len(present))
    if how is Aggregate.SHARE:
        return statistics.fmean(quantity(fld, v) or 0.0 for v in present)
    return None  # pragma: no cover


def _scores_mean(fld: ResultField, values: Sequence[Any]) -> float | None:
    """The mean overall Erfüllungsgrad of the profiles (without targets: the mean value)."""
    profiles = [prof for v in values for prof in v]
    if fld.targets:
        grades = [c.overall for prof in profiles
                  if (c := competence_check(fld, prof["values"])).overall is not None]
        return statistics.fmean(grades) if grades else None
    numbers = [x for prof in profiles for x in prof["values"].values()]
    return statistics.fmean(numbers) if numbers else None


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
    def field_label(self) -> str:
        if self.indicator.field is None:
            return "durchgeführte Termine" if self.indicator.step == 1 else ""
        f = self.format.result_field(self.indicator.field)
        return f.label if f is not None else self.indicator.field

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
        # step 1 without a field: sessions held against sessions planned
        return IndicatorValue(value=float(len(held)), planned=float(planned_n),
                              results=len(held), **base)
    fld = fmt.result_field(ind.field)
    if fld is None:  # pragma: no cover - validate_format refuses this
        return IndicatorValue(value=None, planned=None, results=0, **base)
    values = [s.values.get(ind.field) for s in held]
    present = [v for v in values if v is not None]
    value = aggregate(fld, present, ind.aggregate)
    planned = None
    if ind.target is not None:
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


# -- the competence check -------------------------------------------------------------------------


def erfuellungsgrad(result: float | None, target: float | None) -> float | None:
    """result / target in percent, capped at 100; ``None`` ("nicht bewertet") without a target
    or a result."""
    if result is None or target is None:
        return None
    if target <= 0:
        return 100.0
    return min(result / target, 1.0) * 100


@frozen(kw_only=True)
class CompetenceRow:
    name: str
    result: float | None
    target: float | None
    degree: float | None  # Erfüllungsgrad in percent; None = nicht bewertet

    @property
    def rated(self) -> bool:
        return self.degree is not None

    @property
    def below_target(self) -> bool:
        return self.degree is not None and self.degree < 100 - 1e-9

    @property
    def gap(self) -> float:
        """Percentage points below the target (0 when reached or not rated)."""
        if self.result is None or self.target is None:
            return 0.0
        return max(0.0, self.target - self.result)


@frozen(kw_only=True)
class CompetenceCheck:
    """One profile (or a group's mean) against the role's targets."""

    field: ResultField
    label: str
    rows: tuple[CompetenceRow, ...]
    profiles: int = 1

    @property
    def rated(self) -> list[CompetenceRow]:
        return [r for r in self.rows if r.rated]

    @property
    def overall(self) -> float | None:
        """Mean Erfüllungsgrad over the rated competences ("nicht bewertet" left out)."""
        rated = self.rated
        return statistics.fmean(r.degree for r in rated) if rated else None  # type: ignore[misc]

    @property
    def below_target(self) -> list[CompetenceRow]:
        return [r for r in self.rows if r.below_target]


def competence_check(fld: ResultField, values: dict[str, float], label: str = ""
                     ) -> CompetenceCheck:
    """The Erfüllungsgrad of one profile's values against the field's targets."""
    rows = []
    for opt in fld.options:
        result = values.get(opt)
        target = fld.targets.get(opt)
        rows.append(CompetenceRow(name=opt, result=result, target=target,
                                  degree=erfuellungsgrad(result, target)))
    return CompetenceCheck(field=fld, label=label, rows=tuple(rows))


def group_check(fld: ResultField, profiles: Sequence[dict[str, Any]], label: str = "Mittelwert"
                ) -> CompetenceCheck:
    """The mean of several profiles per competence (over the profiles that rated it)."""
    means: dict[str, float] = {}
    for opt in fld.options:
        vals = [p["values"][opt] for p in profiles if opt in p.get("values", {})]
        if vals:
            means[opt] = statistics.fmean(vals)
    check = competence_check(fld, means, label)
    return attrs.evolve(check, profiles=len(profiles))


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


def recommendations(check: CompetenceCheck) -> list[Recommendation]:
    """German recommendations for the competences below target, largest gap first.

    Competences with an Erfüllungsgrad below 75 % are marked "vorrangig"."""
    out = []
    for row in sorted(check.below_target, key=lambda r: (-r.gap, r.name)):
        words = row.name.casefold()
        hint = next((h for keys, h in _HINTS if any(_word_match(k, words) for k in keys)),
                    _GENERIC_HINT)
        assert row.result is not None and row.target is not None and row.degree is not None
        text = (f"{row.name}: Ergebnis {zahl(round(row.result))} % bei einem Soll von "
                f"{zahl(round(row.target))} % (Erfüllungsgrad {zahl(round(row.degree))} %). {hint}")
        out.append(Recommendation(competence=row.name,
                                  priority="vorrangig" if row.degree < 75 else "ergänzend",
                                  text=text))
    return out


def _word_match(key: str, words: str) -> bool:
    if len(key) <= 2:  # short keys ("it") must be a whole word
        return key in words.replace("-", " ").split()
    return key in words
