"""The plugin manager: lazy, cached loading of built-in and third-party plugins.

Every plugin, the three built-in ones included, is found through the entry-point group
``werkzeugkoffer``. ``WERKZEUGKOFFER_LOAD_PLUGINS`` is an allow-list of entry-point names
(comma-separated; empty means none); ``WERKZEUGKOFFER_TRACE_PLUGINS=1`` prints every hook call to
stderr. A plugin that fails to import or to validate is skipped with a warning naming it; the
others keep working.

Every contained plugin fault (an import that fails or ends the program, an unknown hook, a hook
that raises or returns something unusable, a malformed format ...) is recorded as a
:class:`PluginFault` in :data:`faults`, naming the plugin and the hook, and shown as a warning;
``werkzeugkoffer check`` turns the faults into findings, so the exit code says so.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import logging
import os
import sys
import warnings
from pathlib import Path
from typing import Any, Callable

import attrs
import pluggy

from . import cache, hookspecs
from .i18n import _
from .names import did_you_mean

ENTRY_POINT_GROUP = "werkzeugkoffer"

# Tracebacks of contained faults, for developers (``werkzeugkoffer --debug`` shows DEBUG records)
log = logging.getLogger(__name__)

# Core modules that implement hooks, registered like plugins (as datasette's DEFAULT_PLUGINS).
DEFAULT_PLUGINS = (
    "werkzeugkoffer.checks.builtin",
    "werkzeugkoffer.checks.plugins",
    "werkzeugkoffer.render.checks",
    "werkzeugkoffer.render.copy_master_checks",
)


class PluginWarning(UserWarning):
    """A plugin was skipped or misbehaved."""


@attrs.frozen
class PluginFault:
    """A contained fault of a plugin: which plugin, in which hook (or ``import``), what happened.

    ``hook`` is a hook name, ``"import"`` (loading the plugin) or ``"hooks"`` (its hook
    implementations do not fit the specifications).
    """

    plugin: str
    hook: str
    message: str

    def __str__(self) -> str:
        return _('plugin "{plugin}" ({hook}): {message}').format(
            plugin=self.plugin, hook=self.hook, message=self.message)


pm = pluggy.PluginManager("werkzeugkoffer")
pm.add_hookspecs(hookspecs)

_loaded = False
_generation = 0  # counts resets; caches built from the plugins (the catalogue) compare it
_undo_trace = None
# plugin name -> reason, for plugins that could not be loaded
broken: dict[str, str] = {}
# plugin name -> the fault that made it broken (shown once, as its reason)
broken_by: dict[str, PluginFault] = {}
# plugin name -> (distribution name, version)
_dists: dict[str, Any] = {}
# every contained fault since the plugins were loaded, in order
faults: list[PluginFault] = []


def describe_exception(exc: BaseException) -> str:
    """``ValueError: text`` on one line, or the class name alone when the exception has no text."""
    text = "; ".join(line.strip() for line in str(exc).splitlines() if line.strip())
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


def record_fault(plugin: str, hook: str, message: str, *, warning: str | None = None) -> PluginFault:
    """Record a contained plugin fault and show it as a warning (``warning`` or the fault)."""
    fault = PluginFault(plugin, hook, message)
    if fault not in faults:
        faults.append(fault)
    warn(warning or _('Plugin "{plugin}" failed in {hook}: {message}; skipped').format(
        plugin=plugin, hook=hook, message=message))
    return fault


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
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # any import failure (even sys.exit) must not stop the others
            error = describe_exception(exc)
            log.debug('plugin "%s" failed to import', name, exc_info=exc)
            _mark_broken(name, "import", _("import failed: {error}").format(error=error),
                         _('Error importing plugin "{name}": {error}; skipped').format(
                             name=name, error=error))
            continue
        if dist_name is not None:
            _dists[name] = (dist_name, dist_version)
        register_plugin(plugin, name)
    _check_pending()
    if _tracing():
        global _undo_trace
        pm.trace.root.setwriter(lambda s: sys.stderr.write(s))
        _undo_trace = pm.enable_tracing()
    return pm


def register_plugin(plugin: Any, name: str) -> bool:
    """Register one plugin after checking its hook implementations; ``False`` if it is skipped.

    A misspelled hook or an argument a hook does not have is named (with the closest hook or
    argument), and the plugin is skipped with a warning.
    """
    problems = hook_problems(plugin)
    if problems:
        _mark_broken(name, "hooks", "; ".join(problems), skipped(name, "; ".join(problems)))
        return False
    try:
        pm.register(plugin, name)
    except (pluggy.PluginValidationError, ValueError) as exc:
        _mark_broken(name, "hooks", _("invalid: {error}").format(error=exc),
                     _('Plugin "{name}" is invalid: {error}; skipped').format(name=name,
                                                                             error=exc))
        return False
    return True


def skipped(name: str, reason: str) -> str:
    """``Plugin "name": reason; skipped``."""
    return _('Plugin "{name}": {reason}; skipped').format(name=name, reason=reason)


def _mark_broken(name: str, hook: str, reason: str, warning: str) -> None:
    broken[name] = reason
    broken_by[name] = record_fault(name, hook, reason, warning=warning)


def _check_pending() -> None:
    """pluggy's ``check_pending`` for every plugin (it stops at the first), naming the hook."""
    while True:
        try:
            pm.check_pending()
            return
        except pluggy.PluginValidationError as exc:
            plugin = exc.plugin
            name = pm.get_name(plugin) or getattr(plugin, "__name__", type(plugin).__name__)
            unknown = [
                caller.name for caller in pm.get_hookcallers(plugin) or ()
                if not caller.has_spec()
            ]
            reason = "; ".join(_unknown_hook(h) for h in unknown) or str(exc)
            pm.unregister(plugin)
            _mark_broken(name, "hooks", reason, skipped(name, reason))


HOOK_NAMES = tuple(
    sorted(n for n, f in vars(hookspecs).items() if hasattr(f, "werkzeugkoffer_spec"))
)


def _unknown_hook(name: str) -> str:
    return _('unknown hook "{name}"{hint}').format(name=name,
                                                   hint=did_you_mean(name, HOOK_NAMES))


def hook_problems(plugin: Any) -> list[str]:
    """What is wrong with a plugin's hook implementations: unknown hooks, unknown arguments.

    Each problem names the hook and the closest known hook or argument, e.g.
    ``unknown hook "register_fromats" (did you mean "register_formats"?)``.
    """
    problems = []
    for attr in dir(plugin):
        try:
            opts = pm.parse_hookimpl_opts(plugin, attr)
        except Exception:  # an attribute that cannot be read is no hook implementation
            continue
        if opts is None:
            continue
        hook = opts.get("specname") or attr
        spec = getattr(hookspecs, hook, None)
        if hook not in HOOK_NAMES or spec is None:
            if not opts.get("optionalhook"):
                problems.append(_unknown_hook(hook))
            continue
        try:
            args = list(inspect.signature(getattr(plugin, attr)).parameters)
        except (TypeError, ValueError):
            continue
        allowed = list(inspect.signature(spec).parameters)
        for arg in args:
            if arg not in allowed:
                problems.append(
                    _('{hook}({args}): "{arg}" is not an argument of the hook '
                      "{hook}({allowed}){hint}").format(
                        hook=hook, args=", ".join(args), arg=arg, allowed=", ".join(allowed),
                        hint=did_you_mean(arg, allowed))
                )
    return problems


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


def plugin_folder(name: str) -> Path | None:
    """The folder a plugin's top-level module or package lies in (the project folder of an
    editable install, ``site-packages`` otherwise), or ``None`` when it cannot be told."""
    plugin = pm.get_plugin(name)
    module_name = getattr(plugin, "__name__", None) if plugin is not None else None
    if module_name is None:
        value = next((v for n, v, _d, _v in entry_points() if n == name), None)
        module_name = value.partition(":")[0].strip() if value else None
    if not module_name:
        return None
    top = module_name.split(".")[0]
    module = sys.modules.get(top)
    origin = getattr(module, "__file__", None) if module is not None else None
    if origin is None:
        try:
            spec = importlib.util.find_spec(top)  # a top-level name: nothing is imported
        except (ImportError, ValueError):
            return None
        origin = spec.origin if spec is not None else None
    if not origin or not os.path.isabs(origin):
        return None
    path = Path(origin).parent
    return path.parent if Path(origin).name == "__init__.py" else path


def relative_to_plugin(text: str, folder: Path | None) -> str:
    """``text`` with the paths inside ``folder`` written relative to it."""
    if folder is None:
        return text
    return text.replace(str(folder) + os.sep, "")


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
    broken_by.clear()
    _dists.clear()
    faults.clear()
    _loaded = False
    _generation += 1


def forget(name: str) -> None:
    """Forget the faults of a plugin that was unregistered (for tests and ``check_plugin``)."""
    broken.pop(name, None)
    broken_by.pop(name, None)
    faults[:] = [f for f in faults if f.plugin != name]


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

    Returns ``(plugin_name, result)`` pairs; an implementation that raises (anything but
    ``KeyboardInterrupt``, ``SystemExit`` included) is recorded as a :class:`PluginFault`,
    reported as a warning and skipped. pluggy's own call loop would stop at the first exception
    without naming the plugin, hence this loop. ``_per_plugin(name)`` may supply arguments
    specific to each plugin (such as a ``register`` callable that knows which plugin registers).
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
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # even sys.exit() in a hook must not end the program
            message = describe_exception(exc)
            log.debug('plugin "%s" failed in %s', impl.plugin_name, hook_name, exc_info=exc)
            fault = record_fault(
                impl.plugin_name, hook_name, _("raised {error}").format(error=message),
                warning=_('Plugin "{plugin}" failed in {hook}: {message}; skipped')
                .format(plugin=impl.plugin_name, hook=hook_name, message=message))
            if impl.plugin_name not in broken:
                broken[impl.plugin_name] = _("{hook} raised {error}").format(
                    hook=hook_name, error=message)
                broken_by[impl.plugin_name] = fault
    return results
