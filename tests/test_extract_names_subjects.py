"""extract.names.subjects: the firms a clause opens with, before a verb only firms take.

Sentences are invented in the genre's style (names made up).
"""
from __future__ import annotations

from conftest import PROVINCE_OPENING, SegmentText
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()


def _companies(segment_text: SegmentText, line: str) -> set[str]:
    report = segment_text(PROVINCE_OPENING + line + "\n")
    at = report.text.find(line)
    return {m.name for m in find_mentions(report, LEXICON)
            if m.type == "Company" and at <= m.start and m.end <= at + len(line)}


def test_a_verb_before_the_firms_verb_is_not_part_of_the_firm(segment_text: SegmentText) -> None:
    assert _companies(segment_text, "青禾农商联合银行挂牌开业。") == {"青禾农商联合银行"}


def test_a_description_before_the_firms_verb_is_no_firm(segment_text: SegmentText) -> None:
    assert not _companies(segment_text, "首家市内免税店开业，世界最大单体免税店开业。")
    assert not _companies(segment_text, "更多外资银行开业。")


def test_a_clause_opening_with_verbs_names_no_firm(segment_text: SegmentText) -> None:
    assert not _companies(segment_text, "深入实施企业挂牌上市“青禾计划”。")


def test_the_words_closing_a_list_of_firms_are_no_part_of_the_last_firm(segment_text: SegmentText) -> None:
    """甲乙锂电、丙丁科技等企业入选…: the last firm is 丙丁科技, not 丙丁科技等企业."""
    line = "甲乙锂电、丙丁科技等企业入选国家级专精特新“小巨人”企业，戊己集团等3家企业获评国家级专精特新企业。"
    assert _companies(segment_text, line) == {"甲乙锂电", "丙丁科技", "戊己集团"}
