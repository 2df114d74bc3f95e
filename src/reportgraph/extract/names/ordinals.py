"""``第二十一届…文化活动``: an edition number makes an event of what it counts; so does a census's
round (第四次全国农业普查), and a kind of games is an event by its short name alone (全运会)."""
from __future__ import annotations

import bisect

from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.walk import after_a_verb_right_before, left_edge, trim_left, words_at
from reportgraph.extract.sentence import SentenceView

_SHAPES = datafile("extract/names/ordinals.tsv").named_patterns
_WORD_ENDS = tuple(datafile("extract/names/ordinal_word_ends.txt").words)
_GAMES = datafile("extract/names/games.txt")
_NOT_EVENTS = tuple(datafile("extract/names/not_event_endings.txt").words)
#: The scopes right before an edition that are its name's (全国第十五届运动会), longest first.
_SCOPES = tuple(sorted(datafile("extract/names/edition_scopes.txt").words, key=len, reverse=True))
#: How far after the edition number an event's word may end (the tail's longest match).
_MAX_TAIL = 42
#: How far before the edition number the event's name may begin (沙井第二十一届…).
_MAX_PREFIX = 8


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Every event the sentence names by its edition."""
    out = []
    for m in _SHAPES["edition"].finditer(s.text):
        end = _tail_end(s, m.end())
        if end and not s.in_quote(m.start()):
            session = _SHAPES["session"].match(s.text, end)
            if session:
                end = session.end()
            end = _word_end(s, end)
            start = left_edge(s, m.start(), _MAX_PREFIX, "Event").start
            start = trim_left(s, start, m.end(), m.end() - m.start(), ctx.lexicon.names)  # 高水平办好第十八届省运会
            start = after_a_verb_right_before(s, start, m.start())  # 成功申办第十六届全运会
            scope = next((w for w in _SCOPES if s.text.endswith(w, 0, start)), "") if start == m.start() else ""
            start -= len(scope)  # 全国第十五届运动会: another event than 省第十五届运动会
            out.append(Candidate(start, end, "Event", s.original(start, end), "suffix"))
    return out + _censuses(s, ctx) + _games(s)


def _tail_end(s: SentenceView, start: int) -> int:
    """Where the event's words after its edition end: at the first event word that ends a word (not
    the 节 of 节水, the 展 of 展洽会) and no common word (not the 展 of 发展 in 首届…发展大会), or
    opens a word that ends an event's name (…部长会议); 0 where none does."""
    tail, text = _SHAPES["event_tail"], s.text
    for end in range(start + 1, min(len(text), start + _MAX_TAIL) + 1):
        if tail.fullmatch(text, start, end) and not text[start:end].endswith(_NOT_EVENTS) \
                and (end in s.token_end or _word_end(s, end) != end):
            return end
    return 0


def _censuses(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Every census the sentence names by its round (全国第三次古树名木资源普查)."""
    out = []
    for m in _SHAPES["census"].finditer(s.text):
        if not s.in_quote(m.start()):
            start = left_edge(s, m.start(), _MAX_PREFIX, "Event").start
            start = trim_left(s, start, m.end(), m.end() - m.start(), ctx.lexicon.names)  # 做好第四次…
            out.append(Candidate(start, m.end(), "Event", s.original(start, m.end()), "suffix"))
    return out


def _games(s: SentenceView) -> list[Candidate]:
    """Every kind of games the sentence names as whole words (健儿在亚冬会上); an edition before it
    makes the longer name of :func:`find` (第十五届全运会), which stands over this one."""
    return [Candidate(a, b, "Event", s.original(a, b), "suffix")
            for a, b in words_at(s, _GAMES.word_set) if not s.in_quote(a)]


def _word_end(s: SentenceView, end: int) -> int:
    """The end of the word ``end`` falls inside where that word ends an event's name (…部长会 of
    部长会议), else ``end`` (文华节 of 文华节目奖 stays as it is)."""
    k = bisect.bisect_right(s.token_starts, end - 1) - 1
    if k >= 0:
        word, a, b = s.tokens[k]
        if a < end < b and word.endswith(_WORD_ENDS):
            return b
    return end
