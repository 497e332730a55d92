"""``werkzeugkoffer report``."""

from __future__ import annotations

from pathlib import Path

import click

from werkzeugkoffer.i18n import N_, _, decimal, ngettext

from .base import command, group, option
from .options import echo_json, json_option, phase_option


@command()
@click.argument("gemeinden", nargs=-1, metavar="[GEMEINDE]...")
@phase_option
@option("--format", "formats", default="html,pdf", show_default=True,
        help=N_("Comma-separated: html, pdf."))
@option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), metavar="FOLDER",
        help=N_("Output folder (default: berichte/ in the workspace)."))
@option("--summary/--no-summary", default=None,
        help=N_("Only the council summary ('Auf einen Blick', one page), or no summary. "
                "Default: a municipality's report and its summary; the lab report alone."))
@json_option
@click.pass_obj
def report(state, gemeinden, phase, formats, out, summary, as_json):
    """Write the German results report of a municipality, or of the whole lab.

    With GEMEINDE: one report per municipality (both phases and their comparison, or only
    --phase N), its first page the council summary "Auf einen Blick", which is also written on
    its own (GEMEINDE-auf-einen-blick.pdf). Without: the lab report comparing all
    municipalities, one line per municipality. Participants by target
    group and theme, sessions held vs planned, each format's results, reach into the
    Ortsteile, the impact staircase, the competence check, and the topics of phase 1.
    Warns when the check of the municipalities (the lab report: all) finds errors, and
    lists them.
    """
    from werkzeugkoffer.reports.content import parse_report_formats, write_reports

    ws = state.workspace()
    parse_report_formats(formats)  # a bad --format fails before any work
    # what was recorded is reported even when the plan has errors (a tool case short for a
    # later session must not hold back the council's report); the warning names the sessions
    # and the errors
    warn_check_errors(ws, list(gemeinden))

    def show(w):
        if as_json:
            return
        if w.pages:
            line = ngettext("{title} ({subtitle}), {pages} PDF page, {seconds} s:",
                            "{title} ({subtitle}), {pages} PDF pages, {seconds} s:", w.pages)
        else:
            line = _("{title} ({subtitle}), {seconds} s:")
        click.echo(line.format(title=w.report.title, subtitle=w.report.subtitle, pages=w.pages,
                               seconds=decimal(w.seconds)))
        for f in w.files:
            click.echo(f"  {f}")

    done = write_reports(ws, list(gemeinden), phase=phase, formats=formats, out=out,
                         summary=summary, progress=show)
    if as_json:
        echo_json([{"report": w.report.file_stem, "files": [str(f) for f in w.files],
                    "pages": w.pages, "seconds": round(w.seconds, 3),
                    "goals": w.report.goals_json()} for w in done])


def warn_check_errors(ws, names) -> None:
    from werkzeugkoffer.checks import check_errors

    errors = check_errors(ws, names)
    if not errors:
        return
    click.echo(ngettext(
        "Warning: the workspace check found {n} error (werkzeugkoffer check); the report is "
        "written anyway from what was recorded: where the error concerns a session's place, "
        "the report may show it wrongly; write the report again once it is fixed",
        "Warning: the workspace check found {n} errors (werkzeugkoffer check); the report is "
        "written anyway from what was recorded: where an error concerns a session's place, "
        "the report may show it wrongly; write the report again once they are fixed",
        len(errors)).format(n=len(errors)), err=True)
    for f in errors:
        click.echo(f"  {f}", err=True)
