#!/usr/bin/env python
"""Make docs/graph.png, the README's picture of the bundled report's page.

Builds seeds/ into a temporary folder, opens graph.html in headless Chromium
(benchmarks/viz_browser.py), selects the most-mentioned community and zooms
to its neighbourhood, and saves a screenshot. Needs Debian's chromium and a
Chinese font (fonts-noto-cjk or fonts-wqy-microhei) for legible labels.

    python docs/make_screenshot.py [--out docs/graph.png]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import viz_browser  # noqa: E402

from reportgraph import cli  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=HERE / "graph.png")
    parser.add_argument("--size", type=int, nargs=2, default=(1600, 1000), metavar=("W", "H"))
    parser.add_argument("--scale", type=float, default=0.9, help="zoom around the chosen node")
    args = parser.parse_args(argv)
    missing = viz_browser.unavailable()
    if missing:
        raise SystemExit(missing)
    with tempfile.TemporaryDirectory() as tmp:
        assert cli.main(["build", str(REPO / "seeds"), "--out", tmp, "--quiet"]) == 0
        with viz_browser.chromium() as browser:
            run = viz_browser.open_page(browser, Path(tmp) / "graph.html", viewport=tuple(args.size))
            node = run.js("""() => {
                const info = reportgraph.side.info;
                let best = -1;
                info.forEach((i, id) => { if (i.t === "Community" && (best < 0 || i.m > info[best].m)) best = id; });
                return best;
            }""")
            run.js("(id) => { reportgraph.network.selectNodes([id]); reportgraph.showPanel(id); }", node)
            run.js("([id, scale]) => reportgraph.network.moveTo({position: reportgraph.network.getPosition(id), scale})",
                   [node, args.scale])
            run.page.wait_for_timeout(500)
            if run.errors or run.leaving():
                raise SystemExit(f"page problems: {run.errors or run.leaving()}")
            args.out.parent.mkdir(parents=True, exist_ok=True)
            run.page.screenshot(path=str(args.out))
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
