"""Read a graph file (what ``build`` or ``export`` wrote) back into an rdflib Graph.

``export`` and ``validate`` work on a graph file rather than on reports, so
that a graph built once can be exported many times. Files are parsed with
oxigraph and its terms turned into rdflib's: several times faster than
rdflib's own Turtle parser, conversion included. The format comes from the file's extension.
A dataset's named graphs (N-Quads, TriG) are merged into one graph.
"""
from __future__ import annotations

import os
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from reportgraph.errors import ReportError
from reportgraph.rdf import bind_prefixes

__all__ = ["FORMATS_BY_SUFFIX", "read_graph"]

#: File extension -> oxigraph's name for the format.
FORMATS_BY_SUFFIX: dict[str, str] = {
    ".ttl": "TURTLE", ".turtle": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS",
    ".trig": "TRIG", ".jsonld": "JSON_LD", ".json": "JSON_LD", ".rdf": "RDF_XML",
    ".owl": "RDF_XML", ".xml": "RDF_XML", ".n3": "N3",
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class _Terms:
    """oxigraph term -> rdflib term, each distinct term converted once."""

    def __init__(self) -> None:
        self._seen: dict[object, Node] = {}

    def __call__(self, term: object) -> Node:
        node = self._seen.get(term)
        if node is None:
            node = self._seen[term] = self._convert(term)
        return node

    @staticmethod
    def _convert(term: object) -> Node:
        import pyoxigraph as ox

        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            # "x" in Turtle is xsd:string in RDF 1.1; rdflib's own parsers give it no datatype
            return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
        raise ValueError(f"unsupported term {term!r}")


def read_graph(path: str | os.PathLike[str]) -> Graph:
    """Parse a graph file; a missing, unreadable or broken file is a ReportError naming it."""
    import pyoxigraph as ox

    file = Path(path)
    if file.is_dir() and (file / "graph.ttl").is_file():
        file = file / "graph.ttl"  # the folder `reportgraph build --out DIR` wrote
    name = getattr(ox.RdfFormat, FORMATS_BY_SUFFIX.get(file.suffix.lower(), ""), None)
    if name is None:
        known = ", ".join(sorted(FORMATS_BY_SUFFIX))
        raise ReportError(str(path), f"unknown graph file type {file.suffix or '(none)'!r}; expected one of {known}")
    if not file.exists():
        raise ReportError(str(path), "no such file (build the graph first: reportgraph build)")
    if file.is_dir():
        raise ReportError(str(path), "is a folder, not a graph file")
    data = file.read_bytes()
    graph = Graph(bind_namespaces="core")
    bind_prefixes(graph)
    term = _Terms()
    try:
        parser = ox.parse(data, format=name)
        graph.addN((term(q.subject), term(q.predicate), term(q.object), graph) for q in parser)
    except SyntaxError as err:
        raise ReportError(str(path), f"not valid {name.name}: {err}") from None
    except ValueError as err:
        raise ReportError(str(path), f"cannot read: {err}") from None
    # the file's own prefixes too, where they name a namespace not bound yet
    bound = {str(ns) for _, ns in graph.namespaces()}
    for prefix, ns in sorted(getattr(parser, "prefixes", {}).items()):
        if prefix and ns not in bound:
            graph.bind(prefix, ns, override=False)
            bound.add(ns)
    return graph
