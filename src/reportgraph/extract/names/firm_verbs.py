"""``招银金投、信银金投开业运营``, ``某某电子成功在北交所上市``: only firms open for business or list on a market."""
from __future__ import annotations

from dataclasses import replace
from functools import partial

from reportgraph.datafiles import datafile
from reportgraph.extract.gate import holds_any
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.subjects import subjects
from reportgraph.extract.names.walk import boundaries, named_core, words_at
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import VERB_TAGS, tag

_VERBS = datafile("extract/names/company_verbs.txt")
_LISTING = datafile("extract/names/listing_markets.tsv").pairs
_MARKETS = tuple(_LISTING["markets"].split())
_LEADS = tuple(sorted(_LISTING["leads"].split(), key=len, reverse=True))
#: Words for firms (企业, 公司): a subject ending in one is a kind of firm, or found by its type word elsewhere.
_FIRM_WORDS = tuple(word for word, _ in datafile("extract/names/company_heads.tsv").rows)


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """The subjects of a verb only firms take, as companies."""
    out = []
    for a, _b in words_at(s, _VERBS.words):
        out += subjects(s, a, "Company")
    if holds_any(s.text, _MARKETS):
        for market in _MARKETS:
            at = s.text.find(market)
            while at > 0:
                out += [c for c in map(partial(_after_lead_verbs, s), subjects(s, _before_leads(s.text, at), "Company"))
                        if _named_firm(s, c, ctx.lexicon.names)]
                at = s.text.find(market, at + len(market))
    return out


def _named_firm(s: SentenceView, c: Candidate, known: frozenset[str]) -> bool:
    """Does a listed subject name one firm: a proper name, no count (上市公司2家), no market (科创板、北交所上市公司)
    and no word for firms at its end (企业在新三板挂牌)?"""
    return not any(ch.isdigit() for ch in c.name) and not any(m in c.name for m in _MARKETS) \
        and not c.name.endswith(_FIRM_WORDS) and named_core(s, c.start, c.end, c.end, known)


def _after_lead_verbs(s: SentenceView, c: Candidate) -> Candidate:
    """The subject without the verbs that open its clause (推动某某新材在深交所上市: 某某新材)."""
    start = c.start
    for word, a, b in s.tokens_within(c.start, c.end):
        if a != start or b >= c.end or word not in boundaries() and tag(word) not in VERB_TAGS:
            break
        start = b
    return replace(c, start=start, name=s.original(start, c.end)) if start != c.start else c


def _before_leads(text: str, at: int) -> int:
    """Where the words between a firm and the market it lists on begin (某某电子|成功在|北交所)."""
    moved = True
    while moved:
        moved = False
        for lead in _LEADS:
            if text.endswith(lead, 0, at):
                at -= len(lead)
                moved = True
                break
    return at
