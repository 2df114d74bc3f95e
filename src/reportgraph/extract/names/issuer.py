"""The report's own issuer, wherever the text names it in full."""
from __future__ import annotations

from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.sentence import SentenceView
from reportgraph.text import fold


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """The issuer as a government body, as sure as a gazetteer name."""
    issuer = ctx.issuer
    if len(issuer) < 2:
        return []
    at = s.text.find(fold(issuer))
    if at < 0:
        return []
    return [Candidate(at, at + len(issuer), "GovernmentBody", s.original(at, at + len(issuer)), "gazetteer")]
