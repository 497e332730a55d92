"""Scale benchmarks (issue 6): load + check, kit HTML rendering, the tour scheduler.

Run::

    /work/venv/bin/python benchmarks/scale.py            # the full set (11,000 municipalities)
    /work/venv/bin/python benchmarks/scale.py --quick    # 1,000 municipalities, fewer kits

It prints the figures with their targets:

1. load + check of a generated workspace with 11,000 municipalities (all of Germany), two
   phases each with sessions of formats from all three themes (target <= 10 s);
2. HTML kit rendering throughput in one process (target >= 100 kits per second per core);
3. ``schedule`` for the 22-municipality example (target <= 5 s) and for 400 municipalities with
   10 tool cases: time and how far the tour lies above the lower bound
   (total phase-weeks / tool cases). The 400-municipality tour is also run with school holidays
   avoided, for comparison.

These machines are noisy: the script prints times measured in one run side by side, not figures
to compare across machines.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

FIRST_MONDAY = dt.date(2027, 1, 4)


def _formats_by_theme():
    from werkzeugkoffer import Theme, get_catalogue

    cat = get_catalogue()
    by = {t: [f for f in cat if f.theme is t and not f.hosts_sessions and f.days == 1] for t in Theme}
    return cat, {t: fs for t, fs in by.items() if fs}


def lab_toml(cat, *, tool_cases: int, team: int, avoid_school: bool = False,
             quantity: int = 60) -> str:
    """A lab whose tool case holds every inventory item the catalogue's formats use."""
    items = {}
    for fmt in cat:
        for mat in fmt.materials:
            if mat.reusable and mat.inventory:
                items.setdefault(mat.inventory, mat.name)
    out = [
        'name = "Synthetisches Labor"',
        'organiser = "Benchmark"',
        'state = "HE"',
        f"tool_cases = {tool_cases}",
        "",
    ]
    for i in range(team):
        out += ["[[team]]", f'name = "Person {i + 1}"', "hours_per_week = 30", ""]
    for item_id, name in sorted(items.items()):
        out += ["[[inventory]]", f'id = "{item_id}"', f'name = "{name}"',
                f"quantity = {quantity}", ""]
    out += ["[rules]", "min_weeks = 6", "max_weeks = 8", "min_gap_weeks = 4",
            f"avoid_school_holidays = {'true' if avoid_school else 'false'}", ""]
    return "\n".join(out)


def municipality_toml(i: int, formats: dict, *, p1_start: dt.date, sessions: int = 5) -> str:
    """One municipality with four Ortsteile, three venues and two six-week phases."""
    themes = list(formats)
    slug = f"g{i:05d}"
    ortsteile = [f"Ort {i}-{k}" for k in range(4)]
    out = [
        f"# synthetic municipality {i}",
        f'name = "Gemeinde {i:05d}"',
        f'ags = "{(10000000 + i) % 100000000:08d}"',
        f"population = {1000 + (i * 37) % 50000}",
        f'main_town = "{ortsteile[0]}"',
        f"ortsteile = [{', '.join(repr(o).replace(chr(39), chr(34)) for o in ortsteile)}]",
        "",
    ]
    venues = []
    for k in range(3):
        vid = f"ort-{k}"
        venues.append(vid)
        out += ["[[venues]]", f'id = "{vid}"', f'name = "Treffpunkt {k}"',
                f'ortsteil = "{ortsteile[k]}"', f"indoor = {'true' if k < 2 else 'false'}", ""]
    p2_start = p1_start + dt.timedelta(weeks=10)
    for number, start in ((1, p1_start), (2, p2_start)):
        end = start + dt.timedelta(days=41)
        out += ["[[phases]]", f"number = {number}", f"start = {start.isoformat()}",
                f"end = {end.isoformat()}", ""]
        for k in range(sessions):
            theme = themes[(i + k) % len(themes)]
            fmts = formats[theme]
            fmt = fmts[(i // 3 + k) % len(fmts)]
            date = start + dt.timedelta(days=5 + 7 * k)  # Saturdays
            settings = {s.value for s in fmt.settings}
            venue = venues[2] if settings <= {"draussen"} else venues[k % 2]
            expected = (fmt.participants_min + fmt.participants_max) // 2
            hh = 10 + (k % 2) * 4
            out += [
                "[[phases.sessions]]",
                f'id = "{slug}-p{number}-{k + 1:02d}"',
                f'format = "{fmt.id}"',
                f"date = {date.isoformat()}",
                f'start = "{hh:02d}:00"',
                f'end = "{hh + 3:02d}:00"' if fmt.duration_minutes <= 180 else f'end = "{hh + 3:02d}:59"',
                f'venue = "{venue}"',
                f"expected = {expected}",
                "",
            ]
    return "\n".join(out)


def generate(root: Path, n: int, *, tool_cases: int, team: int, sessions: int = 5,
             stagger_weeks: int = 200, avoid_school: bool = False) -> Path:
    """``n`` municipalities; phase 1 starts staggered over ``stagger_weeks`` weeks.

    The tool case holds 12 of each inventory item per tool case (enough for the sessions that
    run at the same time), so the checks find few errors, as in a sound plan.
    """
    cat, formats = _formats_by_theme()
    (root / "gemeinden").mkdir(parents=True, exist_ok=True)
    (root / "labor.toml").write_text(
        lab_toml(cat, tool_cases=tool_cases, team=team, avoid_school=avoid_school,
                 quantity=12 * tool_cases),
        encoding="utf-8")
    for i in range(n):
        start = FIRST_MONDAY + dt.timedelta(weeks=i % stagger_weeks)
        (root / "gemeinden" / f"g{i:05d}.toml").write_text(
            municipality_toml(i, formats, p1_start=start, sessions=sessions), encoding="utf-8")
    return root


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - t0


def bench_load_check(tmp: Path, n: int, profile: bool) -> dict:
    from werkzeugkoffer import Workspace, run_checks

    root, gen_s = timed(generate, tmp / f"ws{n}", n, tool_cases=100, team=1000,
                             stagger_weeks=520)
    ws, load_s = timed(Workspace.load, root)
    if profile:
        prof = cProfile.Profile()
        prof.enable()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        findings, check_s = timed(run_checks, ws)
    if profile:
        prof.disable()
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(15)
        print(s.getvalue())
    sessions = sum(len(p.sessions) for m in ws.municipalities.values() for p in m.phases)
    errors = sum(1 for f in findings if f.severity.value == "error")
    return {"n": n, "sessions": sessions, "generate_s": gen_s, "load_s": load_s,
            "check_s": check_s, "findings": len(findings), "errors": errors, "ws": ws}


def bench_kits(ws, count: int) -> dict | None:
    try:
        from werkzeugkoffer.kits import make_kit, render_html
    except ImportError:
        return None
    slugs = sorted(ws.municipalities)[: (count + 1) // 2]
    keys = [(slug, n) for slug in slugs for n in (1, 2)][:count]
    # warm up: the template environment is built once per process
    render_html(make_kit(ws, keys[0][0], keys[0][1]), workspace=ws)
    t0 = time.perf_counter()
    size = 0
    for slug, n in keys:
        size += len(render_html(make_kit(ws, slug, n), workspace=ws))
    seconds = time.perf_counter() - t0
    return {"kits": len(keys), "seconds": seconds, "per_second": len(keys) / seconds,
            "mean_kb": size / len(keys) / 1024}


def _example_root(tmp: Path) -> tuple[Path, str]:
    from werkzeugkoffer.examples import create_workspace, example_files

    try:
        files = example_files("marburg-biedenkopf")
    except Exception:
        files = {}
    if any(k.startswith("gemeinden/") for k in files) and "labor.toml" in files:
        root = tmp / "example"
        create_workspace(root, example="marburg-biedenkopf")
        return root, "bundled example"
    root = generate(tmp / "example22", 22, tool_cases=2, team=3, stagger_weeks=11)
    return root, "synthetic stand-in (bundled example not available)"


def bench_schedule(tmp: Path) -> list[dict]:
    from werkzeugkoffer import Workspace
    from werkzeugkoffer.planning.schedule import plan_tour

    rows = []
    root, what = _example_root(tmp)
    t0 = time.perf_counter()
    ws = Workspace.load(root)
    tour = plan_tour(ws, FIRST_MONDAY)
    total = time.perf_counter() - t0
    _, sched_s = timed(plan_tour, ws, FIRST_MONDAY)
    rows.append({"case": f"22 municipalities ({what})", "cases": ws.lab.tool_cases,
                 "load_and_schedule_s": total, "schedule_s": sched_s, "tour": tour})
    for avoid in (False, True):
        root = generate(tmp / f"ws400-{avoid}", 400, tool_cases=10, team=12, sessions=3,
                        stagger_weeks=1, avoid_school=avoid)
        ws = Workspace.load(root)
        tour, sched_s = timed(plan_tour, ws, FIRST_MONDAY)
        rows.append({"case": "400 municipalities, 10 tool cases"
                     + (", school holidays avoided" if avoid else ""),
                     "cases": 10, "schedule_s": sched_s, "tour": tour})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--municipalities", type=int, default=11_000)
    parser.add_argument("--kits", type=int, default=400, help="kits to render")
    parser.add_argument("--quick", action="store_true", help="1,000 municipalities, 100 kits")
    parser.add_argument("--profile", action="store_true", help="profile the checks")
    parser.add_argument("--keep", action="store_true", help="keep the generated workspaces")
    args = parser.parse_args(argv)
    if args.quick:
        args.municipalities, args.kits = 1000, 100
    tmp = Path(tempfile.mkdtemp(prefix="wzk-scale-"))
    try:
        print(f"werkzeugkoffer scale benchmark ({os.cpu_count()} cores; one process)\n")
        lc = bench_load_check(tmp, args.municipalities, args.profile)
        total = lc["load_s"] + lc["check_s"]
        print(f"1. load + check: {lc['n']:,} municipalities, {lc['sessions']:,} sessions "
              f"(generated in {lc['generate_s']:.1f} s)")
        print(f"   load  {lc['load_s']:6.2f} s  ({lc['n'] / lc['load_s']:,.0f} files/s)")
        print(f"   check {lc['check_s']:6.2f} s  ({lc['findings']:,} findings, "
              f"{lc['errors']:,} errors)")
        print(f"   total {total:6.2f} s  target <= 10 s: {'ok' if total <= 10 else 'MISSED'}"
              f" ({total / 10:.0%} of the budget)\n")
        kits = bench_kits(lc["ws"], args.kits)
        if kits is None:
            print("2. kit rendering: werkzeugkoffer.kits not available, skipped\n")
        else:
            print(f"2. kit HTML rendering: {kits['kits']} kits in {kits['seconds']:.2f} s = "
                  f"{kits['per_second']:.0f} kits/s per core (mean {kits['mean_kb']:.0f} KiB); "
                  f"target >= 100: {'ok' if kits['per_second'] >= 100 else 'MISSED'}\n")
        del lc
        print("3. schedule")
        for row in bench_schedule(tmp):
            tour = row["tour"]
            line = (f"   {row['case']}: {row['schedule_s']:.3f} s; {len(tour.slots)} phases, "
                    f"{tour.weeks:.1f} weeks vs lower bound {tour.lower_bound_weeks:.1f} "
                    f"(+{100 * tour.above_lower_bound:.1f} %)")
            if "load_and_schedule_s" in row:
                ok = row["load_and_schedule_s"] <= 5
                line += (f"; load + schedule {row['load_and_schedule_s']:.2f} s, target <= 5 s: "
                         f"{'ok' if ok else 'MISSED'}")
            print(line)
    finally:
        if args.keep:
            print(f"\nworkspaces kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
