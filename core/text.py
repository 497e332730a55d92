"""German text helpers (numbers, durations, choices) and the method card for the terminal."""

from __future__ import annotations

import textwrap

from .errors import InputError
from .model import Format

NICHT_BEWERTET = "nicht bewertet"
"""How a competence without a target (or not rated by a person) is shown."""


def _wrap(text: str, indent: str = "  ") -> str:
    return "\n".join(
        textwrap.fill(par, width=78, initial_indent=indent, subsequent_indent=indent)
        for par in text.split("\n")
        if par.strip()
    )


def minutes_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} Std. {rest} Min."
    if hours:
        return f"{hours} Std."
    return f"{rest} Min."


def zahl(value: float | int, digits: int | None = None) -> str:
    """German number: ``1.234,5``; ``digits`` fixes the decimals."""
    if digits is not None:
        text = f"{value:,.{digits}f}"
    elif isinstance(value, int) or float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def method_card_text(fmt: Format) -> str:
    """A method card for the terminal."""
    out = [
        f"{fmt.title}  ({fmt.id}, Version {fmt.version})",
        "=" * min(78, len(fmt.title) + len(fmt.id) + len(fmt.version) + 14),
        f"Thema: {fmt.theme.label} · Beteiligungsstufe: {fmt.level.label} · "
        f"Prinzipien: {', '.join(p.label for p in fmt.principles)}",
        f"Dauer: {minutes_label(fmt.duration_minutes)}"
        + (f" (an {fmt.days} Tagen)" if fmt.days > 1 else "")
        + f" · Teilnehmende: {fmt.participants_min}-{fmt.participants_max}"
        f" · Personal: {fmt.staff}"
        + (f" (davon {fmt.staff - fmt.team_staff} vor Ort)" if fmt.team_staff != fmt.staff else ""),
        f"Zielgruppen: {', '.join(t.label for t in fmt.target_groups)}",
        f"Ort: {', '.join(s.label for s in fmt.settings)}",
        "",
        _wrap(fmt.summary, ""),
        "",
        "Worum es geht",
        _wrap(fmt.purpose),
        "",
        "Einstiegsfrage",
        _wrap(f"»{fmt.question}«"),
        "",
        "Ablauf",
    ]
    elapsed = 0
    for step in fmt.agenda:
        out.append(f"  {elapsed:>4}' +{step.minutes:<3} {step.title}" + (f" ({step.who})" if step.who else ""))
        if step.description:
            out.append(_wrap(step.description, " " * 13))
        elapsed += step.minutes
    out += ["", "Rollen"]
    out += [
        f"  {r.count} x {r.name}" + (" (vor Ort)" if r.local else "")
        + (f": {r.description}" if r.description else "")
        for r in fmt.roles
    ]
    if fmt.stations is not None and fmt.stations.roles:
        out += ["", "Rollen je Station (solange sie geöffnet ist)"]
        out += [
            f"  {r.count} x {r.name}" + (" (vor Ort)" if r.local else "")
            + (f": {r.description}" if r.description else "")
            for r in fmt.stations.roles
        ]
    out += ["", "Material"]
    for m in fmt.materials:
        scale = f" je {m.per_participants} Teilnehmende" if m.per_participants else ""
        kind = "Werkzeugkoffer" if m.reusable else "Verbrauch"
        out.append(f"  {m.quantity} x {m.name}{scale} ({kind})")
    if fmt.stations is not None and fmt.stations.materials:
        out += ["", "Material je Station"]
        for m in fmt.stations.materials:
            scale = f" je {m.per_participants} Beiträge" if m.per_participants else ""
            kind = "Werkzeugkoffer" if m.reusable else "Verbrauch"
            out.append(f"  {m.quantity} x {m.name}{scale} ({kind})")
    out += ["", f"Vorbereitung (ab {fmt.lead_days} Tage vorher)"]
    out += [f"  {p.days_before:>3} Tage vorher: {p.task}" for p in fmt.preparation]
    if fmt.space.description:
        out += ["", "Raum", _wrap(fmt.space.description)]
    out += ["", "Barrierefreiheit", _wrap(fmt.accessibility)]
    out += ["", "Datenschutz", _wrap(fmt.data_protection.notes or "Keine personenbezogenen Daten.")]
    out += ["", "Ergebnisse (Ergebnisbogen)"]
    out += [f"  - {f.label} [{f.type.value}]" for f in fmt.result_fields]
    out += ["", "Wirkung (Indikatoren)"]
    out += [f"  - Stufe {i.step} ({i.level.label}): {i.label}" for i in fmt.indicators]
    if fmt.variations:
        out += ["", "Varianten"]
        out += [f"  - {v.name}: {v.description}" for v in fmt.variations]
    out += ["", f"Quelle: {fmt.source}" if fmt.source else "", f"Lizenz: {fmt.licence}"]
    return "\n".join(line for line in out if line is not None)


def parse_choices(value, allowed, *, what: str, default=None) -> tuple[str, ...]:
    """``"pdf,html"`` -> ``("pdf", "html")``: names from ``allowed``, in order, each once.

    ``None`` gives ``default`` (or all of ``allowed``); an unknown or missing name is an
    :class:`~werkzeugkoffer.InputError` naming the choices.
    """
    if value is None:
        return tuple(default if default is not None else allowed)
    items = value.split(",") if isinstance(value, str) else list(value)
    choices = ", ".join(allowed)
    out: list[str] = []
    for item in items:
        name = item.strip().lower()
        if not name:
            continue
        if name not in allowed:
            raise InputError(f'unknown {what} "{name}" (choose from {choices})')
        if name not in out:
            out.append(name)
    if not out:
        raise InputError(f"no {what} given (choose from {choices})")
    return tuple(out)


def did_you_mean(name: str, choices, *, cutoff: float = 0.6) -> str:
    """``' (did you mean "x"?)'`` for the closest of ``choices``, or ``""``."""
    import difflib

    close = difflib.get_close_matches(str(name), [str(c) for c in choices], n=1, cutoff=cutoff)
    return f' (did you mean "{close[0]}"?)' if close else ""
