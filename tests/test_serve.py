"""``reportgraph serve`` over HTTP: a real uvicorn in a child process, asked by httpx, SPARQLWrapper and curl.

What the pages do in a browser (clicks, the query page, the pictures, scripts that must not run)
is in ``test_serve_browser.py``.
"""
from __future__ import annotations

import csv
import io
from html import unescape
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import ServedSite, start_site, stop_site
from reportgraph import cli, vocab
from reportgraph.serve.app import CSP, QUERY_PAGE_CSP, page_href
from reportgraph.serve.results import choose
from reportgraph.serve.server import is_loopback

RG = vocab.RG_NS
INST = vocab.INST_NS
PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</script><script>window.__pwned=1</script>")


@pytest.fixture(scope="module")
def site(bundled_site: ServedSite) -> ServedSite:
    return bundled_site


@pytest.fixture(scope="module")
def client(site: ServedSite) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site.url, timeout=60) as c:
        yield c


@pytest.fixture(scope="module")
def graph(bundled_graph_file: Path) -> Graph:
    return Graph().parse(bundled_graph_file)


def one(graph: Graph, sparql: str) -> Any:
    rows = list(graph.query("PREFIX rg: <%s> PREFIX dcterms: <http://purl.org/dc/terms/> %s" % (RG, sparql)))
    assert rows, sparql
    return rows[0][0]


def report_iri(graph: Graph) -> str:
    return str(one(graph, "SELECT ?r WHERE { ?r a rg:Report }"))


def sparql(client: httpx.Client, query: str, accept: str | None = None, **extra: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return client.post("/sparql", data={"query": query, **extra}, headers=headers)


# --------------------------------------------------------------------------- the SPARQL protocol


COMMUNITIES = "SELECT ?c ?name WHERE { ?c a rg:Community ; rdfs:label ?name } ORDER BY ?name"


def expected_communities(graph: Graph) -> list[tuple[str, str]]:
    rows = graph.query(f"PREFIX rg: <{RG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> {COMMUNITIES}")
    return [(str(r[0]), str(r[1])) for r in rows]  # type: ignore[index]


def json_rows(response: httpx.Response) -> list[tuple[str, ...]]:
    doc = response.json()
    return [tuple(b[v]["value"] for v in doc["head"]["vars"]) for b in doc["results"]["bindings"]]


def test_get_post_form_and_sparql_query_body_give_the_same_rows(client: httpx.Client, graph: Graph) -> None:
    expected = expected_communities(graph)
    assert len(expected) == 8
    by_get = client.get("/sparql", params={"query": COMMUNITIES})
    by_form = sparql(client, COMMUNITIES)
    by_body = client.post("/sparql", content=COMMUNITIES.encode("utf-8"),
                          headers={"Content-Type": "application/sparql-query"})
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        assert json_rows(response) == expected


def test_results_by_content_negotiation(client: httpx.Client, graph: Graph) -> None:
    expected = expected_communities(graph)
    as_csv = sparql(client, COMMUNITIES, "text/csv")
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert [tuple(r) for r in csv.reader(io.StringIO(as_csv.text))] == [("c", "name"), *expected]
    as_tsv = sparql(client, COMMUNITIES, "text/tab-separated-values")
    lines = as_tsv.text.splitlines()
    assert lines[0] == "?c\t?name"
    assert lines[1:] == [f'<{c}>\t"{name}"@zh' for c, name in expected]
    as_xml = sparql(client, COMMUNITIES, "application/sparql-results+xml")
    from xml.etree import ElementTree

    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    root = ElementTree.fromstring(as_xml.content)
    found = [(r.find("s:binding[@name='c']/s:uri", ns).text, r.find("s:binding[@name='name']/s:literal", ns).text)  # type: ignore[union-attr]
             for r in root.iterfind("s:results/s:result", ns)]
    assert found == expected
    # q-values: the client prefers CSV over JSON
    assert sparql(client, COMMUNITIES, "application/sparql-results+json;q=0.5, text/csv").headers["content-type"].startswith("text/csv")
    assert sparql(client, COMMUNITIES, "image/png").status_code == 406
    assert sparql(client, COMMUNITIES, format="csv").text == as_csv.text


def test_construct_in_turtle_ntriples_and_jsonld(client: httpx.Client, graph: Graph) -> None:
    query = "CONSTRUCT { ?p ?pred ?o } WHERE { ?p a rg:Problem ; ?pred ?o }"
    expected = Graph()
    for t in graph.query(f"PREFIX rg: <{RG}> {query}"):
        expected.add(t)  # type: ignore[arg-type]
    assert len(expected) > 10
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")):
        response = sparql(client, query, accept)
        assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
        assert isomorphic(Graph().parse(data=response.content, format=fmt), expected), accept
    ask = sparql(client, "ASK { ?p a rg:Problem }")
    assert ask.json() == {"head": {}, "boolean": True}


def test_sparqlwrapper_a_third_party_client(site: ServedSite, graph: Graph) -> None:
    from SPARQLWrapper import CSV, JSON, SPARQLWrapper, TURTLE

    client = SPARQLWrapper(f"{site.url}/sparql")
    client.setQuery(COMMUNITIES)
    client.setReturnFormat(JSON)
    doc = client.query().convert()
    assert [(b["c"]["value"], b["name"]["value"]) for b in doc["results"]["bindings"]] == expected_communities(graph)  # type: ignore[index]
    client.setMethod("POST")
    client.setReturnFormat(CSV)
    assert b"c,name" in client.query().convert()  # type: ignore[operator]
    client.setQuery("CONSTRUCT WHERE { ?p a rg:Problem }")
    client.setReturnFormat(TURTLE)
    got = Graph().parse(data=client.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert len(got) == 4


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl(site: ServedSite, graph: Graph) -> None:
    done = subprocess.run(
        ["curl", "-sS", "--fail", "-H", "Accept: text/csv", "--data-urlencode", f"query={COMMUNITIES}", f"{site.url}/sparql"],
        capture_output=True, timeout=60, check=True,
    )
    assert [tuple(r) for r in csv.reader(io.StringIO(done.stdout.decode("utf-8")))][1:] == expected_communities(graph)


def test_the_standard_prefixes_are_declared(client: httpx.Client) -> None:
    response = sparql(client, "SELECT (COUNT(?x) AS ?n) WHERE { ?x a skos:Concept ; dcterms:title|rdfs:label ?l }")
    assert response.status_code == 200, response.text


def test_a_syntax_error_says_where(client: httpx.Client) -> None:
    response = sparql(client, "SELECT ?x WHERE {\n  ?x a rg:Community\n")
    assert response.status_code == 400
    assert "line" in response.text and "column" in response.text


def test_service_description_and_html_redirect(client: httpx.Client) -> None:
    described = client.get("/sparql")
    assert described.status_code == 200 and "sd:Service" in described.text
    Graph().parse(data=described.text, format="turtle")
    assert client.get("/sparql", headers={"Accept": "text/html"}).headers["location"] == "/query"


# --------------------------------------------------------------------------- safe by default


def test_updates_are_refused(client: httpx.Client, graph: Graph) -> None:
    update = 'INSERT DATA { <urn:x> <urn:y> "z" }'
    assert client.post("/sparql", data={"update": update}).status_code == 403
    assert client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"}).status_code == 403
    assert sparql(client, update).status_code == 400  # not a query
    for method in ("PUT", "DELETE", "PATCH"):
        assert client.request(method, "/sparql", content=b"<urn:x> <urn:y> <urn:z> .").status_code == 405
    assert client.put("/data", content=b"<urn:x> <urn:y> <urn:z> .").status_code in (404, 405)
    assert sparql(client, "ASK { <urn:x> ?p ?o }").json()["boolean"] is False
    assert client.post("/sparql", content=b"query", headers={"Content-Type": "text/plain"}).status_code == 415


class Listener:
    """A loopback TCP listener that records every connection it gets: nothing should arrive."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self.thread.join()
        self.sock.close()


def test_service_is_refused_and_nothing_is_sent(client: httpx.Client) -> None:
    listener = Listener()
    try:
        for query in (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}",
            f"select * where {{ service silent <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}",
        ):
            response = sparql(client, query)
            assert response.status_code == 400
            assert "SERVICE" in response.text and "refused" in response.text
        # the word inside a string is just text
        assert sparql(client, 'SELECT * WHERE { ?s rg:text ?t FILTER(CONTAINS(?t, "SERVICE")) }').status_code == 200
        time.sleep(0.5)
    finally:
        listener.close()
    assert listener.connections == 0


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_runaway_query_is_stopped_at_the_time_limit_while_others_are_answered(client: httpx.Client, site: ServedSite) -> None:
    outcome: dict[str, Any] = {}

    def runaway() -> None:
        start = time.monotonic()
        with httpx.Client(base_url=site.url, timeout=120) as own:
            outcome["response"] = sparql(own, RUNAWAY)
        outcome["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)
    answered = sparql(client, "SELECT ?p WHERE { ?p a rg:Problem }")
    page = client.get("/")
    still_running = thread.is_alive()
    thread.join(timeout=120)
    assert answered.status_code == 200 and len(answered.json()["results"]["bindings"]) == 4
    assert page.status_code == 200
    assert still_running, "the runaway query should still have been running"
    response = outcome["response"]
    assert response.status_code == 503
    assert "time limit of 3 s" in response.text and "stopped" in response.text
    assert outcome["seconds"] < 60  # stopped near 3 s; generous for a busy machine
    # the slot is free again
    assert sparql(client, "ASK { ?s ?p ?o }").json()["boolean"] is True


def test_the_row_limit_is_a_clear_error(client: httpx.Client) -> None:
    response = sparql(client, "SELECT * WHERE { ?s ?p ?o }")
    assert response.status_code == 400
    assert "more than 2000 rows" in response.text and "LIMIT" in response.text
    assert sparql(client, "SELECT * WHERE { ?s ?p ?o } LIMIT 2000").status_code == 200
    assert sparql(client, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle").status_code == 400


def test_requests_over_the_size_limit_are_refused(site: ServedSite, client: httpx.Client) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (2 << 20)
    response = client.post("/sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413

    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"#" + b"y" * 65535

    streamed = client.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert streamed.status_code == 413
    assert client.get("/").status_code == 200


def test_every_page_has_the_policy_and_the_safety_headers(client: httpx.Client, graph: Graph) -> None:
    report = report_iri(graph)
    for path in ("/", "/reports.json", page_href(report), "/query", "/picture", "/search?q=x", "/static/site.css",
                 "/nothing-here", "/sparql?query=ASK%7B%7D"):
        response = client.get(path)
        # the query page also lets YASGUI set inline styles; scripts are as strict everywhere
        assert response.headers["content-security-policy"] == (QUERY_PAGE_CSP if path == "/query" else CSP), path
        assert "script-src 'self';" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_static_files_come_from_the_package_only(client: httpx.Client) -> None:
    assert client.get("/static/yasgui/yasgui.min.js").status_code == 200
    for path in ("/static/../pyproject.toml", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static//etc/passwd"):
        assert client.get(path).status_code == 404, path


def test_loopback_is_the_default_and_another_host_warns(bundled_graph_file: Path, tmp_path: Path) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1")
    shared = start_site([bundled_graph_file], tmp_path, "--host", "0.0.0.0")
    try:
        assert "warning: serving on 0.0.0.0" in shared.output()
        port = shared.url.rsplit(":", 1)[1]
        assert httpx.get(f"http://127.0.0.1:{port}/reports.json", timeout=60).status_code == 200
    finally:
        assert stop_site(shared) == 0
    local = start_site([bundled_graph_file], tmp_path)
    try:
        assert local.url.startswith("http://127.0.0.1:")
        assert "warning" not in local.output()
    finally:
        stop_site(local)


def test_a_bad_graph_file_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    for args in ([str(bad)], [str(tmp_path / "missing.ttl")], [str(bad), "--timeout", "0"]):
        done = subprocess.run([sys.executable, "-m", "reportgraph", "serve", *args, "--port", "0"],
                              capture_output=True, text=True, timeout=60, cwd=tmp_path)
        assert done.returncode == 2
        assert done.stderr.startswith("reportgraph: error: ") and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


# --------------------------------------------------------------------------- the pages


def test_reports_page_and_its_json(client: httpx.Client, graph: Graph) -> None:
    data = client.get("/reports.json").json()
    assert len(data["reports"]) == 1
    report = data["reports"][0]
    assert report["iri"] == report_iri(graph)
    assert report["title"] == str(one(graph, "SELECT ?t WHERE { ?r a rg:Report ; dcterms:title ?t }"))
    assert report["period"] == "2024年上半年" and report["plan_period"] == "2024年下半年"
    assert report["level"] == "subdistrict"
    assert [p["part"] for p in report["parts"]] == ["preamble", "summary", "problems", "plan"]
    counted = int(one(graph, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a rg:Achievement }"))
    assert report["counts"]["achievements"] == counted
    html = client.get("/").text
    assert report["title"] in html and page_href(report["iri"]) in html


def test_report_page_has_every_work_area_with_its_facts(client: httpx.Client, graph: Graph) -> None:
    report = report_iri(graph)
    data = client.get(page_href(report) + ".json").json()
    areas = int(one(graph, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a rg:WorkArea }"))
    assert len(data["areas"]) == areas == 17
    targets = sum(len(a["targets"]) for a in data["areas"])
    assert targets == int(one(graph, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a rg:Target }"))
    assert sum(len(a["problems"]) for a in data["areas"]) == 4
    for area in data["areas"]:
        for item in area["achievements"] + area["targets"] + area["problems"]:
            assert item["statement"], item  # every fact links to its source sentence
    assert data["scorecard"] == {"targets": [], "review": [], "status_counts": {}}
    html = client.get(page_href(report)).text
    assert "None in this graph" in html  # the scorecard says so
    assert html.count('class="rg-area"') == 17


def test_entity_page_shows_aliases_sentences_and_why_names_were_merged(client: httpx.Client, graph: Graph) -> None:
    iri = f"{INST}governmentbody/深圳市宝安区委"
    data = client.get(page_href(iri) + ".json").json()
    assert data["aliases"] == ["区委"] and data["type"] == "GovernmentBody"
    sentences = [s for r in data["reports"] for s in r["sentences"]]
    assert len(sentences) == 2 and all("区委" in s["text"] for s in sentences)
    short = {"name": "区委", "rule": f"{RG}regionPrefix", "why": "区委 is a short form of 宝安区委",
             "source": report_iri(graph)}
    assert short in data["merges"] and {m["name"] for m in data["merges"]} == {"区委", "宝安区委"}
    html = client.get(page_href(iri)).text
    assert "区委 is a short form of 宝安区委" in html and "rg:regionPrefix" in html


def test_sentence_page_shows_context_and_marks_indicators(client: httpx.Client, graph: Graph) -> None:
    statement = str(one(graph, "SELECT ?s WHERE { ?i a rg:Achievement ; rg:metric ?m ; rg:statement ?s } ORDER BY ?s LIMIT 1"))
    data = client.get(page_href(statement) + ".json").json()
    assert data["indicators"] and any(p["mark"] for p in data["pieces"])
    assert "".join(p["text"] for p in data["pieces"]) == data["text"]
    assert data["before"] or data["after"]
    assert data["area_label"]


def test_measure_page_across_periods(client: httpx.Client) -> None:
    data = client.get("/measure.json", params={"name": "规上工业增加值"}).json()
    kinds = sorted(v["kind"] for v in data["values"])
    assert kinds == ["achievement", "target"]
    assert data["graph_has_measures"] is True
    assert [c["iri"] for c in data["concepts"]] == [f"{INST}measure/规模以上工业增加值"]  # the metric's concept
    html = client.get("/measure", params={"name": "规上工业增加值"}).text
    assert "<svg" in html and html.count('class="rg-point') == 2
    assert "规模以上工业增加值" in html
    unknown = client.get("/measure", params={"name": "没有这个指标"}).text
    assert "No measure concept has this name" in unknown


def test_search_by_name_and_alias(client: httpx.Client) -> None:
    by_alias = client.get("/search.json", params={"q": "军创集团"}).json()
    assert [e["label"] for e in by_alias["entities"]] == ["广东军创现代农业集团有限公司"]
    assert by_alias["entities"][0]["alias"] == ["军创集团"]
    by_part = client.get("/search.json", params={"q": "社区"}).json()
    assert len([e for e in by_part["entities"] if e["type"] == "Community"]) >= 5
    assert client.get("/search", params={"q": "<script>"}).status_code == 200


def test_unknown_and_bad_iris_are_404(client: httpx.Client) -> None:
    assert client.get("/id/community/no-such-place").status_code == 404
    assert client.get("/resource", params={"iri": "not an iri"}).status_code == 404
    assert client.get("/resource.json", params={"iri": "http://example.org/x"}).json() == {
        "error": "the graph has nothing about <http://example.org/x>"}
    target_class = client.get("/resource.json", params={"iri": RG + "Target"}).json()  # no ontology loaded:
    assert target_class["out"] == [] and len(target_class["in"]) == 28  # what points at it: the 28 targets
    iri = f"{INST}community/和一社区"
    assert client.get("/resource", params={"iri": iri}, follow_redirects=False).headers["location"] == page_href(iri)


def test_an_iri_with_escapes_round_trips(client: httpx.Client, graph: Graph) -> None:
    event = next(str(s) for s in graph.subjects() if "%EF%BC%88" in str(s))
    assert quote("%", safe="") in page_href(event)
    assert client.get(page_href(event) + ".json").json()["iri"] == event


def test_overview_and_pictures(client: httpx.Client, graph: Graph) -> None:
    data = client.get("/picture.json").json()
    boxes = data["boxes"]
    assert [b["kind"] for b in boxes].count("report") == 1
    assert [b["kind"] for b in boxes].count("area") == 17  # one report: opened at once
    area = next(b for b in boxes if b["kind"] == "area")
    picture = client.get("/picture/area", params={"iri": area["iri"]})
    assert picture.status_code == 200
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', picture.text)
    assert meta and picture.headers["content-security-policy"] == unescape(meta.group(1))
    assert "default-src 'none'" in picture.headers["content-security-policy"]
    counts = client.get(page_href(area["iri"]) + ".json").json()
    members = sum(len(counts[k]) for k in ("entities", "achievements", "targets", "problems"))
    assert re.search(rf">{members + 2} nodes", picture.text)  # the area's members, the area and its report
    assert client.get("/picture/area", params={"iri": report_iri(graph)}).status_code == 404


# --------------------------------------------------------------------------- text from reports stays text


def test_payloads_in_report_text_are_escaped_on_every_page(payload_site: ServedSite) -> None:
    with httpx.Client(base_url=payload_site.url, timeout=60) as c:
        reports = c.get("/reports.json").json()["reports"]
        report = reports[0]["iri"]
        paths = ["/", page_href(report), "/picture", "/search?" + urlencode({"q": "<"})]
        data = c.get(page_href(report) + ".json").json()
        for area in data["areas"]:
            paths.append(page_href(area["iri"]))
            paths += [page_href(e["iri"]) for e in area["entities"]]
            paths += [page_href(i["statement"]) for i in area["achievements"] if i["statement"]]
            paths += ["/measure?" + urlencode({"name": i["metric"]}) for i in area["achievements"] if i["metric"]]
        assert len(paths) > 6
        for path in paths:
            html = c.get(path).text
            for payload in PAYLOADS:
                assert payload not in html, (path, payload)
            assert "<img" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
        # the text is still there, escaped
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in c.get(page_href(report)).text


def test_serving_stops_cleanly_on_ctrl_c(bundled_graph_file: Path, tmp_path: Path) -> None:
    started = start_site([bundled_graph_file], tmp_path)
    assert httpx.get(f"{started.url}/reports.json", timeout=60).status_code == 200
    assert stop_site(started) == 0
    assert "Traceback" not in started.output()


# --------------------------------------------------------------------------- pieces


@pytest.mark.parametrize(("accept", "offered", "chosen"), [
    (None, ("a/x", "b/y"), "a/x"),
    ("*/*", ("a/x", "b/y"), "a/x"),
    ("b/y", ("a/x", "b/y"), "b/y"),
    ("b/*;q=0.9, a/x;q=0.1", ("a/x", "b/y"), "b/y"),
    ("a/x;q=0, */*", ("a/x", "b/y"), "b/y"),
    ("c/z", ("a/x", "b/y"), None),
    ("a/x;q=bad", ("a/x",), None),
])
def test_content_negotiation(accept: str | None, offered: tuple[str, ...], chosen: str | None) -> None:
    assert choose(accept, offered) == chosen


def test_page_links(graph: Graph) -> None:
    assert page_href(f"{INST}community/和一社区") == "/id/community/" + quote("和一社区")
    assert page_href(RG + "Target") == "/resource?iri=" + quote(RG + "Target", safe="")
    assert page_href("") == ""


# --------------------------------------------------------------------------- facts of the identity and tracking issues


@pytest.fixture(scope="module")
def later_site(tmp_path_factory: pytest.TempPathFactory,
               report_series: tuple[str, str]) -> Iterator[tuple[ServedSite, dict[str, str]]]:
    """A built pair of reports: its graph has measure concepts across periods and a 成绩单."""
    folder = tmp_path_factory.mktemp("later-site")
    (folder / "in").mkdir()
    (folder / "in" / "2024.txt").write_text(report_series[0], encoding="utf-8")
    (folder / "in" / "2025.txt").write_text(report_series[1], encoding="utf-8")
    assert cli.main(["build", str(folder / "in"), "--out", str(folder / "out"), "--quiet"]) == 0
    graph = Graph().parse(folder / "out" / "graph.ttl")
    reports = {str(one(graph, f'SELECT ?r WHERE {{ ?r rg:sourceFile ?f FILTER(STRENDS(?f, "{name}")) }}')): name
               for name in ("2024.txt", "2025.txt")}
    served = start_site([folder / "out" / "graph.ttl"], folder)
    yield served, {name: iri for iri, name in reports.items()}
    stop_site(served)


def test_measures_and_the_scorecard_of_a_report_pair(later_site: tuple[ServedSite, dict[str, str]]) -> None:
    served, reports = later_site
    with httpx.Client(base_url=served.url, timeout=60) as c:
        measure = c.get("/measure.json", params={"name": "地区生产总值"}).json()
        assert measure["graph_has_measures"] is True and measure["concepts"]
        assert sorted((v["period_label"], v["kind"]) for v in measure["values"]) == [
            ("2024年", "achievement"), ("2024年", "target"), ("2025年", "target")]
        concept_page = c.get(page_href(measure["concepts"][0]["iri"]), follow_redirects=False)
        assert concept_page.status_code == 303 and concept_page.headers["location"].startswith("/measure?")
        planned = c.get(page_href(reports["2024.txt"]) + ".json").json()["scorecard"]
        review = c.get(page_href(reports["2025.txt"]) + ".json").json()["scorecard"]
        assert planned["targets"] == review["review"] and not planned["review"]  # one 成绩单, seen from both reports
        assert planned["status_counts"] == {"Met": 1, "NotMet": 1, "NotReported": 1}
        met = next(a for a in planned["targets"] if a["status"] == "Met")
        assert met["evidence"] and met["assessed_in"] == reports["2025.txt"] and met["comment"]
        html = c.get(page_href(reports["2024.txt"])).text
        assert "达成 met" in html and met["comment"].replace(">", "&gt;") in html
