"""The check speed-ups made for large workspaces (issue 6, Scale) find exactly what they did."""

import datetime as dt

import attrs
from fixtures import add_session, change_lab, change_municipality
from hypothesis import given
from hypothesis import strategies as st
from werkzeugkoffer import Workspace, run_checks
from werkzeugkoffer.checks import peak_overlaps

intervals = st.lists(
    st.tuples(st.integers(0, 50), st.integers(0, 20), st.integers(-1, 6)).map(
        lambda t: (t[0], t[0] + t[1], t[2], object())
    ),
    max_size=25,
)


@given(intervals, st.integers(0, 12))
def test_limited_sweep_yields_exactly_the_rises_above_the_limit(ivs, limit):
    full = [(load, tags) for load, tags in peak_overlaps(ivs) if load > limit]
    assert list(peak_overlaps(ivs, limit=limit)) == full


@given(intervals)
def test_sweep_with_datetimes(ivs):
    base = dt.datetime(2027, 1, 1)
    as_dt = [(base + dt.timedelta(hours=a), base + dt.timedelta(hours=b), n, t)
             for a, b, n, t in ivs]
    assert list(peak_overlaps(as_dt, limit=2)) == list(peak_overlaps(ivs, limit=2))


def test_simultaneous_identical_sessions_still_exceed_the_inventory(mini_ws):
    """Two sessions at the same time are summed in the fast pass and named in the finding."""
    change_lab(mini_ws, lambda lab: attrs.evolve(lab, inventory=tuple(
        attrs.evolve(item, quantity=7) if item.id == "tablet" else item for item in lab.inventory
    )))

    def twin(m):  # a second, identical session at the same time at the town hall
        first = m.phase(1).sessions[0]
        return add_session(m, 1, attrs.evolve(first, id="lohra-p1-02", venue="rathaus"))

    change_municipality(mini_ws, "lohra", twin)
    found = [f for f in run_checks(Workspace.load(mini_ws)) if f.code == "inventory"]
    # 12 expected participants need 4 tablets each: 8 at once, the tool case has 7
    assert any("8 x Tablet needed at the same time (lohra-p1-01, lohra-p1-02)" in f.message
               for f in found), [f.message for f in found]


def test_team_overload_is_still_found(mini_ws):
    change_lab(mini_ws, lambda lab: attrs.evolve(lab, team=lab.team[:1]))
    found = [f for f in run_checks(Workspace.load(mini_ws)) if f.code == "team"]
    assert found and "the team has 1" in found[0].message
