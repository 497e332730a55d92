"""The ``werkzeugkoffer`` command line: a thin face over the core API.

Commands live in their own modules and are imported only when used, which keeps start-up fast.
Errors of the core (:class:`werkzeugkoffer.WerkzeugkofferError`) are printed without a traceback
(unless ``--debug``) and exit with 2 for bad input, 1 for a failed check.
"""

from __future__ import annotations

import contextlib
import errno
import gettext
import importlib
import logging
import os
import sys
import warnings
from pathlib import Path

import click

from werkzeugkoffer.i18n import DOMAIN, LOCALE_DIR, N_, _, languages

from .base import Group, Option

# command name -> "module:attribute", imported on first use
COMMANDS = {
    "check": "werkzeugkoffer.cli.check:check",
    "einsatzplan": "werkzeugkoffer.cli.einsatzplan:einsatzplan",
    "formats": "werkzeugkoffer.cli.formats:formats",
    "init": "werkzeugkoffer.cli.init:init",
    "kit": "werkzeugkoffer.cli.kit:kit",
    "plan": "werkzeugkoffer.cli.plan:plan",
    "plugin": "werkzeugkoffer.cli.plugin:plugin",
    "plugins": "werkzeugkoffer.cli.plugins:plugins",
    "report": "werkzeugkoffer.cli.report:report",
    "results": "werkzeugkoffer.cli.results:results",
    "schedule": "werkzeugkoffer.cli.schedule:schedule",
    "schema": "werkzeugkoffer.cli.schema:schema",
    "suggest": "werkzeugkoffer.cli.suggest:suggest",
}


class State:
    """Options of the command group, available to every command as ``ctx.obj``."""

    def __init__(self, workspace: Path, debug: bool):
        self.workspace_dir = workspace
        self.debug = debug
        self._workspace = None

    def workspace(self):
        """The loaded workspace (loaded once)."""
        if self._workspace is None:
            from werkzeugkoffer import Workspace

            self._workspace = Workspace.load(self.workspace_dir)
        return self._workspace


@contextlib.contextmanager
def activate_language():
    """Let click's own messages ("Usage:", "Options:", its errors) speak the user's language.

    click translates them with the standard library's ``gettext.gettext``, that is with the
    global text domain and the language of ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG``:
    the domain is bound to our catalogue (which holds click's messages too), and a language
    chosen with ``WERKZEUGKOFFER_LANG`` is handed to gettext as ``LANGUAGE`` while the command
    runs (and the variable restored afterwards).
    """
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    forced = os.environ.get("WERKZEUGKOFFER_LANG", "").strip()
    saved = os.environ.get("LANGUAGE")
    if forced:
        os.environ["LANGUAGE"] = ":".join(languages())
    try:
        yield
    finally:
        if forced:
            if saved is None:
                os.environ.pop("LANGUAGE", None)
            else:
                os.environ["LANGUAGE"] = saved


class LazyGroup(Group):
    """A group that imports its commands when they are used and prints domain errors."""

    def main(self, *args, **kwargs):
        with activate_language():
            return super().main(*args, **kwargs)

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, _sep, attr = target.partition(":")
        try:
            return getattr(importlib.import_module(module), attr)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                return None
            raise

    def invoke(self, ctx):
        from werkzeugkoffer.errors import WerkzeugkofferError

        try:
            return super().invoke(ctx)
        except WerkzeugkofferError as exc:
            state = ctx.obj
            if state is not None and state.debug:
                raise
            click.echo(_("Error: {message}").format(message=exc), err=True)
            ctx.exit(exc.exit_code)
        except OSError as exc:  # a disk or permission fault no code path foresaw: still one line
            state = ctx.obj
            if (state is not None and state.debug) or exc.errno == errno.EPIPE:
                raise  # click itself handles a closed pipe (| head)
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(_("Error: {message}").format(message=f"{where}{exc.strerror or exc}"),
                       err=True)
            ctx.exit(2)


def _version() -> str:
    from werkzeugkoffer import __version__

    return __version__


def _show_warning(message, category, filename, lineno, file=None, line=None):
    click.echo(_("Warning: {message}").format(message=message), err=True)


class _DebugHandler(logging.Handler):
    """The core's DEBUG records (such as a crashed plugin check's traceback) on stderr."""

    def emit(self, record):
        click.echo(self.format(record), err=True)


def _show_debug_log(debug: bool) -> None:
    """With ``--debug``, the core's DEBUG records go to stderr; without, nowhere (a process may
    run the command line several times, as tests do)."""
    logger = logging.getLogger("werkzeugkoffer")
    for handler in [h for h in logger.handlers if isinstance(h, _DebugHandler)]:
        logger.removeHandler(handler)
    if debug:
        logger.addHandler(_DebugHandler())
    logger.setLevel(logging.DEBUG if debug else logging.NOTSET)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=None, package_name="werkzeugkoffer", prog_name="werkzeugkoffer",
                      message="%(prog)s %(version)s", cls=Option,
                      help=N_("Show the version and exit."))
@click.option(
    "-w", "--workspace",
    type=click.Path(file_okay=False, path_type=Path), metavar="FOLDER",
    default=".",
    envvar="WERKZEUGKOFFER_WORKSPACE",
    show_default=N_("the current folder"),
    help=N_("The lab workspace (the folder with labor.toml)."),
    cls=Option,
)
@click.option("--debug", is_flag=True, help=N_("Show tracebacks for errors and for faults of plugins."), cls=Option)
@click.pass_context
def cli(ctx, workspace, debug):
    """werkzeugkoffer: plan, print and report mobile participation labs.

    \b
    Start with the bundled example:
      werkzeugkoffer init mein-labor --example marburg-biedenkopf
      cd mein-labor && werkzeugkoffer check && werkzeugkoffer kit build

    Shell completion (bash): eval "$(_WERKZEUGKOFFER_COMPLETE=bash_source werkzeugkoffer)"
    """
    ctx.obj = State(workspace, debug)
    _show_debug_log(debug)
    if not debug:
        warnings.showwarning = _show_warning


def main() -> None:  # pragma: no cover - console entry
    cli(prog_name="werkzeugkoffer")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
