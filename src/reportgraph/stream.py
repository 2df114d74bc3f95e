"""Writing a build's graph without holding it: each report's Turtle spooled to disk, then merged in order.

``graph.ttl`` is canonical (:mod:`reportgraph.turtle`): one block per subject,
subjects in natural order. A report's own nodes (the report, its sections,
statements, work areas, indicators, problems) all have IRIs under the
report's IRI, so its blocks form one run that the writer formats as soon as
the report's triples are made, writes to a spool file and forgets. (So do
its relational targets and the assessments it makes of earlier reports'
targets.) What reports share (entities with their mentions and name forms,
periods, measures, series, relations) is gathered per subject, which grows
with the number of distinct entities and mentions, not with the report's
sentences and figures. At the end the
shared blocks and the spooled runs are merged by subject, so the bytes are
exactly those :func:`reportgraph.turtle.write_turtle` gives for the whole
graph in memory. Runs whose subject ranges interleave (the natural order of
12-hex-digit report hashes makes that possible in principle) are merged
block by block.

Each report's share (a :class:`Chunk`: its blocks, its triples about shared
nodes, what the picture reads of it, its shard) is made once, by
:func:`prepare`, from its triples, made once: in forked worker processes
with ``jobs`` > 1, and kept in a chunk cache under a digest of those triples,
so that a rebuild formats only the reports whose triples changed. A report
whose triples fail is that report's error, found in the same pass.

The same pass writes N-Quads shards when asked: one file per report with
its named graph ``<report IRI>/graph`` (the triples :func:`reportgraph.export.report_graphs`
puts there), and ``shared.nq`` with the default graph, for bulk loaders.
"""
from __future__ import annotations

import functools
import hashlib
import heapq
import os
import pickle
import tempfile
import weakref
import zlib
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from reportgraph import rdf, vocab
from reportgraph.errors import ReportError
from reportgraph.gcpause import gc_paused
from reportgraph.link import Measures
from reportgraph.model import LinkedReport
from reportgraph.terms import Term, Triple
from reportgraph.turtle import TurtleWriter, natural_key, nquad_lines, readable_kinds
from reportgraph.turtle import instance_kinds as _instance_kinds

if TYPE_CHECKING:  # the picture's reader is imported only when a picture is drawn
    from reportgraph import workers
    from reportgraph.cache import BlockCache, Blocks, ChunkCache, KeptPage, PageCache
    from reportgraph.viz import GraphPart, GraphReader, VizGraph

__all__ = ["SHARED_SHARD", "SHARDS_DIR", "Chunk", "Plan", "Prepared", "WrittenGraph", "prepare",
           "shard_name", "write_graph"]

#: The folder under ``--out`` that holds the N-Quads shards, and the default graph's file in it.
SHARDS_DIR = "shards"
SHARED_SHARD = "shared.nq"

_Key = tuple[tuple[str | int, ...], str]
#: where something lies in the spool: (offset, length)
_Span = tuple[int, int]
#: subject -> predicate -> objects (a dict used as an ordered set)
_Grouped = dict[str, dict[str, dict[Term, None]]]


@dataclass
class WrittenGraph:
    """What :func:`write_graph` wrote."""

    triples: int
    #: the shard files, when shards were asked for
    shards: list[Path] = field(default_factory=list)
    #: the picture's graph, when a picture was drawn (``Plan.draw``) and the last build's page is not the same
    #: (without the indicators unless its selection reaches them: :attr:`reportgraph.viz.VizGraph.whole`)
    picture: VizGraph | None = None
    #: the last build's page, when it was drawn from the same triples (a build with a cache)
    kept_page: KeptPage | None = None
    #: where the page drawn from ``picture`` (or ``page``) is kept for the next build (a build with a cache)
    keep_page: Callable[[KeptPage], None] | None = None
    #: the page, drawn already (by ``Plan.page``, in a forked process while graph.ttl was merged)
    page: KeptPage | None = None


@dataclass
class _Run:
    """One report's blocks in the spool: where their text is, where their index is (see :attr:`Chunk.index`), and
    the first and last subject's keys."""

    first: _Key
    last: _Key
    offset: int
    length: int
    index_offset: int = 0
    index_length: int = 0


def shard_name(report_iri: str) -> str:
    """A report's shard file name: its hash, ``dc78e3b12d40.nq``."""
    return f"{report_iri.rsplit('/', 1)[-1]}.nq"


@dataclass(frozen=True)
class Plan:
    """What a build makes of each report's triples besides its Turtle, and where its blocks wait.

    ``draw``: what the picture reads of each report (:class:`reportgraph.viz.GraphPart`);
    ``shards``: the folder the N-Quads shards go into; ``spool``: the folder of the
    temporary file the reports' blocks wait in (default: the system's); ``page``: how the page is drawn
    from the picture, given so that with ``jobs`` > 1 it is drawn in a forked process while this one
    merges graph.ttl (:attr:`WrittenGraph.page`; else the picture is handed back, :attr:`WrittenGraph.picture`).
    """

    draw: bool = False
    shards: Path | None = None
    spool: Path | None = None
    page: Callable[[VizGraph], KeptPage] | None = None


@dataclass
class Chunk:
    """One report's share of the graph, made once from its triples (in a worker process, or found in the
    chunk cache): everything the writer needs of it, so that its triples need not be made again."""

    iri: str
    #: its own nodes' blocks as graph.ttl holds them (UTF-8, one blank line between blocks; b"" when it has none):
    #: written whole where no other subject falls among them
    blocks: bytes
    #: the pickled ``[(subject, length of its block in bytes)]``: where ``blocks`` is cut when another subject does
    index: bytes
    first: _Key | None
    last: _Key | None
    #: the pickled ``{subject: {predicate: {object: None}}}`` of its triples about nodes it shares with other
    #: reports, one pickle per part of the shared nodes (:func:`_share_part`; b"" where it names none of a part):
    #: spooled too, and read back a part at a time once the reports are let go of (or, with a cache, only where
    #: a shared node's block must be formatted again)
    shared: tuple[bytes, ...]
    #: the pickled ``{subject: digest}`` of those triples, subject by subject (:meth:`reportgraph.cache.BlockCache.keys`),
    #: when the chunk is made for a cache (else b""): a shared node's block is kept under the digests of every
    #: report's share of it, so a rebuild finds it without gathering the triples again
    contributions: bytes
    #: the pickled :class:`reportgraph.viz.GraphPart` (what the picture reads of it) when a picture is drawn, else b""
    picture: bytes
    #: a digest of ``picture`` (b"" when there is none): what the last build's page is known by
    picture_digest: bytes
    #: its own nodes' triples, repeats dropped
    count: int
    #: the kinds of instance its subjects are of (see :func:`instance_kinds`)
    kinds: set[str]
    #: the prefixes its blocks use
    used: dict[str, str]
    #: its named graph's N-Quads lines, but for what the shared nodes say of it, when shards are written
    shard: list[str] | None = None


def write_graph(reports: list[LinkedReport], target: Path | IO[bytes], shards: Path | None = None,
                collect: Callable[[list[Triple]], None] | None = None, release: bool = False,
                spool: Path | None = None, measures: Measures | None = None) -> WrittenGraph:
    """Write the reports' graph as Turtle to ``target``, and N-Quads shards into ``shards``.

    ``target`` is a path (written atomically) or an open binary file (a
    build's staged ``graph.ttl``); the reports' blocks wait in temporary
    files in ``spool`` (default: the target's folder, or the system's).

    The bytes are those of ``export.to_turtle(rdf.to_graph(reports, measures))``; only
    one report's triples are held at a time. ``collect`` is handed every
    triple once, in batches (the picture keeps what it draws). With
    ``release`` each report is dropped from ``reports`` (its place set to
    None) once it is written, so that the memory the reports held serves
    what is written after them. A report whose triples fail raises its error.
    """
    if isinstance(target, Path):
        target.parent.mkdir(parents=True, exist_ok=True)
        spool = spool or target.parent
    prepared = prepare(reports, measures, Plan(shards=shards, spool=spool), collect=collect, release=release)
    if prepared.failed:
        prepared.close()
        raise next(iter(prepared.failed.values()))
    return prepared.finish(target)


def prepare(reports: list[LinkedReport], measures: Measures | None, plan: Plan, *, jobs: int = 1,
            cache: ChunkCache | None = None, collect: Callable[[list[Triple]], None] | None = None,
            release: bool | Callable[[LinkedReport], None] = False, origins: Mapping[int, str] | None = None,
            reused: Collection[int] = ()) -> Prepared:
    """Every report's chunk made once, in order, and spooled: all of graph.ttl but the final merge.

    What the reports share (the merged entities, the measures) is made
    first; a failure there raises. A report whose chunk fails is in
    ``failed`` (by its place in ``reports``), with its one-line error; the
    caller decides what to do (the other reports' chunks are all there).
    With ``jobs`` > 1 the chunks are made in forked worker processes that
    inherit the reports; ``cache`` keeps each chunk under a digest of its
    triples, so an unchanged report is not formatted again; ``origins``
    (by the ``id()`` of a report) says what a report the join left as it
    was was made of (see :meth:`reportgraph.cache.ChunkCache.key`), so
    that its chunk is found without making its triples; with ``jobs`` > 1 the chunks of the ``reused``
    reports (by ``id()``: those whose extraction the cache gave) are looked for here first.
    ``collect`` (this process only) is handed the shared triples, then each report's.
    With ``release`` each report's place in ``reports`` is set to None once its chunk is made (a function
    is handed the report first), so that what it held serves the rest; the shared triples are then made
    (from what the reports share, alone) once all are let go of, not beside them (unless ``collect`` or
    the shards need them first).
    """
    with gc_paused():
        ctx = rdf.GraphContext.of(reports, measures)
        later = bool(release) and collect is None and plan.shards is None
        shared = [] if later else rdf.shared_triples(ctx)
        kinds = _kinds(reports, rdf.shared_subjects(ctx) if later else (t[0] for t in shared))
        prepared = Prepared(kinds, shared, plan, [rdf.report_iri_text(lr.report) for lr in reports],
                            cache.blocks(namespaces(kinds)) if cache is not None else None,
                            cache.page() if cache is not None and plan.draw else None, jobs=jobs)
        if collect is not None:
            collect(shared)
        options = _ChunkOptions(tuple(namespaces(kinds)), plan.draw, plan.shards is not None)
        try:
            for i, made in enumerate(_chunks(reports, ctx, options, jobs, cache, collect, origins or {}, reused)):
                if isinstance(made, ReportError):
                    prepared.failed[i] = made
                else:
                    prepared.take(made)
                if callable(release):
                    release(reports[i])
                if release:
                    reports[i] = None  # type: ignore[call-overload]
            if later:
                prepared.shared_triples = rdf.shared_triples(ctx)
        except BaseException:
            prepared.close()
            raise
        return prepared


@dataclass(frozen=True)
class _ChunkOptions:
    """How every chunk of one graph is made: the prefixes graph.ttl may use, and what is made besides blocks."""

    namespaces: tuple[tuple[str, str], ...]
    draw: bool
    shards: bool


def _make_chunk(lr: LinkedReport, ctx: rdf.GraphContext, options: _ChunkOptions, cache: ChunkCache | None = None,
                collect: Callable[[list[Triple]], None] | None = None, origin: str | None = None) -> Chunk:
    """One report's chunk: found in the cache (by its origin and the triples the join decides, or by all its
    triples), else its triples made and formatted."""
    key = None
    if cache is not None and origin is not None and collect is None:
        key = cache.key(options, rdf.joined_triples(lr, ctx), origin)
        found = cache.get(key)
        if isinstance(found, Chunk):
            return found
    made = rdf.report_triples(lr, ctx)
    if collect is not None:
        collect(made)
    if cache is not None and key is None:
        key = cache.key(options, made)
        found = cache.get(key)
        if isinstance(found, Chunk):
            return found
    iri = rdf.report_iri_text(lr.report)
    writer = TurtleWriter(options.namespaces)
    own: _Grouped = {}
    other: list[Triple] = []
    under = iri + "/"
    for t in made:
        s = t[0]
        if s.startswith(under) or s == iri:
            preds = own.get(s)
            if preds is None:
                preds = own[s] = {}
            objs = preds.get(t[1])
            if objs is None:
                objs = preds[t[1]] = {}
            objs[t[2]] = None
        else:
            other.append(t)
    others: _Grouped = {}
    _add(others, other)
    kinds = instance_kinds(others)
    blocks, index, first, last = b"", b"", None, None
    if own:
        kinds.add("report")
        formatted = [(s, text.encode("utf-8"))
                     for s, text in writer.subject_blocks(own, blank_nodes=False)]  # type: ignore[arg-type]
        blocks = b"\n".join(text for _, text in formatted)
        index = pickle.dumps([(s, len(text)) for s, text in formatted], protocol=pickle.HIGHEST_PROTOCOL)
        first, last = natural_key(formatted[0][0]), natural_key(formatted[-1][0])  # type: ignore[arg-type]
    picture = picture_digest = b""
    if options.draw:
        from reportgraph.viz import read_triples  # the picture's reader: only when a picture is drawn

        picture = pickle.dumps(read_triples(made), protocol=pickle.HIGHEST_PROTOCOL)
        picture_digest = hashlib.blake2b(picture, digest_size=16).digest()
    contributions = b""
    if cache is not None:
        from reportgraph.cache import BlockCache

        contributions = pickle.dumps(BlockCache.keys(others), protocol=pickle.HIGHEST_PROTOCOL)
    chunk = Chunk(iri=iri, blocks=blocks, index=index, first=first, last=last,
                  shared=_in_parts(others), contributions=contributions,
                  picture=picture, picture_digest=picture_digest,
                  count=_triple_count(own), kinds=kinds,
                  used=writer.used_prefixes(), shard=_shard_lines(iri, own, other) if options.shards else None)
    if key is not None:
        cache.put(key, chunk)  # type: ignore[union-attr]
    return chunk


def _chunk_or_error(lr: LinkedReport, ctx: rdf.GraphContext, options: _ChunkOptions, cache: ChunkCache | None,
                    collect: Callable[[list[Triple]], None] | None = None,
                    origin: str | None = None) -> Chunk | ReportError:
    """A report's chunk, or its one-line error whatever the failure: one report's triples fail alone."""
    try:
        return _make_chunk(lr, ctx, options, cache, collect, origin)
    except Exception as failure:  # a bug, or memory exhausted: that report fails, not the graph
        return ReportError.internal(lr.report.path, failure)


#: What forked chunk workers inherit: the reports, the places among them of those the workers make, their context,
#: the options, the cache and the reports' origins (set just before the fork).
_INHERITED: tuple[list[LinkedReport], list[int], rdf.GraphContext, _ChunkOptions, ChunkCache | None,
                  Mapping[int, str]] | None = None


def _chunk_in_worker(k: int) -> Chunk | ReportError:
    assert _INHERITED is not None, "chunk worker started without the reports"
    reports, todo, ctx, options, cache, origins = _INHERITED
    lr = reports[todo[k]]
    return _chunk_or_error(lr, ctx, options, cache, origin=origins.get(id(lr)))


def _chunks(reports: list[LinkedReport], ctx: rdf.GraphContext, options: _ChunkOptions, jobs: int,
            cache: ChunkCache | None, collect: Callable[[list[Triple]], None] | None,
            origins: Mapping[int, str], reused: Collection[int] = ()) -> Iterator[Chunk | ReportError]:
    """Each report's chunk in order: in this process, or (``jobs`` > 1, no ``collect``) in forked workers.

    With workers, the chunks the cache holds under the origins of the ``reused`` reports (by ``id()``: those
    whose extraction came from the cache) are read here, and only the others made in workers: a worker would
    read a kept chunk and pickle it back whole, so a rebuild with ``--jobs 2`` took more time than with 1.
    """
    from reportgraph import workers

    if jobs <= 1 or len(reports) <= 1 or collect is not None or not workers.can_fork():
        for lr in reports:
            yield _chunk_or_error(lr, ctx, options, cache, collect, origins.get(id(lr)))
        return
    kept = _kept_chunk_keys(reports, ctx, options, cache, origins, reused) if cache is not None else {}
    todo = [i for i in range(len(reports)) if i not in kept]
    made = _made_in_workers(reports, todo, ctx, options, cache, origins, jobs)
    for i, lr in enumerate(reports):
        key = kept.get(i)
        if key is None:
            yield next(made)
            continue
        assert cache is not None
        found = cache.get(key)
        # gone or damaged since it was seen: made here
        yield found if isinstance(found, Chunk) else _chunk_or_error(lr, ctx, options, cache, None, origins.get(id(lr)))


def _kept_chunk_keys(reports: list[LinkedReport], ctx: rdf.GraphContext, options: _ChunkOptions, cache: ChunkCache,
                     origins: Mapping[int, str], reused: Collection[int]) -> dict[int, str]:
    """The keys of the ``reused`` reports' chunks that the cache holds, by the reports' places."""
    kept: dict[int, str] = {}
    for i, lr in enumerate(reports):
        origin = origins.get(id(lr))
        if origin is None or id(lr) not in reused:
            continue
        try:
            key = cache.key(options, rdf.joined_triples(lr, ctx), origin)
        except Exception:  # noqa: BLE001 - its triples fail: made in a worker, which names the failure
            continue
        if cache.holds(key):
            kept[i] = key
    return kept


def _made_in_workers(reports: list[LinkedReport], todo: list[int], ctx: rdf.GraphContext, options: _ChunkOptions,
                     cache: ChunkCache | None, origins: Mapping[int, str],
                     jobs: int) -> Iterator[Chunk | ReportError]:
    """The chunks of the reports at ``todo``, in order, made in forked workers (here when there is one only)."""
    from reportgraph import workers

    if len(todo) <= 1:  # a worker would cost its start and pickle the chunk back, and save nothing
        for i in todo:
            yield _chunk_or_error(reports[i], ctx, options, cache, origin=origins.get(id(reports[i])))
        return
    global _INHERITED
    _INHERITED = (reports, todo, ctx, options, cache, origins)
    made = 0
    try:
        for made, outcome in enumerate(workers.forked_map(_chunk_in_worker, len(todo), jobs), 1):
            yield outcome
    except workers.WorkerDied:  # a worker that dies making triples: the rest are made here, where it shows
        for i in todo[made:]:
            yield _chunk_or_error(reports[i], ctx, options, cache, origin=origins.get(id(reports[i])))
    finally:
        _INHERITED = None


#: What a forked page process inherits: the graph whose page it draws, and its spool's file descriptor (set just
#: before the fork).
_PAGE_INHERITED: tuple[Prepared, int] | None = None


def _page_in_worker() -> KeptPage:
    """The page drawn from the picture read from the spool with ``os.pread``: a forked process shares the parent's
    file offset, which the parent moves as it merges graph.ttl meanwhile."""
    assert _PAGE_INHERITED is not None, "page process started without its graph"
    prepared, fd = _PAGE_INHERITED
    assert prepared.plan.page is not None, "page process started without a way to draw the page"
    picture = prepared._picture(lambda span: os.pread(fd, span[1], span[0]), fd)
    return prepared.plan.page(picture.finish(lazily=True))


class Prepared:
    """A graph whose reports' chunks are all made and spooled: :meth:`finish` merges and writes it."""

    def __init__(self, kinds: set[str], shared_triples: list[Triple], plan: Plan, report_iris: list[str],
                 kept: BlockCache | None = None, page: PageCache | None = None, jobs: int = 1) -> None:
        self.kinds = kinds
        #: worker processes the shared nodes' parts may be formatted in
        self.jobs = jobs
        #: the shared nodes' blocks of the last build, where there is a cache
        self.kept = kept
        #: the last build's page, where there is a cache and a picture is drawn
        self.page = page
        #: a digest of every report's picture part, in order
        self.pictures = hashlib.blake2b(digest_size=16)
        self.plan = plan
        #: the reports whose chunk failed, by their place in the reports, with their errors
        self.failed: dict[int, ReportError] = {}
        self.writer = TurtleWriter(namespaces(kinds))
        self.shared_triples = shared_triples
        self.runs: list[_Run] = []
        #: where each report's shared triples, their digests and its picture part lie in the spool, in the
        #: reports' order: (offset, length) of each
        self.shared_parts: list[tuple[tuple[_Span, ...], _Span, _Span]] = []
        self.count = 0
        self.found_kinds: set[str] = set()
        self.report_iris: set[str] = set()
        self.shard_files: list[Path] = []
        self.pointing: dict[str, list[Triple]] = {}
        #: the process the page is being drawn in (:meth:`_drawing`), until its page is taken or it is let go of
        self.drawing: workers.Forked[KeptPage] | None = None
        if plan.shards is not None:
            plan.shards.mkdir(parents=True, exist_ok=True)
            self.pointing = _pointing_into_reports(shared_triples, set(report_iris))
        if plan.spool is not None:
            plan.spool.mkdir(parents=True, exist_ok=True)
        self.spool: IO[bytes] | None = tempfile.TemporaryFile(dir=plan.spool, prefix=".spool.")

    def take(self, chunk: Chunk) -> None:
        """One report's chunk, in the reports' order: its blocks and its shared part spooled, its shard written."""
        assert self.spool is not None, "taken after it was finished"
        self.report_iris.add(chunk.iri)
        self.found_kinds |= chunk.kinds
        self.count += chunk.count
        self.pictures.update(chunk.picture_digest)
        self.writer.note_used(chunk.used)
        if chunk.blocks:
            assert chunk.first is not None and chunk.last is not None
            offset = self.spool.tell()
            self.spool.write(chunk.blocks)
            self.runs.append(_Run(chunk.first, chunk.last, offset, len(chunk.blocks), offset + len(chunk.blocks),
                                  len(chunk.index)))
            self.spool.write(chunk.index)
        spans = []
        for data in (*chunk.shared, chunk.contributions, chunk.picture):
            spans.append((self.spool.tell(), len(data)))
            self.spool.write(data)
        self.shared_parts.append((tuple(spans[:_SHARE_PARTS]), spans[_SHARE_PARTS], spans[_SHARE_PARTS + 1]))
        if self.plan.shards is not None and chunk.shard is not None:
            pointing = nquad_lines(self.pointing.pop(chunk.iri, []), f"{chunk.iri}/graph")
            path = self.plan.shards / shard_name(chunk.iri)
            _write_lines(path, sorted(set(chunk.shard).union(pointing)))
            self.shard_files.append(path)

    def finish(self, target: Path | IO[bytes]) -> WrittenGraph:
        """The shared blocks and the spooled runs merged in subject order into ``target``; the picture's graph read."""
        assert self.spool is not None, "finished twice"
        try:
            with gc_paused():
                return self._finish(target, self.spool)
        finally:
            self.close()

    def _gather(self, spool: IO[bytes]) -> _Grouped:
        """What the reports share, gathered per subject: the shared triples, then each report's, in order."""
        shared: _Grouped = {}
        _add(shared, self.shared_triples)
        for spans, _, _ in self.shared_parts:
            for span in spans:
                if span[1]:
                    _add_grouped(shared, pickle.loads(_read(spool, span)))
        return shared

    def _own_picture(self) -> GraphPart:
        """What the shared triples tell the picture."""
        from reportgraph.viz import read_triples

        return read_triples(self.shared_triples)

    def _picture(self, read: Callable[[_Span], bytes], fd: int, own: GraphPart | None = None) -> GraphReader:
        """The picture read: the shared triples (or ``own``, read from them already), then each report's part (read
        from the spool by ``read``), in order.

        A part's indicators, kept pickled until a selection reaches them,
        are read again from the spool (``fd``, opened again: the page may be
        drawn after this graph is written and its spool closed) rather than kept.
        """
        from reportgraph.viz import GraphReader

        reader = GraphReader()
        reader.merge(own if own is not None else self._own_picture())
        again = _Reopened(fd)
        for _, _, span in self.shared_parts:
            if span[1]:
                data = read(span)
                part = pickle.loads(data)
                inner = _inner_span(data, part.deferred[1], span) if part.deferred is not None else None
                reader.merge(part, again.reader(inner) if inner is not None else None)
        return reader

    def _drawing(self, spool: IO[bytes]) -> workers.Forked[KeptPage] | None:
        """The page being drawn in a forked process (picture read, chosen, laid out, rendered), where the plan
        says how and there are ``jobs`` > 1: this process merges graph.ttl meanwhile. None: drawn after, here."""
        global _PAGE_INHERITED
        if self.plan.page is None or not self.plan.draw or self.jobs <= 1 or not _can_fork():
            return None
        from reportgraph import workers

        spool.flush()  # what the process reads must be in the file, not in this process's buffer
        _PAGE_INHERITED = (self, spool.fileno())
        try:
            self.drawing = workers.Forked(_page_in_worker)
        except OSError:  # no process to be had (out of memory, or of processes): drawn here, after
            return None
        finally:
            _PAGE_INHERITED = None
        return self.drawing

    def _finish(self, target: Path | IO[bytes], spool: IO[bytes]) -> WrittenGraph:
        # without a cache the page is drawn from every report's part whatever the blocks are: it is begun first,
        # in its own process where there are jobs, beside the shared blocks' formatting and the merge
        # (a failure meanwhile lets the process go: :meth:`close`)
        return self._merged(target, spool, self._drawing(spool) if self.kept is None else None)

    def _merged(self, target: Path | IO[bytes], spool: IO[bytes],
                drawing: workers.Forked[KeptPage] | None) -> WrittenGraph:
        """graph.ttl (and the shared shard) written from the spool; the page taken from ``drawing`` where it was
        begun (else from the cache, or begun here, or the picture read here for the caller to draw)."""
        # all gathered at once only where every shared triple is written again, into the shared shard; else the
        # shared nodes are gathered a part at a time (see _gathered) and only their blocks' bytes kept
        shared = self._gather(spool) if self.plan.shards is not None else None
        shard_files = list(self.shard_files)
        if self.plan.shards is not None:
            assert shared is not None
            shard_files.append(_write_shared_shard(self.plan.shards, shared, self.report_iris))
        writer = self.writer
        shared_blocks: list[tuple[_Key, bytes]] | _SpooledBlocks
        page_key = kept_page = None
        own_picture: GraphPart | None = None
        if self.kept is None and shared is None and self.jobs > 1 and _can_fork():
            shared_blocks, shared_count, subjects = _formatted_in_workers(
                writer, self.shared_triples, [spans for spans, _, _ in self.shared_parts], spool, self.jobs)
        elif self.kept is None:
            if shared is not None:
                parts: Iterable[_Grouped] = [shared]
            else:
                own = _own_by_part(self.shared_triples)
                if self.plan.draw and drawing is None:
                    # the picture reads the shared triples first, here: then each part's are let go of once it is
                    # gathered, and what the picture and the page hold takes the place of what they held
                    own_picture = self._own_picture()
                    self.shared_triples = []
                parts = _gathered(None, own, ((spans, None) for spans, _, _ in self.shared_parts), spool)
                del own
            shared_blocks, shared_count, subjects = _formatted(writer, parts, spool)
            del parts
        else:
            shared_blocks, shared_count, subjects, own = _kept_blocks(
                writer, self.kept, self.shared_triples, lambda: self._contributions(spool), spool, shared)
            if self.page is not None:  # the page is drawn from the shared nodes' own triples and the reports' parts
                page_key = hashlib.blake2b(own, digest_size=16, key=self.pictures.digest()).digest()
                kept_page = self.page.get(page_key)
            if kept_page is None:
                drawing = self._drawing(spool)
        reader = None
        if self.plan.draw and kept_page is None and drawing is None:
            reader = self._picture(lambda span: _read(spool, span), _flushed(spool), own_picture)
            del own_picture
        if drawing is None:  # else kept until the page is drawn: drawn here after all if its process dies
            self.shared_triples = []
        found_kinds = self.found_kinds | instance_kinds(subjects)
        if found_kinds != self.kinds:  # a kind of node rdf makes that _kinds does not know: teach it, or the prefixes differ
            raise RuntimeError(f"graph.ttl would declare the prefixes of {sorted(self.kinds)}, "
                               f"its subjects are of {sorted(found_kinds)}")
        del shared, subjects
        count = self.count + shared_count
        if isinstance(target, Path):
            target.parent.mkdir(parents=True, exist_ok=True)
        prefixes = writer.prefix_lines().encode("utf-8")  # every block is formatted: the prefixes are known
        gap = b"\n" if prefixes and (shared_blocks or self.runs) else b""

        def write(out: IO[bytes]) -> None:
            out.write(prefixes + gap)
            _merge(_blocks_of(shared_blocks, spool), self.runs, spool, out)

        if isinstance(target, Path):
            _publish(target, write)
        else:
            write(target)
        page = None
        if drawing is not None:
            from reportgraph import workers

            try:
                page = drawing.result()
            except workers.WorkerDied:  # killed (out of memory): the picture read here, the page drawn after
                reader = self._picture(lambda span: _read(spool, span), _flushed(spool))
            self.shared_triples = []
        keep = None
        if self.page is not None and page_key is not None:
            keep = functools.partial(self.page.put, page_key)
        if page is not None:
            return WrittenGraph(triples=count, shards=shard_files, page=page, keep_page=keep)
        if reader is None:
            return WrittenGraph(triples=count, shards=shard_files, kept_page=kept_page)
        return WrittenGraph(triples=count, shards=shard_files, picture=reader.finish(lazily=True),
                            keep_page=keep)

    def _contributions(self, spool: IO[bytes]) -> Iterator[tuple[tuple[_Span, ...], dict[str, bytes]]]:
        """Each report's shared triples' places in the spool (part by part) and their digests by subject, in order."""
        for shared_spans, span, _ in self.shared_parts:
            yield shared_spans, pickle.loads(_read(spool, span)) if span[1] else {}

    def close(self) -> None:
        """Let go of the page's process and of the spool (a graph not written after all, or written)."""
        if self.drawing is not None:
            self.drawing.close()
            self.drawing = None
        if self.spool is not None:
            self.spool.close()
            self.spool = None


def _kinds(reports: Sequence[LinkedReport], shared_subjects: Iterable[str]) -> set[str]:
    """The kinds of instance the graph's subjects will have, known before any block is formatted.

    The entities' and measures' kinds, ``report``, ``period`` when a report
    names one and ``series`` when a report is one of a series: the only
    subjects outside a report's own IRIs that rdf makes. The writer checks
    it found no others (a new kind of node would need its prefix here).
    """
    kinds = instance_kinds(set(shared_subjects))
    if reports:
        kinds.add("report")
    if any(lr.report.period or lr.report.plan_period for lr in reports):
        kinds.add("period")
    if any(lr.series for lr in reports):
        kinds.add("series")
    return kinds


#: The prefixes an rdflib Graph binds itself (``bind_namespaces="core"``), which ``rdf.to_graph`` graphs carry.
_RDFLIB_CORE = {"owl": vocab.OWL_NS, "rdf": vocab.RDF_NS, "rdfs": vocab.RDFS_NS, "xsd": vocab.XSD_NS,
                "xml": "http://www.w3.org/XML/1998/namespace"}


def instance_kinds(subjects: Iterable[object]) -> set[str]:
    """The kinds of instance (``vocab.INSTANCE_KINDS``) the subjects are of: each gets a prefix in graph.ttl."""
    return _instance_kinds(subjects, vocab.INST_NS, vocab.INSTANCE_PREFIXES)


def namespaces(kinds: set[str]) -> list[tuple[str, str]]:
    """The prefixes graph.ttl may declare: those of ``export.to_turtle(rdf.to_graph(...))``, without rdflib.

    rdflib's core ones, the project's (:func:`rdf.bind_prefixes`), and one per
    kind of instance (``community:``) unless its prefix or namespace is taken.
    """
    bound = {**_RDFLIB_CORE, **vocab.GRAPH_PREFIXES}
    bound.update(readable_kinds(kinds, bound.items(), vocab.INSTANCE_PREFIXES))
    return sorted(bound.items())


def _kept_blocks(writer: TurtleWriter, kept: BlockCache, shared_triples: list[Triple],
                contributions: Callable[[], Iterator[tuple[tuple[_Span, ...], dict[str, bytes]]]], spool: IO[bytes],
                gathered: _Grouped | None) -> tuple[list[tuple[_Key, bytes]], int, list[str], bytes]:
    """The shared nodes' blocks in subject order, how many triples they hold, their subjects and a digest of their
    own triples (node by node, in order): taken from ``kept`` where a node's triples are those of the last build,
    the others formatted (all kept for the next).

    A node's block is kept under a digest of its own triples (the merged
    entity's, from ``shared_triples``) and of every report's share of it
    (their digests, made once with each report's chunk): equal digests mean
    the same triples, so the block is found without gathering them. Only the
    nodes whose digest is new are gathered (from ``gathered`` where every
    node is, else from the reports' shares that name them, a part at a time) and formatted.
    """
    from reportgraph.cache import BlockCache

    own: _Grouped = {}
    _add(own, shared_triples)
    own_digests = BlockCache.keys(own)
    del own
    shares: dict[str, list[bytes]] = {s: [] for s in own_digests}
    for _, digests in contributions():
        for s, digest in digests.items():
            found = shares.get(s)
            if found is None:
                shares[s] = [digest]
            else:
                found.append(digest)
    keys: dict[str, bytes] = {}
    for s, found in shares.items():
        if len(found) > 1:
            found.sort()
        keys[s] = hashlib.blake2b(b"".join((s.encode("utf-8", "surrogateescape"), b"\0",
                                            own_digests.get(s, b"-"), *found)), digest_size=16).digest()
    own_summary = hashlib.blake2b(b"".join(own_digests.values()), digest_size=16).digest()
    del shares, own_digests
    before = kept.load()
    wanted = {s for s, key in keys.items() if key not in before}
    fresh: dict[str, tuple[bytes, tuple[tuple[str, str], ...], int, _Key]] = {}
    if wanted:
        parts = [{s: gathered[s] for s in wanted}] if gathered is not None else \
            _gathered(wanted, _own_by_part(shared_triples, wanted),
                      ((spans, digests.keys()) for spans, digests in contributions()), spool)
        for missing in parts:
            for s, text in writer.subject_blocks(missing, blank_nodes=False):  # type: ignore[arg-type]
                preds = missing[s]  # type: ignore[index]
                prefixes = tuple(writer.block_prefixes(s, preds).items())  # type: ignore[arg-type]
                fresh[s] = (text.encode("utf-8"), prefixes, sum(len(objs) for objs in preds.values()),
                            natural_key(s))  # type: ignore[arg-type]
            writer.forget_terms()
            del missing  # before the next part is gathered
    now: Blocks = {}
    used: dict[str, str] = {}
    ordered: list[tuple[_Key, bytes]] = []
    count = 0
    for s, key in keys.items():
        entry = fresh.get(s) or before[key]
        now[key] = entry
        used.update(entry[1])
        count += entry[2]
        ordered.append((entry[3], entry[0]))
    ordered.sort()
    writer.note_used(used)
    if fresh or len(now) != len(before):  # else the file holds these blocks already
        kept.save(now)
    return ordered, count, list(keys), own_summary


#: How many parts the shared nodes are gathered in (see :func:`_gathered`): each report's share is pickled part by
#: part, so gathering one part reads only its pickles, and what is held at once is about a sixteenth of them all
_SHARE_PARTS = 16


def _share_part(subject: str) -> int:
    """The part a shared node is gathered in: of its IRI alone, the same in every process (unlike ``hash``)."""
    return zlib.crc32(subject.encode("utf-8", "surrogateescape")) % _SHARE_PARTS


def _in_parts(grouped: _Grouped) -> tuple[bytes, ...]:
    """``grouped`` pickled part by part (:func:`_share_part`): b"" for a part it holds nothing of."""
    parts: list[_Grouped] = [{} for _ in range(_SHARE_PARTS)]
    for s, preds in grouped.items():
        parts[_share_part(s)][s] = preds
    return tuple(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL) if part else b"" for part in parts)


def _gathered(wanted: set[str] | None, own: list[list[Triple]],
              shares: Iterable[tuple[tuple[_Span, ...], Iterable[str] | None]], spool: IO[bytes]) -> Iterator[_Grouped]:
    """The triples of the shared nodes ``wanted`` (all of them when None), a part (:func:`_share_part`) at a time:
    their own (``own``, by part: :func:`_own_by_part`) and those of the reports whose shares name them (``shares``:
    each report's share's places in the spool, part by part, with the subjects it names, or None where they are
    not known).

    Every node's triples are in one part, whole; the caller formats a part
    and lets it go before the next is gathered, so what is held at once is a
    part's, not every report's share of every node (which grew with the reports).
    A part's own triples are let go of from ``own`` once it is gathered.
    """
    naming = [spans for spans, named in shares if wanted is None or named is None or not wanted.isdisjoint(named)]
    for part in range(_SHARE_PARTS):
        grouped = _part_gathered(part, own, naming, lambda span: _read(spool, span), wanted)
        own[part] = []
        yield grouped
        del grouped


def _own_by_part(shared_triples: list[Triple], wanted: set[str] | None = None) -> list[list[Triple]]:
    """The shared triples (of the nodes ``wanted``, or all), by the part of their subject."""
    own: list[list[Triple]] = [[] for _ in range(_SHARE_PARTS)]
    for t in shared_triples:
        if wanted is None or t[0] in wanted:
            own[_share_part(t[0])].append(t)
    return own


def _part_gathered(part: int, own: list[list[Triple]], naming: Iterable[tuple[_Span, ...]],
                   read: Callable[[_Span], bytes], wanted: set[str] | None = None) -> _Grouped:
    """One part of the shared nodes: its own triples and each report's share of it (read from the spool by ``read``)."""
    grouped: _Grouped = {}
    _add(grouped, own[part])
    for spans in naming:
        span = spans[part]
        if span[1]:
            share: _Grouped = pickle.loads(read(span))
            _add_grouped(grouped, share if wanted is None else {s: p for s, p in share.items() if s in wanted})
    return grouped


def _triple_count(grouped: _Grouped) -> int:
    return sum(len(objs) for preds in grouped.values() for objs in preds.values())


class _SpooledBlocks:
    """The shared nodes' blocks written into the spool, in subject order: what is held of each is its subject and place.

    A big build has a shared node for every distinct entity and name form of
    all its reports (18 a report in renamed variants of the dev reports), and their blocks' places
    are held while the picture is read, the build's peak. Held with its natural key (:func:`natural_key`:
    a tuple of the subject's pieces, each a string or int of its own) and its
    place as a tuple of ints, a block took about 800 bytes, three times its
    subject's; held as its subject and two machine integers, about 270. So
    each group of blocks (a part of the shared nodes, formatted together) is
    sorted on its own, with its keys made for that group only, and the groups
    are merged by key (made again, one block at a time) as graph.ttl is
    written: the order is the one sorting every block at once gave, since
    each subject has one block.
    """

    def __init__(self) -> None:
        #: the blocks' subjects, group after group, each group in subject order
        self.subjects: list[str] = []
        #: each block's offset and length in the spool, in the order of ``subjects``
        self._places = array("q")
        #: where each group begins in ``subjects``
        self._starts: list[int] = []

    def add(self, spool: IO[bytes], formatted: Iterable[tuple[str, bytes]]) -> None:
        """One group of formatted blocks written at the end of the spool, and put in subject order among themselves."""
        spool.seek(0, os.SEEK_END)
        placed: list[tuple[_Key, int, int]] = []
        for s, data in formatted:
            placed.append((natural_key(s), spool.tell(), len(data)))
            spool.write(data)
        placed.sort()  # a subject has one block: its key alone decides
        self._starts.append(len(self.subjects))
        for key, offset, length in placed:
            self.subjects.append(key[1])
            self._places.append(offset)
            self._places.append(length)

    def __len__(self) -> int:
        return len(self.subjects)

    def __iter__(self) -> Iterator[tuple[_Key, _Span]]:
        """Each block's key and place, in subject order: the groups merged, each key made as its block comes up."""
        ends = [*self._starts[1:], len(self.subjects)]
        return heapq.merge(*(self._group(start, end) for start, end in zip(self._starts, ends)))

    def _group(self, start: int, end: int) -> Iterator[tuple[_Key, _Span]]:
        """The blocks of the group from ``start`` to ``end``, in its order, each with its key made now."""
        subjects, places = self.subjects, self._places
        for i in range(start, end):
            yield natural_key(subjects[i]), (places[2 * i], places[2 * i + 1])


def _formatted(writer: TurtleWriter, parts: Iterable[_Grouped],
               spool: IO[bytes]) -> tuple[_SpooledBlocks, int, list[str]]:
    """The blocks of the shared nodes gathered in ``parts``, as graph.ttl holds them (UTF-8), written at the end of
    the spool, and where each lies there, in subject order; how many triples they hold, and their subjects. Each part
    is formatted and let go of before the next is gathered; what is held of a block is its subject and its place."""
    blocks = _SpooledBlocks()
    count = 0
    for grouped in parts:
        blocks.add(spool, ((s, text.encode("utf-8"))  # type: ignore[misc]
                           for s, text in writer.subject_blocks(grouped, blank_nodes=False)))  # type: ignore[arg-type]
        count += _triple_count(grouped)
        writer.forget_terms()
        del grouped  # before the next part is gathered
    return blocks, count, blocks.subjects


#: What forked part workers inherit: the writer, the shared triples by part, each report's shares' places in the
#: spool, and the spool's file descriptor (set just before the fork).
_PARTS_INHERITED: tuple[TurtleWriter, list[list[Triple]], list[tuple[_Span, ...]], int] | None = None


def _can_fork() -> bool:
    from reportgraph import workers

    return workers.can_fork()


def _part_in_worker(part: int) -> tuple[list[tuple[str, bytes]], int, dict[str, str]]:
    """One part of the shared nodes gathered and formatted: its blocks (UTF-8), its triples' count, the prefixes
    it used. The spool is read with ``os.pread``: a forked worker shares the parent's file offset."""
    assert _PARTS_INHERITED is not None, "part worker started without the shared nodes"
    writer, own, shares, fd = _PARTS_INHERITED
    grouped = _part_gathered(part, own, shares, lambda span: os.pread(fd, span[1], span[0]))
    blocks = [(s, text.encode("utf-8")) for s, text in writer.subject_blocks(grouped, blank_nodes=False)]  # type: ignore[arg-type]
    return blocks, _triple_count(grouped), writer.used_prefixes()  # type: ignore[return-value]


def _formatted_in_workers(writer: TurtleWriter, shared_triples: list[Triple], shares: list[tuple[_Span, ...]],
                          spool: IO[bytes], jobs: int) -> tuple[_SpooledBlocks, int, list[str]]:
    """What :func:`_formatted` makes of every part, each part gathered and formatted in a forked worker (the parts
    are independent: each node's triples are in one) and written into the spool here, in the parts' order."""
    from reportgraph import workers

    global _PARTS_INHERITED
    spool.flush()  # what the workers read must be in the file, not in this process's buffer
    _PARTS_INHERITED = (writer, _own_by_part(shared_triples), shares, spool.fileno())
    blocks = _SpooledBlocks()
    count = 0
    try:
        for part_blocks, part_count, used in workers.forked_map(_part_in_worker, _SHARE_PARTS, jobs):
            blocks.add(spool, part_blocks)
            count += part_count
            writer.note_used(used)
    except workers.WorkerDied:  # a worker killed (out of memory): every part formatted here instead
        return _formatted(writer, _gathered(None, _own_by_part(shared_triples), ((spans, None) for spans in shares),
                                            spool), spool)
    finally:
        _PARTS_INHERITED = None
    return blocks, count, blocks.subjects


def _blocks_of(blocks: list[tuple[_Key, bytes]] | _SpooledBlocks,
               spool: IO[bytes]) -> Iterator[tuple[_Key, bytes]]:
    """Each block's key and bytes, in order: read from the spool where ``blocks`` says where they lie."""
    for key, block in blocks:
        yield key, _read(spool, block) if isinstance(block, tuple) else block


def _add(grouped: _Grouped, triples: Iterable[Triple]) -> None:
    for s, p, o in triples:
        grouped.setdefault(s, {}).setdefault(p, {})[o] = None


def _add_grouped(grouped: _Grouped, more: _Grouped) -> None:
    """``more``'s triples into ``grouped`` (whose dicts it may take over: ``more`` is not used again)."""
    for s, preds in more.items():
        mine = grouped.get(s)
        if mine is None:
            grouped[s] = preds
            continue
        for p, objs in preds.items():
            have = mine.get(p)
            if have is None:
                mine[p] = objs
            else:
                have.update(objs)


class _Reopened:
    """A spool's file opened again (its descriptor duplicated, closed with this object): read from after the
    build has closed the spool itself."""

    def __init__(self, fd: int) -> None:
        self.fd = os.dup(fd)
        weakref.finalize(self, os.close, self.fd)

    def reader(self, span: _Span) -> Callable[[], bytes]:
        """What reads ``span`` of the file, keeping it open till then."""
        return functools.partial(self.read, span)

    def read(self, span: _Span) -> bytes:
        """``span`` of the file, with ``os.pread``: no other reader's offset moves."""
        return os.pread(self.fd, span[1], span[0])


def _inner_span(data: bytes, inner: bytes, span: _Span) -> _Span | None:
    """Where in the file ``inner`` lies, a pickle within the pickle ``data`` read from ``span`` (pickle writes
    bytes as they are); None if not found."""
    at = data.find(inner)
    return (span[0] + at, len(inner)) if at >= 0 else None


def _flushed(spool: IO[bytes]) -> int:
    """The spool's file descriptor, all written to it in the file (not in this process's buffer)."""
    spool.flush()
    return spool.fileno()


def _read(spool: IO[bytes], span: _Span) -> bytes:
    spool.seek(span[0])
    return spool.read(span[1])


def _merge(shared: Iterator[tuple[_Key, bytes]], runs: list[_Run], spool: IO[bytes], body: IO[bytes]) -> None:
    """Write every block in subject order: whole runs where nothing falls inside them, else block by block.

    ``shared`` (the shared nodes' blocks, in subject order) is read as it is written, one block ahead.
    """
    runs = sorted(runs, key=lambda r: r.first)
    first = True
    ahead = next(shared, None)

    def emit_bytes(data: bytes) -> None:
        nonlocal first
        if not first:
            body.write(b"\n")
        body.write(data)
        first = False

    def take() -> tuple[_Key, bytes]:
        nonlocal ahead
        assert ahead is not None
        taken, ahead = ahead, next(shared, None)
        return taken

    def text_of(run: _Run) -> bytes:
        spool.seek(run.offset)
        return spool.read(run.length)

    def load(run: _Run) -> list[tuple[str, bytes]]:
        """The run's blocks, cut apart by its index."""
        data = text_of(run)
        spool.seek(run.index_offset)
        blocks: list[tuple[str, bytes]] = []
        start = 0
        for subject, length in pickle.loads(spool.read(run.index_length)):
            blocks.append((subject, data[start:start + length]))
            start += length + 1  # the blank line between blocks
        return blocks

    j = 0
    while j < len(runs):
        run = runs[j]
        while ahead is not None and ahead[0] < run.first:
            emit_bytes(take()[1])
        next_run = runs[j + 1].first if j + 1 < len(runs) else None
        next_shared = ahead[0] if ahead is not None else None
        if (next_run is None or run.last < next_run) and (next_shared is None or run.last < next_shared):
            emit_bytes(text_of(run))
            j += 1
            continue
        cluster, high = [run], run.last
        j += 1
        while j < len(runs) and runs[j].first < high:
            cluster.append(runs[j])
            high = max(high, runs[j].last)
            j += 1
        pieces = [(natural_key(s), text) for r in cluster for s, text in load(r)]
        while ahead is not None and ahead[0] <= high:
            pieces.append(take())
        for _, data in sorted(pieces, key=lambda piece: piece[0]):
            emit_bytes(data)
    while ahead is not None:
        emit_bytes(take()[1])


def _publish(target: Path, write: Callable[[IO[bytes]], None]) -> None:
    """What ``write`` writes, into ``target`` via a temporary file: never half written."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --------------------------------------------------------------------------- N-Quads shards


def _in_report(iri: str, o: Term) -> bool:
    return type(o) is str and (o == iri or o.startswith(iri + "/"))


def _shard_lines(iri: str, own: _Grouped, other: list[Triple]) -> list[str]:
    """The report's named graph: its own nodes, and its triples about shared nodes that point into it."""
    triples: list[Triple] = [(s, p, o) for s, preds in own.items() for p, objs in preds.items() for o in objs]
    triples += [t for t in other if _in_report(iri, t[2])]
    return nquad_lines(triples, f"{iri}/graph")


def _pointing_into_reports(triples: list[Triple], report_iris: set[str]) -> dict[str, list[Triple]]:
    """The shared nodes' triples that name a report (a name form's ``prov:wasDerivedFrom``, an entity's
    ``rg:scopeReport``), by that report: they go into its named graph, as its mentions do."""
    by_report: dict[str, list[Triple]] = {}
    for t in triples:
        o = t[2]
        if type(o) is str and o in report_iris:
            by_report.setdefault(o, []).append(t)
    return by_report


def _write_shared_shard(folder: Path, shared: _Grouped, report_iris: set[str]) -> Path:
    """The default graph: what no report's named graph holds (names, types, counts, relations, periods)."""
    prefix = f"{vocab.INST_NS}report/"
    length = len(next(iter(report_iris), ""))

    def in_some_report(o: Term) -> bool:
        # a report IRI has one length (a fixed-size hash), so the report an IRI lies under is its first characters
        return type(o) is str and o.startswith(prefix) and o[:length] in report_iris and _in_report(o[:length], o)

    triples = [(s, p, o) for s, preds in shared.items() for p, objs in preds.items() for o in objs
               if not in_some_report(o)]
    path = folder / SHARED_SHARD
    _write_lines(path, nquad_lines(triples, ""))
    return path


def _write_lines(path: Path, lines: list[str]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
        out.writelines(lines)
    os.replace(tmp, path)
