"""``werkzeugkoffer report``."""

from __future__ import annotations

from pathlib import Path

import click

from .options import echo_json, json_option, phase_option


@click.command()
@click.argument("gemeinden", nargs=-1, metavar="[GEMEINDE]...")
@phase_option
@click.option("--format", "formats", default="html,pdf", show_default=True,
              help="Comma-separated: html, pdf.")
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: berichte/ in the workspace).")
@click.option("--summary/--no-summary", default=None,
              help="Only the council summary ('Auf einen Blick', one page), or no summary. "
                   "Default: a municipality's report and its summary; the lab report alone.")
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
    """
    from werkzeugkoffer.reports.content import parse_report_formats, write_reports

    ws = state.workspace()
    parse_report_formats(formats)  # a bad --format fails before any work

    def show(w):
        if as_json:
            return
        pages = f", {w.pages} PDF pages" if w.pages else ""
        click.echo(f"{w.report.title} ({w.report.subtitle}){pages}, {w.seconds:.1f} s:")
        for f in w.files:
            click.echo(f"  {f}")

    done = write_reports(ws, list(gemeinden), phase=phase, formats=formats, out=out,
                         summary=summary, progress=show)
    if as_json:
        echo_json([{"report": w.report.file_stem, "files": [str(f) for f in w.files],
                    "pages": w.pages, "seconds": round(w.seconds, 3)} for w in done])
