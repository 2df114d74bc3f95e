"""The names a clause opens with, before a verb only firms take (立讯精密、信维通信获评…)."""
from __future__ import annotations

import re

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate
from reportgraph.extract.names.walk import NAME_PUNCTUATION, boundaries
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import VERB_TAGS, tag
from reportgraph.text import CLAUSE_BREAKS, LIST_SEPARATOR, NUMERAL_CHARS

_GENERIC = datafile("extract/names/subjects.txt")
_DESCRIPTION_OPENERS = datafile("extract/names/description_openers.txt")
_LIST_SHAPES = datafile("extract/names/lists.tsv").pairs
#: What closes the last item of a list of firms (某某科技等企业, 某某集团等3家企业): no part of its name.
_LIST_CLOSE = regexcache.compile("(?:{})(?:{})$".format(
    _LIST_SHAPES["subject_closer"].replace("{count}", _LIST_SHAPES["count"]),
    "|".join(sorted(map(re.escape, _GENERIC.words), key=len, reverse=True))))
_NUMBER_START = regexcache.compile(rf"[\d{NUMERAL_CHARS}]")
#: A subject this short or long is no firm's name.
_MIN_NAME, _MAX_NAME = 2, 10


def subjects(s: SentenceView, trigger_at: int, etype: str) -> list[Candidate]:
    """The 、-listed names between the clause's start and ``trigger_at``, as ``etype``."""
    out = []
    i = trigger_at
    while i > 0 and s.text[i - 1] not in CLAUSE_BREAKS:
        i -= 1
    subject = s.text[i:trigger_at]
    pos = i
    for item in subject.split(LIST_SEPARATOR):
        a = pos
        pos += len(item) + 1
        closed = _LIST_CLOSE.search(item)
        b = _without_trailing_verbs(s, a, a + (closed.start() if closed else len(item)))
        core = s.text[a:b].strip()
        if _MIN_NAME <= len(core) <= _MAX_NAME and not _NUMBER_START.match(core[:1]) \
                and core not in _GENERIC.word_set and NAME_PUNCTUATION.isdisjoint(core) \
                and not core.startswith(tuple(_DESCRIPTION_OPENERS.words)) and not _opens_with_a_verb(s, a, b):
            out.append(Candidate(a, b, etype, s.original(a, b), "subject"))
    return out


def _opens_with_a_verb(s: SentenceView, a: int, b: int) -> bool:
    """Does the subject open with two words that end a name's left edge (深入实施企业挂牌上市)?"""
    words = [w for w, _, _ in s.tokens_within(a, b)][:2]
    return len(words) == 2 and all(w in boundaries() for w in words)


def _without_trailing_verbs(s: SentenceView, a: int, b: int) -> int:
    """Where a subject ends once the verbs before the trigger are dropped (某某银行挂牌开业)."""
    for word, wa, wb in reversed(s.tokens_within(a, b)):
        if wb < b or wa <= a or len(word) < 2 or tag(word) not in VERB_TAGS:
            break
        b = wa
    return b
