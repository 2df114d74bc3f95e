"""extract.sentence: a sentence's words and quoted spans, found by bisection."""
from __future__ import annotations

from reportgraph.extract.sentence import SentenceView
from reportgraph.model import Sentence


def _view(text: str) -> SentenceView:
    return SentenceView(Sentence(index=0, start=0, end=len(text), text=text, section_id="s"))


def test_quotes_from_gives_the_quotes_opening_in_a_range_by_start() -> None:
    s = _view("推进“甲乙”“丙丁《戊己》”和“庚辛”行动。")
    spans = s.quotes_from(0, len(s.text))
    assert [s.text[a:b] for a, b in spans] == ["“甲乙”", "“丙丁《戊己》”", "《戊己》", "“庚辛”"]
    assert [s.text[a:b] for a, b in s.quotes_from(spans[1][0] + 1, len(s.text))] == ["《戊己》", "“庚辛”"]
    assert s.quotes_from(spans[3][0] + 1, len(s.text)) == []
