"""Loading a lab workspace: labor.toml, gemeinden/*.toml, formate/*.toml.

Loading is strict: every problem in every file is collected, and a :class:`WorkspaceError` lists
them all, each naming the file and the field path.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs

from .catalogue import (
    BUILTIN_NAMESPACES,
    Catalogue,
    get_catalogue,
    source_label,
    validate_format,
)
from .errors import InputError, WerkzeugkofferError, WorkspaceError
from .files import read_toml
from .i18n import _
from .model import RESERVED_NAMES, Format, Lab, Municipality, Session
from .names import did_you_mean

LAB_FILE = "labor.toml"
MUNICIPALITY_DIR = "gemeinden"
FORMAT_DIR = "formate"
RESULTS_FILE = "ergebnisse.sqlite"
SLUG_RE = re.compile(r"\A[a-z0-9][a-z0-9-]{0,79}\Z")  # whole name: no trailing newline


@attrs.define
class Workspace:
    """A loaded workspace. ``municipalities`` maps the file slug to the municipality."""

    root: Path
    lab: Lab
    municipalities: dict[str, Municipality]
    formats: tuple[Format, ...] = ()
    catalogue: Catalogue = attrs.field(factory=Catalogue)

    @classmethod
    def load(cls, root: str | Path, *, catalogue: Catalogue | None = None) -> "Workspace":
        root = Path(root)
        if not root.is_dir():
            raise WorkspaceError(_("{folder}: workspace folder not found").format(folder=root))
        if not os.path.lexists(root / LAB_FILE):  # a special file there is read (and refused)
            raise WorkspaceError(
                _("{folder}: not a workspace ({file} missing); create one with: {command}").format(
                    folder=root, file=LAB_FILE,
                    command=f"werkzeugkoffer init {root} --example marburg-biedenkopf")
            )
        errors: list[str] = []

        def attempt(fn, *args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except InputError as exc:
                errors.append(exc.message)
                errors.extend(exc.details)
                return None

        lab = attempt(_load, root / LAB_FILE, LAB_FILE, Lab)
        municipalities: dict[str, Municipality] = {}
        mdir = root / MUNICIPALITY_DIR
        for path in sorted(mdir.glob("*.toml")) if mdir.is_dir() else ():
            where = f"{MUNICIPALITY_DIR}/{path.name}"
            if not SLUG_RE.match(path.stem) or path.stem in RESERVED_NAMES:
                shown = path.name if len(path.name) <= 80 else path.name[:77] + "..."
                where = f"{MUNICIPALITY_DIR}/{shown if shown.isprintable() else repr(shown)}"
                errors.append(
                    _("{file}: file name must be a slug (lower-case letters, digits and '-', "
                      "at most 80 characters, not a name reserved for devices)").format(file=where)
                )
                continue
            m = attempt(_load, path, where, Municipality)
            if m is not None:
                municipalities[path.stem] = m
        formats: list[tuple[str, Format]] = []
        fdir = root / FORMAT_DIR
        for path in sorted(fdir.glob("*.toml")) if fdir.is_dir() else ():
            where = f"{FORMAT_DIR}/{path.name}"
            fmt = attempt(_load, path, where, Format)
            if fmt is None:
                continue
            problems = validate_format(fmt)
            if problems:
                errors.extend(f"{where}: {p}" for p in problems)
                continue
            formats.append((where, fmt))
        if catalogue is None:
            catalogue = get_catalogue()
        catalogue = catalogue.copy()
        for where, fmt in formats:
            errors.extend(_add_own_format(catalogue, fmt, where))
        if errors:
            raise WorkspaceError(errors[0], details=errors[1:])
        assert lab is not None
        return cls(
            root=root,
            lab=lab,
            municipalities=municipalities,
            formats=tuple(fmt for _where, fmt in formats),
            catalogue=catalogue,
        )

    def file_of(self, slug: str) -> str:
        return f"{MUNICIPALITY_DIR}/{slug}.toml"

    def select(self, names: list[str] | tuple[str, ...]) -> dict[str, Municipality]:
        """Municipalities by slug or name; an unknown one is an error with a suggestion."""
        if not names:
            return dict(self.municipalities)
        chosen = {}
        by_name = {m.name.lower(): slug for slug, m in self.municipalities.items()}
        for name in names:
            slug = name if name in self.municipalities else by_name.get(name.lower())
            if slug is None:
                hint = did_you_mean(name, list(self.municipalities))
                raise WorkspaceError(_('unknown municipality "{name}"{hint}').format(
                    name=name, hint=hint))
            chosen[slug] = self.municipalities[slug]
        return chosen

    def sessions(self) -> dict[str, tuple[str, int, Session]]:
        """All sessions by id: ``(slug, phase number, session)``."""
        out = {}
        for slug, m in self.municipalities.items():
            for phase in m.phases:
                for s in phase.sessions:
                    out[s.id] = (slug, phase.number, s)
        return out


def _add_own_format(catalogue: Catalogue, fmt: Format, where: str) -> list[str]:
    """Add a workspace format to the catalogue; return the problems (ownership of its id)."""
    namespace = fmt.id.split(".", 1)[0]
    if namespace in BUILTIN_NAMESPACES and fmt.replaces != fmt.id:
        return [
            _('{file}: id: the namespace "{namespace}." is reserved for the built-in plugin '
              '"{namespace}"; use your lab\'s own (e.g. "{example}"), or replaces = "{id}" to '
              "replace the built-in format deliberately").format(
                file=where, namespace=namespace, example=f"labor.{fmt.id.split('.', 1)[-1]}",
                id=fmt.id)
        ]
    if fmt.replaces and fmt.replaces not in catalogue and fmt.replaces not in catalogue.replaced:
        return [
            _('{file}: replaces: no format "{id}" to replace{hint}').format(
                file=where, id=fmt.replaces, hint=catalogue.did_you_mean(fmt.replaces))
        ]
    if fmt.replaces is None and fmt.id in catalogue:
        return [
            _('{file}: id: format id "{id}" is also registered by {source}; to use yours '
              'instead, add replaces = "{id}"; otherwise give it another id').format(
                file=where, id=fmt.id, source=source_label(catalogue.sources[fmt.id]))
        ]
    try:
        catalogue.add(fmt, where)
    except WerkzeugkofferError as exc:
        return [f"{where}: id: {exc}"]
    return []


def _load(path: Path, where: str, cls: type):
    from .conversion import structure  # start-up time: commands that load no file skip cattrs

    return structure(read_toml(path, where), cls, where=where)
