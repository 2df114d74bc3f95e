"""The Starlette application: routes, templates, safety headers, limits.

Pages are rendered from :mod:`reportgraph.serve.pages` data through Jinja2
templates with autoescaping on, so text from a report is always text;
every response carries a Content-Security-Policy that lets a page load
only this server's own scripts, styles and data, as a second wall. Static
files come from the package only. Requests over :data:`MAX_REQUEST_BYTES`
are refused before they are read.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from html import unescape as html_unescape
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reportgraph import vocab
from reportgraph.sandbox import Busy, Sandbox, SandboxError, TimeLimitExceeded
from reportgraph.serve import endpoint, picture
from reportgraph.serve.answers import Answers
from reportgraph.serve.pages import Pages, valid_iri
from reportgraph.sparql import PREFIXES, QueryGraph, bind_values, named_queries

__all__ = ["CSP", "MAX_REQUEST_BYTES", "QUERY_PAGE_CSP", "Site", "make_app", "page_href"]

#: Requests with a larger body are refused (413) before it is read; a SPARQL query is never this long.
MAX_REQUEST_BYTES = 1 << 20
#: The policy of every page: this server's scripts, styles, images and data only; no frames, no plugins.
CSP = "; ".join((
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
#: YASGUI sets element styles inline (an editor and a results table need them); scripts stay as strict.
QUERY_PAGE_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
_SAFETY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@dataclass
class Site:
    """Everything the application serves: the loaded graph, its pages, the query sandbox, the limits."""

    graph: QueryGraph
    sandbox: Sandbox
    max_rows: int
    sources: list[str] = field(default_factory=list)
    answers: Answers = field(default_factory=Answers)

    def __post_init__(self) -> None:
        self.pages = Pages(self.graph)


def page_href(iri: str | None) -> str:
    """The site's page for a resource: ``/id/…`` for the graph's own IRIs, ``/resource?iri=…`` for others."""
    if not iri:
        return ""
    if iri.startswith(vocab.INST_NS) and len(iri) > len(vocab.INST_NS):
        return "/id/" + quote(iri[len(vocab.INST_NS):], safe="/")
    return "/resource?" + urlencode({"iri": iri})


@functools.cache
def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(resources.files("reportgraph.serve").joinpath("templates"))),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.globals["href"] = page_href
    env.globals["measure_href"] = lambda name: "/measure?" + urlencode({"name": name or ""})
    env.filters["compact"] = _compact
    return env


def _compact(iri: str | None) -> str:
    """``https://w3id.org/reportgraph/ns#Target`` -> ``rg:Target``, for people."""
    if not iri:
        return ""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _render(template: str, status: int = 200, **data: Any) -> HTMLResponse:
    return HTMLResponse(_templates().get_template(template).render(**data), status_code=status)


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    return Response(body, status_code=status, media_type="application/json")


def _not_found(what: str, as_json: bool) -> Response:
    if as_json:
        return _json({"error": what}, 404)
    return _render("error.html", 404, title="404", message=what)


# --------------------------------------------------------------------------- pages


async def _reports(request: Request) -> Response:
    site: Site = request.app.state.site
    data = await run_in_threadpool(site.pages.reports)
    if request.url.path.endswith(".json"):
        return _json(data)
    return _render("reports.html", **data, sources=site.sources)


_TEMPLATE_OF_KIND = {
    "report": "report.html", "area": "area.html", "statement": "statement.html", "entity": "entity.html",
}


async def _by_id(request: Request) -> Response:
    """``/id/PATH`` (the graph's own IRIs) and ``/resource?iri=IRI`` (any): the page of the resource's kind."""
    site: Site = request.app.state.site
    path: str | None = request.path_params.get("path")
    as_json = request.url.path.endswith(".json")
    if path is not None:
        if as_json:
            path = path[: -len(".json")]
        iri = vocab.INST_NS + path
    else:
        iri = request.query_params.get("iri", "")
        if not valid_iri(iri):
            return _not_found(f"not an IRI: {iri!r}" if iri else "give the resource as ?iri=…", as_json)
        if iri.startswith(vocab.INST_NS) and not as_json:
            return RedirectResponse(page_href(iri), status_code=303)
    return await run_in_threadpool(_resource_page, site, iri, as_json)


def _resource_page(site: Site, iri: str, as_json: bool) -> Response:
    pages = site.pages
    kind = pages.kind(iri)
    if kind is None:
        return _not_found(f"the graph has nothing about <{iri}>", as_json)
    if kind == "section":
        area = next((r["object"] for r in pages.rows("resource_out", {"this": iri})
                     if r["predicate"] == vocab.rg("workArea")), None)
        if area:
            return RedirectResponse(page_href(area) + (".json" if as_json else ""), status_code=303)
    if kind == "measure":
        name = pages.measure_name(iri) or ""
        return RedirectResponse(("/measure.json?" if as_json else "/measure?") + urlencode({"name": name}), status_code=303)
    data = None
    if kind in _TEMPLATE_OF_KIND:
        data = getattr(pages, kind)(iri)
    if data is None:
        data = pages.resource(iri, kind)
    if as_json:
        return _json(data)
    return _render(_TEMPLATE_OF_KIND.get(kind, "resource.html"), **data)


async def _measure(request: Request) -> Response:
    site: Site = request.app.state.site
    name = request.query_params.get("name", "")
    data = await run_in_threadpool(site.pages.measure, name)
    if request.url.path.endswith(".json"):
        return _json(data)
    return _render("measure.html", **data, chart=picture.measure_chart(data["values"]))


async def _search(request: Request) -> Response:
    site: Site = request.app.state.site
    data = await run_in_threadpool(site.pages.search, request.query_params.get("q", ""))
    if request.url.path.endswith(".json"):
        return _json(data)
    return _render("search.html", **data)


async def _query_page(request: Request) -> Response:
    site: Site = request.app.state.site
    examples = await run_in_threadpool(_examples, site)
    config = {"endpoint": "/sparql", "prefixes": PREFIXES, "inst": vocab.INST_NS, "examples": examples}
    response = _render("query.html", config_json=_script_json(config), examples=examples, max_rows=site.max_rows,
                       seconds=site.sandbox.limits.seconds)
    response.headers["content-security-policy"] = QUERY_PAGE_CSP
    return response


def _examples(site: Site) -> list[dict[str, str]]:
    """The named queries as ready examples: PREFIX lines written out, parameters filled with a real name."""
    examples = []
    sample = _sample_entity_name(site)
    for named in named_queries().values():
        text = named.sparql
        if named.params and sample:
            text, _ = bind_values(text, {p.name: sample for p in named.params})
        used = [p for p, ns in PREFIXES.items() if re.search(rf"(?<![\w?$]){re.escape(p)}:", text)]
        head = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used)
        examples.append({"name": named.name, "summary": named.summary, "query": head + text})
    return examples


def _sample_entity_name(site: Site) -> str:
    rows = site.graph.run(
        "SELECT ?label WHERE { ?e rg:mentionCount ?n ; rdfs:label ?label } ORDER BY DESC(?n) ?label LIMIT 1").rows
    label = rows[0][0] if rows else None
    return label.value if isinstance(label, ox.Literal) else ""


def _script_json(data: Any) -> str:
    """JSON to stand inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` left to end it."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --------------------------------------------------------------------------- pictures


async def _overview(request: Request) -> Response:
    site: Site = request.app.state.site
    opened = request.query_params.getlist("open")
    try:
        page = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page = 1
    data = await run_in_threadpool(_overview_data, site, opened, page)
    if request.url.path.endswith(".json"):
        return _json(data)
    return _render("overview.html", **data)


def _overview_data(site: Site, opened: list[str], page: int) -> dict[str, Any]:
    reports = site.pages.reports()["reports"]
    if not opened and len(reports) <= picture.OPEN_ALL_UP_TO:
        opened = [r["iri"] for r in reports]
    data = site.pages.overview(opened)
    return {**data, **picture.overview_layout(data["reports"], data["areas"], opened, page)}


async def _area_picture(request: Request) -> Response:
    return await _picture(request, "picture_area", "area")


async def _report_picture(request: Request) -> Response:
    return await _picture(request, "picture_report", "report")


async def _picture(request: Request, query: str, slot: str) -> Response:
    site: Site = request.app.state.site
    iri = request.query_params.get("iri", "")
    if not valid_iri(iri):
        return _not_found("give the work area or report as ?iri=…", False)
    html = await run_in_threadpool(_picture_html, site, query, slot, iri)
    if html is None:
        return _not_found(f"the graph has nothing to draw for <{iri}>", False)
    response = HTMLResponse(html)
    policy = _META_CSP.search(html)
    if policy:  # the page's own policy (its two scripts by hash) also as the header: one policy, not two
        response.headers["content-security-policy"] = html_unescape(policy.group(1))
    return response


def _picture_html(site: Site, query: str, slot: str, iri: str) -> str | None:
    if site.pages.kind(iri) != slot:
        return None
    title = site.pages.labels([iri]).get(iri)
    return picture.vis_page(site.pages.picture_graph(query, {slot: iri}), title)


# --------------------------------------------------------------------------- SPARQL


async def _sparql(request: Request) -> Response:
    site: Site = request.app.state.site
    body = await request.body() if request.method == "POST" else b""
    try:
        query = endpoint.read_request(
            request.method, request.url.query, request.headers.get("content-type"), body, request.headers.get("accept"),
        )
    except endpoint.RequestProblem as problem:
        return _answer(problem.answer)
    if query is None:
        if "text/html" in request.headers.get("accept", ""):
            return RedirectResponse("/query", status_code=303)
        return Response(_service_description(str(request.url.replace(query=""))), media_type="text/turtle")

    async def run() -> endpoint.Answer:
        try:
            return await run_in_threadpool(site.sandbox.call, endpoint.answer, query, site.max_rows)
        except (TimeLimitExceeded, Busy) as err:
            return endpoint.Answer.text(503, str(err))
        except SandboxError as err:
            return endpoint.Answer.text(500, str(err))

    return _answer(await site.answers.get(query, run))


def _answer(answer: endpoint.Answer) -> Response:
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type)


def _service_description(url: str) -> str:
    """A SPARQL 1.1 Service Description of this endpoint, for clients that ask for one."""
    return (
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
        "@prefix fmt: <http://www.w3.org/ns/formats/> .\n\n"
        f"<{url}> a sd:Service ;\n"
        f"    sd:endpoint <{url}> ;\n"
        "    sd:supportedLanguage sd:SPARQL11Query ;\n"
        "    sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV,\n"
        "        fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples, fmt:JSON-LD, fmt:RDF_XML .\n"
    )


# --------------------------------------------------------------------------- the application


class _Guard:
    """Refuses oversized requests and adds the safety headers (and the CSP, unless set) to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_REQUEST_BYTES):
            await _too_large(send)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > MAX_REQUEST_BYTES:
                    raise HTTPException(413, f"the request is larger than {MAX_REQUEST_BYTES} bytes")
            return message

        async def guarded_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode("ascii")))
                headers.extend(h for h in _SAFETY_HEADERS if h[0] not in names)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, counted_receive, guarded_send)


async def _too_large(send: Send) -> None:
    body = f"the request is larger than {MAX_REQUEST_BYTES} bytes; a query is never this long\n".encode("utf-8")
    await send({"type": "http.response.start", "status": 413, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode("ascii")),
        (b"content-security-policy", CSP.encode("ascii")), *_SAFETY_HEADERS,
    ]})
    await send({"type": "http.response.body", "body": body})


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
    if request.url.path.startswith(("/sparql", "/static")) or request.url.path.endswith(".json"):
        return Response(f"{detail}\n", status_code=status, media_type="text/plain; charset=utf-8")
    return _render("error.html", status, title=str(status), message=detail)


def make_app(site: Site) -> ASGIApp:
    """The ASGI application for ``site``, wrapped in the request guard."""
    static = StaticFiles(directory=str(resources.files("reportgraph.serve").joinpath("static")))
    routes = [
        Route("/", _reports),
        Route("/reports", _reports),
        Route("/reports.json", _reports),
        Route("/id/{path:path}", _by_id),
        Route("/resource", _by_id),
        Route("/resource.json", _by_id),
        Route("/measure", _measure),
        Route("/measure.json", _measure),
        Route("/search", _search),
        Route("/search.json", _search),
        Route("/query", _query_page),
        Route("/sparql", _sparql, methods=["GET", "POST"]),
        Route("/picture", _overview),
        Route("/picture.json", _overview),
        Route("/picture/area", _area_picture),
        Route("/picture/report", _report_picture),
        Mount("/static", static, name="static"),
    ]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {HTTPException: _http_error}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.site = site
    return _Guard(app)
