"""The import graph of the project's own packages: layered, and without cycles.

Dependencies flow ``bot -> indexer -> knowledge`` and never back, and no two modules
import each other, not even through a chain or a function-level import.  The graph is
read from the source with :mod:`ast` (nothing is imported), counting every import
statement wherever it stands: at module level, inside a function, or under
``if TYPE_CHECKING:`` (a type-only import is still a dependency a reader must follow).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "knowledge", "indexer")
#: Which top-level packages each may import (besides itself).
ALLOWED = {"bot": {"indexer", "knowledge"}, "indexer": {"knowledge"}, "knowledge": set()}


def _modules() -> dict[str, Path]:
    """Every module of the three packages by dotted name (a package by its ``__init__``)."""
    out: dict[str, Path] = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if "migrations" in parts:  # Alembic's scripts are run by Alembic, not imported
                continue
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module ``name`` refers to: itself, or the package that holds it."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str, path: Path) -> set[str]:
    """The project modules that ``module`` imports, anywhere in its source."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_pkg = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                if not is_pkg:
                    anchor = anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # "from knowledge import textcut" imports the module knowledge.textcut
            names = [f"{base}.{a.name}" for a in node.names] + [base]
        for name in names:
            target = _resolve(name)
            if target is not None and target != module:
                found.add(target)
    return found


GRAPH = {m: _imports(m, p) for m, p in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_graph_is_read() -> None:
    assert {"bot.core", "bot.summary_view", "indexer.service", "knowledge.models"} <= set(MODULES)
    assert "knowledge.db" in GRAPH["indexer.service"]
    assert "bot.answering" in GRAPH["bot.core"]  # "from bot.answering import Answer"
    assert "knowledge.textcut" in GRAPH["bot.adapters.line"]  # "from knowledge import textcut"


def test_no_two_modules_import_each_other() -> None:
    mutual = sorted({tuple(sorted((a, b))) for a, targets in GRAPH.items() for b in targets
                     if a in GRAPH.get(b, set())})
    assert not mutual, f"modules that import each other: {mutual}"


def test_no_import_cycles() -> None:
    assert not _cycles(GRAPH), f"import cycles: {_cycles(GRAPH)}"


@pytest.mark.parametrize("package", PACKAGES)
def test_dependencies_flow_bot_indexer_knowledge(package: str) -> None:
    wrong = sorted(
        (m, t) for m, targets in GRAPH.items() if m.split(".")[0] == package
        for t in targets
        if t.split(".")[0] != package and t.split(".")[0] not in ALLOWED[package]
    )
    assert not wrong, f"{package} must not import these: {wrong}"


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
