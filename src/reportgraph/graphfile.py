"""Graph files: the one way every command finds, names and reads a graph written by ``build`` or ``export``.

``query``, ``viz``, ``export``, ``validate`` and ``evaluate`` all take a graph
file, so they share one table of RDF formats by file suffix
(:data:`RDF_FORMATS`), one rule for a folder (it stands for the
``graph.ttl`` that ``build --out DIR`` wrote in it), one set of messages for a
missing, unknown or broken file, and one term converter each way between
pyoxigraph and rdflib.

Files are parsed by pyoxigraph: several times faster than rdflib's own
Turtle parser, conversion to rdflib terms included. A dataset's named graphs
(N-Quads, TriG) are merged into one graph.

Nothing heavy is imported until a file is read, so the command line's
``--help`` can name the formats without loading rdflib or pyoxigraph.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from reportgraph import vocab
from reportgraph.errors import ReportError

#: typing and pathlib are imported where needed: ``reportgraph --help`` imports this module for its names.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.term import Node

__all__ = [
    "EXPORT_FORMATS", "FORMAT_NAMES", "GRAPH_FILE", "PAGE_FILE", "RDF_FORMATS", "XSD_STRING", "ToOxigraph", "ToRdflib", "export_format", "is_graph_file",
    "first_line", "load_into", "locate", "oxigraph_quads", "read_graph",
]

#: The file ``build --out DIR`` writes the graph to; a folder given as a graph means this file in it.
GRAPH_FILE = "graph.ttl"
#: The page ``build --out DIR`` draws the graph in, next to :data:`GRAPH_FILE`.
PAGE_FILE = "graph.html"

#: File suffix -> RDF format, as the name of a ``pyoxigraph.RdfFormat`` member.
RDF_FORMATS: dict[str, str] = {
    ".ttl": "TURTLE", ".turtle": "TURTLE",
    ".nt": "N_TRIPLES", ".ntriples": "N_TRIPLES",
    ".nq": "N_QUADS", ".nquads": "N_QUADS",
    ".trig": "TRIG",
    ".jsonld": "JSON_LD", ".json": "JSON_LD",
    ".rdf": "RDF_XML", ".owl": "RDF_XML", ".xml": "RDF_XML",
    ".n3": "N3",
}
#: The formats by the names people know them by, for help texts.
FORMAT_NAMES = "Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML"

#: The formats ``export`` writes, by the code ``--format`` takes, with the suffix each file usually
#: has (csv writes two files into a folder, so it has none).
EXPORT_FORMATS: dict[str, str] = {
    "ttl": ".ttl", "nt": ".nt", "nq": ".nq", "trig": ".trig", "jsonld": ".jsonld", "rdfxml": ".rdf",
    "graphml": ".graphml", "csv": "",
}

#: The datatype of a plain string literal, which rdflib writes as no datatype at all.
XSD_STRING = vocab.XSD_NS + "string"


def export_format(path: str | os.PathLike[str]) -> str | None:
    """The export format a file name asks for by its suffix (``.json`` and ``.turtle`` too), or None."""
    from pathlib import Path

    suffix = Path(path).suffix.lower()
    wanted = RDF_FORMATS.get(suffix)
    for code, usual in EXPORT_FORMATS.items():
        if usual and (usual == suffix or (wanted is not None and RDF_FORMATS.get(usual) == wanted)):
            return code
    return None


def is_graph_file(word: str) -> bool:
    """Whether ``word`` names an existing file with a graph file's suffix."""
    from pathlib import Path

    return Path(word).suffix.lower() in RDF_FORMATS and Path(word).is_file()


def locate(path: str | os.PathLike[str]) -> tuple[Path, str]:
    """The graph file ``path`` names and its format (a ``pyoxigraph.RdfFormat`` member name).

    A folder stands for its ``graph.ttl``. A missing file, a folder without a
    graph, or a suffix that names no RDF format is a ReportError naming the path.
    """
    from pathlib import Path

    file = Path(path)
    if file.is_dir():
        if not (file / GRAPH_FILE).is_file():
            raise ReportError(str(path), f"is a folder without a {GRAPH_FILE} in it: build one into it "
                                         f"(reportgraph build --out {path}) or name the graph file itself")
        file = file / GRAPH_FILE  # the folder `reportgraph build --out DIR` wrote
    fmt = RDF_FORMATS.get(file.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(RDF_FORMATS))
        raise ReportError(str(file), f"unknown graph file type {file.suffix or '(none)'!r}; expected one of {known}")
    if not file.exists():
        raise ReportError(str(file), "no such file (build the graph first: reportgraph build)")
    return file, fmt


def first_line(err: BaseException) -> str:
    """An error's own words on one line (a SyntaxError's without the ``(file, line n)`` tail)."""
    text = (err.msg if isinstance(err, SyntaxError) and err.msg else str(err)).strip() or type(err).__name__
    return text.splitlines()[0]


def _rdf_format(name: str) -> ox.RdfFormat:
    import pyoxigraph as ox

    fmt: ox.RdfFormat = getattr(ox.RdfFormat, name)
    return fmt


def _read_error(file: Path, fmt: ox.RdfFormat, err: BaseException) -> ReportError:
    """The one message for a file that cannot be read, whoever reads it."""
    if isinstance(err, SyntaxError):
        return ReportError(str(file), f"not valid {fmt.name}: {first_line(err)}")
    if isinstance(err, IsADirectoryError):
        return ReportError(str(file), "is a folder, not a graph file")
    if isinstance(err, PermissionError):
        return ReportError(str(file), "permission denied")
    return ReportError(str(file), f"cannot be read as {fmt.name}: {first_line(err)}")


def read_graph(path: str | os.PathLike[str]) -> Graph:
    """Parse a graph file (or a build folder) into an rdflib Graph with the project's prefixes bound.

    A missing, unreadable or broken file is a ReportError naming it.
    """
    import pyoxigraph as ox
    from rdflib import Graph, Namespace

    file, name = locate(path)
    fmt = _rdf_format(name)
    graph = Graph(bind_namespaces="core")
    for prefix, ns in vocab.GRAPH_PREFIXES.items():
        graph.bind(prefix, Namespace(ns), override=True, replace=True)
    term = ToRdflib()
    try:
        parser = ox.parse(file.read_bytes(), format=fmt)
        graph.addN((term(q.subject), term(q.predicate), term(q.object), graph) for q in parser)
    except (OSError, SyntaxError, ValueError) as err:
        raise _read_error(file, fmt, err) from None
    # the file's own prefixes too, where they name a namespace not bound yet
    bound = {str(ns) for _, ns in graph.namespaces()}
    for prefix, ns in sorted(getattr(parser, "prefixes", {}).items()):
        if prefix and ns not in bound:
            graph.bind(prefix, ns, override=False)
            bound.add(ns)
    return graph


def load_into(store: ox.Store, path: str | os.PathLike[str]) -> bool:
    """Bulk-load a graph file (or a build folder) into a pyoxigraph store, straight from disk.

    Returns whether the file was a dataset (N-Quads, TriG), whose named graphs
    a query must see as one. Errors are those of :func:`read_graph`.
    """
    file, name = locate(path)
    fmt = _rdf_format(name)
    try:
        store.bulk_load(path=str(file), format=fmt)
    except (OSError, SyntaxError, ValueError) as err:
        raise _read_error(file, fmt, err) from None
    return bool(fmt.supports_datasets)


# --------------------------------------------------------------------------- terms, each way


class ToRdflib:
    """pyoxigraph term -> rdflib term, each distinct term converted once."""

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
        from rdflib import BNode, Literal, URIRef

        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            # "x" in Turtle is xsd:string in RDF 1.1; rdflib's own parsers give it no datatype
            return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))
        return Literal(str(term))  # an RDF-star quoted triple: rdflib has no term for it


class ToOxigraph:
    """rdflib term -> pyoxigraph term, each distinct term converted once (blank nodes kept apart by label)."""

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}

    def __call__(self, node: Any) -> Any:
        term = self._seen.get(node)
        if term is None:
            term = self._seen[node] = self._convert(node)
        return term

    @staticmethod
    def _convert(node: Any) -> Any:
        import pyoxigraph as ox
        from rdflib import BNode, Literal, URIRef

        if isinstance(node, URIRef):
            return ox.NamedNode(str(node))
        if isinstance(node, BNode):
            return ox.BlankNode()
        if isinstance(node, Literal):
            if node.language:
                return ox.Literal(str(node), language=node.language)
            if node.datatype is not None:
                return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
            return ox.Literal(str(node))
        raise ValueError(f"cannot convert {node!r} to a pyoxigraph term")


def oxigraph_quads(graph: Graph) -> Iterator[ox.Quad]:
    """An rdflib graph's triples as pyoxigraph quads in the default graph; a dataset's named graphs are merged."""
    import pyoxigraph as ox

    convert = ToOxigraph()
    default = ox.DefaultGraph()
    triples: Iterable[tuple[Any, Any, Any]]
    if getattr(graph, "context_aware", False):  # a Dataset: every named graph, each triple once
        triples = dict.fromkeys((s, p, o) for s, p, o, _ in graph.quads((None, None, None, None)))  # type: ignore[attr-defined]
    else:
        triples = graph
    for s, p, o in triples:
        yield ox.Quad(convert(s), convert(p), convert(o), default)
