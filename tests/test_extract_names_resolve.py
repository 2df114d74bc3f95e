"""extract.names.resolve: which candidates stand; a set of meetings is no event.

Sentences are invented in the genre's style.
"""
from __future__ import annotations

from conftest import PROVINCE_OPENING, SegmentText
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()


def test_all_the_plenums_of_a_term_are_no_event(segment_text: SegmentText) -> None:
    line = "深入贯彻党的二十大和二十届历次全会精神，按照省委九届历次全会和省委九届八次全会部署。"
    report = segment_text(PROVINCE_OPENING + line + "\n")
    events = {m.name for m in find_mentions(report, LEXICON) if m.type == "Event"}
    assert not any("历次" in n for n in events)
    assert "党的二十大" in events


def test_a_place_found_only_inside_a_projects_name_is_the_projects(segment_text: SegmentText) -> None:
    report = segment_text("某某市某某区和风街道办事处2024年上半年工作报告\n一、上半年工作总结\n（一）城市建设。\n"
                          "启动九鹤旧村片区城市更新项目，完成兴业路改造。\n")
    mentions = find_mentions(report, LEXICON)
    assert ("Project", "九鹤旧村片区城市更新项目") in {(m.type, m.name) for m in mentions}
    assert not any(m.type == "Place" and m.name == "九鹤旧村片区" for m in mentions)


def test_an_honor_phrase_cut_short_at_a_stop_gives_way_to_the_longer_name_it_opens(segment_text: SegmentText) -> None:
    line = "青禾州、禾溪市入选国家碳达峰试点。"
    report = segment_text(PROVINCE_OPENING + line + "\n")
    names = {m.name for m in find_mentions(report, LEXICON)}
    assert "国家碳达峰试点" in names
    assert "国家碳" not in names


def test_the_tail_of_a_longer_undertakings_name_is_no_undertaking_of_its_own(segment_text: SegmentText) -> None:
    line = "实施文明创建提质扩面工程、“禾溪好风尚”城市文明建设促进行动，推进禾溪产业园“工业上楼”项目。"
    report = segment_text(PROVINCE_OPENING + line + "\n")
    names = {(m.type, m.name) for m in find_mentions(report, LEXICON)}
    assert ("Program", "文明创建提质扩面工程") in names
    assert not any(name == "扩面工程" for _, name in names)
    assert any(name.startswith("工业上楼") for _, name in names)  # a quoted programme inside a project stands


def test_an_undertaking_opening_a_longer_one_of_the_other_kind_gives_way(segment_text: SegmentText) -> None:
    report = segment_text(PROVINCE_OPENING + "推进青禾铁路（禾溪段）开行动车改造工程前期工作。\n")
    names = {(m.type, m.name) for m in find_mentions(report, LEXICON)}
    assert ("Project", "青禾铁路（禾溪段）开行动车改造工程") in names
    assert not any(n.endswith("开行动") for _, n in names)
