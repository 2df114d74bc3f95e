"""extract.names.places: kinds of places are no named places; a description before a name is
not part of it.

Sentences are invented in the genre's style.
"""
from __future__ import annotations

import pytest

from conftest import PROVINCE_OPENING, SegmentText
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()


def _places(segment_text: SegmentText, line: str, issuer: str = "某某省人民政府") -> set[str]:
    text = f"{issuer}2026年政府工作报告\n一、2025年工作回顾\n（一）经济发展。\n{line}\n"
    return {m.name for m in find_mentions(segment_text(text), LEXICON) if m.type == "Place"}


@pytest.mark.parametrize("line, kind", [
    ("新认定省级生态农业产业园12个。", "省级生态农业产业园"),
    ("推动县办公立妇幼医院提档升级。", "县办公立妇幼医院"),
    ("建好县域特色产业园。", "县域特色产业园"),
    ("支持创建国家公园，推进自然保护地整合。", "国家公园"),
    ("全面实现县县通高速。", "县县通高速"),
    ("打造一批生态旅游名县。", "生态旅游名县"),
    ("培育一批百亿级开发区。", "百亿级开发区"),
    ("“三甲”医院覆盖各地。", "三甲"),
    ("建好普惠性幼儿园。", "普惠性幼儿园"),
    ("推进乡村片区建设。", "乡村片区"),
    ("着力建强产业园。", "建强产业园"),
])
def test_a_kind_of_place_is_no_place(segment_text: SegmentText, line: str, kind: str) -> None:
    assert not any(kind in name for name in _places(segment_text, line))


def test_a_named_place_with_the_same_heads_stands(segment_text: SegmentText) -> None:
    places = _places(segment_text, "提升嵘岙生态农业产业园能级，支持博罗县发展。")
    assert "嵘岙生态农业产业园" in places
    assert "博罗县" in places


def test_a_description_before_a_name_is_left_out(segment_text: SegmentText) -> None:
    places = _places(segment_text, "全国最大内陆货运机场嵘岙国际机场航线加密。")
    assert "嵘岙国际机场" in places
    assert not any("最大" in name for name in places)


def test_a_verb_inside_the_words_before_the_type_word_is_left_out(segment_text: SegmentText) -> None:
    places = _places(segment_text, "全面更新改造嵘岙南路，嵘岙博物院位列国家一级博物馆。")
    assert "嵘岙南路" in places
    assert not any("改造" in name or "位列" in name for name in places)


def test_a_type_word_that_modifies_the_next_word_ends_no_name(segment_text: SegmentText) -> None:
    places = _places(segment_text, "大力发展嵘岙口岸经济，推动山区迈入高铁时代。")
    assert not any(name.endswith(("口岸", "高铁")) for name in places)


def test_a_slogan_on_a_place_names_a_designation_not_a_site(segment_text: SegmentText) -> None:
    text = "某某省人民政府2026年政府工作报告\n一、2025年工作回顾\n（一）生态环境。\n加快建设美丽浙江示范区。\n"
    mentions = find_mentions(segment_text(text), LEXICON)
    assert not any(m.type == "Place" and "示范区" in m.name for m in mentions)
    assert any(m.type != "Place" and m.name == "美丽浙江示范区" for m in mentions)


def test_a_known_place_ending_like_a_generic_word_opens_a_name(segment_text: SegmentText) -> None:
    assert "江门高新区" in _places(segment_text, "支持江门高新区争创一流园区。")


@pytest.mark.parametrize("line, kind", [
    ("已通电小区覆盖率达90%。", "通电小区"),
    ("创建达标平安文明小区。", "文明小区"),
    ("开启两地镇街结对共建。", "两地镇街"),
    ("嵘岙公园获2025年某某最美公园奖。", "2025年某某最美公园"),
    ("规上工业实现高速增长。", "高速"),
    ("推进老旧工业区块改造提升。", "工业区"),
])
def test_a_predicate_a_title_a_count_or_a_year_is_no_place(segment_text: SegmentText, line: str,
                                                            kind: str) -> None:
    assert not any(kind in name for name in _places(segment_text, line, issuer="某某市某某区和风街道办事处"))


def test_a_headquarters_zone_is_a_place(segment_text: SegmentText) -> None:
    assert "嵘岙国际总部区" in _places(segment_text, "加快嵘岙国际总部区招商。", issuer="某某市某某区和风街道办事处")


def test_a_towns_name_runs_back_to_the_county_named_before_it(segment_text: SegmentText) -> None:
    places = _places(segment_text, "博罗岙嵘峡镇遭受暴雨。", issuer="广东省人民政府")
    assert "岙嵘峡镇" in places
    assert "嵘峡镇" not in places


def test_a_built_place_under_preparatory_work_is_a_project(segment_text: SegmentText) -> None:
    text = "某某省人民政府2026年政府工作报告\n一、2025年工作回顾\n（一）基础设施。\n加快嵘岙高铁、九鹤机场等前期工作。\n"
    typed = {(m.type, m.name) for m in find_mentions(segment_text(text), LEXICON)}
    assert {("Project", "嵘岙高铁"), ("Project", "九鹤机场")} <= typed


def test_development_zones_and_bonded_zones_by_their_short_words_are_places(segment_text: SegmentText) -> None:
    report = segment_text(PROVINCE_OPENING + "青禾综保区进入全国A类综保区行列，禾川经开区跻身全国50强。\n")
    names = {(m.type, m.name) for m in find_mentions(report, LEXICON)}
    assert {("Place", "青禾综保区"), ("Place", "禾川经开区")} <= names
    assert not any(n.startswith("A类") for _, n in names)
