"""Topics from phase 1: the topic model of the formats, phase-2 suggestions that name their
evidence, and `suggest --write`, which puts the proposal into the plan keeping comments."""

import datetime as dt
import json

import attrs
import pytest
from click.testing import CliRunner
from fixtures import (
    BREIDENBACH,
    HEADER_PARTS,
    STATION_SESSION,
    change_lab,
    inventory_for,
    load,
    station_rows,
    station_workspace,
    write_csv,
)
from werkzeugkoffer import Result, TopicRole, get_catalogue, validate_format
from werkzeugkoffer.cli import cli
from werkzeugkoffer.planning.suggest import suggest, write_suggestion
from werkzeugkoffer.results import Dataset, add_result, import_file
from werkzeugkoffer.reports import build_report, render_report
from werkzeugkoffer.results.topics import (
    VoteOutcome,
    dataset_topics,
    is_abstention,
    is_topic,
    phase_topics,
    vote_outcomes,
)


def run(root, *args):
    return CliRunner().invoke(cli, ["-w", str(root), *map(str, args)])


@pytest.fixture
def challenge(tmp_path):
    """Breidenbach after its Tempo-Challenge: 142 votes for Tempo 30 over three stations,
    eleven danger spots in Achenbach, a ranking of the Ortsteile (which is no topic)."""
    root = station_workspace(tmp_path / "ws")
    ws = load(root)
    spots = [("Gefahrenstelle", "Achenbach", f"Hauptstraße {i}") for i in range(11)]
    rows = [HEADER_PARTS]
    rows += station_rows(STATION_SESSION, "v0", 60, answers=70,
                         votes={"Tempo 30": 60, "Tempo 40": 30, "Keine Meinung": 5})
    rows += station_rows(STATION_SESSION, "v1", 50, answers=64,
                         votes={"Tempo 30": 50, "Tempo 50 beibehalten": 20}, points=spots)
    rows += station_rows(STATION_SESSION, "v2", 20, answers=30, votes={"Tempo 30": 32},
                         points=[("Lob", "Niederdieten", "Spielplatz")])
    import_file(ws, write_csv(tmp_path / "challenge.csv", rows))
    add_result(ws, Result(session="breidenbach-p1-02", participants={"erwachsene": 12}, values={
        "anzahl": 4, "ideen": ["Tempo 30", "Dorfladen", "Mitfahrbank", "dorfladen!"]}))
    return root


def test_topics_come_from_the_content_with_their_evidence(challenge):
    ws = load(challenge)
    topics = phase_topics(ws, "breidenbach", 1)
    names = [t.topic for t in topics]
    # the ranking of the Ortsteile ("Breidenbach: 70") is no topic
    assert not any(name.startswith(tuple(BREIDENBACH)) and ":" in name for name in names)
    # the options of the vote are no topics, and an abstention never is: "Tempo 40" and
    # "Tempo 50 beibehalten" were only picked from the sheet, "Keine Meinung" says nothing
    assert not {"Tempo 40", "Tempo 50 beibehalten", "Keine Meinung"} & set(names)
    first = topics[0]
    assert first.topic == "Gefahrenstelle in Achenbach"
    assert first.evidence_text == "11 Kartenpunkte" and first.ortsteil == "Achenbach"
    assert first.notes == ("Hauptstraße 0", "Hauptstraße 1", "Hauptstraße 2")
    dorfladen = next(t for t in topics if t.topic == "Dorfladen")
    assert dorfladen.evidence_text == "2 Nennungen"  # spelling variants are one topic
    tempo = next(t for t in topics if t.topic == "Tempo 30")
    assert tempo.evidence_text == "1 Nennung"  # the idea someone wrote, not the 142 votes
    assert tuple(tempo) == ("Tempo 30", 1)  # unpacks as (topic, count) for plugins
    assert names[:2] == ["Gefahrenstelle in Achenbach", "Dorfladen"]


def test_the_vote_is_a_result_not_a_topic(challenge):
    ws = load(challenge)
    (vote,) = vote_outcomes(Dataset.load(ws).select(slug="breidenbach", phase=1))
    # 60 + 50 + 32 = 142 for Tempo 30 over three stations; 30 + 20 + 5 = 55 others; 197 cast
    assert vote.label == "Welches Tempo wünschen Sie sich im Ortsteil?"
    assert (vote.leader, vote.leader_votes, vote.total, vote.abstentions) == (
        "Tempo 30", 142, 197, 5)
    assert vote.share == pytest.approx(142 / 197 * 100) and vote.majority
    html = render_report(build_report(ws, "breidenbach", today=dt.date(2027, 12, 1)), ws)
    summary = html[html.index('id="auf-einen-blick"'):html.index('id="ueberblick"')]
    assert "Abstimmungsergebnisse" in summary
    assert "– „Tempo 30“ vorn: 142 von 197 Stimmen (72\u00a0%); 5 ohne Meinung" in summary
    top = summary[summary.index("Top-Themen"):]
    assert "Keine Meinung" not in top and "Tempo 50 beibehalten" not in top


def test_abstentions_and_empty_entries_are_no_topics():
    assert is_abstention("Keine Meinung") and is_abstention("weiß nicht.")
    assert is_abstention("k. A.") and is_abstention("Enthaltung") and is_abstention("--")
    assert not is_abstention("Tempo 30")
    assert not is_topic("Sonstiges") and not is_topic("nichts") and not is_topic("Weiss nicht")
    assert is_topic("Mitfahrbank")
    tie = VoteOutcome(format="f", format_title="F", field="x", label="X", sessions=1,
                      tally=(("A", 3), ("B", 3), ("Keine Meinung", 9)), abstentions=9,
                      leader=None, tied=("A", "B"))
    assert tie.share is None and not tie.majority and tie.leader_votes == 3


def test_ranked_lists_weigh_their_first_entries_more(tmp_path):
    from werkzeugkoffer.model import ResultField, ResultType
    from werkzeugkoffer.results.dataset import SessionData

    ws = load(station_workspace(tmp_path / "ws"))
    fmt = ws.catalogue["test.alles"]
    ranked = attrs.evolve(fmt, result_fields=tuple(
        attrs.evolve(f, topics=TopicRole.RANKED) if f.name == "ideen" else f
        for f in fmt.result_fields))
    s = ws.sessions()["breidenbach-p1-02"][2]
    data = Dataset(workspace=ws, sessions=[SessionData(
        slug="breidenbach", phase=1, session=s, format=ranked,
        municipality=ws.municipalities["breidenbach"], venue=None,
        result=Result(session=s.id, values={"ideen": ["A", "B", "C"]}))])
    topics = dataset_topics(data)
    # 3 entries: 2 (3 - i + 1) / (3 + 1) for i = 1, 2, 3 -> 1.5, 1.0, 0.5 (together 3)
    assert [(t.topic, t.score) for t in topics] == [("A", 1.5), ("B", 1.0), ("C", 0.5)]
    assert topics[0].evidence_text == "1 Nennung in einer Rangliste (bester Platz 1)"
    assert ResultField(name="x", label="X", type=ResultType.TEXT).topic_role is TopicRole.NONE


def test_the_topic_model_must_fit_the_field():
    fmt = get_catalogue()["partizipativ.tempo-challenge"]
    bad = attrs.evolve(fmt, result_fields=tuple(
        attrs.evolve(f, topics=TopicRole.VOTES) if f.name == "rangliste" else f
        for f in fmt.result_fields))
    assert ('result_fields[4] (rangliste): topics = "votes" needs a choice_votes field, '
            "not text_list") in validate_format(bad)
    tempo = {f.name: f.topic_role for f in fmt.result_fields}
    assert tempo["rangliste"] is TopicRole.NONE and tempo["tempo_meinung"] is TopicRole.VOTES
    assert tempo["stellen"] is TopicRole.POINTS


def stock_tool_case(root):
    """Give the lab every tool case item of the built-in formats, so that suggest can choose."""
    change_lab(root, lambda lab: attrs.evolve(lab, inventory=lab.inventory + inventory_for(
        list(get_catalogue()), 50, known={i.id for i in lab.inventory})))


def test_suggest_phase_2_names_the_top_topics_and_proposes_formats_for_them(challenge):
    stock_tool_case(challenge)
    ws = load(challenge)
    sg = suggest(ws, "breidenbach", 2, count=3)
    assert sg.topics[0].topic == "Gefahrenstelle in Achenbach"
    assert {p.topic for p in sg.picks} - {None} <= {t.topic for t in sg.topics}
    assert len({p.format.id for p in sg.picks}) == len(sg.picks)  # no format twice
    place = next(p for p in sg.picks if p.topic == "Gefahrenstelle in Achenbach")
    where = [place.venue] if place.venue else place.stations
    assert "Achenbach" in {v.ortsteil for v in where}  # where the danger spots are
    result = run(challenge, "suggest", "breidenbach", "--phase", "2", "--count", "3")
    assert result.exit_code == 0, result.output
    assert " 1. Gefahrenstelle in Achenbach: 11 map points -> proposed: " in result.output
    assert 'Notes: "Hauptstraße 0"; "Hauptstraße 1"; "Hauptstraße 2"' in result.output
    assert "Keine Meinung" not in result.output
    data = json.loads(run(challenge, "suggest", "breidenbach", "--phase", "2", "--count", "3",
                          "--json").output)
    assert data["topics"][0]["evidence"] == "11 Kartenpunkte"
    assert data["topics"][0]["proposed"]


def test_a_format_at_stations_is_proposed_at_stations_not_one_venue(challenge):
    stock_tool_case(challenge)
    ws = load(challenge)
    sg = suggest(ws, "breidenbach", 2, count=12, topics=[("Tempo 30 vor der Schule", 5)])
    tempo = next(p for p in sg.picks if p.format.id == "partizipativ.tempo-challenge")
    assert tempo.venue is None and len(tempo.stations) == len(
        {v.ortsteil for v in tempo.stations}) > 1
    assert any(r.startswith(f"at {len(tempo.stations)} stations in ") for r in tempo.reasons)
    assert [p.format.id for p in sg.picks].count("partizipativ.tempo-challenge") == 1


def test_suggest_write_adds_the_proposal_to_the_phase_keeping_comments(challenge):
    path = challenge / "gemeinden" / "breidenbach.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('[[phases]]\nnumber = 2', '# Phase 2: bitte mit dem Gemeinderat '
                        'abstimmen\n[[phases]]\nnumber = 2')
    path.write_text("# Breidenbach, Stand Juli\n" + text, encoding="utf-8")
    stock_tool_case(challenge)
    dry = run(challenge, "suggest", "breidenbach", "--phase", "2", "--count", "2", "--write",
              "--dry-run")
    assert dry.exit_code == 0 and "Dry run: nothing written." in dry.output
    assert "breidenbach-p2-02" in dry.output
    result = run(challenge, "suggest", "breidenbach", "--phase", "2", "--count", "2", "--write")
    assert result.exit_code == 0, result.output
    assert "proposal added" in result.output
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# Breidenbach, Stand Juli\n")
    assert "# Phase 2: bitte mit dem Gemeinderat abstimmen\n" in after
    ws = load(challenge)
    phase = ws.municipalities["breidenbach"].phase(2)
    assert [s.id for s in phase.sessions] == ["breidenbach-p2-01", "breidenbach-p2-02",
                                              "breidenbach-p2-03"]
    new = phase.sessions[1:]
    assert all(phase.start <= s.date <= phase.end for s in new)
    assert new[0].notes.startswith("Vorschlag (werkzeugkoffer suggest): Thema „")
    assert run(challenge, "check", "breidenbach").exit_code in (0, 1)  # it loads and checks


def test_suggest_write_needs_a_start_for_a_new_phase_and_keeps_recorded_sessions(challenge):
    ws = load(challenge)
    sg = suggest(ws, "breidenbach", 1, count=1, replace=True)
    with pytest.raises(Exception, match="sessions with recorded results"):
        write_suggestion(ws, sg, replace=True)
    path = challenge / "gemeinden" / "breidenbach.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("[[phases]]\nnumber = 2")], encoding="utf-8")
    stock_tool_case(challenge)  # two formats for two sessions (each format once a phase)
    no_start = run(challenge, "suggest", "breidenbach", "--phase", "2", "--write")
    assert no_start.exit_code == 2 and "phase 2 does not exist yet" in no_start.output
    created = run(challenge, "suggest", "breidenbach", "--phase", "2", "--count", "2", "--write",
                  "--start", "2027-09-06")
    assert created.exit_code == 0, created.output
    phase = load(challenge).municipalities["breidenbach"].phase(2)
    assert phase.start.isoformat() == "2027-09-06" and len(phase.sessions) == 2
    bad = run(challenge, "suggest", "breidenbach", "--phase", "2", "--start", "2027-09-06")
    assert bad.exit_code == 2 and "go with --write" in bad.output


def test_a_count_written_after_a_topic_is_not_part_of_it():
    from werkzeugkoffer.results.topics import clean_topic, count_entries

    assert clean_topic("Tempo 30: 142") == clean_topic("Tempo 30 (142 Punkte)") == "Tempo 30"
    assert clean_topic("Bus nach 21:30") == "Bus nach 21:30"  # a time is no count
    assert count_entries(["Achenbach: 64"]) == [("Achenbach: 64", 1)]  # list entries as written
    ergebnisabend = get_catalogue()["partizipativ.ergebnisabend"]
    assert ergebnisabend.result_field("top_themen").topic_role is TopicRole.RANKED
    assert ergebnisabend.result_field("zusagen").topic_role is TopicRole.NONE


def test_suggest_names_the_topics_in_german_under_a_german_locale(challenge, monkeypatch):
    stock_tool_case(challenge)
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    result = run(challenge, "suggest", "breidenbach", "--phase", "2", "--count", "3")
    assert result.exit_code == 0, result.output
    assert ("Top-Themen aus Phase 1:\n 1. Gefahrenstelle in Achenbach: 11 Kartenpunkte -> "
            "Vorschlag: ") in result.output
    assert "Hinweise: „Hauptstraße 0“; „Hauptstraße 1“; „Hauptstraße 2“" in result.output
    assert "      Thema aus Phase 1: Gefahrenstelle in Achenbach" in result.output
    assert "passt zum Thema „Gefahrenstelle in Achenbach“ aus Phase 1 (11 Kartenpunkte; " in (
        result.output)
    assert "Keine Meinung" not in result.output


def test_the_session_table_shows_the_stations_of_an_action(challenge):
    """The report named the seven-station Tempo-Challenge by its first station only."""
    ws = load(challenge)
    report = build_report(ws, "breidenbach", today=dt.date(2027, 12, 1))
    row = next(r for r in report.sessions if r.session.id == STATION_SESSION)
    assert row.place == "7 Stationen in 7 Ortsteilen: " + ", ".join(BREIDENBACH)
    assert row.place in render_report(report, ws)


def test_results_list_and_export_say_what_they_count(challenge, tmp_path):
    """Three station sheets of one session and one sheet of another: two sessions with
    results, four result sheets, in the listing and in every export alike."""
    listing = run(challenge, "results", "list")
    assert listing.exit_code == 0, listing.output
    assert listing.output.splitlines()[-1] == "2 sessions with results (4 result sheets)."
    for fmt, out in (("csv", tmp_path / "a.csv"), ("xlsx", tmp_path / "a.xlsx"),
                     ("datapackage", tmp_path / "paket")):
        done = run(challenge, "results", "export", "--format", fmt, "-o", out)
        assert done.exit_code == 0, done.output
        assert "2 sessions with results (4 result sheets)" in done.output
