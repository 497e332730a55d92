"""The format catalogue: every format registered by plugins or workspace format files."""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import Any

import attrs

from . import cache, model, pluginmanager
from .hookspecs import hookimpl
from .errors import FormatError, PluginError, WerkzeugkofferError
from .files import read_toml
from .model import Format, ImpactLevel, ResultType
from .text import PLURALS, did_you_mean


def validate_format(fmt: Format) -> list[str]:
    """Return the problems of a format (empty when it is valid)."""
    problems = []
    if "." not in fmt.id:
        problems.append(f'id "{fmt.id}" must be namespaced, e.g. "{fmt.theme.value}.{fmt.id}"')
    for name in ("title", "summary", "purpose", "question", "version"):
        if not getattr(fmt, name).strip():
            problems.append(f"{name}: must not be empty")
    if fmt.duration_minutes <= 0:
        problems.append("duration_minutes: must be positive")
    if not 0 < fmt.participants_min <= fmt.participants_max:
        problems.append(
            f"participants_min/participants_max: need 0 < min <= max, got "
            f"{fmt.participants_min}/{fmt.participants_max}"
        )
    if not fmt.agenda:
        problems.append("agenda: at least one step is needed")
    total = sum(step.minutes for step in fmt.agenda)
    if fmt.agenda and total != fmt.duration_minutes:
        problems.append(
            f"agenda: steps add up to {total} minutes, duration_minutes is {fmt.duration_minutes}"
        )
    for i, step in enumerate(fmt.agenda):
        if step.minutes <= 0:
            problems.append(f"agenda[{i}].minutes: must be positive")
    if not fmt.roles:
        problems.append("roles: at least one role is needed")
    materials = [("materials", fmt.materials)]
    if fmt.stations is not None:
        materials.append(("stations.materials", fmt.stations.materials))
        if not fmt.stations.roles and not fmt.stations.materials:
            problems.append("stations: say what each station needs (roles or materials)")
        for i, r in enumerate(fmt.stations.roles):
            if r.count <= 0:
                problems.append(f"stations.roles[{i}].count: must be positive")
    for where, items in materials:
        for i, m in enumerate(items):
            if m.quantity <= 0:
                problems.append(f"{where}[{i}].quantity: must be positive")
            if m.per_participants is not None and m.per_participants <= 0:
                problems.append(f"{where}[{i}].per_participants: must be positive")
            if m.inventory and not m.reusable:
                problems.append(f"{where}[{i}]: a consumable cannot come from the inventory")
            if m.unit and "|" not in m.unit and m.unit not in PLURALS:
                problems.append(
                    f'{where}[{i}].unit: unknown unit "{m.unit}"{did_you_mean(m.unit, PLURALS)}; '
                    f'give its plural too, e.g. "{m.unit}|{m.unit}e"'
                )
    names = [f.name for f in fmt.result_fields]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f'result_fields: duplicate field "{name}"')
    if not fmt.result_fields:
        problems.append("result_fields: at least one result field is needed")
    for i, f in enumerate(fmt.result_fields):
        if f.type in (ResultType.CHOICE_VOTES, ResultType.SCORES) and not f.options:
            problems.append(f"result_fields[{i}] ({f.name}): a {f.type.value} field needs options")
        if f.targets and f.type is not ResultType.SCORES:
            problems.append(f"result_fields[{i}] ({f.name}): targets only apply to scores fields")
        for key, target in f.targets.items():
            if key not in f.options:
                problems.append(f'result_fields[{i}] ({f.name}): target for unknown option "{key}"')
            if not 0 <= target <= 100:
                problems.append(f"result_fields[{i}] ({f.name}): target {target} is not 0-100")
    problems.extend(_copy_master_problems(fmt))
    ids = [ind.id for ind in fmt.indicators]
    for name in sorted({n for n in ids if ids.count(n) > 1}):
        problems.append(f'indicators: duplicate id "{name}"')
    if not fmt.indicators:
        problems.append("indicators: at least one indicator is needed")
    for i, ind in enumerate(fmt.indicators):
        if ind.step not in ind.level.steps:
            problems.append(
                f"indicators[{i}] ({ind.id}): step {ind.step} is not on level {ind.level.value} "
                f"(steps {ind.level.steps.start}-{ind.level.steps.stop - 1})"
            )
        if ind.field is not None and ind.field not in names:
            problems.append(f'indicators[{i}] ({ind.id}): unknown result field "{ind.field}"')
        if ind.field is None and ind.level is not ImpactLevel.IMPACT and ind.step != 1:
            problems.append(f"indicators[{i}] ({ind.id}): needs a result field to be counted")
    return problems


COPY_MASTER_SIZES = ("A4", "A3")


def _copy_master_problems(fmt: Format) -> list[str]:
    """Problems of a format's copy masters (a missing template is found by ``check``)."""
    problems = []
    consumables = {m.name for m in fmt.materials if not m.reusable}
    if fmt.stations is not None:
        consumables |= {m.name for m in fmt.stations.materials if not m.reusable}
    templates = [cm.template for cm in fmt.copy_masters]
    for name in sorted({t for t in templates if templates.count(t) > 1}):
        problems.append(f'copy_masters: template "{name}" is named twice')
    for i, cm in enumerate(fmt.copy_masters):
        where = f"copy_masters[{i}]"
        if not cm.template.strip() or not cm.title.strip():
            problems.append(f"{where}: template and title must not be empty")
        if cm.size not in COPY_MASTER_SIZES:
            problems.append(f'{where}.size: "{cm.size}" is not one of {", ".join(COPY_MASTER_SIZES)}')
        if cm.copies <= 0:
            problems.append(f"{where}.copies: must be positive")
        if cm.per_participants is not None and cm.per_participants <= 0:
            problems.append(f"{where}.per_participants: must be positive")
        if cm.per_sheet <= 0:
            problems.append(f"{where}.per_sheet: must be positive")
        if cm.material is not None:
            if cm.material not in consumables:
                problems.append(
                    f'{where}.material: "{cm.material}" is not a consumable material of the '
                    f"format{did_you_mean(cm.material, sorted(consumables))}"
                )
            if cm.per_participants is not None or cm.copies != 1:
                problems.append(
                    f"{where}: copies come from the material; leave out copies and per_participants"
                )
    return problems


#: Parts of nouns that name a printable (a form, slip, card, poster, letter ...) on a card.
PRINTABLE_WORDS = (
    "zettel", "plakat", "urkunde", "brief", "hausordnung", "bedingungen", "schild",
    "tischkarte", "stationskarte", "fragekarte", "antwortkarte", "symbolkarte", "rezeptkarte",
    "vorschlagskarte", "notfallkarte", "legende", "routenplan", "lageplan", "aufgabenbl",
    "kontaktliste", "strichliste", "anmeldeliste", "rangliste", "spielregeln", "café-regeln",
    "raster", "wartenummer", "aktionsplan", "kompetenz-netz", "soll-profil", "kniff-sammlung",
    "einwilligungsb", "tagesb", "umfragebogen", "ideenbogen", "haltebogen", "papierbögen",
    "protokollbogen", "rezepttafel",
)
#: Printables every kit has (result sheets, feedback and consent forms, the door notice, posters
#: and invitations), printed from the reports (result posters), and paper things that are bought
#: or made on site, not printed from a kit.
KIT_PRINTABLES = (
    "ergebnisplakat", "ergebnisbogen", "ergebnisbögen", "feedbackbogen", "fotoeinwilligung", "datenschutzhinweis",
    "namensschild", "flipchart", "packpapier", "klebezettel", "moderationskarte", "papierbogen",
    "papierbahn", "checkliste", "packliste", "teilnehmendenliste", "wunschliste",
)
#: Words that name a printable of every kit as a whole word (the kit's posters and notices).
KIT_WORDS = ("Plakat", "Plakate", "Aushang", "Aushänge", "Einladung", "Einladungen")
_NOUN_RE = re.compile(r"[A-ZÄÖÜ][\w\-äöüÄÖÜß]*(?: (?:A5|für))?")


def _stem(word: str) -> str:
    word = word.lower().replace("ö", "o").replace("ä", "a").replace("ü", "u")
    for end in ("en", "er", "n", "e", "s"):
        if word.endswith(end) and len(word) > len(end) + 3:
            return word[: -len(end)]
    return word


def unshipped_printables(fmt: Format) -> list[str]:
    """Printables the card of ``fmt`` names (in materials, preparation, agenda, roles,
    accessibility and data-protection notes) that no copy master of the format ships and that
    are not part of every kit (:data:`KIT_PRINTABLES`). Each is a noun as the card writes it."""
    texts = [m.name for m in fmt.materials] + [p.task for p in fmt.preparation]
    texts += [f"{s.title} {s.description}" for s in fmt.agenda]
    texts += [r.description for r in fmt.roles]
    texts += [fmt.accessibility, fmt.data_protection.notes]
    shipped = " ".join(_stem(w) for cm in fmt.copy_masters
                       for w in re.split(r"[\s,/()]+", f"{cm.title} {cm.material or ''}") if w)
    missing: list[str] = []
    for text in texts:
        for noun in _NOUN_RE.findall(text):
            low = noun.lower()
            if not any(w in low for w in PRINTABLE_WORDS):
                continue
            if noun in KIT_WORDS or any(k in low.replace("-", "") for k in KIT_PRINTABLES):
                continue
            if all(_stem(part) in shipped for part in re.split(r"[\s-]+", noun) if part
                   and part not in ("A5", "für")):
                continue
            if noun not in missing:
                missing.append(noun)
    return missing


@attrs.define
class Catalogue:
    """Formats by id, the plugin each came from, and the problems met while collecting them."""

    formats: dict[str, Format] = attrs.field(factory=dict)
    sources: dict[str, str] = attrs.field(factory=dict)
    problems: list[str] = attrs.field(factory=list)

    def add(self, fmt: Any, source: str) -> None:
        if isinstance(fmt, dict):
            from .conversion import structure  # start-up time: cattrs only when needed

            fmt = structure(fmt, Format, where=f'plugin "{source}"')
        if not isinstance(fmt, Format):
            raise PluginError(
                f'plugin "{source}" registered {type(fmt).__name__}, expected werkzeugkoffer.Format'
            )
        problems = validate_format(fmt)
        if problems:
            raise FormatError(
                f'plugin "{source}": format "{fmt.id}" is malformed',
                details=problems,
            )
        if fmt.id in self.formats:
            raise PluginError(
                f'plugin "{source}": duplicate format id "{fmt.id}" '
                f'(already registered by "{self.sources[fmt.id]}")'
            )
        self.formats[fmt.id] = fmt
        self.sources[fmt.id] = source

    def get(self, format_id: str) -> Format | None:
        return self.formats.get(format_id)

    def __getitem__(self, format_id: str) -> Format:
        try:
            return self.formats[format_id]
        except KeyError:
            raise FormatError(f'unknown format "{format_id}"{self.did_you_mean(format_id)}') from None

    def __contains__(self, format_id: object) -> bool:
        return format_id in self.formats

    def __iter__(self):
        return iter(sorted(self.formats.values(), key=lambda f: (f.theme.value, f.id)))

    def __len__(self) -> int:
        return len(self.formats)

    def did_you_mean(self, format_id: str) -> str:
        close = difflib.get_close_matches(format_id, list(self.formats), n=1, cutoff=0.6)
        if not close:
            # also try the part after the namespace
            tail = {fid.split(".", 1)[-1]: fid for fid in self.formats}
            hit = difflib.get_close_matches(format_id.split(".", 1)[-1], list(tail), n=1)
            close = [tail[hit[0]]] if hit else []
        return f' (did you mean "{close[0]}"?)' if close else ""

    def copy(self) -> "Catalogue":
        """A copy to add more formats to (e.g. a workspace's formate/*.toml)."""
        return Catalogue(dict(self.formats), dict(self.sources), list(self.problems))


# (plugin manager generation, catalogue): a reset of the plugin manager makes it stale
_cache: tuple[int, Catalogue] | None = None


def clear_cache() -> None:
    global _cache
    _cache = None


def get_catalogue() -> Catalogue:
    """The catalogue of all plugin formats, collected once, plugin by plugin.

    A malformed or duplicate format is skipped with a warning naming its plugin (the problem is
    also kept in ``Catalogue.problems``); the other formats keep working.
    """
    global _cache
    generation = pluginmanager.generation()
    if _cache is not None and _cache[0] == generation:
        return _cache[1]
    cat = Catalogue()

    def per_plugin(plugin_name: str) -> dict[str, Any]:
        def register(fmt: Any) -> None:
            try:
                cat.add(fmt, plugin_name)
            except WerkzeugkofferError as exc:
                cat.problems.append(str(exc))
                pluginmanager.warn(str(exc))

        return {"register": register}

    pluginmanager.call_each("register_formats", _per_plugin=per_plugin)
    _cache = (generation, cat)
    return cat


def load_format_file(path) -> Format:
    """Read one format from a TOML file (the same fields a plugin format has)."""
    from .conversion import structure  # start-up time: cached formats need no cattrs

    path = Path(path)
    where = str(path)
    fmt = structure(read_toml(path, where), Format, where=where)
    problems = validate_format(fmt)
    if problems:
        raise FormatError(f"{where}: format is malformed", details=problems)
    return fmt


def load_formats(folder) -> list[Format]:
    """Read every ``*.toml`` format file in a folder, sorted by file name.

    Parsed formats are cached (:mod:`werkzeugkoffer.cache`) keyed by the files' names, sizes
    and modification times and the model's version, so that a command like ``formats list``
    does not parse and validate every file on every start. ``WERKZEUGKOFFER_NO_CACHE=1`` turns
    the cache off.
    """
    paths = sorted(Path(folder).glob("*.toml"))
    key = cache.files_key([*paths, model.__file__, __file__])
    name = f"formats{os.path.abspath(folder)}".replace(os.sep, "_")
    cached = cache.read(name, key)
    if cached is not None:
        return cached
    formats = [load_format_file(p) for p in paths]
    cache.write(name, key, formats)
    return formats


def plugin_info() -> list[dict[str, Any]]:
    """Name, version, hooks and formats of every plugin, and the broken ones with the reason."""
    pm = pluginmanager.load_plugins()
    cat = get_catalogue()
    info = []
    for name, plugin in sorted(pm.list_name_plugin()):
        hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or ())
        dist = pluginmanager.distribution(name)
        info.append(
            {
                "name": name,
                "version": dist[1] if dist else None,
                "distribution": dist[0] if dist else None,
                "hooks": hooks,
                "formats": sorted(fid for fid, src in cat.sources.items() if src == name),
                "builtin": name in pluginmanager.DEFAULT_PLUGINS,
                "broken": pluginmanager.broken.get(name),
            }
        )
    for name, reason in sorted(pluginmanager.broken.items()):
        if pm.get_plugin(name) is None:
            info.append(
                {"name": name, "version": None, "distribution": None, "hooks": [],
                 "formats": [], "builtin": False, "broken": reason}
            )
    return info


def folder_plugin(folder: str | Path) -> tuple[Any, Any]:
    """The two hooks of a plugin whose formats are TOML files: ``(register_formats, template_dirs)``.

    ``folder/formate/*.toml`` are its formats (the schema of a workspace format file) and
    ``folder/templates/`` its templates, when there is such a folder. A plugin module writes::

        register_formats, template_dirs = werkzeugkoffer.folder_plugin(Path(__file__).parent)
    """
    folder = Path(folder)

    @hookimpl
    def register_formats(register):
        for fmt in load_formats(folder / "formate"):
            register(fmt)

    @hookimpl
    def template_dirs():
        templates = folder / "templates"
        return [str(templates)] if templates.is_dir() else []

    return register_formats, template_dirs
