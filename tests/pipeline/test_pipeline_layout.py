"""The layout of the code, read from its imports (every `import`, at module level or
inside a function).

- No import circle anywhere in parsers/, extractors/, pipeline/ and bench/.
- Dependencies point one way: bench → pipeline → extractors → parsers.
- pipeline/ has two floors and the CLI on top: the Dagster-free library
  (`pipeline.models`, `pipeline.tables`, `pipeline.outputs`, `pipeline.ingest`)
  imports neither Dagster nor the floors above it; the Dagster definitions
  (`pipeline.defs`) do not import the CLI (`pipeline.cli`).
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("parsers", "extractors", "pipeline", "bench")
FLOOR = {"parsers": 0, "extractors": 1, "pipeline": 2, "bench": 3}
LIBRARY = ("pipeline.models", "pipeline.tables", "pipeline.outputs", "pipeline.ingest")
ABOVE_LIBRARY = ("pipeline.defs", "pipeline.cli")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in sorted((REPO / pkg).rglob("*.py"))}


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every module `name` imports: a module of the repository where the import
    names one (`from pipeline.tables import reading` → pipeline.tables.reading),
    else the imported name itself (third-party modules)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.add(sub if sub in MODULES else base)
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _in(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _circles() -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in GRAPH:
                continue
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
            if len(component) > 1 or v in GRAPH[v]:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(GRAPH)))
    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return found


def test_the_walk_sees_the_modules_and_their_imports():
    assert {"pipeline.models", "pipeline.tables.rows", "pipeline.defs.definitions",
            "pipeline.cli.main", "extractors.extract", "parsers.read"} <= set(MODULES)
    assert "pipeline.tables.reading" in GRAPH["pipeline.tables"]
    assert "dagster" in GRAPH["pipeline.defs.definitions"]


def test_no_import_circle():
    assert _circles() == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_dependencies_point_down(name):
    floor = FLOOR[name.split(".")[0]]
    up = sorted(m for m in GRAPH[name] if m.split(".")[0] in FLOOR and FLOOR[m.split(".")[0]] > floor)
    assert up == [], f"{name} imports a higher floor"


@pytest.mark.parametrize("name", sorted(m for m in MODULES if _in(m, LIBRARY)))
def test_the_library_imports_neither_dagster_nor_the_floors_above(name):
    bad = sorted(m for m in GRAPH[name] if m.split(".")[0].startswith("dagster")
                 or _in(m, ABOVE_LIBRARY))
    assert bad == []


@pytest.mark.parametrize("name", sorted(m for m in MODULES if _in(m, ("pipeline.defs",))))
def test_the_definitions_do_not_import_the_cli(name):
    assert sorted(m for m in GRAPH[name] if _in(m, ("pipeline.cli",))) == []


def test_importing_the_whole_library_loads_no_dagster():
    library = sorted(m for m in MODULES if _in(m, LIBRARY))
    code = ("import importlib, sys\n"
            f"for m in {library!r}: importlib.import_module(m)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0].startswith('dagster')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_a_parse_worker_loads_neither_pandas_nor_delta_lake():
    """What the parse workers import (the fork server's preload) stays small: under
    their memory limit (RLIMIT_AS) every mapped library counts."""
    code = ("import sys, pipeline.ingest.worker, pipeline.ingest.gather\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'deltalake', 'dagster'}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
