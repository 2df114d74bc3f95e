"""extract.names.kinds: what kind of thing a name ending in a type word is.

Sentences are invented in the genre's style (names made up).
"""
from __future__ import annotations

from conftest import ProvinceReport
from reportgraph.extract.names import find_mentions
from reportgraph.extract.names.kinds import INITIATIVE, resolve_kind
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()


def test_a_work_carrying_water_or_power_between_places_is_a_project() -> None:
    for core in ("引青济禾", "青电入禾", "禾江水资源配置", "禾江生态航运", "青禾背靠背联网"):
        assert resolve_kind(INITIATIVE, core, "") == "Project", core
    for core in ("工业互联网创新发展", "经济强县", "文化惠民"):
        assert resolve_kind(INITIATIVE, core, "") == "Program", core


def test_a_work_on_a_road_or_a_water_supply_is_a_project() -> None:
    for core in ("G312国道改线", "S228省道改建", "禾江堤防加固", "城西水厂扩容", "青禾灌区供水"):
        assert resolve_kind(INITIATIVE, core, "") == "Project", core


def test_in_a_province_a_named_transfer_work_is_a_project_not_a_programme(province_report: ProvinceReport) -> None:
    line = "引青济禾工程实现全线通水，启动青电入禾过江工程，实施青禾文化惠民工程。"
    report = province_report(line)
    at = report.text.find(line)
    typed = {(m.type, m.name) for m in find_mentions(report, LEXICON) if m.start >= at}
    assert {("Project", "引青济禾工程"), ("Project", "青电入禾过江工程"),
            ("Program", "青禾文化惠民工程")} <= typed


def test_an_initiative_money_is_invested_in_is_a_project_but_a_park_counting_its_projects_money_stays_a_place() -> None:
    assert resolve_kind(INITIATIVE, "禾盛光伏组件生产", "引进禾盛光伏组件生产项目，总投资15亿元") == "Project"
    assert resolve_kind(INITIATIVE, "禾盛光伏组件生产", "引进禾盛光伏组件生产项目") == "Program"
    assert resolve_kind("Facility", "青禾产业园", "青禾产业园新签约项目12个、总投资102亿元") == "Place"
