"""Public and school holidays (via ``holidays``, imported lazily) and quiet days; what is wrong
with a date someone typed."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Iterable

from .i18n import N_, _

MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
          N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
          N_("December"))

ISO_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
GERMAN_DATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def no_such_day(year: int, month: int, day: int) -> str | None:
    """Why ``year-month-day`` is no date ("February 2022 has no day 31", in German "den 31.
    Februar 2022 gibt es nicht"), or ``None`` when it is one."""
    if not 1 <= month <= 12:
        return _("there is no month {month}").format(month=month)
    if not 1 <= year <= 9999:
        return _("there is no year {year}").format(year=year)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return _("{month} {year} has no day {day}").format(
            month=_(MONTHS[month - 1]), year=year, day=day)
    return None


def date_text_problem(text: str) -> str | None:
    """What is wrong with a date written as text where ``YYYY-MM-DD`` is expected, or ``None``
    when nothing can be said beyond "invalid": a day that does not exist ("February 2022 has no
    day 31"), or a German date ("15.06.2022": "write 2022-06-15")."""
    text = text.strip()
    iso = ISO_DATE_RE.fullmatch(text)
    german = GERMAN_DATE_RE.fullmatch(text)
    if iso:
        year, month, day = int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
    elif german:
        year, month, day = int(german.group(3)), int(german.group(2)), int(german.group(1))
    else:
        return None
    problem = no_such_day(year, month, day)
    if problem:
        return problem
    return _("write {iso} (dates as YYYY-MM-DD)").format(
        iso=dt.date(year, month, day).isoformat())


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
