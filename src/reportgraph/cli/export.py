"""``reportgraph export``: write a built graph in a format other tools load."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reportgraph import graphfile
from reportgraph.cli import common
from reportgraph.cli.catalog import SUMMARIES
from reportgraph.cli.common import DEFAULT_GRAPH, EXIT_OK, EXIT_USAGE

#: The formats ``--format`` takes (as ``reportgraph.export.FORMATS``, named here without loading rdflib).
FORMATS: tuple[str, ...] = tuple(graphfile.EXPORT_FORMATS)

_EPILOG = """\
formats:
  ttl      Turtle with readable prefixes, subjects grouped (the same as build writes)
  nt       N-Triples, one triple per line, sorted
  nq       N-Quads: one named graph per report, shared triples in the default graph
  trig     TriG: the same named graphs as nq, readable
  jsonld   JSON-LD with a @context of the prefixes
  rdfxml   RDF/XML (Protégé, older triple stores, XML tools), triples sorted
  graphml  reports, work areas and entities as a network for Gephi and Cytoscape:
           nodes with type, label, mention_count, work_area, part; edges entity to
           work area and between entities named in one sentence (coMentioned),
           weighted by sentences, and the relations the reports state
  csv      entities.csv and indicators.csv in the folder --out, UTF-8 with BOM
           so Excel shows the Chinese text

examples:
  reportgraph export --format trig --out graph.trig          # for Fuseki, GraphDB, Virtuoso
  reportgraph export --format graphml --out graph.graphml    # for Gephi, Cytoscape
  reportgraph export --format csv --out tables/              # tables/entities.csv, tables/indicators.csv
  reportgraph export --graph out/graph.ttl --out out/graph.jsonld
  reportgraph export --format nt --out - | wc -l             # - writes to standard output

exit codes: 0 written; 2 usage error, or the graph file is missing or broken.
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``export`` and its options."""
    parser = commands.add_parser(
        "export",
        help=SUMMARIES["export"],
        description="Write a built graph in a format other tools load: triple stores (Fuseki, GraphDB,\n"
        "Virtuoso), network tools (Gephi, Cytoscape) and spreadsheets. The same graph always\n"
        "gives the same bytes.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--graph", metavar="FILE", default=DEFAULT_GRAPH,
        help=f"the graph to export, as written by build or export, or the folder build --out wrote "
        f"(default: {DEFAULT_GRAPH})",
    )
    suffixes = ", ".join(suffix for suffix in graphfile.EXPORT_FORMATS.values() if suffix)
    parser.add_argument(
        "--format", "-f", choices=FORMATS, metavar="FORMAT",
        help=f"one of {', '.join(FORMATS)}; may be left out when --out ends in the "
        f"format's extension ({suffixes})",
    )
    parser.add_argument(
        "--out", "-o", metavar="PATH", required=True,
        help="the file to write (replaced atomically; - for standard output), or for csv the folder "
        "to write entities.csv and indicators.csv into (created if missing)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the graph, write it in the chosen format, say what was written."""
    from reportgraph import export

    fmt = args.format or graphfile.export_format(args.out)
    if fmt is None:
        common.error(f"say which format to write: --format {{{','.join(FORMATS)}}} "
                     f"(it cannot be told from --out {args.out})")
        return EXIT_USAGE
    if fmt == "csv" and args.out == "-":
        common.error("csv writes two files: give a folder with --out, not -")
        return EXIT_USAGE
    graph = graphfile.read_graph(args.graph)
    try:
        files = export.export(graph, fmt)
    except export.UnwritableGraph as err:
        common.error(f"{args.graph}: cannot be written as {fmt}: {err}")
        return EXIT_USAGE
    if args.out == "-":
        sys.stdout.buffer.write(next(iter(files.values())))
        sys.stdout.flush()
        return EXIT_OK
    out = Path(args.out)
    if fmt == "csv":
        if out.exists() and not out.is_dir():
            common.error(f"{out}: is a file; csv writes two files into a folder")
            return EXIT_USAGE
        targets = [out / name for name in files]
    else:
        targets = [out / next(iter(files)) if out.is_dir() else out]
    for target, data in zip(targets, files.values()):
        common.write_atomically(target, data)
        print(f"written:     {target} ({fmt}, {len(data):,} bytes)")
    return EXIT_OK
