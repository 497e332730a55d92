"""``werkzeugkoffer plugin new|check``: start and check a plugin package."""

from __future__ import annotations

from pathlib import Path

import click

from werkzeugkoffer.i18n import N_, _, ngettext

from .base import command, group, option


@group()
def plugin():
    """Write your own formats as a plugin package (see docs/plugins.md)."""


@plugin.command("new")
@click.argument("name")
@option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path), metavar="FOLDER",
    default=None,
    help=N_("The package folder to create (default: ./werkzeugkoffer-NAME); must be new or "
            "empty."),
)
def new(name, directory):
    """Create a plugin package NAME with one example format, a method card and tests.

    NAME is the plugin's name and the namespace of its format ids: "jugend" gives the package
    werkzeugkoffer-jugend, the module werkzeugkoffer_jugend and the format jugend.ideenwand.
    """
    from werkzeugkoffer.testing.scaffold import PluginNames, create_plugin

    names = PluginNames.from_name(name)
    target, written = create_plugin(name, directory)
    for path in written:
        click.echo(f"  {path}")
    click.echo(ngettext("Created plugin {dist} in {folder} ({n} file).",
                        "Created plugin {dist} in {folder} ({n} files).", len(written))
               .format(dist=names.dist, folder=target, n=len(written)))
    click.echo(_("Next:"))
    click.echo(f"  cd {target}")  # no-i18n: shell commands
    click.echo('  pip install -e ".[test]"')  # no-i18n
    click.echo("  pytest")  # no-i18n
    click.echo(f"  werkzeugkoffer formats show {names.name}.ideenwand")  # no-i18n
    click.echo("  werkzeugkoffer -w beispiel-labor kit build --format html")  # no-i18n
    click.echo(
        _("Guide: docs/plugins.md of werkzeugkoffer (writing, testing and publishing a plugin).")
    )


@plugin.command("check")
@click.argument("name")
@option("--no-kit", is_flag=True, help=N_("Skip rendering the method cards in a kit."))
def check(name, no_kit):
    """Check an installed plugin with the test kit (entry-point or module NAME).

    Exit code 0 when the plugin passes, 1 with the list of problems.
    """
    from werkzeugkoffer.errors import CheckFailed
    from werkzeugkoffer.testing import PluginCheckError, check_plugin

    try:
        report = check_plugin(name, render=not no_kit)
    except PluginCheckError as exc:
        raise CheckFailed(
            ngettext('plugin "{plugin}": {n} problem', 'plugin "{plugin}": {n} problems',
                     len(exc.problems)).format(plugin=exc.plugin, n=len(exc.problems)),
            details=[p.replace("\n", "\n    ") for p in exc.problems],
        ) from None
    n = len(report.formats)
    click.echo(
        ngettext("Plugin {name}: {n} format ({ids}), hooks: {hooks}",
                 "Plugin {name}: {n} formats ({ids}), hooks: {hooks}", n)
        .format(name=report.name, n=n, ids=", ".join(report.format_ids) or _("none"),
                hooks=", ".join(report.hooks))
    )
    click.echo(_("Checked: {what}.").format(what=", ".join(report.checked)))
    if report.skipped:
        click.echo(_("Skipped: {what}.").format(what="; ".join(report.skipped)))
    click.echo(_("No problems found."))
