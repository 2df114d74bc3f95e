#!/usr/bin/env python
"""How fast and how big a build is, measured the way users run it.

1. The bundled report end to end: ``python -m reportgraph build seeds/ --out TMP``
   as a child process, so interpreter start-up and imports count (median of 5).
2. Throughput on long reports, in MB of report file per second: ``pipeline.build()``
   in-process after a warm-up, so start-up does not count; one core.
3. Peak memory (max RSS) of the child processes that build (1) and (2).

Targets: the bundled build under 2 s; throughput at least 0.5 MB/s.

    python benchmarks/bench_build.py                    # corpus: ../shared/corpus/*.txt if present
    python benchmarks/bench_build.py long1.txt long2.txt
    python benchmarks/bench_build.py --markdown         # the table as Markdown, for the README
    python benchmarks/bench_build.py --check            # exit 1 when a target is missed
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = "seeds/"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
BUNDLED_TARGET_S = 2.0
THROUGHPUT_TARGET_MBS = 0.5
MB = 1_000_000


@dataclass
class Row:
    measure: str
    value: str
    target: str = ""
    ok: bool | None = None

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else ("ok" if self.ok else "MISSED")


def run_child(cmd: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (bytes) of one child process; raises if it fails.

    ``os.wait4`` gives the rusage of exactly this child, unlike
    ``RUSAGE_CHILDREN``, which is the maximum over every child so far.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode(errors='replace')}")
    # Linux reports kilobytes, macOS bytes
    rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return seconds, rss


def build_cmd(inputs: list[str], out: str) -> list[str]:
    return [sys.executable, "-m", "reportgraph", "build", *inputs, "--out", out]


def bench_bundled(runs: int) -> tuple[list[Row], int]:
    with tempfile.TemporaryDirectory() as tmp:
        results = [run_child(build_cmd([SEEDS], tmp)) for _ in range(runs)]
    median = statistics.median(t for t, _ in results)
    rss = max(r for _, r in results)
    row = Row(
        f"build {SEEDS} (subprocess, start-up included, median of {runs})",
        f"{median:.2f} s", f"< {BUNDLED_TARGET_S:g} s", median < BUNDLED_TARGET_S,
    )
    return [row], rss


def _pin_to_one_core() -> None:
    """Measure one core even on machines where a library might spread work out."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def bench_throughput(files: list[Path], runs: int) -> list[Row]:
    from reportgraph import pipeline
    from reportgraph.lexicon import Lexicon

    _pin_to_one_core()
    lexicon = Lexicon.load()
    pipeline.build(files, lexicon=lexicon)  # warm-up: imports, caches, compiled patterns
    rows: list[Row] = []
    total_bytes = 0
    total_seconds = 0.0
    for path in files:
        size = path.stat().st_size
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            result = pipeline.build([path], lexicon=lexicon)
            times.append(time.perf_counter() - start)
        if result.errors:
            raise SystemExit(f"{result.errors[0]}")
        seconds = statistics.median(times)
        total_bytes += size
        total_seconds += seconds
        rows.append(Row(f"throughput {path.name} ({size / 1000:.0f} kB, {seconds:.2f} s)", f"{size / MB / seconds:.2f} MB/s"))
    overall = total_bytes / MB / total_seconds
    rows.append(
        Row(
            f"throughput, all {len(files)} files (in-process, one core, median of {runs})",
            f"{overall:.2f} MB/s", f">= {THROUGHPUT_TARGET_MBS:g} MB/s", overall >= THROUGHPUT_TARGET_MBS,
        )
    )
    return rows


def default_files() -> list[Path]:
    return sorted(DEFAULT_CORPUS.glob("*.txt")) if DEFAULT_CORPUS.is_dir() else []


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
    return f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="long reports for the throughput run (default: ../shared/corpus/*.txt if present)")
    parser.add_argument("--runs", type=int, default=5, help="repetitions; the median is reported (default: 5)")
    parser.add_argument("--markdown", nargs="?", const="-", metavar="FILE",
                        help="print the table as Markdown, or write it to FILE")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    rows, bundled_rss = bench_bundled(args.runs)
    files = [p.resolve() for p in args.files] or default_files()
    if files:
        rows += bench_throughput(files, args.runs)
        with tempfile.TemporaryDirectory() as tmp:
            _, corpus_rss = run_child(build_cmd([str(p) for p in files], tmp))
    rows.append(Row(f"peak memory, build {SEEDS}", f"{bundled_rss / MB:.0f} MB"))
    if files:
        rows.append(Row(f"peak memory, build the {len(files)} long reports", f"{corpus_rss / MB:.0f} MB"))
    else:
        rows.append(Row("throughput", "skipped: no long reports given or found"))

    text = render(rows, markdown=args.markdown is not None)
    if args.markdown not in (None, "-"):
        Path(args.markdown).write_text(f"{text}\n\n{environment()}\n", encoding="utf-8")
    print(text)
    print(f"\n{environment()}")
    return 1 if args.check and any(r.ok is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
