"""The documents of a kit: who uses which part, in which file, on which paper.

A kit is printed as several documents, split by who uses them (see docs/kits.md):

- ``leitfaden``: the coordinator's guide (cover, overview and calendar, stations, packing and
  copying lists, staffing rota, impact plan, sources and contacts);
- ``termine``: the method card of every format once (front and back) and a short sheet per
  session;
- ``kopiervorlagen``: everything to copy (tally sheets, ranking tables, forms, notices, the
  printables the formats ship); ``kopiervorlagen-a3`` the formats' printables on A3;
- ``ergebnisboegen``: the result sheets;
- ``einladungen`` (A4) and ``plakate`` (A3): the public pieces, without page numbers.

Each document is one HTML page rendered from ``kit_document.html`` (which includes the
document's template) and one PDF; the combined PDF holds the A4 documents in this order (the
A3 posters and A3 copy masters stay in their own files, so no file mixes paper sizes). ``kit.html`` holds them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from attrs import frozen

from ..model import IMPACT_STEPS, TargetGroup
from ..render.environment import get_environment

if TYPE_CHECKING:
    from pathlib import Path

    from ..workspace import Workspace
    from .content import Kit


@frozen(kw_only=True)
class KitDocument:
    """One document of a kit: its key (also its file name), German title and template."""

    key: str
    title: str
    template: str
    description: str
    size: str = "A4"
    combined: bool = True  # part of the combined PDF

    def running(self, kit: Kit) -> str:
        """The running title in the page footer."""
        return f"{self.title} · {kit.municipality.name} · Laborphase {kit.phase.number}"

    def wanted(self, kit: Kit) -> bool:
        """Whether the kit has anything to print in this document."""
        if self.key in ("einladungen", "plakate"):
            return bool(kit.public_sessions)
        if self.template == "kopiervorlagen.html":
            return any(cm.size == self.size for cm in kit.copy_masters)
        if self.key == "ergebnisboegen":
            return bool(kit.result_sheets)
        return True


KIT_DOCUMENTS: tuple[KitDocument, ...] = (
    KitDocument(
        key="leitfaden", title="Leitfaden", template="leitfaden.html",
        description="Für die Koordination: Überblick, Kalender, Stationen, Packliste, "
                    "Kopierliste, Einsatzplan, Wirkung, Quellen und Kontakte.",
    ),
    KitDocument(
        key="termine", title="Termine und Methodenkarten", template="termine.html",
        description="Für die Leitung vor Ort: je Format eine Methodenkarte (Vorder- und "
                    "Rückseite), je Termin ein Terminblatt.",
    ),
    KitDocument(
        key="kopiervorlagen", title="Kopiervorlagen", template="kopiervorlagen.html",
        description="Zum Kopieren: Tagesbögen, Ranglisten, Formulare und Aushänge; wie oft, "
                    "steht in der Kopierliste des Leitfadens.",
    ),
    KitDocument(
        key="kopiervorlagen-a3", title="Kopiervorlagen A3", template="kopiervorlagen.html",
        size="A3", combined=False,
        description="Zum Kopieren auf A3: Plakate und Tafeln der Formate (Abstimmungs-, "
                    "Ranglisten- und Frageplakate).",
    ),
    KitDocument(
        key="ergebnisboegen", title="Ergebnisbögen", template="ergebnisboegen.html",
        description="Für die Ergebnisse: je Termin ein Bogen, der nach dem Termin "
                    "zurückgegeben und eingetragen wird.",
    ),
    KitDocument(
        key="einladungen", title="Einladungen", template="einladungen.html",
        description="Für die Öffentlichkeit: je öffentlichem Termin eine Einladung (A4).",
    ),
    KitDocument(
        key="plakate", title="Plakate", template="plakate.html", size="A3", combined=False,
        description="Für die Öffentlichkeit: je öffentlichem Termin ein Plakat (A3).",
    ),
)


def kit_documents(kit: Kit) -> tuple[KitDocument, ...]:
    """The documents this kit prints, in order."""
    return tuple(doc for doc in KIT_DOCUMENTS if doc.wanted(kit))


def _context(kit: Kit, **extra: Any) -> dict[str, Any]:
    return dict(kit=kit, version=kit.version, impact_steps=IMPACT_STEPS,
                target_groups=list(TargetGroup), documents=kit_documents(kit),
                pages={}, anchors={}, **extra)


def render_document(kit: Kit, doc: KitDocument, *, dirs: list[Path] | None = None,
                    workspace: Workspace = None, pages: dict[str, int] | None = None,
                    anchors: dict[str, dict[str, int]] | None = None) -> str:
    """One document of the kit as a self-contained HTML page.

    ``pages`` and ``anchors`` tell the Leitfaden how long the other documents are and on
    which page each of their anchors lies (known once they are laid out as PDF).
    """
    env = get_environment(workspace, dirs=dirs)
    context = _context(kit, doc=doc)
    context["pages"] = pages or {}
    context["anchors"] = anchors or {}
    return env.get_template("kit_document.html").render(**context)


def render_html(kit: Kit, dirs: list[Path] | None = None, workspace: Workspace = None) -> str:
    """The whole kit as one self-contained HTML page (inline CSS, inline SVG)."""
    env = get_environment(workspace, dirs=dirs)
    return env.get_template("kit.html").render(**_context(kit))
