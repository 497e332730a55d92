"""``werkzeugkoffer results add|import|list|show|delete|export|blank``."""

from __future__ import annotations

from pathlib import Path

import click

from .options import echo_json, json_option, municipalities_argument, phase_option


@click.group()
def results():
    """Record session results and get them out again.

    Results live in ergebnisse.sqlite in the workspace. Every result is checked against its
    format's result schema; an import stores all results of a file or none, and importing the
    same file twice stores nothing twice.
    """


# -- add ------------------------------------------------------------------------------------


@results.command("add")
@click.argument("session_id", metavar="SESSION-ID")
@click.option("--value", "-v", "values", multiple=True, metavar="NAME=VALUE",
              help="A field's value (repeat for more). Lists: one entry per --value; votes: "
                   "'NAME=OPTION=N; OPTION=N'; map points: 'NAME=CATEGORY; ORTSTEIL; NOTE'; "
                   "scores: 'NAME=PROFILE: OPTION=PERCENT; ...'; or any TOML value "
                   "('NAME=[...]', 'NAME={...}').")
@click.option("--participants", "-p", "participants", multiple=True, metavar="GROUP=N",
              help="Participants of a target group, e.g. -p jugendliche=5 (repeat for more).")
@click.option("--file", "file_", type=click.Path(path_type=Path),
              help="Read the result from a CSV or TOML result file (only SESSION-ID's result).")
@click.option("--recorded-by", default="", help="Who typed the sheet in (not published).")
@click.option("--station", default=None, metavar="VENUE",
              help="The sheet is one station's (its venue id, or its name or Ortsteil).")
@click.option("--day", default=None, metavar="DATE",
              help="The sheet is one day's (YYYY-MM-DD or DD.MM.YYYY).")
@click.option("--replace", is_flag=True,
              help="Replace a different result already stored (the old one is kept in the "
                   "history).")
@json_option
@click.pass_obj
def add(state, session_id, values, participants, file_, recorded_by, station, day, replace,
        as_json):
    """Record the result of one session: prompts field by field, or takes --value/--file.

    Without --value, --participants or --file, werkzeugkoffer asks for each field of the
    format's result schema in turn (as on the printed result sheet). A session at stations or
    over days may get one result per station (--station) and/or day (--day).
    """
    from werkzeugkoffer.errors import ResultError
    from werkzeugkoffer.results import (
        add_result,
        open_store,
        read_result_file,
        result_text,
        session_info,
        validate_result,
    )
    from werkzeugkoffer.results.entry import prompt_result, result_from_options

    ws = state.workspace()
    info = session_info(ws, session_id)
    if file_ is not None:
        if values or participants:
            raise click.UsageError("use either --file or --value/--participants, not both")
        parsed = read_result_file(ws, file_)
        chosen = [r for r in parsed.records if r.session == info.session.id]
        if not chosen:
            raise ResultError(f"{file_}: no result for session {info.session.id} in the file")
        result = chosen[0].result
    elif values or participants:
        result = result_from_options(info, values, participants, recorded_by=recorded_by)
    else:
        m = info.municipality
        click.echo(f"Result of {info.session.id}: {info.format.title}, {m.name}, phase "
                   f"{info.phase}, {info.session.date.strftime('%d.%m.%Y')}")
        result = prompt_result(
            info,
            ask=lambda label: click.prompt(label, default="", show_default=False),
            tell=lambda text: click.echo(text, err=True),
        )
    if recorded_by or station or day:
        import attrs

        result = attrs.evolve(result, recorded_by=recorded_by or result.recorded_by,
                              station=station or result.station, day=day or result.day)
    summary = add_result(ws, result, replace=replace)
    record = validate_result(ws, result)
    with open_store(ws) as store:
        stored = store.get(*record.key)
    if as_json:
        from werkzeugkoffer import to_json

        echo_json({"session": info.session.id, "added": bool(summary.added),
                   "replaced": bool(summary.replaced), "unchanged": bool(summary.unchanged),
                   "result": to_json(stored.result)})
        return
    if summary.unchanged:
        click.echo(f"{stored.label}: the same result is already stored; nothing changed.")
    else:
        verb = "replaced (the old result is kept in the history)" if summary.replaced else "stored"
        click.echo(f"{stored.label}: result {verb}.")
    click.echo(result_text(ws, stored))


# -- import ---------------------------------------------------------------------------------


@results.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True,
              help="Replace different results already stored for the same sessions (the old "
                   "ones are kept in the history).")
@json_option
@click.pass_context
def import_(ctx, files, replace, as_json):
    """Import result sheets from CSV, TOML or Excel (.xlsx) files.

    Each file is stored completely or not at all. Importing a file again stores nothing twice.
    CSV columns: termin, station, tag, feld, bezeichnung, option, ortsteil, profil, wert (see
    `werkzeugkoffer results blank` for a pre-filled file or workbook). A result may be for a
    whole session or for one station and/or day of it (columns station and tag).
    """
    from werkzeugkoffer.errors import ResultError
    from werkzeugkoffer.results import import_file, open_store

    ws = ctx.obj.workspace()
    failed = 0
    report = []
    with open_store(ws) as store:
        for path in files:
            try:
                outcome = import_file(ws, path, replace=replace, store=store, name=str(path))
            except ResultError as exc:
                failed += 1
                click.echo(f"Error: {exc}", err=True)
                report.append({"file": str(path), "error": str(exc)})
                continue
            s = outcome.summary
            report.append({"file": str(path), "results": outcome.results, "rows": outcome.rows,
                           "added": len(s.added), "unchanged": len(s.unchanged),
                           "replaced": len(s.replaced)})
            if not as_json:
                click.echo(f"{path}: {outcome.results} result(s) from {outcome.rows} row(s): "
                           f"{len(s.added)} added, {len(s.unchanged)} unchanged, "
                           f"{len(s.replaced)} replaced.")
    if as_json:
        echo_json(report)
    if failed:
        if not as_json:
            click.echo(f"{failed} of {len(files)} file(s) not imported (nothing stored from "
                       "them).", err=True)
        ctx.exit(2)


# -- list / show / delete ----------------------------------------------------------------------


@results.command("list")
@municipalities_argument
@phase_option
@click.option("--missing", is_flag=True, help="List the planned sessions without a result.")
@json_option
@click.pass_obj
def list_(state, gemeinden, phase, missing, as_json):
    """List stored results (or, with --missing, the sessions still without one)."""
    from werkzeugkoffer.results import Dataset

    ws = state.workspace()
    slugs = list(ws.select(list(gemeinden)))
    data = Dataset.load(ws)
    rows = [s for s in data.sessions
            if s.slug in slugs and (phase is None or s.phase == phase)
            and (s.held != missing)]
    orphans = [] if missing else [r for r in data.orphans if r.municipality in slugs
                                  and (phase is None or r.phase == phase)]
    if as_json:
        echo_json(
            [{"session": s.session.id, "municipality": s.slug, "phase": s.phase,
              "date": s.session.date.isoformat(), "format": s.format.id,
              "participants": s.participants if s.held else None,
              "source": s.result.source if s.held else None,
              "parts": len(s.parts),
              "recorded_at": s.recorded_at} for s in rows]
            + [{"session": r.session, "municipality": r.municipality, "phase": r.phase,
                "date": None, "format": r.format, "participants": r.result.total_participants,
                "source": r.result.source, "recorded_at": r.recorded_at, "orphan": True}
               for r in orphans]
        )
        return
    for s in rows:
        extra = (f"{s.participants:>4} Teilnehmende  {s.result.source or 'typed in'}"
                 if s.held else "no result")
        click.echo(f"{s.session.id:<24} {s.session.date.strftime('%d.%m.%Y')}  "
                   f"{s.format.id:<28} {extra}")
    for r in orphans:
        click.echo(f"{r.session:<24} (no longer planned)  {r.format:<28} "
                   f"{r.result.total_participants:>4} Teilnehmende")
    what = "session(s) without a result" if missing else "result(s)"
    click.echo(f"{len(rows) + len(orphans)} {what}.")


@results.command("show")
@click.argument("session_id", metavar="SESSION-ID")
@json_option
@click.pass_obj
def show(state, session_id, as_json):
    """Show the stored result of a session (every station's or day's sheet, and their sum)."""
    from werkzeugkoffer.errors import ResultError
    from werkzeugkoffer.results import session_info, session_text, stored_results

    ws = state.workspace()
    parts = [r for r in stored_results(ws) if r.session == session_id]
    if not parts:
        session_info(ws, session_id)  # an unknown session gets its own message
        raise ResultError(f"session {session_id}: no result stored yet "
                          f"(werkzeugkoffer results add {session_id})")
    stored = parts[0]
    if as_json:
        from werkzeugkoffer import to_json

        data = {"session": stored.session, "municipality": stored.municipality,
                "phase": stored.phase, "format": stored.format,
                "recorded_at": max(p.recorded_at for p in parts),
                "result": to_json(stored.result)}
        if len(parts) > 1 or stored.result.station or stored.result.day:
            from werkzeugkoffer.results import Dataset

            held = next(s for s in Dataset.load(ws, parts).sessions if s.session.id ==
                        stored.session) if stored.session in ws.sessions() else None
            data["parts"] = [to_json(p.result) for p in parts]
            data["result"] = to_json(held.result) if held else data["result"]
        echo_json(data)
        return
    click.echo(session_text(ws, parts))


@results.command("delete")
@click.argument("session_ids", nargs=-1, required=True, metavar="SESSION-ID...")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def delete(state, session_ids, yes):
    """Delete the results of sessions (asks first; the results are kept in the history)."""
    from werkzeugkoffer.errors import ResultError
    from werkzeugkoffer.results import open_store, stored_results

    ws = state.workspace()
    stored = {r.session: r for r in stored_results(ws)}
    unknown = [s for s in session_ids if s not in stored]
    if unknown:
        raise ResultError(f"no result stored for: {', '.join(unknown)}; nothing deleted")
    if not yes:
        for sid in session_ids:
            r = stored[sid]
            click.echo(f"{sid}: {r.format}, {r.result.total_participants} Teilnehmende, "
                       f"recorded {r.recorded_at}")
        if not click.confirm(f"Delete {len(session_ids)} result(s)?", default=False):
            click.echo("Nothing deleted.")
            return
    with open_store(ws) as store:
        done = store.delete(session_ids)
    click.echo(f"{len(done)} result(s) deleted (kept in the history of ergebnisse.sqlite).")


# -- export and blank sheets ----------------------------------------------------------------------


@results.command("export")
@municipalities_argument
@phase_option
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "xlsx", "datapackage"]),
              default="csv", show_default=True,
              help="csv or json (printed or --out FILE), xlsx (for planners; --out FILE) or "
                   "datapackage (open data: a Frictionless Data Package; --out FOLDER).")
@click.option("--include-personal", is_flag=True,
              help="Also export fields marked as possibly personal, who typed the sheets in and "
                   "the names of competence-check profiles (not for publication; not with "
                   "datapackage).")
@click.option("--out", "-o", type=click.Path(path_type=Path),
              help="Write to this file (a folder for datapackage) instead of printing.")
@click.option("--force", is_flag=True,
              help="Write into a folder that is not empty, or over an existing xlsx file.")
@click.pass_obj
def export(state, gemeinden, phase, fmt, include_personal, out, force):
    """Export results (CSV, JSON, Excel or an open-data package), without personal data.

    \b
    CSV columns (one line per value):
      gemeinde, ags, phase, termin, station, tag, datum, format, thema, feld,
      bezeichnung, typ, option, ortsteil, profil, wert
    Fields a format marks as possibly personal are left out, and profiles of a
    competence check are named "Profil 1", "Profil 2" ... unless --include-personal.
    The data package (termine.csv, teilnehmende.csv, ergebnisse.csv, datapackage.json)
    carries the licence of [open_data] in labor.toml (default CC BY 4.0).
    """
    from werkzeugkoffer.errors import InputError
    from werkzeugkoffer.files import write_atomic
    from werkzeugkoffer.results import export_results, stored_results

    ws = state.workspace()
    slugs = list(ws.select(list(gemeinden)))
    chosen = stored_results(ws, municipality=slugs, phase=phase)
    if fmt == "datapackage":
        from werkzeugkoffer.results.opendata import write_datapackage

        if include_personal:
            raise click.UsageError("--include-personal cannot be used with --format "
                                   "datapackage: open data never holds personal data")
        if out is None:
            raise click.UsageError("--format datapackage needs --out FOLDER")
        sessions = [sid for sid, (slug, ph, _) in ws.sessions().items()
                    if slug in slugs and (phase is None or ph == phase)]
        files = write_datapackage(ws, chosen, out, sessions=sessions, force=force)
        click.echo(f"{len(chosen)} result(s) written as a data package to {out} "
                   f"({', '.join(f.name for f in files)}).", err=True)
        return
    if fmt == "xlsx":
        from werkzeugkoffer.results.workbook import export_workbook

        if out is None:
            raise click.UsageError("--format xlsx needs --out FILE.xlsx")
        if out.exists() and not force:
            raise InputError(f"{out}: file exists; use --force to replace it")
        write_atomic(out, export_workbook(ws, chosen, include_personal=include_personal))
        click.echo(f"{len(chosen)} result(s) written to {out}.", err=True)
        return
    text = export_results(ws, chosen, fmt=fmt, include_personal=include_personal)
    if out is None:
        click.echo(text, nl=False)
    else:
        write_atomic(out, text)
        click.echo(f"{len(chosen)} result(s) written to {out}.", err=True)


@results.command("blank")
@click.argument("session_ids", nargs=-1, metavar="[SESSION-ID]...")
@click.option("--gemeinde", "gemeinden", multiple=True, help="All sessions of a municipality.")
@phase_option
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv",
              show_default=True,
              help="csv: one file per session; xlsx: one workbook per municipality and phase, "
                   "a sheet per session.")
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the files (ergebnis-SESSION-ID.csv or "
                   "ergebnisse-GEMEINDE-phase-N.xlsx).")
@click.pass_obj
def blank(state, session_ids, gemeinden, phase, fmt, out):
    """Write empty, pre-filled result sheets to type the paper sheets into.

    CSV files use ';' and UTF-8 (with BOM), which spreadsheet programs open directly; fill in
    the column "wert". Workbooks (--format xlsx) have a sheet per session with drop-down lists
    and number checks; only the cells to fill in can be changed. Import both with
    `werkzeugkoffer results import`.
    """
    from werkzeugkoffer.results import write_blank_csvs

    ws = state.workspace()
    ids = list(session_ids)
    if gemeinden or not ids:
        slugs = list(ws.select(list(gemeinden)))
        for sid, (slug, ph, _) in ws.sessions().items():
            if slug in slugs and (phase is None or ph == phase) and sid not in ids:
                ids.append(sid)
    if fmt == "xlsx":
        from werkzeugkoffer.results.workbook import write_blank_workbooks

        files = write_blank_workbooks(ws, ids, out)
        click.echo(f"{len(files)} blank result workbook(s) for {len(ids)} session(s) written "
                   f"to {out}.")
        return
    files = write_blank_csvs(ws, ids, out)
    click.echo(f"{len(files)} blank result sheet(s) written to {out}.")
