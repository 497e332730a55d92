"""The one cattrs converter of werkzeugkoffer.

All structuring (TOML/JSON -> model) and unstructuring (model -> plain data) goes through
:data:`converter`. Unknown keys are errors, so typos fail. Validation errors are turned into lines
that name the file and the field path, e.g.::

    gemeinden/lohra.toml: phases[1].sessions[3].date: invalid date "2026-02-30"
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.v import transform_error

from .errors import InputError
from .i18n import N_, _, ngettext, thousands
from .names import closest, did_you_mean
from .model import (
    AGS_RE,
    FIRST_DATE,
    LAST_DATE,
    INT_RANGES,
    MAX_COUNT,
    MAX_OPENINGS,
    MAX_PHASE_DAYS,
    MAX_SESSION_DAYS,
    Aggregate,
    Ags,
    Count,
    Days,
    Identifier,
    ImpactLevel,
    Minutes,
    Municipality,
    ParticipationLevel,
    Phase,
    Principle,
    ResultType,
    Session,
    Setting,
    StateCode,
    TargetGroup,
    Theme,
    TopicRole,
    Weeks,
    identifier_problem,
)

T = TypeVar("T")

converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=False)


def _structure_date(value: Any, _type: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(_('expected a date, got a date and time "{value}"').format(
            value=value.isoformat()))
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            from .dates import date_text_problem

            problem = date_text_problem(value)
            if problem:  # "2022-02-31": no such day; "15.06.2022": write 2022-06-15
                raise ValueError(_('invalid date "{value}": {problem}').format(
                    value=value, problem=problem)) from None
            raise ValueError(_('invalid date "{value}" (expected YYYY-MM-DD)').format(
                value=value)) from None
    if not isinstance(value, dt.date):
        raise ValueError(_("expected a date (YYYY-MM-DD), got {value}").format(
            value=describe(value)))
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(_("date {date} lies outside the plausible range {first}-{last}").format(
            date=value.isoformat(), first=FIRST_DATE.year, last=LAST_DATE.year))
    return value


def _structure_time(value: Any, _type: type) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            raise ValueError(_('invalid time "{value}" (expected HH:MM)').format(
                value=value)) from None
    raise ValueError(_("expected a time (HH:MM), got {value}").format(value=describe(value)))


def _structure_str(value: Any, _type: type) -> str:
    if not isinstance(value, str):
        raise ValueError(_("expected text, got {value}").format(value=describe(value)))
    return value


def _structure_int(value: Any, _type: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(_("expected a whole number, got {value}").format(
            value=describe(value)))
    if not -MAX_COUNT <= value <= MAX_COUNT:
        raise ValueError(_("number too large (at most {max} in size)").format(
            max=thousands(MAX_COUNT)))
    return value


def _bounded_int(what: str, high: int):
    """``what`` (marked with ``N_``, ``{high}`` for the upper bound) names the allowed values."""
    def expected(got) -> str:
        return _("expected {what}, got {value}").format(
            what=_(what).format(high=high), value=got)

    def hook(value: Any, _type: type) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(expected(describe(value)))
        if value < 0:
            raise ValueError(expected(value))
        if value > MAX_COUNT:
            raise ValueError(_("number too large: {value} (at most {max})").format(
                value=thousands(value), max=thousands(high)))
        if value > high:
            raise ValueError(expected(thousands(value)))
        return value

    return hook


def _structure_float(value: Any, _type: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(_("expected a number, got {value}").format(value=describe(value)))
    return float(value)


def _structure_bool(value: Any, _type: type) -> bool:
    if not isinstance(value, bool):
        raise ValueError(_("expected true or false, got {value}").format(
            value=describe(value)))
    return value


_VALID_IDENTIFIERS: set[str] = set()  # identifiers seen before (ids repeat a lot in workspaces)


def _structure_identifier(value: Any, _type: type) -> str:
    if value.__class__ is str and value in _VALID_IDENTIFIERS:
        return value
    value = _structure_str(value, str)
    problem = identifier_problem(value)
    if problem is None:
        if len(_VALID_IDENTIFIERS) > 100_000:
            _VALID_IDENTIFIERS.clear()
        _VALID_IDENTIFIERS.add(value)
        return value
    raise ValueError(_("invalid name {name} ({problem})").format(name=shorten(value),
                                                                problem=problem))


def _structure_ags(value: Any, _type: type) -> str:
    value = _structure_str(value, str)
    if not AGS_RE.match(value):
        raise ValueError(_("invalid AGS {value} (expected exactly 8 digits 0-9)").format(
            value=shorten(value)))
    return value


def _structure_state(value: Any, _type: type) -> str:
    from .dates import german_states

    value = _structure_str(value, str)
    states = german_states(value)
    if value not in states:
        raise ValueError(_("unknown state {value} (known: {states})").format(
            value=shorten(value), states=", ".join(states)))
    return value


def _span_check(cls: type, span, max_days: int):
    """Wrap the structure hook of ``cls``: ``span(obj)`` (first and last day) is at most
    ``max_days`` long."""
    base = converter.get_structure_hook(cls)

    def hook(value: Any, type_: type):
        obj = base(value, type_)
        first, last, what = span(obj)
        if (last - first).days > max_days:
            raise ValueError(_("{field}: {last} lies {days} days after {first} (at most "
                               "{max} days)").format(field=what, last=last.isoformat(),
                                                     days=(last - first).days,
                                                     first=first.isoformat(), max=max_days))
        return obj

    return hook


def _session_span(s: Session) -> tuple[dt.date, dt.date, str]:
    days = [s.date, s.end_date or s.date]
    days += [o.date for o in s.openings]
    days += [o.date for st in s.stations for o in st.openings]
    return min(days), max(days), "end_date" if s.end_date == max(days) else "openings"


def _phase_span(p: Phase) -> tuple[dt.date, dt.date, str]:
    return p.start, max(p.start, p.end), "end"


def _opening_days(s: Session) -> int:
    """How many opening days a session has at most (its own and its stations'), counted
    without listing them."""
    days = max(1, ((s.end_date or s.date) - s.date).days + 1)
    weekdays = {d for d in s.weekdays if 1 <= d <= 7}
    if weekdays:
        days = -(-days * len(weekdays) // 7)
    own = len(s.openings) or days
    return own + sum(len(st.openings) or own for st in s.stations)


def _openings_check(base_hook):
    def hook(value: Any, type_: type) -> Municipality:
        m = base_hook(value, type_)
        total = sum(_opening_days(s) for p in m.phases for s in p.sessions)
        if total > MAX_OPENINGS:
            raise ValueError(
                _("phases: {total} opening days planned (sessions and stations, day by day); "
                  "at most {max} per municipality").format(total=thousands(total),
                                                           max=thousands(MAX_OPENINGS))
            )
        return m

    return hook


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(m.value for m in cls)
        raise ValueError(_("invalid value {value} (allowed: {allowed})").format(
            value=describe(value), allowed=allowed)) from None


def shorten(text: str, limit: int = 60) -> str:
    """A text quoted for a message: control characters escaped, long texts cut."""
    shown = text if len(text) <= limit else text[:limit] + "..."
    if not shown.isprintable():
        return repr(shown)
    return _('"{value}"').format(value=shown)  # „…“ in German


def describe(value: Any) -> str:
    """A value as a user sees it in a file: strings quoted, tables and lists by kind."""
    if isinstance(value, str):
        return shorten(value, 200)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_COUNT:
        return _("a number too large")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return _("a table")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return repr(value)


def _is_tuple(t: Any) -> bool:
    return t is tuple or getattr(t, "__origin__", None) is tuple


def _structure_tuple(value: Any, t: type) -> tuple:
    # cattrs would iterate a text into its characters (``roles = "Moderation"`` becoming
    # ("M", "o", ...)) or a table into its keys; a list field needs a list. The items go through
    # cattrs' own tuple handling, which keeps the index of a bad item in the error path.
    if isinstance(value, (str, bytes, dict)):
        raise ValueError(_("expected a list, got {value}").format(value=describe(value)))
    return converter._structure_tuple(value, t)


converter.register_structure_hook_func(_is_tuple, _structure_tuple)
converter.register_structure_hook(dt.date, _structure_date)
converter.register_structure_hook(dt.time, _structure_time)
converter.register_structure_hook(str, _structure_str)
converter.register_structure_hook(int, _structure_int)
converter.register_structure_hook(float, _structure_float)
converter.register_structure_hook(bool, _structure_bool)
converter.register_structure_hook(Identifier, _structure_identifier)
converter.register_structure_hook(Ags, _structure_ags)
converter.register_structure_hook(StateCode, _structure_state)
for _kind, _what in ((Count, N_("a whole number >= 0")), (Minutes, N_("minutes, 0 to {high}")),
                     (Days, N_("days, 0 to {high}")), (Weeks, N_("weeks, 0 to {high}"))):
    converter.register_structure_hook(_kind, _bounded_int(_what, INT_RANGES[_kind][1]))
# The model's enums subclass str, so they need exact hooks (singledispatch would pick str's).
for _enum in (Aggregate, ImpactLevel, ParticipationLevel, Principle, ResultType, Setting,
              TargetGroup, Theme, TopicRole):
    converter.register_structure_hook(_enum, _structure_enum)
    converter.register_unstructure_hook(_enum, lambda e: e.value)
# absurd durations are validation errors (and would make checks walk them day by day)
converter.register_structure_hook(Session, _span_check(Session, _session_span, MAX_SESSION_DAYS))
converter.register_structure_hook(Phase, _span_check(Phase, _phase_span, MAX_PHASE_DAYS))
# the work of every check grows with the opening days: bound them per file
converter.register_structure_hook(Municipality,
                                  _openings_check(converter.get_structure_hook(Municipality)))


def _format_exception(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, KeyError):
        return _("required field missing")
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        return ngettext("unknown field: {fields}", "unknown fields: {fields}",
                        len(exc.extra_fields)).format(fields=", ".join(
                            f"{name}{did_you_mean(name, known)}"
                            for name in sorted(exc.extra_fields)))
    if isinstance(exc, ValueError) and str(exc):
        return str(exc)
    if isinstance(exc, TypeError):
        name = getattr(type_, "__name__", str(type_))
        if "not iterable" in str(exc) or "mapping" in str(exc).lower():
            return _("expected a list or table for {name}").format(name=name)
        return _("invalid value for {name}").format(name=name)
    if isinstance(exc, AttributeError):
        return _("expected a table")
    return _("invalid value ({error})").format(error=f"{exc.__class__.__name__}: {exc}")


def _without_echoes(exc: BaseException) -> BaseException:
    """``exc`` without the "required field missing" of a field that an unknown key's "did you
    mean" already names: a typo'd ``titel`` is one mistake, told once."""
    if not isinstance(exc, cattrs.BaseValidationError):
        return exc
    subs = [_without_echoes(e) for e in exc.exceptions]
    suggested = set()
    for e in subs:
        if isinstance(e, ForbiddenExtraKeysError) and attrs.has(e.cl):
            known = [a.name for a in attrs.fields(e.cl)]
            suggested |= {closest(name, known) for name in e.extra_fields}
    kept = [e for e in subs if not (isinstance(e, KeyError) and _note_name(e) in suggested)]
    if not kept:
        return exc
    new = exc.derive(kept)
    if hasattr(exc, "__notes__"):
        new.__notes__ = list(exc.__notes__)  # where the group sits in its parent
    return new


def _note_name(exc: BaseException) -> str | None:
    for note in getattr(exc, "__notes__", ()):
        name = getattr(note, "name", None)
        if isinstance(name, str):
            return name
    return None


def error_lines(exc: BaseException, where: str) -> list[str]:
    """Turn a cattrs validation error into ``where: path: message`` lines."""
    lines = []
    exc = _without_echoes(exc)
    for line in transform_error(exc, path="$", format_exception=_format_exception):
        message, _sep, path = line.rpartition(" @ ")
        path = path.removeprefix("$").removeprefix(".")
        lines.append(f"{where}: {path}: {message}" if path else f"{where}: {message}")
    return lines


def structure(data: Any, cls: type[T], *, where: str) -> T:
    """Structure ``data`` into ``cls``; raise :class:`InputError` naming ``where`` and the field."""
    if not isinstance(data, dict):
        raise InputError(_("{file}: expected a table, got {value}").format(
            file=where, value=describe(data)))
    try:
        return converter.structure(data, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError, AttributeError) as exc:
        lines = error_lines(exc, where)
        raise InputError(lines[0], details=lines[1:]) from None


def unstructure(obj: Any) -> Any:
    return converter.unstructure(obj)


def to_plain(obj: Any) -> Any:
    """Unstructure and drop ``None`` values and empty defaults: what a TOML file can hold."""
    return _drop_none(converter.unstructure(obj))


def to_json(obj: Any) -> Any:
    """Unstructure to JSON-compatible data (dates and times as ISO strings)."""
    return _jsonable(converter.unstructure(obj))


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_drop_none(v) for v in value]
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value
