"""Reach: which Ortsteile a phase (or a whole plan) reached. The one definition used everywhere.

An Ortsteil is *reached* when a session or one of its stations took place there (its venue lies
in that Ortsteil), or when results carry contributions from it (map points with an Ortsteil,
result rows of a station in it). The kit's overview, ``check`` and the reports all call
:func:`reach`; they differ only in which sessions they pass (planned ones for a kit and
``check``, held ones for a report) and whether they have results to pass.
"""

from __future__ import annotations

from typing import Iterable

from attrs import frozen

from .model import Municipality, Session


@frozen(kw_only=True)
class Reach:
    """The Ortsteile of a municipality, reached or not, in the municipality's order.

    ``by_place`` are reached through a session or station there, ``by_contribution`` only
    through results that name them. ``other`` are names that results gave but the
    municipality does not list (kept, shown apart).
    """

    ortsteile: tuple[str, ...]
    by_place: tuple[str, ...]
    by_contribution: tuple[str, ...]
    other: tuple[str, ...] = ()

    @property
    def reached(self) -> tuple[str, ...]:
        """Every reached Ortsteil of the municipality's list, in its order."""
        got = set(self.by_place) | set(self.by_contribution)
        return tuple(o for o in self.ortsteile if o in got)

    @property
    def missing(self) -> tuple[str, ...]:
        got = set(self.reached)
        return tuple(o for o in self.ortsteile if o not in got)

    @property
    def share(self) -> float | None:
        """Reached Ortsteile as a fraction of all (``None`` when the list is empty)."""
        return len(self.reached) / len(self.ortsteile) if self.ortsteile else None


def session_ortsteile(municipality: Municipality, session: Session) -> tuple[str, ...]:
    """The Ortsteile a session took place in: its venue's and its stations' (each once)."""
    out: list[str] = []
    for venue_id in session.places:
        venue = municipality.venue(venue_id)
        if venue is not None and venue.ortsteil and venue.ortsteil not in out:
            out.append(venue.ortsteil)
    return tuple(out)


def reach(
    municipality: Municipality,
    sessions: Iterable[Session],
    contributions: Iterable[str] = (),
) -> Reach:
    """The reach of ``sessions`` of ``municipality`` and of results naming ``contributions``.

    ``contributions`` are Ortsteil names found in results (see
    :func:`werkzeugkoffer.results.dataset.contributed_ortsteile`); matching is
    case-insensitive and gives the municipality's spelling. A municipality without an
    Ortsteile list counts the Ortsteile its venues lie in (its main town first), or, without
    those, is treated as one Ortsteil: its main town (or name). (``check`` asks for the list.)
    """
    listed = tuple(municipality.ortsteile) or listed_or_venue_ortsteile(municipality)
    folded = {o.casefold(): o for o in listed}
    by_place: list[str] = []
    for s in sessions:
        for o in session_ortsteile(municipality, s):
            name = folded.get(o.casefold(), o)
            if name not in by_place:
                by_place.append(name)
    by_contribution: list[str] = []
    other: list[str] = []
    for raw in contributions:
        text = (raw or "").strip()
        if not text:
            continue
        name = folded.get(text.casefold())
        if name is None:
            if text not in other:
                other.append(text)
        elif name not in by_place and name not in by_contribution:
            by_contribution.append(name)
    for name in by_place:
        if name not in folded.values() and name not in other:
            other.append(name)
    return Reach(
        ortsteile=listed,
        by_place=tuple(o for o in listed if o in by_place),
        by_contribution=tuple(o for o in listed if o in by_contribution),
        other=tuple(other),
    )


def listed_or_venue_ortsteile(municipality: Municipality) -> tuple[str, ...]:
    """The Ortsteile list, or, when it is empty, the Ortsteile of the venues (the main town
    first), or the main town (or name) alone."""
    if municipality.ortsteile:
        return tuple(municipality.ortsteile)
    main = municipality.main_town or municipality.name
    named = [v.ortsteil for v in municipality.venues if v.ortsteil]
    return tuple(dict.fromkeys([main] + named)) if named else (main,)
