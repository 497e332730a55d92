#!/usr/bin/env python3
"""Generate the bundled example workspace ``marburg-biedenkopf``.

The example is Landkreis Marburg-Biedenkopf with its 22 municipalities, each with two planned
lab phases in 2027 (a district tour). This script holds the example as compact data tables and
writes ``core/example_data/marburg-biedenkopf/labor.toml`` and ``gemeinden/<slug>.toml`` with
German comments for the user.

Session dates are not typed in by hand: each session names its format, venue and expected
participants (a few are pinned to a date), and a small deterministic planner puts it on a day and
time inside its phase so that the checks of ``werkzeugkoffer check`` pass:

- no public holiday of Hessen, no open-air session on the Easter quiet days;
- no two sessions at one venue at the same time (a pop-up lab may host sessions);
- the lab team and the tool case inventory suffice for everything that runs at the same time,
  lab-wide (formats come from the installed catalogue; a format not in the catalogue yet is
  planned with its size from the catalogue contract, without material checks);
- where possible no two single-day sessions of the whole lab at the same time, and no two
  sessions of one municipality on the same day.

The planner walks the days in a fixed order, so the output is the same on every run (for the
same catalogue).

Usage::

    python scripts/make_example.py            # write the files
    python scripts/make_example.py --out DIR  # write elsewhere
    python scripts/make_example.py --stats    # also print sessions and Ortsteile per phase
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import textwrap
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "core" / "example_data" / "marburg-biedenkopf"

# ---------------------------------------------------------------------------------------------
# The lab
# ---------------------------------------------------------------------------------------------

LAB = {
    "name": "Open Government Labor Marburg-Biedenkopf – Werkzeugkoffer",
    "organiser": "Landkreis Marburg-Biedenkopf",
    "state": "HE",
    "url": "https://www.marburg-biedenkopf.de",
    "tool_cases": 2,
}

LAB_CONTACTS = [
    ("Katrin Muster", "Koordination Open Government Labor", "labor@marburg-biedenkopf.example.org"),
    ("Emine Testfeld", "Presse und Öffentlichkeitsarbeit",
     "presse-labor@marburg-biedenkopf.example.org"),
]

# (name, role, hours per week); all names are invented example names
TEAM = [
    ("Katrin Muster", "Koordination, Verwaltungsformate (Kompetenzcheck, Wissenswerkstatt)", 39),
    ("Jonas Beispiel", "Digitale Formate und Technik im Werkzeugkoffer", 30),
    ("Mira Exempel", "Kreative Formate und Gestaltung", 25),
    ("Deniz Vorlage", "Beteiligung und Moderation", 30),
    ("Lukas Platzhalter", "Logistik, Lastenrad und Inventar", 20),
    ("Emine Testfeld", "Kommunikation und Wirkungsmessung", 20),
]

# Host of a session by theme (the municipalities' people join on site)
HOSTS = {
    "digital": "Jonas Beispiel",
    "kreativ": "Mira Exempel",
    "partizipativ": "Deniz Vorlage",
    "verwaltung": "Katrin Muster",
    "popup": "Lukas Platzhalter",
}

# The tool case inventory: exactly the table of the catalogue contract
INVENTORY = [
    ("tablet", "Tablet (mit StreetComplete, Actionbound, Umfrage-App)", 12),
    ("powerbank", "Powerbank", 12),
    ("laptop", "Laptop", 4),
    ("beamer", "Beamer", 2),
    ("leinwand", "Leinwand (mobil)", 2),
    ("tonanlage", "Mobile Tonanlage mit Mikrofon", 2),
    ("lte-router", "Mobiler WLAN-Router (LTE)", 3),
    ("pinnwand", "Moderationswand (Pinnwand)", 12),
    ("moderationskoffer", "Moderationskoffer (Karten, Stifte, Nadeln, Punkte)", 6),
    ("flipchart", "Flipchart-Ständer", 6),
    ("pavillon", "Faltpavillon 3 x 3 m", 3),
    ("bierzeltgarnitur", "Festzeltgarnitur (Tisch und zwei Bänke)", 8),
    ("stehtisch", "Stehtisch", 6),
    ("rollup", "Roll-up „Werkzeugkoffer\"", 3),
    ("picknickdecke", "Picknickdecke", 24),
    ("magnetwand", "Magnetwand mit Karten", 3),
    ("kamera", "Digitalkamera", 2),
    ("werkzeugkiste", "Werkzeugkiste für Reparaturen", 3),
    ("kabeltrommel", "Kabeltrommel / Verlängerung", 8),
    ("klemmbrett", "Klemmbrett", 30),
    ("lastenrad", "Lastenrad „Mobiles Labor\"", 1),
    ("modellplatte", "Modellbau-Set (Grundplatten, Symbolkarten, Fähnchen)", 2),
    ("stimmbox", "Abstimmungsbox-Set (Murmeln, Röhren)", 2),
    ("sitzwuerfel", "Sitzwürfel", 20),
]

RULES = {
    "min_weeks": 6,
    "max_weeks": 8,
    "min_gap_weeks": 4,
    "avoid_school_holidays": False,
    "avoid_public_holidays": True,
}

PHASE_RULES = [
    (1, "Erkunden", "Viele Menschen in allen Ortsteilen erreichen, Themen, Wünsche und Ideen "
                    "sammeln"),
    (2, "Vertiefen", "Die wichtigsten Themen aus Phase 1 gemeinsam bearbeiten, entscheiden und "
                     "Ergebnisse öffentlich vorstellen"),
]

# Intended effects from the programme profile of the Marburg-Biedenkopf lab
GOALS = [
    "Breite Beteiligung: Menschen aus allen Ortsteilen und Altersgruppen machen mit, nicht nur in "
    "den Kernorten.",
    "Kompetenz im ganzen Landkreis: Verwaltungen und Ehrenamtliche führen Beteiligung selbst "
    "durch.",
    "Bessere Lösungen durch eine neue Qualität der Zusammenarbeit von Bürgerschaft, Politik und "
    "Verwaltung.",
    "Nachhaltiges Wissen: Methoden und Ergebnisse bleiben im Werkzeugkoffer und werden geteilt.",
    "Belebte Ortskerne: Dorfmitten und Leerstände werden zu Treffpunkten.",
]

# ---------------------------------------------------------------------------------------------
# Formats: sizes from the catalogue contract (used when the catalogue does not have the format
# yet), a German label for default titles, the usual number of days and the time slots
# ((weekdays Mon=0..Sun=6), start) in order of preference.
# ---------------------------------------------------------------------------------------------

WORKDAYS = (0, 1, 2, 3, 4)
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)

FORMATS = {
    "digital.datensafari": ("Datensafari", 150, 5, 20, 1,
                            [((5,), "10:00"), ((2, 4), "16:00")]),
    "digital.digitalambulanz": ("Digitalambulanz", 120, 4, 16, 1,
                                [((1, 3), "15:00"), ((0, 2, 4), "10:00")]),
    "digital.kompetenzcheck": ("Kompetenzcheck", 90, 4, 12, 1,
                               [(WORKDAYS, "09:00"), ((0, 1, 2, 3), "13:30")]),
    "digital.datenspaziergang": ("Datenspaziergang", 120, 8, 25, 1,
                                 [((1, 3), "17:00"), ((5,), "10:00")]),
    "digital.hackathon": ("Hackathon", 480, 15, 60, 2, [((5,), "09:00")]),
    "digital.ok-lab": ("OK-Lab-Abend", 120, 5, 20, 1, [((1, 2, 3), "19:00")]),
    "digital.actionbound-rallye": ("Actionbound-Rallye", 120, 8, 40, 1,
                                   [((2, 4), "15:00"), ((5,), "14:00")]),
    "digital.lotsenrunde": ("Lots:innen-Runde", 60, 4, 12, 1, [((1, 2, 3), "14:00")]),
    "digital.online-beteiligung": ("Umfrage-Station", 180, 10, 120, 1,
                                   [((5,), "09:00"), ((4,), "09:00")]),
    "kreativ.zukunftswerkstatt": ("Zukunftswerkstatt", 360, 10, 25, 1, [((5,), "10:00")]),
    "kreativ.fotowettbewerb": ("Fotowettbewerb", 120, 10, 80, 28, [(WORKDAYS, "17:00")]),
    "kreativ.planning-for-real": ("Planning for Real", 240, 8, 50, 1,
                                  [((5,), "10:00"), ((5,), "13:00")]),
    "kreativ.mitmach-ausstellung": ("Mitmach-Ausstellung", 240, 10, 150, 14,
                                    [(EVERY_DAY, "14:00")]),
    "kreativ.repair-cafe": ("Repair-Café", 180, 8, 40, 1, [((5,), "14:00"), ((6,), "14:00")]),
    "kreativ.graphic-recording": ("Ergebnisabend mit Graphic Recording", 120, 10, 200, 1,
                                  [((3, 4), "19:00"), ((0, 1, 2), "19:00")]),
    "kreativ.beteiligungs-picknick": ("Beteiligungs-Picknick", 180, 15, 120, 1,
                                      [((6,), "14:00")]),
    "kreativ.pop-up-labor": ("Pop-up-Labor", 360, 10, 200, 42, [((5,), "10:00")]),
    "partizipativ.tempo-challenge": ("Tempo-Challenge", 240, 20, 600, 10, [((4,), "15:00")]),
    "partizipativ.dorfspaziergang": ("Dorfspaziergang", 180, 10, 30, 1,
                                     [((5,), "14:00"), ((1, 3), "17:00")]),
    "partizipativ.world-cafe": ("World Café", 120, 20, 120, 1, [((0, 1, 2, 3), "18:30")]),
    "partizipativ.barcamp": ("Barcamp", 420, 20, 150, 1, [((5,), "10:00")]),
    "partizipativ.fishbowl": ("Fishbowl", 90, 15, 120, 1,
                              [((3, 4), "19:00"), ((0, 1, 2), "19:00")]),
    "partizipativ.ideenwerkstatt": ("Ideenwerkstatt", 210, 15, 80, 1,
                                    [((5,), "10:00"), ((2, 3), "17:30")]),
    "partizipativ.nadelmethode": ("Nadelmethode", 120, 10, 99, 1,
                                  [((5,), "10:00"), ((1, 3), "16:00")]),
    "partizipativ.markt-der-moeglichkeiten": ("Markt der Möglichkeiten", 300, 40, 300, 1,
                                              [((6,), "11:00"), ((5,), "11:00")]),
    "partizipativ.wissenswerkstatt": ("Wissenswerkstatt", 90, 10, 40, 1,
                                      [((1, 2, 3), "10:00")]),
    "partizipativ.buergerrat": ("Bürgerrat", 360, 12, 50, 1, [((5,), "10:00")]),
}

ADMIN_FORMATS = {"digital.kompetenzcheck", "digital.lotsenrunde", "partizipativ.wissenswerkstatt"}

# ---------------------------------------------------------------------------------------------
# Municipalities
# ---------------------------------------------------------------------------------------------

D, K, P = "digital.", "kreativ.", "partizipativ."


def V(vid, name, ortsteil, capacity=None, indoor=True, accessible=True, address=""):
    return {"id": vid, "name": name, "ortsteil": ortsteil, "capacity": capacity,
            "indoor": indoor, "accessible": accessible, "address": address}


def S(fmt, venue, expected, title=None, **opts):
    """A session to plan: format, venue id, expected participants, optional title and options
    (date, end_date, start, host, notes, last=True for the closing event of a phase)."""
    return {"format": fmt, "venue": venue, "expected": expected, "title": title, **opts}


WIKI = "Wikipedia-Artikel „{}“ (Gemeinde- bzw. Stadtgliederung)"

# Each entry: identity facts from DOMAIN.md, Ortsteile (source), a fictional contact, venues,
# the phase calendar (phase 1 start, weeks, gap weeks, phase 2 weeks), topics, sessions.
MUNICIPALITIES = [
    {
        "slug": "weimar-lahn", "name": "Weimar (Lahn)", "ags": "06534020", "kind": "Gemeinde",
        "population": 7231, "year": 2022, "main_town": "Niederweimar",
        "ortsteile": ["Niederweimar", "Allna", "Argenstein", "Kehna", "Nesselbrunn",
                      "Niederwalgern", "Oberweimar", "Roth", "Stedebach", "Weiershausen",
                      "Wenkbach", "Wolfshausen"],
        "source": WIKI.format("Weimar (Lahn)") + "; Verwaltungssitz Niederweimar",
        "contact": ("Sabine Vorlage", "Hauptamt, Bürgerbeteiligung"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Niederweimar", 50),
            V("buergerhaus-niederwalgern", "Bürgerhaus Niederwalgern", "Niederwalgern", 150),
            V("buergerhaus-allna", "Bürgerhaus Allna (ehemalige Schule)", "Allna", 60),
            V("dgh-roth", "Dorfgemeinschaftshaus Roth", "Roth", 80),
            V("dgh-oberweimar", "Dorfgemeinschaftshaus Oberweimar", "Oberweimar", 80),
            V("dgh-wenkbach", "Dorfgemeinschaftshaus Wenkbach", "Wenkbach", 80),
            V("seepark", "Seepark Niederweimar, Wiese am Parkplatz", "Niederweimar", 200,
              indoor=False),
        ],
        "calendar": ("2027-01-11", 7, 5, 6),
        "topics": ("Treffpunkte in den Dörfern, Busverbindungen", "Dorfmitte Niederwalgern"),
        "p1": [
            S(P + "fishbowl", "buergerhaus-niederwalgern", 40,
              "Auftakt: Was bewegt Weimar (Lahn)?"),
            S(D + "kompetenzcheck", "rathaus", 8, "Kompetenzcheck für das Rathaus-Team"),
            S(K + "mitmach-ausstellung", "buergerhaus-niederwalgern", 60,
              "Mitmach-Ausstellung „Unsere zwölf Dörfer“"),
            S(D + "digitalambulanz", "buergerhaus-allna", 10),
            S(P + "nadelmethode", "dgh-roth", 20, "Nadelmethode: Lieblingsorte und Angstorte"),
            S(K + "repair-cafe", "dgh-oberweimar", 18),
        ],
        "p2": [
            S(K + "planning-for-real", "buergerhaus-niederwalgern", 25,
              "Planning for Real: Dorfmitte Niederwalgern"),
            S(P + "ideenwerkstatt", "dgh-wenkbach", 25, "Ideenwerkstatt: Treffpunkte im Dorf"),
            S(D + "actionbound-rallye", "seepark", 20, "Actionbound-Rallye am Seepark"),
            S(P + "wissenswerkstatt", "rathaus", 18,
              "Wissenswerkstatt der Verwaltungen im Südkreis"),
            S(K + "graphic-recording", "buergerhaus-niederwalgern", 60, last=True),
        ],
    },
    {
        "slug": "marburg", "name": "Marburg", "ags": "06534014",
        "kind": "Stadt (Universitätsstadt)",
        "population": 77845, "year": 2022, "main_town": "Kernstadt",
        "ortsteile": ["Kernstadt", "Bauerbach", "Bortshausen", "Cappel", "Cyriaxweimar",
                      "Dagobertshausen", "Dilschhausen", "Elnhausen", "Ginseldorf", "Gisselberg",
                      "Haddamshausen", "Hermershausen", "Marbach", "Michelbach", "Moischt",
                      "Ronhausen", "Schröck", "Wehrda", "Wehrshausen"],
        "source": "Wikipedia-Artikel „Stadtgliederung Marburgs“: Kernstadt (15 Innenstadtbezirke, "
                  "hier als ein Eintrag „Kernstadt“) und 18 äußere Stadtteile mit Ortsbeirat",
        "contact": ("Thomas Beispielmann", "Stabsstelle Bürgerbeteiligung"),
        "venues": [
            V("rathaus", "Historisches Rathaus, Saal", "Kernstadt", 120, address="Markt 1"),
            V("marktplatz", "Marktplatz Oberstadt", "Kernstadt", 600, indoor=False),
            V("laden-oberstadt", "Leerstehendes Ladenlokal in der Oberstadt (Pop-up-Labor)",
              "Kernstadt", 80),
            V("buergerhaus-cappel", "Bürgerhaus Cappel", "Cappel", 250),
            V("buergerhaus-wehrda", "Bürgerhaus Wehrda", "Wehrda", 200),
            V("buergerhaus-marbach", "Bürgerhaus Marbach", "Marbach", 150),
            V("dgh-moischt", "Dorfgemeinschaftshaus Moischt", "Moischt", 100),
            V("dgh-schroeck", "Dorfgemeinschaftshaus Schröck", "Schröck", 120),
        ],
        "calendar": ("2027-01-25", 7, 5, 7),
        "topics": ("Leerstand in der Oberstadt, Wege zwischen Kernstadt und Stadtteilen",
                   "Offene Daten der Stadt und lebendige Stadtteilzentren"),
        "p1": [
            S(K + "pop-up-labor", "laden-oberstadt", 70,
              "Pop-up-Labor in der Oberstadt", date="2027-02-06", end_date="2027-03-06",
              start="10:00", notes="Geöffnet täglich 10 bis 16 Uhr; im Laden finden auch die "
              "Digitalambulanz, das Fishbowl-Gespräch und der OK-Lab-Abend statt."),
            S(D + "digitalambulanz", "laden-oberstadt", 12, "Digitalambulanz im Pop-up-Labor"),
            S(P + "fishbowl", "laden-oberstadt", 40,
              "Fishbowl im Pop-up-Labor: Was fehlt der Oberstadt?"),
            S(D + "ok-lab", "laden-oberstadt", 15, "OK-Lab-Abend: Offene Daten für Marburg"),
            S(P + "nadelmethode", "buergerhaus-marbach", 25),
            S(K + "repair-cafe", "buergerhaus-cappel", 25),
            S(D + "datensafari", "buergerhaus-wehrda", 12, "Datensafari in Wehrda"),
        ],
        "p2": [
            S(D + "datenspaziergang", "marktplatz", 20,
              "Datenspaziergang: Wo stecken Daten in der Oberstadt?"),
            S(P + "barcamp", "buergerhaus-cappel", 60, "Stadtteil-Barcamp"),
            S(K + "zukunftswerkstatt", "dgh-schroeck", 18, "Zukunftswerkstatt Schröck"),
            S(P + "ideenwerkstatt", "dgh-moischt", 25),
            S(K + "graphic-recording", "rathaus", 100, last=True),
        ],
    },
    {
        "slug": "fronhausen", "name": "Fronhausen", "ags": "06534009", "kind": "Gemeinde",
        "population": 4189, "year": 2023, "main_town": "Fronhausen",
        "ortsteile": ["Fronhausen", "Bellnhausen", "Erbenhausen", "Hassenhausen", "Holzhausen",
                      "Oberwalgern", "Sichertshausen"],
        "source": WIKI.format("Fronhausen"),
        "contact": ("Ralf Exempel", "Hauptamt"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungsraum", "Fronhausen", 40),
            V("buergerhaus", "Bürgerhaus Fronhausen", "Fronhausen", 200),
            V("dgh-sichertshausen", "Dorfgemeinschaftshaus Sichertshausen", "Sichertshausen", 80),
            V("dgh-oberwalgern", "Dorfgemeinschaftshaus Oberwalgern", "Oberwalgern", 80),
            V("dgh-hassenhausen", "Dorfgemeinschaftshaus Hassenhausen", "Hassenhausen", 60),
            V("dorfplatz-bellnhausen", "Dorfplatz Bellnhausen", "Bellnhausen", 100, indoor=False),
            V("festplatz", "Festplatz „Auf der Schwärz“", "Fronhausen", 500, indoor=False),
        ],
        "calendar": ("2027-02-01", 7, 5, 6),
        "topics": ("Lahnauen, Bahnhof und Nahversorgung", "Ein Treffpunkt für Jung und Alt"),
        "p1": [
            S(P + "ideenwerkstatt", "buergerhaus", 30,
              "Auftakt-Werkstatt: Wie lebt es sich in Fronhausen?"),
            S(K + "mitmach-ausstellung", "buergerhaus", 50),
            S(D + "digitalambulanz", "dgh-sichertshausen", 10),
            S(P + "nadelmethode", "dgh-oberwalgern", 20),
            S(D + "kompetenzcheck", "rathaus", 6, "Kompetenzcheck für die Verwaltung"),
            S(K + "repair-cafe", "dgh-hassenhausen", 15),
        ],
        "p2": [
            S(K + "zukunftswerkstatt", "buergerhaus", 18,
              "Zukunftswerkstatt: Treffpunkt Fronhausen"),
            S(P + "dorfspaziergang", "dorfplatz-bellnhausen", 15),
            S(D + "datensafari", "festplatz", 10),
            S(P + "fishbowl", "dgh-oberwalgern", 30, "Ergebnisabend im Fishbowl", last=True),
        ],
    },
    {
        "slug": "coelbe", "name": "Cölbe", "ags": "06534006", "kind": "Gemeinde",
        "population": 6562, "year": 2023, "main_town": "Cölbe",
        "ortsteile": ["Cölbe", "Bernsdorf", "Bürgeln", "Reddehausen", "Schönstadt",
                      "Schwarzenborn"],
        "source": "Gemeinde Cölbe, Seite „Geschichte“ (coelbe.de); " + WIKI.format("Cölbe"),
        "contact": ("Heike Musterfrau", "Fachbereich Zentrale Dienste"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Cölbe", 50, address="Kasseler Straße 88"),
            V("buergerhaus", "Bürgerhaus Cölbe", "Cölbe", 250),
            V("dgh-schoenstadt", "Dorfgemeinschaftshaus Schönstadt", "Schönstadt", 120),
            V("dgh-buergeln", "Dorfgemeinschaftshaus Bürgeln", "Bürgeln", 100),
            V("dgh-reddehausen", "Dorfgemeinschaftshaus Reddehausen", "Reddehausen", 70),
            V("dorfplatz-schwarzenborn", "Dorfplatz Schwarzenborn", "Schwarzenborn", 80,
              indoor=False),
            V("sportplatz-buergeln", "Sportplatz Bürgeln", "Bürgeln", 200, indoor=False),
        ],
        "calendar": ("2027-02-15", 7, 5, 7),
        "topics": ("Verkehr an der B 3 und B 62, Angebote für Jugendliche",
                   "Sichere Wege zwischen den Ortsteilen"),
        "p1": [
            S(P + "fishbowl", "buergerhaus", 45, "Auftakt: Cölbe im Gespräch"),
            S(K + "mitmach-ausstellung", "buergerhaus", 70),
            S(D + "digitalambulanz", "dgh-schoenstadt", 12),
            S(D + "kompetenzcheck", "rathaus", 8, "Kompetenzcheck für das Rathaus-Team"),
            S(P + "nadelmethode", "dgh-buergeln", 20),
            S(K + "repair-cafe", "dgh-reddehausen", 15),
        ],
        "p2": [
            S(K + "zukunftswerkstatt", "buergerhaus", 20,
              "Zukunftswerkstatt: Wege und Treffpunkte"),
            S(P + "dorfspaziergang", "dorfplatz-schwarzenborn", 15),
            S(D + "datensafari", "sportplatz-buergeln", 10, "Datensafari: Wege und Bänke erfassen"),
            S(P + "fishbowl", "dgh-schoenstadt", 35, "Ergebnisabend im Fishbowl", last=True),
        ],
    },
    {
        "slug": "lohra", "name": "Lohra", "ags": "06534013", "kind": "Gemeinde",
        "population": 5597, "year": 2022, "main_town": "Lohra",
        "ortsteile": ["Lohra", "Altenvers", "Damm", "Kirchvers", "Nanz-Willershausen",
                      "Reimershausen", "Rodenhausen", "Rollshausen", "Seelbach",
                      "Weipoltshausen"],
        "source": WIKI.format("Lohra") + " (zehn Ortsteile)",
        "contact": ("Carsten Muster", "Bürgerbüro"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungsraum", "Lohra", 40, address="Heinrich-Naumann-Weg 2"),
            V("buergerhaus", "Bürgerhaus Lohra", "Lohra", 200),
            V("dgh-kirchvers", "Dorfgemeinschaftshaus Kirchvers", "Kirchvers", 80),
            V("dgh-altenvers", "Dorfgemeinschaftshaus Altenvers", "Altenvers", 80),
            V("dgh-nanz-willershausen", "Dorfgemeinschaftshaus Nanz-Willershausen",
              "Nanz-Willershausen", 60),
            V("dorfplatz-damm", "Dorfplatz Damm", "Damm", 80, indoor=False),
            V("sportplatz", "Sportplatz Lohra", "Lohra", 200, indoor=False),
        ],
        "calendar": ("2027-02-22", 7, 5, 6),
        "topics": ("Leben im Salzbödetal, Nahversorgung, Vereine",
                   "Ortsmitte Lohra und Angebote für Ältere"),
        "p1": [
            S(P + "ideenwerkstatt", "buergerhaus", 30, "Auftakt: Lohra und seine zehn Dörfer"),
            S(D + "digitalambulanz", "dgh-kirchvers", 10),
            S(P + "nadelmethode", "dgh-altenvers", 15),
            S(K + "repair-cafe", "dgh-nanz-willershausen", 12),
            S(D + "kompetenzcheck", "rathaus", 6, "Kompetenzcheck für die Verwaltung"),
        ],
        "p2": [
            S(K + "planning-for-real", "buergerhaus", 25, "Planning for Real: Ortsmitte Lohra"),
            S(P + "dorfspaziergang", "dorfplatz-damm", 12),
            S(D + "datensafari", "sportplatz", 10),
            S(P + "wissenswerkstatt", "rathaus", 15,
              "Wissenswerkstatt: Lohra, Weimar und Fronhausen"),
            S(P + "fishbowl", "dgh-kirchvers", 30, "Ergebnisabend im Fishbowl", last=True),
        ],
    },
    {
        "slug": "ebsdorfergrund", "name": "Ebsdorfergrund", "ags": "06534008", "kind": "Gemeinde",
        "population": 9097, "year": 2023, "main_town": "Dreihausen",
        "ortsteile": ["Dreihausen", "Beltershausen", "Ebsdorf", "Hachborn", "Heskem",
                      "Ilschhausen", "Leidenhofen", "Rauischholzhausen", "Roßberg",
                      "Wermertshausen", "Wittelsberg"],
        "source": WIKI.format("Ebsdorfergrund") + " (elf Dörfer); Verwaltungssitz Dreihausen",
        "contact": ("Julia Beispiel", "Ordnungs- und Sozialamt"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Dreihausen", 50),
            V("buergerzentrum", "Bürgerzentrum Dreihausen", "Dreihausen", 250),
            V("dgh-heskem", "Dorfgemeinschaftshaus Heskem", "Heskem", 120),
            V("dgh-ebsdorf", "Dorfgemeinschaftshaus Ebsdorf", "Ebsdorf", 100),
            V("dgh-rauischholzhausen", "Dorfgemeinschaftshaus Rauischholzhausen",
              "Rauischholzhausen", 120),
            V("dgh-hachborn", "Dorfgemeinschaftshaus Hachborn", "Hachborn", 80),
            V("dorfplatz-wittelsberg", "Dorfplatz Wittelsberg", "Wittelsberg", 80, indoor=False),
            V("sportplatz-leidenhofen", "Sportplatz Leidenhofen", "Leidenhofen", 150,
              indoor=False, accessible=False),
        ],
        "calendar": ("2027-03-08", 7, 5, 7),
        "topics": ("Landwirtschaft und Dorfleben, Busse nach Marburg",
                   "Dorfläden und Treffpunkte"),
        "p1": [
            S(P + "fishbowl", "buergerzentrum", 50, "Auftakt im Bürgerzentrum"),
            S(D + "online-beteiligung", "dgh-ebsdorf", 50,
              "Umfrage-Station: Was braucht Ihr Dorf?"),
            S(P + "nadelmethode", "dgh-hachborn", 20),
            S(D + "digitalambulanz", "dgh-heskem", 10),
            S(K + "repair-cafe", "dgh-ebsdorf", 15),
            S(D + "kompetenzcheck", "rathaus", 8, "Kompetenzcheck für die Verwaltung"),
        ],
        "p2": [
            S(K + "planning-for-real", "dgh-heskem", 25, "Planning for Real: Dorfladen Heskem"),
            S(P + "dorfspaziergang", "dorfplatz-wittelsberg", 15),
            S(D + "datenspaziergang", "sportplatz-leidenhofen", 12),
            S(P + "ideenwerkstatt", "buergerzentrum", 35,
              "Ideenwerkstatt: Dorfläden und Treffpunkte",
              last=True),
        ],
    },
    {
        "slug": "lahntal", "name": "Lahntal", "ags": "06534012", "kind": "Gemeinde",
        "population": 7123, "year": 2023, "main_town": "Sterzhausen",
        "ortsteile": ["Sterzhausen", "Brungershausen", "Caldern", "Göttingen", "Goßfelden",
                      "Kernbach", "Sarnau"],
        "source": WIKI.format("Lahntal") + "; Verwaltungssitz Sterzhausen",
        "contact": ("Markus Vorlage", "Hauptamt, Ehrenamt und Vereine"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Sterzhausen", 50, address="Oberdorfer Straße 1"),
            V("buergerhaus-sterzhausen", "Bürgerhaus Sterzhausen", "Sterzhausen", 200),
            V("dgh-gossfelden", "Dorfgemeinschaftshaus Goßfelden", "Goßfelden", 150),
            V("dgh-caldern", "Dorfgemeinschaftshaus Caldern", "Caldern", 120),
            V("dgh-sarnau", "Dorfgemeinschaftshaus Sarnau", "Sarnau", 80),
            V("dorfplatz-kernbach", "Dorfplatz Kernbach", "Kernbach", 60, indoor=False),
            V("dorfplatz-goettingen", "Dorfplatz Göttingen", "Göttingen", 60, indoor=False),
        ],
        "calendar": ("2027-03-15", 7, 5, 7),
        "topics": ("Verkehr auf der B 62, Lahnufer, Vereinsleben",
                   "Lahnufer und Treffpunkte für Jugendliche"),
        "p1": [
            S(P + "ideenwerkstatt", "dgh-gossfelden", 30, "Auftakt: Sieben Dörfer an der Lahn"),
            S(K + "mitmach-ausstellung", "buergerhaus-sterzhausen", 50),
            S(D + "kompetenzcheck", "rathaus", 8, "Kompetenzcheck für das Rathaus-Team"),
            S(D + "datenspaziergang", "dorfplatz-kernbach", 12),
            S(P + "nadelmethode", "dgh-caldern", 20),
            S(K + "repair-cafe", "dgh-sarnau", 15),
        ],
        "p2": [
            S(K + "zukunftswerkstatt", "dgh-caldern", 18, "Zukunftswerkstatt: Am Lahnufer"),
            S(D + "actionbound-rallye", "dorfplatz-goettingen", 20),
            S(P + "ideenwerkstatt", "dgh-gossfelden", 30,
              "Ideenwerkstatt: Treffpunkte für Jugendliche"),
            S(P + "fishbowl", "buergerhaus-sterzhausen", 40,
              "Ergebnisabend im Fishbowl", last=True),
        ],
    },
    {
        "slug": "kirchhain", "name": "Kirchhain", "ags": "06534011", "kind": "Stadt",
        "population": 16462, "year": 2022, "main_town": "Kirchhain",
        "ortsteile": ["Kirchhain", "Anzefahr", "Betziesdorf", "Burgholz", "Emsdorf",
                      "Großseelheim", "Himmelsberg", "Kleinseelheim", "Langenstein", "Niederwald",
                      "Schönbach", "Sindersfeld", "Stausebach"],
        "source": WIKI.format("Kirchhain") + " (13 Stadtbezirke)",
        "contact": ("Nadine Exempel", "Fachbereich Stadtentwicklung"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Kirchhain", 60, address="Am Markt 6/8"),
            V("marktplatz", "Marktplatz Kirchhain", "Kirchhain", 500, indoor=False),
            V("buergerhaus", "Bürgerhaus Kirchhain", "Kirchhain", 400),
            V("dgh-grossseelheim", "Dorfgemeinschaftshaus Großseelheim", "Großseelheim", 150),
            V("dgh-langenstein", "Dorfgemeinschaftshaus Langenstein", "Langenstein", 100),
            V("dgh-stausebach", "Dorfgemeinschaftshaus Stausebach", "Stausebach", 80),
            V("dorfplatz-emsdorf", "Dorfplatz Emsdorf", "Emsdorf", 80, indoor=False),
        ],
        "calendar": ("2027-03-29", 7, 5, 6),
        "topics": ("Innenstadt und Leerstand, Bahnhof, Ohmaue",
                   "Digitale Angebote für eine Stadt mit zwölf Dörfern"),
        "p1": [
            S(D + "online-beteiligung", "marktplatz", 80, "Umfrage-Station am Markttag"),
            S(P + "fishbowl", "buergerhaus", 60, "Auftakt: Kirchhain im Gespräch"),
            S(P + "nadelmethode", "dgh-grossseelheim", 25),
            S(D + "digitalambulanz", "dgh-langenstein", 10),
            S(K + "repair-cafe", "dgh-stausebach", 15),
            S(D + "kompetenzcheck", "rathaus", 10, "Kompetenzcheck für die Stadtverwaltung"),
        ],
        "p2": [
            S(D + "lotsenrunde", "rathaus", 8, "Lots:innen-Runde nach dem Kompetenzcheck"),
            S(P + "ideenwerkstatt", "buergerhaus", 40, "Ideenwerkstatt: Innenstadt beleben"),
            S(K + "planning-for-real", "dgh-grossseelheim", 25),
            S(P + "dorfspaziergang", "dorfplatz-emsdorf", 15),
            S(K + "graphic-recording", "rathaus", 50, last=True),
        ],
    },
    {
        "slug": "amoeneburg", "name": "Amöneburg", "ags": "06534001", "kind": "Stadt",
        "population": 4963, "year": 2022, "main_town": "Amöneburg",
        "ortsteile": ["Amöneburg", "Erfurtshausen", "Mardorf", "Roßdorf", "Rüdigheim"],
        "source": WIKI.format("Amöneburg") + " (fünf Stadtteile)",
        "contact": ("Stefan Platzhalter", "Bürgerbüro und Stadtmarketing"),
        "venues": [
            V("marktplatz", "Marktplatz Amöneburg", "Amöneburg", 300, indoor=False),
            V("rathaus", "Historisches Rathaus, Sitzungssaal", "Amöneburg", 40, accessible=False,
              address="Am Markt 1"),
            V("buergerhaus-mardorf", "Bürgerhaus Mardorf", "Mardorf", 200),
            V("buergerhaus-rossdorf", "Bürgerhaus Roßdorf", "Roßdorf", 150),
            V("buergerhaus-erfurtshausen", "Bürgerhaus Erfurtshausen", "Erfurtshausen", 120),
            V("dorfplatz-ruedigheim", "Dorfplatz Rüdigheim", "Rüdigheim", 80, indoor=False),
        ],
        "calendar": ("2027-04-05", 7, 5, 6),
        "topics": ("Die Stadt auf dem Berg und die Dörfer im Becken, Wege und Busse",
                   "Bürgerhäuser als Treffpunkte"),
        "p1": [
            S(P + "nadelmethode", "marktplatz", 40, "Nadelmethode auf dem Marktplatz"),
            S(D + "online-beteiligung", "buergerhaus-mardorf", 60),
            S(P + "dorfspaziergang", "dorfplatz-ruedigheim", 15),
            S(D + "digitalambulanz", "buergerhaus-erfurtshausen", 10),
            S(K + "repair-cafe", "buergerhaus-rossdorf", 15),
            S(P + "fishbowl", "buergerhaus-rossdorf", 35, "Auftakt-Abend: Amöneburg gemeinsam"),
        ],
        "p2": [
            S(P + "ideenwerkstatt", "buergerhaus-mardorf", 30),
            S(K + "planning-for-real", "buergerhaus-erfurtshausen", 20,
              "Planning for Real: Bürgerhaus Erfurtshausen"),
            S(D + "datensafari", "marktplatz", 12),
            S(P + "fishbowl", "buergerhaus-rossdorf", 40, "Ergebnisabend im Fishbowl", last=True),
        ],
    },
    {
        "slug": "stadtallendorf", "name": "Stadtallendorf", "ags": "06534018", "kind": "Stadt",
        "population": 21263, "year": 2020, "main_town": "Stadtallendorf",
        "ortsteile": ["Stadtallendorf", "Erksdorf", "Hatzbach", "Niederklein", "Schweinsberg",
                      "Wolferode"],
        "source": WIKI.format("Stadtallendorf") + " (sechs Stadtteile)",
        "contact": ("Aylin Mustermann", "Fachdienst Stadtentwicklung und Integration"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Stadtallendorf", 80, address="Bahnhofstraße 2"),
            V("laden-innenstadt", "Leerstehendes Ladenlokal in der Innenstadt (Pop-up-Labor)",
              "Stadtallendorf", 100),
            V("stadthalle", "Stadthalle Stadtallendorf", "Stadtallendorf", 500),
            V("dgh-niederklein", "Dorfgemeinschaftshaus Niederklein", "Niederklein", 150),
            V("dgh-schweinsberg", "Dorfgemeinschaftshaus Schweinsberg", "Schweinsberg", 120),
            V("dgh-erksdorf", "Dorfgemeinschaftshaus Erksdorf", "Erksdorf", 100),
            V("dorfplatz-hatzbach", "Dorfplatz Hatzbach", "Hatzbach", 60, indoor=False),
        ],
        "calendar": ("2027-04-19", 7, 5, 7),
        "topics": ("Zusammenleben in einer jungen, vielfältigen Stadt, Innenstadt",
                   "Innenstadt beleben: Ideen aus dem Pop-up-Labor"),
        "p1": [
            S(P + "ideenwerkstatt", "stadthalle", 40, "Auftakt: Stadtallendorf – viele Stimmen"),
            S(D + "kompetenzcheck", "rathaus", 10, "Kompetenzcheck für die Stadtverwaltung"),
            S(K + "repair-cafe", "stadthalle", 25),
            S(P + "nadelmethode", "dgh-schweinsberg", 20),
            S(P + "dorfspaziergang", "dorfplatz-hatzbach", 15),
            S(D + "digitalambulanz", "dgh-niederklein", 12),
        ],
        "p2": [
            S(K + "pop-up-labor", "laden-innenstadt", 80, "Pop-up-Labor in der Innenstadt",
              date="2027-07-24", end_date="2027-08-27", start="10:00",
              notes="Geöffnet täglich 10 bis 16 Uhr; im Laden finden auch der OK-Lab-Abend "
              "und die Ideenwerkstatt statt."),
            S(D + "digitalambulanz", "dgh-erksdorf", 12),
            S(D + "ok-lab", "laden-innenstadt", 10, "OK-Lab-Abend im Pop-up-Labor"),
            S(P + "ideenwerkstatt", "laden-innenstadt", 30, "Ideenwerkstatt: Innenstadt beleben"),
            S(K + "planning-for-real", "dgh-niederklein", 25),
            S(P + "barcamp", "stadthalle", 60, "Barcamp für Vereine und Initiativen"),
            S(K + "graphic-recording", "stadthalle", 80, last=True),
        ],
    },
    {
        "slug": "neustadt-hessen", "name": "Neustadt (Hessen)", "ags": "06534016", "kind": "Stadt",
        "population": 10393, "year": 2022, "main_town": "Neustadt",
        "ortsteile": ["Neustadt", "Mengsberg", "Momberg", "Speckswinkel"],
        "source": "Stadt Neustadt (Hessen), Seite „Stadtteile“ (neustadt-hessen.de)",
        "contact": ("Peter Testfeld", "Hauptamt"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Neustadt", 50, address="Ritterstraße 5-9"),
            V("marktplatz", "Marktplatz am Junker-Hansen-Turm", "Neustadt", 400, indoor=False),
            V("buergerzentrum", "Kultur- und Bürgerzentrum", "Neustadt", 300),
            V("dgh-momberg", "Dorfgemeinschaftshaus Momberg", "Momberg", 150),
            V("dgh-mengsberg", "Dorfgemeinschaftshaus Mengsberg", "Mengsberg", 120),
            V("dgh-speckswinkel", "Dorfgemeinschaftshaus Speckswinkel", "Speckswinkel", 80),
            V("gruene-mitte-speckswinkel", "Grüne Mitte Speckswinkel (Dorfteiche)",
              "Speckswinkel", 100, indoor=False),
        ],
        "calendar": ("2027-04-26", 7, 5, 7),
        "topics": ("Altstadt, Nahversorgung und die drei Stadtteile", "Altstadt beleben"),
        "p1": [
            S(D + "online-beteiligung", "marktplatz", 70, "Umfrage-Station am Junker-Hansen-Turm"),
            S(P + "fishbowl", "buergerzentrum", 50, "Auftakt im Kultur- und Bürgerzentrum"),
            S(P + "dorfspaziergang", "gruene-mitte-speckswinkel", 15),
            S(D + "digitalambulanz", "dgh-mengsberg", 10),
            S(K + "repair-cafe", "dgh-momberg", 15),
        ],
        "p2": [
            S(K + "planning-for-real", "dgh-speckswinkel", 25),
            S(P + "ideenwerkstatt", "buergerzentrum", 35, "Ideenwerkstatt: Altstadt beleben"),
            S(D + "datensafari", "marktplatz", 12),
            S(P + "fishbowl", "dgh-momberg", 35, "Ergebnisabend im Fishbowl", last=True),
        ],
    },
    {
        "slug": "rauschenberg", "name": "Rauschenberg", "ags": "06534017", "kind": "Stadt",
        "population": 4615, "year": 2023, "main_town": "Rauschenberg",
        "ortsteile": ["Rauschenberg", "Albshausen", "Bracht", "Ernsthausen", "Josbach",
                      "Schwabendorf", "Wolfskaute"],
        "source": WIKI.format("Rauschenberg") + " (sieben Stadtteile)",
        "contact": ("Birgit Beispiel", "Bürgerbüro"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Rauschenberg", 40, address="Schloßstraße 1"),
            V("marktplatz", "Marktplatz Rauschenberg", "Rauschenberg", 200, indoor=False),
            V("buergerhaus", "Bürgerhaus Rauschenberg", "Rauschenberg", 200),
            V("dgh-josbach", "Dorfgemeinschaftshaus Josbach", "Josbach", 100),
            V("dgh-bracht", "Dorfgemeinschaftshaus Bracht", "Bracht", 80),
            V("dgh-schwabendorf", "Dorfgemeinschaftshaus Schwabendorf", "Schwabendorf", 60),
            V("dorfplatz-ernsthausen", "Dorfplatz Ernsthausen", "Ernsthausen", 60, indoor=False),
        ],
        "calendar": ("2027-05-10", 7, 5, 7),
        "topics": ("Burgwald, Altstadt und Busverbindungen", "Wege in den Burgwald und zur Bahn"),
        "p1": [
            S(P + "nadelmethode", "marktplatz", 25, "Nadelmethode auf dem Marktplatz"),
            S(K + "mitmach-ausstellung", "buergerhaus", 50),
            S(D + "datensafari", "marktplatz", 10),
            S(P + "dorfspaziergang", "dorfplatz-ernsthausen", 15),
            S(D + "digitalambulanz", "dgh-josbach", 8),
            S(K + "repair-cafe", "dgh-bracht", 15),
        ],
        "p2": [
            S(K + "zukunftswerkstatt", "buergerhaus", 15, "Zukunftswerkstatt Rauschenberg"),
            S(P + "ideenwerkstatt", "dgh-schwabendorf", 20),
            S(D + "actionbound-rallye", "dorfplatz-ernsthausen", 16),
            S(P + "fishbowl", "dgh-josbach", 30, "Ergebnisabend im Fishbowl", last=True),
        ],
    },
    {
        "slug": "wohratal", "name": "Wohratal", "ags": "06534022", "kind": "Gemeinde",
        "population": 2192, "year": 2023, "main_town": "Wohra",
        "ortsteile": ["Wohra", "Halsdorf", "Hertingshausen", "Langendorf"],
        "source": "Gemeinde Wohratal, Begrüßungsseite (wohratal.de); Verwaltungssitz Wohra",
        "contact": ("Tanja Muster", "Gemeindeverwaltung"),
        "venues": [
            V("rathaus", "Gemeindeverwaltung, Besprechungsraum", "Wohra", 30,
              address="Halsdorfer Straße 56"),
            V("dgh-wohra", "Dorfgemeinschaftshaus Wohra", "Wohra", 120),
            V("schule-halsdorf", "Mittelpunktschule Halsdorf, Aula", "Halsdorf", 150),
            V("dgh-langendorf", "Dorfgemeinschaftshaus Langendorf", "Langendorf", 60),
            V("feuerwehrhaus-hertingshausen", "Feuerwehrgerätehaus Hertingshausen",
              "Hertingshausen", 40),
            V("dorfplatz-langendorf", "Dorfplatz Langendorf", "Langendorf", 60, indoor=False),
        ],
        "calendar": ("2027-05-17", 7, 5, 6),
        "topics": ("Die kleinste Gemeinde im Landkreis: Mobilität, Einkaufen, Vereine",
                   "Mitfahren und Einkaufen auf dem Land"),
        "p1": [
            S(P + "ideenwerkstatt", "dgh-wohra", 18, "Auftakt: Vier Dörfer, ein Wohratal"),
            S(D + "digitalambulanz", "dgh-wohra", 8),
            S(K + "repair-cafe", "schule-halsdorf", 12),
            S(P + "nadelmethode", "feuerwehrhaus-hertingshausen", 12),
            S(P + "dorfspaziergang", "dorfplatz-langendorf", 12),
            S(D + "actionbound-rallye", "schule-halsdorf", 20),
        ],
        "p2": [
            S(K + "zukunftswerkstatt", "schule-halsdorf", 12,
              "Zukunftswerkstatt: Mobil auf dem Land"),
            S(P + "ideenwerkstatt", "dgh-wohra", 20),
            S(D + "datensafari", "dorfplatz-langendorf", 8),
            S(P + "fishbowl", "dgh-langendorf", 25, "Ergebnisabend im Fishbowl", last=True),
        ],
    },
    {
        "slug": "wetter-hessen", "name": "Wetter (Hessen)", "ags": "06534021", "kind": "Stadt",
        "population": 8956, "year": 2023, "main_town": "Wetter",
        "ortsteile": ["Wetter", "Amönau", "Mellnau", "Niederwetter", "Oberndorf", "Oberrosphe",
                      "Todenhausen", "Treisbach", "Unterrosphe", "Warzenbach"],
        "source": WIKI.format("Wetter (Hessen)") + " (Kernstadt und neun Stadtteile)",
        "contact": ("Daniel Exempel", "Fachbereich Bürgerservice"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Wetter", 50, address="Marktplatz 1"),
            V("marktplatz", "Marktplatz Wetter", "Wetter", 400, indoor=False),
            V("buergerhaus", "Bürgerhaus Wetter", "Wetter", 250),
            V("dgh-amoenau", "Dorfgemeinschaftshaus Amönau", "Amönau", 100),
            V("dgh-oberrosphe", "Dorfgemeinschaftshaus Oberrosphe", "Oberrosphe", 80),
            V("dgh-treisbach", "Dorfgemeinschaftshaus Treisbach", "Treisbach", 80),
            V("burg-mellnau", "Burg Mellnau, Burghof", "Mellnau", 150, indoor=False,
              accessible=False),
        ],
        "calendar": ("2027-05-31", 7, 5, 7),
        "topics": ("Altstadt, Burgwald und Vereinsleben", "Engagement sichtbar machen"),
        "p1": [
            S(D + "online-beteiligung", "marktplatz", 70, "Umfrage-Station auf dem Marktplatz"),
            S(P + "dorfspaziergang", "burg-mellnau", 20, "Dorfspaziergang rund um die Burg Mellnau",
              notes="Der Burghof hat Stufen; eine stufenlose Route ab dem Dorfplatz ist mit "
                    "ausgeschildert."),
            S(D + "datensafari", "dgh-amoenau", 10),
            S(P + "fishbowl", "buergerhaus", 40, "Auftakt im Fishbowl: Was hält Wetter zusammen?"),
            S(K + "repair-cafe", "dgh-treisbach", 15),
        ],
        "p2": [
            S(K + "zukunftswerkstatt", "dgh-oberrosphe", 15),
            S(P + "ideenwerkstatt", "dgh-amoenau", 30),
            S(D + "ok-lab", "rathaus", 8),
            S(P + "markt-der-moeglichkeiten", "marktplatz", 120,
              "Markt der Möglichkeiten: Vereine und Initiativen stellen sich vor", last=True),
        ],
    },
    {
        "slug": "breidenbach", "name": "Breidenbach", "ags": "06534005", "kind": "Gemeinde",
        "fixed_phases": {1: "Termin steht fest (Tempo-Challenge im Sommer, wie 2022); "
                            "`werkzeugkoffer schedule` verschiebt diese Phase nicht"},
        "population": 6778, "year": 2023, "main_town": "Breidenbach",
        "ortsteile": ["Breidenbach", "Achenbach", "Kleingladenbach", "Niederdieten",
                      "Oberdieten", "Wiesenbach", "Wolzhausen"],
        "source": WIKI.format("Breidenbach") + " (sieben Ortsteile, wie die sieben "
                  "Unterhalte-Stellen der Tempo-Challenge 2022)",
        "contact": ("Michael Vorlage", "Hauptamt, Ortsentwicklung"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Breidenbach", 50, address="Bachstraße 4-14"),
            V("buergerhaus", "Bürgerhaus Breidenbach", "Breidenbach", 300),
            V("dorfplatz", "Dorfplatz Breidenbach (Unterhalte-Stelle und Infopunkt)",
              "Breidenbach", None, indoor=False),
            V("dgh-wiesenbach", "Dorfgemeinschaftshaus Wiesenbach", "Wiesenbach", 150),
            V("dgh-achenbach", "Dorfgemeinschaftshaus Achenbach", "Achenbach", 100),
            V("dgh-oberdieten", "Dorfgemeinschaftshaus Oberdieten", "Oberdieten", 80),
            V("dorfplatz-kleingladenbach", "Dorfplatz Kleingladenbach", "Kleingladenbach", 60,
              indoor=False),
            V("schulhof", "Grundschule Breidenbach, Schulhof", "Breidenbach", 150, indoor=False),
        ],
        "calendar": ("2027-06-07", 7, 5, 7),
        "topics": ("Tempo in den Ortsdurchfahrten, sichere Schulwege",
                   "Sicher unterwegs in allen sieben Ortsteilen"),
        "p1": [
            S(P + "tempo-challenge", "dorfplatz", 350,
              "Tempo-Challenge: Wie schnell soll es durch unsere Dörfer gehen?",
              date="2027-06-25", end_date="2027-07-04", start="15:00",
              notes="Zehn Aktionstage nach dem Vorbild von 2022. Sieben Unterhalte-Stellen, eine "
                    "je Ortsteil (Breidenbach, Achenbach, Kleingladenbach, Niederdieten, "
                    "Oberdieten, Wiesenbach, Wolzhausen); hier ist die Stelle in Breidenbach "
                    "eingetragen. Preis für den aktivsten Ortsteil: 500 Euro."),
            S(D + "datensafari", "dgh-achenbach", 12,
              "Datensafari: Schulwege und Querungen erfassen"),
            S(D + "digitalambulanz", "rathaus", 10),
            S(P + "dorfspaziergang", "dorfplatz-kleingladenbach", 15),
            S(K + "repair-cafe", "dgh-oberdieten", 15),
            S(P + "fishbowl", "dgh-wiesenbach", 60, "Ergebnisse der Tempo-Challenge",
              date="2027-07-16", start="19:00",
              notes="Wie 2022 werden die Ergebnisse im DGH Wiesenbach vorgestellt; die "
                    "Gemeindevertretung ist eingeladen."),
        ],
        "p2": [
            S(P + "ideenwerkstatt", "dgh-oberdieten", 35, "Ideenwerkstatt: Sicher unterwegs"),
            S(K + "planning-for-real", "dgh-wiesenbach", 25,
              "Planning for Real: Ortsdurchfahrt Wiesenbach"),
            S(D + "actionbound-rallye", "schulhof", 25, "Schulweg-Rallye mit Actionbound"),
            S(P + "wissenswerkstatt", "rathaus", 15,
              "Wissenswerkstatt: Was andere Verwaltungen aus Beteiligung zum Verkehr "
              "gelernt haben"),
            S(K + "graphic-recording", "buergerhaus", 70,
              "Ergebnisabend mit der Gemeindevertretung", last=True),
        ],
    },
    {
        "slug": "muenchhausen", "name": "Münchhausen", "ags": "06534015", "kind": "Gemeinde",
        "population": 3267, "year": 2021, "main_town": "Münchhausen",
        "ortsteile": ["Münchhausen", "Niederasphe", "Oberasphe", "Simtshausen", "Wollmar"],
        "source": WIKI.format("Münchhausen (am Christenberg)") + " (fünf Ortsteile)",
        "contact": ("Anke Platzhalter", "Gemeindeverwaltung"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungsraum", "Münchhausen", 40),
            V("buergerhaus", "Bürgerhaus Münchhausen", "Münchhausen", 150),
            V("christenberg", "Wiese am Christenberg", "Münchhausen", 150, indoor=False,
              accessible=False),
            V("dgh-wollmar", "Dorfgemeinschaftshaus Wollmar", "Wollmar", 100),
            V("dgh-niederasphe", "Dorfgemeinschaftshaus Niederasphe", "Niederasphe", 100),
            V("dgh-simtshausen", "Dorfgemeinschaftshaus Simtshausen", "Simtshausen", 60),
            V("dorfplatz-oberasphe", "Dorfplatz Oberasphe", "Oberasphe", 60, indoor=False),
        ],
        "calendar": ("2027-06-21", 7, 5, 6),
        "topics": ("Leben am Rand des Landkreises, Bahn und Busse", "Jung und Alt im Dorf"),
        "p1": [
            S(K + "beteiligungs-picknick", "christenberg", 50,
              "Beteiligungs-Picknick am Christenberg",
              notes="Die Wiese ist über einen Feldweg erreichbar; Fahrdienst ab dem Bürgerhaus "
                    "für alle, die nicht gut zu Fuß sind."),
            S(P + "dorfspaziergang", "dorfplatz-oberasphe", 15),
            S(D + "actionbound-rallye", "dgh-wollmar", 20,
              "Actionbound-Rallye für Kinder in Wollmar"),
            S(D + "digitalambulanz", "dgh-niederasphe", 8),
            S(P + "nadelmethode", "buergerhaus", 20),
            S(K + "repair-cafe", "dgh-simtshausen", 12),
        ],
        "p2": [
            S(P + "ideenwerkstatt", "buergerhaus", 25, "Ideenwerkstatt: Jung und Alt im Dorf"),
            S(K + "zukunftswerkstatt", "dgh-wollmar", 14),
            S(D + "datensafari", "dorfplatz-oberasphe", 8),
            S(P + "wissenswerkstatt", "rathaus", 15,
              "Wissenswerkstatt der Verwaltungen im Nordkreis", last=True),
        ],
    },
    {
        "slug": "biedenkopf", "name": "Biedenkopf", "ags": "06534004", "kind": "Stadt",
        "population": 13703, "year": 2022, "main_town": "Biedenkopf",
        "ortsteile": ["Biedenkopf", "Breidenstein", "Dexbach", "Eckelshausen", "Engelbach",
                      "Katzenbach", "Kombach", "Wallau", "Weifenbach"],
        "source": WIKI.format("Biedenkopf") + " (neun Stadtteile)",
        "contact": ("Andreas Musterfrau", "Fachbereich Bürgerdienste"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Biedenkopf", 60, address="Hainstraße 63"),
            V("marktplatz", "Marktplatz Biedenkopf", "Biedenkopf", 400, indoor=False),
            V("laden-altstadt", "Leerstehendes Ladenlokal in der Altstadt (Pop-up-Labor)",
              "Biedenkopf", 80),
            V("buergerhaus-wallau", "Bürgerhaus Wallau", "Wallau", 200),
            V("dgh-eckelshausen", "Dorfgemeinschaftshaus Eckelshausen", "Eckelshausen", 100),
            V("dgh-breidenstein", "Dorfgemeinschaftshaus Breidenstein", "Breidenstein", 100),
            V("dgh-weifenbach", "Dorfgemeinschaftshaus Weifenbach", "Weifenbach", 80),
            V("dorfplatz-engelbach", "Dorfplatz Engelbach", "Engelbach", 60, indoor=False),
        ],
        "calendar": ("2027-06-28", 7, 5, 7),
        "topics": ("Altstadt und Leerstand, Wege zwischen Stadt und Dörfern",
                   "Altstadt beleben: Ideen aus dem Pop-up-Labor"),
        "p1": [
            S(D + "online-beteiligung", "marktplatz", 60, "Umfrage-Station auf dem Marktplatz"),
            S(P + "ideenwerkstatt", "buergerhaus-wallau", 35,
              "Auftakt: Biedenkopf und seine Stadtteile"),
            S(P + "dorfspaziergang", "dorfplatz-engelbach", 15),
            S(K + "repair-cafe", "dgh-eckelshausen", 15),
            S(D + "actionbound-rallye", "marktplatz", 25, "Ferien-Rallye durch die Altstadt"),
            S(D + "kompetenzcheck", "rathaus", 8, "Kompetenzcheck für die Stadtverwaltung"),
        ],
        "p2": [
            S(K + "pop-up-labor", "laden-altstadt", 60, "Pop-up-Labor in der Altstadt",
              date="2027-10-09", end_date="2027-11-06", start="10:00",
              notes="Geöffnet täglich 10 bis 16 Uhr; im Laden finden auch die Ideenwerkstatt und "
                    "der OK-Lab-Abend statt."),
            S(P + "ideenwerkstatt", "laden-altstadt", 30, "Ideenwerkstatt im Pop-up-Labor"),
            S(D + "ok-lab", "laden-altstadt", 10, "OK-Lab-Abend im Pop-up-Labor"),
            S(K + "planning-for-real", "dgh-breidenstein", 20),
            S(P + "wissenswerkstatt", "rathaus", 25,
              "Wissenswerkstatt der Hinterland-Verwaltungen"),
            S(P + "fishbowl", "dgh-weifenbach", 30, "Ergebnisabend im Fishbowl", last=True),
        ],
    },
    {
        "slug": "dautphetal", "name": "Dautphetal", "ags": "06534007", "kind": "Gemeinde",
        "population": 11418, "year": 2022, "main_town": "Dautphe",
        "ortsteile": ["Dautphe", "Allendorf", "Buchenau", "Damshausen", "Elmshausen",
                      "Friedensdorf", "Herzhausen", "Holzhausen", "Hommertshausen", "Mornshausen",
                      "Silberg", "Wolfgruben"],
        "source": WIKI.format("Dautphetal") + " (zwölf Ortsteile); Verwaltungssitz Dautphe",
        "contact": ("Jan Beispiel", "Hauptamt, Bürgerbeteiligung"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Dautphe", 50, address="Hainstraße 1"),
            V("buergerhaus-dautphe", "Bürgerhaus Dautphe", "Dautphe", 250),
            V("festplatz-friedensdorf", "Festplatz Friedensdorf", "Friedensdorf", 400,
              indoor=False),
            V("dgh-holzhausen", "Dorfgemeinschaftshaus Holzhausen", "Holzhausen", 100),
            V("dgh-buchenau", "Dorfgemeinschaftshaus Buchenau", "Buchenau", 120),
            V("sportplatz-mornshausen", "Sportplatz Mornshausen", "Mornshausen", 150,
              indoor=False),
            V("dorfplatz-silberg", "Dorfplatz Silberg", "Silberg", 50, indoor=False),
        ],
        "calendar": ("2027-07-12", 7, 5, 7),
        "topics": ("Zwölf Dörfer im Hinterland: Dorfmitten, Vereine, Mobilität",
                   "Dorfmitten lebendig halten"),
        "p1": [
            S(P + "markt-der-moeglichkeiten", "festplatz-friedensdorf", 120,
              "Markt der Möglichkeiten auf dem Festplatz"),
            S(K + "fotowettbewerb", "buergerhaus-dautphe", 40,
              "Fotowettbewerb „Dautphetal im Sommer“"),
            S(D + "actionbound-rallye", "sportplatz-mornshausen", 25,
              "Ferien-Rallye mit Actionbound"),
            S(P + "dorfspaziergang", "dorfplatz-silberg", 15),
            S(D + "kompetenzcheck", "rathaus", 8, "Kompetenzcheck für die Verwaltung"),
            S(K + "repair-cafe", "dgh-buchenau", 20),
        ],
        "p2": [
            S(P + "buergerrat", "buergerhaus-dautphe", 25, "Bürgerrat „Dorfmitten“"),
            S(D + "ok-lab", "dgh-buchenau", 10),
            S(K + "zukunftswerkstatt", "dgh-holzhausen", 18),
            S(P + "wissenswerkstatt", "rathaus", 25, "Wissenswerkstatt: Bürgerrat – wie geht das?"),
            S(K + "graphic-recording", "buergerhaus-dautphe", 60, last=True),
        ],
    },
    {
        "slug": "steffenberg", "name": "Steffenberg", "ags": "06534019", "kind": "Gemeinde",
        "population": 3945, "year": 2020, "main_town": "Niedereisenhausen",
        "ortsteile": ["Niedereisenhausen", "Niederhörlen", "Obereisenhausen", "Oberhörlen",
                      "Quotshausen", "Steinperf"],
        "source": "Gemeinde Steffenberg, Gemeindeportrait (steffenberg.de); Zentrum "
                  "Niedereisenhausen",
        "contact": ("Kerstin Testfeld", "Gemeindeverwaltung"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungsraum", "Niedereisenhausen", 40),
            V("buergerhaus", "Bürgerhaus Niedereisenhausen", "Niedereisenhausen", 400),
            V("sportplatz", "Sportplatz Niedereisenhausen", "Niedereisenhausen", 200,
              indoor=False),
            V("dgh-steinperf", "Dorfgemeinschaftshaus Steinperf", "Steinperf", 80),
            V("dgh-oberhoerlen", "Dorfgemeinschaftshaus Oberhörlen", "Oberhörlen", 80),
            V("dgh-obereisenhausen", "Dorfgemeinschaftshaus Obereisenhausen", "Obereisenhausen",
              80),
            V("dorfplatz-quotshausen", "Dorfplatz Quotshausen", "Quotshausen", 60, indoor=False),
        ],
        "calendar": ("2027-07-19", 7, 5, 6),
        "topics": ("Sechs Dörfer im Perftal: Treffpunkte, Nahversorgung",
                   "Dorfgemeinschaftshäuser nutzen"),
        "p1": [
            S(P + "fishbowl", "buergerhaus", 30, "Auftakt im Bürgerhaus"),
            S(P + "dorfspaziergang", "dorfplatz-quotshausen", 12),
            S(D + "actionbound-rallye", "sportplatz", 15, "Ferien-Rallye mit Actionbound"),
            S(K + "repair-cafe", "dgh-obereisenhausen", 12),
            S(D + "digitalambulanz", "dgh-steinperf", 8),
            S(D + "kompetenzcheck", "rathaus", 6, "Kompetenzcheck für die Verwaltung"),
        ],
        "p2": [
            S(P + "ideenwerkstatt", "buergerhaus", 25,
              "Ideenwerkstatt: Unsere Dorfgemeinschaftshäuser"),
            S(K + "planning-for-real", "dgh-oberhoerlen", 15),
            S(D + "ok-lab", "dgh-steinperf", 6),
            S(P + "wissenswerkstatt", "buergerhaus", 25,
              "Wissenswerkstatt: Steffenberg, Angelburg und Breidenbach", last=True),
        ],
    },
    {
        "slug": "bad-endbach", "name": "Bad Endbach", "ags": "06534003", "kind": "Gemeinde",
        "fixed_phases": {1: "Termin steht fest (Beteiligungs-Picknick Ende August, wie 2021); "
                            "`werkzeugkoffer schedule` verschiebt diese Phase nicht"},
        "population": 7950, "year": 2022, "main_town": "Bad Endbach",
        "ortsteile": ["Bad Endbach", "Bottenhorn", "Dernbach", "Günterod", "Hartenrod",
                      "Hülshof", "Schlierbach", "Wommelshausen"],
        "source": WIKI.format("Bad Endbach") + " (acht Ortsteile)",
        "contact": ("Claudia Exempel", "Hauptamt, Kur und Tourismus"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Bad Endbach", 50, address="Herborner Straße 1"),
            V("kurpark", "Kurpark Bad Endbach, Liegewiese", "Bad Endbach", 300, indoor=False),
            V("buergerhaus", "Bürgerhaus Bad Endbach", "Bad Endbach", 300),
            V("dgh-hartenrod", "Dorfgemeinschaftshaus Hartenrod", "Hartenrod", 150),
            V("dgh-bottenhorn", "Dorfgemeinschaftshaus Bottenhorn", "Bottenhorn", 120),
            V("dgh-wommelshausen", "Dorfgemeinschaftshaus Wommelshausen", "Wommelshausen", 80),
            V("dorfplatz-schlierbach", "Dorfplatz Schlierbach", "Schlierbach", 60, indoor=False),
        ],
        "calendar": ("2027-08-23", 7, 4, 6),
        "topics": ("Kurort und Dörfer: Ortsmitte, Kurpark, Busse",
                   "Ortsmitte und Kurpark für alle"),
        "p1": [
            S(K + "beteiligungs-picknick", "kurpark", 80, "Beteiligungs-Picknick im Kurpark",
              date="2027-08-29", start="14:00",
              notes="Nach dem Vorbild des Picknicks vom 29.08.2021: Was läuft gut, was fehlt, "
                    "was stößt sauer auf? Bei Regen im Bürgerhaus."),
            S(P + "dorfspaziergang", "dorfplatz-schlierbach", 15),
            S(D + "datensafari", "dgh-hartenrod", 12),
            S(D + "digitalambulanz", "dgh-bottenhorn", 10),
            S(P + "nadelmethode", "buergerhaus", 30),
            S(K + "repair-cafe", "dgh-wommelshausen", 15),
            S(D + "kompetenzcheck", "rathaus", 8, "Kompetenzcheck für die Verwaltung"),
        ],
        "p2": [
            S(P + "ideenwerkstatt", "buergerhaus", 40, "Ideenwerkstatt: Ortsmitte und Kurpark"),
            S(K + "planning-for-real", "dgh-hartenrod", 25),
            S(D + "ok-lab", "dgh-bottenhorn", 8),
            S(P + "wissenswerkstatt", "rathaus", 20,
              "Wissenswerkstatt: Bad Endbach lädt die Hinterland-Verwaltungen ein"),
            S(K + "graphic-recording", "buergerhaus", 60, last=True),
        ],
    },
    {
        "slug": "angelburg", "name": "Angelburg", "ags": "06534002", "kind": "Gemeinde",
        "population": 3428, "year": 2022, "main_town": "Gönnern",
        "ortsteile": ["Gönnern", "Frechenhausen", "Lixfeld"],
        "source": WIKI.format("Angelburg") + " (drei Ortsteile); Gemeindeverwaltung in Gönnern",
        "contact": ("Sven Muster", "Gemeindeverwaltung"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungsraum", "Gönnern", 40, address="Bahnhofstraße 1"),
            V("buergerhaus", "Bürgerhaus Gönnern", "Gönnern", 200),
            V("dgh-lixfeld", "Dorfgemeinschaftshaus Lixfeld", "Lixfeld", 100),
            V("dgh-frechenhausen", "Dorfgemeinschaftshaus Frechenhausen", "Frechenhausen", 80),
            V("sportplatz-lixfeld", "Sportplatz Lixfeld", "Lixfeld", 150, indoor=False),
            V("dorfplatz-frechenhausen", "Dorfplatz Frechenhausen", "Frechenhausen", 60,
              indoor=False),
        ],
        "calendar": ("2027-08-09", 7, 4, 6),
        "topics": ("Drei Dörfer im Gansbachtal: Treffpunkte, Vereine, Jugend",
                   "Ein Ort für die Jugend"),
        "p1": [
            S(P + "ideenwerkstatt", "buergerhaus", 25, "Auftakt im Bürgerhaus Gönnern"),
            S(K + "mitmach-ausstellung", "buergerhaus", 60),
            S(P + "dorfspaziergang", "dorfplatz-frechenhausen", 15),
            S(D + "actionbound-rallye", "sportplatz-lixfeld", 20),
            S(D + "digitalambulanz", "dgh-frechenhausen", 10),
            S(D + "kompetenzcheck", "rathaus", 6, "Kompetenzcheck für die Verwaltung"),
        ],
        "p2": [
            S(K + "zukunftswerkstatt", "dgh-lixfeld", 15,
              "Zukunftswerkstatt: Ein Ort für die Jugend"),
            S(P + "ideenwerkstatt", "dgh-frechenhausen", 20),
            S(D + "ok-lab", "buergerhaus", 8),
            S(P + "wissenswerkstatt", "rathaus", 20,
              "Wissenswerkstatt: Jugendbeteiligung in kleinen Gemeinden", last=True),
        ],
    },
    {
        "slug": "gladenbach", "name": "Gladenbach", "ags": "06534010", "kind": "Stadt",
        "population": 12594, "year": 2023, "main_town": "Gladenbach",
        "ortsteile": ["Gladenbach", "Ammenhausen", "Bellnhausen", "Diedenshausen", "Erdhausen",
                      "Friebertshausen", "Frohnhausen", "Kehlnbach", "Mornshausen",
                      "Rachelshausen", "Römershausen", "Rüchenbach", "Runzhausen",
                      "Sinkershausen", "Weidenhausen"],
        "source": WIKI.format("Gladenbach") + " (15 Stadtteile)",
        "contact": ("Melanie Vorlage", "Fachdienst Stadtmarketing und Ehrenamt"),
        "venues": [
            V("rathaus", "Rathaus, Sitzungssaal", "Gladenbach", 60,
              address="Karl-Waldschmidt-Straße 3"),
            V("marktplatz", "Marktplatz Gladenbach", "Gladenbach", 400, indoor=False),
            V("buergerhaus", "Bürgerhaus Gladenbach", "Gladenbach", 300),
            V("dgh-weidenhausen", "Dorfgemeinschaftshaus Weidenhausen", "Weidenhausen", 120),
            V("dgh-erdhausen", "Dorfgemeinschaftshaus Erdhausen", "Erdhausen", 100),
            V("dgh-runzhausen", "Dorfgemeinschaftshaus Runzhausen", "Runzhausen", 80),
            V("dorfplatz-mornshausen", "Dorfplatz Mornshausen", "Mornshausen", 60, indoor=False),
        ],
        "calendar": ("2027-08-16", 7, 4, 6),
        "topics": ("Kneipp-Stadt und 14 Dörfer: Ehrenamt, Innenstadt, Busse",
                   "Ehrenamt stärken und vernetzen"),
        "p1": [
            S(P + "markt-der-moeglichkeiten", "marktplatz", 150,
              "Markt der Möglichkeiten: Ehrenamt in Gladenbach"),
            S(K + "mitmach-ausstellung", "buergerhaus", 80),
            S(D + "datensafari", "marktplatz", 15),
            S(P + "dorfspaziergang", "dorfplatz-mornshausen", 15),
            S(D + "digitalambulanz", "dgh-weidenhausen", 12),
            S(K + "repair-cafe", "dgh-erdhausen", 20),
            S(D + "kompetenzcheck", "rathaus", 10, "Kompetenzcheck für die Stadtverwaltung"),
        ],
        "p2": [
            S(P + "barcamp", "buergerhaus", 40, "Ehrenamts-Barcamp Gladenbacher Bergland"),
            S(K + "zukunftswerkstatt", "dgh-runzhausen", 15),
            S(D + "ok-lab", "dgh-weidenhausen", 8),
            S(P + "wissenswerkstatt", "rathaus", 20, "Wissenswerkstatt: Ehrenamt und Verwaltung"),
            S(K + "graphic-recording", "buergerhaus", 60, last=True),
        ],
    },
]

FIRST_ORDER = [m["slug"] for m in MUNICIPALITIES]

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def ascii_slug(text: str) -> str:
    text = (text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
            .replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue"))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def q(value: str) -> str:
    """A TOML basic string."""
    return json.dumps(value, ensure_ascii=False)


def parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def parse_time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def add_minutes(t: dt.time, minutes: int) -> dt.time:
    full = dt.datetime.combine(dt.date(2000, 1, 1), t) + dt.timedelta(minutes=minutes)
    return full.time()


# ---------------------------------------------------------------------------------------------
# Format facts: from the installed catalogue when it has the format, else from FORMATS
# ---------------------------------------------------------------------------------------------


class FormatFacts:
    def __init__(self, fmt_id: str, catalogue):
        label, duration, pmin, pmax, days, slots = FORMATS[fmt_id]
        self.id = fmt_id
        self.label = label
        self.theme = fmt_id.split(".")[0]
        self.slots = [(tuple(days_), parse_time(start)) for days_, start in slots]
        self.days = days
        fmt = catalogue.get(fmt_id) if catalogue is not None else None
        self.known = fmt is not None
        if fmt is not None:
            self.duration = fmt.duration_minutes
            self.pmin, self.pmax = fmt.participants_min, fmt.participants_max
            self.staff = fmt.staff
            self.hosts = fmt.hosts_sessions
            self.materials = [m for m in fmt.materials if m.reusable and m.inventory]
            self.outdoor_only = {s.value for s in fmt.settings} <= {"draussen"}
            self.indoor_only = {s.value for s in fmt.settings} <= {"drinnen"}
            self.title = fmt.title
        else:
            self.duration, self.pmin, self.pmax = duration, pmin, pmax
            self.staff = 2
            self.hosts = fmt_id == "kreativ.pop-up-labor"
            self.materials = []
            self.outdoor_only = self.indoor_only = False
            self.title = label

    def needs(self, expected: int) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for m in self.materials:
            out[m.inventory] += m.needed(expected or self.pmin)
        return dict(out)


# ---------------------------------------------------------------------------------------------
# The planner
# ---------------------------------------------------------------------------------------------


class Placed:
    """A session with its day and time."""

    def __init__(self, m, phase_no, spec, facts, date, start, end_date=None):
        self.m = m
        self.slug = m["slug"]
        self.phase_no = phase_no
        self.spec = spec
        self.f = facts
        self.date = date
        self.last_date = end_date or date
        self.end_date = end_date
        self.start = start
        self.end = add_minutes(start, facts.duration)
        self.venue = spec["venue"]
        self.expected = spec["expected"]
        self.multi = self.last_date != self.date
        self.needs = facts.needs(self.expected)

    def days(self):
        d = self.date
        while d <= self.last_date:
            yield d
            d += dt.timedelta(days=1)

    def daily(self):
        for d in self.days():
            yield dt.datetime.combine(d, self.start), dt.datetime.combine(d, self.end)

    def span(self):
        return (dt.datetime.combine(self.date, self.start),
                dt.datetime.combine(self.last_date, self.end))


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _peak(window, intervals) -> int:
    """Highest summed amount of ``(start, end, amount)`` intervals inside ``window``."""
    inside = [(max(s, window[0]), min(e, window[1]), n) for s, e, n in intervals
              if _overlaps((s, e), window)]
    best = 0
    for s, _e, _n in inside:
        load = sum(n for s2, e2, n in inside if s2 <= s < e2)
        best = max(best, load)
    return best


class Planner:
    def __init__(self, catalogue, state="HE"):
        from werkzeugkoffer.calendar import public_holidays, quiet_days

        self.catalogue = catalogue
        self.holidays = public_holidays(state, [2027])
        self.quiet = quiet_days(state, [2027])
        self.placed: list[Placed] = []
        self.team = len(TEAM)
        self.stock = {item: qty for item, _name, qty in INVENTORY}
        self.facts = {fid: FormatFacts(fid, catalogue) for fid in FORMATS}

    # -- constraints ------------------------------------------------------------------------

    def allowed_days(self, cand: Placed, venue) -> str | None:
        hosts = [o for o in self.placed if o.f.hosts and o.slug == cand.slug
                 and o.venue == cand.venue and o is not cand]
        if hosts and not cand.f.hosts and not any(
                h.date <= cand.date and cand.last_date <= h.last_date for h in hosts):
            return "the venue is open only while the pop-up lab runs"
        for d in cand.days():
            if d in self.holidays:
                return f"{d} is a public holiday"
            if d in self.quiet and not venue["indoor"]:
                return f"{d} is a quiet day and the venue is outdoors"
        return None

    def conflicts(self, cand: Placed, strict: bool) -> str | None:
        daily = list(cand.daily())
        span = cand.span()
        for other in self.placed:
            if not _overlaps(span, other.span()):
                continue
            same_day = any(_overlaps(a, b) for a in daily for b in other.daily())
            if other.slug == cand.slug and other.venue == cand.venue and same_day \
                    and not (other.f.hosts or cand.f.hosts):
                return f"venue {cand.venue} busy ({other.spec['format']})"
            if strict and same_day and not other.multi and not cand.multi \
                    and not (other.f.hosts or cand.f.hosts):
                return "another session of the lab runs at the same time"
            if strict and other.slug == cand.slug and not other.multi and not cand.multi \
                    and other.date == cand.date:
                return "another session of this municipality on the same day"
        # team: staff of all non-hosting sessions at the same time
        if not cand.f.hosts:
            for window in daily:
                intervals = [(s, e, o.f.staff) for o in self.placed if not o.f.hosts
                             for s, e in o.daily() if _overlaps((s, e), window)]
                intervals.append((window[0], window[1], cand.f.staff))
                if _peak(window, intervals) > self.team:
                    return "team too small at that time"
        # inventory: reusable materials over the whole span
        for item, qty in cand.needs.items():
            intervals = [(*o.span(), o.needs.get(item, 0)) for o in self.placed
                         if o.needs.get(item)]
            intervals.append((*span, qty))
            if _peak(span, intervals) > self.stock.get(item, 0):
                return f"not enough {item}"
        return None

    # -- placing ----------------------------------------------------------------------------

    def candidates(self, phase, spec, facts, target):
        """Candidate (date, start, end_date) in order of distance from the target day."""
        days_len = facts.days if facts.days > 1 else 1
        first, last = phase["start"], phase["end"] - dt.timedelta(days=days_len - 1)
        span = (last - first).days
        order = sorted(range(span + 1),
                       key=lambda i: (abs((first + dt.timedelta(days=i) - target).days), i))
        for i in order:
            day = first + dt.timedelta(days=i)
            for weekdays, start in facts.slots:
                if day.weekday() in weekdays:
                    end_date = day + dt.timedelta(days=days_len - 1) if days_len > 1 else None
                    yield day, start, end_date

    def place(self, m, phase, spec):
        facts = self.facts[spec["format"]]
        venue = next(v for v in m["venues"] if v["id"] == spec["venue"])
        if "date" in spec:
            date = parse_date(spec["date"])
            end_date = parse_date(spec["end_date"]) if spec.get("end_date") else None
            cand = Placed(m, phase["number"], spec, facts, date, parse_time(spec["start"]),
                          end_date)
            problem = self.allowed_days(cand, venue) or self.conflicts(cand, strict=False)
            if problem:
                raise SystemExit(f"{m['slug']}: pinned session {spec['format']} on {date}: "
                                 f"{problem}")
            self.placed.append(cand)
            return cand
        target = spec["_target"]
        for strict, radius in ((True, 6), (True, None), (False, None)):
            for date, start, end_date in self.candidates(phase, spec, facts, target):
                if radius is not None and abs((date - target).days) > radius:
                    continue
                cand = Placed(m, phase["number"], spec, facts, date, start, end_date)
                if self.allowed_days(cand, venue) or self.conflicts(cand, strict):
                    continue
                self.placed.append(cand)
                return cand
        raise SystemExit(f"{m['slug']}: no day found for {spec['format']} in phase "
                         f"{phase['number']} ({phase['start']} to {phase['end']})")


def phases_of(m):
    p1_start, p1_weeks, gap_weeks, p2_weeks = m["calendar"]
    s1 = parse_date(p1_start)
    e1 = s1 + dt.timedelta(days=7 * p1_weeks - 1)
    s2 = e1 + dt.timedelta(days=7 * gap_weeks + 1)
    e2 = s2 + dt.timedelta(days=7 * p2_weeks - 1)
    return [{"number": 1, "start": s1, "end": e1, "sessions": m["p1"]},
            {"number": 2, "start": s2, "end": e2, "sessions": m["p2"]}]


def plan(catalogue):
    planner = Planner(catalogue)
    jobs = []  # (priority, sort key, m, phase, spec)
    for m in MUNICIPALITIES:
        for phase in phases_of(m):
            specs = phase["sessions"]
            length = (phase["end"] - phase["start"]).days + 1
            movable = [s for s in specs if "date" not in s]
            for k, spec in enumerate(movable):
                if spec.get("last"):
                    offset = length - 5
                elif (spec.get("title") or "").startswith("Auftakt"):
                    offset = 3
                else:
                    offset = round((k + 0.5) * (length - 7) / len(movable))
                spec["_target"] = phase["start"] + dt.timedelta(days=offset)
            for spec in specs:
                facts = planner.facts[spec["format"]]
                if "date" in spec:
                    prio, key = 0, parse_date(spec["date"])
                elif facts.days > 1:
                    prio, key = 1, spec["_target"]
                elif facts.staff >= 5 or sum(facts.needs(spec["expected"]).values()) >= 20:
                    prio, key = 2, spec["_target"]  # big events first: they need the most
                else:
                    prio, key = 3, spec["_target"]
                jobs.append((prio, key, FIRST_ORDER.index(m["slug"]), m, phase, spec))
    jobs.sort(key=lambda j: (j[0], j[1], j[2]))
    for _prio, _key, _i, m, phase, spec in jobs:
        planner.place(m, phase, spec)
    return planner


# ---------------------------------------------------------------------------------------------
# Self-checks of the data (the product's own checks run on the written workspace)
# ---------------------------------------------------------------------------------------------


def validate(planner):
    problems = []
    seen_slugs = set()
    for m in MUNICIPALITIES:
        slug = m["slug"]
        if slug in seen_slugs or ascii_slug(slug) != slug:
            problems.append(f"{slug}: bad or duplicate slug")
        seen_slugs.add(slug)
        venue_ids = [v["id"] for v in m["venues"]]
        if len(set(venue_ids)) != len(venue_ids) or not 4 <= len(venue_ids) <= 8:
            problems.append(f"{slug}: venues must be 4-8 with unique ids")
        for v in m["venues"]:
            if v["ortsteil"] not in m["ortsteile"]:
                problems.append(f"{slug}: venue {v['id']} in unknown Ortsteil {v['ortsteil']}")
        if m["main_town"] not in m["ortsteile"]:
            problems.append(f"{slug}: main town not among the Ortsteile")
        for phase in phases_of(m):
            n = len(phase["sessions"])
            lo, hi = (5, 8) if phase["number"] == 1 else (4, 7)
            if not lo <= n <= hi:
                problems.append(f"{slug} p{phase['number']}: {n} sessions, want {lo}-{hi}")
            themes = {s["format"].split(".")[0] for s in phase["sessions"]}
            if themes != {"digital", "kreativ", "partizipativ"}:
                problems.append(f"{slug} p{phase['number']}: themes {sorted(themes)}")
            reached = {next(v["ortsteil"] for v in m["venues"] if v["id"] == s["venue"])
                       for s in phase["sessions"]}
            if len(reached - {m["main_town"]}) < 2:
                problems.append(f"{slug} p{phase['number']}: reaches fewer than two Ortsteile "
                                "beyond the main town")
            for s in phase["sessions"]:
                f = planner.facts[s["format"]]
                v = next(v for v in m["venues"] if v["id"] == s["venue"])
                if not f.pmin <= s["expected"] <= f.pmax:
                    problems.append(f"{slug}: {s['format']} expects {s['expected']}, "
                                    f"format is for {f.pmin}-{f.pmax}")
                if v["capacity"] and s["expected"] > v["capacity"]:
                    problems.append(f"{slug}: {s['format']} expects more than {v['id']} holds")
                if f.outdoor_only and v["indoor"]:
                    problems.append(f"{slug}: outdoor format {s['format']} at indoor {v['id']}")
                if f.indoor_only and not v["indoor"]:
                    problems.append(f"{slug}: indoor format {s['format']} at outdoor {v['id']}")
    if problems:
        raise SystemExit("example data problems:\n  " + "\n  ".join(problems))


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

GENERATED = ("# Erzeugt von scripts/make_example.py (Beispiel-Arbeitsbereich "
             "„marburg-biedenkopf“).\n"
             "# Sie dürfen diese Datei frei ändern: Sie gehört jetzt Ihrem Labor.\n")


def render_lab() -> str:
    out = [
        "# Das Labor: Träger, Ansprechpersonen, Team, Werkzeugkoffer und Regeln für die Phasen.",
        GENERATED.rstrip("\n"),
        "# Alle Personen in diesem Beispiel sind erfunden; E-Mail-Adressen enden auf example.org.",
        "",
        f"name = {q(LAB['name'])}",
        f"organiser = {q(LAB['organiser'])}",
        f"state = {q(LAB['state'])}  # Bundesland für Feiertage und stille Tage: Hessen",
        f"url = {q(LAB['url'])}",
        "# Das Inventar unten ist der Bestand beider Koffer zusammen.",
        f"tool_cases = {LAB['tool_cases']}",
        "",
        "# Wirkungsziele des Labors (aus dem Programmprofil des Landkreises)",
        "goals = [",
        *[f"    {q(g)}," for g in GOALS],
        "]",
        "",
        "# Ansprechpersonen für Gemeinden, Presse und Bürgerschaft",
    ]
    for name, role, email in LAB_CONTACTS:
        out += ["[[contacts]]", f"name = {q(name)}", f"role = {q(role)}", f"email = {q(email)}", ""]
    out.append("# Das Labor-Team: Es betreut die Termine in allen 22 Kommunen. Die Prüfung zählt,")
    out.append("# wie viele Leute gleichzeitig gebraucht werden, und vergleicht mit der Teamgröße.")
    for name, role, hours in TEAM:
        out += ["[[team]]", f"name = {q(name)}", f"role = {q(role)}", f"hours_per_week = {hours}",
                ""]
    out.append("# Der Werkzeugkoffer: alles, was das Labor besitzt und von Termin zu Termin")
    out.append("# weitergibt. Die Formate verweisen mit „inventory“ auf diese Kennungen (id);")
    out.append("# die Prüfung warnt, wenn gleichzeitig mehr gebraucht wird, als da ist.")
    for item, name, qty in INVENTORY:
        out += ["[[inventory]]", f"id = {q(item)}", f"name = {q(name)}", f"quantity = {qty}", ""]
    out += [
        "# Regeln für die zwei Phasen jeder Kommune: Dauer in Wochen, Mindestabstand zwischen",
        "# Phase 1 und Phase 2 (Zeit zum Auswerten), Feiertage meiden.",
        "[rules]",
        *[f"{k} = {str(v).lower() if isinstance(v, bool) else v}" for k, v in RULES.items()],
        "",
    ]
    for number, name, focus in PHASE_RULES:
        out += ["[[rules.phases]]", f"number = {number}", f"name = {q(name)}",
                f"focus = {q(focus)}", ""]
    out.append(PLAN_TEMPLATES)
    return "\n".join(out).rstrip("\n") + "\n"


# Plan templates, written relative to a phase start (werkzeugkoffer plan apply TEMPLATE GEMEINDE
# --start DATE). weekday: 1 = Monday ... 7 = Sunday; place: hauptort, ortsteil or a venue id.
PLAN_TEMPLATES = """\
# Vorlagen für eine Phase, relativ zum Start geschrieben. Anwenden mit
#   werkzeugkoffer plan apply erkunden GEMEINDE --start 2027-03-01
# week = Woche der Phase (1 = erste Woche), weekday: 1 = Montag ... 7 = Sonntag,
# place: "hauptort", "ortsteil" (jedes Mal ein anderer Ortsteil) oder die id eines Orts.
[[plan_templates]]
id = "erkunden"
phase = 1
title = "Erkunden: viele erreichen, Themen sammeln"
weeks = 6
focus = "Themen, Wünsche und Ideen sammeln"

[[plan_templates.sessions]]
format = "kreativ.beteiligungs-picknick"
week = 1
weekday = 7
start = "14:00"
place = "hauptort"

[[plan_templates.sessions]]
format = "digital.datensafari"
week = 2
until_week = 5
count = 2
weekday = 6
start = "10:00"
place = "ortsteil"

[[plan_templates.sessions]]
format = "partizipativ.dorfspaziergang"
week = 3
weekday = 6
start = "14:00"
place = "ortsteil"

[[plan_templates.sessions]]
format = "digital.digitalambulanz"
week = 2
until_week = 5
count = 2
weekday = 3
start = "15:00"
place = "hauptort"

[[plan_templates.sessions]]
format = "partizipativ.ideenwerkstatt"
week = 6
weekday = 6
start = "10:00"
place = "hauptort"

[[plan_templates]]
id = "vertiefen"
phase = 2
title = "Vertiefen: Top-Themen bearbeiten und entscheiden"
weeks = 6
focus = "Die wichtigsten Themen aus Phase 1 gemeinsam bearbeiten"

[[plan_templates.sessions]]
format = "partizipativ.world-cafe"
week = 1
weekday = 5
start = "18:00"
place = "hauptort"

[[plan_templates.sessions]]
format = "kreativ.planning-for-real"
week = 2
until_week = 4
count = 2
weekday = 6
start = "10:00"
place = "ortsteil"

[[plan_templates.sessions]]
format = "digital.kompetenzcheck"
week = 3
weekday = 2
start = "09:00"
place = "hauptort"

[[plan_templates.sessions]]
format = "partizipativ.markt-der-moeglichkeiten"
week = 6
weekday = 6
start = "11:00"
place = "hauptort"
"""


def contact_of(m):
    name, role = m["contact"]
    first, last = name.split(" ", 1)
    email = f"{ascii_slug(first)}.{ascii_slug(last)}@{m['slug']}.example.org"
    return name, role, email


def comment(text: str, width: int = 96) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent="# ", subsequent_indent="# ",
                         break_long_words=False, break_on_hyphens=False)


def render_municipality(m, sessions_by_phase) -> str:
    name, role, email = contact_of(m)
    kind = m["kind"]
    kind = kind[kind.find("(") + 1:-1] if "(" in kind else kind
    out = [
        f"# {kind} {m['name']} – Beispielplan 2027 im Open Government Labor "
        "Marburg-Biedenkopf",
        GENERATED.rstrip("\n"),
        "# Einwohnerzahl: Hessisches Statistisches Landesamt, Stand 31.12. des angegebenen Jahres.",
        "# Die Ansprechperson ist erfunden; Orte sind Beispiele und vor Ort zu prüfen.",
        "",
        f"name = {q(m['name'])}",
        f"ags = {q(m['ags'])}  # Amtlicher Gemeindeschlüssel",
        f"kind = {q(m['kind'])}",
        f"population = {m['population']}",
        f"population_year = {m['year']}",
        f"main_town = {q(m['main_town'])}  # Kernort, Sitz der Verwaltung",
        *comment(f"Ortsteile: vollständige Liste. Quelle: {m['source']}."),
        "ortsteile = [",
    ]
    line = "   "
    for o in m["ortsteile"]:
        item = f" {q(o)},"
        if len(line) + len(item) > 96:
            out.append(line)
            line = "   "
        line += item
    out.append(line)
    out += [
        "]",
        "ortsteile_complete = true",
        "",
        "# Ansprechperson im Rathaus (erfunden)",
        "[contact]",
        f"name = {q(name)}",
        f"role = {q(role)}",
        f"email = {q(email)}",
        "",
        "# Orte für die Termine. capacity = Plätze, indoor = drinnen (false: draußen, dort",
        "# keine Termine an Feiertagen und stillen Tagen), accessible = barrierefrei erreichbar.",
    ]
    for v in m["venues"]:
        out += ["[[venues]]", f"id = {q(v['id'])}", f"name = {q(v['name'])}",
                f"ortsteil = {q(v['ortsteil'])}"]
        if v["address"]:
            out.append(f"address = {q(v['address'])}")
        if v["capacity"]:
            out.append(f"capacity = {v['capacity']}")
        out += [f"indoor = {str(v['indoor']).lower()}",
                f"accessible = {str(v['accessible']).lower()}"]
        if not v["accessible"]:
            out[-1] += "  # Stufen: stufenlose Alternative oder Begleitung anbieten"
        out.append("")
    topic1, topic2 = m["topics"]
    for phase in phases_of(m):
        number = phase["number"]
        rule = PHASE_RULES[number - 1]
        weeks = ((phase["end"] - phase["start"]).days + 1) // 7
        out.append(f"# Phase {number} – {rule[1]}: {weeks} Wochen.")
        if number == 1:
            focus = f"Erkunden: {topic1}"
            aims = ["Menschen aus mindestens drei Ortsteilen und allen Altersgruppen erreichen",
                    f"Themen, Wünsche und Ideen sammeln: {topic1}"]
        else:
            out.append("# Beginnt frühestens vier Wochen nach dem Ende von Phase 1 (Zeit zum "
                       "Auswerten).")
            focus = f"Vertiefen: {topic2}"
            aims = [f"Das wichtigste Thema aus Phase 1 gemeinsam bearbeiten: {topic2}",
                    "Ergebnisse öffentlich vorstellen und an Gemeindevertretung bzw. "
                    "Stadtverordnete übergeben"]
        out += ["[[phases]]", f"number = {number}", f"start = {phase['start'].isoformat()}",
                f"end = {phase['end'].isoformat()}", f"focus = {q(focus)}"]
        if number in m.get("fixed_phases", {}):
            out.append(f"fixed = true  # {m['fixed_phases'][number]}")
        out.append("aims = [")
        out += [f"    {q(a)}," for a in aims]
        out += ["]", ""]
        for s in sessions_by_phase[number]:
            venue = next(v for v in m["venues"] if v["id"] == s.venue)
            if s.multi:
                out += comment(f"Mehrtägig: {s.f.label}, {len(list(s.days()))} Tage vom "
                               f"{s.date:%d.%m.} bis {s.last_date:%d.%m.%Y}, jeden Tag "
                               f"{s.start:%H:%M} bis {s.end:%H:%M} Uhr.")
            out += ["[[phases.sessions]]", f"id = {q(s.id)}", f"format = {q(s.f.id)}",
                    f"title = {q(s.title(venue))}", f"date = {s.date.isoformat()}"]
            if s.end_date:
                out.append(f"end_date = {s.end_date.isoformat()}")
            out += [f"start = {q(s.start.strftime('%H:%M'))}",
                    f"end = {q(s.end.strftime('%H:%M'))}",
                    f"venue = {q(s.venue)}", f"host = {q(s.host())}",
                    f"expected = {s.expected}"]
            if s.spec.get("notes"):
                out.append(f"notes = {q(s.spec['notes'])}")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _title(self, venue):
    if self.spec.get("title"):
        return self.spec["title"]
    where = venue["ortsteil"]
    return f"{self.f.label} in {'der ' if where == 'Kernstadt' else ''}{where}"


def _host(self):
    if self.spec.get("host"):
        return self.spec["host"]
    if self.f.id in ADMIN_FORMATS:
        return HOSTS["verwaltung"]
    if self.f.id == "kreativ.pop-up-labor":
        return HOSTS["popup"]
    return HOSTS[self.f.theme]


Placed.title = _title
Placed.host = _host


def write(out_dir: Path, planner, stats: bool) -> None:
    by_m: dict[str, dict[int, list[Placed]]] = defaultdict(lambda: defaultdict(list))
    for p in planner.placed:
        by_m[p.slug][p.phase_no].append(p)
    files = {"labor.toml": render_lab()}
    for m in MUNICIPALITIES:
        for number, sessions in by_m[m["slug"]].items():
            sessions.sort(key=lambda s: (s.date, s.start, s.f.id))
            for i, s in enumerate(sessions, 1):
                s.id = f"{m['slug']}-p{number}-{i:02d}"
        files[f"gemeinden/{m['slug']}.toml"] = render_municipality(m, by_m[m["slug"]])
    (out_dir / "gemeinden").mkdir(parents=True, exist_ok=True)
    for old in (out_dir / "gemeinden").glob("*.toml"):
        if f"gemeinden/{old.name}" not in files:
            old.unlink()
    for rel, text in files.items():
        (out_dir / rel).write_text(text, encoding="utf-8")
    unknown = sorted({p.f.id for p in planner.placed if not p.f.known})
    total = len(planner.placed)
    print(f"wrote {len(files)} files to {out_dir}: {total} sessions in "
          f"{len(MUNICIPALITIES)} municipalities")
    if unknown:
        print("planned without catalogue facts (not installed yet): " + ", ".join(unknown))
    if stats:
        for m in MUNICIPALITIES:
            parts = []
            for number in (1, 2):
                sessions = by_m[m["slug"]][number]
                reached = sorted({next(v["ortsteil"] for v in m["venues"] if v["id"] == s.venue)
                                  for s in sessions} - {m["main_town"]})
                parts.append(f"p{number}: {len(sessions)} sessions, Ortsteile beyond "
                             f"{m['main_town']}: {', '.join(reached)}")
            print(f"  {m['slug']:16} " + " | ".join(parts))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--stats", action="store_true", help="print sessions per phase")
    parser.add_argument(
        "--no-tour", action="store_true",
        help="skip the district tour (by default `werkzeugkoffer schedule --write` sets the dates)",
    )
    args = parser.parse_args(argv)
    try:
        from werkzeugkoffer.catalogue import get_catalogue

        catalogue = get_catalogue()
    except Exception as exc:  # the planner still works with the contract's sizes
        print(f"catalogue not available ({exc}); planning with contract sizes", file=sys.stderr)
        catalogue = None
    planner = plan(catalogue)
    validate(planner)
    write(args.out, planner, args.stats)
    if not args.no_tour:
        # The phase dates of the example come from the scheduler, as a planner would get them:
        # at most `tool_cases` phases at once, minimum gaps, holidays avoided.
        from werkzeugkoffer import Workspace
        from werkzeugkoffer.schedule import plan_tour, summary_lines, write_tour

        workspace = Workspace.load(args.out)
        tour = plan_tour(workspace)
        write_tour(workspace, tour)
        print("\n".join(summary_lines(tour)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
