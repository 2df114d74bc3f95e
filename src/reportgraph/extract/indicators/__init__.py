"""Finding stated quantities: metric, value, unit, qualifier, kind and work area.

Three steps, each its own module: :mod:`.scan` finds the numbers and their
units, :mod:`.metric` names what each measures, :mod:`.kind` decides whether
it is an achievement or a target.
"""
from __future__ import annotations

from sys import intern

from reportgraph.extract.indicators.kind import kind_of, reviews_the_past
from reportgraph.extract.indicators.metric import (
    distribute, name_metrics, said_of_the_topic, topic_of, without_starting_values, without_thresholds,
)
from reportgraph.extract.indicators.scan import counts_the_plans_parts, scan
from reportgraph.model import Indicator, Report, Sentence
from reportgraph.text import fold

__all__ = ["TooManyFigures", "find_indicators", "kind_of"]


class TooManyFigures(Exception):
    """A report states more figures than the bound allows: stopped as soon as it was passed."""

    def __init__(self, most: int) -> None:
        super().__init__(f"more than {most:,} figures")
        self.most = most


def find_indicators(report: Report, most: int | None = None) -> list[Indicator]:
    """Every stated quantity of the report, with its metric and work area.

    With ``most``, raises TooManyFigures as soon as more are found, so that
    text of nothing but figures costs no more than the bound.
    """
    plan_year = _year_of(report.plan_period)
    out: list[Indicator] = []
    for section in report.sections:
        topic, left = "", 0  # the industry the sentences speak of, for how many more
        part, past = section.part, False
        for sentence in section.sentences:
            folded = fold(sentence.text)  # once: the figures and the topic both read it
            # 过去五年，我们…。地区生产总值年均增长4.8%…: a plan's review of the period behind it states what was done
            past = part == "plan" and reviews_the_past(folded, past, plan_year)
            found = _in_sentence(sentence, folded, "summary" if past else part, plan_year,
                                 None if most is None else most - len(out))
            if left and found:
                _carry_the_topic(found, topic, folded)
            opened = topic_of(folded, left > 1)
            topic, left = (opened, _TOPIC_REACH if opened else 0) if opened is not None else (topic, max(left - 1, 0))
            out.extend(found)
    return out


#: How many sentences after its topic a bare measure may still be said of it (石化产业持续…。
#: 释放…。建设…。产值突破1300亿元。).
_TOPIC_REACH = 4


def _carry_the_topic(found: list[Indicator], topic: str, folded: str) -> None:
    """产值突破1300亿元: a sentence (``folded``) that opens with a bare measure says it of the topic before."""
    bare = found[0].metric
    if said_of_the_topic(folded, bare):
        for indicator in found:
            if indicator.metric == bare:
                indicator.metric = topic + bare


def _year_of(period: str) -> int | None:
    """The year a period starts in (2024年下半年 -> 2024), or None."""
    digits = period[:4]
    return int(digits) if digits.isdigit() else None


def _in_sentence(sentence: Sentence, folded: str, part: str, plan_year: int | None,
                 most: int | None) -> list[Indicator]:
    """The sentence's quantities (``folded``: its text width-folded) as indicators; TooManyFigures when there are
    more than ``most``."""
    quantities = scan(folded, most)
    if not quantities:
        return []
    if most is not None and len(quantities) > most:
        raise TooManyFigures(most)
    quantities = without_thresholds(folded, quantities)
    name_metrics(folded, quantities)
    quantities = [q for q in without_starting_values(distribute(folded, quantities))
                  if not counts_the_plans_parts(q.metric)]
    return [
        Indicator(
            # a few hundred metrics and units, said again in report after report: one string each, not one a figure
            kind=kind_of(part, folded, q.start, plan_year), metric=intern(q.metric), value=q.value, unit=intern(q.unit),
            normalized=q.normalized,
            base_unit=q.base_unit, qualifier=q.qualifier,
            start=sentence.start + q.start, end=sentence.start + q.end,
            sentence=sentence, section_id=sentence.section_id, upper=q.upper,
        )
        for q in quantities
    ]
