"""Naming what a quantity measures: the metric, read from the words around the number.

The counted noun after a counter (``新建3条道路`` → 道路) or the subject
before the number (``规上工业增加值增长11.2%`` → 规上工业增加值), trimmed of
verbs of doing, time words and links (``data/extract/indicators/metric_strip.tsv``);
a list of metrics before ``分别`` or ``均`` shares the figures out.
"""
from __future__ import annotations

import dataclasses
import re
import string
from functools import lru_cache
from typing import NamedTuple

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.gate import holds_any
from reportgraph.extract.indicators.scan import RANK_UNIT, Quantity
from reportgraph.extract.words import PLAIN_VERB, VERB_TAGS, tag, words_of
from reportgraph.text import (
    BOOK_CLOSERS, BOOK_OPENERS, BRACKET_CLOSERS, BRACKET_OPENERS, CLAUSE_BREAKS, CLAUSE_REACH, HANZI, LIST_SEPARATOR,
    QUOTE_CHARS, QUOTE_CLOSERS, QUOTE_OPENERS, clause_start,
)

_STRIP = datafile("extract/indicators/metric_strip.tsv")
_VERBS = datafile("extract/indicators/quantity_verbs.txt")
_GENERIC = datafile("extract/indicators/generic_nouns.txt")
_SHAPES = datafile("extract/indicators/metric.tsv").pairs
#: A count of milestones passed (迈上4个万亿元台阶): no figure, so no other figure's subject before a figure.
_SCAN_SHAPES = datafile("extract/indicators/scan.tsv").pairs
_MILESTONE_COUNT = regexcache.compile(_SCAN_SHAPES["milestone_count"].replace("{milestones}", _SCAN_SHAPES["milestones"]))

#: Endings that look like a trailing verb but belong to the metric (平均, 人均).
_KEEP_TAILS = tuple(_SHAPES["keep_tails"].split())
_RUN_OF_YEARS = regexcache.compile(_SHAPES["run_of_years"])
_EDGE_MARKS = " " + _SHAPES["edge_marks"]
_JOINERS = _SHAPES["joiners"]
_LIST_CLOSER = _SHAPES["list_closer"]
_LINKERS = _SHAPES["linkers"]
_DISTRIBUTOR = regexcache.compile(_SHAPES["distributor"])
_RESPECTIVELY = _SHAPES["respectively"]
_EACH = frozenset(_SHAPES["each"].split())
_AND_WORDS = regexcache.compile(_SHAPES["and_words"])
_RUN_JOINERS = frozenset(_SHAPES["run_joiners"].split())
_TO_LINK = regexcache.compile(_SHAPES["to_link"])
#: Words that name two things at once (城乡: 城镇, 农村), each with its two halves.
_COMPOUNDS: dict[str, tuple[str, str]] = {
    word: (first, second) for word, _, halves in (pair.partition("=") for pair in _SHAPES["paired_words"].split())
    for first, _, second in [halves.partition(",")]
}
#: The paired words whose two figures in a row are the two things' even where no 分别 says so (城乡).
_UNSAID_PAIRS = frozenset(_SHAPES["unsaid_pairs"].split())
#: Each half of a paired word, with the other (城镇: 农村).
_PAIRED: dict[str, str] = {a: b for a, b in _COMPOUNDS.values()} | {b: a for a, b in _COMPOUNDS.values()}
_TIME_SPAN = regexcache.compile(_SHAPES["time_span"])
_COMPARISON = regexcache.compile(_SHAPES["comparison"])
_QUOTED_COMPARISON = regexcache.compile(_SHAPES["quoted_comparison"])
_LINK_WORDS = tuple(_SHAPES["link_words"].split())
_LIST_MARKER = regexcache.compile(_SHAPES["list_marker"])
_AFTER_STOPS = datafile("extract/indicators/after_stops.txt")
_BARE_SUBJECTS = datafile("extract/indicators/bare_subjects.txt")
_BARE_DOINGS = datafile("extract/indicators/bare_doings.txt")
_TASK_SHARES = datafile("extract/indicators/task_shares.tsv")
_TASK_TAILS = datafile("extract/indicators/task_tails.txt")
#: The unit of a share.
_PERCENT = "%"
#: Counters of persons: what they did is what is counted (2人当选…院士).
_PERSONS = frozenset(_SHAPES["persons"].split())
_RANK_MODIFIERS = tuple(_SHAPES["rank_modifiers"].split())
_PROCESS_TAILS = tuple(_SHAPES["process_tails"].split())
#: Counter words: 3个的 does not say a measure of the words before (unlike 3万亿元的, 90%的).
_COUNTERS = frozenset(_SHAPES["counters"].split())
#: A second counter in brackets right after a count (100条（个）幸福河湖): the count's, not its noun's.
_OTHER_COUNTER = regexcache.compile(
    f"[{re.escape(BRACKET_OPENERS)}](?:{'|'.join(sorted(map(re.escape, _COUNTERS), key=lambda c: (-len(c), c)))})"
    f"[{re.escape(BRACKET_CLOSERS)}]")
#: jieba tags of the words of a doing that names nothing counted: verbs, their complements (好), batches (首批).
_DOING_TAGS = VERB_TAGS | {"a", "m"}
#: jieba tags of the last word of a measure's name (总量, 投资, 里程).
_MEASURE_TAGS = frozenset({"n", "vn", "nz", "j"})
_SCOPES = tuple(_SHAPES["scopes"].split())
_COPULAS = tuple(_SHAPES["copulas"].split())
_LIST_KINDS = tuple(_SHAPES["list_kinds"].split())
_RELATIVE = tuple(_SHAPES["relative"].split())
_RELATIVE_ALONE = frozenset(_SHAPES["relative_alone"].split())
#: Measures that, standing alone as a metric after a metric of the same sentence that names what it measures, are
#: said of that thing too (工业机器人产量增长30%、出口量居全国第2位).
_BARE_MEASURES = frozenset(_SHAPES["topic_measures"].split()) | frozenset(_SHAPES["bare_measures"].split())
_MEASURES_LONGEST_FIRST = tuple(sorted(_BARE_MEASURES, key=len, reverse=True))
_MEASURE_ENDS = tuple(_SHAPES["measure_ends"])
#: Doings measured as they stand (进出口): a list item ending in one takes no shared head.
_MEASURED_DOINGS = tuple(_SHAPES["measured_doings"].split())
#: What opens the figure a change starts from (由, 从), and the change up to the figure it came to (优化整合为).
_FROM = regexcache.compile(_SHAPES["change_from"])
_CHANGE_TO = regexcache.compile(_SHAPES["change_to"])
#: Predicates after a counted noun that say what the things counted entered or were named (入选, 获评): kept.
_DESIGNATIONS = tuple(_SHAPES["designations"].split())
#: Words before an amount that make it a threshold of the subjects after it (超200亿元县), and its units.
_THRESHOLD_MARKS = tuple(_SHAPES["threshold_marks"].split())
_THRESHOLD_UNITS = frozenset(_SHAPES["threshold_units"].split())
_THRESHOLD_FOLLOWERS = tuple(_SHAPES["threshold_followers"].split())
_BARE_SUBJECTS_LONGEST_FIRST = tuple(sorted(_BARE_SUBJECTS.words, key=lambda w: (-len(w), w)))
#: A margin over a wider whole's figure, right before a number of points (高于全国平均0.5个百分点).
_MARGIN = regexcache.compile(_SHAPES["margin"])
#: The base unit of a margin of rates (points).
_MARGIN_UNIT = _SHAPES["margin_unit"]
#: What a list's last metric may end in that is a share of each item's measure (发电量、用电量占比: 发电量占比).
_SHARE_TAILS = tuple(_SHAPES["share_tails"].split())
#: Endings that make a verb a kind (示范型, 嵌入式): 示范型企业 does nothing.
_KINDS = tuple(_SHAPES["kinds"])
_MODIFIER_ENDS = tuple(_SHAPES["modifier_ends"])
_PER_LEAD = regexcache.compile(_SHAPES["per_lead"])
_TOPIC_HEADS = tuple(_SHAPES["topic_heads"].split())
_TOPIC_MEASURES = frozenset(_SHAPES["topic_measures"].split())
_QUOTES = QUOTE_CHARS + BOOK_OPENERS + BOOK_CLOSERS
#: Any of :data:`_QUOTES`, as one class: most words hold none, and one search in C says so.
_QUOTE_MARK = regexcache.compile(f"[{re.escape(_QUOTES)}]")
#: Quotation marks that open or close but not both (a straight " says not which it does).
_QUOTE_OPENERS = "".join(ch for ch in QUOTE_OPENERS if ch not in QUOTE_CLOSERS)
_QUOTE_CLOSERS = "".join(ch for ch in QUOTE_CLOSERS if ch not in QUOTE_OPENERS)
#: Digits glued to Latin letters (5G, 4K): a code inside a name, not a number.
_CODE = regexcache.compile(r"\d+[A-Za-z]+")
#: Words right before a figure that make it a list's total (共220条), and a list's last words that make its
#: figure the count of all its items (…、文化馆数量达293家).
_TOTAL_WORDS = tuple(_SHAPES["total_words"].split())
_TOTAL_HEADS = tuple(_SHAPES["total_heads"].split())
_INCREMENT_LEADS = tuple(sorted(_SHAPES["increment_leads"].split(), key=lambda w: (-len(w), w)))
#: A figure right after a count that is no count itself (20个500千伏…工程, not 46万群众).
_FIGURE = regexcache.compile(_SHAPES["figure_after"])
_DIGITS = "0123456789."
_LATIN = string.ascii_letters
#: A shared head is at least this long (投资, 增加值).
_MIN_HEAD = 2
#: How far into a sentence its topic may run (石化产业, 新一代信息技术产业).
_TOPIC_WINDOW = 16
#: jieba's tags of the words a clause's subject is made of: nouns (n, nr, ns, nz …), verbal nouns
#: (投资), abbreviations (规上) and set phrases (水利建设); one character tagged a person's name is a
#: verb's (连跨: 连).
_NOUN_TAG = "n"
_TOPIC_TAGS = frozenset({"a", "j"})
_SUBJECT_TAGS = frozenset({"vn", "j", "l"})
_PERSON_TAG = "nr"
#: Items of a list of metrics up to this long (on average) are modifiers of the last item's head.
_SHORT_ITEM = 6
#: jieba's tag of adverbs, and how long one before a verb may be for the two to modify a noun (已建成的…)
_ADVERB_TAG, _MODIFIER_ADVERB = "d", 2
#: How many characters after a number are cut into words to see whether a verb opens them.
_VERB_WINDOW = 6


class _Edges(NamedTuple):
    """The words :func:`strip` trims, by where they stand, longest first; and by length, so a
    metric's edge is looked up once per length instead of tested against every word."""

    lead: tuple[str, ...]
    tail: tuple[str, ...]
    lead_set: frozenset[str]
    lead_lengths: tuple[int, ...]
    tail_set: frozenset[str]
    tail_lengths: tuple[int, ...]


@lru_cache(maxsize=1)
def _strip_words() -> _Edges:
    lead = tuple(sorted((w for pos, w in _STRIP.rows if pos == "lead"), key=len, reverse=True))
    tail = tuple(sorted((w for pos, w in _STRIP.rows if pos == "tail"), key=len, reverse=True))
    return _Edges(lead, tail, frozenset(lead), tuple(sorted({len(w) for w in lead}, reverse=True)),
                  frozenset(tail), tuple(sorted({len(w) for w in tail}, reverse=True)))


def strip(metric: str) -> str:
    """Trim verbs of doing, time words and links from both ends; a bare verb leaves nothing."""
    edges = _strip_words()
    metric = _RUN_OF_YEARS.sub("", metric).strip(_EDGE_MARKS)
    metric = _LIST_MARKER.sub("", metric)
    changed = True
    while changed and metric:
        # 人均GDP从2020年的: the year shows only once the 的 is gone, so spans are cut every round
        cut = _TIME_SPAN.sub("", _COMPARISON.sub("", metric)).strip(_EDGE_MARKS)
        changed = cut != metric
        metric = cut
        for n in edges.lead_lengths:
            if n <= len(metric) and metric[:n] in edges.lead_set and _starts_a_word(metric, metric[:n]):
                metric, changed = metric[n:], True
                break
        for n in edges.tail_lengths:
            # 人均 keeps its 均, but 高于全国平均 goes whole
            if n <= len(metric) and metric[-n:] in edges.tail_set \
                    and not any(metric.endswith(k) and len(k) >= n for k in _KEEP_TAILS):
                metric, changed = metric[:-n], True
                break
        metric = metric.strip(_EDGE_MARKS)
    return metric


def _starts_a_word(metric: str, lead: str) -> bool:
    """A leading word is trimmed only where it is a word of its own (or jieba's word is two of them,
    全面完成): not the 完成 of 完成率, the 和 of 和美乡村 or the 对 of 对非贸易额."""
    first = words_of(metric[:_VERB_WINDOW])[0][0]
    whole = len(first) <= len(lead) or first[len(lead):] in _strip_words().lead_set
    return whole and not metric.startswith(_LINK_WORDS)


def _clean(text: str) -> str:
    """The words without their quotes; a quoted comparison base (比“四经普”增长) goes first, while it can be told."""
    if not _QUOTE_MARK.search(text):
        return text.strip()  # most words quote nothing, and so hold no quoted comparison base either
    return _QUOTE_MARK.sub("", _QUOTED_COMPARISON.sub("", text)).strip()


def _before(sentence: str, start: int, floor: int) -> str:
    """Words before a quantity, back to a clause break or the previous quantity."""
    return sentence[clause_start(sentence, start, max(floor, start - CLAUSE_REACH)):start]


def _after(sentence: str, end: int, unit: str, next_start: int) -> tuple[str, bool]:
    """Words after a quantity, up to a clause break or the next number, without the predicate
    that follows the counted noun (17条农业产业链建设开局: 农业产业链) — unless the noun is a
    bare subject (县区, 城市, 企业) or the count is of persons: there the predicate is what is
    counted (30个县区通过…评估, 2人当选…院士); says whether that predicate was kept."""
    other = _OTHER_COUNTER.match(sentence, end) if unit in _COUNTERS else None
    if other:
        end = other.end()
    i, stop, depth = end, min(len(sentence), end + CLAUSE_REACH), 0
    while i < stop and sentence[i] not in CLAUSE_BREAKS:
        ch = sentence[i]
        depth += (ch in BRACKET_OPENERS) - (ch in BRACKET_CLOSERS)
        if ch.isdigit():
            right_after = i != next_start and not sentence[end:i].strip(_QUOTE_OPENERS)  # 100个“15分钟…圈”
            code = _CODE.match(sentence, i) or (_FIGURE.match(sentence, i) if right_after else None)
            if not code:
                break
            # 38家国家级5G工厂: a code of digits and letters is part of the noun, and so is a figure right
            # after the count that is no quantity itself (20个500千伏输变电工程, not 16.6万户70.5万人)
            i = code.end()
            continue
        if ch == LIST_SEPARATOR and depth <= 0 and not _list_of_modifiers(sentence, i) \
                and not _a_modifier(sentence[end:i]):
            break  # 11个县（市、区）: a list inside brackets is part of the noun
        i += 1
    words = sentence[end:i]
    cut = _first_stop(words, 1)
    if cut < len(words) and _modifying_adverb(words[:cut]):
        # 5000个已建成自然村的…设施: 已建成 modifies the noun after it, the stop opens no predicate
        done = next(w for w in _AFTER_STOPS.words if words.startswith(w, cut))
        cut = _first_stop(words, cut + len(done))
    noun = words[:cut].rstrip(_JOINERS)
    persons = unit in _PERSONS and not words.startswith(tuple(_LINKERS))  # not 涉及10万人的保交房任务
    # 96.2%的养老机构开展医养结合: the share is of those that do it, so what they do is counted
    share = unit == _PERCENT and words.startswith(tuple(_LINKERS))
    designated = words.startswith(_DESIGNATIONS, cut)  # 5所高职院校入选…计划: the colleges that entered are counted
    if cut < len(words) and (persons or share or designated or noun.lstrip(_LINKERS) in _BARE_SUBJECTS.words):
        return words.rstrip(_JOINERS), True
    return _drop_process_tail(noun), False


def _first_stop(words: str, at: int) -> int:
    """Where the first word that ends a noun after a figure stands in ``words``, from ``at`` on (or its end)."""
    if not holds_any(words, _AFTER_STOPS.words):
        return len(words)
    return min((j for j in (words.find(w, at) for w in _AFTER_STOPS.words) if j >= at), default=len(words))


def _modifying_adverb(words: str) -> bool:
    """Are ``words`` one adverb of time that makes the verb after it a modifier of the noun (已 of 已建成)?"""
    found = words_of(words)
    return len(found) == 1 and len(words) <= _MODIFIER_ADVERB and tag(words) == _ADVERB_TAG


def _drop_process_tail(noun: str) -> str:
    """抽水蓄能电站建设: what is counted is the station, not its building."""
    for tail in _PROCESS_TAILS:
        if noun.endswith(tail) and len(noun) - len(tail) >= _MIN_HEAD:
            return noun[: -len(tail)]
    return noun


def _list_of_modifiers(sentence: str, i: int) -> bool:
    """``7家规上、国高等优质企业``: a 、 list closed by 等 qualifies one noun, so read on."""
    j, stop = i + 1, min(len(sentence), i + CLAUSE_REACH)
    while j < stop and sentence[j] not in CLAUSE_BREAKS and not sentence[j].isdigit():
        if sentence[j] == _LIST_CLOSER:
            return True
        j += 1
    return False


def _a_modifier(item: str) -> bool:
    """``100个行业级、场景级大模型``: a short item that ends in a kind (级, 型) names no noun of its
    own but modifies the next item's, so the figure counts the whole list."""
    return 0 < len(item) <= _SHORT_ITEM and item.endswith(_MODIFIER_ENDS)


def _last_item(text: str) -> str:
    """The part after the last 、 outside brackets and quotes: the item a list ends with
    (“双随机、一公开”考评 is one item)."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch in BRACKET_CLOSERS or ch in _QUOTE_CLOSERS:
            depth += 1
        elif ch in BRACKET_OPENERS or ch in _QUOTE_OPENERS:
            depth -= 1
        elif ch == LIST_SEPARATOR and depth == 0:
            return text[i + 1:]
    return text


def _list_items(text: str) -> list[str]:
    """The items of a 、 list, split outside brackets and quotes."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in BRACKET_OPENERS or ch in _QUOTE_OPENERS:
            depth += 1
        elif ch in BRACKET_CLOSERS or ch in _QUOTE_CLOSERS:
            depth -= 1
        elif ch == LIST_SEPARATOR and depth == 0:
            items.append(text[start:i])
            start = i + 1
    return items + [text[start:]]


def _list_of_one_noun(text: str) -> str:
    """``科技型、高成长创新型、示范型企业300家``, ``甲公司、乙公司海外营收占比60%``: short items
    without a verb or a figure before the last one modify its noun, so the figure counts them
    all and the metric is the whole list; empty where the words are no such list."""
    items = _list_items(text)
    first = strip(_clean(items[0]))
    if items[0].endswith(first) and first:  # 累计举办大型旅游、演艺、…活动: the verbs before the list are its own
        text, items[0] = text[len(items[0]) - len(first):], first
    if len(items) < 2 or not items[-1] or any(not x or len(x) > _SHORT_ITEM for x in items[:-1]):
        return ""
    if any(ch.isdigit() for ch in text) or text.startswith(BRACKET_OPENERS) \
            or any(_opens_with_doing(x) for x in items[1:]):
        return ""
    return text


def _list_in_total(text: str) -> str:
    """``公交线路、城际巴士线路、客货邮融合线路共220条``, ``图书馆、博物馆、文化馆数量达293家``: a figure said to
    be the list's total (共) or the count of all its items (数量) counts them all, so the metric is the whole
    list (less the 共); empty where the words are no such list."""
    total = next((w for w in _TOTAL_WORDS if text.endswith(w)), "")
    listed = text[: len(text) - len(total)] if total else text
    items = _list_items(listed)
    if len(items) < 2 or not all(items) or any(ch.isdigit() for ch in listed) \
            or not total and not strip(_clean(items[-1])).endswith(_TOTAL_HEADS):
        return ""
    return listed


def _opens_with_doing(item: str) -> bool:
    """新建产业园区, 推进钢铁: an item that opens with a verb of doing is a clause of its own (the
    verb before the first item is the whole list's); 示范型 is a kind, not a doing."""
    first = words_of(item[:_VERB_WINDOW])[0][0]
    doing = tag(first) in VERB_TAGS - {"vn"} and not item[len(first):].startswith(_KINDS)
    return doing or any(item.startswith(w) for w in _strip_words().lead if len(w) >= _MIN_HEAD)


def name_metrics(sentence: str, quantities: list[Quantity]) -> None:
    """Fill each quantity's metric from the words around it."""
    verbs = _VERBS.words
    generic = _GENERIC.words
    floor = 0
    previous = ""
    for n, q in enumerate(quantities):
        raw_before = _before(sentence, q.start, floor)
        # 惠及6万名近亲属、共济金额…: words right after a figure go on its noun, so they open no list
        after_a_figure = floor > 0 and q.start - len(raw_before) == floor
        listed = "" if after_a_figure else _list_of_one_noun(raw_before) or _list_in_total(raw_before)
        before = strip(_clean(_past_the_copula(listed or _last_item(raw_before))))
        # 从全国第9位升至第7位: what is ranked stands before the rank, but for 全市第四大的…隔离点
        q.starts_a_change = _changes_to_the_next(sentence, quantities, n, raw_before)
        ranked_before = q.unit == RANK_UNIT and not sentence.startswith(_RANK_MODIFIERS, q.end) or q.starts_a_change
        raw_after, kept_predicate = ("", False) if ranked_before else _after(
            sentence, q.end, q.unit, quantities[n + 1].start if n + 1 < len(quantities) else len(sentence))
        after = _clean(raw_after)
        if q.unit == RANK_UNIT:
            after = after.lstrip("".join(_RANK_MODIFIERS))  # 全球第三大加油港: 加油港, ranked
        if after.startswith(tuple(_LINKERS)) and before and q.unit not in _COUNTERS and _names_a_measure(before):
            after = ""  # 经济总量超过3万亿元的城市, 总投资410亿元的项目: the figure is the subject's
        after = after.lstrip(_LINKERS)
        if after and before and not after.startswith(verbs) and _opens_with_a_verb(after) \
                and not _only_verbs(before) and not raw_before.endswith(_LIST_CLOSER):
            # 安排资金75亿元加快项目建设: what follows is what the money does; but after 某某小区等4个 the
            # count is of the kind the list's items are (商住小区), whatever its first word's tag
            after = ""
        if after in generic or any(after.startswith(g) and len(after) <= len(g) + 1 for g in generic):
            after = ""
        if after and not HANZI.match(after.lstrip(_DIGITS).lstrip(_LATIN)[:1]):
            after = ""  # a figure or a sign, not words (but 5G基站, 5A级景区: a code opens the noun)
        after_metric = strip(after) if after else ""
        if after_metric and before and after.startswith(verbs):
            metric = before + after
        elif after_metric:
            metric = after_metric
        else:
            metric = before  # 地区生产总值从11.37万亿元提高到…: only a verb follows
        # 65家企业完成报警装置等建设: the 等 of a kept predicate closes no list of the metric's
        q.metric = metric if kept_predicate and metric == after_metric else _after_a_list(metric)
        if not q.metric:
            # 外贸企业突破9000家，高新技术企业数量实现翻番、达1.8万家: a figure whose own words name nothing is of
            # its clause's subject where the clause holds no figure before it, else of the figure before it
            clause = clause_start(sentence, q.start)
            own_subject = floor <= clause and sentence.find(LIST_SEPARATOR, clause, q.start) >= 0
            subject = _subject_of_the_clause_before(sentence, q.start) if own_subject or not floor else ""
            q.metric = (subject if own_subject else "") or _without_task(previous) or subject
        if previous and not previous.endswith(q.metric) and previous not in generic \
                and (q.metric.startswith(_RELATIVE) or q.metric in _RELATIVE_ALONE or q.metric in _TOTAL_HEADS):
            # 上市公司45家、总量达1224家: the total of the listed firms; 新增上市公司62家，总数186家: of all of them
            q.metric = _without_increment(previous) + q.metric if q.metric in _TOTAL_HEADS else previous + q.metric
        elif (not previous or previous.endswith(q.metric)) \
                and (q.metric.startswith(_RELATIVE) or q.metric in _RELATIVE_ALONE):
            # 经济总量…，占全国比重由…; 进出口总额突破万亿元、增速居全国第5位 after another's 增速
            q.metric = _subject_of_the_clause_before(sentence, q.start) + q.metric
        elif q.metric in _BARE_MEASURES and previous != q.metric:
            q.metric = _subject_of(previous) + q.metric  # 工业机器人产量增长30%、出口量居全国第2位: the robots' exports
        no_noun = bool(after_metric) and q.metric == after_metric and q.unit not in _PERSONS \
            and after.startswith(_AFTER_STOPS.words) and tag(words_of(after[:_VERB_WINDOW])[0][0]) == PLAIN_VERB
        q.metric = _with_the_subject(q.metric, previous, no_noun)
        q.metric = _with_the_margin(q, raw_before, previous)
        if q.unit == _PERCENT and previous and q.metric in _TASK_SHARES.pairs:
            q.metric = _without_task(previous) + _TASK_SHARES.pairs[q.metric]  # 完成任务的117%: …任务完成率
        elif not _is_generic(q.metric, generic):
            previous = q.metric  # 完成任务的117%，同比增长28.7%: the growth is the subject's, not the task's
        if n and quantities[n - 1].starts_a_change:
            q.metric = quantities[n - 1].metric  # 由71所优化整合为47所: what it became is of the same
        floor = q.end
    _grades_share_the_noun(sentence, quantities)


def _changes_to_the_next(sentence: str, quantities: list[Quantity], n: int, words_before: str) -> bool:
    """中职学校由71所优化整合为47所, 事项从39个拓展到91个: the n-th figure is where a change started, the
    next what it came to, and the words between are the change, not a counted noun."""
    if n + 1 >= len(quantities) or quantities[n + 1].unit != quantities[n].unit or not _FROM.search(words_before):
        return False
    return bool(_CHANGE_TO.fullmatch(sentence, quantities[n].end, quantities[n + 1].start))


def without_thresholds(sentence: str, quantities: list[Quantity]) -> list[Quantity]:
    """经济总量超200亿元县2个, 过10万亿元省份: an amount right after 超 or 过 and right before a bare subject
    (县, 省份, 企业) that ends there sorts those subjects, it is no figure of its own; the count after it
    names them with it. Not where the subject is what the sentence's own subject became (重庆成为…首个经济总量
    超过3万亿元的城市), nor where the words after only begin with such a subject (超500亿元区域基金)."""
    return [q for q in quantities if not _a_threshold(sentence, q)]


def _a_threshold(sentence: str, q: Quantity) -> bool:
    if q.base_unit not in _THRESHOLD_UNITS or not (sentence.endswith(_THRESHOLD_MARKS, 0, q.start)
                                                    or sentence.startswith(_THRESHOLD_MARKS, q.start)):
        return False
    at = q.end + sentence.startswith(tuple(_LINKERS), q.end)
    subject = next((w for w in _BARE_SUBJECTS_LONGEST_FIRST if sentence.startswith(w, at)), "")
    after = sentence[at + len(subject):at + len(subject) + 1]
    ends = not HANZI.match(after) or sentence.startswith(_THRESHOLD_FOLLOWERS, at + len(subject))
    return bool(subject) and ends and not any(w in sentence[:q.start] for w in _COPULAS)


def without_starting_values(quantities: list[Quantity]) -> list[Quantity]:
    """5G基站从1.9万座增加到14.3万座: where a change started from (as :func:`name_metrics` found) is its base,
    not a figure of the period reported (nor of the one planned); only where it came to is kept."""
    return [q for q in quantities if not q.starts_a_change]


def _with_the_margin(q: Quantity, words_before: str, previous: str) -> str:
    """增长6.4%、高于全国平均0.5个百分点: the points are the margin over the wider whole, said in the metric
    (规上工业增加值高于全国平均), which is the previous figure's where the words before say only the margin."""
    margin = _MARGIN.search(words_before) if q.base_unit == _MARGIN_UNIT else None
    if margin is None:
        return q.metric
    said = margin.group(1)
    if q.metric == said:
        return previous + said
    return q.metric if q.metric.endswith(said) else q.metric + said


def _grades_share_the_noun(sentence: str, quantities: list[Quantity]) -> None:
    """``建成6个国家级、13个省级区域医疗中心``: a grade counted on its own (国家级) is of the noun the
    next grade's figure names (国家级区域医疗中心); read from the last, so a run of grades shares it."""
    for q, nxt in reversed(list(zip(quantities, quantities[1:]))):
        between = sentence[q.end:nxt.start]
        if not (q.metric.endswith(_MODIFIER_ENDS) and between[len(q.metric):] in _RUN_JOINERS
                and between.startswith(q.metric)):
            continue
        grade = next((j for j, ch in enumerate(nxt.metric) if j and ch in _MODIFIER_ENDS), -1)
        noun = nxt.metric[grade + 1:] if grade > 0 else ""
        if len(noun) >= _MIN_HEAD:
            q.metric += noun


def _subject_of_the_clause_before(sentence: str, start: int) -> str:
    """The nouns the clause before a figure's opens with, where the figure is the sentence's first and
    its own clause names only its verb: 地区生产总值跨越3个千亿元台阶，达到1.5万亿元 (地区生产总值),
    水利建设投资翻番、达2734.3亿元. Not where the figure's clause distributes over a list (分别达2个、3个)."""
    clause = clause_start(sentence, start)
    own = max(clause, sentence.rfind(LIST_SEPARATOR, 0, start) + 1)
    if own <= 1 or sentence.startswith(_RESPECTIVELY, own):
        return ""
    before = clause_start(sentence, own - 1)
    if any(ch.isdigit() for ch in _MILESTONE_COUNT.sub("", sentence[clause:own])):
        return ""  # 分别达1.28万亿、1.18万亿: an item after other figures shares theirs, or nothing
    nouns = []
    for word, _, _ in words_of(_clean(sentence[before:own - 1])):  # “暖心民政”三年行动…: the quotes say nothing
        kind = tag(word)
        if not (kind.startswith(_NOUN_TAG) or kind in _SUBJECT_TAGS) or len(word) == 1 and kind == _PERSON_TAG \
                or word in _strip_words().tail_set:
            break  # 整车出口突破百万辆: 突破 (a verb a metric never ends with, whatever its tag) ends the subject
        nouns.append(word)
    subject = strip("".join(nouns))
    return subject if len(subject) >= _MIN_HEAD else ""


def topic_of(sentence: str, holding: bool) -> str | None:
    """What the sentences after this one speak of: the topic it opens with, when its opening nouns end
    in an industry's head word (石化产业持续“减油增化提质”: 石化产业); "" when it opens with another
    subject (全县推进…); None when it opens with a verb (释放…, 建设一批…), which keeps the topic
    ``holding`` says there is."""
    if not holding and not holds_any(sentence[:_TOPIC_WINDOW], _TOPIC_HEADS):
        return ""
    nouns = []
    for word, _, _ in words_of(sentence[:_TOPIC_WINDOW]):
        kind = tag(word)
        if not (kind.startswith(_NOUN_TAG) or kind in _TOPIC_TAGS):
            break  # 新材料产业, 石化产业: 新 is tagged an adjective, 石化 an abbreviation; 建设 (vn) is a doing
        nouns.append(word)
    opening = "".join(nouns)
    if opening.endswith(_TOPIC_HEADS) and len(opening) > min(map(len, _TOPIC_HEADS)):
        return opening
    return "" if len(opening) >= _MIN_HEAD else None


def said_of_the_topic(sentence: str, metric: str) -> bool:
    """A bare measure that opens its sentence (产值突破1300亿元): said of the topic named before it."""
    return metric in _TOPIC_MEASURES and sentence.startswith(metric)


def _without_task(metric: str) -> str:
    """A target's metric without the task words it ends with (固定资产投资预期任务: 固定资产投资),
    as the figures after it that are said of the same thing name it."""
    tail = next((w for w in _TASK_TAILS.words if metric.endswith(w) and len(metric) > len(w)), "")
    return metric[: len(metric) - len(tail)]


def _without_increment(metric: str) -> str:
    """新增上市公司: the firms counted, without the word that makes the count this year's new ones."""
    lead = next((w for w in _INCREMENT_LEADS if metric.startswith(w) and len(metric) > len(w) + 1), "")
    return metric[len(lead):]


def _with_the_subject(metric: str, previous: str, no_noun: bool) -> str:
    """``重大项目新开工43个、竣工38个``: a bare stage of doing (竣工), or a predicate right after the
    counter with no counted noun (``no_noun``: 173项创新案例，82项获国家层面认可), is said of the
    subject of the figure before (重大项目竣工, 创新案例获国家层面认可), less that figure's own
    stage or predicate; the metric as it is otherwise."""
    doings = _BARE_DOINGS.words
    if not previous or previous in doings or previous.startswith(_AFTER_STOPS.words):
        return metric
    if metric in doings:
        subject = next((previous[: -len(d)] for d in sorted(doings, key=len, reverse=True) if previous.endswith(d)),
                       previous)
    elif no_noun:
        subject = previous[:min((j for j in (previous.find(w) for w in _AFTER_STOPS.words) if j > 0),
                                default=len(previous))]
    else:
        return metric
    return subject + metric if len(subject) >= _MIN_HEAD else metric


def _after_a_list(metric: str) -> str:
    """The noun a list closed by 等 names (甲矿、乙矿等大中型矿产地: 大中型矿产地), or what follows
    where that noun only says what kind of places the items are (等领域应用落地: 应用落地); the
    metric itself where no 等 closes a list in it (高等院校)."""
    ends = [b for w, _, b in words_of(metric) if w == _LIST_CLOSER]
    if ends and len(metric) - ends[-1] >= _MIN_HEAD:
        head = metric[ends[-1]:]
        for kind in _LIST_KINDS:
            # 在科研、工业等领域应用落地3000个: the fields are where, 应用落地 is what is counted
            if head.startswith(kind) and len(head) - len(kind) >= _MIN_HEAD:
                return strip(head[len(kind):])
        return head
    return metric


def _opens_with_a_verb(words: str) -> bool:
    first = words_of(words[:_VERB_WINDOW])[0][0]
    return len(first) >= 2 and tag(first) in VERB_TAGS - {"vn"}


def _share_head(items: list[str], each: bool = False) -> list[str]:
    """``第一、第三产业增加值分别…``, ``能源、旅游投资分别…``: the last item's head is every item's.

    Where the items before are short, the head is what follows the last item's words up to about
    as many characters as they have (石化化工、装备制造产业增加值: 产业增加值; 汽车零配件、锂电池出口:
    出口); where they are long, what follows its first word; where that word is a longer form of
    the items before (第三产业 after 第一), what follows as many characters as they have. Items
    that end in a measure of their own (起数, 覆盖率) share nothing. ``each`` (a list before 均, which
    may list whole things: 本科高校、技师学院均…): a head of two characters is shared only where it is a measure."""
    last = items[-1]
    others = items[:-1]
    tail = next((t for t in _SHARE_TAILS if last.endswith(t) and len(last) > len(t)), "")
    if tail and all(x.endswith(_MEASURE_ENDS) and not x.endswith(_SHARE_TAILS) for x in others):
        return [x + tail for x in others] + [last]  # 发电量、用电量占比均超过30%: each measure's share
    if len(others) == 1 and last in _BARE_MEASURES and _subject_of(others[0]):
        return [others[0], _subject_of(others[0]) + last]  # 地方财政收入、支出: 地方财政支出
    first_word = words_of(last)[0][0]
    if len(first_word) == 2 and all(_a_half_word(x, first_word) for x in others):
        return [x + last[1:] for x in others] + [last]  # 存、贷款余额: 存款余额 and 贷款余额
    if any(len(x) > len(last) or x.endswith(_MEASURE_ENDS) or x.endswith(_MEASURED_DOINGS) for x in others):
        return items  # 事故起数、死亡人数; 进出口、实际使用外资: each item names its own measure
    mean = sum(map(len, others)) / len(others)
    halves = _PAIRED.get(others[0]) if len(others) == 1 else None
    if halves is not None and last.startswith(halves):
        cut = len(halves)  # 城镇、农村居民人均可支配收入: the head is 居民人均可支配收入, though 农村居民 is one word
    elif len(first_word) > len(others[0]) and first_word[0] == others[0][0]:
        cut = len(others[0])
    elif mean <= _SHORT_ITEM:
        # 刑事、治安案件: a last item of one word is cut as long as the items before are
        ends = [b for _, _, b in words_of(last) if b < len(last)] or [b for b in [round(mean)] if b < len(last)]
        cut = min(ends, key=lambda b: (abs(b - mean), b), default=len(last))
    else:
        cut = len(first_word)  # 工业战略性新兴产业、高新技术产业产值占…: long items, the head is long
    head = last[cut:]
    if each and len(head) <= _MIN_HEAD and not head.endswith(_MEASURE_ENDS):
        return items
    if len(head) < _MIN_HEAD or any(x.endswith(head) for x in others):
        return items
    return [_joined(x, head) for x in others] + [last]


def _a_half_word(item: str, word: str) -> bool:
    """The item ends in one character that, with the second of ``word``, is a word (存 and 贷款: 存款)."""
    end = words_of(item)[-1][0]
    return len(end) == 1 and not item.endswith(_MEASURE_ENDS) and len(words_of(end + word[1])) == 1


def _pair_of(item: str, unsaid: bool = False) -> list[str]:
    """A metric opening with a word that names two things at once (城乡: 城镇 and 农村), as the two
    metrics it names; else the metric alone. ``unsaid``: no 分别 says so, and only the words whose two figures
    are always the two things' are read (进出口总额接连突破8万亿元、9万亿元 is one total's milestones)."""
    for compound, (first, second) in _COMPOUNDS.items():
        if unsaid and compound not in _UNSAID_PAIRS:
            continue
        at = item.find(compound)
        if at >= 0:
            return [item[:at] + half + item[at + len(compound):] for half in (first, second)]
    return [item]


def _subject_of(metric: str) -> str:
    """What a metric that ends in a bare measure measures (工业机器人产量: 工业机器人), else nothing."""
    measure = next((m for m in _MEASURES_LONGEST_FIRST if metric.endswith(m) and len(metric) > len(m)), "")
    return metric[: -len(measure)] if measure else ""


def _carry_the_lead(items: list[str]) -> list[str]:
    """``每千人托位、养老床位数``: the first item's 每千人 is every item's (每千人养老床位数)."""
    lead = _PER_LEAD.match(items[0])
    if not lead:
        return items
    return [items[0]] + [x if _PER_LEAD.match(x) else lead.group() + x for x in items[1:]]


def _joined(item: str, head: str) -> str:
    """The item with the shared head, the words they have in common said once
    (装备制造业、高技术制造业增加值: 装备制造业增加值, not 装备制造业制造业增加值)."""
    overlap = max((k for k in range(_MIN_HEAD, len(head)) if item.endswith(head[:k])), default=0)
    if overlap:
        return item + head[overlap:]
    # 困难残疾人生活补贴、重度残疾人护理补贴标准: the item ends in a word of the head, so takes what follows it (标准)
    for k in range(min(len(item), len(head)) - 1, _MIN_HEAD - 1, -1):
        at = head.find(item[-k:], 1)
        if 0 < at and at + k < len(head):
            return item + head[at + k:]
    return item + head


def _past_the_copula(words: str) -> str:
    """重庆成为中西部地区首个经济总量超过3万亿元的城市: the measure is named after 成为."""
    at = max((words.rfind(w) + len(w) for w in _COPULAS if w in words), default=0)
    return words[at:]


def _names_a_measure(words: str) -> bool:
    """经济总量, 总投资: the words end in a noun, not a time word or a verb (每年, 涉及), nor in the
    whole a share is of (贡献了全国24.1%的增量)."""
    return tag(words_of(words)[-1][0]) in _MEASURE_TAGS and not words.endswith(_SCOPES)


def _only_verbs(words: str) -> bool:
    """挖掘培育, 建好首批: words of doing, with their complements and batch words only, which name
    nothing counted."""
    return all(tag(w) in _DOING_TAGS for w, _, _ in words_of(words))


def _is_generic(metric: str, generic: tuple[str, ...]) -> bool:
    return any(metric == g or metric.endswith(g) and len(metric) <= len(g) + 1 for g in generic)


def _run_of(sentence: str, quantities: list[Quantity], i: int, most: int) -> int:
    """How many figures from the i-th on follow each other joined by 、 or 和 only, up to ``most``."""
    n = 1
    while n < most and i + n < len(quantities) \
            and sentence[quantities[i + n - 1].end:quantities[i + n].start] in _RUN_JOINERS:
        n += 1
    return n


def distribute(sentence: str, quantities: list[Quantity]) -> list[Quantity]:
    """``A、B、C分别下降1%、2%、3%`` and ``A、B均增长5%``: one quantity per listed metric."""
    out: list[Quantity] = []
    shared: list[str] = []  # the metrics the last list of the sentence shared its figures out to
    i = 0
    while i < len(quantities):
        q = quantities[i]
        clause = _before(sentence, q.start, 0)
        m = _DISTRIBUTOR.search(clause)
        items = [strip(_clean(x)) for x in clause[: m.start()].split(LIST_SEPARATOR)] if m else []
        reused = bool(m and shared and not any(items))
        if reused:
            items = shared  # 城乡居民收入分别达到4.2万元、2.1万元，分别增长5%、6.5%: the same two again
        elif m and not any(items) and m.group(1) == _RESPECTIVELY:
            # 接待国内游客4.16亿人次、入境游客936万人次，分别增长6.7%、39.6%: the figures before, one by one
            run = _run_of(sentence, quantities, i, len(quantities))
            before = [x.metric for x in out[-run:]] if 1 < run <= len(out) else []
            reused = bool(before) and all(before) and len(set(before)) == run
            if reused:
                items = before
        if m and len(items) == 1:
            # 旅客和货邮吞吐量分别…: 和 joins the items when the figures say there are two
            items = [strip(_clean(x)) for x in _AND_WORDS.split(clause[: m.start()])]
        if m and len(items) == 1:
            items = _pair_of(items[0])  # 城乡居民人均可支配收入分别增长5.3%、7%: 城镇居民…, 农村居民…
        items = [x for x in items if x]
        if any(ch.isdigit() for x in items for ch in x):
            m = None  # 增长6.2%、高于全国平均: a figure in the list, so it is no list of metrics
        if not m and not any(ch.isdigit() for ch in clause):
            # 游客人次、总花费增长5.6%、7.5%: as many figures in a row as items, one each, unsaid 分别
            # (or a 分别 too far from the figure to be seen: 分别比“十三五”时期增长…)
            listed = clause.split(_RESPECTIVELY)[0]
            items = [strip(_clean(x)) for x in listed.split(LIST_SEPARATOR)]
            if len(items) > 1 and items[0] and _opens_with_doing(items[0]) \
                    and not any(_opens_with_doing(x) for x in items[1:] if x):
                items[0] = items[0][len(words_of(items[0])[0][0]):]  # 改造老旧供热、燃气…管网: the verb is the list's
            if shared and not any(items) and _run_of(sentence, quantities, i, len(shared) + 1) == len(shared):
                items, reused = shared, True  # 分别达6.9万元、3.4万元，增长4.2%、5.3%: the same two again, unsaid
            elif len(items) == 1:
                items = _pair_of(items[0], unsaid=True)  # 城乡居民人均可支配收入年均增长5.3%、8.1%: 城镇's, then 农村's
            paired = len(items) > 1 and all(items) and not any(_opens_with_doing(x) for x in items) \
                and _run_of(sentence, quantities, i, len(items) + 1) == len(items)
            m = _DISTRIBUTOR.search(_RESPECTIVELY) if paired else None
        if m and m.group(1) == _RESPECTIVELY and len(items) > 1:
            run = [q]
            while i + len(run) < len(quantities) and len(run) < len(items):
                nxt = quantities[i + len(run)]
                if sentence[run[-1].end:nxt.start] not in _RUN_JOINERS:
                    break
                run.append(nxt)
            if len(run) == len(items):
                metrics = items if reused else _carry_the_lead(_share_head(items))
                shared = metrics
                # 分别从771家、481家增加到1076家、636家: the figures the list rose to are its items' too
                ends = quantities[i + len(run): i + 2 * len(run)]
                if len(ends) == len(run) and _TO_LINK.fullmatch(sentence, run[-1].end, ends[0].start) \
                        and all(sentence[a.end:b.start] in _RUN_JOINERS for a, b in zip(ends, ends[1:])):
                    i += len(run)  # the run the list rose from is its base (without_starting_values)
                    run = ends
                for item, r in zip(metrics * 2, run):
                    r.metric = item
                out.extend(run)
                i += len(run)
                continue
        if m and m.group(1) in _EACH and len(items) > 1:
            for item in _share_head(items, each=True):
                out.append(dataclasses.replace(q, metric=item))
            i += 1
            continue
        out.append(q)
        i += 1
    return out
