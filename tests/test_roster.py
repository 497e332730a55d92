"""The staffing plan (Einsatzplan): who of the team staffs which opening, and the rota it prints."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict

import pytest
import tomlkit
from click.testing import CliRunner
from werkzeugkoffer import Municipality, Phase, Session, Venue, Workspace, get_catalogue
from werkzeugkoffer.cli import cli
from werkzeugkoffer.conversion import to_json, to_plain
from werkzeugkoffer.model import Lab, Opening, Station, TeamMember
from werkzeugkoffer.planning.roster import (
    AWAY,
    BUSY,
    HOURS,
    TRAVEL,
    TRAVEL_MUNICIPALITY,
    TRAVEL_ORTSTEIL,
    build_roster,
    plan_lab,
    render_roster,
    roster_csv,
    roster_text,
)
from werkzeugkoffer.testing import lab_for, write_workspace

D = dt.date
T = dt.time
FISHBOWL = "partizipativ.fishbowl"  # two team roles: Moderation, Protokoll
CHALLENGE = "partizipativ.tempo-challenge"  # stations: Stationsleitung + local Ortsvorsteher:in


def team(*members: TeamMember | str) -> tuple[TeamMember, ...]:
    return tuple(TeamMember(name=m) if isinstance(m, str) else m for m in members)


def place(m_slug: str, ortsteil: str, indoor: bool = True) -> Venue:
    return Venue(id=f"{m_slug}-{ortsteil.lower()}", name=f"Treffpunkt {ortsteil}",
                 ortsteil=ortsteil, indoor=indoor, address=f"{ortsteil}er Straße 1")


def at(hour: int, minutes: int = 0) -> dt.time:
    """``hour`` o'clock plus ``minutes`` (which may exceed 59)."""
    return (dt.datetime(2000, 1, 1, hour) + dt.timedelta(minutes=minutes)).time()


def meeting(sid: str, day: dt.date, start: dt.time, end: dt.time, venue: str,
            fmt: str = FISHBOWL, **kw) -> Session:
    return Session(id=sid, format=fmt, date=day, start=start, end=end, venue=venue,
                   expected=30, **kw)


def town(name: str, slug: str, sessions=(), ortsteile=("Mitte", "Nord", "West")) -> Municipality:
    venues = tuple(place(slug, o, indoor=(o != "West")) for o in ortsteile)
    return Municipality(
        name=name, ags="06534999", population=5000, main_town=ortsteile[0], ortsteile=ortsteile,
        venues=venues,
        phases=(Phase(number=1, start=D(2027, 6, 7), end=D(2027, 7, 25), sessions=tuple(sessions)),
                Phase(number=2, start=D(2027, 8, 30), end=D(2027, 10, 17))),
    )


def workspace(tmp_path, members, *towns: tuple[str, Municipality]) -> Workspace:
    cat = get_catalogue()
    base = lab_for([cat[FISHBOWL], cat[CHALLENGE]])
    lab = Lab(name="Testlabor", organiser="Landkreis Test", team=members,
              inventory=base.inventory)
    (slug, first), *rest = towns
    root = write_workspace(tmp_path / "ws", municipality=first, lab=lab, slug=slug)
    for other_slug, other in rest:
        (root / "gemeinden" / f"{other_slug}.toml").write_text(
            tomlkit.dumps(to_plain(other)), encoding="utf-8")
    return Workspace.load(root)


# --8<-- [start:api]
def open_posts_of_breidenbach(folder):
    """The staffing plan of Breidenbach's phase 1, from Python: what nobody of the team takes."""
    from werkzeugkoffer import Workspace, build_roster

    roster = build_roster(Workspace.load(folder), "breidenbach", phase=1)
    for shift in roster.shifts:
        names = ", ".join(shift.people) or "-"
        print(f"{shift.date:%d.%m.} {shift.hours} {shift.title}, {shift.place}: {names}")
    return [(shift.date, shift.place, post.role, post.reason)
            for shift, post in roster.unstaffed]
# --8<-- [end:api]


def test_the_documented_python_example(example_dir, capsys):
    assert open_posts_of_breidenbach(example_dir) == []
    out = capsys.readouterr().out
    assert "25.06. 15–19 Uhr Tempo-Challenge: Wie schnell soll es durch unsere Dörfer gehen?, " \
           "Unterhalte-Stelle Breidenbach: " in out


# -- assignment -------------------------------------------------------------------------------


def test_every_station_opening_gets_a_team_member_and_a_line_for_a_local_helper(tmp_path):
    stations = (Station(venue="a-mitte", openings=(Opening(date=D(2027, 6, 25)),)),
                Station(venue="a-nord", openings=(Opening(date=D(2027, 6, 26)),),
                        host="Frau Ortsvorsteherin"),
                Station(venue="a-west", openings=(Opening(date=D(2027, 6, 25)),
                                                 Opening(date=D(2027, 6, 27)))))
    challenge = Session(id="a-p1-01", format=CHALLENGE, date=D(2027, 6, 25),
                        end_date=D(2027, 6, 27), start=T(15), end=T(19), expected=90,
                        stations=stations, host="Kim")
    ws = workspace(tmp_path, team("Alex", "Kim", "Sam"), ("a", town("Ahausen", "a", [challenge])))
    roster = build_roster(ws, "a", 1)
    at_stations = [s for s in roster.shifts if s.station is not None]
    assert [(s.date, s.station) for s in at_stations] == [
        (D(2027, 6, 25), 0), (D(2027, 6, 25), 2), (D(2027, 6, 26), 1), (D(2027, 6, 27), 2)]
    for s in at_stations:
        (lead,) = s.team_posts
        assert lead.role == "Stationsleitung" and lead.person
        (local,) = s.local_posts
        assert local.role == "Ortsvorsteher:in"
    assert [s.local_posts[0].person for s in at_stations] == [None, None, "Frau Ortsvorsteherin",
                                                              None]
    # the whole action: one coordinator on each of the three days, the host first
    whole = [s for s in roster.shifts if s.whole_action]
    assert [s.date for s in whole] == [D(2027, 6, 25), D(2027, 6, 26), D(2027, 6, 27)]
    assert {s.team_posts[0].person for s in whole} == {"Kim"}
    assert not roster.unstaffed
    # the rota: one grid, a column per place, one row per day
    (grid,) = roster.grids()
    assert [c.header for c in grid.columns] == ["Ganze Aktion", "Mitte", "Nord", "West"]
    assert [row.date for row in grid.rows] == [D(2027, 6, 25), D(2027, 6, 26), D(2027, 6, 27)]
    assert [c is not None for c in grid.rows[1].cells] == [True, False, True, False]
    assert roster.single() == []


def test_nobody_is_in_two_places_and_the_reason_names_who_is_busy(tmp_path):
    sessions = [meeting("a-1", D(2027, 6, 12), T(10), T(12), "a-mitte"),
                meeting("a-2", D(2027, 6, 12), T(11), T(13), "a-nord")]
    ws = workspace(tmp_path, team("Alex", "Kim", "Sam"), ("a", town("Ahausen", "a", sessions)))
    roster = build_roster(ws, "a", 1)
    first, second = roster.shifts
    assert set(first.people) == {"Alex", "Kim"}
    assert second.people == ("Sam",)
    ((shift, post),) = roster.unstaffed
    assert shift.session == "a-2" and post.role == "Protokoll"
    assert post.reason == f"{BUSY}: Alex, Kim, Sam"  # Sam moderates this one


def test_travel_between_ortsteile_and_municipalities_needs_a_gap(tmp_path):
    gap = TRAVEL_ORTSTEIL
    sessions = [meeting("a-1", D(2027, 6, 12), T(10), T(12), "a-mitte"),
                # Nord, right after: too close for one person to drive there
                meeting("a-2", D(2027, 6, 12), at(12, gap - 5), T(14), "a-nord"),
                # Nord again, later that day: time enough
                meeting("a-3", D(2027, 6, 12), at(14, gap), T(16), "a-nord"),
                # the same venue straight after: no travel
                meeting("a-4", D(2027, 6, 12), T(16), T(17, 30), "a-nord")]
    b_sessions = [meeting("b-1", D(2027, 6, 12), at(17, 30 + TRAVEL_MUNICIPALITY - 10), T(20),
                          "b-mitte")]
    ws = workspace(tmp_path, team("Alex", "Kim"), ("a", town("Ahausen", "a", sessions)),
                   ("b", town("Bedorf", "b", b_sessions)))
    roster = build_roster(ws)
    by_id = {s.session: s for s in roster.shifts}
    assert set(by_id["a-1"].people) == {"Alex", "Kim"}
    assert by_id["a-2"].people == () and all(TRAVEL in p.reason for p in by_id["a-2"].team_posts)
    assert set(by_id["a-3"].people) == {"Alex", "Kim"} == set(by_id["a-4"].people)
    assert by_id["b-1"].people == ()
    assert by_id["b-1"].team_posts[0].reason == f"{TRAVEL}: Alex, Kim"


def test_weekly_hours_days_off_and_roles_are_respected(tmp_path):
    members = team(TeamMember(name="Alex", hours_per_week=4),
                   TeamMember(name="Kim", unavailable=(D(2027, 6, 14),)),
                   TeamMember(name="Sam", roles=("Protokoll",)),
                   TeamMember(name="Robin", roles=("Protokoll",)))
    sessions = [meeting(f"a-{i}", D(2027, 6, 14 + i), T(10), T(12), "a-mitte") for i in range(4)]
    ws = workspace(tmp_path, members, ("a", town("Ahausen", "a", sessions)))
    roster = build_roster(ws, "a", 1)
    monday = roster.shifts[0]
    assert "Kim" not in monday.people
    for s in roster.shifts:
        roles = {p.role: p.person for p in s.team_posts}
        assert roles["Protokoll"] in {"Sam", "Robin", "Alex", "Kim"}
        assert roles["Moderation"] not in {"Sam", "Robin"}  # they take only the Protokoll
    hours = dict(roster.hours())
    assert hours["Alex"] <= 4 * 60
    (week,) = {(w.year, w.week) for w in roster.load}
    assert {w.person: w.minutes for w in roster.load}["Alex"] <= 4 * 60
    # Monday Kim is away; then the one with fewer hours that week moderates, until Alex's four
    # hours are used up on Wednesday
    moderators = [next(p.person for p in s.team_posts if p.role == "Moderation")
                  for s in roster.shifts]
    assert moderators == ["Alex", "Kim", "Alex", "Kim"] and hours["Alex"] == 4 * 60
    # a day on which only people without the role are free: the reason says so
    members = team(TeamMember(name="Alex", unavailable=(D(2027, 6, 14),)),
                   TeamMember(name="Sam", roles=("Protokoll",)))
    ws = workspace(tmp_path / "2", members, ("a", town("Ahausen", "a", sessions[:1])))
    (shift,) = build_roster(ws, "a", 1).shifts
    moderation = next(p for p in shift.team_posts if p.role == "Moderation")
    assert moderation.open and moderation.reason == f"{AWAY}: Alex; ohne diese Rolle: Sam"
    members = team(TeamMember(name="Alex", hours_per_week=1))
    ws = workspace(tmp_path / "3", members, ("a", town("Ahausen", "a", sessions[:1])))
    (shift,) = build_roster(ws, "a", 1).shifts
    assert all(p.reason == f"{HOURS}: Alex" for p in shift.team_posts)


def test_the_plan_is_deterministic_and_the_same_from_a_fresh_load(example_dir):
    first = to_json(plan_lab(Workspace.load(example_dir)))
    second = to_json(plan_lab(Workspace.load(example_dir)))
    assert first == second


def test_the_whole_example_keeps_every_rule(example_dir):
    ws = Workspace.load(example_dir)
    roster = build_roster(ws)
    members = {m.name: m for m in ws.lab.team}
    by_day: dict[tuple[str, dt.date], list] = defaultdict(list)
    week: dict[tuple[str, int, int], int] = defaultdict(int)
    for s in roster.shifts:
        for p in s.team_posts:
            if p.person is None:
                assert p.reason
                continue
            member = members[p.person]
            assert s.date not in member.unavailable
            assert not member.roles or p.role in member.roles
            by_day[(p.person, s.date)].append(s)
            week[(p.person, *s.date.isocalendar()[:2])] += s.minutes
    for (person, _day), shifts in by_day.items():
        shifts.sort(key=lambda s: s.start)
        for a, b in zip(shifts, shifts[1:]):
            gap = (b.start.hour * 60 + b.start.minute) - (a.end.hour * 60 + a.end.minute)
            assert gap >= 0, (person, a, b)  # never two places at once
            if a.slug != b.slug:
                assert gap >= TRAVEL_MUNICIPALITY, (person, a, b)
            elif a.ortsteil and b.ortsteil and a.ortsteil != b.ortsteil:
                assert gap >= TRAVEL_ORTSTEIL, (person, a, b)
    for (person, year, number), minutes in week.items():
        limit = members[person].hours_per_week * 60
        assert not limit or minutes <= limit
        assert next(w for w in roster.load if (w.person, w.year, w.week) == (
            person, year, number)).minutes == minutes
    # every opening of every session of the example is in the plan
    total = sum(len(s.occurrences()) for m in ws.municipalities.values() for p in m.phases
                for s in p.sessions)
    assert len({(s.session, s.date, s.station) for s in roster.shifts if not s.whole_action}
               ) == total


def test_breidenbach_phase_1_is_fully_staffed(example_dir):
    ws = Workspace.load(example_dir)
    roster = build_roster(ws, "breidenbach", 1)
    assert roster.unstaffed == ()
    (grid,) = roster.grids()
    assert [c.header for c in grid.columns] == [
        "Ganze Aktion", "Breidenbach", "Achenbach", "Kleingladenbach", "Niederdieten",
        "Oberdieten", "Wiesenbach", "Wolzhausen"]
    assert len(grid.rows) == 10
    # on each of the ten days one station is open, with a lab lead and an Ortsvorsteher:in line
    for row in grid.rows:
        open_ = [c for c in row.cells[1:] if c is not None]
        assert len(open_) == 1 and open_[0].people
        assert [p.role for p in open_[0].local_posts] == ["Ortsvorsteher:in"]
        assert row.cells[0] is not None and row.cells[0].people  # the coordinator
    text = roster_text(roster)
    assert "Staffing plan for Breidenbach, phase 1 (07.06.2027 to 25.07.2027)" in text
    assert "Fri 25.06.2027  15:00-19:00" in text and "0 not staffed" in text



def test_each_role_is_named_once_per_shift_and_helpers_from_the_village_are_local(example_dir):
    """Repair-Café menders, Digitalambulanz helpers and the graphic recorder are people from the
    place (or hired), not the lab team: their posts are lines to fill in on site; the text names
    each role once with its people."""
    ws = Workspace.load(example_dir)
    roster = build_roster(ws, "amoeneburg", 1)
    by_title = {s.title: s for s in roster.shifts}
    repair = by_title["Repair-Café in Roßdorf"]
    assert [p.role for p in repair.local_posts] == ["Reparierende"] * 3
    assert all(p.person is None for p in repair.local_posts)
    text = roster_text(roster)
    (line,) = [ln for ln in text.splitlines() if "Repair-Café in Roßdorf" in ln]
    assert line.count("Reparierende") == 1 and "Reparierende: 3 × ________ (on site)" in line
    (line,) = [ln for ln in text.splitlines() if "Umfrage-Station in Mardorf" in ln]
    assert line.count("Tablet-Helfer:innen") == 1
    assert re.search(r"Tablet-Helfer:innen: [^;,]+, [^;,]+$", line), line
    for fmt, role in [("kreativ.repair-cafe", "Reparierende"),
                      ("digital.digitalambulanz", "Digitalhelfer:innen"),
                      ("kreativ.graphic-recording", "Zeichner:in")]:
        (r,) = [r for r in get_catalogue()[fmt].roles if r.name == role]
        assert r.local, fmt

# -- output -----------------------------------------------------------------------------------


def test_rota_html_and_csv(example_dir):
    ws = Workspace.load(example_dir)
    roster = build_roster(ws, "breidenbach", 1)
    html = render_roster(roster, ws)
    assert '<html lang="de">' in html and "<title>Einsatzplan Breidenbach, Phase 1</title>" in html
    assert html.count('<table class="rota rota-grid">') == 1
    assert "Tage und Stationen" in html and "Wolzhausen" in html
    assert html.count('aria-label="Name eintragen"') == sum(
        1 for s in roster.shifts for p in s.local_posts if p.person is None)
    assert "Alle Einsätze des Laborteams sind besetzt." in html
    rows = list(csv.DictReader(io.StringIO(roster_csv(roster).decode("utf-8-sig")),
                               delimiter=";"))
    assert len(rows) == roster.team_posts + roster.local_posts
    niederdieten = [r for r in rows if r["Ortsteil"] == "Niederdieten"]
    assert {(r["Datum"], r["Beginn"], r["Ende"]) for r in niederdieten} == {
        ("2027-06-28", "16:00", "19:00")}
    assert {r["Art"] for r in niederdieten} == {"Laborteam", "vor Ort"}


def test_open_posts_are_listed_with_their_reason_on_the_rota(tmp_path):
    sessions = [meeting("a-1", D(2027, 6, 12), T(10), T(12), "a-mitte")]
    ws = workspace(tmp_path, team("Alex"), ("a", town("Ahausen", "a", sessions)))
    roster = build_roster(ws, "a", 1)
    html = render_roster(roster, ws)
    assert "Noch offen: 1 Einsatz ohne Person aus dem Laborteam" in html
    assert f"{BUSY}: Alex" in html
    assert "Not staffed (1):" in roster_text(roster)
    assert "Treffpunkt Mitte: Protokoll: already assigned: Alex" in roster_text(roster)


def test_cli_einsatzplan_writes_html_pdf_csv_and_prints_the_table(example_copy, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "plan"
    result = CliRunner().invoke(cli, ["-w", str(example_copy), "einsatzplan", "breidenbach",
                                      "--phase", "1", "--format", "pdf,csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Staffing plan for Breidenbach, phase 1" in result.output
    assert "Unterhalte-Stelle Wolzhausen" in result.output
    assert "0 not staffed" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["breidenbach-phase-1.csv",
                                                       "breidenbach-phase-1.pdf"]
    reader = PdfReader(str(out / "breidenbach-phase-1.pdf"))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Einsatzplan Breidenbach, Phase 1" in text and "Deniz Vorlage" in text
    assert "Wolzhausen" in text and "Stunden des Laborteams je Kalenderwoche" in text
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    assert reader.trailer["/Root"]["/Lang"] == "de"


@pytest.mark.parametrize(
    "args, message",
    [
        (["einsatzplan", "nirgendwo"], 'unknown municipality "nirgendwo"'),
        (["einsatzplan", "breidenbach", "--format", "docx"], "unknown staffing plan format"),
        (["einsatzplan", "breidenbach", "--phase", "3"], "--phase"),
    ],
)
def test_cli_einsatzplan_bad_input_exits_2(example_copy, args, message):
    result = CliRunner().invoke(cli, ["-w", str(example_copy), *args])
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output
    assert not (example_copy / "einsatzplaene").exists()


def test_the_kit_has_the_rota_page(example_dir):
    from werkzeugkoffer.kits.build import render_html
    from werkzeugkoffer.kits.content import make_kit

    ws = Workspace.load(example_dir)
    kit = make_kit(ws, "breidenbach", 1)
    assert kit.rota == build_roster(ws, "breidenbach", 1)
    html = render_html(kit, workspace=ws)
    assert 'id="einsatzplan"' in html and 'href="#einsatzplan"' in html
    assert html.count('<table class="rota rota-grid">') == 1


def test_the_terminal_names_why_a_post_is_open_in_the_users_language(tmp_path, monkeypatch):
    """The printed rota (HTML, CSV) keeps the German reason; the terminal table gives it in the
    user's language, and in German word for word the rota's."""
    from werkzeugkoffer.planning.roster import reason_text

    sessions = [meeting("a-1", D(2027, 6, 14), T(10), T(12), "a-mitte"),
                meeting("a-2", D(2027, 6, 14), T(11), T(13), "a-nord")]
    cases = {
        "away and role": team(TeamMember(name="Alex", unavailable=(D(2027, 6, 14),)),
                              TeamMember(name="Sam", roles=("Protokoll",))),
        "busy": team("Alex", "Kim"),
        "only the role": team(TeamMember(name="Sam", roles=("Protokoll",))),
        "hours": team(TeamMember(name="Alex", hours_per_week=1)),
        "no team": team(),
    }
    posts = {}
    for i, (case, members) in enumerate(cases.items()):
        ws = workspace(tmp_path / str(i), members, ("a", town("Ahausen", "a", sessions)))
        roster = build_roster(ws, "a", 1)
        posts[case] = [p for _s, p in roster.unstaffed]
        assert posts[case], case
    english = {case: [reason_text(p) for p in ps] for case, ps in posts.items()}
    assert "not available on that day: Alex; without this role: Sam" in english["away and role"]
    assert "already assigned: Alex, Kim" in english["busy"]
    assert 'nobody in the team takes the role "Moderation" (roles in labor.toml)' in english[
        "only the role"]
    assert "weekly hours used up: Alex" in english["hours"]
    assert english["no team"][0] == "labor.toml names no team"
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    for case, ps in posts.items():
        assert [reason_text(p) for p in ps] == [p.reason for p in ps], case
    assert posts["away and role"][0].reason == f"{AWAY}: Alex; ohne diese Rolle: Sam"


def test_the_printed_rota_stays_german_whatever_the_language(example_dir, monkeypatch):
    ws = Workspace.load(example_dir)
    roster = build_roster(ws, "breidenbach", 1)
    english = (render_roster(roster, ws), roster_csv(roster), roster.title)
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    assert (render_roster(roster, ws), roster_csv(roster), roster.title) == english
    assert english[2] == "Einsatzplan Breidenbach, Phase 1"
    assert "Ganze Aktion" in english[0] and ";Fr;" in english[1].decode("utf-8-sig")

def test_the_printed_rota_has_a_line_per_station_day_and_a_column_per_role(example_dir):
    """The rota as printed (parts/rota.html): one line per station and day, each role a column
    of its own, the whole action's posts beside the station's."""
    ws = Workspace.load(example_dir)
    (grid,) = build_roster(ws, "breidenbach", 1).grids()
    lines = grid.lines()
    assert [line.date for line in lines] == [row.date for row in grid.rows]  # one station a day
    assert all(line.span == 1 and line.station is not None and line.whole is not None
               for line in lines)
    assert [line.column.header for line in lines[:3]] == ["Breidenbach", "Achenbach",
                                                         "Kleingladenbach"]
    roles = [(c.role, c.local, c.whole) for c in grid.role_columns()]
    assert roles == [("Stationsleitung", False, False), ("Ortsvorsteher:in", True, False),
                     ("Koordination", False, True), ("Jugendarbeit", True, True)]
    first = lines[0]
    assert [p.person for p in first.station.posts_as("Stationsleitung", False)] == [
        "Lukas Platzhalter"]
    assert [p.person for p in first.whole.posts_as("Jugendarbeit", True)] == [None]
    html = render_roster(build_roster(ws, "breidenbach", 1), ws)
    assert html.count('<th scope="col">Ortsvorsteher:in') == 1
    # a session with several posts of one role names the role once
    cafe = next(s for s in build_roster(ws, "breidenbach", 1).shifts
                if s.session == "breidenbach-p1-06")
    assert sorted((role, len(posts)) for role, posts in cafe.by_role()) == [
        ("Café", 1), ("Empfang und Leitung", 1), ("Reparierende", 3)]
