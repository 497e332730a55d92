"""``werkzeugkoffer plugin new``: write a ready plugin package from ``scaffold_templates/``.

The templates are plain files with the suffix ``.tmpl``; ``__NAME__``, ``__MODULE__``,
``__DIST__`` and ``__WK_VERSION__`` in their paths and contents are replaced (no template engine,
so the jinja2 method card template passes through untouched). ``gitignore.tmpl`` becomes
``.gitignore``.

For ``NAME = "jugend"`` the package is::

    werkzeugkoffer-jugend/
      pyproject.toml              entry point werkzeugkoffer: jugend = "werkzeugkoffer_jugend"
      README.md
      .gitignore
      werkzeugkoffer_jugend/
        __init__.py               register_formats + template_dirs
        formate/ideenwand.toml    one example format, id "jugend.ideenwand"
        templates/jugend/methodenkarte.html
      tests/test_plugin.py        tests with werkzeugkoffer.testing
      beispiel-labor/             a small workspace planning the format (check, kit build)
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import attrs

from ..errors import InputError
from ..version import version

NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DIST_PREFIX = "werkzeugkoffer-"
RESERVED = frozenset({"digital", "kreativ", "partizipativ", "werkzeugkoffer", "default", "core"})
SUFFIX = ".tmpl"
RENAMES = {"gitignore": ".gitignore"}


@attrs.frozen
class PluginNames:
    """The names of a plugin: entry point and format namespace, module, distribution."""

    name: str
    module: str
    dist: str

    @classmethod
    def from_name(cls, name: str) -> "PluginNames":
        raw = name
        name = name.strip().lower().removeprefix(DIST_PREFIX).removeprefix("werkzeugkoffer_")
        name = name.replace("_", "-")
        if not NAME_RE.match(name):
            raise InputError(
                f'plugin name "{raw}": use lower-case letters, digits and "-", starting with a '
                'letter (e.g. "jugend" or "werkzeugkoffer-jugend")'
            )
        if name in RESERVED:
            raise InputError(
                f'plugin name "{raw}": "{name}" is taken by werkzeugkoffer itself; choose another'
            )
        return cls(
            name=name, module="werkzeugkoffer_" + name.replace("-", "_"), dist=DIST_PREFIX + name
        )


def _wk_version() -> str:
    match = re.match(r"^(\d+)\.(\d+)", version())
    return f"{match.group(1)}.{match.group(2)}" if match else "0.1"


def _substitute(text: str, names: PluginNames) -> str:
    for token, value in (
        ("__MODULE__", names.module),
        ("__DIST__", names.dist),
        ("__NAME__", names.name),
        ("__WK_VERSION__", _wk_version()),
    ):
        text = text.replace(token, value)
    return text


def template_files() -> dict[str, str]:
    """The scaffold's template files by relative path (with placeholders)."""
    root = resources.files("werkzeugkoffer.testing") / "scaffold_templates"
    out: dict[str, str] = {}

    def walk(node, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name == "__pycache__":
                continue
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith(SUFFIX):
                out[f"{prefix}{child.name}"] = child.read_text(encoding="utf-8")

    walk(root, "")
    if not out:
        raise InputError("the scaffold templates are missing from the werkzeugkoffer installation")
    return out


def plan_files(names: PluginNames) -> dict[str, str]:
    """Relative path -> content of every file of a new plugin package."""
    files = {}
    for rel, text in template_files().items():
        rel = rel.removesuffix(SUFFIX)
        head, _, last = rel.rpartition("/")
        last = RENAMES.get(last, last)
        rel = f"{head}/{last}" if head else last
        files[_substitute(rel, names)] = _substitute(text, names)
    return files


def create_plugin(name: str, directory: str | Path | None = None) -> tuple[Path, list[Path]]:
    """Write a new plugin package; return its folder and the files written.

    ``directory`` is the package folder (default: ``./werkzeugkoffer-NAME``). It may exist but must
    be empty: nothing is ever overwritten.
    """
    names = PluginNames.from_name(name)
    target = Path(directory) if directory is not None else Path(names.dist)
    if target.exists() and not target.is_dir():
        raise InputError(f"{target}: exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        raise InputError(
            f"{target}: folder is not empty; choose a new folder with --dir (nothing was written)"
        )
    files = plan_files(names)
    written = []
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        written.append(path)
    return target, written
