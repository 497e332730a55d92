"""Pages of a kit, document by document, and how full each page is.

    python benchmarks/kit_pages.py [--workspace DIR] [--gemeinde breidenbach] [--phase 1]

Builds the kit (PDF only, into a temporary folder) of one municipality and phase of a workspace
(default: a fresh copy of the bundled example), then prints for each document its pages and the
pages less than half filled: the lowest inked row inside the text area (A4 without the 15 mm top
and 18 mm bottom margins, so the footer does not count) as a share of the text area's height,
read from a 30 dpi rendering (``pdftoppm`` from poppler-utils). Issue 12's target: Leitfaden +
Termine + Ergebnisbögen <= 45 pages, at most 2 of them less than half filled.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

TARGET = ("leitfaden", "termine", "ergebnisboegen")


def fills(pdf: Path) -> list[float]:
    """How far down each page's text area is inked (0 to 1)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", "30", str(pdf), f"{tmp}/p"], check=True)
        out = []
        for png in sorted(Path(tmp).iterdir()):
            im = Image.open(png).convert("L")
            w, h = im.size
            mm = h / 297.0 if h > w else h / 210.0
            top, bottom = int(15 * mm), int(h - 18 * mm)
            px = im.load()
            last = top
            for y in range(top, bottom):
                if any(px[x, y] < 160 for x in range(int(14 * mm), int(w - 14 * mm))):
                    last = y
            out.append((last - top) / max(1, bottom - top))
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, default=None)
    parser.add_argument("--gemeinde", default="breidenbach")
    parser.add_argument("--phase", type=int, default=1)
    args = parser.parse_args()
    exe = str(Path(sys.executable).parent / "werkzeugkoffer")
    with tempfile.TemporaryDirectory(prefix="wzk-pages-") as tmp:
        ws = args.workspace
        if ws is None:
            ws = Path(tmp) / "ws"
            subprocess.run([exe, "init", str(ws), "--example", "marburg-biedenkopf"], check=True,
                           stdout=subprocess.DEVNULL)
        out = Path(tmp) / "kits"
        subprocess.run([exe, "-w", str(ws), "kit", "build", args.gemeinde, "--phase",
                        str(args.phase), "--format", "pdf", "--out", str(out), "--force"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        folder = out / args.gemeinde
        pages = low = 0
        for pdf in sorted(folder.glob(f"phase-{args.phase}*.pdf")):
            key = pdf.stem.split("-", 2)[2] if pdf.stem.count("-") >= 2 else "(combined)"
            count = len(PdfReader(str(pdf)).pages)
            line = f"{pdf.name:36} {count:4} pages"
            if key in TARGET:
                half = [i + 1 for i, f in enumerate(fills(pdf)) if f < 0.5]
                pages += count
                low += len(half)
                line += f", {len(half)} less than half filled {half}"
            print(line)
        print(f"Leitfaden + Termine + Ergebnisbögen: {pages} pages (target <= 45), "
              f"{low} less than half filled (target <= 2)")


if __name__ == "__main__":
    main()
