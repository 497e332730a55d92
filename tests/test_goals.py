""""Ziele erreicht" (targets met): one definition (``count_goals``) and the same numbers in
every place: the council summary, the municipality report, the lab report's overview and
comparison tables, the lab impact table and ``report --json``; the lab total is the sum of its
municipalities (the planner saw "8 von 13", "8 von 25" and a lab total of "7 von 13" lower than
Breidenbach alone)."""

import datetime as dt
import json
import re

import pytest
from click.testing import CliRunner
from fixtures import HEADER_PARTS, load, make_results_workspace, write_csv
from werkzeugkoffer.cli import cli
from werkzeugkoffer.reports import build_report, render_report
from werkzeugkoffer.reports.impact import compute_impact, count_goals
from werkzeugkoffer.results import Dataset, import_file

TODAY = dt.date(2027, 8, 20)  # phase 1 over everywhere, phase 2 under way


def row(session, feld, wert, option=""):
    return [session, "", "", feld, "", option, "", "", str(wert)]


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """Lohra and Wohratal with results; Angelburg without any."""
    root = make_results_workspace(tmp_path_factory.mktemp("goals") / "ws")
    ws = load(root)
    rows = [HEADER_PARTS,
            # Lohra: test.alles twice (p1-01, p1-03), the Datensafari once (p1-02)
            row("lohra-p1-01", "Teilnehmende", 20, "erwachsene"), row("lohra-p1-01", "anzahl", 14),
            row("lohra-p1-01", "bewertung", "4,5"), row("lohra-p1-01", "ideen", "Mehr Bänke"),
            row("lohra-p1-03", "Teilnehmende", 10, "senioren"), row("lohra-p1-03", "anzahl", 6),
            row("lohra-p1-03", "bewertung", "3,5"),
            row("lohra-p1-02", "Teilnehmende", 5, "jugendliche"),
            row("lohra-p1-02", "bearbeitungen", 41), row("lohra-p1-02", "orte", 11),
            row("lohra-p1-02", "zufriedenheit", 4),
            # Wohratal: one test.alles far above its targets, a Datensafari far above
            row("wohratal-p1-01", "Teilnehmende", 40, "erwachsene"),
            row("wohratal-p1-01", "anzahl", 90), row("wohratal-p1-01", "bewertung", "5"),
            row("wohratal-p1-01", "ideen", "Dorfladen"), row("wohratal-p1-01", "ideen", "Bus"),
            row("wohratal-p1-01", "ideen", "Radweg"), row("wohratal-p1-01", "ideen", "Kino"),
            row("wohratal-p1-01", "ideen", "Markt"), row("wohratal-p1-01", "ideen", "Café"),
            row("wohratal-p1-01", "ideen", "Bank"),
            row("wohratal-p1-02", "Teilnehmende", 8, "jugendliche"),
            row("wohratal-p1-02", "bearbeitungen", 400), row("wohratal-p1-02", "orte", 30),
            row("wohratal-p1-02", "zufriedenheit", 5)]
    import_file(ws, write_csv(root / "ergebnisse.csv", rows))
    return ws


def cell(html, section, name):
    """The "Ziele erreicht" cell of ``name``'s row in the table of section ``section``."""
    part = html.split(f'id="{section}"', 1)[1].split("</table>", 1)[0]
    line = part.split(f">{name}</th>", 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", line, flags=re.S)
    found = [c for c in cells if re.fullmatch(r"\d+ von \d+|–|noch offen", c.strip())]
    return found[-1].strip()


def test_goals_agree_in_every_place_and_the_lab_total_is_the_sum(two):
    lab = build_report(two, today=TODAY)
    parts = {slug: build_report(two, slug, today=TODAY) for slug in ("lohra", "wohratal",
                                                                      "angelburg")}
    lab_html = render_report(lab, two)
    for slug, own in parts.items():
        g = own.summary.goals
        row = next(r for r in lab.municipalities if r.slug == slug)
        # the municipality's report, its line in the lab report and the definition agree
        assert (row.goals.reached, row.goals.with_target, row.goals.open) == (
            g.reached, g.with_target, g.open)
        assert g == count_goals(Dataset.load(two).select(slug=slug))
        name = own.municipality.name
        text = f"{g.reached} von {g.with_target}" if g.with_target else (
            "noch offen" if g.open else "–")
        if own.summary.has_results:
            assert cell(lab_html, "gemeinden-auf-einen-blick", name) == text
            summary = render_report(own, two, summary=True)
            assert (f"{g.reached} von {g.with_target} Kennzahlen mit Zielwert und Ergebnis"
                    in summary)
        assert cell(lab_html, "gemeinden", name) == text
    lohra, wohratal = parts["lohra"].summary.goals, parts["wohratal"].summary.goals
    # Lohra (both phases): step 1 termine 2 of 4 planned (no), bearbeitungen 41 of 4 x 50
    # (no); step 2 beitraege 20 of 4 x 10 (no); step 3 both ratings (4.0 of 4: yes; 4 of 4:
    # yes); step 5 ideen 1 of 4 x 3 (no). kompetenz has no result: open. 2 of 6.
    assert (lohra.reached, lohra.with_target) == (2, 6)
    # Wohratal: termine 1 of 4 (no), bearbeitungen 400 of 200 (yes), beitraege 90 of 40 (yes),
    # ratings 5 and 5 (yes, yes), ideen 7 of 12 (no): 4 of 6.
    assert (wohratal.reached, wohratal.with_target) == (4, 6)
    total = lab.summary.goals
    assert (total.reached, total.with_target, total.open) == (
        lohra.reached + wohratal.reached, lohra.with_target + wohratal.with_target,
        lohra.open + wohratal.open + parts["angelburg"].summary.goals.open)
    assert total.reached >= max(lohra.reached, wohratal.reached)
    for step in total.steps:  # the staircase of the lab is the sum of its municipalities'
        assert step.reached == sum(p.summary.goals.steps[step.number - 1].reached
                                   for p in parts.values())
    assert parts["angelburg"].summary.goals.with_target == 0  # no results: nothing judged
    assert cell(lab_html, "gemeinden", "Angelburg") == "noch offen"
    assert cell(lab_html, "gemeinden-auf-einen-blick", "Labor gesamt") == "6 von 12"
    assert cell(lab_html, "gemeinden", "Labor gesamt") == "6 von 12"
    # pooled over the lab, bearbeitungen is 41 + 400 = 441 of 12 sessions x 50 = 600 (the
    # lab's progress against its plan), though Wohratal reached its target: the lab's table
    # says "in 1 von 2 Gemeinden erreicht", and "Ziele erreicht" counts that way
    pooled = compute_impact(Dataset.load(two)).find("digital.datensafari", "bearbeitungen")
    assert (pooled.value, pooled.planned, pooled.status) == (441, 600, "nicht erreicht")
    assert lab.goals.of("digital.datensafari", "bearbeitungen").reached == 1
    impact = lab_html.split('id="wirkung"', 1)[1]
    assert "in 1 von 2 Gemeinden erreicht; 1 noch ohne Ergebnis" in impact


def test_report_json_carries_the_same_goals(two, tmp_path):
    result = CliRunner().invoke(cli, ["-w", str(two.root), "report", "--json", "--format",
                                      "html", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (lab,) = json.loads(result.stdout)  # a check warning may go to stderr
    goals = lab["goals"]
    assert (goals["reached"], goals["with_target"]) == (6, 12)
    per = goals["municipalities"]
    assert sum(g["reached"] for g in per.values()) == goals["reached"]
    assert sum(g["with_target"] for g in per.values()) == goals["with_target"]
    assert (per["lohra"]["reached"], per["lohra"]["with_target"]) == (2, 6)
