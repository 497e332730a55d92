"""``werkzeugkoffer schema [KIND]``: JSON Schemas of the workspace files, for editors."""

from __future__ import annotations

import json
from pathlib import Path

import click

from werkzeugkoffer.i18n import N_

from .base import command, option

KINDS = ("labor", "gemeinde", "format", "ergebnis")


@command()
@click.argument("kind", required=False, type=click.Choice(KINDS))
@option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="FOLDER",
    help=N_("Write KIND.schema.json files (all kinds, or KIND) into this folder instead."),
)
def schema(kind, out):
    """Print the JSON Schema of a kind of file (all kinds without KIND).

    \b
    labor     labor.toml
    gemeinde  gemeinden/*.toml
    format    formate/*.toml
    ergebnis  result sheets as TOML or JSON

    Editors validate and complete the files with it: with VS Code and Even Better TOML (taplo),
    write the schemas with --out .schemas and put "#:schema ./.schemas/gemeinde.schema.json" as
    the first line of a file, or name them in a .taplo.toml (see docs/reference/README.md).
    """
    from werkzeugkoffer.files import make_dir, write_atomic
    from werkzeugkoffer.schema import json_schema

    kinds = [kind] if kind else list(KINDS)
    if out is not None:
        make_dir(out)
        for name in kinds:
            path = out / f"{name}.schema.json"
            write_atomic(path, json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n")
            click.echo(str(path))
        return
    data = json_schema(kind) if kind else {name: json_schema(name) for name in kinds}
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
