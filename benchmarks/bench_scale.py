#!/usr/bin/env python
"""The build at corpus scale (issue 14's figures), each ratio against an anchor taken in the same run.

The corpus is N renamed variants of the development reports (../shared/dev/corpus/*.txt),
written to a temporary folder: variant i of a report renames its two-character
name roots (the first two characters of the communities, companies, places and
projects a build finds in it) and scales its figures, so every variant has its
own entities, sentences and indicators (see large_graph.variant_text, whose
renaming this reuses). Every build is ``reportgraph build`` as users run it,
in a child process whose peak memory comes from ``os.wait4``.

1. anchor: ``jieba.lcut`` and ``rjieba.cut`` over the same text, in a child pinned to one core.
2. end-to-end throughput, start-up excluded: a child that imports the CLI, builds
   one report to warm up, then times ``cli.main(["build", ...])`` (Turtle and the
   picture included) with ``--jobs 1`` (pinned to one core) and ``--jobs 2``;
   MB of report text per second, per core, and both against jieba.lcut; and the
   share of the CPU time that runs in workers with ``--jobs N`` (each report's
   extraction, and after the join its chunk of the graph), for Amdahl's bound; and
   what two processes get of this machine at that moment (two copies of a jieba run
   at once against one alone), the ceiling no ``--jobs 2`` can pass.
3. the bundled report (``reportgraph build seeds/``) and ``reportgraph --help``,
   start-up included, median of 5, with compiled bytecode as an installed package
   has it (and, for comparison, without: PYTHONDONTWRITEBYTECODE=1 compiles every
   module at every start).
4. peak memory for N and for 10 N reports (``--jobs 1 --no-cache``: one process holds everything).
5. a rebuild of N reports after one changed, with the cache, against the first build.

    python benchmarks/bench_scale.py                       # 300 and 3,000 reports
    python benchmarks/bench_scale.py --reports 100 --big 0 # quicker: no big run
    python benchmarks/bench_scale.py --markdown scale.md   # the table for the README

CPU seconds (user + system) are reported next to wall time: on a machine shared
with other work, throughput per CPU second is the steadier figure.

Every child runs as an installed package does, with its modules' bytecode
compiled once and kept (in a folder of this run: PYTHONPYCACHEPREFIX, never
beside the sources), whatever PYTHONDONTWRITEBYTECODE says in the calling shell.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
#: the dev reports: beside the checkout (../shared), or in the shared folder of this workplace
DEV = next((p for p in (REPO.parent / "shared" / "dev" / "corpus", Path("/work/shared/dev/corpus")) if p.is_dir()),
           REPO.parent / "shared" / "dev" / "corpus")
MB = 1_000_000
sys.path.insert(0, str(HERE))

from large_graph import renamed, scaled  # noqa: E402


@dataclass
class Run:
    wall: float
    cpu: float
    rss: int
    out: str = ""


#: The children's environment: set by main (see installed_env).
ENV: dict[str, str] = dict(os.environ)


def installed_env(pycache: Path) -> dict[str, str]:
    """This environment with bytecode written and read, under ``pycache``: as an installed package starts."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def child(cmd: list[str], *, one_core: bool = False, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd``; wall time, CPU time and peak RSS of exactly this child (os.wait4, not RUSAGE_CHILDREN)."""
    def pin() -> None:
        if one_core and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=err, stdin=subprocess.DEVNULL, preexec_fn=pin,
                                env=ENV if env is None else env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({code}):\n{err.read().decode(errors='replace')}")
        text = out.read().decode(errors="replace")
    rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return Run(wall, usage.ru_utime + usage.ru_stime, rss, text)


# --------------------------------------------------------------------------- the corpus


def roots_of(paths: list[Path]) -> dict[str, list[str]]:
    """Each dev report's name roots: the first two characters of the local names a build finds in it."""
    from reportgraph import pipeline

    result = pipeline.build(paths, jobs=1)
    out: dict[str, list[str]] = {}
    for lr in result.reports:
        found = {e.name[:2] for e in lr.entities
                 if e.type in ("Community", "Company", "Place", "Project") and len(e.name) >= 4}
        out[Path(lr.report.path).name] = sorted(r for r in found if all("\u4e00" <= ch <= "\u9fff" for ch in r))
    return out


def variant(text: str, roots: list[str], i: int) -> str:
    """Variant ``i``: the roots renamed, and for ``i > 0`` the figures scaled and a number added."""
    rng = random.Random(i)
    text = renamed(text, roots, rng)
    return scaled(text, rng) + f"\n（第{i}号）\n" if i else text


def write_corpus(folder: Path, count: int, dev: list[Path], roots: dict[str, list[str]]) -> int:
    """``count`` variants of the dev reports in ``folder``; returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in dev]
    size = 0
    for i in range(count):
        name, text = texts[i % len(texts)]
        data = variant(text, roots.get(name, []), i // len(texts)).encode("utf-8")
        (folder / f"{i:05d}-{name}").write_bytes(data)
        size += len(data)
    return size


# --------------------------------------------------------------------------- the measures

_TIMED = """
import json, sys, time, tempfile
from pathlib import Path
from reportgraph import cli, rdf, stream, workers
from reportgraph.lexicon import Lexicon
from reportgraph.link import LinkContext, join
from reportgraph.model import LinkedReport
warm = tempfile.mkdtemp()
cli.main(["build", "seeds/", "--out", warm, "--no-cache", "--quiet", "--jobs", "1"])
start = time.perf_counter(); cpu = time.process_time()
code = cli.main(["build", sys.argv[1], "--out", sys.argv[2], "--no-cache", "--quiet", "--jobs", sys.argv[3]])
found = {"code": code, "wall": time.perf_counter() - start, "cpu": time.process_time() - cpu}
if sys.argv[3] == "1":  # the share of the work that runs in workers: reading, segmenting, extracting, linking each,
    # then (after the join) each report's triples, Turtle blocks and picture part
    lexicon = Lexicon.load()
    context = LinkContext.of(lexicon)
    job = workers.Job(lexicon=lexicon, context=context)
    cpu = time.process_time()
    outcomes = [workers.prepare(path, job) for path in sorted(Path(sys.argv[1]).iterdir())]
    found["per_report_cpu"] = time.process_time() - cpu
    joined = join([o for o in outcomes if isinstance(o, LinkedReport)], context)
    graph = rdf.GraphContext.of(joined)
    kinds = stream._kinds(joined, rdf.shared_triples(graph))
    options = stream._ChunkOptions(tuple(stream.namespaces(kinds)), draw=True, shards=False)
    cpu = time.process_time()
    for lr in joined:
        stream._make_chunk(lr, graph, options)
    found["chunk_cpu"] = time.process_time() - cpu
print(json.dumps(found))
"""

_ANCHOR = """
import json, sys, time
from pathlib import Path
import jieba, rjieba
jieba.setLogLevel(60)
text = "".join(p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).iterdir()))
size = len(text.encode("utf-8"))
jieba.lcut("预热", HMM=False); rjieba.cut("预热", hmm=False)
out = {}
for name, cut in (("jieba", lambda t: jieba.lcut(t, HMM=False)), ("rjieba", lambda t: rjieba.cut(t, hmm=False))):
    start = time.process_time(); cut(text); out[name] = size / 1e6 / (time.process_time() - start)
print(json.dumps(out))
"""


_BUSY = """
import sys
from pathlib import Path
import jieba
jieba.setLogLevel(60)
text = "".join(p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).iterdir()))
jieba.lcut("预热", HMM=False)
for _ in range(2):
    jieba.lcut(text, HMM=False)
"""


def parallel_ceiling(corpus: Path) -> float:
    """What two processes of plain Python work get of this machine now: two copies of a jieba run at once
    against one alone (2.0 on two free cores; less when the cores are shared or throttled)."""
    cmd = [sys.executable, "-c", _BUSY, str(corpus)]
    alone = child(cmd).wall
    start = time.perf_counter()
    procs = [subprocess.Popen(cmd, cwd=REPO, stdin=subprocess.DEVNULL, env=ENV) for _ in range(2)]
    for proc in procs:
        proc.wait()
    return 2 * alone / (time.perf_counter() - start)


def timed_build(corpus: Path, out: Path, jobs: int) -> dict[str, float]:
    run = child([sys.executable, "-c", _TIMED, str(corpus), str(out), str(jobs)], one_core=jobs == 1)
    found = json.loads(run.out.strip().splitlines()[-1])
    if found["code"] not in (0,):
        raise SystemExit(f"build of {corpus} exited {found['code']}")
    return found


def cli_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "reportgraph", *args]


def median_run(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    child(cmd, env=env)  # once first: the bytecode written, the files in the page cache
    results = [child(cmd, env=env) for _ in range(runs)]
    return statistics.median(r.wall for r in results), statistics.median(r.cpu for r in results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=300, help="the corpus for throughput and rebuild (default 300)")
    parser.add_argument("--big", type=int, default=3000, help="the corpus for the memory run (default 3000; 0: skip)")
    parser.add_argument("--runs", type=int, default=5, help="repetitions of the start-up measures (median)")
    parser.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown to FILE")
    parser.add_argument("--dev", type=Path, default=DEV, help=f"the development reports (default: {DEV})")
    args = parser.parse_args(argv)
    dev = sorted(args.dev.glob("*.txt"))
    if not dev:
        raise SystemExit(f"no development reports in {args.dev}")
    rows: list[tuple[str, str, str]] = []
    load_before = os.getloadavg()
    global ENV
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        ENV = installed_env(base / "pycache")
        roots = roots_of(dev)
        corpus = base / f"corpus-{args.reports}"
        size = write_corpus(corpus, args.reports, dev, roots)

        anchor = json.loads(child([sys.executable, "-c", _ANCHOR, str(corpus)], one_core=True).out)
        one = timed_build(corpus, base / "out1", 1)
        two = timed_build(corpus, base / "out2", 2)
        ceiling = parallel_ceiling(corpus)
        same = (base / "out1" / "graph.ttl").read_bytes() == (base / "out2" / "graph.ttl").read_bytes()
        mbs1, mbs2 = size / MB / one["wall"], size / MB / two["wall"]
        cpu1 = size / MB / one["cpu"]
        serial = max(0.0, 1 - (one["per_report_cpu"] + one["chunk_cpu"]) / one["cpu"])
        rows += [
            ("corpus", f"{args.reports} reports, {size / MB:.2f} MB", ""),
            ("jieba.lcut / rjieba.cut (anchor, one core, CPU time)",
             f"{anchor['jieba']:.2f} / {anchor['rjieba']:.2f} MB/s", ""),
            ("build --jobs 1, one core, start-up excluded (wall; per CPU second)",
             f"{mbs1:.2f} MB/s; {cpu1:.2f} MB/s", f"{cpu1 / anchor['jieba']:.2f}x jieba.lcut (target >= 1.0)"),
            ("build --jobs 2, start-up excluded (wall; per core)", f"{mbs2:.2f} MB/s; {mbs2 / 2:.2f} MB/s",
             f"{mbs2 / mbs1:.2f}x --jobs 1 (target >= 1.7); graph.ttl {'identical' if same else 'DIFFERENT'}"),
            ("work in the workers (read, segment, extract, link each; after the join, each one's triples, "
             "Turtle and picture part) / in the main process (join, shared nodes, merging graph.ttl, the page)",
             f"{1 - serial:.0%} / {serial:.0%} of CPU time",
             f"on 2 free cores at most {1 / (serial + (1 - serial) / 2):.2f}x --jobs 1 (Amdahl)"),
            ("two copies of a jieba.lcut run at once against one alone (what two processes get of this machine "
             "now: 2.00x on two free cores)", f"{ceiling:.2f}x", f"--jobs 2 reached {mbs2 / mbs1 / ceiling:.0%} of it"),
        ]

        bundled = median_run(cli_cmd("build", "seeds/", "--out", str(base / "seed"), "--no-cache", "--quiet"), args.runs)
        cached = median_run(cli_cmd("build", "seeds/", "--out", str(base / "seed"), "--quiet"), args.runs)
        helped = median_run(cli_cmd("--help"), args.runs)
        compiling = {**ENV, "PYTHONDONTWRITEBYTECODE": "1"}
        compiling.pop("PYTHONPYCACHEPREFIX")
        bundled_compiling = median_run(cli_cmd("build", "seeds/", "--out", str(base / "seed"), "--no-cache", "--quiet"),
                                       args.runs, compiling)
        helped_compiling = median_run(cli_cmd("--help"), args.runs, compiling)
        rows += [
            (f"build seeds/, start-up included (median of {args.runs}; wall, CPU)",
             f"{bundled[0]:.2f} s, {bundled[1]:.2f} s", "target <= 0.5 s"),
            ("the same with its cache warm", f"{cached[0]:.2f} s, {cached[1]:.2f} s", ""),
            (f"reportgraph --help (median of {args.runs}; wall, CPU)", f"{helped[0]:.3f} s, {helped[1]:.3f} s",
             "target <= 0.1 s"),
            ("both without bytecode (PYTHONDONTWRITEBYTECODE=1: every module compiled at every start; wall, CPU)",
             f"{bundled_compiling[0]:.2f} s, {bundled_compiling[1]:.2f} s; "
             f"{helped_compiling[0]:.3f} s, {helped_compiling[1]:.3f} s", ""),
        ]

        full = child(cli_cmd("build", str(corpus), "--out", str(base / "inc"), "--quiet", "--jobs", "1"),
                           one_core=True)
        first = sorted(corpus.iterdir())[len(dev) + 1]
        first.write_text(first.read_text(encoding="utf-8") + "\n新增企业3家。\n", encoding="utf-8")
        again = child(cli_cmd("build", str(corpus), "--out", str(base / "inc"), "--quiet", "--jobs", "1"),
                            one_core=True)
        rows.append((f"rebuild {args.reports} reports after one changed (cache; start-up included; wall, CPU)",
                     f"{again.wall:.2f} s, {again.cpu:.2f} s against {full.wall:.2f} s, {full.cpu:.2f} s",
                     f"{again.wall / full.wall:.0%} of the full build (target <= 10%)"))

        small = child(cli_cmd("build", str(corpus), "--out", str(base / "mem1"), "--quiet", "--no-cache",
                                    "--jobs", "1"))
        rows.append((f"peak memory, {args.reports} reports", f"{small.rss / MB:.0f} MB", ""))
        if args.big:
            big_corpus = base / f"corpus-{args.big}"
            big_size = write_corpus(big_corpus, args.big, dev, roots)
            big = child(cli_cmd("build", str(big_corpus), "--out", str(base / "mem2"), "--quiet", "--no-cache",
                                      "--jobs", "1"))
            rows.append((f"peak memory, {args.big} reports ({big_size / MB:.1f} MB)", f"{big.rss / MB:.0f} MB",
                         f"{big.rss / small.rss:.2f}x the {args.reports}-report peak (target <= 600 MB, <= 1.3x)"))
    load_after = os.getloadavg()
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    text = "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)
    env = (f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; "
           f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print(text + "\n\n" + env)
    if args.markdown:
        lines = ["| measure | value | against |", "|---|---:|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
        Path(args.markdown).write_text("\n".join(lines) + f"\n\n{env}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
