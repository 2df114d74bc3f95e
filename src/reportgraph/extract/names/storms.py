"""Named storms: 台风“摩羯”, 超强台风“海葵”. The weather word before the quote says what the
quoted name is; the storm is one event, which a report names when it says how it was met."""
from __future__ import annotations

from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.sentence import SentenceView

_WORDS = datafile("extract/names/storms.txt")


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Every storm the sentence names: a storm word right before a quoted name."""
    out = []
    for a, b in s.quotes:
        word = next((w for w in _WORDS.words if s.text.endswith(w, 0, a)), "")
        if word and b - a > 2:
            start = a - len(word)
            out.append(Candidate(start, b, "Event", s.original(start, b), "storm"))
    return out
