"""Kits: the printable bundle for one municipality and one phase (content, documents, calendar,
build)."""

from __future__ import annotations

from .build import BuildReport, KitBuildError, KitOutcome, build_kits, parse_formats
from .content import Kit, KitCard, KitCopyMaster, KitResultSheet, KitSession, make_kit
from .documents import KIT_DOCUMENTS, KitDocument, kit_documents, render_document, render_html

__all__ = [
    "KIT_DOCUMENTS", "BuildReport", "Kit", "KitBuildError", "KitCard", "KitCopyMaster",
    "KitDocument", "KitOutcome", "KitResultSheet", "KitSession", "build_kits", "kit_documents",
    "make_kit", "parse_formats", "render_document", "render_html",
]
