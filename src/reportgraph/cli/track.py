"""``reportgraph track``: the 成绩单 — every target of a report beside what the next report says came of it.

The graph holds one ``rg:TargetAssessment`` per target whose period a loaded
report of the same issuer reviews (``reportgraph build`` makes them; the
named query ``scorecard`` gives the same rows). This command prints them as
one table per report pair — measure, target with its qualifier, result,
status, both sentences — with a count line, and says which reviews are
missing: the targets whose period no loaded report reviews.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reportgraph import graphfile
from reportgraph.cli import common
from reportgraph.cli.catalog import SUMMARIES
from reportgraph.cli.common import DEFAULT_GRAPH, EXIT_OK
from reportgraph.datafiles import datafile
from reportgraph.errors import ReportError
from reportgraph.vocab import ASSESSMENT_STATUSES

_WORDS = datafile("cli/track_words.tsv")

#: The statuses in the order the count line gives them, as the graph names them (rg:Met ...).
_STATUS_OF = {local: code for code, local in ASSESSMENT_STATUSES.items()}
FORMATS = ("table", "csv", "json", "md")

_DESCRIPTION = """\
Print the scorecard ({name}) of the reports in a graph: for every target of a report, what
the report of the same issuer that reviews the target's period says came of it
— met, not met, not reported, or unclear, with the rule that decided. One table
per report pair, a count line under each, and a note for every set of targets
whose period no loaded report reviews (build that report with the others)."""

_EPILOG = """\
examples:
  reportgraph build report-2024.txt report-2025.txt && reportgraph track
      the 2024 targets beside what the 2025 report says came of them
  reportgraph track --issuer {issuer} --period {period} --format md > scorecard.md
      one issuer's targets of a year, as a Markdown table to paste into an article
  reportgraph track --format json
      everything, for a program (the same rows as: reportgraph query --name scorecard)

A target is met, not met, not reported (the review states nothing on its
measure for its period) or unclear (it speaks of the measure, but not in a
form the rules can compare); the rules are in the README.

exit codes: 0 printed (also when nothing is assessed: the notes say why);
2 usage error, or the graph file is missing or cannot be read.
"""

_MISSING = """
SELECT ?issuer ?period ?report ?file (COUNT(DISTINCT ?t) AS ?targets)
WHERE {
  VALUES ?kind { rg:Target rg:RelationalTarget }
  ?t a ?kind ;
     rg:inReport ?r .
  FILTER NOT EXISTS { ?x rg:assessesTarget ?t }
  ?r rg:planPeriod/rdfs:label ?period .
  OPTIONAL { ?r rg:series/rdfs:label ?seriesLabel }
  BIND (COALESCE(?seriesLabel, "") AS ?issuer)
  OPTIONAL { ?r dcterms:title ?title }
  OPTIONAL { ?r rg:sourceFile ?file }
  BIND (COALESCE(?title, ?file) AS ?report)
}
GROUP BY ?issuer ?period ?report ?file
ORDER BY ?issuer ?period ?file
"""


@dataclass
class Row:
    """One target, its result and status."""

    measure: str
    target: str
    result: str
    status: str  # met | not_met | not_reported | unclear
    rule: str
    target_sentence: str
    result_sentence: str


@dataclass
class Pair:
    """The targets of one report as another report of the same issuer reviews them."""

    issuer: str
    period: str
    target_report: str
    target_file: str
    review_report: str
    review_file: str
    rows: list[Row] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        got = Counter(r.status for r in self.rows)
        return {code: got.get(code, 0) for code in ASSESSMENT_STATUSES}


@dataclass
class Missing:
    """Targets whose period no loaded report reviews."""

    issuer: str
    period: str
    report: str
    file: str
    targets: int

    def note(self) -> str:
        who = f"of {self.issuer} " if self.issuer else ""
        fix = ("build the report that reviews it with the others" if self.issuer else
               "the report names no issuer: state it with build --issuer or a sidecar file")
        return (f"note: no loaded report {who}reviews {self.period}: the {self.targets} targets of "
                f"{self.report} ({Path(self.file).name}) are not assessed; {fix}")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``track`` and its options."""
    parser = commands.add_parser(
        "track",
        help=SUMMARIES["track"],
        description=_DESCRIPTION.format(name=_WORDS.pairs["name"]),
        epilog=_EPILOG.format(issuer=common.example("track_issuer"), period=common.example("period_last_year")),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--graph", metavar="FILE", action="append",
        help=f"graph file ({graphfile.FORMAT_NAMES}), or a folder with a {graphfile.GRAPH_FILE}; repeat for "
        f"several files, read as one graph (default: {DEFAULT_GRAPH})",
    )
    parser.add_argument("--issuer", metavar="NAME",
                        help="only the reports of issuers whose name holds NAME, e.g. "
                        f"{common.example('track_issuer')}")
    parser.add_argument("--period", metavar="P",
                        help="only targets for a period that lies in P (a year holds its halves), e.g. "
                        f"{common.example('period_last_year')}")
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="table (default; columns fitted to the terminal), csv, json or md (Markdown)")
    parser.add_argument(
        "--width", metavar="N", type=int, default=None,
        help="cut the table to N columns (0: never cut; default: the terminal's width, or no cut when "
        "the output is not a terminal)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the graph, print the 成绩单."""
    from reportgraph.sparql import QueryGraph, named_query

    paths = args.graph or [DEFAULT_GRAPH]
    if not args.graph and not os.path.exists(DEFAULT_GRAPH):
        raise ReportError(DEFAULT_GRAPH, "no such file; build the graph first with `reportgraph build` "
                                         "(or name a graph file with --graph FILE)")
    graph = QueryGraph.load(paths)
    rows = graph.run(named_query("scorecard").sparql).as_dicts()
    pairs = _pairs(rows, args.issuer, args.period)
    missing = [m for m in _missing(graph.run(_MISSING).as_dicts())
               if _wanted(m.issuer, m.period, args.issuer, args.period)]
    common.write_stdout(render(pairs, missing, args.format, common.table_width(args.width)))
    return EXIT_OK


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _wanted(issuer: str, period: str, want_issuer: str | None, want_period: str | None) -> bool:
    """Does a row pass --issuer (the issuer's name holds it) and --period (the period lies in it)?"""
    from reportgraph.link.names import norm
    from reportgraph.link.periods import parse

    if want_issuer and norm(want_issuer) not in norm(issuer):
        return False
    if want_period:
        want, got = parse(want_period), parse(period)
        if want is None or got is None:
            return norm(want_period) == norm(period)
        return want.covers(got)
    return True


def _pairs(rows: list[dict[str, object]], issuer: str | None = None, period: str | None = None) -> list[Pair]:
    """The scorecard rows grouped by report pair, in the query's order."""
    pairs: dict[tuple[str, str], Pair] = {}
    for r in rows:
        got_issuer, got_period = _text(r["issuer"]), _text(r["period"])
        if not _wanted(got_issuer, got_period, issuer, period):
            continue
        key = (_text(r["targetFile"]), _text(r["reviewFile"]))
        pair = pairs.get(key)
        if pair is None:
            pair = pairs[key] = Pair(got_issuer, got_period, _text(r["targetReport"]), key[0],
                                     _text(r["reviewReport"]), key[1])
        pair.rows.append(Row(_text(r["measure"]), _text(r["target"]), _text(r["result"]),
                             _STATUS_OF.get(_text(r["status"]), _text(r["status"])), _text(r["rule"]),
                             _text(r["targetSentence"]), _text(r["resultSentence"])))
    return list(pairs.values())


def _missing(rows: list[dict[str, object]]) -> list[Missing]:
    return [Missing(_text(r["issuer"]), _text(r["period"]), _text(r["report"]), _text(r["file"]),
                    int(str(r["targets"]))) for r in rows]


# --------------------------------------------------------------------------- output


def _word(key: str) -> str:
    return _WORDS.pairs[key]


def _status_word(code: str) -> str:
    return _WORDS.pairs.get(f"status_{code}", code)


def _title(pair: Pair) -> str:
    target = f"{pair.target_report} · {Path(pair.target_file).name}"
    review = f"{pair.review_report} · {Path(pair.review_file).name}"
    return _word("pair").format(issuer=pair.issuer or "?", period=pair.period, target=target, review=review)


def _count_line(pair: Pair) -> str:
    return _word("counts").format(**pair.counts())


_COLUMNS = ("measure", "target", "result", "status", "target_sentence", "result_sentence")


def _cells(row: Row) -> list[str]:
    return [row.measure, row.target, row.result, _status_word(row.status), row.target_sentence, row.result_sentence]


def render(pairs: list[Pair], missing: list[Missing], fmt: str, width: int | None = None) -> str:
    """The 成绩单 as ``table``, ``csv``, ``json`` or ``md``."""
    if fmt == "json":
        return _json(pairs, missing)
    if fmt == "csv":
        return _csv(pairs)
    notes = "".join(m.note() + "\n" for m in missing)
    if not pairs:
        return notes or "no target is assessed: build each report with the report that reviews its period\n"
    blocks = [_md(p) if fmt == "md" else _table(p, width) for p in pairs]
    return "\n".join(blocks) + (("\n" + notes) if notes else "")


def _table(pair: Pair, width: int | None) -> str:
    from reportgraph.sparql_output import fit_widths
    from reportgraph.termwidth import display_width, pad, truncate

    header = [_word(f"column_{c}") for c in _COLUMNS]
    body = [_cells(r) for r in pair.rows]
    natural = [max(display_width(c) for c in column) for column in zip(header, *body)]
    gap = "  "
    widths = fit_widths(natural, None if width is None else width - len(gap) * (len(natural) - 1))
    lines = [_title(pair), ""]
    for cells in (header, ["-" * w for w in widths], *body):
        lines.append(gap.join(pad(truncate(c, w), w) for c, w in zip(cells, widths)).rstrip())
    lines += ["", _count_line(pair)]
    return "\n".join(lines) + "\n"


def _md(pair: Pair) -> str:
    escape = str.maketrans({"|": "\\|", "\n": " "})
    header = [_word(f"column_{c}") for c in _COLUMNS]
    lines = [f"### {_title(pair)}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(c.translate(escape) for c in _cells(r)) + " |" for r in pair.rows]
    lines += ["", _count_line(pair)]
    return "\n".join(lines) + "\n"


def _csv(pairs: list[Pair]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["issuer", "period", "target_report", "target_file", "review_report", "review_file",
                     "measure", "target", "result", "status", "rule", "target_sentence", "result_sentence"])
    for p in pairs:
        for r in p.rows:
            writer.writerow([p.issuer, p.period, p.target_report, p.target_file, p.review_report, p.review_file,
                             r.measure, r.target, r.result, r.status, r.rule, r.target_sentence, r.result_sentence])
    return buffer.getvalue()


def _json(pairs: list[Pair], missing: list[Missing]) -> str:
    data = {
        "pairs": [{
            "issuer": p.issuer, "period": p.period,
            "target_report": {"title": p.target_report, "file": p.target_file},
            "review_report": {"title": p.review_report, "file": p.review_file},
            "counts": p.counts(),
            "rows": [vars(r) for r in p.rows],
        } for p in pairs],
        "missing": [vars(m) for m in missing],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
