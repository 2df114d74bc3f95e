#!/usr/bin/env python
"""Build time per MB from 10 KB to 5 MB, for text shaped as reports come and as hostile files do.

    python benchmarks/bench_linear.py              # JSON
    python benchmarks/bench_linear.py --markdown   # the README table

Each shape is made from the bundled report (seeds/) or from a run of one
pattern, cut to each size, and built by ``pipeline.build`` in a fresh child
process (so each peak memory is its own), after a warm-up build of the
bundled report (so start-up is not counted against the small sizes). A stage that rescans a growing
prefix shows as seconds per MB that climb with the size; a linear build
keeps them flat. Text of nothing but figures reaches the bound on figures
per report (``--max-figures``) before 5 MB and is refused there: the cell
says so, and its time is the time to refuse it. The anchor is each shape's own 100 KB figure of the same
run, so a busy machine moves all sizes alike: the figure that matters is
the ratio of the 5 MB seconds per MB to it.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES_KB = (10, 100, 1024, 5120)
ANCHOR_KB = 100


def _report_text() -> str:
    return (ROOT / "seeds" / "shajing-2024h1.txt").read_text(encoding="utf-8")


def _repeat(piece: str, size_bytes: int) -> str:
    """``piece`` repeated until the UTF-8 text has ``size_bytes`` bytes (cut at a character)."""
    unit = len(piece.encode("utf-8"))
    text = piece * (size_bytes // unit + 1)
    return text.encode("utf-8")[:size_bytes].decode("utf-8", "ignore")


def _short_lines(text: str) -> str:
    flat = "".join(text.split())
    return "\n".join(flat[i:i + 1 + i % 3] for i in range(0, len(flat), 3))


#: How each shape's text is made for a size in bytes.
SHAPES = {
    "report as written": lambda size: _repeat(_report_text() + "\n", size),
    "one long line": lambda size: _repeat("".join(_report_text().split()), size),
    "many short lines": lambda size: _short_lines(_repeat(_report_text(), size)),
    "percent runs (增长5% × n)": lambda size: _repeat("增长5%", size),
    "digit runs": lambda size: _repeat("1234567890", size),
    "one word (社区 × n)": lambda size: _repeat("社区", size),
}


def one(shape: str, size_kb: int) -> dict[str, float]:
    """Build one text in this process: seconds and peak memory."""
    from reportgraph import pipeline

    text = SHAPES[shape](size_kb * 1024)
    pipeline.build([str(ROOT / "seeds")])  # warm-up: the lexicon, the word cut's dictionary, the data files
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        result = pipeline.build([str(path)])
        seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "triples": len(result.graph),
        "refused": 1.0 if result.errors else 0.0,
    }


def run() -> dict[str, dict[str, dict[str, float]]]:
    out: dict[str, dict[str, dict[str, float]]] = {}
    for shape in SHAPES:
        out[shape] = {}
        for size_kb in SIZES_KB:
            child = subprocess.run(
                [sys.executable, __file__, "--one", shape, str(size_kb)],
                check=True, capture_output=True, text=True,
            )
            figures = json.loads(child.stdout)
            figures["s_per_mb"] = figures["seconds"] / (size_kb / 1024)
            out[shape][str(size_kb)] = figures
            print(f"{shape}, {size_kb} KB: {figures['seconds']:.2f} s", file=sys.stderr, flush=True)
    return out


def _size(kb: int) -> str:
    return f"{kb // 1024} MB" if kb >= 1024 else f"{kb} KB"


def markdown(result: dict[str, dict[str, dict[str, float]]]) -> str:
    head = " | ".join(f"{_size(kb)} s/MB" for kb in SIZES_KB)
    lines = [f"| shape | {head} | 5 MB ÷ {ANCHOR_KB} KB | peak memory at 5 MB |",
             "|---|" + "---:|" * (len(SIZES_KB) + 2)]
    for shape, sizes in result.items():
        cells = " | ".join(f"{sizes[str(kb)]['s_per_mb']:.2f}" + (" (refused)" if sizes[str(kb)]["refused"] else "")
                           for kb in SIZES_KB)
        ratio = sizes[str(SIZES_KB[-1])]["s_per_mb"] / sizes[str(ANCHOR_KB)]["s_per_mb"]
        lines.append(f"| {shape} | {cells} | {ratio:.2f}× | {sizes[str(SIZES_KB[-1])]['peak_mb']:.0f} MB |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--markdown", action="store_true", help="print the README table instead of JSON")
    parser.add_argument("--one", nargs=2, metavar=("SHAPE", "KB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]))))
        return 0
    result = run()
    print(markdown(result) if args.markdown else json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
