"""``werkzeugkoffer einsatzplan``."""

from __future__ import annotations

from pathlib import Path

import click

from werkzeugkoffer.i18n import N_, _, decimal, ngettext

from .base import command, group, option

from .options import phase_option


@command()
@click.argument("gemeinde")
@phase_option
@option("--format", "formats", default="html,pdf,csv", show_default=True,
        help=N_("Comma-separated: html, pdf, csv."))
@option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), metavar="FOLDER",
        help=N_("Output folder (default: einsatzplaene/ in the workspace)."))
@click.pass_obj
def einsatzplan(state, gemeinde, phase, formats, out):
    """Write the staffing plan (Einsatzplan) of a municipality.

    Assigns the lab team (labor.toml: team with hours_per_week, roles, unavailable days) to
    every opening of every station and session, lab-wide, and lists where local helpers are
    needed. Prints the plan as a table and what cannot be staffed, with the reason; writes
    GEMEINDE-phase-N.html/.pdf/.csv (German) per phase, or only --phase N. Refuses a
    municipality whose check finds errors.
    """
    from werkzeugkoffer.checks import require_no_errors
    from werkzeugkoffer.planning.roster import parse_roster_formats, roster_text, write_roster

    ws = state.workspace()
    parse_roster_formats(formats)  # a bad --format fails before any work
    # a plan printed from a workspace with errors (an unknown venue, a station outside its
    # phase) would send people to wrong places: refuse as `kit build` does
    (slug, m), = ws.select([gemeinde]).items()
    if phase is None or m.phase(phase) is not None:  # else the bad --phase is the message
        require_no_errors(ws, [slug], before="roster")

    def show(w):
        click.echo(roster_text(w.roster))
        if w.pages:
            click.echo(ngettext("Written ({seconds} s, {pages} PDF page):",
                                "Written ({seconds} s, {pages} PDF pages):", w.pages)
                       .format(seconds=decimal(w.seconds), pages=w.pages))
        else:
            click.echo(_("Written ({seconds} s):").format(seconds=decimal(w.seconds)))
        for f in w.files:
            click.echo(f"  {f}")
        click.echo("")

    write_roster(ws, gemeinde, phase=phase, formats=formats, out=out, progress=show)
