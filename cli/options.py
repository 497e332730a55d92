"""Options shared by several commands."""

from __future__ import annotations

import click

from werkzeugkoffer.i18n import N_

from .base import option

json_option = option("--json", "as_json", is_flag=True, help=N_("Print JSON instead of text."))

municipalities_argument = click.argument("gemeinden", nargs=-1, metavar="[GEMEINDE]...")

phase_option = option(
    "--phase", type=click.IntRange(1, 2), default=None, help=N_("Only this phase (1 or 2).")
)


def echo_json(data) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
