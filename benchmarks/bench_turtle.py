#!/usr/bin/env python
"""Time our Turtle writer against rdflib's serializer on a built graph, and check it is deterministic.

    python benchmarks/bench_turtle.py                     # ../shared/corpus/*.txt if present, else seeds/
    python benchmarks/bench_turtle.py report1.txt report2.txt --runs 7

Both writers run on the same graph, in-process, best and median of ``--runs``;
the build itself is not timed. The graph is also written twice from two
separate builds to check the bytes are identical.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def timed(fn: Callable[[], bytes], runs: int) -> tuple[float, float, int]:
    """Best and median seconds of ``runs`` calls, and the output size."""
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(fn())
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", help="reports to build (default: the shared corpus, else seeds/)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per writer (default: 5)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO / "src"))
    from reportgraph import pipeline
    from reportgraph.export import to_turtle
    from reportgraph.turtle import write_turtle

    inputs = args.inputs or (sorted(str(p) for p in DEFAULT_CORPUS.glob("*.txt")) or [str(REPO / "seeds")])
    text_bytes = sum(p.stat().st_size for i in inputs for p in ([Path(i)] if Path(i).is_file() else Path(i).rglob("*.txt")))
    graph = pipeline.build(inputs).graph
    to_turtle(graph)  # binds the readable prefixes build uses, so both writers see the same namespaces

    ours = timed(lambda: write_turtle(graph), args.runs)
    theirs = timed(lambda: graph.serialize(format="turtle", encoding="utf-8"), args.runs)
    identical = write_turtle(pipeline.build(inputs).graph) == write_turtle(pipeline.build(inputs).graph)

    print(f"inputs:   {len(inputs)} files, {text_bytes / 1e6:.3f} MB of report text, {len(graph):,} triples")
    print(f"ours:     best {ours[0]:.3f} s, median {ours[1]:.3f} s, {ours[2]:,} bytes")
    print(f"rdflib:   best {theirs[0]:.3f} s, median {theirs[1]:.3f} s, {theirs[2]:,} bytes")
    print(f"speed-up: {theirs[0] / ours[0]:.1f}x (best), {theirs[1] / ours[1]:.1f}x (median)")
    print(f"two builds give identical bytes: {identical}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
