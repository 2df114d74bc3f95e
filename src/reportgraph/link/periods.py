"""Periods as spans of months, so they compare as periods and not as strings.

``2024年下半年`` lies in ``2024年``; ``“十四五”时期`` is 2021 to 2025; a report's
series is ordered by the periods its summaries cover. A label no rule reads is no
period (:func:`parse` gives None), and nothing is compared with it.
"""
from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from functools import lru_cache

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.text import chinese_to_int, fold

_WORDS = datafile("link/period_words.tsv").grouped
_YEAR = regexcache.compile(_WORDS["year"][0])
_YEARS = regexcache.compile(_WORDS["years"][0])
_MONTHS = regexcache.compile(_WORDS["months"][0])
_FIVE_YEAR = regexcache.compile(_WORDS["five_year"][0])
_ANCHOR_NUMBER, _ANCHOR_YEAR = _WORDS["five_year_anchor"][0].split()
#: Years a five-year plan spans.
_PLAN_YEARS = 5
_MONTHS_PER_YEAR = 12


def _parts() -> tuple[tuple[str, int, int], ...]:
    rows = []
    for value in _WORDS["part"]:
        word, first, last = value.split()
        rows.append((word, int(first), int(last)))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


_PARTS = _parts()


@dataclass(frozen=True, order=True)
class Span:
    """A period from its first month to its last, both counted as ``year * 12 + month - 1``."""

    first: int
    last: int

    def covers(self, other: "Span") -> bool:
        """Does this period hold all of ``other`` (2024年 holds 2024年下半年)?"""
        return self.first <= other.first and other.last <= self.last

    @property
    def months(self) -> int:
        return self.last - self.first + 1

    @property
    def years(self) -> tuple[int, int]:
        return self.first // _MONTHS_PER_YEAR, self.last // _MONTHS_PER_YEAR

    @property
    def start(self) -> datetime.date:
        """The period's first day."""
        return datetime.date(self.first // _MONTHS_PER_YEAR, self.first % _MONTHS_PER_YEAR + 1, 1)

    @property
    def end(self) -> datetime.date:
        """The period's last day."""
        year, month = self.last // _MONTHS_PER_YEAR, self.last % _MONTHS_PER_YEAR + 1
        return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _month(year: int, month: int) -> int:
    return year * _MONTHS_PER_YEAR + month - 1


@lru_cache(maxsize=4096)
def parse(label: str) -> Span | None:
    """The span a period's label names: 2024年, 2024年上半年, 2024年1-6月, 2021—2025年, 十四五时期."""
    text = fold(label or "")
    if not text:
        return None
    m = _YEARS.search(text)
    if m:
        first, last = int(m.group(1)), int(m.group(2))
        return Span(_month(first, 1), _month(last, 12)) if first <= last else None
    m = _MONTHS.search(text)
    if m:
        year, a, b = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return Span(_month(year, a), _month(year, b)) if 1 <= a <= b <= _MONTHS_PER_YEAR else None
    m = _YEAR.search(text)
    if m:
        year = int(m.group(1))
        rest = text[m.end():]
        for word, first, last in _PARTS:
            if rest.startswith(word):
                return Span(_month(year, first), _month(year, last))
        return Span(_month(year, 1), _month(year, 12))
    m = _FIVE_YEAR.search(text)
    if m:
        number = chinese_to_int(m.group(1))
        anchor = chinese_to_int(_ANCHOR_NUMBER)
        if number is None or anchor is None:
            return None
        start = int(_ANCHOR_YEAR) + _PLAN_YEARS * (number - anchor)
        return Span(_month(start, 1), _month(start + _PLAN_YEARS - 1, 12))
    return None
