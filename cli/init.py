"""``werkzeugkoffer init``."""

from __future__ import annotations

from pathlib import Path

import click

from werkzeugkoffer.i18n import N_, _, ngettext

from .base import command, group, option


@command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@option(
    "--example",
    type=click.Choice(["marburg-biedenkopf"]),
    default=None,
    help=N_("Fill the workspace with a complete example lab."),
)
@option("--force", is_flag=True, help=N_("Write into a folder that is not empty."))
def init(directory, example, force):
    """Create a lab workspace in DIRECTORY.

    Without --example, writes a minimal labor.toml and an empty gemeinden/ folder; with
    --example marburg-biedenkopf, the 22 municipalities of Landkreis Marburg-Biedenkopf with two
    planned phases each.
    """
    from werkzeugkoffer.examples import create_workspace

    written = create_workspace(directory, example=example, force=force)
    click.echo(ngettext("Created workspace {directory} ({n} file).",
                        "Created workspace {directory} ({n} files).", len(written))
               .format(directory=directory, n=len(written)))
    click.echo(_("Next: {command}").format(command=f"werkzeugkoffer -w {directory} check"))
