"""extract.names.waters: rivers and lakes jieba's dictionary knows as places, named with no type word after them.

The sentences are invented; the rivers and lakes are ones jieba knows, as the rule reads its tags.
"""
from __future__ import annotations

from conftest import SegmentText
from reportgraph.extract.names import find_mentions, finders_named
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()
PROVINCE = "某某省人民政府2026年政府工作报告\n一、2025年工作回顾\n（一）生态环境。\n"


def _waters(segment_text: SegmentText, line: str) -> set[str]:
    report = segment_text(PROVINCE + line + "\n")
    return {m.name for m in find_mentions(report, LEXICON, finders_named(("waters",))) if m.type == "Place"}


def test_a_river_or_lake_measured_or_protected_is_a_place(segment_text: SegmentText) -> None:
    names = _waters(segment_text, "长江干流断面水质保持Ⅱ类，太湖总磷浓度下降，推进黄河、淮河保护治理。")
    assert {"长江", "太湖", "黄河", "淮河"} <= names


def test_common_words_and_parts_of_longer_names_are_no_rivers(segment_text: SegmentText) -> None:
    names = _waters(segment_text, "全面推行河湖长制，发展内河航运，建成太湖机场，守护江河安澜。")
    assert not names


def test_a_river_before_its_basin_is_a_place_whatever_jieba_tags_it(segment_text: SegmentText) -> None:
    # 饮马河 is a noun to jieba, 辽河流域 one word: the basin after the name says it is a river
    names = _waters(segment_text, "治理饮马河流域，巩固辽河流域治理成效。")
    assert {"饮马河", "辽河"} <= names


def test_a_basin_makes_no_river_of_a_common_word_or_of_two_characters(segment_text: SegmentText) -> None:
    names = _waters(segment_text, "加强内河流域管理，做好江河流域防汛。")
    assert not names


def test_a_river_jieba_knows_as_another_proper_noun_is_a_place(segment_text: SegmentText) -> None:
    """京杭运河, 大运河: canals jieba tags as proper nouns (nz), not as places; three characters at least."""
    names = _waters(segment_text, "京杭运河主航道基本达到二级航道标准，大运河沿线区域生态有效改善。")
    assert {"京杭运河", "大运河"} <= names
