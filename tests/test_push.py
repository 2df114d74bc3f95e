"""``reportgraph push`` into a real Oxigraph server (the ``oxigraph`` package's binary), started on loopback.

The failure cases (401, 403, 415, a store that never answers, one that fails half-way) talk to a
small HTTP listener the tests run: a peer that answers as such a store would, not a mock of push.
"""
from __future__ import annotations

import base64
import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from conftest import OTHER_REPORT, SMALL_REPORT
from reportgraph import cli, vocab
from reportgraph.push import CATALOGUE, SHARED

REPO = Path(__file__).resolve().parent.parent
ONTOLOGY = vocab.RG_NS.rstrip("#")
DECIMAL = URIRef(vocab.XSD_NS + "decimal")
#: How a report graph's IRI looks in a request: ``?graph=https%3A…%2Fid%2Freport%2F…``.
REPORT_GRAPH = quote(vocab.INST_NS + "report/", safe="")
#: The changed sentence of the rebuilt report.
CHANGED = SMALL_REPORT.replace("新增企业12家", "新增企业15家")


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


pytestmark = pytest.mark.skipif(oxigraph_binary() is None, reason="the oxigraph server is not installed (pip install -e '.[test]')")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Oxigraph:
    url: str
    process: subprocess.Popen[bytes]

    @property
    def store(self) -> str:
        return f"{self.url}/store"

    def query(self, sparql: str) -> list[dict[str, str]]:
        response = httpx.post(f"{self.url}/query", data={"query": sparql},
                              headers={"Accept": "application/sparql-results+json"}, timeout=60)
        response.raise_for_status()
        return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]

    def graphs(self) -> dict[str, int]:
        rows = self.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {r["g"]: int(r["n"]) for r in rows}

    def graph(self, iri: str) -> bytes:
        response = httpx.get(self.store, params={"graph": iri}, headers={"Accept": "application/n-triples"}, timeout=60)
        response.raise_for_status()
        return b"".join(sorted(response.content.splitlines(keepends=True)))

    def dataset(self) -> set[str]:
        response = httpx.get(self.store, headers={"Accept": "application/n-quads"}, timeout=60)
        response.raise_for_status()
        return set(response.text.splitlines())

    def named_graphs(self) -> dict[str, Graph]:
        """Every named graph in the store, as rdflib graphs (blank nodes compared by isomorphism)."""
        data = Dataset()
        data.parse(data="\n".join(sorted(self.dataset())), format="nquads")
        out: dict[str, Graph] = {}
        for s, p, o, g in data.quads((None, None, None, None)):
            out.setdefault(str(g), Graph()).add((s, p, o))
        return out


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[Oxigraph]:
    port = free_port()
    binary = oxigraph_binary()
    assert binary is not None
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "store"), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=5)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("oxigraph serve did not start")
            time.sleep(0.1)
    yield Oxigraph(url, process)
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """Three reports (the bundled one and two invented ones) built together."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "small.txt").write_text(SMALL_REPORT, encoding="utf-8")
    (folder / "other.txt").write_text(OTHER_REPORT, encoding="utf-8")
    (folder / "bundled.txt").write_text((REPO / "seeds" / "shajing-2024h1.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def build(folder: Path, out: Path) -> Path:
    assert cli.main(["build", str(folder), "--out", str(out), "--quiet"]) == 0
    return out / "graph.ttl"


def report_iris(graph_file: Path) -> dict[str, str]:
    """Source file name -> report IRI."""
    g = Graph().parse(graph_file)
    rows = g.query(f"SELECT ?r ?f WHERE {{ ?r a <{vocab.RG_NS}Report> ; <{vocab.RG_NS}sourceFile> ?f }}")
    return {Path(str(f)).name: str(r) for r, f in rows}  # type: ignore[misc]


def canonical_decimals(graph: Graph) -> Graph:
    """The graph with xsd:decimal literals in canonical form, as Oxigraph stores them (136.0 is 136)."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == DECIMAL:
            text = str(o)
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            o = Literal(text, datatype=DECIMAL)
        out.add((s, p, o))
    return out


def run_push(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "reportgraph", "push", *argv], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


# --------------------------------------------------------------------------- into a real Oxigraph


def test_push_writes_a_named_graph_per_report_and_the_ontology(oxigraph: Oxigraph, reports: Path, tmp_path: Path) -> None:
    graph_file = build(reports, tmp_path / "out")
    done = run_push(str(graph_file), "--to", oxigraph.store)
    assert done.returncode == 0, done.stderr
    assert "pushed 3 report(s)" in done.stdout
    iris = report_iris(graph_file)
    graphs = oxigraph.graphs()
    assert set(graphs) == {*iris.values(), ONTOLOGY, CATALOGUE, SHARED}
    built = Graph().parse(graph_file)
    # the union of the report graphs is the whole graph
    pushed = Graph()
    for name, named in oxigraph.named_graphs().items():
        if name not in (ONTOLOGY, CATALOGUE):
            for t in named:
                pushed.add(t)
    assert isomorphic(canonical_decimals(pushed), canonical_decimals(built))
    # each report graph stands on its own: its sentences, and the names of what it mentions
    small = iris["small.txt"]
    count = f"(COUNT(?s) AS ?n) WHERE {{ ?s a <{vocab.RG_NS}Statement> ; <{vocab.RG_NS}inReport> <{small}> }}"
    in_store = oxigraph.query(f"SELECT (COUNT(?s) AS ?n) WHERE {{ GRAPH <{small}> {{ ?s a <{vocab.RG_NS}Statement> }} }}")
    assert int(in_store[0]["n"]) == int(next(iter(built.query("SELECT " + count)))[0]) > 3  # type: ignore[index]
    named = oxigraph.query(f"""SELECT ?label WHERE {{ GRAPH <{small}> {{ ?e <{vocab.RG_NS}mentionedIn> <{small}> ;
        <{vocab.RDFS_NS}label> ?label }} }}""")
    assert named  # entity names are in the report's graph
    assert graphs[ONTOLOGY] == len(Graph().parse(REPO / "ontology" / "reportgraph.ttl"))


def test_pushing_twice_changes_nothing(oxigraph: Oxigraph, reports: Path, tmp_path: Path) -> None:
    graph_file = build(reports, tmp_path / "out")
    assert run_push(str(graph_file), "--to", oxigraph.store).returncode == 0
    first = oxigraph.named_graphs()
    again = run_push(str(graph_file), "--to", oxigraph.store)
    assert again.returncode == 0 and "removed" not in again.stdout
    second = oxigraph.named_graphs()
    assert set(second) == set(first) and len(first) == 6  # three reports, the ontology, the catalogue, what they share
    for name in first:  # the ontology's OWL lists are blank nodes: the same graph, new labels
        assert isomorphic(second[name], first[name]), name


def test_a_rebuilt_report_replaces_its_graph_and_leaves_the_others(oxigraph: Oxigraph, reports: Path, tmp_path: Path) -> None:
    before_file = build(reports, tmp_path / "before")
    assert run_push(str(before_file), "--to", oxigraph.store).returncode == 0
    before = report_iris(before_file)
    others = {name: oxigraph.graph(iri) for name, iri in before.items() if name != "small.txt"}
    (reports / "small.txt").write_text(CHANGED, encoding="utf-8")
    after_file = build(reports, tmp_path / "after")
    after = report_iris(after_file)
    assert after["small.txt"] != before["small.txt"]  # a report's IRI comes from its text
    done = run_push(str(after_file), "--to", oxigraph.store)
    assert done.returncode == 0, done.stderr
    assert "removed 1 older version" in done.stdout
    graphs = oxigraph.graphs()
    assert before["small.txt"] not in graphs and after["small.txt"] in graphs
    text = oxigraph.query(f"""SELECT ?t WHERE {{ GRAPH <{after['small.txt']}> {{ ?s <{vocab.RG_NS}text> ?t
        FILTER(CONTAINS(?t, "15")) }} }}""")
    assert any("新增企业15家" in r["t"] for r in text)
    for name, data in others.items():
        assert after[name] == before[name]
        assert oxigraph.graph(after[name]) == data, name
    assert set(graphs) == {*after.values(), ONTOLOGY, CATALOGUE, SHARED}


def test_default_graph(oxigraph: Oxigraph, reports: Path, tmp_path: Path) -> None:
    graph_file = build(reports, tmp_path / "out")
    done = run_push(str(graph_file), "--to", oxigraph.store, "--default-graph", "--no-ontology")
    assert done.returncode == 0, done.stderr
    rows = oxigraph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0]["n"]) == len(Graph().parse(graph_file))
    assert oxigraph.graphs() == {}


# --------------------------------------------------------------------------- a listener that answers as a store might


@dataclass
class Peer:
    """A loopback HTTP listener: records every request, answers each with ``answer(method, path, n)``."""

    answer: Callable[[str, str, int], tuple[int, float]]
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        peer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                peer.requests.append((self.command, self.path, dict(self.headers)))
                status, delay = peer.answer(self.command, self.path, len(peer.requests))
                time.sleep(delay)
                body = b"" if status in (201, 204) else f"status {status}\n".encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass

            do_GET = do_PUT = do_DELETE = _any

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/store"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def peer() -> Iterator[Callable[[Callable[[str, str, int], tuple[int, float]]], Peer]]:
    made: list[Peer] = []

    def make(answer: Callable[[str, str, int], tuple[int, float]]) -> Peer:
        made.append(Peer(answer))
        return made[-1]

    yield make
    for p in made:
        p.close()


def gsp(status_of_put: int) -> Callable[[str, str, int], tuple[int, float]]:
    return lambda method, path, n: (404, 0) if method == "GET" else (status_of_put, 0)


def test_credentials_come_from_the_named_variable_only(peer: Callable[..., Peer], reports: Path, tmp_path: Path) -> None:
    store = peer(gsp(204))
    graph_file = build(reports, tmp_path / "out")
    done = run_push(str(graph_file), "--to", store.url, "--auth", "STORE_CREDENTIALS", "--no-ontology",
                    env={"STORE_CREDENTIALS": "writer:s3cret"})
    assert done.returncode == 0, done.stderr
    expected = "Basic " + base64.b64encode(b"writer:s3cret").decode()
    assert store.requests and all(h.get("Authorization") == expected for _, _, h in store.requests)
    assert "s3cret" not in done.stdout + done.stderr
    bearer = peer(gsp(204))
    assert run_push(str(graph_file), "--to", bearer.url, "--auth", "TOKEN", "--no-ontology",
                    env={"TOKEN": "Bearer abc"}).returncode == 0
    assert {h.get("Authorization") for _, _, h in bearer.requests} == {"Bearer abc"}
    missing = run_push(str(graph_file), "--to", bearer.url, "--auth", "UNSET_VARIABLE_X")
    assert missing.returncode == 2 and "UNSET_VARIABLE_X is not set" in missing.stderr


@pytest.mark.parametrize(("status", "words"), [
    (401, "--auth VAR"), (403, "may not write"), (415, "does not take N-Triples"), (404, "no Graph Store endpoint"),
])
def test_refusals_are_explained(peer: Callable[..., Peer], reports: Path, tmp_path: Path, status: int, words: str) -> None:
    store = peer(gsp(status))
    done = run_push(str(build(reports, tmp_path / "out")), "--to", store.url)
    assert done.returncode == 1
    assert done.stderr.startswith("reportgraph: error: ") and words in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_unreachable_and_silent_stores(peer: Callable[..., Peer], reports: Path, tmp_path: Path) -> None:
    graph_file = build(reports, tmp_path / "out")
    gone = run_push(str(graph_file), "--to", f"http://127.0.0.1:{free_port()}/store")
    assert gone.returncode == 1 and "cannot reach the store" in gone.stderr and "connection refused" in gone.stderr
    silent = peer(lambda method, path, n: (204, 5.0))
    start = time.monotonic()
    slow = run_push(str(graph_file), "--to", silent.url, "--timeout", "1")
    assert slow.returncode == 1 and "did not answer within 1 s" in slow.stderr
    assert time.monotonic() - start < 60
    bad_url = run_push(str(graph_file), "--to", "ftp://example.org/store")
    assert bad_url.returncode == 2 and "not an http" in bad_url.stderr


def test_a_push_that_fails_half_way_says_which_reports_were_written(peer: Callable[..., Peer], reports: Path, tmp_path: Path) -> None:
    graph_file = build(reports, tmp_path / "out")
    iris = sorted(report_iris(graph_file).values())

    def answer(method: str, path: str, n: int) -> tuple[int, float]:
        if method == "GET":
            return 404, 0
        report_puts = [p for m, p, _ in store.requests if m == "PUT" and REPORT_GRAPH in p]
        return (500 if len(report_puts) == 2 else 204), 0  # the second report graph fails

    store = peer(answer)
    done = run_push(str(graph_file), "--to", store.url, "--no-ontology")
    assert done.returncode == 1
    assert "written before it: 1 report graph(s)" in done.stderr and "not written: 2" in done.stderr
    assert iris[0].rsplit("/", 1)[-1] in done.stderr.split("not written")[0]
    written = [p for m, p, _ in store.requests if m == "PUT" and REPORT_GRAPH in p]
    assert written == [f"/store?graph={quote(iris[0], safe='')}", f"/store?graph={quote(iris[1], safe='')}"]
    assert not any(quote(iris[2], safe="") in p for _, p, _ in store.requests)  # the last was never touched
    assert "DELETE" not in [m for m, _, _ in store.requests]


def test_the_catalogue_lists_what_was_pushed(oxigraph: Oxigraph, reports: Path, tmp_path: Path) -> None:
    graph_file = build(reports, tmp_path / "out")
    assert run_push(str(graph_file), "--to", oxigraph.store, "--no-ontology").returncode == 0
    catalogue = ox.parse(oxigraph.graph(CATALOGUE), format=ox.RdfFormat.N_TRIPLES)
    listed = {t.subject.value for t in catalogue}
    assert listed == set(report_iris(graph_file).values())
