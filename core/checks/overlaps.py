"""Sweeps over time intervals: how much is needed at the same time (staff, materials, venues)."""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator

from attrs import frozen


def peak_overlaps(
    intervals: Iterable[tuple[dt.datetime, dt.datetime, int, object]],
    limit: int | None = None,
) -> Iterator[tuple[int, list[object]]]:
    """Sweep over ``(start, end, amount, tag)`` intervals; yield ``(load, tags)`` at each rise.

    ``end`` is exclusive, so back-to-back intervals do not overlap. With ``limit``, only rises
    where the load exceeds it are yielded (the tags list is built only then, which keeps large
    workspaces fast). Each yielded list holds every active tag: O(n * k) for k intervals active
    at once; :func:`overloads` and :func:`peak_load` stay O(n log n).
    """
    if limit is not None:
        yield from _overloads(intervals, limit)
        return
    events = []
    for start, end, amount, tag in intervals:
        if amount <= 0 or end <= start:
            continue
        events.append((start, 1, amount, tag))
        events.append((end, 0, amount, tag))
    events.sort(key=lambda e: (e[0], e[1]))
    load = 0
    active: dict[int, object] = {}
    for _when, kind, amount, tag in events:
        if kind == 0:
            load -= amount
            active.pop(id(tag), None)
        else:
            load += amount
            active[id(tag)] = tag
            yield load, list(active.values())


def _sorted_events(intervals) -> tuple[list[object], list[tuple]]:
    """The tags of the non-empty ``(start, end, amount, tag)`` intervals and their events
    ``(when, 1 = start / 0 = end, tag index, +amount / -amount)``, sorted by time, ends before
    starts, then input order."""
    tags: list[object] = []
    events = []
    for start, end, amount, tag in intervals:
        if amount <= 0 or end <= start:
            continue
        i = len(tags)
        tags.append(tag)
        events.append((start, 1, i, amount))
        events.append((end, 0, i, -amount))
    events.sort()
    return tags, events


def _overloads(
    intervals: Iterable[tuple[dt.datetime, dt.datetime, int, object]], limit: int
) -> Iterator[tuple[int, list[object]]]:
    """:func:`peak_overlaps` restricted to rises above ``limit``.

    The running load is first summed in C (``itertools.accumulate``); only when it exceeds the
    limit somewhere is the sweep repeated in Python to collect the tags.
    """
    from itertools import accumulate
    from operator import itemgetter

    tags, events = _sorted_events(intervals)
    if not events or max(accumulate(map(itemgetter(3), events))) <= limit:
        return
    load = 0
    active: dict[int, object] = {}
    for _when, kind, i, amount in events:
        load += amount
        if kind == 0:
            del active[i]
        else:
            active[i] = tags[i]
            if load > limit:
                yield load, list(active.values())


@frozen
class Overload:
    """One rise of the load above the limit (see :func:`overloads`).

    ``newest`` is the interval that just started, ``first`` the one active longest; ``shown``
    holds up to ``show`` of the active intervals' tags (the first ones, then ``newest``) and
    ``active`` how many intervals are active in all.
    """

    load: int
    newest: object
    first: object
    shown: tuple
    active: int


def overloads(
    intervals: Iterable[tuple[int, int, int, object]], limit: int, *, show: int = 10
) -> Iterator[Overload]:
    """Like :func:`peak_overlaps` with ``limit``, but in O(n log n) for n intervals however many
    overlap: each rise yields an :class:`Overload` with at most ``show`` tags, never the whole
    list of active intervals (5,000 sessions at once would make that quadratic)."""
    from itertools import accumulate, islice
    from operator import itemgetter

    tags, events = _sorted_events(intervals)
    if not events or max(accumulate(map(itemgetter(3), events))) <= limit:
        return
    load = 0
    active: dict[int, None] = {}  # insertion-ordered: the first key is the oldest interval
    for _when, kind, i, amount in events:
        load += amount
        if kind == 0:
            del active[i]
            continue
        active[i] = None
        if load > limit:
            first = next(iter(active))
            head = [tags[j] for j in islice(active, max(0, show - 1)) if j != i]
            yield Overload(load=load, newest=tags[i], first=tags[first],
                           shown=tuple(head + [tags[i]]), active=len(active))


def peak_load(intervals: Iterable[tuple[int, int, int, object]]) -> int:
    """The highest load of ``(start, end, amount, tag)`` intervals at any moment (0 for none);
    O(n log n)."""
    from itertools import accumulate

    events = []
    for start, end, amount, _tag in intervals:
        if amount > 0 and end > start:
            events.append((start, 1, amount))
            events.append((end, 0, -amount))
    events.sort()
    return max(accumulate(e[2] for e in events), default=0)
