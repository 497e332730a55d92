"""Tests of werkzeugkoffer-jugend, written with the werkzeugkoffer test kit.

The fixtures wk_workspace and wk_catalogue come from werkzeugkoffer's pytest plugin.
"""

import datetime as dt
from pathlib import Path

import attrs
from hypothesis import given

import werkzeugkoffer_jugend
from werkzeugkoffer import Workspace, has_errors, load_formats, run_checks
from werkzeugkoffer.testing import assert_valid_result, check_plugin, municipality_for, results_for

FORMATS = load_formats(werkzeugkoffer_jugend.HERE / "formate")
ORTSCHECK = next(f for f in FORMATS if f.id == "jugend.ortscheck")
EXAMPLE_LAB = Path(__file__).resolve().parent.parent / "beispiel-labor"


# --8<-- [start:test_kit]
def test_plugin_is_installed(wk_catalogue):
    assert wk_catalogue.sources["jugend.ortscheck"] == "jugend"
    assert wk_catalogue.sources["jugend.jugendforum"] == "jugend"


def test_plugin_passes_the_test_kit():
    report = check_plugin("jugend")
    assert report.format_ids == ["jugend.jugendforum", "jugend.ortscheck"]
    assert report.checks == ["check_school_hours"]


def test_a_plan_with_the_formats_passes_check(wk_workspace):
    findings = run_checks(Workspace.load(wk_workspace(*FORMATS)))
    assert not has_errors(findings), [str(f) for f in findings]


def test_the_example_lab_passes_check():
    findings = run_checks(Workspace.load(EXAMPLE_LAB))
    assert not has_errors(findings), [str(f) for f in findings]


@given(results_for(ORTSCHECK))
def test_any_valid_result_is_accepted(result):
    assert_valid_result(ORTSCHECK, result)


# --8<-- [end:test_kit]


def test_school_hours_check(wk_workspace):
    plan = municipality_for([ORTSCHECK])
    phase = plan.phases[0]
    monday_morning = attrs.evolve(
        phase.sessions[0], date=dt.date(2027, 3, 8), start=dt.time(9, 0), end=dt.time(11, 0)
    )
    plan = attrs.evolve(
        plan, phases=(attrs.evolve(phase, sessions=(monday_morning,)), plan.phases[1])
    )
    findings = run_checks(Workspace.load(wk_workspace(ORTSCHECK, municipality=plan)))
    school = [f for f in findings if f.code == "jugend-schulzeit"]
    assert len(school) == 1
    assert school[0].path == "phases[0].sessions[0].start"
