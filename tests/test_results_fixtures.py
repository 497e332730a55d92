"""Workspaces for the result, store, report and impact tests (imported by those test modules).

``make_workspace`` writes a small lab: municipalities with Ortsteile and venues, two phases each,
sessions alternating the built-in ``digital.datensafari`` and a test-only format ``test.alles``
(in the workspace's ``formate/``) that has a field of every result type, a scores field with the
KGSt role profile of seed 000 and indicators on every level.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

KGST = [
    "Persönliche Kompetenz", "Soziale Kompetenz", "Strategische Kompetenz", "Ethische Kompetenz",
    "IT- und Medienkompetenz", "Diversity Kompetenz", "Führungskompetenz",
    "Personalentwicklungskompetenz",
]
KGST_TARGETS = {KGST[0]: 80, KGST[1]: 80, KGST[2]: 90, KGST[3]: 50, KGST[4]: 80, KGST[5]: 70}

LAB = """\
name = "Testlabor"
organiser = "Landkreis Test"
state = "HE"

[[contacts]]
name = "Alex Beispiel"
role = "Koordination"
email = "labor@example.org"

[[team]]
name = "Alex Beispiel"
role = "Koordination"
hours_per_week = 20

[[inventory]]
id = "tablet"
name = "Tablet"
quantity = 12

[[inventory]]
id = "powerbank"
name = "Powerbank"
quantity = 12
"""

ALLES = """\
id = "test.alles"
version = "1.0.0"
title = "Alles-Test"
theme = "partizipativ"
summary = "Ein Testformat mit jedem Ergebnistyp."
purpose = "Tests."
question = "Was testen wir?"
level = "consult"
principles = ["beteiligung"]
target_groups = ["jugendliche", "erwachsene", "senioren"]
settings = ["drinnen"]
duration_minutes = 60
participants_min = 2
participants_max = 40
lead_days = 7
accessibility = "barrierefrei"
materials = []
preparation = []

[space]

[data_protection]
personal_data = true
notes = "Bemerkungen können Namen enthalten."

[[roles]]
name = "Leitung"

[[agenda]]
minutes = 60
title = "Alles"

[[result_fields]]
name = "anzahl"
label = "Beiträge"
type = "count"
required = true

[[result_fields]]
name = "summe"
label = "Ausgaben"
type = "number"
unit = "EUR"

[[result_fields]]
name = "anteil"
label = "Anteil Erstteilnehmende"
type = "percent"

[[result_fields]]
name = "bemerkung"
label = "Bemerkung"
type = "text"
personal = true

[[result_fields]]
name = "ideen"
label = "Ideen"
type = "text_list"

[[result_fields]]
name = "abstimmung"
label = "Abstimmung"
type = "choice_votes"
options = ["Ja", "Nein", "Enthaltung"]

[[result_fields]]
name = "bewertung"
label = "Zufriedenheit"
type = "rating"

[[result_fields]]
name = "punkte"
label = "Kartenpunkte"
type = "map_points"
options = ["Lieblingsort", "Gefahrenstelle", "Wunsch"]

[[result_fields]]
name = "kompetenzen"
label = "Kompetenzcheck"
type = "scores"
options = [%(options)s]
targets = { %(targets)s }

[[indicators]]
id = "termine"
label = "Termine finden statt"
level = "output"
step = 1

[[indicators]]
id = "beitraege"
label = "Beiträge"
level = "output"
step = 2
field = "anzahl"
aggregate = "sum"
target = 10

[[indicators]]
id = "zufriedenheit"
label = "Zufriedenheit"
level = "output"
step = 3
field = "bewertung"
aggregate = "mean"
target = 4

[[indicators]]
id = "kompetenz"
label = "Erfüllungsgrad Kompetenzcheck"
level = "outcome"
step = 4
field = "kompetenzen"
aggregate = "share"
target = 80

[[indicators]]
id = "ideen"
label = "Ideen gesammelt"
level = "outcome"
step = 5
field = "ideen"
aggregate = "sum"
target = 3

[[indicators]]
id = "gesellschaft"
label = "Das Miteinander im Ort verändert sich"
level = "impact"
step = 7
description = "Schriftlich einschätzen."
""" % {
    "options": ", ".join(f'"{k}"' for k in KGST),
    "targets": ", ".join(f'"{k}" = {v}' for k, v in KGST_TARGETS.items()),
}

TOWNS = {
    "lohra": ("Lohra", "06534013", ["Lohra", "Altenvers", "Damm", "Kirchvers"]),
    "wohratal": ("Wohratal", "06534022", ["Wohra", "Hertingshausen", "Langendorf"]),
    "angelburg": ("Angelburg", "06534002", ["Gönnern", "Frechenhausen", "Lixfeld"]),
}


def municipality_toml(slug: str, name: str, ags: str, ortsteile: list[str],
                      sessions_per_phase: int = 4) -> str:
    lines = [
        f'name = "{name}"', f'ags = "{ags}"', "population = 5000",
        f'main_town = "{ortsteile[0]}"',
        "ortsteile = [" + ", ".join(f'"{o}"' for o in ortsteile) + "]", "",
    ]
    for i, o in enumerate(ortsteile):
        lines += ["[[venues]]", f'id = "v{i}"', f'name = "DGH {o}"', f'ortsteil = "{o}"', ""]
    starts = {1: dt.date(2027, 3, 1), 2: dt.date(2027, 6, 7)}
    for phase, start in starts.items():
        lines += ["[[phases]]", f"number = {phase}", f"start = {start.isoformat()}",
                  f"end = {(start + dt.timedelta(days=41)).isoformat()}", ""]
        for k in range(sessions_per_phase):
            fmt = "test.alles" if k % 2 == 0 else "digital.datensafari"
            day = start + dt.timedelta(days=5 + 7 * (k % 6))
            venue = f"v{k % len(ortsteile)}" if phase == 2 else f"v{min(k, 1) % len(ortsteile)}"
            lines += [
                "[[phases.sessions]]", f'id = "{slug}-p{phase}-{k + 1:02d}"',
                f'format = "{fmt}"', f"date = {day.isoformat()}", 'start = "10:00"',
                f'end = "{"11:00" if fmt == "test.alles" else "12:30"}"', f'venue = "{venue}"',
                "expected = 12", "",
            ]
    return "\n".join(lines)


def make_workspace(root: Path, *, towns: dict | None = None, sessions_per_phase: int = 4) -> Path:
    """Write a test workspace into ``root``; return ``root``."""
    towns = TOWNS if towns is None else towns
    (root / "gemeinden").mkdir(parents=True, exist_ok=True)
    (root / "formate").mkdir(exist_ok=True)
    (root / "labor.toml").write_text(LAB, encoding="utf-8")
    (root / "formate" / "alles.toml").write_text(ALLES, encoding="utf-8")
    for slug, (name, ags, ortsteile) in towns.items():
        (root / "gemeinden" / f"{slug}.toml").write_text(
            municipality_toml(slug, name, ags, ortsteile, sessions_per_phase), encoding="utf-8"
        )
    return root


def full_alles_values(ortsteile: tuple[str, str] = ("Damm", "Lohra")) -> dict:
    """Values for every field of ``test.alles`` (map points in two of the ``ortsteile``)."""
    return {
        "anzahl": 12,
        "summe": 25.5,
        "anteil": 40,
        "bemerkung": "Frau Müller aus der Hauptstraße hat geholfen",
        "ideen": ["Mehr Bänke", "Bus am Sonntag", "mehr Bänke"],
        "abstimmung": {"Ja": 7, "Nein": 2},
        "bewertung": 4.5,
        "punkte": [
            {"category": "Gefahrenstelle", "ortsteil": ortsteile[0], "note": "Kreuzung ohne Ampel"},
            {"category": "Lieblingsort", "ortsteil": ortsteile[1], "note": ""},
        ],
        "kompetenzen": [
            {"label": "Kim", "values": {KGST[0]: 60, KGST[1]: 90, KGST[2]: 45, KGST[3]: 50,
                                        KGST[4]: 80, KGST[5]: 35}},
        ],
    }


def datensafari_values(n: int = 1) -> dict:
    return {
        "bearbeitungen": 40 + n,
        "orte": 10 + n,
        "aufgaben": {"Sitzbänke": 3 + n, "Radwege": 1},
        "datenluecken": [f"Lücke {n}", "Öffnungszeiten Bücherei"],
        "zufriedenheit": 4.0,
    }


def load(root: Path):
    from werkzeugkoffer import Workspace

    return Workspace.load(root)


def write_csv(path: Path, rows: list[list], *, delimiter: str = ";", bom: bool = False) -> Path:
    """Write result-sheet CSV lines (header first)."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerows(rows)
    path.write_bytes((("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8"))
    return path


HEADER = ["termin", "feld", "bezeichnung", "option", "ortsteil", "profil", "wert"]


def datensafari_rows(session: str, entries: int = 3) -> list[list]:
    """CSV lines of a digital.datensafari result with ``entries`` open data gaps."""
    rows = [
        [session, "Teilnehmende", "", "jugendliche", "", "", "4"],
        [session, "Teilnehmende", "", "senioren", "", "", "3"],
        [session, "bearbeitungen", "", "", "", "", "57"],
        [session, "orte", "", "", "", "", "23"],
        [session, "aufgaben", "", "Sitzbänke", "", "", "12"],
        [session, "aufgaben", "", "Radwege", "", "", "3"],
        [session, "zufriedenheit", "", "", "", "", "4,5"],
    ]
    rows += [[session, "datenluecken", "", "", "", "", f"Lücke {i}"] for i in range(entries)]
    return rows


def datensafari_sessions(ws) -> list[str]:
    return sorted(sid for sid, (_, _, s) in ws.sessions().items()
                  if s.format == "digital.datensafari")


def count_results(root: Path, sessions=None) -> int:
    """Results in the workspace's database, read with plain sqlite3."""
    import sqlite3

    path = root / "ergebnisse.sqlite"
    if not path.exists():
        return 0
    conn = sqlite3.connect(path)
    try:
        if conn.execute("SELECT name FROM sqlite_master WHERE name = 'results'").fetchone() is None:
            return 0  # killed before the schema was committed: an empty database
        if sessions is None:
            return conn.execute("SELECT COUNT(*) FROM results").fetchone()[0]
        marks = ",".join("?" * len(sessions))
        return conn.execute(f"SELECT COUNT(*) FROM results WHERE session IN ({marks})",
                            list(sessions)).fetchone()[0]
    finally:
        conn.close()


#: The seven Ortsteile of Breidenbach (DOMAIN.md), one Tempo-Challenge station in each.
BREIDENBACH = ["Breidenbach", "Achenbach", "Niederdieten", "Oberdieten", "Kleingladenbach",
               "Wiesenbach", "Wolzhausen"]
STATION_SESSION = "breidenbach-p1-01"


def station_workspace(root: Path) -> Path:
    """A lab with one municipality, Breidenbach: seven Ortsteile with a venue each (``v0`` in
    the main town ... ``v6``); phase 1 holds the Tempo-Challenge ``breidenbach-p1-01`` with one
    station per Ortsteil, open 24.06.-03.07.2027 from 14 to 18 h (station ``v6`` only on
    weekends), and a ``test.alles`` session ``breidenbach-p1-02`` in the main town; phase 2
    one ``test.alles`` session."""
    make_workspace(root, towns={})
    lines = ['name = "Breidenbach"', 'ags = "06534005"', "population = 6778",
             'main_town = "Breidenbach"',
             "ortsteile = [" + ", ".join(f'"{o}"' for o in BREIDENBACH) + "]", ""]
    for i, o in enumerate(BREIDENBACH):
        lines += ["[[venues]]", f'id = "v{i}"', f'name = "DGH {o}"', f'ortsteil = "{o}"',
                  "indoor = false" if i else "", ""]
    lines += ["[[phases]]", "number = 1", "start = 2027-06-14", "end = 2027-07-25", "",
              "[[phases.sessions]]", f'id = "{STATION_SESSION}"',
              'format = "partizipativ.tempo-challenge"', "date = 2027-06-24",
              "end_date = 2027-07-03", 'start = "14:00"', 'end = "18:00"', "expected = 350", ""]
    for i in range(len(BREIDENBACH)):
        lines += ["[[phases.sessions.stations]]", f'venue = "v{i}"',
                  "weekdays = [6, 7]" if i == 6 else "", ""]
    lines += ["[[phases.sessions]]", 'id = "breidenbach-p1-02"', 'format = "test.alles"',
              "date = 2027-06-19", 'start = "10:00"', 'end = "11:00"', 'venue = "v0"',
              "expected = 20", "",
              "[[phases]]", "number = 2", "start = 2027-09-06", "end = 2027-10-17", "",
              "[[phases.sessions]]", 'id = "breidenbach-p2-01"', 'format = "test.alles"',
              "date = 2027-09-18", 'start = "10:00"', 'end = "11:00"', 'venue = "v1"',
              "expected = 20", ""]
    (root / "gemeinden" / "breidenbach.toml").write_text("\n".join(lines), encoding="utf-8")
    return root


def station_rows(session: str, station: str, participants: int, *, answers: int,
                 votes: dict[str, int], share: float | None = None, day: str = "",
                 points: list[tuple[str, str, str]] = ()) -> list[list[str]]:
    """CSV lines (:data:`HEADER_PARTS`) of one Tempo-Challenge station sheet."""
    rows = [[session, station, day, "Teilnehmende", "", "erwachsene", "", "", str(participants)],
            [session, station, day, "umfrage_antworten", "", "", "", "", str(answers)],
            [session, station, day, "aufgaben_erledigt", "", "", "", "", "1"],
            [session, station, day, "rangliste", "", "", "", "", f"{station}: {answers}"],
            [session, station, day, "ergebnisveranstaltung", "", "", "", "",
             "15.07.2027, DGH Wiesenbach"]]
    rows += [[session, station, day, "tempo_meinung", "", opt, "", "", str(n)]
             for opt, n in votes.items()]
    if share is not None:
        rows.append([session, station, day, "entscheidungsweg_verstanden", "", "", "", "",
                     str(share)])
    rows += [[session, station, day, "stellen", "", cat, place, "", note]
             for cat, place, note in points]
    return rows


HEADER_PARTS = ["termin", "station", "tag", "feld", "bezeichnung", "option", "ortsteil",
                "profil", "wert"]
