"""Find stated quantities: metric, value, unit, qualifier, kind and work area.

A quantity is a number (Arabic, or Chinese with a counter word) followed by a
unit from ``data/units.tsv``, or a rank (全区第1). The metric is read from the
words around it: the counted noun after a counter (``新建3条道路``) or the
subject before the number (``规上工业增加值增长11.2%``). Numbers inside
quotation marks, names and dates are not quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from reportgraph.lexicon import table, words
from reportgraph.model import Indicator, Report, Sentence
from reportgraph.numerals import NUMERAL_CHARS, chinese_to_int, fold

OPEN_QUOTES, CLOSE_QUOTES = "“‘\"《「『", "”’\"》」』"
HARD_DELIMITERS = "，；。：！？\n"
CJK = re.compile(r"[\u4e00-\u9fff]")
RANK = re.compile(r"(?:全区|全市|全省|全国|全球|全街道|全县|全镇)(?:排名|排)?(?:第([\d一二三四五六七八九十]+)(?!批|届|期|次|个)[位名]?|首位)")
#: endings that look like a trailing verb but belong to the metric (平均, 人均)
KEEP_TAILS = ("平均", "人均", "户均")
#: what follows a count that makes it part of a name: 三次会议, 十四届全会
SESSION_AFTER = re.compile(r"(次|届)(全体)?(会议|全会|代表大会|党代会)")
MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}


@dataclass
class _Quantity:
    start: int
    end: int
    value: Decimal
    unit: str
    qualifier: str
    normalized: float
    base_unit: str
    metric: str = ""


@lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, float]]:
    return {row[0]: (row[1], float(row[2])) for row in table("units.tsv")}


@lru_cache(maxsize=1)
def _qualifiers() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {"before": [], "between": [], "after": []}
    for position, word in table("quantity_qualifiers.tsv"):
        out[position].append(word)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=1)
def _strip_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    lead = [w for pos, w in table("metric_strip.tsv") if pos == "lead"]
    tail = [w for pos, w in table("metric_strip.tsv") if pos == "tail"]
    return tuple(sorted(lead, key=len, reverse=True)), tuple(sorted(tail, key=len, reverse=True))


@lru_cache(maxsize=1)
def _quantity_pattern() -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in sorted(_units(), key=len, reverse=True))
    between = "|".join(_qualifiers()["between"])
    return re.compile(
        rf"(?P<num>\d+(?:\.\d+)?|[{NUMERAL_CHARS}]+)(?P<between>{between})?"
        rf"(?P<mult>万亿|亿|万|千|百)?(?P<unit>{units})?"
    )


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks or book-title marks, where numbers are names."""
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch in OPEN_QUOTES and not (ch == '"' and stack and text[stack[-1]] == '"'):
            stack.append(i)
        elif ch in CLOSE_QUOTES and stack:
            spans.append((stack.pop(), i + 1))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


def _scan(sentence: str) -> list[_Quantity]:
    """Every quantity in one (folded) sentence, in order."""
    units = _units()
    quals = _qualifiers()
    quotes = quote_spans(sentence)
    stops = words("number_stop_phrases.txt")
    found: list[_Quantity] = []
    for m in _quantity_pattern().finditer(sentence):
        num, unit, mult = m.group("num"), m.group("unit"), m.group("mult") or ""
        start, end = m.start("num"), m.end()
        if _inside(start, quotes) or any(sentence.startswith(s, start) for s in stops) \
                or SESSION_AFTER.match(sentence, m.end("num")):
            continue
        before = sentence[max(0, start - 1):start]
        after = sentence[end:end + 1]
        negative = before == "-" and start >= 2 and bool(CJK.match(sentence[start - 2]))  # 增长-2.5%
        if before and not negative and (before in "第-+/~.·" or before.isascii() and before.isalpha()):
            continue
        if after and after in "-+/:：" and not unit:
            continue
        if num[0].isdigit():
            value = -Decimal(num) if negative else Decimal(num)
            start -= negative
            if not unit and not (mult and _unit_follows(sentence, end)):
                continue
        else:
            if not unit or unit == "%":
                continue
            # a Chinese numeral counts only as a whole word: not inside 三中全会
            if start > 0 and sentence[start - 1] in NUMERAL_CHARS:
                continue
            parsed = chinese_to_int(num)
            if parsed is None or parsed == 1 or num[0] in "百千万亿":
                continue
            value = Decimal(parsed)
        if unit is None:
            unit = _unit_follows(sentence, end) or ""
        qualifier = m.group("between") or ""
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
        base, factor = units.get(unit, (unit, 1.0))
        normalized = float(value) * MULTIPLIERS.get(mult, 1.0) * factor
        found.append(_Quantity(start, end, value, mult + unit, qualifier, normalized, base))
    for m in RANK.finditer(sentence):
        if _inside(m.start(), quotes):
            continue
        raw = m.group(1)
        rank = 1 if raw is None else (int(raw) if raw.isdigit() else chinese_to_int(raw))
        if rank:
            found.append(_Quantity(m.start(), m.end(), Decimal(rank), "名次", "", float(rank), "名次"))
    found.sort(key=lambda q: q.start)
    return found


def _unit_follows(sentence: str, end: int) -> str | None:
    """For ``1409万、1305万人次``: the unit the next number in the list carries."""
    m = re.match(r"、\d+(?:\.\d+)?(万亿|亿|万)?", sentence[end:])
    if not m:
        return None
    rest = _quantity_pattern().match(sentence, end + 1)
    return rest.group("unit") if rest and rest.group("unit") else None


def _unit_tail(sentence: str, unit: str, end: int) -> tuple[str, int]:
    """``2813.8万辆（艘、架、列）次``: a bracketed aside before 次 belongs to the unit;
    ``42万元/人``: a rate's denominator does too."""
    m = re.match(r"（[^）]{1,12}）次", sentence[end:])
    if m and unit and not unit.endswith("次"):
        return unit + "次", end + m.end()
    m = re.match(r"/(人|户|年|月|天|日|吨|平方米|亩|公顷|千瓦时)", sentence[end:])
    if m and unit:
        return unit + m.group(), end + m.end()
    return unit, end


def _strip(metric: str) -> str:
    """Trim verbs of doing, time words and links from both ends; a bare verb leaves nothing."""
    lead, tail = _strip_words()
    punct = " 、，—-~～"
    metric = re.sub(r"连续[\d一二三四五六七八九十]+年", "", metric).strip(punct)
    changed = True
    while changed and metric:
        changed = False
        for w in lead:
            if metric.startswith(w):
                metric, changed = metric[len(w):], True
                break
        for w in tail:
            if metric.endswith(w) and not any(metric.endswith(k) for k in KEEP_TAILS):
                metric, changed = metric[: -len(w)], True
                break
        metric = metric.strip(punct)
    return metric


def _clean(text: str) -> str:
    return "".join(ch for ch in text if ch not in OPEN_QUOTES + CLOSE_QUOTES).strip()


def _before(sentence: str, start: int, floor: int) -> str:
    """Words before a quantity, back to a clause delimiter or the previous quantity."""
    i = start
    while i > floor and sentence[i - 1] not in HARD_DELIMITERS:
        i -= 1
    return sentence[i:start]


def _after(sentence: str, end: int) -> str:
    """Words after a quantity, up to a clause delimiter or the next number."""
    i = end
    while i < len(sentence) and sentence[i] not in HARD_DELIMITERS:
        if sentence[i].isdigit() or (sentence[i] == "、" and not _list_of_modifiers(sentence, i)):
            break
        i += 1
    return sentence[end:i].rstrip("、和及与并")


def _list_of_modifiers(sentence: str, i: int) -> bool:
    """``7家规上、国高等优质企业``: a 、 list closed by 等 qualifies one noun, so read on."""
    j = i + 1
    while j < len(sentence) and sentence[j] not in HARD_DELIMITERS and not sentence[j].isdigit():
        if sentence[j] == "等":
            return True
        j += 1
    return False


def _last_item(text: str) -> str:
    """The part after the last 、 outside brackets: the item a list ends with."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
        elif ch == "、" and depth == 0:
            return text[i + 1:]
    return text


def _metrics(sentence: str, quantities: list[_Quantity]) -> None:
    """Fill each quantity's metric from the words around it."""
    verbs = words("quantity_verbs.txt")
    generic = words("generic_nouns.txt")
    floor = 0
    previous = ""
    for q in quantities:
        raw_before = _before(sentence, q.start, floor)
        before = _strip(_clean(_last_item(raw_before)))
        after_raw = _after(sentence, q.end)
        after = _clean(after_raw).lstrip("的之")
        if after in generic or any(after.startswith(g) and len(after) <= len(g) + 1 for g in generic):
            after = ""
        if after and not CJK.match(after[:1]):
            after = ""
        after_metric = _strip(after) if after and CJK.match(after[:1]) else ""
        if after_metric and before and any(after.startswith(v) for v in verbs):
            metric = before + after
        elif after_metric:
            metric = after_metric
        else:
            metric = before  # 地区生产总值从11.37万亿元提高到…: only a verb follows
        q.metric = metric or previous
        previous = q.metric
        floor = q.end


def _distribute(sentence: str, quantities: list[_Quantity]) -> list[_Quantity]:
    """``A、B、C分别下降1%、2%、3%`` and ``A、B均增长5%``: one quantity per listed metric."""
    out: list[_Quantity] = []
    i = 0
    while i < len(quantities):
        q = quantities[i]
        clause = _before(sentence, q.start, 0)
        m = re.search(r"(分别|均|都)[\u4e00-\u9fff]{0,3}$", clause)
        items = [_strip(_clean(x)) for x in re.split(r"、", clause[: m.start()])] if m else []
        if m and m.group(1) == "分别" and len(items) == 1:
            # 旅客和货邮吞吐量分别…: 和 joins the items when the figures say there are two
            items = [_strip(_clean(x)) for x in re.split(r"[和及与]", clause[: m.start()])]
        items = [x for x in items if x]
        if m and m.group(1) == "分别" and len(items) > 1:
            run = [q]
            while i + len(run) < len(quantities) and len(run) < len(items):
                nxt = quantities[i + len(run)]
                if sentence[run[-1].end:nxt.start] not in ("、", "和", "，"):
                    break
                run.append(nxt)
            if len(run) == len(items):
                for item, r in zip(items, run):
                    r.metric = item
                out.extend(run)
                i += len(run)
                continue
        if m and m.group(1) in ("均", "都") and len(items) > 1:
            for item in items:
                out.append(_Quantity(q.start, q.end, q.value, q.unit, q.qualifier, q.normalized, q.base_unit, item))
            i += 1
            continue
        out.append(q)
        i += 1
    return out


def kind_of(part: str, sentence: str) -> str:
    """Achievement or target: the part decides; outside summary and plan, trigger words do."""
    if part == "plan":
        return "target"
    if part in ("summary", "problems"):
        return "achievement"
    triggers = words("target_triggers.txt")
    return "target" if any(t in sentence for t in triggers) else "achievement"


def find_indicators(report: Report) -> list[Indicator]:
    """Every stated quantity of the report, with its metric and work area."""
    out: list[Indicator] = []
    for section in report.sections:
        for sentence in section.sentences:
            out.extend(_in_sentence(sentence, section.part))
    return out


def _in_sentence(sentence: Sentence, part: str) -> list[Indicator]:
    folded = fold(sentence.text)
    quantities = _scan(folded)
    if not quantities:
        return []
    _metrics(folded, quantities)
    quantities = _distribute(folded, quantities)
    kind = kind_of(part, folded)
    out = []
    for q in quantities:
        out.append(Indicator(
            kind=kind, metric=q.metric, value=q.value, unit=q.unit, normalized=q.normalized,
            base_unit=q.base_unit, qualifier=q.qualifier,
            start=sentence.start + q.start, end=sentence.start + q.end,
            sentence=sentence, section_id=sentence.section_id,
        ))
    return out
