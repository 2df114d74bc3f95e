"""Shapes that tell a named place from a kind of place, for names found by their type word.

A province's report names kinds of places as often as places: 省级现代农业产业园 (a rating),
国家公园 (a scope and nothing more), 县县通高速 (a slogan), 旅游名县 (a category of county). And
a place's name may follow its description: 亚洲最大专业货运机场某某国际机场 names 某某国际机场.
"""
from __future__ import annotations

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.names.walk import NAME_PUNCTUATION
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import PROPER_TAGS, tag
from reportgraph.lexicon import Lexicon
from reportgraph.text import QUOTE_CHARS, fold

_SHAPES = datafile("extract/names/place_shapes.tsv").pairs
#: How the words of a kind of place open: a rating, a bare scope, a slogan of access, levels of
#: government, a count, a year.
_KIND_OPENINGS = tuple(regexcache.compile(_SHAPES[key])
                       for key in ("rating", "bare_scope", "access", "levels", "counted", "dated"))
_QUALITY = regexcache.compile(_SHAPES["quality"])
_ASPECT = frozenset(_SHAPES["aspect"].split())
_COUNTY_HEADS = frozenset(_SHAPES["county_heads"].split())
_DESCRIPTION_WORDS = tuple(_SHAPES["description_words"].split())
_INNER_VERBS = datafile("extract/names/place_inner_verbs.txt")
_FOLLOWERS = datafile("extract/names/place_followers.txt")
_SLOGAN_OPENERS = datafile("extract/names/slogan_openers.txt")
#: What must remain of a name's words before its type word once a verb before them is cut.
_MIN_CORE = 2
#: The longest own name of a town (镇) read back to the county or city named before it.
_MAX_TOWN_NAME = 3
#: How far before a town's own name the county or city that names it may start.
_DIVISION_REACH = 8


def kind_of_place(core: str, head: str, name: str, lexicon: Lexicon) -> bool:
    """Are the words ``core`` before the type word ``head`` those of a kind of place (a rating,
    a bare scope, a slogan of access, levels of government, a quality: 普惠性, a count: 两地, a
    year, a description: 首座…机场, a verb alone: 建强产业园), or is ``name`` a county no division
    list holds?"""
    core = core.strip(QUOTE_CHARS)  # “三甲”医院
    if any(opening.match(core) for opening in _KIND_OPENINGS) or _QUALITY.search(core) \
            or core in _INNER_VERBS.word_set or any(w in core for w in _DESCRIPTION_WORDS):
        return True
    return head in _COUNTY_HEADS and fold(name) not in lexicon.names


def after_description(s: SentenceView, start: int, head_at: int, head: str) -> int:
    """Where a place's name starts when a description ending in the same type word stands before
    it (…最大专业货运机场 + 某某国际机场): after that inner type word, if a description word
    precedes it; else ``start``."""
    inner = s.text.rfind(head, start, head_at)
    if inner <= start or head_at - (inner + len(head)) < 2:
        return start
    return inner + len(head) if any(w in s.text[start:inner] for w in _DESCRIPTION_WORDS) else start


def after_inner_verbs(s: SentenceView, start: int, head_at: int) -> int:
    """Where a place's name starts when a verb of the clause stands inside the words before its
    type word (扩能提质边境口岸, 更新改造某某路): after the last such verb that leaves at least
    two characters; else ``start``."""
    core = s.text[start:head_at]
    cut = max((core.rfind(w) + len(w) for w in _INNER_VERBS.words if w in core), default=0)
    return start + cut if cut and len(core) - cut >= _MIN_CORE else start


def modifies_what_follows(text: str, end: int) -> bool:
    """Does a word follow the type word that it only modifies (口岸 + 经济, 高铁 + 时代)?"""
    return text.startswith(_FOLLOWERS.words, end)


def in_a_slogan(text: str, at: int) -> bool:
    """Is the place name at ``at`` the object of a slogan's opening word (美丽 + 中国, 科创 + 广西),
    so that what it opens is a designation, not a site?"""
    return any(text.endswith(w, 0, at) for w in _SLOGAN_OPENERS.words)


def after_an_aspect(text: str, start: int) -> bool:
    """Does an adverb of aspect stand right before the name (已通气小区), so it is a predicate's?"""
    return text[start - 1:start] in _ASPECT


def town_start(s: SentenceView, start: int, head_at: int, lexicon: Lexicon) -> int:
    """Where a town's name starts: its two characters before 镇 (``start``), or back to the county or
    city named right before it when its own name is longer and no word of jieba's (某县 + 盐锅峡镇,
    not 锅峡镇)."""
    before = s.tokens_within(max(0, head_at - _MAX_TOWN_NAME - _DIVISION_REACH), start)
    if not before or before[-1][2] != start:
        return start
    # single characters between the place before and the two kept: the town's own name runs on
    k = len(before) - 1
    while k >= 0 and len(before[k][0]) == 1 and before[k][0] not in NAME_PUNCTUATION \
            and head_at - before[k][1] <= _MAX_TOWN_NAME:
        k -= 1
    if k < 0 or k == len(before) - 1:
        return start
    word, _, end = before[k]
    return end if tag(word) in PROPER_TAGS or fold(word) in lexicon.names else start
