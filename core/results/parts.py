"""Results of a session's parts (its stations and/or days) added up to the session's result.

A session at several stations or over several days may have one result per station and/or
day. :func:`session_result` is the one function that adds them up; the
:class:`~werkzeugkoffer.results.Dataset` (and so every report, indicator and topic) sees only
its output. Per result type:

- participants: summed per target group;
- ``count`` and ``number``: summed;
- ``percent`` and ``rating``: the mean weighted by the part's participants (a part without
  participants makes it the plain mean of the parts, since it cannot be weighed);
- ``text``: the different texts, joined with "; ";
- ``text_list``, ``map_points``: the entries and points of all parts, in order (merged); a map
  point of a station's sheet without an Ortsteil lies in the station's Ortsteil;
- ``choice_votes``: the votes per option summed;
- ``scores``: the profiles of all parts (a label used in two parts gets " (2)", " (3)" ...).

Parts are taken in the order of the session's stations, then by day.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Sequence

import attrs

from ..model import Format, Municipality, Result, ResultField, ResultType, Session, TargetGroup

SUMMED = (ResultType.COUNT, ResultType.NUMBER)
WEIGHTED = (ResultType.PERCENT, ResultType.RATING)


def order_parts(session: Session | None, parts: Sequence[Result]) -> list[Result]:
    """Parts in the order of the session's stations, then by day (whole results first)."""
    stations = {st.venue: i for i, st in enumerate(session.stations)} if session else {}

    def key(r: Result):
        return (-1 if r.station is None else stations.get(r.station, len(stations)),
                r.station or "", r.day.toordinal() if r.day else 0)

    return sorted(parts, key=key)


def combine_value(fld: ResultField, values: Sequence[tuple[Any, int]]) -> Any:
    """The value of ``fld`` over several parts, given ``(value, participants)`` of each part
    that has one (see the module docstring)."""
    t = fld.type
    if not values:
        return None
    if len(values) == 1:
        return values[0][0]
    if t in SUMMED:
        total = sum(v for v, _ in values)
        return int(total) if t is ResultType.COUNT else total
    if t in WEIGHTED:
        weights = [w for _, w in values]
        if all(w > 0 for w in weights):
            return sum(v * w for v, w in values) / sum(weights)
        return sum(v for v, _ in values) / len(values)
    if t is ResultType.TEXT:
        seen: list[str] = []
        for v, _ in values:
            if v and v not in seen:
                seen.append(v)
        return "; ".join(seen)
    if t in (ResultType.TEXT_LIST, ResultType.MAP_POINTS):
        return [item for v, _ in values for item in v]
    if t is ResultType.CHOICE_VOTES:
        tally: dict[str, int] = {}
        for v, _ in values:
            for opt, n in v.items():
                tally[opt] = tally.get(opt, 0) + n
        order = {o: i for i, o in enumerate(fld.options)}
        return dict(sorted(tally.items(), key=lambda kv: order.get(kv[0], len(order))))
    if t is ResultType.SCORES:
        used: Counter[str] = Counter()
        profiles = []
        for v, _ in values:
            for prof in v:
                label = prof.get("label", "")
                used[label] += 1
                if used[label] > 1:
                    label = f"{label} ({used[label]})"
                profiles.append({"label": label, "values": dict(prof.get("values", {}))})
        return profiles
    return values[-1][0]  # pragma: no cover - every type is handled above


def placed(fmt: Format, part: Result, municipality: Municipality | None) -> Result:
    """A station's result whose map points without an Ortsteil get the station's Ortsteil."""
    if part.station is None or municipality is None:
        return part
    venue = municipality.venue(part.station)
    if venue is None or not venue.ortsteil:
        return part
    values = dict(part.values)
    changed = False
    for fld in fmt.result_fields:
        points = values.get(fld.name)
        if fld.type is ResultType.MAP_POINTS and points and any(
                not p.get("ortsteil") for p in points):
            values[fld.name] = [p if p.get("ortsteil") else {**p, "ortsteil": venue.ortsteil}
                                for p in points]
            changed = True
    return attrs.evolve(part, values=values) if changed else part


def session_result(fmt: Format, parts: Sequence[Result], session: Session | None = None,
                   municipality: Municipality | None = None) -> Result | None:
    """The result of a whole session from the results of its parts (``None`` for none).

    A single result is returned as it is (a station's with its map points placed); see the
    module docstring for how parts add up. ``municipality`` places the map points of station
    sheets.
    """
    if not parts:
        return None
    parts = [placed(fmt, p, municipality) for p in parts]
    if len(parts) == 1:
        return parts[0]
    parts = order_parts(session, parts)
    participants: dict[TargetGroup, int] = {}
    for part in parts:
        for group, n in part.participants.items():
            participants[group] = participants.get(group, 0) + n
    values: dict[str, Any] = {}
    known = set()
    for fld in fmt.result_fields:
        known.add(fld.name)
        given = [(p.values[fld.name], p.total_participants) for p in parts
                 if fld.name in p.values]
        value = combine_value(fld, given)
        if value is not None:
            values[fld.name] = value
    for part in parts:  # a field the format no longer has: kept from the last part
        for name, value in part.values.items():
            if name not in known:
                values[name] = value

    def joined(attr: str) -> str:
        seen: list[str] = []
        for p in parts:
            v = getattr(p, attr)
            if v and v not in seen:
                seen.append(v)
        return ", ".join(seen)

    ordered = {g: participants[g] for g in TargetGroup if g in participants}
    ordered.update({g: n for g, n in participants.items() if g not in ordered})
    return Result(session=parts[0].session, participants=ordered, values=values,
                  recorded_by=joined("recorded_by"), source=joined("source"))
