"""link.scope and link.regions: names that depend on where they are said, known within the speaker's region.

Reports are invented: two cities that both say 市政府, 区委 and 妇联; towns with a
村 of one name; a report with no region; national and unique names said in both.
"""
from __future__ import annotations

import pytest

from conftest import SegmentText
from reportgraph.extract import extract
from reportgraph.lexicon import Lexicon
from reportgraph.link import link
from reportgraph.link.regions import chain_of, qualified, region_of
from reportgraph.link.scope import GazetteerForms, Scope
from reportgraph.model import Entity, LinkedReport, Report

LEXICON = Lexicon.load()

CITY_A = """\
甲州市乙山区人民政府2024年工作报告
一、2024年工作回顾
（一）经济发展稳中有进。
在市委、市政府和区委的坚强领导下，全区各项工作有序推进。
区妇联、团委联合开展关爱行动，妇联新建妇女之家5个。
国家发展改革委批复同意，比亚迪新增投资10亿元。
二、2025年工作安排
（一）抓发展。
认真落实市政府部署，力争地区生产总值增长5%。
"""

CITY_B = CITY_A.replace("甲州市乙山区", "丙川市丁水区")


def _linked(segment_text: SegmentText, *texts: str) -> list[LinkedReport]:
    extractions = [extract(segment_text(t, path=f"r{n}.txt"), LEXICON) for n, t in enumerate(texts)]
    return link(extractions, LEXICON)


def _named(lr: LinkedReport, etype: str, name: str) -> Entity:
    found = [e for e in lr.entities if e.type == etype and (e.name == name or name in e.aliases)]
    assert len(found) == 1, (name, [(e.key, e.aliases) for e in lr.entities if e.type == etype])
    return found[0]


# --- two cities ---------------------------------------------------------------------------


def test_two_cities_bodies_are_their_own(segment_text: SegmentText) -> None:
    a, b = _linked(segment_text, CITY_A, CITY_B)
    for lr, city, district in ((a, "甲州市", "乙山区"), (b, "丙川市", "丁水区")):
        government = _named(lr, "GovernmentBody", "市政府")
        assert government.name == f"{city}人民政府"
        assert government.key == f"GovernmentBody/{city}人民政府"
        assert "市政府" in government.aliases
        committee = _named(lr, "GovernmentBody", "区委")
        assert committee.name == f"{district}委" and committee.scope == city
        women = _named(lr, "GovernmentBody", "妇联")
        assert women.name == f"{district}妇联" and women.scope == city
    bodies_a = {e.key for e in a.entities if e.type == "GovernmentBody"}
    bodies_b = {e.key for e in b.entities if e.type == "GovernmentBody"}
    shared = bodies_a & bodies_b
    # what both cities say of themselves is four bodies of each (市政府, 市委, 区委, 妇联), none shared;
    # only the national body is one node
    assert shared == {"GovernmentBody/国家发展和改革委员会"}
    for lr in (a, b):
        scoped = [e for e in lr.entities if e.type == "GovernmentBody" and e.key not in shared
                  and {"市政府", "市委", "区委", "妇联"} & {*e.aliases, e.name}]
        assert len(scoped) == 4


def test_national_and_unique_names_are_one_node_in_two_cities(segment_text: SegmentText) -> None:
    a, b = _linked(segment_text, CITY_A, CITY_B)
    for etype, name, key in (("GovernmentBody", "国家发展改革委", "国家发展和改革委员会"), ("Company", "比亚迪", "比亚迪")):
        assert _named(a, etype, name).key == _named(b, etype, name).key == f"{etype}/{key}"
        assert _named(a, etype, name).scope == ""


def test_the_two_cities_graph_has_no_shared_local_body(segment_text: SegmentText) -> None:
    from reportgraph.rdf import RG, to_graph

    g = to_graph(_linked(segment_text, CITY_A, CITY_B))
    two_reports = [e for e in set(g.subjects(RG.mentionedIn, None)) if len(set(g.objects(e, RG.mentionedIn))) > 1]
    labels = sorted(str(g.value(e, __import__("rdflib").RDFS.label)) for e in two_reports)
    assert labels == ["国家发展和改革委员会", "比亚迪"]


# --- communities, villages, towns -----------------------------------------------------------

TOWN = """\
某某县{town}人民政府2024年工作总结
一、2024年工作总结
（一）乡村振兴。
东岭村新建文化广场1个，东岭村完成道路硬化3公里。
"""


def test_a_village_name_of_two_towns_is_two_villages(segment_text: SegmentText) -> None:
    a, b = _linked(segment_text, TOWN.format(town="青山镇"), TOWN.format(town="白水镇"))
    village_a, village_b = _named(a, "Community", "东岭村"), _named(b, "Community", "东岭村")
    assert village_a.key != village_b.key
    assert (village_a.scope, village_b.scope) == ("某某县青山镇", "某某县白水镇")


def test_the_same_community_in_two_reports_of_one_subdistrict_is_one_node(segment_text: SegmentText) -> None:
    first = TOWN.format(town="青山镇")
    second = first.replace("2024年", "2025年").replace("完成道路硬化3公里", "新增停车位50个")
    a, b = _linked(segment_text, first, second)
    assert _named(a, "Community", "东岭村").key == _named(b, "Community", "东岭村").key == "Community/某某县青山镇东岭村"


def test_a_town_is_known_within_its_county(segment_text: SegmentText) -> None:
    text = TOWN.format(town="青山镇").replace("东岭村新建", "青山镇东岭村新建")
    [lr] = _linked(segment_text, text)
    assert _named(lr, "Community", "东岭村").key == "Community/某某县青山镇东岭村"


def test_a_report_without_a_region_keeps_its_local_names_to_itself(segment_text: SegmentText) -> None:
    text = "一、2024年工作总结\n在区委的坚强领导下，东岭村新建文化广场1个。\n"
    a, b = _linked(segment_text, text, text.replace("1个", "2个"))
    for etype, name in (("GovernmentBody", "区委"), ("Community", "东岭村")):
        ea, eb = _named(a, etype, name), _named(b, etype, name)
        assert ea.key != eb.key
        assert ea.scope == f"{a.report.digest}:"
        assert ea.forms[0].rule == "reportScope"


# --- the rules, one by one ------------------------------------------------------------------


def _scope(segment_text: SegmentText, title: str) -> Scope:
    report = segment_text(f"{title}\n一、2024年工作总结\n各项工作有序推进。\n")
    places = [f for e in LEXICON.gazetteer if e.type == "Place" for f in (e.name, *e.aliases)]
    known = [f for e in LEXICON.gazetteer for f in (e.name, *e.aliases)]
    return Scope(report, GazetteerForms.of(places, known))


def test_a_region_inside_a_word_of_the_name_opens_no_region(segment_text: SegmentText) -> None:
    """贺兰山 is one word: the 山东 that two of its characters and the next one spell is no region."""
    scope = _scope(segment_text, "深圳市青松区和风街道办事处2024年工作总结")
    assert scope("Project", "贺兰山东麓生态修复项目").name == "贺兰山东麓生态修复项目"
    assert scope("Place", "广州南沙新区").name == "广州南沙新区"


@pytest.mark.parametrize("etype, name, key, rule", [
    ("GovernmentBody", "市政府", "深圳市人民政府", "regionScope"),
    ("GovernmentBody", "区政府", "深圳市青松区人民政府", "regionScope"),
    ("GovernmentBody", "省委", "广东省委", "regionScope"),  # the province of a known city
    ("GovernmentBody", "党工委", "深圳市青松区和风街道党工委", "regionScope"),
    ("GovernmentBody", "街道办事处", "深圳市青松区和风街道办事处", "regionScope"),
    ("GovernmentBody", "青松区委", "深圳市青松区委", "localScope"),
    ("GovernmentBody", "深圳市青松区和风街道办事处", "深圳市青松区和风街道办事处", "uniqueName"),
    ("GovernmentBody", "广东省深圳市人民政府", "深圳市人民政府", "uniqueName"),
    ("GovernmentBody", "海洋开发部", "海洋开发部", "national"),  # a ministry of the state
    ("GovernmentBody", "组织部", "深圳市青松区和风街道组织部", "regionScope"),
    ("GovernmentBody", "市场监管局", "深圳市青松区和风街道市场监管局", "localScope"),
    ("GovernmentBody", "国务院", "国务院", "gazetteer"),
    ("Community", "上星社区", "深圳市青松区和风街道上星社区", "localScope"),
    ("Place", "青松区", "深圳市青松区", "localScope"),
    ("Place", "和风街道", "深圳市青松区和风街道", "localScope"),
    ("Place", "深圳市", "深圳市", "gazetteer"),
    ("Place", "本街道", "深圳市青松区和风街道", "regionScope"),
    ("Place", "青松路", "深圳市青松路", "localScope"),
    ("Place", "深圳湾公园", "深圳湾公园", "uniqueName"),
    ("Place", "经济强县", "深圳市经济强县", "localScope"),  # a designation is no county of the gazetteer
    ("Project", "深中通道", "深中通道", "uniqueName"),
    ("Project", "二期工程", "深圳市二期工程", "localScope"),
    ("Company", "白鹭科技", "白鹭科技", "uniqueName"),
    ("Honor", "市级文明单位", "深圳市市级文明单位", "regionScope"),
    ("Honor", "国家级专精特新小巨人企业", "国家级专精特新小巨人企业", "national"),
    ("Event", "第五届区运会", "深圳市青松区第五届区运会", "regionScope"),
    ("Event", "八次全会", "深圳市青松区和风街道八次全会", "localScope"),
    ("Event", "二十届四中全会", "二十届四中全会", "uniqueName"),
    ("Program", "民生微实事", "民生微实事", "uniqueName"),
])
def test_where_a_name_is_known(segment_text: SegmentText, etype: str, name: str, key: str, rule: str) -> None:
    scope = _scope(segment_text, "深圳市青松区和风街道办事处2024年工作总结")
    got = scope(etype, name)
    assert (got.key_name, got.rule) == (key, rule), got
    assert got.detail


def test_a_level_word_the_chain_lacks_stays_within_the_report_region(segment_text: SegmentText) -> None:
    scope = _scope(segment_text, "某某县青山镇人民政府2024年工作总结")
    got = scope("GovernmentBody", "区委")  # no 区 above a 镇 of a 县
    assert (got.name, got.scope) == ("区委", "某某县青山镇")


def test_regions_and_their_qualified_names(segment_text: SegmentText) -> None:
    assert region_of("宝安区") is not None and region_of("宝安区").level == "district"
    assert region_of("市区") is None and region_of("城市") is None
    assert region_of("广东省").unique and not region_of("城关镇").unique
    report = Report(path="x", text="x", region=["深圳市", "宝安区", "新桥街道"])
    chain = chain_of(report)
    assert [r.name for r in chain] == ["广东省", "深圳市", "宝安区", "新桥街道"]
    assert qualified(chain, 3) == "深圳市宝安区新桥街道"  # from the nearest region of a unique level
    assert qualified(chain, 0) == "广东省"
