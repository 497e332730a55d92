"""``werkzeugkoffer kit build``: the printable kits (HTML, PDF/UA, calendar)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from werkzeugkoffer.i18n import N_, _, decimal, ngettext

from .base import command, group, option
from .options import municipalities_argument, phase_option


@group()
def kit():
    """Printable kits: one per municipality and phase (HTML, accessible PDF, calendar)."""


@kit.command("build")
@municipalities_argument
@phase_option
@option(
    "--format", "formats", default="pdf,html,ics,csv", show_default=True, metavar="FORMATS",
    help=N_("Comma-separated outputs: pdf, html, ics, csv (blank result sheets to type in)."),
)
@option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help=N_("Worker processes (default: all cores)."),
)
@option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="FOLDER",
    help=N_("Output folder (default: kits/ in the workspace)."),
)
@option("--force", is_flag=True, help=N_("Rebuild kits whose inputs did not change."))
@click.pass_obj
def build(state, gemeinden, phase, formats, jobs, out, force):
    """Build the kits of all municipalities (or the ones named).

    Writes kits/<gemeinde>/phase-<n>.pdf, .html and .ics, and phase-<n>-ergebnisboegen/ with a
    blank result sheet CSV per session (fill in, then `werkzeugkoffer results import`). Only kits
    whose inputs changed (workspace files, formats, templates, package version) are rebuilt,
    unless --force. Refuses a workspace whose check finds errors.
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
                length=total, label=_("Kits"), show_pos=True, show_percent=True, file=sys.stderr,
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
    total = len(report.outcomes)
    kits = ngettext("{n} kit", "{n} kits", total).format(n=total)
    seconds = decimal(report.seconds)
    if report.failed:
        line = _("{kits}: {built} built, {unchanged} unchanged, {failed} failed in {seconds} s")
    else:
        line = _("{kits}: {built} built, {unchanged} unchanged in {seconds} s")
    line = line.format(kits=kits, built=len(report.built), unchanged=len(report.skipped),
                       failed=len(report.failed), seconds=seconds)
    if pages:
        line += " " + ngettext("({n} PDF page)", "({n} PDF pages)", pages).format(n=pages)
    click.echo(line)
    click.echo(_("Output: {folder}").format(folder=report.out_dir))
    if report.failed:
        raise KitBuildError(
            ngettext("{n} kit could not be built", "{n} kits could not be built",
                     len(report.failed)).format(n=len(report.failed)),
            details=[f"{o.key}: {o.error}" for o in report.failed],
        )
