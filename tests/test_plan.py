"""Plan templates: ``plan apply TEMPLATE GEMEINDE --start DATE`` writes a concrete phase."""

import datetime as dt
import json
import tomllib

import attrs
import pytest
import tomlkit
from click.testing import CliRunner
from fixtures import (
    MINI_COMMENT,
    PLAN_TEMPLATES,
    change_lab,
    change_municipality,
    inventory_for,
    with_venue,
    without_phase,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeugkoffer import (
    InputError,
    Lab,
    PlanningError,
    Workspace,
    converter,
    has_errors,
    run_checks,
)
from werkzeugkoffer import model as m
from werkzeugkoffer.cli import cli
from werkzeugkoffer.conversion import to_plain
from werkzeugkoffer.planning.templates import apply_template, build_phase, get_template

def run(root, *args):
    return CliRunner().invoke(cli, ["-w", str(root), *[str(a) for a in args]])


@pytest.fixture
def ws(mini_ws):
    """The mini workspace with the plan templates erkunden (phase 1) and vertiefen (phase 2)
    and every tool case item the Datensafari needs (its data may grow)."""
    def templates(lab):
        known = {item.id for item in lab.inventory}
        extra = inventory_for(["digital.datensafari"], 20, known=known)
        return attrs.evolve(lab, inventory=lab.inventory + extra, plan_templates=PLAN_TEMPLATES)

    change_lab(mini_ws, templates)
    return mini_ws


def change_templates(root, number, *, session=None, **changes):
    """Change plan template ``number`` (0-based) of the lab, or its session ``session``."""
    def edit(lab):
        templates = list(lab.plan_templates)
        tpl = templates[number]
        if session is None:
            tpl = attrs.evolve(tpl, **changes)
        else:
            sessions = list(tpl.sessions)
            sessions[session] = attrs.evolve(sessions[session], **changes)
            tpl = attrs.evolve(tpl, sessions=tuple(sessions))
        templates[number] = tpl
        return attrs.evolve(lab, plan_templates=tuple(templates))

    change_lab(root, edit)


def municipality_file(root):
    return root / "gemeinden" / "lohra.toml"


def test_apply_writes_the_phase_and_keeps_comments(ws):
    result = run(ws, "plan", "apply", "erkunden", "lohra", "--start", "2027-03-01", "--replace")
    assert result.exit_code == 0, result.output
    assert "Phase 1 replaced in gemeinden/lohra.toml" in result.output
    text = municipality_file(ws).read_text(encoding="utf-8")
    assert text.startswith(f"# {MINI_COMMENT}")
    phase = Workspace.load(ws).municipalities["lohra"].phase(1)
    assert (phase.start, phase.end) == (dt.date(2027, 3, 1), dt.date(2027, 4, 11))
    dates = [s.date for s in phase.sessions]
    # week 1, then weeks 2 and 5, all on Saturdays (the default weekday)
    assert dates == [dt.date(2027, 3, 6), dt.date(2027, 3, 13), dt.date(2027, 4, 3)]
    assert [s.venue for s in phase.sessions] == ["rathaus", "dgh-altenvers", "dgh-altenvers"]
    assert [s.id for s in phase.sessions] == ["lohra-p1-01", "lohra-p1-02", "lohra-p1-03"]
    first, second = phase.sessions[:2]
    assert (first.start, first.end) == (dt.time(10), dt.time(12, 30))  # + format duration
    assert (second.start, second.end) == (dt.time(14), dt.time(16, 30))
    assert first.expected == 13  # middle of the format's 5-20
    # phase 2 is untouched and the workspace still checks without errors
    assert Workspace.load(ws).municipalities["lohra"].phase(2).sessions[0].id == "lohra-p2-01"
    assert not has_errors(run_checks(Workspace.load(ws)))


def test_existing_sessions_are_not_overwritten_without_replace(ws):
    before = municipality_file(ws).read_bytes()
    result = run(ws, "plan", "apply", "erkunden", "lohra", "--start", "2027-03-01")
    assert result.exit_code == 2
    assert "phase 1 already has 1 session; use --replace" in result.output
    assert municipality_file(ws).read_bytes() == before


def test_a_missing_phase_is_added(ws):
    path = municipality_file(ws)
    change_municipality(ws, "lohra", lambda m: without_phase(m, 2))
    result = run(ws, "plan", "apply", "vertiefen", "Lohra", "--start", "2027-05-17", "--fixed")
    assert result.exit_code == 0, result.output
    phase = Workspace.load(ws).municipalities["lohra"].phase(2)
    assert phase.fixed and phase.start == dt.date(2027, 5, 17)
    (s,) = phase.sessions
    assert s.date == dt.date(2027, 6, 2) and s.date.isoweekday() == 3  # week 3, Wednesday
    assert s.venue == "rathaus" and s.expected == 9 and s.id == "lohra-p2-01"
    assert '# Phase 2 aus Vorlage "vertiefen"' in path.read_text(encoding="utf-8")


def test_dry_run_and_json_write_nothing(ws):
    before = municipality_file(ws).read_bytes()
    result = run(ws, "plan", "apply", "erkunden", "lohra", "--start", "2027-03-01", "--replace",
                 "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["written"] is False and len(data["phase"]["sessions"]) == 3
    assert municipality_file(ws).read_bytes() == before


def test_templates_are_listed(ws):
    result = run(ws, "plan", "templates")
    assert result.exit_code == 0
    assert "erkunden" in result.output and "3 sessions" in result.output


def test_unknown_template_and_unknown_format(ws):
    result = run(ws, "plan", "apply", "erkunde", "lohra", "--start", "2027-03-01")
    assert result.exit_code == 2 and 'did you mean "erkunden"' in result.output
    change_templates(ws, 1, session=0, format="digital.datensafary")
    before = municipality_file(ws).read_bytes()
    result = run(ws, "plan", "apply", "vertiefen", "lohra", "--start", "2027-05-17", "--replace")
    assert result.exit_code == 2
    assert ('labor.toml: plan_templates[1].sessions[0].format: unknown format '
            '"digital.datensafary" (did you mean "digital.datensafari"?)') in result.output
    assert municipality_file(ws).read_bytes() == before


def test_phase_2_before_the_minimum_gap_is_refused(ws):
    before = municipality_file(ws).read_bytes()
    result = run(ws, "plan", "apply", "vertiefen", "lohra", "--start", "2027-04-19", "--replace")
    assert result.exit_code == 1
    assert "phase 1 ends 2027-04-11" in result.output
    assert "can start on 2027-05-10 at the earliest" in result.output
    assert municipality_file(ws).read_bytes() == before


def test_phase_1_too_late_for_phase_2_is_refused(ws):
    result = run(ws, "plan", "apply", "erkunden", "lohra", "--start", "2027-04-05", "--replace")
    assert result.exit_code == 1
    assert "phase 1 must end by 2027-04-18" in result.output


def test_sessions_avoid_public_holidays(ws):
    workspace = Workspace.load(ws)
    tpl = m.PlanTemplate(
        id="ostern", phase=1, weeks=6,
        sessions=(m.TemplateSession(format="digital.datensafari", week=5, weekday=1),),
    )
    notes = []
    phase = build_phase(workspace, tpl, "lohra", dt.date(2027, 3, 1), notes=notes)
    # week 5 starts on Easter Monday 2027-03-29: the session moves to the Tuesday
    assert phase.sessions[0].date == dt.date(2027, 3, 30)
    assert "Ostermontag" in notes[0]


def test_template_problems_are_listed_with_their_fields(ws):
    change_templates(ws, 0, weeks=9)
    change_templates(ws, 0, session=1, until_week=1)
    change_templates(ws, 1, session=0, weekday=8)
    workspace = Workspace.load(ws)
    with pytest.raises(InputError) as exc:
        apply_template(workspace, "erkunden", "lohra", dt.date(2027, 3, 1), replace=True)
    text = str(exc.value)
    assert "labor.toml: plan_templates[0].weeks: 9 weeks is outside the lab's rule of 6-8" in text
    assert "plan_templates[0].sessions[1].until_week: must lie between week (2)" in text
    with pytest.raises(InputError, match=r"plan_templates\[1\].sessions\[0\].weekday"):
        apply_template(workspace, "vertiefen", "lohra", dt.date(2027, 5, 17), replace=True)


def test_a_village_session_needs_a_venue_in_a_village(ws):
    change_municipality(ws, "lohra", lambda m: with_venue(m, "dgh-altenvers", ortsteil="Lohra"))
    result = run(ws, "plan", "apply", "erkunden", "lohra", "--start", "2027-03-01", "--replace")
    assert result.exit_code == 1
    assert "has no venue outside the main town (Ortsteile: Altenvers, Damm)" in result.output


def test_get_template_without_templates(mini_ws):
    with pytest.raises(InputError, match="no plan templates"):
        get_template(Workspace.load(mini_ws).lab, "erkunden")


def test_no_error_is_a_planning_error_when_venues_are_missing(ws):
    change_municipality(ws, "lohra", lambda m: attrs.evolve(m, venues=()))
    workspace = Workspace.load(ws)
    with pytest.raises(PlanningError, match="has no venues"):
        apply_template(workspace, "erkunden", "lohra", dt.date(2027, 3, 1), replace=True)


# -- the model fields round-trip through TOML ---------------------------------------------------

names = st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,8}\Z")
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=12)
template_sessions = st.builds(
    m.TemplateSession, format=st.builds(lambda a, b: f"{a}.{b}", names, names),
    week=st.integers(1, 8), until_week=st.none() | st.integers(1, 8), count=st.integers(1, 4),
    weekday=st.integers(1, 7), start=st.times(), end=st.none() | st.times(), place=texts,
    expected=st.none() | st.integers(0, 99), days=st.none() | st.integers(1, 5),
    title=st.none() | texts, host=texts, notes=texts,
)
plan_templates = st.builds(
    m.PlanTemplate, id=names, phase=st.integers(1, 2), title=texts,
    weeks=st.none() | st.integers(1, 9), focus=texts, aims=st.lists(texts, max_size=2).map(tuple),
    sessions=st.lists(template_sessions, max_size=3).map(tuple),
)
goals = st.builds(
    m.PlanningGoals, target_groups=st.lists(st.sampled_from(m.TargetGroup), max_size=3).map(tuple),
    themes=st.lists(st.sampled_from(m.Theme), max_size=3).map(tuple),
    sessions_per_phase=st.integers(1, 12),
    budget_per_phase=st.none() | st.floats(0, 10_000, allow_nan=False),
    default_consumable_cost=st.floats(0, 100, allow_nan=False),
    team_hours_per_phase=st.none() | st.floats(0, 1000, allow_nan=False),
)


@settings(max_examples=40)
@given(st.lists(plan_templates, max_size=2).map(tuple), goals)
def test_lab_with_templates_round_trips_through_toml(templates, planning):
    lab = Lab(name="L", organiser="O", plan_templates=templates, planning=planning)
    text = tomlkit.dumps(to_plain(lab))
    assert converter.structure(tomllib.loads(text), Lab) == lab


def test_example_templates_apply_cleanly(example_copy):
    """The bundled example's templates give a phase that passes check."""
    from click.testing import CliRunner
    from werkzeugkoffer.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["-w", str(example_copy), "plan", "apply", "erkunden", "lohra",
                                 "--start", "2027-10-11", "--replace"])
    assert result.exit_code == 0, result.output
    assert "Beteiligungs-Picknick" in result.output
    checked = runner.invoke(cli, ["-w", str(example_copy), "check", "lohra"])
    assert checked.exit_code == 0, checked.output
    assert "0 errors" in checked.output
    text = (example_copy / "gemeinden" / "lohra.toml").read_text(encoding="utf-8")
    assert text.startswith("# Gemeinde Lohra")  # the user's comments are kept


def test_a_deleted_result_no_longer_counts_for_schedule_and_plan_apply(ws):
    """A recorded result keeps its phase's dates and sessions; once deleted (it stays in the
    store's history), the phase is free again for ``schedule`` and ``plan apply --replace``."""
    stored = run(ws, "results", "add", "lohra-p1-01", "-v", "bearbeitungen=5", "-v", "orte=2")
    assert stored.exit_code == 0, stored.output
    kept = "Lohra: phase 1 has recorded results; its dates are kept"
    scheduled = run(ws, "schedule", "--start", "2027-03-01")
    assert scheduled.exit_code == 0, scheduled.output
    assert kept in scheduled.output and "K1 fixed" in scheduled.output
    before = municipality_file(ws).read_bytes()
    refused = run(ws, "plan", "apply", "erkunden", "lohra", "--start", "2027-03-08", "--replace")
    assert refused.exit_code == 1
    assert "phase 1 has sessions with recorded results (lohra-p1-01)" in refused.output
    assert municipality_file(ws).read_bytes() == before

    deleted = run(ws, "results", "delete", "lohra-p1-01", "--yes")
    assert deleted.exit_code == 0 and "1 result deleted" in deleted.output
    scheduled = run(ws, "schedule", "--start", "2027-03-01")
    assert scheduled.exit_code == 0, scheduled.output
    assert "recorded results" not in scheduled.output and "fest" not in scheduled.output
    assert "0 fixed" in scheduled.output
    applied = run(ws, "plan", "apply", "erkunden", "lohra", "--start", "2027-03-08", "--replace")
    assert applied.exit_code == 0, applied.output
    phase = Workspace.load(ws).municipalities["lohra"].phase(1)
    assert phase.start == dt.date(2027, 3, 8) and len(phase.sessions) == 3
