"""Indicator semantics (what each indicator measures; value and unit follow) and the KGSt
Erfüllungsgrad with one definition in the table, the radar chart, the impact and the exports."""

import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from fixtures import KGST, KGST_TARGETS, load, make_results_workspace
from werkzeugkoffer import (
    Aggregate,
    ImpactLevel,
    Indicator,
    Municipality,
    Result,
    ResultField,
    ResultType,
    Session,
    get_catalogue,
    validate_format,
)
from werkzeugkoffer.indicators import AGGREGATES_BY_TYPE, indicator_unit, is_percentage
from werkzeugkoffer.reports import build_report, render_report
from werkzeugkoffer.reports.impact import compute_impact, indicator_value
from werkzeugkoffer.results import Dataset, add_result, export_results, stored_results
from werkzeugkoffer.results.dataset import SessionData
from werkzeugkoffer.testing.strategies import results_for

BUILTIN = [f for f in get_catalogue() if f.id.split(".")[0] in
           ("digital", "kreativ", "partizipativ")]
PLACE = Municipality(name="Beispiel", ags="06534099", population=1000,
                     ortsteile=("Beispielstadt", "Oberdorf", "Unterdorf"))


def _sessions(fmt, results, planned):
    out = []
    for i in range(planned):
        session = Session(id=f"s{i}", format=fmt.id, date=__import__("datetime").date(2027, 5, 1),
                          start=__import__("datetime").time(10), end=__import__("datetime").time(12))
        result = results[i] if i < len(results) else None
        out.append(SessionData(slug="beispiel", phase=1, session=session, format=fmt,
                               municipality=PLACE, venue=None, result=result))
    return out


@pytest.mark.parametrize("fmt", BUILTIN, ids=lambda f: f.id)
def test_every_builtin_indicator_measures_what_it_says(fmt):
    """Over generated results: shares and degrees stay in 0..100 %, counts of pieces are the
    sessions that produced them, presence is 0 or 1, and no value carries a unit that
    contradicts its aggregate."""

    @settings(max_examples=15, deadline=None)
    @given(st.lists(results_for(fmt, session="s"), min_size=1, max_size=4),
           st.integers(0, 2))
    def check(results, extra):
        sessions = _sessions(fmt, results, len(results) + extra)
        for ind in fmt.indicators:
            if ind.level is ImpactLevel.IMPACT:
                continue
            value = indicator_value(ind, fmt, sessions)
            fld = fmt.result_field(ind.field) if ind.field else None
            having = sum(1 for r in results if fld is not None and fld.name in r.values)
            assert ind.aggregate in AGGREGATES_BY_TYPE[fld.type] if fld else True
            if fld is None:
                assert value.value == len(results) and value.unit == "Termine"
                continue
            if is_percentage(ind, fld):
                if value.value is not None:
                    assert 0 <= value.value <= 100, (ind.id, value.value)
                assert value.unit == "%"
            else:
                assert value.unit not in ("%", "Prozent"), (ind.id, value.unit)
            if ind.aggregate is Aggregate.COUNT:
                assert value.value == having  # one piece per session that has it
            if ind.aggregate is Aggregate.PRESENCE:
                assert value.value == (1 if having else 0) and value.unit == ""
            if ind.aggregate is Aggregate.SUM and fld.type in (ResultType.TEXT_LIST,
                                                                ResultType.MAP_POINTS):
                assert value.value in (None, sum(len(r.values.get(fld.name, ()))
                                                  for r in results))
            if ind.aggregate is Aggregate.MEAN and fld.type is ResultType.RATING:
                assert value.value is None or 1 <= value.value <= 5
                assert value.unit == "von 5"
            assert value.sessions_held == len(results)

    check()


def test_an_opinion_picture_is_one_piece_however_many_votes_it_holds():
    """Issue 13: "Meinungsbild liegt der Gemeindevertretung vor" (target 1) printed "352
    Meinungsbilder, 35200 %". It counts sessions that produced one, not votes."""
    fmt = get_catalogue()["partizipativ.tempo-challenge"]
    ind = next(i for i in fmt.indicators if i.id == "meinungsbild")
    votes = {"Tempo 30": 142, "Tempo 40": 100, "Tempo 50 beibehalten": 80, "Keine Meinung": 30}
    assert sum(votes.values()) == 352
    value = indicator_value(ind, fmt, _sessions(fmt, [Result(session="s0", values={
        "tempo_meinung": votes})], 1))
    assert (value.value, value.planned, value.reached, value.unit) == (1, 1, 100, "Meinungsbilder")
    assert value.measures == ("Zahl der Termine, die „Welches Tempo wünschen Sie sich im "
                              "Ortsteil?“ erfasst haben")


def test_a_format_whose_unit_contradicts_its_aggregate_is_refused():
    fmt = get_catalogue()["partizipativ.tempo-challenge"]
    bad = [
        Indicator(id="a", label="A", level=ImpactLevel.OUTCOME, step=4,
                  field="entscheidungsweg_verstanden", aggregate=Aggregate.SHARE,
                  unit="Antworten"),
        Indicator(id="b", label="B", level=ImpactLevel.OUTPUT, step=2, field="stellen",
                  aggregate=Aggregate.SUM, unit="%"),
        Indicator(id="c", label="C", level=ImpactLevel.OUTCOME, step=5, field="tempo_meinung",
                  aggregate=Aggregate.PRESENCE, target=3),
        Indicator(id="d", label="D", level=ImpactLevel.OUTCOME, step=4,
                  field="entscheidungsweg_verstanden", aggregate=Aggregate.SHARE, target=120),
        Indicator(id="e", label="E", level=ImpactLevel.OUTPUT, step=2, field="rangliste",
                  aggregate=Aggregate.SHARE),
    ]
    problems = validate_format(attrs.evolve(fmt, indicators=tuple(bad)))
    text = "\n".join(problems)
    assert 'indicators[0] (a): unit "Antworten" contradicts the aggregate "share"' in text
    assert 'indicators[1] (b): unit "%" contradicts the aggregate "sum"' in text
    assert 'indicators[2] (c): target 3: a "presence" indicator' in text
    assert "indicators[3] (d): target 120 is not a percentage from 0 to 100" in text
    assert 'indicators[4] (e): aggregate "share" does not fit the text_list field' in text
    assert validate_format(fmt) == []


def test_units_follow_the_aggregate():
    count = ResultField(name="n", label="N", type=ResultType.COUNT, unit="Bänke")
    votes = ResultField(name="v", label="V", type=ResultType.CHOICE_VOTES, options=("a",))
    def ind(how, unit=""):
        return Indicator(id="i", label="I", level=ImpactLevel.OUTPUT, step=2, field="x",
                         aggregate=how, unit=unit)
    assert indicator_unit(ind(Aggregate.SUM), count) == "Bänke"
    assert indicator_unit(ind(Aggregate.SUM), votes) == "Stimmen"
    assert indicator_unit(ind(Aggregate.COUNT), votes) == "Termine"
    assert indicator_unit(ind(Aggregate.PRESENCE, ""), votes) == ""


# -- the KGSt Erfüllungsgrad ----------------------------------------------------------------------


FOUR = [  # four profiles; the first is above target everywhere
    {"label": "Anna", "values": {KGST[0]: 100, KGST[1]: 100, KGST[2]: 100, KGST[3]: 100,
                                 KGST[4]: 100, KGST[5]: 100}},
    {"label": "Ben", "values": {KGST[0]: 40, KGST[1]: 80, KGST[2]: 45, KGST[3]: 50,
                                KGST[4]: 80, KGST[5]: 35}},
    {"label": "Cem", "values": {KGST[0]: 80, KGST[1]: 20, KGST[2]: 90}},
    {"label": "Dana", "values": {KGST[0]: 60, KGST[3]: 25, KGST[6]: 90}},
]


def test_the_erfuellungsgrad_agrees_in_table_radar_impact_and_exports(tmp_path):
    ws = load(make_results_workspace(tmp_path / "ws"))
    add_result(ws, Result(session="lohra-p1-01", participants={"erwachsene": 4},
                          values={"anzahl": 1, "kompetenzen": FOUR}))
    # Per person, min(result / target, 1) over the rated competences (targets 80/80/90/50/80/70):
    # Anna: all six at or above target                                       -> 100 %
    # Ben:  40/80=50, 80/80=100, 45/90=50, 50/50=100, 80/80=100, 35/70=50   -> 450/6 = 75 %
    # Cem:  80/80=100, 20/80=25, 90/90=100                                   -> 225/3 = 75 %
    # Dana: 60/80=75, 25/50=50 (Führungskompetenz has no target)             -> 125/2 = 62.5 %
    # The group: (100 + 75 + 75 + 62.5) / 4 = 312.5 / 4 = 78.125 %
    # (The old table's min(mean result / target) per competence gave 84.4 % here: Persönliche
    #  Kompetenz mean (100+40+80+60)/4 = 70 -> 87.5 %, ..., people above target hid those below.)
    report = build_report(ws, "lohra", phase=1)
    (_, fsum), = report.competence
    group = fsum.check
    assert [p.overall for p in group.persons] == [100, 75, 75, 62.5]
    assert group.overall == pytest.approx(78.125)
    rows = {r.name: r for r in group.rows}
    # Persönliche Kompetenz: mean result 70 %, persons' degrees 100, 50, 100, 75 -> 81.25 %,
    # 2 of 4 at target
    assert rows[KGST[0]].result == 70 and rows[KGST[0]].degree == pytest.approx(81.25)
    assert (rows[KGST[0]].at_target, rows[KGST[0]].rated_by) == (2, 4)
    assert rows[KGST[6]].degree is None  # not rated: no target
    assert group.reaching_all == 1 and group.below_half_somewhere == 1  # Cem: 25 %
    assert group.distribution() == [("100 %", 1), ("75 bis 99 %", 2), ("50 bis 74 %", 1),
                                     ("unter 50 %", 0)]
    impact = compute_impact(Dataset.load(ws).select(slug="lohra", phase=1))
    assert impact.find("test.alles", "kompetenz").value == pytest.approx(78.125)
    html = render_report(report, ws)
    assert "75 bis 99\u00a0%" in html  # the distribution in the one percent format
    assert html.count("78\u00a0%") >= 1 and "84\u00a0%" not in html and "84 %" not in html
    assert "Soll-Kompetenzlinie" in fsum.chart and "Kompetenzlinie (Mittelwert)" in fsum.chart
    # the radar draws the group's mean result per competence and the target line
    assert f"{KGST[0]} 70 %" in fsum.chart and f"{KGST[0]} 80 %" in fsum.chart
    doc = json.loads(export_results(ws, stored_results(ws), fmt="json"))
    check = doc["ergebnisse"][0]["kompetenzcheck"]["kompetenzen"]
    assert check["erfuellungsgrad_gruppe"] == 78.12 or check["erfuellungsgrad_gruppe"] == 78.13
    assert [p["erfuellungsgrad"] for p in check["profile"]] == [100, 75, 75, 62.5]
    assert [p["label"] for p in check["profile"]] == ["Profil 1", "Profil 2", "Profil 3",
                                                      "Profil 4"]  # no names


def test_the_radar_can_show_every_person_without_names():
    from werkzeugkoffer.competence import competence_group
    from werkzeugkoffer.reports.content import competence_chart

    fld = ResultField(name="k", label="Kompetenzen", type=ResultType.SCORES,
                      options=tuple(KGST), targets=dict(KGST_TARGETS))
    svg = competence_chart(competence_group(fld, FOUR), persons=True)
    assert "einzelne Personen" in svg and "Person 4" in svg and "Anna" not in svg
    assert "einzelne Personen" not in competence_chart(competence_group(fld, FOUR))
