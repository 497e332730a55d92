"""``suggest``: deterministic proposals with German reasons, goals, constraints, topics, hooks."""

import json
import warnings

import attrs
import pytest
from click.testing import CliRunner
from fixtures import change_lab
from werkzeugkoffer import (
    Catalogue,
    Material,
    ParticipationLevel,
    ResultError,
    TargetGroup,
    Theme,
    Workspace,
    get_catalogue,
    hookimpl,
)
from werkzeugkoffer.cli import cli
from werkzeugkoffer.model import PlanningGoals
from werkzeugkoffer.planning.suggest import suggest, suggestion_text
from werkzeugkoffer.pluginmanager import load_plugins, pm


def fmt(id, theme, level, groups, *, inventory="tablet", cost=1.5, pmax=20, settings=None):
    base = get_catalogue()["digital.datensafari"]
    return attrs.evolve(
        base, id=id, title=f"Format {id}", theme=theme, level=level, target_groups=groups,
        participants_min=5, participants_max=pmax,
        settings=settings if settings is not None else base.settings,
        materials=(
            Material(name="Gerät", quantity=1, per_participants=3, inventory=inventory),
            Material(name="Karten", quantity=1, per_participants=1, reusable=False, unit_cost=cost),
        ),
    )


FORMATS = [
    fmt("digital.a", Theme.DIGITAL, ParticipationLevel.CONSULT, (TargetGroup.JUGENDLICHE,)),
    fmt("kreativ.b", Theme.KREATIV, ParticipationLevel.INVOLVE,
        (TargetGroup.KINDER, TargetGroup.FAMILIEN)),
    fmt("partizipativ.c", Theme.PARTIZIPATIV, ParticipationLevel.COLLABORATE, (TargetGroup.ALLE,),
        pmax=80),
    fmt("partizipativ.d", Theme.PARTIZIPATIV, ParticipationLevel.EMPOWER, (TargetGroup.ALLE,),
        inventory="modell"),
]


@pytest.fixture
def ws(mini_ws):
    return mini_ws


def load(root):
    cat = Catalogue()
    for f in FORMATS:
        cat.add(f, "test")
    return Workspace.load(root, catalogue=cat)


def set_planning(root, **goals):
    """Set the lab's planning goals (``[planning]`` in labor.toml)."""
    change_lab(root, lambda lab: attrs.evolve(lab, planning=PlanningGoals(**goals)))


def ids(sg):
    return [p.format.id for p in sg.picks]


def test_same_input_same_suggestion(ws):
    a = suggest(load(ws), "lohra", 1, count=5).to_json()
    b = suggest(load(ws), "lohra", 1, count=5).to_json()
    assert a == b and len(a["sessions"]) == 3  # three formats fit the tool case


def test_a_format_is_proposed_at_most_once_per_phase(ws):
    """Five sessions wanted, three formats fit: three sessions, each format once, and a note
    saying why (the planner saw the Tempo-Challenge proposed twice for one phase)."""
    sg = suggest(load(ws), "lohra", 1, count=5)
    assert sorted(ids(sg)) == ["digital.a", "kreativ.b", "partizipativ.c"]
    assert any("a format at most once per phase" in n for n in sg.notes)
    # a format already in the phase is not proposed again, unless the phase is replaced
    ws_ = load(ws)
    planned = {s.format for s in ws_.municipalities["lohra"].phase(1).sessions}
    kept = suggest(ws_, "lohra", 1, count=5)
    assert not planned & set(ids(kept)) or not planned & {f.id for f in FORMATS}
    replaced = suggest(ws_, "lohra", 1, count=5, replace=True)
    assert len(replaced.picks) >= len(kept.picks)


def test_three_sessions_cover_the_three_themes_with_reasons(ws):
    sg = suggest(load(ws), "lohra", 1, count=3)
    assert {p.format.theme for p in sg.picks} == set(Theme)
    for p in sg.picks:
        assert p.reasons and all(isinstance(r, str) and r for r in p.reasons)
    assert any("covers the theme" in r for p in sg.picks[1:] for r in p.reasons)
    # phase 1 starts in the main town, then goes to the Ortsteile
    assert sg.picks[0].venue.ortsteil == "Lohra" and sg.picks[1].venue.ortsteil == "Altenvers"
    assert "Damm" in " ".join(sg.notes)  # an Ortsteil without a venue is named


def test_the_character_of_the_phase_changes_the_ranking(ws):
    one = suggest(load(ws), "lohra", 1, count=1, topics=[])
    two = suggest(load(ws), "lohra", 2, count=1, topics=[])
    assert ids(one) != ids(two)
    assert ids(two) == ["partizipativ.c"]  # collaborate ranks high in phase 2 (empower lacks kit)


def test_wanted_target_groups_come_first(ws):
    set_planning(ws, target_groups=(TargetGroup.KINDER,))
    sg = suggest(load(ws), "lohra", 1, count=1)
    assert ids(sg) == ["kreativ.b"]
    assert any("Kinder" in r for r in sg.picks[0].reasons)


def test_a_format_needing_what_the_tool_case_lacks_is_excluded(ws):
    sg = suggest(load(ws), "lohra", 2, count=6, topics=[])
    assert "partizipativ.d" not in ids(sg)
    (reason,) = [r for f, r in sg.excluded if f == "partizipativ.d"]
    assert "modell" in reason and "labor.toml" in reason


def test_budget_limits_the_sessions(ws):
    # every session costs 13 participants x 1.50 EUR of cards = 19.50 EUR
    set_planning(ws, budget_per_phase=40)
    sg = suggest(load(ws), "lohra", 1, count=4)
    assert len(sg.picks) == 2 and sg.cost <= 40
    assert "Only 2 of 4 sessions fit into the budget for consumables (40 EUR)." in " ".join(sg.notes)


def test_team_hours_limit_the_sessions(ws):
    # staff 2 x (2.5 h + 2 h preparation) = 9 team hours per session
    set_planning(ws, team_hours_per_phase=20)
    sg = suggest(load(ws), "lohra", 1, count=4)
    assert len(sg.picks) == 2 and sg.hours == 18
    assert "Only 2 of 4 sessions fit into the team hours (20 h)." in sg.notes


def test_phase_2_works_on_the_topics_of_phase_1(ws):
    topics = [("Mehr Kitaplätze", 5), ("Sitzbänke am Friedhof", 4), ("Dorfladen", 3)]
    sg = suggest(load(ws), "lohra", 2, count=3, topics=topics)
    text = suggestion_text(sg)
    # kreativ.b is made for children: "Kitaplätze" is its topic (target group evidence)
    assert "Top topics from phase 1:\n 1. Mehr Kitaplätze: 5 mentions -> proposed: Format " \
           "kreativ.b\n" in text
    assert any("(5 mentions; target group Kinder)" in r for p in sg.picks for r in p.reasons)
    # every test format is a copy of the Datensafari, whose text names "Sitzbänke"
    assert " 2. Sitzbänke am Friedhof: 4 mentions -> proposed: " in text
    assert any('fits the topic "Sitzbänke am Friedhof" from phase 1 (4 mentions; keyword '
               '"sitzbänke" in the format)' in r for p in sg.picks for r in p.reasons)
    # no format names a village shop: their theme is no evidence
    assert sg.unmatched == ("Dorfladen",)
    assert " 3. Dorfladen: 3 mentions -> " in text


def test_a_topic_needs_real_evidence_to_match_a_format(ws):
    """The planner saw "Tempo 30 vor Schule und Kindergarten" mapped to KIWI, a peer-learning
    format for administrations, on the theme alone."""
    from werkzeugkoffer.planning.suggest import _format_words, _topic_fit, _words
    from werkzeugkoffer.results.topics import Topic

    cat = get_catalogue()
    topic = Topic(topic="Tempo 30 vor Schule und Kindergarten", score=1.5, evidence=(),
                  sessions=1)
    words = _words(topic.topic)

    def fit(fid):
        f = cat[fid]
        return _topic_fit(topic, words, f, _format_words(f))

    assert fit("partizipativ.wissenswerkstatt") is None  # internal, and no shared word
    assert fit("partizipativ.tempo-challenge") == 'keyword "tempo" in the format'
    assert fit("partizipativ.world-cafe") is None  # same theme (Partizipativ): not evidence
    # a shared beginning is no shared word ("Schule" / "Schulung", "Kinder" / "Kindergarten")
    from werkzeugkoffer.planning.suggest import _same_word
    assert _same_word("schule", "schulen") and not _same_word("schule", "schulungen")
    assert not _same_word("kinder", "kindergarten")


def test_phase_2_reads_topics_from_the_results(ws, monkeypatch):
    from werkzeugkoffer.planning import suggest as module

    monkeypatch.setattr(module, "phase_topics",
                        lambda workspace, slug, phase: [("Radwege", 7), ("Spielplätze", 2)])
    sg = suggest(load(ws), "lohra", 2, count=2)
    assert [tuple(t) for t in sg.topics] == [("Radwege", 7), ("Spielplätze", 2)]


def test_phase_2_without_results_degrades_gracefully(ws, monkeypatch):
    from werkzeugkoffer.planning import suggest as module

    def broken(workspace, slug, phase):
        raise ResultError("ergebnisse.sqlite: not a readable result database")

    monkeypatch.setattr(module, "phase_topics", broken)
    sg = suggest(load(ws), "lohra", 2, count=2)
    assert sg.topics == () and len(sg.picks) == 2
    assert "No results of phase 1 readable" in " ".join(sg.notes)
    monkeypatch.setattr(module, "phase_topics", lambda workspace, slug, phase: [])
    sg = suggest(load(ws), "lohra", 2, count=2)
    assert "No results with topics are recorded for phase 1 yet." in " ".join(sg.notes)


class SuggestPlugin:
    @hookimpl
    def suggest_formats(self, municipality, phase, candidates, context):
        assert municipality.name == "Lohra" and "lab" in context and "topics" in context
        return {"digital.a": (10, "Testgrund für Lohra"), "unknown.format": (5, "ignored")}


class BrokenPlugin:
    @hookimpl
    def suggest_formats(self, municipality, phase, candidates, context):
        return ["not", "a", "mapping"]


def test_hook_suggest_formats(ws):
    load_plugins()
    pm.register(SuggestPlugin(), "test-suggest")
    pm.register(BrokenPlugin(), "test-broken")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            sg = suggest(load(ws), "lohra", 2, count=1, topics=[])
        assert ids(sg) == ["digital.a"]
        assert "Testgrund für Lohra (plugin test-suggest) (+10)" in sg.picks[0].reasons
        assert any("test-broken" in str(w.message) for w in caught)
    finally:
        pm.unregister(name="test-suggest")
        pm.unregister(name="test-broken")


def test_cli_suggest(ws):
    result = CliRunner().invoke(cli, ["-w", str(ws), "suggest", "lohra", "--phase", "1",
                                      "--count", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Proposal for Lohra, phase 1 (Erkunden): 2 sessions")
    first = CliRunner().invoke(cli, ["-w", str(ws), "suggest", "lohra", "--phase", "2", "--json"])
    second = CliRunner().invoke(cli, ["-w", str(ws), "suggest", "lohra", "--phase", "2", "--json"])
    assert first.exit_code == 0 and first.output == second.output
    assert json.loads(first.output)["phase"] == 2
    result = CliRunner().invoke(cli, ["-w", str(ws), "suggest", "lohr"])
    assert result.exit_code == 2 and 'unknown municipality "lohr"' in result.output


def test_bad_session_count_is_bad_input(ws):
    set_planning(ws, sessions_per_phase=0)
    result = CliRunner().invoke(cli, ["-w", str(ws), "suggest", "lohra"])
    assert result.exit_code == 2
    assert "labor.toml: planning.sessions_per_phase: must be at least 1" in result.output
