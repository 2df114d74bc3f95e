"""The ontology file: it parses, declares every term the tools rely on, documents
each term in Chinese and English, covers every rg: term that to_graph writes,
and agrees with ``reportgraph.vocab`` and the SHACL shapes on the entity types,
relations and parts."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, ORG, PROV, SH, SKOS
from rdflib.term import Node

from reportgraph import validate, vocab
from reportgraph.model import (
    Entity, Indicator, LinkedReport, Mention, Problem, Relation, Report, Section, Sentence,
)
from reportgraph.vocab import ENTITY_TYPES
from reportgraph.rdf import RG, to_graph

#: Plain Namespaces: pytest's collector warns when it probes rdflib's closed XSD and TIME namespaces.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
TIME = Namespace("http://www.w3.org/2006/time#")

RGSH = Namespace(vocab.SHAPES_NS)

CLASSES = (
    "Report", "Section", "WorkArea", "Statement", "Community", "Company", "GovernmentBody",
    "Project", "Program", "Place", "Event", "Honor", "Indicator", "Achievement",
    "Target", "Problem", "Period", "Part", "Entity",
)
DATATYPE_PROPERTIES = {
    "value": XSD.decimal, "unit": XSD.string, "metric": None, "normalizedValue": XSD.double,
    "baseUnit": XSD.string, "qualifier": XSD.string, "text": None, "startOffset": XSD.integer,
    "endOffset": XSD.integer, "charLength": XSD.integer, "sectionNumber": XSD.integer,
    "partType": XSD.string, "level": XSD.string, "mentionCount": XSD.integer,
    "sourceFile": XSD.string, "upperValue": XSD.decimal,
}
RELATIONS = ("locatedIn", "runIn", "wonHonor", "involves", "partOf")
OBJECT_PROPERTIES = (
    "workArea", "statement", "inSection", "inReport", "hasSection", "part", "aboutEntity",
    "period", "planPeriod", "indicatorPeriod", "mentionedIn", "issuer", "region", "relatedTo",
    *RELATIONS,
)
PARTS = ("summaryPart", "problemsPart", "planPart", "preamblePart", "otherPart")


@pytest.fixture(scope="module")
def onto() -> Graph:
    """The ontology as the package ships it."""
    return Graph().parse(data=validate.packaged(validate.ONTOLOGY_FILE), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return validate.load_shapes()


def declared(onto: Graph) -> set[URIRef]:
    """Every rg: term the ontology gives a type to."""
    return {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(RG))}


def test_ontology_header(onto: Graph) -> None:
    ont = URIRef("https://w3id.org/reportgraph/ns")
    assert (ont, RDF.type, OWL.Ontology) in onto
    assert onto.value(ont, RDFS.comment) is not None


@pytest.mark.parametrize("name", CLASSES)
def test_class_declared(onto: Graph, name: str) -> None:
    assert (RG[name], RDF.type, OWL.Class) in onto


@pytest.mark.parametrize("name", DATATYPE_PROPERTIES)
def test_datatype_property_declared_with_range(onto: Graph, name: str) -> None:
    assert (RG[name], RDF.type, OWL.DatatypeProperty) in onto
    expected = DATATYPE_PROPERTIES[name]
    if expected is not None:
        assert onto.value(RG[name], RDFS.range) == expected


@pytest.mark.parametrize("name", OBJECT_PROPERTIES)
def test_object_property_declared(onto: Graph, name: str) -> None:
    assert (RG[name], RDF.type, OWL.ObjectProperty) in onto


@pytest.mark.parametrize("name", PARTS)
def test_part_individuals(onto: Graph, name: str) -> None:
    assert (RG[name], RDF.type, RG.Part) in onto
    assert (RG[name], RDF.type, OWL.NamedIndividual) in onto


def test_hierarchy_reuses_standard_vocabularies(onto: Graph) -> None:
    sub = RDFS.subClassOf
    for etype in ENTITY_TYPES:
        assert (RG[etype], sub, RG.Entity) in onto, etype
    assert (RG.Achievement, sub, RG.Indicator) in onto
    assert (RG.Target, sub, RG.Indicator) in onto
    assert (RG.GovernmentBody, sub, ORG.Organization) in onto
    assert (RG.Company, sub, ORG.Organization) in onto
    assert (RG.WorkArea, sub, SKOS.Concept) in onto
    assert (RG.Report, sub, PROV.Entity) in onto
    assert (RG.Statement, sub, PROV.Entity) in onto
    assert {(RG.Period, sub, DCTERMS.PeriodOfTime), (RG.Period, sub, TIME.ProperInterval)} & set(onto)
    subp = RDFS.subPropertyOf
    assert (RG.statement, subp, PROV.wasDerivedFrom) in onto
    assert (RG.issuer, subp, DCTERMS.publisher) in onto
    assert (RG.value, subp, PROV.value) in onto
    for rel in RELATIONS:
        assert (RG[rel], subp, RG.relatedTo) in onto


def test_domains_and_ranges_point_at_declared_terms(onto: Graph) -> None:
    """A typo in a subClassOf, domain or range would silently name a new term."""
    terms = declared(onto)
    used = {o for o in onto.objects() if isinstance(o, URIRef) and o.startswith(str(RG))}
    assert used - terms == set()


def test_every_term_has_zh_and_en_label_and_en_comment(onto: Graph) -> None:
    terms = declared(onto)
    assert len(terms) >= len(CLASSES) + len(DATATYPE_PROPERTIES) + len(OBJECT_PROPERTIES) + len(PARTS)
    problems = []
    for term in sorted(terms):
        labels = {lit.language for lit in onto.objects(term, RDFS.label) if isinstance(lit, Literal)}
        comments = {lit.language for lit in onto.objects(term, RDFS.comment) if isinstance(lit, Literal)}
        if not {"zh", "en"} <= labels or "en" not in comments:
            problems.append(f"{term}: labels {labels}, comments {comments}")
    assert problems == []


# --------------------------------------------------------------------------
# Every rg: term to_graph writes is declared, and used as declared
# --------------------------------------------------------------------------

def sample() -> list[LinkedReport]:
    """One report exercising every branch of to_graph: all parts, all entity types, all relations."""
    text = "甲社区公司建设道路项目。完成投资3亿元。开展活动获荣誉。问题在于资金不足。力争增长5%以上。尾声。"
    cuts = [0, 12, 20, 28, 36, 45, len(text)]
    parts = ["preamble", "summary", "summary", "problems", "plan", "other"]
    sections, sentences = [], []
    for i, part in enumerate(parts):
        sent = Sentence(i, cuts[i], cuts[i + 1], text[cuts[i]:cuts[i + 1]], f"p{i}")
        sentences.append(sent)
        sections.append(Section(f"p{i}", part, i or None, f"标题{i}", f"领域{i}", cuts[i], cuts[i + 1], [sent]))
    report = Report(
        path="sample.txt", text=text, title="样例报告", issuer="GovernmentBody别名", date="2024-01-02",
        period="2024年", plan_period="2025年", level="town", region=["甲镇", "未知区"],
        sections=sections,
    )
    entities = [
        Entity(f"{t}/{t}甲", t, f"{t}甲", [f"{t}别名"], [Mention(t, f"{t}甲", 0, 1, sentences[n % 6])])
        for n, t in enumerate(ENTITY_TYPES)
    ]
    entities.append(Entity("Place/甲镇", "Place", "甲镇", [], []))
    s1, s4 = sentences[1], sentences[4]
    indicators = [
        Indicator("achievement", "完成投资", Decimal("3"), "亿元", 3e8, "元", "", 16, 19, sentences[1], "p1",
                  ["Company/Company甲"]),
        Indicator("target", "增长", Decimal("5"), "%", 5.0, "%", "以上", 40, 42, s4, "p4", upper=Decimal("5.5")),
    ]
    relations = [Relation("Project/Project甲", rel, "Community/Community甲", s1) for rel in (*RELATIONS, "relatedTo")]
    return [LinkedReport(report, entities, indicators, relations, problems=[Problem("资金不足", sentences[3], "p3")])]


def check_graph_against_ontology(g: Graph, onto: Graph) -> list[str]:
    """Each rg: predicate is declared with the right kind; each rg: class/individual used is declared."""
    classes = set(onto.subjects(RDF.type, OWL.Class))
    individuals = set(onto.subjects(RDF.type, OWL.NamedIndividual))
    object_props = set(onto.subjects(RDF.type, OWL.ObjectProperty))
    data_props = set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    problems: set[str] = set()
    for s, p, o in g:
        if p == RDF.type and isinstance(o, URIRef) and o.startswith(str(RG)) and o not in classes:
            problems.add(f"undeclared class {o}")
        if not p.startswith(str(RG)):
            if isinstance(o, URIRef) and o.startswith(str(RG)) and p != RDF.type:
                problems.add(f"rg term {o} as object of {p}")
            continue
        if isinstance(o, Literal):
            if p not in data_props:
                problems.add(f"{p} has a literal but is not a declared owl:DatatypeProperty")
                continue
            rng = onto.value(p, RDFS.range)
            if rng == RDF.langString:
                ok = o.language is not None
            elif rng == XSD.string:
                ok = o.language is None and o.datatype in (None, XSD.string)
            else:
                ok = o.datatype == rng
            if not ok:
                problems.add(f"{p} value {o!r} does not match range {rng}")
        else:
            if p not in object_props:
                problems.add(f"{p} has an IRI but is not a declared owl:ObjectProperty")
            if o.startswith(str(RG)) and o not in individuals:
                problems.add(f"undeclared individual {o}")
    return sorted(problems)


def test_every_term_used_by_to_graph_is_declared(onto: Graph) -> None:
    g = to_graph(sample())
    used = {p for p in g.predicates() if p.startswith(str(RG))}
    used |= {o for o in g.objects(None, RDF.type) if o.startswith(str(RG))}
    # the sample really exercises the vocabulary
    assert {RG[t] for t in OBJECT_PROPERTIES} <= used
    assert {RG[t] for t in DATATYPE_PROPERTIES} <= used
    assert {RG[t] for t in (*ENTITY_TYPES, "Achievement", "Target", "Problem", "Period")} <= used
    assert check_graph_against_ontology(g, onto) == []


def test_pipeline_output_uses_only_declared_terms(onto: Graph, small_report_text: str) -> None:
    """The real stages on a synthetic report; skipped only while a stage is not written yet."""
    for stage in ("load", "segment", "extract", "link"):
        pytest.importorskip(f"reportgraph.{stage}")
    from reportgraph import build_text

    g = to_graph([build_text(small_report_text)])
    assert len(g) > 0
    assert check_graph_against_ontology(g, onto) == []


# --------------------------------------------------------------------------
# vocab, the ontology and the shapes name the same things
# --------------------------------------------------------------------------

def subclasses(g: Graph, cls: URIRef) -> set[URIRef]:
    """``cls`` and every class below it."""
    found = {cls}
    while True:
        more = {s for c in found for s in g.subjects(RDFS.subClassOf, c) if isinstance(s, URIRef)} - found
        if not more:
            return found
        found |= more


def in_list(g: Graph, head: Node | None) -> set[Node]:
    assert head is not None
    return set(Collection(g, head))


def property_shape(shapes: Graph, shape: URIRef, path: URIRef) -> Node:
    """The property shape of ``shape`` on ``path`` (the first one, when there are several)."""
    found = sorted((p for p in shapes.objects(shape, SH.property) if shapes.value(p, SH.path) == path), key=str)
    assert found, f"{shape} has no property shape on {path}"
    return found[0]


ENTITY_CLASSES = {RG[t] for t in ("Entity", *vocab.ENTITY_TYPES)}


def test_vocab_entity_types_are_the_ontologys(onto: Graph) -> None:
    """Every vocab type is an entity class, and the ontology declares no entity class vocab does not know."""
    for etype in vocab.ENTITY_TYPES:
        assert (RG[etype], RDF.type, OWL.Class) in onto, etype
        assert (RG[etype], RDFS.subClassOf, RG.Entity) in onto, etype
    assert subclasses(onto, RG.Entity) == ENTITY_CLASSES
    declared_classes = {c for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(vocab.RG_NS)}
    assert declared_classes == ENTITY_CLASSES | {RG[c] for c in vocab.STRUCTURE_CLASSES}
    indicator_kinds = {RG[c] for c in vocab.INDICATOR_CLASSES.values()}
    assert subclasses(onto, RG.Indicator) == indicator_kinds | {RG.Indicator}


def test_vocab_relations_are_the_ontologys(onto: Graph) -> None:
    for rel in vocab.RELATIONS:
        assert (RG[rel], RDF.type, OWL.ObjectProperty) in onto, rel
    below = {p for p in onto.subjects(RDFS.subPropertyOf, RG[vocab.FALLBACK_RELATION])}
    assert below == {RG[r] for r in vocab.RELATIONS if r != vocab.FALLBACK_RELATION}


def test_vocab_parts_are_the_ontologys(onto: Graph) -> None:
    parts = {RG[f"{p}Part"] for p in vocab.PARTS}
    assert in_list(onto, onto.value(RG.Part, OWL.oneOf)) == parts
    for part in vocab.PARTS:
        assert onto.value(RG[f"{part}Part"], RG.partType) == Literal(part)


def test_the_shapes_allow_every_vocab_type_and_no_other(shapes: Graph) -> None:
    assert set(shapes.objects(RGSH.EntityShape, SH.targetClass)) == ENTITY_CLASSES
    assert in_list(shapes, shapes.value(shapes.value(RGSH.AnyEntity, SH.property), SH["in"])) == ENTITY_CLASSES
    one_type = property_shape(shapes, RGSH.EntityShape, RDF.type)
    assert in_list(shapes, shapes.value(shapes.value(one_type, SH.qualifiedValueShape), SH["in"])) == ENTITY_CLASSES
    kinds = property_shape(shapes, RGSH.IndicatorShape, RDF.type)
    assert in_list(shapes, shapes.value(shapes.value(kinds, SH.qualifiedValueShape), SH["in"])) == {
        RG[c] for c in vocab.INDICATOR_CLASSES.values()
    }


def test_the_shapes_check_every_vocab_relation(shapes: Graph) -> None:
    for rel in vocab.RELATIONS:
        prop = property_shape(shapes, RGSH.EntityShape, RG[rel])
        assert shapes.value(prop, SH.message) is not None, rel


def test_the_shapes_allow_every_vocab_part_and_level(shapes: Graph) -> None:
    part = property_shape(shapes, RGSH.SectionShape, RG.part)
    assert in_list(shapes, shapes.value(part, SH["in"])) == {RG[f"{p}Part"] for p in vocab.PARTS}
    part_type = property_shape(shapes, RGSH.WorkAreaShape, RG.partType)
    assert in_list(shapes, shapes.value(part_type, SH["in"])) == {Literal(p) for p in vocab.PARTS}
    level = property_shape(shapes, RGSH.ReportShape, RG.level)
    assert in_list(shapes, shapes.value(level, SH["in"])) == {Literal(v) for v in vocab.LEVELS}


def test_the_named_queries_name_only_declared_terms(onto: Graph) -> None:
    """A query that names a class the ontology dropped (or misspells one) would quietly find nothing."""
    import re

    from reportgraph.sparql import named_queries

    declared_terms = {str(s)[len(vocab.RG_NS):] for s in onto.subjects(RDF.type, None) if str(s).startswith(vocab.RG_NS)}
    for query in named_queries().values():
        body = "\n".join(line for line in query.sparql.splitlines() if not line.lstrip().startswith("#"))
        used = set(re.findall(r"\brg:([A-Za-z]\w*)", body))
        assert used <= declared_terms, (query.name, used - declared_terms)
