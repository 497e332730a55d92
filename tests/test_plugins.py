"""Plugin loading: entry points, broken plugins, duplicates, allow-list and tracing."""

import sys
import textwrap
import warnings
from pathlib import Path

import pytest
import werkzeugkoffer
from werkzeugkoffer import get_catalogue, plugin_info, pluginmanager
from werkzeugkoffer.pluginmanager import PluginWarning


@pytest.fixture
def fresh_plugins():
    """Reload plugins from scratch before and after the test."""
    pluginmanager.reset()
    yield
    pluginmanager.reset()


def make_dist(tmp_path, name, entry_points: dict[str, str], modules: dict[str, str]):
    """An installed distribution on sys.path: dist-info with entry points, plus modules."""
    site = tmp_path / f"site-{name}"
    info = site / f"{name}-1.2.3.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2.3\n")
    eps = "\n".join(f"{k} = {v}" for k, v in entry_points.items())
    (info / "entry_points.txt").write_text(f"[werkzeugkoffer]\n{eps}\n")
    for mod, source in modules.items():
        (site / f"{mod}.py").write_text(textwrap.dedent(source))
    sys.path.insert(0, str(site))
    return site


FORMAT_PLUGIN = '''
    from pathlib import Path

    import attrs
    from werkzeugkoffer import hookimpl, get_catalogue

    @hookimpl
    def register_formats(register):
        from werkzeugkoffer import load_format_file
        import werkzeugkoffer.plugins.digital as digital
        safari = load_format_file(Path(digital.__file__).parent / "formate" / "datensafari.toml")
        register(attrs.evolve(safari, id="{fid}", title="Fremdformat"))
'''


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


def test_builtin_plugins_come_through_entry_points(fresh_plugins):
    names = {p["name"]: p for p in plugin_info()}
    for theme in ("digital", "kreativ", "partizipativ"):
        assert names[theme]["distribution"] == "werkzeugkoffer"
        assert "register_formats" in names[theme]["hooks"]
        assert names[theme]["broken"] is None
    assert names["digital"]["formats"]
    assert all(f.startswith("digital.") for f in names["digital"]["formats"])


def test_third_party_plugin_adds_format_by_entry_point_alone(third_party):
    third_party("wkt-extra", {"extra": "wkt_extra"}, {"wkt_extra": FORMAT_PLUGIN.replace("{fid}", "extra.safari")})
    cat = get_catalogue()
    assert cat["extra.safari"].title == "Fremdformat"
    assert cat.sources["extra.safari"] == "extra"
    info = {p["name"]: p for p in plugin_info()}
    assert info["extra"]["version"] == "1.2.3"
    assert info["extra"]["formats"] == ["extra.safari"]


def test_broken_import_is_named_and_skipped(third_party):
    third_party("wkt-broken", {"broken": "wkt_broken"}, {"wkt_broken": "raise RuntimeError('kaputt')\n"})
    with pytest.warns(PluginWarning, match='Error importing plugin "broken": kaputt'):
        cat = get_catalogue()
    assert "digital.datensafari" in cat  # the others keep working
    info = {p["name"]: p for p in plugin_info()}
    assert "kaputt" in info["broken"]["broken"]


def test_plugin_raising_in_hook_is_named_and_skipped(third_party):
    source = """
        from werkzeugkoffer import hookimpl

        @hookimpl
        def register_formats(register):
            raise ValueError("hook kaputt")
    """
    third_party("wkt-raises", {"raises": "wkt_raises"}, {"wkt_raises": source})
    with pytest.warns(PluginWarning, match='Plugin "raises" failed in register_formats: ValueError: hook kaputt'):
        cat = get_catalogue()
    assert "digital.datensafari" in cat


def test_duplicate_format_id_names_both_plugins(third_party):
    third_party("wkt-dup", {"dup": "wkt_dup"}, {"wkt_dup": FORMAT_PLUGIN.replace("{fid}", "digital.datensafari")})
    with pytest.warns(PluginWarning, match=r'plugin "dup": duplicate format id "digital.datensafari" \(already registered by "digital"\)'):
        cat = get_catalogue()
    assert cat.sources["digital.datensafari"] == "digital"


def test_malformed_format_and_wrong_type_are_rejected(third_party):
    source = """
        from pathlib import Path

        import attrs
        from werkzeugkoffer import hookimpl

        @hookimpl
        def register_formats(register):
            import werkzeugkoffer.plugins.digital as digital
            from werkzeugkoffer import load_format_file
            safari = load_format_file(Path(digital.__file__).parent / "formate" / "datensafari.toml")
            register(attrs.evolve(safari, id="bad.safari", duration_minutes=5))
            register({"id": "bad.dict", "title": 3})
            register("not a format")
    """
    third_party("wkt-bad", {"bad": "wkt_bad"}, {"wkt_bad": source})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cat = get_catalogue()
    messages = "\n".join(str(w.message) for w in caught)
    assert 'plugin "bad": format "bad.safari" is malformed' in messages
    assert "agenda: steps add up to 150 minutes, duration_minutes is 5" in messages
    assert 'plugin "bad": title: expected text, got 3' in messages
    assert 'plugin "bad" registered str, expected werkzeugkoffer.Format' in messages
    assert "bad.safari" not in cat and "bad.dict" not in cat


def test_unknown_hook_name_fails_loudly(third_party):
    source = """
        from werkzeugkoffer import hookimpl

        @hookimpl
        def register_fromats(register):
            pass
    """
    third_party("wkt-typo", {"typo": "wkt_typo"}, {"wkt_typo": source})
    with pytest.warns(PluginWarning, match='Plugin "typo" implements an unknown hook'):
        werkzeugkoffer.load_plugins()
    assert pluginmanager.pm.get_plugin("typo") is None


def test_allow_list(monkeypatch, fresh_plugins):
    monkeypatch.setenv("WERKZEUGKOFFER_LOAD_PLUGINS", "kreativ")
    names = {p["name"] for p in plugin_info()}
    assert "kreativ" in names and "digital" not in names
    assert all(f.startswith("kreativ.") for f in get_catalogue().formats)


def test_empty_allow_list_loads_none(monkeypatch, fresh_plugins):
    monkeypatch.setenv("WERKZEUGKOFFER_LOAD_PLUGINS", "")
    assert len(get_catalogue()) == 0


def test_trace_plugins(monkeypatch, fresh_plugins, capsys):
    monkeypatch.setenv("WERKZEUGKOFFER_TRACE_PLUGINS", "1")
    get_catalogue()
    assert "register_formats(register) -> digital" in capsys.readouterr().err


def test_warm_start_skips_the_distribution_scan(tmp_path):
    """With the entry points cached, `formats list` neither imports importlib.metadata nor cattrs."""
    import subprocess

    code = (
        "import sys\n"
        "from werkzeugkoffer.cli import cli\n"
        "try:\n    cli(['formats', 'list'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('importlib.metadata', 'cattrs', 'jinja2', 'weasyprint') if m in sys.modules))\n"
    )
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    (tmp_path / "work").mkdir()
    run = dict(capture_output=True, text=True, env=env, cwd=tmp_path / "work")
    cold = subprocess.run([sys.executable, "-c", code], **run)
    warm = subprocess.run([sys.executable, "-c", code], **run)
    assert "digital.datensafari" in cold.stdout and "digital.datensafari" in warm.stdout
    assert "'importlib.metadata'" in cold.stdout  # the first start scans the distributions
    assert warm.stdout.strip().splitlines()[-1] == "[]"
