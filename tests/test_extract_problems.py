"""extract.problems: the problems a report admits, by heading, by 一是…二是…, or after a lead.

Every report here is invented in the style of the genre.
"""
from __future__ import annotations

from conftest import SegmentText
from reportgraph.extract.problems import find_problems
from test_segment import GOV_REPORT, WEB_REPORT, _section_of


def test_problems_from_shi_clauses_in_a_problems_part(segment_text: SegmentText) -> None:
    report = segment_text(WEB_REPORT)
    assert [p.label for p in find_problems(report)] == ["经济增长动力不足", "公共服务供给不足"]
    problems_part = [s.id for s in report.sections if s.part == "problems"]
    assert [p.section_id for p in find_problems(report)] == problems_part * 2
    assert find_problems(report)[0].sentence.text == "一是经济增长动力不足。"
    assert find_problems(report)[1].sentence.text == "二是公共服务供给不足。"


def test_problems_from_numbered_sections_of_a_problems_part(segment_text: SegmentText) -> None:
    text = ("某某镇2024年工作总结\n一、2024年工作总结\n全年各项工作有序推进。\n二、存在问题\n"
            "（一）产业结构单一。传统产业占比偏高。\n（二）基础设施欠账较多。\n")
    report = segment_text(text)
    assert [p.label for p in find_problems(report)] == ["产业结构单一", "基础设施欠账较多"]
    assert [report.section(p.section_id).number for p in find_problems(report)] == [1, 2]


def test_problems_after_a_clear_eyed_lead(segment_text: SegmentText) -> None:
    report = segment_text(GOV_REPORT)
    assert [p.label for p in find_problems(report)] == ["有效需求不足", "部分企业生产经营困难", "民生领域还有不少短板"]
    # they belong to the section the paragraph is in, and the next paragraph adds none
    assert {p.section_id for p in find_problems(report)} == {_section_of(report, "清醒地看到").id}
    assert find_problems(report)[1].sentence.text == "部分企业生产经营困难；"


def test_first_problem_in_the_lead_sentence_is_kept(segment_text: SegmentText) -> None:
    text = GOV_REPORT.replace("发展中还面临一些困难和挑战。有效需求不足；", "有效需求不足；")
    report = segment_text(text)
    assert "同时我们清醒地看到，有效需求不足；部分企业" in report.text
    assert [p.label for p in find_problems(report)] == ["有效需求不足", "部分企业生产经营困难", "民生领域还有不少短板"]


def test_no_problems_without_a_problems_part_or_lead(segment_text: SegmentText) -> None:
    text = "某某镇2024年工作总结\n一、2024年工作总结\n一是产业发展提速。新建厂房2栋。\n二是民生改善。新建学校1所。\n"
    report = segment_text(text)
    assert find_problems(report) == []


def test_problems_stated_plainly_in_a_problems_part(segment_text: SegmentText) -> None:
    text = ("某某镇2025年工作总结\n一、2025年工作总结\n全年各项工作有序推进。\n二、存在问题\n"
            "工作中还存在一些不足，主要是：产业规模偏小；基础设施仍有短板。\n"
            "部分社区服务能力不强。对此，我们将认真加以解决。\n三、2026年工作计划\n抓好各项工作落实。\n")
    report = segment_text(text)
    assert [p.label for p in find_problems(report)] == ["产业规模偏小", "基础设施仍有短板", "部分社区服务能力不强"]


def test_problems_named_clause_by_clause_after_a_count_of_them(segment_text: SegmentText) -> None:
    text = ("某某市政府工作报告\n一、2025年工作回顾\n全年经济稳中有进。\n"
            "在看到成绩的同时，我们也认识到老问题、新挑战仍然不少，主要是消费需求依然偏弱，"
            "投资动力不够强，部分企业经营比较困难。我们要迎难而上。\n二、2026年重点工作\n（一）抓产业。\n")
    assert [p.label for p in find_problems(segment_text(text))] == [
        "消费需求依然偏弱", "投资动力不够强", "部分企业经营比较困难"]


def test_a_counted_lead_after_a_clear_eyed_one_opens_the_first_problem(segment_text: SegmentText) -> None:
    text = ("某某市政府工作报告\n一、2025年工作回顾\n全年经济稳中有进。\n"
            "我们也清醒认识到，老问题、新挑战仍然不少，主要是：经济总量不大，人均水平偏低；"
            "科技创新能力不强。\n二、2026年重点工作\n（一）抓产业。\n")
    assert [p.label for p in find_problems(segment_text(text))][:2] == ["经济总量不大，人均水平偏低", "科技创新能力不强"]
