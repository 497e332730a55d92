"""The plugin test kit (werkzeugkoffer.testing): check_plugin, sample data and strategies."""

import datetime as dt
import json
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeugkoffer import (
    Finding,
    PhaseRules,
    Severity,
    Workspace,
    get_catalogue,
    has_errors,
    hookimpl,
    load_formats,
    run_checks,
)
from werkzeugkoffer.testing import (
    PluginCheckError,
    assert_valid_result,
    check_plugin,
    lab_for,
    municipalities_for,
    phases_for,
    result_problems,
    results_for,
    sample_result,
    sessions_for,
    write_workspace,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "werkzeugkoffer-jugend"
EXAMPLE_FORMATS = load_formats(EXAMPLE / "werkzeugkoffer_jugend" / "formate")
BUILTIN = ("digital", "kreativ", "partizipativ")


def all_formats():
    return [*get_catalogue(), *EXAMPLE_FORMATS]


@pytest.fixture
def jugend_module():
    """The example plugin's module, imported from the source tree (not installed)."""
    sys.path.insert(0, str(EXAMPLE))
    try:
        import werkzeugkoffer_jugend

        yield werkzeugkoffer_jugend
    finally:
        sys.path.remove(str(EXAMPLE))
        sys.modules.pop("werkzeugkoffer_jugend", None)


# -- check_plugin ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_plugins_pass_the_test_kit(name):
    report = check_plugin(name)
    assert report.name == name
    assert "register_formats" in report.hooks
    assert {f.id.split(".")[0] for f in report.formats} <= {name}
    assert {"hooks", "formats", "templates", "round trips"} <= set(report.checked)


def test_example_plugin_passes_the_test_kit(jugend_module):
    report = check_plugin(jugend_module)
    assert report.format_ids == ["jugend.jugendforum", "jugend.ortscheck"]
    assert report.hooks == [
        "register_checks",
        "register_formats",
        "suggest_formats",
        "template_dirs",
    ]
    assert report.checks == ["check_school_hours"]
    assert "suggestions" in report.checked and "kits" in report.checked
    # the plugin's own method card (templates/jugend/methodenkarte.html) is the one printed
    assert sorted(report.kit_html) == report.format_ids
    for html in report.kit_html.values():
        assert "Tipps für die Arbeit mit Jugendlichen" in html
        assert "Aus dem Paket werkzeugkoffer-jugend" in html


def test_check_plugin_leaves_the_plugin_manager_as_it_was(jugend_module):
    from werkzeugkoffer import pluginmanager

    before = sorted(name for name, _ in pluginmanager.load_plugins().list_name_plugin())
    check_plugin(jugend_module)
    after = sorted(name for name, _ in pluginmanager.pm.list_name_plugin())
    assert before == after
    assert "jugend.ortscheck" not in get_catalogue()


BROKEN_PLUGIN = """
    import attrs
    from pathlib import Path
    from werkzeugkoffer import Aggregate, CopyMaster, hookimpl, load_formats

    HERE = Path(__file__).parent
    SAFARI = load_formats(HERE / "formate")[0]
    NAMESPACES = ["kaputt"]

    @hookimpl
    def register_formats(register):
        register(attrs.evolve(SAFARI, id="kaputt.dauer", duration_minutes=100))
        register(attrs.evolve(SAFARI, id="kaputt.indikator", indicators=(
            attrs.evolve(SAFARI.indicators[0], field="gibtsnicht"),)))
        register(attrs.evolve(SAFARI, id="kaputt.summe", indicators=(
            attrs.evolve(SAFARI.indicators[0], field="zufriedenheit", aggregate=Aggregate.SUM),)))
        register(attrs.evolve(SAFARI, id="kaputt.typ", principles=["transparenz"]))
        register(attrs.evolve(SAFARI, id="digital.fremd"))
        register(attrs.evolve(SAFARI, id="fremd.format"))
        register(attrs.evolve(SAFARI, id="kaputt.doppelt"))
        register(attrs.evolve(SAFARI, id="kaputt.doppelt"))
        register(attrs.evolve(SAFARI, id="kaputt.vorlage", template="fehlt/karte.html"))
        register(attrs.evolve(SAFARI, id="kaputt.kopie", copy_masters=(
            CopyMaster(template="kaputt/zettel.html", title="Zettel"),)))
        register("kein Format")

    @hookimpl
    def template_dirs():
        return [str(HERE / "templates"), str(HERE / "gibtsnicht")]

    @hookimpl
    def register_checks(register):
        def crashing_check(context):
            raise RuntimeError("Prüfung kaputt")
        register(crashing_check)
        register(lambda context: ["kein Finding"], name="wrong_type")

    @hookimpl
    def suggest_formats(municipality, phase, candidates, context):
        return {"kaputt.dauer": 3}
"""


@pytest.fixture
def broken_plugin(tmp_path):
    """A plugin package (importable, not installed) with one mistake of every kind."""
    import shutil

    from werkzeugkoffer.plugins import digital

    pkg = tmp_path / "site" / "wkt_kaputt"
    (pkg / "templates").mkdir(parents=True)
    (pkg / "__init__.py").write_text(textwrap.dedent(BROKEN_PLUGIN), encoding="utf-8")
    (pkg / "formate").mkdir()
    shutil.copy(Path(digital.__file__).parent / "formate" / "datensafari.toml", pkg / "formate")
    (pkg / "templates" / "kaputt.html").write_text("{% if %}", encoding="utf-8")
    sys.path.insert(0, str(tmp_path / "site"))
    try:
        yield "wkt_kaputt"
    finally:
        sys.path.remove(str(tmp_path / "site"))
        sys.modules.pop("wkt_kaputt", None)


def test_check_plugin_lists_every_problem(broken_plugin):
    with pytest.raises(PluginCheckError) as info:
        check_plugin(broken_plugin)
    problems = "\n".join(info.value.problems)
    expected = [
        "kaputt.dauer: agenda: steps add up to 150 minutes, duration_minutes is 100",
        'kaputt.indikator: indicators[0] (bearbeitungen): unknown result field "gibtsnicht"',
        'kaputt.summe: indicators[0] (bearbeitungen): aggregate "sum" does not fit the '
        'rating field "zufriedenheit" (use: count, mean, presence)',
        'digital.fremd: the namespace "digital." is reserved for the built-in plugin "digital"',
        'fremd.format: the namespace "fremd." is not one the plugin declares ("kaputt.")',
        "kaputt.doppelt: registered twice",
        'kaputt.vorlage: template "fehlt/karte.html" not found in',
        "register_formats: format 10 is a str, expected werkzeugkoffer.Format",
        'kaputt.kopie: copy_masters[0]: template "kaputt/zettel.html" not found in the plugin\'s '
        "template folders",
        "kaputt.typ: principles: values of the wrong type",
        "gibtsnicht is not a folder (package data missing?)",
        "kaputt.html: line 1: template syntax error",
        'check "crashing_check" raised RuntimeError: Prüfung kaputt',
        "check \"wrong_type\" returned str 'kein Finding', expected werkzeugkoffer.Finding",
        "suggest_formats: 'kaputt.dauer': expected (score, reason), got 3",
    ]
    for text in expected:
        assert text in problems
    assert str(info.value).startswith(
        f'plugin "wkt_kaputt" has {len(info.value.problems)} problem(s):'
    )
    assert isinstance(info.value, AssertionError)  # pytest shows it as a plain failed assertion
    # pytest prints the class with its module: the public name the docs use
    assert f"{PluginCheckError.__module__}.{PluginCheckError.__qualname__}" == \
        "werkzeugkoffer.testing.PluginCheckError"


def test_check_plugin_flags_a_count_whose_unit_names_entries():
    """``count`` counts sessions that filled a field in; a unit naming the field's entries
    ("Ideen" for "Ideen auf der Wand", "Kartenpunkte", the field's own unit) means ``sum``."""
    import attrs
    from werkzeugkoffer import Aggregate

    ortscheck = next(f for f in EXAMPLE_FORMATS if f.id == "jugend.ortscheck")
    orte = ortscheck.indicators[0]
    assert (orte.field, orte.aggregate) == ("orte", Aggregate.SUM)
    wrong = [attrs.evolve(orte, id=f"orte-{i}", aggregate=Aggregate.COUNT, unit=unit)
             for i, unit in enumerate(["Orte", "Kartenpunkte", "Karten"])]
    fmt = attrs.evolve(ortscheck, template=None, indicators=(*ortscheck.indicators, *wrong))
    plugin = types.ModuleType("wkt_zaehlen")
    plugin.NAMESPACES = ["jugend"]
    plugin.register_formats = hookimpl(lambda register: register(fmt))
    with pytest.raises(PluginCheckError) as info:
        check_plugin(plugin, render=False, results=False)
    n = len(ortscheck.indicators)
    assert info.value.problems == [
        f'jugend.ortscheck: indicators[{n + i}] (orte-{i}): unit "{unit}" names the entries of '
        '"orte", but aggregate "count" counts the sessions that filled it in; to count the '
        'entries use aggregate "sum"'
        for i, unit in enumerate(["Orte", "Kartenpunkte"])
    ]  # "Karten" (one map per session) is a fair count


def branchy_plugin(name: str, check) -> types.ModuleType:
    """A plugin with the example plugin's formats and one check."""
    import attrs

    plugin = types.ModuleType(name)
    plugin.NAMESPACES = ["jugend"]

    @hookimpl
    def register_formats(register):
        for fmt in EXAMPLE_FORMATS:
            register(attrs.evolve(fmt, template=None))

    @hookimpl
    def register_checks(register):
        register(check)

    plugin.register_formats = register_formats
    plugin.register_checks = register_checks
    return plugin


def test_check_plugin_reaches_branches_the_sample_workspace_does_not():
    """Defect 2: check_plugin passed when its one sample workspace missed the bad branch."""
    def check_school_days(context):  # the sample workspace plans Saturdays at 10:00 only
        for slug, m in context.municipalities.items():
            for phase in m.phases:
                for s in phase.sessions:
                    if s.date.weekday() < 5 and s.start.hour < 14:
                        yield Finding(severity="warnung", code="x", message="Schulzeit")

    with pytest.raises(PluginCheckError) as info:
        check_plugin(branchy_plugin("wkt_zweig", check_school_days), render=False,
                     results=False)
    (problem,) = info.value.problems
    assert problem.startswith('check "check_school_days" raised ValueError: Finding.severity '
                              "must be Severity.ERROR or Severity.WARNING, got 'warnung' "
                              'at session "')  # the session it looked at, on a weekday
    assert "(on werkzeugkoffer.testing.generated_workspace(formats, " in problem
    weekday = problem.split("at session")[1].split(", ")[1].split(" ")[0]
    assert weekday in ("Mon", "Tue", "Wed", "Thu", "Fri"), problem


def needs_phase_2(context):
    for slug, m in context.municipalities.items():
        if m.phase(2).start.year > 3000:
            yield Finding(severity=Severity.WARNING, code="x", message="m", municipality=slug)


def reports_everyone(context):
    for slug in context.workspace.municipalities:
        yield Finding(severity=Severity.WARNING, code="x", message="m", municipality=slug)


def absolute_file(context):
    for slug, m in context.municipalities.items():
        if len(m.phases) > 5:
            continue
        yield Finding(severity=Severity.WARNING, code="x", message="m",
                      file=str(context.workspace.root / context.file(slug)))


def trusts_every_format(context):
    for m in context.municipalities.values():
        for p in m.phases:
            for s in p.sessions:
                if context.catalogue[s.format].days > 50:
                    yield Finding(severity=Severity.WARNING, code="x", message="m")


@pytest.mark.parametrize(
    "check, expected, where",
    [
        (needs_phase_2, "raised AttributeError", "werkzeugkoffer.testing.generated_workspace("),
        (reports_everyone, "report only on context.municipalities", "werkzeugkoffer.testing."),
        (absolute_file, "use a file relative to the workspace", "the sample workspace"),
        (trusts_every_format, 'raised FormatError: unknown format "anders.unbekannt" at session',
         "werkzeugkoffer.testing.generated_workspace("),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_check_plugin_runs_checks_on_generated_workspaces(check, expected, where):
    with pytest.raises(PluginCheckError) as info:
        check_plugin(branchy_plugin("wkt_fragil", check), render=False, results=False)
    (problem,) = info.value.problems
    assert expected in problem and f"(on {where}" in problem, problem


def test_generated_workspaces_are_valid_and_varied():
    from werkzeugkoffer import Municipality, structure, to_plain
    from werkzeugkoffer.testing import generated_workspace

    weekdays, hours, counts = set(), set(), set()
    for seed in range(12):
        ws = generated_workspace(EXAMPLE_FORMATS, seed)
        assert ws == generated_workspace(EXAMPLE_FORMATS, seed)  # the seed alone decides
        counts.add(len(ws.municipalities))
        for slug, m in ws.municipalities.items():
            assert structure(to_plain(m), Municipality, where=slug) == m
            for p in m.phases:
                weekdays.update(s.date.weekday() for s in p.sessions)
                hours.update(s.start.hour for s in p.sessions)
    assert weekdays == set(range(7)) and len(hours) > 8 and counts == {1, 2, 3}


def test_check_plugin_rejects_a_misspelled_hook():
    plugin = types.ModuleType("wkt_tippfehler")

    @hookimpl
    def register_fromats(register):
        pass

    plugin.register_fromats = register_fromats
    with pytest.raises(PluginCheckError, match="hook implementation is invalid"):
        check_plugin(plugin)


def test_check_plugin_names_an_unknown_plugin():
    with pytest.raises(PluginCheckError) as info:
        check_plugin("gibt-es-nicht")
    assert "no entry point and no module" in str(info.value)
    assert "digital" in str(info.value)  # lists what is installed


def test_check_plugin_names_an_import_error(tmp_path, monkeypatch):
    (tmp_path / "wkt_importfehler.py").write_text("import gibt_es_nicht\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(
        PluginCheckError,
        match="import failed: ModuleNotFoundError: No module named 'gibt_es_nicht'",
    ):
        check_plugin("wkt_importfehler")


def test_check_plugin_without_hooks():
    with pytest.raises(PluginCheckError, match="implements no hook"):
        check_plugin(types.ModuleType("wkt_leer"))


def test_shadowed_method_card_is_reported(jugend_module, wk_plugin_manager, tmp_path):
    """Another plugin that ships the same card name first would hide the plugin's own card."""
    other = tmp_path / "other" / "jugend"
    other.mkdir(parents=True)
    (other / "methodenkarte.html").write_text("<section>fremde Karte</section>", encoding="utf-8")

    class Shadow:
        @hookimpl(tryfirst=True)
        def template_dirs(self):
            return [str(tmp_path / "other")]

    wk_plugin_manager(Shadow(), "shadow")
    with pytest.raises(PluginCheckError, match='not the plugin\'s "jugend/methodenkarte.html"'):
        check_plugin(jugend_module)


# -- sample data and workspaces ------------------------------------------------------------------


def test_sample_result_of_every_format_round_trips():
    for fmt in all_formats():
        assert result_problems(fmt, sample_result(fmt)) == []


def test_written_workspace_with_every_format_passes_check(
    tmp_path, wk_plugin_manager, jugend_module
):
    wk_plugin_manager(jugend_module, "jugend")
    formats = all_formats()
    ws = Workspace.load(write_workspace(tmp_path / "ws", formats))
    assert [len(p.sessions) for p in ws.municipalities["beispiel"].phases] == [len(formats)] * 2
    findings = run_checks(ws)
    assert not has_errors(findings), [str(f) for f in findings]


def test_workspace_with_format_files(tmp_path):
    """Formats no plugin registers can travel in the workspace's formate/ folder."""
    ws = Workspace.load(write_workspace(tmp_path / "ws", EXAMPLE_FORMATS, format_files=True))
    assert {f.id for f in ws.formats} == {"jugend.ortscheck", "jugend.jugendforum"}
    assert ws.catalogue.sources["jugend.ortscheck"] == "formate/jugend-ortscheck.toml"
    # their method card template comes with the plugin, not with the workspace
    missing = [f for f in run_checks(ws) if f.code == "missing-template"]
    assert {f.message.split('"')[1] for f in missing} == {"jugend.ortscheck", "jugend.jugendforum"}
    assert ('names the method card template "jugend/methodenkarte.html", which is in none of the '
            "template folders") in missing[0].message
    import attrs

    plain = [attrs.evolve(f, template=None) for f in EXAMPLE_FORMATS]
    ws = Workspace.load(write_workspace(tmp_path / "ws2", plain, format_files=True))
    assert not has_errors(run_checks(ws))


def test_wk_workspace_fixture(wk_workspace):
    root = wk_workspace("digital.datensafari", name="mit-safari")
    assert root.name == "mit-safari"
    ws = Workspace.load(root)
    sessions = ws.sessions()
    assert [s.format for _, _, s in sessions.values()] == ["digital.datensafari"] * 2
    assert all(s.date.weekday() == 5 for _, _, s in sessions.values())  # Saturdays
    assert not has_errors(run_checks(ws))


def test_wk_plugin_manager_registers_for_one_test(wk_plugin_manager):
    class Extra:
        @hookimpl
        def register_formats(self, register):
            import attrs

            register(attrs.evolve(EXAMPLE_FORMATS[0], id="extra.forum"))

    pm = wk_plugin_manager(Extra(), "extra")
    assert pm.get_plugin("extra") is not None
    assert get_catalogue().sources["extra.forum"] == "extra"


def test_wk_plugin_manager_unregistered_afterwards():
    """Runs after the test above (file order): the plugin and its format are gone."""
    from werkzeugkoffer import pluginmanager

    assert pluginmanager.load_plugins().get_plugin("extra") is None
    assert "extra.forum" not in get_catalogue()


# -- hypothesis strategies -----------------------------------------------------------------------


FORMATS_STRATEGY = st.deferred(lambda: st.sampled_from(all_formats()))


@given(FORMATS_STRATEGY.flatmap(lambda fmt: st.tuples(st.just(fmt), results_for(fmt))))
def test_results_for_any_format_are_valid(pair):
    fmt, result = pair
    assert result.session == "beispiel-p1-01"
    required = {f.name for f in fmt.result_fields if f.required}
    assert required <= set(result.values) <= {f.name for f in fmt.result_fields}
    for name, value in result.values.items():
        field = fmt.result_field(name)
        if field.type.value in ("choice_votes",):
            assert set(value) <= set(field.options)
        if field.type.value == "map_points":
            assert all(p["category"] in field.options for p in value)
        if field.type.value == "rating":
            assert 1 <= value <= 5
        if field.type.value in ("percent",):
            assert 0 <= value <= 100
    assert_valid_result(fmt, result)


@given(st.data())
def test_sessions_for_lie_inside_their_range(data):
    fmt = data.draw(FORMATS_STRATEGY)
    start = data.draw(st.dates(dt.date(2026, 1, 1), dt.date(2030, 1, 1)))
    end = start + dt.timedelta(days=data.draw(st.integers(0, 60)))
    s = data.draw(sessions_for(fmt, start=start, end=end, venues=["a", "b"]))
    assert start <= s.date <= s.last_date <= end
    assert s.start < s.end
    assert fmt.participants_min <= s.expected <= fmt.participants_max
    assert s.venue in ("a", "b") and s.format == fmt.id


@given(st.data())
def test_phases_for_keep_the_length_rule(data):
    rules = PhaseRules(min_weeks=data.draw(st.integers(1, 6)), max_weeks=8)
    phase = data.draw(phases_for(EXAMPLE_FORMATS, number=2, rules=rules, venues=["a"]))
    assert phase.number == 2
    assert rules.min_weeks <= phase.weeks <= rules.max_weeks
    assert len({s.id for s in phase.sessions}) == len(phase.sessions) >= 1
    for s in phase.sessions:
        assert phase.start <= s.date <= s.last_date <= phase.end


@settings(max_examples=15)
@given(data=st.data())
def test_municipalities_for_pass_check(data, tmp_path_factory):
    formats = data.draw(
        st.lists(
            st.sampled_from(list(get_catalogue())), min_size=1, max_size=4, unique_by=lambda f: f.id
        )
    )
    m = data.draw(municipalities_for(formats))
    root = write_workspace(tmp_path_factory.mktemp("ws"), formats, municipality=m)
    findings = run_checks(Workspace.load(root))
    assert not has_errors(findings), [str(f) for f in findings]


def test_lab_for_has_every_inventory_item():
    formats = all_formats()
    lab = lab_for(formats)
    needed = {m.inventory for f in formats for m in f.materials if m.inventory}
    assert needed <= {item.id for item in lab.inventory}


# -- the pytest plugin and import hygiene --------------------------------------------------------


def test_wk_cli_fixture(wk_cli, wk_workspace):
    result = wk_cli("check", workspace=wk_workspace("digital.datensafari"))
    assert result.exit_code == 0 and "0 errors" in result.output
    listed = json.loads(wk_cli("plugins", "--json").output)
    assert "digital" in {p["name"] for p in listed}


def test_wk_fresh_plugins_fixture(wk_fresh_plugins, monkeypatch):
    monkeypatch.setenv("WERKZEUGKOFFER_LOAD_PLUGINS", "kreativ")
    assert {f.id.split(".")[0] for f in get_catalogue()} == {"kreativ"}


def test_hypothesis_is_imported_only_by_the_strategies():
    """The core, the CLI, the pytest plugin and check_plugin run without importing hypothesis."""
    code = (
        "import sys, werkzeugkoffer, werkzeugkoffer.testing, werkzeugkoffer.testing.pytest_plugin\n"
        "from werkzeugkoffer.testing import check_plugin, sample_result\n"
        "check_plugin('kreativ', render=False, results=False)\n"
        "assert 'hypothesis' not in sys.modules, 'hypothesis imported'\n"
        "from werkzeugkoffer.testing import results_for\n"
        "results_for(werkzeugkoffer.get_catalogue()['digital.datensafari'])\n"
        "assert 'hypothesis' in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_the_core_checks_run_on_generated_workspaces_without_crashing():
    """What check_plugin asks of a plugin's checks holds for the core's own."""
    from werkzeugkoffer.testing import generated_workspace

    formats = list(get_catalogue())
    for seed in range(15):
        ws = generated_workspace(formats[seed::5], seed)
        crashed = [str(f) for f in run_checks(ws) if f.code.startswith("check-")]
        assert crashed == [], (seed, crashed)
