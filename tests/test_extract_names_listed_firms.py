"""extract.names.listed_firms: firms named at the head of the projects a report lists.

Sentences are invented in the genre's style (names made up).
"""
from __future__ import annotations

from conftest import ProvinceReport
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()


def _companies(province_report: ProvinceReport, line: str) -> set[str]:
    return {m.name for m in find_mentions(province_report(line), LEXICON) if m.type == "Company"}


def test_a_short_name_at_an_items_start_or_after_its_place_is_the_firm_that_builds_it(
        province_report: ProvinceReport) -> None:
    found = _companies(province_report, "推进禾能百万吨煤制芳烃、株洲禾车IGBT、禾斯伟二期、禾煤榆林化学二期等重大项目建设。")
    assert {"禾能", "禾车", "禾斯伟", "禾煤"} <= found


def test_sites_routes_places_joined_and_lists_of_fields_name_no_firm(province_report: ProvinceReport) -> None:
    found = _companies(province_report, "推进白禾核电一期、禾桶至百色铁路、川渝千亿立方米天然气基地、准禾3个煤制气等项目，"
                                        "聚焦人的全面发展等重点领域谋划实施项目。")
    assert not found


def test_each_list_of_a_clause_starts_after_the_one_before_and_a_verb_or_a_word_with_deng_is_not_its(
        province_report: ProvinceReport) -> None:
    assert {"禾能", "禾斯伟"} <= _companies(province_report, "推进禾能百万吨煤制芳烃等项目和禾斯伟二期等项目。")
    assert {"禾能", "禾斯伟"} <= _companies(province_report, "抓禾能年产10万吨煤制芳烃、禾斯伟二期等5个重大项目建设。")
    assert not _companies(province_report, "支持禾城、禾岚中等职业学校项目建设。")


def test_a_run_ending_in_a_lake_or_a_mountain_is_a_site_not_a_firm(province_report: ProvinceReport) -> None:
    report = province_report("禾石峡水利枢纽、淖禾湖750千伏输变电工程等53个重大项目建成投运。")
    assert not [m for m in find_mentions(report, Lexicon.load()) if m.type == "Company"]


def test_a_foreign_firm_named_after_its_country_heads_its_project(province_report: ProvinceReport) -> None:
    report = province_report("韩国禾星、美国莱卡、禾州古城墙等重点外资项目建成投运。")
    firms = {m.name for m in find_mentions(report, Lexicon.load()) if m.type == "Company"}
    assert {"禾星", "莱卡"} <= firms
    assert "古城墙" not in firms
