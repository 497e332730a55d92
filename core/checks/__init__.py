"""Checking a workspace: findings with severity and location, from pluggable checks.

Every check runs contained: a check that raises (anything but ``KeyboardInterrupt``) or yields
something that is not a :class:`Finding` is reported as an error finding that names the check,
its plugin and the municipality it failed on; the other checks, and the check's findings for
the other municipalities, are kept. The crash's traceback is logged (logger
``werkzeugkoffer.checks``, level DEBUG): ``werkzeugkoffer --debug`` shows it.
"""

from __future__ import annotations

import enum
import logging
import re
from typing import Callable, Iterable

import attrs

from .. import pluginmanager
from ..catalogue import Catalogue
from ..errors import CheckFailed
from ..i18n import _, ngettext
from ..model import Lab, Municipality
from ..workspace import Workspace
from .overlaps import peak_overlaps  # noqa: F401  (re-exported)

log = logging.getLogger(__name__)


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The severity as the reader's language names it ("Fehler", "Warnung" in German)."""
        return _("error") if self is Severity.ERROR else _("warning")


def _severity(value: object) -> Severity:
    if isinstance(value, Severity):
        return value
    try:
        return Severity(value)
    except ValueError:
        raise ValueError(
            f"Finding.severity must be Severity.ERROR or Severity.WARNING, got {value!r}"
        ) from None


_text = attrs.validators.instance_of(str)


@attrs.frozen(kw_only=True)
class Finding:
    """One finding of a check. ``file`` is relative to the workspace; ``path`` is a field path.

    ``severity`` is a :class:`Severity` (``"error"`` and ``"warning"`` are accepted and
    converted); the texts must be strings.
    """

    severity: Severity = attrs.field(converter=_severity)
    code: str = attrs.field(validator=_text)
    message: str = attrs.field(validator=_text)
    file: str = attrs.field(default="", validator=_text)
    path: str = attrs.field(default="", validator=_text)
    municipality: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_text)
    )

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.file, self.path) if p)
        return f"{self.severity.label}: {where + ': ' if where else ''}{self.message} [{self.code}]"


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


@attrs.frozen
class RegisteredCheck:
    """A check, its name and the plugin that registered it."""

    name: str
    function: Check
    plugin: str

    @property
    def label(self) -> str:
        """``check "name" of plugin "x"`` (or ``core check "name"``), as messages name it."""
        if self.plugin in pluginmanager.DEFAULT_PLUGINS:
            return _('core check "{name}"').format(name=self.name)
        return _('check "{name}" of plugin "{plugin}"').format(name=self.name, plugin=self.plugin)


def registered_checks() -> tuple[list[RegisteredCheck], list[Finding]]:
    """All registered checks (core defaults and plugins), and errors for refused registrations.

    A registration that is not callable or takes a name that is already taken is refused and
    recorded as a fault of its plugin; the error finding says the plugin's check cannot run.
    """
    checks: dict[str, RegisteredCheck] = {}
    refused: list[Finding] = []

    def per_plugin(plugin_name: str):
        def register(check: Check, name: str | None = None) -> None:
            key = name or getattr(check, "__name__", repr(check))
            if not callable(check):
                problem = _("registered a check that is not callable ({type})").format(
                    type=type(check).__name__)
            elif not isinstance(key, str) or not key:
                problem = _("registered a check with an invalid name {name}").format(
                    name=repr(key))
            elif key in checks:
                problem = _('registered a second check named "{name}" (the first is of '
                            'plugin "{plugin}")').format(name=key, plugin=checks[key].plugin)
            else:
                checks[key] = RegisteredCheck(key, check, plugin_name)
                return
            pluginmanager.record_fault(
                plugin_name, "register_checks", problem,
                warning=_('plugin "{plugin}" {problem}; skipped').format(
                    plugin=plugin_name, problem=problem))
            refused.append(error("check-invalid", _(
                'plugin "{plugin}" {problem}; it does not run, so this check is incomplete'
            ).format(plugin=plugin_name, problem=problem)))

        return {"register": register}

    pluginmanager.call_each("register_checks", _per_plugin=per_plugin)
    return list(checks.values()), refused


def collect_checks() -> dict[str, Check]:
    """All registered checks by name (core defaults and plugins)."""
    return {c.name: c.function for c in registered_checks()[0]}


MAX_FINDINGS_PER_CHECK = 100
"""Findings kept per check; the rest are counted in one ``more-findings`` finding."""

_ALWAYS_SHOWN = ("check-crashed", "check-malformed")


def _capped(found: list[Finding], check_name: str, limit: int | None) -> list[Finding]:
    """The first ``limit`` findings (and every crash), and one finding that counts the rest (an
    error if any of the rest is one, so the exit code stays right)."""
    if limit is None or len(found) <= limit:
        return found
    kept: list[Finding] = []
    rest = rest_errors = 0
    for f in found:
        if len(kept) < limit or f.code in _ALWAYS_SHOWN:
            kept.append(f)
        else:
            rest += 1
            rest_errors += f.severity is Severity.ERROR
    if rest:
        more = ngettext("{n} more finding not shown", "{n} more findings not shown",
                        rest).format(n=rest)
        errors = ngettext("{n} error", "{n} errors", rest_errors).format(n=rest_errors)
        kept.append(Finding(
            severity=Severity.ERROR if rest_errors else Severity.WARNING, code="more-findings",
            message=_('check "{name}": {more} ({errors}); only the first {limit} are '
                      "listed").format(name=check_name, more=more, errors=errors, limit=limit),
        ))
    return kept


def run_checks(workspace: Workspace, names: Iterable[str] = (), *,
               limit: int | None = MAX_FINDINGS_PER_CHECK) -> list[Finding]:
    """Run every registered check on the selected municipalities (all when ``names`` is empty).

    Each check runs contained (see the module docstring): a crash or a malformed finding is an
    error finding naming the check, its plugin and the municipality. Each check reports at most
    ``limit`` findings (``None``: all) and one that counts the rest.
    """
    ctx = CheckContext(workspace, workspace.select(list(names)))
    checks, findings = registered_checks()
    for check in checks:
        findings.extend(_capped(run_contained(check, ctx), check.name, limit))
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    findings.sort(key=lambda f: (f.municipality or "", order[f.severity], f.file, f.path))
    return findings


def run_contained(check: RegisteredCheck, ctx: CheckContext) -> list[Finding]:
    """The findings of one check; its crashes and malformed findings as error findings.

    When a check crashes on several municipalities at once, it is run again on each alone, so
    that the findings of the municipalities it can check are kept and the crash is pinned to
    the municipality that causes it.
    """
    try:
        return _findings_of(check, ctx)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a plugin's check must not stop the others (sys.exit included)
        if len(ctx.municipalities) <= 1:
            slug = next(iter(ctx.municipalities), None)
            return [_crashed(check, ctx, slug, exc)]
        first = exc
    out: list[Finding] = []
    crashed = False
    for slug, m in ctx.municipalities.items():
        one = CheckContext(ctx.workspace, {slug: m})
        try:
            out.extend(_findings_of(check, one))
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            crashed = True
            out.append(_crashed(check, ctx, slug, exc))
    if not crashed:  # it fails only on the municipalities together
        out.append(_crashed(check, ctx, None, first))
    return out


def _findings_of(check: RegisteredCheck, ctx: CheckContext) -> list[Finding]:
    result = check.function(ctx)
    if result is None:
        raise TypeError("returned None, expected an iterable of werkzeugkoffer.Finding")
    findings, malformed = [], []
    for item in result:
        (findings if isinstance(item, Finding) else malformed).append(item)
    if malformed:
        first = malformed[0]
        findings.append(error("check-malformed", ngettext(
            "{check} returned {n} malformed finding, left out ({type} {value}; expected "
            "werkzeugkoffer.Finding)",
            "{check} returned {n} malformed findings, left out (the first: {type} {value}; "
            "expected werkzeugkoffer.Finding)",
            len(malformed),
        ).format(check=check.label, n=len(malformed), type=type(first).__name__,
                 value=_short(first))))
    return findings


def _crashed(check: RegisteredCheck, ctx: CheckContext, slug: str | None,
             exc: BaseException) -> Finding:
    what = pluginmanager.describe_exception(exc)
    if slug is None:
        finding = error("check-crashed", _("{check} crashed: {error}; its findings are missing")
                        .format(check=check.label, error=what))
    else:
        name = ctx.municipalities[slug].name
        finding = error(
            "check-crashed",
            _("{check} crashed on {name}: {error}; its findings for {name} are missing").format(
                check=check.label, name=name, error=what),
            file=ctx.file(slug), municipality=slug,
        )
    log.debug("[check-crashed] %s", finding.message, exc_info=exc)
    return finding


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def and_more(shown: list[str], more: int) -> str:
    """``a, b, c`` or ``a, b, c and 4 more`` (names listed in a message)."""
    names = ", ".join(shown)
    if more <= 0:
        return names
    return ngettext("{names} and {n} more", "{names} and {n} more", more).format(
        names=names, n=more)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def require_no_errors(workspace: Workspace, names: Iterable[str] = (), *, before: str) -> None:
    """Refuse (:class:`werkzeugkoffer.CheckFailed`, exit 1) to make ``before`` (``"kits"``,
    ``"roster"``) for municipalities whose check finds errors: what is printed
    from a plan with errors (an unknown venue, a station outside its phase) would be wrong on
    paper. The message counts the errors and lists them."""
    errors = check_errors(workspace, names)
    if not errors:
        return
    n = len(errors)
    if before == "kits":
        message = ngettext("the workspace check found {n} error; fix it before building kits "
                           "(werkzeugkoffer check)",
                           "the workspace check found {n} errors; fix them before building kits "
                           "(werkzeugkoffer check)", n)
    elif before == "roster":
        message = ngettext("the workspace check found {n} error; fix it before writing the "
                           "staffing plan (werkzeugkoffer check)",
                           "the workspace check found {n} errors; fix them before writing the "
                           "staffing plan (werkzeugkoffer check)", n)
    else:
        raise ValueError(f"unknown purpose {before!r}")
    raise CheckFailed(message.format(n=n), details=[str(f) for f in errors])


def check_errors(workspace: Workspace, names: Iterable[str] = ()) -> list[Finding]:
    """The error findings of the check of the selected municipalities (all when empty)."""
    return [f for f in run_checks(workspace, list(names)) if f.severity is Severity.ERROR]


_SESSION_PATH = re.compile(r"phases\[(\d+)\]\.sessions\[(\d+)\]")


def sessions_of(workspace: Workspace, findings: Iterable[Finding]) -> list[str]:
    """The ids of the sessions the findings point at (by their field path), in order."""
    out: list[str] = []
    for f in findings:
        m = workspace.municipalities.get(f.municipality or "")
        hit = _SESSION_PATH.match(f.path)
        if m is None or hit is None:
            continue
        pi, si = int(hit.group(1)), int(hit.group(2))
        if pi < len(m.phases) and si < len(m.phases[pi].sessions):
            sid = m.phases[pi].sessions[si].id
            if sid not in out:
                out.append(sid)
    return out
