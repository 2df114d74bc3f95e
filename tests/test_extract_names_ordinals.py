"""extract.names.ordinals: an edition number makes an event of what it counts.

Sentences are invented in the genre's style (names made up).
"""
from __future__ import annotations

from conftest import ProvinceReport
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()


def test_an_event_word_inside_a_longer_word_runs_to_its_end(province_report: ProvinceReport) -> None:
    line = "服务保障第十届青禾合作组织成员国农业部长会议等外事活动。"
    report = province_report(line)
    events = {m.name for m in find_mentions(report, LEXICON) if m.type == "Event"}
    assert "第十届青禾合作组织成员国农业部长会议" in events
    assert not any(n.endswith("部长会") for n in events)


def test_events_joined_by_ji_and_glued_verbs(province_report: ProvinceReport) -> None:
    line = "高水平办好第十四届全区运动会暨第六届民族传统体育运动会。"
    report = province_report(line)
    events = {m.name for m in find_mentions(report, LEXICON) if m.type == "Event"}
    assert {"第十四届全区运动会", "第六届民族传统体育运动会"} <= events
    assert not any(n.startswith(("高水平", "办好", "运动会暨")) for n in events)


def test_a_census_is_named_by_its_round(province_report: ProvinceReport) -> None:
    line = "做好第四次全国青禾普查和禾唐普查工作，开展农业普查。"
    events = {m.name for m in find_mentions(province_report(line), LEXICON) if m.type == "Event"}
    assert "第四次全国青禾普查" in events
    assert not any(n.endswith(("禾唐普查", "工作")) or n == "农业普查" for n in events)


def test_a_first_edition_is_an_edition_and_a_common_word_ends_no_event(province_report: ProvinceReport) -> None:
    line = "举办首届青禾产业发展大会，禾唐单位荣获首届“青禾节水奖”。"
    events = {m.name for m in find_mentions(province_report(line), LEXICON) if m.type == "Event"}
    assert "首届青禾产业发展大会" in events
    assert not any(n.endswith(("发展", "节")) for n in events)


def test_a_kind_of_games_is_an_event_by_its_short_name(province_report: ProvinceReport) -> None:
    line = "青禾健儿在亚冬会、全运会再创佳绩，禾唐承办第十五届全运会。"
    events = [m.name for m in find_mentions(province_report(line), LEXICON) if m.type == "Event"]
    assert {"亚冬会", "全运会", "第十五届全运会"} <= set(events)
    assert events.count("全运会") == 1  # the edition's longer name stands over its short name


def test_the_nation_before_an_edition_is_in_its_name(province_report: ProvinceReport) -> None:
    """全国第十五届运动会 and 省第十五届运动会 are two events: the scope stays on both."""
    line = "青禾代表团在全国第十五届运动会再创佳绩，成功举办省第十五届运动会。"
    events = {m.name for m in find_mentions(province_report(line), LEXICON) if m.type == "Event"}
    assert {"全国第十五届运动会", "省第十五届运动会"} <= events


def test_a_verb_right_before_the_edition_is_the_clauses(province_report: ProvinceReport) -> None:
    events = {m.name for m in find_mentions(province_report("成功申办第十六届青禾运动会。"), LEXICON)
              if m.type == "Event"}
    assert "第十六届青禾运动会" in events
    assert not any(n.startswith(("成功", "申办")) for n in events)
