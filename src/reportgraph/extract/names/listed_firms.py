"""Firms named at the head of the projects a report lists: ``榆能百万吨煤制芳烃、国能煤炭综合利用等项目``,
``株洲中车IGBT、邵阳邵虹基板玻璃等重大项目``. A province lists its big projects by the firm that builds them and
what they make; the firm's short name is a run of characters jieba knows no word for (榆能, 中车, 奕斯伟), at
the item's start or after its place, before the product, the capacity, the site or the phase
(``data/extract/names/listed_firms.tsv``)."""
from __future__ import annotations

import bisect

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.gate import holds_any
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.kinds import suffix_pattern
from reportgraph.extract.names.lists import done_or_fields
from reportgraph.extract.names.walk import ROUTE_JOINER
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import PERSON_TAGS, PLACE_TAG, PLAIN_VERB, PROPER_TAGS, tag
from reportgraph.text import HANZI, LIST_SEPARATOR, clause_bounds

_SHAPES = datafile("extract/names/listed_firms.tsv").pairs
_HEADS = tuple(_SHAPES["heads"].split())
_CLOSER = regexcache.compile(
    rf"{_SHAPES['closer']}[\u4e00-\u9fff\d]{{0,{int(_SHAPES['reach'])}}}?(?:{'|'.join(_HEADS)})")
_LEAD_TAGS = frozenset(_SHAPES["lead_tags"].split())
#: What after a run makes it a site: the works built there (白龙核电一期, 古贤水利枢纽), a route from it (黄桶至…);
#: not a phase (奕斯伟二期: the firm's second works) nor the capacity or works of a firm's project (not_sites: 年产…).
_PHASE = regexcache.compile(datafile("extract/names/suffix_rules.tsv").pairs["phase"])
_NOT_SITES = frozenset(_SHAPES["not_sites"].split())
_PLACE_ENDS = tuple(_SHAPES["place_ends"])
_SITE_WORDS = (*(w for w in datafile("extract/names/project_words.txt").words
                 if not _PHASE.fullmatch(w) and w not in _NOT_SITES), *_SHAPES["site_words"].split(), ROUTE_JOINER)
#: First letters of jieba's tags of a word after a run that joins it to the next (敦牡和四梅集…: two routes).
_JOINING_TAGS = frozenset("cpu")
#: A count after the run: the projects of a place are counted (准东3个煤制气), a firm's capacity is measured.
_COUNT = regexcache.compile(_SHAPES["count"])
#: A firm's short name is this long (榆能, 奕斯伟); a longer run is more often a joint venture's site (中沙古雷).
_MIN_NAME, _MAX_NAME = 2, 3
#: jieba's tags of a name after the run that makes the run a place before it (深汕比亚迪); a place after it is the
#: project's site (陕煤榆林化学二期).
_NAME_TAGS = (PROPER_TAGS - {PLACE_TAG}) | PERSON_TAGS
#: jieba's tags of a word that may be a foreign firm's transliterated name after its country (莱卡/nrt): not a
#: person's name of the dictionary (古城墙 is tagged nr).
_FOREIGN_NAME_TAGS = frozenset({"nrt", "nz"})
#: First letters of the tags of characters that a name is not made of: numerals, conjunctions, prepositions,
#: particles, pronouns, measure words (和一社区: 和 and 一 make no firm), and the one-character short names of
#: provinces and countries (川渝, 鲁苏, 中法: places joined, no firm).
_NOT_IN_NAMES = frozenset("mcpurqj")


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """The firms that open the items of the sentence's lists of projects."""
    text = s.text
    if not holds_any(text, _HEADS):
        return []
    out = []
    listed_to = 0  # where the list before ends: a clause's next list starts after it (…等项目和某某等项目)
    for m in _CLOSER.finditer(text):
        if not _a_word_of_its_own(s, m.start()) or done_or_fields(s, m.start() + 1, m.end()):
            listed_to = m.end()
            continue  # 中等职业学校项目: no list; 等重点领域谋划实施项目: fields, or what is done to projects
        start, _ = clause_bounds(text, m.start(), m.start())
        at = _after_lead_words(s, max(start, listed_to), m.start())
        listed_to = m.end()
        for piece in text[at:m.start()].split(LIST_SEPARATOR):
            span = _firm_at(s, at, at + len(piece), ctx.lexicon.names)
            if span:
                out.append(Candidate(span[0], span[1], "Company", s.original(*span), "subject"))
            at += len(piece) + 1
    return out


def _firm_after_its_place(s: SentenceView, a: int, b: int, known: frozenset[str]) -> bool:
    """Is all of an item after its place a firm's short name (晓星 of 韩国晓星, 莱卡 of 美国莱卡): two or three
    characters, each word of them one jieba knows no word for or a name's (no place's, no known name)?"""
    words = s.tokens_within(a, b)
    return _MIN_NAME <= b - a <= _MAX_NAME and bool(words) and words[0][1] == a and words[-1][2] == b \
        and all(w not in known and tag(w) != PLACE_TAG
                and (len(w) == 1 and HANZI.fullmatch(w) and tag(w)[:1] not in _NOT_IN_NAMES or tag(w) in _FOREIGN_NAME_TAGS)
                for w, _, _ in words)


def _a_word_of_its_own(s: SentenceView, at: int) -> bool:
    """Is the closer at ``at`` a word of its own, not inside a longer one (中等职业学校, 同等规模)?"""
    k = bisect.bisect_right(s.token_starts, at) - 1
    return k >= 0 and s.tokens[k][1] == at and s.tokens[k][2] == at + len(_SHAPES["closer"])


def _after_lead_words(s: SentenceView, start: int, end: int) -> int:
    """Past the verbs, adverbs and conjunctions that open the clause before its list (推进, 加快推进; 和 after the list
    before it)."""
    k = bisect.bisect_left(s.token_starts, start)
    while k < len(s.tokens) and s.tokens[k][2] <= end and tag(s.tokens[k][0])[:1] in _LEAD_TAGS:
        start = s.tokens[k][2]
        k += 1
    return start


def _firm_at(s: SentenceView, a: int, b: int, known: frozenset[str]) -> tuple[int, int] | None:
    """The firm's short name at the start of the item ``a..b`` (after its place), if it opens with one."""
    tokens = s.tokens
    k = bisect.bisect_left(s.token_starts, a)
    if k >= len(tokens) or tokens[k][1] != a:
        return None
    placed = len(tokens[k][0]) >= 2 and (tag(tokens[k][0]) == PLACE_TAG or tokens[k][0] in known)
    if placed:
        k += 1  # 株洲中车…: the place the project is in
    first = k
    while k < len(tokens) and tokens[k][2] <= b and HANZI.fullmatch(tokens[k][0]) \
            and tag(tokens[k][0])[:1] not in _NOT_IN_NAMES:
        k += 1
    if placed and first < len(tokens) and _firm_after_its_place(s, tokens[first][1], b, known):
        return tokens[first][1], b  # 韩国晓星、意大利某某等外资项目: a country's firm, its project named by the two
    if not first < k < len(tokens) or tokens[k][1] >= b or not _MIN_NAME <= k - first <= _MAX_NAME:
        return None  # no run, the item is the run alone, or the run is too short or long
    start, end = tokens[first][1], tokens[k][1]
    run, after = s.text[start:end], tokens[k][0]
    if all(tag(w) == PLACE_TAG for w, _, _ in tokens[first:k]) or tag(run)[:1] == PLAIN_VERB \
            or tag(tokens[first][0])[:1] == PLAIN_VERB \
            or tag(after) in _NAME_TAGS or tag(after)[:1] in _JOINING_TAGS or _COUNT.match(s.text, end) \
            or suffix_pattern().search(run) or suffix_pattern().match(s.text, end) \
            or s.text.startswith(_SITE_WORDS, end) or run.endswith(_PLACE_ENDS):
        return None  # 湘琼: places; 建好, 抓某某…: a verb; 深汕比亚迪: a place before a firm's name; 敦牡和…: two routes;
        # 准东3个煤制气: a place's count of projects; 马村港: a port; 和一社区: another kind's name; 白龙核电,
        # 黄桶至百色, 某某通道: a site before what is built there; 某毛湖: a lake, a mountain, a place
    return start, end
