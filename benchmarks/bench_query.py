#!/usr/bin/env python
"""How fast ``reportgraph query`` answers, on the bundled graph and on a million triples.

For each graph, in a child process of its own (so its peak memory is its own):

1. load time: the graph file into the SPARQL engine (``QueryGraph.load``);
2. warm query time of every named query: one run to warm up, then the median
   of ``--runs`` runs of ``QueryGraph.run``, which includes fetching every row
   into Python (what the CLI and ``reportgraph.query`` do before formatting);
3. peak memory (max RSS) of the process.

Graphs: the bundled report, built with ``reportgraph build seeds/``; and a
graph of at least a million triples, ``--reports`` variants of the bundled
report built together (``benchmarks/large_graph.py``; cached in ``--data``).
``entity`` is run for 沙头社区 (one entity) and for the alias 区委 (which names
one party committee per report, so it matches hundreds of entities).

Targets: each named query under 50 ms on the bundled graph and under 1 s on
the million-triple graph, warm; loading the million-triple graph under 20 s.

    python benchmarks/bench_query.py                  # both graphs, table on stdout
    python benchmarks/bench_query.py --readme         # and write the figures into README.md
    python benchmarks/bench_query.py --rdflib         # also time rdflib's own engine, for comparison
    python benchmarks/bench_query.py --check          # exit 1 when a target is missed
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

BUNDLED_TARGET_MS = 50.0
LARGE_TARGET_MS = 1000.0
LOAD_TARGET_S = 20.0
MB = 1_000_000
README = REPO / "README.md"
BEGIN = "<!-- bench_query: begin -->"
END = "<!-- bench_query: end -->"



def _cases() -> list[tuple[str, str, dict[str, str]]]:
    from reportgraph.sparql import named_queries

    cases: list[tuple[str, str, dict[str, str]]] = []
    for name, nq in named_queries().items():
        if nq.params:
            cases.append((f"{name} 沙头社区", name, {"name": "沙头社区"}))
            cases.append((f"{name} 区委", name, {"name": "区委"}))
        else:
            cases.append((name, name, {}))
    return cases


# --------------------------------------------------------------------------- the child: one graph


def measure(path: str, runs: int, engine: str) -> dict[str, Any]:
    """Load ``path`` and time every case; runs in a child process."""
    if engine == "rdflib":
        return _measure_rdflib(path, runs)
    from reportgraph.sparql import QueryGraph

    start = time.perf_counter()
    graph = QueryGraph.load([path])
    load_s = time.perf_counter() - start
    results: dict[str, Any] = {"load_s": load_s, "triples": len(graph), "queries": {}}
    for label, name, params in _cases():
        graph.run(name, params)  # warm-up
        times = []
        rows = 0
        for _ in range(runs):
            t0 = time.perf_counter()
            rows = len(graph.run(name, params))
            times.append(time.perf_counter() - t0)
        results["queries"][label] = {"ms": statistics.median(times) * 1000, "rows": rows}
    results["rss"] = peak_memory()
    return results


def peak_memory() -> int:
    """Peak resident memory of this process in bytes.

    Linux's ``VmHWM`` belongs to this program alone; ``ru_maxrss`` would carry
    over the parent's peak at fork (the parent may have built the large graph).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)


def _measure_rdflib(path: str, runs: int) -> dict[str, Any]:
    """The same named queries with rdflib's own SPARQL engine, for the record."""
    import rdflib

    from reportgraph.sparql import PREFIXES, bind_values, named_queries

    start = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(path, format="nt" if path.endswith(".nt") else "turtle")
    load_s = time.perf_counter() - start
    results: dict[str, Any] = {"load_s": load_s, "triples": len(graph), "queries": {}}
    import signal

    budget_s = 120  # per query: rdflib can take many minutes on a large graph; stop it there

    class OverBudget(Exception):
        pass

    def stop(signum: int, frame: object) -> None:
        raise OverBudget

    signal.signal(signal.SIGALRM, stop)
    for label, name, params in _cases():
        text, _ = bind_values(named_queries()[name].sparql, params)
        times: list[float] = []
        rows = 0
        for _ in range(max(1, runs)):
            t0 = time.perf_counter()
            signal.alarm(budget_s)
            try:
                rows = len(list(graph.query(text, initNs=PREFIXES)))
            except OverBudget:
                times = [float("inf")]
                break
            finally:
                signal.alarm(0)
            times.append(time.perf_counter() - t0)
            if sum(times) > budget_s:
                break
        results["queries"][label] = {"ms": statistics.median(times) * 1000, "rows": rows, "budget_s": budget_s}
    results["rss"] = peak_memory()
    return results


def run_child(path: Path, runs: int, engine: str = "oxigraph") -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--measure", str(path), "--runs", str(runs), "--engine", engine]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- the parent: both graphs


def bundled_graph(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "reportgraph", "build", "seeds/", "--out", str(folder), "--quiet"],
        cwd=REPO, check=True,
    )
    return folder / "graph.ttl"


def render(bundled: dict[str, Any], large: dict[str, Any], large_meta: dict[str, Any],
           rdflib: dict[str, dict[str, Any]] | None = None) -> tuple[str, bool]:
    """The Markdown table for the README, and whether every target was met."""
    ok = True
    lines = [
        f"| query | bundled report ({bundled['triples']:,} triples) | rows | "
        f"{large_meta['reports']} reports ({large['triples']:,} triples) | rows |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, b in bundled["queries"].items():
        big = large["queries"][label]
        b_ok = b["ms"] < BUNDLED_TARGET_MS
        l_ok = big["ms"] < LARGE_TARGET_MS
        ok = ok and b_ok and l_ok
        lines.append(
            f"| `{label}` | {b['ms']:.1f} ms{'' if b_ok else ' (MISSED)'} | {b['rows']:,} | "
            f"{big['ms']:.0f} ms{'' if l_ok else ' (MISSED)'} | {big['rows']:,} |"
        )
    load_ok = large["load_s"] < LOAD_TARGET_S
    ok = ok and load_ok
    lines.append(
        f"| load the graph file | {bundled['load_s'] * 1000:.0f} ms | | "
        f"{large['load_s']:.1f} s{'' if load_ok else ' (MISSED)'} ({large['format']}) | |"
    )
    if "load_nt_s" in large:
        lines.append(f"| load the same as N-Triples | | | {large['load_nt_s']:.1f} s | |")
    lines.append(f"| peak memory (load + all queries) | {bundled['rss'] / MB:.0f} MB | | {large['rss'] / MB:.0f} MB | |")
    text = "\n".join(lines)
    text += (
        f"\n\nTargets: under {BUNDLED_TARGET_MS:g} ms per query on the bundled graph, under "
        f"{LARGE_TARGET_MS / 1000:g} s on the large one (warm: median of the runs after one warm-up, "
        f"rows fetched into Python included); loading the large graph under {LOAD_TARGET_S:g} s. "
        f"{'All met.' if ok else 'Some MISSED.'}"
    )
    if rdflib:
        text += "\n\nrdflib's own SPARQL engine on the same graphs, for comparison:\n\n"
        text += "| query | " + " | ".join(rdflib) + " |\n|---|" + "---:|" * len(rdflib) + "\n"
        first = next(iter(rdflib.values()))
        for label in first["queries"]:
            text += f"| `{label}` | " + " | ".join(_ms(r["queries"][label]) for r in rdflib.values()) + " |\n"
        text += "| load | " + " | ".join(f"{r['load_s']:.1f} s" for r in rdflib.values()) + " |\n"
        text += "| peak memory | " + " | ".join(f"{r['rss'] / MB:.0f} MB" for r in rdflib.values()) + " |\n"
    return text, ok


def _ms(query: dict[str, Any]) -> str:
    if query["ms"] == float("inf"):
        return f"over {query['budget_s']} s (stopped)"
    return f"{query['ms'] / 1000:.1f} s" if query["ms"] >= 1000 else f"{query['ms']:.0f} ms"


def environment() -> str:
    return (f"Measured with `python benchmarks/bench_query.py` on Python {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
            f"{time.strftime('%Y-%m-%d')}.")


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{text}\n\n{environment()}\n{END}"
    if BEGIN in readme and END in readme:
        readme = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, readme, flags=re.S)
    else:
        raise SystemExit(f"README.md has no {BEGIN} ... {END} block to fill")
    README.write_text(readme, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query; the median is reported (default: 5)")
    parser.add_argument("--reports", type=int, default=300,
                        help="reports in the large graph (default: 300, about 1.09 million triples)")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "reportgraph-bench",
                        help="where the large graph is cached (default: TMPDIR/reportgraph-bench)")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument("--rdflib", action="store_true",
                        help="also time rdflib's engine (bundled graph, and the large one: minutes)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--measure", metavar="GRAPH", help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="oxigraph", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure:  # the child
        print(json.dumps(measure(args.measure, args.runs, args.engine)))
        return 0

    from large_graph import cached

    with tempfile.TemporaryDirectory() as tmp:
        bundled_path = bundled_graph(Path(tmp))
        bundled = run_child(bundled_path, args.runs)
        folder, meta = cached(args.reports, args.data / f"{args.reports}-reports")
        large = run_child(folder / "graph.ttl", args.runs)
        large["format"] = "Turtle"
        large["load_nt_s"] = run_child(folder / "graph.nt", 1)["load_s"]
        comparison = None
        if args.rdflib:
            comparison = {
                f"bundled ({bundled['triples']:,} triples)": run_child(bundled_path, args.runs, "rdflib"),
                f"large ({large['triples']:,} triples)": run_child(folder / "graph.nt", 1, "rdflib"),
            }
    text, ok = render(bundled, large, meta, comparison)
    print(text)
    print(f"\n{environment()}")
    if args.readme:
        write_readme(text)
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
