"""Words of a sentence as jieba cuts them, and the part of speech its dictionary gives a word.

The cut is jieba's algorithm and dictionary, dictionary only (no HMM
guessing): an unknown name falls apart into characters, which the walks over
names rely on. rjieba, its Rust port, runs it about eight times faster with
the same result, so it is used where installed, and jieba is then not even
imported; either is loaded at the first cut (:func:`cutter`).

A word's tag comes from ``data/extract/word_tags.tsv``, jieba's own table
copied by ``tools/make_word_tags.py`` for the tags the rules ask about:
``jieba.posseg`` would load the whole dictionary again (about 0.2 s and
50 MB) to answer a few hundred look-ups. The file's lines are sorted by
word, so a look-up is a binary search over its bytes, mapped from the file
(UTF-8 keeps the order of code points): nothing is read, decoded, split or
hashed up front (splitting its 350,000 lines alone took 80 ms of every
build), and a build that asks a few hundred words pays for those.
"""
from __future__ import annotations

import mmap
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate

from reportgraph.datafiles import datafile

#: jieba's tag of each dictionary word, one line per tag (tags no rule asks are left out).
_WORD_TAGS = datafile("extract/word_tags.tsv")


@lru_cache(maxsize=1)
def cutter() -> Callable[[str], list[str]]:
    """rjieba's cut where installed, else jieba's (the same words, eight times slower).

    Loaded at the first cut, not when this module is imported: rjieba builds
    its dictionary when it is imported (about 0.15 s, holding the GIL, so no
    thread can overlap it), and a build whose reports all come from its cache
    cuts nothing. A build that forks workers loads it first, so that they
    share one dictionary.
    """
    try:
        import rjieba
    except ImportError:  # pragma: no cover - rjieba is a declared dependency
        import jieba

        jieba.setLogLevel(60)
        return lambda text: jieba.lcut(text, HMM=False)
    return lambda text: rjieba.cut(text, hmm=False)


#: A word of a sentence: its text, start and end offset.
Token = tuple[str, int, int]

#: jieba tags of common words: nouns, verbs and their nouns, abbreviations, idioms, adjectives,
#: time words (not the proper nouns: places ns, persons nr, other names nz, bodies nt).
COMMON_TAGS = frozenset({"n", "v", "vn", "vd", "j", "l", "a", "an", "ad", "i", "t"})
#: jieba tags of proper nouns: places, other names, bodies (not persons: jieba tags many common
#: words as persons' names, 卫星, 智慧).
PROPER_TAGS = frozenset({"ns", "nz", "nt"})
#: jieba's tag of places (it glues some towns' names and their type word into one: 石门镇).
PLACE_TAG = "ns"
#: jieba tags of persons' names: it gives them to many places (五莲, 延吉, 武隆) — and to some
#: words of description (高水平, 智慧).
PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
#: jieba tags of verbs.
VERB_TAGS = frozenset({"v", "vd", "vi", "vn"})
#: jieba's tag of a word that is a verb only (加快, 制定), not one used as a noun (建设 vn) or an adverb.
PLAIN_VERB = "v"
#: jieba's tag of abbreviations (东盟, 浙赣, 渝): a name's, though it counts among the common tags.
ABBREVIATION_TAG = "j"


def words_of(text: str) -> list[Token]:
    """jieba's words of ``text`` with their offsets."""
    words = cutter()(text)
    ends = list(accumulate(map(len, words)))
    return list(zip(words, [0, *ends[:-1]], ends))


@lru_cache(maxsize=1)
def _table() -> tuple[mmap.mmap, int]:
    """The table's bytes (lines ``word<TAB>tag``, sorted) and where its entries start, after the ``# `` header."""
    data = _WORD_TAGS.data
    start = 0
    while data[start:start + 2] == b"# ":
        end = data.find(b"\n", start)
        start = len(data) if end < 0 else end + 1
    return data, start


@lru_cache(maxsize=1 << 16)
def _lookup(word: str) -> str | None:
    data, lo = _table()
    key = word.encode("utf-8") + b"\t"
    hi = len(data)
    # lo is always a line's start: every line before it is < key, every line from hi on is >= key
    while lo < hi:
        mid = (lo + hi) // 2
        line_start = data.rfind(b"\n", lo, mid) + 1 or lo
        line_end = data.find(b"\n", line_start)
        if line_end < 0:
            line_end = len(data)
        if data[line_start:line_end] < key:
            lo = line_end + 1
        else:
            hi = line_start
    if data[lo:lo + len(key)] != key:
        return None
    end = data.find(b"\n", lo)
    return data[lo + len(key):end if end >= 0 else len(data)].decode("utf-8")


def tag(word: str) -> str:
    """jieba's part-of-speech tag of a dictionary word, or "" for a word it does not know."""
    return _lookup(word) or ""


def tag_or(word: str, default: str) -> str:
    """jieba's tag of ``word``, or ``default`` for a word it does not know."""
    found = _lookup(word)
    return default if found is None else found
