"""The figures a council reads: a worked example computed by hand, the council summary "Auf
einen Blick" (page one of the municipality report, a PDF of its own, a line per municipality in
the lab report) and "Noch keine Ergebnisse" instead of -100 %."""

import datetime as dt

import pytest
from fixtures import HEADER_PARTS, KGST, load, make_results_workspace, write_csv
from werkzeugkoffer.reports import build_report, render_report
from werkzeugkoffer.results import import_file

TODAY = dt.date(2027, 4, 20)  # phase 1 (01.03.-11.04.) is over, phase 2 starts 07.06.


def row(session, feld, wert, option="", ortsteil="", profil=""):
    return [session, "", "", feld, "", option, ortsteil, profil, str(wert)]


@pytest.fixture(scope="module")
def lohra(tmp_path_factory):
    """Lohra's phase 1 as a planner types it in: three of four sessions have a sheet."""
    root = make_results_workspace(tmp_path_factory.mktemp("council") / "ws")
    ws = load(root)
    a, b, c = "lohra-p1-01", "lohra-p1-03", "lohra-p1-02"  # test.alles, test.alles, Datensafari
    rows = [HEADER_PARTS,
            row(a, "Teilnehmende", 8, "jugendliche"), row(a, "Teilnehmende", 12, "erwachsene"),
            row(a, "anzahl", 14), row(a, "anteil", 40), row(a, "bewertung", "4,5"),
            row(a, "ideen", "Mehr Bänke"), row(a, "ideen", "Bus am Sonntag"),
            row(a, "ideen", "mehr Bänke"),
            row(a, "abstimmung", 30, "Ja"), row(a, "abstimmung", 10, "Nein"),
            row(a, "punkte", "Kreuzung", "Gefahrenstelle", "Damm"),
            row(a, "punkte", "Schule", "Gefahrenstelle", "Damm"),
            row(a, "punkte", "Bank", "Wunsch", "Kirchvers"),
            row(a, "kompetenzen", 60, KGST[0], profil="P1"),
            row(a, "kompetenzen", 90, KGST[1], profil="P1"),
            row(a, "kompetenzen", 80, KGST[0], profil="P2"),
            row(a, "kompetenzen", 45, KGST[2], profil="P2"),
            row(b, "Teilnehmende", 10, "senioren"), row(b, "anzahl", 6), row(b, "anteil", 70),
            row(b, "bewertung", "3,5"), row(b, "ideen", "Bus am Sonntag"),
            row(b, "kompetenzen", 40, KGST[0], profil="P3"),
            row(b, "kompetenzen", 50, KGST[3], profil="P3"),
            row(c, "Teilnehmende", 5, "jugendliche"), row(c, "bearbeitungen", 41),
            row(c, "orte", 11), row(c, "aufgaben", 4, "Sitzbänke"),
            row(c, "datenluecken", "Öffnungszeiten Bücherei"), row(c, "zufriedenheit", 4)]
    import_file(ws, write_csv(root / "lohra-phase-1.csv", rows))
    return ws


def test_worked_example_matches_the_hand_computation(lohra):
    report = build_report(lohra, "lohra", phase=1, today=TODAY)
    f = report.figures
    # Participants: 8 + 12 (lohra-p1-01) + 10 (lohra-p1-03) + 5 (lohra-p1-02) = 35;
    # Lohra has 5,000 residents: 35 / 5,000 x 100 = 0.7 per 100 residents.
    assert f.participants == 35 and f.participation_rate == pytest.approx(0.7)
    # Sessions: 3 of 4 held; lohra-p1-04 (27.03.) is past without a sheet.
    assert (f.sessions_held, f.sessions_planned, f.sessions_missing) == (3, 4, 1)
    # Reach: sessions in Lohra (v0) and Altenvers (v1), map points from Damm (2) and
    # Kirchvers (1): 4 of 4 Ortsteile, Damm and Kirchvers by contribution.
    assert f.ortsteile_reached == ("Lohra", "Altenvers", "Damm", "Kirchvers")
    assert {r.name for r in report.reach if r.by_contribution} == {"Damm", "Kirchvers"}
    # Entries: ideas 3 + 1, data gaps 1 = 5; map points 3; votes 30 + 10 + 4 = 44.
    assert (f.entries, f.map_points, f.votes) == (5, 3, 44)

    impact = report.impact
    def ind(fmt, key):
        return impact.find(fmt, key)
    # test.alles: 2 sessions planned, 2 held
    # termine (step 1, sessions held): 2 of 2 = 100 %
    assert (ind("test.alles", "termine").value, ind("test.alles", "termine").reached) == (2, 100)
    # beitraege (sum, target 10 per session): 14 + 6 = 20 of 10 x 2 = 20 -> 100 %, reached
    assert ind("test.alles", "beitraege").value == 20
    assert ind("test.alles", "beitraege").planned == 20
    assert ind("test.alles", "beitraege").status == "erreicht"
    # zufriedenheit (mean per session, target 4): (4.5 + 3.5) / 2 = 4.0 -> 100 %
    assert ind("test.alles", "zufriedenheit").value == pytest.approx(4.0)
    # kompetenz (share: the group's Erfüllungsgrad, target 80 %), targets 80/80/90/50:
    # P1: 60/80 = 75 %, 90/80 -> 100 %              -> (75 + 100) / 2 = 87.5 %
    # P2: 80/80 = 100 %, 45/90 = 50 %               -> (100 + 50) / 2 = 75 %
    # P3: 40/80 = 50 %, 50/50 = 100 %               -> (50 + 100) / 2 = 75 %
    # group: (87.5 + 75 + 75) / 3 = 237.5 / 3 = 79.17 % -> 79.17 / 80 = 98.96 %, not reached
    kompetenz = ind("test.alles", "kompetenz")
    assert kompetenz.value == pytest.approx(237.5 / 3)
    assert kompetenz.reached == pytest.approx(237.5 / 3 / 80 * 100)
    assert kompetenz.status == "nicht erreicht" and kompetenz.unit == "%"
    ((_, fsum),) = report.competence
    assert fsum.check.overall == pytest.approx(kompetenz.value)  # the table says the same
    # ideen (sum, target 3 per session): 3 + 1 = 4 of 6 -> 66.7 %
    assert ind("test.alles", "ideen").value == 4 and ind("test.alles", "ideen").planned == 6
    # Datensafari: 2 planned, 1 held. bearbeitungen (sum, target 50): 41 of 100 -> 41 %
    assert ind("digital.datensafari", "bearbeitungen").reached == pytest.approx(41)
    # Steps with targets reached: 1: termine yes, bearbeitungen no -> 1 of 2; 2: beitraege
    # 1 of 1; 3: both ratings 4.0 -> 2 of 2; 4: kompetenz no (offene-luecken has no target)
    # -> 0 of 1; 5: ideen no -> 0 of 1. Together 4 of 7; the highest step reached is 3.
    s = report.summary
    assert [(st.number, st.reached, st.with_target) for st in s.steps] == [
        (1, 1, 2), (2, 1, 1), (3, 2, 2), (4, 0, 1), (5, 0, 1), (6, 0, 0)]
    assert (s.goals_reached, s.goals_with_target, s.highest_step.number) == (4, 7, 3)
    # Topics: "Mehr Bänke" 2 mentions, "Bus am Sonntag" 2 (one per session), 2 danger spots
    # in Damm (2 points), then 1 each; the votes of "abstimmung" are no topic (topics none).
    assert [(t.topic, t.score) for t in s.topics] == [
        ("Mehr Bänke", 2), ("Bus am Sonntag", 2), ("Gefahrenstelle in Damm", 2),
        ("Wunsch in Kirchvers", 1), ("Öffnungszeiten Bücherei", 1)]
    assert s.next_steps[0] == "Ergebnisbögen von 1 vergangenen Termin erfassen."
    assert any(line.startswith("Phase 2 „Vertiefen“ vom 07.06. bis 18.07.2027 mit 4 Terminen")
               for line in s.next_steps)


def test_the_council_summary_is_page_one_and_says_no_results_instead_of_minus_100(lohra):
    report = build_report(lohra, "lohra", today=TODAY)  # both phases
    rows = {r.label: r for r in report.comparison}
    people = rows["Teilnehmende"]
    assert (people.phase1, people.missing2, people.change, people.change_percent) == (
        35, True, None, None)
    assert rows["Termine geplant"].change == 0  # plan figures are compared as they are
    html = render_report(report, lohra)
    assert not any(f"{sign}100{space}%" in html for sign in "-−" for space in " \u00a0")
    table = html.split('id="vergleich"', 1)[1]
    assert table.count("Noch keine Ergebnisse") >= 5
    first = html.index('id="auf-einen-blick"')
    assert first < html.index('id="ueberblick"') < html.index('id="wirkung"')
    summary = html[first:html.index('id="ueberblick"')]
    assert "35 bei 5.000 Einwohner:innen, das sind 0,7 je 100 Einwohner:innen" in summary
    assert "4 von 4" in summary and "Mehr Bänke" in summary and "Wie es weitergeht" in summary
    alone = render_report(report, lohra, summary=True)
    assert "Auf einen Blick: Lohra" in alone and 'id="wirkung"' not in alone


def test_the_lab_report_has_a_line_per_municipality_with_the_same_figures(lohra):
    lab = build_report(lohra, today=TODAY)
    lines = {r.slug: r.summary for r in lab.municipalities}
    own = build_report(lohra, "lohra", today=TODAY).summary
    assert (lines["lohra"].participants, lines["lohra"].ortsteile_reached,
            lines["lohra"].goals_reached) == (own.participants, own.ortsteile_reached,
                                              own.goals_reached)
    assert lines["lohra"].topics[0].topic == own.topics[0].topic == "Mehr Bänke"
    assert not lines["wohratal"].has_results
    html = render_report(lab, lohra)
    overview = html.split('id="gemeinden-auf-einen-blick"', 1)[1].split("</section>", 1)[0]
    assert "Noch keine Ergebnisse (8 Termine geplant)" in overview  # Wohratal, Angelburg
    assert "35 (0,7)" in overview and "Mehr Bänke" in overview


def test_cli_report_summary_only(lohra, tmp_path):
    from click.testing import CliRunner
    from werkzeugkoffer.cli import cli

    out = tmp_path / "berichte"
    result = CliRunner().invoke(cli, ["-w", str(lohra.root), "report", "lohra", "--summary",
                                      "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["lohra-auf-einen-blick.html"]
    lab = CliRunner().invoke(cli, ["-w", str(lohra.root), "report", "--summary", "--format",
                                   "html", "-o", str(out)])
    assert lab.exit_code == 0 and (out / "labor-auf-einen-blick.html").is_file()
    text = (out / "labor-auf-einen-blick.html").read_text(encoding="utf-8")
    assert "Auf einen Blick: Testlabor" in text and "Teilnahmen" in text
    both = CliRunner().invoke(cli, ["-w", str(lohra.root), "report", "wohratal", "--no-summary",
                                    "--format", "html", "-o", str(out)])
    assert both.exit_code == 0 and not (out / "wohratal-auf-einen-blick.html").exists()
    assert (out / "wohratal.html").is_file()
