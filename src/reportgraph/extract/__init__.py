"""The extract stage: entity mentions, indicators and problems of one segmented report.

Names are found by the finders of :mod:`.names` (each its own module and data
file, run in one explicit order, resolved by one resolver), quantities by
:mod:`.indicators`, problems by :mod:`.problems`. Every rule sees sentences
through one :class:`.sentence.SentenceView` per sentence.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportgraph.errors import ReportError
from reportgraph.extract.indicators import TooManyFigures, find_indicators
from reportgraph.extract.names import FINDERS, Finder, find_mentions
from reportgraph.extract.problems import find_problems
from reportgraph.lexicon import Lexicon
from reportgraph.limits import DEFAULT as DEFAULT_LIMITS
from reportgraph.limits import Limits, raise_with
from reportgraph.model import Extraction, Report

__all__ = ["extract"]


def extract(report: Report, lexicon: Lexicon, finders: Sequence[Finder] = FINDERS,
            limits: Limits = DEFAULT_LIMITS) -> Extraction:
    """Find every entity mention, stated quantity and admitted problem in ``report``.

    A report with more figures than ``limits.figures`` is a ReportError, found
    before its names are looked for.
    """
    try:
        indicators = find_indicators(report, limits.figures)
    except TooManyFigures as over:
        raise ReportError(report.path, f"the report states {over}: is it a table or a generated file? "
                                       f"Split it, or {raise_with('figures')}") from None
    return Extraction(report=report, mentions=find_mentions(report, lexicon, finders),
                      indicators=indicators, problems=find_problems(report))
