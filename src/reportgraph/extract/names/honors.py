"""What follows ``获评/荣获/入选`` is an honor; firms before an honor for enterprises are companies;
some titles are honors with no such verb (新增两院院士5人, 国家级绿色工厂136家)."""
from __future__ import annotations

import bisect
from functools import lru_cache

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.gate import Gated
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.kinds import ends_with_kind
from reportgraph.extract.names.subjects import subjects
from reportgraph.extract.names.suffixes import NATIONAL_SCOPES, national_designation
from reportgraph.extract.names.walk import CONJUNCTIONS, phrase_end, words_at
from reportgraph.extract.sentence import SentenceView
from reportgraph.text import CLAUSE_BREAKS, LIST_SEPARATOR, QUOTE_CHARS

_TRIGGERS = datafile("extract/names/honor_triggers.txt")
_GENERIC = datafile("extract/names/honor_generic.txt")
_BLOCKERS = datafile("extract/names/honor_trigger_blockers.txt")
_STOPS = datafile("extract/names/honor_phrase_stops.txt")
_SHAPES = datafile("extract/names/honors.tsv").pairs
_BARE_TITLES = datafile("extract/names/bare_honors.tsv").named_patterns
#: Words for firms that never open an honor's name (上榜企业继续保持…: the firms, not the honor).
_FIRM_WORDS = tuple(w for w, _ in datafile("extract/names/company_heads.tsv").rows)

_YEAR = regexcache.compile(_SHAPES["year"])
_FILLERS = frozenset(_SHAPES["fillers"])
_PRONOUNS = frozenset(_SHAPES["pronouns"])
_BOUND = _SHAPES["bound"]
_TITLE_WORD = _SHAPES["title_word"]
_EVENT_WORD = _SHAPES["event_word"]
_FIRM_HONOR = regexcache.compile(_SHAPES["firm_honor"])
_SELF_REFERENCE = regexcache.compile(_SHAPES["self_reference"])
#: Adverbs of degree that open a description, never an honor's name (更加, 更有).
_DEGREE_OPENERS = tuple(_SHAPES["degree_openers"].split())
#: Words that say which round of a title was won, no part of its name (被命名为新一届“全国双拥模范城”).
_RELATIVE_OPENERS = tuple(_SHAPES["relative_openers"].split())
#: The verb of approval that blocks a title after it (获批建设…), but for a national designation after it: one a
#: national scope opens and one of its type words ends (获批国家某某试点城市).
_APPROVAL = _SHAPES["approval"]
_DESIGNATION_HEADS = tuple(_SHAPES["designation_heads"].split())
#: What opens a unit of the honor before it, named by the first's head (国家技术创新中心和分中心).
_UNIT_MARKS = tuple(_SHAPES["unit_marks"].split())
#: Verbs that make a title after them a goal (建设, 争创), and how far before the title they are looked for.
_GOAL_VERBS = tuple(_SHAPES["goal_verbs"].split())
_GOAL_REACH = 8
#: The last character of a grade (国家级, 领航级): a grade listed before another shares the name after it.
_GRADE_END = _SHAPES["grade_end"]
#: An honor's name is at least this long.
_MIN_NAME = 3
#: How many last characters two honors joined by a conjunction share when they are two of one kind (案例).
_SHARED_HEAD = 2


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """The honors the sentence says were won, and the firms that won an honor for enterprises."""
    out = []
    text = s.text
    generic = _GENERIC.words
    blockers = _BLOCKERS.words
    for a, b in words_at(s, _TRIGGERS.word_set):
        # 获批国家某某试点城市: a national designation approved is won (but not 获批国家…项目, 获批国家…投资)
        approved = text.startswith(_APPROVAL, a) and text.startswith(NATIONAL_SCOPES, a + len(_APPROVAL))
        if not approved and any(text.startswith(x, a) for x in blockers):
            continue
        start = a + len(_APPROVAL) if approved else b
        year = _YEAR.match(text, start)
        if year:
            start = year.end()
        while start < len(text) and text[start] in _FILLERS:
            start += 1
        own = _SELF_REFERENCE.match(text, start)
        if own:
            start = own.end()  # 入选我国首批…: the report's own country or province is no part of the title
        start += next((len(w) for w in _RELATIVE_OPENERS if text.startswith(w, start)), 0)  # 新一届“…模范城”
        end = _past_split_stops(s, phrase_end(s, start, _STOPS.word_set, first=False))
        bare = text[start:end].strip(QUOTE_CHARS)
        if bare.startswith(_DEGREE_OPENERS):
            continue  # 获得更加健康更有品质的生活: a description of what is gained, no honor
        grades, head = _graded_run(s, start, end) if bare.endswith(_GRADE_END) else ([], "")
        if head:  # 获评国家领航级、卓越级智能工厂: 国家领航级智能工厂, and 卓越级智能工厂
            out += [Candidate(a, b, "Honor", s.original(a, b) + head, "honor") for a, b in grades[:-1]]
            start, end = grades[-1]
            bare = text[start:end].strip(QUOTE_CHARS)
        if len(bare) < _MIN_NAME or bare[0] in _PRONOUNS or _BOUND in bare or bare.startswith(_FIRM_WORDS) \
                or any(bare.endswith(g) for g in generic) or bare[0].isascii() \
                or approved and not _names_a_designation(bare):
            continue
        joined = _joining_conjunction(s, start, end)
        if joined is not None:  # 荣获某某奖一等奖和首届“某某团队”: two honors won
            second = s.original(joined[1], end)
            first_end, shared = joined[0], end - joined[1]
            unit = second.startswith(_UNIT_MARKS) and s.text[start:first_end].endswith(second[1:])
            if first_end - start > shared + 1 and s.text[first_end - _SHARED_HEAD:first_end] == second[-_SHARED_HEAD:]:
                second = s.original(start, first_end - shared) + second  # 某某十佳案例和优秀案例: 某某优秀案例
            if not unit:  # 某某中心和分中心: a unit of the first, no honor of its own
                out.append(Candidate(joined[1], end, "Honor", second.removesuffix(_TITLE_WORD), "honor"))
            end = joined[0]
            bare = text[start:end].strip(QUOTE_CHARS)
        name = s.original(start, end)
        if name.endswith(_TITLE_WORD):
            name = name[: -len(_TITLE_WORD)]
        if ends_with_kind(bare, "Event") or bare.endswith(_EVENT_WORD):
            etype = "Event"
        elif ends_with_kind(bare, "Program"):
            etype = "Program"
        else:
            etype = "Honor"
        out.append(Candidate(start, end, etype, name, "honor"))
        if etype == "Honor" and _FIRM_HONOR.search(bare):
            out += subjects(s, a, "Company")
    return out + _bare_titles(s)


def _names_a_designation(bare: str) -> bool:
    """Does an approved phrase name a national designation: a type word of one ends it, and the words before it
    name one as the suffix rule reads them (国家服务业扩大开放综合试点城市; not 国家级试验区, 国家某某项目)?"""
    head = next((h for h in _DESIGNATION_HEADS if bare.endswith(h)), "")
    return bool(head) and national_designation(bare[: len(bare) - len(head)])


def _past_split_stops(s: SentenceView, end: int) -> int:
    """The phrase's end past a one-character stop the word cut split out of a longer word with the characters
    on either side (碳/达/峰 of 全国首批碳达峰试点城市), which ends no name."""
    k = bisect.bisect_left(s.token_starts, end)
    tokens = s.tokens
    while 0 < k < len(tokens) - 1 and tokens[k][1] == end and len(tokens[k][0]) == 1 \
            and tokens[k][0] in _STOPS.word_set and all(len(w) == 1 and w.isalpha() for w in (tokens[k - 1][0], tokens[k + 1][0])):
        end = phrase_end(s, tokens[k][2], _STOPS.word_set, first=False)
        k = bisect.bisect_left(s.token_starts, end)
    return end


def _graded_run(s: SentenceView, start: int, end: int) -> tuple[list[tuple[int, int]], str]:
    """The items of a list of grades that opens at ``start`` (国家级、省级、市级文明单位), the last one a grade
    and a name, and that name after its grade (文明单位), which every grade before it shares; else no
    items and no name."""
    items = [(start, end)]
    while s.text.startswith(LIST_SEPARATOR, end) and s.text[items[-1][0]:end].endswith(_GRADE_END):
        after = end + len(LIST_SEPARATOR)
        end = phrase_end(s, after, _STOPS.word_set, first=False)
        items.append((after, end))
    last = s.text[items[-1][0]:items[-1][1]]
    at = last.rfind(_GRADE_END)
    head = last[at + len(_GRADE_END):] if at >= 0 and len(items) > 1 else ""
    return (items, head) if len(head) >= 2 else ([], "")


@lru_cache(maxsize=1)
def _gated_titles() -> tuple[Gated, ...]:
    """The bare titles' shapes, each run only on a sentence holding the words it needs."""
    return tuple(Gated(shape) for shape in _BARE_TITLES.every())


def _bare_titles(s: SentenceView) -> list[Candidate]:
    """The titles of :data:`_BARE_TITLES` the sentence holds as whole words; a quote holding one
    alone is the quotes finder's (“绿色工厂”), a longer honor after a verb stands over it."""
    out = []
    for shape in _gated_titles():
        for m in shape.finditer(s.text):
            a, b = m.span()
            quote = s.in_quote(a)
            if a in s.token_start and b in s.token_end and not (quote and quote[1] >= b) and not _a_goal(s.text, a):
                out.append(Candidate(a, b, "Honor", s.original(a, b), "honor"))
    return out


def _a_goal(text: str, at: int) -> bool:
    """Is the title at ``at`` one the clause sets out to build or win (加快建设高水平创新型省份, 争创国家森林城市),
    a goal, not an honor held?"""
    before = text[max(0, at - _GOAL_REACH):at]
    cut = max(before.rfind(ch) for ch in CLAUSE_BREAKS)
    return any(verb in before[cut + 1:] for verb in _GOAL_VERBS)


def _joining_conjunction(s: SentenceView, start: int, end: int) -> tuple[int, int] | None:
    """The conjunction between two honors in the words won (某某奖一等奖和首届某某团队), where the words
    before it are an honor's name of their own (they end with an honor's type word, or with the words
    the second ends with: 十佳案例和优秀案例): the first ends at its start, the second begins at its end."""
    for word, a, b in s.tokens_within(start, end):
        first = s.text[start:a].strip(QUOTE_CHARS)
        if word in CONJUNCTIONS and a - start >= _MIN_NAME and end - b >= _MIN_NAME \
                and (ends_with_kind(first, "Honor") or first.endswith(s.text[end - _SHARED_HEAD:end])):
            return a, b  # 某某奖一等奖和…; 某某十佳案例和优秀案例: two of one kind
    return None
