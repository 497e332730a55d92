"""Entering one result by hand: at a prompt, field by field, or from ``NAME=VALUE`` options.

The command line only supplies the two ends of a conversation (``ask`` reads an answer,
``tell`` shows a hint); what is asked, in which order, and how answers are parsed and checked
lives here, so every front end asks the same questions as the printed result sheet.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, TypeVar

from ..errors import ResultError
from ..i18n import _
from ..model import Format, Result, ResultType, TargetGroup
from ..text import with_note
from .validation import SessionInfo
from .values import (
    SCALAR_TYPES,
    Bad,
    check_value,
    group_label,
    match_ortsteil,
    match_target_group,
    parse_count,
    parse_option_value,
    parse_percent,
)

T = TypeVar("T")
Ask = Callable[[str], str]
Tell = Callable[[str], None]

_SCALAR_HINTS = {
    ResultType.COUNT: "Anzahl",
    ResultType.NUMBER: "Zahl",
    ResultType.PERCENT: "0-100",
    ResultType.RATING: "1-5",
    ResultType.TEXT: "Text",
}


def prompt_groups(fmt: Format) -> list[TargetGroup]:
    """The target groups asked for: the format's, then ``alle`` (ohne Zuordnung)."""
    groups = [g for g in fmt.target_groups if g is not TargetGroup.ALLE]
    if not groups:
        groups = [TargetGroup.KINDER, TargetGroup.JUGENDLICHE, TargetGroup.ERWACHSENE,
                  TargetGroup.SENIOREN]
    return groups + [TargetGroup.ALLE]


class _Conversation:
    def __init__(self, ask: Ask, tell: Tell):
        self._ask = ask
        self.tell = tell

    def ask(self, label: str, parse: Callable[[str], T], *, required: bool = False) -> T | None:
        """Ask until the answer parses; an empty answer is ``None`` (unless required)."""
        while True:
            raw = self._ask(label)
            if not raw.strip():
                if required:
                    self.tell("  " + _("This field is required."))
                    continue
                return None
            try:
                return parse(raw)
            except Bad as exc:
                self.tell(f"  {exc}")

    def entries(self, label: str, parse: Callable[[str], T], *, required: bool) -> list[T]:
        """Ask for list entries until an empty answer."""
        items: list[T] = []
        while True:
            item = self.ask(f"  {label}{len(items) + 1}", parse, required=required and not items)
            if item is None:
                return items
            items.append(item)


def prompt_result(info: SessionInfo, *, ask: Ask, tell: Tell) -> Result:
    """Ask for participants and every field of the session's result schema, in sheet order.

    ``ask(label)`` returns the raw answer (empty to skip); ``tell(text)`` shows a hint or why an
    answer was refused (then the question is asked again).
    """
    fmt, m = info.format, info.municipality
    talk = _Conversation(ask, tell)
    tell(_("Leave a line empty to skip it; lists end with an empty line."))
    participants: dict[TargetGroup, int] = {}
    for group in prompt_groups(fmt):
        n = talk.ask(f"Teilnehmende: {group_label(group)}", parse_count)
        if n is not None:
            participants[group] = n
    values: dict[str, Any] = {}
    for fld in fmt.result_fields:
        label = fld.label
        t = fld.type
        value: Any = None
        if t in SCALAR_TYPES:
            value = talk.ask(with_note(label, _SCALAR_HINTS[t]),
                             lambda raw, f=fld: check_value(f, raw, m), required=fld.required)
        elif t is ResultType.TEXT_LIST:
            tell(_("{label}: one entry per line").format(label=label))
            value = talk.entries("", lambda raw: raw.strip(), required=fld.required)
        elif t is ResultType.CHOICE_VOTES:
            tell(_("{label}: votes per option").format(label=label))
            votes = {}
            for opt in fld.options:
                n = talk.ask(f"  {opt}", parse_count)
                if n is not None:
                    votes[opt] = n
            value = votes
        elif t is ResultType.MAP_POINTS:
            tell(_("{label}: one point after the other; categories: {categories}").format(
                label=label, categories=", ".join(fld.options)))
            points = []
            while True:
                cat = talk.ask(
                    "  " + _("point {n}: category").format(n=len(points) + 1),
                    lambda raw, f=fld: check_value(f, [{"category": raw}])[0]["category"],
                    required=fld.required and not points,
                )
                if cat is None:
                    break
                place = talk.ask("    Ortsteil", lambda raw: match_ortsteil(m, raw)) or ""
                note = talk.ask("    " + _("note"), lambda raw: raw.strip()) or ""
                points.append({"category": cat, "ortsteil": place, "note": note})
            value = points
        elif t is ResultType.SCORES:
            tell(_("{label}: one profile after the other; percent per option, empty = not rated")
                 .format(label=label))
            profiles = []
            while True:
                name = talk.ask("  " + _("profile {n}: label (e.g. a person or group)").format(
                                    n=len(profiles) + 1),
                                lambda raw: raw.strip(), required=fld.required and not profiles)
                if name is None:
                    break
                vals = {}
                for opt in fld.options:
                    target = fld.targets.get(opt)
                    soll = f"Soll {target} %" if target is not None else "nicht bewertet"
                    pct = talk.ask(f"    {opt} ({soll})", parse_percent)
                    if pct is not None:
                        vals[opt] = pct
                profiles.append({"label": name, "values": vals})
            value = profiles
        if value not in (None, [], {}):
            values[fld.name] = value
    recorded_by = talk.ask("Erfasst von (wird nicht veröffentlicht)", lambda raw: raw.strip())
    return Result(session=info.session.id, participants=participants, values=values,
                  recorded_by=recorded_by or "")


def result_from_options(info: SessionInfo, values: Iterable[str], participants: Iterable[str],
                        *, recorded_by: str = "") -> Result:
    """A result from command-line options: ``NAME=VALUE`` per field value (see
    :func:`~werkzeugkoffer.results.values.parse_option_value`) and ``GROUP=N`` per target group.

    A bad option is a :class:`ResultError` naming the option and the field.
    """
    fmt = info.format
    vals: dict[str, Any] = {}
    for item in values:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep:
            raise ResultError(_('--value "{item}": expected NAME=VALUE').format(item=item))
        fld = fmt.result_field(name)
        if fld is None:
            names = ", ".join(f.name for f in fmt.result_fields)
            raise ResultError(_("--value {name}: unknown field of {format} (fields: {fields})")
                              .format(name=name, format=fmt.id, fields=names))
        try:
            vals[name] = parse_option_value(fld, raw, vals.get(name), info.municipality)
        except Bad as exc:
            raise ResultError(_("--value {name} ({label}): {problem}").format(
                name=name, label=fld.label, problem=exc)) from None
    parts: dict[TargetGroup, int] = {}
    for item in participants:
        group, sep, n = item.partition("=")
        try:
            if not sep:
                raise Bad(_("expected GROUP=N, e.g. jugendliche=5"))
            parts[match_target_group(group)] = parse_count(n)
        except Bad as exc:
            raise ResultError(_('--participants "{item}": {problem}').format(
                item=item, problem=exc)) from None
    return Result(session=info.session.id, participants=parts, values=vals,
                  recorded_by=recorded_by)
