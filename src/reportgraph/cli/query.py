"""``reportgraph query``: ask a graph a question in SPARQL, or run a named query.

Nothing here imports the SPARQL engine until the command actually runs, so
other commands do not pay for it at start-up.
"""
from __future__ import annotations

import argparse
import io
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportgraph import graphfile, vocab
from reportgraph.cli import common
from reportgraph.cli.catalog import SUMMARIES
from reportgraph.cli.common import DEFAULT_GRAPH, EXIT_OK, EXIT_USAGE
from reportgraph.errors import ReportError
from reportgraph.text import LIST_SEPARATOR

if TYPE_CHECKING:  # the engine loads only when a query runs
    from reportgraph.sparql import QueryGraph
    from reportgraph.sparql_output import Written

#: An ASK query answered false.
EXIT_FALSE = common.EXIT_FAILURE
#: Seconds a query may run by default: long enough for any sensible question of a large graph.
DEFAULT_TIMEOUT = 30.0
#: Memory a query may take on top of the loaded graph, by default (as ``serve --memory-limit``).
DEFAULT_MEMORY_MB = 2048
#: Below this a query cannot even start on a graph.
_MIN_MEMORY_MB = 64

_DESCRIPTION = f"""\
Ask a report graph a question in SPARQL, or run one of the named queries that
ship with reportgraph. Every prefix a graph file written by reportgraph declares
is declared for you: {", ".join(p + ":" for p in vocab.PREFIXES)}.
The table prints IRIs in a form you can paste back into a query."""

_EPILOG = """\
examples:
  reportgraph query --list
      the named queries, one line each
  reportgraph query --name targets
      every target: work area, metric, value, unit, qualifier, sentence
  reportgraph query --name entity {entity}
      everything the graph says about one entity, found by name or alias
  reportgraph query 'SELECT ?c WHERE {{ ?c a rg:Community }}'
      your own SPARQL; the standard prefixes are already declared
  reportgraph query -f my-question.rq --graph out/graph.ttl --format csv > answer.csv
  reportgraph query -f big-question.rq --format tsv --timeout 600 > every-row.tsv
      a long query: ten minutes, every row written as it comes
  reportgraph query 'ASK {{ ?p a rg:Problem }}' && echo "the report admits problems"
  reportgraph query --name targets --show
      print a named query's SPARQL, to start your own from it

formats: table (default; columns sized for Chinese text and cut to the
terminal's width), csv (W3C SPARQL CSV: plain values), tsv (the same values,
tab-separated), json (SPARQL 1.1 Query Results JSON; JSON-LD for a graph),
ttl (Turtle; the default for CONSTRUCT and DESCRIBE). ASK prints true or false.

limits: a query reads only the loaded graph (SERVICE, a federated query, is
refused before anything runs: nothing leaves the machine). It runs in a child
process, stopped after --timeout seconds (default 30) or when it needs more
memory than --memory-limit (default 2048 MB), and Ctrl-C stops it at once. The
table shows at most --max-rows rows (default 10000) and says when it left
rows out; csv, tsv and json print every row as the engine gives it.

exit codes: 0 done (for ASK: true); 1 ASK was false; 2 usage error, query
syntax error (with line and column), SERVICE refused, unknown named query, a
graph file that is missing or cannot be read, or a query stopped at --timeout
or --memory-limit; 130 interrupted (Ctrl-C).
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``query`` and its options."""
    entity = common.example("entity")
    parser = commands.add_parser(
        "query",
        help=SUMMARIES["query"],
        description=_DESCRIPTION,
        epilog=_EPILOG.format(entity=entity),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "query", nargs="*", metavar="QUERY",
        help="SPARQL text (one argument, in quotes), or a named query's name followed by its arguments",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("-f", "--file", metavar="FILE", help="read the SPARQL query from FILE ('-' for standard input)")
    source.add_argument(
        "--name", metavar="NAME",
        help=f"run the named query NAME; the words after it are its arguments (--name entity {entity})",
    )
    source.add_argument("--list", action="store_true", help="list the named queries, one line each, and exit")
    parser.add_argument(
        "--graph", metavar="FILE", action="append",
        help=f"graph file to query ({graphfile.FORMAT_NAMES}, by its extension), or a folder with a "
        f"{graphfile.GRAPH_FILE}; repeat for several files, which are queried as one graph (default: {DEFAULT_GRAPH})",
    )
    parser.add_argument(
        "--format", choices=("table", "csv", "tsv", "json", "ttl"), default=None,
        help="output format (default: table; ttl for CONSTRUCT and DESCRIBE)",
    )
    parser.add_argument(
        "--param", metavar="NAME=VALUE", action="append", default=[],
        help="bind the variable ?NAME to VALUE before the query runs, safely (as a value, never as query text), "
        "wherever the query uses it. A bare VALUE takes the form of the graph's literals the query matches "
        "?NAME with (names and sentences are tagged @zh), else it is a plain string; say it exactly with "
        "VALUE@zh, VALUE^^xsd:decimal or VALUE^^xsd:string; <IRI> or community:NAME is an IRI",
    )
    parser.add_argument(
        "--width", metavar="N", type=int, default=None,
        help="cut the table to N columns (0: never cut; default: the terminal's width, or no cut when "
        "the output is not a terminal)",
    )
    limits = parser.add_argument_group("limits", "how long a query may run, how much memory and output it may take")
    limits.add_argument(
        "--timeout", metavar="SECONDS", type=float, default=DEFAULT_TIMEOUT,
        help=f"stop the query after SECONDS, output included (default: {DEFAULT_TIMEOUT:g}; 0: no limit)",
    )
    limits.add_argument(
        "--memory-limit", metavar="MB", type=int, default=DEFAULT_MEMORY_MB,
        help=f"memory the query may take on top of the loaded graph (default: {DEFAULT_MEMORY_MB})",
    )
    limits.add_argument(
        "--max-rows", metavar="N", type=int, default=None,
        help="rows to print at most; the table says when more were left out (default: 10000 for the table, "
        "every row for csv, tsv and json, which print rows as they come; 0: no limit)",
    )
    parser.add_argument(
        "--show", action="store_true",
        help="print the query instead of running it, complete with its PREFIX lines and any arguments and "
        "--param values bound, so that it runs as it is in any SPARQL tool; a named query without its "
        "arguments shows its template",
    )
    parser.set_defaults(func=run)


def _read_query_file(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ReportError(path, "is not UTF-8 text") from None
    except IsADirectoryError:
        raise ReportError(path, "is a folder, not a query file") from None


def _params(pairs: list[str]) -> dict[str, object]:
    from reportgraph.sparql import QueryError, parse_param

    params: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name.isidentifier():
            raise QueryError(f"--param needs NAME=VALUE, e.g. --param name={common.example('entity')}; got {pair!r}")
        params[name] = parse_param(value)
    return params


def _resolve(args: argparse.Namespace) -> tuple[str, dict[str, object], str]:
    """(SPARQL text, parameters, where the text came from) from the command line.

    With ``--show`` a named query may be given without its arguments: then
    its template is shown, with its ``VALUES ?p { UNDEF }`` blocks unfilled.
    """
    from reportgraph.sparql import NamedQuery, QueryError, UnknownQueryError, named_queries, named_query

    words: list[str] = args.query
    params = _params(args.param)

    def named(nq: NamedQuery, arguments: list[str]) -> tuple[str, dict[str, object], str]:
        bound = {} if args.show and not arguments else nq.bindings(arguments)
        return nq.sparql, {**bound, **params}, f"named query {nq.name}"

    if args.name:
        return named(named_query(args.name), words)
    if args.file:
        if words:
            raise QueryError("give the query either as QUERY or with -f FILE, not both")
        return _read_query_file(args.file), params, args.file
    if not words:
        raise QueryError(
            "no query: give SPARQL text, -f FILE or --name NAME (reportgraph query --list shows the named queries)"
        )
    first = words[0]
    if first in named_queries():
        return named(named_query(first), words[1:])
    graph_like = [w for w in words if graphfile.is_graph_file(w)]
    if graph_like:
        raise QueryError(
            f"{graph_like[0]} looks like a graph file: give each graph with its own --graph "
            f"(--graph a.ttl --graph b.ttl)"
        )
    if len(words) > 1:
        raise QueryError("give the SPARQL query as one argument, in quotes: reportgraph query 'SELECT ...'")
    if first.isidentifier():  # a bare word is not SPARQL: the user meant a named query
        raise UnknownQueryError(first, named_queries())
    return first, params, ""


def _list() -> str:
    from reportgraph.sparql import named_queries

    queries = list(named_queries().values())
    width = max(len(q.usage) for q in queries)
    return "".join(f"{q.usage.ljust(width)}  {q.summary}\n" for q in queries)


def run(args: argparse.Namespace) -> int:
    """Run ``reportgraph query``; return the exit code. ReportError and OSError go to :func:`reportgraph.cli.main`."""
    from reportgraph.sparql import QueryError, QueryGraph, complete_query, similar_names

    try:
        if args.list:
            common.write_stdout(_list())
            return EXIT_OK
        _check_limits(args)
        text, params, origin = _resolve(args)
        if not text.strip():
            raise QueryError("the query is empty")
        if args.show and not params:
            common.write_stdout(_ends_line(complete_query(text)))
            return EXIT_OK
        graph = QueryGraph.load(_graph_paths(args))
        if args.show:  # bound as a run binds them, which depends on the graph's literals
            common.write_stdout(_ends_line(complete_query(graph.bind(text, params)[0])))
            return EXIT_OK
        outcome = _run_limited(graph, text, params, args)
    except QueryError as err:
        common.error(err)
        return EXIT_USAGE
    except KeyboardInterrupt:
        common.error("interrupted: the query was stopped")
        return common.EXIT_INTERRUPTED
    if outcome.error:
        where = f"{origin}: " if outcome.syntax and origin and not origin.startswith("named query") else ""
        common.error(f"{where}{outcome.error}")
        if outcome.pointer:
            print(outcome.pointer, file=sys.stderr)
        return EXIT_USAGE
    written = outcome.written
    if written is None:  # the reader went away (| head)
        return EXIT_OK
    if written.kind == "ask":
        return EXIT_OK if written.boolean else EXIT_FALSE
    if written.cut and written.fmt != "table":  # the table says so itself
        common.note(f"stopped after {written.rows} rows (--max-rows {args.max_rows}); --max-rows 0 prints them all")
    if written.kind == "select" and not written.rows and origin == "named query entity":
        name = next(iter(params.values()), "")
        shown = name if isinstance(name, str) else getattr(name, "value", str(name))
        near = similar_names(graph, shown)
        hint = f"; names that contain it: {LIST_SEPARATOR.join(near)}" if near else ""
        common.note(f"no entity is named exactly {shown!r}{hint}")
    return EXIT_OK


def _check_limits(args: argparse.Namespace) -> None:
    from reportgraph.sparql import QueryError

    if not args.timeout >= 0:  # also NaN
        raise QueryError(f"--timeout must be 0 (no limit) or more seconds, not {args.timeout:g}")
    if args.memory_limit < _MIN_MEMORY_MB:
        raise QueryError(f"--memory-limit must be at least {_MIN_MEMORY_MB} (MB), not {args.memory_limit}")
    if args.max_rows is not None and args.max_rows < 0:
        raise QueryError(f"--max-rows must be 0 (no limit) or more, not {args.max_rows}")


@dataclass(frozen=True)
class _Outcome:
    """What the child that ran the query sends back: what it wrote, or the one-line error (and a pointer)."""

    written: Written | None = None
    error: str = ""
    #: a syntax error's line with a caret under the place
    pointer: str = ""
    syntax: bool = False
    #: the output, when standard output is not a file the child can write to itself (a test's capture)
    text: str = ""


def _run_limited(graph: QueryGraph, text: str, params: dict[str, object], args: argparse.Namespace) -> _Outcome:
    """Run the query in a child process under ``--timeout`` and ``--memory-limit``; its rows go to stdout.

    pyoxigraph evaluates a query in Rust and cannot be interrupted, and it
    aborts the whole process when memory runs out; a child can be killed, and
    dies alone. The child writes to standard output itself, row by row where
    the format allows. A fork of the loaded graph costs a few milliseconds
    (see the README), so every query takes this way, named ones too.
    """
    from reportgraph.sandbox import JobCrashed, Limits, Sandbox, SandboxError, TimeLimitExceeded

    seconds = args.timeout or math.inf
    width = common.table_width(args.width)
    direct = _stdout_is_a_file()
    sys.stdout.flush()  # the child is a fork: what is buffered now would be written twice
    try:
        with Sandbox.start(graph, Limits(seconds=seconds, memory_mb=args.memory_limit), slots=1) as box:
            outcome = box.call(_answer, text, params, args.format, width, args.max_rows, direct)
    except TimeLimitExceeded:
        return _Outcome(error=f"the query ran longer than {seconds:g} s (--timeout); add LIMIT or narrow it, "
                              "or give it more time with --timeout SECONDS (0: no limit)")
    except JobCrashed:
        return _Outcome(error=f"the query needed more memory than --memory-limit allows ({args.memory_limit} MB "
                              "on top of the graph) and was stopped; add LIMIT or narrow it, or raise --memory-limit")
    except SandboxError as err:
        return _Outcome(error=f"internal error ({err}) — please report")
    if outcome.text:
        common.write_stdout(outcome.text)
    return outcome


def _stdout_is_a_file() -> bool:
    """Whether standard output is the process's file descriptor 1, which a forked child shares."""
    try:
        return sys.stdout.fileno() == 1
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError and a ValueError
        return False


def _answer(graph: QueryGraph, text: str, params: dict[str, object], fmt: str | None, width: int | None,
            max_rows: int | None, direct: bool) -> _Outcome:
    """The child's job: run the query and write its result (to stdout when ``direct``, else into the answer)."""
    from reportgraph.sparql import QueryError, QuerySyntaxError
    from reportgraph.sparql_output import write

    out = sys.stdout if direct else io.StringIO()
    try:
        written = write(graph.solutions(text, params), out, fmt, width, max_rows)
        out.flush()
    except QuerySyntaxError as err:
        return _Outcome(error=str(err), pointer=err.pointer(), syntax=True)
    except QueryError as err:
        return _Outcome(error=str(err))
    except BrokenPipeError:  # the reader went away (| head): that is the end of the output, not an error
        return _Outcome()
    except (OSError, RuntimeError, ValueError, TypeError) as err:  # the engine, while it gave rows
        return _Outcome(error=f"the query failed: {graphfile.first_line(err)}")
    return _Outcome(written=written, text=out.getvalue() if isinstance(out, io.StringIO) else "")


def _ends_line(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _graph_paths(args: argparse.Namespace) -> list[str]:
    """The graph files to load: ``--graph``, or the one ``build`` wrote (an error naming it when it is missing)."""
    if args.graph:
        return list(args.graph)
    if not os.path.exists(DEFAULT_GRAPH):
        raise ReportError(
            DEFAULT_GRAPH,
            "no such file; build the graph first with `reportgraph build` "
            "(or name a graph file with --graph FILE)",
        )
    return [DEFAULT_GRAPH]
