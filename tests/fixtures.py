"""The workspaces the tests run on, built from model objects and written by the SDK's writers.

No test writes a workspace as TOML by hand: a workspace here is a function that returns model
objects (:class:`~werkzeugkoffer.Lab`, :class:`~werkzeugkoffer.Municipality`,
:class:`~werkzeugkoffer.Format`), and :func:`write_workspace` (the SDK's own
:func:`werkzeugkoffer.testing.write_workspace`) or :func:`write_municipality` put them into a
folder through :func:`werkzeugkoffer.to_plain` and tomlkit. Tests change a workspace the same way:
:func:`change_municipality` and :func:`change_lab` read a file with the converter, apply a change
to the model objects (:func:`with_session`, :func:`with_phase`, :func:`with_venue`, ...) and write
it back. Hand-written TOML is left to tests about the text itself (comments kept by tomledit,
parse errors, the docs' examples).

The workspaces:

- :func:`write_mini_workspace` (fixture ``mini_ws``): Lohra, two phases with one Datensafari each.
- :func:`make_results_workspace`: three municipalities whose sessions alternate the Datensafari and
  ``test.alles``, a workspace format with a field of every result type (results, store, reports,
  impact tests), with helpers for result values and result-sheet CSV files.
- :func:`make_kit_workspace`: Lohra with a pop-up lab hosting a session, a plugin format and the
  workspace format ``werkstatt.alles`` twice at once (kit tests); optionally with hostile text.
- :func:`make_tour_workspace`: ``n`` municipalities with comments in their files (schedule tests).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path
from typing import Callable, Iterable, Sequence

import attrs
import tomlkit
from werkzeugkoffer import (
    Aggregate,
    Contact,
    DataProtection,
    Format,
    ImpactLevel,
    Indicator,
    InventoryItem,
    Lab,
    Material,
    Municipality,
    ParticipationLevel,
    Phase,
    PhaseRules,
    PrepStep,
    Principle,
    ResultField,
    ResultType,
    Role,
    Session,
    Setting,
    Space,
    Step,
    TargetGroup,
    TeamMember,
    Theme,
    Venue,
    Workspace,
    get_catalogue,
    structure,
    to_plain,
)
from werkzeugkoffer.model import Opening, PlanTemplate, Privacy, Station, TemplateSession
from werkzeugkoffer.testing import write_workspace as sdk_write_workspace

# -- writing and changing workspace files -------------------------------------------------------


def toml_text(obj) -> str:
    """A model object as the text of its workspace file."""
    return tomlkit.dumps(to_plain(obj))


def municipality_text(
    m: Municipality,
    *,
    comment: str | None = None,
    phase_comments: dict[int, str] | None = None,
    date_comments: dict[str, str] | None = None,
) -> str:
    """The text of a municipality file, optionally with comments (a line at the top, on the
    header of a phase, after the date of a session) for tests that they are kept."""
    doc = tomlkit.document()
    if comment:
        doc.add(tomlkit.comment(comment))
    for key, value in to_plain(m).items():
        if value != []:  # as people write it: no phases yet is no "phases = []"
            doc[key] = value
    for i, p in enumerate(m.phases):
        if phase_comments and p.number in phase_comments:
            doc["phases"][i].comment(phase_comments[p.number])
        for k, s in enumerate(p.sessions):
            if date_comments and s.id in date_comments:
                doc["phases"][i]["sessions"][k]["date"].comment(date_comments[s.id])
    return tomlkit.dumps(doc)


def write_lab(root: Path, lab: Lab) -> Path:
    path = Path(root) / "labor.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(toml_text(lab), encoding="utf-8")
    return path


def write_municipality(root: Path, slug: str, m: Municipality, **comments) -> Path:
    """Write ``gemeinden/<slug>.toml`` (``comments``: see :func:`municipality_text`)."""
    path = Path(root) / "gemeinden" / f"{slug}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(municipality_text(m, **comments), encoding="utf-8")
    return path


def write_format(root: Path, fmt: Format) -> Path:
    """Write a workspace format file ``formate/<id with - for .>.toml``."""
    path = Path(root) / "formate" / f"{fmt.id.replace('.', '-')}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(toml_text(fmt), encoding="utf-8")
    return path


def write_workspace(
    root: Path,
    lab: Lab,
    municipalities: dict[str, Municipality],
    formats: Sequence[Format] = (),
) -> Path:
    """A workspace folder: ``labor.toml``, a file per municipality, ``formats`` as workspace
    format files; written with :func:`werkzeugkoffer.testing.write_workspace`."""
    root = Path(root)
    items = list(municipalities.items())
    if items:
        slug, first = items[0]
        sdk_write_workspace(root, formats, lab=lab, municipality=first, slug=slug,
                            format_files=bool(formats))
    else:
        (root / "gemeinden").mkdir(parents=True, exist_ok=True)
        write_lab(root, lab)
        for fmt in formats:
            write_format(root, fmt)
    for slug, m in items[1:]:
        write_municipality(root, slug, m)
    return root


def read_lab(root: Path) -> Lab:
    return structure(_read(Path(root) / "labor.toml"), Lab, where="labor.toml")


def read_municipality(root: Path, slug: str) -> Municipality:
    where = f"gemeinden/{slug}.toml"
    return structure(_read(Path(root) / where), Municipality, where=where)


def _read(path: Path) -> dict:
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8"))


def change_lab(root: Path, change: Callable[[Lab], Lab]) -> Lab:
    """Read ``labor.toml``, change the lab, write it back (written anew: comments in the file
    are not kept); return the new lab."""
    lab = change(read_lab(root))
    write_lab(root, lab)
    return lab


def change_municipality(
    root: Path, slug: str, change: Callable[[Municipality], Municipality]
) -> Municipality:
    """Read ``gemeinden/<slug>.toml``, change the municipality, write it back (written anew:
    comments in the file are not kept); return it."""
    m = change(read_municipality(root, slug))
    write_municipality(root, slug, m)
    return m


def with_phase(m: Municipality, number: int, /, **changes) -> Municipality:
    """``m`` with phase ``number`` changed."""
    assert m.phase(number) is not None, f"{m.name} has no phase {number}"
    return attrs.evolve(m, phases=tuple(
        attrs.evolve(p, **changes) if p.number == number else p for p in m.phases
    ))


def without_phase(m: Municipality, number: int) -> Municipality:
    return attrs.evolve(m, phases=tuple(p for p in m.phases if p.number != number))


def with_session(m: Municipality, session_id: str, /, **changes) -> Municipality:
    """``m`` with the session ``session_id`` changed."""
    assert any(s.id == session_id for p in m.phases for s in p.sessions), session_id
    return attrs.evolve(m, phases=tuple(
        attrs.evolve(p, sessions=tuple(
            attrs.evolve(s, **changes) if s.id == session_id else s for s in p.sessions
        ))
        for p in m.phases
    ))


def add_session(m: Municipality, number: int, session: Session) -> Municipality:
    """``m`` with ``session`` added at the end of phase ``number``."""
    phase = m.phase(number)
    return with_phase(m, number, sessions=(*phase.sessions, session))


def with_venue(m: Municipality, venue_id: str, /, **changes) -> Municipality:
    assert any(v.id == venue_id for v in m.venues), venue_id
    return attrs.evolve(m, venues=tuple(
        attrs.evolve(v, **changes) if v.id == venue_id else v for v in m.venues
    ))


def inventory_for(
    formats: Iterable[str | Format], quantity: int, *, known: Iterable[str] = ()
) -> tuple[InventoryItem, ...]:
    """An inventory item for every tool case item the formats need, at their stations too
    (their data may change)."""
    known = set(known)
    items = []
    for fmt in formats:
        fmt = get_catalogue()[fmt] if isinstance(fmt, str) else fmt
        station_materials = fmt.stations.materials if fmt.stations is not None else ()
        for mat in (*fmt.materials, *station_materials):
            if mat.reusable and mat.inventory and mat.inventory not in known:
                known.add(mat.inventory)
                items.append(InventoryItem(id=mat.inventory, name=mat.name, quantity=quantity))
    return tuple(items)


def safari(session_id: str, date: dt.date, venue: str, *, expected: int = 12,
           start: dt.time = dt.time(10, 0), end: dt.time = dt.time(12, 30)) -> Session:
    """A Datensafari session (10:00-12:30 unless said otherwise)."""
    return Session(id=session_id, format="digital.datensafari", date=date, start=start, end=end,
                   venue=venue, expected=expected)


# -- the mini workspace: Lohra, two phases, one Datensafari each (fixture mini_ws) --------------

MINI_INVENTORY = (
    ("tablet", "Tablet", 12), ("powerbank", "Powerbank", 12), ("laptop", "Laptop", 4),
    ("beamer", "Beamer", 2), ("leinwand", "Leinwand", 2),
    ("tonanlage", "Mobile Tonanlage mit Mikrofon", 2), ("lte-router", "Mobiler WLAN-Router", 3),
    ("pinnwand", "Moderationswand", 12), ("moderationskoffer", "Moderationskoffer", 6),
    ("flipchart", "Flipchart-Ständer", 6), ("pavillon", "Faltpavillon 3 x 3 m", 3),
    ("bierzeltgarnitur", "Festzeltgarnitur", 8), ("stehtisch", "Stehtisch", 6),
    ("rollup", "Roll-up „Werkzeugkoffer", 3), ("picknickdecke", "Picknickdecke", 24),
    ("magnetwand", "Magnetwand mit Karten", 3), ("kamera", "Digitalkamera", 2),
    ("werkzeugkiste", "Werkzeugkiste für Reparaturen", 3),
    ("kabeltrommel", "Kabeltrommel / Verlängerung", 8), ("klemmbrett", "Klemmbrett", 30),
    ("lastenrad", "Lastenrad „Mobiles Labor", 1), ("modellplatte", "Modellbau-Set", 2),
    ("stimmbox", "Abstimmungsbox-Set", 2), ("sitzwuerfel", "Sitzwürfel", 20),
)


def mini_lab() -> Lab:
    """A lab with a team of two, a tool case of 24 kinds of items (12 tablets) and the
    data-protection facts consent forms print."""
    return Lab(
        name="Testlabor",
        organiser="Landkreis Test",
        state="HE",
        privacy=Privacy(address="Marktplatz 1, 35000 Teststadt",
                        officer="Datenschutzbeauftragte des Landkreises",
                        retention="Bis zum Ende des Labors"),
        team=(TeamMember(name="Alex Beispiel", role="Koordination"),
              TeamMember(name="Kim Muster", role="Beteiligung")),
        inventory=tuple(InventoryItem(id=i, name=n, quantity=q) for i, n, q in MINI_INVENTORY),
    )


def mini_municipality() -> Municipality:
    """Lohra (Ortsteile Lohra, Altenvers, Damm): phase 1 with a Datensafari in Altenvers on
    Saturday 2027-03-13, phase 2 with one at the town hall on Saturday 2027-05-29."""
    return Municipality(
        name="Lohra",
        ags="06534013",
        population=5597,
        main_town="Lohra",
        ortsteile=("Lohra", "Altenvers", "Damm"),
        venues=(
            Venue(id="dgh-altenvers", name="Dorfgemeinschaftshaus Altenvers", ortsteil="Altenvers"),
            Venue(id="rathaus", name="Rathaus Lohra", ortsteil="Lohra"),
        ),
        phases=(
            Phase(number=1, start=dt.date(2027, 3, 1), end=dt.date(2027, 4, 11),
                  sessions=(safari("lohra-p1-01", dt.date(2027, 3, 13), "dgh-altenvers"),)),
            Phase(number=2, start=dt.date(2027, 5, 17), end=dt.date(2027, 6, 27),
                  sessions=(safari("lohra-p2-01", dt.date(2027, 5, 29), "rathaus"),)),
        ),
    )


MINI_COMMENT = "Lohra: a small test municipality"


def write_mini_workspace(root: Path) -> Path:
    write_workspace(root, mini_lab(), {})
    write_municipality(root, "lohra", mini_municipality(), comment=MINI_COMMENT)
    return root


# The mini workspace as people write it by hand ("10:00" for times, only the keys they need):
# for the tests that change the files' *text* (fault injection: bad values, duplicate keys,
# huge numbers; tests/test_faults.py). tests/test_workspace.py keeps it equal to mini_lab() and
# mini_municipality().
MINI_LAB_TOML = """\
name = "Testlabor"
organiser = "Landkreis Test"
state = "HE"

[privacy]
address = "Marktplatz 1, 35000 Teststadt"
officer = "Datenschutzbeauftragte des Landkreises"
retention = "Bis zum Ende des Labors"

[[team]]
name = "Alex Beispiel"
role = "Koordination"

[[team]]
name = "Kim Muster"
role = "Beteiligung"

[[inventory]]
id = "tablet"
name = "Tablet"
quantity = 12

[[inventory]]
id = "powerbank"
name = "Powerbank"
quantity = 12

[[inventory]]
id = "laptop"
name = "Laptop"
quantity = 4

[[inventory]]
id = "beamer"
name = "Beamer"
quantity = 2

[[inventory]]
id = "leinwand"
name = "Leinwand"
quantity = 2

[[inventory]]
id = "tonanlage"
name = "Mobile Tonanlage mit Mikrofon"
quantity = 2

[[inventory]]
id = "lte-router"
name = "Mobiler WLAN-Router"
quantity = 3

[[inventory]]
id = "pinnwand"
name = "Moderationswand"
quantity = 12

[[inventory]]
id = "moderationskoffer"
name = "Moderationskoffer"
quantity = 6

[[inventory]]
id = "flipchart"
name = "Flipchart-Ständer"
quantity = 6

[[inventory]]
id = "pavillon"
name = "Faltpavillon 3 x 3 m"
quantity = 3

[[inventory]]
id = "bierzeltgarnitur"
name = "Festzeltgarnitur"
quantity = 8

[[inventory]]
id = "stehtisch"
name = "Stehtisch"
quantity = 6

[[inventory]]
id = "rollup"
name = "Roll-up „Werkzeugkoffer"
quantity = 3

[[inventory]]
id = "picknickdecke"
name = "Picknickdecke"
quantity = 24

[[inventory]]
id = "magnetwand"
name = "Magnetwand mit Karten"
quantity = 3

[[inventory]]
id = "kamera"
name = "Digitalkamera"
quantity = 2

[[inventory]]
id = "werkzeugkiste"
name = "Werkzeugkiste für Reparaturen"
quantity = 3

[[inventory]]
id = "kabeltrommel"
name = "Kabeltrommel / Verlängerung"
quantity = 8

[[inventory]]
id = "klemmbrett"
name = "Klemmbrett"
quantity = 30

[[inventory]]
id = "lastenrad"
name = "Lastenrad „Mobiles Labor"
quantity = 1

[[inventory]]
id = "modellplatte"
name = "Modellbau-Set"
quantity = 2

[[inventory]]
id = "stimmbox"
name = "Abstimmungsbox-Set"
quantity = 2

[[inventory]]
id = "sitzwuerfel"
name = "Sitzwürfel"
quantity = 20
"""

MINI_MUNICIPALITY_TOML = """\
# Lohra: a small test municipality
name = "Lohra"
ags = "06534013"
population = 5597
main_town = "Lohra"
ortsteile = ["Lohra", "Altenvers", "Damm"]

[[venues]]
id = "dgh-altenvers"
name = "Dorfgemeinschaftshaus Altenvers"
ortsteil = "Altenvers"

[[venues]]
id = "rathaus"
name = "Rathaus Lohra"
ortsteil = "Lohra"

[[phases]]
number = 1
start = 2027-03-01
end = 2027-04-11

[[phases.sessions]]
id = "lohra-p1-01"
format = "digital.datensafari"
date = 2027-03-13
start = "10:00"
end = "12:30"
venue = "dgh-altenvers"
expected = 12

[[phases]]
number = 2
start = 2027-05-17
end = 2027-06-27

[[phases.sessions]]
id = "lohra-p2-01"
format = "digital.datensafari"
date = 2027-05-29
start = "10:00"
end = "12:30"
venue = "rathaus"
expected = 12
"""


def write_mini_workspace_toml(root: Path) -> Path:
    """The mini workspace from :data:`MINI_LAB_TOML` and :data:`MINI_MUNICIPALITY_TOML`."""
    root = Path(root)
    (root / "gemeinden").mkdir(parents=True, exist_ok=True)
    (root / "labor.toml").write_text(MINI_LAB_TOML, encoding="utf-8")
    (root / "gemeinden" / "lohra.toml").write_text(MINI_MUNICIPALITY_TOML, encoding="utf-8")
    return root


#: plan templates for the mini workspace (``plan apply`` tests)
PLAN_TEMPLATES = (
    PlanTemplate(
        id="erkunden", phase=1, title="Erkunden: Auftakt im Hauptort, dann in die Ortsteile",
        weeks=6,
        sessions=(
            TemplateSession(format="digital.datensafari", week=1, place="hauptort"),
            TemplateSession(format="digital.datensafari", week=2, until_week=5, count=2,
                            place="ortsteil", start=dt.time(14, 0)),
        ),
    ),
    PlanTemplate(
        id="vertiefen", phase=2, weeks=6,
        sessions=(TemplateSession(format="digital.datensafari", week=3, weekday=3,
                                  place="rathaus", expected=9),),
    ),
)


# -- the results workspace: every result type (results, store, reports, impact) ----------------

KGST = [
    "Persönliche Kompetenz", "Soziale Kompetenz", "Strategische Kompetenz", "Ethische Kompetenz",
    "IT- und Medienkompetenz", "Diversity Kompetenz", "Führungskompetenz",
    "Personalentwicklungskompetenz",
]
KGST_TARGETS = {KGST[0]: 80, KGST[1]: 80, KGST[2]: 90, KGST[3]: 50, KGST[4]: 80, KGST[5]: 70}

TOWNS = {
    "lohra": ("Lohra", "06534013", ["Lohra", "Altenvers", "Damm", "Kirchvers"]),
    "wohratal": ("Wohratal", "06534022", ["Wohra", "Hertingshausen", "Langendorf"]),
    "angelburg": ("Angelburg", "06534002", ["Gönnern", "Frechenhausen", "Lixfeld"]),
}


def alles_format() -> Format:
    """``test.alles``: a field of every result type, a scores field with the KGST role profile
    of seed 000 (two competences not rated) and indicators on every level."""
    return Format(
        id="test.alles", version="1.0.0", title="Alles-Test", theme=Theme.PARTIZIPATIV,
        summary="Ein Testformat mit jedem Ergebnistyp.", purpose="Tests.",
        question="Was testen wir?", level=ParticipationLevel.CONSULT,
        principles=(Principle.BETEILIGUNG,),
        target_groups=(TargetGroup.JUGENDLICHE, TargetGroup.ERWACHSENE, TargetGroup.SENIOREN),
        settings=(Setting.DRINNEN,), space=Space(), duration_minutes=60, participants_min=2,
        participants_max=40, roles=(Role(name="Leitung"),), materials=(), lead_days=7,
        preparation=(), agenda=(Step(minutes=60, title="Alles"),),
        accessibility="barrierefrei",
        data_protection=DataProtection(personal_data=True,
                                       notes="Bemerkungen können Namen enthalten."),
        result_fields=(
            ResultField(name="anzahl", label="Beiträge", type=ResultType.COUNT, required=True),
            ResultField(name="summe", label="Ausgaben", type=ResultType.NUMBER, unit="EUR"),
            ResultField(name="anteil", label="Anteil Erstteilnehmende", type=ResultType.PERCENT),
            ResultField(name="bemerkung", label="Bemerkung", type=ResultType.TEXT, personal=True),
            ResultField(name="ideen", label="Ideen", type=ResultType.TEXT_LIST),
            ResultField(name="abstimmung", label="Abstimmung", type=ResultType.CHOICE_VOTES,
                        options=("Ja", "Nein", "Enthaltung")),
            ResultField(name="bewertung", label="Zufriedenheit", type=ResultType.RATING),
            ResultField(name="punkte", label="Kartenpunkte", type=ResultType.MAP_POINTS,
                        options=("Lieblingsort", "Gefahrenstelle", "Wunsch")),
            ResultField(name="kompetenzen", label="Kompetenzcheck", type=ResultType.SCORES,
                        options=tuple(KGST), targets=dict(KGST_TARGETS)),
        ),
        indicators=(
            Indicator(id="termine", label="Termine finden statt", level=ImpactLevel.OUTPUT,
                      step=1),
            Indicator(id="beitraege", label="Beiträge", level=ImpactLevel.OUTPUT, step=2,
                      field="anzahl", aggregate=Aggregate.SUM, target=10),
            Indicator(id="zufriedenheit", label="Zufriedenheit", level=ImpactLevel.OUTPUT,
                      step=3, field="bewertung", aggregate=Aggregate.MEAN, target=4),
            Indicator(id="kompetenz", label="Erfüllungsgrad Kompetenzcheck",
                      level=ImpactLevel.OUTCOME, step=4, field="kompetenzen",
                      aggregate=Aggregate.SHARE, target=80),
            Indicator(id="ideen", label="Ideen gesammelt", level=ImpactLevel.OUTCOME, step=5,
                      field="ideen", aggregate=Aggregate.SUM, target=3),
            Indicator(id="gesellschaft", label="Das Miteinander im Ort verändert sich",
                      level=ImpactLevel.IMPACT, step=7, description="Schriftlich einschätzen."),
        ),
    )


def results_lab() -> Lab:
    return Lab(
        name="Testlabor", organiser="Landkreis Test", state="HE",
        contacts=(Contact(name="Alex Beispiel", role="Koordination", email="labor@example.org"),),
        team=(TeamMember(name="Alex Beispiel", role="Koordination", hours_per_week=20),),
        inventory=(InventoryItem(id="tablet", name="Tablet", quantity=12),
                   InventoryItem(id="powerbank", name="Powerbank", quantity=12)),
    )


def results_municipality(slug: str, name: str, ags: str, ortsteile: list[str],
                         sessions_per_phase: int = 4) -> Municipality:
    """Two six-week phases (from 2027-03-01 and 2027-06-07) of ``sessions_per_phase`` sessions
    each, ``test.alles`` (10:00-11:00) and the Datensafari (10:00-12:30) in turn, one a week;
    phase 1 in the first two venues, phase 2 in every Ortsteil."""
    venues = tuple(Venue(id=f"v{i}", name=f"DGH {o}", ortsteil=o) for i, o in enumerate(ortsteile))
    phases = []
    for number, start in ((1, dt.date(2027, 3, 1)), (2, dt.date(2027, 6, 7))):
        sessions = []
        for k in range(sessions_per_phase):
            alles = k % 2 == 0
            venue = k % len(ortsteile) if number == 2 else min(k, 1) % len(ortsteile)
            sessions.append(Session(
                id=f"{slug}-p{number}-{k + 1:02d}",
                format="test.alles" if alles else "digital.datensafari",
                date=start + dt.timedelta(days=5 + 7 * (k % 6)),
                start=dt.time(10, 0), end=dt.time(11, 0) if alles else dt.time(12, 30),
                venue=f"v{venue}", expected=12,
            ))
        phases.append(Phase(number=number, start=start, end=start + dt.timedelta(days=41),
                            sessions=tuple(sessions)))
    return Municipality(name=name, ags=ags, population=5000, main_town=ortsteile[0],
                        ortsteile=tuple(ortsteile), venues=venues, phases=tuple(phases))


def make_results_workspace(root: Path, *, towns: dict | None = None,
                           sessions_per_phase: int = 4) -> Path:
    """Write the results workspace into ``root`` (default: the three :data:`TOWNS`)."""
    towns = TOWNS if towns is None else towns
    municipalities = {
        slug: results_municipality(slug, name, ags, ortsteile, sessions_per_phase)
        for slug, (name, ags, ortsteile) in towns.items()
    }
    return write_workspace(Path(root), results_lab(), municipalities, [alles_format()])


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


def load(root: Path) -> Workspace:
    return Workspace.load(root)


def write_csv(path: Path, rows: list[list], *, delimiter: str = ";", bom: bool = False) -> Path:
    """Write result-sheet CSV lines (header first)."""
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


def station_municipality() -> Municipality:
    """Breidenbach: seven Ortsteile with a venue each (``v0`` in the main town, indoors; the
    others outdoors); phase 1 holds the Tempo-Challenge ``breidenbach-p1-01`` with one station
    per Ortsteil, open 24.06.-03.07.2027 from 14 to 18 h (station ``v6`` only on weekends), and
    a ``test.alles`` session ``breidenbach-p1-02`` in the main town; phase 2 one ``test.alles``
    session."""
    def alles(session_id, date, venue):
        return Session(id=session_id, format="test.alles", date=date, start=dt.time(10, 0),
                       end=dt.time(11, 0), venue=venue, expected=20)

    challenge = Session(
        id=STATION_SESSION, format="partizipativ.tempo-challenge", date=dt.date(2027, 6, 24),
        end_date=dt.date(2027, 7, 3), start=dt.time(14, 0), end=dt.time(18, 0), expected=350,
        stations=tuple(Station(venue=f"v{i}", weekdays=(6, 7) if i == 6 else ())
                       for i in range(len(BREIDENBACH))),
    )
    return Municipality(
        name="Breidenbach", ags="06534005", population=6778, main_town="Breidenbach",
        ortsteile=tuple(BREIDENBACH),
        venues=tuple(Venue(id=f"v{i}", name=f"DGH {o}", ortsteil=o, indoor=not i)
                     for i, o in enumerate(BREIDENBACH)),
        phases=(
            Phase(number=1, start=dt.date(2027, 6, 14), end=dt.date(2027, 7, 25), sessions=(
                challenge, alles("breidenbach-p1-02", dt.date(2027, 6, 19), "v0"))),
            Phase(number=2, start=dt.date(2027, 9, 6), end=dt.date(2027, 10, 17), sessions=(
                alles("breidenbach-p2-01", dt.date(2027, 9, 18), "v1"),)),
        ),
    )


def station_workspace(root: Path) -> Path:
    """The results lab with one municipality, Breidenbach (:func:`station_municipality`)."""
    return write_workspace(Path(root), results_lab(), {"breidenbach": station_municipality()},
                           [alles_format()])


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


# -- the kit workspace: a pop-up lab, a plugin format, a workspace format (kit tests) ------------

HOSTILE = '<script>alert(1)</script> <img src="file:///etc/passwd"> {{ 7*7 }} ../../etc/passwd'


def werkstatt_format() -> Format:
    """``werkstatt.alles``: a workspace format that uses every result type, so every result
    sheet layout is printed."""
    return Format(
        id="werkstatt.alles", version="2.1.0", title="Alles-Werkstatt", theme=Theme.PARTIZIPATIV,
        summary="Eine Probe-Werkstatt mit jeder Art von Ergebnisfeld.",
        purpose="Prüft, dass jeder Ergebnistyp auf dem Ergebnisbogen richtig gedruckt wird.",
        question="Was wünschen Sie sich für Ihren Ort?", level=ParticipationLevel.INVOLVE,
        principles=(Principle.BETEILIGUNG,), target_groups=(TargetGroup.ALLE,),
        settings=(Setting.DRINNEN,), space=Space(description="Ein Raum mit Tischen", tables=4),
        duration_minutes=90, participants_min=5, participants_max=40,
        roles=(Role(name="Moderation", count=1),),
        materials=(
            Material(name="Moderationswand", quantity=2, inventory="pinnwand"),
            Material(name="Klebepunkte (Bogen)", quantity=1, per_participants=5, reusable=False),
        ),
        lead_days=14, preparation=(PrepStep(days_before=14, task="Einladung aushängen"),),
        agenda=(Step(minutes=30, title="Ankommen", who="Moderation"),
                Step(minutes=60, title="Arbeiten")),
        accessibility="Stufenloser Raum, große Schrift.",
        data_protection=DataProtection(photos=False), licence="CC0 1.0",
        result_fields=(
            ResultField(name="anzahl", label="Zahl der Ideen", type=ResultType.COUNT,
                        required=True),
            ResultField(name="kosten", label="Geschätzte Kosten", type=ResultType.NUMBER,
                        unit="Euro"),
            ResultField(name="anteil", label="Anteil Erstbeteiligte", type=ResultType.PERCENT),
            ResultField(name="fazit", label="Fazit der Moderation", type=ResultType.TEXT),
            ResultField(name="ideen", label="Ideen", type=ResultType.TEXT_LIST),
            ResultField(name="abstimmung", label="Welches Projekt zuerst?",
                        type=ResultType.CHOICE_VOTES,
                        options=("Dorfplatz", "Bücherschrank", "Mitfahrbank")),
            ResultField(name="bewertung", label="Wie hat es gefallen?", type=ResultType.RATING),
            ResultField(name="orte", label="Orte auf der Karte", type=ResultType.MAP_POINTS,
                        options=("Lieblingsort", "Gefahrenstelle")),
            ResultField(name="profil", label="Selbsteinschätzung", type=ResultType.SCORES,
                        options=("Zuhören", "Moderieren"), targets={"Zuhören": 80}),
        ),
        indicators=(
            Indicator(id="ideen", label="Gesammelte Ideen", level=ImpactLevel.OUTPUT, step=1,
                      field="anzahl", target=20, unit="Ideen"),
            Indicator(id="wirkung", label="Der Ort verändert sich", level=ImpactLevel.IMPACT,
                      step=7),
        ),
    )


def kit_lab(*, hostile: bool = False) -> Lab:
    """A team of eight, 60 of every tool case item the kit's formats need (stations' too) and
    the data-protection facts."""
    text = (lambda s: f"{s} {HOSTILE}") if hostile else (lambda s: s)
    inventory = (InventoryItem(id="pinnwand", name="Moderationswand", quantity=60),
                 *inventory_for(["digital.datensafari", "kreativ.pop-up-labor",
                                 "partizipativ.tempo-challenge"], 60, known={"pinnwand"}))
    return Lab(
        name=text("Testlabor"), organiser="Landkreis Test",
        url="https://labor.example.org/mitmachen",
        contacts=(Contact(name=text("Alex Beispiel"), role="Koordination",
                          email="alex@example.org", phone="06421 000000"),),
        privacy=Privacy(address=text("Marktplatz 1, 35102 Lohra"),
                        officer="Datenschutzbeauftragte des Landkreises Test",
                        retention="Bis zum Ende des Labors"),
        team=tuple(TeamMember(name=f"Person {i}") for i in range(8)),
        inventory=inventory,
    )


def kit_municipality(*, hostile: bool = False, stations: bool = False) -> Municipality:
    """Lohra: phase 1 (12.04.-23.05.2027) with a pop-up lab in an empty shop (12.-30.04.)
    hosting a workshop, a second workshop at the same time in Damm and a Datensafari; phase 2
    with one workshop. ``stations`` adds a Tempo-Challenge at three stations over seven days to
    phase 1."""
    text = (lambda s: f"{s} {HOSTILE}") if hostile else (lambda s: s)
    tempo = Session(
        id="lohra-tempo", format="partizipativ.tempo-challenge", title="Tempo-Challenge in Lohra",
        date=dt.date(2027, 5, 3), end_date=dt.date(2027, 5, 9), start=dt.time(15, 0),
        end=dt.time(19, 0), expected=90,
        stations=(
            Station(venue="laden", host="Ortsvorsteherin Lohra"),
            Station(venue="dgh-altenvers", weekdays=(1, 3, 5)),
            Station(venue="dgh-damm", openings=(
                Opening(date=dt.date(2027, 5, 8), start=dt.time(10, 0), end=dt.time(14, 0)),)),
        ),
    )
    return Municipality(
        name=text("Lohra"), ags="06534013", population=5597, main_town="Lohra",
        ortsteile=("Lohra", "Altenvers", "Damm", "Kirchvers"),
        venues=(
            Venue(id="laden", name=text("Leerer Laden Marktstraße"), ortsteil="Lohra",
                  address=text("Marktstraße 1")),
            Venue(id="dgh-altenvers", name="Dorfgemeinschaftshaus Altenvers",
                  ortsteil="Altenvers"),
            Venue(id="dgh-damm", name="Dorfgemeinschaftshaus Damm", ortsteil="Damm"),
        ),
        phases=(
            Phase(
                number=1, start=dt.date(2027, 4, 12), end=dt.date(2027, 5, 23),
                focus=text("Themen sammeln"),
                aims=("Viele Menschen erreichen", text("Ideen sammeln")),
                sessions=(
                    Session(id="lohra-popup", format="kreativ.pop-up-labor",
                            date=dt.date(2027, 4, 12), end_date=dt.date(2027, 4, 30),
                            start=dt.time(10, 0), end=dt.time(16, 0), venue="laden",
                            expected=40),
                    Session(id="lohra-werkstatt-a", format="werkstatt.alles",
                            title=text("Ideenabend im Laden"), date=dt.date(2027, 4, 20),
                            start=dt.time(14, 0), end=dt.time(15, 30), venue="laden",
                            expected=12, host=text("Kim Muster"),
                            notes=text("Schlüssel beim Bäcker")),
                    Session(id="lohra-werkstatt-b", format="werkstatt.alles",
                            title="Werkstatt in Damm", date=dt.date(2027, 4, 20),
                            start=dt.time(14, 30), end=dt.time(16, 0), venue="dgh-damm",
                            expected=20, url="https://example.org/damm"),
                    safari("lohra-safari", dt.date(2027, 5, 15), "dgh-altenvers"),
                    *((tempo,) if stations else ()),
                ),
            ),
            Phase(
                number=2, start=dt.date(2027, 6, 28), end=dt.date(2027, 8, 8),
                sessions=(Session(id="lohra-p2-werkstatt", format="werkstatt.alles",
                                  date=dt.date(2027, 7, 3), start=dt.time(10, 0),
                                  end=dt.time(11, 30), venue="dgh-altenvers", expected=10),),
            ),
        ),
    )


def make_kit_workspace(root: Path, *, hostile: bool = False, stations: bool = False) -> Path:
    """The kit workspace (``hostile``: names, notes and titles carry :data:`HOSTILE` text;
    ``stations``: with a Tempo-Challenge at three stations)."""
    municipality = kit_municipality(hostile=hostile, stations=stations)
    return write_workspace(Path(root), kit_lab(hostile=hostile), {"lohra": municipality},
                           [werkstatt_format()])


# -- the tour workspace: n municipalities, comments in their files (schedule tests) ------------

TOUR_START = dt.date(2027, 1, 4)  # a Monday


def tour_lab(tool_cases: int = 2, team: int = 3, *, min_weeks: int = 6, max_weeks: int = 8,
             gap: int = 4, school: bool = False) -> Lab:
    return Lab(
        name="Testlabor", organiser="Landkreis Test", state="HE", tool_cases=tool_cases,
        team=tuple(TeamMember(name=f"Person {i}", hours_per_week=20) for i in range(team)),
        inventory=inventory_for(["digital.datensafari"], 100),
        rules=PhaseRules(min_weeks=min_weeks, max_weeks=max_weeks, min_gap_weeks=gap,
                         avoid_school_holidays=school),
    )


def tour_municipality(i: int, p1: dt.date | None = None, p2: dt.date | None = None, *,
                      fixed1: bool = False, fixed2: bool = False,
                      sessions: bool = True) -> tuple[str, Municipality]:
    """``ort<i>``: phases at the given starts (six weeks each), each with a Datensafari on its
    second Saturday (phase 1 in the village, phase 2 at the town hall)."""
    slug = f"ort{i:02d}"
    phases = []
    for number, start, fixed in ((1, p1, fixed1), (2, p2, fixed2)):
        if start is None:
            continue
        venue = "dgh" if number == 1 else "rathaus"
        phases.append(Phase(
            number=number, start=start, end=start + dt.timedelta(days=41), fixed=fixed,
            sessions=(safari(f"{slug}-p{number}-01", start + dt.timedelta(days=12), venue),)
            if sessions else (),
        ))
    return slug, Municipality(
        name=f"Ort {i:02d}", ags=f"{6534000 + i:08d}", population=5000, main_town=f"Ort {i:02d}",
        ortsteile=(f"Ort {i:02d}", f"Dorf {i:02d}"),
        venues=(Venue(id="dgh", name=f"DGH Dorf {i:02d}", ortsteil=f"Dorf {i:02d}"),
                Venue(id="rathaus", name="Rathaus", ortsteil=f"Ort {i:02d}")),
        phases=tuple(phases),
    )


def write_tour_municipality(root: Path, slug: str, m: Municipality) -> Path:
    """Write a tour municipality with comments to keep: a line at the top, one on the header of
    each phase and one after each session's date."""
    return write_municipality(
        root, slug, m, comment=f"Gemeinde {int(slug[3:])}: a comment to keep",
        phase_comments={p.number: f"phase {p.number} of {slug}" for p in m.phases},
        date_comments={s.id: "a Saturday" for p in m.phases for s in p.sessions},
    )


def make_tour_workspace(root: Path, n: int = 4, *, lab: Lab | None = None, phases: bool = True,
                        **kw) -> Path:
    """``n`` municipalities whose phases start two weeks apart from :data:`TOUR_START`
    (phase 2 twelve weeks after phase 1), or without phases."""
    root = Path(root)
    write_workspace(root, lab or tour_lab(), {})
    for i in range(n):
        p1 = TOUR_START + dt.timedelta(weeks=2 * i) if phases else None
        p2 = p1 + dt.timedelta(weeks=12) if phases else None
        write_tour_municipality(root, *tour_municipality(i, p1, p2, **kw))
    return root
