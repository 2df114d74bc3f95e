"""The one entry point: inputs in, linked reports and an RDF graph out.

The CLI, the tests and the benchmarks all call :func:`build`, so that what is
measured and tested is what users run. The work of each input on its own
(read, segment, extract, link within the report: its entities, relations,
ties and measures) runs where :mod:`reportgraph.workers` puts it and is kept
in :mod:`reportgraph.cache`; what needs every report (identity across
reports, series, tracking) runs here, in input order; then each joined report's
share of the graph is made from its triples, once (:func:`reportgraph.stream.prepare`,
in worker processes again), and :func:`write` merges the shares into
graph.ttl without an rdflib graph.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cached_property, partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar, overload

from reportgraph import load, rdf, stream, workers
from reportgraph.cache import CHUNKS_DIR, Cache, ChunkCache
from reportgraph.errors import ReportError, printable
from reportgraph.extract import extract
from reportgraph.extract.names import FINDERS, Finder
from reportgraph.gcpause import gc_paused
from reportgraph.graphfile import GRAPH_FILE
from reportgraph.lexicon import Lexicon
from reportgraph.limits import DEFAULT as DEFAULT_LIMITS
from reportgraph.limits import Limits
from reportgraph.link import Identities, LinkContext, Measures, join, link, same_entities
from reportgraph.metadata import Metadata
from reportgraph.model import Entity, Indicator, LinkedReport, RelationalTarget, Report
from reportgraph.segment import NO_STRUCTURE, has_structure, segment
from reportgraph.terms import Triple
from reportgraph.workers import Outcome

if TYPE_CHECKING:  # rdflib only when the Python API asks for BuildResult.graph
    from rdflib import Graph


@dataclass
class BuildResult:
    """What a build produced: the linked reports, their graph, and per-file failures."""

    #: a list, or (a build given a ``graph`` plan) the reports as :class:`SpooledReports` read back one at a time
    reports: list[LinkedReport] | SpooledReports
    errors: list[ReportError] = field(default_factory=list)
    #: (path, path of the input with the same text): inputs built once, as that other input
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    #: inputs that built, but not as well as they might (no report structure found), and files a folder
    #: search skipped (links that leave the folder, link loops, pipes)
    warnings: list[ReportError] = field(default_factory=list)
    #: inputs whose extraction came from the cache
    cached: int = 0
    #: the metric concept scheme the indicators point into (the packaged one unless the build was given one)
    measures: Measures | None = None
    #: every report's share of the graph, made and spooled (when the build was given a ``graph`` plan):
    #: what :func:`write` merges
    prepared: stream.Prepared | None = None

    @cached_property
    def graph(self) -> Graph:
        """The reports as one rdflib Graph, made the first time it is asked for.

        ``reportgraph build`` never asks: it writes the graph's files from the
        reports directly (:func:`write`), holding one report's triples at a time.
        """
        reports = self.reports.together() if isinstance(self.reports, SpooledReports) else self.reports
        return rdf.to_graph(reports, self.measures)


#: Where a report's pickle lies in the spool of :class:`SpooledReports`: (offset, length)
_Span = tuple[int, int]
#: What a spooled report names of another report (by its place in the spool): the report before it in its series,
#: and each assessment's target report and target (``("indicators" | "relational_targets", index)``)
_Refs = tuple[int | None, list[tuple[int, str, int] | None]]
#: The bytes of a report's cache entry, read again when it is spooled (None: the entry is not what it was)
_EntryBytes = Callable[[], bytes | None]


@dataclass(slots=True)
class _CachedReport:
    """A spooled report as the bytes of its cache entry, and what the build set of it since the cache gave it: how
    the inputs name it and its series (the report before it in the series is put back by the spool's refs)."""

    entry: bytes
    display_path: str
    series: str

    def linked(self) -> LinkedReport:
        """The report read back: the cache's, with what the build set of it."""
        lr: LinkedReport = pickle.loads(self.entry)
        lr.report.display_path = self.display_path
        lr.series = self.series
        return lr


class SpooledReports(Sequence[LinkedReport]):
    """The linked reports of a build, each pickled into a temporary file and read back when asked for.

    A build given a ``graph`` plan lets go of each report once its share of
    the graph is made, so that what the reports held serves the rest of the
    build; this is what ``BuildResult.reports`` is then. An item is read
    back alone (with the reports it names: the one before it in its series,
    those whose targets it assesses), so going through them holds one at a
    time; :meth:`together` reads them all at once, with what they name of
    each other the same objects, as :func:`reportgraph.rdf.to_graph` needs.
    """

    def __init__(self, spool: IO[bytes], spans: list[_Span], shown: list[int], refs: list[_Refs] | None = None,
                 entries: dict[int, _EntryBytes] | None = None) -> None:
        self._spool: IO[bytes] | None = spool
        self._spans = spans
        #: the places in the spool of the reports the sequence holds, in order
        self._shown = shown
        #: what each report to be spooled names of the others (:meth:`add` spools the next)
        self._refs = refs or []
        #: the cache entries of the reports to be spooled that the join left as the cache gave them, by place
        self._entries = entries or {}

    @classmethod
    def ready(cls, reports: Sequence[LinkedReport], folder: Path | None = None,
              entries: Mapping[int, _EntryBytes] | None = None) -> SpooledReports:
        """A spool in ``folder`` (default: the system's) for the reports, each spooled by :meth:`add`, in their
        order, once it is no longer needed here: what each names of the others is found now, while all are here.

        ``entries`` (by a report's ``id()``) reads the cache entry of a report the join left as the cache gave
        it (:func:`_as_cached`): such a report is spooled as those bytes, not pickled again.
        (Pickling a string keeps its UTF-8 form with it: a report is pickled just before it is let go of.)
        """
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        places = {id(lr.report): i for i, lr in enumerate(reports)}
        refs = [_refs(lr, i, reports, places) for i, lr in enumerate(reports)]
        kept = {i: entries[id(lr)] for i, lr in enumerate(reports) if id(lr) in entries} if entries else {}
        return cls(tempfile.TemporaryFile(dir=folder, prefix=".reports."), [], [], refs, kept)

    def add(self, lr: LinkedReport) -> None:
        """The next report spooled (the one :meth:`ready` was given at this place)."""
        assert self._spool is not None, "spooled after it was cleared"
        place = len(self._spans)
        data = _spooled(lr, self._refs[place], self._entries.pop(place, None))
        self._spool.seek(0, os.SEEK_END)
        self._spans.append((self._spool.tell(), len(data)))
        self._spool.write(data)
        self._shown.append(place)

    def __len__(self) -> int:
        return len(self._shown)

    @overload
    def __getitem__(self, index: int) -> LinkedReport: ...

    @overload
    def __getitem__(self, index: slice) -> list[LinkedReport]: ...

    def __getitem__(self, index: int | slice) -> LinkedReport | list[LinkedReport]:
        if isinstance(index, slice):
            return [self._alone(place) for place in self._shown[index]]
        return self._alone(self._shown[index])

    def __iter__(self) -> Iterator[LinkedReport]:
        for place in self._shown:
            yield self._alone(place)

    def together(self) -> list[LinkedReport]:
        """Every report read back at once: a report another names is the very object the list holds."""
        read = {place: self._read(place) for place in self._shown}
        # a report left out since (its share failed) is read for what is named of it
        owner = self._reader({place: lr for place, (lr, _) in read.items()})
        for lr, refs in read.values():
            _attached(lr, refs, owner)
        return [lr for lr, _ in read.values()]

    def without(self, places: Iterable[int]) -> SpooledReports:
        """The same spool without the reports at ``places`` (their places in this sequence)."""
        dropped = set(places)
        assert self._spool is not None, "read after it was cleared"
        return SpooledReports(self._spool, self._spans, [p for i, p in enumerate(self._shown) if i not in dropped])

    def clear(self) -> None:
        """Let go of every report, and of the spool."""
        self._shown = []
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def _alone(self, place: int) -> LinkedReport:
        """One report with what it names of the others, each of those read for its own fields only (else every
        item would read its series back to the first report)."""
        lr, refs = self._read(place)
        _attached(lr, refs, self._reader({}))
        return lr

    def _reader(self, known: dict[int, LinkedReport]) -> Callable[[int], LinkedReport]:
        """The report at a place: from ``known``, else read once (its own fields only) and kept there."""
        def owner(place: int) -> LinkedReport:
            if place not in known:
                known[place] = self._read(place)[0]
            return known[place]

        return owner

    def _read(self, place: int) -> tuple[LinkedReport, _Refs]:
        """The report at ``place`` as spooled: without what it names of the others, and where that lies."""
        assert self._spool is not None, "read after it was cleared"
        offset, length = self._spans[place]
        self._spool.seek(offset)
        with gc_paused():  # unpickling makes many objects and no cycles: collections would walk them for nothing
            read: tuple[LinkedReport | _CachedReport, _Refs] = pickle.loads(self._spool.read(length))
            lr, refs = read
            return lr.linked() if isinstance(lr, _CachedReport) else lr, refs


def _spooled(lr: LinkedReport, refs: _Refs, entry: _EntryBytes | None) -> bytes:
    """What the spool holds of ``lr``: the pickle of :func:`_detached`, or (a report the join left as the cache gave
    it: ``entry``) its cache entry's bytes as they are, where they read back as that pickle would (it names no
    report before it but one the spool puts back, and assesses no targets): pickling again the reports a rebuild's
    cache gave took a sixth of its time."""
    if entry is not None and not lr.assessments and (lr.previous is None or refs[0] is not None):
        data = entry()
        if data is not None:
            item = _CachedReport(data, lr.report.display_path, lr.series)
            return pickle.dumps((item, refs), protocol=pickle.HIGHEST_PROTOCOL)
    return pickle.dumps(_detached(lr, refs), protocol=pickle.HIGHEST_PROTOCOL)


#: The fields of a linked report the join leaves as they were (as objects) in a report it does not change: all but
#: its entities (copied when the join joins any two entities anywhere), its series and the report before it
_JOIN_KEPT = tuple(f.name for f in fields(LinkedReport) if f.name not in ("entities", "series", "previous"))
_ENTITY_FIELDS = tuple(f.name for f in fields(Entity))


def _as_cached(lr: LinkedReport, cached: LinkedReport) -> bool:
    """Is ``lr`` (joined) the report the cache gave (``cached``), but for its series and the report before it?

    Every other field is the very object it was, and each entity is one it
    had or a copy that holds the same objects (the join copies every entity
    when it joins two anywhere): so ``cached``'s entry, with the series and
    how the inputs name it, reads back as ``lr`` would be pickled.
    """
    if cached.previous is not None or len(lr.entities) != len(cached.entities):
        return False
    if any(getattr(lr, name) is not getattr(cached, name) for name in _JOIN_KEPT):
        return False
    return all(a is b or all(_same_objects(getattr(a, name), getattr(b, name)) for name in _ENTITY_FIELDS)
               for a, b in zip(lr.entities, cached.entities))


def _same_objects(a: object, b: object) -> bool:
    """One object, or lists of the same objects in the same order."""
    return a is b or (isinstance(a, list) and isinstance(b, list) and len(a) == len(b)
                      and all(x is y for x, y in zip(a, b)))


def _attached(lr: LinkedReport, refs: _Refs, owner: Callable[[int], LinkedReport]) -> None:
    """What ``lr`` names of other reports (``refs``) put back, from the reports ``owner`` gives by their places."""
    previous, targets = refs
    if previous is not None:
        lr.previous = owner(previous).report
    for assessment, ref in zip(lr.assessments, targets):
        if ref is not None:
            named = owner(ref[0])
            assessment.target_report = named.report
            assessment.target = getattr(named, ref[1])[ref[2]]


def _refs(lr: LinkedReport, place: int, reports: Sequence[LinkedReport], places: dict[int, int]) -> _Refs:
    """Where what ``lr`` names of the other reports lies among them (None where it names none, or one not there)."""
    def elsewhere(report: Report | None) -> int | None:
        found = places.get(id(report)) if report is not None else None
        return found if found is not None and found != place else None

    targets: list[tuple[int, str, int] | None] = []
    for a in lr.assessments:
        owner = elsewhere(a.target_report)
        ref = _target_ref(reports[owner], a.target) if owner is not None else None
        targets.append((owner, *ref) if owner is not None and ref is not None else None)  # type: ignore[misc]
    return elsewhere(lr.previous), targets


def _detached(lr: LinkedReport, refs: _Refs) -> tuple[LinkedReport, _Refs]:
    """``lr`` without what it names of the other reports where ``refs`` says where that lies (a copy then)."""
    previous, targets = refs
    if previous is None and all(t is None for t in targets):
        return lr, refs
    assessments = [replace(a, target_report=None, target=None) if t is not None else a  # type: ignore[arg-type]
                   for a, t in zip(lr.assessments, targets)]
    return replace(lr, previous=None if previous is not None else lr.previous, assessments=assessments), refs


def _target_ref(owner: LinkedReport, target: Indicator | RelationalTarget) -> tuple[str, int] | None:
    """Where ``target`` is among ``owner``'s indicators or relational targets (None: not there)."""
    for name in ("indicators", "relational_targets"):
        for k, item in enumerate(getattr(owner, name)):
            if item is target:
                return name, k
    return None


@dataclass(frozen=True)
class Inputs:
    """The report files some inputs name, found once: what :func:`build` reads, how the graph names each
    (``rg:sourceFile``) and what the search skipped. ``reportgraph build`` finds them before it claims its
    folder (a missing path is a usage error that costs no work) and hands them on, found already."""

    paths: list[Path]
    names: dict[Path, str]
    warnings: list[ReportError]

    @classmethod
    def find(cls, inputs: Sequence[str | Path], *, follow_links: bool = False) -> Inputs:
        """The files ``inputs`` (files, folders, globs) name (:func:`reportgraph.load.find_inputs`)."""
        warnings: list[ReportError] = []
        names: dict[Path, str] = {}
        paths = load.find_inputs(inputs, follow_links=follow_links, warnings=warnings, names=names)
        return cls(paths, names, warnings)


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
    inputs: Sequence[str | Path] | Inputs,
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
    jobs: int = 1,
    cache: Path | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    graph: stream.Plan | None = None,
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

    ``jobs`` worker processes read, extract and link each report (1: this
    process), or ``executor="dask"`` sends that work to the Dask scheduler
    at ``scheduler``; the result is the same whatever runs it. With
    ``cache`` (a folder) each input's extraction is kept under a key of its
    content and everything else it depends on (:mod:`reportgraph.cache`),
    so a rebuild extracts only what changed. The graph is made from the
    reports when :attr:`BuildResult.graph` is asked for, or written by
    :func:`write`; each report's triples are made here, so that a report
    whose triples fail is that report's error. With ``graph`` (what
    ``reportgraph build`` passes) they are made once: each report's share
    of graph.ttl (its Turtle, its picture, its shard) is made from them in
    the same pass, by ``jobs`` processes, kept in the cache under a digest
    of the triples, and spooled for :func:`write`. ``inputs`` may be
    :class:`Inputs` found already (then ``follow_links`` is what found them).
    """
    lex = lexicon or Lexicon.load()
    stated = metadata or Metadata()
    given = inputs if isinstance(inputs, Inputs) else Inputs.find(inputs, follow_links=follow_links)
    paths, names = given.paths, given.names
    warnings: list[ReportError] = list(given.warnings)
    ctx = LinkContext.of(lex, identities, measures)
    job = workers.Job(lexicon=lex, context=ctx, stated=stated, finders=tuple(finders), limits=limits)
    store = Cache(cache, job) if cache is not None else None
    keys = [store.key(path) for path in paths] if store is not None else [None] * len(paths)
    finished = 0

    def done(i: int) -> None:
        nonlocal finished
        finished += 1
        if progress:
            progress(finished, len(paths), printable(str(paths[i])))

    # with workers, the inputs the cache lacks are handed to them before the cache is read: a rebuild's changed
    # report (and the word cut's dictionary its worker loads) is built while the others are read
    beside = store is not None and executor == "local" and jobs > 1
    lacking = [i for i, key in enumerate(keys) if key is None or not store.holds(key)] \
        if beside and store is not None else []
    if len(lacking) == len(paths):  # nothing to read meanwhile: built as without a cache
        lacking = []
    early = _engine([paths[i] for i in lacking], job, jobs, executor, scheduler, lambda k: done(lacking[k]), beside) \
        if lacking else iter(())
    found: dict[int, LinkedReport] = {}
    #: the CRC-32 of the cache entries of ``found``: a report the join leaves as it was is spooled as its entry
    crcs: dict[int, int] = {}
    started = set(lacking)
    if store is not None:
        with gc_paused():  # unpickling makes many long-lived objects: collections would walk them for nothing
            for i, key in enumerate(keys):
                hit = store.get(key) if i not in started else None
                if hit is not None:
                    found[i], crcs[i] = hit.report, hit.crc
    finished += len(found)
    # the rest: all the cache did not give without workers; with them, any entry it held but could not give after all
    rest = [i for i in range(len(paths)) if i not in found and i not in started]
    later = _engine([paths[i] for i in rest], job, jobs, executor, scheduler, lambda k: done(rest[k]))

    linked: list[LinkedReport] = []
    #: each report's extraction key and how the inputs name it, by the report's id(): what it was made of
    made_of: dict[int, str] = {}
    errors: list[ReportError] = []
    # a report's IRI is a hash of its text: a second file with the same text (the same report saved
    # twice, or as .html and .docx) would merge into the first's rg:Report with two source files, so
    # it is built once and listed as a duplicate (paths are sorted: the same file wins every time)
    built: dict[str, Report] = {}
    duplicates: list[tuple[str, str]] = []
    with gc_paused():
        for i, outcome in _in_input_order(len(paths), found, [(lacking, early), (rest, later)]):
            if isinstance(outcome, ReportError):  # it failed alone (in a worker, maybe)
                if strict:
                    raise outcome
                errors.append(outcome)
                continue
            path = paths[i]
            try:
                if store is not None and i not in found:
                    store.put(keys[i], outcome)
                report = outcome.report
                report.display_path = names[path]  # how the inputs named it: not part of the cached extraction
                if not has_structure(report):
                    # still built: what can be found in plain text is worth having, but say so
                    warnings.append(ReportError(report.path, NO_STRUCTURE))
                kept = built.get(report.text)
                if kept is not None:
                    duplicates.append((report.path, kept.path))
                    differing = metadata_differences(report, kept)
                    if differing:  # one report, two accounts of it: say which one the graph holds
                        warnings.append(ReportError(
                            report.path, f"the same text as {kept.path}, but other metadata ({differing}); "
                            f"built once, with the metadata of {kept.path}"))
                    continue
                linked.append(outcome)
                if keys[i] is not None:
                    made_of[id(outcome)] = f"{keys[i]}\0{report.display_path}"
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
        linked, alone = _together(linked, errors, strict, lambda some: join(some, ctx))
        warnings.extend(ctx.identities.notes)
        prepared = None
        if graph is None:
            _, linked = _together(linked, errors, strict, lambda some: _triples_of(some, ctx.measures))
        else:
            chunks = ChunkCache(store.folder / CHUNKS_DIR) if store is not None else None
            # a report the join left as it was is what it was made of, but for what the join decides of it
            origins = {id(lr): made_of[id(before)] for before, lr in zip(alone, linked)
                       if id(before) in made_of and same_entities(before.entities, lr.entities)}
            from_cache = {id(lr): i for i, lr in found.items()}
            reused = {id(lr) for before, lr in zip(alone, linked) if id(before) in from_cache}
            # a report the join left as the cache gave it is spooled as its entry's bytes, read again then
            entries: dict[int, _EntryBytes] = {}
            if store is not None:
                for before, lr in zip(alone, linked):
                    i = from_cache.get(id(before))
                    if i is not None and _as_cached(lr, before):
                        entries[id(lr)] = partial(store.entry_bytes, keys[i], crcs[i])
            cached = len(found)
            # nothing here holds the reports but ``linked`` (and the loop's last): each is let go of once its share is made
            found.clear()
            built.clear()
            del alone
            prepared, spooled = _prepared(linked, errors, strict, ctx.measures, graph, jobs, chunks, origins, reused,
                                          entries)
            return BuildResult(reports=spooled, errors=errors, duplicates=duplicates, warnings=warnings, cached=cached,
                               measures=ctx.measures, prepared=prepared)
    return BuildResult(reports=linked, errors=errors, duplicates=duplicates, warnings=warnings, cached=len(found),
                       measures=ctx.measures, prepared=prepared)


def _engine(paths: list[Path], job: workers.Job, jobs: int, executor: str, scheduler: str | None,
            done: Callable[[int], None], beside: bool = False) -> Iterator[workers.Outcome]:
    """The outcomes of the inputs, from the engine asked for (``beside``: see :func:`reportgraph.workers.run`)."""
    if executor == "dask":
        if not scheduler:
            raise ValueError("the dask executor needs a scheduler address (tcp://HOST:PORT)")
        from reportgraph import dask_engine

        return dask_engine.run(paths, job, scheduler, done)
    if executor != "local":
        raise ValueError(f"unknown executor {executor!r}; choose from: {', '.join(workers.EXECUTORS)}")
    return workers.run(paths, job, jobs=jobs, done=done, beside=beside)


def _in_input_order(total: int, found: dict[int, LinkedReport],
                    computed: list[tuple[list[int], Iterator[Outcome]]]) -> Iterator[tuple[int, Outcome]]:
    """Cached and computed outcomes merged back into the order of the inputs: ``computed`` holds the places of
    some inputs (in order) and their outcomes (in the same order)."""
    source = {i: outcomes for places, outcomes in computed for i in places}
    for i in range(total):
        yield i, found[i] if i in found else next(source[i])


def write(result: BuildResult, out: Path | IO[bytes], *, shards: Path | None = None,
          collect: Callable[[list[Triple]], None] | None = None, release: bool = False,
          spool: Path | None = None) -> stream.WrittenGraph:
    """The build's graph as Turtle, streamed: into the folder ``out`` (``graph.ttl``) or the open file ``out``.

    A build given a ``graph`` plan made every report's share already: it
    is merged (the shards and the picture are the plan's; ``shards``,
    ``collect`` and ``spool`` are for a build without one). Else: with
    ``shards`` (a folder) the N-Quads shards too; ``collect`` sees every
    triple once. With ``release`` the reports are let go of as they are
    written: ``result.reports`` is empty afterwards (``reportgraph build``
    summarises first). ``spool`` is where the reports' blocks wait to be
    merged (default: the output's folder).
    """
    target = out / GRAPH_FILE if isinstance(out, Path) else out
    prepared, result.prepared = result.prepared, None
    if prepared is not None:
        if shards is not None or collect is not None or spool is not None:
            prepared.close()
            raise ValueError("this build's graph was planned by build(graph=...): give shards and drawing there")
        if release:  # let go of the reports before what they share is gathered: the memory serves that
            result.reports.clear()
        written = prepared.finish(target)
    else:
        written = stream.write_graph(result.reports, target, shards, collect, release, spool, result.measures)
    if release:
        result.reports.clear()
    return written


#: Where an error names the graph of every report together, when no one report's triples fail alone.
ALL_REPORTS = "the graph of all reports"


_T = TypeVar("_T")


def _together(linked: list[LinkedReport], errors: list[ReportError], strict: bool,
              make: Callable[[list[LinkedReport]], _T]) -> tuple[_T, list[LinkedReport]]:
    """``make`` of all the linked reports (joining them, or making their triples), and the reports it
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


def _prepared(linked: list[LinkedReport], errors: list[ReportError], strict: bool, measures: Measures,
              plan: stream.Plan, jobs: int, chunks: ChunkCache | None,
              origins: dict[int, str], reused: set[int],
              entries: dict[int, _EntryBytes]) -> tuple[stream.Prepared, SpooledReports]:
    """Every report's share of the graph, made once; a report whose share fails is dropped with its error, and
    the others made again without it (from the chunk cache, where there is one).

    Each report is spooled (what :class:`BuildResult` holds of them; those in
    ``entries`` as their cache entries, see :meth:`SpooledReports.ready`) and let
    go of from ``linked`` once its share is made. A failure
    outside any one report's share (the entities merged across reports) is
    looked for report by report, as :func:`_together` does.
    """
    searched = False
    while True:
        spooled = SpooledReports.ready(linked, plan.spool, entries)
        try:
            prepared = stream.prepare(linked, measures, plan, jobs=jobs, cache=chunks, origins=origins, reused=reused,
                                      release=spooled.add)
        except Exception as failure:  # a bug in what the reports share: which reports cause it is found one by one
            if searched:
                spooled.clear()
                raise ReportError.internal(ALL_REPORTS, failure) from failure
            searched = True
            for lr in linked:  # those prepare let go of are spooled: the others follow them
                if lr is not None:
                    spooled.add(lr)
            every = spooled.together()
            spooled.clear()
            linked = _without_failures(every, errors, strict, lambda some: _triples_of(some, measures))
            origins, reused, entries = {}, set(), {}  # by the id() of reports let go of, which others may have now
            continue
        if not prepared.failed:
            return prepared, spooled
        prepared.close()  # the reports left make other shared nodes: their graph is made again
        for _, failure in sorted(prepared.failed.items()):
            if strict:
                spooled.clear()
                raise failure
            errors.append(failure)
        linked = spooled.without(prepared.failed).together()
        spooled.clear()
        origins, reused, entries = {}, set(), {}


def _triples_of(linked: list[LinkedReport], measures: Measures) -> None:
    """Make every triple of the reports once, keeping none: what would fail in writing fails here.

    What is written is made again, report by report, when it is written.
    """
    ctx = rdf.GraphContext.of(linked, measures)
    rdf.shared_triples(ctx)
    for lr in linked:
        rdf.report_triples(lr, ctx)


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
