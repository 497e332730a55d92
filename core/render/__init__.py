"""Printing: the one jinja2 environment, HTML to accessible PDF, SVG charts."""

from __future__ import annotations

from .environment import DEFAULTS_DIR, get_environment, render, search_path

__all__ = ["DEFAULTS_DIR", "get_environment", "render", "search_path"]
