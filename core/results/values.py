"""Result values: parsing what people typed, checking it against a result field, showing it.

The value a result holds for each :class:`~werkzeugkoffer.ResultType` is documented there.
Strings are accepted for numbers (German decimal comma too), so a value typed on a sheet, in a
CSV cell or at a prompt goes through the same function, :func:`check_value`.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ..conversion import describe
from ..errors import InputError
from ..files import parse_toml
from ..model import MAX_COUNT, Municipality, ResultField, ResultType, TargetGroup
from ..names import did_you_mean
from ..i18n import N_, _, ngettext, thousands
from ..text import zahl

PARTICIPANTS = "Teilnehmende"
RECORDED_BY = "Erfasst von"
SCALAR_TYPES = (ResultType.COUNT, ResultType.NUMBER, ResultType.PERCENT, ResultType.RATING,
                ResultType.TEXT)


class Bad(ValueError):
    """A value does not fit its field (the message says why)."""


_INT_RE = re.compile(r"\A[+]?[0-9]+\Z")
_NUM_RE = re.compile(r"\A[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)\Z")
#: the largest count and the largest absolute number a result value may hold
MAX_RESULT_COUNT = MAX_COUNT
MAX_RESULT_NUMBER = 1e15


def _too_large_count() -> Bad:
    return Bad(_("number too large (at most {max})").format(max=thousands(MAX_RESULT_COUNT)))


def _too_large_number() -> Bad:
    return Bad(_("number too large (at most {max} in size)").format(
        max=thousands(int(MAX_RESULT_NUMBER))))


def _not_count(value: Any) -> Bad:
    return Bad(_("expected a whole number >= 0, got {value}").format(value=describe(value)))


def parse_count(value: Any) -> int:
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if not _INT_RE.match(text):
            raise _not_count(value)
        if len(text.lstrip("+0")) > len(str(MAX_RESULT_COUNT)):  # before int(): no huge ints
            raise _too_large_count()
        value = int(text)
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _not_count(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise _not_count(value)
        value = int(value)
    if value < 0:
        raise _not_count(value)
    if value > MAX_RESULT_COUNT:
        raise _too_large_count()
    return value


def parse_number(value: Any) -> float:
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if not _NUM_RE.match(text):
            raise Bad(_("expected a number, got {value}").format(value=describe(value)))
        number = float(text.replace(",", "."))
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Bad(_("expected a number, got {value}").format(value=describe(value)))
    elif isinstance(value, int) and abs(value) > MAX_RESULT_NUMBER:
        raise _too_large_number()
    else:
        number = float(value)
    if not math.isfinite(number):
        raise Bad(_("expected a finite number, got {value}").format(value=describe(value)))
    if abs(number) > MAX_RESULT_NUMBER:
        raise _too_large_number()
    return number


def parse_percent(value: Any) -> float:
    text = value.strip().removesuffix("%").strip() if isinstance(value, str) else value
    try:
        number = parse_number(text)
    except Bad:
        raise Bad(_("expected a percentage from 0 to 100, got {value}").format(
            value=describe(value))) from None
    if not 0 <= number <= 100:
        raise Bad(_("expected a percentage from 0 to 100, got {value}").format(
            value=plain_number(number)))
    return number


def parse_rating(value: Any) -> float:
    try:
        number = parse_number(value)
    except Bad:
        raise Bad(_("expected a rating from 1 to 5, got {value}").format(
            value=describe(value))) from None
    if not 1 <= number <= 5:
        raise Bad(_("expected a rating from 1 to 5, got {value}").format(
            value=plain_number(number)))
    return number


def parse_text(value: Any) -> str:
    if not isinstance(value, str):
        raise Bad(_("expected text, got {value}").format(value=describe(value)))
    return value.strip()


def plain_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


_OPTION_MESSAGES = {
    "option": (N_("expected the name of an option, got {value}"),
               N_("option missing (one of: {options})"),
               N_('unknown option "{text}"{hint} (allowed: {options})')),
    "category": (N_("expected the name of a category, got {value}"),
                 N_("category missing (one of: {options})"),
                 N_('unknown category "{text}"{hint} (allowed: {options})')),
}


def match_option(fld: ResultField, value: Any, what: str = "option") -> str:
    """The option of ``fld`` that ``value`` names (case-insensitive); ``what`` is ``option`` or
    ``category`` (a map point's), as the messages call it."""
    wrong, missing, unknown = _OPTION_MESSAGES[what]
    options = ", ".join(fld.options)
    if not isinstance(value, str):
        raise Bad(_(wrong).format(value=describe(value)))
    text = value.strip()
    if text in fld.options:
        return text
    folded = text.casefold()
    for opt in fld.options:
        if opt.casefold() == folded:
            return opt
    if not text:
        raise Bad(_(missing).format(options=options))
    hint = did_you_mean(text, fld.options)
    raise Bad(_(unknown).format(text=text, hint=hint, options=options))


def match_ortsteil(municipality: Municipality | None, value: Any) -> str:
    """The Ortsteil as the municipality spells it; unknown ones are refused when its list is
    complete. An empty Ortsteil is allowed (a point without a place)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Bad(_("expected the name of an Ortsteil, got {value}").format(value=describe(value)))
    text = value.strip()
    if not text or municipality is None or not municipality.ortsteile:
        return text
    names = list(municipality.ortsteile)
    if text in names:
        return text
    for name in names:
        if name.casefold() == text.casefold():
            return name
    if not municipality.ortsteile_complete:
        return text
    hint = did_you_mean(text, names)
    raise Bad(_('unknown Ortsteil "{text}"{hint} of {municipality} (known: {names})').format(
        text=text, hint=hint, municipality=municipality.name, names=", ".join(names)))


def group_label(group: TargetGroup) -> str:
    return "ohne Zuordnung" if group is TargetGroup.ALLE else group.label


def match_target_group(value: Any) -> TargetGroup:
    """A target group by value (``senioren``) or label (``Senior:innen``); ``ohne Zuordnung``
    (as printed on the result sheet) is ``alle``."""
    if isinstance(value, TargetGroup):
        return value
    if not isinstance(value, str):
        raise Bad(_("expected a target group, got {value}").format(value=describe(value)))
    text = value.strip().casefold()
    for group in TargetGroup:
        if text in (group.value, group.label.casefold(), group_label(group).casefold()):
            return group
    allowed = ", ".join(g.value for g in TargetGroup)
    raise Bad(_('unknown target group "{value}" (allowed: {allowed})').format(
        value=value, allowed=allowed))


def check_value(fld: ResultField, value: Any, municipality: Municipality | None = None) -> Any:
    """The value of ``fld`` in its stored form (see :class:`ResultType`); :class:`Bad` if it
    does not fit. Strings are accepted for numbers (German decimal comma too)."""
    t = fld.type
    if t is ResultType.COUNT:
        return parse_count(value)
    if t is ResultType.NUMBER:
        return parse_number(value)
    if t is ResultType.PERCENT:
        return parse_percent(value)
    if t is ResultType.RATING:
        return parse_rating(value)
    if t is ResultType.TEXT:
        return parse_text(value)
    if t is ResultType.TEXT_LIST:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise Bad(_("expected a list of texts, got {value}").format(value=describe(value)))
        out = []
        for i, item in enumerate(value, start=1):
            if not isinstance(item, str):
                raise Bad(_("entry {i}: expected text, got {value}").format(
                    i=i, value=describe(item)))
            if item.strip():
                out.append(item.strip())
        return out
    if t is ResultType.CHOICE_VOTES:
        if not isinstance(value, dict):
            raise Bad(_("expected a table of votes per option, got {value}").format(
                value=describe(value)))
        votes: dict[str, int] = {}
        for key, n in value.items():
            opt = match_option(fld, key)
            if opt in votes:
                raise Bad(_('option "{option}" given twice').format(option=opt))
            try:
                votes[opt] = parse_count(n)
            except Bad as exc:
                raise Bad(_('option "{option}": {problem}').format(option=opt, problem=exc)) from None
        return {opt: votes[opt] for opt in fld.options if opt in votes}
    if t is ResultType.MAP_POINTS:
        if not isinstance(value, (list, tuple)):
            raise Bad(_("expected a list of map points, got {value}").format(
                value=describe(value)))
        points = []
        for i, point in enumerate(value, start=1):
            if not isinstance(point, dict):
                raise Bad(_("point {i}: expected a table with category, ortsteil, note, "
                            "got {value}").format(i=i, value=describe(point)))
            extra = sorted(set(point) - {"category", "ortsteil", "note"})
            if extra:
                raise Bad(ngettext("point {i}: unknown key {keys} (allowed: category, ortsteil, note)",
                                   "point {i}: unknown keys {keys} (allowed: category, ortsteil, "
                                   "note)", len(extra)).format(i=i, keys=", ".join(extra)))
            try:
                category = match_option(fld, point.get("category", ""), "category")
                ortsteil = match_ortsteil(municipality, point.get("ortsteil", ""))
                note = parse_text(point.get("note", ""))
            except Bad as exc:
                raise Bad(_("point {i}: {problem}").format(i=i, problem=exc)) from None
            points.append({"category": category, "ortsteil": ortsteil, "note": note})
        return points
    if t is ResultType.SCORES:
        if not isinstance(value, (list, tuple)):
            raise Bad(_("expected a list of profiles, got {value}").format(value=describe(value)))
        profiles = []
        labels = set()
        for i, prof in enumerate(value, start=1):
            if not isinstance(prof, dict):
                raise Bad(_("profile {i}: expected a table with label and values, got {value}")
                          .format(i=i, value=describe(prof)))
            extra = sorted(set(prof) - {"label", "values"})
            if extra:
                raise Bad(ngettext("profile {i}: unknown key {keys} (allowed: label, values)",
                                   "profile {i}: unknown keys {keys} (allowed: label, values)",
                                   len(extra)).format(i=i, keys=", ".join(extra)))
            label = prof.get("label", "") or f"Profil {i}"
            if not isinstance(label, str):
                raise Bad(_("profile {i}: label: expected text, got {value}").format(
                    i=i, value=describe(label)))
            label = label.strip()
            if label in labels:
                raise Bad(_('profile "{label}" given twice').format(label=label))
            labels.add(label)
            vals = prof.get("values", {})
            if not isinstance(vals, dict):
                raise Bad(_('profile "{label}": values: expected a table, got {value}').format(
                    label=label, value=describe(vals)))
            clean: dict[str, float] = {}
            for key, pct in vals.items():
                try:
                    opt = match_option(fld, key)
                    clean[opt] = parse_percent(pct)
                except Bad as exc:
                    raise Bad(_('profile "{label}": {problem}').format(
                        label=label, problem=exc)) from None
            profiles.append(
                {"label": label, "values": {o: clean[o] for o in fld.options if o in clean}}
            )
        return profiles
    raise Bad(_("unsupported field type {type}").format(type=t.value))  # pragma: no cover


def is_empty(fld: ResultField, value: Any) -> bool:
    """A value that holds nothing (an empty list, table or text)."""
    if value is None:
        return True
    if fld.type in (ResultType.TEXT,):
        return not value
    if fld.type in (ResultType.TEXT_LIST, ResultType.MAP_POINTS, ResultType.SCORES,
                    ResultType.CHOICE_VOTES):
        return len(value) == 0
    return False



def parse_option_value(fld: ResultField, raw: str, current: Any = None,
                       municipality: Municipality | None = None) -> Any:
    """A value given on the command line (``--value NAME=TEXT``), merged with ``current``.

    Scalars: the text. ``text_list``: one entry per ``--value`` (or a TOML list ``[...]``).
    ``choice_votes``: ``OPTION=VOTES; OPTION=VOTES`` (or a TOML table ``{...}``).
    ``map_points``: ``CATEGORY; ORTSTEIL; NOTE``, one point per ``--value``.
    ``scores``: ``PROFILE: OPTION=PERCENT; OPTION=PERCENT``, one profile per ``--value``.
    """
    text = raw.strip()
    t = fld.type
    if t in SCALAR_TYPES:
        if current is not None:
            raise Bad(_("given twice"))
        return check_value(fld, text, municipality)
    if text[:1] in "[{":
        try:  # within the limits: nesting and number size
            parsed = parse_toml(f"v = {text}", "value")["v"]
        except InputError as exc:
            raise Bad(_("not a valid TOML value: {problem}").format(
                problem=exc.message.removeprefix("value: "))) from None
        value = check_value(fld, parsed, municipality)
        if current is None:
            return value
        if isinstance(current, dict):
            return {**current, **value}
        return list(current) + list(value)
    if t is ResultType.TEXT_LIST:
        return list(current or []) + ([text] if text else [])
    if t is ResultType.CHOICE_VOTES:
        votes = dict(current or {})
        for part in filter(None, (p.strip() for p in text.split(";"))):
            opt, sep, n = part.rpartition("=")
            if not sep:
                raise Bad(_('expected OPTION=VOTES, got "{text}"').format(text=part))
            votes.update(check_value(fld, {opt.strip(): n.strip()}))
        return check_value(fld, votes)
    if t is ResultType.MAP_POINTS:
        parts = [p.strip() for p in text.split(";")]
        parts += [""] * (3 - len(parts))
        if len(parts) > 3:
            parts = parts[:2] + ["; ".join(parts[2:])]
        point = {"category": parts[0], "ortsteil": parts[1], "note": parts[2]}
        return list(current or []) + check_value(fld, [point], municipality)
    if t is ResultType.SCORES:
        label, sep, rest = text.partition(":")
        if not sep:
            raise Bad(_('expected "PROFILE: OPTION=PERCENT; ...", got "{text}"').format(text=text))
        vals = {}
        for part in filter(None, (p.strip() for p in rest.split(";"))):
            opt, sep2, pct = part.rpartition("=")
            if not sep2:
                raise Bad(_('expected OPTION=PERCENT, got "{text}"').format(text=part))
            vals[opt.strip()] = pct.strip()
        return list(current or []) + check_value(fld, [{"label": label.strip(), "values": vals}])
    raise Bad(_("unsupported field type {type}").format(type=t.value))  # pragma: no cover





def format_value(fld: ResultField | None, value: Any) -> list[str]:
    """Lines showing a stored value (German number format)."""
    if fld is None:
        return [json.dumps(value, ensure_ascii=False)]
    t = fld.type
    if t in (ResultType.COUNT, ResultType.NUMBER):
        return [zahl(value) + (f" {fld.unit}" if fld.unit else "")]
    if t is ResultType.PERCENT:
        return [f"{zahl(value)} %"]
    if t is ResultType.RATING:
        return [f"{zahl(value)} von 5"]
    if t is ResultType.TEXT:
        return [value]
    if t is ResultType.TEXT_LIST:
        return [f"- {item}" for item in value]
    if t is ResultType.CHOICE_VOTES:
        return [f"{opt}: {zahl(n)}" for opt, n in value.items()]
    if t is ResultType.MAP_POINTS:
        return [f"- {p['category']}, {p['ortsteil'] or 'ohne Ortsteil'}"
                + (f": {p['note']}" if p.get("note") else "") for p in value]
    if t is ResultType.SCORES:
        out = []
        for prof in value:
            vals = ", ".join(f"{o} {zahl(v)} %" for o, v in prof["values"].items())
            out.append(f"- {prof['label']}: {vals or 'nichts bewertet'}")
        return out
    return [str(value)]  # pragma: no cover


