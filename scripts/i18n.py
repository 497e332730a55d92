#!/usr/bin/env python3
"""Keep the German message catalogue in step with the code (Babel).

    python scripts/i18n.py update    # extract the marked strings, merge them into the .po
    python scripts/i18n.py compile   # write the .mo that the package ships
    python scripts/i18n.py merge OTHER.po  # take translations from another .po (for empty entries)

Strings are extracted from ``core/`` and ``cli/`` (marked with ``_``, ``ngettext`` and ``N_``)
and from the installed ``click`` (its own messages: "Usage:", "Options:", its errors), so the
whole command line speaks German. New strings arrive untranslated: translate them in
``core/locale/de/LC_MESSAGES/werkzeugkoffer.po``, then compile. ``tests/test_i18n.py`` fails
while a string is missing, untranslated or the .mo is stale.
"""

from __future__ import annotations

import argparse
import inspect
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "core" / "locale"
PO = LOCALE / "de" / "LC_MESSAGES" / "werkzeugkoffer.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract():
    """A Babel catalogue of every marked string of the project and of click."""
    import click
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="werkzeugkoffer", domain="werkzeugkoffer", charset="utf-8")
    sources = [(ROOT / "core", "core"), (ROOT / "cli", "cli"),
               (Path(click.__file__).resolve().parent, "click")]
    for folder, prefix in sources:
        for filename, lineno, message, comments, context in extract_from_dir(
            str(folder), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("Translators:",), strip_comment_tags=True,
        ):
            if "locale" in Path(filename).parts or "scaffold_templates" in filename:
                continue
            if isinstance(message, str) and "\n" in message:
                message = inspect.cleandoc(message)
            catalog.add(message, None, [(f"{prefix}/{filename}", lineno)],
                        auto_comments=comments, context=context)
    return catalog


def read_po(path: Path = PO):
    from babel.messages.pofile import read_po as _read

    with open(path, "rb") as fh:
        return _read(fh, locale="de", domain="werkzeugkoffer")


def mo_bytes(catalog) -> bytes:
    from babel.messages.mofile import write_mo

    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def update() -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    template = extract()
    if PO.exists():
        catalog = read_po()
    else:
        catalog = Catalog(locale="de", domain="werkzeugkoffer", project="werkzeugkoffer",
                          charset="utf-8")
    catalog.update(template, no_fuzzy_matching=True)
    PO.parent.mkdir(parents=True, exist_ok=True)
    with open(PO, "wb") as fh:
        # sorted by message, without line numbers: entries stay put when code moves, and two
        # branches that add strings rarely touch the same lines
        write_po(fh, catalog, width=100, sort_output=True, no_location=True, omit_header=False)
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"{PO.relative_to(ROOT)}: {len(catalog)} messages, {len(missing)} untranslated")


def merge(other: Path) -> None:
    """Fill untranslated entries of the catalogue from ``other`` (another branch's .po)."""
    from babel.messages.pofile import write_po

    catalog, theirs = read_po(), read_po(Path(other))
    taken = 0
    for message in theirs:
        if not message.id or not message.string:
            continue
        ours = catalog.get(message.id, context=message.context)
        if ours is None:
            catalog[message.id] = message
            taken += 1
        elif not ours.string:
            ours.string = message.string
            taken += 1
    with open(PO, "wb") as fh:
        write_po(fh, catalog, width=100, sort_output=True, no_location=True, omit_header=False)
    print(f"{PO.relative_to(ROOT)}: {taken} translations taken from {other}")


def compile_() -> None:
    MO.write_bytes(mo_bytes(read_po()))
    print(f"{MO.relative_to(ROOT)} written")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "compile", "merge"])
    parser.add_argument("other", nargs="?", help="with merge: the .po to take translations from")
    args = parser.parse_args(argv)
    if args.command == "merge":
        if not args.other:
            parser.error("merge needs the .po file to take translations from")
        merge(args.other)
    else:
        {"update": update, "compile": compile_}[args.command]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
