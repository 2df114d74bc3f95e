#!/usr/bin/env python
"""How fast the picture is written and how fast it opens, at the bundled size and at 5,000 nodes.

1. Writing the page: ``viz.read_graph`` + ``select`` + ``render_html`` on a graph
   already in memory -- what ``reportgraph build`` adds after writing graph.ttl
   (median of --runs). Graphs of 5,000 and 20,000 nodes are made by
   ``viz_synthetic`` (real ``rdf.to_graph`` output, the bundled report's shape).
2. Opening the page in headless Chromium (Debian's package, via playwright):
   from navigation until the page says it is drawn and settled (physics polish
   done, or the first frame when physics starts off), median of --runs.

Targets (from the issue): a 5,000-node page is written in under 2 s and opens
and settles in under 10 s.

    python benchmarks/bench_viz.py
    python benchmarks/bench_viz.py --markdown          # the table as Markdown, for the README
    python benchmarks/bench_viz.py --check             # exit 1 when a target is missed
    python benchmarks/bench_viz.py --sizes 5000 20000  # other synthetic sizes
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import viz_browser  # noqa: E402
from viz_synthetic import synthetic_graph  # noqa: E402

WRITE_TARGET_S = 2.0
OPEN_TARGET_S = 10.0
TARGET_NODES = 5000


@dataclass
class Row:
    measure: str
    value: str
    target: str = ""
    ok: bool | None = None

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else ("ok" if self.ok else "MISSED")


def median_time(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bundled_graph() -> Graph:
    from reportgraph import pipeline

    return pipeline.build([REPO / "seeds" / "shajing-2024h1.txt"]).graph


def bench(graphs: list[tuple[str, Graph, bool]], runs: int, browser: bool, tmp: Path) -> list[Row]:
    """Rows for each graph; ``True`` in a graph's tuple means the issue's targets apply to it."""
    from reportgraph import viz

    whole = viz.Selection(max_nodes=None)  # no node budget: measure the size itself
    rows: list[Row] = []
    pages: list[tuple[str, Path, bool]] = []
    for name, graph, big in graphs:
        html, summary = viz.write_page(graph, whole)  # warm-up: imports, templates, vis-network read once
        seconds = median_time(lambda: viz.write_page(graph, whole), runs)
        rows.append(Row(
            f"write page, {name}: {summary.nodes} nodes, {summary.edges} edges, {len(html) / 1e6:.1f} MB"
            f" (median of {runs})",
            f"{seconds:.2f} s", f"< {WRITE_TARGET_S:g} s" if big else "", (seconds < WRITE_TARGET_S) if big else None,
        ))
        path = tmp / f"page-{len(pages)}.html"
        path.write_text(html, encoding="utf-8")
        pages.append((name, path, big))
    if not browser:
        return rows
    missing = viz_browser.unavailable()
    if missing:
        rows.append(Row("open page in Chromium", f"skipped: {missing}"))
        return rows
    with viz_browser.chromium() as chromium:
        for name, path, big in pages:
            walls, settled, first = [], [], []
            for _ in range(runs):
                run = viz_browser.open_page(chromium, path, timeout_s=120)
                if run.errors or run.leaving():
                    raise SystemExit(f"{path}: {run.errors or run.leaving()}")
                walls.append(run.seconds)
                timings = run.js("() => reportgraph.timings")
                settled.append(timings["settled"] / 1000)
                first.append(timings["firstDraw"] / 1000)
                physics = run.js("() => reportgraph.side.physics")
                run.page.context.close()
            wall = statistics.median(walls)
            rows.append(Row(
                f"open and settle, {name} (physics {'polish' if physics else 'off'}; first frame "
                f"{statistics.median(first):.1f} s, settled {statistics.median(settled):.1f} s after navigation)",
                f"{wall:.1f} s", f"< {OPEN_TARGET_S:g} s" if big else "", (wall < OPEN_TARGET_S) if big else None,
            ))
    return rows


def render(rows: list[Row], markdown: bool) -> str:
    header = ("measure", "value", "target", "")
    table = [header] + [(r.measure, r.value, r.target, r.verdict) for r in rows]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|---|---:|---|---|"]
        lines += ["| " + " | ".join(cells) + " |" for cells in table[1:]]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in table)


def environment() -> str:
    browser = ""
    if not viz_browser.unavailable():
        import subprocess

        out = subprocess.run([viz_browser.CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
        browser = f", {out}" if out else ""
    return f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs{browser}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[TARGET_NODES, 20000], metavar="N",
                        help="synthetic graph sizes in nodes (default: 5000 20000)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions; the median is reported (default: 3)")
    parser.add_argument("--no-browser", action="store_true", help="measure writing only")
    parser.add_argument("--markdown", nargs="?", const="-", metavar="FILE",
                        help="print the table as Markdown, or write it to FILE")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    graphs = [("bundled report", bundled_graph(), False)]
    for size in args.sizes:
        graphs.append((f"synthetic ({size:,} asked)", synthetic_graph(size), size == TARGET_NODES))
    with tempfile.TemporaryDirectory() as tmp:
        rows = bench(graphs, args.runs, not args.no_browser, Path(tmp))

    text = render(rows, markdown=args.markdown is not None)
    if args.markdown not in (None, "-"):
        Path(args.markdown).write_text(f"{text}\n\n{environment()}\n", encoding="utf-8")
    print(text)
    print(f"\n{environment()}")
    return 1 if args.check and any(r.ok is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
