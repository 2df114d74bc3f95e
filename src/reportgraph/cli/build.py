"""``reportgraph build``: read reports, write ``graph.ttl`` and its picture ``graph.html``, say what went in."""
from __future__ import annotations

import argparse
import dataclasses
import io
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reportgraph import limits, vocab
from reportgraph.cli import common
from reportgraph.cli.catalog import SUMMARIES
from reportgraph.cli.common import DEFAULT_INPUT, DEFAULT_OUT, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, GRAPH_FILE, PAGE_FILE
from reportgraph.errors import ReportError
from reportgraph.gcpause import gc_paused
from reportgraph.text import LIST_SEPARATOR

#: Spelled here as in reportgraph.cache, reportgraph.workers and reportgraph.stream, which --help must not import.
CACHE_DIR = ".cache"
EXECUTORS = ("local", "dask")
SHARDS_DIR = "shards"

if TYPE_CHECKING:
    from reportgraph.cache import KeptPage
    from reportgraph.cli.outdir import OutputFolder
    from reportgraph.cli.viz import BuildPage
    from reportgraph.lexicon import Lexicon
    from reportgraph.link import Identities, Measures
    from reportgraph.metadata import Metadata
    from reportgraph.model import LinkedReport
    from reportgraph.pipeline import BuildResult, Inputs
    from reportgraph.stream import WrittenGraph
    from reportgraph.viz import VizGraph

#: The ``--out`` that writes the Turtle to standard output instead of a folder.
STDOUT = "-"

#: How many work-area labels, of how many characters, the summary shows per report.
_MAX_LABELS = 6
_MAX_LABEL_CHARS = 10
_MAX_REPORT_LINES = 10

_EPILOG = """\
Reports are text or Markdown files (UTF-8, UTF-16, GB18030/GBK or Big5),
web pages saved from a government site (.html or .mht: the article is found,
the page around it dropped), Word .docx files and PDFs with a text layer; the
format and encoding are detected from the content. Folders are searched
recursively; hidden files, sidecar files and README files are skipped. The
order of the inputs never changes the graph.

Report metadata (title, issuer, date, periods, level, region) is read from
the text. A sidecar file next to a report, NAME.meta.json or NAME.meta.yaml,
overrides it, e.g. {{"issuer": "{issuer}", "date": "2024-07-15",
"level": "subdistrict"}}; the report metadata options override both.

examples:
  reportgraph build
      build seeds/ into output/graph.ttl
  reportgraph build reports/2024/ 'archive/**/*.txt' --out out/
      build every report under reports/2024/ and the matching archive files
  reportgraph build report.txt --lexicon my-names.tsv --strict
      build one report with extra names; stop at the first failure
  reportgraph build baogao.pdf --issuer {issuer} --period {period}
      build a PDF whose text does not say who issued it or for when
  reportgraph build reports/ --out - | gzip > graph.ttl.gz
      the Turtle to standard output (no picture), the summary to stderr
  reportgraph build reports/ --merges merges.csv --identities identities.txt
      build many reports, write every merge to review, apply your own same/different lines

Names that depend on where they are said (a body named by its level, a
community, a road) are known within the report's region, national and unique
names everywhere. An identity file has one rule per line: 'same NAME_A NAME_B'
joins two nodes ({same}), 'different NAME_A NAME_B' keeps apart what a rule
would join; a name may end in @REGION to say which one is meant ({region_name}).
A bad line is an error naming the file and the line.

A lexicon file has one name per line: NAME<TAB>TYPE[<TAB>ALIAS|ALIAS...],
TYPE one of: {types}.

The output folder: graph.ttl and graph.html are written to hidden temporary
files beside them and replace the old pair together at the end, so a build
that fails or is killed leaves the previous graph and picture as they were
(temporary files a killed build left are removed by a later build). One build
at a time writes into a folder: .graph.lock in it is locked while one runs,
and a second waits for it (or with --no-wait stops).

Each input's extraction is cached under --out (.cache/), keyed by its content,
the tool's version, the lexicon, the identity file and the measures: a rebuild
extracts only the reports that changed. --jobs N extracts in N processes
(default: every core); the graph is the same byte for byte. --executor dask --scheduler tcp://HOST:8786 extracts on
a Dask cluster (inputs at the same path on every worker) and also writes one
N-Quads file per report into --out/shards/ for a triple store's bulk loader.

exit codes: 0 all built; 1 some inputs failed (the others were still
written), or --strict stopped at a failure; 2 usage error, nothing could be
built, --out is not a folder, or --no-wait and another build was writing into
it; 130 interrupted.
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``build`` and its options."""
    example = common.example
    parser = commands.add_parser(
        "build",
        help=SUMMARIES["build"],
        description="Read Chinese government work reports and write one RDF knowledge graph\n"
        "(Turtle) with their sections, sentences, entities, indicators and problems.",
        epilog=_EPILOG.format(issuer=example("issuer"), period=example("period"), types=", ".join(vocab.ENTITY_TYPES),
                              same=example("identity_same"), region_name=example("identity_region")),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "inputs", nargs="*", metavar="INPUT",
        help=f"report files, folders (searched recursively) or glob patterns (default: {DEFAULT_INPUT})",
    )
    parser.add_argument(
        "--out", metavar="DIR", default=DEFAULT_OUT,
        help=f"folder to write {GRAPH_FILE} and {PAGE_FILE} (its picture, see: reportgraph viz) into; "
        f"created if missing (default: {DEFAULT_OUT}). Both files are replaced together when the build is done: "
        "an interrupted or failed build leaves the previous pair. A link, pipe or device is refused. "
        f"--out {STDOUT} writes the Turtle to standard output instead, with no picture (the summary goes to "
        "standard error)",
    )
    parser.add_argument(
        "--wait", action=argparse.BooleanOptionalAction, default=True,
        help="when another build is writing into the same --out folder: wait for it to finish, saying so "
        "(default), or with --no-wait stop at once (exit 2)",
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
        "-q", "--quiet", action="store_true",
        help="print nothing but errors: no progress line, no warnings, no summary (with --json, the JSON still)",
    )
    parser.add_argument(
        "--json", action="store_true",
        help="print the summary as one JSON object on standard output, for scripts and CI; "
        "errors, warnings and progress stay on standard error",
    )
    parser.add_argument(
        "--follow-links", action="store_true",
        help="in a folder, follow links that lead out of it (by default they are skipped, with a warning)",
    )
    parser.add_argument(
        "--debug", action="store_true",
        help="after an internal error, print its traceback (to include when you report it)",
    )
    bounds = parser.add_argument_group(
        "limits",
        "Bounds on the work one input may cost, so that a hostile or broken file cannot run away; "
        "an input over one is named with the bound it crossed. Raise one for a file that really needs it.",
    )
    for field, option in limits.OPTIONS.items():
        unit, scale = _LIMIT_UNITS.get(field, ("", 1))
        default = getattr(limits.DEFAULT, field) / scale
        bounds.add_argument(option, metavar=_LIMIT_METAVARS.get(field, "N"), type=float if field == "pdf_seconds" else int,
                            dest=f"limit_{field}", help=f"{_LIMIT_HELP[field]} (default: {default:,.0f}{unit})")
    identity = parser.add_argument_group(
        "identity across reports",
        "The same thing is one node in every report, different things stay apart; every merge says why.",
    )
    identity.add_argument(
        "--identities", metavar="FILE",
        help="your own identity rules, applied at every build you give them to: one 'same NAME_A NAME_B' or "
        f"'different NAME_A NAME_B' per line, a name may end in @REGION ({example('identity_region')}); "
        "# starts a comment",
    )
    identity.add_argument(
        "--merges", metavar="FILE",
        help="also write every merge (node, name, rule, reports, why) as a table to review: "
        "FILE.csv, FILE.md, or tab-separated for any other name",
    )
    identity.add_argument(
        "--measures", metavar="FILE",
        help="more metric concepts, added to the packaged scheme: one MEASURE<TAB>BETTER<TAB>SYNONYM|SYNONYM... "
        "per line, BETTER one of higher, lower, closer",
    )
    scale = parser.add_argument_group("many reports", "Where the work runs, and what is kept between builds.")
    scale.add_argument(
        "--jobs", "-j", metavar="N", type=common.whole_number(1), default=None,
        help="worker processes that read, extract and link each report (default: the machine's cores; "
        "1: no workers)",
    )
    scale.add_argument(
        "--cache", metavar="DIR",
        help=f"keep each report's extraction here, keyed by its content and everything else it depends on, "
        f"and reuse it (default: OUT/{CACHE_DIR}/); safe to share between builds",
    )
    scale.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    scale.add_argument(
        "--executor", choices=EXECUTORS, default="local",
        help="local: this machine (default); dask: the Dask cluster at --scheduler",
    )
    scale.add_argument("--scheduler", metavar="ADDRESS",
                       help="the Dask scheduler's address for --executor dask, e.g. tcp://10.0.0.5:8786")
    scale.add_argument(
        "--shards", action="store_true",
        help="also write one N-Quads file per report (its named graph) and shared.nq into OUT/shards/ "
        "(on with --executor dask)",
    )
    stated = parser.add_argument_group(
        "report metadata",
        "State what a report's text does not say, or says wrongly; applied to every input. "
        "Order of precedence: the text < a sidecar file NAME.meta.json/.yaml next to the report < these options.",
    )
    stated.add_argument("--title", metavar="TEXT", help="the report's title")
    stated.add_argument("--issuer", metavar="NAME", help=f"the body that issued it, e.g. {example('issuer')} "
                        "(also gives the region chain and level unless they are stated)")
    stated.add_argument("--date", metavar="DATE", help=f"publication date: 2024-08-19 or {example('date')}")
    stated.add_argument("--period", metavar="PERIOD", help=f"the period its summary covers: {example('period')}, "
                        f"or {example('period_last_year')} for a {example('government_report')} given in 2024")
    stated.add_argument("--plan-period", metavar="PERIOD",
                        help=f"the period its plan covers: {example('plan_periods')}")
    stated.add_argument("--level", metavar="LEVEL", help="level of government: subdistrict, town, county, "
                        f"district, city or province (or {example('level_words')})")
    stated.add_argument("--region", metavar="PLACES", help="the region chain, broadest first, separated by / : "
                        f"{example('region')}")
    parser.set_defaults(func=run)


#: Units in which the limit options are given, and their scale to the Limits field.
_LIMIT_UNITS: dict[str, tuple[str, int]] = {
    "file_bytes": (" MB", limits.MB), "expanded_bytes": (" MB", limits.MB), "pdf_seconds": (" s", 1),
}
_LIMIT_METAVARS: dict[str, str] = {"file_bytes": "MB", "expanded_bytes": "MB", "pdf_seconds": "SECONDS"}
_LIMIT_HELP: dict[str, str] = {
    "file_bytes": "largest input file, in MB",
    "expanded_bytes": "most a .docx or a PDF's streams may unpack to, in MB",
    "pdf_pages": "most pages of a PDF",
    "pdf_seconds": "longest time reading one PDF, in seconds",
    "chars": "most characters of one report's text",
    "line_chars": "most characters of one paragraph",
    "figures": "most figures (stated quantities) found in one report",
}


def stated_limits(args: argparse.Namespace) -> limits.Limits:
    """The bounds the options raise or lower, the defaults elsewhere."""
    given = {}
    for field in limits.OPTIONS:
        value = getattr(args, f"limit_{field}", None)
        if value is not None:
            if value <= 0:
                raise ReportError(limits.OPTIONS[field], "must be a positive number")
            given[field] = type(getattr(limits.DEFAULT, field))(value * _LIMIT_UNITS.get(field, ("", 1))[1])
    return dataclasses.replace(limits.DEFAULT, **given)


def run(args: argparse.Namespace) -> int:
    """Build the inputs, write the graph and its page, print the summary."""
    from reportgraph import metadata, pipeline  # the extractors: loaded only when building
    from reportgraph.cli import outdir
    from reportgraph.lexicon import Lexicon
    from reportgraph.link import Identities, Measures

    if args.executor == "dask" and not args.scheduler:
        common.error("--executor dask needs --scheduler ADDRESS (the Dask scheduler, e.g. tcp://HOST:8786)")
        return EXIT_USAGE
    if args.scheduler and args.executor != "dask":
        common.error("--scheduler is for --executor dask")
        return EXIT_USAGE

    inputs = args.inputs or [DEFAULT_INPUT]
    if not args.inputs and not Path(DEFAULT_INPUT).exists():
        common.error(f"no INPUT given, and no {DEFAULT_INPUT} folder here to build by default: name the reports "
                     f"to build (reportgraph build REPORT.txt, FOLDER/ or 'reports/**/*.pdf'), "
                     f"or run it in the reportgraph checkout to build its bundled report")
        return EXIT_USAGE
    lexicon = Lexicon.load(args.lexicon)
    identities = Identities.load(args.identities) if args.identities else None
    measures = Measures.load(args.measures)
    stated = metadata.from_options({name: getattr(args, name) for name in metadata.OPTIONS})
    bounds = stated_limits(args)
    # inputs are found first (once) so that a missing path is a usage error (2), not a failed report
    plan = _Plan(pipeline.Inputs.find(inputs, follow_links=args.follow_links), lexicon, stated, bounds,
                 identities, measures)
    # the cyclic collector stays paused from the build to the page: the build's steps each pause it, and what
    # they make (the reports, the shared nodes, the picture) lives until the command ends and holds no garbage
    # cycles, so each time it was let run between them it walked everything made so far, collecting nothing
    with gc_paused():
        if args.out == STDOUT:
            return _build(args, plan, None)
        # the folder is checked and locked before the work: a wrong --out, or another build into it, costs no work
        with outdir.claim(Path(args.out), wait=args.wait, notify=None if args.quiet else common.note) as output:
            return _build(args, plan, output)


@dataclasses.dataclass(frozen=True)
class _Plan:
    """What a build was asked to do, checked before any work: the files its inputs name, the lexicon,
    the stated metadata, the limits, the identity file and the measures."""

    inputs: Inputs
    lexicon: Lexicon
    stated: Metadata
    bounds: limits.Limits
    identities: Identities | None
    measures: Measures


def _write_page(written: WrittenGraph, staged: BinaryIO, path: Path) -> BuildPage:
    """The build's page into ``staged``: the last build's where it was drawn from the same triples, or the one drawn
    while graph.ttl was merged, else drawn now (and kept for the next build, where there is a cache)."""
    from reportgraph.cli.viz import BuildPage, write_build_page

    page = written.kept_page or written.page
    if page is None:
        assert written.picture is not None, "the plan draws a picture when there is an output folder"
        if written.keep_page is None:
            return write_build_page(written.picture, staged, path)
        page = _drawn_page(written.picture)
    if page is not written.kept_page and written.keep_page is not None:
        written.keep_page(page)
    staged.write(page.html)
    return BuildPage(path, page.drawn, page.total)


def _drawn_page(picture: VizGraph) -> KeptPage:
    """The build's page drawn from its picture, as bytes: to keep, or drawn in a forked process while the build
    merges graph.ttl (:attr:`reportgraph.stream.Plan.page`)."""
    from reportgraph.cache import KeptPage
    from reportgraph.cli.viz import write_build_page

    buffer = io.BytesIO()
    page = write_build_page(picture, buffer, Path(PAGE_FILE))
    return KeptPage(buffer.getvalue(), page.drawn, page.total)


def _build(args: argparse.Namespace, plan: _Plan, output: OutputFolder | None) -> int:
    """The build itself, then its graph and page written into ``output`` together (or the graph to stdout),
    and the merge table if asked for."""
    from reportgraph import pipeline, stream, workers

    output_shards = output.folder / SHARDS_DIR if output is not None else None
    # each report's Turtle, picture and shard are made with its triples, once, in the build's workers
    graph_plan = stream.Plan(draw=output is not None, spool=output.folder if output is not None else None,
                             shards=output_shards if args.shards or args.executor == "dask" else None,
                             page=_drawn_page)
    progress = None
    if not args.quiet and sys.stderr.isatty():
        progress = common.progress_printer(sys.stderr)
    try:
        try:
            result = pipeline.build(
                plan.inputs, lexicon=plan.lexicon, strict=args.strict, progress=progress, metadata=plan.stated,
                limits=plan.bounds, follow_links=args.follow_links, identities=plan.identities,
                measures=plan.measures, jobs=args.jobs or workers.default_jobs(), executor=args.executor,
                scheduler=args.scheduler, cache=_cache_folder(args, output), graph=graph_plan,
            )
        finally:
            if progress is not None:
                common.clear_progress(sys.stderr, len(plan.inputs.paths))
    except ReportError as err:  # --strict's first failure; else a graph no report could be left out of to make
        _report_failure(err, args.debug)
        return EXIT_FAILURE if args.strict else EXIT_USAGE
    if not args.quiet:
        for warning in result.warnings:
            common.warning(warning)
    for failure in result.errors:
        _report_failure(failure, args.debug)
    if not result.reports:
        common.error("nothing was built: no input could be read")
        return EXIT_USAGE
    code = EXIT_FAILURE if result.errors else EXIT_OK
    summary_to = sys.stdout
    page: BuildPage | None = None
    written = None
    # the summary is of the reports before they are let go of (--quiet and --json print none)
    text = summarize(result.reports, "standard output" if output is None else str(output.folder / GRAPH_FILE)) \
        if not args.quiet and not args.json else ""
    # the merge table is made before the reports are let go of, and written after the output commit
    merge_table = _merge_table(args.merges, result.reports) if args.merges else None
    # each report is let go of once written, so what it held serves the picture and the shared nodes
    # (--json lists every report after the page is drawn, so it keeps them)
    release = not args.json
    if output is None:  # --out -: the Turtle is the output; no picture, and the summary goes to stderr
        import tempfile

        with tempfile.TemporaryFile() as turtle:  # written whole before any is printed, but never held in memory
            pipeline.write(result, turtle, release=release)
            turtle.seek(0)
            common.copy_to_stdout(turtle)
        target, summary_to = "standard output", sys.stderr
    else:
        target = str(output.folder / GRAPH_FILE)
        with output.file(GRAPH_FILE) as staged:
            written = pipeline.write(result, staged, release=release)
        with output.file(PAGE_FILE) as staged:
            page = _write_page(written, staged, output.folder / PAGE_FILE)
        output.commit()  # the new graph and picture replace the old pair together
    merges = _write_merges(args.merges, merge_table) if merge_table is not None else None
    if args.json:  # with --out -, standard output holds the graph: the JSON goes where the summary would
        merged = {"merges": {"file": args.merges, "rows": merges} if merges is not None else None}
        print(json.dumps(summary(result, target, page) | merged | {"exit_code": code}, ensure_ascii=False, indent=2),
              file=summary_to, flush=True)
    elif not args.quiet:
        print(text, file=summary_to)
        picture = f"{page.path} ({page.describe()})" if page else "none (--out - writes the graph only)"
        print(f"picture:     {picture}", file=summary_to)
        if merges is not None:
            print(f"merges:      {args.merges} ({merges} names of merged nodes)", file=summary_to)
        if written is not None and written.shards:
            print(f"shards:      {len(written.shards)} N-Quads files in {output_shards}", file=summary_to)
        if result.errors:
            print(f"failed:      {len(result.errors)} (see the errors above)", file=summary_to)
        if result.duplicates:
            print(f"duplicates:  {len(result.duplicates)} (the same text as another input: built once, as that one)",
                  file=summary_to)
            for path, same in result.duplicates[:_MAX_REPORT_LINES]:
                print(f"  {path} = {same}", file=summary_to)
    return code


def _cache_folder(args: argparse.Namespace, output: OutputFolder | None) -> Path | None:
    """--cache DIR, else OUT/.cache/ (none with --no-cache, or --out - and no --cache)."""
    if args.no_cache:
        return None
    if args.cache:
        return Path(args.cache)
    return output.folder / CACHE_DIR if output is not None else None


def _report_failure(failure: ReportError, debug: bool) -> None:
    """The one-line error; with --debug, the traceback an internal error kept, after it."""
    common.error(failure)
    if debug and failure.details:
        sys.stderr.write(failure.details if failure.details.endswith("\n") else failure.details + "\n")


def _merge_table(path: str, reports: Sequence[LinkedReport]) -> tuple[bytes, int]:
    """The merge table (``build --merges``) in the form ``path`` names, and the number of its rows."""
    from reportgraph.link.merges import format_of, merge_rows, table_text

    rows = merge_rows(reports)
    return table_text(rows, format_of(path)).encode("utf-8"), len(rows)


def _write_merges(path: str, table: tuple[bytes, int]) -> int:
    """Write the merge table; the number of its rows."""
    data, rows = table
    common.write_atomically(Path(path), data)
    return rows


def _abbreviate(labels: Sequence[str]) -> str:
    shown = [lab if len(lab) <= _MAX_LABEL_CHARS else lab[: _MAX_LABEL_CHARS - 1] + "…" for lab in labels[:_MAX_LABELS]]
    more = len(labels) - len(shown)
    return LIST_SEPARATOR.join(shown) + (f" … (+{more})" if more > 0 else "")


@dataclasses.dataclass
class _Counts:
    """What the summary says, counted once for the text and the JSON forms."""

    reports: Sequence[LinkedReport]
    by_type: Counter[str]
    entities: int
    kinds: Counter[str]
    every_area: int
    numbered: list[list[str]]
    problems: int

    @classmethod
    def of(cls, reports: Sequence[LinkedReport]) -> _Counts:
        """Counted in one pass: a build's reports are read back from its spool, one at a time."""
        entity_types: dict[str, str] = {}
        kinds: Counter[str] = Counter()
        every_area = problems = 0
        numbered: list[list[str]] = []
        for linked in reports:
            for entity in linked.entities:
                entity_types.setdefault(entity.key, entity.type)
            kinds.update(ind.kind for ind in linked.indicators)
            every_area += len(linked.report.sections)
            numbered.append([sec.label or sec.heading for sec in linked.report.sections if sec.number is not None])
            problems += len(linked.problems)
        return cls(reports=reports, by_type=Counter(entity_types.values()), entities=len(entity_types), kinds=kinds,
                   every_area=every_area, numbered=numbered, problems=problems)

    @property
    def numbered_total(self) -> int:
        return sum(len(labels) for labels in self.numbered)


def summarize(reports: Sequence[LinkedReport], written: Path | str | None = None) -> str:
    """The few lines a user reads after a build: what went into the graph."""
    counts = _Counts.of(reports)
    lines = [f"reports:     {len(reports)}"]
    lines.append(
        f"entities:    {counts.entities}  ("
        + ", ".join(f"{t} {counts.by_type.get(t, 0)}" for t in vocab.ENTITY_TYPES)
        + ")"
    )
    lines.append(
        f"indicators:  {sum(counts.kinds.values())}  (achievement {counts.kinds.get('achievement', 0)}, "
        f"target {counts.kinds.get('target', 0)})"
    )
    # a part's unnumbered opening (上半年工作总结, 前言) is a work area too, but not a section heading
    lines.append(f"work areas:  {counts.every_area}  ({counts.numbered_total} numbered sections, "
                 f"{counts.every_area - counts.numbered_total} part openings)")
    for linked, labels in zip(reports[:_MAX_REPORT_LINES], counts.numbered):  # a build's reports are read back
        lines.append(f"  {_shown_name(linked)}: {_abbreviate(labels) if labels else '-'}")
    if len(reports) > _MAX_REPORT_LINES:
        lines.append(f"  … and {len(reports) - _MAX_REPORT_LINES} more reports")
    lines.append(f"problems:    {counts.problems}")
    if written is not None:
        lines.append(f"written:     {written}")
    return "\n".join(lines)


def _shown_name(linked: LinkedReport) -> str:
    report = linked.report
    return report.display_path or Path(report.path).name or report.path


def summary(result: BuildResult, written: Path | str, page: BuildPage | None) -> dict[str, object]:
    """The summary as one JSON object (``build --json``): every figure of the text, and every report in full."""
    counts = _Counts.of(result.reports)
    return {
        "reports": len(result.reports),
        "entities": {"total": counts.entities, **{t: counts.by_type.get(t, 0) for t in vocab.ENTITY_TYPES}},
        "indicators": {"total": sum(counts.kinds.values()),
                       **{kind: counts.kinds.get(kind, 0) for kind in vocab.INDICATOR_CLASSES}},
        "work_areas": {"total": counts.every_area, "numbered_sections": counts.numbered_total,
                       "part_openings": counts.every_area - counts.numbered_total},
        "problems": counts.problems,
        "files": [
            {"file": linked.report.path, "source_file": _shown_name(linked), "title": linked.report.title,
             "numbered_sections": labels}
            for linked, labels in zip(result.reports, counts.numbered)
        ],
        "written": str(written),
        "picture": {"file": str(page.path), "nodes": page.drawn, "graph_nodes": page.total} if page else None,
        "failed": [{"file": err.path, "problem": err.problem} for err in result.errors],
        "warnings": [{"file": warning.path, "problem": warning.problem} for warning in result.warnings],
        "duplicates": [{"file": path, "same_text_as": same} for path, same in result.duplicates],
    }
