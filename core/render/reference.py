"""The reference of every workspace file field, as Markdown pages made from the model.

``docs/reference/*.md`` are the output of :func:`reference_pages`: one page per file kind of
:data:`werkzeugkoffer.schema.FILE_KINDS` with every field (type, default, allowed values, a
German and an English description from :data:`werkzeugkoffer.schema.FIELDS`), plus the columns of
the result sheet CSV. ``tests/test_reference.py`` fails when the pages and the model drift;
``WK_UPDATE_DOCS=1 pytest tests/test_reference.py`` writes them anew.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import typing
from typing import Any

import attrs

from ..model import (
    FIRST_DATE,
    INT_RANGES,
    LAST_DATE,
    MAX_IDENTIFIER_LENGTH,
    Ags,
    Identifier,
    ResultType,
    StateCode,
)
from ..results.sheets import CSV_COLUMNS
from ..schema import FIELDS, FILE_KINDS, TABLES, default_of, hints, missing_descriptions
from ..schema import optional as optional_type

GENERATED = (
    "<!-- Generated from the model (werkzeugkoffer.render.reference); do not edit. After a "
    "model change: WK_UPDATE_DOCS=1 pytest tests/test_reference.py -->"
)

#: The columns of the result sheet CSV (:data:`werkzeugkoffer.results.CSV_COLUMNS`).
CSV_COLUMN_DOCS: dict[str, tuple[str, str]] = {
    "termin": ("Kennung des Termins („Kennung“ auf dem Bogen); in jeder Zeile.",
               'The session id ("Kennung" on the sheet); on every line.'),
    "station": ("Die Station (Kennung ihres Orts), wenn der Bogen eine Station erfasst; sonst "
                "leer.",
                "The station (its venue id) when the sheet is one station's; empty otherwise."),
    "tag": ("Der Tag (`2027-06-24` oder `24.06.2027`), wenn der Bogen einen einzelnen Tag "
            "erfasst; meist leer.",
            "The day (`2027-06-24` or `24.06.2027`) when the sheet is one day's; usually empty."),
    "feld": ("Ein Feld des Ergebnisbogens (`name`), `Teilnehmende` oder `Erfasst von`.",
             "A result field `name`, `Teilnehmende` (participants) or `Erfasst von`."),
    "bezeichnung": ("Die Bezeichnung wie gedruckt (nur eine Hilfe; beim Import ignoriert).",
                    "The label as printed (a help only; ignored on import)."),
    "option": ("`choice_votes`: die Möglichkeit; `map_points`: die Kategorie; `scores`: die "
               "Kompetenz; `Teilnehmende`: die Zielgruppe.",
               "`choice_votes`: the option; `map_points`: the category; `scores`: the option; "
               "`Teilnehmende`: the target group."),
    "ortsteil": ("`map_points`: der Ortsteil des Punktes.", "`map_points`: the point's Ortsteil."),
    "profil": ("`scores`: wessen Profil (eine Person oder Gruppe).",
               "`scores`: whose profile (a person or group)."),
    "wert": ("Der Wert: eine Zahl (`4,5` oder `4.5`), ein Text, ein Listeneintrag, Stimmen, eine "
             "Notiz, Prozent. Leer: nichts eingetragen.",
             "The value: a number (`4,5` or `4.5`), a text, one list entry, votes, a note, a "
             "percent. Empty: nothing filled in."),
}

#: What a value of each result type looks like in a result (TOML or JSON).
RESULT_TYPE_DOCS: dict[str, tuple[str, str]] = {
    "count": ("eine ganze Zahl ab 0", "a whole number >= 0"),
    "number": ("eine Zahl", "a number"),
    "percent": ("eine Zahl von 0 bis 100", "a number from 0 to 100"),
    "text": ("ein Text", "a text"),
    "text_list": ("eine Liste von Texten", "a list of texts"),
    "choice_votes": ("eine Tabelle `{Möglichkeit = Stimmen}`", "a table `{option = votes}`"),
    "rating": ("eine Zahl von 1 bis 5 (Mittelwert)", "a number from 1 to 5 (the mean)"),
    "map_points": ("eine Liste von `{category, ortsteil, note}`",
                   "a list of `{category, ortsteil, note}`"),
    "scores": ("eine Liste von Profilen `{label, values = {Möglichkeit = Prozent}}`",
               "a list of profiles `{label, values = {option = percent}}`"),
}

PAGE_NAMES = {"labor": "labor.md", "gemeinde": "gemeinde.md", "format": "format.md",
              "ergebnis": "ergebnis.md"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def type_label(tp: Any) -> str:
    """The type of a field as the reference names it."""
    tp, _ = optional_type(tp)
    origin = typing.get_origin(tp)
    if tp is Identifier:
        return "id"
    if tp is Ags:
        return "AGS"
    if tp is StateCode:
        return "state code"
    if tp in INT_RANGES:
        return "whole number"
    simple = {str: "text", int: "whole number", float: "number", bool: "true/false",
              dt.date: "date", dt.time: "time", Any: "any"}
    if tp in simple:
        return simple[tp]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "choice"
    if attrs.has(tp):
        return "table"
    if origin in (tuple, list):
        inner = type_label(typing.get_args(tp)[0])
        return "list of tables" if inner == "table" else f"list of {inner}s"
    if origin is dict:
        key, value = typing.get_args(tp)
        by = " by target group" if isinstance(key, type) and issubclass(key, enum.Enum) else ""
        return "table" if value is Any else f"table of {type_label(value)}s{by}"
    raise TypeError(f"no label for {tp!r}")  # a new kind of field: teach this function


def allowed_values(tp: Any) -> str:
    tp, _ = optional_type(tp)
    for leaf in [tp, *typing.get_args(tp)]:
        if isinstance(leaf, type) and issubclass(leaf, enum.Enum):
            return ", ".join(f"`{m.value}`" for m in leaf)
    if tp is Identifier or Identifier in typing.get_args(tp):
        return f"a-z, 0-9, `-`, `_`, `.`; at most {MAX_IDENTIFIER_LENGTH} characters"
    if tp is Ags:
        return "8 digits"
    if tp is StateCode:
        from ..dates import STATES

        return ", ".join(f"`{s}`" for s in STATES)
    if tp in INT_RANGES:
        low, high = INT_RANGES[tp]
        return f"{low} to {high:,}"
    if tp is dt.date:
        return f"YYYY-MM-DD, {FIRST_DATE.year} to {LAST_DATE.year}"
    if tp is dt.time:
        return '"HH:MM"'
    return ""


def default_label(field: attrs.Attribute, tp: Any) -> str:
    default = default_of(field)
    if default is attrs.NOTHING:
        return "required"
    if default is None:
        return "none"
    if attrs.has(optional_type(tp)[0]):
        return "see below"
    return f"`{json.dumps(default, ensure_ascii=False)}`"


def _sections(root: type) -> list[tuple[str, type]]:
    """``(heading, class)`` for the top level and every nested table, depth first."""
    out: list[tuple[str, type]] = [("Top level", root)]

    def visit(cls: type, prefix: str) -> None:
        for field in attrs.fields(cls):
            tp, _ = optional_type(hints(cls)[field.name])
            origin = typing.get_origin(tp)
            inner = typing.get_args(tp)[0] if origin in (tuple, list) else tp
            if not attrs.has(inner):
                continue
            path = f"{prefix}{field.name}"
            out.append((f"`[[{path}]]`" if inner is not tp else f"`[{path}]`", inner))
            visit(inner, path + ".")

    visit(root, "")
    return out


def _anchor(heading: str) -> str:
    import re

    return re.sub(r"[^\w\- ]", "", heading.lower()).strip().replace(" ", "-")


def _field_table(cls: type, links: dict[type, str]) -> list[str]:
    described = FIELDS[cls.__name__]
    rows = ["| field | type | default | allowed values | Bedeutung | meaning |",
            "|---|---|---|---|---|---|"]
    for field in attrs.fields(cls):
        tp = hints(cls)[field.name]
        label = type_label(tp)
        inner = optional_type(tp)[0]
        inner = typing.get_args(inner)[0] if typing.get_origin(inner) in (tuple, list) else inner
        if attrs.has(inner) and inner in links:
            label = f"[{label}](#{links[inner]})"
        de, en = described[field.name]
        rows.append(
            f"| `{field.name}` | {label} | {_cell(default_label(field, tp))} | "
            f"{_cell(allowed_values(tp))} | {_cell(de)} | {_cell(en)} |"
        )
    return rows


def reference_page(kind: str) -> str:
    """The Markdown reference page of one file kind."""
    problems = missing_descriptions()
    if problems:
        raise ValueError("the reference cannot be made: " + "; ".join(problems))
    file_kind = FILE_KINDS[kind]
    sections = _sections(file_kind.cls)
    links: dict[type, str] = {}
    for heading, cls in sections[1:]:
        links.setdefault(cls, _anchor(heading))
    lines = [f"# {file_kind.files}", "", GENERATED, "", file_kind.de, "", f"*{file_kind.en}*", "",
             f"JSON Schema: `werkzeugkoffer schema {kind}` (see [editors](README.md#editors)). "
             "Types, defaults and allowed values are those the loader enforces; dates are TOML "
             'dates (`2027-03-13`) or text (`"2027-03-13"`), times are text (`"10:00"`).']
    for heading, cls in sections:
        de, en = TABLES[cls.__name__]
        lines += ["", f"## {heading}", "", f"{de} *{en}*", "", *_field_table(cls, links)]
    if kind == "ergebnis":
        lines += _result_sheet_sections()
    return "\n".join(lines) + "\n"


def _result_sheet_sections() -> list[str]:
    if set(RESULT_TYPE_DOCS) != {t.value for t in ResultType}:
        raise ValueError("RESULT_TYPE_DOCS and ResultType differ")
    if tuple(CSV_COLUMN_DOCS) != CSV_COLUMNS:
        raise ValueError("CSV_COLUMN_DOCS and CSV_COLUMNS differ")
    lines = ["", "## Values by result type", "",
             "`values` holds one value per field of the format's result schema "
             "(`[[result_fields]]`, see [format.md](format.md)), shaped by its `type`:", "",
             "| type | Wert | value |", "|---|---|---|"]
    lines += [f"| `{t}` | {_cell(de)} | {_cell(en)} |" for t, (de, en) in RESULT_TYPE_DOCS.items()]
    lines += ["", "A TOML result sheet holds one result at the top level, or several as "
              "`[[results]]`.", "", "## The result sheet as CSV", "",
              "`werkzeugkoffer results blank` and `kit build` write one CSV per session (`;`, "
              "UTF-8 with byte order mark) with one line per value, one block per station for "
              "a session at stations; `results import` reads it back (and the sheets of a "
              "workbook from `results blank --format xlsx`, which have the same columns). The "
              "columns, in this order:", "",
              "| column | Bedeutung | meaning |", "|---|---|---|"]
    lines += [f"| `{c}` | {_cell(de)} | {_cell(en)} |" for c, (de, en) in CSV_COLUMN_DOCS.items()]
    return lines


def reference_index() -> str:
    """``docs/reference/README.md``: the pages, and how editors use the JSON Schemas."""
    rows = [f"| [{k.files}]({PAGE_NAMES[name]}) | `werkzeugkoffer schema {name}` | {k.en} |"
            for name, k in FILE_KINDS.items()]
    return "\n".join([
        "# Reference: the fields of every file", "", GENERATED, "",
        "Every field a lab planner writes by hand and a plugin's check receives (`Lab`, "
        "`Municipality`, `Venue`, `Phase`, `Session`, `Format` ... are the model classes of the "
        "same names, with the same fields), with type, default, allowed values and a short "
        "description in German and English.", "",
        "| file | JSON Schema | what |", "|---|---|---|", *rows, "",
        "## Editors", "",
        "`werkzeugkoffer schema KIND` prints the JSON Schema of a kind of file; "
        "`werkzeugkoffer schema --out .schemas` writes all of them into a folder of the "
        "workspace. Editors that know JSON Schema for TOML, such as VS Code with the Even Better "
        "TOML extension (taplo), then check every key and value while you type, complete keys "
        "and show the descriptions. Name the schema in the first line of a file:", "",
        "```toml", "#:schema ../.schemas/gemeinde.schema.json", 'name = "Lohra"', "```", "",
        "or once for the whole workspace, in a `.taplo.toml` next to `labor.toml`:", "",
        "```toml",
        "[[rule]]", 'include = ["labor.toml"]',
        'schema = { path = "./.schemas/labor.schema.json" }',
        "", "[[rule]]", 'include = ["gemeinden/*.toml"]',
        'schema = { path = "./.schemas/gemeinde.schema.json" }',
        "", "[[rule]]", 'include = ["formate/*.toml"]',
        'schema = { path = "./.schemas/format.schema.json" }', "```", "",
        "The schemas check what a single file can show (names, types, allowed values, required "
        "fields, unknown keys); what needs several files (a session's venue exists, phases do not "
        "overlap ...) is `werkzeugkoffer check`.",
    ]) + "\n"


def reference_pages() -> dict[str, str]:
    """``{file name: Markdown}`` of ``docs/reference/``."""
    pages = {"README.md": reference_index()}
    pages.update({PAGE_NAMES[kind]: reference_page(kind) for kind in FILE_KINDS})
    return pages
