"""What a finder is given and what it proposes: a possible mention within one sentence."""
from __future__ import annotations

from dataclasses import dataclass

from reportgraph.lexicon import Lexicon


@dataclass(frozen=True)
class Context:
    """What a finder knows besides the sentence: the gazetteers, the report's issuer and level."""

    lexicon: Lexicon
    issuer: str = ""
    #: the report's level of government (vocab.LEVELS), or "" when not known
    level: str = ""


@dataclass
class Candidate:
    """A possible mention (offsets relative to the sentence) and the finder that proposed it."""

    start: int
    end: int
    type: str
    name: str
    source: str
