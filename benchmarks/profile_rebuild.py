#!/usr/bin/env python
"""Where a rebuild's time goes: bench_scale's section 5 (one report of N changed, rebuilt with the cache),
profiled in this process.

The corpus is bench_scale's (N renamed variants of the dev reports), built
once with the cache by ``reportgraph build`` in a child, as the bench does;
the bench's change is then made to the same report, and each rebuild runs
from a fresh copy of the first build's output folder, so that every run
rebuilds the same change: timed as the bench times it (``reportgraph build``
in a child pinned to one core), then once more in a fresh child under
cProfile (``reportgraph.cli.main``: the imports included, the interpreter's
own start not; the console entry ends with ``os._exit``).

    python benchmarks/profile_rebuild.py                     # 300 reports, the top 40 by cumulative time
    python benchmarks/profile_rebuild.py --reports 100 --top 80 --stats rebuild.prof
"""
from __future__ import annotations

import argparse
import pstats
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_scale  # noqa: E402

#: The line the bench appends to one report (bench_scale.main, section 5).
CHANGE = "\n新增企业3家。\n"


#: A child that profiles one ``reportgraph build`` (argv: the profile's file, then the build's arguments).
_PROFILED = """
import cProfile, sys
profile = cProfile.Profile()
profile.enable()
from reportgraph import cli
code = cli.main(["build", *sys.argv[2:]])
profile.disable()
profile.dump_stats(sys.argv[1])
sys.exit(code)
"""


def fresh(out: Path, first: Path) -> None:
    """``out`` made a copy of the first build's output folder (its cache as that build left it)."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(first, out, symlinks=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=300, help="the corpus (default 300)")
    parser.add_argument("--runs", type=int, default=3, help="rebuilds timed (default 3)")
    parser.add_argument("--top", type=int, default=40, help="functions listed (default 40)")
    parser.add_argument("--stats", type=Path, help="also write the profile to this file (for pstats, snakeviz)")
    args = parser.parse_args(argv)
    dev = sorted(bench_scale.DEV.glob("*.txt"))
    if not dev:
        raise SystemExit(f"no development reports in {bench_scale.DEV}")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        bench_scale.ENV = bench_scale.installed_env(base / "pycache")  # bytecode kept, as the bench's children
        corpus = base / "corpus"
        bench_scale.write_corpus(corpus, args.reports, dev, bench_scale.roots_of(dev))
        first = base / "first"
        full = bench_scale.child(bench_scale.cli_cmd("build", str(corpus), "--out", str(first), "--quiet",
                                                     "--jobs", "1"), one_core=True)
        changed = sorted(corpus.iterdir())[len(dev) + 1]  # the report the bench changes
        changed.write_text(changed.read_text(encoding="utf-8") + CHANGE, encoding="utf-8")
        out = base / "out"
        build = ("build", str(corpus), "--out", str(out), "--quiet", "--jobs", "1")
        walls = []
        for _ in range(args.runs):
            fresh(out, first)
            walls.append(bench_scale.child(bench_scale.cli_cmd(*build), one_core=True).wall)
        fresh(out, first)
        stats_file = args.stats or base / "rebuild.prof"
        bench_scale.child([sys.executable, "-c", _PROFILED, str(stats_file), *build[1:]], one_core=True)
        print(f"full build {full.wall:.2f} s; rebuild " + ", ".join(f"{w:.2f}" for w in walls)
              + f" s (median {statistics.median(walls) / full.wall:.0%} of the full build)\n")
        pstats.Stats(str(stats_file)).sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
