"""The picture without a browser: what is read from the graph, chosen, laid out and written.

What the page does in a real browser is in ``test_viz_browser.py``.
"""
from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from conftest import WriteReport
from reportgraph import pipeline, viz
from reportgraph.model import (
    Entity, Indicator, LinkedReport, Mention, Problem, Relation, Report, Section, Sentence,
)
from reportgraph.rdf import to_graph

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from viz_synthetic import synthetic_graph  # noqa: E402

#: Everything the picture draws, counted straight from the graph with SPARQL.
COUNT_NODES = """
PREFIX rg: <https://w3id.org/reportgraph/ns#>
SELECT ?t (COUNT(DISTINCT ?n) AS ?c) WHERE {
  ?n a ?t .
  VALUES ?t { rg:Report rg:WorkArea rg:Community rg:Company rg:GovernmentBody rg:Project rg:Program
              rg:Place rg:Event rg:Honor rg:Achievement rg:Target rg:Problem }
} GROUP BY ?t
"""

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</script><script>window.__pwned=1</script>")


def graph_counts(g: Graph) -> dict[str, int]:
    return {str(row.t).rsplit("#", 1)[-1]: int(row.c) for row in g.query(COUNT_NODES)}  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def bundled_graph() -> Graph:
    return pipeline.build([REPO / "seeds" / "shajing-2024h1.txt"]).graph


def payload_graph() -> Graph:
    """A tiny graph with a script-injection payload in every text a report can carry."""
    a, b, c = PAYLOADS
    s0 = Sentence(0, 0, 30, f"{a}社区完成改造{b}。", "1s-1")
    s1 = Sentence(1, 31, 60, f"{c}项目建成,新增企业12家。", "1s-1")
    section = Section("1s-1", "summary", 1, f"（一）{b}经济发展", f"{a}经济", 0, 60, [s0, s1])
    report = Report(path="payload.txt", text=f"{a}{b}{c}" * 3, title=f"{c}{a}街道工作报告", issuer="", date="2024-07-15",
                    period="2024年上半年", sections=[section])
    community = Entity(f"Community/{b}社区", "Community", f"{b}社区", aliases=[f"{a}别名"],
                       mentions=[Mention("Community", f"{b}社区", 0, 5, s0)])
    project = Entity(f"Project/{a}项目", "Project", f"{a}项目", mentions=[Mention("Project", f"{a}项目", 31, 40, s1)])
    indicator = Indicator("achievement", f"{b}新增企业", Decimal(12), f"{a}家", 12.0, "家", "", 45, 48, s1, "1s-1",
                          entity_keys=[project.key])
    relation = Relation(project.key, "locatedIn", community.key, s1)
    return to_graph([LinkedReport(report, [community, project], [indicator], [relation],
                                  problems=[Problem(f"{b}问题", s1, "1s-1")])])


def start_tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element the page's markup really makes (a script's text is not markup)."""
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def json_blocks(html: str) -> dict[str, Any]:
    return {m[1]: json.loads(m[2]) for m in re.finditer(r'<script type="application/json" id="([\w-]+)">(.*?)</script>', html, re.S)}


# --------------------------------------------------------------------------- reading the graph


def test_every_node_the_graph_has_is_read(bundled_graph: Graph) -> None:
    vg = viz.read_graph(bundled_graph)
    assert dict(vg.count_by_type()) == graph_counts(bundled_graph)
    assert vg.total_nodes == sum(graph_counts(bundled_graph).values())


def test_entities_hang_on_work_areas_and_cite_sentences(bundled_graph: Graph) -> None:
    vg = viz.read_graph(bundled_graph)
    for node in vg.nodes.values():
        if node.kind in ("entity", "indicator", "problem"):
            assert node.areas and all(vg.nodes[a].type == "WorkArea" for a in node.areas), node.label
            assert node.statements and all(vg.sentences[s][0] for s in node.statements), node.label
        if node.kind == "entity":
            assert node.mentions >= 1
    structure = {(e.source, e.target) for e in vg.edges if e.kind == "structure"}
    assert all((n.iri, a) in structure for n in vg.nodes.values() for a in n.areas)
    assert {e.predicate for e in vg.edges if e.kind == "relation"} <= {"locatedIn", "runIn", "wonHonor", "involves", "partOf", "relatedTo"}
    assert any(e.kind == "relation" for e in vg.edges)


def test_indicators_show_value_and_unit(bundled_graph: Graph) -> None:
    vg = viz.read_graph(bundled_graph)
    indicators = [n for n in vg.nodes.values() if n.kind == "indicator"]
    assert indicators
    for n in indicators:
        details = dict(n.details)
        assert details["value"] and details["metric"]
        assert n.label.startswith(details["value"])


def test_reading_is_deterministic(tmp_path: Path, bundled_graph: Graph) -> None:
    path = tmp_path / "g.ttl"
    bundled_graph.serialize(path, format="turtle")
    pages = {viz.render_html(viz.select(viz.read_graph(Graph().parse(path)), viz.Selection())) for _ in range(2)}
    assert len(pages) == 1


# --------------------------------------------------------------------------- choosing what to draw


def test_type_filter_keeps_those_types_on_their_hubs(bundled_graph: Graph) -> None:
    vg = viz.select(viz.read_graph(bundled_graph), viz.Selection(types=("company", "Project")))
    types = vg.count_by_type()
    assert set(types) == {"Report", "WorkArea", "Company", "Project"}
    counts = graph_counts(bundled_graph)
    assert (types["Company"], types["Project"]) == (counts["Company"], counts["Project"])
    members = {a for n in vg.nodes.values() for a in n.areas}
    assert all(n.iri in members for n in vg.nodes.values() if n.kind == "area"), "no empty hub"
    assert all(e.source in vg.nodes and e.target in vg.nodes for e in vg.edges)


def test_indicator_means_both_kinds() -> None:
    assert viz.normalize_types(["indicator"]) == ("Achievement", "Target", "Indicator")
    with pytest.raises(ValueError, match="unknown type 'Firm'.*Company"):
        viz.normalize_types(["Firm"])


def test_area_filter_matches_part_of_the_name(bundled_graph: Graph) -> None:
    vg = viz.select(viz.read_graph(bundled_graph), viz.Selection(areas=("经济",)))
    areas = [n for n in vg.nodes.values() if n.kind == "area"]
    assert areas and all("经济" in n.label or any("经济" in v for _, v in n.details) for n in areas)
    assert all(set(n.areas) <= {a.iri for a in areas} for n in vg.nodes.values())
    with pytest.raises(ValueError, match="no work area matches '不存在'; work areas are: "):
        viz.select(viz.read_graph(bundled_graph), viz.Selection(areas=("不存在",)))


def test_max_nodes_keeps_the_most_mentioned_with_their_hubs(bundled_graph: Graph) -> None:
    full = viz.read_graph(bundled_graph)
    vg = viz.select(full, viz.Selection(max_nodes=40))
    assert len(vg.nodes) == 40 and vg.total_nodes == len(full.nodes)
    top = max((n for n in full.nodes.values() if n.kind == "entity"), key=lambda n: n.mentions)
    assert top.iri in vg.nodes
    for n in vg.nodes.values():
        if n.kind not in ("report", "area"):
            assert n.areas and all(a in vg.nodes for a in n.areas)
    with pytest.raises(ValueError):
        viz.select(full, viz.Selection(max_nodes=0))


def test_big_graph_is_cut_to_the_default_budget() -> None:
    full = viz.read_graph(synthetic_graph(6000))
    assert len(full.nodes) > viz.DEFAULT_MAX_NODES
    vg = viz.select(full, viz.Selection())
    assert len(vg.nodes) == viz.DEFAULT_MAX_NODES


# --------------------------------------------------------------------------- layout


def test_layout_places_every_node_apart(bundled_graph: Graph) -> None:
    vg = viz.read_graph(bundled_graph)
    positions = viz.layout(vg)
    assert set(positions) == set(vg.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in positions.values())
    assert len(set(positions.values())) == len(positions), "two nodes on the same spot"
    # an area's own nodes are nearer to it than to the report hub
    report = next(n for n in vg.nodes.values() if n.kind == "report")
    for n in vg.nodes.values():
        if n.kind == "entity":
            hub = positions[n.areas[0]]
            assert math.dist(positions[n.iri], hub) < math.dist(positions[n.iri], positions[report.iri])


# --------------------------------------------------------------------------- the page


def test_page_is_self_contained(bundled_graph: Graph) -> None:
    html, summary = viz.write_page(bundled_graph)
    assert summary.nodes == sum(graph_counts(bundled_graph).values())
    assert "<script src" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "bootstrap" not in html.lower()
    assert "sourceMappingURL" not in html
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert found
    csp = unescape(found[1])
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("style-src")[0]
    assert "vis.Network" in html  # vis-network is inline


def test_page_data_round_trips(bundled_graph: Graph) -> None:
    html, _ = viz.write_page(bundled_graph)
    blocks = json_blocks(html)
    nodes, side = blocks["rg-nodes"], blocks["rg-side"]
    assert isinstance(nodes, list) and isinstance(side, dict)
    assert len(nodes) == side["stats"]["nodes"] == len(side["info"])
    assert all({"id", "label", "group", "x", "y"} <= set(n) for n in nodes)
    assert {t["key"] for t in side["types"]} == set(graph_counts(bundled_graph))


def test_report_text_cannot_break_out_of_the_page() -> None:
    html, _ = viz.write_page(payload_graph())
    for payload in PAYLOADS:
        assert payload not in html
    tags = Counter(tag for tag, _ in start_tags(html))
    assert "img" not in tags and "b" not in tags
    scripts = [dict(attrs) for tag, attrs in start_tags(html) if tag == "script"]
    assert scripts == [{"type": "application/json", "id": i} for i in ("rg-nodes", "rg-edges", "rg-options", "rg-side")] + [{}, {}]
    # the text survives, exactly, as data
    blocks = json_blocks(html)
    text = json.dumps(blocks, ensure_ascii=False)
    for payload in PAYLOADS:
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in text
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and "&lt;/script&gt;" in title[1]


def test_page_template_escapes_its_slots_and_fills_each_once() -> None:
    """A slot's value is escaped unless marked safe, and a value that looks like a slot stays as it is."""
    page = viz._PageTemplate("<title>{{ title }}</title><p a='{{ n.k }}'>{{ raw|safe }}</p>")
    filled = page.render(title="<b>&'\"{{ raw|safe }}", n={"k": 3}, raw="<i>{{ title }}</i>")
    assert filled == "<title>&lt;b&gt;&amp;&#39;&#34;{{ raw|safe }}</title><p a='3'><i>{{ title }}</i></p>"
    assert unescape(filled.split("<title>")[1].split("</title>")[0]) == "<b>&'\"{{ raw|safe }}"


def test_the_page_template_is_all_slots_the_page_fills() -> None:
    """Every ``{{`` of the template is a slot (no Jinja syntax left that would be copied into the page)."""
    source = viz._template().source
    assert source.count("{{") == len(viz._SLOT.findall(source)) > 0
    assert "{%" not in source and "{#" not in source and source.endswith("</html>")


def test_a_build_page_drawn_without_its_unread_indicators_is_the_same_page(
        tmp_path: Path, write_report: WriteReport, small_report_text: str, other_report_text: str,
        bundled_report: Path) -> None:
    """Parts read back from a build's spool keep their indicators apart; a budget the other nodes fill never reads
    them, a budget or a filter that reaches them reads them all, and either way the page is the whole graph's."""
    import pickle

    from reportgraph import stream

    paths = [write_report(small_report_text, "a.txt"), write_report(other_report_text, "b.txt"), bundled_report]
    result = pipeline.build(paths)
    batches: list[list[Any]] = []
    stream.write_graph(list(result.reports), tmp_path / "out" / "graph.ttl", collect=batches.append)
    whole = viz.GraphReader()
    for batch in batches:
        whole.add_triples(batch)
    full = whole.finish()
    indicators = sum(n.kind == "indicator" for n in full.nodes.values())
    others = len(full.nodes) - indicators
    assert indicators > 20 and others > 100
    # filled by the others; not filled by them (hubs no other node needs are left); more than they are; no budget;
    # a filter
    for budget, types, reads in ((others // 2, (), False), (others - 1, (), True), (others + 5, (), True),
                                 (None, (), True), (others // 2, ("Company",), True)):
        reader = viz.GraphReader()
        for batch in batches:  # as a build's spool gives them: pickled, each with its indicators apart
            reader.merge(pickle.loads(pickle.dumps(viz.read_triples(batch))))
        lazy = reader.finish(lazily=True)
        assert lazy.whole is not None and lazy.total_nodes == len(full.nodes) > len(lazy.nodes)
        made: list[bool] = []

        def made_whole(make: Any = lazy.whole) -> viz.VizGraph:
            made.append(True)
            return make()  # type: ignore[no-any-return]

        chosen = viz.Selection(types=types, max_nodes=budget)
        drawn = viz.select(replace(lazy, whole=made_whole), chosen)
        assert bool(made) is reads, (budget, types)
        assert viz.render_html(drawn) == viz.render_html(viz.select(full, chosen))


def test_script_json_escapes_markup() -> None:
    text = viz._script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_reading_a_build_report_by_report_gives_the_graphs_picture(
        tmp_path: Path, write_report: WriteReport, small_report_text: str, other_report_text: str,
        bundled_report: Path) -> None:
    """The build draws from its triples as it writes them, one report at a time: the same page as the whole graph."""
    from reportgraph import stream

    paths = [write_report(small_report_text, "a.txt"), write_report(other_report_text, "b.txt"), bundled_report]
    result = pipeline.build(paths)
    whole = viz.read_graph(to_graph(result.reports))
    reader = viz.GraphReader()
    stream.write_graph(list(result.reports), tmp_path / "out" / "graph.ttl", collect=reader.add_triples)
    parts = reader.finish()
    assert len(parts.nodes) > 300
    assert parts.nodes == whole.nodes and parts.edges == whole.edges and parts.sentences == whole.sentences
    for budget in (None, 60):
        chosen = viz.Selection(max_nodes=budget)
        assert viz.render_html(viz.select(parts, chosen)) == viz.render_html(viz.select(whole, chosen))
