"""``werkzeugkoffer schedule``: the district tour."""

from __future__ import annotations

import click

from werkzeugkoffer.i18n import N_, _, ngettext

from .base import command, group, option
from .options import echo_json, json_option
from .plan import DATE


@command()
@option("--start", type=DATE, default=None,
        help=N_("First possible day of the tour (default: the earliest phase start now "
                "planned). Phases start on Mondays."))
@option("--weeks", type=click.IntRange(min=1), default=None,
        help=N_("Length of every phase that is not fixed (default: keep a valid length, "
                "else rules.min_weeks)."))
@option("--write", is_flag=True,
        help=N_("Write the dates into the municipality files (comments are kept)."))
@option("--markdown", is_flag=True, help=N_("Print the table as Markdown."))
@json_option
@click.pass_obj
def schedule(state, start, weeks, write, markdown, as_json):
    """Assign phase dates to all municipalities: the tour of the tool case(s).

    Each phase lasts whole weeks within the lab's rule; phase 2 follows phase 1 after the
    minimum gap; no more phases run at once than there are tool cases and team members; school
    holidays are avoided when labor.toml says so (rules.avoid_school_holidays) and sessions move
    off public holidays. Phases marked `fixed = true` (and phases with recorded results) keep
    their dates. Prints the tour and its length against the lower bound (total phase-weeks /
    tool cases). Nothing is written without --write.
    """
    from werkzeugkoffer.planning.schedule import plan_tour, summary_lines, tour_table, write_tour

    ws = state.workspace()
    tour = plan_tour(ws, start, weeks=weeks)
    written = write_tour(ws, tour) if write else []
    if as_json:
        data = tour.to_json()
        data["written"] = [str(p.relative_to(ws.root)) for p in written]
        echo_json(data)
        return
    click.echo(tour_table(tour, markdown=markdown))
    click.echo("")
    for line in summary_lines(tour):
        click.echo(line)
    for note in tour.notes:
        click.echo(_("Note: {note}").format(note=note))
    if write:
        click.echo(ngettext("{n} file written.", "{n} files written.", len(written))
                   .format(n=len(written)))
    elif any(s.moved for s in tour.slots):
        click.echo(_("Nothing written; run with --write to write the dates into the files."))
