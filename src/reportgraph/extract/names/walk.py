"""Walking over a sentence's words to the edges of a name.

A name's right edge is where its type word ends (``…社区``, ``…项目``); its
left edge is found by walking back over jieba's words to a verb, a
preposition or a punctuation mark (``data/extract/names/boundaries.txt``),
a counted number (``3所``), or — for names that are not undertakings — a
dictionary word that jieba tags as a verb, adverb, preposition or the like.
Every finder that needs an edge asks here, so they all agree on where a
name may begin.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.gate import holds_any
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import PERSON_TAGS, PLACE_TAG, PLAIN_VERB, PROPER_TAGS, VERB_TAGS, Token, tag
from reportgraph.text import (
    BRACKET_CLOSERS, BRACKET_OPENERS, CLAUSE_BREAKS, CLAUSE_REACH, LIST_SEPARATOR, NUMERAL_CHARS, QUOTE_CLOSERS,
    chinese_to_int, year_of,
)

_BOUNDARIES = datafile("extract/names/boundaries.txt")
_SCOPE = datafile("extract/names/scope_words.txt")
_DESCRIPTION = datafile("extract/names/description_words.txt")
_JARGON = datafile("extract/names/jargon.txt")
_MISTAGGED = datafile("extract/names/mistagged.txt")
_LEFT_TRIM = datafile("extract/names/left_trim.tsv").pairs
_COMPLEMENTS = frozenset(_LEFT_TRIM["complements"])
_LOOSE_COMPLEMENTS = frozenset(_LEFT_TRIM["loose_complements"])
_STRICT_COMPLEMENTS = frozenset(_LEFT_TRIM["strict_complements"])
_MANNER = frozenset(_LEFT_TRIM["manner"].split())
_EDITIONS = frozenset(_LEFT_TRIM["editions"])
_LEAD_VERBS = frozenset(_LEFT_TRIM["lead_verbs"])
_LEAD_PREPOSITIONS = frozenset(_LEFT_TRIM["lead_prepositions"])
_ENUMERATOR = regexcache.compile(_LEFT_TRIM["enumerator"])
_WORKS_VERBS = frozenset(_LEFT_TRIM["works_verbs"].split())
_ROUNDS = frozenset(_LEFT_TRIM["rounds"].split())
#: How long a boundary verb cut into characters may be (投用, 建成投用).
_MIN_SPLIT_BOUNDARY, _MAX_SPLIT_BOUNDARY = 2, 4
#: Tags of words that never open a name: adverbs, prepositions, conjunctions (verbs may: 包头, 保定).
_LEAD_TAGS = frozenset({"d", "ad", "p", "c"})
#: Tags of one-character words that make a verb of result with a complement (做强, 用好).
_RESULT_VERB_TAGS = VERB_TAGS | {"p"}
_WALK = datafile("extract/names/walk.tsv").pairs
#: The reaches of a river (中游), which jieba tags as locatives.
_REACHES = frozenset(_WALK["reaches"].split())

#: Marks that never stand inside a name.
NAME_PUNCTUATION: frozenset[str] = frozenset(_WALK["name_punctuation"] + " \n")
#: What ends a noun phrase inside a word: a clause break or the enumeration comma (tested as sets, in C).
_PHRASE_BREAKS: frozenset[str] = CLAUSE_BREAKS | {LIST_SEPARATOR}
COUNTER_WORDS: frozenset[str] = frozenset(_WALK["counter_words"])
CONJUNCTIONS: frozenset[str] = frozenset(_WALK["conjunctions"])
_BODY_CONJUNCTION = _WALK["body_conjunction"]
_FIELD_CONJUNCTION = _WALK["field_conjunction"]
BODY_ENDS = frozenset(_WALK["body_ends"])
LEVEL_STARTS: frozenset[str] = frozenset(_WALK["level_starts"])
_EVENT_SCOPES = frozenset(_WALK["event_scopes"].split())
LEVEL_MARK = _WALK["level_mark"]
_ORDINAL_PREFIX = _WALK["ordinal_prefix"]
_RANK_SUFFIX = _WALK["rank_suffix"]
#: Verbs of the boundary list that also name the work an undertaking does.
_UNDERTAKING_WORDS = frozenset(_WALK["undertaking_words"].split())
#: Verbs that, right before a project's type word, name its work (松山公园提升项目).
_WORKS_WORDS = frozenset(_WALK["works_words"].split())
#: Those and the verbs that name a work only right before a programme's type word (外商投资促进行动).
_ALL_WORKS_WORDS = _WORKS_WORDS | frozenset(_WALK["headed_works_words"].split())
#: A programme's type words such a verb may stand before (…提升行动; not 某某开发建设平台, a body's platform).
_WORKS_HEADS = tuple(_WALK["works_heads"].split())
#: The kinds whose type word (项目, 工程, 行动, 计划) may follow such a verb.
_WORKS_KINDS = frozenset({"Initiative", "Project", "Program"})
#: How far before the type word such a verb may stand (提升 of 提升改造项目).
_WORKS_REACH = 2
#: The word between a route's two ends (临河至哈密铁路: one name).
ROUTE_JOINER: str = _WALK["route_joiner"]
_PLACE_DASH = _WALK["place_dash"]
_YEAR_MARK = _WALK["year_mark"]
#: The kinds whose names never open with a year (an event's may: 2025年某某峰会; a place's or a built
#: place's so opened is an award's or a list's, which the suffix rules refuse: 2024年某某花园…奖).
_UNDATED_KINDS = frozenset({"GovernmentBody", "Company", "Community"})
#: The kind of bodies, whose names may hold a verb after a body's word (市委组织部) and join fields (…与…研究所).
_BODY_KIND = "GovernmentBody"
#: jieba's tags of words that name a party a dash may join (places, abbreviations: 东盟).
_PARTY_TAGS = PROPER_TAGS | {"j"}
_ROUTE_END_KIND = "Place"
#: jieba's tags of the words whose name a verb right before them is the clause's, not the name's
#: (开通运营青岛…, 建设开放元宝岛…公园: jieba takes many a place's first word for a person's name)
_NAMED_AFTER_A_VERB = frozenset({PLACE_TAG}) | PERSON_TAGS
#: The lengths of a division's short form a route may open with, longest first (奉节, 加格达奇).
_ROUTE_DIVISION_LENGTHS = (4, 3, 2)
#: What follows a division's short form in its full name (大同市, 奉节县).
_DIVISION_TYPE_CHARS = _WALK["division_type_chars"]
#: How long a route's starting point may be (临河, 乌兰浩特).
_MAX_ROUTE_END = 8
#: The longest known name looked for where a name opens with a verb-like word.
_MAX_KNOWN_PREFIX = 8
#: The longest bracketed aside a name may hold.
_MAX_BRACKETED = 12

#: jieba tags of dictionary words that never stand inside a name of a place,
#: body, firm or community: verbs, adverbs, prepositions, idioms and the like
NAME_STOP_TAGS = frozenset({"d", "p", "c", "r", "q", "u", "ad", "f"})
#: the same for undertakings, whose names do hold adverbs (慢行) and times (夜间课堂)
UNDERTAKING_STOP_TAGS = frozenset({"p", "c", "r", "q", "u", "ad"})
#: jieba's tags of the words that never end the first of two things an undertaking joins (京杭运河与…,
#: 古城保护与…, 续建配套与…): function words and counts
_NOT_JOINED_TAGS = NAME_STOP_TAGS | {"m", "x"}
#: ... and the tags of which one word at least must stand in it: nouns, names and doings named (保护)
_JOINED_NOUN_TAGS = frozenset({"n", "nz", "ns", "nr", "nrt", "nt", "vn", "j"})
PLACE_STOP_TAGS = NAME_STOP_TAGS | {"v", "vd", "vi"}
#: Kinds whose names are undertakings, and kinds whose names hold no verbs at all.
UNDERTAKING_KINDS = frozenset({"Initiative", "Project", "Program", "Event", "Honor"})
PLACE_LIKE_KINDS = frozenset({"Place", "Company", "Community"})
_CODE = regexcache.compile(r"[\d-]+")


class Edge(NamedTuple):
    """Where a name begins, and whether the walk stopped at a counted number (3所学校)."""

    start: int
    counted: bool


def boundaries() -> frozenset[str]:
    """Words that end the words before a name."""
    return _BOUNDARIES.word_set


@lru_cache(maxsize=4096)
def _stops_cached(piece: str, family: str) -> bool:
    words = _BOUNDARIES.word_set
    if family == "undertaking" and piece in _UNDERTAKING_WORDS:
        return False  # 青松河综合治理工程: the work done is part of the undertaking's name
    if piece in words:
        return True
    if len(piece) >= 2:
        stop_tags = {"undertaking": UNDERTAKING_STOP_TAGS, "place": PLACE_STOP_TAGS}.get(family, NAME_STOP_TAGS)
        if tag(piece) in stop_tags:
            return True
        return any(piece[-n:] in words for n in _boundary_lengths() if n < len(piece))
    return False


@lru_cache(maxsize=1)
def _boundary_lengths() -> tuple[int, ...]:
    """The lengths of the boundary words of two or more characters: a word's ending is looked up
    once per length, not tested against every boundary word (the walk's hottest loop)."""
    return tuple(sorted({len(w) for w in _BOUNDARIES.word_set if len(w) >= 2}))


def _stops(piece: str, kind: str, clause_start: bool) -> bool:
    """Does this word end the words before a name?"""
    if clause_start and piece in CONJUNCTIONS:
        return False  # 和一社区: at the head of a clause 和 is part of the name
    if kind == "Event" and piece in _EVENT_SCOPES:
        return False  # 全国青少年三大球运动会: the scope opens the event's name
    if piece == _BODY_CONJUNCTION and kind == _BODY_KIND:
        return False  # 材料科学与技术研究所
    if clause_start and len(piece) >= 2 and tag(piece) == PLAIN_VERB:
        return True  # a clause that opens with a verb: 征集实事项目
    if kind in UNDERTAKING_KINDS:
        family = "undertaking"
    elif kind in PLACE_LIKE_KINDS:
        family = "place"  # names of roads, zones and firms hold no verbs: 驶入松园路
    else:
        family = "name"
    return _stops_cached(piece, family)


def clause_start(s: SentenceView, a: int) -> bool:
    """Does offset ``a`` open a clause or a list item?"""
    return a == 0 or s.text[a - 1] in CLAUSE_BREAKS or s.text[a - 1] == LIST_SEPARATOR


def is_code(s: SentenceView, a: int, b: int) -> bool:
    """Digits and dashes that belong to a name: 03-05地块."""
    around = s.text[max(0, a - 1):b + 1]
    return bool(_CODE.fullmatch(s.text[a:b])) and "-" in around


def _counted(tokens: list[Token], k: int, limit: int) -> bool:
    """Is token k a counter after a number (3所, 四大), or a number before a counter?

    Only the first ``limit`` tokens are looked at: those before the name's type word.
    """
    word = tokens[k][0]
    before = tokens[k - 1][0] if k > 0 else ""
    after = tokens[k + 1][0] if k + 1 < limit else ""
    if word[0] in COUNTER_WORDS and before and (before[-1].isdigit() or before[-1] in NUMERAL_CHARS):
        return True
    if len(word) >= 2 and (word[0].isdigit() or word[0] in NUMERAL_CHARS and chinese_to_int(word[0]) != 0) \
            and word[-1] in COUNTER_WORDS:
        return True  # 四大, 两个: jieba keeps the count in one word (a count of zero is a word: 零部件)
    if word[-1].isdigit() or word[-1] in NUMERAL_CHARS:
        return bool(after) and after[0] in COUNTER_WORDS
    return False


def bracketed(s: SentenceView, close_at: int) -> tuple[int, int] | None:
    """The quoted or bracketed span that closes at ``close_at``, if short enough to sit in a name."""
    for qa, qb in s.quotes:
        if qb == close_at:
            return qa, qb
    if s.text[close_at - 1] in BRACKET_CLOSERS:
        depth, i = 0, close_at - 1
        while i >= 0 and close_at - i <= _MAX_BRACKETED:
            depth += s.text[i] in BRACKET_CLOSERS
            depth -= s.text[i] in BRACKET_OPENERS
            if depth == 0:
                return i, close_at
            i -= 1
    return None


def left_edge(s: SentenceView, pos: int, max_len: int, kind: str = "", allow_numbers: bool = False,
              known: frozenset[str] = frozenset()) -> Edge:
    """Walk left from ``pos`` over the sentence's words to where a name of ``kind`` begins; a word
    that would end the walk but opens a name of ``known`` (延长石油) does not."""
    start = pos
    tokens = s.tokens
    # the words that start before pos (their starts are sorted): the last one is the first looked at
    limit = bisect.bisect_left(s.token_starts, pos)
    k = limit - 1
    #: a name does not open with a bracket: the word before 西部（重庆）科学城's bracket is in it
    after_bracket = False
    #: where the run of work words right before the type word begins (深化提升 of …深化提升行动), if any
    works_run = -1
    while k >= 0:
        word, a, b = tokens[k]
        b = min(b, pos)
        piece = s.text[a:b]
        if piece and (piece[-1] in QUOTE_CLOSERS and piece[-1] != '"' or piece[-1] in BRACKET_CLOSERS):
            span = bracketed(s, b)
            if span and piece[-1] in BRACKET_CLOSERS and _numbered(s.text[span[0] + 1:span[1] - 1]):
                break  # （一）抓项目促发展: a heading's number opens no name
            if span and pos - span[0] <= max_len:
                start = span[0]
                after_bracket = piece[-1] in BRACKET_CLOSERS
                while k >= 0 and tokens[k][1] >= span[0]:
                    k -= 1
                continue
            break
        if after_bracket and b == start and piece and NAME_PUNCTUATION.isdisjoint(piece) \
                and tag(word) not in VERB_TAGS and pos - a <= max_len:
            after_bracket = False
            start = a
            k -= 1
            continue
        if piece == _PLACE_DASH and start == b and _joins_parties(s, k, known):
            start = a  # 中国—东盟…: a dash between two places or parties is inside the name
            k -= 1
            continue
        if not piece or not NAME_PUNCTUATION.isdisjoint(piece) and not is_code(s, a, b):
            break
        if kind in _UNDATED_KINDS and _ends_year(s.text, b):
            break
        trade_word = kind == "Company" and start == pos  # 甲乙建设有限公司: 建设 is the firm's trade
        # 松山公园提升项目, 松山路提升改造项目: the work the project does, right before its type word
        # …质量提升行动, 国企改革深化提升行动: a run of them right before the type word
        works_word = kind in _WORKS_KINDS and piece in _ALL_WORKS_WORDS \
            and (pos - b <= _WORKS_REACH or works_run == b) \
            and (kind != "Program" and piece in _WORKS_WORDS or s.text.startswith(_WORKS_HEADS, pos))
        # 长江中游城市群: a river's reach after its name is in the name, a locative as jieba reads it
        reach = piece in _REACHES and k > 0 and tokens[k - 1][2] == a and tag(tokens[k - 1][0]) == PLACE_TAG
        # 新和大道: a conjunction after a clause's first character, before a short run, is in the name
        inner_conjunction = (piece in CONJUNCTIONS and pos - start < 2 and k > 0
                             and len(tokens[k - 1][0]) == 1 and clause_start(s, tokens[k - 1][1])
                             or kind == _BODY_KIND and _joins_fields(s, k, start))
        if b == tokens[k][2] and not trade_word and not works_word and not inner_conjunction and not reach \
                and (_stops(piece, kind, clause_start=clause_start(s, a))
                     or kind != _BODY_KIND and _acted_by_body(tokens, k)) \
                and not opens_known(s, a, b, known):
            break
        if not allow_numbers and not is_code(s, a, b) and _counted(tokens, k, limit):
            return Edge(start, True)
        if pos - a > max_len:
            break
        if works_word:
            works_run = a
        start = a
        k -= 1
    if kind in _WORKS_KINDS and (s.text.startswith(tuple(_WORKS_WORDS), start) or _opens_with_work(s, start)):
        return Edge(pos, False)  # 提升改造项目, 深化提升行动: the work alone names no project
    return Edge(start, False)


def _acted_by_body(tokens: list[Token], k: int) -> bool:
    """Is token ``k`` a verb right after a body's name (县人社局组织招聘会): the body acts, and what it does is named
    after the verb, not with the body in it? (A body's own name may hold one: 市委组织部.)"""
    word = tokens[k][0]
    return k > 0 and len(word) >= 2 and tag(word) == PLAIN_VERB and tokens[k - 1][0][-1] in BODY_ENDS


def _opens_with_work(s: SentenceView, start: int) -> bool:
    """Does the word at ``start`` name a work (优化 of 优化三年行动): what follows it is the work done, no name?"""
    k = bisect.bisect_left(s.token_starts, start)
    return k < len(s.tokens) and s.tokens[k][1] == start and s.tokens[k][0] in _ALL_WORKS_WORDS


def _numbered(text: str) -> bool:
    """Is ``text`` a number alone, in digits or numerals (12, 一, 两): a heading's bracket, a count of editions?"""
    return bool(text) and all(ch.isdigit() or ch in NUMERAL_CHARS for ch in text)


def _ends_year(text: str, end: int) -> bool:
    """Does ``text[:end]`` end with a year (2026年, 二〇二六年)? jieba cuts the latter 二/〇/二/六年."""
    if text[end - 1:end] != _YEAR_MARK:
        return False  # the walk asks at every word: most end in no 年
    digits = text[end - 5:end - 1]
    return len(digits) == 4 and year_of(digits) is not None


def _joins_fields(s: SentenceView, k: int, start: int) -> bool:
    """Is token ``k`` the 和 between two fields of one body (人力资源和社会保障局, 发展和改革委员会),
    not between two bodies (区委和区政府, 人社局和区卫健局)?"""
    if s.tokens[k][0] != _FIELD_CONJUNCTION or k == 0 or start != s.tokens[k][2] or start >= len(s.text):
        return False
    before = s.tokens[k - 1][0]
    return bool(before) and before[-1] not in BODY_ENDS and s.text[start] not in LEVEL_STARTS


def _joins_parties(s: SentenceView, k: int, known: frozenset[str]) -> bool:
    """Does the dash that is token ``k`` stand alone between two places or parties (中国—中亚,
    内蒙古—深圳), not in a run of dashes or between stages (研发—样品)?"""
    tokens = s.tokens
    if k == 0 or k + 1 >= len(tokens) or tokens[k - 1][2] != tokens[k][1] or tokens[k + 1][1] != tokens[k][2]:
        return False
    before, after = tokens[k - 1][0], tokens[k + 1][0]
    return all(w in known or tag(w) in _PARTY_TAGS for w in (before, after))


def route_start(s: SentenceView, start: int, known: frozenset[str]) -> int:
    """Where a route's name begins: over 'X至' before its end point (临河至哈密铁路), not at it;
    the starting point is a place, whose name holds no verb (改扩建西安至永寿高速: 西安), or a known
    division's short form, whatever jieba makes of its words (大同至某某, 奉节至某某)."""
    text = s.text
    if text[start:start + 1] == ROUTE_JOINER:
        start += 1  # a walk that took the joiner for a character of the name (至禾溪铁路)
    while start > 1 and text[start - 1] == ROUTE_JOINER:
        before = left_edge(s, start - 1, _MAX_ROUTE_END, _ROUTE_END_KIND).start
        if before >= start - 1:
            before = _division_before(s, start - 1, known)
        if before >= start - 1:
            break
        start = before
    return start


def _division_before(s: SentenceView, end: int, known: frozenset[str]) -> int:
    """Where a known division named by its short form or full name, opening where a word does, ends at ``end``
    begins (else ``end``)."""
    for n in _ROUTE_DIVISION_LENGTHS:
        a = end - n
        word = s.text[a:end]
        if a >= 0 and a in s.token_start and (word in known or any(word + c in known for c in _DIVISION_TYPE_CHARS)):
            return a
    return end


def joined_start(s: SentenceView, start: int, pos: int, max_len: int, kind: str, known: frozenset[str]) -> int:
    """Where an undertaking's name begins over a 'X与' before it: the two things it joins are both
    named (京杭运河与某某航道连通工程, 某某古城保护与旧城改造提升工程), when X is no function word and holds
    a noun (not 配套 alone, the rest of 续建配套 cut at its verb); a verb opening the clause (深化与某某合作项目)
    ends the walk there."""
    k = bisect.bisect_left(s.token_starts, start) - 1
    if k < 1 or s.tokens[k][0] != _BODY_CONJUNCTION or s.tokens[k][2] != start:
        return start
    word, _, b = s.tokens[k - 1]
    if b != s.tokens[k][1] or tag(word) in _NOT_JOINED_TAGS:
        return start
    edge = left_edge(s, b, max_len - (pos - b), kind, known=known)
    if edge.counted:
        return start  # 实施三个园区与某某航道连通工程: a count of kinds, no thing named
    before = edge.start
    named = any(tag(w) in _JOINED_NOUN_TAGS for w, _, _ in s.tokens_within(before, b))
    return before if before < b and named else start


def after_complement(s: SentenceView, start: int) -> int:
    """Where a name begins once the complement of the verb before it is dropped (实施好…项目, 抓实…)."""
    k = bisect.bisect_left(s.token_starts, start)
    if k == 0 or k >= len(s.tokens) or s.tokens[k][1] != start:
        return start
    word, before = s.tokens[k][0], s.tokens[k - 1][0]
    if word in _LOOSE_COMPLEMENTS and s.tokens[k - 1][2] == start and tag(before) in VERB_TAGS and len(before) >= 2:
        return s.tokens[k][2]
    return start


def opens_known(s: SentenceView, a: int, b: int, known: frozenset[str]) -> bool:
    """Does a name of ``known`` longer than the word at ``a``–``b`` start at ``a`` (延长 of 延长石油),
    ending where a word does (not 和康 in 和 + 康复)?"""
    return any(s.text[a:a + n] in known and a + n in s.token_end for n in range(b - a + 1, _MAX_KNOWN_PREFIX + 1))


def _result_verb_end(tokens: list[Token], k: int, complements: frozenset[str] = _COMPLEMENTS) -> int | None:
    """Where a verb of result opening at token ``k`` ends (办好 as one word, 做+强 as two), or None."""
    word, _, b = tokens[k]
    nxt = tokens[k + 1] if k + 1 < len(tokens) else ("", b, b)
    if len(word) == 2 and word[1] in complements and tag(word) in _RESULT_VERB_TAGS:
        return b
    if len(word) == 1 and tag(word) in _RESULT_VERB_TAGS and len(nxt[0]) == 1 and nxt[0] in complements:
        return nxt[2]
    return None


def a_result_verb(s: SentenceView, start: int, end: int) -> bool:
    """Are the words ``start..end`` a verb of result (配强, 建强 of 配强社区“两委”), no name's core?"""
    k = bisect.bisect_left(s.token_starts, start)
    return k < len(s.tokens) and s.tokens[k][1] == start and _result_verb_end(s.tokens, k, _STRICT_COMPLEMENTS) == end


def after_a_verb_right_before(s: SentenceView, start: int, at: int) -> int:
    """``at`` where the words from ``start`` end right before it in a plain verb of the clause (成功申办 before
    第十六届全运会: the event is what is bid for, from its edition on), else ``start``."""
    words = s.tokens_within(start, at)
    if words and words[-1][2] == at and len(words[-1][0]) >= 2 and tag(words[-1][0]) == PLAIN_VERB:
        return at
    return start


def after_enumerator(s: SentenceView, start: int, core_end: int, min_core: int) -> int:
    """Where a name begins after a list number or a heading's number glued before it (一要, 1., （一）聚力…),
    keeping ``min_core`` characters before ``core_end``."""
    enumerator = _ENUMERATOR.match(s.text, start)
    if enumerator and enumerator.end() in s.token_end and core_end - enumerator.end() >= max(min_core, 1):
        return enumerator.end()
    return start


def trim_result_verbs(s: SentenceView, start: int, core_end: int, min_core: int) -> int:
    """Where an undertaking's name begins once what is glued to it is dropped: a list number (一要),
    verbs of result (做实“一键申报”机制, 建好用好…平台), boundary verbs the tokenizer cut into
    characters (建成投用…平台) and the round of the thing (新一轮); other verbs may open such names (规范…专项行动), so they stay.
    Where only the type word's too short a core is left (建强用好平台), the run was all verbs and
    the name begins past them, for the caller to reject."""
    start = _after_verb_before_scope(s, after_enumerator(s, start, core_end, min_core), core_end)
    k = bisect.bisect_left(s.token_starts, start)
    while k < len(s.tokens) and s.tokens[k][1] == start:
        cut = _result_verb_end(s.tokens, k, _STRICT_COMPLEMENTS) or _split_boundary_end(s, start) \
            or (s.tokens[k][2] if s.tokens[k][0] in _ROUNDS else None)  # 新一轮某某总体规划
        if cut is None or cut >= core_end:
            break
        start = cut
        if core_end - cut < max(min_core, 1):
            break
        k = bisect.bisect_left(s.token_starts, start)
    return start


def _after_verb_before_scope(s: SentenceView, start: int, core_end: int) -> int:
    """Where an undertaking's name begins when a verb opens it and a scope word follows the verb
    (升级省…平台, 运行省…平台): the scope word opens the name, the verb is the clause's."""
    first = s.tokens_from(start, start + 1)
    if not first or len(first[0][0]) < 2 or tag(first[0][0]) not in VERB_TAGS:
        return start
    after = first[0][2]
    if after < core_end and any(s.text.startswith(w, after, core_end) for w in _SCOPE.words):
        return after
    return start


def _split_boundary_end(s: SentenceView, start: int) -> int | None:
    """Where a boundary verb of several characters that the tokenizer cut apart ends, if one opens
    at ``start`` (投/用 of 建成投用) or runs into it from before (批 of 获批, where the walk
    stopped at 获), else None."""
    straddling = _straddling_boundary_end(s, start)
    if straddling is not None:
        return straddling
    first = s.tokens_from(start, start + 1)
    if not first:
        return None
    first_end = first[0][2]
    for end in range(start + _MAX_SPLIT_BOUNDARY, max(first_end, start + _MIN_SPLIT_BOUNDARY - 1), -1):
        piece = s.text[start:end]
        if piece in _BOUNDARIES.word_set and piece not in _UNDERTAKING_WORDS and end in s.token_end:
            return end
    return None


def _straddling_boundary_end(s: SentenceView, start: int) -> int | None:
    """Where a boundary verb that opens before ``start`` and runs past it ends (获批: 批 at ``start``)."""
    for back in range(1, _MAX_SPLIT_BOUNDARY):
        for end in range(start + _MAX_SPLIT_BOUNDARY - back, start, -1):
            piece = s.text[max(0, start - back):end]
            if len(piece) >= _MIN_SPLIT_BOUNDARY and piece in _BOUNDARIES.word_set and end in s.token_end:
                return end
    return None


def trim_left(s: SentenceView, start: int, core_end: int, min_core: int, known: frozenset[str] = frozenset(),
              kind: str = "") -> int:
    """Where a name really begins once the verbs, adverbs and counts glued to its left edge are
    dropped (请省政协, 依法接受人大, 做强…博览会, 4届南博会), keeping ``min_core`` characters before
    ``core_end`` (where its type word starts). Words in ``known`` (the gazetteers' names) stay:
    jieba tags some places as adverbs (大连); so does the scope that opens an event of ``kind`` Event (全国…大会)."""
    k = bisect.bisect_left(s.token_starts, start)
    tokens = s.tokens
    while k < len(tokens) and tokens[k][1] == start:
        word, a, b = tokens[k]
        nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        if word in known or opens_known(s, a, b, known) or kind == "Event" and word in _EVENT_SCOPES:
            break  # 延长石油: a known name opens with a word that is also a verb; 全国…运动会
        if len(word) >= 2 and (tag(word) in _LEAD_TAGS or word in _MANNER or word in _BOUNDARIES.word_set
                               or word in _WORKS_VERBS or word in _ROUNDS):
            cut = b
        elif len(word) == 1 and (tag(word) in _LEAD_TAGS or word in _LEAD_VERBS) and len(nxt) >= 2 \
                or word in _LEAD_PREPOSITIONS:
            cut = b  # 请省政协, 对省人大, 与某某集团: a one-character verb or preposition before a name's words
        elif len(word) >= 2 and tag(word) in VERB_TAGS and nxt and (nxt in known or tag(nxt) in _NAMED_AFTER_A_VERB):
            cut = b  # 开通运营青岛…局: a verb before a place's name is the clause's
        elif _split_boundary_end(s, a) is not None:
            cut = _split_boundary_end(s, a) or b  # 投/用 of 建成投用…站: a boundary verb cut into characters
            k = bisect.bisect_left(s.token_starts, cut) - 1
        elif _result_verb_end(tokens, k) is not None:
            cut = _result_verb_end(tokens, k) or b  # 办好, 做强, 建好: a verb of result
            k += 1 if cut > b else 0
        elif len(word) >= 2 and word[-1] in _EDITIONS and _numbered(word[:-1]):
            cut = b  # 两届, 4届: a count of editions written as one word
        elif _numbered(word) and len(nxt) == 1 and nxt in _EDITIONS:
            cut = tokens[k + 1][2]
            k += 1
        else:
            break
        if core_end - cut < max(min_core, 1):
            break
        start = cut
        k += 1
    return start


def holds_description(text: str) -> bool:
    """Does ``text`` hold a word of description (大型, 现代, 高水平)?"""
    return any(w in text for w in _DESCRIPTION.words)


@lru_cache(maxsize=1)
def _described_words() -> tuple[str, ...]:
    """Words of description, the genre's jargon and the words jieba mistags, in that order: one tuple."""
    return _DESCRIPTION.words + _JARGON.words + _MISTAGGED.words


#: jieba's tag of a noun morpheme that is no word on its own (寨, 坪): left as a word, it is part of a
#: name jieba does not know.
_BOUND_MORPHEME = "ng"


def a_label_and_a_kind(s: SentenceView, start: int, end: int, known: frozenset[str]) -> bool:
    """Do the words from ``start`` to ``end`` (a name's core) open with a quoted label and name nothing after
    it (“组组通”硬化路, “阳光物业”小区, “九纵五横”高速公路): a programme's label and a kind of place?"""
    quote = next((q for q in s.quotes_from(start, start + 1) if q[0] == start), None)
    return quote is not None and quote[1] < end and not named_core(s, quote[1], end, end, known)


def named_core(s: SentenceView, start: int, end: int, name_end: int, known: frozenset[str]) -> bool:
    """Do the words between ``start`` and ``end`` (a name's core; the name ends at ``name_end``)
    hold something only a name holds: a place, a
    body or another proper noun, a known name, a number or code, a quote, a 'plus' (党建引领+…),
    a run of characters jieba knows no word for (温福, 红岭), or a scope word that opens it (国家…,
    省…) not followed by words of description (国家重要…基地 is a kind)?

    Words of description (骨干, 高水平) and the genre's common words jieba does not know (冷链,
    中试) count for nothing, wherever they stand."""
    text = s.text[start:end]
    described = [False] * len(text)
    every = _described_words()
    for w in every if holds_any(text, every) else ():  # most cores hold none of them
        i = text.find(w)
        while i >= 0:
            described[i:i + len(w)] = [True] * len(w)
            i = text.find(w, i + 1)
    scope = next((w for w in _SCOPE.words if text.startswith(w)), "")
    if scope and not (len(text) > len(scope) and (described[len(scope)] or text[len(scope)] == LEVEL_MARK)):
        return True  # 国家…, 省…; not 县级中医医院 (a level) nor 国家重要…基地 (described)
    if any((ch.isdigit() or ch.isascii() and ch.isalpha() or ch in QUOTE_CLOSERS or ch == "+")
           and not described[i] for i, ch in enumerate(text)):
        return True
    if any(end < b <= name_end and (tag(w) in PROPER_TAGS and w not in _MISTAGGED.word_set or w in known)
           for w, a, b in s.tokens_from(start, end)):
        return True  # 上海博物馆, 中南大学: the whole name is a word jieba knows as a name
    words = [(w, a - start) for w, a, b in s.tokens_within(start, end)]
    run = 0
    for w, at in words:
        if described[at]:
            run = 0
            continue
        if (tag(w) in PROPER_TAGS or tag(w) in PERSON_TAGS) and w not in _MISTAGGED.word_set \
                or w in known or tag(w) == "m" or tag(w) == _BOUND_MORPHEME:
            return True  # 某某寨水库: a bound morpheme left alone is part of a word jieba does not know
        run = run + 1 if len(w) == 1 else 0
        if run >= 2:
            return True
    return False


def words_at(s: SentenceView, wanted: Iterable[str]) -> list[tuple[int, int]]:
    """Where any of ``wanted`` stands as whole words (增选/为 holds 增选为; 获批 holds no 获)."""
    words = wanted if isinstance(wanted, (tuple, frozenset)) else tuple(wanted)
    if not holds_any(s.text, words):
        return []  # most sentences hold none of a finder's trigger words
    out = []
    for w in words:
        i = s.text.find(w)
        while i >= 0:
            if i in s.token_start and i + len(w) in s.token_end:
                out.append((i, i + len(w)))
            i = s.text.find(w, i + 1)
    return sorted(set(out))


def phrase_end(s: SentenceView, start: int, stops: frozenset[str] | None = None, first: bool = True,
               limit: int | None = None) -> int:
    """End of the noun phrase from ``start``: up to punctuation, a word of ``stops``
    (the boundary list by default), or a counted number (500强 stays, 18家 ends it).
    With ``first`` False the phrase's first word is never a stop. The end is looked for no
    further than ``limit``, or than a clause reaches (a caller reading at most so far need not
    walk the rest of a sentence that may have no break)."""
    stops = _BOUNDARIES.word_set if stops is None else stops
    limit = min(len(s.text), start + CLAUSE_REACH if limit is None else limit)
    for word, a, b in s.tokens_from(start, limit):
        piece = s.text[a:b]
        if not _PHRASE_BREAKS.isdisjoint(piece) or ((first or a > start) and piece in stops):
            return a
        if piece[0].isdigit() and not s.text[b:b + 1] == _RANK_SUFFIX and s.text[a - 1:a] != _ORDINAL_PREFIX:
            return a
    return limit
