"""Results as open data: a Frictionless Data Package (``results export --format datapackage``).

:func:`write_datapackage` writes a folder with three CSV resources and ``datapackage.json``
(Data Package v1, one Table Schema per resource, typed fields with German descriptions,
primary and foreign keys):

- ``termine.csv``: the sessions in scope, one line each (planned and held);
- ``teilnehmende.csv``: participants per session (station, day) and target group;
- ``ergebnisse.csv``: every value of every result, one line per value (the columns of the CSV
  export, without the participants, which have their own resource).

Never personal: fields a format marks ``personal`` and who typed a sheet in are left out, the
profiles of a competence check are named ``Profil 1``, ``Profil 2`` ... The licence is the
lab's (``[open_data]`` in ``labor.toml``, default CC BY 4.0); the lab is named as publisher and
author. The CSV files are UTF-8 with ``,`` as separator; values are written as they are (no
spreadsheet escaping: the package is read by data portals and programs).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from ..errors import InputError
from ..i18n import _
from ..files import write_atomic
from ..model import KNOWN_LICENCES, Lab, TargetGroup, Theme
from ..version import version
from .dataset import Dataset
from .export import EXPORT_COLUMNS, export_rows
from .store import StoredResult

if TYPE_CHECKING:
    from ..workspace import Workspace

PACKAGE_FILE = "datapackage.json"

_SESSION_FIELDS = [
    ("termin", "string", "Kennung des Termins", {"required": True, "unique": True}),
    ("gemeinde", "string", "Name der Gemeinde", {"required": True}),
    ("ags", "string", "Amtlicher Gemeindeschlüssel (8 Ziffern)", {"pattern": r"\d{8}"}),
    ("phase", "integer", "Laborphase (1 oder 2)", {"minimum": 1}),
    ("format", "string", "Kennung des Beteiligungsformats", {}),
    ("format_titel", "string", "Name des Beteiligungsformats", {}),
    ("thema", "string", "Themenschwerpunkt des Formats",
     {"enum": [t.value for t in Theme]}),
    ("datum", "date", "Erster Tag des Termins", {}),
    ("bis", "date", "Letzter Tag des Termins (bei Terminen über mehrere Tage)", {}),
    ("ort", "string", "Ort des Termins (bei Stationen: die erste Station)", {}),
    ("ortsteil", "string", "Ortsteil des Orts", {}),
    ("stationen", "integer", "Zahl der Stationen (0: ein Ort)", {"minimum": 0}),
    ("ergebnis_erfasst", "boolean", "Ob für den Termin ein Ergebnis erfasst ist", {}),
    ("teilnehmende", "integer", "Teilnehmende insgesamt (leer: kein Ergebnis erfasst)",
     {"minimum": 0}),
]
_PARTICIPANT_FIELDS = [
    ("termin", "string", "Kennung des Termins", {"required": True}),
    ("station", "string", EXPORT_COLUMNS["station"], {}),
    ("tag", "date", EXPORT_COLUMNS["tag"], {}),
    ("zielgruppe", "string", "Zielgruppe", {"enum": [g.value for g in TargetGroup]}),
    ("anzahl", "integer", "Teilnehmende dieser Zielgruppe", {"minimum": 0}),
]
_TYPES = {"phase": "integer", "datum": "date", "tag": "date"}


def _field(name: str, type_: str, description: str, constraints: dict) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "type": type_, "description": description}
    if type_ == "boolean":
        out.update(trueValues=["true"], falseValues=["false"])
    if constraints:
        out["constraints"] = constraints
    return out


def _resource(name: str, title: str, description: str, fields: list[dict], *,
              primary_key: str | None = None, foreign_key: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if primary_key:
        schema["primaryKey"] = [primary_key]
    if foreign_key:
        schema["foreignKeys"] = [{"fields": ["termin"],
                                  "reference": {"resource": "termine", "fields": ["termin"]}}]
    return {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource",
            "title": title, "description": description, "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}


def licence(lab: Lab) -> dict[str, str]:
    """The package's licence from ``[open_data]`` in ``labor.toml`` (default CC BY 4.0)."""
    od = lab.open_data
    name = od.licence.strip()
    title, path = KNOWN_LICENCES.get(name, ("", ""))
    title = od.licence_title or title or name
    path = od.licence_url or path
    if not name:
        raise InputError(_('labor.toml: open_data.licence: must not be empty (e.g. "CC-BY-4.0")'))
    if not path:
        known = ", ".join(KNOWN_LICENCES)
        raise InputError(_('labor.toml: open_data.licence_url: the licence "{name}" is not one '
                           "of {known}; give its URL").format(name=name, known=known))
    return {"name": name, "path": path, "title": title}


def _slug(text: str) -> str:
    text = text.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    return re.sub(r"[^a-z0-9._-]+", "-", text).strip("-") or "labor"


def _csv(fields: Sequence[str], rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(fields), lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        clean = {}
        for k in fields:
            v = row.get(k, "")
            if isinstance(v, bool):
                v = "true" if v else "false"
            elif isinstance(v, float) and v.is_integer():
                v = int(v)
            elif v is None:
                v = ""
            clean[k] = v
        writer.writerow(clean)
    return buf.getvalue()


def package_files(workspace: Workspace, results: Sequence[StoredResult],
                  sessions: Sequence[str] | None = None) -> dict[str, str]:
    """The files of the package (name -> text) for ``results`` and the sessions in scope
    (``sessions``: session ids; default: the sessions of the results)."""
    lab = workspace.lab
    data = Dataset.load(workspace, results)
    wanted = set(sessions) if sessions is not None else {r.session for r in results}
    session_rows = []
    for s in data.sessions:
        if s.session.id not in wanted:
            continue
        session_rows.append({
            "termin": s.session.id, "gemeinde": s.municipality.name, "ags": s.municipality.ags,
            "phase": s.phase, "format": s.format.id, "format_titel": s.format.title,
            "thema": s.format.theme.value, "datum": s.session.date.isoformat(),
            "bis": s.session.last_date.isoformat(),
            "ort": s.venue.name if s.venue else "", "ortsteil": s.ortsteil,
            "stationen": len(s.session.stations), "ergebnis_erfasst": s.held,
            "teilnehmende": s.participants if s.held else None,
        })
    for r in data.orphans:  # results of sessions no longer planned: kept, with what is known
        if r.session in {row["termin"] for row in session_rows}:
            continue
        m = workspace.municipalities.get(r.municipality)
        fmt = workspace.catalogue.get(r.format)
        session_rows.append({
            "termin": r.session, "gemeinde": m.name if m else r.municipality,
            "ags": m.ags if m else "", "phase": r.phase, "format": r.format,
            "format_titel": fmt.title if fmt else "", "thema": fmt.theme.value if fmt else "",
            "stationen": 0, "ergebnis_erfasst": True, "teilnehmende": None,
        })
    participants = []
    for r in results:
        for group, n in r.result.participants.items():
            participants.append({
                "termin": r.session, "station": r.result.station or "",
                "tag": r.result.day.isoformat() if r.result.day else "",
                "zielgruppe": getattr(group, "value", group), "anzahl": n,
            })
    values = [row for row in export_rows(workspace, results, include_personal=False)
              if row["feld"] != "teilnehmende"]
    value_columns = list(EXPORT_COLUMNS)
    value_fields = [
        _field(name, _TYPES.get(name, "string"), EXPORT_COLUMNS[name],
               {"required": True} if name in ("termin", "feld") else {})
        for name in value_columns
    ]
    od = lab.open_data
    package = {
        "profile": "tabular-data-package",
        "name": f"werkzeugkoffer-ergebnisse-{_slug(lab.name)}",
        "title": od.title or f"Ergebnisse der Beteiligungstermine: {lab.name}",
        "description": od.description or (
            f"Was die Beteiligungstermine des {lab.name} ({lab.organiser}) ergeben haben: "
            "Termine, Teilnehmende nach Zielgruppe und die Werte der Ergebnisbögen, ohne "
            "personenbezogene Angaben."),
        "licenses": [licence(lab)],
        "contributors": [
            {"title": lab.organiser, "role": "publisher", **({"path": lab.url} if lab.url
                                                            else {})},
            {"title": lab.name, "role": "author"},
        ],
        "keywords": ["Open Government", "Bürgerbeteiligung", "Beteiligungsformate"],
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "sources": [{"title": f"werkzeugkoffer {version()}"}],
        "resources": [
            _resource("termine", "Termine", "Die Beteiligungstermine, geplant und durchgeführt.",
                      [_field(*f) for f in _SESSION_FIELDS], primary_key="termin"),
            _resource("teilnehmende", "Teilnehmende",
                      "Teilnehmende je Termin (und Station oder Tag) nach Zielgruppe.",
                      [_field(*f) for f in _PARTICIPANT_FIELDS], foreign_key=True),
            _resource("ergebnisse", "Ergebnisse",
                      "Die Werte der Ergebnisbögen, eine Zeile je Wert.", value_fields,
                      foreign_key=True),
        ],
    }
    return {
        "termine.csv": _csv([f[0] for f in _SESSION_FIELDS], session_rows),
        "teilnehmende.csv": _csv([f[0] for f in _PARTICIPANT_FIELDS], participants),
        "ergebnisse.csv": _csv(value_columns, values),
        PACKAGE_FILE: json.dumps(package, ensure_ascii=False, indent=2) + "\n",
    }


def check_output_folder(out: Path, *, force: bool) -> None:
    """An export folder must be new or empty, unless ``force``."""
    if out.exists() and not out.is_dir():
        raise InputError(_("{path}: is a file, expected a folder for the data package").format(
            path=out))
    if out.is_dir() and not force:
        inside = sorted(p.name for p in out.iterdir())
        if inside:
            shown = ", ".join(inside[:5]) + (" ..." if len(inside) > 5 else "")
            raise InputError(_("{path}: folder is not empty ({files}); choose an empty folder, or "
                               "use --force to write into it (files of the same name are "
                               "replaced)").format(path=out, files=shown))


def write_datapackage(workspace: Workspace, results: Sequence[StoredResult], out: str | Path, *,
                      sessions: Sequence[str] | None = None, force: bool = False) -> list[Path]:
    """Write the data package into folder ``out`` (new or empty unless ``force``); return the
    files written."""
    out = Path(out)
    check_output_folder(out, force=force)
    files = package_files(workspace, results, sessions)
    written = []
    for name, text in files.items():
        path = out / name
        write_atomic(path, text)
        written.append(path)
    return written
