"""The format catalogue: every format registered by plugins or workspace format files."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import attrs

from . import cache, model, pluginmanager
from .hookspecs import hookimpl
from .errors import FormatError, PluginError, WerkzeugkofferError
from .files import read_toml
from .i18n import _
from .indicators import indicator_problems
from .model import Format, ImpactLevel, ResultType, TopicRole
from .names import closest
from .text import PLURALS, did_you_mean


_TOPIC_TYPES = {
    TopicRole.MENTIONS: (ResultType.TEXT_LIST,),
    TopicRole.RANKED: (ResultType.TEXT_LIST,),
    TopicRole.VOTES: (ResultType.CHOICE_VOTES,),
    TopicRole.POINTS: (ResultType.MAP_POINTS,),
}


def validate_format(fmt: Format) -> list[str]:
    """Return the problems of a format (empty when it is valid)."""
    problems = []
    if "." not in fmt.id:
        problems.append(_('id: "{id}" must be namespaced, e.g. "{example}"').format(
            id=fmt.id, example=f"{fmt.theme.value}.{fmt.id}"))
    for name in ("title", "summary", "purpose", "question", "version"):
        if not getattr(fmt, name).strip():
            problems.append(_("{field}: must not be empty").format(field=name))
    if fmt.duration_minutes <= 0:
        problems.append(_("{field}: must be positive").format(field="duration_minutes"))
    if not 0 < fmt.participants_min <= fmt.participants_max:
        problems.append(
            _("participants_min/participants_max: need 0 < min <= max, got {min}/{max}")
            .format(min=fmt.participants_min, max=fmt.participants_max)
        )
    if not fmt.agenda:
        problems.append(_("agenda: at least one step is needed"))
    total = sum(step.minutes for step in fmt.agenda)
    if fmt.agenda and total != fmt.duration_minutes:
        problems.append(
            _("agenda: steps add up to {total} minutes, duration_minutes is {duration}")
            .format(total=total, duration=fmt.duration_minutes)
        )
    for i, step in enumerate(fmt.agenda):
        if step.minutes <= 0:
            problems.append(_("{field}: must be positive").format(field=f"agenda[{i}].minutes"))
    if not fmt.roles:
        problems.append(_("roles: at least one role is needed"))
    materials = [("materials", fmt.materials)]
    if fmt.stations is not None:
        materials.append(("stations.materials", fmt.stations.materials))
        if not fmt.stations.roles and not fmt.stations.materials:
            problems.append(_("stations: say what each station needs (roles or materials)"))
        for i, r in enumerate(fmt.stations.roles):
            if r.count <= 0:
                problems.append(_("{field}: must be positive").format(
                    field=f"stations.roles[{i}].count"))
    for where, items in materials:
        for i, m in enumerate(items):
            if m.quantity <= 0:
                problems.append(_("{field}: must be positive").format(
                    field=f"{where}[{i}].quantity"))
            if m.per_participants is not None and m.per_participants <= 0:
                problems.append(_("{field}: must be positive").format(
                    field=f"{where}[{i}].per_participants"))
            if m.inventory and not m.reusable:
                problems.append(_("{field}: a consumable cannot come from the inventory").format(
                    field=f"{where}[{i}]"))
            if m.unit and "|" not in m.unit and m.unit not in PLURALS:
                problems.append(
                    _('{field}: unknown unit "{unit}"{hint}; give its plural too, e.g. '
                      '"{example}"').format(field=f"{where}[{i}].unit", unit=m.unit,
                                            hint=did_you_mean(m.unit, PLURALS),
                                            example=f"{m.unit}|{m.unit}e")
                )
    names = [f.name for f in fmt.result_fields]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(_('result_fields: duplicate field "{name}"').format(name=name))
    if not fmt.result_fields:
        problems.append(_("result_fields: at least one result field is needed"))
    for i, f in enumerate(fmt.result_fields):
        where = f"result_fields[{i}] ({f.name})"
        if f.type in (ResultType.CHOICE_VOTES, ResultType.SCORES) and not f.options:
            problems.append(_("{field}: a {type} field needs options").format(
                field=where, type=f.type.value))
        if f.targets and f.type is not ResultType.SCORES:
            problems.append(_("{field}: targets only apply to scores fields").format(field=where))
        if f.topics is not None and f.topics is not TopicRole.NONE:
            fits = _TOPIC_TYPES[f.topics]
            if f.type not in fits:
                problems.append(
                    _('{field}: topics = "{topics}" needs a {types} field, not {type}').format(
                        field=where, topics=f.topics.value,
                        types=" | ".join(t.value for t in fits), type=f.type.value))
        if not 0 <= f.topic_weight <= 100:
            problems.append(_("{field}: topic_weight must be 0 to 100").format(field=where))
        for key, target in f.targets.items():
            if key not in f.options:
                problems.append(_('{field}: target for unknown option "{option}"').format(
                    field=where, option=key))
            if not 0 <= target <= 100:
                problems.append(_("{field}: target {target} is not 0-100").format(
                    field=where, target=target))
    problems.extend(_copy_master_problems(fmt))
    ids = [ind.id for ind in fmt.indicators]
    for name in sorted({n for n in ids if ids.count(n) > 1}):
        problems.append(_('indicators: duplicate id "{id}"').format(id=name))
    if not fmt.indicators:
        problems.append(_("indicators: at least one indicator is needed"))
    for i, ind in enumerate(fmt.indicators):
        where = f"indicators[{i}] ({ind.id})"
        if ind.step not in ind.level.steps:
            problems.append(
                _("{field}: step {step} is not on level {level} (steps {first}-{last})").format(
                    field=where, step=ind.step, level=ind.level.value,
                    first=ind.level.steps.start, last=ind.level.steps.stop - 1)
            )
        if ind.field is not None and ind.field not in names:
            problems.append(_('{field}: unknown result field "{name}"').format(
                field=where, name=ind.field))
        if ind.field is None and ind.level is not ImpactLevel.IMPACT and ind.step != 1:
            problems.append(_("{field}: needs a result field to be counted").format(field=where))
        fld = fmt.result_field(ind.field) if ind.field is not None else None
        problems.extend(f"indicators[{i}] ({ind.id}): {p}" for p in indicator_problems(ind, fld))
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
        problems.append(_('copy_masters: template "{name}" is named twice').format(name=name))
    for i, cm in enumerate(fmt.copy_masters):
        where = f"copy_masters[{i}]"
        if not cm.template.strip() or not cm.title.strip():
            problems.append(_("{field}: template and title must not be empty").format(field=where))
        if cm.size not in COPY_MASTER_SIZES:
            problems.append(_('{field}: "{size}" is not one of {allowed}').format(
                field=f"{where}.size", size=cm.size, allowed=", ".join(COPY_MASTER_SIZES)))
        for name in ("copies", "per_participants", "per_sheet"):
            value = getattr(cm, name)
            if value is not None and value <= 0:
                problems.append(_("{field}: must be positive").format(field=f"{where}.{name}"))
        if cm.material is not None:
            if cm.material not in consumables:
                problems.append(
                    _('{field}: "{material}" is not a consumable material of the format{hint}')
                    .format(field=f"{where}.material", material=cm.material,
                            hint=did_you_mean(cm.material, sorted(consumables)))
                )
            if cm.per_participants is not None or cm.copies != 1:
                problems.append(
                    _("{field}: copies come from the material; leave out copies and "
                      "per_participants").format(field=where)
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


#: The namespaces (id prefixes) of the built-in plugins, reserved for them.
BUILTIN_NAMESPACES = ("digital", "kreativ", "partizipativ")
BUILTIN_PLUGIN_PACKAGE = "werkzeugkoffer.plugins."


def source_label(source: str) -> str:
    """A format's source as a message names it: ``plugin "jugend"`` or ``formate/x.toml``."""
    return source if "/" in source or source.endswith(".toml") else _('plugin "{name}"').format(
        name=source)


def declared_namespaces(plugin: Any, name: str) -> tuple[str, ...]:
    """The namespaces a plugin declares: its module's ``NAMESPACES``.

    Without ``NAMESPACES``: the plugin's name (its entry-point name) and, for a module
    ``werkzeugkoffer_<name>`` (the naming of ``werkzeugkoffer plugin new``), ``<name>`` with
    ``_`` as ``-``.
    """
    declared = getattr(plugin, "NAMESPACES", None)
    if isinstance(declared, str):
        return (declared,)
    if declared is not None:
        try:
            return tuple(str(n) for n in declared)
        except TypeError:
            pass
    names = [name]
    module = str(getattr(plugin, "__name__", ""))
    if module.startswith("werkzeugkoffer_"):
        names.append(module.removeprefix("werkzeugkoffer_").replace("_", "-"))
    return tuple(dict.fromkeys(names))


def is_builtin_plugin(plugin: Any) -> bool:
    """A built-in plugin is a module of the package ``werkzeugkoffer.plugins``."""
    return str(getattr(plugin, "__name__", "")).startswith(BUILTIN_PLUGIN_PACKAGE)


def namespace_problem(format_id: str, plugin: Any, name: str) -> str | None:
    """Why a plugin may not register ``format_id`` (its namespace), or ``None`` when it may."""
    namespace, _sep, rest = format_id.partition(".")
    if not rest:
        return None  # validate_format reports a missing namespace
    declared = declared_namespaces(plugin, name)
    if namespace in BUILTIN_NAMESPACES:
        if is_builtin_plugin(plugin):
            return None
        return _(
            'the namespace "{namespace}." is reserved for the built-in plugin "{namespace}"; '
            'use your plugin\'s own, e.g. "{example}" (a built-in format is replaced '
            'deliberately by a format with replaces = "<its id>")'
        ).format(namespace=namespace, example=f"{declared[0]}.{rest}")
    if namespace in declared:
        return None
    listed = ", ".join(f'"{n}."' for n in declared)
    return _(
        'the namespace "{namespace}." is not one the plugin declares ({listed}); rename the '
        "format or declare NAMESPACES = {declaration} in the plugin module"
    ).format(namespace=namespace, listed=listed, declaration=repr([*declared, namespace]))


@attrs.frozen
class Replacement:
    """Format ``id`` of ``source`` is replaced by format ``by`` of ``by_source`` (``replaces``)."""

    id: str
    source: str | None  # None while the replaced format was not registered (yet)
    by: str
    by_source: str

    def __str__(self) -> str:
        args = {"id": self.id, "by": self.by, "by_source": source_label(self.by_source),
                "source": source_label(self.source) if self.source else ""}
        if self.source and self.by != self.id:
            return _('"{id}" of {source} is replaced by "{by}" of {by_source}').format(**args)
        if self.source:
            return _('"{id}" of {source} is replaced by {by_source}').format(**args)
        if self.by != self.id:
            return _('"{id}" is replaced by "{by}" of {by_source}').format(**args)
        return _('"{id}" is replaced by {by_source}').format(**args)


@attrs.define
class Catalogue:
    """Formats by id and the source (plugin or workspace file) each came from.

    Format ids are owned: two sources registering one id is a conflict, and neither is used,
    unless one of them declares ``replaces = "<id>"`` (a deliberate override). The catalogue
    keeps what it refused, so that a session's unknown format can be explained:
    ``problems`` (messages), ``conflicts`` (id -> sources), ``replaced`` (id -> replacement),
    ``rejected`` (id -> why a plugin's format was refused) and ``broken`` (plugins that could
    not contribute: name -> reason, with the namespaces they declare in ``broken_namespaces``).
    """

    formats: dict[str, Format] = attrs.field(factory=dict)
    sources: dict[str, str] = attrs.field(factory=dict)
    problems: list[str] = attrs.field(factory=list)
    conflicts: dict[str, list[str]] = attrs.field(factory=dict)
    replaced: dict[str, Replacement] = attrs.field(factory=dict)
    rejected: dict[str, str] = attrs.field(factory=dict)
    broken: dict[str, str] = attrs.field(factory=dict)
    broken_namespaces: dict[str, str] = attrs.field(factory=dict)  # namespace -> broken plugin

    def add(self, fmt: Any, source: str, *, plugin: Any = None) -> Format:
        """Add a format of ``source`` (a plugin name or a workspace file); return it.

        ``plugin`` is the plugin object when a plugin registers: its namespace is checked.
        Raises :class:`PluginError` or :class:`FormatError` naming the source when the format is
        refused (wrong type, malformed, outside the plugin's namespace, an id another source
        already registered).
        """
        if isinstance(fmt, dict):
            from .conversion import structure  # start-up time: cattrs only when needed

            fmt = structure(fmt, Format, where=source_label(source))
        if not isinstance(fmt, Format):
            raise PluginError(
                _("{source} registered {type}, expected werkzeugkoffer.Format").format(
                    source=source_label(source), type=type(fmt).__name__)
            )
        problems = validate_format(fmt)
        if problems:
            self.rejected.setdefault(fmt.id, _("{source}: format is malformed").format(
                source=source_label(source)))
            raise FormatError(
                _('{source}: format "{id}" is malformed').format(source=source_label(source),
                                                                 id=fmt.id),
                details=problems,
            )
        if plugin is not None:
            problem = namespace_problem(fmt.id, plugin, source)
            if problem:
                self.rejected.setdefault(fmt.id, f"{source_label(source)}: {problem}")
                raise PluginError(_('{source}: format "{id}": {problem}').format(
                    source=source_label(source), id=fmt.id, problem=problem))
        self._place(fmt, source)
        return fmt

    def _place(self, fmt: Format, source: str) -> None:
        fid = fmt.id
        if fid in self.conflicts:
            self.conflicts[fid].append(source)
            raise PluginError(self.conflict_message(fid))
        existing = self.formats.get(fid)
        if existing is not None:
            old = self.sources[fid]
            if old == source:  # one source twice: the first one counts
                raise PluginError(_('{source} registered format "{id}" twice; the second is '
                                    "skipped").format(source=source_label(source), id=fid))
            if fmt.replaces == fid and existing.replaces != fid:  # the override comes second
                self.replaced[fid] = Replacement(fid, old, fid, source)
                self.formats[fid] = fmt
                self.sources[fid] = source
                return
            if existing.replaces == fid and fmt.replaces != fid:  # the original comes second
                self.replaced[fid] = Replacement(fid, source, fid, old)
                return
            del self.formats[fid], self.sources[fid]
            self.conflicts[fid] = [old, source]
            raise PluginError(self.conflict_message(fid))
        pending = self.replaced.get(fid)
        if pending is not None and pending.by != fid:  # replaced by another id before it came
            self.replaced[fid] = attrs.evolve(pending, source=pending.source or source)
            return
        self.formats[fid] = fmt
        self.sources[fid] = source
        target = fmt.replaces
        if target and target != fid:
            if target in self.replaced and self.replaced[target].by != fid:
                raise PluginError(
                    _('{source}: format "{id}" replaces "{target}", but {replacement} already; '
                      "only one format can replace it").format(
                        source=source_label(source), id=fid, target=target,
                        replacement=self.replaced[target])
                )
            old_source = self.sources.pop(target, None)
            self.formats.pop(target, None)
            self.replaced[target] = Replacement(target, old_source, fid, source)

    def conflict_message(self, format_id: str) -> str:
        sources = self.conflicts[format_id]
        names = _(" and ").join(source_label(s) for s in sources)
        return _(
            'format id "{id}" is registered by {sources}, so neither is used; a deliberate '
            'override declares replaces = "{id}" in the format that should win'
        ).format(id=format_id, sources=names)

    def unresolved_replacements(self) -> list[Replacement]:
        """Replacements of ids that no source registered (probably a typo)."""
        return [r for r in self.replaced.values() if r.source is None]

    def finish(self) -> list[tuple[str, str]]:
        """Forget replacements of ids no source registered; return ``(source, problem)`` pairs."""
        out = []
        for r in self.unresolved_replacements():
            del self.replaced[r.id]
            problem = _(
                '{source}: format "{id}" replaces "{target}", which no plugin registers{hint}'
            ).format(source=source_label(r.by_source), id=r.by, target=r.id,
                     hint=self.did_you_mean(r.id))
            self.problems.append(problem)
            out.append((r.by_source, problem))
        return out

    def get(self, format_id: str) -> Format | None:
        return self.formats.get(format_id)

    def __getitem__(self, format_id: str) -> Format:
        try:
            return self.formats[format_id]
        except KeyError:
            raise FormatError(_('unknown format "{id}"{hint}').format(
                id=format_id, hint=self.did_you_mean(format_id))) from None

    def __contains__(self, format_id: object) -> bool:
        return format_id in self.formats

    def __iter__(self):
        return iter(sorted(self.formats.values(), key=lambda f: (f.theme.value, f.id)))

    def __len__(self) -> int:
        return len(self.formats)

    def fault_for(self, format_id: str) -> tuple[str, str] | None:
        """Why ``format_id`` is missing because of a plugin fault: ``(plugin or id, reason)``.

        A conflict, a format refused by the catalogue or a broken plugin whose namespace the id
        is in. ``None`` when the id is simply unknown (a typo, a plugin not installed).
        """
        if format_id in self.formats:
            return None
        if format_id in self.conflicts:
            return format_id, self.conflict_message(format_id)
        if format_id in self.rejected:
            return format_id, _('format "{id}" was refused: {reason}').format(
                id=format_id, reason=self.rejected[format_id])
        plugin = self.broken_namespaces.get(format_id.split(".", 1)[0])
        if plugin is not None:
            return plugin, _('plugin "{name}" is broken: {reason}').format(
                name=plugin, reason=self.broken[plugin])
        return None

    def did_you_mean(self, format_id: str) -> str:
        """Text to append to "unknown format X": a replacement, a plugin fault or a close id."""
        replaced = self.replaced.get(format_id)
        if replaced is not None and replaced.by in self.formats:
            return " " + _('({replacement}; use "{id}")').format(replacement=replaced,
                                                                 id=replaced.by)
        fault = self.fault_for(format_id)
        if fault is not None:
            return f" ({fault[1]})"
        close = closest(format_id, self.formats)
        if close is None:
            # also try the part after the namespace
            tail = {fid.split(".", 1)[-1]: fid for fid in self.formats}
            hit = closest(format_id.split(".", 1)[-1], tail)
            close = tail[hit] if hit else None
        return _(' (did you mean "{name}"?)').format(name=close) if close else ""

    def copy(self) -> "Catalogue":
        """A copy to add more formats to (e.g. a workspace's formate/*.toml)."""
        return Catalogue(
            dict(self.formats), dict(self.sources), list(self.problems),
            {k: list(v) for k, v in self.conflicts.items()}, dict(self.replaced),
            dict(self.rejected), dict(self.broken), dict(self.broken_namespaces),
        )


# (plugin manager generation, catalogue): a reset of the plugin manager makes it stale
_cache: tuple[int, Catalogue] | None = None


def clear_cache() -> None:
    global _cache
    _cache = None


def get_catalogue() -> Catalogue:
    """The catalogue of all plugin formats, collected once, plugin by plugin.

    A malformed, foreign-namespace or conflicting format is skipped and recorded as a fault of
    its plugin (a warning naming the plugin; also kept in ``Catalogue.problems``); the other
    formats keep working.
    """
    global _cache
    generation = pluginmanager.generation()
    if _cache is not None and _cache[0] == generation:
        return _cache[1]
    cat = Catalogue()
    pm = pluginmanager.load_plugins()

    def per_plugin(plugin_name: str) -> dict[str, Any]:
        plugin = pm.get_plugin(plugin_name)

        def register(fmt: Any, *args: Any, **kwargs: Any) -> None:
            try:
                cat.add(fmt, plugin_name, plugin=plugin)
            except WerkzeugkofferError as exc:
                cat.problems.append(str(exc))
                message = str(exc).removeprefix(f"{source_label(plugin_name)}: ")
                pluginmanager.record_fault(plugin_name, "register_formats", message,
                                           warning=str(exc))

        return {"register": register}

    answered = {name for name, _ in pluginmanager.call_each("register_formats",
                                                            _per_plugin=per_plugin)}
    for source, problem in cat.finish():
        pluginmanager.record_fault(source, "register_formats", problem, warning=problem)
    # plugins whose formats are missing: not loaded at all, or register_formats raised
    failed = {impl.plugin_name for impl in pm.hook.register_formats.get_hookimpls()} - answered
    for name, reason in pluginmanager.broken.items():
        plugin = pm.get_plugin(name)
        if plugin is not None and name not in failed:
            continue
        cat.broken[name] = reason
        for namespace in declared_namespaces(plugin, name) if plugin is not None else (name,):
            cat.broken_namespaces.setdefault(namespace, name)
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
        raise FormatError(_("{file}: format is malformed").format(file=where), details=problems)
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


def plugin_info(catalogue: Catalogue | None = None) -> list[dict[str, Any]]:
    """Name, version, hooks, formats and faults of every plugin, and the broken ones' reasons.

    ``replaces`` lists the formats of other sources a plugin deliberately replaces and
    ``problems`` the faults recorded for it (refused formats, hooks that raised ...). Pass a
    workspace's ``catalogue`` to see replacements by its ``formate/*.toml`` too (they are
    listed under the pseudo-plugin ``formate/``).
    """
    pm = pluginmanager.load_plugins()
    cat = catalogue if catalogue is not None else get_catalogue()

    def replaces(source: str) -> list[str]:
        return sorted(str(r) for r in cat.replaced.values() if r.by_source == source)

    def problems(name: str) -> list[str]:  # the fault that broke the plugin is its reason
        folder = pluginmanager.plugin_folder(name)
        return list(dict.fromkeys(
            pluginmanager.relative_to_plugin(f.message, folder) for f in pluginmanager.faults
            if f.plugin == name and f.message != pluginmanager.broken.get(name)
            and f != pluginmanager.broken_by.get(name)
        ))

    def reason(name: str) -> str | None:
        text = pluginmanager.broken.get(name)
        if text is None:
            return None
        return pluginmanager.relative_to_plugin(text, pluginmanager.plugin_folder(name))

    def folder(name: str) -> str | None:
        path = pluginmanager.plugin_folder(name)
        return str(path) if path is not None else None

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
                "namespaces": list(declared_namespaces(plugin, name)),
                "replaces": replaces(name),
                "builtin": name in pluginmanager.DEFAULT_PLUGINS,
                "broken": reason(name),
                "problems": problems(name),
                "folder": folder(name),
            }
        )
    for name in sorted(pluginmanager.broken):
        if pm.get_plugin(name) is None:
            info.append(
                {"name": name, "version": None, "distribution": None, "hooks": [],
                 "formats": [], "namespaces": [name], "replaces": [], "builtin": False,
                 "broken": reason(name), "problems": problems(name), "folder": folder(name)}
            )
    own = sorted({src for src in cat.sources.values() if source_label(src) == src})
    if own:
        info.append(
            {"name": "formate/", "version": None, "distribution": None, "hooks": [],
             "formats": sorted(fid for fid, src in cat.sources.items() if src in own),
             "namespaces": [], "builtin": False, "broken": None, "problems": [], "workspace": True,
             "folder": None,
             "replaces": sorted(str(r) for r in cat.replaced.values() if r.by_source in own)}
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
