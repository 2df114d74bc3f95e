"""The one entry point: inputs in, linked reports and an RDF graph out.

The CLI, the tests and the benchmarks all call :func:`build`, so that what is
measured and tested is what users run.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from rdflib import Graph

from reportgraph import load, rdf
from reportgraph.errors import ReportError, printable
from reportgraph.extract import extract
from reportgraph.extract.names import FINDERS, Finder
from reportgraph.gcpause import gc_paused
from reportgraph.lexicon import Lexicon
from reportgraph.limits import DEFAULT as DEFAULT_LIMITS
from reportgraph.limits import Limits
from reportgraph.link import Identities, LinkContext, Measures, join, link, link_report
from reportgraph.metadata import Metadata
from reportgraph.metadata import for_file as metadata_for_file
from reportgraph.model import LinkedReport, Report, SourceText
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


#: The metadata a report's files may disagree on, as ``Report`` attributes.
METADATA_FIELDS: tuple[str, ...] = ("title", "issuer", "date", "period", "plan_period", "level", "region")


def metadata_differences(report: Report, kept: Report) -> str:
    """How ``report``'s metadata differs from ``kept``'s, for a message: ``date 2024-07-20 here, 2024-07-15 there``."""
    parts = []
    for name in METADATA_FIELDS:
        here, there = getattr(report, name), getattr(kept, name)
        if here != there:
            parts.append(f"{name} {_shown(here)} here, {_shown(there)} there")
    return "; ".join(parts)


def _shown(value: str | list[str]) -> str:
    text = "/".join(value) if isinstance(value, list) else value
    return text or "none"


def build_text(text: str, path: str = "<text>", lexicon: Lexicon | None = None,
               finders: Sequence[Finder] = FINDERS, limits: Limits = DEFAULT_LIMITS) -> LinkedReport:
    """Segment, extract and link one report given as text (no file needed).

    The text is cleaned and bounded as a file's is (:func:`load.from_text`), so
    a :class:`ReportError` says when it is empty or over ``limits``.
    """
    lex = lexicon or Lexicon.load()
    return link([extract(segment(load.from_text(text, path, limits)), lex, finders)], lex)[0]


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
    unexpected exception in reading, segmenting, extracting, linking or
    making its triples, which becomes that input's "internal error" with
    its traceback in ``ReportError.details``. With ``strict`` the first
    failure is raised, as a :class:`ReportError`; so is a failure that only
    the reports together cause in making the graph, named :data:`ALL_REPORTS`. The order of ``inputs``
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
    names: dict[Path, str] = {}
    paths = load.find_inputs(inputs, follow_links=follow_links, warnings=warnings, names=names)
    ctx = LinkContext.of(lex, identities, measures)
    linked: list[LinkedReport] = []
    errors: list[ReportError] = []
    # a report's IRI is a hash of its text: a second file with the same text (the same report saved
    # twice, or as .html and .docx) would merge into the first's rg:Report with two source files, so
    # it is built once and listed as a duplicate (paths are sorted: the same file wins every time)
    built: dict[str, Report] = {}
    duplicates: list[tuple[str, str]] = []
    with gc_paused():
        for n, path in enumerate(paths, 1):
            if progress:
                progress(n, len(paths), printable(str(path)))
            try:
                source = load.read(path, limits)
                report = segment(source, (metadata or Metadata()).over(metadata_for_file(path, limits)))
                report.display_path = names[path]
                if not has_structure(report):
                    # still built: what can be found in plain text is worth having, but say so
                    warnings.append(ReportError(source.path, NO_STRUCTURE))
                kept = built.get(report.text)
                if kept is not None:
                    duplicates.append((source.path, kept.path))
                    differing = metadata_differences(report, kept)
                    if differing:  # one report, two accounts of it: say which one the graph holds
                        warnings.append(ReportError(
                            source.path, f"the same text as {kept.path}, but other metadata ({differing}); "
                            f"built once, with the metadata of {kept.path}"))
                    continue
                linked.append(link_report(extract(report, lex, finders, limits), ctx))
                built[report.text] = report  # only a report that built is the original of a duplicate
            except ReportError as err:
                if strict:
                    raise
                errors.append(err)
            except Exception as failure:  # a bug, or memory or recursion exhausted: that input fails, not the batch
                internal = ReportError.internal(str(path), failure)
                if strict:
                    raise internal from failure
                errors.append(internal)
        linked, _ = _together(linked, errors, strict, lambda some: join(some, ctx))
        warnings.extend(ctx.identities.notes)
        graph, linked = _together(linked, errors, strict, lambda some: rdf.to_graph(some, ctx.measures))
    return BuildResult(graph=graph, reports=linked, errors=errors, duplicates=duplicates, warnings=warnings)


#: Where an error names the graph of every report together, when no one report's triples fail alone.
ALL_REPORTS = "the graph of all reports"

_T = TypeVar("_T")


def _together(linked: list[LinkedReport], errors: list[ReportError], strict: bool,
              make: Callable[[list[LinkedReport]], _T]) -> tuple[_T, list[LinkedReport]]:
    """``make`` of all the linked reports (joining them, or making their graph), and the reports it
    was made of: a report it fails on fails alone, as its error.

    What is made is of the reports together (one node per entity across
    reports), so a failure names no report by itself: each report is then
    made alone to find the ones that fail, and the result is made of the
    others. A failure that only the reports together cause is one internal
    error for all of them, raised: there is nothing to write.
    """
    try:
        return make(linked), linked
    except Exception:  # a bug: which reports fail is found out one by one
        kept = _without_failures(linked, errors, strict, make)
    try:
        return make(kept), kept
    except Exception as failure:
        raise ReportError.internal(ALL_REPORTS, failure) from failure


def _without_failures(linked: list[LinkedReport], errors: list[ReportError], strict: bool,
                      make: Callable[[list[LinkedReport]], object]) -> list[LinkedReport]:
    """The reports ``make`` succeeds on alone; each other one becomes its internal error."""
    kept: list[LinkedReport] = []
    for lr in linked:
        try:
            make([lr])
        except Exception as failure:
            internal = ReportError.internal(lr.report.path, failure)
            if strict:
                raise internal from failure
            errors.append(internal)
        else:
            kept.append(lr)
    return kept
