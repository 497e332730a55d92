"""Checking a workspace: findings with severity and location, from pluggable checks."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Callable, Iterable, Iterator

import attrs

from .catalogue import Catalogue
from .model import Municipality
from .workspace import Workspace


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(kw_only=True)
class Finding:
    """One finding of a check. ``file`` is relative to the workspace; ``path`` is a field path."""

    severity: Severity
    code: str
    message: str
    file: str = ""
    path: str = ""
    municipality: str | None = None

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.file, self.path) if p)
        return f"{self.severity.value}: {where + ': ' if where else ''}{self.message} [{self.code}]"


def error(code: str, message: str, **kw) -> Finding:
    return Finding(severity=Severity.ERROR, code=code, message=message, **kw)


def warning(code: str, message: str, **kw) -> Finding:
    return Finding(severity=Severity.WARNING, code=code, message=message, **kw)


@attrs.frozen
class CheckContext:
    """What a check sees: the workspace, the catalogue and the municipalities to check."""

    workspace: Workspace
    municipalities: dict[str, Municipality]

    @property
    def catalogue(self) -> Catalogue:
        return self.workspace.catalogue

    @property
    def lab(self):
        return self.workspace.lab

    def file(self, slug: str) -> str:
        return self.workspace.file_of(slug)


Check = Callable[[CheckContext], Iterable[Finding]]


def collect_checks() -> dict[str, Check]:
    """All registered checks by name (core defaults and plugins)."""
    from .pluginmanager import call_each, warn

    checks: dict[str, Check] = {}

    def per_plugin(plugin_name: str):
        def register(check: Check, name: str | None = None) -> None:
            if not callable(check):
                warn(f'plugin "{plugin_name}" registered a check that is not callable; skipped')
                return
            key = name or getattr(check, "__name__", repr(check))
            if key in checks:
                warn(f'plugin "{plugin_name}": duplicate check "{key}"; skipped')
                return
            checks[key] = check

        return {"register": register}

    call_each("register_checks", _per_plugin=per_plugin)
    return checks


def run_checks(workspace: Workspace, names: Iterable[str] = ()) -> list[Finding]:
    """Run every registered check on the selected municipalities (all when ``names`` is empty)."""
    from .pluginmanager import warn

    ctx = CheckContext(workspace, workspace.select(list(names)))
    findings: list[Finding] = []
    for check_name, check in collect_checks().items():
        try:
            findings.extend(check(ctx))
        except Exception as exc:
            warn(f'check "{check_name}" failed: {exc.__class__.__name__}: {exc}; skipped')
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    findings.sort(key=lambda f: (f.municipality or "", order[f.severity], f.file, f.path))
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def peak_overlaps(
    intervals: Iterable[tuple[dt.datetime, dt.datetime, int, object]],
    limit: int | None = None,
) -> Iterator[tuple[int, list[object]]]:
    """Sweep over ``(start, end, amount, tag)`` intervals; yield ``(load, tags)`` at each rise.

    ``end`` is exclusive, so back-to-back intervals do not overlap. With ``limit``, only rises
    where the load exceeds it are yielded (the tags list is built only then, which keeps large
    workspaces fast).
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


def _overloads(
    intervals: Iterable[tuple[dt.datetime, dt.datetime, int, object]], limit: int
) -> Iterator[tuple[int, list[object]]]:
    """:func:`peak_overlaps` restricted to rises above ``limit``.

    The running load is first summed in C (``itertools.accumulate``); only when it exceeds the
    limit somewhere is the sweep repeated in Python to collect the tags.
    """
    from itertools import accumulate
    from operator import itemgetter

    tags: list[object] = []
    events = []
    for start, end, amount, tag in intervals:
        if amount <= 0 or end <= start:
            continue
        i = len(tags)
        tags.append(tag)
        events.append((start, 1, i, amount))
        events.append((end, 0, i, -amount))
    events.sort()  # by time, ends before starts, then input order
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
