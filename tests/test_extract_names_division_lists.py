"""extract.names.division_lists: counties named by short forms that are words too, in a list of their province's
divisions beside one the gazetteer is sure of.

The province and its divisions are invented; the lexicon is built here.
"""
from __future__ import annotations

from conftest import SegmentText
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import GazetteerEntry, Lexicon

LEXICON = Lexicon(gazetteer=[
    GazetteerEntry(name="禾东省", type="Place", aliases=("禾东",)),
    GazetteerEntry(name="琼禾市", type="Place", aliases=("琼禾",), region=("禾东省",)),
    GazetteerEntry(name="青春市", type="Place", region=("禾东省",), withheld="青春"),
    GazetteerEntry(name="丰收县", type="Place", region=("禾东省", "琼禾市"), withheld="丰收"),
    GazetteerEntry(name="晨光县", type="Place", region=("禾西省",), withheld="晨光"),
])


def _places(segment_text: SegmentText, line: str) -> list[str]:
    report = segment_text("禾东省人民政府2026年政府工作报告\n一、2025年工作回顾\n（一）经济发展。\n" + line + "\n")
    assert report.region, "the report's province is known"
    return [m.name for m in find_mentions(report, LEXICON) if m.type == "Place"]


def test_withheld_short_forms_listed_beside_a_sure_division_of_the_province_are_places(
        segment_text: SegmentText) -> None:
    assert {"琼禾", "青春", "丰收"} <= set(_places(segment_text, "支持琼禾、青春、丰收打造重要节点城市。"))


def test_withheld_forms_alone_among_themselves_or_of_another_province_are_no_places(
        segment_text: SegmentText) -> None:
    places = _places(segment_text, "唱响青春、丰收之歌，推动琼禾、青春、晨光协同发展。")
    assert "丰收" not in places and "晨光" not in places
    assert places.count("青春") == 0
