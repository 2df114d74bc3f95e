"""reportgraph: Chinese local-government work reports as an RDF knowledge graph.

``reportgraph.build(paths)`` and ``reportgraph.build_text(text)`` are the
library entry points, and ``reportgraph.query(graph_or_path, sparql)`` asks a
graph a SPARQL question; they are imported on first use so that ``--help`` and
light commands start fast.
"""
from __future__ import annotations

#: ``typing`` for the type checker only: importing it is a good part of ``reportgraph --help``.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.1.0"
__all__ = ["BuildResult", "build", "build_text", "query"]

#: Names that live outside the pipeline, by the module that defines them.
_ELSEWHERE = {"query": "reportgraph.sparql"}


def __getattr__(name: str) -> Any:
    if name in _ELSEWHERE:
        import importlib

        return getattr(importlib.import_module(_ELSEWHERE[name]), name)
    if name in __all__:
        from reportgraph import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'reportgraph' has no attribute {name!r}")
