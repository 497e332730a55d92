"""``werkzeugkoffer plugin new|check``: start and check a plugin package."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def plugin():
    """Write your own formats as a plugin package (see docs/plugins.md)."""


@plugin.command("new")
@click.argument("name")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The package folder to create (default: ./werkzeugkoffer-NAME); must be new or empty.",
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
    click.echo(f"Created plugin {names.dist} in {target} ({len(written)} files).")
    click.echo("Next:")
    click.echo(f"  cd {target}")
    click.echo('  pip install -e ".[test]"')
    click.echo("  pytest")
    click.echo(f"  werkzeugkoffer formats show {names.name}.ideenwand")
    click.echo("  werkzeugkoffer -w beispiel-labor kit build --format html")
    click.echo(
        "Guide: docs/plugins.md of werkzeugkoffer (writing, testing and publishing a plugin)."
    )


@plugin.command("check")
@click.argument("name")
@click.option("--no-kit", is_flag=True, help="Skip rendering the method cards in a kit.")
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
            f'plugin "{exc.plugin}": {len(exc.problems)} problem(s)',
            details=[p.replace("\n", "\n    ") for p in exc.problems],
        ) from None
    click.echo(
        f"Plugin {report.name}: {len(report.formats)} format(s) "
        f"({', '.join(report.format_ids) or 'none'}), hooks: {', '.join(report.hooks)}"
    )
    click.echo(f"Checked: {', '.join(report.checked)}.")
    if report.skipped:
        click.echo(f"Skipped: {'; '.join(report.skipped)}.")
    click.echo("No problems found.")
