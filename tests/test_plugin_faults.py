"""Every plugin fault is contained and named: checks, findings, templates, hook answers.

The plugin and the hook (or check) are named, that contribution is skipped, the rest keeps
working, and the exit code says so.
"""

import json
import shutil
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from werkzeugkoffer import (
    Finding,
    Severity,
    Workspace,
    get_catalogue,
    has_errors,
    hookimpl,
    run_checks,
)
from werkzeugkoffer.cli import cli


def two_municipalities(ws: Path) -> Path:
    """Add a second municipality (Damm) to the mini workspace."""
    text = (ws / "gemeinden" / "lohra.toml").read_text(encoding="utf-8")
    text = text.replace('name = "Lohra"', 'name = "Damm"').replace("lohra-p", "damm-p")
    text = text.replace('ags = "06534013"', 'ags = "06534099"')
    (ws / "gemeinden" / "damm.toml").write_text(text, encoding="utf-8")
    return ws


def checks_plugin(*checks, name=None):
    """A plugin (module object) registering the given check functions."""
    plugin = types.ModuleType(name or "wkt_pruefungen")

    @hookimpl
    def register_checks(register):
        for check in checks:
            register(check)

    plugin.register_checks = register_checks
    return plugin


def run_cli(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


# -- checks ---------------------------------------------------------------------------------------


def test_a_check_raising_on_one_municipality_is_an_error_naming_check_plugin_and_municipality(
    mini_ws, wk_plugin_manager
):
    """Issue 14 defect 6 and issue 15: the warning named only the function; check exited 0."""

    def check_damm(context):
        for slug, m in context.municipalities.items():
            if m.name == "Damm":
                raise RuntimeError("Prüfung kaputt")
            yield Finding(severity=Severity.WARNING, code="test-gesehen", message=m.name,
                          municipality=slug)

    wk_plugin_manager(checks_plugin(check_damm), "pruefungen")
    ws = two_municipalities(mini_ws)
    findings = run_checks(Workspace.load(ws))
    (crash,) = [f for f in findings if f.code == "check-crashed"]
    assert crash.severity is Severity.ERROR
    assert crash.message == (
        'check "check_damm" of plugin "pruefungen" crashed on Damm: RuntimeError: Prüfung kaputt; '
        "its findings for Damm are missing"
    )
    assert (crash.file, crash.municipality) == ("gemeinden/damm.toml", "damm")
    # the findings for the other municipality are kept
    assert [f.message for f in findings if f.code == "test-gesehen"] == ["Lohra"]
    result = run_cli("-w", ws, "check")
    assert result.exit_code == 1
    assert "check_damm" in result.output and "pruefungen" in result.output


def test_sys_exit_and_none_from_a_check_are_contained(mini_ws, wk_plugin_manager):
    def exits(context):
        sys.exit(3)

    def returns_none(context):
        return None

    wk_plugin_manager(checks_plugin(exits, returns_none), "pruefungen")
    findings = run_checks(Workspace.load(mini_ws))
    messages = {f.message for f in findings if f.code == "check-crashed"}
    assert 'check "exits" of plugin "pruefungen" crashed on Lohra: SystemExit: 3; its findings ' \
        "for Lohra are missing" in messages
    assert any('"returns_none"' in m and "returned None, expected an iterable" in m
               for m in messages)
    assert not any(f.code == "themes" and f.severity is Severity.ERROR for f in findings)
    assert any(f.code == "themes" for f in findings)  # the core's checks still ran


def test_a_malformed_finding_is_contained(mini_ws, wk_plugin_manager):
    """Defect 2: severity="warning" as a string crashed check and kit build with a traceback."""

    def string_severity(context):
        yield Finding(severity="warning", code="test-text", message="als Text")

    def not_a_finding(context):
        yield "kein Finding"
        yield {"severity": "error"}

    def bad_severity(context):
        yield Finding(severity="warnung", code="test-x", message="x")

    wk_plugin_manager(checks_plugin(string_severity, not_a_finding, bad_severity), "pruefungen")
    findings = run_checks(Workspace.load(mini_ws))
    (text,) = [f for f in findings if f.code == "test-text"]
    assert text.severity is Severity.WARNING  # "warning" is what the author meant
    (malformed,) = [f for f in findings if f.code == "check-malformed"]
    assert malformed.message == (
        'check "not_a_finding" of plugin "pruefungen" returned 2 malformed findings, left out '
        "(the first: str 'kein Finding'; expected werkzeugkoffer.Finding)"
    )
    (crash,) = [f for f in findings if f.code == "check-crashed"]
    assert "Finding.severity must be Severity.ERROR or Severity.WARNING, got 'warnung'" in \
        crash.message
    result = run_cli("-w", mini_ws, "check")
    assert result.exit_code == 1 and "Traceback" not in result.output
    result = run_cli("-w", mini_ws, "kit", "build", "--format", "ics", "-j", "1")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "not_a_finding" in result.output


def test_registering_something_that_is_no_check(mini_ws, wk_plugin_manager):
    plugin = types.ModuleType("wkt_kein_check")

    @hookimpl
    def register_checks(register):
        register("check_irgendwas")

    plugin.register_checks = register_checks
    wk_plugin_manager(plugin, "keincheck")
    with pytest.warns(UserWarning, match='plugin "keincheck" registered a check that is not'):
        findings = run_checks(Workspace.load(mini_ws))
    (invalid,) = [f for f in findings if f.code == "check-invalid"]
    assert invalid.severity is Severity.ERROR and "not callable (str)" in invalid.message


# -- a broken plugin ------------------------------------------------------------------------------

JUGEND = Path(__file__).resolve().parent.parent / "examples" / "werkzeugkoffer-jugend"


@pytest.fixture
def broken_jugend(tmp_path, third_party):
    """The example plugin installed with a typo'd key in one of its two format files."""
    formate = tmp_path / "jugend-formate"
    shutil.copytree(JUGEND / "werkzeugkoffer_jugend" / "formate", formate)
    path = formate / "ortscheck.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntitle = ", "\ntitel = ", 1),
                    encoding="utf-8")
    source = f"""
        from pathlib import Path
        from werkzeugkoffer import hookimpl, load_formats

        @hookimpl
        def register_formats(register):
            for fmt in load_formats(Path({str(formate)!r})):
                register(fmt)
    """
    third_party("wkt-jugend", {"jugend": "wkt_jugend"}, {"wkt_jugend": source})
    return formate


def test_a_broken_plugin_is_one_finding_not_one_unknown_format_per_session(
    broken_jugend, tmp_path
):
    """Defect 5: every session was reported as "unknown format ... did you mean"."""
    from werkzeugkoffer.testing import write_workspace

    with pytest.warns(UserWarning, match='Plugin "jugend" failed in register_formats'):
        formats = [get_catalogue()["digital.datensafari"]]
    root = write_workspace(tmp_path / "ws", formats)
    path = root / "gemeinden" / "beispiel.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'format = "digital.datensafari"', 'format = "jugend.ortscheck"'), encoding="utf-8")
    findings = run_checks(Workspace.load(root))
    assert not [f for f in findings if f.code == "unknown-format"]
    (broken,) = [f for f in findings if f.code == "broken-plugin"]
    assert broken.severity is Severity.ERROR
    assert broken.message.startswith(
        'plugin "jugend" is broken: register_formats raised InputError: ')
    assert "titel" in broken.message and 'did you mean "title"' in broken.message
    assert "2 sessions use its formats and cannot be checked or printed: " \
        "beispiel-p1-01, beispiel-p2-01" in broken.message
    assert (broken.file, broken.path) == ("gemeinden/beispiel.toml",
                                          "phases[0].sessions[0].format")


def test_an_unused_broken_plugin_is_a_warning(broken_jugend, mini_ws):
    with pytest.warns(UserWarning):
        findings = run_checks(Workspace.load(mini_ws))
    (fault,) = [f for f in findings if f.code == "plugin-fault"]
    assert fault.severity is Severity.WARNING
    assert fault.message.startswith('plugin "jugend" (register_formats): raised InputError')
    assert not has_errors(findings)


# -- templates ------------------------------------------------------------------------------------


def card_plugin(tmp_path, card: str, template: str = "karten/karte.html"):
    """A plugin with one format (a copy of the Datensafari) and its method card ``card``."""
    import attrs

    folder = tmp_path / "plugin-templates"
    (folder / "karten").mkdir(parents=True)
    (folder / "karten" / "karte.html").write_text(card, encoding="utf-8")
    fmt = attrs.evolve(get_catalogue()["digital.datensafari"], id="karten.safari",
                       title="Kartensafari", template=template)
    plugin = types.ModuleType("wkt_karten")

    @hookimpl
    def register_formats(register):
        register(fmt)

    @hookimpl
    def template_dirs():
        return [str(folder)]

    plugin.register_formats = register_formats
    plugin.template_dirs = template_dirs
    return plugin, folder / "karten" / "karte.html"


def use_format(ws: Path, format_id: str) -> Path:
    path = ws / "gemeinden" / "lohra.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'format = "digital.datensafari"', f'format = "{format_id}"', 1), encoding="utf-8")
    return ws


CARD = """{% extends "default:method_card.html" %}
{% block question %}
{{ super() }}
<p>Titel: {{ fmt.titel }}</p>
{% endblock %}
"""


def test_an_undefined_attribute_in_a_plugin_card_names_file_line_and_plugin(
    mini_ws, tmp_path, wk_plugin_manager
):
    """Defect 3: `{{ fmt.titel }}` gave no template name or line (syntax errors did)."""
    plugin, card = card_plugin(tmp_path, CARD)
    wk_plugin_manager(plugin, "karten")
    ws = use_format(mini_ws, "karten.safari")
    assert not has_errors(run_checks(Workspace.load(ws)))  # it compiles; it fails when rendered
    result = run_cli("-w", ws, "kit", "build", "--format", "html", "-j", "1")
    assert result.exit_code == 1
    assert f'template {card}, line 4 (plugin "karten"): UndefinedError:' in result.output
    assert "has no attribute 'titel' (did you mean \"title\"?)" in result.output
    assert "1 kit could not be built" in result.output  # phase 2's kit was built


def test_check_plugin_names_file_and_line_of_a_card_that_does_not_render(tmp_path):
    from werkzeugkoffer.testing import PluginCheckError, check_plugin

    plugin, card = card_plugin(tmp_path, CARD)
    plugin.NAMESPACES = ["karten"]
    with pytest.raises(PluginCheckError) as info:
        check_plugin(plugin, results=False)
    assert info.value.problems == [
        f"karten.safari: the kit of a one-session workspace does not render: template {card}, "
        "line 4 (plugin \"wkt_karten\"): UndefinedError: 'werkzeugkoffer.model.Format object' "
        "has no attribute 'titel' (did you mean \"title\"?)"
    ]


def test_a_missing_card_template_is_a_check_error(mini_ws, tmp_path, wk_plugin_manager):
    """Defect 3: a format naming a missing template silently got the default card."""
    plugin, _ = card_plugin(tmp_path, CARD, template="karten/kerte.html")
    wk_plugin_manager(plugin, "karten")
    ws = use_format(mini_ws, "karten.safari")
    findings = run_checks(Workspace.load(ws))
    (missing,) = [f for f in findings if f.code == "missing-template"]
    assert missing.severity is Severity.ERROR
    assert missing.message.startswith(
        'format "karten.safari" (plugin "karten") names the method card template '
        '"karten/kerte.html", which is in none of the template folders (did you mean '
        '"karten/karte.html"?); the kit would print the default card')
    assert (missing.file, missing.path) == ("gemeinden/lohra.toml", "phases[0].sessions[0].format")
    result = run_cli("-w", ws, "kit", "build", "--format", "html", "-j", "1")
    assert result.exit_code == 1 and "missing-template" in result.output


def test_a_card_that_does_not_compile_is_a_check_error(mini_ws, tmp_path, wk_plugin_manager):
    plugin, card = card_plugin(tmp_path, "<p>\n{{ fmt.title | gibtsnicht }}</p>")
    wk_plugin_manager(plugin, "karten")
    findings = run_checks(Workspace.load(use_format(mini_ws, "karten.safari")))
    (broken,) = [f for f in findings if f.code == "template-error"]
    assert f'its method card does not compile: template {card}, line 2 (plugin "karten"): ' \
        "TemplateAssertionError: No filter named 'gibtsnicht'" in broken.message


@pytest.mark.parametrize(
    "answer, message",
    [
        (42, 'Plugin "ordner" failed in template_dirs: returned int, expected a list of folders'),
        ([3], 'Plugin "ordner" failed in template_dirs: returned int 3 in its list'),
        (["/gibt/es/nicht"], "template folder /gibt/es/nicht does not exist"),
    ],
)
def test_a_bad_template_dirs_answer_is_named_and_skipped(answer, message, wk_plugin_manager,
                                                         mini_ws):
    from werkzeugkoffer.render.environment import search_path

    plugin = types.ModuleType("wkt_ordner")
    plugin.template_dirs = hookimpl(lambda: answer)
    plugin.template_dirs.__name__ = "template_dirs"
    wk_plugin_manager(plugin, "ordner")
    with pytest.warns(UserWarning, match=message.replace("(", r"\(").replace(")", r"\)")):
        dirs = search_path(mini_ws)
    assert dirs[-1].name == "templates"  # the defaults are still there
    result = run_cli("-w", mini_ws, "kit", "build", "--format", "html", "-j", "1")
    assert result.exit_code == 0, result.output


def test_a_bad_suggest_formats_answer_is_named_and_ignored(mini_ws, wk_plugin_manager):
    plugin = types.ModuleType("wkt_vorschlag")

    @hookimpl
    def suggest_formats(candidates):
        return ["digital.datensafari"]

    plugin.suggest_formats = suggest_formats
    wk_plugin_manager(plugin, "vorschlag")
    result = run_cli("-w", mini_ws, "suggest", "lohra", "--phase", "1")
    assert result.exit_code == 0, result.output
    assert 'plugin "vorschlag": suggest_formats returned list' in result.stderr


def test_plugin_faults_do_not_leak_into_later_runs(mini_ws, wk_plugin_manager):
    """Faults belong to the plugins loaded; unregistering a test plugin forgets them."""
    from werkzeugkoffer import pluginmanager

    assert not [f for f in pluginmanager.faults if f.plugin in ("pruefungen", "karten")]
    assert not [f for f in run_checks(Workspace.load(mini_ws)) if f.code == "plugin-fault"]


# -- werkzeugkoffer plugins -----------------------------------------------------------------------


def test_plugins_shows_a_broken_plugin_once_relative_to_its_folder_and_exits_1(third_party):
    """The outside author's finding: a broken plugin's whole message came three times (warning,
    BROKEN and problem line) with absolute paths, and ``plugins`` exited 0."""
    source = """
        from pathlib import Path
        from werkzeugkoffer import hookimpl, load_formats

        @hookimpl
        def register_formats(register):
            for fmt in load_formats(Path(__file__).parent / "wkt_jugend_formate"):
                register(fmt)
    """
    site = third_party("wkt-jugend", {"jugend": "wkt_jugend"}, {"wkt_jugend": source})
    formate = Path(shutil.copytree(JUGEND / "werkzeugkoffer_jugend" / "formate",
                                   site / "wkt_jugend_formate"))
    path = formate / "ortscheck.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntitle = ", "\ntitel = ", 1),
                    encoding="utf-8")
    result = run_cli("plugins")
    assert result.exit_code == 1, result.output
    assert result.output.count('unknown field: titel (did you mean "title"?)') == 1, result.output
    assert ('  BROKEN:  register_formats raised InputError: wkt_jugend_formate/ortscheck.toml: '
            in result.stdout)
    assert str(site) not in result.output
    assert "problem:" not in result.stdout and result.stderr == ""
    assert "1 broken (skipped)" in result.stdout
    result = run_cli("plugins", "--json")
    assert result.exit_code == 1
    (jugend,) = [p for p in json.loads(result.stdout) if p["name"] == "jugend"]
    assert jugend["folder"] == str(site) and jugend["problems"] == []
    assert jugend["broken"].startswith("register_formats raised InputError: wkt_jugend_formate/")
    assert 'plugin "jugend" is broken' not in result.stderr


def test_plugins_exits_0_when_no_plugin_is_broken():
    result = run_cli("plugins")
    assert result.exit_code == 0 and "broken" not in result.output


def test_debug_shows_the_traceback_of_a_crashed_check(mini_ws, wk_plugin_manager):
    """The outside author's finding: ``--debug`` did not show where in the plugin a check
    crashed. The core logs the traceback (logger ``werkzeugkoffer``, DEBUG); ``--debug`` shows
    it on stderr, without ``--debug`` it stays out."""

    def check_kaputt(context):
        raise RuntimeError("Prüfung kaputt")

    wk_plugin_manager(checks_plugin(check_kaputt, name="wkt_debug"), "debug")
    result = run_cli("-w", mini_ws, "--debug", "check")
    assert '[check-crashed] check "check_kaputt" of plugin "debug" crashed on Lohra: ' \
        "RuntimeError: Prüfung kaputt" in result.stderr
    assert "Traceback (most recent call last):" in result.stderr
    line = check_kaputt.__code__.co_firstlineno + 1
    assert f'File "{__file__}", line {line}, in check_kaputt' in result.stderr
    assert result.stderr.rstrip().endswith("RuntimeError: Prüfung kaputt")
    assert "check_kaputt" in result.stdout and "crashed on Lohra" in result.stdout  # the finding
    result = run_cli("-w", mini_ws, "check")
    assert result.exit_code == 1 and "crashed on Lohra" in result.stdout
    assert "Traceback" not in result.output
