"""Kits: the printable bundle for one municipality and one phase (content, calendar, build)."""

from __future__ import annotations

from .build import BuildReport, KitBuildError, KitOutcome, build_kits, parse_formats, render_html
from .content import Kit, KitSession, make_kit

__all__ = [
    "BuildReport", "Kit", "KitBuildError", "KitOutcome", "KitSession", "build_kits", "make_kit",
    "parse_formats", "render_html",
]
