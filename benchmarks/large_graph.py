#!/usr/bin/env python
"""A graph of a million triples or more, built the way users build graphs: many reports at once.

The reports are variants of the bundled one, ``seeds/shajing-2024h1.txt``:
report 0 is the seed itself; report *i* renames its places, communities and
companies (沙井 -> 某个, 和一 -> 另一个 ...) and scales its figures, so every
report has its own entities, indicators and sentences while the genre, the
section structure and the shared bodies (区委, 区政府) stay real. They are
built together by ``pipeline.build`` into one graph, so entities merge across
reports exactly as they would for a user's corpus.

    python benchmarks/large_graph.py --reports 300 --out /tmp/rg-large

writes ``graph.nt`` and ``graph.ttl`` (the same triples) and ``meta.json``.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "shajing-2024h1.txt"
#: bump when the way variants are made changes, so cached graphs are rebuilt
GENERATOR_VERSION = 1

#: Name roots of the seed that each variant renames (two-character roots of
#: places, communities, companies and projects).
ROOTS: tuple[str, ...] = (
    "沙井", "宝安", "和一", "步涌", "蚝四", "茭塘", "沙蚝", "后亭", "民主", "沙头", "共和", "东塘",
    "壆岗", "岗厦", "荣根", "新沙", "兴塘", "塘园", "下冲", "北环", "新和", "锦程", "立讯", "信维",
    "军创", "华发", "星展", "安托", "沙民", "马安", "龙津", "翡丽", "京基", "卓悦", "西荟", "天虹",
    "潭头", "沙三", "上下围", "龙川", "环江", "大化", "都安",
)
#: Characters new names are made of: common in place names, none in ROOTS' collisions.
POOL = "东西南北中青松柏桂梅兰竹菊福禄寿康宁泰丰盛兴旺鸿鹏龙凤麟山水湖江河溪泉岭峰坪坑洲湾桥港田园林石金银玉华光明春秋晴雨云霞"
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])")
_KEEP_AFTER = ("年", "月", "日", "时", "届", "批", "号", "期")


def _new_name(rng: random.Random, length: int, taken: set[str]) -> str:
    while True:
        name = "".join(rng.choice(POOL) for _ in range(length))
        if name not in taken:
            taken.add(name)
            return name


def renamed(text: str, roots: Sequence[str], rng: random.Random) -> str:
    """``text`` with each name root replaced by a new name drawn from ``rng`` (longest roots first)."""
    taken: set[str] = set()
    mapping = {root: _new_name(rng, len(root), taken) for root in roots}
    if not mapping:
        return text
    pattern = re.compile("|".join(sorted(map(re.escape, mapping), key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def scaled(text: str, rng: random.Random) -> str:
    """``text`` with its figures scaled by one factor drawn from ``rng``; dates, years and ordinals kept."""
    factor = rng.uniform(0.6, 1.6)

    def scale(m: re.Match[str]) -> str:
        following = text[m.end(): m.end() + 1]
        number = m.group(1)
        if following in _KEEP_AFTER or (len(number) == 4 and number.startswith("20")):
            return number  # dates, years, ordinals stay as they are
        value = float(number) * factor
        if following == "%" and float(number) <= 100:
            value = min(value, 100.0)  # a rate stays a rate
        if "." in number:
            places = len(number.split(".")[1])
            return f"{value:.{places}f}"
        return str(max(1, round(value)))

    return _NUMBER.sub(scale, text)


def variant_text(seed: str, i: int) -> str:
    """Report ``i``: the seed with renamed roots and scaled figures (``i == 0`` is the seed itself)."""
    if i == 0:
        return seed
    rng = random.Random(i)
    return scaled(renamed(seed, ROOTS, rng), rng)


def make(reports: int, out: Path) -> dict[str, object]:
    """Write the variants, build them together, write graph.nt, graph.ttl and meta.json into ``out``."""
    import pyoxigraph as ox

    from reportgraph import pipeline
    from reportgraph.sparql import PREFIXES, QueryGraph

    out.mkdir(parents=True, exist_ok=True)
    seed = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(reports):
            path = Path(tmp) / f"report-{i:04d}.txt"
            path.write_text(variant_text(seed, i), encoding="utf-8")
            paths.append(path)
        start = time.perf_counter()
        result = pipeline.build(paths)
        build_s = time.perf_counter() - start
    if result.errors:
        raise SystemExit(f"a variant failed to build: {result.errors[0]}")
    graph = QueryGraph.from_rdflib(result.graph)
    triples = len(result.graph)
    del result
    quads = list(graph.store)
    ox.serialize((q.triple for q in quads), str(out / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    prefixes = {p: ns for p, ns in PREFIXES.items() if p != "inst"}
    ox.serialize((q.triple for q in quads), str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    meta: dict[str, object] = {
        "generator": GENERATOR_VERSION, "reports": reports, "triples": triples, "build_seconds": round(build_s, 1),
    }
    (out / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return meta


def cached(reports: int, folder: Path) -> tuple[Path, dict[str, object]]:
    """The large graph for ``reports`` reports in ``folder``, made only when missing or out of date."""
    meta_path = folder / "meta.json"
    if meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("generator") == GENERATOR_VERSION and meta.get("reports") == reports and (folder / "graph.nt").is_file():
            return folder, meta
    return folder, make(reports, folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=300, help="how many reports to build together (default: 300)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write graph.nt, graph.ttl, meta.json into")
    args = parser.parse_args(argv)
    print(json.dumps(make(args.reports, args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
