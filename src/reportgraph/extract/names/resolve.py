"""The one resolver: of all the finders' candidates in a sentence, which stand.

One reading per span (the surest finder's), then longest first: a candidate
that overlaps one already kept goes, unless it lies inside it and is of
another type (``深圳市`` inside ``深圳市白鹭信息技术有限公司`` stays a place).
"""
from __future__ import annotations

import bisect

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate

_MEETING_SETS = datafile("extract/names/meeting_sets.txt")
_HONOR_KIND = regexcache.compile(datafile("extract/names/honors.tsv").pairs["kind_only"])

#: The order in which two candidates on the same span are preferred: surest source first (an item
#: of a list under a shared head, 华丰工业园等…利益统筹项目 or 永寿、桑龙等高速, is that head's before
#: it is its own or a place the gazetteer knows).
SOURCE_RANK: dict[str, int] = {
    "shared_head": -1, "gazetteer": 0, "meeting": 1, "storm": 1, "honor": 1, "water": 1, "quote": 2, "phase": 2, "suffix": 3,
    "run": 4, "list": 4, "subject": 5,
}


#: The types one name may be read as by two finders (an undertaking that builds, or one that does not).
_UNDERTAKINGS = frozenset({"Program", "Project"})


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that stand, in text order."""
    best: dict[tuple[int, int], Candidate] = {}
    for c in sorted(candidates, key=lambda c: SOURCE_RANK[c.source]):
        best.setdefault((c.start, c.end), c)  # one reading per span: the surest source's
    ordered = sorted(best.values(), key=lambda c: (-(c.end - c.start), SOURCE_RANK[c.source], c.start))
    # kept by start, so each candidate is checked only against those that can overlap it: those
    # starting less than the longest kept span before it (a sentence may hold thousands)
    starts: list[int] = []
    kept: list[Candidate] = []
    longest = 0
    for c in ordered:
        lo, hi = bisect.bisect_right(starts, c.start - longest), bisect.bisect_left(starts, c.end)
        if len(c.name) < 2 or any(_clashes(c, k) for k in kept[lo:hi]):
            continue
        if c.type == "Event" and any(w in c.name for w in _MEETING_SETS.words):
            continue  # 二十届历次全会: a set of meetings, not one event
        if c.type == "Honor" and _HONOR_KIND.match(c.name):
            continue  # 荣获国家级大奖: a kind of award, whichever finder read it
        at = bisect.bisect_right(starts, c.start)
        starts.insert(at, c.start)
        kept.insert(at, c)
        longest = max(longest, c.end - c.start)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _clashes(c: Candidate, k: Candidate) -> bool:
    """Does ``c`` give way to ``k``, kept before it (so at least as long)?"""
    if not (c.start < k.end and k.start < c.end):
        return False
    nested = k.start <= c.start and c.end <= k.end
    if nested and c.type == "Place" and c.source == "suffix" and k.type == "Project":
        return True  # 某某片区 of 某某片区城市更新项目: a project named after its site; the site alone is not said
    if c.source == "honor" and c.start == k.start:
        return True  # 入选国家碳达峰试点: the phrase after the verb cut short at a stop (达) heads the longer name
    # the same span, the same type inside or across, crossing spans, or the tail or the head of a longer name
    # (扩面工程 of 文明创建提质扩面工程, a project to one finder and a programme to another; 某某铁路开行动 of
    # 某某铁路开行动车改造工程; but a quoted programme inside a project stands: 某某产业园“工业上楼”项目): the
    # longer one stands
    tail = (c.end == k.end or c.start == k.start) and {c.type, k.type} <= _UNDERTAKINGS and c.source != "quote"
    return not nested or c.type == k.type or tail
