"""``werkzeugkoffer suggest GEMEINDE --phase N``."""

from __future__ import annotations

import click

from werkzeugkoffer.i18n import N_, _, ngettext

from .base import command, group, option
from .options import echo_json, json_option
from .plan import DATE


@command()
@click.argument("gemeinde")
@option("--phase", type=click.IntRange(1, 2), default=1, show_default=True,
        help=N_("The phase to plan (2 uses the topics phase 1 raised)."))
@option("--count", type=click.IntRange(min=1), default=None,
        help=N_("Number of sessions (default: planning.sessions_per_phase in labor.toml)."))
@option("--write", "write", is_flag=True,
        help=N_("Write the proposed sessions into the phase in GEMEINDE's file (comments "
                "kept; an existing phase keeps its sessions)."))
@option("--start", type=DATE, default=None,
        help=N_("With --write: first day of a phase that does not exist yet."))
@option("--replace", is_flag=True,
        help=N_("With --write: replace the phase's sessions instead of adding to them."))
@option("--dry-run", is_flag=True, help=N_("With --write: show the phase, write nothing."))
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
        raise click.UsageError(_("--start, --replace and --dry-run go with --write"))
    ws = state.workspace()
    sg = run(ws, gemeinde, phase, count=count, replace=replace)
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
            click.echo(_("Note: {note}").format(note=note))
        if dry_run:
            click.echo(_("Dry run: nothing written."))
        elif done.replaced:
            click.echo(_("Phase {number} written to {file} (sessions replaced). Run "
                         "`{command}` to see whether the sessions fit the tool case and the "
                         "team.").format(number=done.phase.number, file=done.file,
                                         command=f"werkzeugkoffer check {done.slug}"))
        else:
            click.echo(_("Phase {number} written to {file} (proposal added). Run "
                         "`{command}` to see whether the sessions fit the tool case and the "
                         "team.").format(number=done.phase.number, file=done.file,
                                         command=f"werkzeugkoffer check {done.slug}"))
