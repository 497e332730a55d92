"""Printing: the one jinja2 environment, HTML to accessible PDF, SVG charts.

The names below are imported on first use, so that importing a module of this package (such as
:mod:`.checks` and :mod:`.copy_master_checks`, which the plugin manager loads with every start)
does not import jinja2.
"""

from __future__ import annotations

from importlib import import_module as _import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .environment import DEFAULTS_DIR, get_environment, render, search_path

__all__ = ["DEFAULTS_DIR", "get_environment", "render", "search_path"]


def __getattr__(name: str):
    if name in __all__:
        value = getattr(_import_module(".environment", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
