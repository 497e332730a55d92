"""Looking names up: the one "did you mean" of werkzeugkoffer.

Every lookup of a name a user or plugin author typed (a TOML key, a format id, a venue, an
Ortsteil, a hook, a municipality ...) that fails says which known name is closest.
"""

from __future__ import annotations

import difflib
from typing import Iterable

from .i18n import _


def closest(name: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The known name closest to ``name`` (case-insensitive), or ``None`` when none is close."""
    choices = [str(c) for c in choices]
    by_lower: dict[str, str] = {}
    for c in choices:
        by_lower.setdefault(c.lower(), c)
    hit = difflib.get_close_matches(str(name).lower(), list(by_lower), n=1, cutoff=cutoff)
    return by_lower[hit[0]] if hit else None


def did_you_mean(name: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str:
    """``' (did you mean "x"?)'`` for the closest known name, or ``""``."""
    hit = closest(name, choices, cutoff=cutoff)
    if hit is None or hit == name:
        return ""
    return _(' (did you mean "{name}"?)').format(name=hit)
