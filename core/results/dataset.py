"""The planned sessions of a workspace joined with their stored results.

:class:`Dataset` is what reports, impact figures and phase-2 planning compute from;
:meth:`Dataset.select` narrows it to a municipality and/or a phase. A session with results per
station and/or day holds them all (``parts``) and their sum (``result``, from
:func:`~werkzeugkoffer.results.parts.session_result`); everything downstream reads ``result``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

import attrs
from attrs import frozen

from ..model import Format, Municipality, Result, ResultType, Session, Venue
from .importing import stored_results
from .parts import session_result
from .store import StoredResult
from .values import Bad, check_value

if TYPE_CHECKING:
    from ..workspace import Workspace


@frozen(kw_only=True)
class SessionData:
    """A planned session with its format, place and (when held) its stored results.

    ``parts`` are the stored results (one, or one per station and/or day); ``result`` is
    the session's result (the parts added up), ``None`` while nothing is recorded.
    """

    slug: str
    phase: int
    session: Session
    format: Format
    municipality: Municipality
    venue: Venue | None
    parts: tuple[StoredResult, ...] = ()
    result: Result | None = None

    @property
    def held(self) -> bool:
        return self.result is not None

    @property
    def ortsteil(self) -> str:
        return self.venue.ortsteil if self.venue is not None else ""

    @property
    def participants(self) -> int:
        return self.result.total_participants if self.result is not None else 0

    @property
    def values(self) -> dict[str, Any]:
        return self.result.values if self.result is not None else {}

    @property
    def recorded_at(self) -> str | None:
        """When the newest part was recorded."""
        return max((p.recorded_at for p in self.parts), default=None)


def contributed_ortsteile(sessions: Iterable[SessionData]) -> list[str]:
    """Ortsteile that the results of ``sessions`` carry contributions from, each once.

    A contribution is a map point with an Ortsteil, or a result recorded for a station (the
    Ortsteil of the station's venue). Pass them to :func:`werkzeugkoffer.reach.reach`.
    """
    out: list[str] = []

    def add(name: str) -> None:
        name = (name or "").strip()
        if name and name not in out:
            out.append(name)

    for s in sessions:
        for part in s.parts:
            station = part.result.station
            if station is not None and (venue := s.municipality.venue(station)) is not None:
                add(venue.ortsteil)
        if s.result is None:
            continue
        for fld in s.format.result_fields:
            if fld.type is ResultType.MAP_POINTS:
                for point in s.result.values.get(fld.name, ()):
                    add(point.get("ortsteil", ""))
    return out


@attrs.define
class Dataset:
    """Planned sessions joined with stored results; ``orphans`` are results whose session is
    no longer in the workspace (kept, listed, not counted)."""

    workspace: Workspace
    sessions: list[SessionData]
    orphans: list[StoredResult] = attrs.field(factory=list)
    slug: str | None = None
    phase: int | None = None

    @classmethod
    def load(cls, workspace: Workspace, results: Iterable[StoredResult] | None = None) -> "Dataset":
        """Join the workspace's sessions with ``results`` (default: the stored ones)."""
        if results is None:
            results = stored_results(workspace)
        by_session: dict[str, list[StoredResult]] = {}
        for r in results:
            by_session.setdefault(r.session, []).append(r)
        sessions = []
        for slug, m in workspace.municipalities.items():
            for phase in sorted(m.phases, key=lambda p: p.number):
                for s in sorted(phase.sessions, key=lambda s: (s.date, s.start, s.id)):
                    fmt = workspace.catalogue.get(s.format)
                    if fmt is None:
                        continue
                    parts = tuple(_fitting(p, fmt) for p in by_session.pop(s.id, ()))
                    sessions.append(SessionData(
                        slug=slug, phase=phase.number, session=s, format=fmt, municipality=m,
                        venue=m.venue(s.main_venue) if s.main_venue else None, parts=parts,
                        result=session_result(fmt, [p.result for p in parts], s, m),
                    ))
        orphans = [r for rs in by_session.values() for r in rs]
        return cls(workspace=workspace, sessions=sessions, orphans=orphans)

    def select(self, slug: str | None = None, phase: int | None = None) -> "Dataset":
        """The part of one municipality and/or one phase."""
        return Dataset(
            workspace=self.workspace,
            sessions=[s for s in self.sessions
                      if (slug is None or s.slug == slug) and (phase is None or s.phase == phase)],
            orphans=[r for r in self.orphans
                     if (slug is None or r.municipality == slug)
                     and (phase is None or r.phase == phase)],
            slug=slug if slug is not None else self.slug,
            phase=phase if phase is not None else self.phase,
        )

    @property
    def held(self) -> list[SessionData]:
        return [s for s in self.sessions if s.held]

    def formats(self) -> list[Format]:
        seen: dict[str, Format] = {}
        for s in self.sessions:
            seen.setdefault(s.format.id, s.format)
        return sorted(seen.values(), key=lambda f: (f.theme.value, f.title))


def _fitting(stored: StoredResult, fmt: Format) -> StoredResult:
    """The stored result with only the values that fit the session's format as it is now.

    A format can change after results were recorded (the session got another format, a plugin
    update changed a field's type): values that no longer fit are left out of what is computed
    from the dataset; the store keeps them as they are.
    """
    values = stored.result.values
    clean = {}
    for name, value in values.items():
        fld = fmt.result_field(name)
        if fld is None:
            continue
        try:
            clean[name] = check_value(fld, value)  # Ortsteile renamed since: still counted
        except Bad:
            continue
    if clean == values:
        return stored
    return attrs.evolve(stored, result=attrs.evolve(stored.result, values=clean))
