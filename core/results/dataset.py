"""The planned sessions of a workspace joined with their stored results.

:class:`Dataset` is what reports, impact figures and phase-2 planning compute from;
:meth:`Dataset.select` narrows it to a municipality and/or a phase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

import attrs
from attrs import frozen

from ..model import Format, Municipality, Session, Venue
from .importing import stored_results
from .store import StoredResult

if TYPE_CHECKING:
    from ..workspace import Workspace


@frozen(kw_only=True)
class SessionData:
    """A planned session with its format, place and (when held) its stored result."""

    slug: str
    phase: int
    session: Session
    format: Format
    municipality: Municipality
    venue: Venue | None
    stored: StoredResult | None

    @property
    def held(self) -> bool:
        return self.stored is not None

    @property
    def ortsteil(self) -> str:
        return self.venue.ortsteil if self.venue is not None else ""

    @property
    def participants(self) -> int:
        return self.stored.result.total_participants if self.stored is not None else 0

    @property
    def values(self) -> dict[str, Any]:
        return self.stored.result.values if self.stored is not None else {}


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
        by_session = {r.session: r for r in results}
        sessions = []
        for slug, m in workspace.municipalities.items():
            for phase in sorted(m.phases, key=lambda p: p.number):
                for s in sorted(phase.sessions, key=lambda s: (s.date, s.start, s.id)):
                    fmt = workspace.catalogue.get(s.format)
                    if fmt is None:
                        continue
                    sessions.append(SessionData(
                        slug=slug, phase=phase.number, session=s, format=fmt, municipality=m,
                        venue=m.venue(s.main_venue) if s.main_venue else None, stored=by_session.pop(s.id, None),
                    ))
        return cls(workspace=workspace, sessions=sessions, orphans=list(by_session.values()))

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
