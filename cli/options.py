"""Options shared by several commands."""

from __future__ import annotations

import click

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")

municipalities_argument = click.argument("gemeinden", nargs=-1, metavar="[GEMEINDE]...")

phase_option = click.option(
    "--phase", type=click.IntRange(1, 2), default=None, help="Only this phase (1 or 2)."
)


def echo_json(data) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
