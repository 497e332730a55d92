"""The built-in catalogue: tests that would catch a careless format."""

import re

import pytest
from werkzeugkoffer import ImpactLevel, Theme, get_catalogue, validate_format
from werkzeugkoffer.text import method_card_text

BUILTIN = ("digital", "kreativ", "partizipativ")

SEED_FORMATS = {
    "partizipativ.tempo-challenge",
    "digital.datensafari",
    "digital.digitalambulanz",
    "digital.kompetenzcheck",
    "partizipativ.barcamp",
    "kreativ.pop-up-labor",
    "partizipativ.markt-der-moeglichkeiten",
    "partizipativ.wissenswerkstatt",
    "kreativ.beteiligungs-picknick",
    "partizipativ.dorfspaziergang",
    "kreativ.zukunftswerkstatt",
    "kreativ.fotowettbewerb",
}

PLACEHOLDERS = re.compile(r"\b(TODO|FIXME|TBD|XXX|Lorem|ipsum|Platzhalter)\b|\.\.\.\s*$", re.I)
# English function words that have no place in German texts (whole words, case-insensitive)
ENGLISH = re.compile(
    r"\b(the|and|with|of|please|you|your|this|that|is|are|should|which|from|into|when|what|"
    r"participants|facilitator|workshop materials)\b",
    re.I,
)


def builtin_formats():
    cat = get_catalogue()
    return [f for f in cat if cat.sources[f.id] in BUILTIN]


def user_facing_texts(fmt):
    """Every text a volunteer reads on the card, the sheet or in the report."""
    yield "title", fmt.title
    yield "summary", fmt.summary
    yield "purpose", fmt.purpose
    yield "question", fmt.question
    yield "accessibility", fmt.accessibility
    yield "data_protection.notes", fmt.data_protection.notes
    yield "space.description", fmt.space.description
    for i, r in enumerate(fmt.roles):
        yield f"roles[{i}]", f"{r.name} {r.description}"
    for i, m in enumerate(fmt.materials):
        yield f"materials[{i}]", f"{m.name} {m.note}"
    if fmt.stations is not None:
        for i, r in enumerate(fmt.stations.roles):
            yield f"stations.roles[{i}]", f"{r.name} {r.description}"
        for i, m in enumerate(fmt.stations.materials):
            yield f"stations.materials[{i}]", f"{m.name} {m.note}"
    for i, p in enumerate(fmt.preparation):
        yield f"preparation[{i}]", p.task
    for i, s in enumerate(fmt.agenda):
        yield f"agenda[{i}]", f"{s.title} {s.description} {s.who}"
    for i, f in enumerate(fmt.result_fields):
        yield f"result_fields[{i}]", " ".join([f.label, f.help, *f.options])
    for i, ind in enumerate(fmt.indicators):
        yield f"indicators[{i}]", f"{ind.label} {ind.description} {ind.unit}"
    for i, v in enumerate(fmt.variations):
        yield f"variations[{i}]", f"{v.name} {v.description}"


def test_catalogue_size_and_seed_formats():
    formats = builtin_formats()
    by_theme = {t: [f for f in formats if f.theme is t] for t in Theme}
    assert len(formats) >= 24
    for theme, items in by_theme.items():
        assert len(items) >= 8, (theme, [f.id for f in items])
    missing = SEED_FORMATS - {f.id for f in formats}
    assert not missing


def test_catalogue_collected_without_problems():
    assert get_catalogue().problems == []


@pytest.mark.parametrize("fmt", builtin_formats(), ids=lambda f: f.id)
def test_format_is_complete(fmt):
    cat = get_catalogue()
    assert validate_format(fmt) == []
    # ids are namespaced by theme, and the plugin of that theme registers them
    assert fmt.id.split(".", 1)[0] == fmt.theme.value == cat.sources[fmt.id]
    assert sum(s.minutes for s in fmt.agenda) == fmt.duration_minutes
    fields = {f.name for f in fmt.result_fields}
    for ind in fmt.indicators:
        assert ind.field is None or ind.field in fields
        assert ind.step in ind.level.steps
    levels = {ind.level for ind in fmt.indicators}
    assert ImpactLevel.OUTPUT in levels and ImpactLevel.OUTCOME in levels
    assert any(ind.target is not None for ind in fmt.indicators), "no indicator with a target"
    assert fmt.principles and fmt.target_groups and fmt.settings
    assert len(fmt.agenda) >= 3 and len(fmt.preparation) >= 2 and fmt.variations
    assert fmt.materials and fmt.roles and fmt.lead_days > 0
    assert fmt.accessibility.strip() and fmt.data_protection.notes.strip()
    assert fmt.source.strip() and fmt.licence.strip() and fmt.version.strip()
    assert fmt.participants_min <= fmt.participants_max


@pytest.mark.parametrize("fmt", builtin_formats(), ids=lambda f: f.id)
def test_texts_are_german_and_not_placeholders(fmt):
    for where, text in user_facing_texts(fmt):
        assert text.strip(), f"{fmt.id}: {where} is empty"
        assert not PLACEHOLDERS.search(text), f"{fmt.id}: {where}: placeholder in {text!r}"
        english = ENGLISH.search(text)
        assert not english, f"{fmt.id}: {where}: English word {english.group(0)!r} in {text!r}"


@pytest.mark.parametrize("fmt", builtin_formats(), ids=lambda f: f.id)
def test_reusable_materials_come_from_the_tool_case(fmt, example_dir):
    from werkzeugkoffer import Workspace

    inventory = {item.id for item in Workspace.load(example_dir).lab.inventory}
    for m in fmt.materials + (fmt.stations.materials if fmt.stations is not None else ()):
        if m.reusable and m.inventory:
            assert m.inventory in inventory, f"{fmt.id}: {m.name}: unknown inventory {m.inventory}"


def test_method_card_text_has_every_section():
    fmt = get_catalogue()["digital.kompetenzcheck"]
    card = method_card_text(fmt)
    for section in ("Worum es geht", "Einstiegsfrage", "Ablauf", "Rollen", "Material",
                    "Vorbereitung", "Barrierefreiheit", "Datenschutz", "Ergebnisse", "Wirkung"):
        assert section in card


def test_competence_check_follows_kgst():
    fmt = get_catalogue()["digital.kompetenzcheck"]
    scores = [f for f in fmt.result_fields if f.type.value == "scores"]
    assert len(scores) == 1
    field = scores[0]
    assert len(field.options) == 8
    assert sorted(field.targets.values()) == [50, 70, 80, 80, 80, 90]
    assert {"Führungskompetenz", "Personalentwicklungskompetenz"}.isdisjoint(field.targets)


def test_example_uses_every_plugin(example_dir):
    from werkzeugkoffer import Workspace

    ws = Workspace.load(example_dir)
    used = {s.format for _slug, _n, s in ws.sessions().values()}
    cat = ws.catalogue
    assert {cat.sources[f] for f in used} >= set(BUILTIN)
    assert {"partizipativ.tempo-challenge", "kreativ.beteiligungs-picknick"} <= used
