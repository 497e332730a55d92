"""A real third-party plugin: ``pip install`` of examples/werkzeugkoffer-jugend into a fresh
virtualenv, then the ``werkzeugkoffer`` of that virtualenv lists it, checks a workspace that uses
its formats and prints its method card in a kit. Also: a broken plugin is named and skipped, and a
scaffolded plugin installs with ``pip install -e`` and passes its own tests.

The virtualenv is made with ``--without-pip`` and sees this interpreter's site-packages through a
``.pth`` file (werkzeugkoffer, its dependencies, pip, setuptools and pytest), so nothing is
downloaded: packages are installed with ``--no-deps --no-build-isolation``. (A plain
``--system-site-packages`` would expose the base interpreter's packages, not those of the
virtualenv werkzeugkoffer is installed in.) The test dependencies include setuptools 77 or later,
which builds the example (an SPDX ``license`` string) without build isolation.

All tests share one virtualenv (``jugend_venv``, made once per module: with ``--dist loadfile``,
the README's test command, one xdist worker runs the whole module); a test that installs another
plugin into it uninstalls it afterwards.
"""

import contextlib
import json
import os
import re
import shutil
import site
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "werkzeugkoffer-jugend"
IGNORE = shutil.ignore_patterns(
    "build", "*.egg-info", "__pycache__", ".hypothesis", "kits", ".pytest_cache"
)


class Venv:
    def __init__(self, root: Path):
        self.root = root
        self.python = root / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("WERKZEUGKOFFER_", "PYTHON", "PIP_", "VIRTUAL_ENV"))
        }
        # everything needed is installed (setuptools >= 77 is a test dependency): no downloads
        self.env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONUTF8="1", PIP_NO_INDEX="1")

    def run(self, *args, cwd=None, check=True) -> subprocess.CompletedProcess:
        proc = subprocess.run(
            [str(self.python), *map(str, args)],
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and proc.returncode != 0:
            raise AssertionError(
                f"{' '.join(map(str, args))} exited {proc.returncode}\n"
                f"--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
            )
        return proc

    def wk(self, *args, **kw) -> subprocess.CompletedProcess:
        return self.run("-m", "werkzeugkoffer", *args, **kw)

    def pip_install(self, *args) -> subprocess.CompletedProcess:
        return self.run("-m", "pip", "install", "--no-deps", "--no-build-isolation", *args)

    def pytest(self, folder: Path) -> subprocess.CompletedProcess:
        args = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"]
        return self.run(*args, cwd=folder, check=False)

    def plugins(self) -> dict:
        return {p["name"]: p for p in json.loads(self.wk("plugins", "--json").stdout)}


def make_venv(path: Path) -> Venv:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    venv = Venv(path)
    purelib = subprocess.run(
        [str(venv.python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    parents = [p for p in site.getsitepackages() if Path(p).is_dir()]
    line = "import site; " + "; ".join(f"site.addsitedir({p!r})" for p in parents)
    Path(purelib, "_werkzeugkoffer_parent.pth").write_text(line + "\n", encoding="utf-8")
    return venv


def copy_example(dest: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE, dest, ignore=IGNORE))


@pytest.fixture(scope="module")
def jugend_venv(tmp_path_factory):
    """A fresh virtualenv with werkzeugkoffer-jugend installed from (a copy of) its folder."""
    tmp = tmp_path_factory.mktemp("external")
    venv = make_venv(tmp / "venv")
    venv.pip_install(copy_example(tmp / "src"))
    return venv


def test_installed_plugin_is_listed(jugend_venv):
    info = jugend_venv.plugins()
    jugend = info["jugend"]
    assert jugend["version"] == "1.0.0"
    assert jugend["distribution"] == "werkzeugkoffer-jugend"
    assert jugend["formats"] == ["jugend.jugendforum", "jugend.ortscheck"]
    assert jugend["hooks"] == [
        "register_checks",
        "register_formats",
        "suggest_formats",
        "template_dirs",
    ]
    assert jugend["broken"] is None
    assert {"digital", "kreativ", "partizipativ"} <= set(info)  # the built-ins still there
    text = jugend_venv.wk("plugins").stdout
    assert "jugend 1.0.0 (werkzeugkoffer-jugend)" in text
    # package data made it into the installed package (a real, non-editable install)
    card = jugend_venv.run(
        "-c",
        "import werkzeugkoffer_jugend as j; print(j.HERE / 'templates/jugend/methodenkarte.html')",
    ).stdout.strip()
    assert Path(card).is_file() and "site-packages" in card


def test_installed_plugin_formats_in_a_workspace(jugend_venv, tmp_path):
    ws = Path(shutil.copytree(EXAMPLE / "beispiel-labor", tmp_path / "labor", ignore=IGNORE))
    shown = jugend_venv.wk("formats", "show", "jugend.ortscheck").stdout
    assert "Jugend-Ortscheck" in shown
    proc = jugend_venv.wk("-w", ws, "check")
    assert "0 errors" in proc.stdout
    # the plugin's own check runs too: move the phase-1 session to a school morning
    path = ws / "gemeinden" / "musterdorf.toml"
    text = path.read_text(encoding="utf-8").replace("date = 2027-03-13", "date = 2027-03-15", 1)
    path.write_text(text.replace('start = "14:00"', 'start = "09:00"', 1), encoding="utf-8")
    proc = jugend_venv.wk("-w", ws, "check")
    assert "[jugend-schulzeit]" in proc.stdout and "0 errors" in proc.stdout


def test_installed_plugin_prints_its_card_in_a_kit(jugend_venv, tmp_path):
    ws = Path(shutil.copytree(EXAMPLE / "beispiel-labor", tmp_path / "labor", ignore=IGNORE))
    jugend_venv.wk("-w", ws, "kit", "build", "--format", "html", "--jobs", "1")
    html = (ws / "kits" / "musterdorf" / "phase-1.html").read_text(encoding="utf-8")
    assert "Jugend-Ortscheck" in html
    assert "Tipps für die Arbeit mit Jugendlichen" in html  # the plugin's method card
    assert "Aus dem Paket werkzeugkoffer-jugend" in html
    phase2 = (ws / "kits" / "musterdorf" / "phase-2.html").read_text(encoding="utf-8")
    assert "Jugendforum" in phase2 and "Tipps für die Arbeit mit Jugendlichen" in phase2


def test_installed_plugin_passes_its_own_tests(jugend_venv, tmp_path):
    src = copy_example(tmp_path / "src")
    proc = jugend_venv.pytest(src)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " passed" in proc.stdout and "failed" not in proc.stdout


BROKEN_PYPROJECT = """\
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "werkzeugkoffer-kaputt"
version = "0.0.1"

[project.entry-points.werkzeugkoffer]
kaputt = "werkzeugkoffer_kaputt"

[tool.setuptools]
py-modules = ["werkzeugkoffer_kaputt"]
"""


@contextlib.contextmanager
def installed(venv: Venv, distribution: str):
    """Uninstall ``distribution`` from the shared virtualenv afterwards, whatever happened."""
    try:
        yield
    finally:
        venv.run("-m", "pip", "uninstall", "-y", distribution, check=False)


def test_broken_plugin_is_named_and_skipped(jugend_venv, tmp_path):
    """A plugin that fails on import is named; the others keep working (installed into the
    shared virtualenv and uninstalled afterwards)."""
    venv = jugend_venv
    with installed(venv, "werkzeugkoffer-kaputt"):
        broken = tmp_path / "kaputt"
        broken.mkdir()
        (broken / "pyproject.toml").write_text(BROKEN_PYPROJECT, encoding="utf-8")
        (broken / "werkzeugkoffer_kaputt.py").write_text(
            textwrap.dedent("""\
                from werkzeugkoffer import hookimpl
                import werkzeugkoffer_gibt_es_nicht  # fails on import
            """),
            encoding="utf-8",
        )
        venv.pip_install(broken)
        proc = venv.wk("plugins", "--json", check=False)
        assert proc.returncode == 1  # a broken plugin is listed
        assert proc.stderr == ""  # listed once, not as a warning as well
        info = {p["name"]: p for p in json.loads(proc.stdout)}
        assert "import failed: ModuleNotFoundError" in info["kaputt"]["broken"]
        assert "werkzeugkoffer_gibt_es_nicht" in info["kaputt"]["broken"]
        assert info["jugend"]["broken"] is None and info["jugend"]["formats"]  # others keep working
        proc = venv.wk("plugins", check=False)
        assert proc.returncode == 1
        assert "BROKEN:  import failed: ModuleNotFoundError" in proc.stdout
        assert "1 broken (skipped)" in proc.stdout
        ws = Path(shutil.copytree(EXAMPLE / "beispiel-labor", tmp_path / "labor", ignore=IGNORE))
        proc = venv.wk("-w", ws, "check")
        assert "0 errors" in proc.stdout
        assert 'Warning: Error importing plugin "kaputt"' in proc.stderr
    assert "kaputt" not in venv.plugins()


def test_scaffolded_plugin_installs_and_passes_its_tests(jugend_venv, tmp_path):
    """``plugin new`` writes a package that installs with ``pip install -e`` (into the shared
    virtualenv, uninstalled afterwards) and passes its own tests."""
    venv = jugend_venv
    with installed(venv, "werkzeugkoffer-probe"):
        pkg = tmp_path / "werkzeugkoffer-probe"
        out = venv.wk("plugin", "new", "probe", "--dir", pkg).stdout
        assert "Created plugin werkzeugkoffer-probe" in out
        venv.pip_install("-e", pkg)
        assert venv.plugins()["probe"]["formats"] == ["probe.ideenwand"]
        proc = venv.pytest(pkg)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "5 passed" in proc.stdout and "failed" not in proc.stdout
        checked = venv.wk("-w", pkg / "beispiel-labor", "check").stdout
        # as docs/plugins.md says: no errors, only the warnings about the other themes
        assert "0 errors" in checked
        assert set(re.findall(r"\[([a-z-]+)\]$", checked, re.M)) == {"themes"}, checked
        venv.wk("-w", pkg / "beispiel-labor", "kit", "build", "--format", "html", "--jobs", "1")
        html = (pkg / "beispiel-labor" / "kits" / "musterdorf" / "phase-1.html").read_text("utf-8")
        assert "Ideenwand to go" in html and "Tipp: Die Frage groß" in html
        # A typo'd key: the tests fail with the test kit's one message, not a collection error
        # with a traceback (the outside author's finding: FORMATS was loaded at import).
        fmt_file = pkg / "werkzeugkoffer_probe" / "formate" / "ideenwand.toml"
        text = fmt_file.read_text(encoding="utf-8")
        fmt_file.write_text(text.replace("\nsummary = ", "\nsumary = ", 1), encoding="utf-8")
        proc = venv.pytest(pkg)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1, out  # tests failed (2 would be a collection error)
        assert "ERROR collecting" not in out and "Interrupted" not in out, out
        assert 'werkzeugkoffer.testing.PluginCheckError: plugin "probe" has 1 problem(s):' in out
        assert 'ideenwand.toml: unknown field: sumary (did you mean "summary"?)' in out
        assert "FAILED tests/test_plugin.py::test_plugin_passes_the_test_kit" in out
        assert "ERROR tests/test_plugin.py::test_any_valid_result_is_accepted[ideenwand]" in out
        assert "conversion.py" not in out and "catalogue.py" not in out  # no core traceback
    assert "probe" not in venv.plugins()
