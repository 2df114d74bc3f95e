#!/usr/bin/env python
"""Write ``src/reportgraph/data/extract/word_tags.tsv``: jieba's part-of-speech tags, for the tags the rules ask.

The extraction asks a dictionary word's tag through
``reportgraph.extract.words.tag()``. jieba answers it from ``jieba.posseg``,
whose import loads the whole dictionary twice over (about 0.2 s and 50 MB) for
a few hundred look-ups a report. This script copies jieba's table once, into
a packaged file the build searches without loading it into a table:
``word<TAB>TAG`` lines sorted by word (code point order), so a look-up is a
binary search over the file's lines.

Tags no rule asks about (:data:`UNASKED`) are left out: ``tag()`` then says
"" (not in the dictionary) for their words, which every rule treats as it
treats the dropped tag (``tests/test_words.py`` checks both halves).

    python tools/make_word_tags.py            # rewrite the file from the installed jieba
    python tools/make_word_tags.py --check    # exit 1 when the file differs from what jieba gives
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "src" / "reportgraph" / "data" / "extract" / "word_tags.tsv"

#: jieba tags that no rule of the extraction asks about, exactly or by their first letter: a rule
#: asks ``m`` but not ``mq``/``mg``, ``r`` but not ``rr``/``rg``/``rz``, ``t`` but not ``tg``,
#: ``u`` but not its sub-tags; none asks ``e`` (interjections), ``g``, ``h``, ``k``, ``o``, ``s``,
#: ``x`` or ``y``.
UNASKED = frozenset({
    "e", "g", "h", "k", "mg", "mq", "o", "rg", "rr", "rz", "s", "tg", "ud", "ug", "uj", "ul", "uv", "uz", "x", "y",
})

HEADER = """\
# jieba's part-of-speech tag of each dictionary word: WORD<TAB>TAG, lines sorted by word (binary-searched)
# read by: reportgraph.extract.words
# Written by tools/make_word_tags.py from jieba {version}'s dictionary; tags no rule asks ({unasked}) left out.
"""


def table() -> dict[str, str]:
    """jieba's own word -> tag table (the one ``jieba.posseg`` builds)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return dict(jieba.posseg.dt.word_tag_tab)


def render(tags: dict[str, str]) -> str:
    import jieba

    kept = sorted((word, tag) for word, tag in tags.items()
                  if tag not in UNASKED and word and not any(ch in word for ch in " \t\n\r"))
    lines = [HEADER.format(version=jieba.__version__, unasked=" ".join(sorted(UNASKED)))]
    lines += [f"{word}\t{tag}\n" for word, tag in kept]
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when the file is not current")
    args = parser.parse_args(argv)
    text = render(table())
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else ""
        if current != text:
            print(f"{TARGET.relative_to(REPO)} is not what jieba gives: run python tools/make_word_tags.py")
            return 1
        print(f"{TARGET.relative_to(REPO)} is current")
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(REPO)} ({len(text.encode('utf-8')) // 1000} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
