"""link.link: mentions merged into entities, stable keys, relations, indicators tied to entities.

Reports are invented in the style of the genre; most tests write their lines into
the frame of a half-year subdistrict report (``work_report`` in conftest), extract
them and link the one extraction.
"""
from __future__ import annotations

import copy
import dataclasses

from collections.abc import Callable


import pytest

from conftest import SegmentText, WriteReport
from reportgraph.extract import extract
from reportgraph.lexicon import Lexicon
from reportgraph.link import link, norm
from reportgraph.model import Entity, Extraction, LinkedReport, Mention, Report
from reportgraph.vocab import ENTITY_TYPES

WorkReport = Callable[..., Report]
LEXICON = Lexicon.load()


def _linked(report: Report, lexicon: Lexicon = LEXICON) -> LinkedReport:
    [linked] = link([extract(report, lexicon)], lexicon)
    return linked


def _link_lines(work_report: WorkReport, *summary: str, plan: tuple[str, ...] = (),
                lexicon: Lexicon = LEXICON) -> LinkedReport:
    return _linked(work_report(summary=list(summary), plan=list(plan)), lexicon)


def _by_key(linked: LinkedReport) -> dict[str, Entity]:
    """The entities by type and name ("Community/青松社区"); their keys also say where the name is
    known ("Community/某某市某某区和风街道青松社区", see tests/test_link_scope.py)."""
    return {f"{e.type}/{e.name}": e for e in linked.entities}


def _names(linked: LinkedReport, keys: list[str]) -> list[str]:
    """Entity keys as type and name."""
    named = {e.key: f"{e.type}/{e.name}" for e in linked.entities}
    return [named[k] for k in keys]


def _entity(linked: LinkedReport, key: str) -> Entity:
    entities = _by_key(linked)
    assert key in entities, sorted(entities)
    return entities[key]


def _keys_named(linked: LinkedReport, fragment: str) -> list[str]:
    return [f"{e.type}/{e.name}" for e in linked.entities if fragment in e.name]


def _relations(linked: LinkedReport) -> set[tuple[str, str, str]]:
    """The relations, their ends as type and name."""
    named = {e.key: f"{e.type}/{e.name}" for e in linked.entities}
    return {(named[r.subject], r.predicate, named[r.object]) for r in linked.relations}


# --- merging ----------------------------------------------------------------------------


def test_mentions_of_the_same_thing_become_one_entity(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "青松社区新建口袋公园2个。", "青松社区改造老旧小区3个。")
    entity = _entity(linked, "Community/青松社区")
    assert len(entity.mentions) == 2
    assert _keys_named(linked, "青松") == ["Community/青松社区"]
    assert entity.section_ids == ["1s-1"]


def test_bare_community_from_a_list_merges_with_its_full_name(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "建成翠湖等3个社区公园。", "翠湖社区新增停车位200个。")
    entity = _entity(linked, "Community/翠湖社区")
    assert entity.name == "翠湖社区"
    assert entity.aliases == ["翠湖"]
    assert sorted(m.name for m in entity.mentions) == ["翠湖", "翠湖社区"]
    assert "Community/翠湖" not in _by_key(linked)


def test_bare_community_merges_with_its_village_form(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "完成蚝田、翠湖等3个村雨污分流改造。", "翠湖村新增停车位200个。")
    assert _entity(linked, "Community/翠湖村").aliases == ["翠湖"]
    assert "Community/翠湖" not in _by_key(linked)
    assert "Community/蚝田" in _by_key(linked)


def test_district_committee_merges_with_its_named_form(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "在松山区委的坚强领导下，各项任务圆满完成。",
                         "认真落实区委部署，各项工作有序推进。")
    entity = _entity(linked, "GovernmentBody/松山区委")
    assert "区委" in entity.aliases
    assert len(entity.mentions) == 2
    assert "GovernmentBody/区委" not in _by_key(linked)


def test_district_committee_is_not_merged_when_two_districts_are_named(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "在松山区委、柏林区委的坚强领导下，各项任务圆满完成。",
                         "认真落实区委部署，各项工作有序推进。")
    keys = _by_key(linked)
    # 区委 said in a report of 某某市某某区 is that district's committee, neither of the two named
    assert {"GovernmentBody/松山区委", "GovernmentBody/柏林区委", "GovernmentBody/某某区委"} <= set(keys)
    assert keys["GovernmentBody/某某区委"].aliases == ["区委"]


def test_district_government_merges_with_its_full_name(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "在松山区人民政府的领导下，区政府各部门协同推进。")
    entity = _entity(linked, "GovernmentBody/松山区人民政府")
    assert entity.aliases == ["区政府"]
    assert "GovernmentBody/区政府" not in _by_key(linked)


@pytest.mark.parametrize(("full", "short"), [
    ("松山区人力资源和社会保障局", "区人社局"),
    ("松山区市场监督管理局", "区市监局"),
    ("松山区卫生健康局", "区卫健局"),
])
def test_a_bodys_short_name_merges_into_its_full_name(work_report: WorkReport, full: str, short: str) -> None:
    linked = _link_lines(work_report, f"{full}牵头开展专项行动。", f"{short}完成年度任务。")
    [entity] = [e for e in linked.entities if e.name.endswith(full)]
    assert entity.aliases == [short]
    assert len(entity.mentions) == 2


def test_a_school_is_not_the_short_name_of_a_longer_school(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "松山大学、松山农林大学扩大招生。")
    assert {"GovernmentBody/松山大学", "GovernmentBody/松山农林大学"} <= set(_by_key(linked))


def test_firm_abbreviation_merges_into_its_registered_name(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "广东青松现代农业集团有限公司落户辖区。", "青松集团完成投资2亿元。")
    entity = _entity(linked, "Company/广东青松现代农业集团有限公司")
    assert entity.aliases == ["青松集团"]
    assert len(entity.mentions) == 2
    assert "Company/青松集团" not in _by_key(linked)


def test_unrelated_firm_is_not_merged(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "广东青松现代农业集团有限公司落户辖区。", "白鹭集团完成投资2亿元。")
    assert {"Company/广东青松现代农业集团有限公司", "Company/白鹭集团"} <= set(_by_key(linked))


def test_shorter_project_form_merges_into_the_longer(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "推进松林社区土地整备利益统筹项目。",
                         "松林社区利益统筹项目签约率达95%。")
    entity = _entity(linked, "Project/松林社区土地整备利益统筹项目")
    assert entity.aliases == ["松林社区利益统筹项目"]
    assert len(entity.mentions) == 2
    assert len([e for e in linked.entities if e.type == "Project"]) == 1


def test_project_named_as_a_project_merges_into_its_renewal_unit(work_report: WorkReport) -> None:
    """The same undertaking written with another generic tail (项目 / 单元) and a word left out."""
    linked = _link_lines(work_report, "青松大街片区重点城市更新单元完成权利人核实。",
                         "青松大街重点城市更新项目专项规划获批。")
    entity = _entity(linked, "Project/青松大街片区重点城市更新单元")
    assert entity.aliases == ["青松大街重点城市更新项目"]
    assert len([e for e in linked.entities if e.type == "Project"]) == 1


def test_list_item_project_merges_into_its_full_name(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "东湖旧村、西湖旧村2个项目实施主体确认。",
                         "东湖旧村城市更新项目完成拆除。")
    projects = {f"{e.type}/{e.name}": e for e in linked.entities if e.type == "Project"}
    assert set(projects) == {"Project/东湖旧村城市更新项目", "Project/西湖旧村"}
    assert projects["Project/东湖旧村城市更新项目"].aliases == ["东湖旧村"]


def test_gazetteer_alias_takes_the_canonical_name(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "组织企业赴深圳考察。", "在深圳市设立研发中心。")
    entity = _entity(linked, "Place/深圳市")
    assert entity.aliases == ["深圳"]
    assert len(entity.mentions) == 2


def test_user_lexicon_alias_takes_the_canonical_name(work_report: WorkReport, write_report: WriteReport) -> None:
    lexicon = Lexicon.load(write_report("蓝鲸科创\tCompany\t蓝鲸\n", "names.tsv"))
    linked = _link_lines(work_report, "蓝鲸新增研发人员50名。", lexicon=lexicon)
    entity = _entity(linked, "Company/蓝鲸科创")
    assert [m.name for m in entity.mentions] == ["蓝鲸"]
    assert "Company/蓝鲸" not in _by_key(linked)


def test_entities_and_mentions_are_consistent(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "推动青松社区创建儿童友好社区，荣获“全国示范单位”称号。",
                         "甲乙科技、丙丁通信获评国家级专精特新小巨人企业。",
                         "推进松林社区土地整备利益统筹项目，完成松园路等3条道路建设。")
    assert [e.key for e in linked.entities] == sorted(e.key for e in linked.entities)
    assert len({e.key for e in linked.entities}) == len(linked.entities)
    for e in linked.entities:
        assert e.type in ENTITY_TYPES
        assert e.key.split("/", 1)[0] == e.type
        assert e.mentions
        assert all(m.type == e.type for m in e.mentions)
        assert e.name not in e.aliases
        assert e.aliases == sorted(e.aliases)


# --- keys -------------------------------------------------------------------------------


REPORT_A = """\
深圳市松山区青松街道办事处2024年上半年工作报告和下半年工作计划
一、上半年工作总结
（一）城市建设提质增效。
青松社区新建口袋公园2个。推进松林社区土地整备利益统筹项目，完成签约率95%。
甲乙科技获评国家级专精特新小巨人企业。
二、下半年工作计划
（一）抓建设。
力争完成松园路等3条道路建设。
"""

REPORT_B = """\
深圳市松山区人民政府2024年工作报告
一、2024年工作回顾
（一）民生事业稳步发展。
松林社区土地整备利益统筹项目完成拆除，甲乙科技、丙丁通信获评国家级专精特新小巨人企业。
青松社区获评省级文明社区，松园路完成改造。
二、2025年工作安排
（一）抓民生。
推动青松社区新建长者食堂1个。
"""

SHARED = {
    "Community/松林社区", "Project/松林社区土地整备利益统筹项目", "Company/甲乙科技",
    "Honor/国家级专精特新小巨人企业", "Place/松园路",
}


def test_the_same_thing_gets_the_same_key_in_two_reports(segment_text: SegmentText) -> None:
    a = extract(segment_text(REPORT_A, path="a.txt"), LEXICON)
    b = extract(segment_text(REPORT_B, path="b.txt"), LEXICON)
    linked_a, linked_b = link([a, b], LEXICON)
    by_a, by_b = _by_key(linked_a), _by_key(linked_b)
    assert SHARED <= set(by_a), sorted(by_a)
    assert SHARED <= set(by_b), sorted(by_b)
    # one node each: the district report's 松林社区 is the one of its 青松街道
    assert {by_a[n].key for n in SHARED} == {by_b[n].key for n in SHARED}
    assert by_b["Community/松林社区"].key == "Community/深圳市松山区青松街道松林社区"
    assert linked_a.report.path == "a.txt" and linked_b.report.path == "b.txt"


def test_keys_do_not_depend_on_the_order_of_the_batch(segment_text: SegmentText) -> None:
    def keys(texts: list[str]) -> list[list[str]]:
        extractions = [extract(segment_text(t), LEXICON) for t in texts]
        return [[e.key for e in lr.entities] for lr in link(extractions, LEXICON)]

    together_a, together_b = keys([REPORT_A, REPORT_B])
    assert keys([REPORT_B, REPORT_A]) == [together_b, together_a]
    assert keys([REPORT_A]) == [together_a]  # nothing of A is joined into B's
    alone_b = keys([REPORT_B])[0]
    # built alone, the district report's community is known in the district only
    assert "Community/深圳市松山区松林社区" in alone_b and "Community/深圳市松山区松林社区" not in together_b
    assert keys([REPORT_B]) == [alone_b]  # and again: deterministic


def test_keys_are_type_scope_and_canonical_name(segment_text: SegmentText) -> None:
    linked = _linked(segment_text(REPORT_A))
    for e in linked.entities:
        assert e.key == f"{e.type}/{e.scope}{norm(e.name)}"
    assert {e.scope for e in linked.entities if e.type == "Community"} == {"深圳市松山区青松街道"}


def test_key_uses_one_width(work_report: WorkReport) -> None:
    # a full-width and a half-width writing of one name are one entity
    linked = _link_lines(work_report, "推进Ａ３地块城市更新项目。", "A3地块城市更新项目完成拆除。")
    projects = [e for e in linked.entities if e.type == "Project"]
    assert len(projects) == 1, [e.key for e in projects]
    assert projects[0].key == "Project/某某市A3地块城市更新项目"  # a project is known within its city


# --- relations --------------------------------------------------------------------------


def test_project_named_after_a_community_is_located_in_it(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "松林社区土地整备利益统筹项目完成签约。")
    assert ("Project/松林社区土地整备利益统筹项目", "locatedIn", "Community/松林社区") in _relations(linked)


def test_project_is_not_located_in_a_community_it_does_not_name(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "青松社区新建口袋公园2个，松林社区土地整备利益统筹项目完成签约。")
    rels = _relations(linked)
    assert ("Project/松林社区土地整备利益统筹项目", "locatedIn", "Community/青松社区") not in rels
    assert ("Project/松林社区土地整备利益统筹项目", "locatedIn", "Community/松林社区") in rels


def test_company_before_an_honor_in_the_same_clause_won_it(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "丙丁通信有限公司完成投资1亿元，白鹭科技获评国家级专精特新小巨人企业。")
    rels = _relations(linked)
    honor = "Honor/国家级专精特新小巨人企业"
    assert ("Company/白鹭科技", "wonHonor", honor) in rels
    # a firm of another clause did not win it
    assert ("Company/丙丁通信有限公司", "wonHonor", honor) not in rels
    relation = next(r for r in linked.relations if r.predicate == "wonHonor")
    assert "白鹭科技获评" in relation.sentence.text


def test_every_listed_firm_won_the_honor(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "甲乙科技、丙丁通信获评国家级专精特新小巨人企业。")
    rels = _relations(linked)
    for firm in ("Company/甲乙科技", "Company/丙丁通信"):
        assert (firm, "wonHonor", "Honor/国家级专精特新小巨人企业") in rels


def test_city_inside_a_firm_name_did_not_win_the_firm_honor(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "深圳市白鹭信息技术有限公司获评国家级专精特新小巨人企业。")
    rels = _relations(linked)
    honor = "Honor/国家级专精特新小巨人企业"
    assert ("Company/深圳市白鹭信息技术有限公司", "wonHonor", honor) in rels
    assert [r for r in rels if r[1] == "wonHonor"] == [("Company/深圳市白鹭信息技术有限公司", "wonHonor", honor)]


def test_community_wins_a_quoted_honor(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "和平社区荣获“全国示范单位”称号。")
    assert ("Community/和平社区", "wonHonor", "Honor/全国示范单位") in _relations(linked)


def test_relations_point_at_entities_of_the_report(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "甲乙科技、丙丁通信获评国家级专精特新小巨人企业。",
                         "推进松林社区土地整备利益统筹项目。")
    keys = {e.key for e in linked.entities}
    assert linked.relations
    for r in linked.relations:
        assert r.subject in keys and r.object in keys
    assert [(r.subject, r.predicate, r.object) for r in linked.relations] == \
        sorted((r.subject, r.predicate, r.object) for r in linked.relations)


# --- indicators -------------------------------------------------------------------------


def test_target_is_tied_to_the_road_its_clause_names(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, plan=("完成青松路等5条道路征收。",))
    [ind] = linked.indicators
    assert ind.kind == "target"
    assert _names(linked, ind.entity_keys) == ["Place/青松路"]


def test_indicator_is_tied_only_to_the_entities_of_its_clause(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "青松社区新增停车位200个，翠湖社区新增绿地1万平方米。")
    by_unit = {ind.unit: ind for ind in linked.indicators}
    assert _names(linked, by_unit["个"].entity_keys) == ["Community/青松社区"]
    assert _names(linked, by_unit["万平方米"].entity_keys) == ["Community/翠湖社区"]


def test_indicator_names_the_canonical_key_of_an_abbreviation(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "广东青松现代农业集团有限公司落户辖区。", "青松集团完成投资2亿元。")
    [ind] = [i for i in linked.indicators if i.unit == "亿元"]
    assert ind.entity_keys == ["Company/广东青松现代农业集团有限公司"]


def test_indicator_without_entities_has_no_keys(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "规上工业增加值增长8.5%。")
    [ind] = linked.indicators
    assert ind.entity_keys == []


# --- the issuer -------------------------------------------------------------------------


def test_issuer_from_the_title_is_a_government_body(segment_text: SegmentText) -> None:
    report = segment_text(REPORT_A)
    assert report.issuer == "深圳市松山区青松街道办事处"
    linked = _linked(report)
    entity = _entity(linked, "GovernmentBody/深圳市松山区青松街道办事处")
    [m] = entity.mentions
    assert m.sentence.index == 0
    assert report.text[m.start:m.end] == "深圳市松山区青松街道办事处"


def test_issuer_only_named_in_the_title_is_added(segment_text: SegmentText) -> None:
    text = REPORT_B.replace("深圳市松山区人民政府", "松山区青山镇人民政府")
    linked = _linked(segment_text(text))
    entity = _entity(linked, "GovernmentBody/松山区青山镇人民政府")
    assert entity.mentions[0].sentence.index == 0


def test_issuer_is_not_added_twice(segment_text: SegmentText) -> None:
    text = REPORT_A.replace("青松社区新建口袋公园2个。", "深圳市松山区青松街道办事处新建口袋公园2个。")
    linked = _linked(segment_text(text))
    entity = _entity(linked, "GovernmentBody/深圳市松山区青松街道办事处")
    assert len(entity.mentions) == 2
    assert len({(m.start, m.end) for m in entity.mentions}) == 2


def test_issuer_whose_name_starts_with_he_is_one_entity(segment_text: SegmentText) -> None:
    text = REPORT_A.replace("深圳市松山区青松街道办事处", "深圳市松山区和风街道办事处")
    linked = _linked(segment_text(text))
    bodies = [e.key for e in linked.entities if e.type == "GovernmentBody"]
    assert bodies == ["GovernmentBody/深圳市松山区和风街道办事处"]


def test_the_issuer_scoped_when_linked_alone_is_the_key_the_join_would_make(segment_text: SegmentText) -> None:
    """A report from the cache keeps its issuer's scoped key (made with it, so the join cuts no words): the series
    of reports that have it are those of reports that do not; a report whose issuer changes is a new extraction."""
    from reportgraph.link import LinkContext, join, link_report
    from reportgraph.link.series import issuer_key, scoped_issuer

    ctx = LinkContext.of(LEXICON)
    # an issuer no entity of the report is (a district and a street, the street's office added): the last resort
    report = dataclasses.replace(segment_text(REPORT_A), issuer="深圳市松山区青松街道")
    linked = link_report(Extraction(report=report, mentions=[], indicators=[]), ctx)
    assert linked.scoped_issuer == scoped_issuer(report, ctx.scope(report)) == "GovernmentBody/深圳市松山区青松街道办事处"
    lr = dataclasses.replace(linked, entities=[])  # no entity to match: the key is the scoped one
    unknown = dataclasses.replace(lr, scoped_issuer=None)

    def no_scope(_: Report) -> None:
        raise AssertionError("scoped again")

    assert issuer_key(lr, no_scope) == issuer_key(unknown, ctx.scope) == lr.scoped_issuer  # type: ignore[arg-type]
    assert [j.series for j in join([lr], ctx)] == [j.series for j in join([unknown], ctx)] == [lr.scoped_issuer]


# --- shape ------------------------------------------------------------------------------


def test_link_returns_one_linked_report_per_extraction(segment_text: SegmentText,
                                                        small_report_text: str,
                                                        other_report_text: str) -> None:
    extractions = [extract(segment_text(t), LEXICON) for t in (small_report_text, other_report_text)]
    before = copy.deepcopy([(x.mentions, x.indicators, x.problems) for x in extractions])
    linked = link(extractions, LEXICON)
    assert [lr.report for lr in linked] == [x.report for x in extractions]
    assert [[dataclasses.replace(i, entity_keys=[], measure="") for i in lr.indicators] for lr in linked] == \
        [x.indicators for x in extractions]
    assert [lr.problems for lr in linked] == [x.problems for x in extractions]
    # link returns new objects: what extract produced is as it was, so it can still be scored alone
    assert [(x.mentions, x.indicators, x.problems) for x in extractions] == before
    assert any(i.entity_keys for lr in linked for i in lr.indicators)


def test_link_of_an_empty_extraction(segment_text: SegmentText) -> None:
    report = segment_text("一、上半年工作总结\n各项工作有序推进。\n")
    assert report.issuer == ""
    [lr] = link([Extraction(report=report, mentions=[], indicators=[])], LEXICON)
    assert (lr.entities, lr.relations, lr.indicators) == ([], [], [])


def test_issuer_is_added_even_when_extraction_found_nothing(segment_text: SegmentText) -> None:
    report = segment_text("深圳市松山区青松街道办事处2024年上半年工作报告\n一、上半年工作总结\n各项工作有序推进。\n")
    [lr] = link([Extraction(report=report, mentions=[], indicators=[])], LEXICON)
    assert [e.key for e in lr.entities] == ["GovernmentBody/深圳市松山区青松街道办事处"]
    [m] = lr.entities[0].mentions
    assert (m.start, m.end) == (0, len("深圳市松山区青松街道办事处"))


def test_mention_types_are_settled_by_vote(segment_text: SegmentText, work_report: WorkReport) -> None:
    # one name read as two types in one report becomes one entity of the commoner type
    report = work_report(summary=["白鹭中学举办科技节活动。", "白鹭中学新增学位300个。", "开工建设白鹭中学。"])
    x = extract(report, LEXICON)
    types = [m.type for m in x.mentions if m.name == "白鹭中学"]
    assert sorted(types) == ["Place", "Place", "Project"]
    [lr] = link([x], LEXICON)
    entity = _entity(lr, "Place/白鹭中学")
    assert len(entity.mentions) == 3
    assert "Project/白鹭中学" not in _by_key(lr)


def test_mention_objects_are_the_extracted_ones(work_report: WorkReport) -> None:
    report = work_report(summary=["青松社区新建口袋公园2个。"])
    x = extract(report, LEXICON)
    [lr] = link([x], LEXICON)
    linked_mentions: list[Mention] = [m for e in lr.entities for m in e.mentions]
    for m in x.mentions:
        assert any(m is lm for lm in linked_mentions)


def test_a_place_spanning_two_communities_is_in_neither(work_report: WorkReport) -> None:
    """潭头-后亭片区 holds the bare name 后亭 but names a neighbourhood across two communities."""
    linked = _link_lines(work_report, "创建青松等3个垃圾分类达标社区。", "开展东湖-青松片区城市设计研究。")
    assert "Community/青松社区" in _by_key(linked) or "Community/青松" in _by_key(linked)
    assert not [r for r in _relations(linked) if r[1] == "locatedIn" and "青松" in r[2]]


def test_a_programme_named_inside_an_honor_runs_nowhere(work_report: WorkReport) -> None:
    linked = _link_lines(work_report, "青松社区荣获2024年全国“四季花开”示范展示点。")
    assert not [r for r in _relations(linked) if r[1] == "runIn"]
    assert ("Community/青松社区", "wonHonor") in {(r[0], r[1]) for r in _relations(linked)}


def test_a_short_form_two_provinces_divisions_share_is_the_reports_provinces_own(
        segment_text: SegmentText) -> None:
    line = "支持东兴建设边境贸易加工园。"

    def place(issuer: str) -> list[str]:
        text = f"{issuer}2026年政府工作报告\n一、2025年工作回顾\n（一）经济发展。\n{line}\n"
        return _keys_named(_linked(segment_text(text)), "东兴")

    assert place("广西壮族自治区人民政府") == ["Place/东兴市"]
    assert place("四川省人民政府") == ["Place/东兴区"]


def test_what_every_report_says_again_is_one_string_across_reports() -> None:
    # names, keys, name forms' reasons, metrics and units recur in report after report: a build holding
    # thousands of reports keeps one string of each, not one per mention, form or figure
    from reportgraph.pipeline import build_text

    texts = [f"某某市某某区青湾街道办事处{year}年工作总结\n一、工作回顾\n（一）经济。青湾街道新增企业{n}家，"
             f"地区生产总值增长{n}%。\n" for year, n in ((2023, 12), (2024, 15))]
    first, second = (build_text(text, path=f"r{i}.txt") for i, text in enumerate(texts))
    for a, b in zip(first.entities, second.entities):
        assert a.key == b.key and a.key is b.key
        assert a.mentions[0].name is b.mentions[0].name
        assert all(f.name is g.name and f.detail is g.detail for f, g in zip(a.forms, b.forms))
    assert first.entities and first.indicators and len(first.indicators) == len(second.indicators)
    for a, b in zip(first.indicators, second.indicators):
        assert a.unit == b.unit and a.unit is b.unit
        assert a.metric == b.metric and a.metric is b.metric
