"""Finding stated quantities: metric, value, unit, qualifier, kind and work area.

Three steps, each its own module: :mod:`.scan` finds the numbers and their
units, :mod:`.metric` names what each measures, :mod:`.kind` decides whether
it is an achievement or a target.
"""
from __future__ import annotations

from reportgraph.extract.indicators.kind import kind_of
from reportgraph.extract.indicators.metric import distribute, name_metrics
from reportgraph.extract.indicators.scan import scan
from reportgraph.model import Indicator, Report, Sentence
from reportgraph.text import fold

__all__ = ["find_indicators", "kind_of"]


def find_indicators(report: Report) -> list[Indicator]:
    """Every stated quantity of the report, with its metric and work area."""
    out: list[Indicator] = []
    for section in report.sections:
        for sentence in section.sentences:
            out.extend(_in_sentence(sentence, section.part))
    return out


def _in_sentence(sentence: Sentence, part: str) -> list[Indicator]:
    folded = fold(sentence.text)
    quantities = scan(folded)
    if not quantities:
        return []
    name_metrics(folded, quantities)
    quantities = distribute(folded, quantities)
    kind = kind_of(part, folded)
    return [
        Indicator(
            kind=kind, metric=q.metric, value=q.value, unit=q.unit, normalized=q.normalized,
            base_unit=q.base_unit, qualifier=q.qualifier,
            start=sentence.start + q.start, end=sentence.start + q.end,
            sentence=sentence, section_id=sentence.section_id,
        )
        for q in quantities
    ]
