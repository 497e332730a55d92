"""Exporting results as open data (CSV, one line per value, or JSON), without personal fields.

Fields a format marks ``personal``, who typed a sheet in and the labels of ``scores`` profiles
(often names; replaced by ``Profil 1``, ``Profil 2`` ...) are left out unless
``include_personal`` is set.

Every text cell of a spreadsheet file (CSV here and for the blank result sheets; XLSX too) goes
through :func:`safe_cell`, so a value such as ``=HYPERLINK(...)`` is shown as text, never run as
a formula (OWASP "CSV injection"); the JSON export keeps every value exact.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any, Sequence

from ..competence import competence_group
from ..errors import InputError
from ..i18n import _
from ..model import ResultType
from .store import StoredResult
from .values import RECORDED_BY

if TYPE_CHECKING:
    from ..workspace import Workspace

#: Text starting with one of these is run as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A value for a spreadsheet cell (CSV or XLSX) that no spreadsheet program runs as a
    formula: text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading apostrophe (OWASP guidance on CSV injection); numbers and other text stay as they
    are. Every writer of CSV or XLSX cells uses this function; :func:`restore_cell` undoes it
    when such a file is read back."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def restore_cell(text: str) -> str:
    """The text :func:`safe_cell` was given (a cell read back from a CSV or XLSX file)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


EXPORT_COLUMNS: dict[str, str] = {
    "gemeinde": "Name der Gemeinde",
    "ags": "Amtlicher Gemeindeschlüssel (8 Ziffern)",
    "phase": "Laborphase (1 oder 2)",
    "termin": "Kennung des Termins",
    "station": "Station des Termins (Kennung des Orts), wenn der Bogen eine Station erfasst",
    "tag": "Tag (JJJJ-MM-TT), wenn der Bogen einen einzelnen Tag erfasst",
    "datum": "Datum des Termins (JJJJ-MM-TT)",
    "format": "Kennung des Beteiligungsformats",
    "thema": "Themenschwerpunkt des Formats (digital, kreativ, partizipativ)",
    "feld": "Name des Ergebnisfelds; teilnehmende = Teilnehmende je Zielgruppe",
    "bezeichnung": "Bezeichnung des Ergebnisfelds wie auf dem Ergebnisbogen",
    "typ": "Typ des Felds: count, number, percent, text, text_list, choice_votes, rating, "
           "map_points, scores",
    "option": "Option (Stimmen), Kategorie (Kartenpunkt), Kompetenz (Kompetenzcheck) oder "
              "Zielgruppe (Teilnehmende)",
    "ortsteil": "Ortsteil eines Kartenpunkts",
    "profil": "Profil eines Kompetenzchecks (ohne Namen: Profil 1, Profil 2 ...)",
    "wert": "Wert: Zahl (Punkt als Dezimalzeichen), Text, Eintrag, Stimmen oder Prozent",
}
"""The columns of the CSV export, with their meaning (German, for the open data portal)."""


def _export_items(workspace: Workspace, results: Sequence[StoredResult], include_personal: bool):
    sessions = workspace.sessions()
    for stored in results:
        found = sessions.get(stored.session)
        m = workspace.municipalities.get(stored.municipality)
        fmt = workspace.catalogue.get(stored.format)
        session = found[2] if found else None
        meta = {
            "gemeinde": m.name if m else stored.municipality,
            "ags": m.ags if m else "",
            "phase": stored.phase,
            "termin": stored.session,
            "station": stored.result.station or "",
            "tag": stored.result.day.isoformat() if stored.result.day else "",
            "datum": session.date.isoformat() if session else "",
            "format": stored.format,
            "thema": fmt.theme.value if fmt else "",
        }
        values: dict[str, Any] = {}
        left_out: list[str] = []
        for name, value in stored.result.values.items():
            fld = fmt.result_field(name) if fmt else None
            if fld is not None and fld.personal and not include_personal:
                left_out.append(name)
                continue
            if fld is not None and fld.type is ResultType.SCORES and not include_personal:
                value = [{"label": f"Profil {i}", "values": p["values"]}
                         for i, p in enumerate(value, start=1)]
            values[name] = (fld, value)
        yield stored, meta, values, left_out


def export_rows(workspace: Workspace, results: Sequence[StoredResult], *,
                include_personal: bool = False) -> list[dict[str, Any]]:
    """One dict per value, with the keys of :data:`EXPORT_COLUMNS` (plus ``erfasst_von`` with
    ``include_personal``)."""
    rows = []
    for stored, meta, values, _ in _export_items(workspace, results, include_personal):

        def row(feld, fld, option="", ortsteil="", profil="", wert: Any = "", meta=meta):
            r = dict(meta)
            r.update(feld=feld, bezeichnung=fld.label if fld else feld,
                     typ=fld.type.value if fld else "", option=option, ortsteil=ortsteil,
                     profil=profil, wert=wert)
            rows.append(r)

        for group, n in stored.result.participants.items():
            r = dict(meta)
            r.update(feld="teilnehmende", bezeichnung="Teilnehmende", typ="count",
                     option=getattr(group, "value", group), ortsteil="", profil="", wert=n)
            rows.append(r)
        for name, (fld, value) in values.items():
            t = fld.type if fld else None
            if t is ResultType.TEXT_LIST:
                for item in value:
                    row(name, fld, wert=item)
            elif t is ResultType.CHOICE_VOTES:
                for opt, n in value.items():
                    row(name, fld, option=opt, wert=n)
            elif t is ResultType.MAP_POINTS:
                for p in value:
                    row(name, fld, option=p["category"], ortsteil=p["ortsteil"], wert=p["note"])
            elif t is ResultType.SCORES:
                for p in value:
                    for opt, pct in p["values"].items():
                        row(name, fld, option=opt, profil=p["label"], wert=pct)
            elif t is None:
                row(name, None, wert=json.dumps(value, ensure_ascii=False))
            else:
                row(name, fld, wert=value)
        if include_personal and stored.result.recorded_by:
            r = dict(meta)
            r.update(feld=RECORDED_BY, bezeichnung=RECORDED_BY, typ="text", option="",
                     ortsteil="", profil="", wert=stored.result.recorded_by)
            rows.append(r)
    return rows


def competence_rows(workspace: Workspace, results: Sequence[StoredResult], *,
                    include_personal: bool = False) -> list[dict[str, Any]]:
    """The Erfüllungsgrad of every competence-check profile and group, one dict per person
    and competence plus a line per person (``kompetenz`` = ``Gesamt``) and per group
    (``profil`` = ``Gruppe``), computed by :mod:`werkzeugkoffer.competence` like the report."""
    rows: list[dict[str, Any]] = []
    for stored, meta, values, _ in _export_items(workspace, results, include_personal):
        for name, (fld, value) in values.items():
            if fld is None or fld.type is not ResultType.SCORES or not value:
                continue
            group = competence_group(fld, value)
            base = {k: meta[k] for k in ("gemeinde", "ags", "phase", "termin", "station", "tag")}
            base["feld"] = name

            def row(profil: str, kompetenz: str, ergebnis, anforderung, grad) -> None:
                rows.append({**base, "profil": profil, "kompetenz": kompetenz,
                             "ergebnis": ergebnis, "anforderung": anforderung,
                             "erfuellungsgrad": None if grad is None else round(grad, 2)})

            for person in group.persons:
                for r in person.rows:
                    row(person.label, r.name, r.result, r.target, r.degree)
                row(person.label, "Gesamt", None, None, person.overall)
            row("Gruppe", "Gesamt", None, None, group.overall)
    return rows


COMPETENCE_COLUMNS: dict[str, str] = {
    "gemeinde": EXPORT_COLUMNS["gemeinde"], "ags": EXPORT_COLUMNS["ags"],
    "phase": EXPORT_COLUMNS["phase"], "termin": EXPORT_COLUMNS["termin"],
    "station": EXPORT_COLUMNS["station"], "tag": EXPORT_COLUMNS["tag"],
    "feld": "Name des Ergebnisfelds des Kompetenzchecks",
    "profil": "Profil (ohne Namen: Profil 1, Profil 2 ...); Gruppe = alle Profile des Termins",
    "kompetenz": "Kompetenz; Gesamt = über die bewerteten Kompetenzen",
    "ergebnis": "Ergebnis der Person in Prozent",
    "anforderung": "Anforderung der Rolle in Prozent (leer: nicht bewertet)",
    "erfuellungsgrad": "Erfüllungsgrad in Prozent: min(Ergebnis / Anforderung, 1); Gesamt der "
                       "Person = Mittelwert über die bewerteten Kompetenzen; Gruppe = Mittelwert "
                       "der Personen",
}


def export_results(workspace: Workspace, results: Sequence[StoredResult], *, fmt: str = "csv",
                   include_personal: bool = False) -> str:
    """Results as open data: CSV (:data:`EXPORT_COLUMNS`) or JSON. See the module docstring."""
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(EXPORT_COLUMNS), lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        for r in export_rows(workspace, results, include_personal=include_personal):
            if isinstance(r["wert"], float) and r["wert"].is_integer():
                r["wert"] = int(r["wert"])
            writer.writerow({key: safe_cell(value) for key, value in r.items()})
        return buf.getvalue()
    if fmt == "json":
        items = []
        left: set[str] = set()
        for stored, meta, values, left_out in _export_items(workspace, results, include_personal):
            left.update(f"{stored.format}.{name}" for name in left_out)
            item = dict(meta)
            item["teilnehmende"] = {getattr(g, "value", g): n
                                    for g, n in stored.result.participants.items()}
            item["werte"] = {name: value for name, (_, value) in values.items()}
            checks = {}
            for name, (fld, value) in values.items():
                if fld is not None and fld.type is ResultType.SCORES and value:
                    group = competence_group(fld, value)
                    checks[name] = {
                        "erfuellungsgrad_gruppe": _round(group.overall),
                        "profile": [{"label": p.label, "erfuellungsgrad": _round(p.overall),
                                     "kompetenzen": {r.name: _round(r.degree) for r in p.rows
                                                     if r.degree is not None}}
                                    for p in group.persons],
                    }
            if checks:
                item["kompetenzcheck"] = checks
            if include_personal:
                item["erfasst_von"] = stored.result.recorded_by
            items.append(item)
        doc = {
            "beschreibung": "Ergebnisse der Beteiligungstermine (werkzeugkoffer). "
                            + ("Enthält personenbezogene Angaben: nicht veröffentlichen."
                               if include_personal else
                               "Ohne personenbezogene Angaben: möglicherweise personenbezogene "
                               "Freitextfelder, Erfasser:innen und Namen von Profilen sind "
                               "ausgelassen."),
            "personenbezogen": include_personal,
            "ausgelassene_felder": sorted(left),
            "ergebnisse": items,
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    raise InputError(_('unknown export format "{format}" (choose csv or json)').format(format=fmt))



def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
