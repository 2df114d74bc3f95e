"""Phases of a build: 某某电厂二期, 某某核电三期工程. A phase is said only of a project that is built in
stages, so the name before it, with its phase, is a Project whatever its type word (a plant, a firm's
works, a line)."""
from __future__ import annotations

from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.walk import left_edge
from reportgraph.extract.sentence import SentenceView

_SHAPES = datafile("extract/names/phases.tsv").named_patterns
#: A project's name before its phase is at least this long, and at most this.
_MIN_CORE, _MAX_NAME = 2, 16


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Every phased project the sentence names."""
    out = []
    text = s.text
    for m in _SHAPES["phase"].finditer(text):
        a, b = m.start(), m.end()
        if a < _MIN_CORE or _SHAPES["not_before"].match(text, a - 1) or not _SHAPES["follows"].match(text, b):
            continue
        edge = left_edge(s, a, _MAX_NAME, "Project")
        if edge.counted or a - edge.start < _MIN_CORE:
            continue
        out.append(Candidate(edge.start, b, "Project", s.original(edge.start, b), "phase"))
    return out
