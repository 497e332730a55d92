"""Public and school holidays (via ``holidays``, imported lazily) and quiet days."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Iterable


#: the states' codes (ISO 3166-2:DE without "DE-"); the ``holidays`` package knows them all
STATES = ("BB", "BE", "BW", "BY", "HB", "HE", "HH", "MV", "NI", "NW", "RP", "SH", "SL", "SN",
          "ST", "TH")


def german_states(value: str = "") -> tuple[str, ...]:
    """The state codes the ``holidays`` package knows for Germany.

    The 16 states' codes are known without importing ``holidays`` (its import takes a fifth of a
    second); any other ``value`` is looked up in the package (which also knows e.g. ``Augsburg``).
    """
    if value in STATES:
        return STATES
    from holidays.countries.germany import Germany

    return tuple(Germany.subdivisions)


@lru_cache(maxsize=64)
def _public(state: str, years: tuple[int, ...]) -> dict[dt.date, str]:
    import holidays

    return dict(holidays.Germany(subdiv=state, years=years, language="de"))


@lru_cache(maxsize=64)
def _school(state: str, years: tuple[int, ...]) -> dict[dt.date, str]:
    import holidays

    try:
        return dict(
            holidays.Germany(subdiv=state, years=years, language="de", categories=("school",))
        )
    except Exception:  # older data without school holidays for this state/year
        return {}


def public_holidays(state: str, years: Iterable[int]) -> dict[dt.date, str]:
    """Public holidays of a German state, ``{date: German name}``."""
    return _public(state, tuple(sorted(set(years))))


def school_holidays(state: str, years: Iterable[int]) -> dict[dt.date, str]:
    """School holidays of a German state (KMK data), ``{date: German name}``."""
    return _school(state, tuple(sorted(set(years))))


def quiet_days(state: str, years: Iterable[int]) -> dict[dt.date, str]:
    """Days on which open-air public events are banned (Hessen: Maundy Thursday to Holy Saturday).

    The Hessian Feiertagsgesetz restricts public events "without serious character" from Maundy
    Thursday 4 h through Holy Saturday; for other states the same Easter days are a safe default.
    """
    out = {}
    for date, name in public_holidays(state, years).items():
        if name == "Karfreitag":
            out[date - dt.timedelta(days=1)] = "Gründonnerstag"
            out[date] = "Karfreitag"
            out[date + dt.timedelta(days=1)] = "Karsamstag"
    return out


def office_day(day: dt.date, state: str) -> dt.date:
    """``day``, or the last working day before it when it is a weekend day or a public holiday
    of ``state`` (office deadlines: preparation tasks)."""
    try:
        holidays = public_holidays(state, (day.year - 1, day.year))
    except NotImplementedError:  # not a German state: weekends only
        holidays = {}
    while day.weekday() >= 5 or day in holidays:
        day -= dt.timedelta(days=1)
    return day
