"""``werkzeugkoffer.testing``: the test kit for plugin authors.

Three things a plugin's own tests use::

    from werkzeugkoffer.testing import check_plugin, results_for

    def test_plugin_is_valid():
        check_plugin("jugend")             # entry-point name, module name or module object

    @given(results_for(my_format))         # hypothesis: any valid result of a format
    def test_results(result): ...

- :func:`check_plugin` checks a plugin the way the core will use it and raises one
  :class:`PluginCheckError` (an ``AssertionError``) listing every problem it found.
- Hypothesis strategies: :func:`result_values` and :func:`results_for` (valid results for any
  format's result schema), :func:`sessions_for`, :func:`phases_for` and
  :func:`municipalities_for` (valid sessions, phases and municipalities for a set of formats).
- Deterministic builders the fixtures of :mod:`werkzeugkoffer.testing.pytest_plugin` use:
  :func:`sample_values`, :func:`sample_result`, :func:`lab_for`, :func:`municipality_for` and
  :func:`write_workspace`; :func:`generated_workspace` (a varied workspace from a seed), on which
  :func:`check_plugin` runs a plugin's checks and suggestions.

``hypothesis`` is a test dependency: it is imported only when a strategy is asked for, so
:func:`check_plugin` works without it and the core never imports it.
"""

from __future__ import annotations

from importlib import import_module as _import_module
from typing import TYPE_CHECKING

from ..catalogue import BUILTIN_NAMESPACES
from .plugin_check import (
    AGGREGATES_BY_TYPE,
    PluginCheckError,
    PluginReport,
    check_plugin,
    load_plugin_object,
)
from .samples import (
    SAMPLE_ORTSTEILE,
    assert_valid_result,
    generated_workspace,
    lab_for,
    municipality_for,
    result_problems,
    sample_result,
    sample_value,
    sample_values,
    write_workspace,
)

# The Hypothesis strategies live in .strategies, which imports hypothesis (a test dependency):
# they are imported on first use, so check_plugin works without hypothesis installed.
_STRATEGIES = ("value_strategy", "result_values", "results_for", "sessions_for", "phases_for",
               "municipalities_for")

if TYPE_CHECKING:  # pragma: no cover
    from .strategies import (
        municipalities_for,
        phases_for,
        result_values,
        results_for,
        sessions_for,
        value_strategy,
    )


def __getattr__(name: str):
    if name in _STRATEGIES:
        value = getattr(_import_module(".strategies", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AGGREGATES_BY_TYPE",
    "BUILTIN_NAMESPACES",
    "PluginCheckError",
    "PluginReport",
    "SAMPLE_ORTSTEILE",
    "assert_valid_result",
    "check_plugin",
    "generated_workspace",
    "lab_for",
    "load_plugin_object",
    "municipalities_for",
    "municipality_for",
    "phases_for",
    "result_problems",
    "result_values",
    "results_for",
    "sample_result",
    "sample_value",
    "sample_values",
    "sessions_for",
    "value_strategy",
    "write_workspace",
]
