"""Each check finds what it should, with severity and location."""

import datetime as dt

import attrs
import pytest
from fixtures import (
    add_session,
    change_lab,
    change_municipality,
    safari,
    with_phase,
    with_session,
    with_venue,
)
from werkzeugkoffer import Severity, Workspace, has_errors, run_checks


def findings_of(root, code=None):
    found = run_checks(Workspace.load(root))
    return [f for f in found if code is None or f.code == code]


def change(root, edit):
    """Change Lohra's file: ``edit`` takes and returns the municipality."""
    change_municipality(root, "lohra", edit)


def change_session(root, session_id, **changes):
    change(root, lambda m: with_session(m, session_id, **changes))


def test_mini_workspace_has_no_errors(mini_ws):
    found = findings_of(mini_ws)
    assert not has_errors(found), [str(f) for f in found]
    # it offers one theme only: the theme check warns, naming the missing themes
    themes = [f for f in found if f.code == "themes"]
    assert themes and all(f.severity is Severity.WARNING for f in themes)
    assert "Kreativ, Partizipativ" in themes[0].message
    assert themes[0].file == "gemeinden/lohra.toml" and themes[0].path == "phases[0]"


def test_exactly_two_phases(mini_ws):
    change(mini_ws, lambda m: with_phase(m, 2, number=1))
    (f,) = findings_of(mini_ws, "phases")
    assert f.severity is Severity.ERROR and "exactly two phases" in f.message


def test_phase_length_and_gap(mini_ws):
    change(mini_ws, lambda m: with_phase(m, 1, end=dt.date(2027, 5, 11)))
    assert "lasts 10.3 weeks" in findings_of(mini_ws, "phase-length")[0].message
    gap = findings_of(mini_ws, "phase-gap")[0]
    assert "at least 4 weeks after phase 1 ends (2027-05-11)" in gap.message
    assert gap.path == "phases[1].start"


def test_session_outside_phase_and_times(mini_ws):
    change_session(mini_ws, "lohra-p1-01", date=dt.date(2027, 4, 20), end=dt.time(9, 0))
    (outside,) = findings_of(mini_ws, "session-outside-phase")
    assert outside.path == "phases[0].sessions[0]"
    assert "ends (09:00) before it starts (10:00)" in findings_of(mini_ws, "session-times")[0].message


def test_unknown_venue_and_format_with_suggestion(mini_ws):
    change_session(mini_ws, "lohra-p1-01", venue="dgh-altenferz", format="digital.datensafary")
    assert 'unknown venue "dgh-altenferz"' in findings_of(mini_ws, "unknown-venue")[0].message
    message = findings_of(mini_ws, "unknown-format")[0].message
    assert 'did you mean "digital.datensafari"' in message
    change_session(mini_ws, "lohra-p1-01", format="datensafari")
    assert 'did you mean "digital.datensafari"' in findings_of(mini_ws, "unknown-format")[0].message


def test_participants_out_of_bounds(mini_ws):
    change_session(mini_ws, "lohra-p1-01", expected=400)
    (f,) = findings_of(mini_ws, "participants")
    assert "400 expected participants" in f.message and "5-20" in f.message


def add_safari(root, session_id, date, start, end, venue="dgh-altenvers", expected=12):
    """Add a Datensafari to phase 1."""
    session = safari(session_id, date, venue, start=start, end=end, expected=expected)
    change(root, lambda m: add_session(m, 1, session))


def test_venue_overlap(mini_ws):
    add_safari(mini_ws, "lohra-p1-02", dt.date(2027, 3, 13), dt.time(11, 0), dt.time(13, 0))
    (f,) = findings_of(mini_ws, "venue-overlap")
    assert '"lohra-p1-01" and "lohra-p1-02" overlap' in f.message
    # back to back is fine
    change_session(mini_ws, "lohra-p1-02", start=dt.time(12, 30))
    assert not findings_of(mini_ws, "venue-overlap")


def test_inventory_and_team(mini_ws):
    # 12 tablets: two simultaneous sessions with 20 participants need 7 each
    add_safari(mini_ws, "lohra-p1-02", dt.date(2027, 3, 13), dt.time(11, 0), dt.time(13, 0),
               venue="rathaus", expected=20)
    change_session(mini_ws, "lohra-p1-01", expected=20)
    inventory = findings_of(mini_ws, "inventory")
    tablets = [f for f in inventory if "x Tablet needed at the same time" in f.message]
    assert tablets and "14 x Tablet" in tablets[0].message
    assert "(lohra-p1-01, lohra-p1-02), the tool case has 12" in tablets[0].message
    team = findings_of(mini_ws, "team")
    assert team and team[0].severity is Severity.WARNING and "the team has 2" in team[0].message


def test_inventory_item_missing_from_lab(mini_ws):
    change_lab(mini_ws, lambda lab: attrs.evolve(lab, inventory=tuple(
        attrs.evolve(item, id="akku") if item.id == "powerbank" else item for item in lab.inventory
    )))
    f = findings_of(mini_ws, "inventory-missing")[0]
    assert 'inventory id "powerbank"' in f.message and f.severity is Severity.ERROR


def test_reach_into_ortsteile(mini_ws):
    change_session(mini_ws, "lohra-p1-01", venue="rathaus")
    first, second = findings_of(mini_ws, "reach")  # phase 2 is in the main town already
    assert "phase 1 reaches only the main town" in first.message and "Altenvers" in first.message
    assert "phase 2 reaches only the main town" in second.message


def test_public_holiday_and_quiet_day(mini_ws):
    change_session(mini_ws, "lohra-p2-01", date=dt.date(2027, 5, 27))  # Fronleichnam 2027
    (f,) = findings_of(mini_ws, "holiday")
    assert "Fronleichnam" in f.message
    change(mini_ws, lambda m: with_venue(m, "dgh-altenvers", indoor=False))
    change_session(mini_ws, "lohra-p1-01", date=dt.date(2027, 3, 27))  # Holy Saturday 2027
    assert "Karsamstag" in findings_of(mini_ws, "quiet-day")[0].message


def test_duplicate_session_ids(mini_ws):
    change_session(mini_ws, "lohra-p2-01", id="lohra-p1-01")
    assert findings_of(mini_ws, "duplicate-session-id")


def test_plugin_check_via_hook(mini_ws):
    from werkzeugkoffer import hookimpl
    from werkzeugkoffer.checks import warning
    from werkzeugkoffer.pluginmanager import load_plugins

    class Plugin:
        @hookimpl
        def register_checks(register):
            def no_saturdays(ctx):
                for slug, m in ctx.municipalities.items():
                    for p in m.phases:
                        for s in p.sessions:
                            if s.date.weekday() == 5:
                                yield warning("no-saturday", f"{s.id} on a Saturday", file=ctx.file(slug))

            register(no_saturdays)

    pm = load_plugins()
    pm.register(Plugin, "test-saturdays")
    try:
        assert [f.message for f in findings_of(mini_ws, "no-saturday")] == [
            "lohra-p1-01 on a Saturday", "lohra-p2-01 on a Saturday"
        ]
    finally:
        pm.unregister(name="test-saturdays")


def test_select_unknown_municipality(mini_ws):
    from werkzeugkoffer import WorkspaceError

    with pytest.raises(WorkspaceError, match='unknown municipality "lohr" \\(did you mean "lohra"\\?\\)'):
        run_checks(Workspace.load(mini_ws), ["lohr"])


def test_session_shorter_than_agenda(mini_ws):
    change_session(mini_ws, "lohra-p1-01", end=dt.time(11, 30))
    (f,) = findings_of(mini_ws, "session-duration")
    assert f.severity is Severity.WARNING
    assert "90 minutes (10:00-11:30)" in f.message and "takes 150 minutes" in f.message
