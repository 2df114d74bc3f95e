"""Firms named without a type word, where a word before them says they are firms:
``民企赛力斯等为龙头``, ``龙头企业立讯精密``, ``商业航天“独角兽”星际荣耀成功落地``; or where they are the
partner a government signs with (``与某某能源签约``)."""
from __future__ import annotations

from reportgraph.datafiles import datafile
from reportgraph.extract.gate import holds_any
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.kinds import suffix_pattern
from reportgraph.extract.names.walk import BODY_ENDS, LEVEL_STARTS, named_core, words_at
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import VERB_TAGS, tag
from reportgraph.text import CLAUSE_BREAKS, LIST_SEPARATOR, NUMERAL_CHARS, QUOTE_CHARS

_OPENERS = datafile("extract/names/firm_openers.txt")
_ENDERS = datafile("extract/names/firm_enders.txt")
_PARTNERS = datafile("extract/names/firm_partners.tsv").pairs
_PARTNER_OPENERS = frozenset(_PARTNERS["openers"].split())
_SIGNING = tuple(_PARTNERS["verbs"].split())
#: A firm's name after such a word is this long.
_MIN_NAME, _MAX_NAME = 2, 8
#: An opener this long is a kind word (龙头企业), after which a firm's name runs to the verb.
_KIND_WORD = 4


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """The firms the sentence names after a word that says they are firms."""
    out = []
    text = s.text
    for a, b in words_at(s, _OPENERS.words):
        start = b
        while start < len(text) and text[start] in QUOTE_CHARS:
            start += 1
        end = _name_end(s, start, at_verb=b - a >= _KIND_WORD)
        name = text[start:end]
        if not _MIN_NAME <= len(name) <= _MAX_NAME or suffix_pattern().search(name):
            continue  # too short, too long, or a name of another kind (…产业园, …项目)
        if _firm_like(s, start, end, ctx.lexicon.names):
            out.append(Candidate(start, end, "Company", s.original(start, end), "subject"))
    return out + _partners(s, ctx)


def _partners(s: SentenceView, ctx: Context) -> list[Candidate]:
    """The firms the sentence names as the partner signed with: 与某某能源签约, 与某某科技签署…协议."""
    out: list[Candidate] = []
    text = s.text
    if not holds_any(text, _SIGNING):
        return out  # most sentences sign nothing
    # the signing verbs, and the opener a few characters before each, found in the text, not among the words:
    # jieba may glue the preposition to the name (与云/图科技)
    for verb in _SIGNING:
        end = text.find(verb)
        while end > 0:
            b = 1 + max(text.rfind(o, max(0, end - _MAX_NAME - 1), end) for o in _PARTNER_OPENERS)
            if b > 0 and _partner_named(s, b, end, ctx):
                out.append(Candidate(b, end, "Company", s.original(b, end), "subject"))
            end = text.find(verb, end + len(verb))
    return out


def _partner_named(s: SentenceView, b: int, end: int, ctx: Context) -> bool:
    """Is ``b..end``, between 与 and a signing verb, a firm's name?"""
    name = s.text[b:end]
    if not _MIN_NAME <= len(name) <= _MAX_NAME or _name_end(s, b, at_verb=False) < end \
            or suffix_pattern().search(name):
        return False  # too short or long, a break or a word that ends a name inside, or a name of another kind
    return _firm_like(s, b, end, ctx.lexicon.names)


def _firm_like(s: SentenceView, start: int, end: int, known: frozenset[str]) -> bool:
    """A firm's name: no number or verb in it, not a level's body (省农科院), and a proper noun, a known name or
    characters jieba knows no word for (赛力斯, 星际荣耀)."""
    words = [w for w, a, b in s.tokens_within(start, end)]
    if any(ch.isdigit() or ch in NUMERAL_CHARS for ch in s.text[start:start + 1]) \
            or s.text[start] in LEVEL_STARTS and s.text[end - 1] in BODY_ENDS:
        return False  # 与省农科院签订: a level's institute or bureau (but 与某某设计院签订: a firm)
    if any(len(w) >= 2 and tag(w) in VERB_TAGS for w in words) or all(tag(w)[:1] in "vad" for w in words):
        return False  # 做大做强, 合作走深走实, 敢闯: what firms do, not who they are
    return named_core(s, start, end, end, known) and not any(ch.isdigit() for ch in s.text[start:end])


def _name_end(s: SentenceView, start: int, at_verb: bool) -> int:
    """Where the name after the opener ends: at punctuation, a list mark, a word that ends it, or,
    with ``at_verb``, the clause's verb (龙头企业某某科技加快扩产; not after 央企, whose next words
    are as often what firms do: 与央企全方位合作)."""
    enders = _ENDERS.word_set
    for word, a, _ in s.tokens_from(start):
        if word in enders or any(ch in CLAUSE_BREAKS or ch == LIST_SEPARATOR for ch in word) \
                or at_verb and a > start and len(word) >= 2 and tag(word) in VERB_TAGS:
            return a
    return len(s.text)
