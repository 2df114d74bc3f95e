"""Names that end in a type word (``…社区``, ``…有限公司``, ``…项目``, ``…路``).

The type word is found in the sentence; the name's left edge by walking back
over the words before it (:func:`.walk.left_edge`). What remains is checked
against the shapes of a description rather than a name: a generic core
(``友好社区``), a counted common noun (``3所学校``), a kind of undertaking
(``重大合作平台``), a heading's year (``2024年工作计划``), an amount (``千亿元县``).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.names import places
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.kinds import (
    FACILITY, FIGURATIVE_BUILDING, INITIATIVE, QUOTE_MARK, Suffix, attribute_only, generic_core, generic_tail, resolve_kind,
    suffix_by_word,
    suffix_pattern, words_of_kinds,
)
from reportgraph.extract.names.walk import (
    BODY_ENDS, CONJUNCTIONS, COUNTER_WORDS, LEVEL_MARK, PLACE_STOP_TAGS, a_label_and_a_kind, a_result_verb,
    after_a_verb_right_before, after_complement, after_enumerator, boundaries, holds_description, joined_start,
    left_edge, named_core, route_start, trim_left, trim_result_verbs,
)
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import (
    ABBREVIATION_TAG, COMMON_TAGS, PERSON_TAGS, PLACE_TAG, PLAIN_VERB, PROPER_TAGS, VERB_TAGS, tag, tag_or,
)
from reportgraph.text import (
    BRACKET_CLOSERS, BRACKET_OPENERS, CLAUSE_BREAKS, CLAUSE_REACH, HANZI, HANZI_RUN, LIST_SEPARATOR, QUOTE_CHARS,
    chinese_to_int, clause_bounds, clause_start,
)

_OPENERS = datafile("extract/names/generic_openers.txt")
_BLOCKING_FOLLOWERS = datafile("extract/names/blocking_followers.txt")
#: The generic words for firms (企业, 公司, 集团) and kinds of firm (龙头企业) that a firm's name may follow
#: but not open with.
_FIRM_KINDS = datafile("extract/names/subjects.txt")
_FIRM_OPENERS = datafile("extract/names/firm_openers.txt")
_FIRM_ROLES = datafile("extract/names/firm_roles.txt")
#: A firm's own name before its registered suffix is at least this long.
_MIN_FIRM_CORE = 2
_RULES = datafile("extract/names/suffix_rules.tsv").pairs
_DISASTERS = frozenset(_RULES["disasters"].split())
#: Type words of campaigns, and how many characters after a generic opener (重点, 重大) say what one does at such
#: length that it is named (重点行业提质降本降碳行动), not a kind (重大人才工程).
_CAMPAIGNS = frozenset(_RULES["campaigns"].split())
#: A count of things (3个, 五项): before an event's type word, the subject of a clause of its own.
_COUNTED = regexcache.compile(_RULES["counted"])
_WORKS_DESCRIPTORS = tuple(_RULES["works_descriptors"].split())
#: How long a word of the head may stand between quotes that share it and its type word (“甲”“乙”服务平台).
_SHARED_HEAD_WORD = 2
_NAMED_CAMPAIGN = 6

_PHASE = regexcache.compile(_RULES["phase"])
_SECTION = regexcache.compile(_RULES["section"])
_PLACE_SECTION = regexcache.compile(_RULES["place_section"])
_LIST_CLOSER = _RULES["list_closer"]
_REGISTERED = _RULES["registered"]
_YEAR_PREFIX = regexcache.compile(_RULES["year_prefix"])
_LEVEL_PREFIX = regexcache.compile(_RULES["level_prefix"])
_RANK_LEVEL = regexcache.compile(_RULES["rank_level"])
_AMOUNT = regexcache.compile(_RULES["amount"])
_TRAILING_ONLY = frozenset(_RULES["trailing_only"].split())
_TRAILING_END = regexcache.compile(_RULES["trailing_end"])
_COMMUNITY_CORE = regexcache.compile(r"[\u4e00-\u9fff]{2}")
_TWO_HANZI = regexcache.compile(r"[\u4e00-\u9fff]{2}")
_WEAK_HEADS = datafile("extract/names/weak_program_heads.txt")
_INSTITUTIONS = datafile("extract/names/institution_heads.txt")
_SCOPE = datafile("extract/names/scope_words.txt")
_SCOPE_KIND_HEADS = datafile("extract/names/scope_kind_heads.txt")
#: jieba's tags of words that never stand in a reform's own name: the clause's adverbs and function words (its
#: verbs only where one opens the name: 零基预算改革's 预算 is tagged a verb)
_REFORM_STOP_TAGS = frozenset({"d", "ad", "p", "c", "u", "r"})
#: jieba's tag of a number or a count (若干): a reform so named is none
_COUNT_TAG = "m"
#: The type words of firms and bodies, whose reform a reform's name may say (某某公司改革): no reform named.
_REFORMED = words_of_kinds("Company", "GovernmentBody")
_VAGUE = datafile("extract/names/vague_words.txt")
_REFORM_HEADS = datafile("extract/names/reform_heads.txt")
_TOWNSHIPS = datafile("extract/names/township_suffixes.txt")
_TOWNSHIP_WORD_OPENERS = datafile("extract/names/township_word_openers.txt")
_TOWNSHIP_KINDS = datafile("extract/names/township_kinds.txt")
_PROPER_ONLY = datafile("extract/names/proper_only_suffixes.txt")
#: Words that end a report's title (…工作计划, …工作总结): a run that ends so names the report.
_TITLE_WORDS = datafile("segment/title_words.txt")
#: Title words this long name a report (工作计划); shorter ones (计划) end programmes' names too.
_TITLE_WORD_CHARS = 4
#: A count right after a name: what it names is a kind being counted (招商项目20宗).
_COUNT_AFTER = regexcache.compile(r"\d+(?:\.\d+)?[" + "".join(sorted(COUNTER_WORDS)) + "]")
_COMMUNITIES = datafile("extract/names/communities.tsv").pairs
_SURNAMES = frozenset(_COMMUNITIES["surnames"])
_VILLAGE_OPENERS = frozenset(_COMMUNITIES["village_openers"])
#: The character between a family's name and the feature a village is named after (王家峪).
_FAMILY_MARK = _COMMUNITIES["family_mark"]
_VILLAGE = _COMMUNITIES["village_word"]
_VILLAGE_COMMITTEES = tuple(_COMMUNITIES["village_committees"].split())
#: The members of a body whose word jieba joins to the body's (人大代表, 武警官兵): the body is named before them.
MEMBERS: dict[str, tuple[str, ...]] = {body: tuple(members.split(",")) for body, members in
                                       (pair.split("=") for pair in _RULES["members"].split())}
#: How long the name of a village named by a family is (王家峪, 东王庄).
_VILLAGE_OF_THREE = 3
_LEVEL_CHARS = frozenset(_COMMUNITIES["level_chars"])
_SPARSE_LEVELS = frozenset(_COMMUNITIES["sparse_levels"].split())
_HUB_ENDINGS = tuple(_COMMUNITIES["hub_endings"])
#: How far after a community the next list item is looked for.
_NEIGHBOUR_REACH = 12
#: Kinds whose names never open with a verb, an adverb or a count (undertakings' may: 规范…专项行动).
_TRIMMED = frozenset({"GovernmentBody", "Event", "Place", FACILITY, "Company", "Honor"})
#: Kinds whose name may run on into a phase number (二期工程).
_PHASED = (FACILITY, INITIATIVE, "Project", "Place")
#: How far back the walk may go: a community's own name is short, others may be long.
_MAX_COMMUNITY, _MAX_NAME = 4, 24
#: A body that needs no core (区委, 市政府) takes at most this long a run before it as its place.
_MAX_BARE_BODY_PREFIX = 3
#: First letters of jieba's tags of a word that opens no place's name before a level's body: a conjunction,
#: a preposition (和, 与, 对).
_NOT_PLACE_TAGS = frozenset("cp")
#: A community's or village's own name is this long in this genre.
_COMMUNITY_NAME = 2
#: ... or, where jieba reads it as one proper word, up to this long (李家坪村).
_LONG_COMMUNITY_NAME = 3
_NOT_BODIES = datafile("extract/names/not_body_endings.txt")
_HONOR_INNER_VERBS = datafile("extract/names/honor_inner_verbs.txt")
_DESIGNATIONS = datafile("extract/names/designations.txt")
_DESIGNATION_WINNING = datafile("extract/names/designation_winning.txt")
#: The scopes that open a national designation's name (国家数据要素综合试验区): it names one with no proper element.
NATIONAL_SCOPES = tuple(_RULES["national_scopes"].split())
#: A national designation says what it demonstrates in this many characters at least (数字贸易).
_MIN_DEMONSTRATED = 4
#: The trade words that end a firm's name (恒丰银行, 某某石化) only where its clause goes on with no more of a name.
_TRADES = frozenset(_RULES["trades"].split())
#: First letters of jieba's tags of the words after a firm's trade word that end its name there: verbs, adjectives, adverbs,
#: prepositions, conjunctions, particles and the abbreviations jieba gives verb phrases (某某银行稳健发展, 某某证券和…,
#: 某某农商行深化改革).
_ENDING_TAGS = frozenset("vadpcuj")
#: jieba's tag of adjectives: one of two characters after a firm says how it fares (稳健), one of one opens a noun (新).
_ADJECTIVE = "a"
_MISTAGGED = datafile("extract/names/mistagged.txt")
#: The preposition whose place and verb before an honor are none of its name (在湘世界500强).
_LOCATIVE = _RULES["locative"]
#: What opens an edition number (第十六届): a verb right before it is the clause's.
_EDITION_MARK = _RULES["edition_mark"]
#: Works right after a named site that end the clause: the site's renovation, a project (某某工业园区改造提升).
_RENOVATION = regexcache.compile(_RULES["renovation"])
#: The words before 大会 that make it the congress that sits (or is addressed), not an event held.
_CONGRESS = regexcache.compile(_RULES["congress"])
_PROJECT_LIST = regexcache.compile(_RULES["project_list"])
#: Type words of undertakings that, named by a site or a firm, are projects (某某新材料项目).
_PROJECT_HEADS = frozenset(datafile("extract/names/lists.tsv").pairs["project_heads"].split())
#: Kinds a count right after the name makes a kind being counted (新增某某实验室5家); honors and
#: events are counted as won or held (单项冠军企业47家).
_UNCOUNTED = frozenset({"Honor", "Event", "Community"})
#: The fewest characters an honor's name keeps before its type word once a description is dropped.
_MIN_HONOR_CORE = 2
_DESCRIPTION_OPENERS = datafile("extract/names/description_openers.txt")
_THING_OPENERS = datafile("extract/names/thing_openers.txt")
#: Kinds of things built or found, not done, whose names no word of an undertaking's round opens.
_THINGS = frozenset({FACILITY, "Place", "Project"})
_COUNT_OPENER = regexcache.compile(_RULES["count_opener"])
_SUPERLATIVE = regexcache.compile(_RULES["superlative"])
_COUNT_VERBS = tuple(sorted(_RULES["count_verbs"].split(), key=len, reverse=True))
_SERVED = datafile("extract/names/served_bodies.tsv").pairs
_SERVED_BODIES = frozenset(_SERVED["bodies"].split())
_SERVED_OPENERS = frozenset(_SERVED["openers"].split())
_SESSION = regexcache.compile(_SERVED["session"])


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Names that end in a type word, their left edge found by walking back over words."""
    out = []
    by_word = suffix_by_word()
    text = s.text
    for m in suffix_pattern().finditer(text):
        suffix = by_word[m.group()]
        start_suffix, end = m.start(), m.end()
        # 省人大代表: jieba's one word for a body's members (人大代表) ends past the body's word
        before_members = end not in s.token_end and text.startswith(MEMBERS.get(suffix.word, ()), end)
        if end not in s.token_end and end < len(text) and not before_members \
                and not (suffix.word == _VILLAGE and text.startswith(_VILLAGE_COMMITTEES, end)):
            continue  # the suffix is the start of a longer word: 路径, 街道 (but a village's committee: 东岭村委会)
        if suffix.kind == "Honor" and start_suffix not in s.token_start \
                and (len(suffix.word) > 1 or _inside_a_verb(s, start_suffix)):
            continue  # the suffix is the end of a longer word: 评奖, 获奖 (荷花奖 is a name)
        if s.in_quote(start_suffix):
            continue  # handled as a quoted name
        if suffix.word in _TRADES and _name_goes_on(s, end):
            continue  # 某某石化园区, 某某石化新材料: the firm's trade word opens a kind of place or of industry
        if suffix.kind == "GovernmentBody" and _place_word_follows(text, end):
            continue  # 某某大学科技园: the institution's word opens a place's name
        if suffix.kind == "GovernmentBody" and _object_of_a_verb(s, start_suffix, end):
            continue  # 破局, 开新局: the character is a verb's object, not a bureau
        if suffix.min_core == 0 and _inside_a_common_word(s, start_suffix):
            continue  # 高风险地区政府投资: the level's character ends a common word (地区), no 区政府
        phase = (_PHASE.match(text, end) or _SECTION.match(text, end) or _place_section(s, end)) \
            if suffix.kind in _PHASED else None
        if phase:
            end = phase.end()
        short = suffix.kind == "Community" or suffix.word in _TOWNSHIPS.word_set
        max_len = _MAX_COMMUNITY if short else _MAX_NAME
        designation = suffix.word in _DESIGNATIONS.word_set
        # a designation's name says what it demonstrates (国家服务贸易创新发展示范区): walked as an undertaking's
        edge = left_edge(s, start_suffix, max_len, INITIATIVE if designation else suffix.kind,
                         allow_numbers=suffix.kind == "Event", known=ctx.lexicon.names)
        start: int | None = edge.start
        if short:
            start = _community_start(s, edge.start, start_suffix, village=suffix.word == _VILLAGE)
            level = ctx.level if suffix.kind == "Community" else ""
            if start is None or not _community_name(s, start, start_suffix, level, ctx.lexicon.names) \
                    or a_result_verb(s, start, start_suffix):
                continue  # 选优配强社区“两委”: a verb of result before the kind, no community's name
            if suffix.word in _TOWNSHIPS.word_set and not _township_word_of_its_own(s, start, start_suffix, end):
                continue  # 城镇, 中心镇, 以城带乡, 乡建: no township's name
            if suffix.kind == "Place":
                start = places.town_start(s, start, start_suffix, ctx.lexicon)
        if before_members:  # 省人大代表: the body is its level's or its place's
            start = _level_before(s, start_suffix, ctx.lexicon.names)
        if suffix.min_core == 0 and (start_suffix - start > _MAX_BARE_BODY_PREFIX
                                     or not _place_before_a_level(s, start, start_suffix, ctx.lexicon.names)):
            start = start_suffix  # 区委, 市政府 stand alone; a long run before them, or 和, is not their place
        start = after_complement(s, after_enumerator(s, start, start_suffix, suffix.min_core))
        if suffix.kind in (FACILITY, "Project", INITIATIVE):
            start = route_start(s, start, ctx.lexicon.names)  # 阿克苏至巴楚段铁路扩能改造工程: a route's undertaking
        if suffix.kind in ("Project", INITIATIVE) or designation:  # not two built places (甲校与乙校结对)
            start = joined_start(s, start, start_suffix, max_len, INITIATIVE if designation else suffix.kind,
                                 ctx.lexicon.names)
        if suffix.kind in _TRIMMED:
            start = trim_left(s, start, start_suffix, suffix.min_core, ctx.lexicon.names, suffix.kind)
        else:
            start = trim_result_verbs(s, start, start_suffix, suffix.min_core)
        if suffix.kind == "Event":
            start = _after_a_counted_subject(s, start, start_suffix, ctx.lexicon.names)
            start = _after_winning_verbs(s, _after_a_stray_verb(s, start, start_suffix), start_suffix)
            if suffix.word in _DISASTERS:
                start = _place_struck(s, start, start_suffix, ctx.lexicon.names)
                if start is None:
                    continue  # 有效应对多次地震: no place named, no disaster of its own
            if any(w in text[start:start_suffix] for w in _VAGUE.words):
                continue  # 在联合国相关大会交流: which meetings is not said
        if suffix.kind == "Honor":
            start = _after_winning_verbs(s, start, start_suffix)
            start = _after_locative(s, start, start_suffix)
            start = _after_a_description(s, start, start_suffix)
        if suffix.kind in (FACILITY, "Place") and not designation:
            start = places.after_inner_verbs(s, places.after_description(s, start, start_suffix, suffix.word),
                                             start_suffix)
            if suffix.kind == FACILITY:  # a trim that cut a route back to its end point (大同至太原铁路)
                start = route_start(s, start, ctx.lexicon.names)
                start = _after_a_works_descriptor(s, start, start_suffix)
        if suffix.word in _SERVED_BODIES:
            start = _served_place_start(s, start, start_suffix, ctx.lexicon.names)
        if suffix.kind == "GovernmentBody":
            start = _known_body_after_a_verb(s, start, end, ctx.lexicon.names)
        if suffix.kind == "Company":
            start = _after_a_kind_of_firm(s, start, start_suffix)
        start = _after_a_list_item(s, start, start_suffix)
        if _quotes_sharing_a_head(s, start, start_suffix, 0 if suffix.kind == "Event" else _SHARED_HEAD_WORD):
            continue  # “甲”“乙”行动计划: each quote is named with the head (quotes.find)
        if _not_a_name(s, suffix, start, start_suffix, end, edge.counted, ctx.lexicon.names,
                       local=not ctx.formal):
            continue
        clause = _clause_around(s, start, end) if suffix.kind in (FACILITY, INITIATIVE) else ""
        etype = resolve_kind(suffix.kind, text[start:start_suffix], clause)
        if suffix.kind == FACILITY and _PROJECT_LIST.match(text, end):
            etype = "Project"  # 某某机场、某某基地等重点项目: built places listed as projects
        if etype == "Program" and ctx.formal and suffix.word in _PROJECT_HEADS \
                and _sited(s, start, start_suffix, ctx.lexicon.names):
            etype = "Project"  # 威海某某消纳项目: a project a province names by its site or firm is one
        national = ctx.formal and designation and national_designation(text[start:start_suffix])
        if (ctx.formal and not national and _needs_a_proper_element(etype, suffix, text[start:start_suffix])
                or suffix.word in _PROPER_ONLY.word_set) \
                and not named_core(s, start, start_suffix, end, ctx.lexicon.names):
            continue  # a province's 完善灾害预警响应机制, 骨干冷链物流基地, 高水平大学: kinds, not names
        if ctx.formal and suffix.word in _INSTITUTIONS.word_set \
                and text[start:start_suffix] in _SCOPE.word_set:
            continue  # 以国家实验室为龙头, 组建省实验室: a level's kind of institution, none named
        if suffix.word in _REFORM_HEADS.word_set and not _a_named_reform(s, start, start_suffix, end, ctx.lexicon.names):
            continue  # 深化安徽改革, 更大力度推进改革, 国家发展改革委: no reform named
        if ctx.formal and etype == "Project" and suffix.word in _SCOPE_KIND_HEADS.word_set \
                and _scope_and_kind(s, start, start_suffix, ctx.lexicon.names):
            continue  # 规划建设国家考古遗址公园: a level's kind of built place, none named
        if etype == "Place" and ctx.formal and suffix.word in _DESIGNATIONS.word_set \
                and not _holds_a_place(s, start, start_suffix, ctx):
            etype = "Honor" if _won_before(s, start) else "Program"  # 美丽城市先行区: a designation
        if etype == "Place" and ctx.formal and a_label_and_a_kind(s, start, start_suffix, ctx.lexicon.names):
            continue  # 基本实现“组组通”硬化路: a programme's label before a kind of road
        if etype == "Place" and (places.kind_of_place(text[start:start_suffix], suffix.word, text[start:end],
                                                      ctx.lexicon) or places.modifies_what_follows(text, end)
                                or places.after_an_aspect(text, start)):
            continue  # 省级现代农业产业园, 国家公园, 县县通高速, 旅游名县, 口岸经济: kinds of places
        works = _RENOVATION.match(text, end) if suffix.kind == FACILITY else None
        if works:  # 着力推进某某工业园区改造提升: the site's renovation is the project, the site a place
            out.append(Candidate(start, works.end(), "Project", s.original(start, works.end()), "suffix"))
            etype = "Place"
        out.append(Candidate(start, end, etype, s.original(start, end), "suffix"))
    return out


def _place_section(s: SentenceView, end: int) -> re.Match[str] | None:
    """A section of a route named by one place right after its name (某某高速甲地段, 某某铁路甲乙段): its 段 a word
    of its own after words of no doing, or the end of the place's one word, so that no word (阶段, 路段) is cut
    and no clause's verb (建设段) is taken."""
    m = _PLACE_SECTION.match(s.text, end)
    if m is None or end not in s.token_start or m.end() not in s.token_end:
        return None
    if (end, m.end()) in s.token_spans:
        return m
    if m.end() - 1 not in s.token_start:
        return None
    return None if any(tag(word) in VERB_TAGS for word, _, _ in s.tokens_within(end, m.end() - 1)) else m


@lru_cache(maxsize=1)
def _firm_kinds() -> frozenset[str]:
    return _FIRM_KINDS.word_set | _FIRM_OPENERS.word_set


def _after_doing(s: SentenceView, at: int) -> bool:
    """Does a word of doing (a verb, or one used as a noun: 开发建设) end right before ``at``?"""
    k = bisect.bisect_left(s.token_starts, at) - 1
    return k >= 0 and s.tokens[k][2] == at and tag(s.tokens[k][0]) in VERB_TAGS


def _after_a_kind_of_firm(s: SentenceView, start: int, start_suffix: int) -> int:
    """Where a firm's name begins after the kind of firm it is said to be (辖区重点企业某某制药股份有限公司):
    after the last generic word for firms with a name of two characters or more still before the suffix
    (某某企业集团有限公司 keeps its 企业)."""
    generic = _firm_kinds()
    for word, a, b in reversed(s.tokens_within(start, start_suffix)):
        kind = word in generic or word in _FIRM_ROLES.word_set and _after_doing(s, a)  # 开发建设平台某某公司
        if kind and start_suffix - b >= _MIN_FIRM_CORE \
                and not any(w in generic for w, _, _ in s.tokens_within(b, start_suffix)):
            return b
    # 新央企中国某某集团: an opener the word cut split (央, 企) still says the kind, where it spans whole words
    text = s.text
    openers = _FIRM_OPENERS.word_set
    ends = [at + len(w) for w in openers for at in (text.rfind(w, start, start_suffix),)
            if at >= 0 and at in s.token_start and at + len(w) in s.token_end
            and start_suffix - at - len(w) >= _MIN_FIRM_CORE]
    end = max(ends, default=start)
    return end if not any(w in text[end:start_suffix] for w in generic) else start  # 央企国企子公司: no name


def _clause_around(s: SentenceView, start: int, end: int) -> str:
    """The folded clause of a name, without the construction words of the name's own that build a
    society or a culture (文明乡风建设工程 is no building site; 某某慢行贯通工程 still is)."""
    i, j = clause_bounds(s.text, start, end)
    name = s.text[start:end]
    for word in FIGURATIVE_BUILDING:
        name = name.replace(word, "")
    return s.text[i:start] + name + s.text[end:j]


def _after_a_list_item(s: SentenceView, start: int, suffix_at: int) -> int:
    """Where a name with a quote in it begins when the words before the quote are the last item of the list
    the quote counts (空港、陆港、海港、信息港“四港联动”机制: four items, and the name is 四港联动机制; in
    能源“源网荷储”一体工程、算力“四网融合”工程 算力 is no item of four, and stays)."""
    text = s.text
    if start == 0 or text[start - 1] != LIST_SEPARATOR:
        return start
    quotes = [qa for qa, qb in s.quotes_from(start + 1, suffix_at) if qb <= suffix_at]
    if not quotes:
        return start
    count = chinese_to_int(text[quotes[0] + 1:quotes[0] + 2])
    items = text[clause_start(text, start, max(0, start - CLAUSE_REACH)):quotes[0]].count(LIST_SEPARATOR) + 1
    return quotes[0] if count == items else start


def _quotes_sharing_a_head(s: SentenceView, start: int, suffix_at: int, head_word: int) -> bool:
    """Is the run before the type word two or more quotes, side by side or joined by a conjunction, and at most
    ``head_word`` characters of the head between the last and the type word (“甲”“乙”服务平台: the quotes finder
    names each quote with the head)?"""
    inside = [(qa, qb) for qa, qb in s.quotes_from(start, suffix_at) if qb <= suffix_at]
    if len(inside) < 2 or inside[0][0] != start or suffix_at - inside[-1][1] > head_word:
        return False
    return all(s.text[qb:qa] in CONJUNCTIONS or qb == qa for (_, qb), (qa, _) in zip(inside, inside[1:]))


def _holds_a_place(s: SentenceView, start: int, end: int, ctx: Context) -> bool:
    """Do the words between ``start`` and ``end`` hold a place's name (辽宁, 南丹, 梅州苏区), other
    than as a slogan's (美丽中国, 科创广西: :func:`.places.in_a_slogan`)?"""
    if any(tag(w) == PLACE_TAG and w not in _MISTAGGED.word_set and not places.in_a_slogan(s.text, a)
           for w, a, _ in s.tokens_within(start, end)):
        return True
    return any(entry.type == "Place" and not places.in_a_slogan(s.text, start + a)
               for a, _, entry in ctx.lexicon.index.find(s.text[start:end]))


def _sited(s: SentenceView, start: int, end: int, known: frozenset[str]) -> bool:
    """Does an unquoted run before a project's type word hold a place or a known name (威海…消纳,
    时代长安…电池), not only a level (省…) or a quoted campaign (“白名单”项目)?"""
    if any(ch in QUOTE_CHARS for ch in s.text[start:end]):
        return False
    return any(w in known or tag(w) == PLACE_TAG and w not in _MISTAGGED.word_set and w not in _SCOPE.word_set
               for w, _, _ in s.tokens_within(start, end))


def _won_before(s: SentenceView, start: int) -> bool:
    """Does a verb of winning stand in the clause before ``start`` (入列全国第一批…)?"""
    return any(w in s.text[clause_start(s.text, start):start] for w in _DESIGNATION_WINNING.words)


def national_designation(core: str) -> bool:
    """Does a designation's core (its name without its type word) open with a national scope (国家, 全国; and its 级)
    and say, past it, what the zone demonstrates in four characters or more (国家数据要素综合试验区, 国家数字贸易示范区;
    not 国家级试验区, 国家重要先行区: a grade or a word of degree)?"""
    scope = next((w for w in NATIONAL_SCOPES if core.startswith(w)), "")
    rest = core[len(scope):].removeprefix(LEVEL_MARK)
    return bool(scope) and len(rest) >= _MIN_DEMONSTRATED


def _name_goes_on(s: SentenceView, at: int) -> bool:
    """Does a word that is no verb, adverb, preposition, conjunction or particle follow right at ``at``, nor a
    phase (园区 of 某某石化园区, 新 of 某某石化新材料; not 某某银行稳健发展, 某某石化一期)?"""
    after = s.tokens_from(at, at + 1)
    if not after or after[0][1] != at or not HANZI.match(after[0][0]) or _PHASE.match(s.text, at):
        return False
    word = after[0][0]
    return tag(word)[:1] not in _ENDING_TAGS or len(word) == 1 and tag(word) == _ADJECTIVE  # 新 of 新材料


def _level_before(s: SentenceView, at: int, known: frozenset[str]) -> int:
    """Where a body's name begins whose word ends inside jieba's word for its members (省人大代表): at the level
    (省), with the place before it (某某市人大代表), or at the known place (广西壮族自治区) right before it, else at
    the body's own word."""
    k = bisect.bisect_left(s.token_starts, at) - 1
    if k < 0 or s.tokens[k][2] != at or not (s.tokens[k][0] in _SCOPE.word_set or s.tokens[k][0] in known):
        return at
    if s.tokens[k][0] in _SCOPE.word_set and k > 0 and s.tokens[k - 1][2] == s.tokens[k][1] \
            and (tag(s.tokens[k - 1][0]) == PLACE_TAG or s.tokens[k - 1][0] in known):
        k -= 1
    return s.tokens[k][1]


def _inside_a_common_word(s: SentenceView, at: int) -> bool:
    """Does offset ``at`` fall inside a common word that starts before it (地区, 城市), not a place's
    name (某某区政府: the district's name is a place)?"""
    k = bisect.bisect_right(s.token_starts, at) - 1
    if k < 0 or s.tokens[k][1] >= at:
        return False
    word, a, _ = s.tokens[k]
    if at - a == 1 and word[0] in _LEVEL_CHARS and word[1:] in suffix_by_word():
        return False  # 市妇联: jieba's one word is the level and the body's type word, a body's name
    return tag(word) in COMMON_TAGS


def _inside_a_verb(s: SentenceView, at: int) -> bool:
    """Is offset ``at`` inside a word jieba tags a verb (评奖, 获奖)?"""
    k = bisect.bisect_right(s.token_starts, at) - 1
    return k >= 0 and tag(s.tokens[k][0]) in VERB_TAGS


def _after_a_works_descriptor(s: SentenceView, start: int, suffix_at: int) -> int:
    """Where a built place's name opens after the class of works it is said to be (国家重点工程某某高铁: 某某高铁), a
    name and no common word after it (国家重大工程技术创新中心 is one name)."""
    ends = (s.text.rfind(w, start, suffix_at) + len(w) for w in _WORKS_DESCRIPTORS if w in s.text[start:suffix_at])
    at = max(ends, default=start)
    after = s.tokens_within(at, suffix_at)
    named = bool(after) and after[0][1] == at \
        and (tag(after[0][0]) not in COMMON_TAGS or tag(after[0][0]) == ABBREVIATION_TAG)
    return at if named and suffix_at - at >= 2 else start


def _after_a_counted_subject(s: SentenceView, start: int, suffix_at: int, known: frozenset[str]) -> int:
    """Where an event's name opens after a counted subject and what it did (3个典型案例亮相联合国…大会): at the first
    proper noun or known name after the count; an edition's number (第十五届) is no count."""
    count = _COUNTED.search(s.text, start, suffix_at)
    if not count:
        return start
    named = next((a for w, a, _ in s.tokens_within(count.end(), suffix_at) if tag(w) in PROPER_TAGS or w in known), None)
    return named if named is not None else start


def _place_struck(s: SentenceView, start: int, suffix_at: int, known: frozenset[str]) -> int | None:
    """Where a disaster's name opens: at the first place before its type word (处置某某6.4级地震: 某某), or None."""
    return next((a for w, a, _ in s.tokens_within(start, suffix_at) if w in known or tag(w) == PLACE_TAG), None)


def _after_a_stray_verb(s: SentenceView, start: int, suffix_at: int) -> int:
    """Where an event's name begins once the clause's verbs before it are dropped: a character the word
    cut split off the word before and a verb (对标申办全运会), or a verb right before its edition
    (成功申办第十六届全运会): after the last of them."""
    tokens = s.tokens_within(start, suffix_at)
    if len(tokens) >= 2 and tokens[0][1] == start and len(tokens[0][0]) == 1 \
            and tokens[0][0] not in _SCOPE.word_set and len(tokens[1][0]) >= 2 and tag(tokens[1][0]) == PLAIN_VERB:
        start = tokens[1][2]
    edition = s.text.find(_EDITION_MARK, start, suffix_at)
    return after_a_verb_right_before(s, start, edition) if edition > start else start


def _after_winning_verbs(s: SentenceView, start: int, suffix_at: int) -> int:
    """Where an honor's name begins once the winner and the verb of winning before it are dropped
    (某某控股跻身中国企业500强: 中国企业500强)."""
    for word, _, b in s.tokens_within(start, suffix_at):
        if b < suffix_at and word in _HONOR_INNER_VERBS.word_set:
            start = b
    return start


def _served_place_start(s: SentenceView, start: int, suffix_at: int, known: frozenset[str]) -> int:
    """Where the name of a body named by the place it serves begins: before its type word stand
    only a place's words, levels and sessions (湖北省十四届人大, 中共某某市委, 柏林区委), so the verbs
    and prepositions glued before it (认真执行人大, 与省委, 锚定省委) drop off. jieba's tags of such
    runs are unreliable (认真执行 is tagged a noun), so a word ending in a boundary verb ends it too."""
    at = suffix_at
    for word, a, b in reversed(s.tokens_from(start, suffix_at)):
        piece = s.text[max(a, start):min(b, suffix_at)]
        whole = word if b > suffix_at else piece  # 龙华区 of 龙华区政府: the word is the place
        if not any(w in known or tag(w) == PLACE_TAG for w in (piece, whole)) and _glued_to_a_body(piece):
            break
        at = max(a, start)
    return at


def _glued_to_a_body(piece: str) -> bool:
    """Is a word before a served body's type word a verb, a preposition or the like, one ending in
    a boundary verb (认真执行) or another body (区委 of 区委区政府), rather than part of the place?"""
    if all(ch in _LEVEL_CHARS for ch in piece) or piece in _SERVED_OPENERS or _SESSION.fullmatch(piece):
        return False
    if piece.endswith(tuple(_SERVED_BODIES)):
        return True  # 区委区政府: another body's name, not a place
    words = boundaries()
    return tag(piece) in PLACE_STOP_TAGS or piece in words or any(len(w) >= 2 and piece.endswith(w) for w in words)


def _known_body_after_a_verb(s: SentenceView, start: int, end: int, known: frozenset[str]) -> int:
    """Where a body's name begins when a known body's name ends it and a verb stands in the run
    before that (…做法得到金融监管总局: the known body, not the clause before it)."""
    for at in range(start + 1, end - 1):
        if s.text[at:end] in known and at in s.token_start:
            if any(len(w) >= 2 and tag(w) == PLAIN_VERB for w, _, _ in s.tokens_within(start, at)):
                return at
            break
    return start


def _after_locative(s: SentenceView, start: int, suffix_at: int) -> int:
    """Where an honor's name begins after the place a locative (在) names and the verb after it
    (在湘世界500强企业, 在鄂投资世界500强: the honor is 世界500强)."""
    if start == 0 or s.text[start - 1] != _LOCATIVE:
        return start
    for word, a, b in s.tokens_from(start, suffix_at):
        if not (len(word) == 1 and tag(word) in PROPER_TAGS | PERSON_TAGS or tag(word) in VERB_TAGS) \
                or b >= suffix_at:
            return a
    return start


def _place_word_follows(text: str, end: int) -> bool:
    """Does a built place's or a place's type word follow straight on (大学 + 科技园)?"""
    m = suffix_pattern().match(text, end)
    return m is not None and suffix_by_word()[m.group()].kind in (FACILITY, "Place")


def _object_of_a_verb(s: SentenceView, suffix_at: int, end: int) -> bool:
    """Is a one-character body suffix (局) the end of a verb and its object or a common word (破局,
    开新局, 格局), not of a body's name (公安局, 医保局)?"""
    return end - suffix_at == 1 and any(s.text.endswith(w, 0, end) for w in _NOT_BODIES.words)


def _township_word_of_its_own(s: SentenceView, start: int, at: int, end: int) -> bool:
    """Does the township word at ``at`` (镇, 乡) close a township's name that begins at ``start``?

    Not where it ends a common word (城镇) or a kind (重点镇), opens another word (乡建, 乡亲), or
    comes right after a one-character verb (以城带乡); jieba glues some towns' names and their type word
    into one place word (石门镇), which is a township's name when it begins where the name does."""
    if _opens_another_word(s, end) or s.text[start:at] in _TOWNSHIP_KINDS.word_set:
        return False
    inside = s.tokens_within(start, at)
    if inside and inside[-1][2] == at and len(inside[-1][0]) == 1 and tag(inside[-1][0]) in VERB_TAGS:
        return False  # 以城带乡: a verb right before the type word (not 磨憨镇, whose 磨 opens the name)
    if at in s.token_start:
        return True
    word, word_start, word_end = s.tokens[bisect.bisect_right(s.token_starts, at) - 1]
    return word_start == start and word_end == end and tag(word) == PLACE_TAG


def _opens_another_word(s: SentenceView, end: int) -> bool:
    """Does the township word ending at ``end`` open another word with the one character after it,
    cut apart by jieba (乡 + 建 of 台湾乡建乡创), not before a word of its own (禾溪镇 + 建立)?"""
    if s.text[end:end + 1] not in _TOWNSHIP_WORD_OPENERS.word_set or end not in s.token_start:
        return False
    word = s.tokens[bisect.bisect_left(s.token_starts, end)][0]
    return len(word) == 1


def _community_start(s: SentenceView, start: int, suffix_at: int, village: bool) -> int | None:
    """A community's own name is its last two characters before 社区/村, as whole words.

    Names of communities and villages are two characters in this genre; a
    longer run is a description (儿童友好社区) unless the walk found it whole,
    or it is a village's named by a family (:func:`_village_of_three`).
    """
    if village and _village_of_three(s, start, suffix_at):
        return suffix_at - _VILLAGE_OF_THREE
    begin = max(start, suffix_at - _COMMUNITY_NAME)
    if suffix_at - begin < _COMMUNITY_NAME:
        return None
    if begin not in s.token_start:
        return _proper_word_before(s, start, suffix_at)
    core = s.text[begin:suffix_at]
    if tag_or(core, "n")[0] in "vd" or not _COMMUNITY_CORE.fullmatch(core):
        return None
    return begin


def _village_of_three(s: SentenceView, start: int, suffix_at: int) -> bool:
    """Are the three characters before 村 a village named by a family, the way villages of the north are
    (王家峪村, 马家沟村; 东王庄村, 小李庄村), opening where a word does and where the walk reached?"""
    begin = suffix_at - _VILLAGE_OF_THREE
    if begin < start or begin not in s.token_start or not HANZI_RUN.fullmatch(s.text, begin, suffix_at):
        return False
    first, second = s.text[begin], s.text[begin + 1]
    return first in _SURNAMES and second == _FAMILY_MARK or first in _VILLAGE_OPENERS and second in _SURNAMES


def _proper_word_before(s: SentenceView, start: int, suffix_at: int) -> int | None:
    """Where a longer own name begins that jieba reads as one proper word right before 村/社区
    (李家坪村, 马安山社区), if the walk reached its start."""
    k = bisect.bisect_left(s.token_starts, suffix_at) - 1
    if k < 0:
        return None
    word, word_start, word_end = s.tokens[k]
    proper = tag(word) in PROPER_TAGS | PERSON_TAGS and _COMMUNITY_CORE.match(word)
    return word_start if proper and word_end == suffix_at and len(word) <= _LONG_COMMUNITY_NAME \
        and word_start >= start else None


def _needs_a_proper_element(etype: str, suffix: Suffix, core: str) -> bool:
    """Where communities are named only by proper names, are other names of this type too?"""
    if etype == "Program":
        return suffix.word in _WEAK_HEADS.word_set
    if etype == "Company":
        return _REGISTERED not in suffix.word and holds_description(core)  # 大型综合性现代物流集团
    return etype in ("Project", "Place") or (etype == "GovernmentBody" and suffix.word in _INSTITUTIONS.word_set)


def _community_name(s: SentenceView, begin: int, suffix_at: int, level: str, known: frozenset[str]) -> bool:
    """Are the characters before 社区/村 a community's own name, not a kind of community?"""
    tokens, starts = s.tokens, s.token_starts
    k = bisect.bisect_right(starts, suffix_at) - 1
    word, wa, _ = tokens[k]
    if wa < suffix_at and tag(word) in COMMON_TAGS and not _village_of_three(s, begin, suffix_at):
        return False  # 乡村, 农村, 生态村: the type word is the end of a common word (not 家村 of 西柴家村)
    core = s.text[begin:suffix_at]
    if any(ch in _LEVEL_CHARS for ch in core):
        return False  # 镇带村, 县乡村: levels of government, not a village's name
    if core.endswith(_HUB_ENDINGS):
        return False  # 科创社区, 某某模创社区: an innovation hub, not a residents' community
    core_words = [w for w, _, _ in s.tokens_within(begin, suffix_at)]
    before, after = s.text[max(0, begin - CLAUSE_REACH):begin], s.text[suffix_at:suffix_at + _NEIGHBOUR_REACH]
    if before.endswith(LIST_SEPARATOR) and core in _item_before(before) \
            or LIST_SEPARATOR + core in after:
        return False  # 零碳园区、零碳社区、零碳建筑: the same words open the neighbouring items
    if level in _SPARSE_LEVELS and all(len(w) >= 2 and tag(w) in COMMON_TAGS for w in core_words):
        return False  # a province's 青年社区, 产业社区: a kind of community
    return level not in _SPARSE_LEVELS or _after_a_place(s, begin, known)


def _proper_word_within(s: SentenceView, start: int, end: int, known: frozenset[str]) -> bool:
    """Is a word between ``start`` and ``end`` a proper noun or a known name (红星 of 红星股份合作公司,
    not 境内外 of 境内外上市公司)?"""
    return start < end and any(tag(w) in PROPER_TAGS and w not in _MISTAGGED.word_set or w in known
                               for w, _, _ in s.tokens_within(start, end))


def _ranked_kind(s: SentenceView, start: int, end: int, known: frozenset[str]) -> bool:
    """Is the run before an undertaking's type word a rank (国家级) and common words after it, with
    nothing only a name holds (省级科技创新平台; not 省级青禾英才计划)?"""
    rank = _RANK_LEVEL.match(s.text, start, end)
    return rank is not None and (len(s.tokens_from(rank.end(), end)) <= 1
                                 or not named_core(s, rank.end(), end, end, known))


def counted_after(text: str, end: int) -> bool:
    """Does a count close the name's phrase, straight or after a verb of reaching (…实验室达8家,
    not …示范区47项经验)?"""
    verb = next((v for v in _COUNT_VERBS if text.startswith(v, end)), "")
    m = _COUNT_AFTER.match(text, end + len(verb))
    if m is None:
        return False
    follower = text[m.end():m.end() + 1]
    return not follower or follower in CLAUSE_BREAKS or follower == LIST_SEPARATOR


def _described(core: str) -> bool:
    """Does the run before the type word open with words of a description (更多, 首家) or a count
    (80余家), or hold a superlative (港股最大IPO)?"""
    return (core.startswith(tuple(_DESCRIPTION_OPENERS.words)) or bool(_COUNT_OPENER.match(core))
            or bool(_SUPERLATIVE.search(core)))


def _after_a_description(s: SentenceView, start: int, start_suffix: int) -> int:
    """Where an honor's name begins after the words of a description that open the run (首家国家…智能工厂:
    the factory is the first to hold the title, which is the honor)."""
    opener = next((w for w in _DESCRIPTION_OPENERS.words if s.text.startswith(w, start)), "")
    at = start + len(opener)
    return at if opener and at in s.token_start and start_suffix - at >= _MIN_HONOR_CORE else start


def _after_a_place(s: SentenceView, begin: int, known: frozenset[str]) -> bool:
    """Does a place name stand right before a community's own name (林芝市嘎拉村, 武隆荆竹村)? A
    province or a city names its villages so; without one, 入口社区, 互嵌式社区, 访企入村 are
    words of description or verbs."""
    k = bisect.bisect_left(s.token_starts, begin) - 1
    if k < 0 or s.tokens[k][2] != begin:
        return False
    word = s.tokens[k][0]
    return word in known or tag(word) in PROPER_TAGS | PERSON_TAGS or word[-1] in _LEVEL_CHARS and k > 0


def _item_before(before: str) -> str:
    """The list item that ends just before a 、 at the end of ``before``."""
    rest = before[:-1]
    cut = max((rest.rfind(ch) for ch in (LIST_SEPARATOR, *CLAUSE_BREAKS)), default=-1)
    return rest[cut + 1:]


def _generic_core(suffix: Suffix, core: str, registered: bool) -> bool:
    """Does the core make the name a common noun? A township's name is generic only as a whole
    word or a kind of township (中心镇); other places' also by their last character (思路, 马路)."""
    if suffix.word in _TOWNSHIPS.word_set:
        return generic_core(suffix.kind, core, registered, whole=True) or core in _TOWNSHIP_KINDS.word_set
    return generic_core(suffix.kind, core, registered, suffix_chars=len(suffix.word))


@lru_cache(maxsize=1)
def _report_title_words() -> tuple[str, ...]:
    """The title words long enough to name a report (工作计划), as one tuple for ``str.endswith``."""
    return tuple(w for w in _TITLE_WORDS.words if len(w) >= _TITLE_WORD_CHARS)


def _a_named_reform(s: SentenceView, start: int, start_suffix: int, end: int, known: frozenset[str]) -> bool:
    """Do the words before a reform's type word name the reform (零基预算改革, “一表同享”改革), not a place whose
    reform it is (安徽改革), a firm or a body (某某股份合作公司改革), a scope (中央改革), a count (若干改革) or the
    clause's verbs (更大力度推进改革); and does the type word end a word, not a body's name (发展改革委)?"""
    if end not in s.token_end or s.text[end:end + 1] in BODY_ENDS:
        return False
    core = s.text[start:start_suffix]
    if core in known or core in _SCOPE.word_set or tag(core) == PLACE_TAG or core.endswith(_REFORMED):
        return False  # 红星股份合作公司改革: the firm is named, the reform of it is not
    if len(core) >= 2 and all(ch in _LEVEL_CHARS for ch in core[:2]):
        return False  # 市县国企改革: the levels of government whose reform it is
    words = [w for w, _, _ in s.tokens_within(start, start_suffix)]
    if not words or all(tag(w) == _COUNT_TAG for w in words) or tag(words[0]) in VERB_TAGS:
        return False  # 若干改革, 推进某某改革
    return not any(tag(w) in _REFORM_STOP_TAGS for w in words)


def _scope_and_kind(s: SentenceView, start: int, start_suffix: int, known: frozenset[str]) -> bool:
    """Is the core of a name a scope word (国家, 省) and words that name nothing (考古遗址, 区域公共卫生)?"""
    core = s.text[start:start_suffix]
    scope = next((w for w in _SCOPE.words if core.startswith(w) and start + len(w) in s.token_start), "")
    return bool(scope) and core not in known \
        and not named_core(s, start + len(scope), start_suffix, start_suffix, known)


def _place_before_a_level(s: SentenceView, start: int, end: int, known: frozenset[str]) -> bool:
    """Is what stands before a level's own body (市委, 自治区党委) nothing, or a place's name (某某市委), not a
    conjunction or a preposition (和自治区党委)?"""
    if start >= end:
        return True
    words = s.tokens_within(start, end)
    return not (words and tag(words[0][0])[:1] in _NOT_PLACE_TAGS and words[0][0] not in known)


def _not_a_name(s: SentenceView, suffix: Suffix, start: int, start_suffix: int, end: int, counted: bool,
                known: frozenset[str], local: bool) -> bool:
    """Is the run before a suffix a description rather than a proper name?"""
    text = s.text
    core = text[start:start_suffix]
    if start > 0 and text[start - 1] == _LIST_CLOSER and suffix.kind != "Community":
        return True  # …等特色议事平台: the category a list belongs to, not a name
    if len(core) >= 2 and all(ch in _LEVEL_CHARS for ch in core):
        return True  # 省市县, 县乡: levels of government, not a name
    if len(suffix.word) == 1 and core[-1:].isdigit():
        return True  # 镇原4县: a count of the kind
    if start > 0 and text[start - 1] in BRACKET_OPENERS and text[end:end + 1] in BRACKET_CLOSERS:
        return True  # 某某国家公园（江西片区）: the aside of the name before it
    registered = _REGISTERED in suffix.word
    yearless = _YEAR_PREFIX.sub("", core)
    # in a local report, a proper name before generic words names a place of its own (九鹤综合文体中心)
    tail = generic_tail(suffix.kind, yearless) if local else ""
    before_tail = start_suffix - len(tail)
    if tail and (_proper_word_within(s, start, before_tail, known) if suffix.kind == "Company"
                 else named_core(s, start, before_tail, before_tail, known)):
        pass  # 某某股份合作公司: a firm's name needs a proper noun before its generic words
    elif _generic_core(suffix, yearless, registered) and yearless not in known \
            or (yearless != core and len(yearless) < 2):
        return True  # 2024年工作计划: a heading's words, not a name (荆门高新区: a known name ends in 门)
    opened = next((w for w in _OPENERS.words if _LEVEL_PREFIX.sub("", core).startswith(w)), "")
    if suffix.kind in (INITIATIVE, "Program", "GovernmentBody") and QUOTE_MARK not in core and opened \
            and not (suffix.kind != "GovernmentBody" and suffix.word in _CAMPAIGNS
                     and len(_LEVEL_PREFIX.sub("", core)) - len(opened) >= _NAMED_CAMPAIGN):
        return True  # 重大合作平台, 省级重大人才工程, 重点企业研究院: a kind of undertaking or body, not a named one
        # (a campaign that says at length what it does is named: 重点行业提质降本降碳行动)
    if suffix.kind in (INITIATIVE, "Program") and not local and _ranked_kind(s, start, start_suffix, known):
        return True  # 国家级人才计划, 省级管理平台: a rank and one word name a kind
    if counted and suffix.kind != "Community" and not (suffix.kind == "Program" and suffix.min_core == 0):
        return True  # 3所学校项目, 四大特色项目: a counted common noun (not 15件民生实事: a name of its own)
    level_only = suffix.kind == "GovernmentBody" and core in _LEVEL_CHARS  # 县妇联: jieba tags 县 as an attribute
    if len(core.strip(QUOTE_CHARS)) < suffix.min_core or (not tail and _generic_core(suffix, core, registered) and core not in known) \
            or not level_only and core not in known and attribute_only(s, start, start_suffix, suffix.kind, suffix.word):
        return True  # 新型机场; but 平凉机场: a known place jieba takes for an adjective
    if _AMOUNT.search(core) or text[end:end + 1] in _BLOCKING_FOLLOWERS.word_set:
        return True  # 千亿元县: an amount; 机场群: a collective
    if suffix.word in _TRAILING_ONLY and not _TRAILING_END.match(text[end:end + 1]):
        return True  # 试点安装…: the suffix is a verb here
    if suffix.kind not in _UNCOUNTED and counted_after(text, end):
        return True  # 已落户招商项目20宗, 新增某某实验室5家: a kind being counted
    if suffix.kind in _THINGS and core.startswith(tuple(_THING_OPENERS.words)):
        return True  # 新一轮公园: a round of building, no park named
    if suffix.kind not in _UNCOUNTED and _described(core):
        return True  # 更多跨国公司, 首家市内免税店, 80余家央企公司: a description, not a name
    if suffix.kind in (INITIATIVE, "Program") and text.endswith(_report_title_words(), 0, end):
        return True  # 某某镇2020年工作计划, 国民经济和社会发展计划: the report's title, not a programme
    if suffix.kind == "Event" and _CONGRESS.search(core):
        return True  # 省人民代表大会, 提请大会: the congress that sits (its sessions are events: meetings.find)
    return suffix.kind == "Event" and not _TWO_HANZI.search(core + suffix.word)
