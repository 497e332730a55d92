"""Find user-facing strings in ``core/`` and ``cli/`` that are not marked for translation.

Used by ``tests/test_i18n.py`` (and runnable on its own: ``python tests/i18n_lint.py``).

A *sink* is a place whose text a user reads: ``click.echo``/``secho``/``prompt``/``confirm``,
click's exceptions and ``fail()``, ``help=``/``short_help=``/``epilog=``/``prompt=`` of click
options and commands, ``label=`` of a progress bar, ``warnings.warn``, the error classes
(:class:`werkzeugkoffer.errors.WerkzeugkofferError` and every subclass, found in the code) and
the finding constructors ``error(code, message)``/``warning(code, message)`` of the checks, and
the ``ValueError`` texts of the converter (they become the error lines naming file and field).
A sink must not receive a bare string literal, an f-string, ``"..." % x``, ``"..." + x`` or
``"...".format()`` with words in it: the text goes through ``_()``/``ngettext()`` (or ``N_()``
for ``help=``). Text without letters (``f"  {path}"``) and machine output are fine. A line that
deliberately prints something untranslatable (a shell command) carries ``# no-i18n``.
"""

from __future__ import annotations

import ast
import builtins
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# the SDK's messages are for plugin authors (English); data and templates are no code
EXCLUDED = ("core/testing", "core/locale", "core/example_data", "core/templates")

# Directories and modules another i18n branch still sweeps (none since results, kits, reports and
# render were swept: every sink of core/ and cli/ is checked).
NOT_YET_SWEPT: tuple[str, ...] = ()

CLICK_SINKS = {"echo", "secho", "prompt", "confirm", "ClickException", "UsageError",
               "BadParameter", "FileError", "progressbar"}
DECORATORS = {"option", "argument", "command", "group", "version_option", "Option", "Command",
              "Group", "password_option", "confirmation_option", "help_option"}
TEXT_KEYWORDS = {"help", "short_help", "epilog", "prompt", "label", "message", "text",
                 "confirmation_prompt", "show_default"}
WORD = re.compile(r"[A-Za-z]{2,}")
MARKERS = {"_", "ngettext", "N_"}


def sources(excluded=EXCLUDED) -> list[Path]:
    files = []
    for top in ("core", "cli"):
        for path in sorted((ROOT / top).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if not any(rel == e or rel.startswith(e + "/") for e in excluded):
                files.append(path)
    return files


def error_classes(files) -> set[str]:
    """``WerkzeugkofferError`` and the names of all its subclasses in ``files``."""
    known = {"WerkzeugkofferError"}
    bases: dict[str, set[str]] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(_name(b) for b in node.bases)
    grew = True
    while grew:
        grew = False
        for name, parents in bases.items():
            if name not in known and parents & known:
                known.add(name)
                grew = True
    return known


def _name(node) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def bare(node) -> bool:
    """Whether ``node`` is literal text with words that did not go through a marker."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(WORD.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(bare(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return bare(node.left) or bare(node.right)
    if isinstance(node, ast.IfExp):
        return bare(node.body) or bare(node.orelse)
    if isinstance(node, ast.BoolOp):
        return any(bare(v) for v in node.values)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(bare(e) for e in node.elts)
    if isinstance(node, ast.ListComp):
        return bare(node.elt)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        # "...".format(...), "...".join(...) on literal text
        if node.func.attr in ("format", "join", "strip", "capitalize"):
            return bare(node.func.value) or (node.func.attr == "join" and any(
                bare(a) for a in node.args))
    return False


def marked_help(node) -> bool:
    return (isinstance(node, ast.Call) and _name(node.func) == "N_") or not bare(node)


def problems(files=None, excluded=EXCLUDED) -> list[str]:
    """``file:line: what`` for every unmarked text in a sink."""
    files = sources(excluded) if files is None else files
    errors = error_classes(sources(("core/locale",)))
    out = []
    for path in files:
        path = Path(path)
        rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Raise):
                found = list(_check_raise(node, errors))
            elif isinstance(node, ast.Call):
                found = list(_check_call(node, rel, errors))
            else:
                continue
            for where, what in found:
                span = lines[node.lineno - 1:(node.end_lineno or node.lineno)]
                if any("# no-i18n" in line for line in span):
                    continue
                out.append(f"{rel}:{where.lineno}: {what}")
    return out


def _check_call(node: ast.Call, rel: str, errors: set[str]):
    func = node.func
    name = _name(func)
    owner = _name(func.value) if isinstance(func, ast.Attribute) else ""
    kwargs = {k.arg: k.value for k in node.keywords if k.arg}
    if name in MARKERS:
        return
    if name in DECORATORS or (name in CLICK_SINKS and owner in ("click", "")):
        for key in ("help", "short_help", "epilog", "show_default", "prompt"):
            if key in kwargs and not marked_help(kwargs[key]):
                yield kwargs[key], f"{name}({key}=...) is not marked with N_()"
            elif key in kwargs and isinstance(kwargs[key], ast.Call) and _name(
                    kwargs[key].func) == "_":
                yield kwargs[key], (f"{name}({key}=_(...)) translates at import time, before "
                                    "the language is known: use N_()")
    if (name in CLICK_SINKS and owner in ("click", "")) or name == "fail" or (
            name == "warn" and owner in ("warnings", "")):
        args = node.args[:1] if name not in ("progressbar",) else []
        for arg in [*args, *(kwargs[k] for k in TEXT_KEYWORDS - {"help", "short_help", "epilog"}
                             if k in kwargs)]:
            if bare(arg):
                yield arg, f"{owner + '.' if owner else ''}{name}() gets unmarked text"
    elif name in errors:
        for arg in [*node.args[:1], kwargs.get("message"), kwargs.get("details")]:
            if arg is not None and bare(arg):
                yield arg, f"{name}() gets unmarked text"
    elif name in ("error", "warning") and isinstance(func, ast.Name) and len(node.args) >= 2:
        if bare(node.args[1]):
            yield node.args[1], f"finding {name}() gets an unmarked message"
    elif name == "ValueError" and rel == "core/conversion.py":
        if node.args and bare(node.args[0]):
            yield node.args[0], "ValueError() of the converter gets unmarked text"


def _check_raise(node: ast.Raise, errors: set[str]):
    """``raise error(f"...")`` with an exception class passed in as a variable (``error``):
    any raised call of a name that is not a built-in exception counts as a sink."""
    call = node.exc
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
        return
    name = call.func.id
    builtin = getattr(builtins, name, None)
    if name in errors or (isinstance(builtin, type) and issubclass(builtin, BaseException)):
        return  # the error classes are checked as calls; built-in ones are programmer errors
    if call.args and bare(call.args[0]):
        yield call.args[0], f"raise {name}() gets unmarked text"


def plain_click_decorators(files=None) -> list[str]:
    """Commands, groups and options of ``cli/`` made with click's classes instead of
    ``cli/base.py``'s (their help texts would not be translated)."""
    out = []
    for path in files or sources():
        path = Path(path)
        rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
        if not rel.startswith("cli/") or rel == "cli/base.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and _name(node.func.value) == "click"
                    and node.func.attr in ("command", "group", "option")
                    and not any(k.arg == "cls" for k in node.keywords)):
                out.append(f"{rel}:{node.lineno}: click.{node.func.attr}() without cls=; use "
                           f"werkzeugkoffer.cli.base.{node.func.attr}")
    return out


if __name__ == "__main__":
    excluded = EXCLUDED if "--all" in sys.argv else EXCLUDED + NOT_YET_SWEPT
    found = problems(excluded=excluded) + plain_click_decorators()
    print("\n".join(found))
    print(f"{len(found)} unmarked", file=sys.stderr)
    sys.exit(1 if found else 0)
