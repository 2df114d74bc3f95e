"""Scanning a sentence for stated quantities: a number, its multiplier, unit and qualifier.

A quantity is a number (Arabic, or Chinese with a counter word) followed by a
unit from ``data/extract/indicators/units.tsv``, or a rank (``全区第1``).
Numbers inside quotation marks and book titles, in names (``第3``, ``3-5``),
in idioms (``两位数``) and in meetings' names (``三次会议``) are not quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.gate import Gated, holds_any
from reportgraph.extract.words import PLAIN_VERB, VERB_TAGS, tag, words_of
from reportgraph.text import (
    CLAUSE_BREAKS,
    HANZI,
    LIST_SEPARATOR,
    NUMERAL_CHARS,
    QUOTE_CLOSERS,
    chinese_to_int,
    clause_start,
    quote_spans,
)

_UNITS = datafile("extract/indicators/units.tsv")
_QUALIFIERS = datafile("extract/indicators/qualifiers.tsv")
_STOP_PHRASES = datafile("extract/indicators/number_stop_phrases.txt")
_SHAPES = datafile("extract/indicators/scan.tsv").pairs
_TASK_COUNT = regexcache.compile(_SHAPES["task_count"])
_SECTION_NOUNS = datafile("extract/indicators/section_nouns.txt")
#: Meetings named by term and session (省委十三届三次全会): their numbers are part of the name.
_MEETINGS = datafile("extract/names/meetings.tsv")

#: A rank; gated (few sentences hold the words every rank does, and its optional opening words make the engine
#: try it at every character of the others).
RANK = Gated(regexcache.compile(_SHAPES["rank"]))
RANK_UNIT: str = _SHAPES["rank_unit"]
_RANK_TO = regexcache.compile(_SHAPES["rank_to"])
_SESSION_AFTER = regexcache.compile(_SHAPES["session_after"])
#: Multipliers a unit may start with (16.47万个), longest first, and their factors.
MULTIPLIERS: dict[str, float] = {
    word: float(factor) for word, _, factor in (pair.partition("=") for pair in _SHAPES["multipliers"].split())
}
_MULTIPLIER_STARTS = frozenset(word[0] for word in MULTIPLIERS)
_NOT_BEFORE = _SHAPES["not_before"]
_NOT_AFTER = _SHAPES["not_after"]
_LIST_UNIT = regexcache.compile(_SHAPES["list_unit"])
_LIST_LEAD = _SHAPES["list_lead"]
_COUNTED_ASIDE = regexcache.compile(_SHAPES["counted_aside"])
_TIMES = _SHAPES["times"]
_CLASS = tuple(_SHAPES["class"].split())
_ZONE_AFTER = regexcache.compile(_SHAPES["zone_after"])
#: What after a figure makes it the cut-off of the count that follows (超过10%的有44种).
_CUT_OFF_AFTER = regexcache.compile(_SHAPES["cut_off_after"])
_CLAUSE_END_UNITS = frozenset(_SHAPES["clause_end_units"].split())
_CLAUSE_END_OR = regexcache.compile(_SHAPES["clause_end_or"])
_PROJECT_AFTER = regexcache.compile(_SHAPES["project_after"])
_PLAN_COUNT_BEFORE = regexcache.compile(_SHAPES["plan_count_before"])
_PLAN_COUNT_AFTER: str = _SHAPES["plan_count_after"]
_CAPACITY_BASES = frozenset(_SHAPES["capacity_bases"].split())
_RUN_BEFORE = _SHAPES["run_before"]
_CLASS_BEFORE = tuple(_SHAPES["class_before"].split())
_PERIODS = tuple(_SHAPES["periods"].split())
_UNIT_WORDS = tuple(_SHAPES["unit_words"].split())
_MILESTONES = regexcache.compile(_SHAPES["milestones"])
_RANGE = regexcache.compile(_SHAPES["range"])
#: The marks that are no quantity's start (3-5) but join a range's two ends (2-3个).
_RANGE_MARKS = frozenset(ch for ch in _NOT_BEFORE if _RANGE.fullmatch(ch))
#: A bare number and a range mark right before a quantity: the lower end of 2—3个.
_BARE_LOWER = regexcache.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?:" + "|".join(MULTIPLIERS) + ")?" + _SHAPES["range"] + "$")
_MAX_LOWER = 12
#: How far back the word before a figure is looked for.
_WORD_REACH = 6
_PER = regexcache.compile(_SHAPES["per"])
_NOTE_HEADING = regexcache.compile(_SHAPES["note_heading"])
_THRESHOLDS = tuple(_SHAPES["thresholds"].split())
_RATE_BASE_BEFORE: str = _SHAPES["rate_base_before"]
_BOUNDS = frozenset(_SHAPES["bounds"].split())
#: The words of passing before a bare magnitude, longest first (超过 before 超).
_MAGNITUDE_BEFORE = tuple(sorted(_SHAPES["magnitude_before"].split(), key=len, reverse=True))
#: The numerals that close a section of a number (万, 亿): a bare magnitude's multiplier (千万 is 1000 万).
_SECTION_CHARS = "".join(ch for ch in MULTIPLIERS if len(ch) == 1 and chinese_to_int(ch) and chinese_to_int(ch) >= 10_000)
#: Closing quotation marks (not the straight " that also opens).
_QUOTE_CLOSERS = "".join(ch for ch in QUOTE_CLOSERS if ch != '"')
#: What may follow a unit counted only at a clause's end: a break, or the sentence's end.
_ENDS = frozenset(CLAUSE_BREAKS) | {""}


@dataclass
class Quantity:
    """A quantity found in a (folded) sentence, offsets relative to it."""

    start: int
    end: int
    value: Decimal
    unit: str
    qualifier: str
    normalized: float
    base_unit: str
    metric: str = ""
    #: the upper end of a range (4.5%—5%, 2—3个), in the unit of ``value``
    upper: Decimal | None = None
    #: where a change started (从1.9万座增加到…), its base: set by the metric namer, dropped after it
    starts_a_change: bool = False


@lru_cache(maxsize=1)
def units() -> dict[str, tuple[str, float]]:
    """Unit -> (base unit, factor to it)."""
    return {row[0]: (row[1], float(row[2])) for row in _UNITS.rows}


@lru_cache(maxsize=1)
def _digits_only() -> frozenset[str]:
    """Counters read only after Arabic digits (三面环海 is no count of flags)."""
    return frozenset(row[0] for row in _UNITS.rows if len(row) > 3 and row[3] == "digits")


@lru_cache(maxsize=1)
def _qualifiers() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {"before": [], "between": [], "after": []}
    for position, word in _QUALIFIERS.rows:
        out[position].append(word)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=1)
def _quantity_pattern() -> re.Pattern[str]:
    unit_words = "|".join(re.escape(u) for u in sorted(units(), key=len, reverse=True))
    between = "|".join(_qualifiers()["between"])
    multipliers = "|".join(MULTIPLIERS)
    return regexcache.compile(
        rf"(?P<num>\d+(?:\.\d+)?|[{NUMERAL_CHARS}]+)(?P<between>{between})?"
        rf"(?P<mult>{multipliers})?(?P<after_mult>{between})?(?P<unit>{unit_words})?"
    )


def _strictly_inside(length: int, spans: list[tuple[int, int]]) -> bytearray:
    """For each position of a text of ``length``, 1 if it lies strictly inside one of ``spans``:
    made once per sentence, so that a sentence of many quotes and many numbers stays linear."""
    if not spans:
        return bytearray(length + 1)  # most sentences quote nothing: no walk over them
    depth = [0] * (length + 1)
    for a, b in spans:
        if a + 1 < b:
            depth[max(a + 1, 0)] += 1
            depth[min(b, length)] -= 1
    marks, level = bytearray(length + 1), 0
    for i in range(length + 1):
        level += depth[i]
        marks[i] = level > 0
    return marks


@lru_cache(maxsize=1)
def _gated_meetings() -> tuple[Gated, ...]:
    """The meetings' shapes, each run only on a sentence holding the words it needs."""
    return tuple(Gated(pattern) for pattern in _MEETINGS.named_patterns.every())


def _named_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans where numbers belong to a name: quotes, book titles, meetings, idioms (两个市场两种资源:
    the second number lies inside the phrase too)."""
    spans = quote_spans(sentence)
    note = _NOTE_HEADING.match(sentence)
    if note:
        spans.append((-1, note.end()))  # ［10］两个基地、两个枢纽: the items of a slogan noted
    for pattern in _gated_meetings():
        spans.extend((m.start() - 1, m.end()) for m in pattern.finditer(sentence))
    for phrase in _STOP_PHRASES.words if holds_any(sentence, _STOP_PHRASES.words) else ():
        at = sentence.find(phrase)
        while at >= 0:
            spans.append((at - 1, at + len(phrase)))
            at = sentence.find(phrase, at + len(phrase))
    return spans


def scan(sentence: str, most: int | None = None) -> list[Quantity]:
    """Every quantity in one (folded) sentence, in order; with ``most``, no more than one past it
    (the caller refuses the report then, so text of nothing but figures is not read to its end)."""
    unit_table = units()
    quals = _qualifiers()
    quoted: bytearray | None = None  # made at the first number: nearly half the sentences hold none
    found: list[Quantity] = []
    for m in _quantity_pattern().finditer(sentence):
        num, unit, mult = m.group("num"), m.group("unit"), m.group("mult") or ""
        start, end = m.start("num"), m.end()
        if quoted is None:
            quoted = _strictly_inside(len(sentence), _named_spans(sentence))
        if quoted[start] or _SESSION_AFTER.match(sentence, m.end("num")):
            continue
        before = sentence[max(0, start - 1):start]
        after = sentence[end:end + 1]
        negative = before == "-" and start >= 2 and bool(HANZI.match(sentence[start - 2]))  # 增长-2.5%
        # 2-3个, 5%-6%: a range's upper end after a hyphen or a tilde (03-05地块 has no unit)
        upper_end = before in _RANGE_MARKS and start >= 2 and (sentence[start - 2].isdigit() or sentence[start - 2] == "%")
        if before and not negative and not upper_end and (before in _NOT_BEFORE or before.isascii() and before.isalpha()):
            continue
        if after and after in _NOT_AFTER and not unit:
            continue
        if num[0].isdigit():
            value = -Decimal(num) if negative else Decimal(num)
            start -= negative
            if not unit and not ((mult or sentence.find(_LIST_LEAD, 0, start) >= 0) and _unit_follows(sentence, end)):
                continue
        elif passed := _bare_magnitude(sentence, start, num):
            if not unit or unit == "%" or _MILESTONES.match(sentence, start) or not _clause_ends(sentence, end):
                continue  # 迈上万亿元台阶: a milestone passed; 超千亿元县: a class of county, no quantity
            value, mult = _magnitude_value(num, mult)
            start -= len(passed)  # 参赛队伍上万支: the metric ends before 上
        else:
            if not unit or unit == "%" or unit in _digits_only():
                continue
            # a Chinese numeral counts only as a whole word: not inside 三中全会
            if start > 0 and sentence[start - 1] in NUMERAL_CHARS:
                continue
            if start > 0 and sentence[start - 1] in _QUOTE_CLOSERS:
                continue  # 健全“考核、督查、激励”三项机制: it counts the quoted items of a slogan
            parsed = chinese_to_int(num)
            if not parsed or parsed == 1 or num[0] in _MULTIPLIER_STARTS:
                continue  # 零部件, 一体化: numerals inside words
            if _counts_the_list_before(sentence, start, parsed):
                continue  # 抓好稳增长、防风险、保民生三项基本任务: it counts the items just named
            value = Decimal(parsed)
        if unit is None:
            unit = _unit_follows(sentence, end) or ""
        elif unit:
            unit = _longer_unit_follows(sentence, end, unit)
        qualifier = m.group("between") or m.group("after_mult") or ""  # 4131余万元, 2.5万余人次
        for word in quals["before"]:
            if sentence.endswith(word, 0, start):
                qualifier = word
                start -= len(word)
                break
        for word in quals["after"]:
            if sentence.startswith(word, end):
                qualifier = qualifier or word
                end += len(word)
                break
        unit, end = _unit_tail(sentence, unit, end)
        if unit in _digits_only() and sentence[end:end + 1].isdigit():
            continue  # 1对1帮扶, 3天2夜: a pairing or a span, no count
        for word in quals["after"]:
            if not qualifier and sentence.startswith(word, end):
                qualifier, end = word, end + len(word)  # 42万元/人以上
                break
        if sentence.startswith(_CLASS, end) or sentence.startswith(_SECTION_NOUNS.words, end) \
                or _TASK_COUNT.match(sentence, end - len(unit)):
            continue  # 20万吨级泊位: a class, not a quantity; 14个方面, 3件事: the plan's own parts
        if sentence.startswith(_PLAN_COUNT_AFTER, end) and _PLAN_COUNT_BEFORE.search(sentence, 0, start):
            continue  # 提出7项指标: the plan's own list of indicators
        if _ZONE_AFTER.match(sentence, end) or unit in _CLAUSE_END_UNITS and sentence[end:end + 1] not in _ENDS \
                and not _CLAUSE_END_OR.match(sentence, end):
            continue  # 1小时通勤圈: a zone's name; 240小时过境免签政策: a description, no quantity
        if _CUT_OFF_AFTER.match(sentence, end):
            continue  # 占比超过10%的有44种: the figure is a cut-off the count after it is of, no quantity
        if unit and sentence.startswith(_UNIT_WORDS, end - len(unit)) or _MILESTONES.match(sentence, end):
            continue  # 迈上5万亿台阶, 每10万人口: the unit's character opens a word, no counter; 跨越3个千亿元台阶
        if sentence.endswith(_CLASS_BEFORE, 0, start):
            continue  # 时速350公里高铁, 海拔4000米以上乡镇: the class of a line or a place, no length
        if sentence.endswith(_RUN_BEFORE, 0, start) and sentence.startswith(_PERIODS, end):
            continue  # 连续24个月保持两位数增长: a run of time, like a year, is no quantity
        if sentence.endswith(_RATE_BASE_BEFORE, 0, start):
            continue  # 每10万人刑事案件数下降36.9%: the base of the rate, no quantity
        if qualifier in _BOUNDS and sentence.endswith(_THRESHOLDS, 0, start):
            continue  # 单笔50万元以下拖欠账款全部清零: the limit a rule applies to, no quantity
        base, factor = unit_table.get(unit, (unit, 1.0))
        if base in _CAPACITY_BASES and (_inside_a_named_project(sentence, start, end)
                                         or qualifier and _names_projects(sentence, end)):
            continue  # 推动某某集团7万吨锌基合金等项目建设, 超10亿元项目50个: the project's size or class
        normalized = float(value) * MULTIPLIERS.get(mult, 1.0) * factor
        found.append(Quantity(start, end, value, mult + unit, qualifier, normalized, base))
        if most is not None and len(found) > most:
            break
    found = _join_ranges(sentence, found)
    for m in RANK.finditer(sentence):
        if quoted is None:
            quoted = _strictly_inside(len(sentence), _named_spans(sentence))
        if quoted[m.start()]:
            continue
        raw = m.group(1)
        rank = 1 if raw is None else (int(raw) if raw.isdigit() else chinese_to_int(raw))
        rose = _RANK_TO.match(sentence, m.end())
        risen = rose and (int(rose.group(2)) if rose.group(2).isdigit() else chinese_to_int(rose.group(2)))
        if risen:  # 从全国第9位升至第7位: the rank is the place it rose to, in the ranking named before it
            found.append(Quantity(m.start(), rose.end(), Decimal(risen), RANK_UNIT, "", float(risen), RANK_UNIT))
        elif rank:
            found.append(Quantity(m.start(), m.end(), Decimal(rank), RANK_UNIT, "", float(rank), RANK_UNIT))
    found.sort(key=lambda q: q.start)
    return found


def _bare_magnitude(sentence: str, start: int, num: str) -> str:
    """The word of passing before a numeral that is a magnitude alone (百, 千万, 万亿), which makes it a round
    figure passed (突破百条, 超千亿元), or "" where it opens a word (百姓, 千家万户)."""
    if num[0] not in _MULTIPLIER_STARTS or not all(ch in MULTIPLIERS or ch in _SECTION_CHARS for ch in num):
        return ""
    return next((w for w in _MAGNITUDE_BEFORE if sentence.endswith(w, 0, start)), "")


def _clause_ends(sentence: str, end: int) -> bool:
    """Does the clause end right after a figure (past a qualifier after it: 突破百条以上，)?"""
    end += next((len(w) for w in _qualifiers()["after"] if sentence.startswith(w, end)), 0)
    return sentence[end:end + 1] in _ENDS or sentence.startswith(LIST_SEPARATOR, end)


def _magnitude_value(num: str, mult: str) -> tuple[Decimal, str]:
    """A bare magnitude as a value and a multiplier, as the figure would be written: 千万标箱 is 1000 万标箱,
    万亿元 is 1 万亿元, 百条 is 100 条."""
    lead = num.rstrip(_SECTION_CHARS)
    return Decimal(chinese_to_int(lead) if lead else 1), num[len(lead):] + mult


def _inside_a_named_project(sentence: str, start: int, end: int) -> bool:
    """Does an amount or a capacity stand inside what names a project: after a name, not a verb, and
    before the project's word with nothing but the thing made between (某某集团7万吨锌基合金等项目), no
    verb (安排资金75亿元加快项目建设)?"""
    if not HANZI.match(sentence[start - 1:start] if start else "") or not _names_projects(sentence, end):
        return False
    before = words_of(sentence[max(0, start - _WORD_REACH):start])
    return bool(before) and tag(before[-1][0]) not in VERB_TAGS


def _names_projects(sentence: str, end: int) -> bool:
    """Do the words right after a figure name projects, with no verb before the project's word (…重大产业项目,
    not …加快项目建设)?"""
    named = _PROJECT_AFTER.match(sentence, end)
    return bool(named) and all(tag(w) != PLAIN_VERB for w, _, _ in words_of(sentence[end:named.end()]))


def counts_the_plans_parts(metric: str) -> bool:
    """Is a metric a part of the report's own plan or of its list of indicators (其中预期性指标19项)?"""
    return metric in _SECTION_NOUNS.word_set


def _counts_the_list_before(sentence: str, start: int, count: int) -> bool:
    """Is a count in words the number of items of the list its clause names just before it?"""
    items = sentence[clause_start(sentence, start):start].count(LIST_SEPARATOR) + 1
    return items == count


def _join_ranges(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """``4.5%—5%`` and ``2—3个``: one quantity from the lower end to the upper, not two."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev is not None and prev.upper is None and _RANGE.fullmatch(sentence[prev.end:q.start] or "x") \
                and prev.unit == q.unit:
            prev.upper, prev.end, prev.qualifier = q.value, q.end, prev.qualifier or q.qualifier
            continue
        lower = _BARE_LOWER.search(sentence, max(0, q.start - _MAX_LOWER), q.start)
        if lower and q.value >= 0 and not q.qualifier.startswith(tuple(_qualifiers()["before"])):
            # 2—3个: the lower end stands bare before the number that carries the unit
            q.upper, q.value = q.value, Decimal(lower.group(1))
            q.normalized = q.normalized * float(q.value / q.upper) if q.upper else q.normalized
            q.start = lower.start()
        out.append(q)
    return out


def _unit_follows(sentence: str, end: int) -> str | None:
    """For ``1409万、1305万人次`` and ``20.9、36.2、54个百分点``: the unit the next number of the list
    that has one carries."""
    while _LIST_UNIT.match(sentence, end):
        rest = _quantity_pattern().match(sentence, end + 1)
        if not rest:
            return None
        if rest.group("unit"):
            return rest.group("unit")
        end = rest.end()
    return None


def _longer_unit_follows(sentence: str, end: int, unit: str) -> str:
    """For ``快于全国3.4个、1个百分点``: the unit the list's next number carries where it opens with this one's
    (个 of 个百分点), the list's whole unit; else this one's."""
    if not sentence.startswith(LIST_SEPARATOR, end):
        return unit
    rest = _quantity_pattern().match(sentence, end + 1)
    longer = rest.group("unit") if rest else None
    return longer if longer and len(longer) > len(unit) and longer.startswith(unit) else unit


def _unit_tail(sentence: str, unit: str, end: int) -> tuple[str, int]:
    """``2813.8万辆（艘、架、列）次``: a bracketed aside before 次 belongs to the unit;
    ``42万元/人``: a rate's denominator does too."""
    m = _COUNTED_ASIDE.match(sentence, end)
    if m and unit and not unit.endswith(_TIMES):
        return unit + _TIMES, m.end()
    m = _PER.match(sentence, end)
    if m and unit:
        return unit + m.group(), m.end()
    return unit, end
