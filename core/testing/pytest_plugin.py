"""pytest fixtures for testing werkzeugkoffer plugins (entry point ``pytest11``).

Installed with werkzeugkoffer, so any test suite can use them without a ``conftest.py``. Do not
also name this module in ``pytest_plugins`` or with ``-p``: pytest would register it twice and
stop with "Plugin already registered under a different name".

``wk_workspace``
    A factory ``wk_workspace(*formats, **options) -> Path`` that writes a workspace planned with
    the given formats (``Format`` objects or format ids) into a temporary folder: one
    municipality, two phases, one session of each format per phase. Options are those of
    :func:`werkzeugkoffer.testing.write_workspace`.
``wk_plugin_manager``
    A factory ``wk_plugin_manager(plugin, name=None) -> PluginManager`` that registers a plugin
    (a module or any object with ``@hookimpl`` functions) with the plugin manager for this test;
    it is unregistered afterwards, in ``finally``, and the format catalogue is refreshed.
``wk_catalogue``
    The format catalogue of all installed plugins (and of plugins registered with
    ``wk_plugin_manager`` before it is used).
``wk_cli``
    ``wk_cli(*args, workspace=None) -> click.testing.Result``: runs the ``werkzeugkoffer``
    command line in-process.
``wk_fresh_plugins``
    Forget loaded plugins before and after the test (for tests that change entry points or
    ``WERKZEUGKOFFER_LOAD_PLUGINS``).

This module imports nothing heavy: werkzeugkoffer is imported by the fixtures when used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest


@pytest.fixture
def wk_fresh_plugins():
    """Reset the plugin manager before and after the test."""
    from werkzeugkoffer import pluginmanager

    pluginmanager.reset()
    try:
        yield pluginmanager.pm
    finally:
        pluginmanager.reset()


@pytest.fixture
def wk_plugin_manager():
    """A factory that registers plugins for this test and unregisters them afterwards."""
    from werkzeugkoffer import catalogue, pluginmanager

    pm = pluginmanager.load_plugins()
    added: list[Any] = []

    def register(plugin: Any, name: str | None = None):
        name = name or getattr(plugin, "__name__", None) or f"test-plugin-{len(added)}"
        problems = pluginmanager.hook_problems(plugin)
        if problems:
            from werkzeugkoffer import PluginError

            raise PluginError(f'plugin "{name}": ' + "; ".join(problems))
        pm.register(plugin, name)
        added.append(plugin)
        try:
            pm.check_pending()
        except Exception:
            pm.unregister(plugin)
            added.remove(plugin)
            raise
        catalogue.clear_cache()
        return pm

    try:
        yield register
    finally:
        for plugin in reversed(added):
            if pm.is_registered(plugin):
                name = pm.get_name(plugin)
                pm.unregister(plugin)
                pluginmanager.forget(name)
        catalogue.clear_cache()


@pytest.fixture
def wk_catalogue():
    """The catalogue of formats of all installed (and test-registered) plugins."""
    from werkzeugkoffer import get_catalogue

    return get_catalogue()


@pytest.fixture
def wk_workspace(tmp_path) -> Callable[..., Path]:
    """A factory writing workspaces planned with given formats into ``tmp_path``."""
    from werkzeugkoffer import Format, get_catalogue
    from werkzeugkoffer.testing import write_workspace

    count = 0

    def make(*formats: Format | str, name: str | None = None, **options: Any) -> Path:
        nonlocal count
        count += 1
        resolved = []
        for fmt in formats:
            if isinstance(fmt, str):
                fmt = get_catalogue()[fmt]
            resolved.append(fmt)
        return write_workspace(tmp_path / (name or f"workspace-{count}"), resolved, **options)

    return make


@pytest.fixture
def wk_cli():
    """Run the werkzeugkoffer command line in-process: ``wk_cli("check", workspace=path)``."""
    from importlib import metadata

    from click.testing import CliRunner

    (ep,) = metadata.entry_points(group="console_scripts", name="werkzeugkoffer")
    cli = ep.load()
    runner = CliRunner()

    def run(*args: str, workspace: str | Path | None = None, input: str | None = None):
        argv = [str(a) for a in args]
        if workspace is not None:
            argv = ["--workspace", str(workspace), *argv]
        return runner.invoke(cli, argv, input=input, catch_exceptions=False)

    return run
