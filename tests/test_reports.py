"""Reports: data per municipality and lab, phase topics, SVG charts, HTML, PDF and the CLI."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from fixtures import (
    KGST,
    datensafari_values,
    full_alles_values,
    load,
    make_results_workspace,
)
from werkzeugkoffer import InputError, Result, TargetGroup, Theme
from werkzeugkoffer.cli import cli
from werkzeugkoffer.render.charts import bar_chart, grouped_bar_chart, radar_chart
from werkzeugkoffer.reports import build_report, render_report, write_reports
from werkzeugkoffer.results import add_result
from werkzeugkoffer.results.topics import count_entries, phase_topics

TODAY = dt.date(2027, 4, 1)  # after phase 1, before phase 2


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    root = make_results_workspace(tmp_path_factory.mktemp("reports") / "ws")
    ws = load(root)
    add_result(ws, Result(session="lohra-p1-01", participants={"jugendliche": 4, "senioren": 2},
                          values=full_alles_values()))
    add_result(ws, Result(session="lohra-p1-02", participants={"erwachsene": 5},
                          values={**datensafari_values(1),
                                  "datenluecken": ["Mehr Bänke!", "Radweg nach Damm"]}))
    add_result(ws, Result(session="lohra-p2-01", participants={"jugendliche": 10},
                          values={"anzahl": 30, "ideen": ["Jugendraum"],
                                  "punkte": [{"category": "Wunsch", "ortsteil": "Kirchvers",
                                              "note": "Bank"}]}))
    add_result(ws, Result(session="wohratal-p1-01", participants={"kinder": 7},
                          values={"anzahl": 2, "ideen": ["Spielplatz", "mehr bänke"]}))
    return ws


def test_municipality_report_figures(ws):
    report = build_report(ws, "lohra", today=TODAY)
    f = report.figures
    assert (f.sessions_planned, f.sessions_held) == (8, 3)
    assert f.sessions_missing == 2  # lohra-p1-03 and -04 are past, without a result
    assert f.participants == 21
    assert f.group(TargetGroup.JUGENDLICHE) == 14
    assert dict((t, (p, h)) for t, p, h, _ in f.by_theme)[Theme.DIGITAL] == (4, 1)
    assert f.entries == 3 + 2 + 1 and f.map_points == 3 and f.votes == 9 + 5
    statuses = {row.session.id: row.status for row in report.sessions}
    assert statuses["lohra-p1-01"] == "durchgeführt"
    assert statuses["lohra-p1-03"] == "kein Ergebnis erfasst"
    assert statuses["lohra-p2-02"] == "geplant"
    table = {g: (per_theme, total) for g, per_theme, total in report.participants_table}
    assert table[TargetGroup.JUGENDLICHE] == ((0, 0, 14), 14)
    assert table[TargetGroup.ERWACHSENE] == ((5, 0, 0), 5)


def test_reach_into_the_ortsteile(ws):
    report = build_report(ws, "lohra", today=TODAY)
    reach = {r.name: r for r in report.reach}
    assert list(reach) == ["Lohra", "Altenvers", "Damm", "Kirchvers"]
    assert reach["Lohra"].participants == 16 and reach["Lohra"].sessions_held == 2
    assert reach["Altenvers"].sessions_held == 1 and reach["Altenvers"].participants == 5
    assert reach["Kirchvers"].map_points == 1 and reach["Damm"].map_points == 1
    # no session in Damm or Kirchvers, but map points from there: reached by contribution
    assert reach["Damm"].reached and reach["Damm"].by_contribution
    assert reach["Kirchvers"].reached and reach["Kirchvers"].by_contribution
    assert not reach["Lohra"].by_contribution
    assert report.ortsteile_missing == ()
    only1 = build_report(ws, "lohra", phase=1, today=TODAY)
    assert only1.ortsteile_missing == ("Kirchvers",)  # its point was made in phase 2


def test_results_aggregated_by_type(ws):
    report = build_report(ws, "lohra", phase=1, today=TODAY)
    fields = {(fs.format.id, f.field.name): f for fs in report.formats for f in fs.fields}
    ideen = fields[("test.alles", "ideen")]
    assert ideen.top[0] == ("Mehr Bänke", 2) and ideen.total == 3
    votes = fields[("test.alles", "abstimmung")]
    assert votes.tally == (("Ja", 7), ("Nein", 2), ("Enthaltung", 0))
    assert votes.chart is not None
    rating = fields[("digital.datensafari", "zufriedenheit")]
    assert rating.mean == 4.0 and rating.results == 1
    points = fields[("test.alles", "punkte")]
    assert [p.place for p in points.points] == ["Damm", "Lohra"]
    assert points.points[0].categories == (("Gefahrenstelle", 1),)
    assert points.points[0].notes == ("Gefahrenstelle: Kreuzung ohne Ampel",)
    assert fields[("test.alles", "bemerkung")].hidden  # personal: never printed
    scores = fields[("test.alles", "kompetenzen")]
    assert scores.check.overall == pytest.approx(79.1667, abs=1e-3)
    assert [r.competence for r in scores.advice] == [KGST[2], KGST[5], KGST[0]]
    assert report.competence and report.competence[0][1] is scores


def test_phase_comparison_and_topics(ws):
    report = build_report(ws, "lohra", today=TODAY)
    rows = {r.label: r for r in report.comparison}
    assert (rows["Teilnehmende"].phase1, rows["Teilnehmende"].phase2) == (11, 10)
    assert rows["Termine durchgeführt"].change == -1
    assert rows["davon Jugendliche"].change_percent == 150
    assert report.topics_phase == 1
    assert tuple(report.topics[0]) == ("Mehr Bänke", 3)
    assert "vergleich" in report.charts
    only2 = build_report(ws, "lohra", phase=2, today=TODAY)
    assert only2.comparison == () and only2.topics_phase == 1


def test_phase_topics_for_the_phase_2_suggestions(ws):
    topics = phase_topics(ws, "lohra", 1)
    assert tuple(topics[0]) == ("Mehr Bänke", 3)
    assert topics[0].evidence_text == "3 Nennungen"
    topic, count = topics[1]  # unpacks as (topic, count), as plugins' hooks expect
    assert isinstance(topic, str) and count == 1
    assert [tuple(t) for t in phase_topics(ws, "Lohra", 2)] == [  # the name works too
        ("Jugendraum", 1), ("Wunsch in Kirchvers", 1)]
    assert phase_topics(ws, "angelburg", 1) == []
    with pytest.raises(InputError, match='unknown municipality "lohr"'):
        phase_topics(ws, "lohr", 1)


def test_suggest_reads_the_phase_1_topics(ws):
    from werkzeugkoffer.planning import suggest

    topics, note = suggest.phase1_topics(ws, "lohra")
    assert tuple(topics[0]) == ("Mehr Bänke", 3) and note is None


def test_count_entries_groups_spelling_variants():
    assert count_entries(["Mehr Bänke", "mehr  bänke.", "„Mehr Bänke“", "Bus", ""]) == [
        ("Mehr Bänke", 3), ("Bus", 1)]


def test_lab_report_compares_municipalities(ws):
    report = build_report(ws, today=TODAY)
    assert report.kind == "labor" and report.title == "Ergebnisbericht Testlabor"
    rows = {r.slug: r for r in report.municipalities}
    assert set(rows) == {"lohra", "wohratal", "angelburg"}
    assert rows["lohra"].figures.participants == 21
    assert rows["wohratal"].figures.sessions_held == 1
    assert rows["angelburg"].figures.sessions_held == 0
    assert rows["lohra"].phase(1).sessions_held == 2 and rows["lohra"].phase(2).sessions_held == 1
    assert report.figures.participants == 28
    assert report.figures.ortsteile_total == 10
    assert "Lohra: Lohra" in report.figures.ortsteile_reached
    assert tuple(report.topics[0]) == ("Mehr Bänke", 4)
    assert {"gemeinden", "gemeinden_termine"} <= set(report.charts)
    lab1 = build_report(ws, phase=1, today=TODAY)
    assert lab1.comparison == () and lab1.figures.sessions_planned == 12


def test_unknown_phase_or_municipality(ws):
    with pytest.raises(InputError, match="no phase 3"):
        build_report(ws, "lohra", phase=3)
    with pytest.raises(InputError, match='did you mean "lohra"'):
        build_report(ws, "lohraa")


def _svg(markup):
    root = ET.fromstring(str(markup))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img" and root.get("aria-label")
    return root


def test_bar_charts_are_valid_svg_with_escaped_labels():
    svg = _svg(bar_chart([("<script>x</script>", 3), ("B & C", 0)], title="T <1>"))
    assert svg.find("{http://www.w3.org/2000/svg}title").text == "T <1>"
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "<script>x</script>" in texts and "3" in texts
    grouped = _svg(grouped_bar_chart(["Kinder", "Jugendliche"], [("Phase 1", [1, 2]),
                                                                 ("Phase 2", [3, 0])], title="V"))
    assert len(list(grouped.iter("{http://www.w3.org/2000/svg}rect"))) == 2 + 4
    assert "Kinder: Phase 1 1, Phase 2 3" in grouped.get("aria-label")


def test_radar_chart_draws_target_and_personal_lines_with_gaps_for_not_rated():
    axes = KGST
    target = [80, 80, 90, 50, 80, 70, None, None]
    personal = [60, 90, 45, 50, 80, 35, 20, 10]
    svg = _svg(radar_chart(axes, [("Soll-Kompetenzlinie", target, "target"),
                                  ("Persönliche Kompetenzlinie", personal, "result")],
                           title="Kompetenz-Netz"))
    ns = "{http://www.w3.org/2000/svg}"
    dashed = [e for e in svg.iter() if e.get("stroke-dasharray")]
    polygons = [p for p in svg.iter(f"{ns}polygon") if p.get("stroke-width") == "2"]
    assert len(polygons) == 1  # the personal line is closed: every competence has a value
    # the target line breaks at the two not-rated competences: 5 segments + legend line
    assert len([e for e in dashed if e.tag == f"{ns}line"]) == 5 + 1
    assert len(list(svg.iter(f"{ns}circle"))) == 8
    assert "Führungskompetenz nicht bewertet" in svg.get("aria-label")
    def squeeze(text):
        return text.replace(" ", "").replace("-", "")

    labels = ["".join(squeeze(span.text) for span in t.iter(f"{ns}tspan"))
              for t in svg.iter(f"{ns}text")]
    assert all(squeeze(name) in labels for name in KGST), labels


def test_render_municipality_report_html(ws):
    html = render_report(build_report(ws, "lohra", today=TODAY), ws)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="de">' in html
    for heading in ("Auf einen Blick", "Teilnehmende nach Zielgruppe und Themenschwerpunkt",
                    "Termine: geplant und durchgeführt", "Reichweite in die Ortsteile",
                    "Ergebnisse je Format", "Kompetenzcheck", "Wirkung",
                    "Vergleich: Phase 1 und Phase 2", "Die häufigsten Themen aus Phase 1",
                    "Zur schriftlichen Einschätzung"):
        assert heading in html, heading
    assert "Frau Müller" not in html  # a personal field
    assert "Kim" not in html  # a profile label
    assert html.count("<svg") >= 6
    assert "Erfüllungs" in html and "nicht bewertet" in html
    assert "Vorrangig:" in html


def test_render_lab_report_html(ws):
    html = render_report(build_report(ws, today=TODAY), ws)
    assert "Die Gemeinden im Vergleich" in html
    for name in ("Lohra", "Wohratal", "Angelburg"):
        assert f'<th scope="row">{name}</th>' in html


def test_workspace_template_overrides_a_report_part(tmp_path):
    root = make_results_workspace(tmp_path / "ws")
    (root / "templates" / "report" / "parts").mkdir(parents=True)
    (root / "templates" / "report" / "parts" / "topics.html").write_text(
        "<p>Eigene Themenseite</p>", encoding="utf-8")
    ws = load(root)
    html = render_report(build_report(ws, "lohra", today=TODAY), ws)
    assert "Eigene Themenseite" in html and "Die häufigsten Themen" not in html


def test_write_reports_html_and_pdf(ws, tmp_path):
    import pypdf

    done = write_reports(ws, ["lohra"], phase=1, formats="html,pdf", out=tmp_path, today=TODAY)
    assert [f.name for f in done[0].files] == [
        "lohra-phase-1.html", "lohra-phase-1.pdf",
        "lohra-auf-einen-blick-phase-1.html", "lohra-auf-einen-blick-phase-1.pdf"]
    reader = pypdf.PdfReader(tmp_path / "lohra-phase-1.pdf")
    assert len(reader.pages) == done[0].pages > 3
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Ergebnisbericht Lohra" in text and "Kompetenzcheck" in text
    assert reader.trailer["/Root"].get("/Lang") == "de"
    # the council summary is the report's first page, and a one-page PDF of its own
    first = reader.pages[0].extract_text()
    assert "Auf einen Blick" in first and "Top-Themen aus Phase 1" in first
    assert "Wie es weitergeht" in first
    # table heads are not split inside a word ("Ran / g")
    assert "Rang" in text and "Ran\ng" not in text
    summary = pypdf.PdfReader(tmp_path / "lohra-auf-einen-blick-phase-1.pdf")
    assert len(summary.pages) == 1
    text = re.sub(r"[\u2010-]\n", "", summary.pages[0].extract_text()).replace("\n", " ")
    assert "Auf einen Blick: Lohra" in text and "je 100 Einwohner:innen" in text
    assert summary.trailer["/Root"].get("/Lang") == "de"


def test_report_cli(ws, tmp_path):
    runner = CliRunner()
    out = tmp_path / "berichte"
    result = runner.invoke(cli, ["-w", str(ws.root), "report", "--format", "html", "-o",
                                 str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "labor.html").is_file()
    result = runner.invoke(cli, ["-w", str(ws.root), "report", "lohra", "wohratal", "--phase",
                                 "2", "--format", "html", "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert (out / "lohra-phase-2.html").is_file() and (out / "wohratal-phase-2.html").is_file()
    bad = runner.invoke(cli, ["-w", str(ws.root), "report", "nirgendwo", "-o", str(out)])
    assert bad.exit_code == 2 and 'unknown municipality "nirgendwo"' in bad.output
    bad = runner.invoke(cli, ["-w", str(ws.root), "report", "--format", "docx"])
    assert bad.exit_code == 2 and 'unknown report format "docx"' in bad.output


def test_timeline_chart_of_the_tour():
    import datetime as dt

    from werkzeugkoffer.render.charts import timeline_chart

    svg = timeline_chart(
        [("Lohra", [(1, dt.date(2027, 3, 1), dt.date(2027, 4, 11)),
                    (2, dt.date(2027, 5, 17), dt.date(2027, 6, 27))]),
         ("<Cölbe>", [(1, dt.date(2027, 6, 7), dt.date(2027, 7, 25))])],
        title="Die Tour",
    )
    assert svg.startswith("<svg") and svg.count("<rect") == 3
    assert "Lohra: Phase 1 01.03.2027 bis 11.04.2027, Phase 2 17.05.2027 bis 27.06.2027" in svg
    assert "&lt;Cölbe&gt;" in svg and "<Cölbe>" not in svg
    assert "03/2027" in svg


def test_lab_report_shows_the_tour(example_dir):
    from werkzeugkoffer import Workspace, build_report

    ws = Workspace.load(example_dir)
    report = build_report(ws)
    tour = report.charts["tour"]
    assert all(m.name in tour for m in ws.municipalities.values())
    assert tour.count("<rect") == 44


def test_one_percent_format_and_a_footer_that_says_what_is_left_out(ws):
    """German percent with a no-break space everywhere ("8 %" next to "38 %", never "8%");
    the footer names the fields left out as possibly personal and claims nothing else: the
    sheets are filled in without names, so other free texts are printed."""
    import re

    report = build_report(ws, "lohra", today=TODAY)
    html = render_report(report, ws)
    body = re.sub(r"<(style|svg)\b.*?</\1>", "", html, flags=re.S)
    assert not re.search(r"\d ?%", body.replace("\u00a0%", "")), "a percent without nbsp"
    assert "\u00a0%" in body
    footer = html.split("<footer>", 1)[1]
    assert "Freitexte, die Namen enthalten können" not in footer
    assert "nicht abgedruckt, da Personenbezug möglich: „Bemerkung“ (Alles-Test)" in footer
    assert "Kompetenzchecks nur als Gruppe" in footer
    assert "Frau Müller" not in html  # the personal field's text
    assert "Mehr Bänke" in html  # a free-text list that is not personal is printed
