"""The import structure of ``core/``: a small kernel, one package per stage, imports only go down.

The rules (README, "For developers"):

- the kernel (the modules directly in ``core/``) imports no stage;
- a stage imports the kernel and lower stages only, in the order of :data:`STAGES`;
- no module imports ``werkzeugkoffer.cli`` or a plugin, and no two modules import each other
  (directly or through others);
- the package face (``core/__init__.py``) is the public API: it may name everything, and only
  the SDK (``testing/``, whose pytest fixtures use the public API lazily) imports it.

The checker reads the source with :mod:`ast` (nothing is imported), so it also sees imports
inside functions and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "core"
PACKAGE = "werkzeugkoffer"

#: The stages of the flow, lowest first. A stage may import the kernel and the stages before it.
STAGES = ("checks", "results", "render", "planning", "kits", "reports", "testing")


def module_name(path: Path, core: Path) -> str:
    parts = list(path.relative_to(core).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def _imports(path: Path, name: str, modules: set[str]) -> set[str]:
    """The modules of the package that ``path`` imports, by full name."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # "from pkg import mod" imports the module pkg.mod; "from mod import name" imports mod
            targets = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in modules else module
                       for alias in node.names]
        else:
            continue
        for target in targets:
            if target == PACKAGE or target.startswith(PACKAGE + "."):
                out.add(target)
    return out


def layer(name: str) -> int:
    """0 for the kernel, 1 + the stage's index for a stage; -1 for the face."""
    parts = name.split(".")
    if len(parts) == 1:
        return -1
    if parts[1] in STAGES:
        return 1 + STAGES.index(parts[1])
    return 0


def import_problems(core: Path = CORE) -> list[str]:
    """Every broken rule of the import structure of ``core`` (empty when it holds)."""
    paths = {module_name(p, core): p for p in sorted(core.rglob("*.py"))
             if "__pycache__" not in p.parts and "scaffold_templates" not in p.parts}
    modules = set(paths)
    graph = {name: _imports(path, name, modules) for name, path in paths.items()}
    problems = []
    for name, targets in sorted(graph.items()):
        for target in sorted(targets):
            where = f"{paths[name].relative_to(core)} imports {target}"
            if target.startswith((f"{PACKAGE}.cli", f"{PACKAGE}.plugins")):
                problems.append(f"{where}: the core imports neither the CLI nor a plugin")
            elif target == PACKAGE:
                if layer(name) != 1 + STAGES.index("testing") and layer(name) != -1:
                    problems.append(f"{where}: only the SDK may use the package face")
            elif target not in modules:
                problems.append(f"{where}: no such module")
            elif layer(name) != -1 and layer(target) > layer(name):
                problems.append(f"{where}: an upward import ({_layer_name(name)} -> "
                                f"{_layer_name(target)})")
    # cycles, among the modules themselves (the face excluded: it only hands names on)
    edges = {n: {t for t in ts if t in modules and t != n and layer(t) != -1}
             for n, ts in graph.items() if layer(n) != -1}
    for cycle in _cycles(edges):
        problems.append("import cycle: " + " -> ".join(cycle + [cycle[0]]))
    return problems


def _layer_name(name: str) -> str:
    n = layer(name)
    return "kernel" if n == 0 else f"stage {STAGES[n - 1]}"


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_imports_only_go_down():
    assert import_problems() == []


def test_every_stage_is_a_package_and_named_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for stage in STAGES:
        assert (CORE / stage / "__init__.py").is_file(), stage
        assert f"`core/{stage}/`" in readme, f"README map lacks core/{stage}/"


def _copy(tmp_path: Path) -> Path:
    core = tmp_path / "core"
    shutil.copytree(CORE, core, ignore=shutil.ignore_patterns("__pycache__", "templates",
                                                              "example_data"))
    return core


def test_the_checker_finds_an_upward_import(tmp_path):
    core = _copy(tmp_path)
    model = core / "model.py"
    model.write_text(model.read_text(encoding="utf-8")
                     + "\nfrom .kits.content import Kit  # upward on purpose\n", encoding="utf-8")
    problems = import_problems(core)
    assert problems == [
        "model.py imports werkzeugkoffer.kits.content: an upward import (kernel -> stage kits)",
        *[p for p in problems if p.startswith("import cycle")],
    ]
    assert any(p.startswith("import cycle") for p in problems)  # kits imports the model


def test_the_checker_finds_a_stage_importing_a_higher_stage_and_the_cli(tmp_path):
    core = _copy(tmp_path)
    store = core / "results" / "store.py"
    store.write_text(store.read_text(encoding="utf-8")
                     + "\n\ndef _late():\n    from ..reports import build_report\n"
                       "    import werkzeugkoffer.cli\n", encoding="utf-8")
    problems = import_problems(core)
    assert ("results/store.py imports werkzeugkoffer.cli: the core imports neither the CLI nor "
            "a plugin") in problems
    assert ("results/store.py imports werkzeugkoffer.reports: an upward import "
            "(stage results -> stage reports)") in problems


def test_the_checker_finds_a_cycle_inside_the_kernel(tmp_path):
    core = _copy(tmp_path)
    errors = core / "errors.py"
    errors.write_text(errors.read_text(encoding="utf-8")
                      + "\n\ndef _late():\n    from . import catalogue\n", encoding="utf-8")
    problems = import_problems(core)
    assert len(problems) == 1 and problems[0].startswith("import cycle: ")
    assert "werkzeugkoffer.errors" in problems[0] and "werkzeugkoffer.catalogue" in problems[0]


def test_every_test_module_has_tests():
    """A module named ``test_*.py`` holds tests; shared workspaces and helpers live in
    ``tests/fixtures.py`` (and fixtures in ``conftest.py``)."""
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        tests = [
            node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.name.startswith("test_")
        ]
        assert tests, f"{path.name} has no test; move its helpers to tests/fixtures.py"
