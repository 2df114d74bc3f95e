"""``reportgraph push``: write built graphs to a triple store, one named graph per report."""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from reportgraph.cli import common
from reportgraph.cli.catalog import SUMMARIES
from reportgraph.cli.common import DEFAULT_GRAPH, EXIT_FAILURE, EXIT_OK
from reportgraph.errors import ReportError

_DESCRIPTION = """\
Write built graphs to a triple store (Oxigraph, Fuseki, GraphDB, Virtuoso,
QLever ...) with the SPARQL 1.1 Graph Store HTTP Protocol. By default each
report goes into its own named graph, named by the report's IRI, replaced with
PUT: push a rebuilt graph and each report's graph is replaced (an older
version of a rebuilt report is removed), push the same graph twice and nothing
changes; the ontology goes into its own named graph. Credentials are read from
an environment variable named by --auth, never from the command line."""

_EPILOG = """\
examples:
  oxigraph serve --location store/ &
  reportgraph push --to http://127.0.0.1:7878/store
      output/graph.ttl into Oxigraph, one named graph per report
  FUSEKI_AUTH=admin:secret reportgraph push out/graph.ttl --to http://localhost:3030/reports/data --auth FUSEKI_AUTH
      into a Fuseki dataset named reports
  GRAPHDB_AUTH=user:secret reportgraph push --to http://localhost:7200/repositories/reports/rdf-graphs/service --auth GRAPHDB_AUTH
      into a GraphDB repository named reports
  reportgraph push --to http://127.0.0.1:7878/store --default-graph
      everything into the store's default graph, in one request

The variable named by --auth holds user:password (sent as HTTP Basic) or a
whole header value such as 'Bearer TOKEN'.

exit codes: 0 pushed; 1 the store refused or failed (the message says which
reports were written and which were left as they were); 2 usage error or a
graph file that is missing or cannot be read.
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``push`` and its options."""
    parser = commands.add_parser(
        "push",
        help=SUMMARIES["push"],
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "graphs", nargs="*", metavar="GRAPH",
        help=f"graph files, or folders with a graph.ttl, pushed as one graph (default: {DEFAULT_GRAPH})",
    )
    parser.add_argument("--to", required=True, metavar="URL", help="the store's Graph Store endpoint")
    parser.add_argument(
        "--auth", metavar="ENV_VAR",
        help="the environment variable that holds the credentials (user:password, or 'Bearer TOKEN')",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--graph-per-report", dest="per_report", action="store_true", default=True,
                       help="one named graph per report, named by its IRI (the default)")
    where.add_argument("--default-graph", dest="per_report", action="store_false",
                       help="everything into the store's default graph instead")
    ontology = parser.add_mutually_exclusive_group()
    ontology.add_argument("--ontology", metavar="FILE", type=Path,
                          help="the ontology to push into its own named graph (default: the ontology the package ships)")
    ontology.add_argument("--no-ontology", action="store_true", help="do not push the ontology")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="give up on a request the store has not answered after this long (default: 60)")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    parser.set_defaults(func=run)


def _progress(n: int, total: int, name: str) -> None:
    if not sys.stderr.isatty() or total < 4:
        return
    line = f"[{n}/{total}] {name}"
    width = shutil.get_terminal_size((80, 24)).columns - 1
    sys.stderr.write("\r\033[K" + line[:width])
    sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    """Run ``reportgraph push``; ReportError and OSError go to cli.main."""
    from reportgraph.push import ONTOLOGY_FILE, PushError, Store, plan_push, push
    from reportgraph.sparql import QueryGraph

    if args.timeout <= 0:
        raise ReportError("--timeout", f"must be more than 0, got {args.timeout}")
    store = Store.from_options(args.to, args.auth, args.timeout)
    paths = args.graphs or [DEFAULT_GRAPH]
    if not args.graphs and not Path(DEFAULT_GRAPH).exists():
        raise ReportError(DEFAULT_GRAPH, "no such file; build the graph first with `reportgraph build` (or name graph files)")
    ontology: Path | None = None
    if args.ontology is not None:
        ontology = args.ontology
    elif not args.no_ontology:
        if ONTOLOGY_FILE.is_file():
            ontology = ONTOLOGY_FILE
        elif not args.quiet:
            common.warning(f"the ontology is not at {ONTOLOGY_FILE}; pushing without it (--ontology FILE)")
    plan = plan_push(QueryGraph.load(paths), ontology)
    try:
        result = push(plan, store, per_report=args.per_report, progress=None if args.quiet else _progress)
    except PushError as err:
        if not args.quiet and sys.stderr.isatty():
            sys.stderr.write("\r\033[K")
        common.error(err)
        return EXIT_FAILURE
    if not args.quiet:
        if sys.stderr.isatty() and len(plan.reports) >= 4:
            sys.stderr.write("\r\033[K")
        where = "a named graph per report" if args.per_report else "the default graph"
        extra = ", the ontology into a named graph of its own," if result.ontology else ""
        print(f"pushed {len(result.reports)} report(s) ({result.triples} triples) into {where}{extra} at {store.url}")
        if result.removed:
            print(f"removed {len(result.removed)} older version(s) of rebuilt reports: {', '.join(result.removed)}")
    return EXIT_OK
