"""Results per station and/or day: the store (schema 2), validation, blank sheets, adding the
parts up, and the reach that results carry into the Ortsteile (issue 11, items 3 and 7)."""

import datetime as dt
import json
import sqlite3

import pytest
from click.testing import CliRunner
from fixtures import (
    BREIDENBACH,
    HEADER_PARTS,
    STATION_SESSION,
    count_results,
    full_alles_values,
    load,
    station_rows,
    station_workspace,
    write_csv,
)
from werkzeugkoffer import Result, ResultError, ResultField, ResultType, TargetGroup
from werkzeugkoffer.cli import cli
from werkzeugkoffer.reach import reach
from werkzeugkoffer.reports import build_report
from werkzeugkoffer.results import (
    Dataset,
    add_result,
    contributed_ortsteile,
    import_file,
    session_info,
    session_result,
    sheet_rows,
    stored_results,
)
from werkzeugkoffer.results import store as store_mod
from werkzeugkoffer.results.store import ResultStore, content_hash

TODAY = dt.date(2027, 8, 1)
VOTES = ("Tempo 30", "Tempo 40", "Tempo 50 beibehalten", "Keine Meinung")


@pytest.fixture
def ws(tmp_path):
    return load(station_workspace(tmp_path / "ws"))


def run(ws, *args):
    return CliRunner().invoke(cli, ["-w", str(ws.root), *map(str, args)])


# -- the store ------------------------------------------------------------------------------------


def test_a_schema_1_file_migrates_keeping_every_result_and_the_history(ws):
    """A file written before results per station existed (schema 1, one result per session)
    opens with schema 2: its results, their ids and hashes and its history are all kept."""
    path = ws.root / "ergebnisse.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    for statement in store_mod.MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1, 'then')")
    result = Result(session="breidenbach-p1-02", participants={TargetGroup.ERWACHSENE: 3},
                    values={"anzahl": 5})
    chash = content_hash(result)
    conn.execute(
        'INSERT INTO results (id, session, municipality, phase, format, participants, "values", '
        "recorded_by, source, file_hash, content_hash, import_id, recorded_at) VALUES "
        "(7, 'breidenbach-p1-02', 'breidenbach', 1, 'test.alles', ?, ?, 'Kim', 'a.csv', NULL, ?, "
        "NULL, '2027-06-20T10:00:00+02:00')",
        (json.dumps({"erwachsene": 3}), json.dumps({"anzahl": 5}), chash))
    conn.execute(
        'INSERT INTO history (session, municipality, phase, format, participants, "values", '
        "recorded_by, source, file_hash, content_hash, recorded_at, reason, archived_at) VALUES "
        "('breidenbach-p1-02', 'breidenbach', 1, 'test.alles', '{}', '{\"anzahl\": 4}', '', '', "
        "NULL, 'old', '2027-06-19', 'replaced', '2027-06-20')")
    conn.commit()
    conn.close()
    with ResultStore(path) as st:
        assert st.schema_version == 2 == store_mod.SCHEMA_VERSION
        stored = st.get("breidenbach-p1-02")
        assert stored.id == 7 and stored.content_hash == chash == content_hash(stored.result)
        assert stored.result.values == {"anzahl": 5} and stored.result.station is None
        assert st.history("breidenbach-p1-02")[0]["values"] == {"anzahl": 4}
        assert st.history()[0]["station"] == "" and st.integrity_check() == "ok"
        cols = [r[1] for r in st._conn.execute("PRAGMA table_info(results)")]
        assert {"station", "day"} <= set(cols)
    # the same content stored again is recognised (the hash of a whole result is unchanged)
    assert add_result(ws, result).unchanged == ("breidenbach-p1-02",)


def test_one_result_per_station_and_day_and_the_same_again_changes_nothing(ws, tmp_path):
    rows = [HEADER_PARTS]
    rows += station_rows(STATION_SESSION, "v0", 10, answers=20, votes={"Tempo 30": 12})
    rows += station_rows(STATION_SESSION, "v1", 30, answers=40, votes={"Tempo 30": 10},
                         day="2027-06-25")
    rows += station_rows(STATION_SESSION, "v1", 5, answers=4, votes={"Tempo 40": 3},
                         day="26.06.2027")
    path = write_csv(tmp_path / "stationen.csv", rows)
    outcome = import_file(ws, path)
    assert outcome.results == 3
    assert set(outcome.summary.added) == {
        f"{STATION_SESSION} at station v0", f"{STATION_SESSION} at station v1 on 2027-06-25",
        f"{STATION_SESSION} at station v1 on 2027-06-26"}
    assert count_results(ws.root) == 3
    assert import_file(ws, path).summary.unchanged and count_results(ws.root) == 3
    parts = {(r.result.station, r.result.day) for r in stored_results(ws)}
    assert parts == {("v0", None), ("v1", dt.date(2027, 6, 25)), ("v1", dt.date(2027, 6, 26))}


def test_parts_of_another_shape_are_refused_and_replace_keeps_the_old_in_the_history(ws, tmp_path):
    whole = Result(session=STATION_SESSION, participants={"erwachsene": 50},
                   values={"umfrage_antworten": 80, "tempo_meinung": {"Tempo 30": 40},
                           "aufgaben_erledigt": 3, "rangliste": ["Achenbach: 20"],
                           "stellen": [{"category": "Lob", "ortsteil": "Achenbach"}],
                           "ergebnisveranstaltung": "15.07.2027"})
    add_result(ws, whole)
    rows = [HEADER_PARTS] + station_rows(STATION_SESSION, "v2", 8, answers=9,
                                         votes={"Tempo 30": 4})
    path = write_csv(tmp_path / "station.csv", rows)
    with pytest.raises(ResultError, match="already has a different result") as info:
        import_file(ws, path)
    assert f"overlaps the stored result of {STATION_SESSION}" in str(info.value)
    assert count_results(ws.root) == 1
    outcome = import_file(ws, path, replace=True)
    assert outcome.summary.replaced == (f"{STATION_SESSION} at station v2",)
    with ResultStore.for_workspace(ws) as st:
        assert [p.result.station for p in st.parts(STATION_SESSION)] == ["v2"]
        old = st.history(STATION_SESSION)
        assert len(old) == 1 and old[0]["reason"] == "replaced"
        assert old[0]["values"]["umfrage_antworten"] == 80  # nothing recorded is lost


@pytest.mark.parametrize("first, second", [
    (("v0", ""), ("", "")),  # a station and the whole session
    (("v0", ""), ("v0", "2027-06-25")),  # a station and one of its days
    (("", "2027-06-25"), ("v3", "")),  # a day (all stations) and a station (all days)
])
def test_overlapping_parts_in_one_file_are_refused(ws, tmp_path, first, second):
    full = dict(votes={"Tempo 30": 1}, points=[("Lob", "Breidenbach", "")])
    rows = [HEADER_PARTS] + station_rows(STATION_SESSION, first[0], 1, answers=1, day=first[1],
                                         **full)
    rows += station_rows(STATION_SESSION, second[0], 1, answers=1, day=second[1], **full)
    with pytest.raises(ResultError, match="overlap: .* cover the same station and day"):
        import_file(ws, write_csv(tmp_path / "doppelt.csv", rows))
    assert count_results(ws.root) == 0


def test_overlap_rules():
    from werkzeugkoffer.results.store import overlap

    s = "s"
    assert overlap((s, "", ""), (s, "v1", "2027-06-25"))
    assert overlap((s, "v1", ""), (s, "v1", "2027-06-25"))
    assert not overlap((s, "v1", ""), (s, "v2", "2027-06-25"))
    assert not overlap((s, "v1", "2027-06-25"), (s, "v1", "2027-06-26"))
    assert not overlap((s, "v1", ""), (s, "v1", ""))  # the same part: a replacement
    assert not overlap((s, "", ""), ("t", "", ""))


# -- validation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "station, day, message",
    [
        ("v9", "", 'field station: unknown station "v9" of session breidenbach-p1-01'),
        ("Rathaus", "", 'unknown station "Rathaus"'),
        ("v0", "2027-06-23", "23.06.2027 is not an opening day of station v0"),
        ("v6", "2027-06-28", "28.06.2027 is not an opening day of station v6"),  # weekdays only
        ("v0", "morgen", '"morgen" is not a date'),
    ],
)
def test_station_and_day_are_checked_with_row_and_field(ws, tmp_path, station, day, message):
    rows = [HEADER_PARTS] + station_rows(STATION_SESSION, station, 3, answers=2, votes={},
                                         day=day)
    path = write_csv(tmp_path / "bogen.csv", rows)
    result = run(ws, "results", "import", path)
    assert result.exit_code == 2
    assert "bogen.csv" in result.output and "row 2" in result.output
    assert message in result.output and "Traceback" not in result.output
    assert count_results(ws.root) == 0


def test_a_station_can_be_named_by_its_venue_name_or_ortsteil(ws):
    info = session_info(ws, STATION_SESSION)
    from werkzeugkoffer.results.validation import match_station

    assert match_station(info, "DGH Achenbach").venue == "v1"
    assert match_station(info, "wiesenbach").venue == "v5"
    assert match_station(info, "V3").venue == "v3"


def test_a_session_without_stations_takes_no_station(ws):
    bad = Result(session="breidenbach-p1-02", station="v0", values={"anzahl": 3})
    with pytest.raises(ResultError, match="session breidenbach-p1-02 has no stations"):
        add_result(ws, bad)
    with pytest.raises(ResultError, match="is not an opening day of session"):
        add_result(ws, Result(session="breidenbach-p1-02", day=dt.date(2027, 6, 20),
                              values={"anzahl": 3}))


def test_toml_results_per_station_and_day(ws, tmp_path):
    path = tmp_path / "ergebnis.toml"
    path.write_text(f"""
[[results]]
session = "{STATION_SESSION}"
station = "v4"
day = 2027-06-30
participants = {{ kinder = 6 }}
values = {{ umfrage_antworten = 5, aufgaben_erledigt = 2, rangliste = ["Kleingladenbach: 5"], \
tempo_meinung = {{ "Tempo 30" = 5 }}, ergebnisveranstaltung = "15.07.2027", \
stellen = [{{ category = "Gefahrenstelle", ortsteil = "Kleingladenbach", note = "Schule" }}] }}
""", encoding="utf-8")
    import_file(ws, path)
    (stored,) = stored_results(ws)
    assert (stored.result.station, stored.result.day) == ("v4", dt.date(2027, 6, 30))


# -- the blank sheet ------------------------------------------------------------------------------


def test_the_blank_sheet_of_a_station_session_has_one_block_per_station(ws):
    info = session_info(ws, STATION_SESSION)
    rows = sheet_rows(info.format, info.session, info.municipality)
    blocks = []
    for row in rows:
        if not blocks or blocks[-1][0] != row["station"]:
            blocks.append((row["station"], []))
        blocks[-1][1].append(row)
    assert [b[0] for b in blocks] == [f"v{i}" for i in range(7)]
    one = [(r["feld"], r["option"]) for r in blocks[0][1]]
    assert all([(r["feld"], r["option"]) for r in rows_] == one for _, rows_ in blocks)
    assert ("tempo_meinung", "Tempo 30") in one and one[-1] == ("Erfasst von", "")
    plain = session_info(ws, "breidenbach-p1-02")
    assert {r["station"] for r in sheet_rows(plain.format, plain.session)} == {""}


# -- adding the parts up --------------------------------------------------------------------------


FIELD = {t: ResultField(name="f", label="F", type=t, options=("A", "B")) for t in ResultType}


def test_session_result_adds_the_parts_up_by_type(ws):
    fmt = ws.catalogue["partizipativ.tempo-challenge"]
    a = Result(session="s", station="v0", participants={TargetGroup.KINDER: 10},
               values={"umfrage_antworten": 20, "entscheidungsweg_verstanden": 50.0,
                       "tempo_meinung": {"Tempo 40": 2, "Tempo 30": 12},
                       "rangliste": ["Breidenbach: 20"], "ergebnisveranstaltung": "DGH",
                       "stellen": [{"category": "Lob", "ortsteil": "Breidenbach", "note": ""}]})
    b = Result(session="s", station="v1", participants={TargetGroup.KINDER: 20,
                                                        TargetGroup.SENIOREN: 10},
               values={"umfrage_antworten": 40, "entscheidungsweg_verstanden": 90.0,
                       "tempo_meinung": {"Tempo 30": 10},
                       "rangliste": ["Achenbach: 40"], "ergebnisveranstaltung": "DGH",
                       "stellen": [{"category": "Wunsch", "ortsteil": "Achenbach", "note": "x"}]})
    total = session_result(fmt, [b, a], ws.sessions()[STATION_SESSION][2])
    assert total.participants == {TargetGroup.KINDER: 30, TargetGroup.SENIOREN: 10}
    assert total.values["umfrage_antworten"] == 60  # summed
    # weighted by participants: (50 * 10 + 90 * 30) / (10 + 30) = 3200 / 40 = 80
    assert total.values["entscheidungsweg_verstanden"] == pytest.approx(80)
    assert total.values["tempo_meinung"] == {"Tempo 30": 22, "Tempo 40": 2}  # option order
    assert total.values["rangliste"] == ["Breidenbach: 20", "Achenbach: 40"]  # station order
    assert [p["ortsteil"] for p in total.values["stellen"]] == ["Breidenbach", "Achenbach"]
    assert total.values["ergebnisveranstaltung"] == "DGH"
    assert total.station is None and total.day is None
    assert session_result(fmt, [a]) is a and session_result(fmt, []) is None


def test_means_without_participants_are_plain_and_profiles_keep_apart():
    from werkzeugkoffer.results.parts import combine_value

    assert combine_value(FIELD[ResultType.RATING], [(4.0, 0), (2.0, 12)]) == 3.0
    assert combine_value(FIELD[ResultType.TEXT], [("a", 1), ("b", 1), ("a", 1)]) == "a; b"
    profiles = combine_value(FIELD[ResultType.SCORES],
                             [([{"label": "Profil 1", "values": {"A": 50}}], 1),
                              ([{"label": "Profil 1", "values": {"A": 70}}], 1)])
    assert [p["label"] for p in profiles] == ["Profil 1", "Profil 1 (2)"]


def test_reports_and_indicators_see_the_session_not_its_parts(ws, tmp_path):
    rows = [HEADER_PARTS]
    rows += station_rows(STATION_SESSION, "v0", 10, answers=20, votes={"Tempo 30": 12},
                         share=50)
    rows += station_rows(STATION_SESSION, "v1", 40, answers=40, votes={"Tempo 30": 10},
                         share=90)
    import_file(ws, write_csv(tmp_path / "s.csv", rows))
    data = Dataset.load(ws).select(slug="breidenbach", phase=1)
    (s,) = [s for s in data.held]
    assert len(s.parts) == 2 and s.participants == 50
    report = build_report(ws, "breidenbach", phase=1, data=Dataset.load(ws), today=TODAY)
    assert report.figures.sessions_held == 1 and report.figures.participants == 50
    impact = report.impact
    assert impact.find("partizipativ.tempo-challenge", "umfrage-antworten").value == 60
    assert impact.find("partizipativ.tempo-challenge", "entscheidungsweg").value == \
        pytest.approx(82)
    meinungsbild = impact.find("partizipativ.tempo-challenge", "meinungsbild")
    assert (meinungsbild.value, meinungsbild.planned, meinungsbild.reached) == (1, 1, 100)
    # participants per Ortsteil follow the station sheets
    rows = {r.name: r for r in report.reach}
    assert (rows["Breidenbach"].participants, rows["Achenbach"].participants) == (10, 40)


# -- reach: the one definition, with contributions ------------------------------------------------


def test_the_report_counts_all_seven_ortsteile_reached_after_results_from_each(ws, tmp_path):
    before = build_report(ws, "breidenbach", phase=1, today=TODAY)
    assert before.figures.ortsteile_total == 7 and before.figures.ortsteile_reached == ()
    assert before.ortsteile_missing == tuple(BREIDENBACH)
    # the session in the main town brings map points from every Ortsteil
    points = [{"category": "Wunsch", "ortsteil": o, "note": ""} for o in BREIDENBACH]
    add_result(ws, Result(session="breidenbach-p1-02", participants={"erwachsene": 9},
                          values={**full_alles_values(), "punkte": points}))
    after = build_report(ws, "breidenbach", phase=1, today=TODAY)
    assert after.figures.ortsteile_reached == tuple(BREIDENBACH)
    assert after.ortsteile_missing == ()
    contributed = {r.name for r in after.reach if r.by_contribution}
    assert contributed == set(BREIDENBACH) - {"Breidenbach"}
    assert after.summary.ortsteile_reached == 7 and after.summary.reach.missing == ()


def test_per_station_results_reach_every_ortsteil_of_their_stations(ws, tmp_path):
    rows = [HEADER_PARTS]
    for i, name in enumerate(BREIDENBACH):
        rows += station_rows(STATION_SESSION, f"v{i}", 5 + i, answers=3, votes={"Tempo 30": 1})
    import_file(ws, write_csv(tmp_path / "sieben.csv", rows))
    report = build_report(ws, "breidenbach", phase=1, today=TODAY)
    assert report.figures.ortsteile_reached == tuple(BREIDENBACH)
    data = Dataset.load(ws).select(slug="breidenbach")
    assert contributed_ortsteile(data.held) == BREIDENBACH  # one per station sheet
    m = ws.municipalities["breidenbach"]
    assert reach(m, [], contributed_ortsteile(data.held)).reached == tuple(BREIDENBACH)
    lab = build_report(ws, today=TODAY)
    assert lab.municipalities[0].summary.ortsteile_reached == 7


def test_cli_add_and_show_a_station_sheet(ws):
    first = run(ws, "results", "add", STATION_SESSION, "--station", "Achenbach", "--day",
                "25.06.2027", "-p", "erwachsene=12", "-v", "umfrage_antworten=9")
    assert first.exit_code == 0, first.output
    assert f"{STATION_SESSION} at station v1 on 2027-06-25: result stored." in first.output
    assert f"Ergebnis {STATION_SESSION}, Station v1, 25.06.2027" in first.output
    run(ws, "results", "add", STATION_SESSION, "--station", "v2", "-p", "kinder=3", "-v",
        "umfrage_antworten=4")
    shown = run(ws, "results", "show", STATION_SESSION)
    assert shown.exit_code == 0, shown.output
    assert f"Ergebnis {STATION_SESSION} zusammen (2 Bögen)" in shown.output
    assert "Teilnehmende: 15 (Kinder 3, Erwachsene 12)" in shown.output
    data = json.loads(run(ws, "results", "show", STATION_SESSION, "--json").output)
    assert len(data["parts"]) == 2 and data["result"]["values"]["umfrage_antworten"] == 13
    bad = run(ws, "results", "add", STATION_SESSION, "--station", "v9", "-v",
              "umfrage_antworten=1")
    assert bad.exit_code == 2 and 'unknown station "v9"' in bad.output
    gone = run(ws, "results", "delete", STATION_SESSION, "--yes")
    assert gone.exit_code == 0 and count_results(ws.root) == 0


def test_a_map_point_on_a_station_sheet_lies_in_the_stations_ortsteil(ws, tmp_path):
    rows = [HEADER_PARTS] + station_rows(STATION_SESSION, "v3", 4, answers=2, votes={},
                                         points=[("Gefahrenstelle", "", "Kurve"),
                                                 ("Lob", "Wolzhausen", "")])
    import_file(ws, write_csv(tmp_path / "oberdieten.csv", rows))
    (stored,) = stored_results(ws)
    assert stored.result.values["stellen"][0]["ortsteil"] == ""  # stored as written
    (held,) = Dataset.load(ws).held
    assert [p["ortsteil"] for p in held.values["stellen"]] == ["Oberdieten", "Wolzhausen"]
    report = build_report(ws, "breidenbach", phase=1, today=TODAY)
    assert [t.topic for t in report.summary.topics][:1] == ["Gefahrenstelle in Oberdieten"]
