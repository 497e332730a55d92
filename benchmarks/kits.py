"""Kit builds: `werkzeugkoffer kit build` of the example's 44 kits against plain WeasyPrint.

In one run, on a fresh copy of the bundled example (22 municipalities x 2 phases):

1. ``werkzeugkoffer kit build --force`` builds all 44 kits (HTML, PDF/UA, calendar) with the
   process pool (all cores unless ``--jobs``);
2. one municipality's file is changed (its contact person gets a new name) and ``kit build``
   runs again: only that municipality's two kits are rebuilt;
3. ``kit build`` once more with nothing changed;
4. plain WeasyPrint renders the same 44 HTML files to PDF one after another in one process
   (``HTML(filename=...).write_pdf(pdf_variant="pdf/ua-1")``, the same PDF variant).

Steps 1-3 run back to back, so that nothing else (an edited format, template or package) can
change the inputs in between. Besides wall times it prints the CPU seconds of each step and the
load average, because other work on the machine distorts wall-time ratios.

Prints the wall times and the ratios. Targets: build / plain <= 0.6 on 2 cores;
incremental / full <= 1/15. Machines are noisy: compare ratios, not absolute times.

    python benchmarks/kits.py [--jobs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLAIN = """
import sys, time
from pathlib import Path
t0 = time.perf_counter()
from weasyprint import HTML
out = Path(sys.argv[1])
files = sys.argv[2:]
for i, name in enumerate(files):
    HTML(filename=name).write_pdf(out / f"{i:02d}.pdf", pdf_variant="pdf/ua-1")
print(f"{len(files)} PDFs in {time.perf_counter() - t0:.1f} s")
"""


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], **kwargs) -> tuple[float, str]:
    """Run a command; return its wall time and a summary with its first output line."""
    load = os.getloadavg()[0]
    cpu = _child_cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs)
    wall = time.perf_counter() - start
    cpu = _child_cpu() - cpu
    first = proc.stdout.strip().splitlines()[0] if proc.stdout.strip() else ""
    return wall, f"{first}; CPU {cpu:.0f} s, load before {load:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None, help="kit build --jobs (default: all cores)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the workspace in this folder")
    args = parser.parse_args()
    exe = str(Path(sys.executable).parent / "werkzeugkoffer")
    tmp = Path(tempfile.mkdtemp(prefix="wzk-bench-"))
    ws = args.keep or (tmp / "ws")
    try:
        subprocess.run([exe, "init", str(ws), "--example", "marburg-biedenkopf"], check=True,
                       stdout=subprocess.DEVNULL)
        build = [exe, "-w", str(ws), "kit", "build"]
        if args.jobs:
            build += ["--jobs", str(args.jobs)]
        print(f"cores: {os.cpu_count()}, kit build jobs: {args.jobs or 'all'}")

        full, summary = timed(build + ["--force"])
        print(f"kit build (44 kits, pdf+html+ics): {full:7.1f} s   [{summary}]")

        target = ws / "gemeinden" / "lohra.toml"
        text = target.read_text(encoding="utf-8")
        # a real change that is printed: the municipality's contact person gets a new name
        changed = re.sub(r'(\[contact\]\s*\nname = ")', r"\1Neu: ", text, count=1)
        assert changed != text, "lohra.toml has no [contact] name to change"
        target.write_text(changed, encoding="utf-8")
        incr, incr_summary = timed(build)
        noop, noop_summary = timed(build)

        html = sorted(str(p) for p in (ws / "kits").glob("*/phase-*.html"))
        assert len(html) == 44, f"expected 44 kits, found {len(html)}"
        plain_out = tmp / "plain"
        plain_out.mkdir()
        plain, summary = timed([sys.executable, "-c", PLAIN, str(plain_out), *html])
        print(f"plain WeasyPrint, one after another: {plain:7.1f} s   [{summary}]")
        print(f"ratio kit build / plain WeasyPrint:  {full / plain:7.3f}   (target <= 0.6 on 2 cores)")
        print(f"incremental (lohra changed):         {incr:7.1f} s   [{incr_summary}]")
        print(f"ratio incremental / full build:      {incr / full:7.3f}   (1/{full / incr:.0f}; target <= 1/15)")
        print(f"nothing changed:                     {noop:7.1f} s   [{noop_summary}]")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
