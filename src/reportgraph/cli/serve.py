"""``reportgraph serve``: a read-only SPARQL endpoint and browsable pages of built graphs, on this machine.

Nothing here imports the web stack until the command runs.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from reportgraph.cli.catalog import SUMMARIES
from reportgraph.cli.common import DEFAULT_GRAPH
from reportgraph.errors import ReportError

_DESCRIPTION = """\
Serve built graphs on this machine: a SPARQL 1.1 endpoint at /sparql (for
SPARQLWrapper, curl, any SPARQL client), a query page with YASGUI and the
named queries as examples, and pages to click through — the reports, each
report's work areas with their entities, achievements, targets, problems and
scorecard of targets, every entity with each sentence that names it, measures across
periods, search by name or alias — each also as JSON (add .json). The
overview picture (/picture) opens reports and work areas by click.

Safe by default: only this machine can connect (127.0.0.1), nothing can be
changed (no SPARQL Update), no query may call other endpoints (SERVICE), a
query is stopped at the time limit and refused past the row limit, and
every page is escaped and sent with a Content-Security-Policy."""

_EPILOG = """\
examples:
  reportgraph serve
      serve output/graph.ttl at http://127.0.0.1:8000/
  reportgraph serve out/graph.ttl more/graph.nt --port 8080
      several graph files, served as one graph
  reportgraph serve out/ --timeout 30 --max-rows 1000000
      the folder build --out wrote, with more room for big queries
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT ?c WHERE { ?c a rg:Community }' http://127.0.0.1:8000/sparql

exit codes: 0 stopped (Ctrl-C); 2 usage error, a graph file that is missing
or cannot be read, or a port that cannot be used.
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``serve`` and its options."""
    parser = commands.add_parser(
        "serve",
        help=SUMMARIES["serve"],
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "graphs", nargs="*", metavar="GRAPH",
        help="graph files (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) or folders with a graph.ttl, "
        f"served as one graph (default: {DEFAULT_GRAPH})",
    )
    parser.add_argument(
        "--host", default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 shares it, with a warning)",
    )
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    parser.add_argument(
        "--timeout", type=float, default=10.0, metavar="SECONDS",
        help="stop a SPARQL query that runs longer than this (default: 10)",
    )
    parser.add_argument(
        "--max-rows", type=int, default=100_000, metavar="N",
        help="refuse a result with more rows (or triples) than this, with a message (default: 100000)",
    )
    parser.add_argument(
        "--memory-limit", type=int, default=2048, metavar="MB",
        help="memory a query may take on top of the loaded graph (default: 2048)",
    )
    parser.add_argument(
        "--query-processes", type=int, default=0, metavar="N",
        help="queries run at once, each in its own process (default: the number of cores, at least 2)",
    )
    parser.add_argument("--access-log", action="store_true", help="print a line for every request")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``reportgraph serve``; ReportError and OSError go to cli.main."""
    from reportgraph.serve.server import ServeOptions, serve

    for name, value, low in (("--timeout", args.timeout, 0.1), ("--max-rows", args.max_rows, 1),
                             ("--memory-limit", args.memory_limit, 64), ("--port", args.port, 0)):
        if value < low:
            raise ReportError(name, f"must be at least {low}, got {value}")
    if args.port > 65535:
        raise ReportError("--port", f"must be at most 65535, got {args.port}")
    if args.query_processes < 0:
        raise ReportError("--query-processes", f"must be 0 (automatic) or more, got {args.query_processes}")
    paths = args.graphs or [DEFAULT_GRAPH]
    if not args.graphs and not Path(DEFAULT_GRAPH).exists():
        raise ReportError(DEFAULT_GRAPH, "no such file; build the graph first with `reportgraph build` (or name graph files)")
    options = ServeOptions(
        host=args.host, port=args.port, timeout=args.timeout, max_rows=args.max_rows,
        memory_mb=args.memory_limit, query_processes=args.query_processes, access_log=args.access_log,
    )
    return serve(paths, options)
