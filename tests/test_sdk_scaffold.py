"""``werkzeugkoffer plugin new``: the scaffold of a plugin package (installed for real in
test_external_plugin.py)."""

import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from werkzeugkoffer import InputError, Workspace, has_errors, load_formats, run_checks
from werkzeugkoffer.cli import cli
from werkzeugkoffer.testing import check_plugin
from werkzeugkoffer.testing.scaffold import PluginNames, create_plugin

TEMPLATES = Path(__file__).resolve().parent.parent / "core" / "testing" / "scaffold_templates"
EXPECTED = {
    ".gitignore",
    "README.md",
    "pyproject.toml",
    "beispiel-labor/labor.toml",
    "beispiel-labor/gemeinden/musterdorf.toml",
    "tests/test_plugin.py",
    "werkzeugkoffer_jugend/__init__.py",
    "werkzeugkoffer_jugend/formate/ideenwand.toml",
    "werkzeugkoffer_jugend/templates/jugend/methodenkarte.html",
}


@pytest.fixture
def scaffolded(tmp_path):
    """A new plugin "jugend", importable from tmp_path (not installed)."""
    root, written = create_plugin("jugend", tmp_path / "werkzeugkoffer-jugend")
    sys.path.insert(0, str(root))
    try:
        yield root, written
    finally:
        sys.path.remove(str(root))
        sys.modules.pop("werkzeugkoffer_jugend", None)


def test_scaffold_writes_a_complete_package(scaffolded):
    root, written = scaffolded
    assert {p.relative_to(root).as_posix() for p in written} == EXPECTED
    for path in written:
        text = path.read_text(encoding="utf-8")
        for token in ("__NAME__", "__MODULE__", "__DIST__", "__WK_VERSION__"):
            assert token not in text and token not in str(path), (path, token)
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == "werkzeugkoffer-jugend"
    assert project["project"]["entry-points"]["werkzeugkoffer"] == {
        "jugend": "werkzeugkoffer_jugend"
    }
    assert project["project"]["dependencies"][0].startswith("werkzeugkoffer>=")
    assert {"pytest>=8", "hypothesis>=6.100"} <= set(
        project["project"]["optional-dependencies"]["test"]
    )
    data = project["tool"]["setuptools"]["package-data"]["werkzeugkoffer_jugend"]
    assert "formate/*.toml" in data and "templates/**/*.html" in data


def test_scaffold_format_is_valid_and_namespaced(scaffolded):
    root, _ = scaffolded
    (fmt,) = load_formats(root / "werkzeugkoffer_jugend" / "formate")
    assert fmt.id == "jugend.ideenwand"
    assert fmt.template == "jugend/methodenkarte.html"


def test_scaffold_passes_the_test_kit(scaffolded):
    import werkzeugkoffer_jugend

    report = check_plugin(werkzeugkoffer_jugend)
    assert report.format_ids == ["jugend.ideenwand"]
    assert report.template_dirs == [scaffolded[0] / "werkzeugkoffer_jugend" / "templates"]
    for html in report.kit_html.values():  # the scaffold's own card is printed
        assert "Tipp: Die Frage groß auf ein Plakat schreiben" in html


def test_scaffold_example_lab_passes_check(scaffolded, wk_plugin_manager):
    import werkzeugkoffer_jugend

    wk_plugin_manager(werkzeugkoffer_jugend, "jugend")
    ws = Workspace.load(scaffolded[0] / "beispiel-labor")
    assert {s.format for _, _, s in ws.sessions().values()} == {"jugend.ideenwand"}
    findings = run_checks(ws)
    assert not has_errors(findings), [str(f) for f in findings]


@pytest.mark.parametrize(
    "given, name, module, dist",
    [
        ("jugend", "jugend", "werkzeugkoffer_jugend", "werkzeugkoffer-jugend"),
        ("werkzeugkoffer-jugend", "jugend", "werkzeugkoffer_jugend", "werkzeugkoffer-jugend"),
        (
            "Jugend_Labor",
            "jugend-labor",
            "werkzeugkoffer_jugend_labor",
            "werkzeugkoffer-jugend-labor",
        ),
        ("senioren2", "senioren2", "werkzeugkoffer_senioren2", "werkzeugkoffer-senioren2"),
    ],
)
def test_plugin_names(given, name, module, dist):
    assert PluginNames.from_name(given) == PluginNames(name=name, module=module, dist=dist)


@pytest.mark.parametrize(
    "bad", ["", "1jugend", "jugend labor", "jugend.x", "ä", "-x", "digital", "werkzeugkoffer"]
)
def test_bad_plugin_names_are_refused(bad, tmp_path):
    with pytest.raises(InputError, match="plugin name"):
        create_plugin(bad, tmp_path / "p")
    assert not (tmp_path / "p").exists()


def test_scaffold_never_overwrites(tmp_path):
    target = tmp_path / "p"
    target.mkdir()
    (target / "notiz.txt").write_text("meins", encoding="utf-8")
    with pytest.raises(InputError, match="folder is not empty"):
        create_plugin("jugend", target)
    assert [p.name for p in target.iterdir()] == ["notiz.txt"]
    (tmp_path / "datei").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a folder"):
        create_plugin("jugend", tmp_path / "datei")


def test_scaffold_into_an_empty_existing_folder(tmp_path):
    root, written = create_plugin("jugend", tmp_path)
    assert root == tmp_path and len(written) == len(EXPECTED)


def test_scaffold_templates_are_all_package_data():
    """Every template file ends in .tmpl (the package-data glob) and none is a Python package."""
    files = [p for p in TEMPLATES.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert files and all(p.suffix == ".tmpl" for p in files)


def test_cli_plugin_new(tmp_path):
    result = CliRunner().invoke(cli, ["plugin", "new", "jugend", "--dir", str(tmp_path / "wj")])
    assert result.exit_code == 0, result.output
    assert "Created plugin werkzeugkoffer-jugend" in result.output
    assert 'pip install -e ".[test]"' in result.output
    assert (tmp_path / "wj" / "werkzeugkoffer_jugend" / "formate" / "ideenwand.toml").is_file()


def test_cli_plugin_new_default_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["plugin", "new", "werkzeugkoffer-senioren"])
    assert result.exit_code == 0, result.output
    assert (
        tmp_path / "werkzeugkoffer-senioren" / "werkzeugkoffer_senioren" / "__init__.py"
    ).is_file()


def test_cli_plugin_new_bad_input(tmp_path):
    result = CliRunner().invoke(cli, ["plugin", "new", "digital", "--dir", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert '"digital" is taken by werkzeugkoffer itself' in result.output
    assert "Traceback" not in result.output


def test_cli_plugin_check(scaffolded):
    result = CliRunner().invoke(cli, ["plugin", "check", "werkzeugkoffer_jugend"])
    assert result.exit_code == 0, result.output
    assert "1 format (jugend.ideenwand)" in result.output
    assert "No problems found." in result.output


def test_cli_plugin_check_lists_problems(scaffolded):
    fmt_file = scaffolded[0] / "werkzeugkoffer_jugend" / "formate" / "ideenwand.toml"
    text = fmt_file.read_text(encoding="utf-8").replace("minutes = 65", "minutes = 60", 1)
    fmt_file.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["plugin", "check", "werkzeugkoffer_jugend"])
    assert result.exit_code == 1
    assert 'plugin "werkzeugkoffer_jugend": 1 problem' in result.output
    assert (
        "register_formats: " in result.output
        and "ideenwand.toml: format is malformed" in result.output
    )
    assert "    agenda: steps add up to 85 minutes, duration_minutes is 90" in result.output


def test_scaffold_indicator_counts_the_ideas_collected(scaffolded):
    """The outside author's finding: the scaffold's "Gesammelte Ideen" said ``count`` (sessions
    that have ideas) with the unit "Ideen". Two sessions with 3 and 4 ideas collected 7 ideas."""
    import datetime as dt

    from werkzeugkoffer import Municipality, Result, Session
    from werkzeugkoffer.reports.impact import indicator_value
    from werkzeugkoffer.results.dataset import SessionData

    root, _ = scaffolded
    (fmt,) = load_formats(root / "werkzeugkoffer_jugend" / "formate")
    ind = next(i for i in fmt.indicators if i.id == "ideen")
    place = Municipality(name="Musterdorf", ags="06999001", population=1000)
    ideas = [["Bank", "Baum", "Brunnen"], ["Radweg", "Café", "Spielplatz", "Bücherschrank"]]
    sessions = [
        SessionData(slug="musterdorf", phase=1, municipality=place, venue=None, format=fmt,
                    session=Session(id=f"s{i}", format=fmt.id, date=dt.date(2027, 3, 6),
                                    start=dt.time(10), end=dt.time(12)),
                    result=Result(session=f"s{i}", values={"ideen": entries}))
        for i, entries in enumerate(ideas)
    ]
    value = indicator_value(ind, fmt, sessions)
    assert (value.value, value.unit, value.planned) == (7, "Ideen", 40)
