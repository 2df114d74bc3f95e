"""Write built graphs to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

By default each report goes into a named graph of its own, named by its
report IRI, and is replaced with PUT: pushing a rebuilt build replaces every
report's graph, pushing the same build twice changes nothing. A report's
graph holds its own triples (its sections, sentences, indicators, problems,
and the mentions in it) and the shared triples about what it refers to
(the names and types of its entities, their relations, its periods), so the
union of the report graphs is the whole graph and each report graph stands
on its own. The ontology goes into its own named graph.

A rebuilt report whose text changed has a new IRI (IRIs are derived from
the text). So that its old graph does not linger, push keeps a catalogue
graph, :data:`CATALOGUE`, of ``<report> rg:sourceFile "file"`` for every
report it wrote, and deletes a report graph whose file is pushed again under
a new IRI. The catalogue is written first as a superset of the old and the
new entries and last as the new state, so a push that fails half-way leaves
nothing a later push cannot clean up. Reports of files not in this push
are left as they are.

``--default-graph`` puts everything into the store's default graph instead
(one PUT). Credentials come from an environment variable only, never from
the command line. HTTP is the standard library's ``urllib``.
"""
from __future__ import annotations

import base64
import os
import socket
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union
from urllib.parse import quote

import pyoxigraph as ox

from reportgraph import vocab
from reportgraph.errors import ReportError
from reportgraph.sparql import QueryGraph

__all__ = ["CATALOGUE", "ONTOLOGY_FILE", "PushError", "PushPlan", "PushResult", "Store", "plan_push", "push"]

#: The named graph that lists the reports push wrote, with their source files.
CATALOGUE = vocab.INST_NS + "catalogue"
#: The named graph for triples that belong to no one report: the measures, periods and series reports share.
SHARED = vocab.INST_NS + "shared"
#: The ontology the package ships, pushed beside the reports unless told otherwise.
ONTOLOGY_FILE = Path(__file__).resolve().parent / "ontology" / "reportgraph.ttl"
_NTRIPLES = "application/n-triples"
#: A term of a triple, as the engine gives it.
_Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]
_RDF_TYPE = vocab.RDF_NS + "type"
_ENDPOINTS = (
    "Oxigraph: http://HOST:7878/store; Fuseki: http://HOST:3030/DATASET/data; "
    "GraphDB: http://HOST:7200/repositories/REPO/rdf-graphs/service"
)


class PushError(Exception):
    """The push stopped; says why, which reports were written and which were not."""

    def __init__(self, reason: str, written: Sequence[str] = (), pending: Sequence[str] = ()) -> None:
        self.reason = reason
        self.written = list(written)
        self.pending = list(pending)
        message = reason
        if written or pending:
            message += (f"; written before it: {len(self.written)} report graph(s)"
                        + (f" ({_names(self.written)})" if self.written else "")
                        + f"; not written: {len(self.pending)}"
                        + (f" ({_names(self.pending)}): their graphs in the store are as they were" if self.pending else ""))
        super().__init__(message)


def _names(iris: Sequence[str], shown: int = 5) -> str:
    short = [i[len(vocab.INST_NS):] if i.startswith(vocab.INST_NS) else i for i in iris[:shown]]
    return ", ".join(short) + (f" and {len(iris) - shown} more" if len(iris) > shown else "")


# --------------------------------------------------------------------------- what goes where


@dataclass
class PushPlan:
    """The graphs to write: one per report (IRI -> triples), the shared rest, the ontology."""

    reports: dict[str, list[ox.Triple]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # report IRI -> rg:sourceFile
    leftover: list[ox.Triple] = field(default_factory=list)
    ontology: list[ox.Triple] = field(default_factory=list)
    ontology_iri: str = vocab.RG_NS.rstrip("#")

    @property
    def triples(self) -> int:
        return sum(len(t) for t in self.reports.values()) + len(self.leftover)


def plan_push(graph: QueryGraph, ontology: Path | None = None) -> PushPlan:
    """Split a loaded graph into report graphs (see the module doc) and read the ontology."""
    triples = list(dict.fromkeys(q.triple for q in graph.store))
    rg = vocab.rg
    report_class = ox.NamedNode(rg("Report"))
    reports = {t.subject for t in triples
               if t.predicate.value == _RDF_TYPE and t.object == report_class and isinstance(t.subject, ox.NamedNode)}
    owner: dict[_Term, ox.NamedNode] = {r: r for r in reports}
    for t in triples:
        if not isinstance(t.object, ox.NamedNode) or t.object not in reports:
            continue
        if t.predicate.value == rg("inReport"):
            owner[t.subject] = t.object
        elif t.predicate.value == vocab.PROV_NS + "wasDerivedFrom" and t.subject not in owner:
            owner[t.subject] = t.object  # a report's scheme of work areas
    own: dict[ox.NamedNode, list[ox.Triple]] = defaultdict(list)
    shared: list[ox.Triple] = []
    for t in triples:
        found = owner.get(t.subject) or owner.get(t.object)
        (own[found] if found is not None else shared).append(t)
    referenced: dict[_Term, list[ox.NamedNode]] = defaultdict(list)  # node -> the reports whose own triples name it
    for report, items in own.items():
        for node in dict.fromkeys(n for t in items for n in (t.subject, t.object)):
            referenced[node].append(report)
    plan = PushPlan()
    for report in sorted(reports, key=lambda r: r.value):
        plan.reports[report.value] = list(own[report])
    for t in shared:
        users = referenced.get(t.subject)
        if not users:
            plan.leftover.append(t)
        for report in users or ():
            plan.reports[report.value].append(t)
    for iri, items in plan.reports.items():
        for t in items:
            if (isinstance(t.subject, ox.NamedNode) and t.subject.value == iri
                    and t.predicate.value == rg("sourceFile") and isinstance(t.object, ox.Literal)):
                plan.files[iri] = t.object.value
    if ontology is not None:
        loaded = QueryGraph.load([ontology])
        plan.ontology = [q.triple for q in loaded.store]
        declared = [t.subject.value for t in plan.ontology if t.predicate.value == _RDF_TYPE
                    and t.object == ox.NamedNode(vocab.OWL_NS + "Ontology") and isinstance(t.subject, ox.NamedNode)]
        if declared:
            plan.ontology_iri = declared[0]
    return plan


def _ntriples(triples: Iterable[ox.Triple]) -> bytes:
    lines = sorted(str(t) + " .\n" for t in triples)  # sorted: the same graph, the same bytes
    return "".join(lines).encode("utf-8")


# --------------------------------------------------------------------------- the store


@dataclass(frozen=True)
class Store:
    """A Graph Store HTTP Protocol endpoint, with optional credentials and a per-request timeout."""

    url: str
    authorization: str | None = None
    timeout: float = 60.0

    @classmethod
    def from_options(cls, url: str, auth_variable: str | None, timeout: float) -> Store:
        """The store at ``url``; credentials from the environment variable named ``auth_variable``.

        The variable holds ``user:password`` (sent as HTTP Basic) or a whole
        header value such as ``Bearer TOKEN``.
        """
        if not url.startswith(("http://", "https://")):
            raise ReportError("--to", f"{url!r} is not an http:// or https:// URL of a Graph Store endpoint ({_ENDPOINTS})")
        authorization = None
        if auth_variable:
            value = os.environ.get(auth_variable)
            if value is None:
                raise ReportError("--auth", f"the environment variable {auth_variable} is not set")
            if value.split(" ", 1)[0] in ("Bearer", "Basic", "Token"):
                authorization = value
            elif ":" in value:
                authorization = "Basic " + base64.b64encode(value.encode("utf-8")).decode("ascii")
            else:
                raise ReportError("--auth", f"{auth_variable} must hold user:password, or a header value like 'Bearer TOKEN'")
        return cls(url, authorization, timeout)

    def graph_url(self, iri: str | None) -> str:
        """The URL of a named graph (``?graph=IRI``), or of the default graph (``?default``) for None."""
        joiner = "&" if "?" in self.url else "?"
        return f"{self.url}{joiner}default" if iri is None else f"{self.url}{joiner}graph={quote(iri, safe='')}"

    def request(self, method: str, iri: str | None, body: bytes | None = None) -> tuple[int, bytes]:
        """One request; HTTP errors other than 404 on GET and DELETE become a PushError that says what to do."""
        headers = {"Accept": _NTRIPLES} if method == "GET" else {}
        if body is not None:
            headers["Content-Type"] = _NTRIPLES
        if self.authorization:
            headers["Authorization"] = self.authorization
        request = urllib.request.Request(self.graph_url(iri), data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - the user's store
                return response.status, response.read()
        except urllib.error.HTTPError as err:
            detail = err.read(2000).decode("utf-8", "replace").strip().splitlines()
            if err.code == 404 and method in ("GET", "DELETE"):
                return 404, b""
            raise PushError(self._explain(err.code, err.reason, detail[0] if detail else "")) from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, (socket.timeout, TimeoutError)):
                raise PushError(self._timed_out()) from None
            raise PushError(f"cannot reach the store at {self.url}: {_reason(err.reason)} "
                            "(is it running, and is the URL right?)") from None
        except (socket.timeout, TimeoutError):
            raise PushError(self._timed_out()) from None
        except ConnectionError as err:
            raise PushError(f"the connection to {self.url} broke: {_reason(err)}") from None

    def _timed_out(self) -> str:
        return f"the store at {self.url} did not answer within {self.timeout:g} s (--timeout)"

    def _explain(self, status: int, reason: str, detail: str) -> str:
        said = f"{status} {reason}" + (f": {detail}" if detail else "")
        if status == 401:
            hint = ("the credentials were not accepted" if self.authorization else
                    "it needs credentials: put user:password in an environment variable and name it with --auth VAR")
            return f"the store at {self.url} answered {status} {reason}: {hint}"
        if status == 403:
            return f"the store at {self.url} answered {said}: these credentials may not write there"
        if status == 404:
            return f"no Graph Store endpoint at {self.url} ({said}); {_ENDPOINTS}"
        if status == 405:
            return f"{self.url} does not take PUT ({said}): is it the Graph Store endpoint, and writable? {_ENDPOINTS}"
        if status == 415:
            return f"the store at {self.url} does not take N-Triples there ({said}): is it the Graph Store endpoint? {_ENDPOINTS}"
        return f"the store at {self.url} answered {said}"


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "no such host"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason)


# --------------------------------------------------------------------------- pushing


@dataclass
class PushResult:
    """What a push wrote and removed."""

    reports: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    triples: int = 0
    ontology: bool = False


def _catalogue(entries: dict[str, str]) -> bytes:
    source = vocab.rg("sourceFile")
    return _ntriples(ox.Triple(ox.NamedNode(r), ox.NamedNode(source), ox.Literal(f)) for r, f in entries.items())


def _read_catalogue(store: Store) -> dict[str, str]:
    status, body = store.request("GET", CATALOGUE)
    if status == 404 or not body.strip():
        return {}
    try:
        triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as err:
        raise PushError(f"the catalogue graph <{CATALOGUE}> in the store is not N-Triples: {err}") from None
    return {t.subject.value: t.object.value for t in triples
            if t.predicate.value == vocab.rg("sourceFile") and isinstance(t.object, ox.Literal)}


def push(plan: PushPlan, store: Store, *, per_report: bool = True,
         progress: Callable[[int, int, str], None] | None = None) -> PushResult:
    """Write the plan to the store (see the module doc); PushError says what was written before a failure."""
    result = PushResult(triples=plan.triples)
    if not per_report:
        everything = [t for items in plan.reports.values() for t in items] + plan.leftover
        if plan.ontology:
            store.request("PUT", plan.ontology_iri, _ntriples(plan.ontology))
            result.ontology = True
        store.request("PUT", None, _ntriples(dict.fromkeys(everything)))
        result.reports = list(plan.reports)
        return result
    before = _read_catalogue(store)
    pushed_files = {f: r for r, f in plan.files.items()}
    stale = sorted(r for r, f in before.items() if r not in plan.reports and f in pushed_files)
    store.request("PUT", CATALOGUE, _catalogue({**before, **plan.files}))
    if plan.ontology:
        store.request("PUT", plan.ontology_iri, _ntriples(plan.ontology))
        result.ontology = True
    names = list(plan.reports)
    for i, iri in enumerate(names):
        if progress:
            progress(i + 1, len(names), plan.files.get(iri, iri))
        try:
            store.request("PUT", iri, _ntriples(plan.reports[iri]))
        except PushError as err:
            raise PushError(err.reason, result.reports, names[i:]) from None
        result.reports.append(iri)
    try:
        if plan.leftover:
            store.request("PUT", SHARED, _ntriples(plan.leftover))
        for iri in stale:
            store.request("DELETE", iri)
            result.removed.append(iri)
        store.request("PUT", CATALOGUE, _catalogue({**{r: f for r, f in before.items() if r not in stale}, **plan.files}))
    except PushError as err:
        raise PushError(err.reason + " (after every report graph was written; push again to finish the clean-up)",
                        result.reports) from None
    return result
