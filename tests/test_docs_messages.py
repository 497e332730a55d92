"""The messages docs/plugins.md and docs/hooks.md quote are the ones the code prints.

Two kinds of quotes:

- Blocks of pytest output, marked with a line before the code block::

      <!-- output: check-plugin-malformed-format -->

  equal, line for line, what the scenario of that name prints (absolute paths written as
  ``...``).
- Messages quoted inline in the troubleshooting section (:data:`QUOTES`): each is in the guide
  (line breaks aside) and matches what its scenario prints, ``...`` standing for any text.

Scenarios run the example plugin werkzeugkoffer-jugend, installed for the test (an entry point
``jugend`` on ``sys.path``), with one mistake each.
"""

import re
import shutil
import sys
import warnings
from pathlib import Path

import pytest
from werkzeugkoffer import Workspace, get_catalogue, hookimpl, run_checks
from werkzeugkoffer.testing import PluginCheckError, check_plugin

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "plugins.md"
DOCS = [GUIDE, ROOT / "docs" / "hooks.md"]
JUGEND = ROOT / "examples" / "werkzeugkoffer-jugend" / "werkzeugkoffer_jugend"
# the scenarios break the plugin on purpose; its warnings are looked at where they matter
pytestmark = pytest.mark.filterwarnings("ignore::werkzeugkoffer.pluginmanager.PluginWarning")
OUTPUT_RE = re.compile(r"<!-- output: (?P<name>[\w-]+) -->\n```text\n(?P<body>.*?)```\n", re.DOTALL)


@pytest.fixture
def jugend(third_party):
    """Install a copy of werkzeugkoffer-jugend; ``edit(file, old, new)`` changes one of its
    files. Yields ``(site, edit)``."""
    site = third_party("werkzeugkoffer-jugend", {"jugend": "werkzeugkoffer_jugend"}, {})
    package = Path(shutil.copytree(JUGEND, site / "werkzeugkoffer_jugend",
                                   ignore=shutil.ignore_patterns("__pycache__")))

    def edit(name, old, new):
        path = package / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    sys.modules.pop("werkzeugkoffer_jugend", None)
    try:
        yield site, edit
    finally:
        sys.modules.pop("werkzeugkoffer_jugend", None)


def pytest_lines(exc: BaseException, site: Path, call: str | None = None) -> str:
    """An exception as pytest shows it under the failing line (``E`` lines)."""
    kind = f"{type(exc).__module__}.{type(exc).__qualname__}"
    text = f"{kind}: {exc}".replace(str(site), "...")
    lines = [f">       {call}"] if call else []
    lines += [f"E       {line}" for line in text.splitlines()]
    return "\n".join(lines) + "\n"


def output_blocks() -> dict[str, str]:
    return {m["name"]: m["body"] for doc in DOCS
            for m in OUTPUT_RE.finditer(doc.read_text(encoding="utf-8"))}


def quoted_output(name: str) -> str:
    found = output_blocks()
    assert name in found, f"the docs have no block <!-- output: {name} -->"
    return found[name]


def test_every_output_block_has_a_scenario():
    assert set(output_blocks()) == {"check-plugin-malformed-format", "check-plugin-test-kit-only",
                                    "check-jugend-schulzeit"}


def test_the_hooks_doc_quotes_the_example_check_as_check_prints_it(jugend, tmp_path):
    from click.testing import CliRunner
    from werkzeugkoffer.cli import cli

    ws = Path(shutil.copytree(JUGEND.parent / "beispiel-labor", tmp_path / "labor"))
    path = ws / "gemeinden" / "musterdorf.toml"
    text = path.read_text(encoding="utf-8").replace("date = 2027-03-13", "date = 2027-03-15", 1)
    text = text.replace('start = "14:00"\nend = "16:00"', 'start = "10:00"\nend = "12:00"', 1)
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["-w", str(ws), "check"])
    lines = [line + "\n" for line in result.stdout.splitlines() if "[jugend-schulzeit]" in line]
    assert lines == [quoted_output("check-jugend-schulzeit")], result.output


def test_the_guide_quotes_a_malformed_format_as_check_plugin_prints_it(jugend):
    site, edit = jugend
    edit("formate/ortscheck.toml", "minutes = 60", "minutes = 50")  # 10 minutes short
    with pytest.raises(PluginCheckError) as info:
        check_plugin("jugend", render=False, results=False)
    shown = pytest_lines(info.value, site, call='report = check_plugin("jugend")')
    assert shown == quoted_output("check-plugin-malformed-format")


def test_the_guide_quotes_what_only_the_test_kit_catches(jugend):
    site, edit = jugend
    edit("formate/ortscheck.toml", 'field = "orte"\naggregate = "sum"',
         'field = "orte"\naggregate = "count"')
    import werkzeugkoffer_jugend

    def check_school_hours(context):  # the crash the guide describes: an unknown venue
        for municipality in context.municipalities.values():
            for phase in municipality.phases:
                for session in phase.sessions:
                    if session.format.startswith("jugend."):
                        municipality.venue(session.venue).indoor

        return []

    werkzeugkoffer_jugend.check_school_hours = check_school_hours
    with pytest.raises(PluginCheckError) as info:
        check_plugin("jugend", render=False, results=False)
    assert pytest_lines(info.value, site) == quoted_output("check-plugin-test-kit-only")


def quote_matches(quote: str, message: str) -> bool:
    pattern = ".*?".join(re.escape(part) for part in quote.split("..."))
    return re.search(pattern, message, re.DOTALL) is not None


def in_guide(quote: str) -> bool:
    return " ".join(quote.split()) in " ".join(GUIDE.read_text(encoding="utf-8").split())


def catalogue_warnings() -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        get_catalogue()
    return [str(w.message) for w in caught]


QUOTES = {
    "malformed": 'Plugin "jugend" failed in register_formats: FormatError: .../ortscheck.toml: '
                 "format is malformed",
    "typo": 'InputError: .../ortscheck.toml: unknown field: titel (did you mean "title"?)',
    "broken": 'plugin "jugend" is broken: ...; 3 sessions use its formats and cannot be checked '
              "or printed: ...",
    "crashed": 'check "check_school_hours" of plugin "jugend" crashed on Lohra: ...',
    "workspace-typo": 'formate/x.toml: unknown field: titel (did you mean "title"?)',
}


@pytest.mark.parametrize("quote", QUOTES)
def test_quote_is_in_the_guide(quote):
    assert in_guide(QUOTES[quote]), f"docs/plugins.md no longer quotes: {QUOTES[quote]}"


def test_troubleshooting_quotes_of_a_broken_format_file(jugend, mini_ws):
    site, edit = jugend
    edit("formate/ortscheck.toml", "minutes = 60", "minutes = 50")
    (malformed,) = [w for w in catalogue_warnings() if "jugend" in w]
    assert quote_matches(QUOTES["malformed"], malformed), malformed
    # three sessions of the lab use the broken plugin's formats
    lohra = mini_ws / "gemeinden" / "lohra.toml"
    text = lohra.read_text(encoding="utf-8")
    formats = re.findall(r'format = "([\w.-]+)"', text)
    for fid in formats:
        text = text.replace(f'format = "{fid}"', 'format = "jugend.ortscheck"')
    lohra.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        findings = run_checks(Workspace.load(mini_ws))
    (broken,) = [f.message for f in findings if f.code == "broken-plugin"]
    if len(formats) == 3:
        assert quote_matches(QUOTES["broken"], broken), broken
    else:  # the guide's example has three sessions; the message has the same shape
        assert quote_matches(QUOTES["broken"].replace("3 sessions", f"{len(formats)} sessions"),
                             broken), broken


def test_troubleshooting_quote_of_a_typo_d_key(jugend):
    site, edit = jugend
    edit("formate/ortscheck.toml", "\ntitle = ", "\ntitel = ")
    (typo,) = [w for w in catalogue_warnings() if "jugend" in w]
    assert quote_matches(QUOTES["typo"], typo), typo
    assert "required field missing" not in typo  # the typo is told once
    assert str(site) in typo  # warnings of other commands keep the full path


def test_troubleshooting_quote_of_a_crashed_check(mini_ws, wk_plugin_manager):
    class Jugend:
        @staticmethod
        @hookimpl
        def register_checks(register):
            def check_school_hours(context):
                raise AttributeError("'NoneType' object has no attribute 'indoor'")

            register(check_school_hours)

    wk_plugin_manager(Jugend(), "jugend")
    (crashed,) = [f.message for f in run_checks(Workspace.load(mini_ws))
                  if f.code == "check-crashed"]
    assert quote_matches(QUOTES["crashed"], crashed), crashed


def test_troubleshooting_quote_of_a_typo_in_a_workspace_format(mini_ws):
    from werkzeugkoffer import WerkzeugkofferError

    (mini_ws / "formate").mkdir()
    source = (ROOT / "plugins" / "digital" / "formate" / "datensafari.toml").read_text("utf-8")
    source = source.replace('id = "digital.datensafari"', 'id = "labor.x"', 1)
    (mini_ws / "formate" / "x.toml").write_text(source.replace("\ntitle = ", "\ntitel = ", 1),
                                               encoding="utf-8")
    with pytest.raises(WerkzeugkofferError) as info:
        Workspace.load(mini_ws).catalogue
    assert quote_matches(QUOTES["workspace-typo"], str(info.value)), str(info.value)
