"""``reportgraph evaluate``: measure the extraction against reports annotated by hand."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reportgraph import graphfile, vocab
from reportgraph.cli import common
from reportgraph.cli.catalog import SUMMARIES
from reportgraph.cli.common import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from reportgraph.datafiles import datafile

if TYPE_CHECKING:
    from reportgraph.evaluate import Score, SetScore

#: The unit prefixes the scorer expands, for the help text.
_MULTIPLIERS = datafile("evaluate/unit_multipliers.tsv")
#: The gold area of a part's opening, for the help text.
_OVERALL = datafile("evaluate/overall_area.txt")

_DESCRIPTION = """\
Score the extraction against gold annotations: precision, recall and F1 for
each entity type, the entity macro-F1 over the headline types (Community,
Company, Project, Program), indicator precision, recall and F1 with the share
of matched indicators in the right work area and with the exact metric, and
how many of the annotated work areas and problems were found.

Give a graph and its gold file (one report), or a set folder: gold/NAME.json
files with the reports they annotate as corpus/NAME.txt. Each report of a set
is built alone, as `reportgraph build` builds it, and the counts are summed
over the set."""

_EPILOG = """\
A gold file is one JSON object per report:
  {"entities": [{"type": "Community", "names": ["NAME", "ALIAS"], "optional": false}, ...],
   "indicators": [{"kind": "achievement", "metric": "METRIC", "value": 11.2, "unit": "%",
                   "area": "AREA"}, ...],
   "areas": {"summary": ["AREA", ...], "plan": ["AREA", ...]}, "problems": ["PROBLEM", ...]}
An entity may carry "alt_types"; "optional": true marks an item that is neither
rewarded when found nor punished when missed; the area of a figure stated in a
part's opening, before its first numbered heading, is "{overall}".
Entity types: {types}.

Names match after whitespace and quotation marks are removed; a name that
contains a gold name, or is contained in one, at half its length or more
counts too (strict F1: exact names only). Indicators match on kind and
quantity (the unit's number prefixes {prefixes} expanded) with a metric that
shares at least half its characters with the gold one.
A report's macro-F1 averages the headline types in its gold or output; a
set's averages all four over the summed counts.

examples:
  reportgraph evaluate my-set/
      build and score every report of my-set/ (gold/NAME.json, corpus/NAME.txt)
  reportgraph evaluate my-set/ --verbose --show 20
      a line per report, and up to 20 misses of each kind
  reportgraph evaluate output/graph.ttl --gold gold/report.json
      score a graph already built from one report
  reportgraph evaluate my-set/ --lexicon my-names.tsv --json > scores.json

exit codes: 0 scored; 1 some reports of the set could not be built (the others
are scored); 2 usage error, a missing or broken graph or gold file.
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``evaluate`` and its options."""
    parser = commands.add_parser(
        "evaluate",
        help=SUMMARIES["evaluate"],
        description=_DESCRIPTION,
        epilog=_EPILOG.replace("{types}", ", ".join(vocab.ENTITY_TYPES)).replace(
            "{prefixes}", " ".join(row[0] for row in _MULTIPLIERS.rows)).replace("{overall}", _OVERALL.lines[0]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "source", metavar="GRAPH|SET",
        help=f"a graph file ({graphfile.FORMAT_NAMES}) or the folder build --out wrote, with --gold; "
        "or a set folder with gold/ and corpus/",
    )
    parser.add_argument("--gold", metavar="FILE", help="the gold file of the report GRAPH was built from")
    parser.add_argument(
        "--lexicon", metavar="FILE",
        help="your own gazetteer of names, as for build (set folders only: the graph is built here)",
    )
    parser.add_argument(
        "--show", metavar="N", type=common.whole_number(0), default=0,
        help="list up to N misses of each kind: missed and spurious entities and indicators (default: none)",
    )
    parser.add_argument("--verbose", action="store_true", help="a line per report of a set")
    parser.add_argument("--json", action="store_true", help="print one JSON object, for scripts")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Score a graph against its gold file, or build and score a whole set."""
    from reportgraph import evaluate

    source = Path(args.source)
    if args.gold is None:
        if not source.exists():
            common.error(f"{source}: no such file or folder")
            return EXIT_USAGE
        if not (source / "gold").is_dir():
            common.error(f"{source}: is not a set folder (gold/NAME.json beside corpus/NAME.txt); "
                         "to score a graph, give its gold file with --gold FILE")
            return EXIT_USAGE
        members = evaluate.set_members(source)
        if args.lexicon:
            from reportgraph.lexicon import Lexicon

            lexicon = Lexicon.load(args.lexicon)
        else:
            lexicon = None
        progress = common.progress_printer(sys.stderr) if sys.stderr.isatty() and not args.json else None
        try:
            result = evaluate.score_set(source, lexicon=lexicon, progress=progress)
        finally:
            if progress is not None:
                common.clear_progress(sys.stderr, len(members))
        for failure in result.failed:
            common.error(failure)
        for name in result.skipped:
            common.warning(f"{source / 'gold' / name}.json: no report text corpus/{name}.txt beside it; not scored")
        common.write_stdout(_set_json(result) if args.json else _set_text(result, args.show, args.verbose))
        return EXIT_FAILURE if result.failed else EXIT_OK
    if args.lexicon:
        common.error("--lexicon is for set folders, where evaluate builds the graph; GRAPH is built already")
        return EXIT_USAGE
    gold = evaluate.load_gold(args.gold)
    graph = graphfile.read_graph(source)
    score = evaluate.score_graph(graph, gold)
    if args.json:
        common.write_stdout(json.dumps(score.as_dict(), ensure_ascii=False) + "\n")
    else:
        common.write_stdout(_table(score) + _misses(score, args.show) + _headline(source.name, score) + "\n")
    return EXIT_OK


def _table(score: Score) -> str:
    """Per-type counts and figures, then the indicators' line."""
    lines = [f"{'type':16} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6} {'strict F1':>10}"]
    for t in vocab.ENTITY_TYPES:
        c = score.entities[t]
        p, r, f1 = c.prf()
        strict = score.entities_strict[t].prf()[2]
        lines.append(f"{t:16} {c.tp:4} {c.fp:4} {c.fn:4} {p:6.3f} {r:6.3f} {f1:6.3f} {strict:10.3f}")
    ind = score.indicators
    p, r, f1 = ind.prf()
    lines.append(f"{'Indicator':16} {ind.tp:4} {ind.fp:4} {ind.fn:4} {p:6.3f} {r:6.3f} {f1:6.3f}")
    return "\n".join(lines) + "\n"


def _misses(score: Score, show: int) -> str:
    if not show:
        return ""
    out = []
    for title, items in (("missed entities", score.missed_entities), ("spurious entities", score.spurious_entities),
                         ("missed indicators", score.missed_indicators),
                         ("spurious indicators", score.spurious_indicators)):
        more = f" (first {show})" if len(items) > show else ""
        out.append(f"{title}: {len(items)}{more}")
        out.extend(f"  {item}" for item in items[:show])
    return "\n".join(out) + "\n"


def _headline(name: str, score: Score, failed: int | None = None) -> str:
    ind = score.indicators
    line = (f"{name}: entity macro-F1 {score.macro_f1():.3f} (strict {score.macro_f1(strict=True):.3f}) · "
            f"indicator F1 {ind.prf()[2]:.3f} (area {ind.area_accuracy:.3f}, metric exact {ind.metric_exact_rate:.3f}) · "
            f"areas {score.areas_found}/{score.areas_wanted} · problems {score.problems_found}/{score.problems_wanted}")
    return line + (f" · failed {failed}" if failed is not None else "")


def _set_text(result: SetScore, show: int, verbose: bool) -> str:
    out = ""
    if verbose:
        for name, score in result.reports:
            out += (f"{name}: entity macro-F1 {score.macro_f1():.3f} indicator F1 {score.indicators.prf()[2]:.3f} "
                    f"area {score.indicators.area_accuracy:.3f}\n")
    return out + _table(result.total) + _misses(result.total, show) + _headline(result.name, result.total, len(result.failed)) + "\n"


def _set_json(result: SetScore) -> str:
    doc = {
        "set": result.name,
        **result.total.as_dict(),
        "reports": {name: score.as_dict() for name, score in result.reports},
        "failed": [str(err) for err in result.failed],
        "skipped": result.skipped,
    }
    return json.dumps(doc, ensure_ascii=False) + "\n"
