"""``reportgraph validate``: check a built graph against the SHACL shapes the package ships."""
from __future__ import annotations

import argparse

from reportgraph.cli import common
from reportgraph.cli.catalog import SUMMARIES
from reportgraph.cli.common import DEFAULT_GRAPH, EXIT_FAILURE, EXIT_OK

#: How many nodes each problem lists unless --all is given.
_LIMIT = 10

_EPILOG = """\
The shapes (reportgraph/ontology/shapes.ttl, shipped with the package; the
checkout links it as ontology/shapes.ttl) say what a sound graph looks like:
every indicator has exactly one value, unit, kind, work area and source
statement; every entity a type and a label; every statement offsets inside its
report and a text as long as its span; the parts of a report belong to that
report; the relations join the kinds of entity the ontology allows; no blank
nodes. Warnings (an indicator without a metric) are printed but do not fail.

examples:
  reportgraph validate                          # output/graph.ttl
  reportgraph validate --graph out/graph.ttl --all
  reportgraph validate --shapes my-shapes.ttl   # your own shapes

exit codes: 0 no violations (warnings allowed); 1 violations found;
2 usage error, or the graph or shapes file is missing or broken.
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``validate`` and its options."""
    parser = commands.add_parser(
        "validate",
        help=SUMMARIES["validate"],
        description="Check a built graph against the project's SHACL shapes (with pyshacl) and print\n"
        "each violation with the node it concerns, grouped by problem.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--graph", metavar="FILE", default=DEFAULT_GRAPH,
        help=f"the graph to check, or the folder build --out wrote (default: {DEFAULT_GRAPH})",
    )
    parser.add_argument(
        "--shapes", metavar="FILE",
        help="SHACL shapes in Turtle to check against (default: the shapes the package ships)",
    )
    parser.add_argument(
        "--all", action="store_true",
        help=f"list every node of each problem (default: the first {_LIMIT} of each)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate and print the findings; violations exit 1."""
    from reportgraph import graphfile, validate

    graph = graphfile.read_graph(args.graph)
    shapes = validate.load_shapes(args.shapes)
    report = validate.validate(graph, shapes)
    limit = None if args.all else _LIMIT
    common.write_stdout(validate.format_report(report, graph, source=args.graph, limit=limit) + "\n")
    return EXIT_OK if report.conforms else EXIT_FAILURE
