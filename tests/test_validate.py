"""The SHACL shapes and ``reportgraph validate``: the bundled graph passes (but for data problems the
extraction is known to have), and a graph broken in each way the shapes guard against is caught."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from conftest import copy_graph, lit_int
from reportgraph import validate
from reportgraph.pipeline import BuildResult
from reportgraph.rdf import RG
from reportgraph.turtle import write_turtle
from reportgraph.validate import RGSH, SH, Finding, ValidationReport

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

@pytest.fixture(scope="module")
def seed_report(seed_build: BuildResult) -> ValidationReport:
    return validate.validate(seed_build.graph)


# --------------------------------------------------------------------------- the bundled graph


def test_bundled_graph_conforms(seed_report: ValidationReport) -> None:
    assert seed_report.conforms, [(f.message, str(f.focus)) for f in seed_report.violations]
    assert not seed_report.violations
    assert not seed_report.warnings


def test_validation_does_not_change_the_graph(seed_build: BuildResult) -> None:
    before = write_turtle(seed_build.graph)
    validate.validate(seed_build.graph)
    assert write_turtle(seed_build.graph) == before


# --------------------------------------------------------------------------- a broken graph is caught

#: A way to break the graph: change it, return the node the finding must name.
Breaker = Callable[[Graph], Node]


def _nth(g: Graph, cls: URIRef, n: int) -> URIRef:
    nodes = sorted(s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef))
    return nodes[n]


def _report(g: Graph) -> URIRef:
    return _nth(g, RG.Report, 0)


def no_unit(g: Graph) -> Node:
    ind = _nth(g, RG.Achievement, 0)
    g.remove((ind, RG.unit, None))
    return ind


def two_values(g: Graph) -> Node:
    ind = _nth(g, RG.Achievement, 1)
    g.add((ind, RG.value, Literal("123.0", datatype=XSD.decimal)))
    return ind


def two_kinds(g: Graph) -> Node:
    ind = _nth(g, RG.Achievement, 2)
    g.add((ind, RDF.type, RG.Target))
    return ind


def no_work_area(g: Graph) -> Node:
    ind = _nth(g, RG.Achievement, 3)
    g.remove((ind, RG.workArea, None))
    return ind


def no_statement(g: Graph) -> Node:
    ind = _nth(g, RG.Achievement, 4)
    g.remove((ind, RG.statement, None))
    return ind


def value_not_decimal(g: Graph) -> Node:
    ind = _nth(g, RG.Achievement, 5)
    g.set((ind, RG.value, Literal("五")))
    return ind


def indicator_outside_statement(g: Graph) -> Node:
    ind = _nth(g, RG.Target, 0)
    statement = g.value(ind, RG.statement)
    end = lit_int(g.value(statement, RG.endOffset))
    g.set((ind, RG.startOffset, Literal(end + 1)))
    g.set((ind, RG.endOffset, Literal(end + 3)))
    return ind


def no_metric(g: Graph) -> Node:
    ind = _nth(g, RG.Target, 1)
    g.remove((ind, RG.metric, None))
    return ind


def entity_without_label(g: Graph) -> Node:
    ent = _nth(g, RG.Program, 0)
    g.remove((ent, RDFS.label, None))
    return ent


def entity_without_type(g: Graph) -> Node:
    """An entity that lost its type is caught where something points to it as an entity."""
    ent = min(g.objects(None, RG.aboutEntity), key=str)
    g.remove((ent, RDF.type, None))
    return ent


def zero_mentions(g: Graph) -> Node:
    ent = _nth(g, RG.Project, 0)
    g.set((ent, RG.mentionCount, Literal(0)))
    return ent


def honor_that_is_no_honor(g: Graph) -> Node:
    ent = _nth(g, RG.Company, 0)
    g.add((ent, RG.wonHonor, _nth(g, RG.Community, 0)))
    return ent


def located_in_an_honor(g: Graph) -> Node:
    ent = _nth(g, RG.Project, 1)
    g.add((ent, RG.locatedIn, _nth(g, RG.Honor, 0)))
    return ent


def statement_past_report_end(g: Graph) -> Node:
    statement = _nth(g, RG.Statement, 10)
    length = lit_int(g.value(_report(g), RG.charLength))
    g.set((statement, RG.endOffset, Literal(length + 10)))
    return statement


def statement_text_of_other_length(g: Graph) -> Node:
    statement = _nth(g, RG.Statement, 20)
    g.set((statement, RG.text, Literal(str(g.value(statement, RG.text)) + "多", lang="zh")))
    return statement


def statement_empty_span(g: Graph) -> Node:
    statement = _nth(g, RG.Statement, 30)
    start = g.value(statement, RG.startOffset)
    assert start is not None
    g.set((statement, RG.endOffset, start))
    return statement


def statement_outside_section(g: Graph) -> Node:
    statement = _nth(g, RG.Statement, 40)
    sections = sorted(g.subjects(RDF.type, RG.Section), key=lambda s: lit_int(g.value(s, RG.startOffset)))
    g.set((statement, RG.inSection, sections[-1] if g.value(statement, RG.inSection) != sections[-1] else sections[0]))
    return statement


def section_not_listed(g: Graph) -> Node:
    section = _nth(g, RG.Section, 2)
    g.remove((_report(g), RG.hasSection, section))
    return section


def report_two_lengths(g: Graph) -> Node:
    report = _report(g)
    g.add((report, RG.charLength, Literal(1)))
    return report


def problem_without_label(g: Graph) -> Node:
    problem = _nth(g, RG.Problem, 0)
    g.remove((problem, RDFS.label, None))
    return problem


def bad_part_type(g: Graph) -> Node:
    area = _nth(g, RG.WorkArea, 0)
    g.set((area, RG.partType, Literal("nonsense")))
    return area


def blank_entity(g: Graph) -> Node:
    node = BNode()
    g.add((node, RDF.type, RG.Community))
    g.add((node, RDFS.label, Literal("无名社区", lang="zh")))
    return node


BREAKERS: dict[str, tuple[Breaker, str]] = {
    "indicator without unit": (no_unit, "an indicator has exactly one rg:unit"),
    "indicator with two values": (two_values, "an indicator has exactly one rg:value"),
    "indicator both kinds": (two_kinds, "an indicator has exactly one kind"),
    "indicator without work area": (no_work_area, "an indicator has exactly one rg:workArea"),
    "indicator without statement": (no_statement, "an indicator has exactly one source rg:statement"),
    "value not a decimal": (value_not_decimal, "an indicator has exactly one rg:value, an xsd:decimal"),
    "indicator outside its statement": (indicator_outside_statement, "outside its source statement's span"),
    "entity without label": (entity_without_label, "an entity has exactly one label"),
    "entity without type": (entity_without_type, "rg:aboutEntity points to an entity"),
    "entity never mentioned": (zero_mentions, "an entity has exactly one rg:mentionCount, an integer >= 1"),
    "wonHonor not an honor": (honor_that_is_no_honor, "rg:wonHonor points to an rg:Honor"),
    "locatedIn an honor": (located_in_an_honor, "rg:locatedIn points to a community or a place"),
    "statement past the report's end": (statement_past_report_end, "past the end of its report"),
    "statement text of another length": (statement_text_of_other_length, "but its span"),
    "statement with an empty span": (statement_empty_span, "< its rg:endOffset"),
    "statement outside its section": (statement_outside_section, "outside its section's span"),
    "section missing from hasSection": (section_not_listed, "does not list it with rg:hasSection"),
    "report with two lengths": (report_two_lengths, "a report has exactly one rg:charLength"),
    "problem without label": (problem_without_label, "a problem has exactly one label"),
    "unknown part type": (bad_part_type, "rg:partType is one code"),
    "blank node": (blank_entity, "is a blank node"),
}


@pytest.fixture(scope="module")
def broken(seed_build: BuildResult) -> tuple[Graph, dict[str, Node], ValidationReport]:
    """Every breakage at once, each on its own nodes, validated once (validation takes seconds)."""
    g = copy_graph(seed_build.graph)
    nodes = {name: breaker(g) for name, (breaker, _) in BREAKERS.items()}
    return g, nodes, validate.validate(g)


def _names(f: Finding, node: Node) -> bool:
    return f.focus == node or f.value == node or str(node) in f.message


@pytest.mark.parametrize("name", BREAKERS)
def test_broken_graph_is_caught(broken: tuple[Graph, dict[str, Node], ValidationReport], name: str) -> None:
    _, nodes, report = broken
    fragment = BREAKERS[name][1]
    node = nodes[name]
    hits = [f for f in report.violations if fragment in f.message and _names(f, node)]
    assert hits, f"{name}: no violation '{fragment}' naming {node}"


def test_readable_report(broken: tuple[Graph, dict[str, Node], ValidationReport]) -> None:
    g, nodes, report = broken
    text = validate.format_report(report, g, source="broken.ttl", limit=None)
    first = text.splitlines()[0]
    assert first.startswith(f"broken.ttl: {len(report.violations)} violations")
    assert "violation: an indicator has exactly one rg:unit, a non-empty string" in text
    # nodes by short name with their label, IRIs in messages shortened too
    label = str(g.value(nodes["entity without type"], RDFS.label))
    assert label[:10] in text
    assert "https://w3id.org/reportgraph/id/" not in text
    assert "report:" in text


def test_limit_per_group(seed_build: BuildResult) -> None:
    g = copy_graph(seed_build.graph)
    for ind in sorted(g.subjects(RDF.type, RG.Achievement), key=str)[:12]:
        g.remove((ind, RG.unit, None))
    report = validate.validate(g)
    text = validate.format_report(report, g, limit=10)
    assert "violation: an indicator has exactly one rg:unit, a non-empty string  [12]" in text
    assert "… and 2 more (--all lists every one)" in text


# --------------------------------------------------------------------------- the shapes file


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return validate.load_shapes()


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(data=validate.packaged(validate.ONTOLOGY_FILE), format="turtle")


def _subclasses(onto: Graph, cls: URIRef) -> set[URIRef]:
    found = {cls}
    while True:
        more = {s for c in found for s in onto.subjects(RDFS.subClassOf, c) if isinstance(s, URIRef)} - found
        if not more:
            return found
        found |= more


def _in_list(shapes: Graph, shape: URIRef) -> set[Node]:
    prop = shapes.value(shape, SH.property)
    members = shapes.value(prop, SH["in"])
    assert members is not None
    return set(Collection(shapes, members))


def test_entity_classes_match_the_ontology(shapes: Graph, onto: Graph) -> None:
    """The shapes name every entity class (so they work without the ontology): keep them in step with it."""
    entities = _subclasses(onto, RG.Entity)
    places = _subclasses(onto, RG.Place)
    assert set(shapes.objects(RGSH.EntityShape, SH.targetClass)) == entities
    assert _in_list(shapes, RGSH.AnyEntity) == entities
    assert _in_list(shapes, RGSH.AnyPlace) == places
    assert _in_list(shapes, RGSH.CommunityOrPlace) == places | {RG.Community}
    indicator = set(shapes.objects(RGSH.IndicatorShape, SH.targetClass))
    assert indicator == _subclasses(onto, RG.Indicator)


def test_every_shape_term_is_in_the_ontology(shapes: Graph, onto: Graph) -> None:
    declared = {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used = {o for o in shapes.objects() if isinstance(o, URIRef) and str(o).startswith(str(RG))}
    assert used - declared == set()


def test_every_check_says_what_is_wrong_in_words(shapes: Graph) -> None:
    """Every constraint of a shape with targets has an sh:message: the user reads that, not SHACL jargon."""
    assert (RGSH[""], RDF.type, OWL.Ontology) in shapes
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    targeted = {s for t in targets for s in shapes.subjects(t, None)}
    assert len(targeted) > 10
    for shape in targeted:
        for prop in shapes.objects(shape, SH.property):
            assert shapes.value(prop, SH.message) is not None, (shape, shapes.value(prop, SH.path))
        for sparql in shapes.objects(shape, SH.sparql):
            assert shapes.value(sparql, SH.message) is not None, shape
