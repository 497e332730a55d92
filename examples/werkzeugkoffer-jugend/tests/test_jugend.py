"""Tests of werkzeugkoffer-jugend, written with the werkzeugkoffer test kit.

The fixtures wk_workspace and wk_catalogue come from werkzeugkoffer's pytest plugin. The formats
are loaded in fixtures, not at import: a format file werkzeugkoffer refuses fails the tests with
check_plugin's message instead of a collection error.
"""

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import werkzeugkoffer_jugend
from werkzeugkoffer import Workspace, WerkzeugkofferError, has_errors, load_format_file, run_checks
from werkzeugkoffer.testing import (
    PluginCheckError,
    assert_valid_result,
    check_plugin,
    municipality_for,
    results_for,
)

FORMAT_FILES = sorted((werkzeugkoffer_jugend.HERE / "formate").glob("*.toml"))
EXAMPLE_LAB = Path(__file__).resolve().parent.parent / "beispiel-labor"


# --8<-- [start:fixtures]
def load(path):
    """One format file; a file werkzeugkoffer refuses fails with check_plugin's message."""
    __tracebackhide__ = True
    try:
        return load_format_file(path)
    except WerkzeugkofferError as exc:
        raise PluginCheckError("jugend", [f"register_formats: {exc}"]) from None


@pytest.fixture(scope="module")
def formats():
    """Every format of the plugin."""
    return list(map(load, FORMAT_FILES))


@pytest.fixture(scope="module", params=FORMAT_FILES, ids=lambda path: path.stem)
def fmt(request):
    """Each format of the plugin in turn (the tests using it run once per format file)."""
    return load(request.param)
# --8<-- [end:fixtures]


# --8<-- [start:test_kit]
def test_plugin_is_installed(wk_catalogue):
    assert wk_catalogue.sources["jugend.ortscheck"] == "jugend"
    assert wk_catalogue.sources["jugend.jugendforum"] == "jugend"


def test_plugin_passes_the_test_kit():
    report = check_plugin("jugend")
    assert report.format_ids == ["jugend.jugendforum", "jugend.ortscheck"]
    assert report.checks == ["check_school_hours"]


def test_a_plan_with_the_formats_passes_check(wk_workspace, formats):
    findings = run_checks(Workspace.load(wk_workspace(*formats)))
    assert not has_errors(findings), [str(f) for f in findings]


def test_the_example_lab_passes_check():
    findings = run_checks(Workspace.load(EXAMPLE_LAB))
    assert not has_errors(findings), [str(f) for f in findings]


@settings(deadline=None)
@given(data=st.data())
def test_any_valid_result_is_accepted(fmt, data):
    assert_valid_result(fmt, data.draw(results_for(fmt)))


# --8<-- [end:test_kit]


def test_school_hours_check(wk_workspace, formats):
    ortscheck = next(f for f in formats if f.id == "jugend.ortscheck")
    plan = municipality_for([ortscheck])
    phase = plan.phases[0]
    monday_morning = attrs.evolve(
        phase.sessions[0], date=dt.date(2027, 3, 8), start=dt.time(9, 0), end=dt.time(11, 0)
    )
    plan = attrs.evolve(
        plan, phases=(attrs.evolve(phase, sessions=(monday_morning,)), plan.phases[1])
    )
    findings = run_checks(Workspace.load(wk_workspace(ortscheck, municipality=plan)))
    school = [f for f in findings if f.code == "jugend-schulzeit"]
    assert len(school) == 1
    assert school[0].path == "phases[0].sessions[0].start"
