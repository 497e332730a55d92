import os
import shutil
import sys
import textwrap
from pathlib import Path

import pytest
from fixtures import write_mini_workspace
from hypothesis import settings

# messages are asserted in English; tests of the German CLI set the language themselves
os.environ["WERKZEUGKOFFER_LANG"] = "en"

# No health check is suppressed: the strategies are cheap enough for a loaded machine
# (tests/test_sdk_strategies.py runs the SDK's under Hypothesis' own defaults). Only the
# deadline is off, as test bodies that build workspaces vary in time on a busy machine.
settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def example_dir(tmp_path_factory):
    """A fresh copy of the bundled example workspace (do not modify: session-scoped)."""
    from werkzeugkoffer.examples import create_workspace

    path = tmp_path_factory.mktemp("example") / "mb"
    create_workspace(path, example="marburg-biedenkopf")
    return path


@pytest.fixture
def example_copy(example_dir, tmp_path):
    """A private, modifiable copy of the example workspace."""
    dest = tmp_path / "ws"
    shutil.copytree(example_dir, dest)
    return dest


@pytest.fixture
def mini_ws(tmp_path):
    """A small valid workspace: one municipality, two phases, one session each
    (:func:`fixtures.write_mini_workspace`)."""
    return write_mini_workspace(tmp_path / "mini")


# -- third-party plugins for tests: installed distributions on sys.path ----------------------


@pytest.fixture
def fresh_plugins():
    """Reload plugins from scratch before and after the test."""
    from werkzeugkoffer import pluginmanager

    pluginmanager.reset()
    yield
    pluginmanager.reset()


def make_dist(tmp_path, name, entry_points: dict[str, str], modules: dict[str, str]):
    """An installed distribution on sys.path: dist-info with entry points, plus modules."""
    site = tmp_path / f"site-{name}"
    info = site / f"{name.replace('-', '_')}-1.2.3.dist-info"  # dist-info names use "_"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2.3\n")
    eps = "\n".join(f"{k} = {v}" for k, v in entry_points.items())
    (info / "entry_points.txt").write_text(f"[werkzeugkoffer]\n{eps}\n")
    for mod, source in modules.items():
        (site / f"{mod}.py").write_text(textwrap.dedent(source))
    sys.path.insert(0, str(site))
    return site


@pytest.fixture
def third_party(tmp_path, fresh_plugins):
    added = []

    def add(name, entry_points, modules):
        site = make_dist(tmp_path, name, entry_points, modules)
        added.append(str(site))
        return site

    yield add
    for site in added:
        sys.path.remove(site)
    for mod in [m for m in sys.modules if m.startswith("wkt_")]:
        del sys.modules[mod]
