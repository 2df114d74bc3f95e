"""``招银金投、信银金投开业运营``: only firms open for business or list on a market."""
from __future__ import annotations

from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.subjects import subjects
from reportgraph.extract.names.walk import words_at
from reportgraph.extract.sentence import SentenceView

_VERBS = datafile("extract/names/company_verbs.txt")


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """The subjects of a verb only firms take, as companies."""
    out = []
    for a, _b in words_at(s, _VERBS.words):
        out += subjects(s, a, "Company")
    return out
