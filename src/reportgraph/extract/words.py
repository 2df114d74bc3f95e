"""Words of a sentence as jieba cuts them, and the part of speech its dictionary gives a word.

The cut is jieba's algorithm and dictionary, dictionary only (no HMM
guessing): an unknown name falls apart into characters, which the walks over
names rely on. rjieba, its Rust port, runs it about eight times faster with
the same result, so it is used where installed.
"""
from __future__ import annotations

from functools import lru_cache

import jieba

jieba.setLogLevel(60)

try:
    import rjieba

    def _cut(text: str) -> list[str]:
        return rjieba.cut(text, hmm=False)
except ImportError:  # pragma: no cover - rjieba is a declared dependency
    def _cut(text: str) -> list[str]:
        return jieba.lcut(text, HMM=False)

#: A word of a sentence: its text, start and end offset.
Token = tuple[str, int, int]

#: jieba tags of common words: nouns, verbs and their nouns, abbreviations, idioms, adjectives,
#: time words (not the proper nouns: places ns, persons nr, other names nz, bodies nt).
COMMON_TAGS = frozenset({"n", "v", "vn", "vd", "j", "l", "a", "an", "ad", "i", "t"})
#: jieba tags of proper nouns: places, other names, bodies (not persons: jieba tags many common
#: words as persons' names, 卫星, 智慧).
PROPER_TAGS = frozenset({"ns", "nz", "nt"})
#: jieba tags of persons' names: it gives them to many places (五莲, 延吉, 武隆) — and to some
#: words of description (高水平, 智慧).
PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
#: jieba tags of verbs.
VERB_TAGS = frozenset({"v", "vd", "vi", "vn"})


def words_of(text: str) -> list[Token]:
    """jieba's words of ``text`` with their offsets."""
    out, pos = [], 0
    for word in _cut(text):
        out.append((word, pos, pos + len(word)))
        pos += len(word)
    return out


@lru_cache(maxsize=1)
def _tags() -> dict[str, str]:
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


def tag(word: str) -> str:
    """jieba's part-of-speech tag of a dictionary word, or "" for a word it does not know."""
    return _tags().get(word, "")


def tag_or(word: str, default: str) -> str:
    """jieba's tag of ``word``, or ``default`` for a word it does not know."""
    return _tags().get(word, default)
