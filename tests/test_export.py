"""``reportgraph export``: every format reads back (rdflib, oxigraph, networkx, a spreadsheet's CSV reader)
as the graph it came from, named graphs split per report, and the same graph always gives the same bytes."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from conftest import OTHER_REPORT, SMALL_REPORT, copy_graph, lit_int
from reportgraph import export, pipeline
from reportgraph.graphfile import read_graph
from reportgraph.pipeline import BuildResult
from reportgraph.rdf import INST, RG

REPO = Path(__file__).resolve().parent.parent
RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML,
}
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "rdfxml": "xml"}


def one_file(graph: Graph, fmt: str) -> bytes:
    files = export.export(graph, fmt)
    assert len(files) == 1
    return next(iter(files.values()))


def rdflib_reads(data: bytes, fmt: str) -> Graph:
    """What rdflib reads from an export; a dataset's graphs merged."""
    if fmt in ("nq", "trig"):
        ds = Dataset()
        ds.parse(data=data.decode("utf-8"), format=RDFLIB_FORMATS[fmt])
        merged = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            merged.add((s, p, o))
        return merged
    return Graph().parse(data=data.decode("utf-8"), format=RDFLIB_FORMATS[fmt])


def ox_string(node: object) -> str:
    if isinstance(node, URIRef):
        return str(ox.NamedNode(str(node)))
    assert isinstance(node, Literal)
    if node.language:
        return str(ox.Literal(str(node), language=node.language))
    if node.datatype is not None:
        return str(ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype))))
    return str(ox.Literal(str(node)))


def exact(g: Graph) -> set[tuple[str, str, str]]:
    return {(ox_string(s), ox_string(p), ox_string(o)) for s, p, o in g}


def oxigraph_reads(data: bytes, fmt: str) -> list[ox.Quad]:
    return list(ox.parse(data, format=RDF_FORMATS[fmt]))


@pytest.fixture(scope="module")
def seed_graph(seed_build: BuildResult) -> Graph:
    """A copy: export binds prefixes on the graph it writes."""
    return copy_graph(seed_build.graph)


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    folder = tmp_path_factory.mktemp("two")
    (folder / "hefeng.txt").write_text(SMALL_REPORT, encoding="utf-8")
    (folder / "qingshan.txt").write_text(OTHER_REPORT, encoding="utf-8")
    return pipeline.build([folder])


# --------------------------------------------------------------------------- RDF formats


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_reads_back_in_rdflib(seed_graph: Graph, fmt: str) -> None:
    assert isomorphic(rdflib_reads(one_file(seed_graph, fmt), fmt), seed_graph)


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_reads_back_exactly_in_oxigraph(seed_graph: Graph, fmt: str) -> None:
    quads = oxigraph_reads(one_file(seed_graph, fmt), fmt)
    assert {(str(q.subject), str(q.predicate), str(q.object)) for q in quads} == exact(seed_graph)


@pytest.mark.parametrize("fmt", [*RDF_FORMATS, "graphml", "csv"])
def test_same_graph_same_bytes(seed_graph: Graph, seed_build: BuildResult, fmt: str) -> None:
    again = copy_graph(seed_build.graph)
    assert export.export(seed_graph, fmt) == export.export(again, fmt)


def test_no_blank_nodes_in_any_export(seed_graph: Graph) -> None:
    assert not any(isinstance(t, BNode) for triple in seed_graph for t in triple)
    for fmt in RDF_FORMATS:
        for q in oxigraph_reads(one_file(seed_graph, fmt), fmt):
            assert not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)


def test_turtle_has_readable_prefixes_and_equals_build_output(seed_graph: Graph, tmp_path: Path) -> None:
    ttl = one_file(seed_graph, "ttl").decode("utf-8")
    for line in ("@prefix rg: <https://w3id.org/reportgraph/ns#> .",
                 "@prefix community: <https://w3id.org/reportgraph/id/community/> ."):
        assert line in ttl
    assert "\ncommunity:" in ttl  # entity subjects as prefixed names
    # a graph file read back and exported again is the same file
    path = tmp_path / "graph.ttl"
    path.write_bytes(ttl.encode("utf-8"))
    assert one_file(read_graph(path), "ttl").decode("utf-8") == ttl


def test_named_graph_per_report(two_reports: BuildResult) -> None:
    g = copy_graph(two_reports.graph)
    reports = sorted(str(r) for r in g.subjects(RDF.type, RG.Report))
    assert len(reports) == 2
    for fmt in ("nq", "trig"):
        ds = Dataset()
        ds.parse(data=one_file(g, fmt).decode("utf-8"), format=RDFLIB_FORMATS[fmt])
        names = sorted(str(c.identifier) for c in ds.graphs() if len(c) and c.identifier != ds.default_graph.identifier)
        assert names == [f"{r}/graph" for r in reports], fmt
        default = ds.default_graph
        for report in map(URIRef, reports):
            named = ds.graph(URIRef(f"{report}/graph"))
            # everything of the report is in its graph, nothing of the other report
            statements = set(named.subjects(RDF.type, RG.Statement))
            assert statements and statements == {s for s in g.subjects(RG.inReport, report)
                                                 if (s, RDF.type, RG.Statement) in g}
            assert all(named.value(s, RG.inReport) == report for s in statements)
            assert (report, RDF.type, RG.Report) in named
        # what the reports share is in the default graph: entity names, periods
        entity = next(iter(g.subjects(RG.mentionCount, None)))
        assert (entity, RDFS.label, g.value(entity, RDFS.label)) in default
        assert all(p != RG.inReport for _, p, _ in default)


def test_named_graphs_read_back_exactly_in_oxigraph(two_reports: BuildResult) -> None:
    g = copy_graph(two_reports.graph)
    for fmt in ("nq", "trig"):
        quads = oxigraph_reads(one_file(g, fmt), fmt)
        graphs = {str(q.graph_name) for q in quads}
        assert len(graphs) == 3  # default + two reports
        assert {(str(q.subject), str(q.predicate), str(q.object)) for q in quads} == exact(g)


def test_jsonld_has_a_context_and_one_object_per_node(seed_graph: Graph) -> None:
    doc = json.loads(one_file(seed_graph, "jsonld"))
    context = doc["@context"]
    assert context["rg"] == "https://w3id.org/reportgraph/ns#"
    assert context["xsd"] == "http://www.w3.org/2001/XMLSchema#"
    ids = [node["@id"] for node in doc["@graph"]]
    assert len(ids) == len(set(ids)) == len(set(seed_graph.subjects()))
    community = next(n for n in doc["@graph"] if n.get("@type") == "rg:Community")
    assert community["@id"].startswith("community:")
    assert community["rdfs:label"]["@language"] == "zh"
    assert community["rg:mentionCount"]["@type"] == "xsd:integer"


# --------------------------------------------------------------------------- GraphML


def test_graphml_for_gephi_and_cytoscape(seed_graph: Graph, tmp_path: Path) -> None:
    """Work areas as nodes: entities hang on the areas that name them, not all on the report (a star)."""
    path = tmp_path / "graph.graphml"
    path.write_bytes(one_file(seed_graph, "graphml"))
    assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    net = nx.read_graphml(path)
    entities = set(seed_graph.subjects(RG.mentionCount, None))
    reports = set(seed_graph.subjects(RDF.type, RG.Report))
    areas = set(seed_graph.subjects(RDF.type, RG.WorkArea))
    assert set(net.nodes) == {str(n) for n in entities | reports | areas}
    for ent in entities:
        data = net.nodes[str(ent)]
        assert data["label"] == str(seed_graph.value(ent, RDFS.label))
        assert data["type"] == str(seed_graph.value(ent, RDF.type)).rsplit("#", 1)[1]
        assert data["mention_count"] == lit_int(seed_graph.value(ent, RG.mentionCount))
        labels = {str(seed_graph.value(a, RDFS.label)) for a in seed_graph.objects(ent, RG.workArea)}
        assert set(data["work_area"].split("; ")) == labels
    for area in areas:
        data = net.nodes[str(area)]
        assert data["type"] == "WorkArea" and data["label"] == str(seed_graph.value(area, RDFS.label))
        assert data["part"] == str(seed_graph.value(area, RG.partType))
    edges = [(s, o, d) for s, o, d in net.edges(data=True)]
    by_relation = {d["relation"] for _, _, d in edges}
    assert {"workArea", "coMentioned", "inReport", "locatedIn"} <= by_relation
    to_report = [e for e in edges if e[1] in {str(r) for r in reports}]
    assert len(to_report) < len(edges) / 4  # not a star around the report any more
    for s, o, d in edges:
        assert d["label"] == d["relation"] and d["weight"] >= 1
        if d["relation"] == "workArea":
            # weighted by the sentences of that area naming the entity
            sentences = [st for st in seed_graph.objects(URIRef(s), RG.statement)
                         if seed_graph.value(seed_graph.value(st, RG.inSection), RG.workArea) == URIRef(o)]
            assert d["weight"] == max(1, len(sentences))
            assert (URIRef(s), RG.workArea, URIRef(o)) in seed_graph
        elif d["relation"] == "coMentioned":
            both = set(seed_graph.objects(URIRef(s), RG.statement)) & set(seed_graph.objects(URIRef(o), RG.statement))
            assert s < o and d["weight"] == len(both) > 0
        elif d["relation"] == "inReport":
            assert (URIRef(s), RG.inReport, URIRef(o)) in seed_graph
        else:
            assert (URIRef(s), RG[d["relation"]], URIRef(o)) in seed_graph
    # every area of every entity is an edge, and every pair named together in a sentence
    assert {(s, o) for s, o, d in edges if d["relation"] == "workArea"} == {
        (str(e), str(a)) for e in entities for a in seed_graph.objects(e, RG.workArea)}
    naming: dict[str, set[str]] = {}
    for e in entities:
        for st in seed_graph.objects(e, RG.statement):
            naming.setdefault(str(st), set()).add(str(e))
    assert {(s, o) for s, o, d in edges if d["relation"] == "coMentioned"} == {
        (a, b) for named in naming.values() for a in named for b in named if a < b}


#: Every character XML 1.0 forbids (U+0000 aside: no command line or file name holds one).
XML_FORBIDDEN_TEXT = "".join(map(chr, (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)))


def test_graphml_is_valid_whatever_characters_a_graph_holds(seed_graph: Graph, tmp_path: Path) -> None:
    """A graph read from anywhere may hold characters XML forbids; GraphML replaces them, networkx reads it."""
    g = copy_graph(seed_graph)
    entity = URIRef(INST["community/深圳市宝安区沙井街道沙头社区"])
    g.set((entity, RDFS.label, Literal(f"沙头{XML_FORBIDDEN_TEXT}社区", lang="zh")))
    report = next(g.subjects(RDF.type, RG.Report))
    g.set((report, RDFS.label, Literal(f"标题{XML_FORBIDDEN_TEXT}")))
    path = tmp_path / "graph.graphml"
    path.write_bytes(one_file(g, "graphml"))
    net = nx.read_graphml(path)
    assert net.nodes[str(entity)]["label"] == "沙头" + "\ufffd" * len(XML_FORBIDDEN_TEXT) + "社区"
    assert net.nodes[str(report)]["label"].startswith("标题\ufffd")
    with pytest.raises(export.UnwritableGraph, match="U\\+0001, a character XML cannot carry"):
        export.export(g, "rdfxml")


def test_graphml_of_a_build_with_such_characters_in_text_sidecar_and_title(tmp_path: Path) -> None:
    """Through the command line: report text, a sidecar and --title with every character XML forbids."""
    from reportgraph import cli

    text = SMALL_REPORT.replace("幸福社区", f"幸福{XML_FORBIDDEN_TEXT[:8]}社区", 1)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text(text, encoding="utf-8")
    (tmp_path / "in" / "r.meta.json").write_text(json.dumps({"issuer": f"和风街道{XML_FORBIDDEN_TEXT}办事处"}),
                                                 encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["build", str(tmp_path / "in"), "--out", str(out), "-q",
                     "--title", f"某某{XML_FORBIDDEN_TEXT}工作报告"]) == 0
    for fmt, name in (("graphml", "g.graphml"), ("rdfxml", "g.rdf")):
        assert cli.main(["export", "--graph", str(out), "--format", fmt, "--out", str(tmp_path / name)]) == 0
    net = nx.read_graphml(tmp_path / "g.graphml")
    (report,) = [d for _, d in net.nodes(data=True) if d["type"] == "Report"]
    assert report["label"].startswith("某某") and report["label"].endswith("工作报告")
    assert len(Graph().parse(tmp_path / "g.rdf", format="xml")) == len(Graph().parse(out / "graph.ttl"))


# --------------------------------------------------------------------------- CSV


def read_like_excel(data: bytes) -> list[list[str]]:
    """What a spreadsheet reads: a UTF-8 BOM says the encoding, then RFC 4180 CSV with CRLF line ends."""
    assert data.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would read the Chinese as mojibake"
    text = data[3:].decode("utf-8")
    assert "\r\n" in text
    assert "\n" not in text.replace("\r\n", "") or '"' in text  # bare newlines only inside quoted cells
    return list(csv.reader(io.StringIO(text, newline=""), dialect="excel"))


def test_csv_indicators(seed_graph: Graph, seed_build: BuildResult) -> None:
    rows = read_like_excel(export.to_csv(seed_graph)["indicators.csv"])
    header, body = rows[0], rows[1:]
    assert header[:9] == ["report", "work area", "kind", "metric", "value", "unit", "normalized value",
                          "qualifier", "source sentence"]
    assert all(len(row) == len(header) for row in body)
    indicators = [i for lr in seed_build.reports for i in lr.indicators]
    assert len(body) == len(indicators)
    col = {name: n for n, name in enumerate(header)}
    first = body[0]
    ind = min(indicators, key=lambda i: (i.start, i.end))
    assert first[col["kind"]] == ind.kind
    assert first[col["metric"]] == ind.metric
    assert float(first[col["value"]]) == float(ind.value)
    assert first[col["unit"]] == ind.unit
    assert float(first[col["normalized value"]]) == pytest.approx(ind.normalized)
    assert first[col["source sentence"]] == ind.sentence.text
    assert first[col["report"]] == seed_build.reports[0].report.title
    # a sentence with commas survives as one cell
    assert any("," in row[col["source sentence"]] for row in body)
    # numbers are plain digits a spreadsheet reads as numbers
    for row in body:
        float(row[col["value"]])
        assert "e" not in row[col["normalized value"]].lower()


def test_csv_entities(seed_graph: Graph) -> None:
    rows = read_like_excel(export.to_csv(seed_graph)["entities.csv"])
    header, body = rows[0], rows[1:]
    assert header == list(export.ENTITY_COLUMNS)
    assert len(body) == len(set(seed_graph.subjects(RG.mentionCount, None)))
    col = {name: n for n, name in enumerate(header)}
    by_iri = {row[col["entity"]]: row for row in body}
    ent = min(seed_graph.subjects(RG.mentionCount, None), key=str)
    row = by_iri[str(ent)]
    assert row[col["label"]] == str(seed_graph.value(ent, RDFS.label))
    assert int(row[col["mention count"]]) == lit_int(seed_graph.value(ent, RG.mentionCount))


def test_csv_quoting_and_formulas() -> None:
    """Quotes, commas, line breaks and formula-like text stay one cell each and are never run as formulas."""
    g = Graph()
    report, ind, st = INST["report/x"], INST["report/x/indicator/0-1"], INST["report/x/s0"]
    area = INST["report/x/area/a"]
    g.add((report, RDF.type, RG.Report))
    g.add((report, RDFS.label, Literal('报告 "甲", 乙', lang="zh")))
    g.add((ind, RDF.type, RG.Target))
    g.add((ind, RG.inReport, report))
    g.add((ind, RG.metric, Literal("=1+2", lang="zh")))
    g.add((ind, RG.value, Literal("5.0", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))))
    g.add((ind, RG.normalizedValue, Literal("5.12E8", datatype=URIRef("http://www.w3.org/2001/XMLSchema#double"))))
    g.add((ind, RG.unit, Literal("亿元")))
    g.add((ind, RG.statement, st))
    g.add((st, RG.text, Literal("第一行\n第二行, 有逗号", lang="zh")))
    g.add((ind, RG.workArea, area))
    g.add((area, RDFS.label, Literal("@mention", lang="zh")))
    rows = read_like_excel(export.to_csv(g)["indicators.csv"])
    col = {name: n for n, name in enumerate(rows[0])}
    row = rows[1]
    assert len(rows) == 2
    assert row[col["report"]] == '报告 "甲", 乙'
    assert row[col["metric"]] == "'=1+2"
    assert row[col["work area"]] == "'@mention"
    assert row[col["source sentence"]] == "第一行\n第二行, 有逗号"
    assert row[col["value"]] == "5"
    assert row[col["normalized value"]] == "512000000"
    assert row[col["kind"]] == "target"


def test_an_assessment_is_in_the_named_graph_of_the_report_that_makes_it(tmp_path: Path) -> None:
    """What came of a 2024 target is said by the 2025 review: its triples go to the review's graph."""
    paths = []
    for name, text in (("2024.txt", _TARGETS), ("2025.txt", _REVIEW)):
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    graph = pipeline.build([str(p) for p in paths]).graph
    [review] = [r for r in graph.subjects(RDF.type, RG.Report) if "2025" in str(graph.value(r, RG.sourceFile))]
    assessments = set(graph.subjects(RDF.type, RG.TargetAssessment))
    assert assessments
    default, named = export.report_graphs(graph)
    in_review = {s for s, _, _ in named[URIRef(f"{review}/graph")]}
    assert assessments <= in_review
    assert not assessments & {s for s, _, _ in default}


_TARGETS = ("某某市人民政府2024年政府工作报告\n一、2023年工作回顾\n（一）经济运行。\n各项工作有序推进。\n"
            "二、2024年工作安排\n（一）主要预期目标。\n地区生产总值增长5%左右，固定资产投资增长8%。\n")
_REVIEW = ("某某市人民政府2025年政府工作报告\n一、2024年工作回顾\n（一）经济运行。\n"
           "地区生产总值增长5.3%，固定资产投资增长6.1%。\n")
