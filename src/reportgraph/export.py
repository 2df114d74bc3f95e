"""Export the graph for other tools: triple stores, Gephi and Cytoscape, spreadsheets.

Every writer here is deterministic: the same graph always gives the same
bytes, so exports can be diffed and cached.

- ``ttl``: Turtle with readable prefixes, subjects grouped (:mod:`reportgraph.turtle`).
- ``nt``: N-Triples, one triple per line, lines sorted.
- ``nq``, ``trig``: one named graph per report (``<report IRI>/graph``) with
  the report's own triples; what reports share (entities' names, types and
  mention counts, relations between entities, periods) is in the default
  graph. The union of all graphs is the whole graph.
- ``jsonld``: JSON-LD with a ``@context`` of the prefixes, one node object
  per subject.
- ``rdfxml``: RDF/XML, through pyoxigraph, triples sorted.
- ``graphml``: reports, work areas and entities as a network, through networkx.
- ``csv``: ``entities.csv`` and ``indicators.csv`` for spreadsheets.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import PROV, RDF, RDFS, SKOS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from reportgraph import vocab
from reportgraph.graphfile import EXPORT_FORMATS
from reportgraph.safetext import XML_FORBIDDEN, spreadsheet_cell, xml_safe
from reportgraph.turtle import blank_node_labels, group_graph, write_nquads, write_ntriples, write_trig, write_turtle

__all__ = [
    "CSV_FILES", "ENTITY_COLUMNS", "FORMATS", "INDICATOR_COLUMNS", "bind_readable_prefixes", "export",
    "UnwritableGraph", "readable_namespaces", "report_graphs", "to_csv", "to_graphml", "to_jsonld", "to_nquads",
    "to_ntriples", "to_rdfxml", "to_trig", "to_turtle",
]

#: The formats ``export`` writes, with the file extension each one usually has.
FORMATS: dict[str, str] = EXPORT_FORMATS
CSV_FILES = ("entities.csv", "indicators.csv")
INDICATOR_COLUMNS = (
    "report", "work area", "kind", "metric", "value", "unit", "normalized value", "qualifier",
    "source sentence", "base unit", "period", "start", "end", "indicator",
)
ENTITY_COLUMNS = ("label", "type", "aliases", "mention count", "work areas", "reports", "entity")

RG = Namespace(vocab.RG_NS)
INST = Namespace(vocab.INST_NS)
#: Classes of the ontology that are not kinds of entity: everything else typed rg:X is an entity.
_NOT_ENTITIES = frozenset(RG[name] for name in vocab.STRUCTURE_CLASSES)
_INDICATOR_KINDS = {RG[cls]: kind for kind, cls in vocab.INDICATOR_CLASSES.items()}


# --------------------------------------------------------------------------- prefixes


def readable_namespaces(graph: Graph) -> dict[str, str]:
    """``{"community": ".../id/community/", ...}`` for the kinds of instance IRI the graph has, not bound yet.

    Entity and period IRIs are ``inst:TYPE/NAME``; the ``/`` keeps them from
    being prefixed names under ``inst:``, so each kind has its own prefix
    (``vocab.INSTANCE_PREFIXES``, which queries know too) and
    ``<https://w3id.org/reportgraph/id/community/步涌社区>`` is written
    ``community:步涌社区``. Only kinds some subject of the graph is of get
    one, and never a prefix or namespace already bound.
    """
    base = str(INST)
    bound_prefixes = {prefix for prefix, _ in graph.namespaces()}
    bound_namespaces = {str(ns) for _, ns in graph.namespaces()}
    kinds: set[str] = set()
    for s in graph.subjects(unique=True):
        if isinstance(s, URIRef) and s.startswith(base):
            segment, slash, rest = s[len(base):].partition("/")
            if slash and rest and segment in vocab.INSTANCE_PREFIXES:
                kinds.add(segment)
    return {
        kind: ns for kind, ns in sorted(vocab.INSTANCE_PREFIXES.items())
        if kind in kinds and kind not in bound_prefixes and ns not in bound_namespaces
    }


def bind_readable_prefixes(graph: Graph) -> None:
    """Bind the prefixes of :func:`readable_namespaces`, so Turtle and JSON-LD say ``community:步涌社区``."""
    for prefix, ns in readable_namespaces(graph).items():
        graph.bind(prefix, URIRef(ns), override=False)


# --------------------------------------------------------------------------- RDF formats


def to_turtle(graph: Graph) -> bytes:
    """Turtle with readable prefixes; byte-identical for the same triples."""
    bind_readable_prefixes(graph)
    return write_turtle(graph)


def to_ntriples(graph: Graph) -> bytes:
    return write_ntriples(graph)


_Triple = tuple[Node, Node, Node]


def report_graphs(graph: Graph) -> tuple[list[_Triple], dict[URIRef, list[_Triple]]]:
    """Split the graph into shared triples and one list per report, keyed by the named graph's IRI.

    A node belongs to a report when it is the report, says ``rg:inReport`` it,
    is the report's scheme of work areas (``prov:wasDerivedFrom``), or is an
    assessment the report makes of an earlier target (``rg:assessedIn``). A
    triple goes to its subject's report, else to its object's (an entity's
    ``rg:mentionedIn``, ``rg:statement``, ``rg:workArea`` in that report),
    else to the default graph.
    """
    reports: set[Node] = set(graph.subjects(RDF.type, RG.Report))
    owner: dict[Node, Node] = {r: r for r in reports}
    for node, report in graph.subject_objects(RG.inReport):
        if report in reports:
            owner[node] = report
    for assessment, report in graph.subject_objects(RG.assessedIn):
        if report in reports:
            owner.setdefault(assessment, report)  # what came of a target belongs with the review that says it
    for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme):
        derived = graph.value(scheme, PROV.wasDerivedFrom)
        if derived is not None and derived in reports:
            owner[scheme] = derived
    default: list[_Triple] = []
    named: dict[URIRef, list[_Triple]] = {URIRef(f"{r}/graph"): [] for r in reports}
    for s, p, o in graph:
        found = owner.get(s) or owner.get(o)
        if found is None:
            default.append((s, p, o))
        else:
            named[URIRef(f"{found}/graph")].append((s, p, o))
    return default, named


def _namespaces(graph: Graph) -> list[tuple[str, str]]:
    return [(prefix, str(ns)) for prefix, ns in graph.namespaces()]


def to_trig(graph: Graph) -> bytes:
    """TriG: shared triples in the default graph, each report's in its own named graph."""
    bind_readable_prefixes(graph)
    default, named = report_graphs(graph)
    return write_trig(default, named.items(), _namespaces(graph))


def to_nquads(graph: Graph) -> bytes:
    """N-Quads with the same named graphs as :func:`to_trig`."""
    default, named = report_graphs(graph)
    return write_nquads(default, named.items())


#: The end of an IRI RDF/XML can write as an element name (an XML NCName): a predicate needs one.
_NCNAME_END = re.compile(r"[A-Za-z_\u00c0-\ufffd][\w.\-\u00b7\u0300-\u036f\u203f\u2040]*$")


class UnwritableGraph(ValueError):
    """A graph the chosen format cannot hold as it is; ``str()`` says what and which formats can."""


def to_rdfxml(graph: Graph) -> bytes:
    """RDF/XML, the W3C's first RDF syntax (Protégé, older triple stores and XML tools read it).

    Written by pyoxigraph from the triples sorted, so the same graph gives the
    same bytes, one ``rdf:Description`` (or typed element) per subject. XML 1.0
    cannot carry some characters at all (most control characters, U+FFFE,
    U+FFFF), and a predicate must end in an XML name: a graph with either is
    refused with :class:`UnwritableGraph` rather than written wrong.
    """
    import pyoxigraph as ox

    from reportgraph.graphfile import oxigraph_quads

    bind_readable_prefixes(graph)
    triples = sorted((q.triple for q in oxigraph_quads(graph)), key=str)
    for t in triples:
        for term in (t.subject, t.predicate, t.object):
            bad = XML_FORBIDDEN.search(str(term) if isinstance(term, ox.Triple) else term.value)
            if bad:
                raise UnwritableGraph(f"{t.subject} has a value with U+{ord(bad.group()):04X}, a character XML "
                                      "cannot carry; export as ttl, nt, trig or jsonld, which can")
        if not _NCNAME_END.search(t.predicate.value):
            raise UnwritableGraph(f"the property {t.predicate} cannot be written in RDF/XML (its IRI does not end "
                                  "in a name); export as ttl, nt, trig or jsonld, which can")
    # prefixes serve only element names: predicates, and classes as typed elements
    used = {t.predicate.value for t in triples} | {
        t.object.value for t in triples if t.predicate.value == str(RDF.type) and isinstance(t.object, ox.NamedNode)}
    prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces()
                if prefix and any(iri.startswith(str(ns)) for iri in used)}
    data = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=prefixes)
    return data if data is not None else b""


# --------------------------------------------------------------------------- JSON-LD


class _Compactor:
    """IRIs as JSON-LD compact IRIs (``rg:value``) under the graph's prefixes, the rest in full."""

    def __init__(self, namespaces: Iterable[tuple[str, str]]) -> None:
        self._namespaces = sorted(((ns, p) for p, ns in namespaces if p and ns), key=lambda x: (-len(x[0]), x[0]))
        self.used: dict[str, str] = {}
        self._seen: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        text = self._seen.get(iri)
        if text is None:
            text = iri
            for ns, prefix in self._namespaces:
                # a suffix starting with // would read as an absolute IRI, not a compact one
                if iri.startswith(ns) and not iri[len(ns):].startswith("//") and ns[-1] in ":/?#[]@":
                    text = f"{prefix}:{iri[len(ns):]}"
                    self.used[prefix] = ns
                    break
            self._seen[iri] = text
        return text


def to_jsonld(graph: Graph) -> bytes:
    """JSON-LD with a ``@context`` of the used prefixes; one node object per subject, everything sorted.

    Literals keep their exact lexical form (``{"@value": "5.0", "@type":
    "xsd:decimal"}``) rather than becoming JSON numbers, so the graph reads
    back unchanged; plain strings are JSON strings.
    """
    bind_readable_prefixes(graph)
    compact = _Compactor(_namespaces(graph))
    grouped = group_graph(graph)
    bnodes = blank_node_labels(grouped)

    def node_ref(node: Node) -> str:
        return bnodes[node] if isinstance(node, BNode) else compact(str(node))

    def value(node: Node) -> Any:
        if isinstance(node, Literal):
            if node.language:
                return {"@value": str(node), "@language": node.language}
            if node.datatype is None:
                return str(node)
            return {"@value": str(node), "@type": compact(str(node.datatype))}
        return {"@id": node_ref(node)}

    def sort_key(item: Any) -> str:
        return json.dumps(item, ensure_ascii=False, sort_keys=True)

    nodes: list[tuple[tuple[int, str], dict[str, Any]]] = []
    for s, preds in grouped.items():
        obj: dict[str, Any] = {"@id": node_ref(s)}
        for p, objs in preds.items():
            if p == RDF.type and all(not isinstance(o, Literal) for o in objs):
                types = sorted(node_ref(o) for o in objs)
                obj["@type"] = types[0] if len(types) == 1 else types
                continue
            values = sorted((value(o) for o in objs), key=sort_key)
            obj[compact(str(p))] = values[0] if len(values) == 1 else values
        nodes.append(((isinstance(s, BNode), obj["@id"]), obj))
    nodes.sort(key=lambda item: item[0])
    document = {"@context": dict(sorted(compact.used.items())), "@graph": [obj for _, obj in nodes]}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- what the tabular formats read


def _local(iri: Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(graph: Graph, node: Node, *preds: URIRef) -> str:
    for pred in preds:
        values = sorted(str(v) for v in graph.objects(node, pred))
        if values:
            return values[0]
    return ""


def _entities(graph: Graph) -> list[URIRef]:
    """Nodes typed with an rg: class that is not a document or fact class: the things reports name."""
    found = {
        s for s, cls in graph.subject_objects(RDF.type)
        if isinstance(s, URIRef) and isinstance(cls, URIRef) and cls.startswith(str(RG)) and cls not in _NOT_ENTITIES
    }
    return sorted(found)


def _entity_type(graph: Graph, node: Node) -> str:
    types = sorted(_local(c) for c in graph.objects(node, RDF.type) if str(c).startswith(str(RG)))
    return types[0] if types else ""


def _area_labels(graph: Graph, node: Node) -> list[str]:
    return sorted({_text(graph, area, RDFS.label, SKOS.prefLabel) for area in graph.objects(node, RG.workArea)} - {""})


def _report_name(graph: Graph, report: Node) -> str:
    return _text(graph, report, RDFS.label, RG.sourceFile) or str(report)


# --------------------------------------------------------------------------- GraphML


def to_graphml(graph: Graph) -> bytes:
    """Reports, their work areas and the entities they name, as a network for Gephi and Cytoscape.

    Nodes carry ``type`` (an entity type, ``WorkArea`` or ``Report``),
    ``label`` and ``iri``; entities also ``work_area`` (the areas they are
    named in, joined with ``; ``) and ``mention_count``, work areas ``part``
    (summary, problems, plan …) and ``report``. Edges carry ``relation``, the
    same as ``label`` (which Gephi shows on the edge) and ``weight``:

    - ``workArea``: entity to each work area naming it, weighted by the
      sentences of that area that name it;
    - ``coMentioned``: between two entities named in one sentence, weighted
      by the sentences naming both (from the IRI that sorts first);
    - ``inReport``: work area to its report;
    - the relations the reports state (``locatedIn``, ``runIn`` …) and the
      report's ``issuer`` and ``region``, weight 1; ``mentionedIn`` only for
      an entity no work area holds.

    Text XML cannot carry (most control characters, U+FFFE, U+FFFF) is
    replaced by U+FFFD, so any graph gives a file every GraphML reader opens.
    """
    import networkx as nx

    net = nx.MultiDiGraph()

    def node(iri: Node, **attrs: object) -> None:
        net.add_node(xml_safe(str(iri)), iri=xml_safe(str(iri)),
                     **{k: xml_safe(v) if isinstance(v, str) else v for k, v in attrs.items()})

    reports = sorted(r for r in graph.subjects(RDF.type, RG.Report) if isinstance(r, URIRef))
    for report in reports:
        node(report, type="Report", label=_report_name(graph, report))
    areas = sorted(a for a in graph.subjects(RDF.type, RG.WorkArea) if isinstance(a, URIRef))
    for area in areas:
        owner = graph.value(area, RG.inReport)
        node(area, type="WorkArea", label=_text(graph, area, RDFS.label, SKOS.prefLabel) or _local(area),
             part=_text(graph, area, RG.partType), report=_report_name(graph, owner) if owner is not None else "")
    entities = _entities(graph)
    for ent in entities:
        count = graph.value(ent, RG.mentionCount)
        node(ent, type=_entity_type(graph, ent), label=_text(graph, ent, RDFS.label) or _local(ent),
             work_area="; ".join(_area_labels(graph, ent)),
             mention_count=int(count.toPython()) if isinstance(count, Literal) else 0)
    for n, (source, relation, target, weight) in enumerate(_network_edges(graph, reports, areas, entities)):
        net.add_edge(xml_safe(str(source)), xml_safe(str(target)), key=f"e{n}",
                     relation=relation, label=relation, weight=weight)
    buffer = io.BytesIO()
    # the ElementTree writer: it writes UTF-8 text as it is (lxml's would escape every Chinese character)
    nx.write_graphml_xml(net, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


_Edge = tuple[Node, str, Node, int]


def _network_edges(graph: Graph, reports: list[URIRef], areas: list[URIRef], entities: list[URIRef]) -> list[_Edge]:
    """The GraphML edges (source, relation, target, weight), sorted: see :func:`to_graphml`."""
    area_set, entity_set = set(areas), set(entities)
    area_of_section = {sec: area for sec, area in graph.subject_objects(RG.workArea)
                       if area in area_set and (sec, RDF.type, RG.Section) in graph}
    area_of_statement = {st: area_of_section[sec] for st, sec in graph.subject_objects(RG.inSection)
                         if sec in area_of_section}
    in_area: Counter[tuple[Node, Node]] = Counter()
    naming: dict[Node, set[URIRef]] = defaultdict(set)
    for ent in entities:
        for statement in graph.objects(ent, RG.statement):
            naming[statement].add(ent)
            area = area_of_statement.get(statement)
            if area is not None:
                in_area[ent, area] += 1
    for ent in entities:  # an area the graph says names it, though no sentence of it is recorded
        for area in graph.objects(ent, RG.workArea):
            if area in area_set and (ent, area) not in in_area:
                in_area[ent, area] = 1
    together: Counter[tuple[Node, Node]] = Counter()
    for named in naming.values():
        for pair in itertools.combinations(sorted(named), 2):
            together[pair] += 1
    edges: set[_Edge] = {(e, "workArea", a, n) for (e, a), n in in_area.items()}
    edges |= {(a, "coMentioned", b, n) for (a, b), n in together.items()}
    reports_set = set(reports)
    for area in areas:
        owner = graph.value(area, RG.inReport)
        if owner is not None and owner in reports_set:
            edges.add((area, "inReport", owner, 1))
    placed = {e for e, _ in in_area}
    known = entity_set | reports_set
    for s, p, o in graph:
        if s in known and o in known and isinstance(p, URIRef) and p != RDF.type and p != RG.mentionedIn:
            edges.add((s, _local(p), o, 1))
    edges |= {(e, "mentionedIn", r, 1) for e, r in graph.subject_objects(RG.mentionedIn)
              if e in entity_set and e not in placed and r in reports_set}
    return sorted(edges)


# --------------------------------------------------------------------------- CSV


def _number(node: Node | None) -> str:
    """A number as plain digits (no exponent), which every spreadsheet reads as a number."""
    if not isinstance(node, Literal):
        return ""
    try:
        number = Decimal(str(node))
    except InvalidOperation:
        return spreadsheet_cell(str(node))
    if not number.is_finite():
        return str(node)
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def _csv_bytes(header: Iterable[str], rows: Iterable[Iterable[str]]) -> bytes:
    """UTF-8 with a byte order mark and CRLF line ends: what Excel needs to open Chinese text correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _indicator_rows(graph: Graph) -> Iterator[tuple[tuple[Any, ...], list[str]]]:
    for kind_class, kind in _INDICATOR_KINDS.items():
        for ind in graph.subjects(RDF.type, kind_class):
            report = graph.value(ind, RG.inReport)
            area = graph.value(ind, RG.workArea)
            statement = graph.value(ind, RG.statement)
            start, end = graph.value(ind, RG.startOffset), graph.value(ind, RG.endOffset)
            period = graph.value(ind, RG.indicatorPeriod)
            row = [
                spreadsheet_cell(_report_name(graph, report) if report is not None else ""),
                spreadsheet_cell(_text(graph, area, RDFS.label, SKOS.prefLabel) if area is not None else ""),
                kind,
                spreadsheet_cell(_text(graph, ind, RG.metric)),
                _number(graph.value(ind, RG.value)),
                spreadsheet_cell(_text(graph, ind, RG.unit)),
                _number(graph.value(ind, RG.normalizedValue)),
                spreadsheet_cell(_text(graph, ind, RG.qualifier)),
                spreadsheet_cell(_text(graph, statement, RG.text) if statement is not None else ""),
                spreadsheet_cell(_text(graph, ind, RG.baseUnit)),
                spreadsheet_cell(_text(graph, period, RDFS.label) if period is not None else ""),
                _number(start),
                _number(end),
                str(ind),
            ]
            offset = int(start.toPython()) if isinstance(start, Literal) and isinstance(start.toPython(), int) else -1
            yield (str(report), offset, str(ind)), row


def to_csv(graph: Graph) -> dict[str, bytes]:
    """``entities.csv`` and ``indicators.csv``: one row per entity and per indicator, for spreadsheets.

    Indicators are sorted by report and position in the report; entities by
    type and label. Several values in one cell (aliases, work areas,
    reports) are joined with ``; ``.
    """
    indicators = [row for _, row in sorted(_indicator_rows(graph), key=lambda item: item[0])]
    entity_rows: list[list[str]] = []
    for ent in _entities(graph):
        label = _text(graph, ent, RDFS.label)
        aliases = sorted({str(a) for a in graph.objects(ent, SKOS.altLabel)} - {label})
        reports = sorted({_report_name(graph, r) for r in graph.objects(ent, RG.mentionedIn)})
        entity_rows.append([
            spreadsheet_cell(label), _entity_type(graph, ent), spreadsheet_cell("; ".join(aliases)),
            _number(graph.value(ent, RG.mentionCount)), spreadsheet_cell("; ".join(_area_labels(graph, ent))),
            spreadsheet_cell("; ".join(reports)), str(ent),
        ])
    entity_rows.sort(key=lambda row: (row[1], row[0], row[-1]))
    return {
        "entities.csv": _csv_bytes(ENTITY_COLUMNS, entity_rows),
        "indicators.csv": _csv_bytes(INDICATOR_COLUMNS, indicators),
    }


# --------------------------------------------------------------------------- one call


def export(graph: Graph, fmt: str) -> dict[str, bytes]:
    """The graph in format ``fmt``: ``{file name: bytes}``, one file except for ``csv``.

    Single-file formats are keyed by ``graph`` plus the format's extension;
    the caller decides where they go.
    """
    writers = {
        "ttl": to_turtle, "nt": to_ntriples, "nq": to_nquads, "trig": to_trig, "jsonld": to_jsonld,
        "rdfxml": to_rdfxml, "graphml": to_graphml,
    }
    if fmt == "csv":
        return to_csv(graph)
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return {f"graph{FORMATS[fmt]}": writers[fmt](graph)}
