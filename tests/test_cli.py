"""The command line: thin, helpful, exit codes 0/1/2, no tracebacks unless --debug."""

import json
import subprocess
import sys

from click.testing import CliRunner
from fixtures import change_municipality, with_session
from werkzeugkoffer import __version__
from werkzeugkoffer.cli import COMMANDS, cli


def run(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"werkzeugkoffer {__version__}"


def test_python_dash_m():
    out = subprocess.run(
        [sys.executable, "-m", "werkzeugkoffer", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"werkzeugkoffer {__version__}"


def test_every_command_has_help():
    result = run("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        sub = run(name, "--help")
        assert sub.exit_code == 0, (name, sub.output)
        assert "Usage:" in sub.output


def test_plugins_json_lists_builtin_plugins():
    result = run("plugins", "--json")
    assert result.exit_code == 0
    data = {p["name"]: p for p in json.loads(result.output)}
    assert {"digital", "kreativ", "partizipativ"} <= set(data)
    assert data["digital"]["version"] == __version__
    assert "register_formats" in data["digital"]["hooks"]
    assert "werkzeugkoffer.checks.builtin" not in data
    assert "werkzeugkoffer.checks.builtin" in {p["name"] for p in json.loads(run("plugins", "--all", "--json").output)}


def test_formats_list_and_show():
    result = run("formats", "list", "--json")
    assert result.exit_code == 0
    formats = json.loads(result.output)
    assert "digital.datensafari" in {f["id"] for f in formats}
    digital = json.loads(run("formats", "list", "--theme", "digital", "--json").output)
    assert digital and all(f["theme"] == "digital" for f in digital)
    text = run("formats", "list").output
    assert "Digital" in text and "digital.datensafari" in text
    card = run("formats", "show", "digital.datensafari")
    assert card.exit_code == 0
    for heading in ("Ablauf", "Material", "Einstiegsfrage", "Datenschutz", "Lizenz: CC BY-SA 4.0"):
        assert heading in card.output
    shown = json.loads(run("formats", "show", "digital.datensafari", "--json").output)
    assert shown["id"] == "digital.datensafari" and shown["plugin"] == "digital"


def test_formats_show_ends_with_its_plugin_and_names_result_types_as_the_sheets_do(
        monkeypatch, mini_ws):
    """The outside author's finding: under the German card, English printed 'Source: plugin
    "dorfleben"', German two "Quelle:" lines; result types showed as ids only ([count])."""
    english = run("formats", "show", "partizipativ.tempo-challenge").output
    assert english.rstrip().endswith("Plugin: partizipativ")
    assert "Source:" not in english and english.count("Quelle:") == 1  # the method's source
    # the card is German: what the sheet asks for, and the type id for format authors
    assert "  - Ausgefüllte Umfragen (Papier und Tablet, Anzahl) [count]\n" in english
    assert "  - Welches Tempo wünschen Sie sich im Ortsteil? (Stimmen) [choice_votes]\n" in english
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    german = run("formats", "show", "partizipativ.tempo-challenge").output
    assert german.rstrip().endswith("Plugin: partizipativ") and german.count("Quelle:") == 1
    assert "  - Ausgefüllte Umfragen (Papier und Tablet, Anzahl)\n" in german
    assert "  - Stellen auf den Karten (ein Punkt je Zeile)\n" in german
    assert "[count]" not in german and "[map_points]" not in german
    # a workspace's own format names its file
    (mini_ws / "formate").mkdir()
    from pathlib import Path

    safari = Path(__file__).resolve().parent.parent / "plugins/digital/formate/datensafari.toml"
    (mini_ws / "formate" / "safari.toml").write_text(safari.read_text(encoding="utf-8").replace(
        'id = "digital.datensafari"', 'id = "labor.safari"', 1), encoding="utf-8")
    own = run("-w", mini_ws, "formats", "show", "labor.safari")
    assert own.exit_code == 0, own.output
    assert own.output.rstrip().endswith("Datei im Arbeitsbereich: formate/safari.toml")


def test_unknown_format_suggests():
    result = run("formats", "show", "digital.datensafary")
    assert result.exit_code == 2
    assert 'unknown format "digital.datensafary" (did you mean "digital.datensafari"?)' in result.output
    assert "Traceback" not in result.output


def test_check_exit_codes(mini_ws):
    ok = run("-w", mini_ws, "check")
    assert ok.exit_code == 0, ok.output
    assert "1 municipality checked: 0 errors" in ok.output
    change_municipality(mini_ws, "lohra", lambda m: with_session(m, "lohra-p2-01", venue="kirche"))
    failed = run("-w", mini_ws, "check")
    assert failed.exit_code == 1
    assert 'error: gemeinden/lohra.toml: phases[1].sessions[0].venue: session "lohra-p2-01": unknown venue "kirche"' in failed.output
    as_json = json.loads(run("-w", mini_ws, "check", "--json").output.split("\nError:")[0])
    assert {"severity": "error", "code": "unknown-venue"}.items() <= as_json[0].items()
    path = mini_ws / "gemeinden" / "lohra.toml"
    path.write_text("name = ")
    broken = run("-w", mini_ws, "check")
    assert broken.exit_code == 2
    assert ("gemeinden/lohra.toml: name: missing value or text without quotes (write key = "
            '"text") (line 1, column 8)') in broken.output
    assert "Traceback" not in broken.output


def test_debug_shows_traceback(tmp_path):
    result = run("-w", tmp_path / "nope", "--debug", "check")
    assert result.exit_code == 1 and result.exception is not None
    assert "workspace folder not found" in str(result.exception)


def test_missing_workspace_message(tmp_path):
    result = run("-w", tmp_path, "check")
    assert result.exit_code == 2
    assert "not a workspace (labor.toml missing)" in result.output


def test_init_minimal_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "neu"
    assert run("init", target).exit_code == 0
    assert (target / "labor.toml").is_file() and (target / "gemeinden").is_dir()
    assert run("-w", target, "check").exit_code == 0
    again = run("init", target)
    assert again.exit_code == 2 and "folder is not empty" in again.output
    forced = run("init", target, "--force")
    assert forced.exit_code == 2 and "would overwrite labor.toml; nothing written" in forced.output


def test_shell_completion_script():
    from pathlib import Path

    script = Path(sys.executable).parent / "werkzeugkoffer"
    out = subprocess.run(
        [str(script)], env={"_WERKZEUGKOFFER_COMPLETE": "bash_source", "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True,
    )
    assert "_werkzeugkoffer_completion()" in out.stdout
    assert "complete -o nosort -F _werkzeugkoffer_completion werkzeugkoffer" in out.stdout


def test_written_files_get_normal_permissions(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        assert run("init", tmp_path / "ws").exit_code == 0
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "ws" / "labor.toml").stat().st_mode)
    assert mode == 0o644
