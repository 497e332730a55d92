"""The docs stay true: every hook documented and tested, code examples equal to tested files.

Code examples in docs/*.md are quoted from files with a marker line before the code block::

    <!-- snippet: examples/werkzeugkoffer-jugend/pyproject.toml#entry_point -->

(the whole file without ``#...``, or the region between ``--8<-- [start:NAME]`` and
``--8<-- [end:NAME]`` comment lines). After changing a quoted file, refresh the docs with::

    WK_UPDATE_DOCS=1 pytest tests/test_docs.py
"""

import inspect
import os
import re
import textwrap
import tomllib
from pathlib import Path

import attrs
import pytest
from werkzeugkoffer import hookspecs, model

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DOC_FILES = sorted(DOCS.rglob("*.md"))
# the plugin author's docs, whose code blocks and anchors are checked in detail
SDK_DOCS = [DOCS / name for name in ("plugins.md", "hooks.md", "formats.md", "templates.md")]
SNIPPET_RE = re.compile(
    r"<!-- snippet: (?P<path>[^#\s]+)(?:#(?P<region>[\w-]+))? -->\n"
    r"```(?P<lang>[\w-]*)\n(?P<body>.*?)```\n",
    re.DOTALL,
)
MARKER_RE = re.compile(r"^\s*(#|//|\{#-?)?\s*--8<-- \[(start|end):([\w-]+)\]")
HOOKS = sorted(
    name
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(fn, "werkzeugkoffer_spec")
)


def snippet(path: str, region: str | None) -> str:
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    if region is None:
        chosen = [line for line in lines if not MARKER_RE.match(line)]
    else:
        marks = [
            i for i, line in enumerate(lines) if (m := MARKER_RE.match(line)) and m[3] == region
        ]
        assert len(marks) == 2, f"{path}: region {region} needs one start and one end marker"
        chosen = [line for line in lines[marks[0] + 1 : marks[1]] if not MARKER_RE.match(line)]
    while chosen and not chosen[-1].strip():
        chosen.pop()
    while chosen and not chosen[0].strip():
        chosen.pop(0)
    return "\n".join(chosen) + "\n"


def snippets(text: str):
    return list(SNIPPET_RE.finditer(text))


def test_hookspecs_are_found():
    assert {"register_formats", "register_checks", "template_dirs", "suggest_formats"} <= set(HOOKS)


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_hooks_are_documented(hook):
    """Each hook has a section ``## name(args)`` in docs/hooks.md that repeats its ``def`` line."""
    doc = (DOCS / "hooks.md").read_text(encoding="utf-8")
    fn = getattr(hookspecs, hook)
    params = ", ".join(inspect.signature(fn).parameters)
    assert f"\n## {hook}({params})\n" in doc, f"docs/hooks.md needs a section '## {hook}({params})'"
    source = inspect.getsource(fn)
    header = source[source.index("def ") : source.index(":\n", source.index(")")) + 1]
    header = " ".join(header.split())
    assert header in " ".join(doc.split()), f"docs/hooks.md must show the signature: {header}"
    section = doc.split(f"\n## {hook}(", 1)[1].split("\n## ", 1)[0]
    assert "```python" in section, f"docs/hooks.md: {hook} needs an example"


def test_hooks_doc_lists_no_unknown_hook():
    doc = (DOCS / "hooks.md").read_text(encoding="utf-8")
    documented = re.findall(r"^## (\w+)\(", doc, re.MULTILINE)
    assert sorted(documented) == HOOKS


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_hooks_have_tests(hook):
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    assert f"def test_hook_{hook}(" in tests, f"add a test named test_hook_{hook}"


@pytest.mark.parametrize("doc", DOC_FILES, ids=lambda p: p.name)
def test_doc_snippets_equal_the_tested_files(doc):
    text = doc.read_text(encoding="utf-8")
    found = snippets(text)
    if os.environ.get("WK_UPDATE_DOCS") == "1":
        for m in reversed(found):
            body = snippet(m["path"], m["region"])
            start, end = m.span("body")
            text = text[:start] + body + text[end:]
        doc.write_text(text, encoding="utf-8")
        found = snippets(text)
    for m in found:
        assert (ROOT / m["path"]).is_file(), f"{doc.name}: quoted file {m['path']} is missing"
        assert m["body"] == snippet(m["path"], m["region"]), (
            f"{doc.name}: the quote of {m['path']}#{m['region']} differs from the file; "
            "run WK_UPDATE_DOCS=1 pytest tests/test_docs.py"
        )
    assert text.count("<!-- snippet:") == len(found), (
        f"{doc.name}: a snippet marker without code block"
    )


def test_the_guide_quotes_the_example_plugin():
    guide = (DOCS / "plugins.md").read_text(encoding="utf-8")
    quoted = {m["path"] for m in snippets(guide)}
    example = "examples/werkzeugkoffer-jugend/"
    for part in (
        "pyproject.toml",
        "werkzeugkoffer_jugend/__init__.py",
        "tests/test_jugend.py",
        "werkzeugkoffer_jugend/templates/jugend/methodenkarte.html",
        "beispiel-labor/gemeinden/musterdorf.toml",
    ):
        assert example + part in quoted


@pytest.mark.parametrize("doc", DOC_FILES, ids=lambda p: p.name)
def test_doc_links_resolve(doc):
    text = doc.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        assert (doc.parent / target).exists(), f"{doc.name}: broken link {target}"


def _resolve(dotted: str):
    """The object a dotted name such as ``werkzeugkoffer.render.pdf.html_to_pdf`` names."""
    import importlib

    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ModuleNotFoundError:
            continue
        for name in parts[i:]:
            obj = getattr(obj, name)
        return obj
    raise ModuleNotFoundError(dotted)  # pragma: no cover


@pytest.mark.parametrize("doc", [*DOC_FILES, ROOT / "README.md"], ids=lambda p: p.name)
def test_doc_names_of_the_api_exist(doc):
    """Every ``werkzeugkoffer.module.name`` a doc mentions can be imported (modules move)."""
    text = doc.read_text(encoding="utf-8")
    names = sorted(set(re.findall(r"\bwerkzeugkoffer(?:\.[A-Za-z_]\w*)+", text)))
    for dotted in names:
        try:
            _resolve(dotted)
        except (ImportError, AttributeError) as exc:
            pytest.fail(f"{doc.name}: {dotted} does not exist ({exc})")


@pytest.mark.parametrize("doc", SDK_DOCS, ids=lambda p: p.name)
def test_doc_anchors_exist(doc):
    """Links to headings (#anchor) in the docs point to a heading that exists."""

    def anchors(md: str) -> set[str]:
        out = set()
        for heading in re.findall(r"^#+ (.+)$", md, re.MULTILINE):
            slug = re.sub(r"[^\w\- ]", "", heading.lower()).strip().replace(" ", "-")
            out.add(slug)
        return out

    text = doc.read_text(encoding="utf-8")
    for target, anchor in re.findall(r"\]\(([^)#\s]*)#([^)\s]+)\)", text):
        other = (doc.parent / target) if target else doc
        if other.suffix != ".md":
            continue
        assert anchor in anchors(other.read_text(encoding="utf-8")), (
            f"{doc.name}: link to missing heading {target}#{anchor}"
        )


@pytest.mark.parametrize("doc", SDK_DOCS, ids=lambda p: p.name)
def test_doc_code_blocks_are_valid(doc):
    """TOML blocks parse and Python blocks compile (quoted or written in the doc)."""
    text = doc.read_text(encoding="utf-8")
    for lang, body in re.findall(r"```(toml|python)\n(.*?)```", text, re.DOTALL):
        body = textwrap.dedent(body)
        if lang == "toml":
            tomllib.loads(body)
        elif not body.lstrip().startswith("def ") or "\n" in body.strip():
            compile(body, f"{doc.name} code block", "exec")


FORMAT_SECTIONS = {
    model.Format: "## Top-level fields",
    model.Space: "### `[space]`",
    model.DataProtection: "### `[data_protection]`",
    model.Role: "### `[[roles]]`",
    model.Material: "### `[[materials]]`",
    model.PrepStep: "### `[[preparation]]`",
    model.Step: "### `[[agenda]]`",
    model.Variation: "### `[[variations]]`",
    model.CopyMaster: "### `[[copy_masters]]`",
    model.ResultField: "## Result schema: `[[result_fields]]`",
    model.Indicator: "## Impact indicators: `[[indicators]]`",
    model.Result: "## Results",
}


@pytest.mark.parametrize("cls", list(FORMAT_SECTIONS), ids=lambda c: c.__name__)
def test_every_format_field_is_explained(cls):
    doc = (DOCS / "formats.md").read_text(encoding="utf-8")
    heading = FORMAT_SECTIONS[cls]
    assert f"\n{heading}\n" in doc
    section = doc.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]
    for field in attrs.fields(cls):
        assert re.search(rf"^\| (`\w+`, )*`{field.name}`", section, re.MULTILINE), (
            f"docs/formats.md: {heading} does not explain `{field.name}`"
        )


@pytest.mark.parametrize(
    "enum",
    [
        model.Theme,
        model.ParticipationLevel,
        model.Principle,
        model.TargetGroup,
        model.Setting,
        model.ResultType,
        model.ImpactLevel,
        model.Aggregate,
    ],
    ids=lambda e: e.__name__,
)
def test_every_enum_value_is_explained(enum):
    doc = (DOCS / "formats.md").read_text(encoding="utf-8")
    for member in enum:
        assert f"`{member.value}`" in doc, (
            f"docs/formats.md does not name {enum.__name__} `{member.value}`"
        )


def test_aggregate_table_matches_the_test_kit():
    """The table of aggregates per result type is the one check_plugin enforces."""
    from werkzeugkoffer.testing import AGGREGATES_BY_TYPE

    doc = (DOCS / "formats.md").read_text(encoding="utf-8")
    section = doc.split("### How indicators are computed", 1)[1].split("\n**Targets.**", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    header = next(line for line in section.splitlines() if line.startswith("| aggregate"))
    columns = [re.findall(r"`(\w+)`", cell) for cell in header.strip("|").split("|")[1:]]
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        aggregate = model.Aggregate(cells[0].strip("`"))
        for types, cell in zip(columns, cells[1:]):
            for type_name in types:
                fits = aggregate in AGGREGATES_BY_TYPE[model.ResultType(type_name)]
                assert fits == ("does not fit" not in cell), (aggregate.value, type_name, cell)


def test_templates_doc_names_every_block_filter_and_part():
    from werkzeugkoffer.render import environment as render

    doc = (DOCS / "templates.md").read_text(encoding="utf-8")
    card = (render.DEFAULTS_DIR / "method_card.html").read_text(encoding="utf-8")
    for block in re.findall(r"{%-? block (\w+)", card):
        assert f"`{block}`" in doc, f"docs/templates.md does not name the card block `{block}`"
    for name in render.FILTERS:
        assert f"`{name}`" in doc, f"docs/templates.md does not name the filter `{name}`"
    for name in ("kit.html", "kit_document.html", "leitfaden.html", "termine.html"):
        kit = (render.DEFAULTS_DIR / name).read_text(encoding="utf-8")
        for block in re.findall(r"{%-? block (\w+)", kit):
            assert f"`{block}`" in doc, f"docs/templates.md does not name the block `{block}` of {name}"
    for name in ("kit_document.html", "leitfaden.html", "termine.html", "kopiervorlagen.html",
                 "ergebnisboegen.html", "einladungen.html", "plakate.html"):
        assert f"`{name}`" in doc, f"docs/templates.md does not name the document {name}"
    for part in sorted((render.DEFAULTS_DIR / "parts").glob("*.html")):
        assert f"`parts/{part.name}`" in doc, f"docs/templates.md does not name parts/{part.name}"


def test_guide_commands_exist():
    """Every `werkzeugkoffer COMMAND [SUBCOMMAND]` in the guide's shell blocks exists."""
    from click.testing import CliRunner
    from werkzeugkoffer.cli import COMMANDS, cli

    guide = (DOCS / "plugins.md").read_text(encoding="utf-8")
    shell = "\n".join(re.findall(r"```(?:sh|bash|console)\n(.*?)```", guide, re.DOTALL))
    used = set()
    for line in shell.splitlines():
        words = line.split()
        if not words or not (words[0] == "werkzeugkoffer" or words[0].endswith("/werkzeugkoffer")):
            continue
        args = words[1:]
        while args and args[0].startswith("-"):
            args = args[2:] if args[0] in ("-w", "--workspace") else args[1:]
        assert args and args[0] in COMMANDS, f"docs/plugins.md: unknown command in: {line}"
        group = cli.get_command(None, args[0])
        command = [args[0]]
        if hasattr(group, "commands") and len(args) > 1:
            assert args[1] in group.commands, f"docs/plugins.md: unknown command in: {line}"
            command.append(args[1])
        used.add(" ".join(command))
    assert {"plugin new", "plugins", "formats show", "check", "kit build"} <= used
    for command in sorted(used):
        result = CliRunner().invoke(cli, [*command.split(), "--help"])
        assert result.exit_code == 0, (command, result.output)
