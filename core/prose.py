"""Values inside translated messages (findings, planning errors): dates and numbers as the
reader's language writes them.

A message is one ``_()`` call with named placeholders; the values that go into it are made here,
so that a German message says "am 1.3.2027" and "4,5 Wochen" while the English one keeps the
ISO date and the decimal point. Field values quoted from a file stay as they are.
"""

from __future__ import annotations

import datetime as dt

from .i18n import N_, _, is_german, ngettext

#: weekday abbreviations for tables on the terminal (German: Mo, Di, ...), Monday first
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def day(value: dt.date, english: str = "%Y-%m-%d") -> str:
    """A date in prose: ``1.3.2027`` in German, else ``english`` (a strftime pattern, ISO by
    default)."""
    if is_german():
        return f"{value.day}.{value.month}.{value.year}"
    return value.strftime(english)


def dmy(value: dt.date) -> str:
    """A date the English message writes as ``01.03.2027``: ``1.3.2027`` in German."""
    return day(value, "%d.%m.%Y")


def number(value: float, spec: str = ".1f") -> str:
    """A number formatted with ``spec``, with the German decimal comma in German."""
    text = format(value, spec)
    return text.replace(".", ",") if is_german() else text


def weeks(n: int) -> str:
    """``1 week``, ``4 weeks`` (``1 Woche``, ``4 Wochen``)."""
    return ngettext("{n} week", "{n} weeks", n).format(n=n)


def weekday(value: dt.date) -> str:
    """The weekday of ``value``, abbreviated: ``Mon`` in English, ``Mo`` in German."""
    return _(WEEKDAYS[value.weekday()])


def table_day(value: dt.date) -> str:
    """A day in a terminal table: ``Mon 07.06.2027`` in English, ``Mo 07.06.2027`` in German."""
    return f"{weekday(value)} {value:%d.%m.%Y}"


def amount(value: float | int) -> str:
    """A number without needless decimals: ``13.5``, ``3``, ``1,200`` in English; ``13,5``,
    ``3``, ``1.200`` in German."""
    if isinstance(value, int) or float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if is_german():
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text
