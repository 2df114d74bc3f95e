"""``第二十一届…文化活动``: an edition number makes an event of what it counts."""
from __future__ import annotations

import bisect

from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.walk import left_edge, trim_left
from reportgraph.extract.sentence import SentenceView

_SHAPES = datafile("extract/names/ordinals.tsv").named_patterns
_WORD_ENDS = tuple(datafile("extract/names/ordinal_word_ends.txt").words)
#: How far before the edition number the event's name may begin (沙井第二十一届…).
_MAX_PREFIX = 8


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Every event the sentence names by its edition."""
    out = []
    for m in _SHAPES["edition"].finditer(s.text):
        tail = _SHAPES["event_tail"].match(s.text, m.end())
        if tail and not s.in_quote(m.start()):
            end = tail.end()
            session = _SHAPES["session"].match(s.text, end)
            if session:
                end = session.end()
            end = _word_end(s, end)
            start = left_edge(s, m.start(), _MAX_PREFIX, "Event").start
            start = trim_left(s, start, m.end(), m.end() - m.start(), ctx.lexicon.names)  # 高水平办好第十八届省运会
            out.append(Candidate(start, end, "Event", s.original(start, end), "suffix"))
    return out


def _word_end(s: SentenceView, end: int) -> int:
    """The end of the word ``end`` falls inside where that word ends an event's name (…部长会 of
    部长会议), else ``end`` (文华节 of 文华节目奖 stays as it is)."""
    k = bisect.bisect_right(s.token_starts, end - 1) - 1
    if k >= 0:
        word, a, b = s.tokens[k]
        if a < end < b and word.endswith(_WORD_ENDS):
            return b
    return end
