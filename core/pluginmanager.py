"""The plugin manager: lazy, cached loading of built-in and third-party plugins.

Every plugin, the three built-in ones included, is found through the entry-point group
``werkzeugkoffer``. ``WERKZEUGKOFFER_LOAD_PLUGINS`` is an allow-list of entry-point names
(comma-separated; empty means none); ``WERKZEUGKOFFER_TRACE_PLUGINS=1`` prints every hook call to
stderr. A plugin that fails to import or to validate is skipped with a warning naming it; the
others keep working.
"""

from __future__ import annotations

import importlib
import os
import sys
import warnings
from typing import Any, Callable

import pluggy

from . import cache, hookspecs

ENTRY_POINT_GROUP = "werkzeugkoffer"

# Core modules that implement hooks, registered like plugins (as datasette's DEFAULT_PLUGINS).
DEFAULT_PLUGINS = ("werkzeugkoffer.checks.builtin", "werkzeugkoffer.render.copy_master_checks")


class PluginWarning(UserWarning):
    """A plugin was skipped or misbehaved."""


pm = pluggy.PluginManager("werkzeugkoffer")
pm.add_hookspecs(hookspecs)

_loaded = False
_generation = 0  # counts resets; caches built from the plugins (the catalogue) compare it
_undo_trace = None
# plugin name -> reason, for plugins that could not be loaded
broken: dict[str, str] = {}
# plugin name -> (distribution name, version)
_dists: dict[str, Any] = {}


def _allow_list() -> set[str] | None:
    value = os.environ.get("WERKZEUGKOFFER_LOAD_PLUGINS")
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def warn(message: str) -> None:
    warnings.warn(message, PluginWarning, stacklevel=3)


def load_plugins() -> pluggy.PluginManager:
    """Load all plugins once; return the plugin manager."""
    global _loaded
    if _loaded:
        return pm
    _loaded = True
    for name in DEFAULT_PLUGINS:
        if pm.get_plugin(name) is None:
            pm.register(importlib.import_module(name), name)
    allow = _allow_list()
    for name, value, dist_name, dist_version in entry_points():
        if allow is not None and name not in allow:
            continue
        if pm.get_plugin(name) is not None or name in broken:
            continue
        try:
            plugin = _load_entry_point(value)
        except Exception as exc:  # any import failure must not stop the others
            broken[name] = f"import failed: {exc.__class__.__name__}: {exc}"
            warn(f'Error importing plugin "{name}": {exc}; skipped')
            continue
        try:
            pm.register(plugin, name)
        except pluggy.PluginValidationError as exc:
            broken[name] = f"invalid: {exc}"
            warn(f'Plugin "{name}" is invalid: {exc}; skipped')
            continue
        if dist_name is not None:
            _dists[name] = (dist_name, dist_version)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        name = pm.get_name(exc.plugin) or str(exc.plugin)
        broken[name] = f"unknown hook: {exc}"
        pm.unregister(exc.plugin)
        warn(f'Plugin "{name}" implements an unknown hook: {exc}; skipped')
    if _tracing():
        global _undo_trace
        pm.trace.root.setwriter(lambda s: sys.stderr.write(s))
        _undo_trace = pm.enable_tracing()
    return pm


def entry_points() -> list[tuple[str, str, str | None, str | None]]:
    """The ``werkzeugkoffer`` entry points: ``(name, value, distribution, version)``.

    Found with :mod:`importlib.metadata`; the result is cached keyed by the folders on
    ``sys.path`` and their modification times (installing or removing a package changes them),
    which spares every start the import of ``importlib.metadata`` and the scan of all installed
    distributions.
    """
    key = (sys.version, cache.files_key([p or "." for p in sys.path]))
    cached = cache.read("entry-points", key)
    if cached is not None:
        return cached
    from importlib import metadata

    found = []
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist
        found.append(
            (ep.name, ep.value, dist.name if dist else None, dist.version if dist else None)
        )
    cache.write("entry-points", key, found)
    return found


def _load_entry_point(value: str) -> Any:
    """Import ``module`` or ``module:attribute`` (what ``EntryPoint.load`` does)."""
    module, _, attr = value.partition(":")
    obj = importlib.import_module(module.strip())
    for part in filter(None, attr.strip().split(".")):
        obj = getattr(obj, part)
    return obj


def _tracing() -> bool:
    return os.environ.get("WERKZEUGKOFFER_TRACE_PLUGINS") == "1"


def reset() -> None:
    """Forget loaded plugins (for tests)."""
    global _loaded, _undo_trace
    if _undo_trace is not None:
        _undo_trace()
        pm.trace.root.setwriter(None)
        _undo_trace = None
    for name, plugin in list(pm.list_name_plugin()):
        pm.unregister(plugin)
    global _generation
    broken.clear()
    _dists.clear()
    _loaded = False
    _generation += 1


def generation() -> int:
    """A number that changes whenever the loaded plugins are forgotten (:func:`reset`)."""
    return _generation


def distribution(name: str) -> tuple[str, str] | None:
    """``(distribution name, version)`` of a loaded plugin, when it came from one."""
    return _dists.get(name)


def call_each(
    hook_name: str, _per_plugin: Callable[[str], dict[str, Any]] | None = None, **kwargs: Any
) -> list[tuple[str, Any]]:
    """Call every implementation of a hook one by one, naming the plugin of any failure.

    Returns ``(plugin_name, result)`` pairs; an implementation that raises is reported as a
    warning and skipped. ``_per_plugin(name)`` may supply arguments specific to each plugin
    (such as a ``register`` callable that knows which plugin registers).
    """
    load_plugins()
    hook = getattr(pm.hook, hook_name)
    results = []
    for impl in reversed(hook.get_hookimpls()):
        available = dict(kwargs)
        if _per_plugin is not None:
            available.update(_per_plugin(impl.plugin_name))
        args = {name: available[name] for name in impl.argnames if name in available}
        if _tracing():
            sys.stderr.write(f"werkzeugkoffer: {hook_name}({', '.join(args)}) -> {impl.plugin_name}\n")
        try:
            results.append((impl.plugin_name, impl.function(**args)))
        except Exception as exc:
            broken.setdefault(impl.plugin_name, f"{hook_name} raised {exc.__class__.__name__}: {exc}")
            warn(f'Plugin "{impl.plugin_name}" failed in {hook_name}: {exc.__class__.__name__}: {exc}; skipped')
    return results
