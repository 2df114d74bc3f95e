"""A known firm's short name inside the name of something else: ``潍柴齐天`` (a model),
``上汽红岩`` (another firm), ``一汽丰田`` (a joint venture), ``福耀科技大学`` (a university).
The gazetteer finds the short name wherever it stands as a word; here such finds are told apart
from a firm named as the owner of a project or a plant (``中石化特种纤维``, ``中海油装备智能制造``),
which stand.
"""
from __future__ import annotations

import bisect

from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate
from reportgraph.extract.names.walk import CONJUNCTIONS
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import tag
from reportgraph.text import HANZI

_SHAPES = datafile("extract/names/embedded.tsv").pairs
_ITEM_ENDS = frozenset(_SHAPES["item_ends"])
_GLUED_TAGS = frozenset(_SHAPES["glued_tags"].split())
#: The longest body's name looked for around a firm's (a university's, an institute's).
_MAX_BODY_NAME = 40
#: A brand's or a sibling firm's own part after the short name is this long (齐天, 红岩).
_OWN_PART = 2


def inside_another_name(s: SentenceView, c: Candidate) -> bool:
    """Is a firm found by its known name only part of another name?

    Either two characters jieba knows no word for follow it and end the list item (潍柴齐天等,
    上汽红岩、), or an abbreviation is glued before it (一汽丰田)."""
    text = s.text
    after = text[c.end:c.end + _OWN_PART]
    if len(after) == _OWN_PART and text[c.end + _OWN_PART:c.end + _OWN_PART + 1] in _ITEM_ENDS \
            and all(_alone_unknown(s, c.end + i) for i in range(_OWN_PART)):
        return True
    k = bisect.bisect_left(s.token_starts, c.start) - 1
    return k >= 0 and s.tokens[k][2] == c.start and tag(s.tokens[k][0]) in _GLUED_TAGS


class BodySpans:
    """The spans of a sentence's candidate bodies, for asking whether a known firm's name opens a
    longer body's name (福耀 of 福耀科技大学, a university a firm founded), not the firm itself."""

    def __init__(self, s: SentenceView, candidates: list[Candidate]) -> None:
        self._text = s.text
        self._spans = sorted((c.start, c.end) for c in candidates if c.type == "GovernmentBody")
        self._starts = [a for a, _ in self._spans]

    def contain(self, c: Candidate) -> bool:
        """Does a body's span hold ``c`` and run on past it, not over a conjunction (青柴与某某大学
        names two)? Only bodies starting at most a name's length before it are looked at, so a
        sentence with many stays linear."""
        if self._text[c.end:c.end + 1] in CONJUNCTIONS:
            return False
        lo = bisect.bisect_left(self._starts, c.start - _MAX_BODY_NAME)
        hi = bisect.bisect_right(self._starts, c.start)
        return any(c.end < b for _, b in self._spans[lo:hi])


def _alone_unknown(s: SentenceView, at: int) -> bool:
    """Is the character at ``at`` a word of one character on its own (an unknown name's piece)?"""
    return at in s.token_start and at + 1 in s.token_end and bool(HANZI.match(s.text, at))
