"""Sessions over several days and at several stations: the model, its needs, checks and reach."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from werkzeugkoffer import (
    Lab,
    Material,
    Municipality,
    Phase,
    Role,
    Session,
    Setting,
    Venue,
    Workspace,
    get_catalogue,
    run_checks,
)
from werkzeugkoffer.model import InventoryItem, Opening, Station, StationNeeds, TeamMember
from werkzeugkoffer.needs import material_needs, staff_needs
from werkzeugkoffer.reach import reach
from werkzeugkoffer.testing import lab_for, write_workspace

D = dt.date
T = dt.time
ORTSTEILE = ("Breidenbach", "Achenbach", "Kleingladenbach", "Niederdieten", "Oberdieten",
             "Wiesenbach", "Wolzhausen")


def challenge_format():
    """The Tempo-Challenge with per-station needs: one wall and one local helper per station,
    one coordinator of the lab team for the whole action."""
    base = get_catalogue()["partizipativ.tempo-challenge"]
    return attrs.evolve(
        base,
        id="test.challenge",
        settings=(Setting.DRAUSSEN,),
        copy_masters=(),
        roles=(Role(name="Koordination", count=1),),
        materials=(Material(name="Roll-up", quantity=1, inventory="rollup"),),
        stations=StationNeeds(
            roles=(Role(name="Stationsleitung", count=1),
                   Role(name="Ortsvorsteher:in", count=1, local=True)),
            materials=(Material(name="Moderationswand", quantity=1, inventory="pinnwand"),
                       Material(name="Karte A0", quantity=1, reusable=False)),
        ),
    )


def venues():
    out = []
    for i, o in enumerate(ORTSTEILE):
        out.append(Venue(id=f"stelle-{i + 1}", name=f"Unterhalte-Stelle {o}", ortsteil=o,
                         indoor=False, address=f"Dorfplatz {i + 1}"))
    out.append(Venue(id="dgh-wiesenbach", name="DGH Wiesenbach", ortsteil="Wiesenbach"))
    return tuple(out)


def challenge(**changes) -> Session:
    """Ten days, 15-19 h; seven stations, each staffed on two or three days of the ten."""
    stations = tuple(
        Station(venue=f"stelle-{i + 1}", weekdays=(1 + i % 7, 1 + (i + 3) % 7))
        for i in range(7)
    )
    data = dict(id="bb-p1-03", format="test.challenge", date=D(2027, 6, 25),
                end_date=D(2027, 7, 4), start=T(15), end=T(19), expected=350, stations=stations)
    data.update(changes)
    return Session(**data)


def municipality(*sessions: Session) -> Municipality:
    return Municipality(
        name="Breidenbach", ags="06534005", population=6778, main_town="Breidenbach",
        ortsteile=ORTSTEILE, venues=venues(),
        phases=(Phase(number=1, start=D(2027, 6, 7), end=D(2027, 7, 25), sessions=sessions),
                Phase(number=2, start=D(2027, 8, 30), end=D(2027, 10, 17))),
    )


def lab(team: int = 6) -> Lab:
    return attrs.evolve(
        lab_for([challenge_format()]),
        team=tuple(TeamMember(name=f"Person {i + 1}") for i in range(team)),
        inventory=(InventoryItem(id="pinnwand", name="Moderationswand", quantity=8),
                   InventoryItem(id="rollup", name="Roll-up", quantity=1)),
    )


def load(tmp_path, *sessions: Session, team: int = 6) -> Workspace:
    root = write_workspace(tmp_path / "ws", [challenge_format()], municipality=municipality(
        *sessions), lab=lab(team), slug="breidenbach", format_files=True)
    return Workspace.load(root)


def codes(findings, severity=None):
    return sorted(f.code for f in findings if severity is None or f.severity.value == severity)


# -- the model -------------------------------------------------------------------------------


def test_a_plain_meeting_has_one_opening_at_its_venue():
    s = Session(id="a", format="x.y", date=D(2027, 3, 13), start=T(10), end=T(12), venue="rathaus")
    (occ,) = s.occurrences()
    assert (occ.date, occ.start, occ.end, occ.venue, occ.station) == (
        D(2027, 3, 13), T(10), T(12), "rathaus", None)
    assert occ.minutes == 120 and s.places == ("rathaus",) and s.main_venue == "rathaus"


def test_a_range_with_weekdays_opens_only_on_those_days():
    # a pop-up lab: Wednesdays and Fridays over three weeks, 14-18 h
    s = Session(id="p", format="x.y", date=D(2027, 5, 3), end_date=D(2027, 5, 23), start=T(14),
                end=T(18), venue="laden", weekdays=(3, 5))
    assert [o.date for o in s.occurrences()] == [
        D(2027, 5, 5), D(2027, 5, 7), D(2027, 5, 12), D(2027, 5, 14), D(2027, 5, 19),
        D(2027, 5, 21)]


def test_explicit_openings_with_their_own_hours():
    s = Session(id="p", format="x.y", date=D(2027, 5, 3), end_date=D(2027, 5, 23), start=T(14),
                end=T(18), venue="laden",
                openings=(Opening(date=D(2027, 5, 8), start=T(10), end=T(13)),
                          Opening(date=D(2027, 5, 4))))
    occ = s.occurrences()
    assert [(o.date, o.start, o.end) for o in occ] == [
        (D(2027, 5, 4), T(14), T(18)), (D(2027, 5, 8), T(10), T(13))]


def test_stations_open_on_their_own_days_and_hours():
    s = challenge(stations=(Station(venue="stelle-1"),
                            Station(venue="stelle-2", start=T(16), end=T(18), weekdays=(6, 7)),
                            Station(venue="stelle-3", openings=(Opening(date=D(2027, 6, 26)),))))
    by_station = {}
    for occ in s.occurrences():
        by_station.setdefault(occ.station, []).append(occ)
    assert None not in by_station  # no venue of its own: the stations are the places
    assert len(by_station[0]) == 10  # every day of the ten
    assert [(o.date, o.start, o.end) for o in by_station[1]] == [
        (D(2027, 6, 26), T(16), T(18)), (D(2027, 6, 27), T(16), T(18)),
        (D(2027, 7, 3), T(16), T(18)), (D(2027, 7, 4), T(16), T(18))]
    assert [(o.date, o.start) for o in by_station[2]] == [(D(2027, 6, 26), T(15))]
    assert s.main_venue == "stelle-1" and s.places == ("stelle-1", "stelle-2", "stelle-3")


# -- needs -----------------------------------------------------------------------------------


def test_seven_stations_need_seven_walls_not_seven_times_everything():
    s, fmt = challenge(), challenge_format()
    needs = material_needs(s, fmt)
    walls = [n for n in needs if n.material.inventory == "pinnwand"]
    assert len(walls) == 7 and {n.station for n in walls} == set(range(7))
    assert sum(n.quantity for n in needs if n.material.inventory == "rollup") == 1
    # every station's wall stands for the whole ten days
    start, end = walls[0].start_minute, walls[0].end_minute
    assert (end - start) // 1440 == 9


def test_staff_is_counted_per_station_opening_and_local_roles_do_not_count():
    s, fmt = challenge(), challenge_format()
    needs = staff_needs(s, fmt)
    at_stations = [n for n in needs if n.occurrence.station is not None]
    assert all(n.team == 1 and [r.name for r in n.local_roles] == ["Ortsvorsteher:in"]
               for n in at_stations)
    assert len(at_stations) == sum(len(s.station_days(st)) for st in s.stations)
    coordination = [n for n in needs if n.occurrence.station is None]
    assert len(coordination) == 10 and all(n.team == 1 for n in coordination)
    # an unstaffed station (staff = 0) needs nobody of the team
    s2 = challenge(stations=(Station(venue="stelle-1", staff=0),))
    assert [n.team for n in staff_needs(s2, fmt) if n.occurrence.station is not None] == [0] * 10


# -- checks ----------------------------------------------------------------------------------


def test_a_challenge_at_seven_stations_checks_clean(tmp_path):
    ws = load(tmp_path, challenge())
    findings = run_checks(ws)
    assert codes(findings, "error") == []
    assert "team" not in codes(findings) and "inventory" not in codes(findings)
    assert not [f for f in findings if f.code == "reach" and f.path == "phases[0]"]


def test_the_inventory_check_counts_walls_per_station(tmp_path):
    ws = load(tmp_path, challenge())
    ws.lab = attrs.evolve(ws.lab, inventory=(
        InventoryItem(id="pinnwand", name="Moderationswand", quantity=6),
        InventoryItem(id="rollup", name="Roll-up", quantity=1)))
    found = [f for f in run_checks(ws) if f.code == "inventory"]
    assert len(found) == 1 and found[0].message.startswith("7 x Moderationswand needed")


def test_the_team_check_counts_staffed_stations_at_once(tmp_path):
    every_day = challenge(stations=tuple(Station(venue=f"stelle-{i + 1}") for i in range(7)))
    found = [f for f in run_checks(load(tmp_path, every_day)) if f.code == "team"]
    assert found and found[0].message.startswith("8 people of the lab team needed")


@pytest.mark.parametrize(
    "changes, code, path",
    [
        ({"stations": (Station(venue="stelle-9"),)}, "unknown-venue",
         "phases[0].sessions[0].stations[0].venue"),
        ({"stations": (Station(venue="stelle-1"), Station(venue="stelle-1"))},
         "station-duplicate", "phases[0].sessions[0].stations[1].venue"),
        ({"stations": (Station(venue="stelle-1", start=T(18), end=T(16)),)}, "session-times",
         "phases[0].sessions[0].stations[0]"),
        ({"stations": (Station(venue="stelle-1", openings=(
            Opening(date=D(2027, 6, 26)), Opening(date=D(2027, 6, 26)))),)},
         "opening-overlap", "phases[0].sessions[0].stations[0].openings[1]"),
        ({"stations": (Station(venue="stelle-1", openings=(Opening(date=D(2027, 8, 2)),)),)},
         "opening-dates", "phases[0].sessions[0].stations[0].openings[0]"),
        ({"end_date": D(2027, 7, 30)}, "session-outside-phase", "phases[0].sessions[0]"),
        ({"weekdays": (8,)}, "session-weekdays", "phases[0].sessions[0]"),
        ({"stations": ()}, "session-venue", "phases[0].sessions[0]"),
    ],
)
def test_bad_stations_and_openings_are_errors_naming_the_field(tmp_path, changes, code, path):
    findings = [f for f in run_checks(load(tmp_path, challenge(**changes))) if f.code == code]
    assert findings and findings[0].severity.value == "error"
    assert findings[0].path == path and findings[0].file == "gemeinden/breidenbach.toml"


def test_two_sessions_at_one_station_venue_at_once_overlap(tmp_path):
    # the station in Niederdieten (stelle-4) is open on Thursdays and Sundays
    meeting = Session(id="bb-p1-04", format="partizipativ.fishbowl", date=D(2027, 7, 1),
                      start=T(16), end=T(17), venue="stelle-4", expected=30)
    findings = [f for f in run_checks(load(tmp_path, challenge(), meeting))
                if f.code == "venue-overlap"]
    assert findings and '"bb-p1-03" and "bb-p1-04"' in findings[0].message


def test_a_station_outside_the_ortsteile_and_an_indoor_station_are_warnings(tmp_path):
    ws = load(tmp_path, challenge(stations=(Station(venue="dgh-wiesenbach"),)))
    m = ws.municipalities["breidenbach"]
    ws.municipalities["breidenbach"] = attrs.evolve(m, venues=m.venues + (
        Venue(id="hof", name="Hof Schmidt", ortsteil="Lixfeld", indoor=False),))
    found = {f.code: f for f in run_checks(ws)}
    assert found["venue-setting"].severity.value == "warning"  # outdoor format, indoor venue
    ws.municipalities["breidenbach"] = attrs.evolve(
        ws.municipalities["breidenbach"],
        phases=(attrs.evolve(m.phases[0], sessions=(challenge(stations=(Station(venue="hof"),)),)),
                m.phases[1]))
    found = {f.code: f for f in run_checks(ws)}
    assert "Lixfeld" in found["station-ortsteil"].message


# -- reach -----------------------------------------------------------------------------------


def test_every_ortsteil_with_a_station_is_reached():
    m = municipality(challenge())
    r = reach(m, m.phases[0].sessions)
    assert r.reached == ORTSTEILE and r.missing == ()


def test_contributions_reach_ortsteile_without_a_place():
    s = Session(id="x", format="x.y", date=D(2027, 6, 25), start=T(15), end=T(19),
                venue="dgh-wiesenbach")
    m = municipality(s)
    r = reach(m, [s], contributions=["achenbach", "Lixfeld", ""])
    assert r.by_place == ("Wiesenbach",) and r.by_contribution == ("Achenbach",)
    assert r.reached == ("Achenbach", "Wiesenbach") and r.other == ("Lixfeld",)
    assert r.share == pytest.approx(2 / 7)
