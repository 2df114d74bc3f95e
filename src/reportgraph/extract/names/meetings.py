"""Meetings named by their term and session: 党的二十大, 二十届三中全会, 省委十三届三次全会,
区二届人大一次会议. Each is one event, recurring in reports for years; a list of sessions
(省委十三届三次、四次全会) names one meeting per session."""
from __future__ import annotations

from functools import lru_cache

from reportgraph.datafiles import datafile
from reportgraph.extract.gate import Gated
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.sentence import SentenceView
from reportgraph.text import LIST_SEPARATOR

_SHAPES = datafile("extract/names/meetings.tsv").named_patterns
#: Shapes that name one meeting as matched.
_SINGLE = ("congress", "plenum", "party_congress")
#: Shapes whose sessions may be listed, each naming a meeting of its own.
_LISTED = ("local_plenum", "people_congress")


@lru_cache(maxsize=1)
def _gated() -> dict[str, Gated]:
    """Each shape, run only on a sentence holding the words it needs (届, 人大, 党代会)."""
    return {shape: Gated(_SHAPES[shape]) for shape in _SINGLE + _LISTED}


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Every meeting the sentence names."""
    out: list[Candidate] = []
    shapes = _gated()
    for shape in _SINGLE:
        for m in shapes[shape].finditer(s.text):
            if not s.in_quote(m.start()):
                out.append(Candidate(m.start(), m.end(), "Event", s.original(m.start(), m.end()), "meeting"))
    for shape in _LISTED:
        for m in shapes[shape].finditer(s.text):
            if s.in_quote(m.start()):
                continue
            prefix = s.text[m.start():m.start("sessions")]
            head = m.group("head")
            sessions = m.group("sessions").split(LIST_SEPARATOR)
            if len(sessions) == 1:
                out.append(Candidate(m.start(), m.end(), "Event", s.original(m.start(), m.end()), "meeting"))
                continue
            # 省委十三届三次、四次全会: each meeting's mention is its own words, the first with the prefix,
            # the last with the head
            at = m.start("sessions")
            for n, session in enumerate(sessions):
                start = m.start() if n == 0 else at
                end = m.end() if n == len(sessions) - 1 else at + len(session)
                out.append(Candidate(start, end, "Event", prefix + session + head, "meeting"))
                at += len(session) + 1
    return out
