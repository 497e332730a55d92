"""German text quality of the kits: a spell check and grammar rules over a kit with every
built-in format (see tests/spelling.py for the dictionary and the allow-list)."""

from __future__ import annotations

import os

import pytest
from werkzeugkoffer import Workspace, get_catalogue
from werkzeugkoffer.kits import make_kit, render_html
from werkzeugkoffer.testing import write_workspace

import spelling

MISSING = spelling.available()
needs_dictionary = pytest.mark.skipif(
    bool(MISSING) and not os.environ.get("CI"),
    reason=f"spell check needs {MISSING}",
)


@pytest.fixture(scope="module")
def every_format_kit(tmp_path_factory):
    """The phase-1 kit of a municipality with one session of every built-in format."""
    formats = [f for f in get_catalogue() if f.id.split(".")[0] in ("digital", "kreativ", "partizipativ")]
    root = write_workspace(tmp_path_factory.mktemp("alle") / "ws", formats, phase2_sessions=False)
    ws = Workspace.load(root)
    kit = make_kit(ws, "beispiel", 1)
    assert {ks.format.id for ks in kit.sessions} == {f.id for f in formats}
    return ws, render_html(kit, workspace=ws)


@needs_dictionary
def test_every_builtin_format_prints_without_unknown_words(every_format_kit):
    assert not MISSING, f"spell check needs {MISSING}"
    ws, html = every_format_kit
    text = spelling.visible_text(html)
    allowed = spelling.allow_list() | spelling.workspace_names(ws)
    unknown = spelling.unknown_words(text, allowed)
    assert unknown == {}, (
        "words the German dictionary does not know (fix them, or add names and terms to "
        f"tests/data/spelling-allow.txt): {sorted(unknown.items(), key=lambda w: -w[1])}"
    )


def test_every_builtin_format_keeps_the_grammar_rules(every_format_kit):
    _, html = every_format_kit
    assert spelling.grammar_defects(spelling.visible_text(html)) == []


@pytest.mark.parametrize("defect", [
    "Vorbereitung: 1 Tage vorher", "Vorbereitung (ab 56 Tage vorher)", "Moderationskarten (je 2 Teilnehmende 1)",
    "Strom: ja..", "1 Tische.", "Feld: datenluecken", "Platz für 1 Personen",
])
def test_the_grammar_rules_catch_the_defects_of_old_kits(defect):
    assert spelling.grammar_defects(defect), defect


@pytest.mark.parametrize("fine", [
    "1 Tag vorher", "2 Tage vorher", "je 2 Teilnehmende 1 Stück", "Warten …", "Und so weiter ...",
    "11 Tage vorher", "bis 1.000 Personen", "Kennung: ___.",
])
def test_the_grammar_rules_let_good_german_pass(fine):
    assert spelling.grammar_defects(fine) == []


@needs_dictionary
def test_the_spell_check_finds_misspellings_and_knows_compounds():
    assert not MISSING, f"spell check needs {MISSING}"
    html = (
        '<p>Die Reperatur am Dorfgemeinschaftshaus, die Moderationswand und der '
        'Flipchartständer. <span translate="no">kreativ.repair-cafe xyzzy</span> '
        'Führungs- und Fachkräfte, Mo. und Di.</p><style>.unbekanntwort{}</style>'
    )
    text = spelling.visible_text(html)
    assert "xyzzy" not in text and "unbekanntwort" not in text
    allowed = spelling.allow_list()
    assert "Flipchart" in allowed
    assert spelling.unknown_words(text, allowed) == {"Reperatur": 1}
    assert spelling.unknown_words(text, allowed | {"Reperatur"}) == {}
    # an allowed term makes compounds; without it the compound is unknown
    assert spelling.unknown_words("Der Flipchartständer", set()) == {"Flipchartständer": 1}
