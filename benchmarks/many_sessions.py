"""Many sessions at once (issue 15): the sweeps of the checks and a whole ``check``.

1. The sweep over n intervals that all overlap (n sessions on one day at one venue), each rise
   a finding naming the sessions that share it, side by side: ``peak_overlaps`` (every rise
   lists every active interval: O(n * k)) and ``overloads`` (at most ten per rise:
   O(n log n)), which the venue, team and tool case checks now use.
2. ``werkzeugkoffer check`` of Lohra from the bundled example with its first session copied
   n times onto its day and venue (all checks, findings capped at 100 per check), and the
   size of what it prints.

    python benchmarks/many_sessions.py [--sessions 5000]

These machines are noisy: compare the figures of one run with each other, not across runs.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path


def best_of(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def sweeps(n: int) -> None:
    """Each rise becomes a finding naming the sessions that share it, as in the checks."""
    from werkzeugkoffer.checks.overlaps import overloads, peak_overlaps

    ivs = [(600, 720, 1, f"lohra-p1-{k:04}") for k in range(n)]

    def before():  # the checks before issue 15: every finding named every active session
        return sum(len(", ".join(dict.fromkeys(tags))) for _, tags in peak_overlaps(ivs, limit=1))

    def after():
        return sum(len(", ".join(dict.fromkeys(o.shown))) for o in overloads(ivs, 1))

    full = best_of(before, runs=1)
    fast = best_of(after)
    print(f"{n:,} sessions at once, a finding per rise: peak_overlaps {full:.2f} s "
          f"({before() / 2**20:.0f} MB of ids), overloads {fast:.3f} s "
          f"({after() / 2**20:.1f} MB); ratio {full / fast:.0f}x")


def check_run(n: int) -> None:
    from click.testing import CliRunner
    from werkzeugkoffer.cli import cli
    from werkzeugkoffer.examples import create_workspace

    with tempfile.TemporaryDirectory(prefix="wk-many-") as tmp:
        full = Path(tmp) / "full"
        create_workspace(full, example="marburg-biedenkopf")
        root = Path(tmp) / "ws"
        (root / "gemeinden").mkdir(parents=True)
        shutil.copy(full / "labor.toml", root / "labor.toml")
        text = (full / "gemeinden" / "lohra.toml").read_text(encoding="utf-8")
        start = text.index("[[phases.sessions]]")
        end = text.index("\n[[", start + 10)
        block = text[start:end]
        sid = re.search(r'id = "([^"]+)"', block).group(1)
        copies = "\n".join(block.replace(f'"{sid}"', f'"{sid}-{k}"') for k in range(n - 1))
        (root / "gemeinden" / "lohra.toml").write_text(
            text[:end] + "\n" + copies + text[end:], encoding="utf-8")
        runner = CliRunner()
        for label, args in (("check", ["check"]), ("check --all-findings",
                                                   ["check", "--all-findings"])):
            t0 = time.perf_counter()
            result = runner.invoke(cli, ["-w", str(root), *args])
            seconds = time.perf_counter() - t0
            print(f"{label} with {n:,} sessions on one day: {seconds:.2f} s, exit "
                  f"{result.exit_code}, {len(result.output.encode()) / 1024:,.0f} KB of output")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=5000)
    args = parser.parse_args(argv)
    sweeps(args.sessions)
    check_run(args.sessions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
