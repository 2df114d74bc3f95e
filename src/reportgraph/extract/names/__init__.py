"""Finding the names a report gives communities, companies, bodies, projects,
programmes, places, events and honors.

Each way of finding a name is its own module with its own data file, run
from :data:`FINDERS` in this order; their candidates are resolved by one
resolver (:mod:`.resolve`). A test or ``reportgraph evaluate`` can run any
subset of the finders, to see what each one adds.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from sys import intern

from reportgraph import regexcache
from reportgraph.datafiles import datafile

from reportgraph.extract.names import (
    division_lists, embedded, firm_context, firm_verbs, gazetteer, honors, issuer, listed_firms, lists, meetings, ordinals, phases,
    quotes, runs, shared_heads, storms, suffixes, titles, waters,
)
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.resolve import resolve
from reportgraph.extract.sentence import SentenceView
from reportgraph.lexicon import Lexicon
from reportgraph.model import Mention, Report

#: A footnote mark glued to a word (三资［22］监管平台): never part of a name.
_FOOTNOTE = regexcache.compile(datafile("extract/names/footnotes.tsv").pairs["mark"])


@dataclass(frozen=True)
class Finder:
    """One way of finding names: its name (for tests and evaluation) and its function."""

    name: str
    find: Callable[[SentenceView, Context], list[Candidate]]


#: Every finder, in the order their candidates are collected (ties between equally sure
#: candidates on one span go to the earlier finder).
FINDERS: tuple[Finder, ...] = (
    Finder("gazetteer", gazetteer.find),
    Finder("division_lists", division_lists.find),
    Finder("issuer", issuer.find),
    Finder("quotes", quotes.find),
    Finder("titles", titles.find),
    Finder("suffixes", suffixes.find),
    Finder("lists", lists.find),
    Finder("shared_heads", shared_heads.find),
    Finder("honors", honors.find),
    Finder("ordinals", ordinals.find),
    Finder("meetings", meetings.find),
    Finder("storms", storms.find),
    Finder("waters", waters.find),
    Finder("phases", phases.find),
    Finder("runs", runs.find),
    Finder("firm_verbs", firm_verbs.find),
    Finder("firm_context", firm_context.find),
    Finder("listed_firms", listed_firms.find),
)


def finders_named(names: Sequence[str] | None) -> tuple[Finder, ...]:
    """The finders called ``names``, in :data:`FINDERS` order (all of them for None)."""
    if names is None:
        return FINDERS
    unknown = sorted(set(names) - {f.name for f in FINDERS})
    if unknown:
        known = ", ".join(f.name for f in FINDERS)
        raise ValueError(f"unknown finder {', '.join(unknown)} (known: {known})")
    return tuple(f for f in FINDERS if f.name in names)


def find_mentions(report: Report, lexicon: Lexicon, finders: Sequence[Finder] = FINDERS) -> list[Mention]:
    """Every mention of an entity in the report, in text order."""
    ctx = Context(lexicon=lexicon, issuer=report.issuer, level=report.level, region=tuple(report.region))
    mentions: list[Mention] = []
    for sentence in report.sentences():
        s = SentenceView(sentence)
        candidates: list[Candidate] = []
        for finder in finders:
            candidates += finder.find(s, ctx)
        bodies = embedded.BodySpans(s, candidates)
        candidates = [c for c in candidates
                      if not (c.source == "gazetteer" and c.type == "Company"
                              and (embedded.inside_another_name(s, c) or bodies.contain(c)))]
        for c in map(_without_footnotes, resolve(candidates)):
            # a name is said again and again, in this report and the next: one string for all (link keeps it too)
            mentions.append(Mention(type=c.type, name=intern(c.name), start=sentence.start + c.start,
                                    end=sentence.start + c.end, sentence=sentence))
    return mentions


def _without_footnotes(c: Candidate) -> Candidate:
    """The candidate without the footnote marks the report glued into it: one that opens its span
    (an annex heading ［7］某某工程：) moves its start past it, one inside (三资［22］监管平台) leaves its name."""
    opening = _FOOTNOTE.match(c.name)
    start = c.start + opening.end() if opening else c.start
    name = _FOOTNOTE.sub("", c.name)
    return c if name == c.name else replace(c, start=start, name=name)
