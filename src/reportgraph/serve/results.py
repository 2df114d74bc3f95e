"""Query results as the SPARQL 1.1 Protocol sends them, chosen by the client's ``Accept`` header.

SELECT and ASK: SPARQL Results JSON, XML, CSV and TSV (W3C formats: CSV
with plain values, TSV with terms in N-Triples syntax). CONSTRUCT and
DESCRIBE: Turtle, N-Triples, JSON-LD, RDF/XML, written by the engine.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from reportgraph.graphfile import XSD_STRING
from reportgraph.sparql import PREFIXES, OxTerm, QueryResult
from reportgraph.sparql_output import format_csv, format_json, json_term

__all__ = [
    "FORMAT_NAMES", "GRAPH_TYPES", "RESULT_TYPES", "choose", "serialize",
]

#: Media types for SELECT and ASK results, in the order preferred when the client does not mind.
RESULT_TYPES: tuple[str, ...] = (
    "application/sparql-results+json", "application/sparql-results+xml", "text/csv",
    "text/tab-separated-values", "application/json", "application/xml", "text/xml",
)
#: Media types for CONSTRUCT and DESCRIBE results, likewise.
GRAPH_TYPES: tuple[str, ...] = (
    "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml", "application/json",
)
_RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
#: ``format=`` (or ``output=``) request parameter values: a result type and a graph type.
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "ttl": (None, "text/turtle"),
    "turtle": (None, "text/turtle"),
    "nt": (None, "application/n-triples"),
    "jsonld": (None, "application/ld+json"),
    "rdfxml": (None, "application/rdf+xml"),
}
_SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    """``text/csv;q=0.5, */*;q=0.1`` -> ``[("text/csv", 0.5), ("*/*", 0.1)]``; bad q-values count as 0."""
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for field in fields[1:]:
            name, _, value = field.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(media: str, ranges: Sequence[tuple[str, float]]) -> float:
    """How much the client wants ``media``: the q of the most specific range that matches it."""
    kind = media.split("/")[0] + "/*"
    best: tuple[int, float] | None = None
    for pattern, q in ranges:
        specificity = 2 if pattern == media else 1 if pattern == kind else 0 if pattern == "*/*" else -1
        if specificity >= 0 and (best is None or specificity > best[0]):
            best = (specificity, q)
    return best[1] if best else 0.0


def choose(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client wants most (ties: ours in order), or None if it wants none.

    No ``Accept`` header means anything will do.
    """
    if not accept or not accept.strip():
        return offered[0]
    ranges = _accept_ranges(accept)
    scored = [(q, -i, media) for i, media in enumerate(offered) if (q := _quality(media, ranges)) > 0]
    return max(scored)[2] if scored else None


# --------------------------------------------------------------------------- writers


def _tsv_term(term: OxTerm | None) -> str:
    """A term in N-Triples syntax, as SPARQL TSV writes it; plain strings in quotes, escaped."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_STRING and not term.language:
        return str(ox.Literal(term.value))
    return str(term)


def _tsv(result: QueryResult) -> str:
    if result.kind == "ask":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines.extend("\t".join(_tsv_term(t) for t in row) for row in result.rows)
    return "\n".join(lines) + "\n"


def _xml_term(term: OxTerm) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (  # an RDF-star quoted triple
        f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
        f"</predicate><object>{_xml_term(term.object)}</object></triple>"
    )


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', f'<sparql xmlns="{_SPARQL_RESULTS_NS}">']
    if result.kind == "ask":
        out.append("<head/>")
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>")
        out.append("<results>")
        for row in result.rows:
            cells = "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.variables, row) if t is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _csv(result: QueryResult) -> str:
    if result.kind == "ask":
        return "_askResult\r\n" + ("true" if result.boolean else "false") + "\r\n"
    return format_csv(result)


def _graph(result: QueryResult, media: str) -> bytes:
    fmt = _RDF_FORMATS[media]
    # instance IRIs hold slashes, which a prefixed name can only carry escaped: written in full they read better
    prefixes = {p: ns for p, ns in PREFIXES.items() if p != "inst"} if fmt == ox.RdfFormat.TURTLE else None
    return ox.serialize(result.triples, format=fmt, prefixes=prefixes) or b""


def _json(result: QueryResult) -> str:
    """SPARQL Results JSON, written row by row from each distinct term's JSON, made once.

    Results repeat their terms (the same work area, unit or report in
    thousands of rows): building a dict per binding and dumping the whole
    tree took three times as long as running the query.
    """
    if result.kind == "ask":
        return format_json(result)
    made: dict[OxTerm, str] = {}

    def term_json(term: OxTerm) -> str:
        text = made.get(term)
        if text is None:
            text = made[term] = json.dumps(json_term(term), ensure_ascii=False, separators=(",", ":"))
        return text

    names = [json.dumps(v, ensure_ascii=False) for v in result.variables]
    rows = (
        "{" + ",".join(f"{n}:{term_json(t)}" for n, t in zip(names, row) if t is not None) + "}"
        for row in result.rows
    )
    head = json.dumps({"vars": result.variables}, ensure_ascii=False)
    return '{"head":' + head + ',"results":{"bindings":[\n' + ",\n".join(rows) + "\n]}}\n"


def serialize(result: QueryResult, media: str) -> bytes:
    """The result in the media type ``choose`` picked from RESULT_TYPES or GRAPH_TYPES for its kind."""
    if result.kind == "graph":
        return _graph(result, media)
    if media in ("application/sparql-results+json", "application/json"):
        return _json(result).encode("utf-8")
    if media == "text/csv":
        return _csv(result).encode("utf-8")
    if media == "text/tab-separated-values":
        return _tsv(result).encode("utf-8")
    return _xml(result).encode("utf-8")
