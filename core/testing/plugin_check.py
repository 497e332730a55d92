"""``check_plugin``: check a plugin the way the core will use it, in the author's own tests."""

from __future__ import annotations

import html as html_module
import importlib
import json
import tempfile
import tomllib
import types
import warnings
from importlib import metadata
from pathlib import Path
from typing import Any

import attrs
import pluggy
import tomlkit

from .. import catalogue, hookspecs, pluginmanager
from ..catalogue import (
    get_catalogue,
    namespace_problem,
    source_label,
    validate_format,
)
from ..checks import CheckContext, Finding
from ..conversion import converter, structure, to_json, to_plain
from ..errors import WerkzeugkofferError
from ..kits.documents import render_html
from ..kits.content import card_templates, make_kit
from ..indicators import AGGREGATES_BY_TYPE, count_names_entries  # noqa: F401 - re-exported
from ..model import Format, Result, Session
from ..pluginmanager import PluginWarning
from ..names import did_you_mean
from ..render.environment import (
    DEFAULTS_DIR,
    describe_template_error,
    get_environment,
    template_error_location,
    template_owners,
)
from ..workspace import Workspace
from .samples import generated_workspace, sample_result, validation_problems, write_workspace


SAMPLE_ORTSTEILE = ("Beispielstadt", "Oberdorf", "Unterdorf")


class PluginCheckError(AssertionError):
    """:func:`check_plugin` found problems; ``problems`` lists them, each naming its place."""

    # pytest prints the class's module: show the public name, werkzeugkoffer.testing
    __module__ = "werkzeugkoffer.testing"

    def __init__(self, plugin: str, problems: list[str]):
        self.plugin = plugin
        self.problems = problems
        lines = "\n".join("  - " + p.replace("\n", "\n      ") for p in problems)
        super().__init__(f'plugin "{plugin}" has {len(problems)} problem(s):\n{lines}')


@attrs.define
class PluginReport:
    """What :func:`check_plugin` checked: the plugin's formats, hooks, templates and results."""

    name: str
    workspaces: int = 12
    hooks: list[str] = attrs.field(factory=list)
    formats: list[Format] = attrs.field(factory=list)
    template_dirs: list[Path] = attrs.field(factory=list)
    checks: list[str] = attrs.field(factory=list)
    refused: list[str] = attrs.field(factory=list)  # format ids the catalogue would refuse
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
    workspaces: int = 12,
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
    - registered checks run on that workspace and on ``workspaces`` generated ones
      (:func:`~werkzeugkoffer.testing.generated_workspace`: several municipalities, any weekday
      and hour, other plugins' formats, plans with mistakes), on all municipalities and on each
      alone, without raising, returning only :class:`~werkzeugkoffer.Finding` objects about
      the municipalities they were given; ``suggest_formats`` returns
      ``{format_id: (score, reason)}`` on all of them.

    ``render=False`` and ``results=False`` skip the slower last steps. Returns a
    :class:`PluginReport` of what was checked.
    """
    __tracebackhide__ = True  # pytest shows the problems, not this function's code
    module, name = load_plugin_object(plugin)
    report = PluginReport(name=name, workspaces=workspaces)
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
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # SystemExit too: the core contains it, so report it
            problems.append(f"{hook_name} raised {pluginmanager.describe_exception(exc)}")
        return None

    _check_formats(report, call, name, module)
    _check_templates(report, call)
    _check_round_trips(report)
    if results:
        _check_results(report)
    _check_with_workspace(report, call, module, render=render)
    if problems:
        report.problems = list(dict.fromkeys(problems))  # each problem once
        raise PluginCheckError(name, report.problems)
    return report


def _check_formats(report: PluginReport, call, name: str, module: Any) -> None:
    problems = report.problems
    registered: list[Any] = []
    call("register_formats", register=lambda fmt, *a, **kw: registered.append(fmt))
    report.checked.append("formats")
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
        problems.extend(_count_problems(fmt))
        namespace = namespace_problem(fmt.id, module, name)
        if namespace is not None:
            problems.append(f"{fmt.id}: {namespace}")
            report.refused.append(fmt.id)
        report.formats.append(fmt)
    ids = [f.id for f in report.formats]
    for fid in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"{fid}: registered twice")
    try:

        installed = get_catalogue()
    except Exception:  # a broken installation is not this plugin's problem
        installed = None
    if installed is not None:
        for fmt in report.formats:
            other = installed.get(fmt.id)
            source = installed.sources.get(fmt.id)
            if fmt.replaces == fmt.id:
                continue  # a deliberate override
            if other is not None and other != fmt and source != name:
                problems.append(
                    f'{fmt.id}: id already used by {source_label(source)}; rename it, or declare '
                    f'replaces = "{fmt.id}" to replace that format deliberately'
                )
            elif fmt.id in installed.conflicts:
                problems.append(f"{fmt.id}: {installed.conflict_message(fmt.id)}")


def _count_problems(fmt: Format) -> list[str]:
    """Indicators that say ``count`` but whose unit names entries (they mean ``sum``)."""
    out = []
    for i, ind in enumerate(fmt.indicators):
        fld = fmt.result_field(ind.field) if ind.field else None
        if count_names_entries(ind, fld):
            out.append(
                f'{fmt.id}: indicators[{i}] ({ind.id}): unit "{ind.unit}" names the entries of '
                f'"{fld.name}", but aggregate "count" counts the sessions that filled it in; '
                'to count the entries use aggregate "sum"'
            )
    return out


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
        for i, cm in enumerate(fmt.copy_masters):
            folders = [*report.template_dirs, DEFAULTS_DIR]
            if not any((d / cm.template).is_file() for d in folders):
                known = sorted(str(f.relative_to(d)) for d in report.template_dirs
                               for f in d.rglob("*.html"))
                problems.append(
                    f'{fmt.id}: copy_masters[{i}]: template "{cm.template}" not found in the '
                    f"plugin's template folders{did_you_mean(cm.template, known)}"
                )


def _check_round_trips(report: PluginReport) -> None:

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


def _check_results(report: PluginReport) -> None:
    report.checked.append("sample results")
    for fmt in report.formats:
        try:
            problems = validation_problems(fmt, sample_result(fmt))
        except WerkzeugkofferError as exc:
            problems = [str(exc)]
        report.problems.extend(f"{fmt.id}: sample result: {p}" for p in problems or ())


def _check_with_workspace(report: PluginReport, call, module: Any, *, render: bool) -> None:
    """Run the plugin's checks, suggestions and kit rendering on a one-session workspace."""
    problems = report.problems
    valid = [f for f in report.formats
             if not validate_format(f) and f.id not in report.refused]
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
        if not registered and not valid:
            return
        root = write_workspace(Path(tmp) / "ws", valid)
        try:
            ws = Workspace.load(root)
        except WerkzeugkofferError as exc:
            problems.append(f"a workspace with the plugin's formats does not load: {exc}")
            return
        # the checks and suggestions run on the one-session workspace and on generated ones
        samples = [("the sample workspace", ws)] + [
            (f"werkzeugkoffer.testing.generated_workspace(formats, {seed}), formats being the "
             "plugin's", generated_workspace(valid, seed, catalogue=ws.catalogue, root=ws.root))
            for seed in range(report.workspaces)
        ] if (registered or "suggest_formats" in report.hooks) else []
        for check, cname in registered:
            label = cname or getattr(check, "__name__", repr(check))
            report.checks.append(label)
            if not callable(check):
                problems.append(f'register_checks: "{label}" is not callable')
                continue
            for where, sample in samples:
                problem = _check_problem(check, label, sample)
                if problem is not None:
                    problems.append(f"{problem} (on {where})")
                    break
        if registered:
            report.checked.append("checks")
        if "suggest_formats" in report.hooks:
            report.checked.append("suggestions")
            before = len(problems)
            for where, sample in samples:
                for m in sample.municipalities.values():
                    for phase in (1, 2):
                        suggested = call(
                            "suggest_formats",
                            municipality=m,
                            phase=phase,
                            candidates=list(sample.catalogue),
                            context={
                                "lab": sample.lab,
                                "topics": [("Treffpunkt für Jugendliche", 3), ("Radweg", 2)]
                                if phase == 2
                                else [],
                                "workspace": sample,
                                "goals": getattr(sample.lab, "planning", None),
                            },
                        )
                        if suggested is not None:
                            _check_suggestions(suggested, problems)
                        if len(problems) > before:
                            problems[-1] += f" (on {where}, {m.name}, phase {phase})"
                            break
                    if len(problems) > before:
                        break
                if len(problems) > before:
                    break
        # kits
        if render and valid:
            _check_kits(report, Path(tmp), valid)


def _check_problem(check: Any, label: str, ws: Workspace) -> str | None:
    """Run a check on a workspace, all municipalities and each alone; the first problem."""
    contexts = [dict(ws.municipalities)]
    if len(ws.municipalities) > 1:
        contexts += [{slug: m} for slug, m in ws.municipalities.items()]
    for chosen in contexts:
        try:
            result = check(CheckContext(ws, chosen))
            if result is None:
                return f'check "{label}" returned None, expected an iterable of Findings'
            findings = list(result)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            return (f'check "{label}" raised {pluginmanager.describe_exception(exc)}'
                    f"{_at_session(exc)}")
        for f in findings:
            if not isinstance(f, Finding):
                return (f'check "{label}" returned {type(f).__name__} {f!r:.60}, '
                        "expected werkzeugkoffer.Finding")
            if f.municipality is not None and f.municipality not in chosen:
                return (f'check "{label}" reported on municipality "{f.municipality}", which '
                        f"was not among those to check ({', '.join(chosen) or 'none'}); "
                        "report only on context.municipalities")
            if f.file and not (f.file == "labor.toml" or f.file.startswith(
                    ("gemeinden/", "formate/"))):
                return (f'check "{label}" reported the file "{f.file}"; use a file relative to '
                        'the workspace, e.g. context.file(slug)')
    return None


def _at_session(exc: BaseException) -> str:
    """``' at session "x" (...)'``: the session the check was looking at when it raised.

    Found among the local variables of the check's frames (the innermost one that holds a
    :class:`~werkzeugkoffer.Session`), to tell the author which kind of plan breaks the check.
    """
    found = None
    tb = exc.__traceback__
    while tb is not None:
        for value in tb.tb_frame.f_locals.values():
            if isinstance(value, Session):
                found = value
        tb = tb.tb_next
    if found is None:
        return ""
    s = found
    days = f" to {s.end_date:%d.%m.}" if s.end_date else ""
    place = f'venue "{s.venue}"' if s.venue is not None else "no venue of its own"
    extra = f", {len(s.stations)} station(s)" if s.stations else ""
    return (f' at session "{s.id}" ({s.format}, {s.date:%a %d.%m.%Y}{days} '
            f"{s.start:%H:%M}-{s.end:%H:%M}, {place}{extra})")


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
    report.checked.append("kits")
    for i, fmt in enumerate(formats):
        root = write_workspace(tmp / f"kit-{i}", [fmt], phase2_sessions=False)
        try:
            ws = Workspace.load(root)
            slug = next(iter(ws.municipalities))
            html = render_html(make_kit(ws, slug, 1), workspace=ws)
        except Exception as exc:
            if template_error_location(exc) is not None:
                what = describe_template_error(exc, template_owners(root))
            else:
                what = pluginmanager.describe_exception(exc)
            report.problems.append(
                f"{fmt.id}: the kit of a one-session workspace does not render: {what}"
            )
            continue
        report.kit_html[fmt.id] = html
        if _plain(fmt.title) not in _plain(html):
            report.problems.append(f'{fmt.id}: the kit does not show the title "{fmt.title}"')
        # the plugin's own method card must be the one the kit uses
        names = list(card_templates(fmt))
        own = next((n for n in names if any((d / n).is_file() for d in report.template_dirs)), None)
        if own is not None:
            used = get_environment(ws).select_template(names).filename or ""
            if not any(Path(used).is_relative_to(d) for d in report.template_dirs):
                report.problems.append(
                    f'{fmt.id}: the kit uses the method card {used}, not the plugin\'s "{own}"'
                )


def _plain(text: str) -> str:
    return " ".join(html_module.unescape(text).split())


class _registered:
    """Register a plugin module in the global plugin manager while checking, if it is not."""

    def __init__(self, module: Any, name: str):
        self.module = module
        self.name = name
        self.added = False

    def __enter__(self):
        pm = pluginmanager.load_plugins()
        if not pm.is_registered(self.module) and pm.get_plugin(self.name) is None:
            pm.register(self.module, self.name)
            self.added = True
            catalogue.clear_cache()
        return self

    def __exit__(self, *exc):
        if self.added:
            pluginmanager.pm.unregister(self.module)
            pluginmanager.forget(self.name)
            catalogue.clear_cache()
        return False
