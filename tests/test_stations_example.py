"""Actions at stations and over days, end to end: the bundled example, plan templates, the
calendar, and bad input at the command line."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from werkzeugkoffer import Workspace, run_checks
from werkzeugkoffer.checks.overlaps import peak_overlaps
from werkzeugkoffer.cli import cli
from werkzeugkoffer.kits.build import build_kits, render_html
from werkzeugkoffer.kits.content import make_kit
from werkzeugkoffer.model import PlanTemplate, TemplateSession
from werkzeugkoffer.needs import material_needs, staff_needs
from werkzeugkoffer.planning.schedule import plan_tour, summary_lines, tour_table
from werkzeugkoffer.planning.templates import build_phase, station_openings
from werkzeugkoffer.reach import reach

from conftest import ROOT

D = dt.date
BREIDENBACH = ("Breidenbach", "Achenbach", "Kleingladenbach", "Niederdieten", "Oberdieten",
               "Wiesenbach", "Wolzhausen")


def run(root, *args):
    return CliRunner().invoke(cli, ["-w", str(root), *[str(a) for a in args]])


# -- the example ------------------------------------------------------------------------------


def test_the_example_checks_without_errors_or_warnings(example_dir):
    assert [str(f) for f in run_checks(Workspace.load(example_dir))] == []
    result = run(example_dir, "check")
    assert result.exit_code == 0
    assert "22 municipalities checked: 0 errors, 0 warnings." in result.output


def test_the_readme_tour_is_the_examples_schedule(example_dir):
    tour = plan_tour(Workspace.load(example_dir))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert tour_table(tour, markdown=True) in readme
    lines = summary_lines(tour)
    assert lines[-1] == "0 phases get new dates, 2 fixed; 0 sessions move with their phase."
    for line in lines:
        assert line in readme


def test_breidenbach_runs_the_tempo_challenge_at_seven_stations(example_dir):
    ws = Workspace.load(example_dir)
    m = ws.municipalities["breidenbach"]
    phase = m.phase(1)
    challenge = next(s for s in phase.sessions if s.format == "partizipativ.tempo-challenge")
    assert (challenge.date, challenge.end_date) == (D(2027, 6, 25), D(2027, 7, 4))
    assert challenge.venue is None and len(challenge.stations) == 7
    assert [m.venue(st.venue).ortsteil for st in challenge.stations] == list(BREIDENBACH)
    assert reach(m, [challenge]).reached == BREIDENBACH
    # ten action days, on each of them exactly one station is staffed
    days = [o.date for o in challenge.occurrences()]
    assert sorted(days) == [D(2027, 6, 25) + dt.timedelta(days=i) for i in range(10)]
    evening = next(s for s in phase.sessions if s.format == "partizipativ.ergebnisabend")
    assert evening.venue == "dgh-wiesenbach" and evening.date == D(2027, 7, 16)



def test_the_kit_overview_names_each_weeks_stations_and_every_venue_of_other_sessions(
        example_dir):
    """The calendar lists, for every week of the action, the stations open that week with their
    days (not only the main venue); the venue table keeps a station's venue that hosts another
    session too (the results evening in the DGH Wiesenbach)."""
    ws = Workspace.load(example_dir)
    kit = make_kit(ws, "breidenbach", 1)
    challenge = next(ks for ks in kit.sessions if ks.stations)
    weeks = [w for w in kit.weeks if challenge in w.sessions or challenge in w.continuing]
    assert len(weeks) == 2
    opened = [(st.ortsteil, o.date) for w in weeks for st, days in w.open_stations(challenge)
              for o in days]
    assert sorted(d for _, d in opened) == [D(2027, 6, 25) + dt.timedelta(days=i)
                                            for i in range(10)]
    assert {o for o, _ in opened} == set(BREIDENBACH)
    for w in weeks:  # in the order they open
        firsts = [days[0].date for _, days in w.open_stations(challenge)]
        assert firsts == sorted(firsts)
    assert "dgh-wiesenbach" in {v.id for v in kit.listed_venues}
    html = render_html(kit, workspace=ws)
    assert "läuft weiter bis 04.07.: 3. Tempo-Challenge" in html
    assert "diese Woche: Niederdieten (Mo. 28.06.)" in html
    # the action's card has no clock times of its first day: each station opens at its own hours
    assert "Ablauf an jedem Öffnungstag (Minuten ab Öffnung)" in html
    assert "Ablauf am 25.06." not in html

def test_check_counts_what_seven_stations_over_ten_days_need(example_dir):
    """One wall per station for the ten days, and two people of the team at a time (the day's
    station and the coordination), not seven times everything."""
    ws = Workspace.load(example_dir)
    challenge = ws.sessions()["breidenbach-p1-03"][2]
    fmt = ws.catalogue[challenge.format]
    walls = [n for n in material_needs(challenge, fmt) if n.material.inventory == "pinnwand"]
    assert sum(n.quantity for n in walls) == 7 and {n.station for n in walls} == set(range(7))
    assert all((n.end_minute - n.start_minute) // 1440 == 9 for n in walls)
    intervals = [(n.occurrence.start_minute, n.occurrence.end_minute, n.team, None)
                 for n in staff_needs(challenge, fmt) if n.team]
    assert max(load for load, _ in peak_overlaps(intervals)) == 2
    kit = make_kit(ws, "breidenbach", 1)
    wall = next(i for i in kit.packing if i.inventory == "pinnwand")
    assert wall.quantity == 7 and not wall.short


def test_a_pop_up_lab_opens_on_afternoons(example_dir):
    ws = Workspace.load(example_dir)
    popup = ws.sessions()["marburg-p1-01"][2]
    occurrences = popup.occurrences()
    assert {o.date.isoweekday() for o in occurrences} == {1, 3, 4, 6}
    assert {(o.start, o.end) for o in occurrences} == {(dt.time(14), dt.time(18))}
    assert len(occurrences) == 17


def test_breidenbach_calendar_has_one_event_per_opening(example_copy):
    from icalendar import Calendar

    ws = Workspace.load(example_copy)
    report = build_kits(ws, ["breidenbach"], phase=1, formats="ics", jobs=1)
    assert [o.status for o in report.outcomes] == ["built"]
    cal = Calendar.from_ical((example_copy / "kits" / "breidenbach" / "phase-1.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    phase = ws.municipalities["breidenbach"].phase(1)
    assert len(events) == sum(len(s.occurrences()) for s in phase.sessions) == 15
    assert len({str(e["uid"]) for e in events}) == 15
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    stations = [e for e in events if "breidenbach-p1-03-" in str(e["uid"])]
    assert len(stations) == 10
    for e in stations:
        start = e.decoded("dtstart")
        assert str(start.tzinfo) == "Europe/Berlin"
        assert e.decoded("dtend").date() == start.date()  # one afternoon, not 220 hours
        assert str(e["location"]).endswith(", Breidenbach")
    niederdieten = next(e for e in stations if "Niederdieten" in str(e["summary"]))
    assert niederdieten.decoded("dtstart").strftime("%d.%m. %H:%M") == "28.06. 16:00"
    assert str(niederdieten["location"]) == (
        "Dorfplatz Niederdieten, Dietestraße, an der Bushaltestelle, Niederdieten, Breidenbach")
    assert "Station 4 von 7" in str(niederdieten["description"])
    # an offset of +02:00 (summer time) is written as a local time with the zone
    assert b"DTSTART;TZID=Europe/Berlin:20270628T160000" in cal.to_ical()


def test_the_results_evening_card_shows_what_it_presents(example_dir):
    ws = Workspace.load(example_dir)
    html = render_html(make_kit(ws, "breidenbach", 1), workspace=ws)
    card = html[html.index("Was an diesem Abend vorgestellt wird"):]
    card = card[: card.index("</section>")]
    assert "Tempo-Challenge: Wie schnell soll es durch unsere Dörfer gehen?" in card
    assert "7 Stationen in 7 Ortsteilen" in card and "Rangliste der Ortsteile" in card


# -- plan templates ---------------------------------------------------------------------------


def _template(*sessions: TemplateSession) -> PlanTemplate:
    return PlanTemplate(id="probe", phase=1, weeks=7, sessions=sessions)


def test_a_template_places_one_station_per_ortsteil(example_copy):
    ws = Workspace.load(example_copy)
    tpl = _template(TemplateSession(format="partizipativ.tempo-challenge", week=3, weekday=5,
                                    start=dt.time(15), end=dt.time(19), place="stationen"))
    notes: list[str] = []
    phase = build_phase(ws, tpl, "breidenbach", D(2027, 6, 7), notes=notes)
    (s,) = phase.sessions
    m = ws.municipalities["breidenbach"]
    venues = [m.venue(st.venue) for st in s.stations]
    assert [v.ortsteil for v in venues] == list(BREIDENBACH)  # the main town included
    assert len({v.id for v in venues}) == 7
    assert all(not v.indoor for v in venues)  # the outdoor format gets outdoor places
    assert (s.date, s.end_date, s.venue) == (D(2027, 6, 25), D(2027, 7, 4), None)
    # the stations take turns: each of the ten days has exactly one station open
    by_day = {}
    for occ in s.occurrences():
        by_day.setdefault(occ.date, []).append(occ.station)
    assert sorted(by_day) == [D(2027, 6, 25) + dt.timedelta(days=i) for i in range(10)]
    assert all(len(v) == 1 for v in by_day.values())
    assert notes == []
    # an Ortsteil without a venue gets no station, and a note says so
    ws.municipalities["breidenbach"] = m = type(m)(**{
        **{a: getattr(m, a) for a in ("name", "ags", "population", "kind", "population_year",
                                       "main_town", "ortsteile", "ortsteile_complete",
                                       "contact", "phases")},
        "venues": tuple(v for v in m.venues if v.ortsteil != "Wolzhausen")})
    phase = build_phase(ws, tpl, "breidenbach", D(2027, 6, 7), notes=notes)
    assert len(phase.sessions[0].stations) == 6
    assert notes and "no station in Wolzhausen" in notes[0]


def test_station_openings_take_turns():
    first = D(2027, 6, 25)
    assert station_openings(first, 1, 3) == [(), (), ()]
    ten_for_seven = station_openings(first, 10, 7)
    assert [len(days) for days in ten_for_seven] == [2, 2, 2, 1, 1, 1, 1]
    assert ten_for_seven[0] == (first, first + dt.timedelta(days=7))
    assert station_openings(first, 3, 5) == [(first,), (first + dt.timedelta(days=1),),
                                             (first + dt.timedelta(days=2),), (first,),
                                             (first + dt.timedelta(days=1),)]


def test_ortsteil_places_spread_over_venues_and_reach_the_main_town(example_copy):
    ws = Workspace.load(example_copy)
    tpl = _template(TemplateSession(format="partizipativ.dorfspaziergang", week=1,
                                    until_week=7, count=8, place="ortsteil"))
    phase = build_phase(ws, tpl, "breidenbach", D(2027, 6, 7))
    m = ws.municipalities["breidenbach"]
    venues = [m.venue(s.venue) for s in phase.sessions]
    ortsteile = [v.ortsteil for v in venues]
    # the six other Ortsteile first, each once; then the main town, then again from the start
    assert sorted(ortsteile[:6]) == sorted(BREIDENBACH[1:])
    assert ortsteile[6] == "Breidenbach"
    # an outdoor format never goes to an indoor venue where an outdoor one exists
    assert all(not v.indoor for v in venues)
    assert len({v.id for v in venues[:7]}) == 7


# -- bad input --------------------------------------------------------------------------------


def _edit(root, old: str, new: str, file: str = "gemeinden/breidenbach.toml") -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "old, new, expected",
    [
        # overlapping openings of one station: the same day twice
        ('openings = [{ date = 2027-06-27 }]',
         'openings = [{ date = 2027-06-27 }, { date = 2027-06-27, start = "17:00" }]',
         "error: gemeinden/breidenbach.toml: phases[0].sessions[2].stations[2].openings[1]: "
         'session "breidenbach-p1-03", station 3 (dorfplatz-kleingladenbach): 27.06.2027 is '
         "listed twice; one opening per day [opening-overlap]"),
        # a station at a venue the municipality does not list
        ('venue = "platz-oberdieten"', 'venue = "platz-oberdietn"',
         "error: gemeinden/breidenbach.toml: phases[0].sessions[2].stations[4].venue: session "
         '"breidenbach-p1-03": unknown venue "platz-oberdietn" (did you mean '
         '"platz-oberdieten"?)'),
        # opening hours that end before they start
        ('{ date = 2027-06-28, start = "16:00", end = "19:00" }',
         '{ date = 2027-06-28, start = "19:00", end = "16:00" }',
         "error: gemeinden/breidenbach.toml: phases[0].sessions[2].stations[3].openings[0]: "
         'session "breidenbach-p1-03", station 4 (dorfplatz-niederdieten): opening on '
         "28.06.2027 ends (16:00) before it starts (19:00) [session-times]"),
        # a date range outside the phase
        ("end_date = 2027-07-04", "end_date = 2027-07-30",
         'error: gemeinden/breidenbach.toml: phases[0].sessions[2]: session "breidenbach-p1-03" '
         "(2027-06-25 to 2027-07-30) lies outside phase 1 (2027-06-07 to 2027-07-25) "
         "[session-outside-phase]"),
    ],
)
def test_bad_stations_are_check_errors_naming_file_and_field(example_copy, old, new, expected):
    _edit(example_copy, old, new)
    result = run(example_copy, "check", "breidenbach")
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "Traceback" not in result.output


def test_a_date_range_outside_the_phase_names_the_phase(example_copy):
    _edit(example_copy, "date = 2027-06-25\nend_date = 2027-07-04",
          "date = 2027-07-20\nend_date = 2027-07-29")
    result = run(example_copy, "check", "breidenbach")
    assert result.exit_code == 1
    assert ("lies outside phase 1 (2027-06-07 to 2027-07-25) [session-outside-phase]"
            in result.output)
    # the stations' openings now lie before the action: each is named
    assert "phases[0].sessions[2].stations[0].openings[0]: " in result.output


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        ("labor.toml", "unavailable = [  # Urlaub im Sommer 2027\n    2027-08-02,",
         'unavailable = [  # Urlaub im Sommer 2027\n    2027-08-02, "nach Absprache",',
         'labor.toml: team[0].unavailable[1]: invalid date "nach Absprache" (expected '
         "YYYY-MM-DD)"),
        ("labor.toml", "hours_per_week = 39\n", 'hours_per_week = 39\nroles = "Moderation"\n',
         "labor.toml: team[0].roles"),
        ("gemeinden/breidenbach.toml", '{ date = 2027-06-28, start = "16:00", end = "19:00" }',
         '{ date = 2027-06-28, start = "16:00", end = "25:00" }',
         "gemeinden/breidenbach.toml: phases[0].sessions[2].stations[3].openings[0].end: "),
        ("gemeinden/breidenbach.toml", 'title = "Unterhalte-Stelle Wolzhausen"',
         'title = "Unterhalte-Stelle Wolzhausen"\nort = "Wolzhausen"',
         "gemeinden/breidenbach.toml: phases[0].sessions[2].stations[6]"),
        ("gemeinden/breidenbach.toml", "openings = [{ date = 2027-07-01 }]",
         'openings = [{ date = "Donnerstag" }]',
         "gemeinden/breidenbach.toml: phases[0].sessions[2].stations[6].openings[0].date: "
         'invalid date "Donnerstag"'),
    ],
)
def test_unreadable_team_and_station_fields_exit_2(example_copy, file, old, new, expected):
    _edit(example_copy, old, new, file)
    for command in (["check"], ["einsatzplan", "breidenbach", "--format", "csv"]):
        result = run(example_copy, *command)
        assert result.exit_code == 2, result.output
        assert expected in result.output
        assert "Traceback" not in result.output


def test_the_session_sheet_names_the_ortsteil_once(example_copy):
    """"Rathaus, Bachstraße 4-14, 35236 Breidenbach, Breidenbach" said the Ortsteil twice."""
    path = example_copy / "gemeinden" / "breidenbach.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '"Bachstraße 4-14"', '"Bachstraße 4-14, 35236 Breidenbach"'), encoding="utf-8")
    ws = Workspace.load(example_copy)
    html = render_html(make_kit(ws, "breidenbach", 1), workspace=ws)
    assert "Bachstraße 4-14, 35236 Breidenbach<br>" in html
    assert "35236 Breidenbach, Breidenbach" not in html
