"""The KGSt competence check (seed 000): the one definition of the Erfüllungsgrad.

- per person and competence: Erfüllungsgrad = min(result / target, 1) x 100 %; a competence
  without a target, or left out by the person, is "nicht bewertet";
- per person: the Erfüllungsgrad is the mean over the rated competences;
- the group: the mean of the persons' Erfüllungsgrade (:attr:`CompetenceGroup.overall`); per
  competence the mean result, the mean Erfüllungsgrad of the persons who rated it and the share
  of them at or above the target; the distribution says how many persons reach 100 % and how
  many are below 50 % in some competence.

Reports (table, radar chart, indicators) and exports all compute it here.
"""

from __future__ import annotations

import statistics
from typing import Any, Sequence

from attrs import frozen

from .model import ResultField


def erfuellungsgrad(result: float | None, target: float | None) -> float | None:
    """min(result / target, 1) in percent; ``None`` ("nicht bewertet") without a target or a
    result."""
    if result is None or target is None:
        return None
    if target <= 0:
        return 100.0
    return min(result / target, 1.0) * 100


@frozen(kw_only=True)
class CompetenceRow:
    """One competence of one person (or of a group: means over the persons who rated it)."""

    name: str
    result: float | None
    target: float | None
    degree: float | None  # Erfüllungsgrad in percent; None = nicht bewertet
    rated_by: int = 1  # persons who rated it (a group row)
    at_target: int = 0  # of them, persons at or above the target (a group row)

    @property
    def rated(self) -> bool:
        return self.degree is not None

    @property
    def below_target(self) -> bool:
        return self.degree is not None and self.degree < 100 - 1e-9

    @property
    def share_at_target(self) -> float | None:
        """Percent of the persons who rated it that reach the target."""
        if self.degree is None or not self.rated_by:
            return None
        return self.at_target / self.rated_by * 100

    @property
    def gap(self) -> float:
        """Percentage points below the target: target x (1 - Erfüllungsgrad); 0 when reached
        or not rated. For one person that is target - result."""
        if self.degree is None or self.target is None:
            return 0.0
        return max(0.0, self.target * (1 - self.degree / 100))


@frozen(kw_only=True)
class CompetenceCheck:
    """One person's profile against the role's targets (seed 000: "Dein Ergebnis /
    Anforderung Rolle / Dein Erfüllungsgrad")."""

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
    """The Erfüllungsgrad of one person's values against the field's targets."""
    rows = []
    for opt in fld.options:
        result = values.get(opt)
        target = fld.targets.get(opt)
        degree = erfuellungsgrad(result, target)
        rows.append(CompetenceRow(name=opt, result=result, target=target, degree=degree,
                                  at_target=int(degree is not None and degree >= 100 - 1e-9)))
    return CompetenceCheck(field=fld, label=label, rows=tuple(rows))


#: Bands of the persons' Erfüllungsgrad in the distribution (lower bound, label).
DEGREE_BANDS = ((100.0, "100 %"), (75.0, "75 bis 99 %"), (50.0, "50 bis 74 %"),
                (0.0, "unter 50 %"))


@frozen(kw_only=True)
class CompetenceGroup:
    """A group's competence check: every person's check and the group's figures.

    ``rows`` are per competence: the mean result and the mean Erfüllungsgrad over the persons
    who rated it, and how many of them reach the target. ``overall`` is the mean of the
    persons' Erfüllungsgrade (not of the rows), the one figure used everywhere.
    """

    field: ResultField
    label: str
    rows: tuple[CompetenceRow, ...]
    persons: tuple[CompetenceCheck, ...]

    @property
    def profiles(self) -> int:
        return len(self.persons)

    @property
    def rated_persons(self) -> list[CompetenceCheck]:
        return [p for p in self.persons if p.overall is not None]

    @property
    def overall(self) -> float | None:
        """The group's Erfüllungsgrad: the mean of the persons' Erfüllungsgrade."""
        rated = self.rated_persons
        return statistics.fmean(p.overall for p in rated) if rated else None  # type: ignore[misc]

    @property
    def reaching_all(self) -> int:
        """Persons who reach every target they are rated in (Erfüllungsgrad 100 %)."""
        return sum(1 for p in self.rated_persons if p.overall >= 100 - 1e-9)  # type: ignore[operator]

    @property
    def below_half_somewhere(self) -> int:
        """Persons below 50 % in at least one rated competence."""
        return sum(1 for p in self.persons
                   if any(r.degree is not None and r.degree < 50 - 1e-9 for r in p.rows))

    def distribution(self) -> list[tuple[str, int]]:
        """How many persons fall into each band of :data:`DEGREE_BANDS` (best first)."""
        counts = {label: 0 for _, label in DEGREE_BANDS}
        for p in self.rated_persons:
            for low, label in DEGREE_BANDS:
                if p.overall >= low - 1e-9:  # type: ignore[operator]
                    counts[label] += 1
                    break
        return list(counts.items())

    @property
    def rated(self) -> list[CompetenceRow]:
        return [r for r in self.rows if r.rated]

    @property
    def below_target(self) -> list[CompetenceRow]:
        return [r for r in self.rows if r.below_target]


def competence_group(fld: ResultField, profiles: Sequence[dict[str, Any]],
                     label: str = "Gruppe") -> CompetenceGroup:
    """The competence check of several profiles (persons); see the module docstring."""
    persons = tuple(competence_check(fld, p.get("values", {}), p.get("label", ""))
                    for p in profiles)
    rows = []
    for i, opt in enumerate(fld.options):
        mine = [p.rows[i] for p in persons if p.rows[i].result is not None]
        rated = [r for r in mine if r.degree is not None]
        rows.append(CompetenceRow(
            name=opt,
            result=statistics.fmean(r.result for r in mine) if mine else None,  # type: ignore[misc]
            target=fld.targets.get(opt),
            degree=statistics.fmean(r.degree for r in rated) if rated else None,  # type: ignore[misc]
            rated_by=len(rated),
            at_target=sum(r.at_target for r in rated),
        ))
    return CompetenceGroup(field=fld, label=label, rows=tuple(rows), persons=persons)
