"""Commands that print from the plan refuse (or warn) when the check finds errors.

``kit build`` and ``einsatzplan`` (a page of the kit) refuse with exit 1 and the errors listed
(what they print would send people to wrong places); ``report`` and ``results blank`` write
anyway (what was recorded must not wait for a fixed plan) and warn, listing the errors
(``results blank`` names the sheets that may change after the fix).
"""

import attrs
from click.testing import CliRunner
from fixtures import change_municipality, with_session
from werkzeugkoffer.cli import cli


def run_cli(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def typo_in_venue(ws, session_id="lohra-p1-01"):
    change_municipality(ws, "lohra", lambda m: with_session(m, session_id, venue="dgh-altenfers"))


UNKNOWN = ('gemeinden/lohra.toml: phases[0].sessions[0].venue: session "lohra-p1-01": unknown '
           'venue "dgh-altenfers" (did you mean "dgh-altenvers"?)')


def test_einsatzplan_refuses_a_plan_with_errors_like_kit_build(mini_ws, tmp_path):
    typo_in_venue(mini_ws)
    kit = run_cli("-w", mini_ws, "kit", "build", "--format", "ics", "--out", tmp_path / "k")
    result = run_cli("-w", mini_ws, "einsatzplan", "lohra", "--format", "csv",
                     "-o", tmp_path / "e")
    assert kit.exit_code == result.exit_code == 1
    assert ("Error: the workspace check found 1 error; fix it before writing the staffing plan "
            "(werkzeugkoffer check)") in result.output
    assert UNKNOWN in result.output and UNKNOWN in kit.output
    assert not (tmp_path / "e").exists()


def test_einsatzplan_checks_only_its_municipality(mini_ws, tmp_path):
    from fixtures import mini_municipality, write_municipality

    other = attrs.evolve(mini_municipality(), name="Damm", ags="06534014")
    other = with_session(other, "lohra-p1-01", id="damm-p1-01", venue="nirgends")
    other = with_session(other, "lohra-p2-01", id="damm-p2-01")
    write_municipality(mini_ws, "damm", other)
    result = run_cli("-w", mini_ws, "einsatzplan", "lohra", "--format", "csv",
                     "-o", tmp_path / "e")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "e" / "lohra-phase-1.csv").exists()
    refused = run_cli("-w", mini_ws, "einsatzplan", "damm", "--format", "csv",
                      "-o", tmp_path / "e")
    assert refused.exit_code == 1 and 'unknown venue "nirgends"' in refused.output


def test_report_warns_but_reports_what_was_recorded(mini_ws, tmp_path):
    """A report is made from recorded results; an error in the plan (here an unknown venue, in
    the example's tests a tool case short for a later session) must not hold it back."""
    typo_in_venue(mini_ws)
    for args in (["lohra"], []):
        result = run_cli("-w", mini_ws, "report", *args, "--format", "html", "-o", tmp_path / "r")
        assert result.exit_code == 0, result.output
        assert ("Warning: the workspace check found 1 error (werkzeugkoffer check); the report "
                "is written anyway from what was recorded: where the error concerns a session's "
                "place, the report may show it wrongly; write the report again once it is "
                "fixed") in result.output
        assert UNKNOWN in result.output
    assert (tmp_path / "r" / "lohra.html").exists() and (tmp_path / "r" / "labor.html").exists()


def test_einsatzplan_names_a_missing_phase_before_the_check(mini_ws, tmp_path):
    from fixtures import without_phase

    change_municipality(mini_ws, "lohra", lambda m: without_phase(m, 2))  # a check error too
    result = run_cli("-w", mini_ws, "einsatzplan", "lohra", "--phase", "2", "--format", "csv",
                     "-o", tmp_path)
    assert result.exit_code == 2
    assert "gemeinden/lohra.toml: phases: no phase 2" in result.output


def test_results_blank_warns_and_names_the_sheets_that_may_change(mini_ws, tmp_path):
    typo_in_venue(mini_ws)
    result = run_cli("-w", mini_ws, "results", "blank", "--gemeinde", "lohra", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert ("Warning: the workspace check found 1 error (werkzeugkoffer check); the blank sheets "
            "are written anyway, but the sheets of lohra-p1-01 may change once it is fixed: "
            "write them again then") in result.output
    assert UNKNOWN in result.output
    assert (tmp_path / "ergebnis-lohra-p1-01.csv").exists()
    assert (tmp_path / "ergebnis-lohra-p2-01.csv").exists()
    # a sheet the error does not touch is written without a warning
    quiet = run_cli("-w", mini_ws, "results", "blank", "lohra-p2-01", "-o", tmp_path / "q")
    assert quiet.exit_code == 0 and "Warning" not in quiet.output


def test_the_guards_in_german(mini_ws, tmp_path, monkeypatch):
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    typo_in_venue(mini_ws)
    result = run_cli("-w", mini_ws, "einsatzplan", "lohra", "--format", "csv",
                     "-o", tmp_path / "e")
    assert result.exit_code == 1
    assert ("Fehler: die Prüfung des Arbeitsbereichs hat 1 Fehler gefunden; beheben Sie ihn, "
            "bevor Sie den Einsatzplan schreiben (werkzeugkoffer check)") in result.output
    result = run_cli("-w", mini_ws, "report", "lohra", "--format", "html", "-o", tmp_path / "r")
    assert result.exit_code == 0
    assert ("Warnung: die Prüfung des Arbeitsbereichs hat 1 Fehler gefunden (werkzeugkoffer "
            "check); der Bericht wird trotzdem aus dem Erfassten geschrieben:") in result.output
    result = run_cli("-w", mini_ws, "results", "blank", "--gemeinde", "lohra", "-o", tmp_path)
    assert ("Warnung: die Prüfung des Arbeitsbereichs hat 1 Fehler gefunden (werkzeugkoffer "
            "check); die leeren Bögen sind trotzdem geschrieben, aber die Bögen von lohra-p1-01 "
            "können sich ändern, sobald er behoben ist: schreiben Sie sie dann neu") \
        in result.output
