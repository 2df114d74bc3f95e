"""Our Turtle writer: what it writes reads back (rdflib and oxigraph) as the same graph, exactly, and the
same triples always give the same bytes."""
from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.term import Node

from reportgraph import pipeline
from reportgraph.pipeline import BuildResult
from reportgraph.turtle import _PN_LOCAL, TurtleWriter, write_turtle

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
EX = Namespace("http://example.org/ns#")
ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "reportgraph.ttl"


# --------------------------------------------------------------------------- helpers


def rdflib_reads(data: bytes) -> Graph:
    return Graph().parse(data=data.decode("utf-8"), format="turtle")


def ox_term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """rdflib -> oxigraph, keeping the lexical form exactly (no normalisation on either side)."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    assert isinstance(node, Literal)
    if node.language:
        return ox.Literal(str(node), language=node.language)
    if node.datatype is not None:
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
    return ox.Literal(str(node))


def rdflib_term(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def as_oxigraph_says(g: Graph) -> Graph:
    """The graph with the two normalisations oxigraph makes, both allowed by RDF 1.1.

    ``"x"^^xsd:string`` is ``"x"`` (oxigraph reports both as xsd:string), and
    language tags are lower case (they are case-insensitive). rdflib's
    ``isomorphic`` compares both strictly.
    """
    out = Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        elif isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        out.add((s, p, o))
    return out


def oxigraph_reads(data: bytes, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> list[ox.Quad]:
    return list(ox.parse(data, format=fmt))


def as_rdflib(quads: list[ox.Quad]) -> Graph:
    g = Graph()
    for q in quads:
        g.add((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)))
    return g


def exact_triples(g: Graph) -> set[tuple[str, str, str]]:
    """Triples as oxigraph strings: lexical forms, datatypes and language tags compared character by character.

    Only for graphs without blank nodes (their labels differ between parsers).
    """
    return {(str(ox_term(s)), str(ox_term(p)), str(ox_term(o))) for s, p, o in g}


def ox_exact(quads: list[ox.Quad]) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}


def reordered(g: Graph, seed: int) -> Graph:
    """The same triples added in another order, with the same prefixes."""
    triples = list(g)
    random.Random(seed).shuffle(triples)
    copy = Graph(bind_namespaces="none")
    for prefix, ns in g.namespaces():
        copy.bind(prefix, ns, override=True, replace=True)
    for t in triples:
        copy.add(t)
    return copy


# --------------------------------------------------------------------------- the bundled report


@pytest.fixture(scope="module")
def seed_turtle(seed_build: BuildResult) -> bytes:
    return write_turtle(seed_build.graph)


def test_bundled_graph_reads_back_in_rdflib(seed_build: BuildResult, seed_turtle: bytes) -> None:
    assert isomorphic(rdflib_reads(seed_turtle), seed_build.graph)


def test_bundled_graph_reads_back_in_oxigraph(seed_build: BuildResult, seed_turtle: bytes) -> None:
    quads = oxigraph_reads(seed_turtle)
    assert len(quads) == len(seed_build.graph)
    assert isomorphic(as_rdflib(quads), seed_build.graph)
    # and exactly: every lexical form as the graph has it
    assert ox_exact(quads) == exact_triples(seed_build.graph)


def test_bundled_graph_has_no_blank_nodes(seed_build: BuildResult) -> None:
    assert not any(isinstance(t, BNode) for triple in seed_build.graph for t in triple)


def test_two_builds_give_the_same_bytes(seed_build: BuildResult, seed_turtle: bytes, bundled_report: Path) -> None:
    again = pipeline.build([bundled_report])
    assert write_turtle(again.graph) == seed_turtle


def test_triple_order_does_not_change_the_bytes(seed_build: BuildResult, seed_turtle: bytes) -> None:
    assert write_turtle(reordered(seed_build.graph, 1)) == seed_turtle
    assert write_turtle(reordered(seed_build.graph, 2)) == seed_turtle


def test_layout(seed_turtle: bytes) -> None:
    text = seed_turtle.decode("utf-8")
    head, _, body = text.partition("\n\n")
    prefixes = head.splitlines()
    assert prefixes == sorted(prefixes) and all(p.startswith("@prefix ") for p in prefixes)
    assert "@prefix rg: <https://w3id.org/reportgraph/ns#> ." in prefixes
    blocks = body.split("\n\n")
    # one block per subject; rdf:type first, as "a"
    first = blocks[0].splitlines()
    assert " a rg:" in first[0]
    assert first[-1].endswith(" .")
    assert all(line.startswith("    ") for line in first[1:])
    # statements in natural order: s2 before s10
    s2 = text.index("/s2> a rg:Statement")
    s10 = text.index("/s10> a rg:Statement")
    assert s2 < s10
    # numbers in short form where they round-trip
    assert "rg:startOffset 0 ;" in text or "rg:startOffset 0 ." in text


# --------------------------------------------------------------------------- tricky terms


def tricky_graph() -> Graph:
    """Literals and IRIs that need escaping, long forms, full IRIs; no blank nodes."""
    g = Graph(bind_namespaces="none")
    g.bind("ex", EX)
    g.bind("xsd", XSD)
    g.bind("", Namespace("http://example.org/default/"))
    g.bind("a.b", Namespace("http://example.org/dotted/"))
    g.bind("slash", Namespace("http://example.org/slash/"))
    s = EX.subject
    strings = [
        "", "plain", 'say "hi"', "back\\slash", "ends with \\", "line\nbreak", "cr\rlf\r\n", "tab\there",
        "\b\f", "nul\x00char", "\x01\x1f\x7f", 'three """ quotes', "'single'", "中文，标点。", "𠀀 astral 😀",
        "\u2028 line separator \u2029", "trailing space ", " ", "#not a comment", "@prefix x: <y> .",
    ]
    for n, text in enumerate(strings):
        g.add((s, EX[f"str{n}"], Literal(text)))
        g.add((s, EX[f"zh{n}"], Literal(text, lang="zh-Hans-CN")))
        g.add((s, EX[f"typed{n}"], Literal(text, datatype=XSD.string)))
    for n, (lex, dt) in enumerate([
        ("5", XSD.integer), ("-17", XSD.integer), ("1.5", XSD.decimal), ("-0.25", XSD.decimal),
        ("1.5E3", XSD.double), ("true", XSD.boolean), ("false", XSD.boolean), ("2024-07-15", XSD.date),
        ("INF", XSD.double), ("NaN", XSD.double), ("P1Y", XSD.duration), ("<b>x</b>", RDF.HTML),
        ("12", EX.customType), ("x y", URIRef("http://example.org/types/a(b)")),
    ]):
        g.add((s, EX[f"num{n}"], Literal(lex, datatype=dt)))
    g.add((s, EX.en, Literal("colour", lang="en-GB")))
    g.add((s, EX.de, Literal("Farbe", lang="de-CH-1996")))
    # (only valid IRIs: oxigraph rightly refuses a second # or a bad %-escape)
    for local in [
        "plain", "中文名", "with.dot", "ends.with.dot.", "-starts-with-dash", "0starts-with-digit", "has:colon",
        "has%20percent", "has/slash", "has~tilde", "has(paren)", "has?query", "has'quote", "has,comma",
        "has*star", "a", "_", "", "·middle", "x\u00b7y", "has@at", "has!bang", "has$dollar",
    ]:
        g.add((s, EX.link, URIRef(f"http://example.org/ns#{local}")))
        g.add((URIRef(f"http://example.org/slash/{local}"), RDF.type, EX.Thing))
    g.add((URIRef("http://example.org/slash/has#hash"), RDF.type, EX.Thing))
    g.add((s, EX.link, URIRef("http://example.org/default/x")))
    g.add((s, EX.link, URIRef("http://example.org/dotted/y")))
    g.add((s, EX.link, URIRef("urn:isbn:978-7-111")))
    g.add((s, EX.link, URIRef("http://例子.测试/路径?查询=值#片段")))
    g.add((s, EX.link, URIRef("https://w3id.org/reportgraph/id/place/%E6%B7%B1%E5%9C%B3")))
    g.add((URIRef("http://example.org/ns#"), RDFS.label, Literal("the namespace itself")))
    return g


def test_tricky_terms_read_back_in_rdflib() -> None:
    g = tricky_graph()
    assert isomorphic(rdflib_reads(write_turtle(g)), g)


def test_tricky_terms_read_back_exactly_in_oxigraph() -> None:
    g = tricky_graph()
    quads = oxigraph_reads(write_turtle(g))
    assert ox_exact(quads) == exact_triples(g)
    assert isomorphic(as_rdflib(quads), as_oxigraph_says(g))


def test_tricky_graph_bytes_do_not_depend_on_order() -> None:
    g = tricky_graph()
    assert write_turtle(reordered(g, 7)) == write_turtle(g)


@pytest.mark.parametrize(("literal", "written"), [
    (Literal("5", datatype=XSD.integer), "5"),
    (Literal("-17", datatype=XSD.integer), "-17"),
    (Literal("1.50", datatype=XSD.decimal), "1.50"),
    (Literal("1.5E3", datatype=XSD.double, normalize=False), "1.5E3"),
    (Literal("true", datatype=XSD.boolean), "true"),
    (Literal("abc"), '"abc"'),
    (Literal("abc", datatype=XSD.string), '"abc"^^xsd:string'),
    (Literal("a\"b\\c\nd"), '"a\\"b\\\\c\\nd"'),
    (Literal("\x00\x7f"), '"\\u0000\\u007F"'),
    (Literal("社区", lang="zh"), '"社区"@zh'),
    (Literal("2024-07-15", datatype=XSD.date), '"2024-07-15"^^xsd:date'),
])
def test_literal_forms(literal: Literal, written: str) -> None:
    writer = TurtleWriter([("xsd", str(XSD))])
    assert writer.term(literal) == written


@pytest.mark.parametrize(("lexical", "datatype", "written"), [
    # lexical forms that are not exactly a Turtle number token keep their quotes, so they read back the same
    ("007", XSD.integer, "007"),
    ("+5", XSD.integer, "+5"),
    ("1.", XSD.decimal, '"1."^^xsd:decimal'),
    ("5", XSD.decimal, '"5"^^xsd:decimal'),
    ("512000000.0", XSD.double, '"512000000.0"^^xsd:double'),
    ("1e3", XSD.double, "1e3"),
    ("INF", XSD.double, '"INF"^^xsd:double'),
    ("1", XSD.boolean, '"1"^^xsd:boolean'),
    ("abc", XSD.integer, '"abc"^^xsd:integer'),
    (" 5", XSD.integer, '" 5"^^xsd:integer'),
])
def test_short_forms_only_where_exact(lexical: str, datatype: URIRef, written: str) -> None:
    literal = Literal(lexical, datatype=datatype, normalize=False)
    writer = TurtleWriter([("xsd", str(XSD))])
    assert writer.term(literal) == written
    g = Graph()
    g.add((EX.s, EX.p, literal))
    quads = oxigraph_reads(write_turtle(g))
    assert [str(q.object) for q in quads] == [str(ox_term(literal))]


@pytest.mark.parametrize(("local", "valid"), [
    ("abc", True), ("中文", True), ("a.b", True), ("a.", False), ("0a", True), ("-a", False),
    ("a:b", True), ("%20", True), ("%2", False), ("a/b", False), ("a~b", False), ("_", True),
    ("a-b", True), ("a b", False), ("", False),
])
def test_pn_local(local: str, valid: bool) -> None:
    assert bool(_PN_LOCAL.fullmatch(local)) is valid


def test_iri_forms() -> None:
    writer = TurtleWriter([("ex", str(EX)), ("place", "https://w3id.org/reportgraph/id/place/")])
    assert writer.term(EX.thing) == "ex:thing"
    assert writer.term(URIRef(f"{EX}a/b")) == "<http://example.org/ns#a/b>"
    assert writer.term(URIRef(f"{EX}")) == "ex:"
    assert writer.term(URIRef("https://w3id.org/reportgraph/id/place/深圳市")) == "place:深圳市"
    assert writer.term(URIRef("http://x.org/a b")) == "<http://x.org/a\\u0020b>"
    assert writer.term(URIRef('http://x.org/<">')) == "<http://x.org/\\u003C\\u0022\\u003E>"
    assert writer.prefix_lines().splitlines() == [
        "@prefix ex: <http://example.org/ns#> .",
        "@prefix place: <https://w3id.org/reportgraph/id/place/> .",
    ]


def test_a_blocks_prefixes_are_those_it_uses_alone() -> None:
    """What a block kept from an earlier build adds to the prefix lines: the prefixes a writer of it alone uses."""
    from reportgraph.terms import XSD_DATE, XSD_INTEGER, Lit

    spaces = [("ex", str(EX)), ("other", "http://other.example/"), ("rdf", str(RDF)),
              ("xsd", "http://www.w3.org/2001/XMLSchema#")]
    rdf_type = str(RDF.type)
    shared = {
        f"{EX}a": {rdf_type: {f"{EX}Thing": None}, f"{EX}on": {Lit("2024-07-01", XSD_DATE): None}},
        "http://other.example/b": {rdf_type: {f"{EX}Thing": None}, f"{EX}count": {Lit("3", XSD_INTEGER): None},
                                   f"{EX}says": {Lit("x^^y"): None, Lit("z", "", "zh"): None}},
        "http://elsewhere.example/c": {f"{EX}see": {str(RDF.type): None, "http://other.example/b": None}},
    }
    writer = TurtleWriter(spaces)
    list(writer.subject_blocks(shared, blank_nodes=False))  # type: ignore[arg-type]
    for subject, preds in shared.items():
        alone = TurtleWriter(spaces)
        list(alone.subject_blocks({subject: preds}, blank_nodes=False))  # type: ignore[arg-type]
        assert writer.block_prefixes(subject, preds) == alone.used_prefixes()  # type: ignore[arg-type]
    assert set(writer.block_prefixes(f"{EX}a", shared[f"{EX}a"])) == {"ex", "xsd"}  # type: ignore[arg-type]
    assert set(writer.block_prefixes("http://other.example/b", shared["http://other.example/b"])) == {"ex", "other"}  # type: ignore[arg-type]


def test_only_used_prefixes_are_written() -> None:
    g = Graph(bind_namespaces="none")
    g.bind("ex", EX)
    g.bind("unused", Namespace("http://unused.example/"))
    g.add((EX.a, EX.b, Literal("c")))
    assert write_turtle(g).decode() == '@prefix ex: <http://example.org/ns#> .\n\nex:a ex:b "c" .\n'


def test_empty_graph() -> None:
    assert write_turtle(Graph()) == b""


def test_literal_subject_is_refused() -> None:
    g = Graph()
    g.add((Literal("x"), EX.p, EX.o))  # rdflib allows it; Turtle cannot say it
    with pytest.raises(TypeError, match="subject"):
        write_turtle(g)


# --------------------------------------------------------------------------- blank nodes


def test_ontology_with_blank_nodes_reads_back() -> None:
    onto = Graph().parse(ONTOLOGY, format="turtle")
    assert any(isinstance(s, BNode) for s in onto.subjects())
    data = write_turtle(onto)
    assert b"_:b0" in data
    assert isomorphic(rdflib_reads(data), onto)
    assert isomorphic(as_rdflib(oxigraph_reads(data)), onto)


def test_blank_node_labels_do_not_depend_on_the_parse() -> None:
    """Each parse gives blank nodes new random ids; the output must not change."""
    first = write_turtle(Graph().parse(ONTOLOGY, format="turtle"))
    second = write_turtle(Graph().parse(ONTOLOGY, format="turtle"))
    assert first == second
    assert write_turtle(Graph().parse(data=first.decode(), format="turtle")) == first


def test_blank_node_structures() -> None:
    g = Graph(bind_namespaces="none")
    g.bind("ex", EX)
    shared, inner = BNode(), BNode()
    g.add((EX.a, EX.p, shared))
    g.add((EX.b, EX.p, shared))
    g.add((shared, EX.q, inner))
    g.add((inner, EX.r, Literal("deep")))
    g.add((EX.c, EX.p, BNode()))  # a blank node only as an object
    head = BNode()
    Collection(g, head, [Literal(1), Literal(2), EX.three])
    g.add((EX.a, EX.list, head))
    data = write_turtle(g)
    assert isomorphic(rdflib_reads(data), g)
    assert isomorphic(as_rdflib(oxigraph_reads(data)), g)
    assert write_turtle(reordered(g, 3)) == data


def test_grouping_fast_path_matches_the_plain_path(seed_build: BuildResult, seed_turtle: bytes) -> None:
    """The store's index is read directly for a plain graph; any other Graph goes through triples()."""

    class Other(Graph):
        pass

    other = Other(bind_namespaces="none")
    for prefix, ns in seed_build.graph.namespaces():
        other.bind(prefix, ns, override=True, replace=True)
    for t in seed_build.graph:
        other.add(t)
    assert write_turtle(other) == seed_turtle


def test_removed_triples_leave_no_trace() -> None:
    """rdflib's store keeps empty index entries after a remove; they must not print as `p  ;`."""
    for store in ("Memory", "SimpleMemory"):
        g = Graph(store=store, bind_namespaces="none")
        g.bind("ex", EX)
        g.add((EX.a, EX.p, EX.b))
        g.add((EX.a, EX.q, EX.c))
        g.add((EX.gone, EX.p, EX.b))
        g.remove((EX.a, EX.q, None))
        g.remove((EX.gone, None, None))
        assert write_turtle(g).decode() == "@prefix ex: <http://example.org/ns#> .\n\nex:a ex:p ex:b .\n"
