"""Short names of routes and airports listed before the one that carries their type word: ``延榆、康渝高铁``,
``府谷、定边机场``. A province lists its railways by two-character names (each a pair of places, or a place);
the type word is written once, after the last, and each name before it is that route's too."""
from __future__ import annotations

import bisect

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.gate import holds_any
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.kinds import FACILITY, resolve_kind
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import PERSON_TAGS, PROPER_TAGS, tag
from reportgraph.text import LIST_SEPARATOR

_SHAPES = datafile("extract/names/route_lists.tsv").pairs
_HEADS = tuple(_SHAPES["heads"].split())
#: jieba's tags of a route's short name: none (延榆: no word it knows), a place's or another name's (西康), an
#: abbreviation's (京沪); a common word (干线, 智慧) names no route.
_NAME_TAGS = PROPER_TAGS | PERSON_TAGS | {"", "j"}
#: jieba's tags (first letters) of a word that ends the phrase before a list: a verb, an adverb, a preposition,
#: a conjunction (建成雄商、…; 和府谷、…); an adjective may open a name (新海港、…).
_PHRASE_ENDS = frozenset("vdpc")
#: A route's short name is this long (延榆, 西康).
_SHORT = 2
#: Two short names or more, the last with the type word, and no 等 after it (a list with 等 is lists.py's).
_LIST = regexcache.compile(
    rf"((?:[\u4e00-\u9fff]{{{_SHORT}}}{LIST_SEPARATOR})+)[\u4e00-\u9fff]{{{_SHORT}}}"
    rf"({'|'.join(_HEADS)})(?!{_SHAPES['closer']})")


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """The short names before the last of such a list, each with the list's type word."""
    text = s.text
    if LIST_SEPARATOR not in text or not holds_any(text, _HEADS):
        return []
    out = []
    for m in _LIST.finditer(text):
        items = [(m.start(1) + i * (_SHORT + 1), m.start(1) + i * (_SHORT + 1) + _SHORT)
                 for i in range(len(m.group(1)) // (_SHORT + 1))]
        last = m.end(1)
        if not _opens_a_phrase(s, items[0][0]) or not all(_short_name(s, a, b) for a, b in [*items, (last, last + 2)]):
            continue
        head = m.group(2)
        kind = resolve_kind(FACILITY, "", s.clause(m.start(), m.end()))
        out += [Candidate(a, b, kind, s.original(a, b) + head, "shared_head") for a, b in items]
    return out


def _opens_a_phrase(s: SentenceView, a: int) -> bool:
    """Does a word start at ``a`` after a punctuation mark or a word that ends another phrase (确保延榆、…), not
    inside a longer name (新海港、…)?"""
    k = bisect.bisect_left(s.token_starts, a)
    return k < len(s.tokens) and s.tokens[k][1] == a and (k == 0 or not s.tokens[k - 1][0].isalnum()
                                                          or tag(s.tokens[k - 1][0])[:1] in _PHRASE_ENDS)


def _short_name(s: SentenceView, a: int, b: int) -> bool:
    """Is ``a..b`` a word of its own that names places (:data:`_NAME_TAGS`), not a common word (智慧, 干线)?"""
    words = s.tokens_within(a, b)
    return "".join(w for w, _, _ in words) == s.text[a:b] and tag(s.text[a:b]) in _NAME_TAGS
