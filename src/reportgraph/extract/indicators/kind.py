"""Achievement or target: what was done or measured, or what is planned or promised.

The part of the report decides first (a summary states achievements, a plan
targets), and the statement itself second: a summary that quotes the year's
own target (预期任务为8.2亿元，已完成8.4亿元) states a target beside its
achievements, and a plan that reviews the past period (“十四五”时期年均增长5.2%)
states achievements.
"""
from __future__ import annotations

import functools

from reportgraph.datafiles import datafile
from reportgraph.text import clause_bounds, strip_quotes

_TRIGGERS = datafile("extract/indicators/target_triggers.txt")
_COMPLETION = datafile("extract/indicators/completion_words.txt")
_PAST = datafile("extract/indicators/past_markers.txt")
_SUMMARY_TARGETS = datafile("extract/indicators/summary_target_words.txt")
_SHAPES = datafile("extract/indicators/kind_shapes.tsv").named_patterns
_YEAR = _SHAPES["year"]
_REVIEW_OPENING = _SHAPES["review_opening"]
_PLAN_PERIOD = _SHAPES["plan_period"]


def kind_of(part: str, sentence: str, start: int = 0, plan_year: int | None = None) -> str:
    """The kind of the quantity at ``start`` of a (folded) sentence of ``part``."""
    lo, _ = clause_bounds(sentence, start, start)
    before = sentence[lo:start]
    if part == "plan":
        triggered = any(t in before for t in _TRIGGERS.words)
        return "achievement" if not triggered and _in_the_past(sentence, start, before, plan_year) else "target"
    if part in ("summary", "problems"):
        triggered = any(t in before for t in _SUMMARY_TARGETS.words)
        done = any(c in before for c in _COMPLETION.words)
        return "target" if triggered and not done else "achievement"
    return "target" if _has_trigger(sentence) else "achievement"


def reviews_the_past(sentence: str, before: bool, plan_year: int | None) -> bool:
    """Does a (folded) sentence of a plan speak of the period under review: it opens a review (过去五年，…),
    or the sentence before did and this one names no time of the plan (“十五五”时期…, 今年, 2026年)?"""
    if _REVIEW_OPENING.match(sentence):
        return True
    if not before or _PLAN_PERIOD.search(sentence):
        return False
    return not any(plan_year is not None and int(year) >= plan_year for year in _YEAR.findall(sentence))


@functools.lru_cache(maxsize=16)
def _has_trigger(sentence: str) -> bool:
    """Does the sentence hold a target's word anywhere? Read once per sentence, not once per figure."""
    return any(t in sentence for t in _TRIGGERS.words)


def _in_the_past(sentence: str, start: int, clause: str, plan_year: int | None) -> bool:
    """Does the sentence before a figure of a plan place it in the period under review? The first
    year its clause names (else the sentence) tells: 2025年总量比2020年增加… is past, 到2030年…比
    2025年翻番 is not."""
    past_from, years = _sentence_marks(sentence)
    if past_from <= start:
        return True
    first = _YEAR.findall(clause) or [year for end, year in years[:1] if end <= start]
    return plan_year is not None and bool(first) and int(first[0]) < plan_year


@functools.lru_cache(maxsize=16)
def _sentence_marks(sentence: str) -> tuple[int, list[tuple[int, str]]]:
    """Where a sentence's first past marker ends (quotes ignored), and its years with where each
    ends: read once per sentence, not again for each of its figures."""
    kept = [i for i, ch in enumerate(sentence) if strip_quotes(ch)]
    stripped = "".join(sentence[i] for i in kept)
    ends = [kept[at + len(word) - 1] + 1 for word in _PAST.words if word and (at := stripped.find(word)) >= 0]
    return min(ends, default=len(sentence) + 1), [(m.end(), m.group(1)) for m in _YEAR.finditer(sentence)]
