"""The names a clause opens with, before a verb only firms take (立讯精密、信维通信获评…)."""
from __future__ import annotations

import re

from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate
from reportgraph.extract.names.walk import NAME_PUNCTUATION
from reportgraph.extract.sentence import SentenceView
from reportgraph.text import CLAUSE_BREAKS, LIST_SEPARATOR, NUMERAL_CHARS

_GENERIC = datafile("extract/names/subjects.txt")
_NUMBER_START = re.compile(rf"[\d{NUMERAL_CHARS}]")
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
        core = item.strip()
        if _MIN_NAME <= len(core) <= _MAX_NAME and not _NUMBER_START.match(core[:1]) \
                and core not in _GENERIC.word_set and not any(ch in NAME_PUNCTUATION for ch in core):
            out.append(Candidate(a, a + len(item), etype, s.original(a, a + len(item)), "subject"))
    return out
