"""What a finder is given and what it proposes: a possible mention within one sentence."""
from __future__ import annotations

from dataclasses import dataclass

from reportgraph.datafiles import datafile
from reportgraph.lexicon import Lexicon

#: Levels whose formal 政府工作报告 name undertakings and places only by names holding a proper element.
_FORMAL_LEVELS = frozenset(datafile("extract/names/communities.tsv").pairs["formal_levels"].split())


@dataclass(frozen=True)
class Context:
    """What a finder knows besides the sentence: the gazetteers, the report's issuer, level and region."""

    lexicon: Lexicon
    issuer: str = ""
    #: the report's level of government (vocab.LEVELS), or "" when not known
    level: str = ""
    #: the report's region chain, broadest first (广东省, 深圳市, 宝安区), where known
    region: tuple[str, ...] = ()

    @property
    def formal(self) -> bool:
        """Is the report a formal one of a level that names kinds as often as things (a province's)?"""
        return self.level in _FORMAL_LEVELS


@dataclass
class Candidate:
    """A possible mention (offsets relative to the sentence) and the finder that proposed it."""

    start: int
    end: int
    type: str
    name: str
    source: str
