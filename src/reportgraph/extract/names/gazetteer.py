"""Names the packaged and user gazetteers know, macro-regions by the shape of their names, and
bodies named by their kind (工商联, 省总工会, 人大)."""
from __future__ import annotations

import bisect
import re

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.suffixes import MEMBERS
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import VERB_TAGS, tag
from reportgraph.lexicon import GazetteerEntry
from reportgraph.opening import with_opening_lookahead
from reportgraph.text import BOOK_OPENERS, CLAUSE_BREAKS, clause_bounds, fold

#: The words for a body's members that jieba joins to the body's name (武警官兵, 人大代表): the body ends before them.
_MEMBER_WORDS = tuple(sorted({member for members in MEMBERS.values() for member in members}))
_FEATURE_HEADS = datafile("lexicon/feature_heads.txt")
_DIVISION_TYPE_HEADS = datafile("lexicon/division_type_heads.txt")
#: A division's full name this short (one character and its type word) is as easily another
#: phrase's characters (和县 in 创业和县乡) as a short form.
_BARE_NAME = 2
#: Business lines right after a known firm's name that name its affiliate (物流): taken into the name.
_FIRM_LINES = datafile("lexicon/firm_lines.txt")
_MACRO = datafile("lexicon/macro_regions.tsv").pairs
_MACRO_FOLLOWERS = tuple(_MACRO["followers"].split())
_LOCATIVE = _MACRO["locative"]
_LOCATIVE_OPENERS = frozenset(_MACRO["locative_openers"].split())
_REGION_WORD = _MACRO["region_word"]


def _macro_region_pattern() -> re.Pattern[str]:
    """陕北, 渝东北, 南疆, 关中: an abbreviation and a direction, a direction and a reversed
    abbreviation, or an established name, right after no abbreviation or direction."""
    abbreviations, reversed_ = _MACRO["abbreviations"], _MACRO["reversed"]
    directions = "|".join(sorted(_MACRO["directions"].split(), key=len, reverse=True))
    established = "|".join(_MACRO["established"].split())
    direction_chars = "".join(sorted(set(_MACRO["directions"].replace(" ", ""))))
    # it opens with a look-behind and alternatives of classes: without a look-ahead, tried at every character
    return with_opening_lookahead(regexcache.compile(
        f"(?<![{abbreviations}{reversed_}{direction_chars}])"
        f"(?:[{abbreviations}](?:{directions})|(?:{directions})[{reversed_}]|(?:{established}))"))


_MACRO_REGION = _macro_region_pattern()
_MASS = datafile("lexicon/mass_organisations.tsv").pairs
_ORGANISATION = regexcache.compile("|".join(sorted(_MASS["organisations"].split(), key=len, reverse=True)))
_LEVELS = tuple(sorted(_MASS["levels"].split(), key=len, reverse=True))
_ORGANISATION_FOLLOWERS = tuple(_MASS["followers"].split())
_FIELD_LIST = regexcache.compile(_MASS["field_list"])


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Gazetteer names; a packaged name must stand as whole words (重庆 is not in 隆重庆祝),
    a user's own name is trusted wherever it stands, and a division's short form only where it
    can mean that division (:func:`_short_form_misread`)."""
    hits = ctx.lexicon.index.find(s.text)
    named = {entry.name for _, _, entry in hits}
    # a name ending another, longer one is that one's end, not said (丰县 of 禾丰县, the report's own county)
    longest_from: dict[int, int] = {}  # where the longest name ending at each offset starts
    for a, b, _ in hits:
        longest_from[b] = min(a, longest_from.get(b, a))
    for region in map(fold, ctx.region):  # the report's own 禾丰县, which no gazetteer may hold
        for b in list(longest_from):
            if len(region) > b - longest_from[b] and s.text.endswith(region, 0, b):
                longest_from[b] = b - len(region)
    kept = [(a, _with_the_line(s, b, entry), entry) for a, b, entry in hits
            if entry.user or a in s.token_start and longest_from[b] == a
            and (b in s.token_end or entry.type == "GovernmentBody" and s.text.startswith(_MEMBER_WORDS, b))
            and not _short_form_misread(s, a, b, entry, named, ctx)]
    return [Candidate(a, end, entry.type, s.original(a, end), "gazetteer") for a, end, entry in kept] \
        + _macro_regions(s, ctx) + _organisations(s, ctx)


def _with_the_line(s: SentenceView, b: int, entry: GazetteerEntry) -> int:
    """Where a known firm's name ends once the business line right after it is taken in: 某东物流 is
    the affiliate that line names, not the parent (:data:`_FIRM_LINES`)."""
    if entry.type != "Company":
        return b
    k = bisect.bisect_left(s.token_starts, b)
    if k < len(s.tokens) and s.tokens[k][1] == b and s.tokens[k][0] in _FIRM_LINES.word_set:
        return s.tokens[k][2]
    return b


def _macro_regions(s: SentenceView, ctx: Context) -> list[Candidate]:
    """The macro-regions the sentence names (关中、陕北、陕南; 皖北地区), each as whole words, outside
    a book title and followed by nothing that makes it a direction or part of another name (东北部,
    东北虎); a form the gazetteers hold (湘西, 晋中) is theirs."""
    out = []
    text = s.text
    for m in _MACRO_REGION.finditer(text):
        a, b = m.span()
        whole = b in s.token_end or text.startswith(_REGION_WORD, b) and b + len(_REGION_WORD) in s.token_end
        title = s.in_quote(a)
        if a in s.token_start and whole and not text.startswith(_MACRO_FOLLOWERS, b) and not _locative(s, a, b) \
                and not (title and text[title[0]] in BOOK_OPENERS) and fold(m.group()) not in ctx.lexicon.names:
            out.append(Candidate(a, b, "Place", s.original(a, b), "gazetteer"))
    return out


def _locative(s: SentenceView, a: int, b: int) -> bool:
    """Is the direction of a macro-region's shape at ``a``–``b`` a word of its own, a locative closing a phrase a
    preposition opened, before a verb or a break (在富民兴陇中开创未来: 陇 and 中, "in"), not a direction of a region
    (推动皖中崛起, 陇中地区)?"""
    words = s.tokens_within(a, b)
    if len(words) < 2 or words[-1][0] != _LOCATIVE:
        return False
    after = s.tokens_from(b, b + 1)
    if after and after[0][1] == b and tag(after[0][0]) not in VERB_TAGS and after[0][0][0] not in CLAUSE_BREAKS:
        return False
    clause, _ = clause_bounds(s.text, a, b)
    return any(w in _LOCATIVE_OPENERS for w, _, _ in s.tokens_within(clause, a))


def report_province(ctx: Context) -> str:
    """The province the report's region chain lies in (广东省 for 深圳市/宝安区), or "" if unknown."""
    provinces = ctx.lexicon.province_of
    return next((provinces[fold(name)] for name in ctx.region if fold(name) in provinces), "")


def _short_form_misread(s: SentenceView, a: int, b: int, entry: GazetteerEntry, named: set[str],
                        ctx: Context) -> bool:
    """Is a county-level division's short form here part of another name, or a division elsewhere?

    Two characters such as 龙湾 or 塔河 name a division only where nothing says otherwise: right
    before 湾 or 湖 they open a bay's or a lake's name (崖州湾), and a place's short form right before
    道 or 路 a street's (赤峰道 in 天津); in a report about another province
    (the issuer's region chain says which) they are words of another name (雷龙湾储气库 in a
    province far from 龙湾区; so are full names of two characters, 和县), unless the sentence
    names the division's own province or city (广西（环江、都安）). Right before a division's type word
    (县, 区) they are another division's full name (平川县 is not 平川区), and so they are where the
    report's own region is that other division."""
    form = fold(s.text[a:b])
    divisions = ctx.lexicon.divisions_by_short_form.get(form, ())
    if entry.region and len(form) <= _BARE_NAME and form == fold(entry.name):
        divisions = (entry,)  # 和县, 忠县: a full name of two characters is as loose as a short form
    short = form != fold(entry.name)
    if (short and entry.type == "Place" or entry in divisions) and s.text[b:b + 1] in _FEATURE_HEADS.word_set:
        return True  # 崖州湾, 赤峰道: the place's short form opens another thing's name
    if entry not in divisions:
        return False  # a full name, or a form another gazetteer name owns
    if short and s.text[b:b + 1] in _DIVISION_TYPE_HEADS.word_set:
        return True
    if short and any(fold(r)[:-1] == form and fold(r)[-1:] in _DIVISION_TYPE_HEADS.word_set
                     and r != entry.name for r in ctx.region):
        return True  # in a report of 平川县, 平川 is that county, not the 平川区 of another province
    province = report_province(ctx)
    if not province:
        return False
    return not any(d.region[0] == province or named.intersection(d.region) for d in divisions)


def _organisations(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Bodies named by their kind (各民主党派、工商联; 接受人大监督), with the level and the place
    before it that are its name's (省总工会, 湖北省侨联); not where the kind opens another word
    (共青团员, 工会驿站) or a list of fields of work (工会、共青团、妇女儿童等事业)."""
    out = []
    text = s.text
    for m in _ORGANISATION.finditer(text):
        a, b = m.span()
        if b not in s.token_end or text.startswith(_ORGANISATION_FOLLOWERS, b) or _FIELD_LIST.match(text, b):
            continue
        level = next((w for w in _LEVELS if text.endswith(w, 0, a) and a - len(w) in s.token_start), "")
        start = a - len(level)
        if start not in s.token_start:
            continue  # the kind ends a longer word that opens with no level: another word's end
        k = bisect.bisect_left(s.token_starts, start) - 1  # the word right before the name
        if k >= 0 and s.tokens[k][2] == start and fold(s.tokens[k][0]) in ctx.lexicon.names:
            start = s.tokens[k][1]  # 湖北省 of 湖北省侨联
        out.append(Candidate(start, b, "GovernmentBody", s.original(start, b), "gazetteer"))
    return out
