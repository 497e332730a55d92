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
from .names import did_you_mean
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


def _structure_date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(f'expected a date, got a date and time "{value.isoformat()}"')
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f'invalid date "{value}" (expected YYYY-MM-DD)') from None
    if not isinstance(value, dt.date):
        raise ValueError(f"expected a date (YYYY-MM-DD), got {describe(value)}")
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(f"date {value.isoformat()} lies outside the plausible range "
                         f"{FIRST_DATE.year}-{LAST_DATE.year}")
    return value


def _structure_time(value: Any, _: type) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            raise ValueError(f'invalid time "{value}" (expected HH:MM)') from None
    raise ValueError(f"expected a time (HH:MM), got {describe(value)}")


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {describe(value)}")
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {describe(value)}")
    if not -MAX_COUNT <= value <= MAX_COUNT:
        raise ValueError(f"number too large (at most {MAX_COUNT:,} in size)")
    return value


def _bounded_int(what: str, high: int):
    def hook(value: Any, _: type) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected {what}, got {describe(value)}")
        if value < 0:
            raise ValueError(f"expected {what}, got {value}")
        if value > high:
            raise ValueError(f"number too large: {value:,} (at most {high:,})"
                             if value > MAX_COUNT else f"expected {what}, got {value:,}")
        return value

    return hook


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number, got {describe(value)}")
    return float(value)


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {describe(value)}")
    return value


_VALID_IDENTIFIERS: set[str] = set()  # identifiers seen before (ids repeat a lot in workspaces)


def _structure_identifier(value: Any, _: type) -> str:
    if value.__class__ is str and value in _VALID_IDENTIFIERS:
        return value
    value = _structure_str(value, str)
    problem = identifier_problem(value)
    if problem is None:
        if len(_VALID_IDENTIFIERS) > 100_000:
            _VALID_IDENTIFIERS.clear()
        _VALID_IDENTIFIERS.add(value)
        return value
    raise ValueError(f"invalid name {shorten(value)} ({problem})")


def _structure_ags(value: Any, _: type) -> str:
    value = _structure_str(value, str)
    if not AGS_RE.match(value):
        raise ValueError(f"invalid AGS {shorten(value)} (expected exactly 8 digits 0-9)")
    return value


def _structure_state(value: Any, _: type) -> str:
    from .dates import german_states

    value = _structure_str(value, str)
    states = german_states(value)
    if value not in states:
        raise ValueError(f"unknown state {shorten(value)} (known: {', '.join(states)})")
    return value


def _span_check(cls: type, span, max_days: int):
    """Wrap the structure hook of ``cls``: ``span(obj)`` (first and last day) is at most
    ``max_days`` long."""
    base = converter.get_structure_hook(cls)

    def hook(value: Any, type_: type):
        obj = base(value, type_)
        first, last, what = span(obj)
        if (last - first).days > max_days:
            raise ValueError(f"{what}: {last.isoformat()} lies {(last - first).days} days after "
                             f"{first.isoformat()} (at most {max_days} days)")
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
                f"phases: {total:,} opening days planned (sessions and stations, day by day); "
                f"at most {MAX_OPENINGS:,} per municipality"
            )
        return m

    return hook


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(m.value for m in cls)
        raise ValueError(f"invalid value {describe(value)} (allowed: {allowed})") from None


def shorten(text: str, limit: int = 60) -> str:
    """A text quoted for a message: control characters escaped, long texts cut."""
    shown = text if len(text) <= limit else text[:limit] + "..."
    if not shown.isprintable():
        return repr(shown)
    return f'"{shown}"'


def describe(value: Any) -> str:
    """A value as a user sees it in a file: strings quoted, tables and lists by kind."""
    if isinstance(value, str):
        return shorten(value, 200)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_COUNT:
        return "a number too large"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
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
        raise ValueError(f"expected a list, got {describe(value)}")
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
for _type, _what in ((Count, "a whole number >= 0"), (Minutes, "minutes, 0 to {}"),
                     (Days, "days, 0 to {}"), (Weeks, "weeks, 0 to {}")):
    _high = INT_RANGES[_type][1]
    converter.register_structure_hook(_type, _bounded_int(_what.format(_high), _high))
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
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        return "unknown field(s): " + ", ".join(
            f"{name}{did_you_mean(name, known)}" for name in sorted(exc.extra_fields)
        )
    if isinstance(exc, ValueError) and str(exc):
        return str(exc)
    if isinstance(exc, TypeError):
        name = getattr(type_, "__name__", str(type_))
        if "not iterable" in str(exc) or "mapping" in str(exc).lower():
            return f"expected a list or table for {name}"
        return f"invalid value for {name}"
    if isinstance(exc, AttributeError):
        return "expected a table"
    return f"invalid value ({exc.__class__.__name__}: {exc})"


def error_lines(exc: BaseException, where: str) -> list[str]:
    """Turn a cattrs validation error into ``where: path: message`` lines."""
    lines = []
    for line in transform_error(exc, path="$", format_exception=_format_exception):
        message, _, path = line.rpartition(" @ ")
        path = path.removeprefix("$").removeprefix(".")
        lines.append(f"{where}: {path}: {message}" if path else f"{where}: {message}")
    return lines


def structure(data: Any, cls: type[T], *, where: str) -> T:
    """Structure ``data`` into ``cls``; raise :class:`InputError` naming ``where`` and the field."""
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a table, got {describe(data)}")
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
