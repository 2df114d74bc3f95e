"""The one entry point: inputs in, linked reports and an RDF graph out.

The CLI, the tests and the benchmarks all call :func:`build`, so that what is
measured and tested is what users run.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from reportgraph import extract, link, load, rdf, segment
from reportgraph.errors import ReportError
from reportgraph.lexicon import Lexicon
from reportgraph.model import LinkedReport, SourceText


@dataclass
class BuildResult:
    """What a build produced: the graph, the linked reports, and per-file failures."""

    graph: Graph
    reports: list[LinkedReport]
    errors: list[ReportError] = field(default_factory=list)


def build_text(text: str, path: str = "<text>", lexicon: Lexicon | None = None) -> LinkedReport:
    """Segment, extract and link one report given as text (no file needed)."""
    lex = lexicon or Lexicon.load()
    source = SourceText(path=path, text=text)
    return link.link([extract.extract(segment.segment(source, lex), lex)], lex)[0]


def build(
    inputs: Sequence[str | Path],
    *,
    lexicon: Lexicon | None = None,
    strict: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> BuildResult:
    """Build one graph from files, folders or globs.

    A file that cannot be read or built is reported in ``errors`` and the
    others still build; with ``strict`` the first failure is raised.
    The order of ``inputs`` never changes the result.
    """
    lex = lexicon or Lexicon.load()
    paths = load.find_inputs(inputs)
    extractions = []
    errors: list[ReportError] = []
    for n, path in enumerate(paths, 1):
        if progress:
            progress(n, len(paths), str(path))
        try:
            source = load.read(path)
            extractions.append(extract.extract(segment.segment(source, lex), lex))
        except ReportError as err:
            if strict:
                raise
            errors.append(err)
    linked = link.link(extractions, lex)
    return BuildResult(graph=rdf.to_graph(linked), reports=linked, errors=errors)
