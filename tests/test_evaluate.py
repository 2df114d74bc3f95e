"""The evaluator: the shared scorer's matching rules, one at a time on small hand-made graphs, and an F1 floor
per entity type and for indicators on invented annotated excerpts, so a rule change that breaks another
rule fails here."""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

import evaldata
from reportgraph import evaluate, vocab
from reportgraph.evaluate import GoldError, Score, SetScore, names_match, norm_name, norm_quantity, score_graph

RG = Namespace(vocab.RG_NS)
INST = Namespace(vocab.INST_NS)
#: A plain Namespace: pytest's collector warns when it probes rdflib's closed XSD namespace.
XSD = Namespace(vocab.XSD_NS)


# --------------------------------------------------------------------------- names and quantities


def test_names_are_compared_without_space_quotes_or_full_width_brackets() -> None:
    assert norm_name(" “青苗” 计划 ") == "青苗计划"
    assert norm_name("《某某（试行）》") == "某某(试行)"


@pytest.mark.parametrize(("predicted", "gold", "partial", "expected"), [
    ("青苗计划", ["青苗计划"], False, True),
    ("“青苗计划”", ["青苗计划"], False, True),
    ("柳岸", ["柳岸社区"], False, False),
    ("柳岸", ["柳岸社区"], True, True),  # half the gold name's length: accepted
    ("柳", ["柳岸社区"], True, False),  # a quarter: not
    ("柳岸社区城市更新项目", ["柳岸社区城市更新"], True, True),  # the gold name inside a longer prediction
    ("城市更新", ["柳岸社区城市更新项目"], True, False),  # inside, but under half the length
])
def test_partial_names(predicted: str, gold: list[str], partial: bool, expected: bool) -> None:
    assert names_match(predicted, gold, partial) is expected


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (5.12, "亿元", (5.12e8, "元")),
    (51200, "万元", (5.12e8, "元")),
    (4131, "余万元", (4.131e7, "元")),
    (3.2, "万亩", (3.2e4, "亩")),
    (7, "％", (7.0, "%")),
    (2, "个百分点", (2.0, "百分点")),
    (2, "百分点", (2.0, "百分点")),  # 百 of 百分点 is not a hundred
    (5, "千瓦", (5e3, "瓦")),
    (5, "万千瓦", (5e7, "瓦")),
    (12, "千瓦时", (1.2e4, "瓦时")),
    (30, "公里", (30.0, "公里")),
])
def test_quantities_are_compared_in_base_units(value: float, unit: str, expected: tuple[float, str]) -> None:
    q, u = norm_quantity(value, unit)
    assert u == expected[1]
    assert q == pytest.approx(expected[0])


# --------------------------------------------------------------------------- small graphs, one rule each


class ReportGraph:
    """A graph shaped as ``reportgraph build`` writes one, made by hand: entities, areas, indicators, problems."""

    def __init__(self) -> None:
        self.g = Graph()
        self._n = 0

    def entity(self, etype: str, name: str, *aliases: str) -> URIRef:
        node = INST[f"{etype.lower()}/{name}"]
        self.g.add((node, RDF.type, RG[etype]))
        self.g.add((node, RDFS.label, Literal(name, lang="zh")))
        for alias in aliases:
            self.g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
        return node

    def area(self, label: str, numbered: bool) -> URIRef:
        self._n += 1
        area, section = INST[f"report/r/area/{self._n}"], INST[f"report/r/section/{self._n}"]
        self.g.add((area, RDF.type, RG.WorkArea))
        self.g.add((area, RDFS.label, Literal(label, lang="zh")))
        self.g.add((section, RDF.type, RG.Section))
        self.g.add((section, RG.workArea, area))
        if numbered:
            self.g.add((section, RG.sectionNumber, Literal(self._n, datatype=XSD.integer)))
        return area

    def indicator(self, kind: str, metric: str, value: str, unit: str, area: URIRef) -> URIRef:
        self._n += 1
        node = INST[f"report/r/indicator/{self._n}"]
        self.g.add((node, RDF.type, RG[vocab.INDICATOR_CLASSES[kind]]))
        self.g.add((node, RG.metric, Literal(metric, lang="zh")))
        self.g.add((node, RG.value, Literal(value, datatype=XSD.decimal)))
        self.g.add((node, RG.unit, Literal(unit)))
        self.g.add((node, RG.workArea, area))
        return node

    def problem(self, label: str) -> None:
        self._n += 1
        node = INST[f"report/r/problem/{self._n}"]
        self.g.add((node, RDF.type, RG.Problem))
        self.g.add((node, RDFS.label, Literal(label, lang="zh")))


def gold(entities: Iterable[dict[str, Any]] = (), indicators: Iterable[dict[str, Any]] = (),
         **rest: Any) -> dict[str, Any]:
    return {"entities": list(entities), "indicators": list(indicators), **rest}


def test_an_exact_name_is_matched_before_a_partial_one() -> None:
    """柳岸 would match 柳岸社区 partially; the prediction that names it exactly takes it first."""
    rg = ReportGraph()
    rg.entity("Community", "柳岸")  # sorts first: tried first in each pass
    rg.entity("Community", "柳岸社区")
    score = score_graph(rg.g, gold([{"type": "Community", "names": ["柳岸社区"]}]))
    c = score.entities["Community"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)
    assert score.spurious_entities == ["Community:柳岸"]


def test_strict_counts_only_exact_names() -> None:
    rg = ReportGraph()
    rg.entity("Program", "青苗")
    score = score_graph(rg.g, gold([{"type": "Program", "names": ["青苗计划"]}]))
    assert score.entities["Program"].tp == 1
    strict = score.entities_strict["Program"]
    assert (strict.tp, strict.fp, strict.fn) == (0, 1, 1)


def test_an_alias_matches_and_the_type_must_agree() -> None:
    rg = ReportGraph()
    rg.entity("Company", "星河智能科技有限公司", "星河智能")
    rg.entity("Place", "星河智能")
    score = score_graph(rg.g, gold([{"type": "Company", "names": ["星河智能"]}]))
    assert score.entities["Company"].tp == 1
    assert score.entities["Place"].fp == 1  # the same name as another type is no match


def test_alt_types_count_for_the_gold_type() -> None:
    rg = ReportGraph()
    rg.entity("Place", "石门镇卫生院")
    score = score_graph(rg.g, gold([{"type": "GovernmentBody", "names": ["石门镇卫生院"], "alt_types": ["Place"]}]))
    assert score.entities["GovernmentBody"].tp == 1
    assert not score.entities["Place"].seen


def test_optional_items_are_neither_rewarded_nor_punished() -> None:
    rg = ReportGraph()
    rg.entity("Place", "翠湖公园")
    area = rg.area("经济发展", numbered=True)
    rg.indicator("achievement", "游客", "5.6", "万人次", area)
    score = score_graph(rg.g, gold(
        [{"type": "Place", "names": ["翠湖公园"], "optional": True},
         {"type": "Place", "names": ["滨河路"], "optional": True}],
        [{"kind": "achievement", "metric": "游客", "value": 5.6, "unit": "万人次", "area": "经济发展", "optional": True},
         {"kind": "target", "metric": "床位", "value": 200, "unit": "张", "optional": True}],
    ))
    place, ind = score.entities["Place"], score.indicators
    assert (place.tp, place.fp, place.fn) == (0, 0, 0)
    assert (ind.tp, ind.fp, ind.fn) == (0, 0, 0)
    assert not score.missed_entities and not score.missed_indicators


def test_an_entity_typed_with_a_subclass_counts_as_its_type() -> None:
    """The scorer follows rdfs:subClassOf, so a graph may type a road as a kind of place."""
    rg = ReportGraph()
    road = rg.entity("Place", "滨河路")
    rg.g.remove((road, RDF.type, RG.Place))
    rg.g.add((road, RDF.type, URIRef("https://example.org/Road")))
    rg.g.add((URIRef("https://example.org/Road"), RDFS.subClassOf, RG.Place))
    assert score_graph(rg.g, gold([{"type": "Place", "names": ["滨河路"]}])).entities["Place"].tp == 1


def test_indicators_match_on_kind_and_expanded_quantity() -> None:
    rg = ReportGraph()
    area = rg.area("经济发展", numbered=True)
    rg.indicator("achievement", "地区生产总值", "8650000000", "元", area)  # 86.5亿元 in other words
    rg.indicator("target", "固定资产投资", "8", "%", area)  # the gold says achievement
    score = score_graph(rg.g, gold(indicators=[
        {"kind": "achievement", "metric": "地区生产总值", "value": 86.5, "unit": "亿元", "area": "经济发展"},
        {"kind": "achievement", "metric": "固定资产投资", "value": 8, "unit": "%", "area": "经济发展"},
    ]))
    ind = score.indicators
    assert (ind.tp, ind.fp, ind.fn) == (1, 1, 1)
    assert (ind.area_ok, ind.metric_exact) == (1, 1)
    assert score.missed_indicators == ["achievement:固定资产投资=8%"]
    assert score.spurious_indicators == ["target:固定资产投资=8.0%"]


def test_an_indicator_needs_half_its_metric_and_takes_the_closest_gold() -> None:
    rg = ReportGraph()
    area = rg.area("民生保障", numbered=True)
    rg.indicator("achievement", "新增学位", "1800", "个", area)
    rg.indicator("achievement", "口袋公园", "3", "个", area)
    score = score_graph(rg.g, gold(indicators=[
        {"kind": "achievement", "metric": "新建停车位", "value": 3, "unit": "个", "area": "民生保障"},
        {"kind": "achievement", "metric": "学位", "value": 1800, "unit": "个", "area": "民生保障"},
        {"kind": "achievement", "metric": "新增学位数", "value": 1800, "unit": "个", "area": "民生保障"},
    ]))
    ind = score.indicators
    assert (ind.tp, ind.fp, ind.fn) == (1, 1, 2)  # 口袋公园 shares no character with 新建停车位
    assert ind.metric_exact == 0  # 新增学位 took 新增学位数 (both overlap fully; the last best wins)
    assert "achievement:学位=1800个" in score.missed_indicators


def test_the_overall_area_matches_a_parts_opening_only() -> None:
    rg = ReportGraph()
    opening = rg.area("上半年工作总结", numbered=False)
    numbered = rg.area("经济发展稳中向好", numbered=True)
    rg.indicator("achievement", "地区生产总值", "6.1", "%", opening)
    rg.indicator("achievement", "规上工业增加值", "7.2", "%", opening)
    rg.indicator("achievement", "新增企业", "385", "家", numbered)
    score = score_graph(rg.g, gold(indicators=[
        {"kind": "achievement", "metric": "地区生产总值", "value": 6.1, "unit": "%", "area": "总体"},
        {"kind": "achievement", "metric": "规上工业增加值", "value": 7.2, "unit": "%", "area": "经济发展"},
        {"kind": "achievement", "metric": "新增企业", "value": 385, "unit": "家", "area": "总体"},
    ], areas={"summary": ["经济发展", "总体", "城市建设"]}))
    assert score.indicators.tp == 3
    assert score.indicators.area_ok == 1  # only the opening's figure with gold 总体
    assert (score.areas_found, score.areas_wanted) == (2, 3)  # 经济发展 in a label, 总体 as an opening


def test_problems_are_found_by_their_heading_words() -> None:
    rg = ReportGraph()
    rg.problem("产业结构仍需优化，新兴产业规模偏小")
    score = score_graph(rg.g, gold(problems=["产业结构仍需优化", "公共服务供给不足"]))
    assert (score.problems_found, score.problems_wanted) == (1, 2)


def test_a_reports_macro_f1_averages_the_types_it_has_a_sets_all_four() -> None:
    rg = ReportGraph()
    rg.entity("Community", "柳岸社区")
    report = score_graph(rg.g, gold([{"type": "Community", "names": ["柳岸社区"]}]))
    assert report.macro_f1() == 1.0  # Company, Project, Program occur nowhere: left out
    total = Score(summed=True)
    total.add(report, "r")
    assert total.macro_f1() == 0.25


# --------------------------------------------------------------------------- gold files


@pytest.mark.parametrize(("content", "problem"), [
    ("{", "not valid JSON at line 1"),
    ("[]", "one JSON object"),
    ('{"entities": []}', "'indicators' must be a list"),
    ('{"entities": [{"type": "Firm", "names": ["x"]}], "indicators": []}', "entity 1: type must be one of"),
    ('{"entities": [{"type": "Company", "names": []}], "indicators": []}', "entity 1: 'names'"),
    ('{"entities": [], "indicators": [{"kind": "goal", "metric": "m", "value": 1, "unit": "%"}]}', "indicator 1: kind"),
    ('{"entities": [], "indicators": [{"kind": "target", "metric": "m", "value": "x", "unit": "%"}]}', "value must be a number"),
    ('{"entities": [], "indicators": [{"kind": "target", "metric": "m", "value": 1, "unit": "%"}]}', "'area' must be text"),
])
def test_a_broken_gold_file_is_one_clear_error(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError) as info:
        evaluate.load_gold(path)
    assert str(info.value).startswith(f"{path}: ") and problem in str(info.value)
    assert "\n" not in str(info.value)


def test_the_excerpts_gold_files_are_valid(tmp_path: Path) -> None:
    folder = evaldata.write_set(tmp_path)
    for _, path, text in evaluate.set_members(folder):
        evaluate.load_gold(path)
        assert text is not None and text.suffix == ".txt"


# --------------------------------------------------------------------------- the floor


#: F1 today's extraction must keep on the invented excerpts (a little below what it scores).
FLOORS: dict[str, float] = {
    "Community": 0.95, "Company": 0.9, "GovernmentBody": 0.95, "Project": 0.8, "Program": 0.95,
    "Place": 0.8, "Event": 0.45, "Honor": 0.95,
}
INDICATOR_FLOOR = 0.95
MACRO_FLOOR = 0.9


@pytest.fixture(scope="module")
def excerpts(tmp_path_factory: pytest.TempPathFactory) -> SetScore:
    return evaluate.score_set(evaldata.write_set(tmp_path_factory.mktemp("evalset")))


@pytest.mark.parametrize("etype", vocab.ENTITY_TYPES)
def test_entity_f1_floor(excerpts: SetScore, etype: str) -> None:
    counts = excerpts.total.entities[etype]
    assert counts.tp + counts.fn >= 3, f"the excerpts should annotate a few of each type, {etype} has {counts}"
    assert counts.prf()[2] >= FLOORS[etype], (etype, counts, excerpts.total.missed_entities, excerpts.total.spurious_entities)


def test_indicator_and_macro_floors(excerpts: SetScore) -> None:
    total = excerpts.total
    assert total.indicators.prf()[2] >= INDICATOR_FLOOR, (total.missed_indicators, total.spurious_indicators)
    assert total.indicators.area_accuracy >= 0.95
    assert total.macro_f1() >= MACRO_FLOOR
    assert (total.areas_found, total.problems_found) == (total.areas_wanted, total.problems_wanted)


def test_a_set_is_the_sum_of_its_reports(excerpts: SetScore) -> None:
    assert [name for name, _ in excerpts.reports] == sorted(evaldata.EXCERPTS)
    assert not excerpts.failed and not excerpts.skipped
    again = Score(summed=True)
    for name, score in excerpts.reports:
        again.add(score, name)
    assert json.dumps(again.as_dict(), sort_keys=True) == json.dumps(excerpts.total.as_dict(), sort_keys=True)
