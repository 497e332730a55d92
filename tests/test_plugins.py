"""Plugin loading: entry points, broken plugins, duplicates, allow-list and tracing."""

import sys
import textwrap
import warnings

import pytest
import werkzeugkoffer
from werkzeugkoffer import get_catalogue, plugin_info, pluginmanager
from werkzeugkoffer.pluginmanager import PluginWarning


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
    with pytest.warns(PluginWarning, match='Error importing plugin "broken": RuntimeError: kaputt'):
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


def caught_warnings(fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = fn()
    return value, "\n".join(str(w.message) for w in caught)


def test_a_plugin_cannot_take_over_a_builtin_format(third_party):
    """Defect 1: a plugin format "partizipativ.dorfspaziergang" replaced the built-in one."""
    third_party("wkt-dup", {"dup": "wkt_dup"},
                {"wkt_dup": FORMAT_PLUGIN.replace("{fid}", "partizipativ.dorfspaziergang")})
    cat, messages = caught_warnings(get_catalogue)
    assert cat.sources["partizipativ.dorfspaziergang"] == "partizipativ"
    assert cat["partizipativ.dorfspaziergang"].title != "Fremdformat"
    assert ('plugin "dup": format "partizipativ.dorfspaziergang": the namespace "partizipativ." '
            'is reserved for the built-in plugin "partizipativ"') in messages
    assert 'plugin "partizipativ"' not in messages.replace('built-in plugin "partizipativ"', "")


def test_two_plugins_registering_one_id_is_an_error_naming_both(third_party):
    source = FORMAT_PLUGIN.replace("{fid}", "gemeinsam.safari")
    for name in ("eins", "zwei"):
        third_party(f"wkt-{name}", {name: f"wkt_{name}"},
                    {f"wkt_{name}": "NAMESPACES = ['gemeinsam']\n" + textwrap.dedent(source)})
    cat, messages = caught_warnings(get_catalogue)
    assert "gemeinsam.safari" not in cat  # neither wins
    assert ('format id "gemeinsam.safari" is registered by plugin "eins" and plugin "zwei", '
            "so neither is used") in messages.replace('"zwei" and plugin "eins"', '"eins" and plugin "zwei"')
    assert "neither is used" in cat.did_you_mean("gemeinsam.safari")
    faults = {(f.plugin, f.hook) for f in pluginmanager.faults}
    assert faults & {("eins", "register_formats"), ("zwei", "register_formats")}


def test_one_plugin_registering_an_id_twice_keeps_the_first(third_party):
    source = FORMAT_PLUGIN.replace('        register(attrs.evolve(safari, id="{fid}", title="Fremdformat"))',
                                   '        register(attrs.evolve(safari, id="doppelt.x", title="Eins"))\n'
                                   '        register(attrs.evolve(safari, id="doppelt.x", title="Zwei"))')
    third_party("wkt-doppelt", {"doppelt": "wkt_doppelt"}, {"wkt_doppelt": source})
    cat, messages = caught_warnings(get_catalogue)
    assert cat["doppelt.x"].title == "Eins"
    assert 'plugin "doppelt" registered format "doppelt.x" twice; the second is skipped' in messages


def test_a_deliberate_override_is_explicit_and_shown(third_party):
    source = FORMAT_PLUGIN.replace(
        'id="{fid}", title="Fremdformat"',
        'id="ersatz.safari", title="Ersatzformat", replaces="digital.datensafari"',
    )
    third_party("wkt-ersatz", {"ersatz": "wkt_ersatz"}, {"wkt_ersatz": source})
    cat = get_catalogue()
    assert "digital.datensafari" not in cat and cat["ersatz.safari"].title == "Ersatzformat"
    assert 'replaced by "ersatz.safari" of plugin "ersatz"; use "ersatz.safari"' in cat.did_you_mean(
        "digital.datensafari")
    info = {p["name"]: p for p in plugin_info()}
    assert info["ersatz"]["replaces"] == [
        '"digital.datensafari" of plugin "digital" is replaced by "ersatz.safari" of plugin "ersatz"'
    ]


def test_a_plugin_namespace_is_checked_against_what_it_declares(third_party):
    third_party("wkt-fremd", {"fremd": "wkt_fremd"},
                {"wkt_fremd": FORMAT_PLUGIN.replace("{fid}", "anders.safari")})
    third_party("wkt-erklaert", {"erklaert": "wkt_erklaert"},
                {"wkt_erklaert": "NAMESPACES = ('erklaert', 'auch')\n"
                 + textwrap.dedent(FORMAT_PLUGIN.replace("{fid}", "auch.safari"))})
    cat, messages = caught_warnings(get_catalogue)
    assert "anders.safari" not in cat and cat.sources["auch.safari"] == "erklaert"
    assert ('plugin "fremd": format "anders.safari": the namespace "anders." is not one the plugin '
            'declares ("fremd.")') in messages
    assert "NAMESPACES = ['fremd', 'anders']" in messages


def test_sys_exit_at_import_is_contained(third_party, wk_cli):
    """Issue 15: a plugin calling sys.exit(3) at import ended werkzeugkoffer with exit 3."""
    third_party("wkt-exit", {"exit": "wkt_exit"}, {"wkt_exit": "import sys\nsys.exit(3)\n"})
    result = wk_cli("formats", "list")
    assert result.exit_code == 0
    assert 'Warning: Error importing plugin "exit": SystemExit: 3; skipped' in result.stderr
    assert "digital.datensafari" in result.stdout
    info = {p["name"]: p for p in plugin_info()}
    assert info["exit"]["broken"] == "import failed: SystemExit: 3"


def test_base_exceptions_in_a_hook_are_contained(third_party):
    source = """
        import sys
        from werkzeugkoffer import hookimpl

        class Weird(BaseException):
            pass

        @hookimpl
        def register_formats(register):
            sys.exit(4)

        @hookimpl
        def template_dirs():
            raise Weird("ganz seltsam")
    """
    third_party("wkt-exits", {"exits": "wkt_exits"}, {"wkt_exits": source})
    cat, messages = caught_warnings(get_catalogue)
    assert "digital.datensafari" in cat
    assert 'Plugin "exits" failed in register_formats: SystemExit: 4; skipped' in messages
    from werkzeugkoffer.render.environment import plugin_template_dirs

    _, messages = caught_warnings(plugin_template_dirs)
    assert 'Plugin "exits" failed in template_dirs: Weird: ganz seltsam; skipped' in messages


def test_keyboard_interrupt_is_not_swallowed(third_party):
    source = """
        from werkzeugkoffer import hookimpl

        @hookimpl
        def register_formats(register):
            raise KeyboardInterrupt
    """
    third_party("wkt-ctrlc", {"ctrlc": "wkt_ctrlc"}, {"wkt_ctrlc": source})
    with pytest.raises(KeyboardInterrupt):
        get_catalogue()


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
    """Defect 7: the message said "unknown hook: unknown hook ..." and showed a module path."""
    source = """
        from werkzeugkoffer import hookimpl

        @hookimpl
        def register_fromats(register):
            pass
    """
    third_party("wkt-typo", {"typo": "wkt_typo"}, {"wkt_typo": source})
    third_party("wkt-typo2", {"typo2": "wkt_typo2"}, {"wkt_typo2": source.replace("fromats", "chekcs")})
    _, messages = caught_warnings(werkzeugkoffer.load_plugins)
    assert ('Plugin "typo": unknown hook "register_fromats" (did you mean "register_formats"?); '
            "skipped") in messages
    assert 'unknown hook "register_chekcs" (did you mean "register_checks"?)' in messages
    assert pluginmanager.pm.get_plugin("typo") is None and pluginmanager.pm.get_plugin("typo2") is None
    info = {p["name"]: p for p in plugin_info()}
    reason = info["typo"]["broken"]
    assert reason == 'unknown hook "register_fromats" (did you mean "register_formats"?)'
    assert "/" not in reason and reason.count("unknown hook") == 1


def test_a_misspelled_hook_argument_is_named(third_party):
    source = """
        from werkzeugkoffer import hookimpl

        @hookimpl
        def register_formats(regster):
            pass
    """
    third_party("wkt-arg", {"arg": "wkt_arg"}, {"wkt_arg": source})
    _, messages = caught_warnings(werkzeugkoffer.load_plugins)
    assert ('Plugin "arg": register_formats(regster): "regster" is not an argument of the hook '
            'register_formats(register) (did you mean "register"?); skipped') in messages


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
