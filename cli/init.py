"""``werkzeugkoffer init``."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--example",
    type=click.Choice(["marburg-biedenkopf"]),
    default=None,
    help="Fill the workspace with a complete example lab.",
)
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
def init(directory, example, force):
    """Create a lab workspace in DIRECTORY.

    Without --example, writes a minimal labor.toml and an empty gemeinden/ folder; with
    --example marburg-biedenkopf, the 22 municipalities of Landkreis Marburg-Biedenkopf with two
    planned phases each.
    """
    from werkzeugkoffer.examples import create_workspace

    written = create_workspace(directory, example=example, force=force)
    click.echo(f"Created workspace {directory} ({len(written)} files).")
    click.echo(f"Next: werkzeugkoffer -w {directory} check")
