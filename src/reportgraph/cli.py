"""The ``reportgraph`` command: thin argparse wrappers around the library.

Each command is one ``_add_<name>`` function that declares its options and one
``_run_<name>`` function that calls the library, so later commands (query,
viz, export, validate) slot in without touching the others. A user never sees
a traceback for a bad report or a file-system problem: :func:`main` turns them
into one ``reportgraph: error: ...`` line and an exit code.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import reportgraph
from reportgraph import load, metadata
from reportgraph.errors import ReportError
from reportgraph.lexicon import Lexicon
from reportgraph.model import LinkedReport
from reportgraph.vocab import ENTITY_TYPES

PROG = "reportgraph"

#: Exit codes, as documented in ``--help`` and the README.
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

DEFAULT_INPUT = "seeds/"
DEFAULT_OUT = "output/"
GRAPH_FILE = "graph.ttl"

#: Progress is only worth a line when a build takes several files.
_PROGRESS_MIN_FILES = 4
#: Characters in the progress bar.
_PROGRESS_BAR = 20
#: How many work-area labels, of how many characters, the summary shows per report.
_MAX_LABELS = 6
_MAX_LABEL_CHARS = 10
_MAX_REPORT_LINES = 10

_TOP_EPILOG = """\
examples:
  reportgraph build                         # seeds/ -> output/graph.ttl
  reportgraph build reports/ --out out/     # every report under reports/
  reportgraph query --name targets          # ask the graph (query --list: the named queries)
  reportgraph viz --type Community          # draw a part of the graph
  reportgraph export --format csv --out t/  # tables for a spreadsheet (also nt, trig, jsonld, graphml …)
  reportgraph validate                      # check the graph against the SHACL shapes
  reportgraph build --help                  # the options of one command

exit codes: 0 success; 1 build: some inputs failed (the rest were written),
query: an ASK answered false, validate: the graph has violations;
2 usage error, a missing or broken file, or nothing could be built;
130 interrupted.
"""

_BUILD_EPILOG = """\
Reports are text or Markdown files (UTF-8, UTF-16, GB18030/GBK or Big5),
web pages saved from a government site (.html or .mht: the article is found,
the page around it dropped), Word .docx files and PDFs with a text layer; the
format and encoding are detected from the content. Folders are searched
recursively; hidden files, sidecar files and README files are skipped. The
order of the inputs never changes the graph.

Report metadata (title, issuer, date, periods, level, region) is read from
the text. A sidecar file next to a report, NAME.meta.json or NAME.meta.yaml,
overrides it, e.g. {{"issuer": "某某市某某区和风街道办事处", "date": "2024-07-15",
"level": "subdistrict"}}; the report metadata options override both.

examples:
  reportgraph build
      build seeds/ into output/graph.ttl
  reportgraph build reports/2024/ 'archive/**/*.txt' --out out/
      build every report under reports/2024/ and the matching archive files
  reportgraph build report.txt --lexicon my-names.tsv --strict
      build one report with extra names; stop at the first failure
  reportgraph build baogao.pdf --issuer 某某市某某区和风街道办事处 --period 2024年上半年
      build a PDF whose text does not say who issued it or for when

A lexicon file has one name per line: NAME<TAB>TYPE[<TAB>ALIAS|ALIAS...],
TYPE one of: {types}.

exit codes: 0 all built; 1 some inputs failed (the others were still
written), or --strict stopped at a failure; 2 usage error or nothing could be
built; 130 interrupted.
""".format(types=", ".join(ENTITY_TYPES))


# --------------------------------------------------------------------------- output helpers


def _error(message: object) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` via a temporary file in the same folder.

    Readers (a SPARQL endpoint, a browser) never see a half-written graph, and
    a failed build leaves the previous graph in place.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())  # on disk before the rename: a power cut cannot leave an empty graph
        # mkstemp makes the file private; the graph should get ordinary permissions
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _progress_printer(stream: TextIO) -> Callable[[int, int, str], None]:
    """A callback that keeps one ``[n/total] path`` line up to date on a terminal."""

    def progress(n: int, total: int, path: str) -> None:
        if total < _PROGRESS_MIN_FILES:
            return
        done = _PROGRESS_BAR * n // total
        line = f"[{n}/{total}] [{'=' * done}{' ' * (_PROGRESS_BAR - done)}] "
        room = shutil.get_terminal_size((80, 24)).columns - 1 - len(line)
        # a wide path is cut at its start: the file name is what tells files apart
        while path and _width(path) > room > 1:
            path = "…" + path[2:]
        stream.write(f"\r\033[K{line}{path}")
        stream.flush()

    return progress


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _abbreviate(labels: Sequence[str]) -> str:
    shown = [lab if len(lab) <= _MAX_LABEL_CHARS else lab[: _MAX_LABEL_CHARS - 1] + "…" for lab in labels[:_MAX_LABELS]]
    more = len(labels) - len(shown)
    return "、".join(shown) + (f" … (+{more})" if more > 0 else "")


def summarize(reports: Sequence[LinkedReport], written: Path | None = None) -> str:
    """The few lines a user reads after a build: what went into the graph."""
    entity_types: dict[str, str] = {}
    for linked in reports:
        for entity in linked.entities:
            entity_types.setdefault(entity.key, entity.type)
    by_type = Counter(entity_types.values())
    kinds = Counter(ind.kind for linked in reports for ind in linked.indicators)
    areas = [
        (linked.report, [sec.label or sec.heading for sec in linked.report.sections if sec.number is not None])
        for linked in reports
    ]
    problems = sum(len(linked.problems) for linked in reports)

    lines = [f"reports:     {len(reports)}"]
    lines.append(
        f"entities:    {len(entity_types)}  ("
        + ", ".join(f"{t} {by_type.get(t, 0)}" for t in ENTITY_TYPES)
        + ")"
    )
    lines.append(
        f"indicators:  {sum(kinds.values())}  (achievement {kinds.get('achievement', 0)}, "
        f"target {kinds.get('target', 0)})"
    )
    every_area = sum(len(linked.report.sections) for linked in reports)
    numbered = sum(len(labels) for _, labels in areas)
    # a part's unnumbered opening (上半年工作总结, 前言) is a work area too, but not a section heading
    lines.append(f"work areas:  {every_area}  ({numbered} numbered sections, {every_area - numbered} part openings)")
    for report, labels in areas[:_MAX_REPORT_LINES]:
        name = Path(report.path).name or report.path
        lines.append(f"  {name}: {_abbreviate(labels) if labels else '-'}")
    if len(areas) > _MAX_REPORT_LINES:
        lines.append(f"  … and {len(areas) - _MAX_REPORT_LINES} more reports")
    lines.append(f"problems:    {problems}")
    if written is not None:
        lines.append(f"written:     {written}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- build


def _add_build(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "build",
        help="read work reports and write their knowledge graph as Turtle",
        description="Read Chinese government work reports and write one RDF knowledge graph\n"
        "(Turtle) with their sections, sentences, entities, indicators and problems.",
        epilog=_BUILD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "inputs", nargs="*", metavar="INPUT",
        help=f"report files, folders (searched recursively) or glob patterns (default: {DEFAULT_INPUT})",
    )
    parser.add_argument(
        "--out", metavar="DIR", default=DEFAULT_OUT,
        help=f"folder to write {GRAPH_FILE} and graph.html (its picture, see: reportgraph viz) into; "
        f"created if missing, the files are replaced atomically (default: {DEFAULT_OUT})",
    )
    parser.add_argument(
        "--lexicon", metavar="FILE",
        help="your own gazetteer of names to recognise, added to the packaged one "
        "(one NAME<TAB>TYPE[<TAB>ALIAS|ALIAS] per line)",
    )
    parser.add_argument(
        "--strict", action="store_true",
        help="stop at the first report that cannot be read or built (exit 1) instead of building the others",
    )
    parser.add_argument(
        "--quiet", action="store_true",
        help="print nothing but errors: no progress line, no summary",
    )
    stated = parser.add_argument_group(
        "report metadata",
        "State what a report's text does not say, or says wrongly; applied to every input. "
        "Order of precedence: the text < a sidecar file NAME.meta.json/.yaml next to the report < these options.",
    )
    stated.add_argument("--title", metavar="TEXT", help="the report's title")
    stated.add_argument("--issuer", metavar="NAME", help="the body that issued it, e.g. 某某市某某区和风街道办事处 "
                        "(also gives the region chain and level unless they are stated)")
    stated.add_argument("--date", metavar="DATE", help="publication date: 2024-08-19 or 2024年8月19日")
    stated.add_argument("--period", metavar="PERIOD", help="the period its summary covers: 2024年上半年, "
                        "or 2023年 for a 政府工作报告 given in 2024")
    stated.add_argument("--plan-period", metavar="PERIOD", help="the period its plan covers: 2024年下半年, 2024年")
    stated.add_argument("--level", metavar="LEVEL", help="level of government: subdistrict, town, county, "
                        "district, city or province (or 街道, 镇, 县, 区, 市, 省)")
    stated.add_argument("--region", metavar="PLACES", help="the region chain, broadest first, separated by / : "
                        "广东省/深圳市/宝安区/沙井街道")
    parser.set_defaults(func=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    from reportgraph import pipeline  # rdflib and the extractors: loaded only when building

    lexicon = Lexicon.load(args.lexicon)
    stated = metadata.from_options({name: getattr(args, name) for name in metadata.OPTIONS})
    # inputs are resolved first so that a missing path is a usage error (2), not a failed report
    paths = load.find_inputs(args.inputs or [DEFAULT_INPUT])
    progress = None
    if not args.quiet and sys.stderr.isatty():
        progress = _progress_printer(sys.stderr)
    try:
        try:
            result = pipeline.build(paths, lexicon=lexicon, strict=args.strict, progress=progress, metadata=stated)
        finally:
            if progress is not None and len(paths) >= _PROGRESS_MIN_FILES:
                sys.stderr.write("\r\033[K")  # clear the progress line before any message
    except ReportError as err:  # only with --strict
        _error(err)
        return EXIT_SOME_FAILED
    for warning in result.warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    for failure in result.errors:
        _error(failure)
    if not result.reports:
        _error("nothing was built: no input could be read")
        return EXIT_USAGE
    target = Path(args.out) / GRAPH_FILE
    from reportgraph.export import to_turtle  # our own writer: fast, and the same bytes for the same graph

    write_atomically(target, to_turtle(result.graph))
    from reportgraph import viz_command  # pyvis: loaded only to draw

    page, shown = viz_command.write_build_page(result.graph, Path(args.out))
    if not args.quiet:
        print(summarize(result.reports, target))
        print(f"picture:     {page} ({shown})")
        if result.errors:
            print(f"failed:      {len(result.errors)} (see the errors above)")
        if result.duplicates:
            print(f"duplicates:  {len(result.duplicates)} (the same text as another input: built once, as that one)")
            for path, same in result.duplicates[:_MAX_REPORT_LINES]:
                print(f"  {path} = {same}")
    return EXIT_SOME_FAILED if result.errors else EXIT_OK


# --------------------------------------------------------------------------- query


def _add_query(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from reportgraph import query_command  # its own module: the SPARQL engine loads only when it runs

    parser = commands.add_parser(
        "query",
        help="ask the graph a question in SPARQL, or run a named query (--list)",
        description=query_command.DESCRIPTION,
        epilog=query_command.EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    query_command.add_arguments(parser)
    parser.set_defaults(func=_run_query)


def _run_query(args: argparse.Namespace) -> int:
    from reportgraph import query_command

    return query_command.run(args)


# --------------------------------------------------------------------------- viz


def _add_viz(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from reportgraph import viz_command  # its own module: pyvis loads only when a page is drawn

    parser = commands.add_parser(
        "viz",
        help="draw the graph (or part of it) as an interactive HTML page that works offline",
        description=viz_command.DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    viz_command.add_arguments(parser)
    parser.set_defaults(func=_run_viz)


def _run_viz(args: argparse.Namespace) -> int:
    from reportgraph import viz_command

    return viz_command.run(args)


# --------------------------------------------------------------------------- export

#: export's formats (as in reportgraph.export.FORMATS, listed here so --help does not load rdflib).
_EXPORT_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "graphml", "csv")
_EXPORT_SUFFIXES = {".ttl": "ttl", ".nt": "nt", ".nq": "nq", ".trig": "trig", ".jsonld": "jsonld",
                    ".json": "jsonld", ".graphml": "graphml"}
_DEFAULT_GRAPH = os.path.join(DEFAULT_OUT, GRAPH_FILE)

_EXPORT_EPILOG = """\
formats:
  ttl      Turtle with readable prefixes, subjects grouped (the same as build writes)
  nt       N-Triples, one triple per line, sorted
  nq       N-Quads: one named graph per report, shared triples in the default graph
  trig     TriG: the same named graphs as nq, readable
  jsonld   JSON-LD with a @context of the prefixes
  graphml  entities and reports as a network for Gephi and Cytoscape (type, label,
           work_area, mention_count on nodes; relation on edges)
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


def _add_export(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "export",
        help="write the graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD, GraphML or CSV",
        description="Write a built graph in a format other tools load: triple stores (Fuseki, GraphDB,\n"
        "Virtuoso), network tools (Gephi, Cytoscape) and spreadsheets. The same graph always\n"
        "gives the same bytes.",
        epilog=_EXPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--graph", metavar="FILE", default=_DEFAULT_GRAPH,
        help=f"the graph to export, as written by build or export (default: {_DEFAULT_GRAPH})",
    )
    parser.add_argument(
        "--format", "-f", choices=_EXPORT_FORMATS, metavar="FORMAT",
        help=f"one of {', '.join(_EXPORT_FORMATS)}; may be left out when --out ends in the "
        "format's extension (.ttl, .nt, .nq, .trig, .jsonld, .graphml)",
    )
    parser.add_argument(
        "--out", "-o", metavar="PATH", required=True,
        help="the file to write (replaced atomically; - for standard output), or for csv the folder "
        "to write entities.csv and indicators.csv into (created if missing)",
    )
    parser.set_defaults(func=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    from reportgraph import export, graphfile

    fmt = args.format or _EXPORT_SUFFIXES.get(Path(args.out).suffix.lower())
    if fmt is None:
        _error(f"say which format to write: --format {{{','.join(_EXPORT_FORMATS)}}} "
               f"(it cannot be told from --out {args.out})")
        return EXIT_USAGE
    if fmt == "csv" and args.out == "-":
        _error("csv writes two files: give a folder with --out, not -")
        return EXIT_USAGE
    graph = graphfile.read_graph(args.graph)
    files = export.export(graph, fmt)
    if args.out == "-":
        sys.stdout.buffer.write(next(iter(files.values())))
        sys.stdout.flush()
        return EXIT_OK
    out = Path(args.out)
    if fmt == "csv":
        if out.exists() and not out.is_dir():
            _error(f"{out}: is a file; csv writes two files into a folder")
            return EXIT_USAGE
        targets = [out / name for name in files]
    else:
        targets = [out / next(iter(files)) if out.is_dir() else out]
    for target, data in zip(targets, files.values()):
        write_atomically(target, data)
        print(f"written:     {target} ({fmt}, {len(data):,} bytes)")
    return EXIT_OK


# --------------------------------------------------------------------------- validate


_VALIDATE_EPILOG = """\
The shapes (ontology/shapes.ttl) say what a sound graph looks like: every
indicator has exactly one value, unit, kind, work area and source statement;
every entity a type and a label; every statement offsets inside its report and
a text as long as its span; the parts of a report belong to that report; the
relations join the kinds of entity the ontology allows; no blank nodes.
Warnings (an indicator without a metric) are printed but do not fail.

examples:
  reportgraph validate                          # output/graph.ttl
  reportgraph validate --graph out/graph.ttl --all
  reportgraph validate --shapes my-shapes.ttl   # your own shapes

exit codes: 0 no violations (warnings allowed); 1 violations found;
2 usage error, or the graph or shapes file is missing or broken.
"""


def _add_validate(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "validate",
        help="check the graph against the SHACL shapes and list what is wrong",
        description="Check a built graph against the project's SHACL shapes (with pyshacl) and print\n"
        "each violation with the node it concerns, grouped by problem.",
        epilog=_VALIDATE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--graph", metavar="FILE", default=_DEFAULT_GRAPH,
        help=f"the graph to check (default: {_DEFAULT_GRAPH})",
    )
    parser.add_argument(
        "--shapes", metavar="FILE",
        help="SHACL shapes in Turtle to check against (default: the project's ontology/shapes.ttl)",
    )
    parser.add_argument(
        "--all", action="store_true",
        help="list every node of each problem (default: the first 10 of each)",
    )
    parser.set_defaults(func=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    from reportgraph import graphfile, validate

    graph = graphfile.read_graph(args.graph)
    shapes = validate.load_shapes(args.shapes)
    report = validate.validate(graph, shapes)
    limit = None if args.all else validate.DEFAULT_LIMIT
    print(validate.format_report(report, graph, source=args.graph, limit=limit))
    return EXIT_OK if report.conforms else EXIT_SOME_FAILED


# --------------------------------------------------------------------------- main


def make_parser() -> argparse.ArgumentParser:
    """The whole command line; each command adds itself."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Turn Chinese local-government work reports (工作报告) into an RDF\n"
        "knowledge graph you can query with SPARQL.",
        epilog=_TOP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {reportgraph.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_build(commands)
    _add_query(commands)
    _add_viz(commands)
    _add_export(commands)
    _add_validate(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code instead of exiting (tests call this)."""
    try:
        parser = make_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as stop:  # --help, --version, usage errors
            return stop.code if isinstance(stop.code, int) else (EXIT_OK if stop.code is None else EXIT_USAGE)
        return int(args.func(args))
    except ReportError as err:
        _error(err)
        return EXIT_USAGE
    except OSError as err:
        _error(_describe_os_error(err))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _describe_os_error(err: OSError) -> str:
    """``path: reason`` like ReportError, rather than Python's ``[Errno 13] ...`` form."""
    reason = (err.strerror or str(err)).lower()
    if err.filename is not None:
        return f"{err.filename}: {reason}"
    return reason


if __name__ == "__main__":
    sys.exit(main())
