"""The interactive picture of a graph: one HTML page that works offline, safely, at size.

The page is read from RDF triples, so ``reportgraph viz --graph FILE`` draws
any graph ``reportgraph build`` wrote, and ``build`` draws from the triples it
makes (a :class:`TripleIndex` it fills as it writes ``graph.ttl``) with the
same code and no rdflib graph.

It draws with vis-network, the script pyvis ships (pyvis itself is not
imported: it would import IPython and networkx), and goes around three of
pyvis's defaults:

* **offline** -- pyvis's ``cdn_resources="in_line"`` still loads Bootstrap from
  a CDN. The page is rendered from this package's own template, which inlines
  vis-network's script and style from the files pyvis ships, and a
  Content-Security-Policy lets the page load nothing and run only its own two
  scripts (by hash), so no request can leave it.
* **safe** -- text from a report reaches the page only as JSON inside a
  ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
  escaped, and the page's script puts it into the document with
  ``textContent`` only (vis-network draws labels on a canvas). The hashed CSP
  is a second wall: an injected ``<script>`` or ``onerror=`` would not run.
* **size** -- ``Network.add_node``/``add_edge`` scan lists (quadratic for big
  graphs), so nodes and edges are handed to the Network in bulk; and
  vis-network's physics needs about a minute to settle 1,000 nodes in a
  headless browser, so every node gets a position computed here (work areas as
  hubs around their report, the entities of an area in a sunflower around it)
  and physics only polishes small graphs for a few iterations.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import json
import math
import pickle
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from reportgraph import vocab
from reportgraph.datafiles import datafile
from reportgraph.gcpause import gc_paused
from reportgraph.terms import Lit, Term, Triple, from_rdflib

if TYPE_CHECKING:  # rdflib only when a graph read from a file is drawn
    from rdflib import Graph
from reportgraph.text import LIST_SEPARATOR
from reportgraph.viz_style import (
    DEFAULT_MAX_NODES, PHYSICS_MAX_NODES, STABILIZATION_ITERATIONS, STYLES, TYPE_CHOICES,
)

__all__ = [
    "DEFAULT_MAX_NODES", "PHYSICS_MAX_NODES", "STYLES", "TYPE_CHOICES", "GraphPart", "GraphReader", "Selection",
    "TripleIndex", "VizEdge", "read_part", "read_triples",
    "VizGraph", "VizNode", "layout", "read_graph", "render_html", "select", "write_page",
]

#: Canvas labels longer than this are cut (the panel shows the whole name).
_MAX_LABEL_CHARS = 14
#: At most this many sentences per node in the page; the rest are counted.
_MAX_SENTENCES = 40

# --------------------------------------------------------------------------- types

class _Names:
    """A namespace whose terms are plain strings, as the build's triples have them (:mod:`reportgraph.terms`)."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> str:
        """The term, kept as an attribute: the next look-up (one per triple in some loops) finds it at once."""
        term = self._base + name
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> str:
        return self._base + name


RG = _Names(vocab.RG_NS)
RDF = _Names(vocab.RDF_NS)
RDFS = _Names(vocab.RDFS_NS)
SKOS = _Names(vocab.SKOS_NS)
DCTERMS = _Names(vocab.DCTERMS_NS)

#: The predicates the picture reads: a build keeps only these of its triples for it.
_READ: frozenset[str] = frozenset({
    RDF.type, RDFS.label, DCTERMS.title, DCTERMS.issued, SKOS.altLabel, RG.period, RG.planPeriod, RG.sourceFile,
    RG.inReport, RG.partType, RG.workArea, RG.startOffset, RG.mentionCount, RG.metric, RG.value, RG.unit,
    RG.qualifier, RG.indicatorPeriod, RG.statement, RG.text, RG.inSection, RG.aboutEntity,
    *(RG[name] for name in vocab.RELATIONS),
})


class TripleIndex:
    """The triples the picture reads, by predicate: from the build's own triples, or from a graph file's.

    Terms are plain (an IRI a ``str``, a literal a :class:`~reportgraph.terms.Lit`),
    so drawing a build needs no rdflib graph at all.
    """

    def __init__(self) -> None:
        self._by_predicate: dict[str, list[tuple[str, Term]]] = defaultdict(list)

    def add(self, triples: Iterable[Triple]) -> None:
        """Keep the triples the picture reads, drop the rest."""
        by_predicate, read = self._by_predicate, _READ
        for s, p, o in triples:
            if p in read:
                by_predicate[p].append((s, o))

    @classmethod
    def of_graph(cls, g: Graph) -> "TripleIndex":
        """The index of an rdflib graph (blank nodes, which built graphs do not have, left out)."""
        from rdflib import BNode, URIRef

        index = cls()
        for p in _READ:
            found = index._by_predicate[p]
            for s, o in g.subject_objects(URIRef(p)):
                if not isinstance(s, BNode) and not isinstance(o, BNode):
                    found.append((str(s), from_rdflib(o)))
        return index

    def subject_objects(self, predicate: str) -> list[tuple[str, Term]]:
        return self._by_predicate.get(predicate, [])


def _lexical(term: Term) -> str:
    """A term's text: a literal's lexical form, an IRI as it is."""
    return term.lexical if type(term) is Lit else term  # type: ignore[union-attr,return-value]

#: class IRI -> (style key, rank); a node typed twice keeps the lower rank (the more specific type).
_CLASSES: dict[str, tuple[str, int]] = {
    RG.Report: ("Report", 0),
    RG.WorkArea: ("WorkArea", 0),
    RG.Achievement: ("Achievement", 0),
    RG.Target: ("Target", 0),
    RG.Indicator: ("Indicator", 1),
    RG.Problem: ("Problem", 0),
    RG.Entity: ("Entity", 2),
    **{RG[t]: (t, 0) for t in vocab.ENTITY_TYPES},
}

#: Part code -> its name on a work area's box and in its panel.
_PART_NAMES = datafile("outputs/part_names.tsv")
#: Field key of a node's panel line -> the words the panel shows for it.
_FIELD_LABELS = datafile("outputs/field_labels.tsv")
#: The page's own phrases: a work area's part, the title of a page of many reports.
_PHRASES = datafile("outputs/phrases.tsv")

# --------------------------------------------------------------------------- the graph as drawn


@dataclass
class VizNode:
    """One node of the picture, with everything its panel shows."""

    iri: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    #: work-area IRIs, the one with most of this node's sentences first
    areas: list[str] = field(default_factory=list)
    #: statement IRIs, in report order
    statements: list[str] = field(default_factory=list)
    mentions: int = 0
    #: the report a hub, indicator or problem belongs to
    report: str = ""
    #: extra panel lines as (field key, text), e.g. ("value", "8.5%"); the page names the fields
    details: list[tuple[str, str]] = field(default_factory=list)
    #: where the report's sections start, for ordering work areas as the report does
    order: int = 0
    #: the kind of its type (report, area, entity, indicator, problem): set from the type, read for every node
    #: many times over in drawing a big graph
    kind: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.kind = STYLES[self.type].kind


class VizEdge(NamedTuple):
    """An edge: ``predicate`` is the ontology term, shown on relation edges.

    A named tuple, not a frozen dataclass: a big graph makes tens of thousands
    of them, and a frozen dataclass's ``__init__`` costs three times as much.
    """

    source: str
    target: str
    predicate: str
    #: "structure" (hub membership, unlabelled), "relation" or "about"
    kind: str


@dataclass
class VizGraph:
    """What the page draws: nodes by IRI, edges, and the sentences they cite."""

    nodes: dict[str, VizNode]
    edges: list[VizEdge]
    #: statement IRI -> (text, report IRI, offset)
    sentences: dict[str, tuple[str, str, int]]
    #: nodes in the graph before any selection, for "drawn N of M"
    total_nodes: int = 0
    #: the whole graph, where this one lacks the indicators a build's reader left unread
    #: (:meth:`GraphReader.finish` ``lazily``): :func:`select` makes it only when its budget reaches them
    whole: Callable[[], VizGraph] | None = field(default=None, repr=False, compare=False)

    def count_by_type(self) -> Counter[str]:
        return Counter(n.type for n in self.nodes.values())


_T = TypeVar("_T")


def _without_gc(func: Callable[..., _T]) -> Callable[..., _T]:
    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> _T:
        with gc_paused():
            return func(*args, **kwargs)

    return run


def _literal_text(values: Sequence[Term]) -> list[str]:
    """Literal values, Chinese ones first, then by text, so a label choice is stable."""
    if len(values) == 1:  # most are one: nothing to order
        value = values[0]
        return [value.lexical] if type(value) is Lit else []  # type: ignore[union-attr]
    lits = [v for v in values if type(v) is Lit]
    lits.sort(key=lambda lit: (lit.lang != "zh", lit.lexical))  # type: ignore[union-attr]
    return [lit.lexical for lit in lits]  # type: ignore[union-attr]


def _group_objects(g: TripleIndex, predicate: str, subjects: Iterable[str] | None = None) -> dict[str, list[Term]]:
    """subject IRI -> objects of ``predicate``, in one pass over the predicate's index."""
    wanted = None if subjects is None else set(subjects)
    out: dict[str, list[Term]] = defaultdict(list)
    for s, o in g.subject_objects(predicate):
        key = str(s)
        if wanted is None or key in wanted:
            out[key].append(o)
    return out


def _int(value: Term | None, default: int = 0) -> int:
    try:
        return int(value.lexical) if type(value) is Lit else default  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return default


def _number(value: Term | None) -> str:
    """A number as the report wrote it (xsd:decimal ``20.0`` back to ``20``)."""
    if type(value) is not Lit:
        return ""
    text = value.lexical  # type: ignore[union-attr]
    if "." in text and "e" not in text.lower():
        text = text.rstrip("0").rstrip(".")
    return text


@_without_gc
def read_graph(graph: Graph | TripleIndex) -> VizGraph:
    """Everything the picture needs, read from a graph in the shape ``rdf.to_graph`` writes.

    ``graph`` is an rdflib graph (a file read back) or a :class:`TripleIndex`.
    One pass per predicate rather than SPARQL or ``Graph.value`` per node,
    so reading a 20,000-node graph stays well under a second.
    """
    reader = GraphReader()
    reader.add(graph if isinstance(graph, TripleIndex) else TripleIndex.of_graph(graph))
    return reader.finish()


@dataclass
class GraphPart:
    """What one part of a graph (one report's triples, or the entities') tells the picture.

    Read on its own (:func:`read_part`, in a worker process if need be) and
    merged in order (:meth:`GraphReader.merge`): facts about nodes of other
    parts (an entity's mentions in a report) are kept as links and applied
    when the part is merged, to the nodes known by then.
    """

    #: the nodes typed in this part
    nodes: dict[str, VizNode] = field(default_factory=dict)
    #: (node, work area of this part) from rg:workArea
    area_links: list[tuple[str, str]] = field(default_factory=list)
    #: subject -> the statements citing it (rg:statement)
    cited: dict[str, set[str]] = field(default_factory=dict)
    #: statement -> (text, report, offset), and its section's work area
    sentences: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    statement_area: dict[str, str] = field(default_factory=dict)
    #: (subject, object, relation) between entities; (indicator of this part, entity) it is about
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    about: list[tuple[str, str]] = field(default_factory=list)
    #: the IRIs of this part's indicators and the part they make (their nodes, links, sentences and edges),
    #: pickled, when they are not in the fields above: a part read back from a build's spool or cache keeps them
    #: unread, and a page whose node budget the entities fill never reads them (:meth:`GraphReader.finish`)
    deferred: tuple[tuple[str, ...], bytes] | None = None

    def __reduce__(self) -> tuple[Callable[..., GraphPart], tuple[Any, ...]]:
        """Pickled with its indicators apart (:attr:`deferred`), and its nodes as tuples of their fields: making
        the nodes from those costs half of unpickling them attribute by attribute."""
        core, apart = self._split()
        nodes = [(n.iri, n.type, n.label, n.aliases, n.areas, n.statements, n.mentions, n.report, n.details, n.order)
                 for n in core.nodes.values()]
        deferred = core.deferred
        if apart.nodes:
            deferred = (tuple(apart.nodes), pickle.dumps(apart, protocol=pickle.HIGHEST_PROTOCOL))
        return _unpickled_part, (nodes, core.area_links, core.cited, core.sentences, core.statement_area,
                                 core.relations, core.about, deferred)

    def _split(self) -> tuple[GraphPart, GraphPart]:
        """This part as two that merge into the same: all but the indicators, and the indicators with what only
        they need (their area links, citations, sentences and edges)."""
        apart = {iri for iri, n in self.nodes.items() if n.kind == "indicator"}
        if not apart or len(apart) == len(self.nodes):  # nothing to set apart, or the indicators' own part
            return self, GraphPart()

        def of(subjects: Callable[[str], bool]) -> GraphPart:
            cited = {s: stmts for s, stmts in self.cited.items() if subjects(s)}
            wanted = {st for stmts in cited.values() for st in stmts}
            return GraphPart(
                nodes={iri: n for iri, n in self.nodes.items() if subjects(iri)},
                area_links=[link for link in self.area_links if subjects(link[0])],
                cited=cited,
                sentences={st: v for st, v in self.sentences.items() if st in wanted},
                statement_area={st: a for st, a in self.statement_area.items() if st in wanted},
                relations=[r for r in self.relations if subjects(r[0])],
                about=[a for a in self.about if subjects(a[0])],
            )

        core = of(lambda iri: iri not in apart)
        core.deferred = self.deferred
        return core, of(apart.__contains__)


def _unpickled_part(nodes: list[tuple[Any, ...]], *rest: Any) -> GraphPart:
    """A :class:`GraphPart` from what its ``__reduce__`` gave."""
    return GraphPart({fields[0]: VizNode(*fields) for fields in nodes}, *rest)


def read_part(g: TripleIndex) -> GraphPart:
    """One part of a graph as the picture reads it (see :class:`GraphPart`)."""
    part = GraphPart()
    types: dict[str, tuple[str, int]] = {}
    sections: set[str] = set()
    periods: set[str] = set()
    for s, o in g.subject_objects(RDF.type):
        if o == RG.Section:
            sections.add(s)
            continue
        if o == RG.Period:
            periods.add(s)
            continue
        found = _CLASSES.get(o)  # type: ignore[arg-type]
        if found is None or type(s) is not str:
            continue
        if s not in types or found[1] < types[s][1]:
            types[s] = found
    labels = _group_objects(g, RDFS.label, types)
    nodes = part.nodes
    for iri, (etype, _) in types.items():
        label = (_literal_text(labels.get(iri, ())) or [iri.rsplit("/", 1)[-1]])[0]
        nodes[iri] = VizNode(iri=iri, type=etype, label=label)

    def of_kind(*kinds: str) -> dict[str, VizNode]:
        return {iri: n for iri, n in nodes.items() if n.kind in kinds}

    # reports: title, date, periods, file
    reports = of_kind("report")
    titles = _group_objects(g, DCTERMS.title, reports)
    period_of = _group_objects(g, RG.period, reports)
    plan_of = _group_objects(g, RG.planPeriod, reports)
    issued = _group_objects(g, DCTERMS.issued, reports)
    files = _group_objects(g, RG.sourceFile, reports)
    period_labels = {iri: (_literal_text(found) or [""])[0]
                     for iri, found in _group_objects(g, RDFS.label, periods).items()}
    for n in reports.values():
        title = _literal_text(titles.get(n.iri, ()))
        if title:
            n.label = title[0]
        elif n.iri in files:
            n.label = Path(_lexical(files[n.iri][0])).name
        for name, source in (("date", issued), ("source_file", files)):
            if n.iri in source:
                n.details.append((name, _lexical(source[n.iri][0])))
        for name, source in (("summary_period", period_of), ("plan_period", plan_of)):
            if n.iri in source:
                n.details.append((name, period_labels.get(_lexical(source[n.iri][0]), "")))

    # work areas: report, part, heading, order of their sections
    areas = of_kind("area")
    for s, o in g.subject_objects(RG.inReport):
        node = nodes.get(s)
        if node is not None and node.kind in ("area", "indicator", "problem"):
            node.report = _lexical(o)
    for s, o in g.subject_objects(RG.partType):
        area = areas.get(s)
        if area is not None:
            area.details.append(("part", _PART_NAMES.pairs.get(_lexical(o), _lexical(o))))
    for iri, alts in _group_objects(g, SKOS.altLabel, areas).items():
        for text in _literal_text(alts):
            areas[iri].details.append(("heading", text))
    section_area: dict[str, str] = {}
    for s, o in g.subject_objects(RG.workArea):
        target = _lexical(o)
        if s in sections:
            section_area[s] = target
        elif target in areas:
            part.area_links.append((s, target))
    for s, o in g.subject_objects(RG.startOffset):
        area_iri = section_area.get(s)
        if area_iri is not None and area_iri in areas:
            areas[area_iri].order = _int(o)

    # entities: aliases and mention counts
    entities = of_kind("entity")
    for iri, alts in _group_objects(g, SKOS.altLabel, entities).items():
        entities[iri].aliases = [a for a in _literal_text(alts) if a != entities[iri].label]
    for s, o in g.subject_objects(RG.mentionCount):
        ent = entities.get(s)
        if ent is not None:
            ent.mentions = _int(o)

    # indicators: what, how much, when
    indicators = of_kind("indicator")
    fields = (("metric", RG.metric), ("value", RG.value), ("unit", RG.unit), ("qualifier", RG.qualifier),
              ("period", RG.indicatorPeriod))
    found = {name: _group_objects(g, pred, indicators) for name, pred in fields}
    for n in indicators.values():
        metric = _literal_text(found["metric"].get(n.iri, ()))
        value = _number(found["value"].get(n.iri, [None])[0])
        unit = "".join(_literal_text(found["unit"].get(n.iri, ())))
        qualifier = "".join(_literal_text(found["qualifier"].get(n.iri, ())))
        period = [period_labels.get(_lexical(p), "") for p in found["period"].get(n.iri, ())]
        n.details = [(k, v) for k, v in (
            ("metric", metric[0] if metric else ""), ("value", f"{value}{unit}{qualifier}".strip()),
            ("period", period[0] if period else ""),
        ) if v]
        if value:
            n.label = f"{value}{unit}{qualifier}" + (f"\n{_cut(metric[0], 10)}" if metric else "")

    # provenance: each subject's sentences, and each sentence's text and work area
    for s, o in g.subject_objects(RG.statement):
        part.cited.setdefault(s, set()).add(_lexical(o))
    wanted = {st for stmts in part.cited.values() for st in stmts}
    text_of = _group_objects(g, RG.text, wanted)
    report_of = _group_objects(g, RG.inReport, wanted)
    start_of = _group_objects(g, RG.startOffset, wanted)
    section_of = _group_objects(g, RG.inSection, wanted)
    for st in wanted:
        texts = _literal_text(text_of.get(st, ()))
        part.sentences[st] = (
            texts[0] if texts else "",
            _lexical(report_of[st][0]) if st in report_of else "",
            _int(start_of[st][0]) if st in start_of else 0,
        )
        if st in section_of:
            part.statement_area[st] = section_area.get(_lexical(section_of[st][0]), "")

    # edges the sentences state: relations between entities, indicators' entities
    for name in vocab.RELATIONS:
        part.relations.extend((s, _lexical(o), name) for s, o in g.subject_objects(RG[name]))
    part.about.extend((s, _lexical(o)) for s, o in g.subject_objects(RG.aboutEntity) if s in indicators)
    return part


def read_triples(triples: Iterable[Triple]) -> GraphPart:
    """:func:`read_part` of triples given as such (one report's, as a build makes them)."""
    index = TripleIndex()
    index.add(triples)
    return read_part(index)


class GraphReader:
    """:func:`read_graph` in parts: the entities' own triples first, then one report's triples at a time.

    A build draws its picture this way as it writes ``graph.ttl``: each
    report's triples are read (:func:`read_part`, in a worker with
    ``--jobs``) and dropped, and what is kept is what the page shows (nodes,
    edges, the sentences nodes cite), not the triples. The result is the same
    as reading the whole graph at once: every fact about a report's own nodes
    is in that report's triples.
    """

    def __init__(self) -> None:
        self.nodes: dict[str, VizNode] = {}
        self.areas: dict[str, VizNode] = {}
        self.sentences: dict[str, tuple[str, str, int]] = {}
        #: statement -> the work area of its section, for ordering a node's areas
        self.statement_area: dict[str, str] = {}
        #: node -> the statements that cite it
        self.cited: dict[str, set[str]] = defaultdict(set)
        self.edges: dict[tuple[str, str, str], VizEdge] = {}
        #: the parts' indicators not merged yet (:attr:`GraphPart.deferred`): their pickle, or what reads it again
        self.deferred: list[tuple[tuple[str, ...], bytes | Callable[[], bytes]]] = []

    def add_triples(self, triples: Iterable[Triple]) -> None:
        """Read and merge one part given as triples (what ``pipeline.write`` hands its ``collect``)."""
        self.merge(read_triples(triples))

    def add(self, g: TripleIndex) -> None:
        self.merge(read_part(g))

    def merge(self, part: GraphPart, reread: Callable[[], bytes] | None = None) -> None:
        """Take in a part read on its own: its nodes, and its facts about the nodes known so far.

        ``reread`` reads the part's deferred indicators' pickle again (from
        where the part was read): kept instead of the pickle, which for a
        build's thousands of parts is more than the rest of the picture.
        """
        nodes = self.nodes
        for iri, node in part.nodes.items():
            if iri not in nodes:
                nodes[iri] = node
                if node.kind == "area":
                    self.areas[iri] = node
        for s, target in part.area_links:
            node = nodes.get(s)
            if node is not None and target in self.areas and target not in node.areas:
                node.areas.append(target)
        cited, sentences, statement_area = self.cited, self.sentences, self.statement_area
        part_sentences, part_areas = part.sentences, part.statement_area
        for s, stmts in part.cited.items():
            if s in nodes:
                cited[s].update(stmts)
                for st in stmts:
                    text = part_sentences.get(st)
                    if text is not None:
                        sentences[st] = text
                    area = part_areas.get(st)
                    if area is not None:
                        statement_area[st] = area
        for s, o, name in part.relations:
            self._edge(s, o, name, "relation")
        for s, o in part.about:
            self._edge(s, o, "aboutEntity", "about")
        if part.deferred is not None:
            self.deferred.append(part.deferred if reread is None else (part.deferred[0], reread))

    def _merge_deferred(self) -> None:
        """The parts' indicators merged: a part's facts about its indicators mean the same after the others'."""
        deferred, self.deferred = self.deferred, []
        for _, data in deferred:
            self.merge(pickle.loads(data if isinstance(data, bytes) else data()))

    def _edge(self, s: str, o: str, predicate: str, kind: str) -> None:
        source, target = self.nodes.get(s), self.nodes.get(o)
        if source is None or target is None or s == o or target.kind != "entity":
            return
        if kind == "relation" and source.kind != "entity":
            return
        key = (s, o, predicate)
        if key not in self.edges:
            self.edges[key] = VizEdge(s, o, predicate, kind)

    def finish(self, *, lazily: bool = False) -> VizGraph:
        """The picture's graph: every node's sentences and areas in order, the hubs' edges added.

        ``lazily`` (a build's page): without the indicators the parts left
        unread, as long as no selection reaches them (:attr:`VizGraph.whole`).
        """
        if not lazily or not self.deferred:
            self._merge_deferred()
            return self._finished()
        unread = {iri for iris, _ in self.deferred for iri in iris}.difference(self.nodes)
        return replace(self._finished(), total_nodes=len(self.nodes) + len(unread), whole=self.finish)

    def _finished(self) -> VizGraph:
        nodes = dict(sorted(self.nodes.items()))  # the order parts came in must not show in the page
        areas, sentences = self.areas, self.sentences
        # each sentence's place, made once: many nodes cite it
        place = {k: (report, offset, k) for k, (_, report, offset) in sentences.items()}
        statement_area, cited = self.statement_area, self.cited
        for iri, stmts in cited.items():
            node = nodes[iri]
            keys = list(stmts) if len(stmts) == 1 else sorted(stmts, key=place.__getitem__)
            node.statements = keys
            if len(node.areas) > 1:  # the area most of its sentences stand in comes first
                weight = Counter(statement_area[k] for k in keys if k in statement_area)
                node.areas.sort(key=lambda a: (-weight.get(a, 0), areas[a].report, areas[a].order, a))
            if not node.mentions and node.kind == "entity":
                node.mentions = len(keys)
        for node in nodes.values():
            if len(node.areas) > 1 and node.iri not in cited:
                node.areas.sort(key=lambda a: (areas[a].report, areas[a].order, a))

        # hub membership: each area on its report, each node on its areas (an area's nodes are known)
        edges = dict(self.edges)
        for area in areas.values():
            key = (area.report, area.iri, "workArea")
            if area.report in nodes and nodes[area.report].kind == "report" and key not in edges:
                edges[key] = VizEdge(area.report, area.iri, "workArea", "structure")
        for iri, node in nodes.items():
            for area_iri in node.areas:
                key = (iri, area_iri, "workArea")
                if iri != area_iri and key not in edges:
                    edges[key] = VizEdge(iri, area_iri, "workArea", "structure")
        ordered = [edges[key] for key in sorted(edges)]  # each edge's key is (source, target, predicate)
        return VizGraph(nodes=nodes, edges=ordered, sentences=sentences, total_nodes=len(nodes))


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- choosing what to draw


@dataclass(frozen=True)
class Selection:
    """What a user asked to see: types, work areas (label substrings), a node budget."""

    types: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    max_nodes: int | None = DEFAULT_MAX_NODES


def normalize_types(names: Sequence[str]) -> tuple[str, ...]:
    """``--type`` values, case-insensitively, with "Indicator" standing for both kinds.

    Raises ValueError naming the accepted types, for the CLI to show.
    """
    by_lower = {t.lower(): t for t in TYPE_CHOICES}
    out: list[str] = []
    for name in names:
        found = by_lower.get(name.strip().lower())
        if found is None:
            raise ValueError(f"unknown type {name!r}; choose from: {', '.join(TYPE_CHOICES)}")
        out.extend(["Achievement", "Target", "Indicator"] if found == "Indicator" else [found])
    return tuple(dict.fromkeys(out))


#: The kinds of node the budget takes, most wanted first.
_RANK = {"entity": 0, "problem": 1, "indicator": 2}


def _importance(node: VizNode) -> tuple[int, int, str, int, str]:
    """Rank for the node budget: entities by mentions, then problems, then indicators."""
    return (_RANK[node.kind], -node.mentions, node.report, node.order, node.label)


def _by_importance(nodes: Iterable[VizNode]) -> Iterator[VizNode]:
    """``nodes`` in the order of :func:`_importance`, each kind sorted only when it is reached: a budget that the
    entities fill never sorts the indicators (the many nodes of a big graph)."""
    groups: dict[int, list[VizNode]] = {rank: [] for rank in sorted(set(_RANK.values()))}
    for node in nodes:
        groups[_RANK[node.kind]].append(node)
    for group in groups.values():
        group.sort(key=_importance)
        yield from group


def select(vg: VizGraph, selection: Selection) -> VizGraph:
    """The part of the graph a selection asks for, every kept node attached to a kept hub.

    With no filter and no cut everything is drawn, empty work areas too. Else
    nodes are taken in order of importance, each bringing its work area and
    report along, until ``max_nodes`` is reached; hubs left empty are dropped.
    Raises ValueError when a type is unknown or no work area matches. A
    graph without its indicators (:attr:`VizGraph.whole`) is made whole
    first unless only a budget is asked for and the other nodes fill it.
    """
    types = set(normalize_types(selection.types))
    if selection.max_nodes is not None and selection.max_nodes < 1:
        raise ValueError("--max-nodes must be at least 1")
    if vg.whole is not None and (types or selection.areas or selection.max_nodes is None
                                 or len(vg.nodes) <= selection.max_nodes):
        return select(vg.whole(), selection)
    nodes = vg.nodes
    hubs_chosen: set[str] | None = None
    if selection.areas:
        wanted = [a.strip() for a in selection.areas if a.strip()]
        hubs_chosen = {
            n.iri for n in nodes.values()
            if n.kind == "area" and any(w in n.label or any(w in v for _, v in n.details) for w in wanted)
        }
        if not hubs_chosen:
            known = sorted({n.label for n in nodes.values() if n.kind == "area"})
            shown = LIST_SEPARATOR.join(known[:12]) + (" …" if len(known) > 12 else "")
            raise ValueError(f"no work area matches {', '.join(map(repr, wanted))}; work areas are: {shown or '(none)'}")
    filtered = bool(types) or hubs_chosen is not None
    budget = selection.max_nodes if selection.max_nodes is not None else len(nodes)
    if not filtered and len(nodes) <= budget:
        return replace(vg, total_nodes=len(nodes))

    keep: dict[str, None] = {}
    children = [n for n in nodes.values() if n.kind not in ("report", "area")]
    if types:
        children = [n for n in children if n.type in types]
    for child in _by_importance(children):
        areas = [a for a in child.areas if hubs_chosen is None or a in hubs_chosen]
        if hubs_chosen is not None and not areas:
            continue
        needed = [child.iri]
        if areas and areas[0] not in keep:
            needed.append(areas[0])
            report = nodes[areas[0]].report
            if report in nodes and report not in keep:
                needed.append(report)
        if len(keep) + len(needed) > budget:
            if len(keep) >= budget:
                break
            continue
        for iri in reversed(needed):
            keep[iri] = None
    if vg.whole is not None and len(keep) < budget:  # the indicators it lacks would be taken next
        return select(vg.whole(), selection)
    if not filtered:  # a cut, not a filter: hubs that hold nothing still show the report's outline
        for n in sorted((n for n in nodes.values() if n.kind in ("report", "area")), key=lambda n: (n.kind != "report", n.report, n.order)):
            if len(keep) >= budget:
                break
            if n.kind == "area" and n.report in nodes and n.report not in keep:
                continue
            keep.setdefault(n.iri, None)
    kept = {iri: _restrict(n, keep, hubs_chosen) for iri, n in nodes.items() if iri in keep}
    edges = [e for e in vg.edges if e.source in kept and e.target in kept]
    cited = {s for n in kept.values() for s in n.statements}
    sentences = {k: v for k, v in vg.sentences.items() if k in cited}
    return VizGraph(nodes=kept, edges=edges, sentences=sentences,
                    total_nodes=len(nodes) if vg.whole is None else vg.total_nodes)


def _restrict(node: VizNode, keep: dict[str, None], hubs: set[str] | None) -> VizNode:
    areas = [a for a in node.areas if a in keep and (hubs is None or a in hubs)]
    return node if areas == node.areas else replace(node, areas=areas)


# --------------------------------------------------------------------------- layout

#: Distance between neighbouring nodes of a sunflower, and the clearance around a hub.
_SPACING = 46.0
_HUB_CLEARANCE = 90.0
_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))


@functools.lru_cache(maxsize=1024)
def _sunflower(count: int, clearance: float) -> tuple[tuple[float, float], ...]:
    """``count`` points evenly spread on a disc with an empty middle (Vogel's spiral); many discs have as many."""
    out = []
    for i in range(count):
        r = clearance + _SPACING * math.sqrt(i + 0.5)
        out.append((r * math.cos(i * _GOLDEN_ANGLE), r * math.sin(i * _GOLDEN_ANGLE)))
    return tuple(out)


def _disc_radius(count: int, clearance: float) -> float:
    return clearance + _SPACING * math.sqrt(count + 0.5)


def layout(vg: VizGraph) -> dict[str, tuple[float, float]]:
    """Positions for every node, in O(n): the page opens drawn, with no physics to wait for.

    Each report is a hub with its work areas on a ring around it, in the
    report's order; each area's nodes sit on a disc around it, most mentioned
    nearest. Reports are packed in rows; nodes with no work area get a disc of
    their own. Entities named in several areas sit at the area with most of
    their sentences, their other areas joined by edges.
    """
    nodes = vg.nodes
    members: dict[str, list[VizNode]] = defaultdict(list)
    loose: list[VizNode] = []
    for n in nodes.values():
        if n.kind in ("report", "area"):
            continue
        if n.areas:
            members[n.areas[0]].append(n)
        else:
            loose.append(n)
    for group in members.values():
        group.sort(key=_importance)

    by_report: dict[str, list[VizNode]] = defaultdict(list)
    for n in nodes.values():
        if n.kind == "area":
            by_report[n.report if n.report in nodes else ""].append(n)
    blocks: list[tuple[str, float, dict[str, tuple[float, float]]]] = []  # (hub, radius, local positions)
    for report_iri in [n.iri for n in nodes.values() if n.kind == "report"] + ([""] if "" in by_report else []):
        areas = sorted(by_report.get(report_iri, []), key=lambda a: (a.order, a.iri))
        local: dict[str, tuple[float, float]] = {}
        if report_iri:
            local[report_iri] = (0.0, 0.0)
        radii = [_disc_radius(len(members[a.iri]), _HUB_CLEARANCE) for a in areas]
        ring = max(_HUB_CLEARANCE * 2, sum(2 * r + _SPACING for r in radii) / (2 * math.pi)) if areas else 0.0
        if len(areas) == 1:
            ring = radii[0] + _HUB_CLEARANCE
        angle = -math.pi / 2
        total = sum(2 * r + _SPACING for r in radii) or 1.0
        for area, r in zip(areas, radii):
            share = (2 * r + _SPACING) / total * 2 * math.pi
            theta = angle + share / 2
            angle += share
            cx, cy = ring * math.cos(theta), ring * math.sin(theta)
            local[area.iri] = (cx, cy)
            for member, (dx, dy) in zip(members[area.iri], _sunflower(len(members[area.iri]), _HUB_CLEARANCE)):
                local[member.iri] = (cx + dx, cy + dy)
        blocks.append((report_iri, ring + (max(radii) if radii else _HUB_CLEARANCE), local))
    if loose:
        loose.sort(key=_importance)
        local = {n.iri: p for n, p in zip(loose, _sunflower(len(loose), 0.0))}
        blocks.append(("", _disc_radius(len(loose), 0.0), local))

    # shelf packing: rows of blocks about as wide as the whole is tall
    width = math.sqrt(sum((2 * r + _SPACING) ** 2 for _, r, _ in blocks)) * 1.2
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for _, r, local in blocks:
        size = 2 * r + 2 * _SPACING
        if x > 0 and x + size > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + size / 2, y + size / 2
        for iri, (dx, dy) in local.items():
            positions[iri] = (round(cx + dx, 1), round(cy + dy, 1))
        x += size
        row_height = max(row_height, size)
    return positions


# --------------------------------------------------------------------------- the page


#: The page's template, style and script: files beside this module, as datafiles finds the data
#: (importlib.resources would import zipfile at every build).
_ASSETS = Path(__file__).resolve().parent / "viz_assets"


@functools.cache
def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


@functools.cache
def _vis_files() -> tuple[str, str]:
    """vis-network's standalone script and style, from the copy pyvis ships (newest version).

    pyvis is found, not imported: importing it imports IPython and networkx,
    which cost more than drawing the page.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: it ships the vis-network script the page inlines; "
                           "python -m pip install 'pyvis>=0.3'")
    lib = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib"
    versions = sorted(
        (p for p in lib.glob("vis-*") if (p / "vis-network.min.js").is_file()),
        key=lambda p: tuple(int(x) for x in p.name[4:].split(".") if x.isdigit()),
    )
    if not versions:
        raise RuntimeError(f"pyvis at {lib.parent.parent} ships no vis-network; reinstall pyvis>=0.3")
    js = (versions[-1] / "vis-network.min.js").read_text(encoding="utf-8")
    css = (versions[-1] / "vis-network.css").read_text(encoding="utf-8")
    # a source-map comment makes developer tools fetch a file that is not there
    js = "\n".join(line for line in js.split("\n") if not line.startswith("//# sourceMappingURL="))
    return js, css


def _script_json(data: object) -> str:
    """JSON that can stand inside ``<script>``: no ``</script>``, ``<!--`` or ``&`` can appear."""
    return _script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _script_safe(text: str) -> str:
    """JSON text made safe to stand inside ``<script>`` (see :func:`_script_json`)."""
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def _short_report_name(node: VizNode) -> str:
    return _cut(node.label, 18)


#: JSON as ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))`` writes it, and a string's JSON alone
#: (the C function json.dumps calls for it): the page's many small objects are written with these, so that no
#: dict is made for each node and edge only to be encoded
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_string = json.encoder.encode_basestring  # type: ignore[attr-defined]


#: An edge's JSON after its ends (``{"from":1,"to":2`` comes first), by its kind and predicate.
_EDGE_STYLE: dict[str, dict[str, Any]] = {
    "relation": {"arrows": "to", "color": {"color": "#616161", "highlight": "#212121"}, "width": 1.5},
    "about": {"arrows": "to", "dashes": True, "color": {"color": "#b0bec5"}, "font": {"size": 8, "color": "#90a4ae"}},
}


@functools.cache
def _edge_tail(kind: str, predicate: str) -> str:
    style = _EDGE_STYLE.get(kind)
    rest = {"p": predicate, **({"label": predicate, **style} if style is not None else {})}
    return "," + _encode(rest)[1:]


@dataclass(frozen=True)
class _PageData:
    """vis-network's nodes and edges and the side data the page's controls and panel use, as JSON texts (not yet
    made safe to stand in ``<script>``: :func:`_script_safe`), and the counts the page shows."""

    nodes: str
    edges: str
    side: str
    stats: dict[str, int]


def _page_data(vg: VizGraph, positions: dict[str, tuple[float, float]], physics: bool) -> _PageData:
    """The page's data, written as JSON node by node: the same text as ``json.dumps`` of the objects, made once."""
    ids = {iri: i for i, iri in enumerate(vg.nodes)}
    reports = {iri: n for iri, n in vg.nodes.items() if n.kind == "report"}
    many_reports = len({n.report for n in vg.nodes.values() if n.kind == "area"}) > 1
    sentence_ids: dict[str, int] = {}
    sentences: list[list[Any]] = []
    report_names: dict[str, int] = {}
    report_list: list[str] = []
    vg_sentences = vg.sentences

    def report_ref(iri: str) -> int:
        if iri not in report_names:
            report_names[iri] = len(report_list)
            report_list.append(_short_report_name(reports[iri]) if iri in reports else iri.rsplit("/", 1)[-1])
        return report_names[iri]

    area_part = _PHRASES.pairs["area_part"]
    groups = {t: _string(t) for t in STYLES}  # every node's type is one (VizNode.kind)
    vis_nodes: list[str] = []
    info: list[str] = []
    for iri, n in vg.nodes.items():
        x, y = positions.get(iri, (0.0, 0.0))
        kind, label = n.kind, n.label
        if kind == "area":
            part = dict(n.details).get("part", "")
            label = _cut(n.label, _MAX_LABEL_CHARS) + ("\n" + area_part.format(part) if part else "")
        elif kind == "report":
            label = _cut(n.label, 24)
        elif kind != "indicator":
            label = _cut(n.label, _MAX_LABEL_CHARS)
        group = groups[n.type]
        node = f'{{"id":{ids[iri]},"label":{_string(label)},"group":{group},"x":{x!r},"y":{y!r}'
        vis_nodes.append(node + f',"value":{max(n.mentions, 1)}}}' if kind == "entity" else node + "}")
        item = f'{{"t":{group},"n":{_string(n.label)},"iri":{_string(iri)}'
        if n.aliases:
            item += ',"al":' + _encode(n.aliases)
        if n.areas:
            item += ',"ar":[' + ",".join([str(ids[a]) for a in n.areas if a in ids]) + "]"
        statements = n.statements
        if statements:
            refs = []
            for st in statements[:_MAX_SENTENCES]:  # each sentence numbered where it is first cited
                ref = sentence_ids.get(st)
                if ref is None:
                    text, report, _ = vg_sentences.get(st, ("", "", 0))
                    ref = sentence_ids[st] = len(sentences)
                    sentences.append([text, report_ref(report) if report else -1])
                refs.append(str(ref))
            item += ',"s":[' + ",".join(refs) + "]"
            if len(statements) > _MAX_SENTENCES:
                item += f',"more":{len(statements) - _MAX_SENTENCES}'
        if kind == "entity":
            item += f',"m":{n.mentions}'
        if n.details:
            item += ',"d":' + _encode([list(d) for d in n.details])
        if n.report in ids:
            item += f',"r":{ids[n.report]}'
        info.append(item + "}")

    vis_edges = [f'{{"from":{ids[e.source]},"to":{ids[e.target]}{_edge_tail(e.kind, e.predicate)}' for e in vg.edges]

    counts = vg.count_by_type()
    stats = {"nodes": len(vis_nodes), "edges": len(vis_edges), "graphNodes": vg.total_nodes}
    side = {  # after "info", which is written first
        "sentences": sentences,
        "reports": report_list,
        "manyReports": many_reports,
        "areas": [ids[iri] for iri, n in sorted(vg.nodes.items(), key=lambda kv: (kv[1].report, kv[1].order)) if n.kind == "area"],
        "types": [
            {"key": t, "zh": s.name_zh, "shape": s.shape, "color": s.color, "kind": s.kind, "count": counts[t]}
            for t, s in STYLES.items() if counts.get(t)
        ],
        "stats": stats,
        "fields": _FIELD_LABELS.pairs,
        "physics": physics,
    }
    return _PageData(nodes="[" + ",".join(vis_nodes) + "]", edges="[" + ",".join(vis_edges) + "]",
                     side='{"info":[' + ",".join(info) + "]," + _encode(side)[1:], stats=stats)


def _vis_options(n_nodes: int, physics: bool) -> dict[str, Any]:
    """vis-network options: groups per type, physics capped, big graphs kept responsive."""
    groups: dict[str, Any] = {}
    for key, s in STYLES.items():
        if s.kind == "report":
            groups[key] = {"shape": "box", "color": {"background": s.color, "border": "#263238"},
                           "font": {"color": "#ffffff", "size": 22, "bold": True}, "margin": 12, "mass": 4}
        elif s.kind == "area":
            groups[key] = {"shape": "box", "color": {"background": s.color, "border": "#607d8b",
                                                     "highlight": {"background": "#cfd8dc", "border": "#37474f"}},
                           "font": {"size": 16, "color": "#263238", "multi": False}, "margin": 8, "mass": 3,
                           "borderWidth": 2}
        elif s.kind == "indicator":
            groups[key] = {"shape": s.shape, "size": 7, "color": {"background": s.color, "border": "#5f7f5f" if key == "Achievement" else "#5f7f9f"},
                           "font": {"size": 10, "color": "#555555"}}
        else:
            groups[key] = {"shape": s.shape, "size": 14,
                           "color": {"background": s.color, "border": "#424242"},
                           "font": {"size": 13}}
    big = n_nodes > PHYSICS_MAX_NODES
    return {
        "groups": groups,
        "nodes": {
            "scaling": {"min": 10, "max": 34, "label": {"enabled": False}},
            "font": {"face": "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"},
            "borderWidth": 1,
        },
        "edges": {
            "color": {"color": "#cfd8dc", "highlight": "#78909c", "inherit": False},
            "width": 1,
            "smooth": False,
            "font": {"size": 10, "align": "middle", "color": "#455a64", "strokeWidth": 3},
            "selectionWidth": 2,
        },
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "centralGravity": 0.05, "springLength": 90,
                          "springConstant": 0.03, "damping": 0.25, "avoidOverlap": 0.2},
            "stabilization": {"enabled": physics, "iterations": STABILIZATION_ITERATIONS, "updateInterval": 20,
                              "fit": True},
            "minVelocity": 1.0,
        },
    }


def _page_title(vg: VizGraph) -> str:
    reports = [n for n in vg.nodes.values() if n.kind == "report"]
    if len(reports) == 1:
        return reports[0].label or "reportgraph"
    return _PHRASES.pairs["reports_title"].format(len(reports)) if reports else "reportgraph"


def _render_page(title: str, data: _PageData, options: dict[str, Any]) -> str:
    """The page from this package's offline template, with the side data and a hash-based CSP."""
    vis_js, vis_css = _vis_files()
    page_js = _asset("viz.js")
    # the policy lets the page load nothing and run only its own two scripts (by hash):
    # no request can leave it, and nothing a report injects can run
    csp = "; ".join((
        "default-src 'none'",
        f"script-src {_csp_hash(vis_js)} {_csp_hash(page_js)}",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ))
    return _template().render(
        title=title,
        csp=csp,
        vis_css=vis_css,
        page_css=_asset("viz.css"),
        vis_js=vis_js,
        page_js=page_js,
        nodes_json=_script_safe(data.nodes),
        edges_json=_script_safe(data.edges),
        options_json=_script_json(options),
        side_json=_script_safe(data.side),
        stats=data.stats,
    )


#: A slot of the page template: ``{{ name }}`` or ``{{ name.key }}``, ``|safe`` where the value is markup.
_SLOT = re.compile(r"\{\{ (?P<name>[\w.]+)(?P<safe>\|safe)? \}\}")


def _escape_html(text: str) -> str:
    """``text`` as HTML character data or attribute value, escaped as Jinja's autoescape (MarkupSafe) does."""
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


@dataclass(frozen=True)
class _PageTemplate:
    """``viz_assets/page.html``: the page with slots, each filled escaped, so that the title (from a
    report) cannot become markup, or as it is where marked ``|safe`` (the inlined scripts, styles, JSON).

    Not Jinja: the page needs slots only, and importing Jinja and compiling the
    template cost about 50 ms of every build.
    """

    source: str

    def render(self, **values: object) -> str:
        """The page with every slot filled from ``values`` (``name.key`` looks ``key`` up in ``values[name]``)."""
        def fill(slot: re.Match[str]) -> str:
            value: Any = values
            for key in slot["name"].split("."):
                value = value[key]
            return str(value) if slot["safe"] else _escape_html(str(value))

        return _SLOT.sub(fill, self.source)


@functools.cache
def _template() -> _PageTemplate:
    """The page template, without the newline that ends its file (the page ends at ``</html>``)."""
    return _PageTemplate(_asset("page.html").removesuffix("\n"))


@_without_gc
def render_html(vg: VizGraph, *, title: str | None = None) -> str:
    """The whole self-contained page for a (selected) graph, as text."""
    physics = len(vg.nodes) <= PHYSICS_MAX_NODES
    positions = layout(vg)
    data = _page_data(vg, positions, physics)
    return _render_page(title or _page_title(vg), data, _vis_options(data.stats["nodes"], physics))


@dataclass(frozen=True)
class PageSummary:
    """What was drawn, for the command's summary line."""

    nodes: int
    edges: int
    graph_nodes: int
    physics: bool


def write_page(g: Graph, selection: Selection = Selection(), *, title: str | None = None) -> tuple[str, PageSummary]:
    """Read, select, lay out and render: the page for ``g`` as text, and what it shows."""
    vg = select(read_graph(g), selection)
    html = render_html(vg, title=title)
    return html, PageSummary(len(vg.nodes), len(vg.edges), vg.total_nodes, len(vg.nodes) <= PHYSICS_MAX_NODES)
