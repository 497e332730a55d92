"""What an indicator measures: the one definition of aggregates, amounts and units.

An indicator (:class:`~werkzeugkoffer.Indicator`) counts one result field of its format with an
:class:`~werkzeugkoffer.Aggregate`. This module says, for every aggregate and result type,
whether they fit (:data:`AGGREGATES_BY_TYPE`), what a result contributes (:func:`amount`), what
the value means in German (:func:`measure_text`) and in which unit it is shown
(:func:`indicator_unit`). :func:`indicator_problems` refuses combinations that would print a
value with a unit that contradicts it; every format is checked with it when it is registered.
The computation over results lives in :mod:`werkzeugkoffer.reports.impact`. See
``docs/formats.md`` ("How indicators are computed").
"""

from __future__ import annotations

import re
from typing import Any

from .i18n import _
from .model import Aggregate, Indicator, ResultField, ResultType

_ALL_BUT_SHARE = frozenset({Aggregate.SUM, Aggregate.MEAN, Aggregate.COUNT, Aggregate.PRESENCE})

#: The aggregates that make sense for each result type.
AGGREGATES_BY_TYPE: dict[ResultType, frozenset[Aggregate]] = {
    ResultType.COUNT: _ALL_BUT_SHARE,
    ResultType.NUMBER: _ALL_BUT_SHARE,
    ResultType.PERCENT: frozenset({Aggregate.MEAN, Aggregate.SHARE, Aggregate.COUNT,
                                   Aggregate.PRESENCE}),
    ResultType.RATING: frozenset({Aggregate.MEAN, Aggregate.COUNT, Aggregate.PRESENCE}),
    ResultType.TEXT: frozenset({Aggregate.COUNT, Aggregate.PRESENCE}),
    ResultType.TEXT_LIST: _ALL_BUT_SHARE,
    ResultType.CHOICE_VOTES: _ALL_BUT_SHARE,
    ResultType.MAP_POINTS: _ALL_BUT_SHARE,
    ResultType.SCORES: frozenset({Aggregate.SUM, Aggregate.SHARE, Aggregate.COUNT,
                                  Aggregate.PRESENCE}),
}

#: What one result of a type contributes to ``sum`` and ``mean`` (German, plural).
AMOUNT_UNITS = {
    ResultType.TEXT_LIST: "Einträge",
    ResultType.MAP_POINTS: "Kartenpunkte",
    ResultType.CHOICE_VOTES: "Stimmen",
    ResultType.SCORES: "Profile",
}

PERCENT = "%"
RATING_UNIT = "von 5"


def amount(fld: ResultField, value: Any) -> float | None:
    """What one result's value contributes to ``sum`` and ``mean``: the number itself
    (``count``, ``number``, ``percent``, ``rating``), the number of entries (``text_list``,
    ``map_points``, ``scores``: profiles), the total of the votes (``choice_votes``), 1 for a
    filled-in ``text``."""
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


def is_percentage(ind: Indicator, fld: ResultField | None) -> bool:
    """The value is a percentage from 0 to 100 (a share, or the mean of a percent field)."""
    if fld is None:
        return False
    return ind.aggregate is Aggregate.SHARE or (
        ind.aggregate is Aggregate.MEAN and fld.type is ResultType.PERCENT)


def indicator_unit(ind: Indicator, fld: ResultField | None) -> str:
    """The unit a value of ``ind`` is shown in (German, plural; ``""`` for a yes/no value)."""
    if fld is None:
        return ind.unit or "Termine"
    if ind.aggregate is Aggregate.PRESENCE:
        return ""
    if is_percentage(ind, fld):
        return PERCENT
    if ind.aggregate is Aggregate.MEAN and fld.type is ResultType.RATING:
        return RATING_UNIT
    if ind.unit:
        return ind.unit
    if ind.aggregate is Aggregate.COUNT:
        return "Termine"
    return fld.unit or AMOUNT_UNITS.get(fld.type, "")


def measure_text(ind: Indicator, fld: ResultField | None) -> str:
    """What the indicator measures, in German, for the report ("Summe von ...")."""
    if fld is None:
        return "Zahl der durchgeführten Termine (mit erfasstem Ergebnis)"
    label = f"„{fld.label}“"
    a = ind.aggregate
    if a is Aggregate.SUM:
        if fld.type in AMOUNT_UNITS:
            return f"Summe: {AMOUNT_UNITS[fld.type]} in {label} aus allen Terminen"
        return f"Summe von {label} aus allen Terminen"
    if a is Aggregate.MEAN:
        if fld.type in AMOUNT_UNITS:
            return f"Mittelwert je Termin: {AMOUNT_UNITS[fld.type]} in {label}"
        return f"Mittelwert von {label} je Termin"
    if a is Aggregate.COUNT:
        return f"Zahl der Termine, die {label} erfasst haben"
    if a is Aggregate.SHARE:
        if fld.type is ResultType.SCORES:
            return (f"Erfüllungsgrad der Gruppe in {label}: Mittelwert der Erfüllungsgrade "
                    "der Personen")
        return f"Anteil in Prozent: Mittelwert von {label}"
    return f"liegt vor, sobald ein Termin {label} erfasst hat"


#: Result types whose amount is a number of entries (what ``sum`` adds up).
_ENTRY_TYPES = (ResultType.TEXT_LIST, ResultType.MAP_POINTS, ResultType.CHOICE_VOTES,
                ResultType.SCORES)


def count_names_entries(ind: Indicator, fld: ResultField | None) -> bool:
    """A ``count`` indicator whose unit names the field's entries, not the sessions it counts.

    ``count`` counts results (sessions) that have the field; a unit that is the field's own
    unit, the entry unit of its type ("Einträge", "Kartenpunkte" ...) or, for a list, a word of
    the field's label ("Ideen" for "Ideen auf der Wand") says the author meant ``sum``. Used by
    the test kit (a hint for the author), not to refuse formats.
    """
    if fld is None or ind.aggregate is not Aggregate.COUNT:
        return False
    unit = ind.unit.strip().casefold()
    if not unit:
        return False
    if unit in (fld.unit.strip().casefold(), AMOUNT_UNITS.get(fld.type, "").casefold()):
        return True
    if fld.type in _ENTRY_TYPES:
        words = {w.casefold() for w in re.findall(r"\w+", fld.label)}
        return unit in words
    return False


def indicator_problems(ind: Indicator, fld: ResultField | None) -> list[str]:
    """Why an indicator cannot be computed or shown as written (empty when it can)."""
    if fld is None:
        return []
    problems = []
    allowed = AGGREGATES_BY_TYPE[fld.type]
    if ind.aggregate not in allowed:
        names = ", ".join(sorted(a.value for a in allowed))
        problems.append(_('aggregate "{aggregate}" does not fit the {type} field "{field}" (use: '
                          "{names})").format(aggregate=ind.aggregate.value, type=fld.type.value,
                                             field=fld.name, names=names))
        return problems
    unit = ind.unit.strip()
    if is_percentage(ind, fld):
        if unit not in ("", PERCENT):
            problems.append(_('unit "{unit}" contradicts the aggregate "{aggregate}", a '
                              'percentage (use "%" or leave it out)').format(
                unit=ind.unit, aggregate=ind.aggregate.value))
        if ind.target is not None and not 0 <= ind.target <= 100:
            problems.append(_("target {target} is not a percentage from 0 to 100").format(
                target=f"{ind.target:g}"))
    elif ind.aggregate is Aggregate.PRESENCE:
        if unit:
            problems.append(_('unit "{unit}": a "presence" indicator is shown as "liegt vor" and '
                              "has no unit").format(unit=ind.unit))
        if ind.target not in (None, 1):
            problems.append(_('target {target}: a "presence" indicator is reached when the field '
                              "is there (leave target out or set 1)").format(
                target=f"{ind.target:g}"))
    elif ind.aggregate is Aggregate.MEAN and fld.type is ResultType.RATING:
        if unit not in ("", RATING_UNIT):
            problems.append(_('unit "{unit}" contradicts a mean rating (use "{rating}" or leave '
                              "it out)").format(unit=ind.unit, rating=RATING_UNIT))
        if ind.target is not None and not 1 <= ind.target <= 5:
            problems.append(_("target {target} is not a rating from 1 to 5").format(
                target=f"{ind.target:g}"))
    elif unit in (PERCENT, "Prozent", RATING_UNIT):
        problems.append(_('unit "{unit}" contradicts the aggregate "{aggregate}" of a {type} '
                          "field (it is a number of things, not a percentage or rating)").format(
            unit=ind.unit, aggregate=ind.aggregate.value, type=fld.type.value))
    return problems
