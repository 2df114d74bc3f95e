"""link.tracking: which report reviews which, which statement reports on which target, and whether it was met.

Every pair is invented: a city's 2024 report sets targets, its 2025 report reviews
2024; one test per qualifier, a range, lower-is-better measures, a price, a
relational target, a half-year plan, a target about a named road, and targets
no loaded report reviews.
"""
from __future__ import annotations

import pytest

from conftest import SegmentText
from reportgraph.extract import extract
from reportgraph.lexicon import Lexicon
from reportgraph.link import link
from reportgraph.link.periods import parse
from reportgraph.link.tracking import quantity_of, stated
from reportgraph.model import Indicator, LinkedReport, TargetAssessment

LEXICON = Lexicon.load()

TARGETS = """\
某某市人民政府2024年政府工作报告
一、2023年工作回顾
（一）经济运行。
各项工作有序推进。
二、2024年工作安排
（一）主要预期目标。
{targets}
"""
REVIEW = """\
某某市人民政府2025年政府工作报告
一、2024年工作回顾
（一）经济运行。
{results}
二、2025年工作安排
（一）抓发展。
力争新增市场主体1万户。
"""


def _link(segment_text: SegmentText, *texts: str) -> list[LinkedReport]:
    return link([extract(segment_text(t, path=f"r{n}.txt"), LEXICON) for n, t in enumerate(texts)], LEXICON)


def _assess(segment_text: SegmentText, targets: str, results: str) -> list[TargetAssessment]:
    a, b = _link(segment_text, TARGETS.format(targets=targets), REVIEW.format(results=results))
    assert a.assessments == []
    assert all(x.target_report is a.report for x in b.assessments)
    return b.assessments


def _one(segment_text: SegmentText, targets: str, results: str) -> TargetAssessment:
    [assessment] = _assess(segment_text, targets, results)
    return assessment


@pytest.mark.parametrize("target, result, status", [
    # at least: 以上, 超, 不少于, 力争…以上
    ("新增企业200家以上。", "新增企业230家。", "met"),
    ("新增企业200家以上。", "新增企业180家。", "not_met"),
    ("新增企业超200家。", "新增企业200家。", "met"),
    ("新增企业不少于200家。", "新增企业199家。", "not_met"),
    ("力争规上工业增加值增长6%以上。", "规上工业增加值增长6.5%。", "met"),
    # at most: 以内, 不超过, 控制在
    ("城镇登记失业率控制在3%以内。", "城镇登记失业率3.2%。", "not_met"),
    ("PM2.5平均浓度不超过30微克/立方米。", "PM2.5平均浓度降至28微克/立方米。", "met"),
    # about, for a rate (0.5 points) and a level (2%), in the better direction
    ("地区生产总值增长5%左右。", "地区生产总值增长4.6%。", "met"),
    ("地区生产总值增长5%左右。", "地区生产总值增长4.4%。", "not_met"),
    ("地区生产总值增长5%左右。", "地区生产总值增长6.8%。", "met"),
    ("粮食产量120万吨左右。", "粮食产量118万吨。", "met"),
    ("粮食产量120万吨左右。", "粮食产量115万吨。", "not_met"),
    # a plain number is reached in the better direction
    ("规上工业增加值增长6%。", "规上工业增加值增长5.9%。", "not_met"),
    ("城镇调查失业率5.5%。", "城镇调查失业率5.6%。", "not_met"),
    ("城镇调查失业率5.5%左右。", "城镇调查失业率5.9%。", "met"),
    ("单位地区生产总值能耗下降3%。", "单位地区生产总值能耗下降3.5%。", "met"),
    ("单位地区生产总值能耗下降3%。", "单位地区生产总值能耗下降2%。", "not_met"),
    # a price: about is a band both ways, a plain figure a ceiling
    ("居民消费价格涨幅3%左右。", "居民消费价格上涨0.2%。", "not_met"),
    ("居民消费价格涨幅3%左右。", "居民消费价格上涨2.8%。", "met"),
    ("居民消费价格涨幅3%。", "居民消费价格上涨0.2%。", "met"),
    # 万/亿 are expanded before the comparison
    ("实际使用外资5亿元以上。", "实际使用外资6000万元。", "not_met"),
    ("实际使用外资5000万元以上。", "实际使用外资0.6亿元。", "met"),
])
def test_whether_a_target_was_met(segment_text: SegmentText, target: str, result: str, status: str) -> None:
    got = _one(segment_text, target, result)
    assert got.status == status, got.reason
    assert got.evidence is not None and got.evidence.kind == "achievement"
    assert got.reason.split(":")[0] in {"at least", "at most", "about", "plain figure"}


def test_a_range_is_met_within_it_or_beyond_it_in_the_better_direction(segment_text: SegmentText) -> None:
    for result, status in (("5.2%", "met"), ("6%", "met"), ("4.8%", "not_met")):
        got = _one(segment_text, "地区生产总值增长5%—5.5%。", f"地区生产总值增长{result}。")
        assert got.status == status, got.reason
        assert got.reason.startswith("range") and got.target_figure == "增长5—5.5%"
    price = _one(segment_text, "城镇登记失业率控制在3%—3.5%。", "城镇登记失业率3.8%。")
    assert price.status == "not_met"  # lower is better: above the range misses it


def test_a_relational_target_keeps_pace_with_the_other_measure(segment_text: SegmentText) -> None:
    target = "居民人均可支配收入增长与经济增长同步。"
    met = _one(segment_text, target, "地区生产总值增长5%，居民人均可支配收入增长5.1%。")
    assert met.status == "met" and met.reason.startswith("relational")
    short = _one(segment_text, target, "地区生产总值增长5%，居民人均可支配收入增长4%。")
    assert short.status == "not_met"
    no_gdp = _one(segment_text, target, "地区生产总值达到3000亿元，居民人均可支配收入增长5.1%。")
    assert no_gdp.status == "unclear" and "no growth of 地区生产总值" in no_gdp.reason
    nothing = _one(segment_text, target, "新建公园3个。")
    assert nothing.status == "not_reported" and nothing.evidence is None


def test_not_reported_when_the_review_says_nothing_of_the_measure(segment_text: SegmentText) -> None:
    got = _one(segment_text, "固定资产投资增长10%。", "工业投资增长12%，新建公园3个。")  # a narrower measure
    assert got.status == "not_reported" and got.evidence is None
    assert got.reason == "the review states nothing on 固定资产投资 for 2024年"


def test_unclear_when_the_review_states_a_level_for_a_growth_target(segment_text: SegmentText) -> None:
    got = _one(segment_text, "地区生产总值增长5%。", "全市地区生产总值达到3000亿元。")
    assert got.status == "unclear"
    assert got.evidence is not None and got.evidence.unit == "亿元"
    assert "only as a level" in got.reason


def test_unclear_when_the_review_speaks_of_the_measure_without_a_figure(segment_text: SegmentText) -> None:
    got = _one(segment_text, "粮食产量120万吨。", "粮食生产再获丰收，新建公园3个。")
    assert got.status == "unclear" and got.evidence is None and "粮食生产" in got.reason


def test_a_figure_of_several_years_does_not_report_on_the_year(segment_text: SegmentText) -> None:
    got = _one(segment_text, "地区生产总值增长5%。", "五年来地区生产总值年均增长6.1%。")
    assert got.status == "not_reported"


def test_a_target_about_a_named_road_is_met_by_a_result_about_that_road(segment_text: SegmentText) -> None:
    got = _one(segment_text, "兴塘路改造完成80%。", "青松路改造完成100%，兴塘路改造完成90%。")
    assert got.status == "met" and got.evidence is not None and "兴塘路" in got.evidence.metric
    other = _one(segment_text, "兴塘路改造完成80%。", "青松路改造完成100%。")
    assert other.status == "not_reported"


def test_figures_are_stated_with_their_change_words(segment_text: SegmentText) -> None:
    got = _one(segment_text, "单位地区生产总值能耗下降3%左右。", "单位地区生产总值能耗下降3.5%。")
    assert (got.target_figure, got.result_figure) == ("下降3%左右", "下降3.5%")
    q = quantity_of(got.evidence)
    assert (q.change, q.sign, q.signed) == (True, -1, -3.5)


# --- which report reviews which ---------------------------------------------------------------

HALF = """\
深圳市青松区和风街道办事处2024年上半年工作总结和下半年工作计划
一、上半年工作总结
（一）经济发展。
规上工业增加值增长5%。
二、下半年工作计划
（一）抓经济。
力争全年规上工业增加值增长6%以上。
"""
YEAR = """\
深圳市青松区和风街道办事处2024年工作总结
一、2024年工作总结
（一）经济发展。
规上工业增加值增长6.3%。
"""


def test_a_half_year_plan_is_reviewed_by_the_annual_report(segment_text: SegmentText) -> None:
    half, year = _link(segment_text, HALF, YEAR)
    assert parse(year.report.period).covers(parse(half.report.plan_period))
    [got] = year.assessments
    assert got.status == "met" and got.target_report is half.report


def test_a_half_year_summary_does_not_review_an_annual_target(segment_text: SegmentText) -> None:
    plan = YEAR.replace("2024年工作总结\n一", "2024年工作总结和2025年工作计划\n一") + \
        "二、2025年工作计划\n（一）抓经济。\n力争规上工业增加值增长7%以上。\n"
    first_half = HALF.replace("2024", "2025")
    a, b = _link(segment_text, plan, first_half)
    assert a.assessments == [] and b.assessments == []  # 2025年上半年 does not hold 2025年


def test_targets_no_loaded_report_reviews_are_not_assessed(segment_text: SegmentText) -> None:
    [alone] = _link(segment_text, TARGETS.format(targets="地区生产总值增长5%。"))
    assert alone.assessments == []
    other_city = REVIEW.format(results="地区生产总值增长5.5%。").replace("某某市", "另某市")
    a, b = _link(segment_text, TARGETS.format(targets="地区生产总值增长5%。"), other_city)
    assert a.series != b.series and (a.assessments, b.assessments) == ([], [])


def test_of_several_reviews_the_one_of_the_shortest_period_assesses(segment_text: SegmentText) -> None:
    annual = YEAR
    two_years = YEAR.replace("2024年工作总结\n一、2024年工作总结", "2023—2024年工作总结\n一、2023—2024年工作总结")
    half, year, both = _link(segment_text, HALF, annual, two_years)
    assert len(year.assessments) == 1 and both.assessments == []


def test_a_quantity_is_a_change_or_a_level() -> None:
    from decimal import Decimal

    from reportgraph.model import Sentence

    def ind(text: str, at: str) -> Indicator:
        s = Sentence(0, 0, len(text), text, "s")
        start = text.index(at)
        return Indicator("achievement", "", Decimal(at.rstrip("%")), "%", float(at.rstrip("%")), "%", "",
                         start, start + len(at), s, "s")

    assert quantity_of(ind("能耗下降了3%", "3%")).signed == -3
    assert quantity_of(ind("增速为5%", "5%")).change
    assert not quantity_of(ind("失业率平均为5%", "5%")).change
    assert not quantity_of(ind("比重提高到56.7%", "56.7%")).change
    assert stated(ind("增长5%", "5%")) == "增长5%"


def test_a_result_nearly_at_the_figure_falls_short_of_it(segment_text: SegmentText) -> None:
    assert _one(segment_text, "新增企业200家以上。", "新增企业近200家。").status == "not_met"
    assert _one(segment_text, "新增企业200家以上。", "新增企业超200家。").status == "met"


def test_a_part_of_the_year_does_not_report_on_the_year(segment_text: SegmentText) -> None:
    got = _one(segment_text, "地区生产总值增长5%。", "一季度地区生产总值增长4.1%，全年地区生产总值增长5.2%。")
    assert got.status == "met" and got.evidence is not None and str(got.evidence.value) == "5.2"
    only_part = _one(segment_text, "地区生产总值增长5%。", "上半年地区生产总值增长4.1%。")
    assert only_part.status != "met" and only_part.evidence is None


def test_the_reviews_own_targets_are_no_results(segment_text: SegmentText) -> None:
    a, b = _link(segment_text, TARGETS.format(targets="新增市场主体2万户。"), REVIEW.format(results="新建公园3个。"))
    [got] = b.assessments  # the review's plan (力争新增市场主体1万户) is no result of 2024
    assert got.status == "not_reported"
