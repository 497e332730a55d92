"""``werkzeugkoffer suggest GEMEINDE --phase N``."""

from __future__ import annotations

import click

from .options import echo_json, json_option


@click.command()
@click.argument("gemeinde")
@click.option("--phase", type=click.IntRange(1, 2), default=1, show_default=True,
              help="The phase to plan (2 uses the topics phase 1 raised).")
@click.option("--count", type=click.IntRange(min=1), default=None,
              help="Number of sessions (default: planning.sessions_per_phase in labor.toml).")
@json_option
@click.pass_obj
def suggest(state, gemeinde, phase, count, as_json):
    """Propose formats for a phase of GEMEINDE, with the reasons for each.

    Uses the lab's goals and constraints ([planning] in labor.toml: target groups, budget for
    consumables, session count, team hours), the tool case inventory, the team and the
    municipality's Ortsteile; for phase 2 the topics phase 1 raised. Plugins weigh in through the
    suggest_formats hook. Deterministic: the same input gives the same suggestion.
    """
    from werkzeugkoffer.planning.suggest import suggest as run, suggestion_text

    sg = run(state.workspace(), gemeinde, phase, count=count)
    if as_json:
        echo_json(sg.to_json())
    else:
        click.echo(suggestion_text(sg))
