"""``werkzeugkoffer suggest GEMEINDE --phase N``."""

from __future__ import annotations

import click

from .options import echo_json, json_option
from .plan import DATE


@click.command()
@click.argument("gemeinde")
@click.option("--phase", type=click.IntRange(1, 2), default=1, show_default=True,
              help="The phase to plan (2 uses the topics phase 1 raised).")
@click.option("--count", type=click.IntRange(min=1), default=None,
              help="Number of sessions (default: planning.sessions_per_phase in labor.toml).")
@click.option("--write", "write", is_flag=True,
              help="Write the proposed sessions into the phase in GEMEINDE's file (comments "
                   "kept; an existing phase keeps its sessions).")
@click.option("--start", type=DATE, default=None,
              help="With --write: first day of a phase that does not exist yet.")
@click.option("--replace", is_flag=True,
              help="With --write: replace the phase's sessions instead of adding to them.")
@click.option("--dry-run", is_flag=True, help="With --write: show the phase, write nothing.")
@json_option
@click.pass_obj
def suggest(state, gemeinde, phase, count, write, start, replace, dry_run, as_json):
    """Propose formats for a phase of GEMEINDE, with the reasons for each.

    Uses the lab's goals and constraints ([planning] in labor.toml: target groups, budget for
    consumables, session count, team hours), the tool case inventory, the team and the
    municipality's Ortsteile; for phase 2 the topics phase 1 raised. Plugins weigh in through the
    suggest_formats hook. Deterministic: the same input gives the same suggestion.
    """
    from werkzeugkoffer.planning.suggest import suggest as run, suggestion_text, write_suggestion

    if (start or replace or dry_run) and not write:
        raise click.UsageError("--start, --replace and --dry-run go with --write")
    ws = state.workspace()
    sg = run(ws, gemeinde, phase, count=count)
    done = write_suggestion(ws, sg, start=start, replace=replace, dry_run=dry_run) if write \
        else None
    if as_json:
        data = sg.to_json()
        if done is not None:
            from werkzeugkoffer import to_json

            data["written"] = {"file": done.file, "written": done.written,
                               "phase": to_json(done.phase), "notes": list(done.notes)}
        echo_json(data)
        return
    click.echo(suggestion_text(sg))
    if done is not None:
        from werkzeugkoffer.planning.templates import phase_text

        click.echo("")
        click.echo(phase_text(ws.municipalities[done.slug], done.phase, ws.catalogue))
        for note in done.notes:
            click.echo(f"Note: {note}")
        if dry_run:
            click.echo("Dry run: nothing written.")
        else:
            click.echo(f"Phase {done.phase.number} written to {done.file} "
                       f"({'sessions replaced' if done.replaced else 'proposal added'}). "
                       f"Run `werkzeugkoffer check {done.slug}` to see whether the sessions fit "
                       "the tool case and the team.")
