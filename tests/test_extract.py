"""extract.extract: one segmented report in, its mentions and indicators out."""
from __future__ import annotations

from decimal import Decimal

from conftest import SegmentText, WriteReport
from reportgraph.extract.names import find_mentions
from reportgraph.extract import extract
from reportgraph.extract.indicators import find_indicators
from reportgraph.lexicon import Lexicon
from reportgraph.model import Extraction
from reportgraph.vocab import ENTITY_TYPES

LEXICON = Lexicon.load()

REPORT = """\
深圳市松山区青松街道办事处2024年上半年工作报告和下半年工作计划
一、上半年工作总结
（一）城市建设提质增效。
松林社区土地整备利益统筹项目完成签约，签约率98%。开工建设白鹭中学。
甲乙科技、丙丁通信获评国家级专精特新小巨人企业。深入实施“红枫计划”，惠及居民3000人。
二、存在的主要问题
一是产业结构单一。二是公共服务供给不足。
三、下半年工作计划
（一）抓建设。
力争完成松园路等3条道路建设，推进松林社区土地整备利益统筹项目拆除清表，年内完成拆除率90%。
"""


def test_extract_returns_the_report_its_mentions_and_indicators(segment_text: SegmentText) -> None:
    report = segment_text(REPORT)
    x = extract(report, LEXICON)
    assert isinstance(x, Extraction)
    assert x.report is report
    pairs = {(m.type, m.name) for m in x.mentions}
    assert {
        ("Project", "松林社区土地整备利益统筹项目"), ("Community", "松林社区"), ("Project", "白鹭中学"),
        ("Company", "甲乙科技"), ("Company", "丙丁通信"), ("Honor", "国家级专精特新小巨人企业"),
        ("Program", "红枫计划"), ("Place", "松园路"), ("GovernmentBody", "深圳市松山区青松街道办事处"),
    } <= pairs
    # the project is named twice, once in each part
    project = [m for m in x.mentions if m.name == "松林社区土地整备利益统筹项目"]
    assert [m.sentence.section_id[1] for m in project] == ["s", "p"]


def test_extract_indicators_are_achievements_and_targets(segment_text: SegmentText) -> None:
    x = extract(segment_text(REPORT), LEXICON)
    found = {(i.kind, i.value, i.unit) for i in x.indicators}
    assert {
        ("achievement", Decimal("98"), "%"), ("achievement", Decimal("3000"), "人"),
        ("target", Decimal("3"), "条"), ("target", Decimal("90"), "%"),
    } <= found
    # extract leaves tying indicators to entities to link
    assert all(i.entity_keys == [] for i in x.indicators)


def test_extract_agrees_with_its_two_finders(segment_text: SegmentText) -> None:
    report = segment_text(REPORT)
    x = extract(report, LEXICON)
    by_finder = find_mentions(report, LEXICON)
    assert [(m.type, m.name, m.start, m.end) for m in x.mentions] == \
        [(m.type, m.name, m.start, m.end) for m in by_finder]
    assert [(i.kind, i.metric, i.value, i.start) for i in x.indicators] == \
        [(i.kind, i.metric, i.value, i.start) for i in find_indicators(report)]


def test_extract_mentions_are_well_formed(segment_text: SegmentText) -> None:
    report = segment_text(REPORT)
    x = extract(report, LEXICON)
    sentences = {s.index: s for s in report.sentences()}
    assert x.mentions
    for m in x.mentions:
        assert m.type in ENTITY_TYPES
        assert sentences[m.sentence.index] is m.sentence
        assert m.sentence.start <= m.start < m.end <= m.sentence.end
    assert [(m.start, m.end) for m in x.mentions] == sorted((m.start, m.end) for m in x.mentions)
    for i in x.indicators:
        assert sentences[i.sentence.index] is i.sentence
        assert i.kind in ("achievement", "target")


def test_extract_of_the_fixture_report(segment_text: SegmentText, small_report_text: str) -> None:
    x = extract(segment_text(small_report_text), LEXICON)
    names = [m.name for m in x.mentions]
    assert names.count("幸福社区土地整备利益统筹项目") == 2
    assert {"区委", "区政府"} <= set(names)
    assert len(x.indicators) >= 10
    assert {i.kind for i in x.indicators} == {"achievement", "target"}


def test_extract_uses_the_lexicon_it_is_given(segment_text: SegmentText, write_report: WriteReport) -> None:
    report = segment_text(REPORT.replace("开工建设白鹭中学。", "蓝鲸科创完成产值3亿元。"))
    assert "蓝鲸科创" not in {m.name for m in extract(report, LEXICON).mentions}
    lexicon = Lexicon.load(write_report("蓝鲸科创\tCompany\n", "names.tsv"))
    assert ("Company", "蓝鲸科创") in {(m.type, m.name) for m in extract(report, lexicon).mentions}


def test_extract_of_a_report_with_nothing_to_find(segment_text: SegmentText) -> None:
    x = extract(segment_text("一、上半年工作总结\n各项工作有序推进。\n"), LEXICON)
    assert x.mentions == [] and x.indicators == []
