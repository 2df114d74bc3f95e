"""The one entry point: inputs in, linked reports and an RDF graph out.

The CLI, the tests and the benchmarks all call :func:`build`, so that what is
measured and tested is what users run.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from reportgraph import load, rdf
from reportgraph.errors import ReportError, printable
from reportgraph.extract import extract
from reportgraph.extract.names import FINDERS, Finder
from reportgraph.gcpause import gc_paused
from reportgraph.lexicon import Lexicon
from reportgraph.limits import DEFAULT as DEFAULT_LIMITS
from reportgraph.limits import Limits
from reportgraph.link import Identities, Measures, link
from reportgraph.metadata import Metadata
from reportgraph.metadata import for_file as metadata_for_file
from reportgraph.model import LinkedReport, SourceText
from reportgraph.segment import NO_STRUCTURE, has_structure, segment


@dataclass
class BuildResult:
    """What a build produced: the graph, the linked reports, and per-file failures."""

    graph: Graph
    reports: list[LinkedReport]
    errors: list[ReportError] = field(default_factory=list)
    #: (path, path of the input with the same text): inputs built once, as that other input
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    #: inputs that built, but not as well as they might (no report structure found), and files a folder
    #: search skipped (links that leave the folder, link loops, pipes)
    warnings: list[ReportError] = field(default_factory=list)


def build_text(text: str, path: str = "<text>", lexicon: Lexicon | None = None,
               finders: Sequence[Finder] = FINDERS) -> LinkedReport:
    """Segment, extract and link one report given as text (no file needed)."""
    lex = lexicon or Lexicon.load()
    return link([extract(segment(SourceText(path=path, text=text)), lex, finders)], lex)[0]


def build(
    inputs: Sequence[str | Path],
    *,
    lexicon: Lexicon | None = None,
    strict: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    metadata: Metadata | None = None,
    finders: Sequence[Finder] = FINDERS,
    limits: Limits = DEFAULT_LIMITS,
    follow_links: bool = False,
    identities: Identities | None = None,
    measures: Measures | None = None,
) -> BuildResult:
    """Build one graph from files, folders or globs.

    A file that cannot be read or built is reported in ``errors`` and the
    others still build, whatever the failure: one the reader foresaw, or an
    unexpected exception, which becomes that input's "internal error" with
    its traceback in ``ReportError.details``. With ``strict`` the first
    failure is raised, as a :class:`ReportError`. The order of ``inputs``
    never changes the result. ``metadata`` (the build options) overrides
    each report's sidecar file, which overrides what its text says.
    ``finders`` are the ways of finding names to run (all of them unless a
    test or an evaluation asks for fewer). ``limits`` bound the work of
    reading each input; ``follow_links`` lets folder searches follow links
    that leave the folder. ``identities`` (a user's ``same``/``different``
    file) overrides the identity rules; what applying it found worth saying
    is in ``warnings``. ``measures`` is the metric concept scheme (the
    packaged one unless given).
    """
    lex = lexicon or Lexicon.load()
    warnings: list[ReportError] = []
    paths = load.find_inputs(inputs, follow_links=follow_links, warnings=warnings)
    extractions = []
    errors: list[ReportError] = []
    # a report's IRI is a hash of its text: a second file with the same text (the same report saved
    # twice, or as .html and .docx) would merge into the first's rg:Report with two source files, so
    # it is built once and listed as a duplicate (paths are sorted: the same file wins every time)
    built: dict[str, str] = {}
    duplicates: list[tuple[str, str]] = []
    with gc_paused():
        for n, path in enumerate(paths, 1):
            if progress:
                progress(n, len(paths), printable(str(path)))
            try:
                source = load.read(path, limits)
                report = segment(source, (metadata or Metadata()).over(metadata_for_file(path, limits)))
                if not has_structure(report):
                    # still built: what can be found in plain text is worth having, but say so
                    warnings.append(ReportError(source.path, NO_STRUCTURE))
                if report.text in built:
                    duplicates.append((source.path, built[report.text]))
                    continue
                built[report.text] = source.path
                extractions.append(extract(report, lex, finders))
            except ReportError as err:
                if strict:
                    raise
                errors.append(err)
            except Exception as failure:  # a bug, or memory or recursion exhausted: that input fails, not the batch
                internal = ReportError.internal(str(path), failure)
                if strict:
                    raise internal from failure
                errors.append(internal)
        scheme = measures or Measures.load()
        ids = identities or Identities()
        linked = link(extractions, lex, ids, scheme)
        warnings.extend(ids.notes)
        graph = rdf.to_graph(linked, scheme)
    return BuildResult(graph=graph, reports=linked, errors=errors, duplicates=duplicates, warnings=warnings)
