"""Impact: indicators on the staircase, planned vs reached, and the KGSt competence check."""

import pytest
from fixtures import (
    KGST,
    KGST_TARGETS,
    datensafari_values,
    full_alles_values,
    load,
    make_results_workspace,
)
from werkzeugkoffer import Aggregate, ImpactLevel, Result, ResultField, ResultType
from werkzeugkoffer.model import IMPACT_STEPS
from werkzeugkoffer.reports.impact import (
    aggregate,
    competence_check,
    compute_impact,
    erfuellungsgrad,
    group_check,
    recommendations,
)
from werkzeugkoffer.results import Dataset, add_result

FIELD = ResultField(name="kompetenzen", label="Kompetenzcheck", type=ResultType.SCORES,
                    options=tuple(KGST), targets=dict(KGST_TARGETS))


def test_erfuellungsgrad_is_capped_and_not_rated_without_target():
    assert erfuellungsgrad(40, 80) == 50
    assert erfuellungsgrad(95, 80) == 100
    assert erfuellungsgrad(0, 80) == 0
    assert erfuellungsgrad(50, None) is None
    assert erfuellungsgrad(None, 80) is None
    assert erfuellungsgrad(10, 0) == 100


def test_seed_role_profile_overall_leaves_out_not_rated():
    # the seed's table: results against targets 80/80/90/50/80/70, two competences not rated
    values = {KGST[0]: 60, KGST[1]: 90, KGST[2]: 45, KGST[3]: 50, KGST[4]: 80, KGST[5]: 35,
              KGST[6]: 20, KGST[7]: 10}
    check = competence_check(FIELD, values, "Kim")
    rows = {r.name: r for r in check.rows}
    assert [rows[k].degree for k in KGST[:6]] == [75, 100, 50, 100, 100, 50]
    assert rows[KGST[6]].degree is None and rows[KGST[7]].degree is None  # nicht bewertet
    assert rows[KGST[6]].result == 20  # the result is still shown
    assert check.overall == pytest.approx((75 + 100 + 50 + 100 + 100 + 50) / 6)
    assert [r.name for r in check.below_target] == [KGST[0], KGST[2], KGST[5]]


def test_a_competence_left_out_by_the_person_is_not_rated():
    check = competence_check(FIELD, {KGST[0]: 80})
    assert [r.name for r in check.rated] == [KGST[0]]
    assert check.overall == 100
    assert competence_check(FIELD, {}).overall is None


def test_group_check_means_over_the_profiles_that_rated():
    profiles = [{"label": "A", "values": {KGST[0]: 40, KGST[1]: 80}},
                {"label": "B", "values": {KGST[0]: 80}}]
    check = group_check(FIELD, profiles)
    rows = {r.name: r for r in check.rows}
    assert rows[KGST[0]].result == 60 and rows[KGST[0]].degree == 75
    assert rows[KGST[1]].result == 80
    assert check.profiles == 2


def test_recommendations_in_german_for_competences_below_target_largest_gap_first():
    values = {KGST[0]: 60, KGST[1]: 90, KGST[2]: 45, KGST[3]: 50, KGST[4]: 79, KGST[5]: 35}
    recs = recommendations(competence_check(FIELD, values))
    assert [r.competence for r in recs] == [KGST[2], KGST[5], KGST[0], KGST[4]]
    assert [r.priority for r in recs] == ["vorrangig", "vorrangig", "ergänzend", "ergänzend"]
    assert recs[0].text.startswith("Strategische Kompetenz: Ergebnis 45\u00a0% bei einem Soll "
                                   "von 90\u00a0% (Erfüllungsgrad 50\u00a0%).")
    assert "Digital" in recs[3].text  # IT- und Medienkompetenz gets its own hint
    assert recommendations(competence_check(FIELD, {k: 100 for k in KGST})) == []


@pytest.mark.parametrize(
    "type_, values, how, expected",
    [
        (ResultType.COUNT, [3, 5], Aggregate.SUM, 8),
        (ResultType.COUNT, [3, 5], Aggregate.MEAN, 4),
        (ResultType.COUNT, [3, 5], Aggregate.COUNT, 2),
        (ResultType.RATING, [4.0, 5.0], Aggregate.MEAN, 4.5),
        (ResultType.PERCENT, [40.0, 60.0], Aggregate.SHARE, 50),
        (ResultType.TEXT_LIST, [["a", "b"], ["c"]], Aggregate.SUM, 3),
        (ResultType.TEXT_LIST, [["a", "b"], ["c"]], Aggregate.COUNT, 2),  # results, not entries
        (ResultType.TEXT_LIST, [["a", "b"], ["c"]], Aggregate.MEAN, 1.5),
        (ResultType.CHOICE_VOTES, [{"Ja": 2, "Nein": 1}, {"Ja": 4}], Aggregate.SUM, 7),
        (ResultType.CHOICE_VOTES, [{"Ja": 200, "Nein": 152}], Aggregate.COUNT, 1),  # one picture
        (ResultType.MAP_POINTS, [[{}, {}], [{}]], Aggregate.SUM, 3),
        (ResultType.MAP_POINTS, [[{}, {}], [{}]], Aggregate.COUNT, 2),
        (ResultType.TEXT, ["x", "y"], Aggregate.COUNT, 2),
        (ResultType.TEXT, ["x"], Aggregate.PRESENCE, 1),
        (ResultType.TEXT, [], Aggregate.PRESENCE, 0),
        (ResultType.COUNT, [], Aggregate.SUM, None),
    ],
)
def test_aggregate_by_type(type_, values, how, expected):
    fld = ResultField(name="f", label="F", type=type_, options=("Ja", "Nein"))
    assert aggregate(fld, values, how) == expected


def test_aggregate_share_of_scores_is_the_mean_overall_erfuellungsgrad():
    value = [[{"label": "A", "values": {KGST[0]: 40}}, {"label": "B", "values": {KGST[0]: 80}}]]
    assert aggregate(FIELD, value, Aggregate.SHARE) == 75
    assert aggregate(FIELD, value, Aggregate.SUM) == 2  # profiles
    assert aggregate(FIELD, value, Aggregate.COUNT) == 1  # results with profiles


@pytest.fixture
def filled(tmp_path):
    root = make_results_workspace(tmp_path / "ws")
    ws = load(root)
    # lohra phase 1: 2 of 2 test.alles sessions and 1 of 2 datensafari sessions held
    add_result(ws, Result(session="lohra-p1-01", participants={"jugendliche": 4},
                          values=full_alles_values()))
    add_result(ws, Result(session="lohra-p1-03", values={**full_alles_values(), "anzahl": 3,
                                                         "bewertung": 3.0}))
    add_result(ws, Result(session="lohra-p1-02", values=datensafari_values(9)))
    add_result(ws, Result(session="wohratal-p1-01", values={"anzahl": 20}))
    return ws


def test_indicators_planned_vs_reached_in_a_phase(filled):
    data = Dataset.load(filled).select(slug="lohra", phase=1)
    impact = compute_impact(data)
    termine = impact.find("test.alles", "termine")
    assert (termine.value, termine.planned, termine.status) == (2, 2, "erreicht")
    beitraege = impact.find("test.alles", "beitraege")  # sum, target 10 per session
    assert beitraege.value == 15 and beitraege.planned == 20 and beitraege.reached == 75
    assert beitraege.status == "nicht erreicht"
    zufrieden = impact.find("test.alles", "zufriedenheit")  # mean, target 4
    assert zufrieden.value == 3.75 and zufrieden.planned == 4
    ideen = impact.find("test.alles", "ideen")  # sum of entries, target 3 per session
    assert ideen.value == 6 and ideen.planned == 6 and ideen.status == "erreicht"
    kompetenz = impact.find("test.alles", "kompetenz")  # share of scores
    assert kompetenz.value == pytest.approx((75 + 100 + 50 + 100 + 100 + 50) / 6)
    edits = impact.find("digital.datensafari", "bearbeitungen")  # sum, target 50, 2 planned
    assert edits.value == 49 and edits.planned == 100 and edits.sessions_held == 1
    gaps = impact.find("digital.datensafari", "offene-luecken")
    assert gaps.planned is None and gaps.status == "kein Ziel gesetzt"


def test_step_seven_is_listed_for_a_written_assessment_never_computed(filled):
    impact = compute_impact(Dataset.load(filled))
    assert {i.indicator.id for i in impact.written} == {"gesellschaft", "offene-daten"}
    assert all(i.value is None and i.status == "schriftlich einschätzen"
               for i in impact.written)
    assert all(i.indicator.step < 7 for i in impact.items)
    levels = dict(impact.by_level())
    assert [s.number for s in levels[ImpactLevel.OUTPUT]] == [1, 2, 3]
    assert [s.number for s in levels[ImpactLevel.OUTCOME]] == [4, 5, 6]
    assert [s.number for s in levels[ImpactLevel.IMPACT]] == [7]
    assert levels[ImpactLevel.IMPACT][0].label == IMPACT_STEPS[7]


def test_lab_wide_planned_sums_the_targets_of_every_municipality(filled):
    lab = compute_impact(Dataset.load(filled).select(phase=1))
    beitraege = lab.find("test.alles", "beitraege")
    # 3 municipalities x 2 test.alles sessions in phase 1, target 10 each
    assert beitraege.sessions_planned == 6 and beitraege.planned == 60
    assert beitraege.value == 35
    municipality = compute_impact(Dataset.load(filled).select(slug="wohratal"))
    assert municipality.find("test.alles", "beitraege").value == 20
    assert municipality.find("test.alles", "zufriedenheit").value is None
    assert municipality.find("test.alles", "zufriedenheit").status == "noch keine Ergebnisse"


def test_results_of_sessions_no_longer_planned_are_kept_apart(filled, tmp_path):
    from werkzeugkoffer.results import stored_results

    results = stored_results(filled)
    ws2 = load(make_results_workspace(tmp_path / "other", towns={}))
    data = Dataset.load(ws2, results)
    assert data.sessions == [] and len(data.orphans) == len(results)
    assert len(data.select(slug="lohra").orphans) == 3
