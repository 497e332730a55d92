"""Staffing plan: plan the whole example (22 municipalities, both phases) and write every rota.

The example workspace (``init --example marburg-biedenkopf``) is planned lab-wide: every opening
of every session and station gets the team's people (hours per week, roles, days off, travel,
never two places at once). Timed side by side in one run, best of ``--runs``:

- ``plan``: :func:`werkzeugkoffer.planning.roster.plan_lab` on a loaded workspace (the lab-wide
  assignment), and ``check``: :func:`werkzeugkoffer.run_checks` on the same workspace, as the
  baseline (ratio = plan / check);
- ``load + plan + 44 tables``: loading the workspace, planning, and the roster text of every
  municipality and phase (what 44 calls of the command compute), against ``load + check``;
- the command in a fresh process, ``werkzeugkoffer einsatzplan breidenbach --format csv``,
  against ``werkzeugkoffer check`` in a fresh process.

Target: the whole example planned in <= 2 s (load + plan + all 44 tables).

    python benchmarks/roster.py [--runs 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def best(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from werkzeugkoffer import Workspace, run_checks
    from werkzeugkoffer.examples import create_workspace
    from werkzeugkoffer.planning import roster as r

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mb"
        create_workspace(root, example="marburg-biedenkopf")
        ws = Workspace.load(root)

        def plan():
            r._MEMO.clear()  # plan from scratch every run
            return r.plan_lab(ws)

        t_plan, whole = best(plan, args.runs)
        t_check, findings = best(lambda: run_checks(ws), args.runs)

        def everything():
            r._MEMO.clear()
            w = Workspace.load(root)
            for slug, m in w.municipalities.items():
                for p in m.phases:
                    r.roster_text(r.build_roster(w, slug, p.number))
            return w

        def load_check():
            return run_checks(Workspace.load(root))

        t_all, _ = best(everything, args.runs)
        t_load_check, _ = best(load_check, args.runs)

        exe = [sys.executable, "-m", "werkzeugkoffer", "-w", str(root)]
        out = Path(tmp) / "plan"

        def cli_plan():
            subprocess.run(exe + ["einsatzplan", "breidenbach", "--format", "csv", "--out",
                                  str(out)], check=True, capture_output=True)

        def cli_check():
            subprocess.run(exe + ["check"], check=True, capture_output=True)

        t_cli_plan, _ = best(cli_plan, max(1, args.runs // 2))
        t_cli_check, _ = best(cli_check, max(1, args.runs // 2))

    openings = sum(1 for s in whole.shifts if not s.whole_action)
    print(f"Example: {len(ws.municipalities)} municipalities, "
          f"{sum(len(p.sessions) for m in ws.municipalities.values() for p in m.phases)} "
          f"sessions, {openings} openings (+{len(whole.shifts) - openings} coordination days); "
          f"{whole.team_posts} team posts, {whole.local_posts} local posts, "
          f"{len(whole.unstaffed)} open; check: {len(findings)} findings.")
    print(f"{'what':38} {'seconds':>8} {'baseline':>9} {'ratio':>6}")
    rows = [
        ("plan_lab (lab-wide assignment)", t_plan, t_check, "check"),
        ("load + plan + 44 roster tables", t_all, t_load_check, "load+check"),
        ("CLI einsatzplan breidenbach (csv)", t_cli_plan, t_cli_check, "CLI check"),
    ]
    for name, t, base, label in rows:
        print(f"{name:38} {t:8.3f} {base:9.3f} {t / base:6.2f}  (baseline: {label})")
    verdict = "OK" if t_all <= 2.0 else "TOO SLOW"
    print(f"Target: the whole example planned in <= 2 s: {t_all:.3f} s, {verdict}.")


if __name__ == "__main__":
    main()
