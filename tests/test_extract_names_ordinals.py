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
