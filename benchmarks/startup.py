"""Start-up: `werkzeugkoffer formats list` against a minimal click hello-world, side by side.

Runs both commands alternately in one process tree (machines are noisy), prints the median wall
times and their ratio. Target: ratio <= 2.5.

    python benchmarks/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HELLO = """
import click

@click.command()
def hello():
    click.echo("Hallo")

hello()
"""


def timed(cmd: list[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    script = Path(sys.executable).parent / "werkzeugkoffer"
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO)
        ours_cmd = [str(script), "formats", "list"]
        hello_cmd = [sys.executable, str(hello)]
        for cmd in (ours_cmd, hello_cmd):  # warm the OS caches
            timed(cmd, tmp)
        ours, base = [], []
        for _ in range(args.runs):
            ours.append(timed(ours_cmd, tmp))
            base.append(timed(hello_cmd, tmp))
    o, b = statistics.median(ours), statistics.median(base)
    print(f"werkzeugkoffer formats list  median {o * 1000:7.1f} ms  ({args.runs} runs)")
    print(f"click hello-world            median {b * 1000:7.1f} ms  ({args.runs} runs)")
    print(f"ratio                        {o / b:7.2f}  (target <= 2.5)")


if __name__ == "__main__":
    main()
