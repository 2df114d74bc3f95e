"""The shape of the code: stages import only earlier stages, no import cycles, no Chinese in code.

Data flows one way, load -> segment -> extract -> link -> rdf -> outputs; the
CLI and the pipeline sit on top. Domain words live in data/, so a rule is
changed by editing a file a user can read, not the code.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "reportgraph"

#: The stage of each module (by dotted name prefix, the longest prefix wins), earliest first.
STAGES: dict[str, int] = {
    # shared by every stage: the model, the ontology's names, text handling, data files
    "reportgraph.model": 0, "reportgraph.vocab": 0, "reportgraph.text": 0, "reportgraph.datafiles": 0,
    "reportgraph.errors": 0, "reportgraph.gcpause": 0, "reportgraph.metadata": 0, "reportgraph.lexicon": 0,
    "reportgraph.limits": 0, "reportgraph.hygiene": 0,
    "reportgraph.safetext": 0, "reportgraph.pname": 0, "reportgraph.regexcache": 0, "reportgraph.opening": 0,
    "reportgraph.load": 1, "reportgraph.readers": 1,
    "reportgraph.segment": 2,
    "reportgraph.extract": 3,
    "reportgraph.link": 4,
    "reportgraph.rdf": 5, "reportgraph.terms": 5,
    # outputs: what reads or serves a built graph
    "reportgraph.turtle": 6, "reportgraph.export": 6, "reportgraph.viz": 6, "reportgraph.sparql": 6,
    "reportgraph.validate": 6, "reportgraph.graphfile": 6, "reportgraph.serve": 6, "reportgraph.sandbox": 6,
    "reportgraph.push": 6, "reportgraph.sparql_output": 6, "reportgraph.viz_style": 6, "reportgraph.termwidth": 6,
    # the evaluator builds reports to score them, so it sits with the pipeline's callers
    "reportgraph.evaluate": 7,
    "reportgraph.pipeline": 7, "reportgraph.workers": 7, "reportgraph.dask_engine": 7, "reportgraph.cache": 7,
    "reportgraph.stream": 7,
    "reportgraph.cli": 8, "reportgraph.__main__": 8, "reportgraph": 8,
}

#: Modules that may still hold Chinese literals while work in progress on another branch moves
#: them to data/ (none left: every module is checked).
CJK_PENDING: frozenset[str] = frozenset()
#: Imports that break the layout until work in progress on another branch lands (none left).
LAYOUT_PENDING: frozenset[tuple[str, str]] = frozenset()
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f“”‘’]")


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = modules()


def stage_of(name: str) -> int:
    best = max((p for p in STAGES if name == p or name.startswith(p + ".")), key=len, default=None)
    assert best is not None, f"{name}: no stage in STAGES; add it"
    return STAGES[best]


def imports_of(name: str, path: Path) -> set[str]:
    """The package's modules that ``name`` imports, lazy imports inside functions included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    base = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("reportgraph"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base.split(".")[: len(base.split(".")) - node.level + 1]
                mod = ".".join(parts + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.startswith("reportgraph"):
                for a in node.names:
                    sub = f"{mod}.{a.name}"
                    found.add(sub if sub in MODULES else mod)
    out = set()
    for m in found:
        while m and m not in MODULES:
            m = m.rpartition(".")[0]
        if m and m != name:
            out.add(m)
    return out


GRAPH = {name: {m for m in imports_of(name, path) if (name, m) not in LAYOUT_PENDING}
         for name, path in MODULES.items()}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_module_imports_no_later_stage(name: str) -> None:
    later = sorted(m for m in GRAPH[name] if stage_of(m) > stage_of(name))
    assert not later, f"{name} (stage {stage_of(name)}) imports later stages: {later}"


def test_no_import_cycles() -> None:
    # a package's __init__ importing its own submodules is how packages are made, not a cycle
    graph = {m: {d for d in deps if not d.startswith(m + ".")} for m, deps in GRAPH.items()}
    cycles = []
    for start in graph:
        stack, seen = [(start, (start,))], set()
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    cycles.append(" -> ".join((*path, nxt)))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, (*path, nxt)))
    assert not cycles, cycles[:5]


def _cjk_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [f"{path.name}:{n.lineno}: {n.value[:30]!r}" for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs and CJK.search(n.value)]


@pytest.mark.parametrize("name", sorted(set(MODULES) - CJK_PENDING))
def test_no_chinese_words_or_patterns_in_code(name: str) -> None:
    found = _cjk_literals(MODULES[name])
    assert not found, f"move these into data/: {found}"
