#!/usr/bin/env python
"""Score an evaluation set as written and with its line breaks flattened.

Reports copied from web pages come as one long line; the extraction must find
the same parts, sections, entities and indicators there as in the report with
its line breaks. This writes two flattened copies of SET into a temporary
folder — every line break turned into a space, and every line break removed —
with the gold files linked, and runs the scorer (``score_set.py``) on the set
as written and on both copies. Nothing is written into the project.

    python benchmarks/flat_set.py ../shared/dev             # the three headline lines
    python benchmarks/flat_set.py ../shared/dev --verbose   # a line per report as well
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: the flattened variants: name -> what a line break becomes
VARIANTS = {"space": " ", "removed": ""}


def flatten(text: str, joiner: str) -> str:
    """``text`` with every line break (of any kind) replaced by ``joiner``."""
    return joiner.join(text.splitlines())


def flat_copy(evaluation_set: Path, folder: Path, joiner: str) -> Path:
    """A copy of the set's corpus, flattened, with links to its gold files."""
    (folder / "corpus").mkdir(parents=True)
    (folder / "gold").symlink_to((evaluation_set / "gold").resolve(), target_is_directory=True)
    for doc in sorted((evaluation_set / "corpus").glob("*.txt")):
        text = doc.read_text(encoding="utf-8")
        (folder / "corpus" / doc.name).write_text(flatten(text, joiner), encoding="utf-8")
    return folder


def score(evaluation_set: Path, scorer: Path, verbose: bool) -> str:
    """The scorer's output on one set: every line with ``verbose``, else its last line."""
    cmd = [sys.executable, str(scorer), str(evaluation_set)] + (["--verbose"] if verbose else [])
    out = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=True).stdout
    return out if verbose else out.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set", type=Path, help="folder with gold/NAME.json and corpus/NAME.txt")
    ap.add_argument("--scorer", type=Path, default=None,
                    help="score_set.py (default: eval/score_set.py next to the set's folder)")
    ap.add_argument("--verbose", action="store_true", help="the scorer's line per report and table too")
    a = ap.parse_args()
    scorer = a.scorer or a.set.resolve().parent / "eval" / "score_set.py"
    print(f"as written: {score(a.set, scorer, a.verbose)}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, joiner in VARIANTS.items():
            folder = flat_copy(a.set, Path(tmp) / name, joiner)
            print(f"breaks {name}: {score(folder, scorer, a.verbose)}", flush=True)


if __name__ == "__main__":
    main()
