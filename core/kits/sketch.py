"""A room set-up sketch for the back of a method card: inline SVG, black and white.

Drawn from the format's space needs (tables, chairs, indoors or out) and its materials from the
tool case (pin boards, projector and screen, pavilion). It is a sketch, not a floor plan: at most
twelve tables and six walls are drawn, and the description says the real numbers. The
description is also the figure's accessible name (its alternative text in the PDF).
"""

from __future__ import annotations

import math

from markupsafe import Markup

from ..model import Format, Setting
from ..render.environment import named_svg

MAX_TABLES = 12
MAX_WALLS = 6


def _count(fmt: Format, *inventory: str) -> int:
    return sum(m.quantity for m in fmt.materials if m.inventory in inventory) + (
        sum(m.quantity for m in fmt.stations.materials if m.inventory in inventory)
        if fmt.stations is not None else 0)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def describe(fmt: Format) -> str:
    """The set-up in words (also the sketch's alternative text)."""
    sp = fmt.space
    outdoor = Setting.DRAUSSEN in fmt.settings and Setting.DRINNEN not in fmt.settings
    parts = []
    if _count(fmt, "pavillon"):
        parts.append("ein Faltpavillon")
    if sp.tables:
        per = math.ceil(sp.chairs / sp.tables) if sp.chairs else 0
        parts.append(_plural(sp.tables, "Tisch", "Tische")
                     + (f" mit je {_plural(per, 'Stuhl', 'Stühlen')}" if per else ""))
    elif sp.chairs:
        parts.append(f"{_plural(sp.chairs, 'Stuhl', 'Stühle')} im Kreis")
    walls = _count(fmt, "pinnwand", "magnetwand")
    if walls:
        parts.append(_plural(walls, "Stellwand", "Stellwände") + " an der Rückseite")
    if _count(fmt, "beamer", "leinwand"):
        parts.append("Beamer und Leinwand an der Seite")
    if not parts:
        parts.append("freie Fläche ohne feste Möblierung")
    where = "im Freien" if outdoor else "im Raum, Eingang unten"
    return f"Skizze des Aufbaus {where}: " + ", ".join(parts) + "."


def sketch(fmt: Format) -> Markup:
    """The set-up sketch as inline SVG with its description as accessible name."""
    sp = fmt.space
    outdoor = Setting.DRAUSSEN in fmt.settings and Setting.DRINNEN not in fmt.settings
    w, h = 160, 112
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" class="sketch-svg">']
    dash = ' stroke-dasharray="4 3"' if outdoor else ""
    out.append(f'<rect x="4" y="4" width="{w - 8}" height="{h - 8}" fill="#fff" stroke="#000" '
               f'stroke-width="1.6"{dash}/>')
    if not outdoor:  # the door: a gap in the bottom wall with a swing
        out.append(f'<rect x="{w / 2 - 9}" y="{h - 6}" width="18" height="4" fill="#fff"/>')
        out.append(f'<path d="M{w / 2 - 9} {h - 4} A18 18 0 0 1 {w / 2 + 9} {h - 22}" '
                   'fill="none" stroke="#000" stroke-width="0.8"/>')
    walls = min(_count(fmt, "pinnwand", "magnetwand"), MAX_WALLS)
    for i in range(walls):
        span = (w - 30) / max(walls, 1)
        x = 15 + i * span + span * 0.15
        out.append(f'<rect x="{x:.1f}" y="8" width="{span * 0.7:.1f}" height="4" fill="#000"/>')
    if _count(fmt, "beamer", "leinwand"):
        out.append('<rect x="8" y="30" width="3" height="36" fill="#000"/>')
    top = 20
    if _count(fmt, "pavillon"):
        out.append(f'<rect x="{w - 52}" y="{top}" width="40" height="40" fill="#fff" stroke="#000" '
                   'stroke-width="1.4"/>')
        out.append(f'<path d="M{w - 52} {top} L{w - 12} {top + 40} M{w - 12} {top} '
                   f'L{w - 52} {top + 40}" stroke="#000" stroke-width="0.8"/>')
    tables = min(sp.tables, MAX_TABLES)
    if tables:
        cols = min(4, tables) if tables > 2 else tables
        rows = math.ceil(tables / cols)
        per = min(6, math.ceil(sp.chairs / sp.tables)) if sp.chairs else 0
        area_w, area_h = (w - 70 if _count(fmt, "pavillon") else w - 40), h - top - 30
        cw, ch = area_w / cols, area_h / max(rows, 1)
        for i in range(tables):
            cx = 20 + (i % cols) * cw + cw / 2
            cy = top + 6 + (i // cols) * ch + ch / 2
            tw, th = min(22, cw * 0.55), min(12, ch * 0.45)
            out.append(f'<rect x="{cx - tw / 2:.1f}" y="{cy - th / 2:.1f}" width="{tw:.1f}" '
                       f'height="{th:.1f}" fill="#fff" stroke="#000" stroke-width="1.2"/>')
            for k in range(per):
                angle = 2 * math.pi * k / per
                rx, ry = tw / 2 + 4, th / 2 + 4
                out.append(f'<circle cx="{cx + rx * math.cos(angle):.1f}" '
                           f'cy="{cy + ry * math.sin(angle):.1f}" r="2.2" fill="#000"/>')
    elif sp.chairs:
        n = min(sp.chairs, 24)
        cx, cy, r = w / 2, top + 36, 30
        for k in range(n):
            angle = 2 * math.pi * k / n
            out.append(f'<circle cx="{cx + r * math.cos(angle):.1f}" '
                       f'cy="{cy + r * math.sin(angle):.1f}" r="2.4" fill="#000"/>')
    out.append("</svg>")
    return named_svg("".join(out), describe(fmt))
