#!/usr/bin/env python
"""A bounded load test of ``reportgraph serve`` on loopback, on the 1M-triple benchmark graph.

    python benchmarks/bench_serve.py                  # 16 clients, 2,000 requests, 300 reports
    python benchmarks/bench_serve.py --markdown       # the README table

Starts ``reportgraph serve`` on the graph ``large_graph.py`` makes (300
variants of the bundled report built together, about 1.09 million triples;
cached under ``--data``), then runs ``--clients`` concurrent clients over
``--requests`` requests in all: a third are the named queries (as SPARQL
over ``/sparql``), the rest are pages (reports, a report, a work area, an
entity, a sentence, a measure, a search, the overview, their JSON). A
deterministic mix (seeded), so runs compare.

While the clients run, one more client sends a runaway query (a cross
product of every triple) and the run checks that it is stopped at the time
limit while the others are still answered. Reports errors (anything but
200, and the runaway's 503), p50 and p95 latency per kind, the total time,
and the peak memory of the server's process tree (the sum of the processes'
proportional set sizes: pages the query processes share with the server are
counted once), sampled every 0.2 s.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from large_graph import cached  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


def start(graph: Path, folder: Path, timeout: float) -> tuple[subprocess.Popen[bytes], str, Path]:
    log = folder / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "reportgraph", "serve", str(graph), "--port", "0", "--timeout", str(timeout)],
            stdout=out, stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        found = re.search(r"at (http://\S+?)/ ", log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return process, found.group(1), log
        if process.poll() is not None:
            raise SystemExit(f"the server exited: {log.read_text(encoding='utf-8')}")
        time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start within 600 s")


def tree(pid: int) -> list[int]:
    """The process and all its descendants (Linux /proc)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return found


def pss_mb(pids: list[int]) -> float:
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def targets(url: str, seed: int) -> list[tuple[str, str, dict[str, Any]]]:
    """The mix of requests: (kind, method+path, extra) chosen deterministically."""
    from reportgraph.serve.app import page_href
    from reportgraph.sparql import bind_values, named_queries

    with httpx.Client(base_url=url, timeout=120) as c:
        reports = c.get("/reports.json").json()["reports"]
        rng = random.Random(seed)
        pages: list[str] = ["/", "/reports.json", "/picture", "/query"]
        entity_names: list[str] = []
        for report in rng.sample(reports, min(8, len(reports))):
            data = c.get(page_href(report["iri"]) + ".json").json()
            pages += [page_href(report["iri"]), "/picture?" + urlencode({"open": report["iri"]})]
            for area in rng.sample(data["areas"], min(3, len(data["areas"]))):
                pages.append(page_href(area["iri"]))
                for e in area["entities"][:2]:
                    pages += [page_href(e["iri"]), page_href(e["iri"]) + ".json"]
                    entity_names.append(e["label"])
                for i in area["achievements"][:1]:
                    pages += [page_href(i["statement"]), "/measure?" + urlencode({"name": i["metric"] or ""})]
        pages += ["/search?" + urlencode({"q": n[:2]}) for n in entity_names[:6]]
    queries: list[str] = []
    for named in named_queries().values():
        text = named.sparql
        if named.params:
            for name in entity_names[:3]:
                queries.append(bind_values(text, {p.name: name for p in named.params})[0])
        else:
            queries.append(text)
    return [("page", p, {}) for p in pages] + [("query", q, {}) for q in queries]


def run(args: argparse.Namespace) -> dict[str, Any]:
    folder, meta = cached(args.reports, args.data / f"{args.reports}-reports")
    graph = folder / "graph.nt"
    with tempfile.TemporaryDirectory() as tmp:
        load_start = time.monotonic()
        process, url, log = start(graph, Path(tmp), args.timeout)
        load_s = time.monotonic() - load_start
        try:
            return measure(url, process, meta, load_s, args)
        finally:
            process.terminate()
            process.wait(timeout=60)


def measure(url: str, process: subprocess.Popen[bytes], meta: dict[str, Any], load_s: float,
            args: argparse.Namespace) -> dict[str, Any]:
    mix = targets(url, args.seed)
    rng = random.Random(args.seed)
    pages = [m for m in mix if m[0] == "page"]
    queries = [m for m in mix if m[0] == "query"]
    plan = [rng.choice(queries) if i % 3 == 0 else rng.choice(pages) for i in range(args.requests)]
    lock = threading.Lock()
    results: list[tuple[str, float, int]] = []
    failures: list[str] = []
    cursor = [0]
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], pss_mb(tree(process.pid)))
            time.sleep(0.2)

    def client() -> None:
        with httpx.Client(base_url=url, timeout=300) as c:
            while True:
                with lock:
                    if cursor[0] >= len(plan):
                        return
                    kind, target, _ = plan[cursor[0]]
                    cursor[0] += 1
                start = time.perf_counter()
                if kind == "query":
                    response = c.post("/sparql", data={"query": target}, headers={"Accept": "application/sparql-results+json"})
                else:
                    response = c.get(target)
                elapsed = time.perf_counter() - start
                with lock:
                    results.append((kind, elapsed, response.status_code))
                    if response.status_code != 200:
                        failures.append(f"{response.status_code} {response.text.strip()[:70]}")

    runaway: dict[str, Any] = {}

    def run_away() -> None:
        with httpx.Client(base_url=url, timeout=300) as c:
            with lock:
                runaway["answered_before"] = len(results)
            start = time.perf_counter()
            response = c.post("/sparql", data={"query": RUNAWAY})
            runaway["seconds"] = time.perf_counter() - start
            runaway["status"] = response.status_code
            runaway["message"] = response.text.strip()
            with lock:
                runaway["answered_during"] = len(results) - runaway["answered_before"]

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    wall = time.perf_counter()
    stopper = threading.Thread(target=run_away)
    stopper.start()
    time.sleep(0.5)  # the runaway takes a query slot first, so its time is its run, not a wait in the queue
    clients = [threading.Thread(target=client) for _ in range(args.clients)]
    for t in clients:
        t.start()
    for t in clients:
        t.join()
    stopper.join()
    wall = time.perf_counter() - wall
    done.set()
    sampler.join()

    def stats(kind: str | None) -> dict[str, Any]:
        times = sorted(t for k, t, _ in results if kind is None or k == kind)
        return {
            "requests": len(times),
            "p50_ms": round(statistics.median(times) * 1000),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000),
        }

    errors = [(k, s) for k, _, s in results if s != 200]
    return {
        "triples": meta["triples"], "reports": meta["reports"], "clients": args.clients,
        "requests": len(results), "errors": len(errors), "error_statuses": sorted({s for _, s in errors}),
        "error_messages": dict(Counter(failures).most_common(5)),
        "all": stats(None), "pages": stats("page"), "queries": stats("query"),
        "seconds": round(wall, 1), "start_seconds": round(load_s, 1), "peak_memory_mb": round(peak[0]),
        "runaway": runaway, "timeout": args.timeout, "cpus": os.cpu_count(),
        "load_average_before": os.getloadavg()[0],
    }


def markdown(r: dict[str, Any]) -> str:
    run = r["runaway"]
    return "\n".join([
        f"| {r['clients']} clients, {r['requests']} requests, {r['reports']} reports ({r['triples']:,} triples) | value |",
        "|---|---:|",
        f"| errors | {r['errors']} |",
        f"| all requests: p50 / p95 | {r['all']['p50_ms']} ms / {r['all']['p95_ms']} ms |",
        f"| pages ({r['pages']['requests']}): p50 / p95 | {r['pages']['p50_ms']} ms / {r['pages']['p95_ms']} ms |",
        f"| named queries ({r['queries']['requests']}): p50 / p95 | {r['queries']['p50_ms']} ms / {r['queries']['p95_ms']} ms |",
        f"| whole run | {r['seconds']} s |",
        f"| start-up (load the graph, fork the query sandbox) | {r['start_seconds']} s |",
        f"| peak memory (server and query processes, PSS) | {r['peak_memory_mb']} MB |",
        f"| runaway cross product | stopped after {run.get('seconds', 0):.1f} s (limit {r['timeout']:g} s), "
        f"status {run.get('status')}; {run.get('answered_during')} other requests answered meanwhile |",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default: 16)")
    parser.add_argument("--requests", type=int, default=2000, help="requests in all (default: 2000)")
    parser.add_argument("--reports", type=int, default=300, help="reports in the benchmark graph (default: 300)")
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's query time limit (default: 10)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the request mix (default: 0)")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "reportgraph-bench",
                        help="where the benchmark graph is cached")
    parser.add_argument("--markdown", action="store_true", help="print the README table instead of JSON")
    args = parser.parse_args(argv)
    result = run(args)
    print(markdown(result) if args.markdown else json.dumps(result, ensure_ascii=False, indent=1))
    ok = result["errors"] == 0 and result["runaway"].get("status") == 503 and result["runaway"].get("answered_during", 0) > 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
