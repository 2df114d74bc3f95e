"""Quoted names, completed by a head word after them (``“三个一”企业服务``, ``“雏鹰”计划``).

A quote after an honor verb names an honor; a quote followed by a head word
(``data/extract/names/quote_heads.tsv``) names what the head says; a quote of
four or more characters standing alone names a programme (or an event, by
its ending). Quotes that hold a list or a sentence, or that describe
(``青年“急难愁盼”问题``), are no names.
"""
from __future__ import annotations

import bisect
from functools import lru_cache

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.kinds import ends_with_kind, words_of_kinds
from reportgraph.extract.names.walk import CONJUNCTIONS, phrase_end
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import tag
from reportgraph.text import CLAUSE_BREAKS, LIST_SEPARATOR, NUMERAL_CHARS, QUOTE_CLOSERS, QUOTE_OPENERS, clause_bounds

_HEADS = datafile("extract/names/quote_heads.tsv")
_NOT_NAMES = datafile("extract/names/quote_not_names.txt")
_TAIL_STOPS = datafile("extract/names/quote_tail_stops.txt")
_HONOR_TRIGGERS = datafile("extract/names/honor_triggers.txt")
_MARKS = datafile("extract/names/quotes.tsv").pairs
_TITLE_WORD = datafile("extract/names/honors.tsv").pairs["title_word"]
_PROGRAMME_VERBS = datafile("extract/names/programme_verbs.txt")
_EVENT_HEADS = datafile("extract/names/event_heads.txt")
_HONOR_WORDS = datafile("extract/names/honor_words.txt")
_HONOR_TITLES = datafile("extract/names/honor_titles.txt")
_QUOTED_EVENTS = datafile("extract/names/quoted_event_endings.txt")
_NOT_EVENTS = datafile("extract/names/not_event_endings.txt")
_FIRM_WORD = datafile("extract/names/company_heads.tsv").rows[0][0]
#: Levels of government whose formal reports quote doctrines and slogans as often as programmes.

_INNER_BREAKS = frozenset(_MARKS["inner_breaks"])
_TAIL_BREAKS = frozenset(_MARKS["tail_breaks"])
_POSSESSIVE = _MARKS["possessive"]
_COUNTED_SLOGAN = regexcache.compile(_MARKS["counted_slogan"])
_FORMAL_COUNTED_SLOGAN = regexcache.compile(_MARKS["formal_counted_slogan"])
_DATE_CODE = regexcache.compile(_MARKS["date_code"])
_COINED = frozenset(NUMERAL_CHARS + _MARKS["coined_marks"])
_COINED_NOT = regexcache.compile(_MARKS["coined_not"])
_COINED_REMEDIES = tuple(_MARKS["coined_remedies"].split())
_COINED_INSTRUMENTS = frozenset(_MARKS["coined_instruments"].split())
#: 等 and a few words of scope (国家) before the instrument that closes a list of coined labels.
_INSTRUMENT_CLOSER = regexcache.compile(_MARKS["instrument_closer"].replace(
    "{instruments}", "|".join(sorted(_COINED_INSTRUMENTS, key=len, reverse=True))))
_INSTRUMENTS = tuple(sorted(_COINED_INSTRUMENTS))
#: How many characters may stand between a quoted day and the disaster it names.
_DISASTER_REACH = 8
_NOT_CONJUNCTIONS = tuple(_MARKS["not_conjunctions"].split())
#: What counts a quoted name among events: 等, a count, a word for a disaster.
_EVENTS_AFTER = regexcache.compile(rf"(?:{_MARKS['programme_followers'].split()[0]}(?:\d+|[{NUMERAL_CHARS}]+)?[^\d]?)?"
                           f"(?:{'|'.join(_EVENT_HEADS.words)})")
#: A few words after a quoted day that end in a word for a disaster (“0908”某某小区疫情).
_DISASTER_AFTER = regexcache.compile(
    rf"[\u4e00-\u9fff]{{0,{_DISASTER_REACH}}}?(?:{'|'.join(sorted(_EVENT_HEADS.words, key=lambda w: (-len(w), w)))})")
#: What may follow a quoted programme's name: a list's 等, a series (“跟着…”系列).
_FOLLOWERS = tuple(_MARKS["programme_followers"].split())
#: jieba's tag of plain nouns (服务区, 服务业), which a head word may open.
_NOUN_TAG = "n"
#: jieba's tag of other proper nouns (“三农”, “一卡通”): a dictionary word that may still be a label.
_PROPER_TAG = "nz"
#: jieba's tag of a numeral word (两重): a coined label before its instrument may be one
_NUMERAL_TAG = "m"
#: jieba's tag of a plain verb: one right after a quote opens a clause of its own (“一企一策”制定…)
_VERB_TAG = "v"
#: Tags of the word that opens a predicate (verbs, adverbs, prepositions: “某某”扩面提质, “某某”持续拓展, “某某”向…迈进)
_PREDICATE_TAGS = frozenset("vdp")
#: Heads that say only that work is done (“某某”创建工作): after a verb, its object.
_WORK_HEADS = frozenset(_MARKS["work_heads"].split())
#: A quote longer than this is a slogan or a sentence, not a name.
_MAX_INNER = 30
#: How many quotes side by side may share one head (“甲”“乙”“丙”行动计划).
_MAX_SHARING = 6
#: How far after the quote a head word may end.
_MAX_TAIL = 14
#: How far before the quote an honor verb may stand.
_HONOR_REACH = 4
#: A quote this long names something on its own; shorter, only with a head (“两委”工作 is none).
_MIN_ALONE, _MIN_WITH_GENERIC_HEAD = 4, 3
#: A coined label (:func:`_coined`) this long or longer is a name with no head (“两新”).
_MIN_COINED = 2
#: Marks that make a short quote a name of its own (“4+N”, “新时代·文明”).
_NAME_SIGNS = ("+", "\u00b7")
#: Kinds of place whose names may hold a quote (中国企业“走出去”综合服务基地): the place wins.
_PLACE_KINDS = ("Facility", "Place", "Project")


@lru_cache(maxsize=1)
def _heads() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((r[0], r[1]) for r in _HEADS.rows), key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _head_words() -> tuple[str, ...]:
    return tuple(head for head, _ in _heads())


def _head(tail: str) -> tuple[int, str] | None:
    """The end of the last head word within a quoted name's tail, and its type (the longest head
    among those ending there). Found from the tail's end backwards, one ``str.endswith`` over all
    heads per offset: the first offset where one ends is the answer, usually the tail's own end."""
    words = _head_words()
    for end in range(len(tail), 0, -1):
        if tail.endswith(words, 0, end):
            return next((end, etype) for head, etype in _heads() if tail.endswith(head, 0, end))
    return None


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Every quoted name of the sentence."""
    out = []
    text = s.text
    not_names = _NOT_NAMES.words
    triggers = _HONOR_TRIGGERS.words
    tail_stops = _TAIL_STOPS.word_set
    for a, b in s.quotes:
        if text[a] not in QUOTE_OPENERS:
            continue
        inner = text[a + 1:b - 1]
        if not inner or len(inner) > _MAX_INNER or any(ch in _INNER_BREAKS for ch in inner):
            continue
        tail_at = b if _named_as_programme(inner) else _shared_tail_start(s, b)
        j = tail_at
        while j < len(text) and j - tail_at < _MAX_TAIL and text[j] not in CLAUSE_BREAKS \
                and text[j] not in _TAIL_BREAKS and not text[j].isdigit() and text[j] not in QUOTE_OPENERS:
            j += 1
        tail = text[tail_at:phrase_end(s, tail_at, tail_stops, limit=j)]
        if tail[:1] in CONJUNCTIONS and not tail.startswith(_NOT_CONJUNCTIONS):
            tail = ""  # “千名医师下基层”和组团式帮扶活动: the head after 和 is another item's
        if tail.startswith(not_names) or inner.endswith(not_names) \
                or _listed_among_problems(s, b):
            continue
        possessive = tail.startswith(_POSSESSIVE)
        if possessive and ctx.formal and not _named_as_programme(inner):
            continue  # a province's “市场+保障”的住房供应体系, “马上就办”的工作精神: the quote describes its head
        head = _head(tail.replace(_POSSESSIVE, "", 1) if possessive else tail)
        if head and tail_at == b and not possessive and (_head_of_another_phrase(tail[:head[0]])
                                                        or _clause_verb_after(s, b, b + head[0])):
            head = None  # “某某精品”销售规模和品牌, “一企一策”制定转型方案: the head is another phrase's
        honor_before = text[max(0, a - _HONOR_REACH):a].endswith(triggers)
        rest = tail[head[0]:] if head else tail
        if rest.endswith(words_of_kinds(*_PLACE_KINDS)):
            continue  # 中国企业“走出去”综合服务基地: the quote is inside a place's name
        if _counts_events(text, b):
            out.append(Candidate(a, b, "Event", s.original(a, b), "quote"))  # “桦加沙”等15个台风
            continue
        if not head and not honor_before and any(w in inner for w in _HONOR_TITLES.words):
            start, end = _honor_span(text, a, b)
            out.append(Candidate(start, end, "Honor", s.original(start, end), "quote"))  # 专精特新“小巨人”企业
            continue
        if head and len(inner) < _MIN_WITH_GENERIC_HEAD and head[1] == "Program" and not honor_before:
            if ctx.formal and tail_at == b and text.startswith(_INSTRUMENTS, b) and _coined(s, a, b, inner):
                # “两重”项目: a province's coined label before its instrument, named alone, on the span with the
                # head that a type word's rule would read as one name (两重项目)
                out.append(Candidate(a, b + head[0], "Program", s.original(a, b), "quote"))
            continue  # “两委”工作: a short quoted word before a generic head is not a name
        if head and tail_at > b:
            # “百团千企”“渝企出海”行动计划, “某某”和“某某”行动: each quote takes the shared head
            name = s.original(a, b) + s.original(tail_at, tail_at + head[0])
            out.append(Candidate(a, b, "Honor" if honor_before else head[1], name, "quote"))
            continue
        if head and head[1] == "Program" and not honor_before \
                and _inside_a_longer_noun(s, b + head[0] + (len(_POSSESSIVE) if possessive else 0)):
            continue  # “某某”服务区, “某某”服务业: the head word opens a longer noun, a place's or a trade's
        if head:
            end = b + head[0] + (len(_POSSESSIVE) if possessive else 0)
            name = s.original(a, end).replace(_POSSESSIVE, "", 1) if possessive else s.original(a, end)
            etype = "Honor" if honor_before else head[1]
            if name.endswith(_TITLE_WORD):
                name = name[: -len(_TITLE_WORD)]
            out.append(Candidate(a, end, etype, name, "quote"))
            continue
        if honor_before:
            out.append(Candidate(a, b, "Honor", s.original(a, b), "quote"))
        elif _DATE_CODE.match(inner):
            struck = _DISASTER_AFTER.match(s.text, b)
            if struck:  # “0908”某某小区疫情: the day names the disaster the words after it end in
                out.append(Candidate(a, struck.end(), "Event", s.original(a, struck.end()), "quote"))
            continue  # 某某“7·20”洪灾: the day a disaster struck, no programme
        elif any(sign in inner for sign in _NAME_SIGNS):
            out.append(Candidate(a, b, "Program", s.original(a, b), "quote"))  # “4+N”, “媒体+”
        elif (_COUNTED_SLOGAN.match(inner) or ctx.formal and _FORMAL_COUNTED_SLOGAN.match(inner)) \
                and not _named_as_programme(inner):
            continue  # “两个毫不动摇”, “十个到位”: a counted slogan with no head is a doctrine
        elif len(inner) >= _MIN_ALONE and (_is_event(inner) or not ctx.formal
                                            or _named_as_programme(inner) or _run_as_programme(s, a, b)
                                            or _subject_of_its_clause(s, a, b)) \
                or ctx.formal and _coined(s, a, b, inner):
            etype = "Event" if _is_event(inner) else "Program"
            out.append(Candidate(a, b, etype, s.original(a, b), "quote"))
    return out


def _coined(s: SentenceView, a: int, b: int, inner: str) -> bool:
    """Is the quote at ``a``–``b`` with no head word a province's coined label (“两新”, “三高四新”, “双碳”), named by
    a count, standing on its own (no noun after it but the policy's instrument: “两新”政策, “两重”项目), no common word
    and no problem done away with (化解“一地多证”)?"""
    if len(inner) < _MIN_COINED or _COUNTED_SLOGAN.match(inner) or _COINED_NOT.search(inner) \
            or not any(ch in _COINED for ch in inner) or s.text.endswith(_COINED_REMEDIES, 0, a):
        return False
    after = s.tokens_from(b, b + 1)
    instrument = bool(after) and after[0][1] == b and after[0][0] in _COINED_INSTRUMENTS \
        or _instrument_after_the_list(s, a, b)
    known = tag(inner)
    if known and known != _PROPER_TAG and not (instrument and known == _NUMERAL_TAG):
        return False  # “一体化”, “一揽子”政策, “两委”: a word of the dictionary, no label (but “两重”项目, a numeral's, is one)
    return instrument or not (after and after[0][1] == b and tag(after[0][0]).startswith(_NOUN_TAG))


def _instrument_after_the_list(s: SentenceView, a: int, b: int) -> bool:
    """Is the quote at ``a``–``b`` an item of a list of quotes that closes with 等 and the policy's instrument
    (“两重”、“两新”等国家政策): what each of its labels is?"""
    end = _quoted_list_end(s, b)
    return (end > b or _quoted_list_start(s, a) < a) and bool(_INSTRUMENT_CLOSER.match(s.text, end))


def _clause_verb_after(s: SentenceView, b: int, end: int) -> bool:
    """Does a verb of doing open the words from the quote's end at ``b`` to its head's end, with more words before
    the head (“一企一策”制定转型方案) or a head that says only that work is done (“十五冬”筹备工作): the quote says how or
    what, the head is the verb's object, no name with it (but “某某”推进机制 is one)?"""
    after = s.tokens_from(b, end)
    if len(after) == 1 and after[0][1] == b:  # jieba's one word for a verb and its work (筹备工作)
        word = after[0][0]
        return any(word.endswith(head) and len(word) - len(head) >= 2 and tag(word[:-len(head)]) == _VERB_TAG
                   for head in _WORK_HEADS)
    if len(after) < 2 or after[0][1] != b or len(after[0][0]) < 2 or tag(after[0][0]) != _VERB_TAG:
        return False  # a character alone is more often a name's (“1+3+N”松企先锋服务团: 松 is no verb there)
    return len(after) > 2 or after[-1][0] in _WORK_HEADS


def _head_of_another_phrase(tail: str) -> bool:
    """Is the head word ending ``tail`` (what follows a quote, up to it) the head of another phrase, after a
    conjunction inside the tail (“某某精品”销售规模和品牌, “十四五”规划和年度计划)?"""
    return any(ch in CONJUNCTIONS and not tail.startswith(_NOT_CONJUNCTIONS, i) for i, ch in enumerate(tail) if i)


def _shared_tail_start(s: SentenceView, b: int) -> int:
    """Where the words after a quote ending at ``b`` begin: after the quotes that follow it straight
    or after a conjunction (“甲”“乙”行动计划, “甲”和“乙”活动), whose head they share; else ``b``.
    At most :data:`_MAX_SHARING` quotes are looked through, so a run of quotes stays linear."""
    at = b
    for qa, qb in s.quotes_from(b, b + _MAX_SHARING * _MAX_INNER):
        if qa < at:
            continue
        if qa != at and s.text[at:qa] not in CONJUNCTIONS or qb - b > _MAX_SHARING * _MAX_INNER:
            break
        at = qb
    return at


def _inside_a_longer_noun(s: SentenceView, end: int) -> bool:
    """Does a dictionary noun the tokenizer keeps whole run on past ``end`` (服务区 past 服务)?"""
    k = bisect.bisect_right(s.token_starts, end - 1) - 1
    if not 0 <= k < len(s.tokens) or not s.tokens[k][1] < end < s.tokens[k][2]:
        return False
    return tag(s.tokens[k][0]) == _NOUN_TAG


def _listed_among_problems(s: SentenceView, b: int) -> bool:
    """Is the quote ending at ``b`` an item of a list its clause closes with a word of description
    (“甲”、乙、丙等问题, “甲”、“乙”问题整改): a problem named, not a programme?"""
    text = s.text
    if text[b:b + 1] != LIST_SEPARATOR:
        return False
    _, end = clause_bounds(text, b, b)
    rest = text[b:end]
    for word in _NOT_NAMES.words:
        at = rest.find(word)
        if at > 0 and (rest[at - 1] in _TAIL_BREAKS or rest[at - 1] in QUOTE_CLOSERS):
            return True
    return False


def _is_event(inner: str) -> bool:
    """Does a quoted name end like an event's (…文化节, “某某优品展”)?"""
    if inner.endswith(tuple(_NOT_EVENTS.words)):
        return False  # “三个新的更大进展”
    return ends_with_kind(inner, "Event") or inner.endswith(tuple(_QUOTED_EVENTS.words))


def _counts_events(text: str, b: int) -> bool:
    """Does what follows a quote count it among disasters or outbreaks (“桦加沙”等15个台风)?"""
    return bool(_EVENTS_AFTER.match(text, b))


def _honor_span(text: str, a: int, b: int) -> tuple[int, int]:
    """A quoted honor with the honor words before it and the firms it is for after it."""
    before = next((w for w in _HONOR_WORDS.words if text.endswith(w, 0, a)), "")
    end = b + len(_FIRM_WORD) if text.startswith(_FIRM_WORD, b) else b
    return a - len(before), end


def _named_as_programme(inner: str) -> bool:
    """Does the quoted phrase end with a programme's head word of its own (“百县千镇万村…工程”)?"""
    head = _head(inner)
    return head is not None and head[0] == len(inner) and head[1] == "Program"


def _subject_of_its_clause(s: SentenceView, a: int, b: int) -> bool:
    """Does the quote (with the quotes beside it) open its clause, and a predicate follow it (“某某”扩面提质,
    “某某”“某某”成为…名片): a programme whose results are told, where a doctrine is held or stressed by a verb before
    it (坚持“…”) and a label qualifies the noun after it (“四纵三横”高速公路网)? Not a craft or a record (coined_not)."""
    first = _quoted_list_start(s, a)
    if not (first == 0 or s.text[first - 1] in CLAUSE_BREAKS) or _COINED_NOT.search(s.text[a + 1:b - 1]):
        return False  # 坚持“甲”、“乙”不动摇: the list is a verb's object
    at = _shared_tail_start(s, _quoted_list_end(s, b))
    after = s.tokens_from(at, at + _MAX_TAIL)
    return bool(after) and tag(after[0][0])[:1] in _PREDICATE_TAGS


def _quoted_list_start(s: SentenceView, a: int) -> int:
    """Where the list of quotes that the quote opening at ``a`` is in begins (“甲”、“乙” or “甲”“乙”: 甲's opening).
    Only the quotes within :data:`_MAX_SHARING` quotes' reach are looked through."""
    for _ in range(_MAX_SHARING):
        gap = 1 if a > 1 and s.text[a - 1] == LIST_SEPARATOR else 0
        before = [qa for qa, qb in s.quotes_from(max(0, a - gap - _MAX_INNER - 2), a) if qb == a - gap]
        if not before:
            break
        a = before[0]
    return a


def _quoted_list_end(s: SentenceView, b: int) -> int:
    """Where a list of quotes that the quote ending at ``b`` opens or is in ends (“甲”、“乙”、“丙”累计…): what follows
    the list is said of each item. Only the quotes within :data:`_MAX_SHARING` quotes' reach are looked through."""
    for qa, qb in s.quotes_from(b, b + _MAX_SHARING * _MAX_INNER):
        if qa != b + 1 or s.text[b] != LIST_SEPARATOR:
            break
        b = qb
    return b


def _run_as_programme(s: SentenceView, a: int, b: int) -> bool:
    """Is a quoted phrase with no head word a programme: carried out (开展“以旧换新”), or the first of
    a kind (“以旧换新”等促消费活动), not a doctrine held or a word stressed (坚持“两个维护”)?"""
    start, _ = clause_bounds(s.text, a, a)
    before = s.text[start:a]
    return any(v in before for v in _PROGRAMME_VERBS.words) or s.text.startswith(_FOLLOWERS, b)
