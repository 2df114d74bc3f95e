"""The ``reportgraph`` command: one module per command, each a thin layer over the library.

Every command module (:mod:`~reportgraph.cli.build`, :mod:`~reportgraph.cli.query`,
:mod:`~reportgraph.cli.viz`, :mod:`~reportgraph.cli.export`,
:mod:`~reportgraph.cli.validate`, :mod:`~reportgraph.cli.evaluate`, :mod:`~reportgraph.cli.track`,
:mod:`~reportgraph.cli.serve`, :mod:`~reportgraph.cli.push`) has an
``add_parser`` that declares its options and a ``run`` that calls the
library; what they share is in :mod:`~reportgraph.cli.common`, and how
``build`` writes its folder (one transaction, one build at a time) in
:mod:`~reportgraph.cli.outdir`. A run imports only the module of the command
it runs (``reportgraph --help`` none: the summaries it lists are in
:mod:`~reportgraph.cli.catalog`), and command modules import the heavy
libraries (rdflib, pyoxigraph, pyvis, the extractors) only inside ``run``,
so ``--help`` starts fast. A user never sees
a traceback for a bad report or a file-system problem: :func:`main` turns them
into one ``reportgraph: error: ...`` line and an exit code. The command itself
(the ``reportgraph`` script, ``python -m reportgraph``) is :func:`run`, which
ends the process once :func:`main` is done.
"""
from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys
import threading
from collections.abc import Iterable, Sequence

import reportgraph
from reportgraph.cli import common
from reportgraph.cli.catalog import SUMMARIES
from reportgraph.cli.common import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, PROG
from reportgraph.errors import ReportError

__all__ = ["main", "make_parser", "run"]

_EPILOG = """\
examples:
  reportgraph build                         # seeds/ -> output/graph.ttl
  reportgraph build reports/ --out out/     # every report under reports/
  reportgraph query --name targets          # ask the graph (query --list: the named queries)
  reportgraph track                         # each target beside what the next report says came of it
  reportgraph viz --type Community          # draw a part of the graph
  reportgraph export --format csv --out t/  # tables for a spreadsheet (also nt, trig, jsonld, graphml …)
  reportgraph validate                      # check the graph against the SHACL shapes
  reportgraph evaluate gold-set/            # score the extraction against annotated reports
  reportgraph serve                         # SPARQL endpoint and pages at http://127.0.0.1:8000/
  reportgraph push --to http://127.0.0.1:7878/store   # into a triple store, a graph per report
  reportgraph build --help                  # the options of one command

exit codes: 0 success; 1 build: some inputs failed (the rest were written),
query: an ASK answered false, validate: the graph has violations;
2 usage error, a missing or broken file, or nothing could be built;
130 interrupted.
"""


def make_parser(commands_in_full: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line, each command adding itself; with ``commands_in_full``, only those commands
    declare their options (their modules imported), the others are listed by name and summary."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=f"Turn Chinese local-government work reports ({common.example('genre')}) into an RDF\n"
        "knowledge graph you can query with SPARQL.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {reportgraph.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    in_full = set(SUMMARIES if commands_in_full is None else commands_in_full)
    for name, summary in SUMMARIES.items():
        if name in in_full:
            importlib.import_module(f"reportgraph.cli.{name}").add_parser(commands)
        else:
            commands.add_parser(name, help=summary)
    return parser


def command_of(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs: its first word that is not one of ``reportgraph``'s own options
    (``--help``, ``--version``: neither takes a value), or None."""
    for word in argv:
        if not word.startswith("-"):
            return word
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code instead of exiting (tests call this)."""
    try:
        words = sys.argv[1:] if argv is None else argv
        command = command_of(words)
        parser = make_parser([command] if command is not None else [])
        try:
            args = parser.parse_args(words)
        except SystemExit as stop:  # --help, --version, usage errors
            return stop.code if isinstance(stop.code, int) else (EXIT_OK if stop.code is None else EXIT_USAGE)
        return int(args.func(args))
    except ReportError as err:
        common.error(err)
        return EXIT_USAGE
    except OSError as err:
        common.error(common.describe_os_error(err))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def run() -> None:
    """The ``reportgraph`` command: :func:`main`, then the process ends (never returns) without the
    interpreter's teardown.

    Tearing it down frees every object one at a time (the lexicon, the kept
    patterns, the word dictionary, the reports): 30-40 ms of a bundled build
    that takes 0.45 s, for memory the system takes back whole. What an exit
    must do is done first: the atexit callbacks run (the pattern cache's
    write, temporary files' removal, coverage's data) and the output is
    flushed. Where another thread still runs, or the output cannot be
    flushed (a reader that went away), the interpreter exits as usual.
    """
    code = main()
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()  # what Python's own exit runs first; the callbacks are then unregistered
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: the process was started with it closed
                stream.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    run()
