"""Names the packaged and user gazetteers know."""
from __future__ import annotations

from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.sentence import SentenceView


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Gazetteer names; a packaged name must stand as whole words (重庆 is not in 隆重庆祝),
    a user's own name is trusted wherever it stands."""
    return [Candidate(a, b, entry.type, s.original(a, b), "gazetteer")
            for a, b, entry in ctx.lexicon.index.find(s.text)
            if entry.user or a in s.token_start and b in s.token_end]
