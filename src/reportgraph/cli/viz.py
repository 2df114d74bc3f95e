"""``reportgraph viz``: draw a built graph, or part of it, as one offline HTML page.

pyvis is imported only when a page is drawn. ``build`` calls
:func:`write_build_page` to draw ``DIR/graph.html`` next to ``DIR/graph.ttl``.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from reportgraph import graphfile, viz_style
from reportgraph.cli import common
from reportgraph.cli.catalog import SUMMARIES
from reportgraph.cli.common import DEFAULT_GRAPH, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from rdflib import Graph

    from reportgraph.viz import TripleIndex, VizGraph

_DESCRIPTION = """\
Draw a graph written by `reportgraph build` as one interactive HTML page:
work areas as hubs, the entities, indicators and problems of each area around
them, relations on the edges. Hover or click a node for its type, names, work
areas and source sentences; filter by type and work area, search, switch
physics on and off. The page works offline: it loads nothing from the network."""

_EPILOG = """\
types for --type: {types}
  ("Indicator" means both Achievement and Target; work areas and reports are
  always drawn as the hubs of what is shown)

examples:
  reportgraph viz
      output/graph.ttl -> output/graph.html (build writes this page too)
  reportgraph viz --type Company Project --out companies.html
      only companies and projects, on their work areas
  reportgraph viz --area {area} --area {other_area}
      only the work areas whose name contains {area} or {other_area}
  reportgraph viz --graph big/graph.ttl --max-nodes 20000
      draw more than the default {max_nodes} nodes of a big graph

Graphs of more than {physics} nodes open with physics off (positions are
computed when the page is written); switch it on in the page if you like.

exit codes: 0 written; 2 usage error, unreadable graph or nothing to draw;
130 interrupted.
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``viz`` and its options; the help text documents the defaults."""
    parser = commands.add_parser(
        "viz",
        help=SUMMARIES["viz"],
        description=_DESCRIPTION,
        epilog=_EPILOG.format(
            types=", ".join(viz_style.TYPE_CHOICES), max_nodes=viz_style.DEFAULT_MAX_NODES,
            physics=viz_style.PHYSICS_MAX_NODES, area=common.example("area"), other_area=common.example("other_area"),
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--graph", metavar="FILE", default=DEFAULT_GRAPH,
        help=f"the graph to draw: {graphfile.FORMAT_NAMES}, by file extension, "
        f"or the folder build --out wrote (default: {DEFAULT_GRAPH})",
    )
    parser.add_argument(
        "--out", metavar="FILE",
        help="the page to write; replaced atomically (default: the graph's path with .html, "
        "so output/graph.ttl gives output/graph.html)",
    )
    parser.add_argument(
        "--type", metavar="T", nargs="+", action="extend", default=[], dest="types",
        help="draw only these types of node (repeatable; case does not matter)",
    )
    parser.add_argument(
        "--area", metavar="A", nargs="+", action="extend", default=[], dest="areas",
        help="draw only the work areas whose name contains A, and what hangs on them (repeatable)",
    )
    parser.add_argument(
        "--max-nodes", metavar="N", type=common.whole_number(1), default=viz_style.DEFAULT_MAX_NODES,
        help="draw at most N nodes: entities by how often they are mentioned, then problems, then "
        f"indicators, each with its work area and report (default: {viz_style.DEFAULT_MAX_NODES})",
    )
    parser.add_argument("--title", metavar="TEXT", help="the page's title (default: the report's title)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the graph, draw the selection, write the page atomically, say what was drawn."""
    from reportgraph import viz

    try:
        selection = viz.Selection(types=tuple(args.types), areas=tuple(args.areas), max_nodes=args.max_nodes)
        viz.normalize_types(selection.types)  # an unknown type is a usage error before the graph is read
    except ValueError as err:
        common.error(err)
        return EXIT_USAGE
    graph_path, _ = graphfile.locate(args.graph)  # a folder stands for its graph.ttl, and its page goes beside it
    out = Path(args.out) if args.out else graph_path.with_suffix(".html")
    if out.resolve() == graph_path.resolve():
        common.error(f"{out}: --out would overwrite the graph itself")
        return EXIT_USAGE
    common.refuse_unreplaceable(out)  # a link, pipe or device at --out: said before the drawing, not after
    graph = graphfile.read_graph(graph_path)
    vg = viz.read_graph(graph)
    if not vg.nodes:
        common.error(f"{graph_path}: no reports, work areas or entities in this graph (was it written by reportgraph build?)")
        return EXIT_USAGE
    try:
        chosen = viz.select(vg, selection)
    except ValueError as err:
        common.error(err)
        return EXIT_USAGE
    if not chosen.nodes:
        common.error("nothing to draw: no node of the chosen types is on the chosen work areas")
        return EXIT_USAGE
    common.write_atomically(out, viz.render_html(chosen, title=args.title).encode("utf-8", errors="replace"))
    if not args.quiet:
        print(describe(len(chosen.nodes), len(chosen.edges), chosen.total_nodes, args.max_nodes))
        print(f"written:     {out}")
    return EXIT_OK


def describe(nodes: int, edges: int, graph_nodes: int, max_nodes: int | None) -> str:
    """One line: what the page shows, and how to see more when it shows part."""
    line = f"drawn:       {nodes} nodes, {edges} edges"
    if nodes < graph_nodes:
        line += f" (of {graph_nodes} nodes in the graph"
        if max_nodes is not None and nodes >= max_nodes:
            line += "; raise --max-nodes to draw more"
        line += ")"
    return line


class BuildPage(NamedTuple):
    """The page ``build`` drew: where, how many nodes, of how many the graph has."""

    path: Path
    drawn: int
    total: int

    def describe(self) -> str:
        """``275 nodes``, or what was left out and how to draw it, for the build summary."""
        shown = f"{self.drawn} nodes"
        if self.drawn < self.total:
            shown += f" of {self.total}; reportgraph viz --max-nodes N draws more"
        return shown


def write_build_page(graph: Graph | TripleIndex | VizGraph, page: BinaryIO, path: Path) -> BuildPage:
    """``build``'s page, for the whole graph (up to the default node budget), written into ``page``.

    ``build`` hands the staged ``DIR/graph.html`` (see :mod:`reportgraph.cli.outdir`) and the path it
    will have once the build is committed. ``graph`` is a graph, its triples, or what a build read of
    its triples as it wrote them (a VizGraph).
    """
    from reportgraph import viz

    drawn = graph if isinstance(graph, viz.VizGraph) else viz.read_graph(graph)
    chosen = viz.select(drawn, viz.Selection())
    page.write(viz.render_html(chosen).encode("utf-8", errors="replace"))
    return BuildPage(path, len(chosen.nodes), chosen.total_nodes)
