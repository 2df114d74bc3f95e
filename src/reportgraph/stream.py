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

The same pass writes N-Quads shards when asked: one file per report with
its named graph ``<report IRI>/graph`` (the triples :func:`reportgraph.export.report_graphs`
puts there), and ``shared.nq`` with the default graph, for bulk loaders.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from reportgraph import rdf, vocab
from reportgraph.gcpause import gc_paused
from reportgraph.link import Measures
from reportgraph.model import LinkedReport
from reportgraph.terms import Term, Triple
from reportgraph.turtle import TurtleWriter, natural_key, nquad_lines, readable_kinds
from reportgraph.turtle import instance_kinds as _instance_kinds

__all__ = ["SHARED_SHARD", "SHARDS_DIR", "WrittenGraph", "shard_name", "write_graph"]

#: The folder under ``--out`` that holds the N-Quads shards, and the default graph's file in it.
SHARDS_DIR = "shards"
SHARED_SHARD = "shared.nq"

_Key = tuple[tuple[str | int, ...], str]
#: subject -> predicate -> objects (a dict used as an ordered set)
_Grouped = dict[str, dict[str, dict[Term, None]]]


@dataclass
class WrittenGraph:
    """What :func:`write_graph` wrote."""

    triples: int
    #: the shard files, when shards were asked for
    shards: list[Path] = field(default_factory=list)


@dataclass
class _Run:
    """One report's blocks in the spool: where they are, and the first and last subject's keys."""

    first: _Key
    last: _Key
    offset: int
    length: int


def shard_name(report_iri: str) -> str:
    """A report's shard file name: its hash, ``dc78e3b12d40.nq``."""
    return f"{report_iri.rsplit('/', 1)[-1]}.nq"


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
    what is written after them.
    """
    with gc_paused():
        ctx = rdf.GraphContext.of(reports, measures)
        shared_triples = rdf.shared_triples(ctx)
        return _write(reports, ctx, shared_triples, _kinds(reports, shared_triples), target, shards, collect,
                      release, spool)


def _kinds(reports: Sequence[LinkedReport], shared_triples: list[Triple]) -> set[str]:
    """The kinds of instance the graph's subjects will have, known before any block is formatted.

    The entities' and measures' kinds, ``report``, ``period`` when a report
    names one and ``series`` when a report is one of a series: the only
    subjects outside a report's own IRIs that rdf makes. The writer checks
    it found no others (a new kind of node would need its prefix here).
    """
    kinds = instance_kinds({s for s, _, _ in shared_triples})
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


def _write(reports: list[LinkedReport], ctx: rdf.GraphContext, shared_triples: list[Triple],
           kinds: set[str], target: Path | IO[bytes], shards: Path | None,
           collect: Callable[[list[Triple]], None] | None, release: bool, spool_dir: Path | None) -> WrittenGraph:
    """Format each report's blocks and spool them, gather what reports share, then merge everything in order."""
    if collect is not None:
        collect(shared_triples)
    writer = TurtleWriter(namespaces(kinds))
    shared: _Grouped = {}
    _add(shared, shared_triples)
    runs: list[_Run] = []
    count = 0
    shard_files: list[Path] = []
    pointing: dict[str, list[Triple]] = {}
    if shards is not None:
        shards.mkdir(parents=True, exist_ok=True)
        pointing = _pointing_into_reports(shared_triples, {rdf.report_iri_text(lr.report) for lr in reports})
    if isinstance(target, Path):
        target.parent.mkdir(parents=True, exist_ok=True)
        spool_dir = spool_dir or target.parent
    with tempfile.TemporaryFile(dir=spool_dir, prefix=".spool.") as spool:
        report_iris: set[str] = set()
        found_kinds: set[str] = set()
        for i, lr in enumerate(reports):
            iri = rdf.report_iri_text(lr.report)
            report_iris.add(iri)
            own: _Grouped = {}
            other: list[Triple] = []
            made = rdf.report_triples(lr, ctx)
            if collect is not None:
                collect(made)
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
            _add(shared, other)
            found_kinds |= instance_kinds({t[0] for t in other})
            if own:
                found_kinds.add("report")
            count += sum(len(objs) for preds in own.values() for objs in preds.values())
            if own:
                blocks = list(writer.subject_blocks(own, blank_nodes=False))  # type: ignore[arg-type]
                data = pickle.dumps(blocks, protocol=pickle.HIGHEST_PROTOCOL)
                runs.append(_Run(natural_key(blocks[0][0]), natural_key(blocks[-1][0]), spool.tell(), len(data)))
                spool.write(data)
            if shards is not None:
                shard_files.append(_write_shard(shards, iri, own, other + pointing.pop(iri, [])))
            writer.forget_terms()
            if release:
                reports[i] = None  # type: ignore[call-overload]
        found_kinds |= instance_kinds(shared)
        if found_kinds != kinds:  # a kind of node rdf makes that _kinds does not know: teach it, or the prefixes differ
            raise RuntimeError(f"graph.ttl would declare the prefixes of {sorted(kinds)}, "
                               f"its subjects are of {sorted(found_kinds)}")
        count += sum(len(objs) for preds in shared.values() for objs in preds.values())
        if shards is not None:
            shard_files.append(_write_shared_shard(shards, shared, report_iris))
        shared_blocks = [(natural_key(s), text)  # type: ignore[arg-type]
                         for s, text in writer.subject_blocks(shared, blank_nodes=False)]  # type: ignore[arg-type]
        with tempfile.TemporaryFile(dir=spool_dir, prefix=".body.") as body:
            _merge(shared_blocks, runs, spool, body)
            prefixes = writer.prefix_lines()
            if isinstance(target, Path):
                _publish(target, prefixes, body)
            else:
                _copy(target, prefixes, body)
    return WrittenGraph(triples=count, shards=shard_files)


def _add(grouped: _Grouped, triples: Iterable[Triple]) -> None:
    for s, p, o in triples:
        grouped.setdefault(s, {}).setdefault(p, {})[o] = None


def _merge(shared: list[tuple[_Key, str]], runs: list[_Run], spool: IO[bytes], body: IO[bytes]) -> None:
    """Write every block in subject order: whole runs where nothing falls inside them, else block by block."""
    runs = sorted(runs, key=lambda r: r.first)
    first = True

    def emit(text: str) -> None:
        nonlocal first
        body.write(text.encode("utf-8") if first else b"\n" + text.encode("utf-8"))
        first = False

    def load(run: _Run) -> list[tuple[str, str]]:
        spool.seek(run.offset)
        blocks: list[tuple[str, str]] = pickle.loads(spool.read(run.length))
        return blocks

    i = j = 0
    while j < len(runs):
        run = runs[j]
        while i < len(shared) and shared[i][0] < run.first:
            emit(shared[i][1])
            i += 1
        next_run = runs[j + 1].first if j + 1 < len(runs) else None
        next_shared = shared[i][0] if i < len(shared) else None
        if (next_run is None or run.last < next_run) and (next_shared is None or run.last < next_shared):
            for _, text in load(run):
                emit(text)
            j += 1
            continue
        cluster, high = [run], run.last
        j += 1
        while j < len(runs) and runs[j].first < high:
            cluster.append(runs[j])
            high = max(high, runs[j].last)
            j += 1
        pieces = [(natural_key(s), text) for r in cluster for s, text in load(r)]
        while i < len(shared) and shared[i][0] <= high:
            pieces.append(shared[i])
            i += 1
        for _, text in sorted(pieces, key=lambda piece: piece[0]):
            emit(text)
    for _, text in shared[i:]:
        emit(text)


def _copy(out: IO[bytes], prefixes: str, body: IO[bytes]) -> None:
    """The prefix lines, a blank line when both are there, then the body."""
    size = body.tell()
    body.seek(0)
    out.write(prefixes.encode("utf-8"))
    if prefixes and size:
        out.write(b"\n")
    while chunk := body.read(1 << 20):
        out.write(chunk)


def _publish(target: Path, prefixes: str, body: IO[bytes]) -> None:
    """The prefix lines, then the body, into ``target`` via a temporary file: never half written."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            _copy(out, prefixes, body)
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


def _write_shard(folder: Path, iri: str, own: _Grouped, other: list[Triple]) -> Path:
    """The report's named graph: its own nodes, and the shared nodes' triples that point into it."""
    triples: list[Triple] = [(s, p, o) for s, preds in own.items() for p, objs in preds.items() for o in objs]
    triples += [t for t in other if _in_report(iri, t[2])]
    path = folder / shard_name(iri)
    _write_lines(path, nquad_lines(triples, f"{iri}/graph"))
    return path


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
