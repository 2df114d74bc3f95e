"""The extract stage: entity mentions, indicators and problems of one segmented report.

Names are found by the finders of :mod:`.names` (each its own module and data
file, run in one explicit order, resolved by one resolver), quantities by
:mod:`.indicators`, problems by :mod:`.problems`. Every rule sees sentences
through one :class:`.sentence.SentenceView` per sentence.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportgraph.extract.indicators import find_indicators
from reportgraph.extract.names import FINDERS, Finder, find_mentions
from reportgraph.extract.problems import find_problems
from reportgraph.lexicon import Lexicon
from reportgraph.model import Extraction, Report

__all__ = ["extract"]


def extract(report: Report, lexicon: Lexicon, finders: Sequence[Finder] = FINDERS) -> Extraction:
    """Find every entity mention, stated quantity and admitted problem in ``report``."""
    return Extraction(report=report, mentions=find_mentions(report, lexicon, finders),
                      indicators=find_indicators(report), problems=find_problems(report))
