"""Loading a lab workspace: labor.toml, gemeinden/*.toml, formate/*.toml.

Loading is strict: every problem in every file is collected, and a :class:`WorkspaceError` lists
them all, each naming the file and the field path.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import attrs

from .catalogue import Catalogue, get_catalogue, validate_format
from .errors import InputError, WorkspaceError
from .files import read_toml
from .model import Format, Lab, Municipality, Session

LAB_FILE = "labor.toml"
MUNICIPALITY_DIR = "gemeinden"
FORMAT_DIR = "formate"
RESULTS_FILE = "ergebnisse.sqlite"
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
WORKSPACE_SOURCE = "workspace"


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
            raise WorkspaceError(f"{root}: workspace folder not found")
        if not (root / LAB_FILE).is_file():
            raise WorkspaceError(
                f"{root}: not a workspace ({LAB_FILE} missing); "
                f"create one with: werkzeugkoffer init {root} --example marburg-biedenkopf"
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
            if not SLUG_RE.match(path.stem):
                errors.append(
                    f"{where}: file name must be a slug (lower-case letters, digits and '-')"
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
            if fmt.id in catalogue:
                errors.append(
                    f'{where}: id: duplicate format id "{fmt.id}" (already registered by '
                    f'"{catalogue.sources[fmt.id]}")'
                )
                continue
            catalogue.add(fmt, WORKSPACE_SOURCE)
        if errors:
            raise WorkspaceError(errors[0], details=errors[1:])
        assert lab is not None
        return cls(
            root=root,
            lab=lab,
            municipalities=municipalities,
            formats=tuple(fmt for _, fmt in formats),
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
                close = difflib.get_close_matches(name, list(self.municipalities), n=1)
                hint = f' (did you mean "{close[0]}"?)' if close else ""
                raise WorkspaceError(f'unknown municipality "{name}"{hint}')
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


def _load(path: Path, where: str, cls: type):
    from .conversion import structure  # start-up time: commands that load no file skip cattrs

    return structure(read_toml(path, where), cls, where=where)
