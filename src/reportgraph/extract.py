"""The extract stage: entity mentions and indicators of one segmented report."""
from __future__ import annotations

from reportgraph.entities import find_mentions
from reportgraph.indicators import find_indicators
from reportgraph.lexicon import Lexicon
from reportgraph.model import Extraction, Report


def extract(report: Report, lexicon: Lexicon) -> Extraction:
    """Find every entity mention and every stated quantity in ``report``."""
    return Extraction(report=report, mentions=find_mentions(report, lexicon),
                      indicators=find_indicators(report))
