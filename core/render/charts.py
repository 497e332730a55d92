"""SVG charts for kits and reports, drawn by hand: black, white and grey, every value also text.

Each chart is a :class:`markupsafe.Markup` string with a ``<title>`` and an ``aria-label`` that
lists every value, so a chart stays readable in black and white and for screen readers.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Sequence

from markupsafe import Markup, escape

from ..text import NICHT_BEWERTET, zahl

_FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
_GREYS = ("#000000", "#8c8c8c", "#d0d0d0")


def _num(value: float) -> str:
    if value is None:
        return NICHT_BEWERTET
    return zahl(round(value, 1))


def _text_width(text: str, size: float) -> float:
    return len(text) * size * 0.58


def _svg(width: float, height: float, title: str, body: list[str], desc: str = "") -> Markup:
    t = escape(title)
    d = escape(desc or title)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'aria-label="{d}" font-family="{_FONT}">'
        f"<title>{t}</title>"
    )
    return Markup(head + "".join(body) + "</svg>")


def bar_chart(items: Sequence[tuple[str, float]], *, title: str, unit: str = "",
              width: int = 640) -> Markup:
    """A horizontal bar chart: one bar per item, the value written next to it."""
    items = [(str(label), float(v or 0)) for label, v in items]
    size = 14
    row = 26
    label_w = min(max((_text_width(lbl, size) for lbl, _ in items), default=40) + 10, width * 0.42)
    value_w = 70
    top = 8
    height = top + row * len(items) + 8
    top_value = max((v for _, v in items), default=0) or 1
    bar_space = width - label_w - value_w - 10
    body = []
    desc = f"{title}: " + "; ".join(f"{lbl} {_num(v)}" for lbl, v in items)
    for i, (label, value) in enumerate(items):
        y = top + i * row
        w = bar_space * value / top_value
        base = y + row / 2 + size * 0.35
        body.append(
            f'<text x="{label_w - 6:.1f}" y="{base:.1f}" font-size="{size}" text-anchor="end">'
            f"{escape(_clip(label, int(label_w / (size * 0.58))))}</text>"
            f'<rect x="{label_w:.1f}" y="{y + 3}" width="{max(w, 0.5):.1f}" height="{row - 7}" '
            f'fill="#3a3a3a" stroke="#000" stroke-width="0.5"/>'
            f'<text x="{label_w + w + 5:.1f}" y="{base:.1f}" font-size="{size}">'
            f"{escape(_num(value))}</text>"
        )
    body.append(f'<line x1="{label_w:.1f}" y1="{top}" x2="{label_w:.1f}" '
                f'y2="{height - 8}" stroke="#000" stroke-width="1"/>')
    if unit:
        desc += f" ({unit})"
    return _svg(width, height, title, body, desc)


def timeline_chart(rows: Sequence[tuple[str, Sequence[tuple[int, dt.date, dt.date]]]], *,
                   title: str, width: int = 680) -> Markup:
    """The district tour as a timeline: one row per municipality, a bar per phase.

    Phase 1 is a dark bar, phase 2 a white bar with a dark outline, and every bar is labelled
    with its number, so the chart reads in black and white and without colour.
    """
    spans = [(start, end) for _, phases in rows for _, start, end in phases]
    if not spans:
        return _svg(width, 40, title, [], f"{title}: keine Phasen geplant")
    first = min(start for start, _ in spans).replace(day=1)
    last = max(end for _, end in spans)
    size = 12
    row = 20
    label_w = min(max(_text_width(name, size) for name, _ in rows) + 10, width * 0.3)
    top = 28
    height = top + row * len(rows) + 6
    days = max((last - first).days + 1, 1)
    scale = (width - label_w - 10) / days

    def x(day: dt.date) -> float:
        return label_w + (day - first).days * scale

    body = []
    # month ticks, with the year at January and at the start
    month = first
    while month <= last:
        mx = x(month)
        body.append(f'<line x1="{mx:.1f}" y1="{top - 4}" x2="{mx:.1f}" y2="{height - 6}" '
                    f'stroke="#bbb" stroke-width="0.5"/>')
        label = f"{month.month:02d}/{month.year}"
        if (month.month in (1, 7) or month == first) and mx + _text_width(label, size - 2) < width:
            body.append(f'<text x="{mx + 2:.1f}" y="{top - 10}" font-size="{size - 2}">'
                        f"{label}</text>")
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    desc = []
    for i, (name, phases) in enumerate(rows):
        y = top + i * row
        base = y + row / 2 + size * 0.35
        body.append(f'<text x="{label_w - 6:.1f}" y="{base:.1f}" font-size="{size}" '
                    f'text-anchor="end">{escape(_clip(name, int(label_w / (size * 0.58))))}</text>')
        parts = []
        for number, start, end in phases:
            x0, x1 = x(start), x(end + dt.timedelta(days=1))
            fill, ink = ("#3a3a3a", "#fff") if number == 1 else ("#fff", "#000")
            body.append(f'<rect x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 1):.1f}" '
                        f'height="{row - 6}" fill="{fill}" stroke="#000" stroke-width="0.8"/>')
            if x1 - x0 > size:
                body.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{base - 1:.1f}" '
                            f'font-size="{size - 2}" text-anchor="middle" fill="{ink}">'
                            f"{number}</text>")
            parts.append(f"Phase {number} {start:%d.%m.%Y} bis {end:%d.%m.%Y}")
        desc.append(f"{name}: " + ", ".join(parts))
    return _svg(width, height, title, body, f"{title}. " + "; ".join(desc))


def grouped_bar_chart(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
                      *, title: str, width: int = 640) -> Markup:
    """Horizontal bars, one group per category and one bar per series (black, grey, light
    grey), with a legend; values written next to the bars."""
    size = 14
    bar = 14
    gap = 8
    n = len(series)
    label_w = min(max((_text_width(c, size) for c in categories), default=40) + 10, width * 0.4)
    value_w = 60
    legend_h = 22
    top = legend_h + 6
    group_h = n * (bar + 2) + gap
    height = top + group_h * len(categories) + 4
    top_value = max((float(v or 0) for _, vals in series for v in vals), default=0) or 1
    bar_space = width - label_w - value_w - 10
    body = []
    x = 0.0
    for k, (name, _) in enumerate(series):  # the legend
        fill = _GREYS[k % len(_GREYS)]
        body.append(f'<rect x="{x:.1f}" y="4" width="12" height="12" fill="{fill}" '
                    f'stroke="#000" stroke-width="0.8"/>'
                    f'<text x="{x + 16:.1f}" y="14" font-size="{size}">{escape(name)}</text>')
        x += 16 + _text_width(name, size) + 18
    parts = []
    for i, cat in enumerate(categories):
        y0 = top + i * group_h
        body.append(f'<text x="{label_w - 6:.1f}" y="{y0 + (n * (bar + 2)) / 2 + 4:.1f}" '
                    f'font-size="{size}" text-anchor="end">'
                    f"{escape(_clip(cat, int(label_w / (size * 0.58))))}</text>")
        vals = []
        for k, (name, values) in enumerate(series):
            v = float(values[i] or 0)
            vals.append(f"{name} {_num(v)}")
            y = y0 + k * (bar + 2)
            w = bar_space * v / top_value
            body.append(
                f'<rect x="{label_w:.1f}" y="{y:.1f}" width="{max(w, 0.5):.1f}" height="{bar}" '
                f'fill="{_GREYS[k % len(_GREYS)]}" stroke="#000" stroke-width="0.5"/>'
                f'<text x="{label_w + w + 4:.1f}" y="{y + bar - 2:.1f}" font-size="{size - 1}">'
                f"{escape(_num(v))}</text>"
            )
        parts.append(f"{cat}: " + ", ".join(vals))
    body.append(f'<line x1="{label_w:.1f}" y1="{top - 2}" x2="{label_w:.1f}" '
                f'y2="{height - 4}" stroke="#000" stroke-width="1"/>')
    return _svg(width, height, title, body, f"{title}. " + "; ".join(parts))


def radar_chart(axes: Sequence[str], series: Sequence[tuple[str, Sequence[float | None], str]],
                *, title: str, size: int = 460, maximum: float = 100) -> Markup:
    """A radar chart ("Kompetenz-Netz") over ``axes`` (percent, 0 to ``maximum``).

    ``series`` are ``(name, values, style)``; style ``"target"`` draws a dashed line,
    ``"result"`` a solid line with dots (as in the KGSt check: personal line against the
    target line), ``"person"`` a thin grey line (one person of a group; one legend entry for
    all of them). A missing value (``None``, "nicht bewertet") leaves a gap in its line.
    """
    n = len(axes)
    radius = size / 2 - 40
    font = 18
    labels = [_wrap_label(a) for a in axes]
    room = max((_text_width(line, font) for lines in labels for line in lines),
               default=40) + 16
    width = 2 * (radius * 1.08 + room)
    height = size + 80
    cx, cy = width / 2, height / 2 + 20
    body = []

    def point(i: int, v: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / max(n, 1)
        r = radius * max(0.0, min(v, maximum)) / maximum
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for ring in (20, 40, 60, 80, 100):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(n)))
        body.append(f'<polygon points="{pts}" fill="none" stroke="#b0b0b0" stroke-width="0.7"/>')
        if ring < 100:
            x, y = point(0, ring)
            body.append(f'<text x="{x + 3:.1f}" y="{y - 2:.1f}" font-size="13" fill="#333">'
                        f"{ring} %</text>")
    for i in range(n):
        x, y = point(i, maximum)
        body.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
                    f'stroke="#8c8c8c" stroke-width="0.7"/>')
        lx, ly = point(i, maximum * 1.08)
        vertical = abs(lx - cx) < 5
        anchor = "middle" if vertical else ("start" if lx > cx else "end")
        lines = labels[i]
        step = font * 1.15
        if vertical:
            ly += (-6 - step * (len(lines) - 1)) if ly < cy else 14
        else:
            ly -= step * (len(lines) - 1) / 2
        spans = "".join(
            f'<tspan x="{lx:.1f}" dy="{0 if k == 0 else step:.1f}">{escape(line)}</tspan>'
            for k, line in enumerate(lines))
        body.append(f'<text x="{lx:.1f}" y="{ly + 5:.1f}" font-size="{font}" '
                    f'text-anchor="{anchor}">{spans}</text>')
    legend_y = 18
    legend_x = 6.0
    desc = []
    persons_shown = False
    for name, values, style in series:
        dashed = style == "target"
        person = style == "person"
        stroke = ('stroke="#6e6e6e" stroke-width="1" fill="none"' if person else
                  'stroke="#000" stroke-width="2" fill="none"' + (
                      ' stroke-dasharray="7 4"' if dashed else ""))
        # segments between consecutive rated axes (closing the ring)
        pts = [None if v is None else point(i, float(v)) for i, v in enumerate(values)]
        if n and all(p is not None for p in pts):
            body.append(f'<polygon points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" '
                        f"{stroke}/>")
        else:
            for i in range(n):
                a, b = pts[i], pts[(i + 1) % n]
                if a is not None and b is not None:
                    body.append(f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" '
                                f'y2="{b[1]:.1f}" {stroke}/>')
        for p in pts:
            if p is None or person:
                continue
            if dashed:
                body.append(f'<rect x="{p[0] - 3:.1f}" y="{p[1] - 3:.1f}" width="6" height="6" '
                            'fill="#fff" stroke="#000" stroke-width="1.2"/>')
            else:
                body.append(f'<circle cx="{p[0]:.1f}" cy="{p[1]:.1f}" r="3.5" fill="#000"/>')
        if person:
            desc.append(f"{name}: " + ", ".join(
                f"{a} {_num(v) + ' %' if v is not None else NICHT_BEWERTET}"
                for a, v in zip(axes, values, strict=True)))
            if persons_shown:
                continue
            persons_shown = True
            name = "einzelne Personen"
        body.append(
            f'<line x1="{legend_x:.1f}" y1="{legend_y - 4}" x2="{legend_x + 30:.1f}" '
            f'y2="{legend_y - 4}" {stroke}/>'
            f'<text x="{legend_x + 36:.1f}" y="{legend_y}" font-size="{font}">{escape(name)}</text>'
        )
        legend_x += 36 + _text_width(name, font) + 24
        if person:
            continue
        desc.append(f"{name}: " + ", ".join(
            f"{a} {_num(v) + ' %' if v is not None else NICHT_BEWERTET}"
            for a, v in zip(axes, values, strict=True)))
    return _svg(width, height, title, body, f"{title}. " + "; ".join(desc))


_VOWELS = set("aeiouäöüy")


def _wrap_label(text: str, width: int = 16) -> list[str]:
    """Break an axis label into short lines; a long compound word is split after a linking
    "s" (Personalentwicklungs-/kompetenz) or, failing that, in the middle, with a hyphen."""
    words: list[tuple[str, bool]] = []  # (word, ends with a hyphen we added)
    for word in _clip(text, 40).split():
        if len(word) <= width + 2:
            words.append((word, False))
            continue
        cut = next((i + 1 for i in range(int(len(word) * 0.8), int(len(word) * 0.4), -1)
                    if word[i] == "s" and word[i + 1].lower() not in _VOWELS), len(word) // 2)
        words += [(word[:cut] + "-", True), (word[cut:], False)]
    lines: list[str] = []
    broken = False
    for word, split in words:
        if lines and not broken and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
        broken = split
    return lines


def _clip(text: str, limit: int) -> str:
    limit = max(limit, 6)
    return text if len(text) <= limit else text[: limit - 1] + "…"
