"""``werkzeugkoffer.testing``: the test kit for plugin authors.

Three things a plugin's own tests use::

    from werkzeugkoffer.testing import check_plugin, results_for

    def test_plugin_is_valid():
        check_plugin("jugend")             # entry-point name, module name or module object

    @given(results_for(my_format))         # hypothesis: any valid result of a format
    def test_results(result): ...

- :func:`check_plugin` checks a plugin the way the core will use it and raises one
  :class:`PluginCheckError` (an ``AssertionError``) listing every problem it found.
- Hypothesis strategies: :func:`result_values` and :func:`results_for` (valid results for any
  format's result schema), :func:`sessions_for`, :func:`phases_for` and
  :func:`municipalities_for` (valid sessions, phases and municipalities for a set of formats).
- Deterministic builders the fixtures of :mod:`werkzeugkoffer.pytest_plugin` use:
  :func:`sample_values`, :func:`sample_result`, :func:`lab_for`, :func:`municipality_for` and
  :func:`write_workspace`.

``hypothesis`` is a test dependency: it is imported only when a strategy is asked for, so
:func:`check_plugin` works without it and the core never imports it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import tomllib
import types
import warnings
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Sequence

import attrs

from .catalogue import validate_format
from .conversion import structure, to_json, to_plain
from .errors import WerkzeugkofferError
from .model import (
    Aggregate,
    Contact,
    Format,
    InventoryItem,
    Lab,
    Municipality,
    Phase,
    PhaseRules,
    Result,
    ResultField,
    ResultType,
    Session,
    Setting,
    TargetGroup,
    TeamMember,
    Venue,
)
from .pluginmanager import PluginWarning

__all__ = [
    "AGGREGATES_BY_TYPE",
    "assert_valid_result",
    "PluginCheckError",
    "PluginReport",
    "check_plugin",
    "lab_for",
    "load_plugin_object",
    "municipalities_for",
    "municipality_for",
    "phases_for",
    "result_values",
    "result_problems",
    "results_for",
    "sample_result",
    "sample_values",
    "sessions_for",
    "write_workspace",
]

#: Theme namespaces of the built-in plugins; a third-party format uses its own namespace.
BUILTIN_NAMESPACES = ("digital", "kreativ", "partizipativ")

#: The aggregates that make sense for each result type (see docs/formats.md and
#: :mod:`werkzeugkoffer.impact`, which computes them). ``sum`` and ``count`` of a list count its
#: entries; ``mean`` of a list is the mean number of entries per session; ``share`` is the mean of
#: a percent field or, for ``scores``, the mean degree of fulfilment (Erfüllungsgrad).
AGGREGATES_BY_TYPE: dict[ResultType, frozenset[Aggregate]] = {
    ResultType.COUNT: frozenset({Aggregate.SUM, Aggregate.MEAN, Aggregate.COUNT}),
    ResultType.NUMBER: frozenset({Aggregate.SUM, Aggregate.MEAN, Aggregate.COUNT}),
    ResultType.PERCENT: frozenset({Aggregate.MEAN, Aggregate.SHARE, Aggregate.COUNT}),
    ResultType.RATING: frozenset({Aggregate.MEAN, Aggregate.COUNT}),
    ResultType.TEXT: frozenset({Aggregate.COUNT}),
    ResultType.TEXT_LIST: frozenset({Aggregate.SUM, Aggregate.MEAN, Aggregate.COUNT}),
    ResultType.CHOICE_VOTES: frozenset({Aggregate.SUM, Aggregate.MEAN, Aggregate.COUNT}),
    ResultType.MAP_POINTS: frozenset({Aggregate.SUM, Aggregate.MEAN, Aggregate.COUNT}),
    ResultType.SCORES: frozenset({Aggregate.SHARE, Aggregate.COUNT}),
}

SAMPLE_ORTSTEILE = ("Beispielstadt", "Oberdorf", "Unterdorf")


# -- the plugin check ---------------------------------------------------------------------------


class PluginCheckError(AssertionError):
    """:func:`check_plugin` found problems; ``problems`` lists them, each naming its place."""

    def __init__(self, plugin: str, problems: list[str]):
        self.plugin = plugin
        self.problems = problems
        lines = "\n".join("  - " + p.replace("\n", "\n      ") for p in problems)
        super().__init__(f'plugin "{plugin}" has {len(problems)} problem(s):\n{lines}')


@attrs.define
class PluginReport:
    """What :func:`check_plugin` checked: the plugin's formats, hooks, templates and results."""

    name: str
    hooks: list[str] = attrs.field(factory=list)
    formats: list[Format] = attrs.field(factory=list)
    template_dirs: list[Path] = attrs.field(factory=list)
    checks: list[str] = attrs.field(factory=list)
    kit_html: dict[str, str] = attrs.field(factory=dict)
    checked: list[str] = attrs.field(factory=list)
    skipped: list[str] = attrs.field(factory=list)
    problems: list[str] = attrs.field(factory=list)

    @property
    def format_ids(self) -> list[str]:
        return [f.id for f in self.formats]


def load_plugin_object(plugin: Any) -> tuple[Any, str]:
    """Resolve a plugin given as module object, entry-point name or module name.

    Returns ``(module, name)``. An entry-point name of the group ``werkzeugkoffer`` wins over a
    module of the same name, so ``check_plugin("jugend")`` checks what the core would load.
    """
    if isinstance(plugin, str):
        for ep in metadata.entry_points(group="werkzeugkoffer"):
            if ep.name == plugin:
                try:
                    return ep.load(), ep.name
                except Exception as exc:
                    raise PluginCheckError(
                        plugin, [f"import failed: {exc.__class__.__name__}: {exc}"]
                    ) from exc
        try:
            return importlib.import_module(plugin), plugin
        except ModuleNotFoundError as exc:
            if exc.name != plugin.split(".")[0] and exc.name != plugin:
                raise PluginCheckError(
                    plugin, [f"import failed: {exc.__class__.__name__}: {exc}"]
                ) from exc
            installed = sorted(ep.name for ep in metadata.entry_points(group="werkzeugkoffer"))
            raise PluginCheckError(
                plugin,
                [
                    f'no entry point and no module named "{plugin}" (installed plugins: '
                    f"{', '.join(installed) or 'none'}); did you run pip install -e .?"
                ],
            ) from None
        except Exception as exc:
            raise PluginCheckError(
                plugin, [f"import failed: {exc.__class__.__name__}: {exc}"]
            ) from exc
    if isinstance(plugin, types.ModuleType):
        return plugin, plugin.__name__
    return plugin, getattr(plugin, "__name__", type(plugin).__name__)


def check_plugin(
    plugin: Any,
    *,
    render: bool = True,
    results: bool = True,
) -> PluginReport:
    """Check a plugin the way the core will use it; raise :class:`PluginCheckError` on problems.

    ``plugin`` is the entry-point name (``"jugend"``), a module name or the module itself. Checked:

    - the hook implementations have the names and arguments of :mod:`werkzeugkoffer.hookspecs`;
    - every registered format is a :class:`~werkzeugkoffer.Format` that passes
      :func:`~werkzeugkoffer.validate_format` (agenda minutes add up to the duration, indicators
      name existing result fields, options where a type needs them ...), has its own namespace,
      and clashes with no other installed format;
    - every indicator's ``aggregate`` fits the type of its result field;
    - each format round trips through the converter as TOML and JSON, and so does a sample result;
    - ``template_dirs`` are folders, every template in them parses, and a format's ``template``
      is found in them;
    - a sample result of each format validates against its result schema (with the result
      validation of :mod:`werkzeugkoffer.results`, when installed);
    - the method card of each format renders in the HTML kit of a one-session workspace (when the
      kit renderer is installed);
    - registered checks run on that workspace and return findings; ``suggest_formats`` returns
      ``{format_id: (score, reason)}``.

    ``render=False`` and ``results=False`` skip the slower last steps. Returns a
    :class:`PluginReport` of what was checked.
    """
    __tracebackhide__ = True  # pytest shows the problems, not this function's code
    import pluggy

    from . import hookspecs

    module, name = load_plugin_object(plugin)
    report = PluginReport(name=name)
    problems = report.problems

    private = pluggy.PluginManager("werkzeugkoffer")
    private.add_hookspecs(hookspecs)
    try:
        private.register(module, name)
        private.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginCheckError(name, [f"hook implementation is invalid: {exc}"]) from None
    report.hooks = sorted(h.name for h in private.get_hookcallers(module) or ())
    report.checked.append("hooks")
    if not report.hooks:
        problems.append(
            "implements no hook: decorate functions with @werkzeugkoffer.hookimpl "
            "(e.g. register_formats)"
        )

    def call(hook_name: str, **kwargs: Any) -> Any:
        impls = getattr(private.hook, hook_name).get_hookimpls()
        if not impls:
            return None
        impl = impls[0]
        args = {k: v for k, v in kwargs.items() if k in impl.argnames}
        try:
            return impl.function(**args)
        except WerkzeugkofferError as exc:  # e.g. load_formats found a malformed format file
            problems.append(f"{hook_name}: {exc}")
        except Exception as exc:
            problems.append(f"{hook_name} raised {exc.__class__.__name__}: {exc}")
        return None

    _check_formats(report, call, name)
    _check_templates(report, call)
    _check_round_trips(report)
    if results:
        _check_results(report)
    _check_with_workspace(report, call, module, render=render)
    if problems:
        report.problems = list(dict.fromkeys(problems))  # each problem once
        raise PluginCheckError(name, report.problems)
    return report


def _check_formats(report: PluginReport, call, name: str) -> None:
    problems = report.problems
    registered: list[Any] = []
    call("register_formats", register=lambda fmt, *a, **kw: registered.append(fmt))
    report.checked.append("formats")
    builtin = name.startswith("werkzeugkoffer.plugins.") or name in BUILTIN_NAMESPACES
    for i, obj in enumerate(registered):
        if isinstance(obj, dict):
            try:
                obj = structure(obj, Format, where=f"register_formats: format {i}")
            except WerkzeugkofferError as exc:
                problems.append(str(exc))
                continue
        if not isinstance(obj, Format):
            problems.append(
                f"register_formats: format {i} is a {type(obj).__name__}, "
                "expected werkzeugkoffer.Format"
            )
            continue
        fmt = _normalized(obj, problems)
        if fmt is None:
            continue
        problems.extend(f"{fmt.id}: {p}" for p in validate_format(fmt))
        namespace = fmt.id.split(".", 1)[0]
        if not builtin and "." in fmt.id and namespace in BUILTIN_NAMESPACES:
            problems.append(
                f'{fmt.id}: the namespace "{namespace}." belongs to a built-in plugin; '
                "use your plugin's own (e.g. the plugin name)"
            )
        for j, ind in enumerate(fmt.indicators):
            field = fmt.result_field(ind.field) if ind.field else None
            if field is not None and ind.aggregate not in AGGREGATES_BY_TYPE[field.type]:
                allowed = ", ".join(sorted(a.value for a in AGGREGATES_BY_TYPE[field.type]))
                problems.append(
                    f'{fmt.id}: indicators[{j}] ({ind.id}): aggregate "{ind.aggregate.value}" '
                    f'does not fit the {field.type.value} field "{field.name}" (use: {allowed})'
                )
        report.formats.append(fmt)
    ids = [f.id for f in report.formats]
    for fid in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"{fid}: registered twice")
    try:
        from .catalogue import get_catalogue

        installed = get_catalogue()
    except Exception:  # a broken installation is not this plugin's problem
        installed = None
    if installed is not None:
        for fmt in report.formats:
            other = installed.get(fmt.id)
            if other is not None and other != fmt and installed.sources.get(fmt.id) != name:
                problems.append(
                    f'{fmt.id}: id already used by plugin "{installed.sources.get(fmt.id)}"'
                )


def _normalized(fmt: Format, problems: list[str]) -> Format | None:
    """The format as the converter reads it back; report values of the wrong type."""
    try:
        back = structure(to_plain(fmt), Format, where=f"{fmt.id}")
    except WerkzeugkofferError as exc:
        problems.append(f"{fmt.id}: holds values the converter cannot read back: {exc}")
        return None
    except Exception as exc:
        problems.append(
            f"{fmt.id}: {', '.join(_unconvertible_fields(fmt)) or 'format'}: values of the wrong "
            f"type ({exc.__class__.__name__}: {exc}); build formats with load_formats or the "
            "converter"
        )
        return None
    if back != fmt:
        changed = [
            a.name for a in attrs.fields(Format) if getattr(back, a.name) != getattr(fmt, a.name)
        ]
        problems.append(
            f"{fmt.id}: {', '.join(changed)}: values of the wrong type (e.g. text where an enum "
            "or a tuple is expected; build formats with load_formats or the converter)"
        )
    return back


def _unconvertible_fields(fmt: Format) -> list[str]:
    import typing

    from .conversion import converter

    hints = typing.get_type_hints(Format)
    bad = []
    for a in attrs.fields(Format):
        try:
            converter.unstructure(getattr(fmt, a.name), unstructure_as=hints[a.name])
        except Exception:
            bad.append(a.name)
    return bad


def _check_templates(report: PluginReport, call) -> None:
    import jinja2

    problems = report.problems
    dirs = call("template_dirs")
    if dirs is None:
        dirs = []
    if not isinstance(dirs, (list, tuple)):
        problems.append(f"template_dirs must return a list of folders, got {type(dirs).__name__}")
        dirs = []
    for d in dirs:
        path = Path(d)
        if not path.is_dir():
            problems.append(f"template_dirs: {d} is not a folder (package data missing?)")
            continue
        report.template_dirs.append(path)
    report.checked.append("templates")
    env = jinja2.Environment(autoescape=True)
    for folder in report.template_dirs:
        for file in sorted(folder.rglob("*")):
            if file.is_file() and file.suffix in (".html", ".j2", ".jinja", ".svg", ".css"):
                try:
                    env.parse(file.read_text(encoding="utf-8"))
                except jinja2.TemplateSyntaxError as exc:
                    problems.append(
                        f"{file}: line {exc.lineno}: template syntax error: {exc.message}"
                    )
                except UnicodeDecodeError:
                    problems.append(f"{file}: not UTF-8 text")
    for fmt in report.formats:
        if fmt.template and not any((d / fmt.template).is_file() for d in report.template_dirs):
            where = ", ".join(str(d) for d in report.template_dirs) or "no template_dirs"
            problems.append(f'{fmt.id}: template "{fmt.template}" not found in {where}')


def _check_round_trips(report: PluginReport) -> None:
    import tomlkit

    problems = report.problems
    report.checked.append("round trips")
    for fmt in report.formats:
        try:
            toml_text = tomlkit.dumps(to_plain(fmt))
            back = structure(tomllib.loads(toml_text), Format, where=f"{fmt.id} (as TOML)")
            if back != fmt:
                problems.append(f"{fmt.id}: does not read back the same from TOML")
            data = json.loads(json.dumps(to_json(fmt)))
            if structure(data, Format, where=f"{fmt.id} (as JSON)") != fmt:
                problems.append(f"{fmt.id}: does not read back the same from JSON")
            result = sample_result(fmt)
            for kind, plain in (
                ("TOML", tomllib.loads(tomlkit.dumps(to_plain(result)))),
                ("JSON", json.loads(json.dumps(to_json(result)))),
            ):
                if structure(plain, Result, where=f"{fmt.id} result ({kind})") != result:
                    problems.append(f"{fmt.id}: a sample result does not read back from {kind}")
        except WerkzeugkofferError as exc:
            problems.append(f"{fmt.id}: round trip failed: {exc}")
        except Exception as exc:  # tomlkit refuses some values
            problems.append(f"{fmt.id}: round trip failed: {exc.__class__.__name__}: {exc}")


def _result_validator():
    """``validate(fmt, result, municipality) -> problems`` of :mod:`werkzeugkoffer.results`.

    None when that module is not installed. The result is checked as if it belonged to a
    session of ``fmt`` in ``municipality`` (default: :func:`municipality_for`).
    """
    try:
        results_module = importlib.import_module("werkzeugkoffer.results")
    except ModuleNotFoundError:
        return None
    if not hasattr(results_module, "result_problems") or not hasattr(results_module, "SessionInfo"):
        return None

    def validate(fmt: Format, result: Result, municipality: Municipality | None = None):
        m = municipality or municipality_for([fmt])
        session = next(
            (s for p in m.phases for s in p.sessions if s.format == fmt.id),
            m.phases[0].sessions[0] if m.phases and m.phases[0].sessions else None,
        )
        if session is None:
            session = municipality_for([fmt]).phases[0].sessions[0]
        info = results_module.SessionInfo(
            slug="beispiel", phase=1, session=session, format=fmt, municipality=m
        )
        _clean, problems = results_module.result_problems(info, result)
        return problems

    return validate


def _check_results(report: PluginReport) -> None:
    validate = _result_validator()
    if validate is None:
        report.skipped.append("sample results (werkzeugkoffer.results not installed)")
        return
    report.checked.append("sample results")
    for fmt in report.formats:
        try:
            problems = validate(fmt, sample_result(fmt))
        except WerkzeugkofferError as exc:
            problems = [str(exc)]
        report.problems.extend(f"{fmt.id}: sample result: {p}" for p in problems or ())


def _check_with_workspace(report: PluginReport, call, module: Any, *, render: bool) -> None:
    """Run the plugin's checks, suggestions and kit rendering on a one-session workspace."""
    import tempfile

    from .checks import CheckContext, Finding
    from .workspace import Workspace

    problems = report.problems
    valid = [f for f in report.formats if not validate_format(f)]
    with (
        tempfile.TemporaryDirectory(prefix="wk-check-") as tmp,
        warnings.catch_warnings(),
        _registered(module, report.name),
    ):
        # the catalogue warns about the plugin's malformed formats: they are problems here already
        warnings.simplefilter("ignore", PluginWarning)
        # checks
        registered: list[tuple[Any, str | None]] = []
        call("register_checks", register=lambda c, name=None: registered.append((c, name)))
        if registered or valid:
            root = write_workspace(Path(tmp) / "ws", valid)
            try:
                ws = Workspace.load(root)
            except WerkzeugkofferError as exc:
                problems.append(f"a workspace with the plugin's formats does not load: {exc}")
                return
        for check, cname in registered:
            label = cname or getattr(check, "__name__", repr(check))
            report.checks.append(label)
            if not callable(check):
                problems.append(f'register_checks: "{label}" is not callable')
                continue
            try:
                findings = list(check(CheckContext(ws, dict(ws.municipalities))) or ())
            except Exception as exc:
                problems.append(f'check "{label}" raised {exc.__class__.__name__}: {exc}')
                continue
            bad = [f for f in findings if not isinstance(f, Finding)]
            if bad:
                problems.append(
                    f'check "{label}" returned {type(bad[0]).__name__}, '
                    "expected werkzeugkoffer.Finding"
                )
        if registered:
            report.checked.append("checks")
        # suggestions
        if valid and "suggest_formats" in report.hooks:
            report.checked.append("suggestions")
            m = next(iter(ws.municipalities.values()))
            for phase in (1, 2):
                suggested = call(
                    "suggest_formats",
                    municipality=m,
                    phase=phase,
                    candidates=list(ws.catalogue),
                    context={
                        "lab": ws.lab,
                        "topics": [("Treffpunkt für Jugendliche", 3), ("Radweg", 2)]
                        if phase == 2
                        else [],
                        "workspace": ws,
                        "goals": getattr(ws.lab, "planning", None),
                    },
                )
                if suggested is not None:
                    _check_suggestions(suggested, problems)
        # kits
        if render and valid:
            _check_kits(report, Path(tmp), valid)


def _check_suggestions(suggested: Any, problems: list[str]) -> None:
    if not isinstance(suggested, dict):
        problems.append(
            f"suggest_formats must return a mapping {{format_id: (score, reason)}}, "
            f"got {type(suggested).__name__}"
        )
        return
    for fid, value in suggested.items():
        ok = (
            isinstance(fid, str)
            and isinstance(value, (tuple, list))
            and len(value) == 2
            and isinstance(value[0], (int, float))
            and not isinstance(value[0], bool)
            and isinstance(value[1], str)
        )
        if not ok:
            problems.append(f"suggest_formats: {fid!r}: expected (score, reason), got {value!r}")


def _check_kits(report: PluginReport, tmp: Path, formats: list[Format]) -> None:
    """Render the phase-1 kit of a one-session workspace for each format."""
    try:
        kits = importlib.import_module("werkzeugkoffer.kits")
        render = importlib.import_module("werkzeugkoffer.render")
    except ModuleNotFoundError:
        report.skipped.append("kit rendering (werkzeugkoffer.kits not installed)")
        return
    from .workspace import Workspace

    report.checked.append("kits")
    for i, fmt in enumerate(formats):
        root = write_workspace(tmp / f"kit-{i}", [fmt], phase2_sessions=False)
        try:
            ws = Workspace.load(root)
            slug = next(iter(ws.municipalities))
            html = kits.render_html(kits.make_kit(ws, slug, 1), workspace=ws)
        except Exception as exc:
            report.problems.append(
                f"{fmt.id}: the kit of a one-session workspace does not render: "
                f"{exc.__class__.__name__}: {exc}"
            )
            continue
        report.kit_html[fmt.id] = html
        if _plain(fmt.title) not in _plain(html):
            report.problems.append(f'{fmt.id}: the kit does not show the title "{fmt.title}"')
        # the plugin's own method card must be the one the kit uses
        names = list(kits.card_templates(fmt))
        own = next((n for n in names if any((d / n).is_file() for d in report.template_dirs)), None)
        if own is not None:
            used = render.get_environment(ws).select_template(names).filename or ""
            if not any(Path(used).is_relative_to(d) for d in report.template_dirs):
                report.problems.append(
                    f'{fmt.id}: the kit uses the method card {used}, not the plugin\'s "{own}"'
                )


def _plain(text: str) -> str:
    import html as html_module

    return " ".join(html_module.unescape(text).split())


class _registered:
    """Register a plugin module in the global plugin manager while checking, if it is not."""

    def __init__(self, module: Any, name: str):
        self.module = module
        self.name = name
        self.added = False

    def __enter__(self):
        from . import catalogue, pluginmanager

        pm = pluginmanager.load_plugins()
        if not pm.is_registered(self.module) and pm.get_plugin(self.name) is None:
            pm.register(self.module, self.name)
            self.added = True
            catalogue.clear_cache()
        return self

    def __exit__(self, *exc):
        if self.added:
            from . import catalogue, pluginmanager

            pluginmanager.pm.unregister(self.module)
            catalogue.clear_cache()
        return False


def result_problems(
    fmt: Format, result: Result, municipality: Municipality | None = None
) -> list[str]:
    """Why a result of ``fmt`` would be rejected or change on its way through the converter.

    Empty when the result round trips through TOML and JSON unchanged and (when
    :mod:`werkzeugkoffer.results` is installed) validates against the format's result schema,
    as the result of a session in ``municipality`` (default: :func:`municipality_for`, whose
    Ortsteile are :data:`SAMPLE_ORTSTEILE`, the ones the strategies use).
    """
    import tomlkit

    problems = []
    try:
        for kind, plain in (
            ("TOML", tomllib.loads(tomlkit.dumps(to_plain(result)))),
            ("JSON", json.loads(json.dumps(to_json(result)))),
        ):
            if structure(plain, Result, where=f"{fmt.id} result ({kind})") != result:
                problems.append(f"{fmt.id}: result does not read back the same from {kind}")
    except WerkzeugkofferError as exc:
        problems.append(f"{fmt.id}: result round trip failed: {exc}")
    validate = _result_validator()
    if validate is not None:
        try:
            problems.extend(f"{fmt.id}: {p}" for p in validate(fmt, result, municipality) or ())
        except WerkzeugkofferError as exc:
            problems.append(f"{fmt.id}: {exc}")
    return problems


def assert_valid_result(
    fmt: Format, result: Result, municipality: Municipality | None = None
) -> None:
    """Assert that a result of ``fmt`` round trips and validates (see :func:`result_problems`)."""
    __tracebackhide__ = True
    problems = result_problems(fmt, result, municipality)
    assert not problems, "\n".join(problems)


# -- deterministic sample data ------------------------------------------------------------------


def sample_value(field: ResultField, *, ortsteile: Sequence[str] = SAMPLE_ORTSTEILE) -> Any:
    """A plausible valid value for one result field (what a filled-in sheet would say)."""
    t = field.type
    if t is ResultType.COUNT:
        return 12
    if t is ResultType.NUMBER:
        return 3.5
    if t is ResultType.PERCENT:
        return 60.0
    if t is ResultType.TEXT:
        return "Beispieltext vom Ergebnisbogen"
    if t is ResultType.TEXT_LIST:
        return ["Erste Idee", "Zweite Idee"]
    if t is ResultType.CHOICE_VOTES:
        return {option: i + 1 for i, option in enumerate(field.options)}
    if t is ResultType.RATING:
        return 4.2
    if t is ResultType.MAP_POINTS:
        return (
            [{"category": field.options[0], "ortsteil": ortsteile[0], "note": "Beispielort"}]
            if field.options
            else []
        )
    if t is ResultType.SCORES:
        return [
            {
                "label": "Gruppe A",
                "values": {o: min(100, field.targets.get(o, 70)) for o in field.options},
            }
        ]
    raise ValueError(f"unknown result type {t}")  # pragma: no cover


def sample_values(fmt: Format, *, ortsteile: Sequence[str] = SAMPLE_ORTSTEILE) -> dict[str, Any]:
    """A valid value for every result field of a format."""
    return {f.name: sample_value(f, ortsteile=ortsteile) for f in fmt.result_fields}


def sample_result(
    fmt: Format, session: str = "beispiel-p1-01", *, ortsteile: Sequence[str] = SAMPLE_ORTSTEILE
) -> Result:
    """A valid :class:`~werkzeugkoffer.Result` of one session of ``fmt``."""
    group = next((g for g in fmt.target_groups if g is not TargetGroup.ALLE), TargetGroup.ALLE)
    return Result(
        session=session,
        participants={group: fmt.participants_min},
        values=sample_values(fmt, ortsteile=ortsteile or SAMPLE_ORTSTEILE),
        recorded_by="Testkit",
    )


def _indoor(fmt: Format) -> bool:
    return not (set(fmt.settings) <= {Setting.DRAUSSEN})


def _session_times(fmt: Format, start: dt.time = dt.time(10, 0)) -> tuple[dt.time, dt.time]:
    begin = dt.datetime.combine(dt.date(2000, 1, 1), start)
    end = begin + dt.timedelta(minutes=fmt.duration_minutes)
    if end.date() != begin.date():
        return dt.time(0, 0), dt.time(23, 59)
    return start, end.time()


def lab_for(formats: Iterable[Format], *, name: str = "Testlabor") -> Lab:
    """A lab whose team and tool case are large enough for any plan of these formats."""
    items: dict[str, str] = {}
    staff = 2
    for fmt in formats:
        staff = max(staff, fmt.staff * 4)
        for mat in fmt.materials:
            if mat.reusable and mat.inventory:
                items.setdefault(mat.inventory, mat.name)
    return Lab(
        name=name,
        organiser="Landkreis Beispiel",
        state="HE",
        contacts=(Contact(name="Alex Beispiel", role="Koordination", email="labor@example.org"),),
        team=tuple(TeamMember(name=f"Teammitglied {i + 1}", role="Team") for i in range(staff)),
        inventory=tuple(
            InventoryItem(id=item_id, name=label, quantity=1000)
            for item_id, label in sorted(items.items())
        ),
    )


def municipality_for(
    formats: Sequence[Format],
    *,
    name: str = "Beispielstadt",
    slug: str = "beispiel",
    start: dt.date = dt.date(2027, 3, 1),
    rules: PhaseRules = PhaseRules(),
    phase2_sessions: bool = True,
) -> Municipality:
    """A municipality with two valid phases and one session of each format in each phase.

    Every session has its own venue (so none overlap), lies inside its phase on a Saturday at
    10:00, and expects the format's minimum number of participants.
    """
    ortsteile = (name, *SAMPLE_ORTSTEILE[1:])
    length = rules.min_weeks * 7
    p1_start = start
    p1_end = p1_start + dt.timedelta(days=length - 1)
    p2_start = p1_end + dt.timedelta(weeks=rules.min_gap_weeks, days=1)
    p2_end = p2_start + dt.timedelta(days=length - 1)
    venues: list[Venue] = []
    phases = []
    for number, (begin, end) in enumerate(((p1_start, p1_end), (p2_start, p2_end)), start=1):
        sessions = []
        if number == 1 or phase2_sessions:
            for i, fmt in enumerate(formats):
                venue = Venue(
                    id=f"ort-{number}-{i + 1}",
                    name=f"Treffpunkt {number}.{i + 1}",
                    ortsteil=ortsteile[(i + number) % len(ortsteile)],
                    indoor=_indoor(fmt),
                )
                venues.append(venue)
                saturday = begin + dt.timedelta(days=(5 - begin.weekday()) % 7)
                saturdays = (end - saturday).days // 7 + 1
                day = saturday + dt.timedelta(weeks=i % saturdays)
                s_start, s_end = _session_times(fmt)
                end_date = None
                if fmt.days > 1:
                    end_date = min(day + dt.timedelta(days=fmt.days - 1), end)
                    if end_date == day:
                        end_date = None
                sessions.append(
                    Session(
                        id=f"{slug}-p{number}-{i + 1:02d}",
                        format=fmt.id,
                        date=day,
                        start=s_start,
                        end=s_end,
                        venue=venue.id,
                        host="Alex Beispiel",
                        expected=fmt.participants_min,
                        end_date=end_date,
                    )
                )
        phases.append(Phase(number=number, start=begin, end=end, sessions=tuple(sessions)))
    return Municipality(
        name=name,
        ags="06534999",
        population=5000,
        main_town=name,
        ortsteile=ortsteile,
        venues=tuple(venues),
        phases=tuple(phases),
    )


def write_workspace(
    root: str | Path,
    formats: Sequence[Format] = (),
    *,
    municipality: Municipality | None = None,
    lab: Lab | None = None,
    slug: str = "beispiel",
    phase2_sessions: bool = True,
    format_files: bool = False,
) -> Path:
    """Write a workspace folder planned with ``formats``; return its path.

    Without ``municipality``, one municipality (``gemeinden/<slug>.toml``) with one session of each
    format per phase (see :func:`municipality_for`). ``format_files=True`` also writes the formats
    to ``formate/*.toml`` (for formats that no installed plugin registers).
    """
    import tomlkit

    root = Path(root)
    formats = list(formats)
    (root / "gemeinden").mkdir(parents=True, exist_ok=True)
    lab = lab or lab_for(formats)
    municipality = municipality or municipality_for(
        formats, slug=slug, phase2_sessions=phase2_sessions
    )
    (root / "labor.toml").write_text(tomlkit.dumps(to_plain(lab)), encoding="utf-8")
    (root / "gemeinden" / f"{slug}.toml").write_text(
        tomlkit.dumps(to_plain(municipality)), encoding="utf-8"
    )
    if format_files:
        (root / "formate").mkdir(exist_ok=True)
        for fmt in formats:
            name = fmt.id.replace(".", "-")
            (root / "formate" / f"{name}.toml").write_text(
                tomlkit.dumps(to_plain(fmt)), encoding="utf-8"
            )
    return root


# -- hypothesis strategies ----------------------------------------------------------------------


def _st():
    from hypothesis import strategies

    return strategies


def _short_texts():
    st = _st()
    alphabet = st.characters(
        whitelist_categories=("L", "N", "P", "Zs"), blacklist_characters="\x00"
    )
    return st.text(alphabet=alphabet, min_size=1, max_size=40).filter(lambda s: s.strip() != "")


def value_strategy(field: ResultField, *, ortsteile: Sequence[str] = SAMPLE_ORTSTEILE):
    """A hypothesis strategy of valid values for one result field."""
    st = _st()
    texts = _short_texts()
    tenth = st.integers(0, 1000).map(lambda n: n / 10)
    least = 1 if field.required else 0  # a required list or table is not empty
    t = field.type
    if t is ResultType.COUNT:
        return st.integers(0, 10_000)
    if t is ResultType.NUMBER:
        return st.integers(-10_000, 10_000) | st.integers(-100_000, 100_000).map(lambda n: n / 10)
    if t is ResultType.PERCENT:
        return tenth
    if t is ResultType.TEXT:
        return texts
    if t is ResultType.TEXT_LIST:
        return st.lists(texts, min_size=least, max_size=8)
    if t is ResultType.CHOICE_VOTES:
        return st.dictionaries(st.sampled_from(field.options), st.integers(0, 1000), min_size=least)
    if t is ResultType.RATING:
        return st.integers(10, 50).map(lambda n: n / 10)
    if t is ResultType.MAP_POINTS:
        point = st.fixed_dictionaries(
            {
                "category": st.sampled_from(field.options),
                "ortsteil": st.sampled_from(list(ortsteile)),
                "note": st.just("") | texts,
            }
        )
        return st.lists(point, min_size=least, max_size=6)
    if t is ResultType.SCORES:
        profile = st.fixed_dictionaries(
            {
                "label": texts,
                "values": st.dictionaries(st.sampled_from(field.options), st.integers(0, 100)),
            }
        )
        return st.lists(profile, min_size=1, max_size=4, unique_by=lambda p: p["label"].strip())
    raise ValueError(f"unknown result type {t}")  # pragma: no cover


def result_values(fmt: Format, *, ortsteile: Sequence[str] = SAMPLE_ORTSTEILE):
    """Hypothesis strategy: valid ``values`` of a result of ``fmt``.

    Required fields are always there; optional ones may be left out (a blank on the sheet).
    """
    st = _st()
    required = {
        f.name: value_strategy(f, ortsteile=ortsteile) for f in fmt.result_fields if f.required
    }
    optional = {
        f.name: value_strategy(f, ortsteile=ortsteile) for f in fmt.result_fields if not f.required
    }
    return st.fixed_dictionaries(required, optional=optional)


def results_for(
    fmt: Format, *, session: str = "beispiel-p1-01", ortsteile: Sequence[str] = SAMPLE_ORTSTEILE
):
    """Hypothesis strategy: valid :class:`~werkzeugkoffer.Result` objects of a session of
    ``fmt``."""
    st = _st()
    groups = list(fmt.target_groups) or [TargetGroup.ALLE]
    return st.builds(
        Result,
        session=st.just(session),
        participants=st.dictionaries(
            st.sampled_from(groups),
            st.integers(0, fmt.participants_max),
            min_size=1,
            max_size=len(groups),
        ).filter(lambda d: any(d.values())),  # an empty sheet is not a result
        values=result_values(fmt, ortsteile=ortsteile),
        recorded_by=st.just("") | _short_texts(),
        source=st.just(""),
    )


def sessions_for(
    formats: Format | Sequence[Format],
    *,
    start: dt.date,
    end: dt.date,
    venues: Sequence[str] = ("treffpunkt",),
    ids: Any = None,
):
    """Hypothesis strategy: a valid session of one of ``formats`` between ``start`` and ``end``.

    The session lies inside the range (multi-day formats included), starts between 8:00 and
    20:00 on a quarter hour, lasts the format's duration, is at one of ``venues`` and expects a
    number of participants the format is made for.
    """
    st = _st()
    if isinstance(formats, Format):
        formats = [formats]
    if end < start:
        raise ValueError("end before start")
    ids = ids if ids is not None else st.from_regex(r"\A[a-z][a-z0-9-]{2,12}\Z")

    @st.composite
    def build(draw):
        fmt = draw(st.sampled_from(list(formats)))
        span = (end - start).days
        day = start + dt.timedelta(days=draw(st.integers(0, span)))
        quarter = draw(st.integers(8 * 4, 20 * 4))
        s_start, s_end = _session_times(fmt, dt.time(quarter // 4, quarter % 4 * 15))
        end_date = None
        if fmt.days > 1:
            end_date = min(day + dt.timedelta(days=fmt.days - 1), end)
            if end_date == day:
                end_date = None
        return Session(
            id=draw(ids),
            format=fmt.id,
            date=day,
            start=s_start,
            end=s_end,
            venue=draw(st.sampled_from(list(venues))),
            host=draw(st.just("") | _short_texts()),
            expected=draw(st.integers(fmt.participants_min, fmt.participants_max)),
            end_date=end_date,
        )

    return build()


def phases_for(
    formats: Sequence[Format],
    *,
    number: int = 1,
    rules: PhaseRules = PhaseRules(),
    start: dt.date | None = None,
    venues: Sequence[str] = ("treffpunkt",),
    max_sessions: int = 4,
    id_prefix: str = "s",
):
    """Hypothesis strategy: a valid :class:`~werkzeugkoffer.Phase` with sessions of ``formats``.

    Its length keeps the lab's rule (``rules.min_weeks`` to ``rules.max_weeks``), its sessions lie
    inside it, have unique ids, and none overlap another at the same venue.
    """
    st = _st()
    formats = list(formats)

    @st.composite
    def build(draw):
        begin = start or draw(st.dates(dt.date(2025, 1, 1), dt.date(2035, 12, 31)))
        days = draw(st.integers(rules.min_weeks * 7, rules.max_weeks * 7))
        end = begin + dt.timedelta(days=days - 1)
        count = draw(st.integers(0 if not formats else 1, max_sessions if formats else 0))
        sessions = []
        for i in range(count):
            s = draw(
                sessions_for(
                    formats,
                    start=begin,
                    end=end,
                    venues=venues,
                    ids=st.just(f"{id_prefix}-p{number}-{i + 1:02d}"),
                )
            )
            sessions.append(s)
        return Phase(
            number=number, start=begin, end=end, sessions=_without_overlaps(sessions, formats)
        )

    return build()


def _without_overlaps(sessions: list[Session], formats: Sequence[Format]) -> tuple[Session, ...]:
    """Drop sessions that would overlap an earlier one at the same venue."""
    hosting = {f.id for f in formats if f.hosts_sessions}
    kept: list[Session] = []
    for s in sessions:
        if s.format not in hosting and any(
            k.venue == s.venue and k.format not in hosting and _overlap(k, s) for k in kept
        ):
            continue
        kept.append(s)
    return tuple(kept)


def _overlap(a: Session, b: Session) -> bool:
    if a.last_date < b.date or b.last_date < a.date:
        return False
    return a.start < b.end and b.start < a.end


def municipalities_for(
    formats: Sequence[Format], *, rules: PhaseRules = PhaseRules(), max_sessions: int = 4
):
    """Hypothesis strategy: a municipality whose plan passes ``check`` without errors.

    Two phases in the lab's length rule, phase 2 after the minimum gap, sessions of ``formats``
    inside their phase at the municipality's venues, none overlapping. Pair it with
    :func:`lab_for` (a team and tool case big enough for any such plan).
    """
    st = _st()
    formats = list(formats)

    @st.composite
    def build(draw):
        ortsteile = draw(
            st.lists(
                st.sampled_from(["Mitte", "Nord", "Süd", "Oberdorf", "Unterdorf", "Am Bach"]),
                min_size=1,
                max_size=4,
                unique=True,
            )
        )
        venues = [
            Venue(id=f"ort-{i + 1}", name=f"Treffpunkt {o}", ortsteil=o, indoor=indoor)
            for i, (o, indoor) in enumerate(
                (o, indoor) for o in ortsteile for indoor in (True, False)
            )
        ]
        venue_ids = [v.id for v in venues]
        p1 = draw(
            phases_for(formats, number=1, rules=rules, venues=venue_ids, max_sessions=max_sessions)
        )
        gap = dt.timedelta(weeks=rules.min_gap_weeks, days=1 + draw(st.integers(0, 60)))
        p2 = draw(
            phases_for(
                formats,
                number=2,
                rules=rules,
                start=p1.end + gap,
                venues=venue_ids,
                max_sessions=max_sessions,
            )
        )
        # outdoor-only formats at indoor venues only warn, but a valid plan avoids that too
        by_id = {f.id: f for f in formats}
        venue_of = {v.id: v for v in venues}
        phases = []
        for p in (p1, p2):
            fixed = []
            for s in p.sessions:
                if venue_of[s.venue].indoor != _indoor(by_id[s.format]):
                    twin = s.venue.replace("ort-", "")
                    index = int(twin) - 1
                    other = index + 1 if index % 2 == 0 else index - 1
                    s = attrs.evolve(s, venue=venues[other].id)
                fixed.append(s)
            phases.append(attrs.evolve(p, sessions=_without_overlaps(fixed, formats)))
        return Municipality(
            name="Beispielstadt",
            ags=draw(st.from_regex(r"\A06[0-9]{6}\Z")),
            population=draw(st.integers(500, 100_000)),
            main_town=ortsteile[0],
            ortsteile=tuple(ortsteile),
            venues=tuple(venues),
            phases=tuple(phases),
        )

    return build()
