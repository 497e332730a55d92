"""Did you mean: every lookup of a typed name that fails names the closest known name.

Keys of workspace files, venues, Ortsteile, inventory ids, output formats, plan templates,
municipalities (format ids and hooks: tests/test_checks.py and tests/test_plugins.py).
"""

from click.testing import CliRunner
from werkzeugkoffer import Workspace, run_checks
from werkzeugkoffer.cli import cli
from werkzeugkoffer.names import closest, did_you_mean


def run_cli(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_closest_ignores_case_and_keeps_the_known_spelling():
    assert closest("altenferz", ["Lohra", "Altenvers", "Damm"]) == "Altenvers"
    assert did_you_mean("lohra", ["Lohra"]) == ' (did you mean "Lohra"?)'
    assert did_you_mean("Lohra", ["Lohra"]) == ""
    assert did_you_mean("xyz", ["Lohra"]) == ""


def test_typod_keys_get_a_did_you_mean(mini_ws):
    """Defect 5: a typo'd key got no "did you mean"."""
    path = mini_ws / "gemeinden" / "lohra.toml"
    text = path.read_text(encoding="utf-8").replace("expected = 12", "expectd = 12", 1)
    path.write_text(text.replace("main_town =", "maintown =", 1), encoding="utf-8")
    result = run_cli("-w", mini_ws, "check")
    assert result.exit_code == 2
    assert ('gemeinden/lohra.toml: phases[0].sessions[0]: unknown field: expectd (did you '
            'mean "expected"?)') in result.output
    assert 'unknown field: maintown (did you mean "main_town"?)' in result.output


def test_unknown_venue_and_ortsteil_get_a_did_you_mean(mini_ws):
    path = mini_ws / "gemeinden" / "lohra.toml"
    text = path.read_text(encoding="utf-8").replace('venue = "dgh-altenvers"',
                                                    'venue = "dgh-altenfers"')
    path.write_text(text.replace('ortsteil = "Altenvers"', 'ortsteil = "Altenferz"'),
                    encoding="utf-8")
    findings = run_checks(Workspace.load(mini_ws))
    (venue,) = [f for f in findings if f.code == "unknown-venue"]
    assert 'unknown venue "dgh-altenfers" (did you mean "dgh-altenvers"?)' in venue.message
    (ortsteil,) = [f for f in findings if f.code == "venue-ortsteil"]
    assert 'lies in "Altenferz", which is not among the Ortsteile (did you mean "Altenvers"?)' \
        in ortsteil.message


def test_inventory_ids_output_formats_templates_and_municipalities(mini_ws):
    import tomlkit
    from werkzeugkoffer import get_catalogue, to_plain

    data = to_plain(get_catalogue()["digital.datensafari"])
    data["id"] = "labor.safari"
    data["materials"][0]["inventory"] = "tablett"
    (mini_ws / "formate").mkdir()
    (mini_ws / "formate" / "safari.toml").write_text(tomlkit.dumps(data), encoding="utf-8")
    path = mini_ws / "gemeinden" / "lohra.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'format = "digital.datensafari"', 'format = "labor.safari"', 1), encoding="utf-8")
    (missing,) = [f for f in run_checks(Workspace.load(mini_ws)) if f.code == "inventory-missing"]
    assert 'which labor.toml does not list (did you mean "tablet"?)' in missing.message
    result = run_cli("-w", mini_ws, "kit", "build", "--format", "pfd")
    assert result.exit_code == 2
    assert 'unknown kit format "pfd" (did you mean "pdf"?)' in result.output
    result = run_cli("-w", mini_ws, "check", "lohro")
    assert 'unknown municipality "lohro" (did you mean "lohra"?)' in result.output
