"""Short names of built places listed before the one that carries their type word: ``延榆、康渝高铁``,
``府谷、定边机场``, ``德厚、阿岗、某某大型水库``. A province lists its railways, airports and water works by short
names (a pair of places, a place); the type word is written once, after the last, and each name before it
takes it too (``data/extract/names/shared_heads.tsv``)."""
from __future__ import annotations

import bisect

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.gate import holds_any
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.kinds import FACILITY, resolve_kind, suffix_pattern
from reportgraph.extract.names.walk import ROUTE_JOINER
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import PERSON_TAGS, PROPER_TAGS, tag
from reportgraph.text import HANZI_RUN, LIST_SEPARATOR

_SHAPES = datafile("extract/names/shared_heads.tsv").pairs
_HEADS = tuple(_SHAPES["heads"].split())
_LONG_NAMES = frozenset(_SHAPES["long_names"].split())
#: jieba's tags of a short name: none (延榆: no word it knows), a place's or another name's (西康), an
#: abbreviation's (京沪); a common word (干线, 智慧) names no place.
_NAME_TAGS = PROPER_TAGS | PERSON_TAGS | {"", "j"}
#: jieba's tags (first letters) of a word that ends the phrase before a list: a verb, an adverb, a preposition,
#: a conjunction (建成雄商、…; 和府谷、…); an adjective may open a name (新海港、…).
_PHRASE_ENDS = frozenset("vdpc")
#: A short name is this long (延榆; 车马碧, under a head of :data:`_LONG_NAMES`).
_MIN_SHORT, _MAX_SHORT = 2, 3
#: Routes named by the places they join (通苏嘉甬): a name of up to five, one character or one name per place.
_JOINED_ROUTES = frozenset(_SHAPES["joined_routes"].split())
_MAX_JOINED = 5
#: The type word, after a word of size maybe; one with 等 after it closes a list that is lists.py's.
_HEAD = regexcache.compile(rf"(?:{'|'.join(_SHAPES['sizes'].split())})?(?P<head>{'|'.join(_HEADS)})")
_CLOSER = _SHAPES["closer"]


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """The short names before the last of such a list, each with the list's type word."""
    text = s.text
    if LIST_SEPARATOR not in text or not holds_any(text, _HEADS):
        return []
    out = []
    for m in _HEAD.finditer(text):
        if m.end() not in s.token_end or text.startswith(_CLOSER, m.end()):
            continue  # 高速发展, 铁路局: the head inside a longer word; 某某、某某高速公路等: lists.py's
        head = m.group("head")
        longest = _MAX_JOINED if head in _JOINED_ROUTES else _MAX_SHORT if head in _LONG_NAMES else _MIN_SHORT
        items = _listed_before(s, m.start(), longest)
        if items:
            kind = resolve_kind(FACILITY, "", s.clause(m.start(), m.end()))
            out += [Candidate(a, b, kind, s.original(a, b) + head, "shared_head") for a, b in items[1:]]
    return out


def _listed_before(s: SentenceView, end: int, longest: int) -> list[tuple[int, int]]:
    """The short names of a 、 list ending at ``end`` (where the type word starts), last first, if each is one and
    the first opens a phrase; else none. A middle name runs between two 、; the first and the last are two
    characters, or three where ``longest`` allows, as the words do."""
    text = s.text
    last = next((end - n for n in range(longest, _MIN_SHORT - 1, -1)
                 if end - n - 1 >= 0 and text[end - n - 1] == LIST_SEPARATOR and _short_name(s, end - n, end)), None)
    if last is None:
        return []
    items = [(last, end)]
    while True:
        sep = items[-1][0] - 1
        middle = next((sep - n for n in range(_MIN_SHORT, longest + 1)
                       if sep - n > 0 and text[sep - n - 1] == LIST_SEPARATOR), None)
        if middle is not None:
            if not _short_name(s, middle, sep):
                return []
            items.append((middle, sep))
            continue
        first = next((sep - n for n in range(longest, _MIN_SHORT - 1, -1)
                      if sep - n >= 0 and _opens_a_phrase(s, sep - n) and _short_name(s, sep - n, sep)), None)
        return [*items, (first, sep)] if first is not None else []


def _opens_a_phrase(s: SentenceView, a: int) -> bool:
    """Does a word start at ``a`` after a punctuation mark or a word that ends another phrase (确保延榆、…), not
    inside a longer name (新海港、…), nor after a route's 至 (西安至禾安、…: the route's end), and is that word
    itself none that ends a phrase (对禾厚、…: 对 is the preposition before the list)?"""
    k = bisect.bisect_left(s.token_starts, a)
    if k >= len(s.tokens) or s.tokens[k][1] != a or tag(s.tokens[k][0])[:1] in _PHRASE_ENDS:
        return False
    if k == 0:
        return True
    before = s.tokens[k - 1][0]
    return before != ROUTE_JOINER and (not before.isalnum() or tag(before)[:1] in _PHRASE_ENDS)


def _short_name(s: SentenceView, a: int, b: int) -> bool:
    """Is ``a..b`` words of their own that name places (:data:`_NAME_TAGS`), no common word (智慧, 干线) and no
    name of another kind (某某工程)?"""
    return a in s.token_start and b in s.token_end and bool(HANZI_RUN.fullmatch(s.text, a, b)) \
        and tag(s.text[a:b]) in _NAME_TAGS and not suffix_pattern().search(s.text, a, b) \
        and (b - a <= _MAX_SHORT or all(len(w) == 1 or tag(w) in _NAME_TAGS for w, _, _ in s.tokens_within(a, b)))
