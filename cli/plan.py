"""``werkzeugkoffer plan templates|apply``."""

from __future__ import annotations

import datetime as dt

import click

from werkzeugkoffer.i18n import N_, _, ngettext

from .base import command, group, option
from .options import echo_json, json_option


class DateType(click.ParamType):
    """A date as YYYY-MM-DD (or DD.MM.YYYY)."""

    name = "DATE"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                return dt.datetime.strptime(value, fmt).date()
            except ValueError:
                pass
        self.fail(_('invalid date "{value}" (expected YYYY-MM-DD)').format(value=value), param,
                  ctx)


DATE = DateType()


@group()
def plan():
    """Plan templates: phases written relative to a start date."""


@plan.command("templates")
@json_option
@click.pass_obj
def templates(state, as_json):
    """List the plan templates defined in labor.toml."""
    from werkzeugkoffer import to_json
    from werkzeugkoffer.planning.templates import template_weeks

    ws = state.workspace()
    lab = ws.lab
    if as_json:
        echo_json([to_json(t) for t in lab.plan_templates])
        return
    if not lab.plan_templates:
        click.echo(_("No plan templates in labor.toml ([[plan_templates]])."))
        return
    for tpl in lab.plan_templates:
        count = sum(ts.count for ts in tpl.sessions)
        weeks = template_weeks(lab, tpl)
        click.echo(_("{id} phase {phase}, {weeks}, {sessions}  {title}").format(
            id=f"{tpl.id:<20}", phase=tpl.phase,
            weeks=ngettext("{n} week", "{n} weeks", weeks).format(n=weeks),
            sessions=ngettext("{n} session", "{n} sessions", count).format(n=count),
            title=tpl.title))


@plan.command("apply")
@click.argument("template")
@click.argument("gemeinde")
@option("--start", type=DATE, required=True, help=N_("First day of the phase (YYYY-MM-DD)."))
@option("--replace", is_flag=True, help=N_("Overwrite a phase that already has sessions."))
@option("--fixed", is_flag=True, help=N_("Mark the phase's dates as fixed (schedule keeps them)."))
@option("--dry-run", is_flag=True, help=N_("Show the phase, write nothing."))
@json_option
@click.pass_obj
def apply(state, template, gemeinde, start, replace, fixed, dry_run, as_json):
    """Write the phase of TEMPLATE, starting on --start, into GEMEINDE's file.

    The user's comments and the rest of the file are kept; the phase can be edited afterwards.
    """
    from werkzeugkoffer import to_json
    from werkzeugkoffer.planning.templates import apply_template, phase_text

    ws = state.workspace()
    done = apply_template(ws, template, gemeinde, start, replace=replace, fixed=fixed,
                          dry_run=dry_run)
    if as_json:
        echo_json({"municipality": done.slug, "file": done.file, "written": done.written,
                   "replaced": done.replaced, "notes": list(done.notes),
                   "phase": to_json(done.phase)})
        return
    click.echo(phase_text(ws.municipalities[done.slug], done.phase, ws.catalogue))
    for note in done.notes:
        click.echo(_("Note: {note}").format(note=note))
    if dry_run:
        click.echo(_("Dry run: nothing written."))
    elif done.replaced:
        click.echo(_("Phase {number} replaced in {file}.").format(number=done.phase.number,
                                                                  file=done.file))
    else:
        click.echo(_("Phase {number} written to {file}.").format(number=done.phase.number,
                                                                 file=done.file))
