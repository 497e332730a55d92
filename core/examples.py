"""Creating workspaces: an empty one, or a bundled example (``init --example``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import InputError
from .files import make_dir, write_atomic
from .i18n import _

EXAMPLES = ("marburg-biedenkopf",)

MINIMAL_LAB = '''# Das Labor: Träger, Team, Werkzeugkoffer (Inventar) und Regeln für die Phasen.
name = "Mein Open-Government-Labor"
organiser = "Landkreis ..."
state = "HE"  # Bundesland (Feiertage), z. B. HE für Hessen
tool_cases = 1

[[contacts]]
name = "Vorname Nachname"
role = "Koordination"
email = "labor@example.org"

[[team]]
name = "Vorname Nachname"
role = "Koordination"
hours_per_week = 20

[[inventory]]
id = "pinnwand"
name = "Moderationswand"
quantity = 4

[rules]
min_weeks = 6
max_weeks = 8
min_gap_weeks = 4
'''


def example_files(name: str) -> dict[str, bytes]:
    """The files of a bundled example, by relative path."""
    if name not in EXAMPLES:
        raise InputError(_('unknown example "{name}" (available: {examples})').format(
            name=name, examples=", ".join(EXAMPLES)))
    root = resources.files("werkzeugkoffer") / "example_data" / name
    out: dict[str, bytes] = {}

    def walk(node, prefix: str) -> None:
        for child in node.iterdir():
            rel = f"{prefix}{child.name}"
            if child.is_dir():
                walk(child, rel + "/")
            elif child.name.endswith(".toml"):
                out[rel] = child.read_bytes()

    walk(root, "")
    return out


def create_workspace(directory: str | Path, *, example: str | None = None, force: bool = False) -> list[Path]:
    """Create a workspace; return the files written. Never overwrites an existing file."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise InputError(_("{folder}: exists and is not a folder").format(folder=directory))
    try:
        not_empty = directory.is_dir() and any(directory.iterdir())
    except OSError as exc:
        raise InputError(_("{folder}: cannot read the folder: {reason}").format(
            folder=directory, reason=exc.strerror)) from None
    if not_empty and not force:
        raise InputError(_("{folder}: folder is not empty (use --force to add the files anyway)")
                         .format(folder=directory))
    files = example_files(example) if example else {"labor.toml": MINIMAL_LAB.encode("utf-8")}
    existing = [rel for rel in files if (directory / rel).exists()]
    if existing:
        raise InputError(
            _("{folder}: would overwrite {files}; nothing written").format(
                folder=directory, files=", ".join(sorted(existing)[:5]))
        )
    written = []
    for rel, data in sorted(files.items()):
        path = directory / rel
        write_atomic(path, data)
        written.append(path)
    make_dir(directory / "gemeinden")
    return written
