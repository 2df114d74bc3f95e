"""extract.names.storms: a storm named in quotes after the word for it, and floods named by a quote.

Sentences are invented in the genre's style (names and figures made up).
"""
from __future__ import annotations

from collections.abc import Callable

from reportgraph.extract.names import find_mentions, finders_named
from reportgraph.lexicon import Lexicon
from reportgraph.model import Report

LEXICON = Lexicon.load()


def _events(report: Report, finders: tuple[str, ...] | None = None) -> set[str]:
    found = find_mentions(report, LEXICON, finders_named(finders) if finders else finders_named(None))
    return {m.name.replace("“", "").replace("”", "") for m in found if m.type == "Event"}


def test_a_storm_named_in_quotes_after_its_word_is_an_event(work_report: Callable[..., Report]) -> None:
    report = work_report(summary=["有效应对超强台风“青禾”和台风“禾溪”，战胜“7·20”特大暴雨。"])
    assert {"超强台风青禾", "台风禾溪", "7·20特大暴雨"} <= _events(report)


def test_the_storm_finder_alone_finds_the_storms(work_report: Callable[..., Report]) -> None:
    report = work_report(summary=["有效应对台风“青禾”，开展“平安青禾”行动。"])
    assert _events(report, ("storms",)) == {"台风青禾"}


def test_a_quote_after_no_storm_word_is_no_storm(work_report: Callable[..., Report]) -> None:
    report = work_report(summary=["开展“青禾风暴”行动，打造“台风眼”品牌。"])
    assert _events(report, ("storms",)) == set()
