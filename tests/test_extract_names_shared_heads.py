"""extract.names.shared_heads: short names of routes listed before the one that carries the type word.

Sentences are invented in the genre's style (names made up).
"""
from __future__ import annotations

from conftest import ProvinceReport
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()


def _found(province_report: ProvinceReport, line: str) -> set[tuple[str, str]]:
    return {(m.type, m.name) for m in find_mentions(province_report(line), LEXICON)}


def test_each_short_name_before_the_last_takes_the_lists_type_word(province_report: ProvinceReport) -> None:
    found = _found(province_report, "加快禾榆、青渝高铁建设，今年建成禾商、禾滨、禾潍铁路。")
    assert {("Project", "禾榆高铁"), ("Project", "青渝高铁")} <= found
    assert {("Project", "禾商铁路"), ("Project", "禾滨铁路"), ("Project", "禾潍铁路")} <= found


def test_common_words_and_a_name_inside_a_longer_one_take_no_head(
        province_report: ProvinceReport) -> None:
    found = _found(province_report, "推进干线、支线机场建设，新禾港、禾兰机场二期投用。")
    names = {name for _, name in found}
    assert "干线机场" not in names
    assert not any(name.endswith("港机场") for name in names)


def test_water_works_may_be_named_by_three_characters_and_a_word_of_size_is_no_part_of_each_name(
        province_report: ProvinceReport) -> None:
    found = _found(province_report, "禾厚、阿禾、车马禾大型水库建成投用，建成柴石禾、麻栗禾大型灌区。")
    assert {("Project", "禾厚水库"), ("Project", "阿禾水库"), ("Project", "柴石禾灌区")} <= found


def test_a_head_closing_a_counted_list_a_word_before_the_list_and_a_routes_end_are_not_its(
        province_report: ProvinceReport) -> None:
    found = _found(province_report, "加快禾榆、青渝高速公路等项目建设，对禾厚、阿禾水库实施除险加固，推进西安至禾安、禾榆、青渝高铁建设。")
    names = {name for _, name in found}
    assert "禾榆高速" not in names
    assert {"禾厚水库", "阿禾水库"} <= names
    assert not {"对禾厚水库", "禾安高铁"} & names


def test_a_route_may_be_named_by_the_places_it_joins_but_not_by_common_words(province_report: ProvinceReport) -> None:
    found = _found(province_report, "北沿禾、通苏禾甬、盐泰锡禾宜高铁开工建设，推进重大交通、智慧高铁建设。")
    assert {("Project", "北沿禾高铁"), ("Project", "通苏禾甬高铁"), ("Project", "盐泰锡禾宜高铁")} <= found
    assert "重大交通高铁" not in {name for _, name in found}
