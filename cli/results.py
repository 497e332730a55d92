"""``werkzeugkoffer results add|import|list|show|delete|export|blank``."""

from __future__ import annotations

from pathlib import Path

import click

from werkzeugkoffer.i18n import N_, _, ngettext
from werkzeugkoffer.prose import dmy

from .base import confirm, group, option
from .options import echo_json, json_option, municipalities_argument, phase_option


@group()
def results():
    """Record session results and get them out again.

    Results live in ergebnisse.sqlite in the workspace. Every result is checked against its
    format's result schema; an import stores all results of a file or none, and importing the
    same file twice stores nothing twice.
    """


# -- add ------------------------------------------------------------------------------------


@results.command("add")
@click.argument("session_id", metavar="SESSION-ID")
@option("--value", "-v", "values", multiple=True, metavar="NAME=VALUE",
        help=N_("A field's value (repeat for more). Lists: one entry per --value; votes: "
                "'NAME=OPTION=N; OPTION=N'; map points: 'NAME=CATEGORY; ORTSTEIL; NOTE'; "
                "scores: 'NAME=PROFILE: OPTION=PERCENT; ...'; or any TOML value "
                "('NAME=[...]', 'NAME={...}')."))
@option("--participants", "-p", "participants", multiple=True, metavar="GROUP=N",
        help=N_("Participants of a target group, e.g. -p jugendliche=5 (repeat for more)."))
@option("--file", "file_", type=click.Path(path_type=Path), metavar="FILE",
        help=N_("Read the result from a CSV or TOML result file (only SESSION-ID's result)."))
@option("--recorded-by", default="", help=N_("Who typed the sheet in (not published)."))
@option("--station", default=None, metavar="VENUE",
        help=N_("The sheet is one station's (its venue id, or its name or Ortsteil)."))
@option("--day", default=None, metavar="DATE",
        help=N_("The sheet is one day's (YYYY-MM-DD or DD.MM.YYYY)."))
@option("--replace", is_flag=True,
        help=N_("Replace a different result already stored (the old one is kept in the "
                "history)."))
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
            raise click.UsageError(_("use either --file or --value/--participants, not both"))
        parsed = read_result_file(ws, file_)
        chosen = [r for r in parsed.records if r.session == info.session.id]
        if not chosen:
            raise ResultError(_("{file}: no result for session {session} in the file").format(
                file=file_, session=info.session.id))
        result = chosen[0].result
    elif values or participants:
        result = result_from_options(info, values, participants, recorded_by=recorded_by)
    else:
        m = info.municipality
        click.echo(_("Result of {session}: {format}, {municipality}, phase {phase}, {date}")
                   .format(session=info.session.id, format=info.format.title,
                           municipality=m.name, phase=info.phase,
                           date=dmy(info.session.date)))
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
        click.echo(_("{label}: the same result is already stored; nothing changed.").format(
            label=stored.label))
    elif summary.replaced:
        click.echo(_("{label}: result replaced (the old result is kept in the history).")
                   .format(label=stored.label))
    else:
        click.echo(_("{label}: result stored.").format(label=stored.label))
    click.echo(result_text(ws, stored))


# -- import ---------------------------------------------------------------------------------


@results.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@option("--replace", is_flag=True,
        help=N_("Replace different results already stored for the same sessions (the old "
                "ones are kept in the history)."))
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
                click.echo(_("Error: {message}").format(message=exc), err=True)
                report.append({"file": str(path), "error": str(exc)})
                continue
            s = outcome.summary
            report.append({"file": str(path), "results": outcome.results, "rows": outcome.rows,
                           "added": len(s.added), "unchanged": len(s.unchanged),
                           "replaced": len(s.replaced)})
            if not as_json:
                click.echo(_("{file}: {results} from {rows}: {added} added, {unchanged} "
                             "unchanged, {replaced} replaced.").format(
                    file=path,
                    results=ngettext("{n} result", "{n} results",
                                     outcome.results).format(n=outcome.results),
                    rows=ngettext("{n} row", "{n} rows", outcome.rows).format(n=outcome.rows),
                    added=len(s.added), unchanged=len(s.unchanged), replaced=len(s.replaced)))
    if as_json:
        echo_json(report)
    if failed:
        if not as_json:
            click.echo(ngettext("{n} of {total} file not imported (nothing stored from it).",
                                "{n} of {total} files not imported (nothing stored from them).",
                                len(files)).format(n=failed, total=len(files)), err=True)
        ctx.exit(2)


# -- list / show / delete ----------------------------------------------------------------------


@results.command("list")
@municipalities_argument
@phase_option
@option("--missing", is_flag=True, help=N_("List the planned sessions without a result."))
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
        extra = (_("{participants} participants  {source}").format(
            participants=f"{s.participants:>4}", source=s.result.source or _("typed in"))
            if s.held else _("no result"))
        click.echo(f"{s.session.id:<24} {s.session.date.strftime('%d.%m.%Y')}  "
                   f"{s.format.id:<28} {extra}")
    for r in orphans:
        click.echo(_("{session} (no longer planned)  {format} {participants} participants")
                   .format(session=f"{r.session:<24}", format=f"{r.format:<28}",
                           participants=f"{r.result.total_participants:>4}"))
    n = len(rows) + len(orphans)
    if missing:
        click.echo(ngettext("{n} session without a result.", "{n} sessions without a result.",
                            n).format(n=n))
    else:
        sheets = sum(len(s.parts) for s in rows) + len(orphans)
        click.echo(_("{sessions} ({sheets}).").format(
            sessions=sessions_text(n), sheets=sheets_text(sheets)))


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
        raise ResultError(_("session {session}: no result stored yet ({command})").format(
            session=session_id, command=f"werkzeugkoffer results add {session_id}"))
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
@option("--yes", "-y", is_flag=True, help=N_("Do not ask for confirmation."))
@click.pass_obj
def delete(state, session_ids, yes):
    """Delete the results of sessions (asks first; the results are kept in the history)."""
    from werkzeugkoffer.errors import ResultError
    from werkzeugkoffer.results import open_store, stored_results

    ws = state.workspace()
    stored = {r.session: r for r in stored_results(ws)}
    unknown = [s for s in session_ids if s not in stored]
    if unknown:
        raise ResultError(_("no result stored for: {sessions}; nothing deleted").format(
            sessions=", ".join(unknown)))
    if not yes:
        for sid in session_ids:
            r = stored[sid]
            click.echo(_("{session}: {format}, {participants} participants, recorded {when}")
                       .format(session=sid, format=r.format,
                               participants=r.result.total_participants, when=r.recorded_at))
        n = len(session_ids)
        if not confirm(ngettext("Delete {n} result?", "Delete {n} results?", n).format(n=n)):
            click.echo(_("Nothing deleted."))
            return
    with open_store(ws) as store:
        done = store.delete(session_ids)
    click.echo(ngettext("{n} result deleted (kept in the history of ergebnisse.sqlite).",
                        "{n} results deleted (kept in the history of ergebnisse.sqlite).",
                        len(done)).format(n=len(done)))


# -- export and blank sheets ----------------------------------------------------------------------


@results.command("export")
@municipalities_argument
@phase_option
@option("--format", "fmt", type=click.Choice(["csv", "json", "xlsx", "datapackage"]),
        default="csv", show_default=True,
        help=N_("csv or json (printed or --out FILE), xlsx (for planners; --out FILE) or "
                "datapackage (open data: a Frictionless Data Package; --out FOLDER)."))
@option("--include-personal", is_flag=True,
        help=N_("Also export fields marked as possibly personal, who typed the sheets in and "
                "the names of competence-check profiles (not for publication; not with "
                "datapackage)."))
@option("--out", "-o", type=click.Path(path_type=Path), metavar="FILE",
        help=N_("Write to this file (a folder for datapackage) instead of printing."))
@option("--force", is_flag=True,
        help=N_("Write into a folder that is not empty, or over an existing xlsx file."))
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
            raise click.UsageError(_("--include-personal cannot be used with --format "
                                     "datapackage: open data never holds personal data"))
        if out is None:
            raise click.UsageError(_("--format datapackage needs --out FOLDER"))
        sessions = [sid for sid, (slug, ph, _session) in ws.sessions().items()
                    if slug in slugs and (phase is None or ph == phase)]
        files = write_datapackage(ws, chosen, out, sessions=sessions, force=force)
        click.echo(_("{sessions} ({sheets}) written as a data package to {folder} ({files}).")
                   .format(sessions=sessions_text(len({r.session for r in chosen})),
                           sheets=sheets_text(len(chosen)), folder=out,
                           files=", ".join(f.name for f in files)), err=True)
        return
    if fmt == "xlsx":
        from werkzeugkoffer.results.workbook import export_workbook

        if out is None:
            raise click.UsageError(_("--format xlsx needs --out FILE.xlsx"))
        if out.exists() and not force:
            raise InputError(_("{file}: file exists; use --force to replace it").format(file=out))
        write_atomic(out, export_workbook(ws, chosen, include_personal=include_personal))
        click.echo(written_to(chosen, out), err=True)
        return
    text = export_results(ws, chosen, fmt=fmt, include_personal=include_personal)
    if out is None:
        click.echo(text, nl=False)
    else:
        write_atomic(out, text)
        click.echo(written_to(chosen, out), err=True)


@results.command("blank")
@click.argument("session_ids", nargs=-1, metavar="[SESSION-ID]...")
@option("--gemeinde", "gemeinden", multiple=True, help=N_("All sessions of a municipality."))
@phase_option
@option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv",
        show_default=True,
        help=N_("csv: one file per session; xlsx: one workbook per municipality and phase, "
                "a sheet per session."))
@option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), metavar="FOLDER",
        required=True,
        help=N_("Folder for the files (ergebnis-SESSION-ID.csv or "
                "ergebnisse-GEMEINDE-phase-N.xlsx)."))
@click.pass_obj
def blank(state, session_ids, gemeinden, phase, fmt, out):
    """Write empty, pre-filled result sheets to type the paper sheets into.

    CSV files use ';' and UTF-8 (with BOM), which spreadsheet programs open directly; fill in
    the column "wert". Workbooks (--format xlsx) have a sheet per session with drop-down lists
    and number checks; only the cells to fill in can be changed. Import both with
    `werkzeugkoffer results import`. Warns (and still writes) when the check of the
    municipalities finds errors, naming the sheets that may change after the fix.
    """
    from werkzeugkoffer.results import write_blank_csvs

    ws = state.workspace()
    ids = list(session_ids)
    if gemeinden or not ids:
        slugs = list(ws.select(list(gemeinden)))
        for sid, (slug, ph, _session) in ws.sessions().items():
            if slug in slugs and (phase is None or ph == phase) and sid not in ids:
                ids.append(sid)
    warn_check_errors(ws, ids)
    if fmt == "xlsx":
        from werkzeugkoffer.results.workbook import write_blank_workbooks

        files = write_blank_workbooks(ws, ids, out)
        click.echo(_("{workbooks} for {sessions} written to {folder}.").format(
            workbooks=ngettext("{n} blank result workbook", "{n} blank result workbooks",
                               len(files)).format(n=len(files)),
            sessions=ngettext("{n} session", "{n} sessions", len(ids)).format(n=len(ids)),
            folder=out))
        return
    files = write_blank_csvs(ws, ids, out)
    click.echo(ngettext("{n} blank result sheet written to {folder}.",
                        "{n} blank result sheets written to {folder}.",
                        len(files)).format(n=len(files), folder=out))


def warn_check_errors(ws, ids) -> None:
    """Blank sheets are written although the check finds errors (results recorded on paper must
    not wait for a fixed plan), with a warning naming the sheets that may change after the fix."""
    from werkzeugkoffer.checks import check_errors, sessions_of

    all_sessions = ws.sessions()
    slugs = list(dict.fromkeys(all_sessions[sid][0] for sid in ids if sid in all_sessions))
    if not slugs:
        return
    errors = check_errors(ws, slugs)
    if not errors:
        return
    affected = [sid for sid in sessions_of(ws, errors) if sid in ids]
    elsewhere = [f for f in errors if not sessions_of(ws, [f])]
    if not affected and not elsewhere:  # only sessions whose sheets are not written
        return
    n = len(errors)
    if affected:
        text = ngettext(
            "Warning: the workspace check found {n} error (werkzeugkoffer check); the blank "
            "sheets are written anyway, but the sheets of {sessions} may change once it is "
            "fixed: write them again then",
            "Warning: the workspace check found {n} errors (werkzeugkoffer check); the blank "
            "sheets are written anyway, but the sheets of {sessions} may change once they are "
            "fixed: write them again then", n).format(n=n, sessions=", ".join(affected))
    else:
        text = ngettext(
            "Warning: the workspace check found {n} error (werkzeugkoffer check); the blank "
            "sheets are written anyway",
            "Warning: the workspace check found {n} errors (werkzeugkoffer check); the blank "
            "sheets are written anyway", n).format(n=n)
    click.echo(text, err=True)
    for f in errors:
        click.echo(f"  {f}", err=True)


def sessions_text(n: int) -> str:
    """What is counted: sessions with a result ("3 Termine mit Ergebnissen")."""
    return ngettext("{n} session with a result", "{n} sessions with results", n).format(n=n)


def sheets_text(n: int) -> str:
    """... and the result sheets they came from (one per station or day: "9 Ergebnisbögen")."""
    return ngettext("{n} result sheet", "{n} result sheets", n).format(n=n)


def written_to(chosen, out) -> str:
    """``3 Termine mit Ergebnissen (9 Ergebnisbögen) nach FILE geschrieben.``: the stored
    results are sheets; a session at stations has one per station and day."""
    return _("{sessions} ({sheets}) written to {file}.").format(
        sessions=sessions_text(len({r.session for r in chosen})),
        sheets=sheets_text(len(chosen)), file=out)
