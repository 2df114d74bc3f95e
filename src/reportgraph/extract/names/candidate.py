"""What a finder is given and what it proposes: a possible mention within one sentence."""
from __future__ import annotations

from dataclasses import dataclass

from reportgraph.lexicon import Lexicon


@dataclass(frozen=True)
class Context:
    """What a finder knows besides the sentence: the gazetteers, the report's issuer, level and region."""

    lexicon: Lexicon
    issuer: str = ""
    #: the report's level of government (vocab.LEVELS), or "" when not known
    level: str = ""
    #: the report's region chain, broadest first (广东省, 深圳市, 宝安区), where known
    region: tuple[str, ...] = ()


@dataclass
class Candidate:
    """A possible mention (offsets relative to the sentence) and the finder that proposed it."""

    start: int
    end: int
    type: str
    name: str
    source: str
