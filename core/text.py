"""German text helpers (numbers, plurals, units, durations, choices) and the method card for the
terminal.

Every number printed with a noun goes through :func:`anzahl` (``1 Tag``, ``2 Tage``), so that no
kit says "1 Tage"; quantities of materials through :func:`menge` (``3 Stück``, ``20 Portionen``).
"""

from __future__ import annotations

import textwrap

from .errors import InputError
from .i18n import _, is_german
from .model import Format, ResultType
from .names import did_you_mean  # re-exported: the one did-you-mean lives in .names

NICHT_BEWERTET = "nicht bewertet"
"""How a competence without a target (or not rated by a person) is shown."""


def _wrap(text: str, indent: str = "  ") -> str:
    return "\n".join(
        textwrap.fill(par, width=78, initial_indent=indent, subsequent_indent=indent)
        for par in text.split("\n")
        if par.strip()
    )


#: Plurals of the nouns and units the kits count with (singular -> plural).
PLURALS = {
    "Tag": "Tage", "Woche": "Wochen", "Monat": "Monate", "Stunde": "Stunden",
    "Minute": "Minuten", "Person": "Personen", "Tisch": "Tische", "Stuhl": "Stühle",
    "Stück": "Stück", "Blatt": "Blatt", "Bogen": "Bögen", "Paar": "Paar", "Satz": "Sätze",
    "Set": "Sets", "Packung": "Packungen", "Portion": "Portionen", "Rolle": "Rollen",
    "Kiste": "Kisten", "Flasche": "Flaschen", "Karte": "Karten", "Kopie": "Kopien",
    "Exemplar": "Exemplare", "Plakat": "Plakate", "Zettel": "Zettel", "Termin": "Termine",
    "Seite": "Seiten", "Station": "Stationen", "Gegenstand": "Gegenstände", "Idee": "Ideen",
    "Stimme": "Stimmen", "Punkt": "Punkte", "Gruppe": "Gruppen", "Runde": "Runden",
    "Teilnehmende": "Teilnehmende", "Euro": "Euro", "Liter": "Liter", "Meter": "Meter",
    "Pauschale": "Pauschalen", "Zugang": "Zugänge", "Vorrat": "Vorräte", "Team": "Teams",
}


def plural(noun: str, count: float | int) -> str:
    """The form of ``noun`` for ``count`` (German plural for every number but 1).

    ``noun`` is a singular from :data:`PLURALS`, or ``"singular|plural"`` for any other noun;
    a noun that is neither is returned as it is.
    """
    singular, _, given = noun.partition("|")
    if count == 1:
        return singular
    return given or PLURALS.get(singular, singular)


def anzahl(count: float | int, noun: str) -> str:
    """``1 Tag``, ``2 Tage``, ``1.000 Personen``: a German number with the matching form."""
    return f"{zahl(count)} {plural(noun, count)}"


def tage_vorher(days: int) -> str:
    """``am selben Tag``, ``1 Tag vorher``, ``2 Tage vorher``, ``3 Wochen vorher``."""
    if days <= 0:
        return "am selben Tag"
    if days % 7 == 0:
        return f"{anzahl(days // 7, 'Woche')} vorher"
    return f"{anzahl(days, 'Tag')} vorher"


def menge(quantity: int, unit: str = "") -> str:
    """A quantity with its unit: ``3 Stück``, ``1 Packung``, ``20 Portionen`` (default: Stück)."""
    return anzahl(quantity, unit or "Stück")


def je_teilnehmende(quantity: int, per_participants: int | None, unit: str = "") -> str:
    """How a material scales: ``je 2 Teilnehmende 1 Stück``, ``je Person 2 Stück``; ``""`` for
    a fixed quantity."""
    if not per_participants:
        return ""
    who = "je Person" if per_participants == 1 else f"je {zahl(per_participants)} Teilnehmende"
    return f"{who} {menge(quantity, unit)}"


def satz(text: str) -> str:
    """``text`` as a sentence: stripped, ending in a full stop unless it ends in one already
    (or in ``!``, ``?``, ``:``, ``…``), so that templates never print "..". """
    text = text.strip()
    if not text or text[-1] in ".!?:…":
        return text
    if text[-1] in "\"“»«)" and len(text) > 1 and text[-2] in ".!?":
        return text
    return text + "."


def with_note(label: str, *notes: str) -> str:
    """``label (note, note)``, merged into a note the label already ends with, without repeats.

    ``with_note("Wie hat es gefallen? (Mittelwert)", "Mittelwert, 1 bis 5", "Pflichtfeld")``
    is ``"Wie hat es gefallen? (Mittelwert, 1 bis 5, Pflichtfeld)"``.
    """
    label = label.rstrip()
    items: list[str] = []
    if label.endswith(")") and "(" in label:
        base, _, inner = label[:-1].rpartition("(")
        if ")" not in inner:
            label = base.rstrip()
            items = [i.strip() for i in inner.split(",") if i.strip()]
    for note in notes:
        for item in (i.strip() for i in note.split(",")):
            if item and item.lower() not in {i.lower() for i in items}:
                items.append(item)
    return f"{label} ({', '.join(items)})" if items else label


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


#: What a result field of each type asks for, in German, as the result sheets (the blank CSV
#: and the method card) name it.
RESULT_TYPE_HINTS = {
    ResultType.COUNT: "Anzahl",
    ResultType.NUMBER: "Zahl",
    ResultType.PERCENT: "Prozent, 0 bis 100",
    ResultType.RATING: "Mittelwert, 1 bis 5",
    ResultType.TEXT: "Text",
    ResultType.TEXT_LIST: "ein Eintrag je Zeile",
    ResultType.CHOICE_VOTES: "Stimmen",
    ResultType.MAP_POINTS: "ein Punkt je Zeile",
    ResultType.SCORES: "Prozent, leer = nicht bewertet",
}


def method_card_text(fmt: Format, *, type_ids: bool | None = None) -> str:
    """A method card for the terminal (German, like the printed card).

    Result fields are shown with what the result sheet asks for ("Anzahl", "ein Punkt je
    Zeile"); ``type_ids`` adds their type ids (``[map_points]``), by default when messages are
    not German: whoever reads the command line in English is most likely writing formats.
    """
    if type_ids is None:
        type_ids = not is_german()
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
        amount = je_teilnehmende(m.quantity, m.per_participants, m.unit) or menge(m.quantity, m.unit)
        kind = "Werkzeugkoffer" if m.reusable else "Verbrauch"
        out.append(f"  {m.name}: {amount} ({kind})")
    if fmt.stations is not None and fmt.stations.materials:
        out += ["", "Material je Station"]
        for m in fmt.stations.materials:
            amount = (je_teilnehmende(m.quantity, m.per_participants, m.unit).replace(
                "Teilnehmende", "Beiträge") or menge(m.quantity, m.unit))
            kind = "Werkzeugkoffer" if m.reusable else "Verbrauch"
            out.append(f"  {m.name}: {amount} ({kind})")
    if fmt.copy_masters:
        out += ["", "Kopiervorlagen (im Kit)"]
        out += [f"  - {cm.title}" for cm in fmt.copy_masters]
    out += ["", f"Vorbereitung (Beginn {tage_vorher(fmt.lead_days)})"]
    out += [f"  {tage_vorher(p.days_before)}: {p.task}" for p in fmt.preparation]
    if fmt.space.description:
        out += ["", "Raum", _wrap(fmt.space.description)]
    out += ["", "Barrierefreiheit", _wrap(fmt.accessibility)]
    out += ["", "Datenschutz", _wrap(fmt.data_protection.notes or "Keine personenbezogenen Daten.")]
    out += ["", "Ergebnisse (Ergebnisbogen)"]
    out += [f"  - {with_note(f.label, RESULT_TYPE_HINTS[f.type])}"
            + (f" [{f.type.value}]" if type_ids else "") for f in fmt.result_fields]
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
            raise InputError(
                _('unknown {what} "{name}"{hint} (choose from {choices})').format(
                    what=_(what), name=name, hint=did_you_mean(name, allowed), choices=choices)
            )
        if name not in out:
            out.append(name)
    if not out:
        raise InputError(_("no {what} given (choose from {choices})").format(
            what=_(what), choices=choices))
    return tuple(out)
