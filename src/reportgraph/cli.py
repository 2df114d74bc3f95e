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
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import reportgraph
from reportgraph import load
from reportgraph.errors import ReportError
from reportgraph.lexicon import Lexicon
from reportgraph.model import ENTITY_TYPES, LinkedReport

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
#: How many work-area labels, of how many characters, the summary shows per report.
_MAX_LABELS = 6
_MAX_LABEL_CHARS = 10
_MAX_REPORT_LINES = 10

_TOP_EPILOG = """\
examples:
  reportgraph build                         # seeds/ -> output/graph.ttl
  reportgraph build reports/ --out out/     # every report under reports/
  reportgraph build --help                  # the options of one command

exit codes: 0 all built; 1 some inputs failed (the rest were written);
2 usage error or nothing could be built; 130 interrupted.
"""

_BUILD_EPILOG = """\
Reports are .txt, .md, .text, .html and .htm files in UTF-8, UTF-16,
GB18030/GBK or Big5 (detected from the content). Folders are searched
recursively; hidden files are skipped. The order of the inputs never changes
the graph.

examples:
  reportgraph build
      build seeds/ into output/graph.ttl
  reportgraph build reports/2024/ 'archive/**/*.txt' --out out/
      build every report under reports/2024/ and the matching archive files
  reportgraph build report.txt --lexicon my-names.tsv --strict
      build one report with extra names; stop at the first failure

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
        stream.write(f"\r\033[K[{n}/{total}] {path}")
        stream.flush()

    return progress


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
    problems = sum(len(linked.report.problems) for linked in reports)

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
    lines.append(f"work areas:  {sum(len(labels) for _, labels in areas)} sections")
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
        help=f"folder to write {GRAPH_FILE} into; created if missing, the file is replaced "
        f"atomically (default: {DEFAULT_OUT})",
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
    parser.set_defaults(func=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    from reportgraph import pipeline  # rdflib and the extractors: loaded only when building

    lexicon = Lexicon.load(args.lexicon)
    # inputs are resolved first so that a missing path is a usage error (2), not a failed report
    paths = load.find_inputs(args.inputs or [DEFAULT_INPUT])
    progress = None
    if not args.quiet and sys.stderr.isatty():
        progress = _progress_printer(sys.stderr)
    try:
        try:
            result = pipeline.build(paths, lexicon=lexicon, strict=args.strict, progress=progress)
        finally:
            if progress is not None and len(paths) >= _PROGRESS_MIN_FILES:
                sys.stderr.write("\r\033[K")  # clear the progress line before any message
    except ReportError as err:  # only with --strict
        _error(err)
        return EXIT_SOME_FAILED
    for failure in result.errors:
        _error(failure)
    if not result.reports:
        _error("nothing was built: no input could be read")
        return EXIT_USAGE
    target = Path(args.out) / GRAPH_FILE
    write_atomically(target, result.graph.serialize(format="turtle", encoding="utf-8"))
    if not args.quiet:
        print(summarize(result.reports, target))
        if result.errors:
            print(f"failed:      {len(result.errors)} (see the errors above)")
    return EXIT_SOME_FAILED if result.errors else EXIT_OK


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
