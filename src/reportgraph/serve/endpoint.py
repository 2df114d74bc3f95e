"""``/sparql``: the SPARQL 1.1 Protocol, read-only, each query in a killable child process.

GET with ``query=``, POST as a form (``application/x-www-form-urlencoded``)
or as ``application/sparql-query``; the answer's format by content
negotiation (or ``format=json|xml|csv|tsv|ttl|nt|jsonld|rdfxml``). Updates
are refused (403), so are ``SERVICE`` clauses (400); a query runs at most
the time limit and returns at most the row limit, each refused with a
clear message. The query itself runs in :mod:`reportgraph.sandbox`: see
there why in another process.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs

from reportgraph.sparql import QueryError, QueryGraph, QuerySyntaxError, run_capped
from reportgraph.serve.results import FORMAT_NAMES, GRAPH_TYPES, RESULT_TYPES, choose, serialize

__all__ = ["Answer", "QueryRequest", "RequestProblem", "answer", "read_request"]

_TEXT = "text/plain; charset=utf-8"
_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"
_READ_ONLY = "this endpoint is read-only: SPARQL Update is refused (it serves the graph files it was started with)"


@dataclass(frozen=True)
class Answer:
    """What goes back to the client: status, media type, body."""

    status: int
    media_type: str
    body: bytes

    @classmethod
    def text(cls, status: int, message: str) -> Answer:
        return cls(status, _TEXT, (message.rstrip("\n") + "\n").encode("utf-8"))


class RequestProblem(Exception):
    """The HTTP request is not a query this endpoint runs; carries the answer to send."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.answer = Answer.text(status, message)


@dataclass(frozen=True)
class QueryRequest:
    """A query as the protocol delivers it, with the media types the client takes for each kind of result."""

    sparql: str
    result_type: str | None
    graph_type: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise RequestProblem(400, f"give '{name}' once, not {len(values)} times")
    return values[0] if values else None


def read_request(
    method: str, query_string: str, content_type: str | None, body: bytes, accept: str | None,
) -> QueryRequest | None:
    """The query in an HTTP request, or None for a GET with no query (the service description).

    Raises RequestProblem with the status to answer: 403 for an update,
    415 for a body type the protocol does not define, 400 for a malformed
    request, 406 when the client accepts no format we write.
    """
    params = parse_qs(query_string, keep_blank_values=True)
    media = (content_type or "").split(";")[0].strip().lower()
    sparql: str | None = None
    if method == "POST":
        if media == _UPDATE:
            raise RequestProblem(403, _READ_ONLY)
        if media == _FORM:
            form = parse_qs(_text(body), keep_blank_values=True)
            if "update" in form:
                raise RequestProblem(403, _READ_ONLY)
            for name, values in form.items():
                params.setdefault(name, []).extend(values)
        elif media == _QUERY:
            sparql = _text(body)
        else:
            raise RequestProblem(
                415, f"a POST body must be {_FORM} (query=...) or {_QUERY}, not {media or 'untyped'}"
            )
    if "update" in params:
        raise RequestProblem(403, _READ_ONLY)
    in_params = _one(params, "query")
    if sparql is not None and in_params is not None:
        raise RequestProblem(400, "give the query either as the body or as the 'query' parameter, not both")
    sparql = sparql if sparql is not None else in_params
    if sparql is None:
        if method == "POST":
            raise RequestProblem(400, "no query: send query=... (form) or the query as an application/sparql-query body")
        return None
    if not sparql.strip():
        raise RequestProblem(400, "the query is empty")
    result_type, graph_type = _negotiate(params, accept)
    return QueryRequest(
        sparql, result_type, graph_type,
        tuple(params.get("default-graph-uri", [])), tuple(params.get("named-graph-uri", [])),
    )


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestProblem(400, "the request body is not UTF-8 text") from None


def _negotiate(params: dict[str, list[str]], accept: str | None) -> tuple[str | None, str | None]:
    name = _one(params, "format") or _one(params, "output")
    if name is not None:
        if name.lower() not in FORMAT_NAMES:
            raise RequestProblem(400, f"unknown format {name!r}; choose one of {', '.join(FORMAT_NAMES)}")
        return FORMAT_NAMES[name.lower()]
    result_type, graph_type = choose(accept, RESULT_TYPES), choose(accept, GRAPH_TYPES)
    if result_type is None and graph_type is None:
        raise RequestProblem(406, f"no format you accept ({accept}); this endpoint writes {', '.join(RESULT_TYPES + GRAPH_TYPES)}")
    return result_type, graph_type


def answer(graph: QueryGraph, request: QueryRequest, max_rows: int) -> Answer:
    """Run the query and write the result: the job each sandboxed child runs."""
    try:
        result = run_capped(
            graph, request.sparql, max_rows,
            default_graphs=request.default_graphs, named_graphs=request.named_graphs,
        )
    except QuerySyntaxError as err:
        return Answer.text(400, "\n".join(filter(None, [str(err), err.pointer()])))
    except QueryError as err:
        return Answer.text(400, str(err))
    kind_types: Sequence[str]
    if result.kind == "graph":
        media, kind_types, what = request.graph_type, GRAPH_TYPES, "CONSTRUCT and DESCRIBE results"
    else:
        media, kind_types, what = request.result_type, RESULT_TYPES, "SELECT and ASK results"
    if media is None:
        return Answer.text(406, f"{what} are written as {', '.join(kind_types)}; your Accept header takes none of them")
    body = serialize(result, media)
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Answer(200, media + charset, body)
