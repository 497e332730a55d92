"""Looking names up: the one "did you mean" of werkzeugkoffer.

Every lookup of a name a user or plugin author typed (a TOML key, a format id, a venue, an
Ortsteil, a hook, a municipality ...) that fails says which known name is closest.
"""

from __future__ import annotations

import difflib
import re
from typing import Iterable

from .i18n import _


_DIGITS = re.compile(r"\d+")


def _numbers(text: str) -> tuple[str, ...]:
    """The numbers in ``text`` without leading zeros ("p1-01": 1, 1), compared as text (no
    int(): a typed name may hold thousands of digits)."""
    return tuple(n.lstrip("0") or "0" for n in _DIGITS.findall(text))


def closest(name: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The known name closest to ``name`` (case-insensitive), or ``None`` when none is close.

    Close means a typo away: at most one edit (a letter added, left out, changed, or two
    swapped) per four letters of the longer name, and a :mod:`difflib` similarity of at least
    ``cutoff``; or a name that begins with what was typed (at least four letters: "Gefahr" for
    "Gefahrenstelle"). Names that merely share an ending ("Wiesenbach" and "Breidenbach": four
    edits) are not close, nor names that differ only in their numbers ("Frage 6", "Frage 1").
    """
    from rapidfuzz.distance import OSA  # only on a failed lookup: not at start-up

    typed = str(name).lower()
    by_lower: dict[str, str] = {}
    for c in choices:
        by_lower.setdefault(str(c).lower(), str(c))
    best: tuple[int, float] | None = None
    hit = None
    skeleton, numbers = _DIGITS.sub("0", typed), _numbers(typed)
    for lower, original in by_lower.items():
        if _DIGITS.sub("0", lower) == skeleton and _numbers(lower) != numbers:
            continue  # "Frage 6" is not a typo of "Frage 1", nor session -02 of -01
        ratio = difflib.SequenceMatcher(None, typed, lower).ratio()
        if len(typed) >= 4 and lower.startswith(typed):  # an abbreviation: "Gefahr"
            edits = 1
        else:
            edits = OSA.distance(typed, lower)
            if edits > max(1, max(len(typed), len(lower)) // 4) or ratio < cutoff:
                continue
        if best is None or (edits, -ratio) < best:
            best, hit = (edits, -ratio), original
    return hit


def did_you_mean(name: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str:
    """``' (did you mean "x"?)'`` for the closest known name (see :func:`closest`), or ``""``."""
    hit = closest(name, choices, cutoff=cutoff)
    if hit is None or hit == name:
        return ""
    return _(' (did you mean "{name}"?)').format(name=hit)
