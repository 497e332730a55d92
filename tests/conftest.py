import os
import shutil
import sys
import textwrap
from pathlib import Path

import pytest
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


MINI_LAB = """\
name = "Testlabor"
organiser = "Landkreis Test"
state = "HE"

[privacy]
address = "Marktplatz 1, 35000 Teststadt"
officer = "Datenschutzbeauftragte des Landkreises"
retention = "Bis zum Ende des Labors"

[[team]]
name = "Alex Beispiel"
role = "Koordination"

[[team]]
name = "Kim Muster"
role = "Beteiligung"

[[inventory]]
id = "tablet"
name = "Tablet"
quantity = 12

[[inventory]]
id = "powerbank"
name = "Powerbank"
quantity = 12

[[inventory]]
id = "laptop"
name = "Laptop"
quantity = 4

[[inventory]]
id = "beamer"
name = "Beamer"
quantity = 2

[[inventory]]
id = "leinwand"
name = "Leinwand"
quantity = 2

[[inventory]]
id = "tonanlage"
name = "Mobile Tonanlage mit Mikrofon"
quantity = 2

[[inventory]]
id = "lte-router"
name = "Mobiler WLAN-Router"
quantity = 3

[[inventory]]
id = "pinnwand"
name = "Moderationswand"
quantity = 12

[[inventory]]
id = "moderationskoffer"
name = "Moderationskoffer"
quantity = 6

[[inventory]]
id = "flipchart"
name = "Flipchart-Ständer"
quantity = 6

[[inventory]]
id = "pavillon"
name = "Faltpavillon 3 x 3 m"
quantity = 3

[[inventory]]
id = "bierzeltgarnitur"
name = "Festzeltgarnitur"
quantity = 8

[[inventory]]
id = "stehtisch"
name = "Stehtisch"
quantity = 6

[[inventory]]
id = "rollup"
name = "Roll-up „Werkzeugkoffer"
quantity = 3

[[inventory]]
id = "picknickdecke"
name = "Picknickdecke"
quantity = 24

[[inventory]]
id = "magnetwand"
name = "Magnetwand mit Karten"
quantity = 3

[[inventory]]
id = "kamera"
name = "Digitalkamera"
quantity = 2

[[inventory]]
id = "werkzeugkiste"
name = "Werkzeugkiste für Reparaturen"
quantity = 3

[[inventory]]
id = "kabeltrommel"
name = "Kabeltrommel / Verlängerung"
quantity = 8

[[inventory]]
id = "klemmbrett"
name = "Klemmbrett"
quantity = 30

[[inventory]]
id = "lastenrad"
name = "Lastenrad „Mobiles Labor"
quantity = 1

[[inventory]]
id = "modellplatte"
name = "Modellbau-Set"
quantity = 2

[[inventory]]
id = "stimmbox"
name = "Abstimmungsbox-Set"
quantity = 2

[[inventory]]
id = "sitzwuerfel"
name = "Sitzwürfel"
quantity = 20
"""

MINI_MUNICIPALITY = """\
# Lohra: a small test municipality
name = "Lohra"
ags = "06534013"
population = 5597
main_town = "Lohra"
ortsteile = ["Lohra", "Altenvers", "Damm"]

[[venues]]
id = "dgh-altenvers"
name = "Dorfgemeinschaftshaus Altenvers"
ortsteil = "Altenvers"

[[venues]]
id = "rathaus"
name = "Rathaus Lohra"
ortsteil = "Lohra"

[[phases]]
number = 1
start = 2027-03-01
end = 2027-04-11

[[phases.sessions]]
id = "lohra-p1-01"
format = "digital.datensafari"
date = 2027-03-13
start = "10:00"
end = "12:30"
venue = "dgh-altenvers"
expected = 12

[[phases]]
number = 2
start = 2027-05-17
end = 2027-06-27

[[phases.sessions]]
id = "lohra-p2-01"
format = "digital.datensafari"
date = 2027-05-29
start = "10:00"
end = "12:30"
venue = "rathaus"
expected = 12
"""


@pytest.fixture
def mini_ws(tmp_path):
    """A small valid workspace: one municipality, two phases, one session each."""
    root = tmp_path / "mini"
    (root / "gemeinden").mkdir(parents=True)
    (root / "labor.toml").write_text(MINI_LAB, encoding="utf-8")
    (root / "gemeinden" / "lohra.toml").write_text(MINI_MUNICIPALITY, encoding="utf-8")
    return root


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


