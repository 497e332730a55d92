"""``werkzeugkoffer kit build``: the printable kits (HTML, PDF/UA, calendar)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import municipalities_argument, phase_option


@click.group()
def kit():
    """Printable kits: one per municipality and phase (HTML, accessible PDF, calendar)."""


@kit.command("build")
@municipalities_argument
@phase_option
@click.option(
    "--format", "formats", default="pdf,html,ics,csv", show_default=True, metavar="FORMATS",
    help="Comma-separated outputs: pdf, html, ics, csv (blank result sheets to type in).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="Worker processes (default: all cores).",
)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Output folder (default: kits/ in the workspace).",
)
@click.option("--force", is_flag=True, help="Rebuild kits whose inputs did not change.")
@click.pass_obj
def build(state, gemeinden, phase, formats, jobs, out, force):
    """Build the kits of all municipalities (or the ones named).

    Writes kits/<gemeinde>/phase-<n>.pdf, .html and .ics, and phase-<n>-ergebnisboegen/ with a
    blank result sheet CSV per session (fill in, then `werkzeugkoffer results import`). Only kits
    whose inputs changed
    (workspace files, formats, templates, package version) are rebuilt, unless --force.
    Refuses a workspace whose check finds errors.
    """
    from werkzeugkoffer.kits import KitBuildError, build_kits, parse_formats

    wanted = parse_formats(formats)
    ws = state.workspace()
    bar = None

    def progress(outcome, done, total):
        nonlocal bar
        if not sys.stderr.isatty():  # a progress bar only where someone watches it
            return
        if bar is None:
            bar = click.progressbar(
                length=total, label="Kits", show_pos=True, show_percent=True, file=sys.stderr,
                item_show_func=lambda key: key or "",
            )
            bar.__enter__()
        bar.update(1, outcome.key)

    try:
        report = build_kits(
            ws, gemeinden, phase=phase, formats=wanted, out=out, jobs=jobs, force=force,
            progress=progress,
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)

    pages = sum(o.pages or 0 for o in report.built)
    parts = [f"{len(report.built)} built", f"{len(report.skipped)} unchanged"]
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    total = len(report.outcomes)
    line = f"{total} kit{'s' if total != 1 else ''}: {', '.join(parts)} in {report.seconds:.1f} s"
    if pages:
        line += f" ({pages} PDF pages)"
    click.echo(line)
    click.echo(f"Output: {report.out_dir}")
    if report.failed:
        raise KitBuildError(
            f"{len(report.failed)} kit(s) could not be built",
            details=[f"{o.key}: {o.error}" for o in report.failed],
        )
