"""Checking a workspace: findings with severity and location, from pluggable checks."""

from __future__ import annotations

import enum
from typing import Callable, Iterable

import attrs

from .. import pluginmanager
from ..catalogue import Catalogue
from ..model import Lab, Municipality
from ..workspace import Workspace
from .overlaps import peak_overlaps  # noqa: F401  (re-exported)


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
    def lab(self) -> Lab:
        return self.workspace.lab

    def file(self, slug: str) -> str:
        return self.workspace.file_of(slug)


Check = Callable[[CheckContext], Iterable[Finding]]


def collect_checks() -> dict[str, Check]:
    """All registered checks by name (core defaults and plugins)."""
    checks: dict[str, Check] = {}

    def per_plugin(plugin_name: str):
        def register(check: Check, name: str | None = None) -> None:
            if not callable(check):
                pluginmanager.warn(f'plugin "{plugin_name}" registered a check that is not callable; skipped')
                return
            key = name or getattr(check, "__name__", repr(check))
            if key in checks:
                pluginmanager.warn(f'plugin "{plugin_name}": duplicate check "{key}"; skipped')
                return
            checks[key] = check

        return {"register": register}

    pluginmanager.call_each("register_checks", _per_plugin=per_plugin)
    return checks


def run_checks(workspace: Workspace, names: Iterable[str] = ()) -> list[Finding]:
    """Run every registered check on the selected municipalities (all when ``names`` is empty)."""
    ctx = CheckContext(workspace, workspace.select(list(names)))
    findings: list[Finding] = []
    for check_name, check in collect_checks().items():
        try:
            findings.extend(check(ctx))
        except Exception as exc:
            pluginmanager.warn(f'check "{check_name}" failed: {exc.__class__.__name__}: {exc}; skipped')
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    findings.sort(key=lambda f: (f.municipality or "", order[f.severity], f.file, f.path))
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
