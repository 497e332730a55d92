"""Values inside translated messages (findings, planning errors): dates and numbers as the
reader's language writes them.

A message is one ``_()`` call with named placeholders; the values that go into it are made here,
so that a German message says "am 1.3.2027" and "4,5 Wochen" while the English one keeps the
ISO date and the decimal point. Field values quoted from a file stay as they are.
"""

from __future__ import annotations

import datetime as dt

from .i18n import is_german, ngettext


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
