"""One test per hook in werkzeugkoffer.hookspecs (test_docs.py makes sure none is missing).

The hook implementations are the example plugin's (examples/werkzeugkoffer-jugend), the ones the
hook reference (docs/hooks.md) quotes, registered for one test at a time.
"""

import datetime as dt
import sys
from pathlib import Path

import pytest
from fixtures import change_municipality, with_session
from werkzeugkoffer import Workspace, get_catalogue, hookimpl, load_formats, run_checks

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "werkzeugkoffer-jugend"


@pytest.fixture
def jugend(wk_plugin_manager):
    """The example plugin, registered as "jugend" for one test."""
    sys.path.insert(0, str(EXAMPLE))
    try:
        import werkzeugkoffer_jugend

        wk_plugin_manager(werkzeugkoffer_jugend, "jugend")
        yield werkzeugkoffer_jugend
    finally:
        sys.path.remove(str(EXAMPLE))
        sys.modules.pop("werkzeugkoffer_jugend", None)


def test_hook_register_formats(jugend):
    cat = get_catalogue()
    assert cat["jugend.ortscheck"].title == "Jugend-Ortscheck"
    assert cat.sources["jugend.ortscheck"] == "jugend"
    assert cat.sources["jugend.jugendforum"] == "jugend"
    assert cat["jugend.ortscheck"] == load_formats(jugend.HERE / "formate")[1]


def test_hook_register_formats_accepts_tables(wk_plugin_manager):
    """``register`` also takes a plain table (as read from TOML); the converter checks it."""
    from werkzeugkoffer import to_plain

    data = to_plain(get_catalogue()["digital.datensafari"])
    data["id"] = "tabelle.safari"

    class TablePlugin:
        @hookimpl
        def register_formats(self, register):
            register(data)

    wk_plugin_manager(TablePlugin(), "tabelle")
    assert get_catalogue().sources["tabelle.safari"] == "tabelle"


def test_hook_register_checks(jugend, wk_workspace):
    ortscheck = get_catalogue()["jugend.ortscheck"]
    root = wk_workspace(ortscheck)
    # move the phase-1 session from its Saturday to a Monday morning (a school day)
    moved = change_municipality(root, "beispiel", lambda m: with_session(
        m, "beispiel-p1-01", date=dt.date(2027, 3, 8)))
    assert moved.phase(1).sessions[0].start == dt.time(10, 0)
    findings = run_checks(Workspace.load(root))
    school = [f for f in findings if f.code == "jugend-schulzeit"]
    assert [f.file for f in school] == ["gemeinden/beispiel.toml"]
    assert school[0].path == "phases[0].sessions[0].start"
    assert "10:00" in school[0].message and school[0].severity.value == "warning"


def test_hook_register_checks_with_a_name(wk_plugin_manager, wk_workspace):
    from werkzeugkoffer import Finding, Severity

    seen = []

    def count_sessions(context):
        seen.append(sorted(context.municipalities))
        yield Finding(severity=Severity.WARNING, code="zaehler", message="gezählt")

    class NamedCheck:
        @hookimpl
        def register_checks(self, register):
            register(count_sessions, name="sitzungen-zaehlen")

    wk_plugin_manager(NamedCheck(), "named")
    from werkzeugkoffer.checks import collect_checks

    assert collect_checks()["sitzungen-zaehlen"] is count_sessions
    findings = run_checks(Workspace.load(wk_workspace("digital.datensafari")))
    assert seen == [["beispiel"]]
    assert [f.code for f in findings if f.code == "zaehler"] == ["zaehler"]


def test_hook_template_dirs(jugend, wk_workspace, tmp_path):
    from werkzeugkoffer import render

    plugin_dir = jugend.HERE / "templates"
    order = render.search_path(None)
    assert plugin_dir in order
    assert order.index(plugin_dir) < order.index(render.DEFAULTS_DIR)  # plugins before defaults
    # a workspace's templates/ folder comes first
    root = wk_workspace(get_catalogue()["jugend.ortscheck"])
    (root / "templates").mkdir()
    assert render.search_path(Workspace.load(root))[0] == root / "templates"

    env = render.get_environment(None)
    card = env.get_template("jugend/methodenkarte.html")
    assert Path(card.filename).is_relative_to(plugin_dir)
    from werkzeugkoffer import kits

    ws = Workspace.load(root)
    html = kits.render_html(kits.make_kit(ws, "beispiel", 1), workspace=ws)
    assert "Tipps für die Arbeit mit Jugendlichen" in html  # the plugin's card ...
    assert "Einstiegsfrage" in html  # ... extends the default card


def test_hook_suggest_formats(jugend, wk_workspace):
    from werkzeugkoffer.planning import suggest

    cat = get_catalogue()
    formats = [cat["jugend.ortscheck"], cat["jugend.jugendforum"], cat["digital.datensafari"]]
    ws = Workspace.load(wk_workspace(*formats))
    topics = [("Treffpunkt für Jugendliche", 5), ("Bus am Abend", 3)]
    # replace: the phase already holds these formats, and a format is proposed once a phase
    result = suggest.suggest(ws, "beispiel", 2, count=3, topics=topics, replace=True)
    reasons = {p.format.id: p.reasons for p in result.picks}
    youth = [r for r in reasons.get("jugend.ortscheck", ()) if "(plugin jugend)" in r]
    assert len(youth) == 1
    assert youth[0].startswith("In Phase 1 kamen Themen junger Menschen auf. (plugin jugend)")
    assert not any("plugin jugend" in r for r in reasons.get("digital.datensafari", ()))
    # phase 1 and phase 2 without youth topics: the plugin stays silent
    for phase, phase_topics in ((1, None), (2, [("Radweg", 4)])):
        quiet = suggest.suggest(ws, "beispiel", phase, count=3, topics=phase_topics,
                                replace=True)
        assert not any("plugin jugend" in r for p in quiet.picks for r in p.reasons)


def test_hook_suggest_formats_arguments(wk_plugin_manager, wk_workspace):
    """The hook receives exactly the documented arguments."""
    from werkzeugkoffer.planning import suggest

    calls = []

    class Spy:
        @hookimpl
        def suggest_formats(self, municipality, phase, candidates, context):
            calls.append((municipality.name, phase, [f.id for f in candidates], sorted(context)))
            return None

    wk_plugin_manager(Spy(), "spy")
    ws = Workspace.load(wk_workspace("digital.datensafari"))
    suggest.suggest(ws, "beispiel", 1, count=1)
    name, phase, candidates, keys = calls[0]
    assert (name, phase) == ("Beispielstadt", 1)
    assert "digital.datensafari" in candidates
    assert {"lab", "topics"} <= set(keys)
