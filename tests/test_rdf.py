"""to_graph on hand-built LinkedReports: real triples, stable IRIs, no blank nodes."""
from __future__ import annotations

import gc
import hashlib
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import DCTERMS, RDF, RDFS, SKOS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from conftest import WriteReport
from reportgraph.model import (
    Entity, Indicator, LinkedReport, Mention, Problem, Relation, Report, Section, Sentence,
)
from reportgraph.rdf import INST, RG, bind_prefixes, iri_safe, to_graph

#: A plain Namespace: pytest's collector warns when it probes rdflib's closed XSD namespace.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# --------------------------------------------------------------------------
# Hand-built input
# --------------------------------------------------------------------------

#: The cleaned text of a small report; the offsets below index into it.
TEXT = (
    "沙井街道2024年上半年工作总结\n"
    "一、上半年工作总结\n"
    "（一）经济发展稳中有进。\n"      # section s1-1 starts at 27
    "立讯精密获评单项冠军企业。"      # sentence 0: 40..53
    "新增注资5.12亿元。\n"            # sentence 1: 53..64, indicator 57..63
    "二、存在问题\n"                  # section s2-0: 65..81
    "产业结构有待优化。"              # sentence 2: 72..81
)


def span(part: str, start: int = 0) -> tuple[int, int]:
    """Offsets of ``part`` in TEXT, so the test data cannot drift from the text."""
    i = TEXT.index(part, start)
    return i, i + len(part)


def make_report(text: str = TEXT, path: str = "seeds/a.txt") -> LinkedReport:
    s0 = Sentence(0, *span("立讯精密获评单项冠军企业。"), "立讯精密获评单项冠军企业。", "s1-1")
    s1 = Sentence(1, *span("新增注资5.12亿元。"), "新增注资5.12亿元。", "s1-1")
    s2 = Sentence(2, *span("产业结构有待优化。"), "产业结构有待优化。", "s2-0")
    sec1 = Section("s1-1", "summary", 1, "经济发展稳中有进", "经济发展", 27, 65, [s0, s1])
    sec2 = Section("s2-0", "problems", None, "存在问题", "存在问题", 65, 81, [s2])
    report = Report(
        path=path, text=text, title="沙井街道2024年上半年工作总结", issuer="沙井街道办事处",
        date="2024-08-19", period="2024年上半年", plan_period="2024年下半年", level="subdistrict",
        region=["沙井街道"], sections=[sec1, sec2],
    )
    luxshare = Entity(
        "Company/立讯精密工业股份有限公司", "Company", "立讯精密工业股份有限公司", ["立讯精密"],
        [Mention("Company", "立讯精密", *span("立讯精密"), s0, "立讯精密工业股份有限公司")],
    )
    honor = Entity(
        "Honor/单项冠军企业", "Honor", "单项冠军企业", [],
        [Mention("Honor", "单项冠军企业", *span("单项冠军企业"), s0)],
    )
    office = Entity("GovernmentBody/沙井街道办事处", "GovernmentBody", "沙井街道办事处", ["沙井街道办"], [])
    place = Entity("Place/沙井街道", "Place", "沙井街道", [], [])
    money = Indicator(
        kind="achievement", metric="新增注资", value=Decimal("5.12"), unit="亿元",
        normalized=512000000.0, base_unit="元", qualifier="", start=span("5.12亿元")[0],
        end=span("5.12亿元")[1], sentence=s1, section_id="s1-1",
        entity_keys=["Company/立讯精密工业股份有限公司", "Company/不在本报告"],
    )
    rels = [
        Relation("Company/立讯精密工业股份有限公司", "wonHonor", "Honor/单项冠军企业", s0),
        Relation("Company/立讯精密工业股份有限公司", "locatedIn", "Place/nowhere", s0),
    ]
    return LinkedReport(report, [luxshare, honor, office, place], [money], rels,
                        problems=[Problem("产业结构有待优化", s2, "s2-0")])


def make_second_report() -> LinkedReport:
    """Another report naming the same company under another alias, twice."""
    text = "信维通信与立讯精密合作。立讯精密扩产，目标增长10%以上。"
    s0 = Sentence(0, 0, 12, text[0:12], "s0")
    s1 = Sentence(1, 12, len(text), text[12:], "s0")
    sec = Section("s0", "plan", None, "", "", 0, len(text), [s0, s1])
    report = Report(path="seeds/b.txt", text=text, sections=[sec], plan_period="2025年")
    luxshare = Entity(
        "Company/立讯精密工业股份有限公司", "Company", "立讯精密工业股份有限公司", ["立讯", "立讯精密"],
        [Mention("Company", "立讯精密", 5, 9, s0), Mention("Company", "立讯精密", 12, 16, s1)],
    )
    target = Indicator(
        kind="target", metric="增长", value=Decimal("1E+1"), unit="%", normalized=10.0,
        base_unit="%", qualifier="以上", start=24, end=27, sentence=s1, section_id="s0",
    )
    return LinkedReport(report, [luxshare], [target], [])


def report_node(text: str = TEXT) -> URIRef:
    return INST["report/" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return to_graph([make_report()])


# --------------------------------------------------------------------------
# IRIs
# --------------------------------------------------------------------------

def test_iri_safe_keeps_cjk_letters_digits_and_encodes_the_rest() -> None:
    assert iri_safe("和一社区") == "和一社区"
    assert iri_safe("A-b_1.2") == "A-b_1.2"
    assert iri_safe("a b/c%") == "a%20b%2Fc%25"
    assert iri_safe("深港（沙井）") == "深港%EF%BC%88沙井%EF%BC%89"
    # different names never collide
    assert iri_safe("a/b") != iri_safe("a%2Fb")


def test_iris_follow_the_rules(graph: Graph) -> None:
    r = report_node()
    assert (r, RDF.type, RG.Report) in graph
    assert (r, RG.hasSection, URIRef(f"{r}/section/s1-1")) in graph
    assert (URIRef(f"{r}/s1"), RDF.type, RG.Statement) in graph
    assert (URIRef(f"{r}/area/s1-1"), RDF.type, RG.WorkArea) in graph
    assert (URIRef(f"{r}/indicator/57-63"), RDF.type, RG.Achievement) in graph
    assert (URIRef(f"{r}/problem/1"), RDF.type, RG.Problem) in graph
    assert (INST["company/立讯精密工业股份有限公司"], RDF.type, RG.Company) in graph
    assert (INST["period/2024年上半年"], RDF.type, RG.Period) in graph


def test_no_blank_nodes(graph: Graph) -> None:
    both = to_graph([make_report(), make_second_report()])
    for g in (graph, both):
        assert not [t for t in g if any(isinstance(x, BNode) for x in t)]


# --------------------------------------------------------------------------
# Triples
# --------------------------------------------------------------------------

def test_report_metadata(graph: Graph) -> None:
    r = report_node()
    assert graph.value(r, DCTERMS.title) == Literal("沙井街道2024年上半年工作总结", lang="zh")
    issued = graph.value(r, DCTERMS.issued)
    assert issued == Literal("2024-08-19", datatype=XSD.date)
    assert graph.value(r, RG.charLength) == Literal(len(TEXT), datatype=XSD.integer)
    assert graph.value(r, RG.sourceFile) == Literal("a.txt")  # no display path given: the name, never its folder
    assert graph.value(r, RG.level) == Literal("subdistrict")
    assert graph.value(graph.value(r, RG.period), RDFS.label) == Literal("2024年上半年", lang="zh")
    assert graph.value(graph.value(r, RG.planPeriod), RDFS.label) == Literal("2024年下半年", lang="zh")
    # the issuer matches a GovernmentBody by name, the region a place by name
    assert graph.value(r, RG.issuer) == INST["governmentbody/沙井街道办事处"]
    assert graph.value(r, DCTERMS.publisher) is None
    assert graph.value(r, RG.region) == INST["place/沙井街道"]


def test_issuer_matched_by_alias_or_kept_as_literal() -> None:
    lr = make_report()
    lr.report.issuer = "沙井街道办"
    assert to_graph([lr]).value(report_node(), RG.issuer) == INST["governmentbody/沙井街道办事处"]
    lr.report.issuer = "宝安区人民政府"
    lr.report.date = "2024年8月"
    g = to_graph([lr])
    assert g.value(report_node(), RG.issuer) is None
    assert g.value(report_node(), DCTERMS.publisher) == Literal("宝安区人民政府", lang="zh")
    assert g.value(report_node(), DCTERMS.issued) == Literal("2024年8月")


def test_sections_work_areas_and_statements(graph: Graph) -> None:
    r = report_node()
    sec, area = URIRef(f"{r}/section/s1-1"), URIRef(f"{r}/area/s1-1")
    assert (sec, RG.part, RG.summaryPart) in graph
    assert (URIRef(f"{r}/section/s2-0"), RG.part, RG.problemsPart) in graph
    assert graph.value(sec, RG.sectionNumber) == Literal(1, datatype=XSD.integer)
    assert graph.value(URIRef(f"{r}/section/s2-0"), RG.sectionNumber) is None
    assert graph.value(sec, RDFS.label) == Literal("经济发展稳中有进", lang="zh")
    assert graph.value(sec, RG.startOffset) == Literal(27, datatype=XSD.integer)
    assert graph.value(sec, RG.endOffset) == Literal(65, datatype=XSD.integer)
    assert graph.value(sec, RG.workArea) == area
    # the work area keeps its short label and the heading's full words
    assert (area, RDF.type, SKOS.Concept) in graph
    assert graph.value(area, RDFS.label) == Literal("经济发展", lang="zh")
    assert graph.value(area, SKOS.altLabel) == Literal("经济发展稳中有进", lang="zh")
    assert (area, SKOS.inScheme, URIRef(f"{r}/areas")) in graph
    assert (URIRef(f"{r}/areas"), RDF.type, SKOS.ConceptScheme) in graph
    assert graph.value(area, RG.partType) == Literal("summary")
    # same label and heading: no altLabel
    assert graph.value(URIRef(f"{r}/area/s2-0"), SKOS.altLabel) is None
    # every sentence is a statement whose offsets give back its text
    statements = set(graph.subjects(RDF.type, RG.Statement))
    assert len(statements) == 3
    for s in statements:
        start = graph.value(s, RG.startOffset)
        end = graph.value(s, RG.endOffset)
        assert start.datatype == XSD.integer
        assert TEXT[start.toPython():end.toPython()] == str(graph.value(s, RG.text))
        assert graph.value(s, RG.text).language == "zh"
        assert graph.value(s, RG.inReport) == r
    assert graph.value(URIRef(f"{r}/s2"), RG.inSection) == URIRef(f"{r}/section/s2-0")


def test_entities(graph: Graph) -> None:
    r = report_node()
    lux = INST["company/立讯精密工业股份有限公司"]
    assert set(graph.objects(lux, RDFS.label)) == {Literal("立讯精密工业股份有限公司", lang="zh")}
    assert set(graph.objects(lux, SKOS.altLabel)) == {Literal("立讯精密", lang="zh")}
    assert graph.value(lux, RG.mentionCount) == Literal(1, datatype=XSD.integer)
    assert graph.value(lux, RG.statement) == URIRef(f"{r}/s0")
    assert graph.value(lux, RG.workArea) == URIRef(f"{r}/area/s1-1")
    assert graph.value(lux, RG.mentionedIn) == r
    # never mentioned in the text (only matched as issuer): no mentionedIn
    office = INST["governmentbody/沙井街道办事处"]
    assert graph.value(office, RG.mentionCount) == Literal(0, datatype=XSD.integer)
    assert graph.value(office, RG.mentionedIn) is None
    # the place the region chain names is typed with its rg class
    assert (INST["place/沙井街道"], RDF.type, RG.Place) in graph


def test_indicator(graph: Graph) -> None:
    r = report_node()
    ind = URIRef(f"{r}/indicator/57-63")
    value = graph.value(ind, RG.value)
    assert value.datatype == XSD.decimal and value.toPython() == Decimal("5.12")
    assert graph.value(ind, RG.unit) == Literal("亿元")
    assert graph.value(ind, RG.normalizedValue) == Literal(512000000.0, datatype=XSD.double)
    assert graph.value(ind, RG.baseUnit) == Literal("元")
    assert graph.value(ind, RG.qualifier) is None
    assert str(graph.value(ind, RG.metric)) == "新增注资"
    assert graph.value(ind, RDFS.label) == Literal("新增注资 5.12亿元", lang="zh")
    assert graph.value(ind, RG.workArea) == URIRef(f"{r}/area/s1-1")
    assert graph.value(ind, RG.statement) == URIRef(f"{r}/s1")
    assert graph.value(ind, RG.inReport) == r
    assert graph.value(ind, RG.indicatorPeriod) == INST["period/2024年上半年"]
    assert TEXT[graph.value(ind, RG.startOffset).toPython():graph.value(ind, RG.endOffset).toPython()] == "5.12亿元"
    # only the entity of this report, not the unknown key
    assert set(graph.objects(ind, RG.aboutEntity)) == {INST["company/立讯精密工业股份有限公司"]}


def test_target_indicator_value_as_written_and_plan_period() -> None:
    g = to_graph([make_second_report()])
    r = report_node(make_second_report().report.text)
    ind = URIRef(f"{r}/indicator/24-27")
    assert (ind, RDF.type, RG.Target) in g
    # Decimal("1E+1") must not leak exponent notation into an xsd:decimal, and
    # whole numbers get a decimal point, as Turtle writes them
    assert g.value(ind, RG.value) == Literal("10.0", datatype=XSD.decimal)
    assert g.value(ind, RDFS.label) == Literal("增长 10%", lang="zh")
    assert g.value(ind, RG.qualifier) == Literal("以上")
    assert g.value(ind, RG.indicatorPeriod) == INST["period/2025年"]
    # an unlabelled section still gets a work area, with no empty labels
    area = URIRef(f"{r}/area/s0")
    assert (area, RDF.type, RG.WorkArea) in g
    assert g.value(area, RDFS.label) is None


def test_problem_and_relations(graph: Graph) -> None:
    r = report_node()
    prob = URIRef(f"{r}/problem/1")
    assert graph.value(prob, RDFS.label) == Literal("产业结构有待优化", lang="zh")
    assert graph.value(prob, RG.statement) == URIRef(f"{r}/s2")
    assert graph.value(prob, RG.workArea) == URIRef(f"{r}/area/s2-0")
    assert graph.value(prob, RG.inReport) == r
    lux = INST["company/立讯精密工业股份有限公司"]
    assert (lux, RG.wonHonor, INST["honor/单项冠军企业"]) in graph
    # the relation to an unknown key is dropped
    assert graph.value(lux, RG.locatedIn) is None


def test_same_entity_in_two_reports_is_one_node_with_summed_mentions() -> None:
    g = to_graph([make_report(), make_second_report()])
    nodes = set(g.subjects(RDFS.label, Literal("立讯精密工业股份有限公司", lang="zh")))
    assert nodes == {INST["company/立讯精密工业股份有限公司"]}
    lux = nodes.pop()
    assert list(g.objects(lux, RG.mentionCount)) == [Literal(3, datatype=XSD.integer)]
    assert set(g.objects(lux, SKOS.altLabel)) == {Literal("立讯精密", lang="zh"), Literal("立讯", lang="zh")}
    assert set(g.objects(lux, RG.mentionedIn)) == {report_node(), report_node(make_second_report().report.text)}
    assert len(set(g.objects(lux, RG.statement))) == 3
    # the shared period node is one node too
    assert len(set(g.subjects(RDF.type, RG.Period))) == 3


def test_unknown_relation_predicate_falls_back_to_related_to() -> None:
    lr = make_report()
    lr.relations = [Relation("Company/立讯精密工业股份有限公司", "sponsors", "Honor/单项冠军企业", lr.relations[0].sentence)]
    g = to_graph([lr])
    assert (INST["company/立讯精密工业股份有限公司"], RG.relatedTo, INST["honor/单项冠军企业"]) in g
    assert not [p for p in g.predicates() if p == RG.sponsors]


# --------------------------------------------------------------------------
# Determinism and an exact expected graph
# --------------------------------------------------------------------------

def test_deterministic_and_independent_of_report_order() -> None:
    a = to_graph([make_report(), make_second_report()])
    b = to_graph([make_report(), make_second_report()])
    c = to_graph([make_second_report(), make_report()])
    assert isomorphic(a, b)
    assert to_isomorphic(a) == to_isomorphic(c)
    assert a.serialize(format="nt", encoding="utf-8") and set(a) == set(c)


def test_turtle_round_trip_gives_the_same_triples() -> None:
    """graph.ttl read back must equal the graph, term for term (no literal drift)."""
    g = to_graph([make_report(), make_second_report()])
    for fmt in ("turtle", "nt"):
        back = Graph().parse(data=g.serialize(format=fmt), format=fmt)
        assert set(back) == set(g), fmt


def test_prefixes_are_bound() -> None:
    g = to_graph([])
    prefixes = dict(g.namespaces())
    assert prefixes["rg"] == URIRef(str(RG)) and prefixes["inst"] == URIRef(str(INST))
    for p in ("rdf", "rdfs", "owl", "xsd", "skos", "prov", "dcterms", "org", "time"):
        assert p in prefixes
    other = Graph()
    bind_prefixes(other)
    assert dict(other.namespaces())["rg"] == URIRef(str(RG))


EXPECTED_TTL = """
@prefix rg: <https://w3id.org/reportgraph/ns#> .
@prefix inst: <https://w3id.org/reportgraph/id/> .
@prefix r: <REPORT/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<REPORT> a rg:Report ;
    rg:sourceFile "tiny.txt" ;
    rg:charLength 9 ;
    rg:hasSection r:section\\/s0 .

r:areas a skos:ConceptScheme ;
    prov:wasDerivedFrom <REPORT> .

r:section\\/s0 a rg:Section ;
    rg:inReport <REPORT> ;
    rg:part rg:summaryPart ;
    rg:sectionNumber 1 ;
    rdfs:label "社区建设"@zh ;
    rg:startOffset 0 ;
    rg:endOffset 9 ;
    rg:workArea r:area\\/s0 .

r:area\\/s0 a rg:WorkArea , skos:Concept ;
    rdfs:label "社区"@zh ;
    skos:prefLabel "社区"@zh ;
    skos:altLabel "社区建设"@zh ;
    skos:inScheme r:areas ;
    rg:inReport <REPORT> ;
    rg:partType "summary" .

r:s0 a rg:Statement ;
    rg:text "和一社区建成公园。"@zh ;
    rg:startOffset 0 ;
    rg:endOffset 9 ;
    rg:inSection r:section\\/s0 ;
    rg:inReport <REPORT> .

inst:community\\/和一社区 a rg:Community ;
    rdfs:label "和一社区"@zh ;
    skos:altLabel "和一"@zh ;
    rg:mentionCount 1 ;
    rg:statement r:s0 ;
    rg:workArea r:area\\/s0 ;
    rg:mentionedIn <REPORT> .
"""


def test_matches_expected_graph() -> None:
    text = "和一社区建成公园。"
    s0 = Sentence(0, 0, 9, text, "s0")
    sec = Section("s0", "summary", 1, "社区建设", "社区", 0, 9, [s0])
    report = Report(path="tiny.txt", text=text, sections=[sec])
    ent = Entity("Community/和一社区", "Community", "和一社区", ["和一"], [Mention("Community", "和一社区", 0, 4, s0)])
    got = to_graph([LinkedReport(report, [ent], [], [])])
    expected = Graph().parse(data=EXPECTED_TTL.replace("REPORT", str(report_node(text))), format="turtle")
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        pytest.fail(f"only in to_graph:\n{only_got.serialize(format='nt')}\n"
                    f"only expected:\n{only_expected.serialize(format='nt')}")


# --------------------------------------------------------------------------
# The bulk build: shared terms, repeats and the collector
# --------------------------------------------------------------------------

def test_shared_nodes_get_their_facts_once() -> None:
    """A period named by the report and by every indicator is typed and labelled once."""
    lr = make_report()
    lr.report.plan_period = lr.report.period
    lr.indicators.append(Indicator(
        kind="target", metric="增长", value=Decimal("5"), unit="%", normalized=5.0, base_unit="%",
        qualifier="", start=0, end=2, sentence=lr.indicators[0].sentence, section_id="s1-1",
    ))
    g = to_graph([lr])
    period = INST["period/2024年上半年"]
    assert list(g.objects(period, RDF.type)) == [RG.Period]
    assert list(g.objects(period, RDFS.label)) == [Literal("2024年上半年", lang="zh")]
    assert set(g.subjects(RG.indicatorPeriod, period)) == {
        URIRef(f"{report_node()}/indicator/57-63"), URIRef(f"{report_node()}/indicator/0-2"),
    }
    assert (report_node(), RG.planPeriod, period) in g


def test_equal_text_keeps_its_own_literal_kind() -> None:
    """One string as a plain literal, a @zh literal and a number must stay three different terms."""
    lr = make_second_report()
    ind = lr.indicators[0]
    ind.metric, ind.unit, ind.qualifier = "10", "10", "10"
    lr.report.sections[0].number = 10
    g = to_graph([lr])
    node = URIRef(f"{report_node(lr.report.text)}/indicator/24-27")
    assert g.value(node, RG.metric) == Literal("10", lang="zh")
    assert g.value(node, RG.unit) == Literal("10")
    assert g.value(node, RG.qualifier) == Literal("10")
    section = URIRef(f"{report_node(lr.report.text)}/section/s0")
    assert g.value(section, RG.sectionNumber) == Literal(10, datatype=XSD.integer)


@pytest.mark.parametrize("enabled", [True, False])
def test_garbage_collector_left_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        to_graph([make_report()])
        assert gc.isenabled() is enabled
        broken = make_report()
        broken.report = None  # type: ignore[assignment]
        with pytest.raises(AttributeError):
            to_graph([broken])
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


# --- identity, measures and series ---------------------------------------------------------

IDENTITY_REPORTS = (
    "深圳市青松区和风街道办事处2023年工作总结和2024年工作计划\n一、2023年工作总结\n（一）经济发展。\n"
    "在区委的领导下，深圳市青禾科技股份有限公司落户辖区，规上工业增加值增长6%。\n"
    "二、2024年工作计划\n（一）抓经济。\n力争规上工业增加值增长7%以上。\n",
    "深圳市青松区和风街道办事处2024年工作总结\n一、2024年工作总结\n（一）经济发展。\n"
    "青禾科技获评国家级专精特新小巨人企业，规上工业增加值增长7.5%。\n",
)


def _identity_graph() -> Graph:
    from reportgraph.extract import extract
    from reportgraph.lexicon import Lexicon
    from reportgraph.link import link
    from reportgraph.model import SourceText
    from reportgraph.segment import segment

    lex = Lexicon.load()
    extractions = [extract(segment(SourceText(f"{n}.txt", t)), lex) for n, t in enumerate(IDENTITY_REPORTS)]
    return to_graph(link(extractions, lex))


def test_identity_measure_and_series_terms_are_declared_and_valid() -> None:
    from pathlib import Path

    from test_ontology import check_graph_against_ontology

    from reportgraph.validate import validate

    g = _identity_graph()
    used = set(g.predicates()) | set(g.objects(None, RDF.type))
    for term in ("nameForm", "name", "mergeRule", "scope", "measure", "betterDirection", "series", "previousReport",
                 "startDate", "endDate", "NameForm", "Measure", "MeasureScheme", "Series"):
        assert RG[term] in used, term
    onto = Graph().parse(Path(__file__).resolve().parent.parent / "ontology" / "reportgraph.ttl")
    assert check_graph_against_ontology(g, onto) == []
    assert validate(g).conforms


def test_the_series_links_the_later_report_to_the_earlier() -> None:
    g = _identity_graph()
    reports = sorted(g.subjects(RDF.type, RG.Report), key=lambda r: str(g.value(r, RG.period)))
    assert g.value(reports[1], RG.previousReport) == reports[0]
    assert g.value(reports[0], RG.series) == g.value(reports[1], RG.series)
    assert str(g.value(g.value(reports[0], RG.series), RDFS.label)) == "深圳市青松区和风街道办事处"


def test_a_name_resolved_in_one_report_records_its_rule() -> None:
    g = _identity_graph()
    [committee] = g.subjects(RDFS.label, Literal("青松区委", lang="zh"))
    assert committee == INST["governmentbody/深圳市青松区委"]
    assert str(g.value(committee, RG.scope)) == "深圳市"
    [form] = g.objects(committee, RG.nameForm)
    assert (str(g.value(form, RG.name)), g.value(form, RG.mergeRule)) == ("区委", RG.regionScope)


# --- target tracking ---------------------------------------------------------------------------

TRACKED = (
    "某某市人民政府2024年政府工作报告\n一、2023年工作回顾\n（一）经济运行。\n各项工作有序推进。\n"
    "二、2024年工作安排\n（一）主要预期目标。\n地区生产总值增长5%左右，居民人均可支配收入增长与经济增长同步，"
    "固定资产投资增长8%。\n",
    "某某市人民政府2025年政府工作报告\n一、2024年工作回顾\n（一）经济运行。\n"
    "地区生产总值增长5.3%，居民人均可支配收入增长5.6%。\n",
)


def _tracked_graph() -> Graph:
    from reportgraph.extract import extract
    from reportgraph.lexicon import Lexicon
    from reportgraph.link import link
    from reportgraph.model import SourceText
    from reportgraph.segment import segment

    lex = Lexicon.load()
    return to_graph(link([extract(segment(SourceText(f"{n}.txt", t)), lex) for n, t in enumerate(TRACKED)], lex))


def test_assessments_are_written_as_the_tracking_scorer_reads_them() -> None:
    g = _tracked_graph()
    found = {}
    for x in g.subjects(RDF.type, RG.TargetAssessment):
        target = g.value(x, RG.assessesTarget)
        found[str(g.value(target, RG.metric))] = (g.value(x, RG.status), g.value(x, RG.evidence),
                                                  g.value(x, RG.assessedIn), g.value(x, RDFS.comment))
    assert set(found) == {"地区生产总值", "居民人均可支配收入", "固定资产投资"}
    status, evidence, review, rule = found["地区生产总值"]
    assert status == RG.Met and (evidence, RDF.type, RG.Achievement) in g
    assert str(g.value(evidence, RG.value)) == "5.3" and (review, RDF.type, RG.Report) in g
    assert str(rule).startswith("about")
    assert found["固定资产投资"][:2] == (RG.NotReported, None)
    assert found["居民人均可支配收入"][0] == RG.Met
    [relational] = g.subjects(RDF.type, RG.RelationalTarget)
    assert g.value(relational, RG.relativeTo) == INST["measure/地区生产总值"]


def test_tracking_terms_are_declared_and_valid() -> None:
    from pathlib import Path

    from test_ontology import check_graph_against_ontology

    from reportgraph.validate import validate

    g = _tracked_graph()
    onto = Graph().parse(Path(__file__).resolve().parent.parent / "ontology" / "reportgraph.ttl")
    assert check_graph_against_ontology(g, onto) == []
    assert validate(g).conforms


_SHARED_TRIPLES_DIGEST = """
import hashlib, sys
from reportgraph import pipeline, rdf
from reportgraph.lexicon import Lexicon
result = pipeline.build(sys.argv[2:], lexicon=Lexicon.load(sys.argv[1]))
triples = rdf.shared_triples(rdf.GraphContext.of(result.reports, result.measures))
print(hashlib.sha256(repr(triples).encode("utf-8")).hexdigest())
"""


def test_the_shared_triples_come_in_one_order_whatever_the_processs_string_hashes(
        tmp_path: Path, write_report: WriteReport, small_report_text: str) -> None:
    """The build cache keeps the shared nodes' blocks and the page under digests of these triples in their order:
    an order drawn from a set's iteration (which changes with every process's string hashes) would miss them.
    Here a community goes by four names (its alternative labels)."""
    lexicon = tmp_path / "names.tsv"
    lexicon.write_text("幸福社区\tCommunity\t幸福村|幸福片区|幸福东区\n", encoding="utf-8")
    text = small_report_text.replace("清理违法建筑", "幸福村改造老旧小区2个，幸福片区新建公园1个，幸福东区清理违法建筑")
    paths = [str(write_report(text, "a.txt"))]
    digests = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", _SHARED_TRIPLES_DIGEST, str(lexicon), *paths], capture_output=True,
                             text=True, env=env, timeout=300, check=True)
        digests.add(run.stdout.strip())
    assert len(digests) == 1


def test_the_shared_subjects_are_of_the_kinds_the_shared_triples_subjects_are(
        write_report: WriteReport, small_report_text: str, other_report_text: str) -> None:
    """A build that lets go of its reports first learns the shared nodes' prefixes from these, and makes
    their triples after: the kinds must be the same, or graph.ttl would declare other prefixes. The reports
    must make the nodes shared_subjects leaves out (name forms, the measure scheme), or this proves nothing."""
    from reportgraph import pipeline, rdf, stream

    result = pipeline.build([write_report(small_report_text, "a.txt"), write_report(other_report_text, "b.txt")])
    ctx = rdf.GraphContext.of(result.reports, result.measures)
    subjects = rdf.shared_subjects(ctx)
    triples = rdf.shared_triples(ctx)
    typed = {str(o).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for _, p, o in triples if str(p).endswith("#type")}
    assert {"NameForm", "MeasureScheme"} <= typed
    assert set(subjects) <= {t[0] for t in triples}
    assert stream.instance_kinds(subjects) == stream.instance_kinds(t[0] for t in triples) != set()
