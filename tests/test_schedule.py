"""The tour: ``schedule`` assigns phase dates within cases, team, gaps, holidays and fixed dates."""

import datetime as dt
import json
from itertools import combinations

import pytest
from click.testing import CliRunner
from fixtures import (
    TOUR_START,
    change_municipality,
    make_tour_workspace,
    tour_lab,
    tour_municipality,
    with_session,
    write_tour_municipality,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeugkoffer import InputError, PlanningError, Workspace, has_errors, run_checks
from werkzeugkoffer.cli import cli
from werkzeugkoffer.dates import public_holidays, school_holidays
from werkzeugkoffer.planning.schedule import plan_tour, tour_table, write_tour

START = TOUR_START  # a Monday


def make(root, n=4, *, lab=None, phases=True, **kw):
    """``n`` municipalities with comments in their files (:func:`fixtures.make_tour_workspace`)."""
    return make_tour_workspace(root, n, lab=lab, phases=phases, **kw)


def put(root, i, p1, p2, **kw):
    """Write municipality ``i`` with phases starting at ``p1`` and ``p2``."""
    write_tour_municipality(root, *tour_municipality(i, p1, p2, **kw))


def run(root, *args):
    return CliRunner().invoke(cli, ["-w", str(root), *[str(a) for a in args]])


def assert_valid(ws, tour):
    """Every rule of the tour holds."""
    rules, lab_ = ws.lab.rules, ws.lab
    parallel = min(lab_.tool_cases, len(lab_.team)) if lab_.team else lab_.tool_cases
    by = {}
    for s in tour.slots:
        by.setdefault(s.slug, {})[s.number] = s
        assert rules.min_weeks <= s.weeks <= rules.max_weeks
        if not s.fixed:
            assert s.start.weekday() == 0 and s.start >= START
        assert 1 <= s.case <= parallel
    for slug, d in by.items():
        assert set(d) == {1, 2}
        assert d[2].start >= d[1].end + dt.timedelta(weeks=rules.min_gap_weeks, days=1)
    # at no day more phases than cases (and people), and never two on one case
    days = sorted({s.start for s in tour.slots} | {s.end for s in tour.slots})
    for day in days:
        active = [s for s in tour.slots if s.start <= day <= s.end]
        assert len(active) <= parallel, day
    for a, b in combinations(tour.slots, 2):
        if a.case == b.case:
            assert a.end < b.start or b.end < a.start
    assert tour.weeks >= tour.lower_bound_weeks - 1e-9


def test_tour_keeps_every_rule_and_reaches_the_lower_bound(tmp_path):
    ws = Workspace.load(make(tmp_path / "ws", 6))
    tour = plan_tour(ws, START)
    assert_valid(ws, tour)
    assert len(tour.slots) == 12 and tour.parallel == 2
    # 12 phases x 6 weeks / 2 cases = 36 weeks; the gap of 4 weeks costs at most a little
    assert tour.lower_bound_weeks == 36
    assert tour.weeks <= 36 + 4
    assert tour.start == START


def test_write_keeps_comments_moves_sessions_and_checks_clean(tmp_path):
    root = make(tmp_path / "ws", 4)
    ws = Workspace.load(root)
    tour = plan_tour(ws, dt.date(2027, 2, 1))
    written = write_tour(ws, tour)
    assert len(written) == 4
    after = Workspace.load(root)
    findings = run_checks(after)
    assert not has_errors(findings)
    # sessions elsewhere at the same time do not overload the team of three (datensafari needs 2)
    assert not [f for f in findings if f.code in ("team", "inventory", "holiday", "venue-overlap")]
    reasons = {mv.session: mv.reason for mv in tour.session_moves}
    for slug, m in after.municipalities.items():
        text = (root / "gemeinden" / f"{slug}.toml").read_text(encoding="utf-8")
        assert text.startswith(f"# Gemeinde {int(slug[3:])}: a comment to keep")
        assert "# a Saturday" in text and "# phase 2 of" in text
        for p in m.phases:
            slot = tour.slot(slug, p.number)
            assert (p.start, p.end) == (slot.start, slot.end)
            for s in p.sessions:
                assert p.start <= s.date <= p.end
                # still on Saturday, unless moved for a reason (here: the team is busy)
                assert s.date.weekday() == 5 or "team or tool case busy" in reasons[s.id]
    # a second run changes nothing
    tour2 = plan_tour(after, dt.date(2027, 2, 1))
    assert [(s.slug, s.number, s.start) for s in tour2.slots] == \
        [(s.slug, s.number, s.start) for s in tour.slots]
    assert write_tour(after, tour2) == []


def test_fixed_phases_are_kept_and_occupy_a_case(tmp_path):
    root = make(tmp_path / "ws", 3, lab=tour_lab(tool_cases=1, team=2))
    put(root, 7, dt.date(2027, 3, 3), dt.date(2027, 6, 2), fixed1=True, fixed2=True)
    ws = Workspace.load(root)
    tour = plan_tour(ws, START)
    assert_valid(ws, tour)
    p1, p2 = tour.slot("ort07", 1), tour.slot("ort07", 2)
    assert p1.fixed and p1.start == dt.date(2027, 3, 3) and not p1.moved
    assert p2.fixed and p2.start == dt.date(2027, 6, 2)


def test_phase_1_before_a_fixed_phase_2(tmp_path):
    root = make(tmp_path / "ws", 2, lab=tour_lab(tool_cases=1, team=1))
    put(root, 5, dt.date(2027, 5, 3), dt.date(2027, 8, 2), fixed2=True)
    ws = Workspace.load(root)
    tour = plan_tour(ws, START)
    assert_valid(ws, tour)
    # as late as the gap allows: ends 4 weeks before the fixed phase 2
    assert tour.slot("ort05", 1).end == dt.date(2027, 7, 4)


def test_school_holidays_are_avoided_when_the_lab_says_so(tmp_path):
    root = make(tmp_path / "ws", 5, lab=tour_lab(school=True))
    ws = Workspace.load(root)
    tour = plan_tour(ws, START)
    assert_valid(ws, tour)
    holidays = school_holidays("HE", [2027, 2028, 2029])
    assert holidays  # the data exists for Hessen
    for s in tour.slots:
        assert not any(s.start <= d <= s.end for d in holidays), s
    assert tour.weeks > tour.lower_bound_weeks  # holidays cost time


def test_moved_sessions_avoid_public_holidays(tmp_path):
    root = make(tmp_path / "ws", 1)
    # a Monday session in week 2 of phase 1 (instead of the Saturday)
    change_municipality(root, "ort00", lambda m: with_session(
        m, "ort00-p1-01", date=dt.date(2027, 1, 11)))
    ws = Workspace.load(root)
    # phase 1 moved to start on 2027-03-22: its week-2 Monday is Easter Monday 2027-03-29
    tour = plan_tour(ws, dt.date(2027, 3, 22))
    (move,) = [mv for mv in tour.session_moves if mv.session == "ort00-p1-01"]
    assert dt.date(2027, 3, 29) in public_holidays("HE", [2027])
    assert move.date == dt.date(2027, 3, 30) and "Ostermontag" in move.reason


def test_team_smaller_than_cases_limits_parallel_phases(tmp_path):
    ws = Workspace.load(make(tmp_path / "ws", 3, lab=tour_lab(tool_cases=3, team=1)))
    tour = plan_tour(ws, START)
    assert tour.parallel == 1
    assert_valid(ws, tour)


def test_municipalities_without_phases_get_new_ones(tmp_path):
    root = make(tmp_path / "ws", 2, phases=False)
    ws = Workspace.load(root)
    tour = plan_tour(ws, START)
    assert all(s.new for s in tour.slots)
    write_tour(ws, tour)
    after = Workspace.load(root)
    assert all(len(m.phases) == 2 for m in after.municipalities.values())
    assert "Termine von werkzeugkoffer schedule" in (root / "gemeinden" / "ort00.toml").read_text(
        encoding="utf-8")


# -- infeasible and bad requests: exit 1 or 2, nothing written ---------------------------------


def snapshot(root):
    return {p: p.read_bytes() for p in sorted(root.rglob("*.toml"))}


def test_fixed_phases_beyond_the_cases(tmp_path):
    root = make(tmp_path / "ws", 0, lab=tour_lab(tool_cases=1, team=3))
    for i in range(2):
        put(root, i, dt.date(2027, 3, 1), dt.date(2027, 6, 1), fixed1=True)
    before = snapshot(root)
    result = run(root, "schedule", "--write")
    assert result.exit_code == 1
    assert "overlaps the fixed phases Ort 00 phase 1" in result.output
    assert "at most 1 phase at once (tool_cases = 1)" in result.output
    assert snapshot(root) == before


def test_contradictory_rules_are_bad_input(tmp_path):
    root = make(tmp_path / "ws", 2, lab=tour_lab(min_weeks=8, max_weeks=6))
    before = snapshot(root)
    result = run(root, "schedule", "--write")
    assert result.exit_code == 2
    assert "labor.toml: rules: min_weeks (8) is greater than max_weeks (6)" in result.output
    assert snapshot(root) == before


def test_phase_1_cannot_fit_before_a_fixed_phase_2(tmp_path):
    root = make(tmp_path / "ws", 0)
    put(root, 1, dt.date(2027, 1, 4), dt.date(2027, 3, 1), fixed2=True)
    before = snapshot(root)
    result = run(root, "schedule", "--start", "2027-01-04", "--write")
    assert result.exit_code == 1
    assert "phase 2 is fixed (2027-03-01)" in result.output
    assert "before the tour starts (2027-01-04)" in result.output
    assert snapshot(root) == before


def test_fixed_phases_violating_the_gap(tmp_path):
    root = make(tmp_path / "ws", 0)
    put(root, 1, dt.date(2027, 1, 4), dt.date(2027, 2, 22), fixed1=True, fixed2=True)
    with pytest.raises(PlanningError, match="minimum gap of 4 weeks"):
        plan_tour(Workspace.load(root), START)


def test_phases_longer_than_any_window_between_school_holidays(tmp_path):
    root = make(tmp_path / "ws", 2, lab=tour_lab(min_weeks=13, max_weeks=13, school=True))
    result = run(root, "schedule", "--start", "2027-01-04")
    assert result.exit_code == 1
    assert "13-week phase does not fit between the school holidays of HE" in result.output
    assert "avoid_school_holidays" in result.output


def test_fixed_phase_in_school_holidays(tmp_path):
    root = make(tmp_path / "ws", 0, lab=tour_lab(school=True))
    put(root, 1, dt.date(2027, 6, 7), dt.date(2027, 9, 6), fixed1=True)
    with pytest.raises(PlanningError, match="overlaps the school holidays"):
        plan_tour(Workspace.load(root), START)


def test_weeks_outside_the_rule(tmp_path):
    with pytest.raises(InputError, match="--weeks 9 is outside"):
        plan_tour(Workspace.load(make(tmp_path / "ws", 1)), START, weeks=9)


# -- the command -----------------------------------------------------------------------------


def test_cli_prints_the_tour_and_writes_only_with_write(tmp_path):
    root = make(tmp_path / "ws", 3)
    before = snapshot(root)
    result = run(root, "schedule", "--start", "2027-01-04")
    assert result.exit_code == 0, result.output
    assert "Ort 00" in result.output and "Phase 1" in result.output
    assert "lower bound 18.0 weeks (36 phase-weeks / 2 tool cases)" in result.output
    assert "Nothing written" in result.output
    assert snapshot(root) == before
    result = run(root, "schedule", "--start", "2027-01-04", "--write", "--json")
    data = json.loads(result.output)
    assert result.exit_code == 0 and len(data["phases"]) == 6 and len(data["written"]) == 3
    assert data["lower_bound_weeks"] == 18.0 and data["above_lower_bound_percent"] >= 0
    result = run(root, "schedule", "--markdown")
    assert result.output.startswith("| Municipality | Phase 1 | Phase 2 |")


def test_table_lists_every_municipality(tmp_path):
    ws = Workspace.load(make(tmp_path / "ws", 3))
    table = tour_table(plan_tour(ws, START))
    assert all(f"Ort {i:02d}" in table for i in range(3))
    assert "K1" in table and "K2" in table


@settings(max_examples=15)
@given(
    n=st.integers(1, 7),
    cases=st.integers(1, 3),
    team=st.integers(0, 3),
    gap=st.integers(0, 6),
    fixed=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 20)), max_size=2),
    school=st.booleans(),
)
def test_any_tour_keeps_the_rules(tmp_path_factory, n, cases, team, gap, fixed, school):
    root = tmp_path_factory.mktemp("prop") / "ws"
    make(root, n, lab=tour_lab(tool_cases=cases, team=team, gap=gap, school=school))
    # fix phase 1 of some municipalities at some Monday
    for i, week in fixed:
        if i < n:
            start = START + dt.timedelta(weeks=week)
            put(root, i, start, start + dt.timedelta(weeks=6 + gap + 3), fixed1=True)
    ws = Workspace.load(root)
    try:
        tour = plan_tour(ws, START)
    except PlanningError as exc:
        # only fixed phases can make a request infeasible; the message names the constraint
        assert fixed and ("tool_cases" in str(exc) or "school holidays" in str(exc)), str(exc)
        return
    assert_valid(ws, tour)
