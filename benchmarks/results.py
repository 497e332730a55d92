"""Results: import 100,000 generated result rows; build the lab report of the example.

1. Import. The example workspace (``init --example marburg-biedenkopf``, 22 municipalities) gets
   one CSV with 100,000 generated result-sheet lines spread over all its sessions (every field
   of every format, lists made long). Timed: the import in this process (read, validate, store
   in one transaction), the same import by the CLI in a fresh process, a second import of the
   same file (idempotent: nothing stored), and side by side a floor: the same file read with
   ``csv.reader`` and its lines inserted raw into a bare SQLite table (ratio = ours / floor).
   Target: the CLI import <= 5 s.
2. Lab report. A fresh copy of the example with a realistic full set of results (every session
   has a result; lists of 3-15 entries). Timed: loading the data and computing the report, the
   HTML rendering, and (for information) the PDF. Target: data + HTML <= 3 s.
3. Excel import. The first ``--xlsx-rows`` lines of the generated file as a workbook (a sheet per
   session, as a planner builds one). Timed: ``results import`` of the workbook in this process
   (read with openpyxl, validate, store), in rows per second, and side by side a floor: the
   same workbook only read with openpyxl (read-only, values only).

    python benchmarks/results.py [--rows 100000] [--xlsx-rows 20000] [--runs 3] [--no-pdf]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOPICS = [
    "Mehr Sitzbänke", "Busanbindung am Wochenende", "Treffpunkt für Jugendliche",
    "Sichere Schulwege", "Schnelleres Internet", "Dorfladen", "Radweg ins Nachbardorf",
    "Spielplatz erneuern", "Öffnungszeiten Bürgerbüro", "Leerstand im Ortskern",
    "Mitfahrbank", "Digitale Sprechstunde", "Blühwiesen", "Barrierefreie Wege",
    "Veranstaltungskalender", "Ärztliche Versorgung", "Tempo 30 vor der Schule",
    "Freies WLAN am Dorfplatz", "Repair-Café", "Gemeinschaftsgarten",
]


def values_for(fmt, municipality, rnd: random.Random, list_len: int) -> dict:
    """Plausible values for every field of a format."""
    from werkzeugkoffer.model import ResultType as T

    out: dict = {}
    places = list(municipality.ortsteile) or [""]
    for fld in fmt.result_fields:
        t = fld.type
        if t is T.COUNT:
            out[fld.name] = rnd.randint(0, 60)
        elif t is T.NUMBER:
            out[fld.name] = round(rnd.uniform(0, 500), 1)
        elif t is T.PERCENT:
            out[fld.name] = rnd.randint(0, 100)
        elif t is T.RATING:
            out[fld.name] = round(rnd.uniform(2.5, 5), 1)
        elif t is T.TEXT:
            out[fld.name] = f"Notiz {rnd.randint(1, 999)}"
        elif t is T.TEXT_LIST:
            out[fld.name] = [
                rnd.choice(TOPICS) if rnd.random() < 0.7 else f"Idee {rnd.randint(1, 10**6)}"
                for _ in range(list_len)
            ]
        elif t is T.CHOICE_VOTES:
            out[fld.name] = {o: rnd.randint(0, 25) for o in fld.options}
        elif t is T.MAP_POINTS:
            out[fld.name] = [{"category": rnd.choice(fld.options), "ortsteil": rnd.choice(places),
                              "note": f"Stelle {i}"} for i in range(max(1, list_len // 2))]
        elif t is T.SCORES:
            out[fld.name] = [{"label": f"Person {p}",
                              "values": {o: rnd.randint(20, 100) for o in fld.options
                                         if rnd.random() < 0.9}}
                             for p in range(1, 5)]
    return out


def csv_lines(session_id: str, fmt, participants: dict, values: dict) -> list[list]:
    """Result-sheet CSV lines (termin, feld, bezeichnung, option, ortsteil, profil, wert)."""
    from werkzeugkoffer.model import ResultType as T

    rows = [[session_id, "Teilnehmende", "", g, "", "", str(n)] for g, n in participants.items()]
    for fld in fmt.result_fields:
        v = values.get(fld.name)
        if v is None:
            continue
        t = fld.type
        if t is T.TEXT_LIST:
            rows += [[session_id, fld.name, "", "", "", "", e] for e in v]
        elif t is T.CHOICE_VOTES:
            rows += [[session_id, fld.name, "", o, "", "", str(n)] for o, n in v.items()]
        elif t is T.MAP_POINTS:
            rows += [[session_id, fld.name, "", p["category"], p["ortsteil"], "", p["note"]]
                     for p in v]
        elif t is T.SCORES:
            rows += [[session_id, fld.name, "", o, "", p["label"], str(x)]
                     for p in v for o, x in p["values"].items()]
        else:
            rows.append([session_id, fld.name, "", "", "", "", str(v).replace(".", ",")])
    return rows


def participants_for(fmt, rnd: random.Random) -> dict:
    groups = [g.value for g in fmt.target_groups if g.value != "alle"] or ["erwachsene"]
    return {g: rnd.randint(1, 15) for g in groups}


def generate_csv(ws, path: Path, total_rows: int, seed: int = 7) -> int:
    """One CSV with about ``total_rows`` lines over every session of the workspace."""
    rnd = random.Random(seed)
    sessions = ws.sessions()
    per_session = max(10, total_rows // len(sessions))
    rows = [["termin", "feld", "bezeichnung", "option", "ortsteil", "profil", "wert"]]
    for sid, (slug, _, session) in sorted(sessions.items()):
        fmt = ws.catalogue[session.format]
        m = ws.municipalities[slug]
        n_lists = sum(1 for f in fmt.result_fields if f.type.value in ("text_list", "map_points"))
        base = csv_lines(sid, fmt, participants_for(fmt, rnd), values_for(fmt, m, rnd, 1))
        list_len = max(1, (per_session - len(base)) // max(1, n_lists))
        rows += csv_lines(sid, fmt, participants_for(fmt, rnd), values_for(fmt, m, rnd, list_len))
    # top up to the exact number with more list entries, round robin over the sessions
    fillers = [(sid, f.name) for sid, (_, _, session) in sorted(sessions.items())
               for f in ws.catalogue[session.format].result_fields if f.type.value == "text_list"]
    i = 0
    while len(rows) - 1 < total_rows and fillers:
        sid, name = fillers[i % len(fillers)]
        rows.append([sid, name, "", "", "", "", f"Nachtrag {i}"])
        i += 1
    rows = rows[: total_rows + 1]
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return len(rows) - 1


def floor_import(path: Path, db: Path) -> float:
    """The floor: csv.reader, grouping by session, json.dumps, one raw insert per session
    (what the store writes, without any validation)."""
    import json

    t0 = time.perf_counter()
    with open(path, encoding="utf-8", newline="") as fh:
        lines = list(csv.reader(fh, delimiter=";"))[1:]
    by_session: dict[str, list] = {}
    for line in lines:
        by_session.setdefault(line[0], []).append(line[1:])
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE IF NOT EXISTS raw (session TEXT, data TEXT)")
    with conn:
        conn.execute("DELETE FROM raw")
        conn.executemany("INSERT INTO raw VALUES (?, ?)",
                         [(k, json.dumps(v, ensure_ascii=False)) for k, v in by_session.items()])
    conn.close()
    return time.perf_counter() - t0


def bench_import(rows: int, runs: int) -> None:
    from werkzeugkoffer import Workspace
    from werkzeugkoffer.examples import create_workspace
    from werkzeugkoffer.results import import_file

    print(f"== import {rows:,} generated result rows (example workspace)")
    ours, cli, again, floor = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mb"
        create_workspace(root, example="marburg-biedenkopf")
        ws = Workspace.load(root)
        path = Path(tmp) / "ergebnisse.csv"
        n = generate_csv(ws, path, rows)
        print(f"file: {n:,} lines, {path.stat().st_size / 1e6:.1f} MB, "
              f"{len(ws.sessions())} sessions")
        for _ in range(runs):
            db = root / "ergebnisse.sqlite"
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            t0 = time.perf_counter()
            outcome = import_file(ws, path)
            ours.append(time.perf_counter() - t0)
            assert len(outcome.summary.added) == outcome.results
            t0 = time.perf_counter()
            import_file(ws, path)
            again.append(time.perf_counter() - t0)
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "werkzeugkoffer", "-w", str(root), "results",
                            "import", str(path)], check=True, stdout=subprocess.DEVNULL)
            cli.append(time.perf_counter() - t0)
            floor.append(floor_import(path, Path(tmp) / "floor.sqlite"))
    o, c, a, f = (statistics.median(x) for x in (ours, cli, again, floor))
    print(f"import in process (read, validate, store)  median {o:6.2f} s  ({n / o:,.0f} rows/s)")
    print(f"same file again (nothing stored)           median {a:6.2f} s")
    print(f"CLI: werkzeugkoffer results import         median {c:6.2f} s  (target <= 5 s)")
    print(f"floor: csv.reader + group + raw insert     median {f:6.2f} s  (no validation)")
    print(f"ratio in process / floor                   {o / f:6.2f}")


def bench_report(runs: int, pdf: bool) -> None:
    from werkzeugkoffer import Result, Workspace
    from werkzeugkoffer.examples import create_workspace
    from werkzeugkoffer.reports import build_report, render_report
    from werkzeugkoffer.results import Dataset, open_store, validate_result

    print("== lab report of the example with a full set of generated results")
    rnd = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mb"
        create_workspace(root, example="marburg-biedenkopf")
        ws = Workspace.load(root)
        records = []
        for sid, (slug, _, session) in sorted(ws.sessions().items()):
            fmt = ws.catalogue[session.format]
            values = values_for(fmt, ws.municipalities[slug], rnd, rnd.randint(3, 15))
            records.append(validate_result(ws, Result(
                session=sid, participants=participants_for(fmt, rnd), values=values)))
        with open_store(ws) as store:
            store.save(records)
        print(f"{len(records)} results stored for {len(ws.municipalities)} municipalities")
        data_t, html_t, pdf_t = [], [], []
        html = ""
        for _ in range(runs):
            ws = Workspace.load(root)
            t0 = time.perf_counter()
            report = build_report(ws, data=Dataset.load(ws))
            data_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            html = render_report(report, ws)
            html_t.append(time.perf_counter() - t0)
        if pdf:
            from werkzeugkoffer.render.pdf import html_to_pdf, preload

            preload()
            t0 = time.perf_counter()
            _, pages = html_to_pdf(html)
            pdf_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "werkzeugkoffer", "-w", str(root), "report",
                        "--format", "html"], check=True, stdout=subprocess.DEVNULL)
        cli_t = time.perf_counter() - t0
    d, h = statistics.median(data_t), statistics.median(html_t)
    print(f"report data (load results, aggregate, impact, charts)  median {d:6.2f} s")
    print(f"HTML rendering ({len(html) / 1e3:,.0f} kB)                        median {h:6.2f} s")
    print(f"data + HTML                                           {d + h:6.2f} s  (target <= 3 s)")
    print(f"CLI: werkzeugkoffer report --format html (new process) {cli_t:6.2f} s")
    if pdf_t:
        print(f"PDF (WeasyPrint, PDF/UA, {pages} pages, for information)     {pdf_t[0]:6.2f} s")
        print(f"ratio PDF / (data + HTML)                             {pdf_t[0] / (d + h):6.1f}")


def write_workbook(csv_path: Path, xlsx_path: Path, rows: int) -> int:
    """The sessions of the first ``rows`` lines of a result CSV (whole sessions: a session cut
    in two would miss required fields) as a workbook, a sheet per session."""
    import openpyxl

    with open(csv_path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        header = next(reader)
        by_session: dict[str, list[list[str]]] = {}
        n = 0
        for line in reader:
            if n >= rows and line[0] not in by_session:
                break
            by_session.setdefault(line[0], []).append(line)
            n += 1
    wb = openpyxl.Workbook(write_only=True)
    for sid, lines in by_session.items():
        sheet = wb.create_sheet(sid)
        sheet.append(header)
        for line in lines:
            sheet.append([int(v) if v.isdigit() else v for v in line])
    wb.save(xlsx_path)
    return n


def xlsx_floor(path: Path) -> float:
    import openpyxl

    t0 = time.perf_counter()
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for sheet in wb.worksheets for _ in sheet.iter_rows(values_only=True))
    wb.close()
    assert count
    return time.perf_counter() - t0


def bench_xlsx(rows: int, runs: int) -> None:
    from werkzeugkoffer import Workspace
    from werkzeugkoffer.examples import create_workspace
    from werkzeugkoffer.results import import_file

    print(f"== import a workbook of {rows:,} result rows (a sheet per session)")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mb"
        create_workspace(root, example="marburg-biedenkopf")
        ws = Workspace.load(root)
        source = Path(tmp) / "ergebnisse.csv"
        generate_csv(ws, source, max(rows * 2, 20_000))
        path = Path(tmp) / "ergebnisse.xlsx"
        n = write_workbook(source, path, rows)
        print(f"file: {n:,} rows, {path.stat().st_size / 1e6:.1f} MB")
        ours, floor = [], []
        for _ in range(runs):
            db = root / "ergebnisse.sqlite"
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            t0 = time.perf_counter()
            import_file(ws, path)
            ours.append(time.perf_counter() - t0)
            floor.append(xlsx_floor(path))
    o, f = statistics.median(ours), statistics.median(floor)
    print(f"import in process (openpyxl, validate, store) median {o:6.2f} s  ({n / o:,.0f} rows/s)")
    print(f"floor: openpyxl read-only, values only       median {f:6.2f} s  ({n / f:,.0f} rows/s)")
    print(f"ratio import / floor                         {o / f:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--xlsx-rows", type=int, default=20_000)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    bench_import(args.rows, args.runs)
    print()
    bench_report(args.runs, not args.no_pdf)
    print()
    bench_xlsx(args.xlsx_rows, args.runs)


if __name__ == "__main__":
    main()
