"""The items of a list closed by a counted type word: ``蚝四等3个社区公园``,
``共和旧村、东塘旧村2个项目``. Each item takes the type the head word gives."""
from __future__ import annotations

import bisect
import re

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.names import places
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.kinds import (
    FACILITY, INITIATIVE, common_word, generic_core, names_an_asset, resolve_kind, suffix_by_word, suffix_pattern,
    suffixes,
)
from reportgraph.extract.names.walk import (
    ROUTE_JOINER, a_label_and_a_kind, left_edge, named_core, phrase_end, route_start, trim_left, trim_result_verbs,
)
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import ABBREVIATION_TAG, COMMON_TAGS, PLAIN_VERB, PROPER_TAGS, tag
from reportgraph.opening import with_opening_lookahead
from reportgraph.text import CLAUSE_BREAKS, HANZI, LIST_SEPARATOR, QUOTE_CHARS

_SHAPES = datafile("extract/names/lists.tsv").pairs
_COMPANY_HEADS = datafile("extract/names/company_heads.tsv")
#: Words that name firms in a list, and those of them that also end a firm's own name.
_FIRM_WORDS = tuple(sorted((w for w, _ in _COMPANY_HEADS.rows), key=len, reverse=True))
_FIRM_SUFFIXES = tuple(w for w, role in _COMPANY_HEADS.rows if role == "suffix")
_HONOR_WORDS = datafile("extract/names/honor_words.txt")
_FIRM_TAILS = datafile("extract/names/firm_tails.txt")
_EQUAL_WORDS = datafile("extract/names/equal_words.txt")
_TOWNSHIPS = datafile("extract/names/township_suffixes.txt")
#: Head words whose list items are projects whatever they are named after (某某新材料等项目).
_PROJECT_HEADS = frozenset(_SHAPES["project_heads"].split())
#: Head words under which a province lists venues and fields, not programmes (…等创新平台).
_VENUE_HEADS = frozenset(_SHAPES["venue_heads"].split())
#: What closes a counted list (等, 等3个, 5个); it opens with alternatives, not a literal: looked ahead for.
_CLOSER = with_opening_lookahead(regexcache.compile(_SHAPES["closer"].replace("{count}", _SHAPES["count"])))
#: A closer that counts nothing (等一批展览馆): the head is what the items are among, not part of each name.
_BATCH = _SHAPES["batch"]
_WORK_ITEM = regexcache.compile(_SHAPES["work_item"])
_LEVEL_ITEM = regexcache.compile(_SHAPES["level_item"])
_COMMUNITY_HEAD = regexcache.compile(_SHAPES["community_head"])
_COMMUNITY_TAIL = regexcache.compile(_SHAPES["community_tail"])
#: The genre's words jieba tags as abbreviations that name nothing (中试).
_NOT_PROPER = datafile("extract/names/jargon.txt")
_PHASE_AT_END = regexcache.compile(f"(?:{datafile('extract/names/suffix_rules.tsv').pairs['phase']})$")
_COMMUNITY_WORD = regexcache.compile(_SHAPES["community_head"].lstrip("^"))
#: Words in a list's head that make its items fields, not projects (等11个重点领域项目).
_FIELD_WORDS = tuple(_SHAPES["field_words"].split())
_BUILDING = datafile("extract/names/construction_words.txt")
#: Type words of institutions (实验室, 研究院): a list under one names institutions, each with the word.
_INSTITUTIONS = datafile("extract/names/institution_heads.txt")
#: What opens a kind of institution (国家实验室) and ends an institution's short name (北大, 科研院所).
_SCOPE_OPENERS = datafile("extract/names/scope_words.txt").words
_INSTITUTION_ENDS = tuple(_SHAPES["institution_ends"].split())


def _suffix_at_end() -> re.Pattern[str]:
    return regexcache.compile(f"({suffix_pattern().pattern})$")


_SUFFIX_AT_END = _suffix_at_end()
#: The kinds a list's head word may give its items.
_LIST_KINDS = frozenset({"Community", "Company", FACILITY, INITIATIVE, "Program", "Place", "Project"})
#: Kinds whose names may open with a verb (规范…专项行动), so items of them are not trimmed.
_UNDERTAKINGS = frozenset({INITIATIVE, "Program"})
#: Kinds whose items take the list's head as part of their name (京津塘、津沧等高速公路).
_DISTRIBUTED = frozenset({FACILITY, "Place", "Project"})
#: Kinds whose items may be routes, named from end to end (合浦至湛江等7个铁路项目).
_ROUTED = frozenset({FACILITY, INITIATIVE, "Place", "Project"})
#: The head after a count runs to punctuation or a number, over any word (…利益统筹项目).
_NO_STOPS: frozenset[str] = frozenset()
#: How far after the count the head word may stand, and how long an item may be.
_HEAD_REACH, _MAX_ITEM = 20, 16
#: A listed firm's name is at least this long: two characters in a province's report (某能、某投等企业), where firms
#: go by such short names; three in a local one (shorter items there are kinds).
_MIN_FIRM_NAME, _MIN_LOCAL_FIRM_NAME = 2, 3
#: How many items of a list of firms that are surely names make its other items firms too (海光 beside 中芯国际).
_NAMED_FIRMS = 2
#: jieba's tags of the words a firm's short name may be (海光/n, 飞腾/v): not a field's (vn: 制造) or a place's.
_ONE_WORD_FIRM_TAGS = frozenset({"n", "nz", "nr", "nrt", "v", "a"})
#: Short words for classes of firms (规上、限上等企业): items that name no firm.
_FIRM_CLASSES = datafile("extract/names/firm_classes.txt")
#: jieba's tags of verbs and verbal nouns: an item of firms ending in one names the work they do.
_WORK_TAGS = frozenset({"v", "vn"})
#: jieba's tag of units and counters (兆瓦, 千米).
_UNIT_TAG = "q"
#: How many words of description may stand between a list and the kind of firm it names (优质, 新能源).
_MAX_FIRM_MODIFIER = 6


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Every item of every counted list in the sentence."""
    out = []
    text = s.text
    for m in _CLOSER.finditer(text):
        if not m.group(1) and (m.start() == 0 or text[m.start() - 1] in CLAUSE_BREAKS):
            continue
        if m.group(1) and _inside_equal_word(s, m.start()):
            continue  # 平等, 高等教育: 等 inside such a word closes no list
        rest_end = phrase_end(s, m.end(), first=False, limit=m.end() + _HEAD_REACH)
        kind, head = _list_head(text[m.end():rest_end])
        if kind == FACILITY and head and text.startswith(tuple(_PROJECT_HEADS), text.find(head, m.end()) + len(head)):
            kind = "Project"  # 后安、某某等煤矿项目: built places listed as projects, each named with the place's word
        if not head:
            # an undertaking's head may hold a word that ends other phrases (…利益统筹项目)
            longer_end = phrase_end(s, m.end(), _NO_STOPS, first=False, limit=m.end() + _HEAD_REACH)
            longer = _list_head(text[m.end():longer_end])
            if longer[1] and longer[0] in (INITIATIVE, "Project"):
                (kind, head), rest_end = longer, longer_end
            elif kind is None and longer[0] in (INITIATIVE, "Project") \
                    and not done_or_fields(s, m.end(), longer_end):
                kind, rest_end = longer[0], longer_end  # 等一批百亿级项目: a count in the head's category
        quoted = _quote_opening(s, m.end())
        if kind is None and quoted:
            # 光某、中某等“20+8”产业集群初创企业: a quoted name opening the head only qualifies it
            quoted_end = phrase_end(s, quoted, first=False, limit=quoted + _HEAD_REACH)
            if _list_head(text[quoted:quoted_end])[0] == "Company":
                kind, head, rest_end = "Company", "", quoted_end
        if kind == "Community" and _in_common_word(s, m.end(), rest_end) or _type_word_inside_a_word(s, m.end(), rest_end):
            continue  # 茶叶、林竹等十大乡村特色产业, 三个适宜新城镇: 乡村, 城镇 are words of their own
        if kind is None:
            continue
        asset_head = bool(head) and kind in (INITIATIVE, "Project")
        spans = _items(s, m.start(), kind, ctx.lexicon.names, closed_by_deng=bool(m.group(1)))
        if kind == "Company":
            spans = [_firm_span(text, a, b) for a, b in spans]
        firms_named = kind == "Company" and _names_firms(s, spans, ctx.formal)
        for a, b in spans:
            item = text[a:b]
            if kind == "Community" and _COMMUNITY_HEAD.match(item.lstrip(QUOTE_CHARS)):
                continue  # 村BA、…等“村字号”活动: a name opening with the type word is no village's
            work = _WORK_ITEM.search(item)
            if work and kind in (INITIATIVE, "Project") and ctx.formal \
                    and named_core(s, a, a + work.start(), b, ctx.lexicon.names):
                work = None  # 长江航道整治、…等重大项目: a province's project named by the works done on a named site
            if work or len(item) < 2 or _LEVEL_ITEM.search(item) \
                    or kind != "Company" and not head and not HANZI.search(item) \
                    and not any(ch in QUOTE_CHARS for ch in item) \
                    or kind != "Community" and not asset_head and common_word(s, a, b) \
                    and not (firms_named and _one_word_firm(s, a, b)):
                continue  # 市容环境整治等14个工程, 市、区两级, 医疗、文旅等, 5G-A、…等新型基础设施: not names (G15、S20等高速公路
                # take the head: route codes)
            if asset_head:
                # 潭头、华美工业园等4个土地整备利益统筹项目: each item is a project of that head
                out.append(Candidate(a, b, "Project", s.original(a, b) + head, "shared_head"))
                continue
            if kind == "Company" and not _firm_name(s, a, b, ctx.formal):
                if _names_an_honor(item):
                    out.append(Candidate(a, b, "Honor", s.original(a, b), "list"))  # 单项冠军、…等上榜企业
                continue
            own = _own_kind(item)
            if kind == "GovernmentBody" and (own is not None or not _names_an_institution(s, a, b, ctx)):
                continue  # 国家实验室、省实验室等, 高校、科研院所等: kinds of institution; 北大: one already named
            if own == "Community" and _in_common_word(s, a, b):
                own = None  # 水利、农业农村等重大项目: 农村 is a word of its own, no village's name
            if own == "Place" and kind in _ROUTED and ROUTE_JOINER in item[1:-1]:
                own = None  # 周至至乾县、…等高速公路: the place ends the route, whose kind is the list's
            item_kind = _item_kind(kind, own)
            if item_kind == INITIATIVE and own is None and _head_word(text[m.end():rest_end]) in _PROJECT_HEADS:
                item_kind = "Project"  # 唐晶半导体、某某新材料等项目: each item is a project
                if ctx.formal and not named_core(s, a, b, b, ctx.lexicon.names) \
                        and not _abbreviated_or_phased(s, a, b):
                    continue  # 保障性住房、生物制造等项目: kinds and fields of project a province lists
            if ctx.formal and own in (FACILITY, "Project") \
                    and not _named_before_type_word(s, a, b, ctx):
                continue  # 奥体中心、体育训练基地等项目: a kind of built place, none named
            if ctx.formal and own is None and item_kind in _UNDERTAKINGS \
                    and not any(ch in QUOTE_CHARS for ch in item) and not named_core(s, a, b, b, ctx.lexicon.names):
                continue  # 演唱会经济、微短剧等新业态, 检验检测等平台: fields a province names, not programmes
            if ctx.formal and own not in _UNDERTAKINGS and item_kind == "Program" and not any(ch in QUOTE_CHARS for ch in item) \
                    and _head_word(text[m.end():rest_end]) in _VENUE_HEADS:
                continue  # 某某创新中心、某某实验室等平台: centres, labs and zones a province counts as platforms
            if item_kind not in _UNDERTAKINGS:
                a = trim_left(s, a, b, 2, ctx.lexicon.names)  # 做大做强雄安中关村科技园等平台
                a = places.after_inner_verbs(s, a, b) if item_kind in (FACILITY, "Place") else a  # 改造某某大道
            else:
                a = trim_result_verbs(s, a, b, 2)  # 建好某某研究院等新型创新平台
            item = text[a:b]
            clause = s.clause(a, rest_end) if item_kind in (FACILITY, INITIATIVE) else ""
            name = s.original(a, b)
            source = "list"
            if own is None and head and (item_kind in _DISTRIBUTED or kind == "GovernmentBody") and head not in item \
                    and not m.group(0).endswith(_BATCH):
                name += head  # 京津塘、津沧等高速公路: each item is named with the list's head
                source = "shared_head"
            elif own is None and item_kind == "Community" and not any(ch in QUOTE_CHARS for ch in item):
                source = "shared_head"  # 青石、大河3个村: the head says each is a village, not the river a name may be
            etype = resolve_kind(item_kind, item, clause)
            if etype == "Place" and ctx.formal and (own is None and not named_core(s, a, b, b, ctx.lexicon.names)
                                                    or a_label_and_a_kind(s, a, b, ctx.lexicon.names)):
                continue  # 时空信息、具身智能等…中试基地: fields of the places a province lists
            out.append(Candidate(a, b, etype, name, source))
    return out


def _named_before_type_word(s: SentenceView, a: int, b: int, ctx: Context) -> bool:
    """Do the words of a list item before its own type word name it (青禾体育中心), as only a
    name's do, or does it end with a phase (…基地二期)?"""
    m = _SUFFIX_AT_END.search(s.text, a, b)
    core_end = m.start(1) if m else b
    return named_core(s, a, core_end, b, ctx.lexicon.names) or _abbreviated_or_phased(s, a, core_end)


def _quote_opening(s: SentenceView, at: int) -> int | None:
    """Where a quote that opens at ``at`` closes, or None."""
    return next((qb for qa, qb in s.quotes_from(at, at + 1) if qa == at), None)


def _abbreviated_or_phased(s: SentenceView, a: int, b: int) -> bool:
    """Does a list item hold an abbreviation of a proper name (东盟…中心, 浙赣粤运河) or end with
    the phase of a build (…中心三期), as only a named project does?"""
    if _PHASE_AT_END.search(s.text, a, b):
        return True
    return any(tag(w) == ABBREVIATION_TAG and w not in _NOT_PROPER.word_set for w, _, _ in s.tokens_within(a, b))


def _head_word(rest: str) -> str:
    """The type word a list's head holds (等重点项目: 项目), or ""."""
    m = suffix_pattern().search(rest.strip(QUOTE_CHARS))
    return m.group() if m else ""


def _own_kind(item: str) -> str | None:
    """The kind of the type word an item ends with, if it has one (雄安中关村科技园: a Facility)."""
    m = _SUFFIX_AT_END.search(item)
    return suffix_by_word()[m.group(1)].kind if m else None


def _item_kind(list_kind: str, own: str | None) -> str:
    """An item's kind: its own type word's where the list's head only names a category of it."""
    if own is None or own == list_kind or list_kind in ("Community", "Company") or own not in _DISTRIBUTED:
        return list_kind
    if list_kind == INITIATIVE and own == FACILITY:
        return "Project"  # 某某产业园等项目: a built place counted as a project is one
    return own if list_kind in _UNDERTAKINGS else list_kind


def _in_common_word(s: SentenceView, start: int, end: int) -> bool:
    """Is the community type word of a list's head (between ``start`` and ``end``) the end of a
    longer common word (乡村, 农村) rather than a word of its own (社区, 村)?"""
    m = _COMMUNITY_WORD.search(s.text, start, end)
    if m is None:
        return False
    k = bisect.bisect_right(s.token_starts, m.start()) - 1
    word = s.tokens[k][0]
    return word != m.group() and len(word) > 1 and s.tokens[k][1] < m.start() and tag(word) in COMMON_TAGS


def _type_word_inside_a_word(s: SentenceView, start: int, end: int) -> bool:
    """Is the head's one-character township word (镇, 乡) inside a longer word (城镇, 乡村)?"""
    m = suffix_pattern().search(s.text, start, end)
    if m is None or len(m.group()) > 1 or m.group() not in _TOWNSHIPS.word_set:
        return False
    k = bisect.bisect_right(s.token_starts, m.start()) - 1
    return k >= 0 and (s.tokens[k][1] < m.start() or s.tokens[k][2] > m.end())


def _inside_equal_word(s: SentenceView, at: int) -> bool:
    """Does the word jieba cuts around offset ``at`` hold 等 as 'equal' or 'grade'?"""
    k = bisect.bisect_right(s.token_starts, at) - 1
    return k >= 0 and s.tokens[k][0] in _EQUAL_WORDS.word_set


def _list_head(rest: str) -> tuple[str | None, str]:
    """The kind a counted list's head gives its items, and the head's type word where it names
    each item (高速, 高铁), else ""."""
    stripped = rest.strip(QUOTE_CHARS)
    if _COMMUNITY_HEAD.match(stripped) or _COMMUNITY_TAIL.search(stripped):
        return "Community", ""
    firm_at = min((i for i in (stripped.find(h) for h in _FIRM_WORDS) if i >= 0), default=-1)
    if 0 <= firm_at <= _MAX_FIRM_MODIFIER:
        return "Company", ""
    m = suffix_pattern().search(stripped)
    if not m:
        return None, ""
    kind = suffix_by_word()[m.group()].kind
    if kind == "GovernmentBody" and m.start() == 0 and m.group() in _INSTITUTIONS.word_set:
        return kind, m.group()  # 紫金山、某某等实验室: each item is an institution of that type word
    if kind not in _LIST_KINDS:
        return None, ""
    # a built place's type word right after the count names each item (京津塘、津沧等高速: 京津塘高速),
    # and so does an undertaking's head that says what is done on the site (潭头、碧头等土地整备利益统筹
    # 项目); any other modifier is a category's (重大项目, 特色宜居片区), not part of the names
    if kind == FACILITY and m.start() == 0:
        return kind, m.group()
    if kind in (INITIATIVE, "Project") and names_an_asset(stripped[: m.start()]):
        return kind, stripped[: m.end()]
    return kind, ""


def _firm_name(s: SentenceView, a: int, b: int, formal: bool) -> bool:
    """Is a list item of firms a firm's name, not a kind of firm (高新技术企业, 上市公司) or an honor (单项冠军)?"""
    item = s.text[a:b]
    if len(item) < (_MIN_FIRM_NAME if formal else _MIN_LOCAL_FIRM_NAME) or item in _FIRM_CLASSES.word_set \
            or any(item.endswith(h) for h in _FIRM_WORDS if h not in _FIRM_SUFFIXES):
        return False
    words = [w for w, wa, wb in s.tokens_within(a, b)]
    if len(words) >= 2 and all(len(w) >= 2 and tag(w) in COMMON_TAGS for w in words):
        return False  # 专业机构、产业联盟: a run of common words names a kind of body, not a firm
    if len(words) >= 2 and len(words[-1]) >= 2 and tag(words[-1]) in _WORK_TAGS \
            and all(len(w) >= 2 and tag(w) not in PROPER_TAGS for w in words[:-1]):
        return False  # 卫星研发制造、卫星数据应用等企业: the work firms do, a sector (not 华中通用)
    if any(w.kind == "Honor" and w.word in item for w in suffixes()) or any(w in item for w in _HONOR_WORDS.words):
        return False
    suffix = next((x for x in _FIRM_SUFFIXES if item.endswith(x)), "")
    core = item[: len(item) - len(suffix)]
    return not (suffix and (generic_core("Company", core) or common_word(s, a, a + len(core))))


def _names_firms(s: SentenceView, spans: list[tuple[int, int]], formal: bool) -> bool:
    """Does a list of firms name firms, not kinds of firm (高新技术企业、…): are two of its items
    names no dictionary holds as plain words (曙光、中芯国际、…等头部企业)?"""
    named = sum(1 for a, b in spans if not common_word(s, a, b) and _firm_name(s, a, b, formal))
    return named >= _NAMED_FIRMS


def _one_word_firm(s: SentenceView, a: int, b: int) -> bool:
    """Is an item of a list that names firms a firm's short name that is also a word (海光, 麒麟, 联想):
    one noun or verb of two or three characters, no kind of firm, field or sector?"""
    item = s.text[a:b]
    return len(item) in (2, 3) and tag(item) in _ONE_WORD_FIRM_TAGS and item not in _FIRM_CLASSES.word_set \
        and not generic_core("Company", item)


def _names_an_institution(s: SentenceView, a: int, b: int, ctx: Context) -> bool:
    """Is a list item before an institution's type word its proper name (紫金山, 某某湖): a name, no scope word
    (国家, 省) and no word that ends an institution's own name (北大, 科研院所)?"""
    item = s.text[a:b]
    return not item.startswith(tuple(_SCOPE_OPENERS)) and not item.endswith(_INSTITUTION_ENDS) \
        and not common_word(s, a, b) and named_core(s, a, b, b, ctx.lexicon.names)


def _names_an_honor(item: str) -> bool:
    """Is a list item of firms an honor firms win (单项冠军, 专精特新“小巨人”)?"""
    return any(w in item for w in _HONOR_WORDS.words)


def _firm_span(text: str, a: int, b: int) -> tuple[int, int]:
    """A firm's name in a list item that names its kind first (半导体企业湃泊科技) or a site after it (…总部)."""
    item = text[a:b]
    cut = max((item.rfind(h) + len(h) for h in _FIRM_WORDS if h in item), default=0)
    if b - (a + cut) >= 2:
        a += cut
    tail = next((t for t in _FIRM_TAILS.words if text.endswith(t, a, b) and b - len(t) - a >= 2), "")
    return a, b - len(tail)


def _after_a_quantity(s: SentenceView, start: int) -> bool:
    """Does a number, or a number and its unit (720兆瓦), end right before ``start``?"""
    k = bisect.bisect_left(s.token_starts, start) - 1
    if k < 0 or s.tokens[k][2] != start:
        return False
    word = s.tokens[k][0]
    if tag(word) == _UNIT_TAG and k > 0:
        word = s.tokens[k - 1][0]
    return word[-1:].isdigit()


def done_or_fields(s: SentenceView, start: int, end: int) -> bool:
    """Do the words from a list's closer to its head say what is done (等工具支持产业项目: a verb other than one of
    building; 等续建项目 is a list) or name fields (等11个重点领域项目): the items are no projects?"""
    if any(w in s.text[start:end] for w in _FIELD_WORDS):
        return True
    return any(tag(w)[:1] == PLAIN_VERB and w not in _BUILDING.word_set for w, _, _ in s.tokens_within(start, end))


def _side_by_side_quotes(s: SentenceView, start: int, end: int) -> list[tuple[int, int]]:
    """The quotes an item is made of, when it is two or more side by side and nothing else (“甲”“乙”等机制): each is
    an item of its own, last first as the walk goes; else none."""
    quotes = s.quotes_from(start, end)
    if len(quotes) < 2 or quotes[0][0] != start or quotes[-1][1] != end \
            or any(b != a for (_, b), (a, _) in zip(quotes, quotes[1:])):
        return []
    return quotes[::-1]


def _items(s: SentenceView, pos: int, kind: str, known: frozenset[str], closed_by_deng: bool) -> list[tuple[int, int]]:
    """The 、-separated items that end at ``pos`` (where 等 or the count stands)."""
    items = []
    end = pos
    walk_as = "Company" if kind == "Company" else INITIATIVE
    while True:
        edge = left_edge(s, end, _MAX_ITEM, walk_as)
        start = route_start(s, edge.start, known) if kind in _ROUTED else edge.start  # 黄桶至百色、合浦至湛江等铁路
        if start >= end or edge.counted or _after_a_quantity(s, start):
            break  # 南网720兆瓦储能电站等项目: an item cut at a number is not the item's name
        items += _side_by_side_quotes(s, start, end) or [(start, end)]
        if start > 0 and s.text[start - 1] == LIST_SEPARATOR:
            end = start - 1
            continue
        break
    if not closed_by_deng and len(items) < 2:
        return []
    return items
