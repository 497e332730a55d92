"""The one jinja2 environment of werkzeugkoffer: kits, reports and anything else printed.

Template lookup order (first hit wins):

1. the workspace's ``templates/`` folder (a lab's own layouts),
2. the folders plugins return from the ``template_dirs`` hook, in plugin order,
3. the built-in defaults in ``werkzeugkoffer/templates``.

The defaults stay reachable with the prefix ``default:``, so an override can extend the original::

    {% extends "default:method_card.html" %}
    {% block variations %}{% endblock %}

The environment escapes every value (``autoescape=True``) and treats a missing value as an error
(:class:`jinja2.StrictUndefined`), so a kit never silently prints a blank where a fact belongs.
Text from workspace files is data: it is escaped, never evaluated as a template.

German filters: ``datum`` (13.03.2027), ``datum_kurz`` (13.03.), ``datum_lang`` (Samstag,
13. März 2027), ``wochentag`` (Sa.), ``uhrzeit`` (10:00), ``zeitraum`` (10:00-12:30 Uhr),
``minuten`` (2 Std. 30 Min.), ``zahl`` (1.234,5), ``kw`` (calendar week number), ``qr`` (an inline
SVG QR code of a URL) and ``ja_nein``; plurals and units from :mod:`werkzeugkoffer.text`:
``anzahl`` (1 Tag, 2 Tage), ``plural`` (the noun alone), ``tage_vorher`` (1 Tag vorher,
3 Wochen vorher), ``menge`` (20 Portionen), ``je_teilnehmende`` (je 2 Teilnehmende 1 Stück) and
``satz`` (a text ending in exactly one full stop); ``netz`` draws a blank competence net;
``piktogramm`` (the bundled pictogram of a theme), ``zugang`` (step-free access of a venue,
unknown stays unknown) and ``oeffnungstage`` (opening days grouped by hours).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import attrs
import jinja2
from markupsafe import Markup

from .. import pluginmanager
from ..i18n import _
from ..names import did_you_mean
from ..text import anzahl, je_teilnehmende, menge, minutes_label, plural, satz, tage_vorher, zahl

if TYPE_CHECKING:  # pragma: no cover
    from ..workspace import Workspace

#: where templates come from: a loaded workspace, its folder, or ``None`` (no workspace)
WorkspaceLike = Union["Workspace", str, "os.PathLike[str]", None]

DEFAULTS_DIR = Path(__file__).resolve().parent.parent / "templates"
WORKSPACE_TEMPLATES = "templates"

WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
WEEKDAYS_SHORT = ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.")
MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)


# -- German filters ---------------------------------------------------------------------------


def datum(value: dt.date) -> str:
    """``13.03.2027``"""
    return value.strftime("%d.%m.%Y")


def datum_kurz(value: dt.date) -> str:
    """``13.03.``"""
    return value.strftime("%d.%m.")


def wochentag(value: dt.date, lang: bool = False) -> str:
    """``Sa.`` (or ``Samstag`` with ``lang=True``)"""
    return (WEEKDAYS if lang else WEEKDAYS_SHORT)[value.weekday()]


def datum_lang(value: dt.date) -> str:
    """``Samstag, 13. März 2027``"""
    return f"{WEEKDAYS[value.weekday()]}, {value.day}. {MONTHS[value.month - 1]} {value.year}"


def uhrzeit(value: dt.time) -> str:
    """``10:00``"""
    return value.strftime("%H:%M")


def zeitraum(start: dt.time, end: dt.time) -> str:
    """``10:00–12:30 Uhr``"""
    return f"{uhrzeit(start)}–{uhrzeit(end)} Uhr"


def minuten(value: int) -> str:
    """``2 Std. 30 Min.``"""
    return minutes_label(int(value))


def kw(value: dt.date) -> int:
    """ISO calendar week number."""
    return value.isocalendar().week


def ja_nein(value: Any) -> str:
    return "ja" if value else "nein"


def named_svg(svg: str, name: str) -> Markup:
    """An inline SVG with an accessible name: ``role="img"``, ``aria-label`` (HTML, screen
    readers) and a ``<title>`` as its first child (WeasyPrint makes it the figure's /Alt in the
    tagged PDF). ``name`` is escaped."""
    escaped = Markup.escape(name)
    head, sep, rest = svg.partition(">")
    if not sep or not head.lstrip().startswith("<svg"):
        raise ValueError("not an SVG element")
    head = head.replace("<svg", f'<svg role="img" aria-label="{escaped}"', 1)
    return Markup(f"{head}><title>{escaped}</title>{rest}")


def qr(url: str, label: str = "QR-Code") -> Markup:
    """An inline SVG QR code (segno) of ``url``, scalable by CSS, with an accessible name
    (``label: url``) that also becomes the alternative text in the PDF."""
    import segno

    svg = segno.make(str(url), error="m").svg_inline(
        scale=1, omitsize=True, border=2, dark="#000", light="#fff", title=None, svgclass="qr"
    )
    return named_svg(svg, f"{label}: {url}")


PICTOGRAMS_DIR = Path(__file__).resolve().parent.parent / "templates" / "assets"


@lru_cache(maxsize=8)
def _pictogram_svg(name: str) -> str:
    return (PICTOGRAMS_DIR / f"thema-{name}.svg").read_text(encoding="utf-8").strip()


def piktogramm(theme: Any, label: str | None = None) -> Markup:
    """The bundled black-and-white pictogram of a theme (``digital``, ``kreativ``,
    ``partizipativ``) as inline SVG, named "Piktogramm Thema Digital" (or ``label``)."""
    value = getattr(theme, "value", theme)
    if value not in ("digital", "kreativ", "partizipativ"):
        raise ValueError(f"no pictogram for theme {value!r}")
    title = getattr(theme, "label", str(value).capitalize())
    return named_svg(_pictogram_svg(value), label or f"Piktogramm Thema {title}")


def zugang(venue: Any) -> str:
    """Step-free access of a venue in words; unknown stays unknown."""
    accessible = getattr(venue, "accessible", None)
    if accessible is None:
        return "stufenloser Zugang: nicht bekannt"
    return "stufenlos zugänglich" if accessible else "nicht stufenlos zugänglich"


def zielgruppen(groups: Any) -> str:
    """Target groups as a German list: ``Familien, Kinder und Senior:innen``; with "alle"
    among others ``alle, besonders Familien und Kinder``."""
    labels = [getattr(g, "label", str(g)) for g in groups]
    everyone = "alle" in labels
    rest = [label for label in labels if label != "alle"]
    listed = ", ".join(rest[:-1]) + " und " + rest[-1] if len(rest) > 1 else "".join(rest)
    if everyone:
        return f"alle, besonders {listed}" if rest else "alle"
    return listed


def oeffnungstage(openings: Any) -> str:
    """Opening days, grouped by hours, consecutive days as ranges:
    ``Fr. 25.06. bis So. 04.07.: 15:00–19:00 Uhr; Mi. 07.07.: 10:00–12:00 Uhr``."""
    groups: dict[tuple, list[dt.date]] = {}
    for o in openings:
        groups.setdefault((o.start, o.end), []).append(o.date)
    parts = []
    for (start, end), days in groups.items():
        days = sorted(set(days))
        runs: list[list[dt.date]] = []
        for day in days:
            if runs and (day - runs[-1][-1]).days == 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        texts = []
        for run in runs:
            first = f"{wochentag(run[0])} {datum_kurz(run[0])}"
            if len(run) == 1:
                texts.append(first)
            elif len(run) == 2:
                texts.append(f"{first} und {wochentag(run[1])} {datum_kurz(run[1])}")
            else:
                texts.append(f"{first} bis {wochentag(run[-1])} {datum_kurz(run[-1])}")
        hours = zeitraum(start, end) if start is not None and end is not None else ""
        parts.append(", ".join(texts) + (f": {hours}" if hours else ""))
    return "; ".join(parts)


def netz(axes, targets=None, title: str = "Kompetenz-Netz") -> Markup:
    """A blank radar chart ("Kompetenz-Netz") over ``axes`` with the ``targets`` ({axis:
    percent}) as a dashed line, to draw one's own line on paper."""
    from .charts import radar_chart

    targets = targets or {}
    values = [targets.get(a) for a in axes]
    series = [("Ziel der Rolle", values, "target")] if any(v is not None for v in values) else []
    return radar_chart(list(axes), series, title=title)


FILTERS = {
    "datum": datum,
    "datum_kurz": datum_kurz,
    "datum_lang": datum_lang,
    "wochentag": wochentag,
    "uhrzeit": uhrzeit,
    "zeitraum": zeitraum,
    "minuten": minuten,
    "zahl": zahl,
    "kw": kw,
    "ja_nein": ja_nein,
    "qr": qr,
    "anzahl": anzahl,
    "plural": plural,
    "tage_vorher": tage_vorher,
    "menge": menge,
    "je_teilnehmende": je_teilnehmende,
    "satz": satz,
    "netz": netz,
    "piktogramm": piktogramm,
    "zugang": zugang,
    "oeffnungstage": oeffnungstage,
    "zielgruppen": zielgruppen,
}


# -- search path and environment ---------------------------------------------------------------


def _workspace_root(workspace: WorkspaceLike) -> Path | None:
    if workspace is None:
        return None
    if isinstance(workspace, (str, os.PathLike)):
        return Path(workspace)
    return Path(workspace.root)  # a Workspace


def plugin_template_dirs() -> list[Path]:
    """Template folders returned by plugins' ``template_dirs`` hook, in plugin order.

    A folder that does not exist, or an answer that is not a list of folders, is recorded as a
    fault of the plugin (a warning naming it) and skipped.
    """
    return [path for path, _ in plugin_template_owners()]


def plugin_template_owners() -> list[tuple[Path, str]]:
    """``(folder, plugin name)`` of every plugin template folder, in plugin order."""
    out: list[tuple[Path, str]] = []
    for plugin_name, dirs in pluginmanager.call_each("template_dirs"):
        if not dirs:
            continue
        if isinstance(dirs, (str, os.PathLike)):
            dirs = [dirs]
        if not isinstance(dirs, (list, tuple)):
            pluginmanager.record_fault(
                plugin_name, "template_dirs",
                _("returned {type}, expected a list of folders").format(
                    type=type(dirs).__name__),
            )
            continue
        for d in dirs:
            if not isinstance(d, (str, os.PathLike)):
                pluginmanager.record_fault(
                    plugin_name, "template_dirs",
                    _("returned {type} {value} in its list, expected a folder path").format(
                        type=type(d).__name__, value=repr(d)),
                )
                continue
            path = Path(d)
            if not path.is_dir():
                pluginmanager.record_fault(
                    plugin_name, "template_dirs",
                    _("template folder {path} does not exist (package data missing?)").format(
                        path=path),
                    warning=_('plugin "{plugin}": template folder {path} does not exist; '
                              "skipped").format(plugin=plugin_name, path=path),
                )
                continue
            if path not in [p for p, _ in out]:
                out.append((path, plugin_name))
    return out


def search_path(
    workspace: WorkspaceLike = None, plugin_dirs: list[Path] | None = None
) -> list[Path]:
    """The template folders in lookup order: workspace, plugins, defaults."""
    dirs: list[Path] = []
    root = _workspace_root(workspace)
    if root is not None and (root / WORKSPACE_TEMPLATES).is_dir():
        dirs.append(root / WORKSPACE_TEMPLATES)
    dirs.extend(plugin_template_dirs() if plugin_dirs is None else plugin_dirs)
    dirs.append(DEFAULTS_DIR)
    return dirs


@lru_cache(maxsize=16)
def _environment(dirs: tuple[str, ...]) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(list(dirs)),
            jinja2.PrefixLoader(
                {"default": jinja2.FileSystemLoader(str(DEFAULTS_DIR))}, delimiter=":"
            ),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(FILTERS)
    return env


def get_environment(
    workspace: WorkspaceLike = None, *, dirs: list[Path] | None = None
) -> jinja2.Environment:
    """The jinja2 environment for a workspace (a :class:`Workspace`, a folder, or ``None``).

    ``dirs`` gives the search path explicitly (see :func:`search_path`); environments are cached
    per search path.
    """
    if dirs is None:
        dirs = search_path(workspace)
    return _environment(tuple(str(d) for d in dirs))


def render(
    template_name: str | list[str], /, *, workspace: WorkspaceLike = None, **context: Any
) -> str:
    """Render a template (or the first existing of a list) with ``context``."""
    env = get_environment(workspace)
    template = env.select_template(template_name) if isinstance(template_name, list) else env.get_template(template_name)
    return template.render(**context)


def template_error_location(exc: BaseException) -> tuple[str, int] | None:
    """``(template file, line)`` where rendering failed, or ``None`` outside a template.

    Syntax errors carry the place; errors while rendering (an undefined attribute under
    :class:`jinja2.StrictUndefined`, a filter that raises) do not, but jinja2 rewrites the
    traceback so that frames of compiled templates show the template file and line: the last
    such frame is where the template failed.
    """
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.lineno:
        return (exc.filename or exc.name or "<template>"), exc.lineno
    found = None
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        if "__jinja_exception__" in frame.f_globals:  # a frame jinja2 made for template code
            found = (frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def describe_template_error(exc: BaseException, owners: dict[Path, str] | None = None) -> str:
    """``template FILE, line N (plugin "x"): UndefinedError: ...`` for a failed rendering.

    ``owners`` maps template folders to who provides them (plugin names, ``workspace``), so
    that the message names the plugin whose template failed.
    """
    what = f"{exc.__class__.__name__}: {getattr(exc, 'message', None) or exc}"
    what += _attribute_hint(str(getattr(exc, "message", None) or exc))
    where = template_error_location(exc)
    if where is None:
        return _("template error: {problem}").format(problem=what)
    file, line = where
    owner = ""
    for folder, name in (owners or {}).items():
        try:
            Path(file).resolve().relative_to(Path(folder).resolve())
        except (ValueError, OSError):
            continue
        owner = f" ({name})"
        break
    return _("template {file}, line {line}{owner}: {problem}").format(
        file=file, line=line, owner=owner, problem=what)


_NO_ATTRIBUTE = re.compile(r"'(?P<cls>[\w.]+) object' has no attribute '(?P<attr>\w+)'")


def _attribute_hint(message: str) -> str:
    """`` (did you mean "title"?)`` for an undefined attribute of one of our classes."""
    match = _NO_ATTRIBUTE.search(message)
    if match is None:
        return ""
    module, _dot, name = match["cls"].rpartition(".")
    cls = getattr(sys.modules.get(module), name, None)
    if cls is None:
        return ""
    names = [n for n in dir(cls) if not n.startswith("_")]
    names += [a.name for a in attrs.fields(cls)] if attrs.has(cls) else []
    return did_you_mean(match["attr"], names)


def template_owners(workspace: Any = None) -> dict[Path, str]:
    """Who provides each template folder of a workspace's search path (for messages)."""
    owners: dict[Path, str] = {}
    root = _workspace_root(workspace)
    if root is not None and (root / WORKSPACE_TEMPLATES).is_dir():
        owners[root / WORKSPACE_TEMPLATES] = "the workspace's templates/"
    for path, plugin in plugin_template_owners():
        owners.setdefault(path, f'plugin "{plugin}"')
    owners.setdefault(DEFAULTS_DIR, "werkzeugkoffer's defaults")
    return owners


def templates_digest(dirs: list[Path]) -> str:
    """A hash of every template file in the search path (for incremental builds)."""
    h = hashlib.sha256()
    for d in dirs:
        h.update(str(d).encode() + b"\0")
        for path in sorted(p for p in Path(d).rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            h.update(str(path.relative_to(d)).encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()
