"""segment.segment: metadata, cleaning, parts, numbered sections, sentences; headings inline.

Every report here is invented in the style of the genre (某某 names, made-up figures).
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import SegmentText
from reportgraph.extract.problems import find_problems
from reportgraph.model import Report, Section, SourceText
from reportgraph.text import fold
from reportgraph.segment import segment
from reportgraph.segment.inline import split_line

#: A half-year subdistrict report copied from a web page: breadcrumbs, toolbar,
#: a metadata line, a paragraph cut by a stray blank line, the three parts,
#: half-width (一) sections in the summary, full-width （一） in the plan, an appendix.
WEB_REPORT = """\
您现在的位置 首页 > 政务公开 > 规划计划
某某市某某区和风街道办事处2024年上半年工作报告和下半年工作计划
【字体:大 中 小】 【打印】
触碰右侧展开
下载
打印
信息来源:某某市某某区和风街道办事处 信息提供日期:2024-08-19 10:30

  一、上半年工作总结

  上半年,和风街道在区委、区政府的正确领导下,各项工作有序推进。

  (一)经济发展稳中有进。1-6月,规上工业增加值增长8.5%。在121个园

  区、32家电镀企业试点安装智能终端。累计下载政务服务应用5万次。

  (二)城市建设提质增效。新建口袋公园2个,改造老旧小区3个。

  二、存在的主要问题

  一是经济增长动力不足。部分企业经营困难。二是公共服务供给不足。学位和床位仍然紧张。

  三、下半年工作计划

  下半年主要预期目标是:规上工业增加值增长6%以上,新增企业20家以上。

  （一）抓经济。加强企业服务,推动产业升级。

  （二）抓建设。推进口袋公园建设。

附件1

  名词解释:规上工业指年主营业务收入2000万元以上的工业企业。
"""

#: A provincial 政府工作报告 delivered in 2026: a dated 在…会议上 line, ——lead-in
#: sections in the review, 一是 sections in the plan, a 清醒地看到 paragraph.
GOV_REPORT = """\
2026年某某省政府工作报告
——2026年1月26日在某某省第十四届人民代表大会第五次会议上
各位代表：
  现在，我代表省人民政府，向大会报告工作，请予审议。
一、2025年工作回顾
  过去一年，全省上下攻坚克难，经济社会发展取得新成效。
  ——经济增长快速稳健。地区生产总值增长5.5%，货物进出口总额增长4.4%。
  ——创新动能持续增强。研发投入增长11%以上，新增专精特新企业300家。
  同时我们清醒地看到，发展中还面临一些困难和挑战。有效需求不足；部分企业生产经营困难；民生领域还有不少短板。
  在新的一年里，我们将直面问题，切实加以解决。
二、2026年经济社会发展总体要求和主要预期目标
  今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。
三、2026年工作安排
  一是扩大有效需求。新建四条道路。
  二是推进科技创新。培育专精特新企业100家。
"""


def _shape(report: Report) -> list[tuple[str, str, int | None, str]]:
    return [(s.id, s.part, s.number, s.label) for s in report.sections]


def _section_of(report: Report, fragment: str) -> Section:
    """The section whose sentences contain ``fragment``."""
    hits = [sec for sec in report.sections if any(fragment in s.text for s in sec.sentences)]
    assert len(hits) == 1, (fragment, [h.id for h in hits])
    return hits[0]


# --- metadata ---------------------------------------------------------------------


def test_metadata_of_a_half_year_subdistrict_report(segment_text: SegmentText) -> None:
    report = segment_text(WEB_REPORT)
    assert report.title == "某某市某某区和风街道办事处2024年上半年工作报告和下半年工作计划"
    assert report.issuer == "某某市某某区和风街道办事处"
    assert report.date == "2024-08-19"
    assert report.period == "2024年上半年"
    assert report.plan_period == "2024年下半年"
    assert report.level == "subdistrict"
    assert report.region == ["某某市", "某某区", "和风街道"]
    # the title is text too: the first sentence of the report
    assert report.text.startswith(report.title + "\n")
    assert report.sentences()[0].text == report.title


def test_metadata_of_a_government_work_report(segment_text: SegmentText) -> None:
    report = segment_text(GOV_REPORT)
    assert report.title == "2026年某某省政府工作报告"
    assert report.date == "2026-01-26"  # from the ——…在…会议上 line
    assert report.period == "2025年"
    assert report.plan_period == "2026年"
    assert report.level == "province"
    assert report.region == ["某某省"]


def test_a_title_after_a_breadcrumb_that_names_its_column_is_kept(segment_text: SegmentText) -> None:
    """A page on one line: the breadcrumb's last item names the column, the title follows the tools."""
    report = segment_text("当前位置：首页 > 政务公开 > 政府工作报告 下载 打印 【字号： 大 中 小 】 政府工作报告 "
                          "——2026年1月12日在青禾县第十八届人民代表大会第五次会议上 青禾县人民政府县长 某某 "
                          "各位代表： 现在，我代表县人民政府，向大会报告工作。一、2025年工作回顾 全县生产总值增长6%。")
    assert report.title == "政府工作报告"
    assert report.issuer == "青禾县人民政府"
    assert report.date == "2026-01-12"


def test_date_from_a_chinese_date_in_a_metadata_line(segment_text: SegmentText) -> None:
    text = "某某县某某镇人民政府2024年工作总结\n发布日期：2025年1月8日\n一、2024年工作总结\n全年各项工作有序推进。\n"
    report = segment_text(text)
    assert report.date == "2025-01-08"
    assert "发布日期" not in report.text
    assert report.issuer == "某某县某某镇人民政府"
    assert report.level == "town"
    assert report.region == ["某某县", "某某镇"]
    assert report.period == "2024年" and report.plan_period == ""


def test_issuer_from_the_source_line_when_the_title_has_none(segment_text: SegmentText) -> None:
    text = ("2024年上半年工作总结\n信息来源：某某市某某区青山街道办事处 发布日期：2024-07-02\n"
            "一、上半年工作总结\n上半年各项工作有序推进。\n")
    report = segment_text(text)
    assert report.issuer == "某某市某某区青山街道办事处"
    assert report.level == "subdistrict"
    assert report.region == ["某某市", "某某区", "青山街道"]
    assert report.date == "2024-07-02"
    assert report.period == "2024年上半年" and report.plan_period == "2024年下半年"


@pytest.mark.parametrize("byline, issuer, region, level", [
    ("——2024年1月23日在某某省第十四届人民代表大会第二次会议上", "某某省人民政府", ["某某省"], "province"),
    ("——2024年1月23日在某某省第十四届\n人民代表大会第二次会议上", "某某省人民政府", ["某某省"], "province"),
    ("——2025年2月27日在青山镇第十六届人民代表大会第六次会议上", "青山镇人民政府", ["青山镇"], "town"),
    ("——2024年3月5日在第十四届全国人民代表大会第二次会议上", "国务院", [], ""),
])
def test_issuer_of_a_speech_from_its_byline(segment_text: SegmentText, byline: str, issuer: str,
                                            region: list[str], level: str) -> None:
    """A 政府工作报告 titled only so says whose it is in its byline."""
    report = segment_text(f"政府工作报告\n{byline}\n各位代表：\n一、2024年工作回顾\n各项工作有序推进。\n")
    assert (report.issuer, report.region, report.level) == (issuer, region, level)


@pytest.mark.parametrize(("issuer", "level"), [
    ("某某市某某区和风街道办事处", "subdistrict"),
    ("某某街道党工委", "subdistrict"),
    ("某某县青山镇人民政府", "town"),
    ("某某县人民政府", "county"),
    ("某某市某某区人民政府", "district"),
    ("某某市人民政府", "city"),
    ("某某省人民政府", "province"),
    ("某某街道某某社区", ""),  # a community's committee: no level of government, not a district for its 区
    ("某某镇某某村民委员会", ""),
])
def test_level_of_government(segment_text: SegmentText, issuer: str, level: str) -> None:
    report = segment_text(f"{issuer}2024年工作总结\n一、2024年工作总结\n全年各项工作有序推进。\n")
    assert report.issuer == issuer
    assert report.level == level


def test_autonomous_region_is_province_level(segment_text: SegmentText) -> None:
    report = segment_text("某某壮族自治区人民政府2024年工作报告\n一、2024年工作总结\n全年各项工作有序推进。\n")
    assert report.region == ["某某壮族自治区"]
    assert report.level == "province"


def test_government_work_report_year_from_its_date_line(segment_text: SegmentText) -> None:
    text = GOV_REPORT.replace("2026年某某省政府工作报告", "政府工作报告", 1)
    report = segment_text(text)
    assert report.title == "政府工作报告"
    assert report.date == "2026-01-26"
    assert (report.period, report.plan_period) == ("2025年", "2026年")


@pytest.mark.parametrize("title", ["某某区发展和改革局2026年工作要点", "某某镇2026年工作思路"])
def test_a_title_of_main_points_or_lines_of_work_names_the_plan_year(segment_text: SegmentText, title: str) -> None:
    report = segment_text(title + "\n一、主要目标\n全区生产总值增长5%左右。\n")
    assert report.plan_period == "2026年"


def test_plan_period_from_a_title_that_names_the_plan_year(segment_text: SegmentText) -> None:
    text = "某某县青山镇2024年工作总结和2025年工作计划\n一、2024年工作总结\n全年各项工作有序推进。\n"
    report = segment_text(text)
    assert report.period == "2024年"
    assert report.plan_period == "2025年"


# --- cleaning -------------------------------------------------------------------------


def test_page_furniture_and_metadata_lines_are_dropped(segment_text: SegmentText) -> None:
    report = segment_text(WEB_REPORT)
    lines = report.text.split("\n")
    for furniture in ("您现在的位置", "首页", "【字体", "触碰右侧展开", "信息来源", "信息提供日期"):
        assert furniture not in report.text, furniture
    assert "下载" not in lines and "打印" not in lines
    # words of the toolbar inside a sentence stay
    assert "累计下载政务服务应用5万次。" in report.text
    # what is left starts with the title and keeps the body in order
    assert lines[0] == report.title
    assert lines[1] == "一、上半年工作总结"
    assert lines[-1] == "名词解释:规上工业指年主营业务收入2000万元以上的工业企业。"


def test_paragraph_broken_by_a_blank_line_is_joined(segment_text: SegmentText) -> None:
    report = segment_text(WEB_REPORT)
    assert "在121个园区、32家电镀企业试点安装智能终端。" in report.text
    assert "园\n" not in report.text
    sentence = next(s for s in report.sentences() if "121个园" in s.text)
    assert sentence.text == "在121个园区、32家电镀企业试点安装智能终端。"
    # the joined paragraph stays in its section
    assert sentence.section_id == _section_of(report, "规上工业增加值增长8.5%").id


def test_headings_are_not_joined_to_the_next_line(segment_text: SegmentText) -> None:
    text = "某某镇2024年工作总结\n一、2024年工作总结\n（一）产业发展\n全年新增企业30家。\n（二）民生保障\n新建学校1所。\n"
    report = segment_text(text)
    lines = report.text.split("\n")
    assert "（一）产业发展" in lines and "（二）民生保障" in lines
    assert [s.label for s in report.sections if s.number] == ["产业发展", "民生保障"]


# --- parts ------------------------------------------------------------------------------


def test_parts_of_a_half_year_report(segment_text: SegmentText) -> None:
    report = segment_text(WEB_REPORT)
    parts = [s.part for s in report.sections]
    assert parts[0] == "preamble"
    # parts come in reading order and each one appears as one run
    runs = [p for i, p in enumerate(parts) if i == 0 or parts[i - 1] != p]
    assert runs == ["preamble", "summary", "problems", "plan", "other"]
    assert _section_of(report, "规上工业增加值增长8.5%").part == "summary"
    assert _section_of(report, "一是经济增长动力不足。").part == "problems"
    assert _section_of(report, "推进口袋公园建设。").part == "plan"


@pytest.mark.parametrize("heading", ["重点工作推进情况", "工作亮点"])
def test_progress_and_highlights_open_a_summary(segment_text: SegmentText, heading: str) -> None:
    report = segment_text(f"某某县统计局2025年工作总结\n一、{heading}\n（一）抓统计。完成调查任务12项。\n"
                          "二、下一步工作安排\n（一）抓质量。力争完成调查任务15项。\n")
    assert [s.part for s in report.sections if s.number is not None] == ["summary", "plan"]


@pytest.mark.parametrize("heading, part", [
    ("今后工作重点", "plan"), ("2026年工作重点", "plan"), ("工作中存在的薄弱环节", "problems"), ("与先进地区的差距", "problems"),
    ("存在的主要困难", "problems"), ("几点体会", "summary"), ("经验做法", "summary"),
])
def test_more_ways_of_naming_the_plan_and_the_problems(segment_text: SegmentText, heading: str, part: str) -> None:
    report = segment_text(f"某某镇2025年工作总结和2026年工作计划\n一、主要工作成效\n（一）抓经济。新增企业3家。\n"
                          f"二、{heading}\n（一）抓项目。新建道路2条。\n")
    assert [s.part for s in report.sections if s.number is not None] == ["summary", part]


def test_parts_of_a_government_work_report(segment_text: SegmentText) -> None:
    report = segment_text(GOV_REPORT)
    assert _section_of(report, "各位代表：").part == "preamble"
    assert _section_of(report, "一、2025年工作回顾").part == "summary"
    assert _section_of(report, "地区生产总值增长5.5%").part == "summary"
    assert _section_of(report, "三、2026年工作安排").part == "plan"
    assert _section_of(report, "新建四条道路。").part == "plan"


def test_appendix_goes_to_part_other(segment_text: SegmentText) -> None:
    report = segment_text(WEB_REPORT)
    appendix = _section_of(report, "附件1")
    assert appendix.part == "other"
    glossary = _section_of(report, "名词解释")
    assert glossary.part == "other"
    # the plan ends before the appendix: the plan's last section does not swallow it
    last_plan = [s for s in report.sections if s.part == "plan"][-1]
    assert "附件" not in report.text[last_plan.start:last_plan.end]


def test_numbered_headings_after_an_appendix_stay_in_part_other(segment_text: SegmentText) -> None:
    text = ("某某镇2024年工作总结\n一、2024年工作总结\n（一）产业发展。新增企业30家。\n"
            "附件：\n一、指标说明\n规上工业指年主营业务收入2000万元以上的工业企业。\n")
    report = segment_text(text)
    assert _section_of(report, "一、指标说明").part == "other"
    assert _section_of(report, "规上工业指").part == "other"


# --- numbered sections -------------------------------------------------------------------


def test_half_width_parenthesised_sections(segment_text: SegmentText) -> None:
    report = segment_text(WEB_REPORT)
    summary = [s for s in report.sections if s.part == "summary"]
    assert [(s.number, s.heading, s.label) for s in summary] == [
        (None, "上半年工作总结", "上半年工作总结"),
        (1, "经济发展稳中有进", "经济发展稳中有进"),
        (2, "城市建设提质增效", "城市建设提质增效"),
    ]
    first = summary[1]
    assert report.text[first.start:first.end].startswith("(一)经济发展稳中有进。")
    assert [s.text for s in first.sentences][0] == "(一)经济发展稳中有进。"


def test_full_width_parenthesised_sections(segment_text: SegmentText) -> None:
    report = segment_text(WEB_REPORT)
    plan = [s for s in report.sections if s.part == "plan"]
    assert [(s.number, s.label) for s in plan[1:]] == [(1, "抓经济"), (2, "抓建设")]
    assert report.text[plan[2].start:plan[2].end] == "（二）抓建设。推进口袋公园建设。"


def test_shi_lead_in_sections(segment_text: SegmentText) -> None:
    report = segment_text(GOV_REPORT)
    plan = [s for s in report.sections if s.part == "plan"]
    assert [(s.number, s.heading, s.label) for s in plan if s.number] == [
        (1, "扩大有效需求", "扩大有效需求"),
        (2, "推进科技创新", "推进科技创新"),
    ]
    assert _section_of(report, "培育专精特新企业100家").label == "推进科技创新"


def test_dash_lead_in_sections(segment_text: SegmentText) -> None:
    report = segment_text(GOV_REPORT)
    summary = [s for s in report.sections if s.part == "summary"]
    assert [(s.number, s.label) for s in summary] == [
        (None, "2025年工作回顾"),
        (1, "经济增长快速稳健"),
        (2, "创新动能持续增强"),
    ]
    assert _section_of(report, "研发投入增长11%以上").label == "创新动能持续增强"
    # the dated ——…会议上 line of the preamble is not a section heading
    assert all(s.number is None for s in report.sections if s.part == "preamble")


def test_digit_sections(segment_text: SegmentText) -> None:
    text = ("某某镇2025年工作计划\n一、2025年工作计划\n1.抓产业。新增企业5家。\n"
            "2.抓民生。新建公园3个。\n")
    report = segment_text(text)
    assert [(s.number, s.label) for s in report.sections if s.number] == [(1, "抓产业"), (2, "抓民生")]


def test_section_heading_is_the_first_sentence_and_label_its_first_clause(segment_text: SegmentText) -> None:
    text = ("某某镇2024年工作总结\n一、2024年工作总结\n"
            "（一）聚焦产业升级，推动经济高质量发展。全年新增企业30家。\n"
            "（二）坚持民生优先：办好民生实事。新建学校1所。\n")
    report = segment_text(text)
    numbered = [s for s in report.sections if s.number]
    assert [(s.heading, s.label) for s in numbered] == [
        ("聚焦产业升级，推动经济高质量发展", "聚焦产业升级"),
        ("坚持民生优先：办好民生实事", "坚持民生优先"),
    ]


def test_section_ids_and_spans(segment_text: SegmentText) -> None:
    report = segment_text(WEB_REPORT)
    ids = [s.id for s in report.sections]
    assert len(ids) == len(set(ids))
    assert ids[:4] == ["0p-0", "1s-0", "1s-1", "1s-2"]
    for a, b in zip(report.sections, report.sections[1:]):
        assert a.start <= a.end <= b.start
    assert report.section("1s-2").label == "城市建设提质增效"
    with pytest.raises(KeyError):
        report.section("9x-9")


def test_plan_opening_with_main_targets_is_a_work_area(segment_text: SegmentText) -> None:
    report = segment_text(WEB_REPORT)
    opening = _section_of(report, "下半年主要预期目标是")
    assert opening.part == "plan"
    assert opening.number is None
    assert opening.label == "主要预期目标"
    assert opening.heading == "下半年工作计划·主要预期目标"
    gov = segment_text(GOV_REPORT)
    assert _section_of(gov, "今年经济社会发展的主要预期目标是").label == "主要预期目标"


def test_plan_opening_without_targets_keeps_the_part_heading(segment_text: SegmentText) -> None:
    report = segment_text(WEB_REPORT.replace("下半年主要预期目标是:", "下半年,我们将"))
    opening = _section_of(report, "下半年,我们将")
    assert opening.label == "下半年工作计划"


def test_summary_opening_is_not_a_target_work_area(segment_text: SegmentText) -> None:
    text = GOV_REPORT.replace("经济社会发展取得新成效", "较好完成了全年主要目标任务")
    report = segment_text(text)
    opening = _section_of(report, "较好完成了全年主要目标任务")
    assert opening.part == "summary"
    assert opening.label == "2025年工作回顾"


# --- sentences ------------------------------------------------------------------------------


def _check_sentences(report: Report) -> None:
    sentences = report.sentences()
    assert sentences
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert report.text[s.start:s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert "\n" not in s.text
        sec = report.section(s.section_id)
        assert sec.start <= s.start <= s.end <= sec.end
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)


@pytest.mark.parametrize("text", [WEB_REPORT, GOV_REPORT], ids=["web", "gov"])
def test_sentence_offsets(segment_text: SegmentText, text: str) -> None:
    _check_sentences(segment_text(text))


def test_sentence_offsets_of_the_fixture_reports(segment_text: SegmentText, small_report_text: str,
                                                 other_report_text: str, bundled_report: Path) -> None:
    for text in (small_report_text, other_report_text, bundled_report.read_text(encoding="utf-8")):
        _check_sentences(segment_text(text))


def test_sentences_split_at_end_marks(segment_text: SegmentText) -> None:
    report = segment_text(GOV_REPORT)
    sec = _section_of(report, "货物进出口总额增长4.4%")
    assert [s.text for s in sec.sentences] == [
        "——经济增长快速稳健。",
        "地区生产总值增长5.5%，货物进出口总额增长4.4%。",
    ]


def test_text_without_structure_still_has_sections_and_sentences(segment_text: SegmentText) -> None:
    text = "今年以来，我们扎实推进各项工作，新建道路3条。\n下一步，我们将继续努力，力争新增企业10家。"
    report = segment_text(text)
    assert report.title == ""
    assert len(report.sections) == 1
    assert [s.text for s in report.sentences()] == [
        "今年以来，我们扎实推进各项工作，新建道路3条。",
        "下一步，我们将继续努力，力争新增企业10家。",
    ]
    _check_sentences(report)


def test_title_without_parts_decides_the_single_part(segment_text: SegmentText) -> None:
    report = segment_text("某某镇2025年工作计划\n新建道路3条，改造公园2个。\n")
    assert {s.part for s in report.sections} == {"plan"}
    report = segment_text("某某镇2024年工作总结\n新建道路3条，改造公园2个。\n")
    assert {s.part for s in report.sections} == {"summary"}


@pytest.mark.parametrize(("title", "part"), [("某某镇2026年工作要点", "plan"), ("某某局2025年工作总结", "summary"),
                                           ("某某镇2025年工作总结和2026年工作计划", "other")])
def test_part_headings_that_name_no_part_take_the_one_the_title_names(segment_text: SegmentText, title: str,
                                                                    part: str) -> None:
    """一、聚力产业发展 of a 工作要点 is its plan; a title naming two parts leaves such headings to no part."""
    report = segment_text(title + "\n一、聚力产业发展\n1.壮大工业经济。新增企业3家。\n二、建设美丽城镇\n硬化道路12公里。\n")
    assert {s.part for s in report.sections if s.part != "preamble"} == {part}


@pytest.mark.parametrize("layout", ["lines", "one line"])
def test_the_title_of_a_notice_that_issues_a_report_is_the_quoted_one(segment_text: SegmentText, layout: str) -> None:
    lines = ["关于印发《某某镇2026年工作要点》的通知", "各村（社区）、镇直各单位：",
             "现将《某某镇2026年工作要点》印发给你们，请认真贯彻落实。", "某某镇人民政府", "2026年2月10日",
             "一、聚力产业发展", "新增规上工业企业3家以上。"]
    report = segment_text(("\n" if layout == "lines" else " ").join(lines) + "\n")
    assert report.title == "某某镇2026年工作要点"
    assert report.issuer == "某某镇"
    assert report.plan_period == "2026年"
    assert {s.part for s in report.sections if s.part != "preamble"} == {"plan"}


def test_an_issuer_before_about_and_the_year_is_the_issuer(segment_text: SegmentText) -> None:
    """某某乡人民政府关于2025年工作总结和2026年工作打算的报告: the whole line is the title, the body before 关于 its issuer."""
    report = segment_text("青溪乡人民政府关于2025年工作总结和2026年工作打算的报告\n一、主要工作成效\n新修公路8公里。\n")
    assert report.title == "青溪乡人民政府关于2025年工作总结和2026年工作打算的报告"
    assert report.issuer == "青溪乡人民政府"
    assert report.level == "town"
    assert (report.period, report.plan_period) == ("2025年", "2026年")


@pytest.mark.parametrize(("title", "issuer"), [
    ("青溪镇2021年政府工作报告", "青溪镇人民政府"),
    ("禾山县2025年政府工作报告", "禾山县人民政府"),
    ("青溪镇2025年工作总结", "青溪镇"),
])
def test_the_division_a_government_work_report_is_of_is_issued_by_its_government(
        segment_text: SegmentText, title: str, issuer: str) -> None:
    """某某镇2021年政府工作报告: the town's government reports, as a 镇政府 the text names is; another report of the
    town is the town's."""
    report = segment_text(title + "\n一、主要工作成效\n新修公路8公里。\n")
    assert report.issuer == issuer


def test_a_column_named_by_two_title_words_is_no_title(segment_text: SegmentText) -> None:
    """首页 > 政务公开 > 计划总结: the column's name is a breadcrumb, the line after it the title."""
    report = segment_text("首页 > 政务公开 > 计划总结\n青溪县教育局2025年工作总结及2026年工作计划\n"
                          "一、2025年工作开展情况\n新增学位300个。\n")
    assert report.title == "青溪县教育局2025年工作总结及2026年工作计划"


def test_a_bureau_is_of_its_regions_level(segment_text: SegmentText) -> None:
    report = segment_text("青溪县人力资源和社会保障局2025年工作总结\n一、主要工作\n新增就业300人。\n")
    assert (report.issuer, report.region, report.level) == ("青溪县人力资源和社会保障局", ["青溪县"], "county")


def test_paragraphs_that_open_with_two_short_phrases_are_a_reviews_sections(segment_text: SegmentText) -> None:
    """加强科技创新，驱动能源转型。…: a provincial review's unnumbered leads, each a work area of its own."""
    report = segment_text("某某省2026年政府工作报告\n一、2025年工作回顾\n过去一年，全省经济稳中有进。\n"
                          "加强科技创新，驱动能源转型。全年原煤产量13亿吨。\n"
                          "狠抓项目建设，支撑产业升级。新开工项目120个。\n"
                          "二、2026年工作安排\n（一）扩大内需。力争社会消费品零售总额增长5%。\n")
    labels = [(s.part, s.label) for s in report.sections if s.number is not None]
    assert labels == [("summary", "加强科技创新"), ("summary", "狠抓项目建设"), ("plan", "扩大内需")]


_YEAR_SECTIONS = "（一）稳经济。生产总值增长5%。\n（二）促创新。新增企业800家。\n"


@pytest.mark.parametrize(("review", "labels"), [
    # （一）…（二）… of the year, then 五年来，… / ——这五年，…: the five years' leads are not inside （二）
    (_YEAR_SECTIONS + "五年来，综合实力大幅跃升。年均增长5.5%。\n五年来，民生福祉持续增进。新增就业300万人。\n",
     ["稳经济", "促创新", "综合实力大幅跃升", "民生福祉持续增进"]),
    (_YEAR_SECTIONS + "——这五年，综合实力大幅跃升。年均增长5.5%。\n——这五年，民生福祉持续增进。新增就业300万人。\n",
     ["稳经济", "促创新", "综合实力大幅跃升", "民生福祉持续增进"]),
    # 这五年，… before the year's （一）: sections of their own, not the part's opening
    ("这五年，经济实力大幅跃升。年均增长5%。\n这五年，民生福祉持续增进。新增就业300万人。\n"
     "刚刚过去的2025年，全省经济稳中有进。\n" + _YEAR_SECTIONS,
     ["经济实力大幅跃升", "民生福祉持续增进", "稳经济", "促创新"]),
], ids=["after-five-years-since", "after-dash-these-five-years", "before"])
def test_a_five_years_review_is_sections_of_its_own(segment_text: SegmentText, review: str, labels: list[str]) -> None:
    report = segment_text("某某省2026年政府工作报告\n一、2025年和“十四五”工作回顾\n" + review +
                          "二、2026年工作安排\n（一）扩大内需。力争增长5%。\n")
    assert [s.label for s in report.sections if s.part == "summary" and s.number is not None] == labels


def test_dash_leads_of_a_review_after_the_last_section_are_sections_of_their_own(segment_text: SegmentText) -> None:
    report = segment_text("某某省2026年政府工作报告\n一、2025年和“十四五”工作回顾\n（一）稳经济。生产总值增长5%。\n"
                          "（二）促创新。新增企业800家。\n各位代表！“十四五”目标任务胜利完成。\n"
                          "——经济实力实现新跃升。生产总值年均增长5.5%。\n——人民生活实现新跃升。城镇新增就业300万人。\n"
                          "二、2026年工作安排\n（一）扩大内需。力争增长5%。\n——扩消费。——稳投资。\n")
    summary = [s.label for s in report.sections if s.part == "summary" and s.number is not None]
    plan = [s.label for s in report.sections if s.part == "plan" and s.number is not None]
    assert summary == ["稳经济", "促创新", "经济实力实现新跃升", "人民生活实现新跃升"]
    assert plan == ["扩大内需"]  # a plan's dashes after its last section are its items


def test_one_five_years_lead_after_the_sections_is_the_parts_own(segment_text: SegmentText) -> None:
    """五年来，我们砥砺前行。 alone after the last section is no section of its own, and no part of （二）: it
    speaks for the whole review."""
    report = segment_text("某某省2026年政府工作报告\n一、2025年工作回顾\n（一）稳经济。生产总值增长5%。\n"
                          "（二）促创新。新增企业800家。\n五年来，我们砥砺前行。\n")
    summary = [(s.number, s.label) for s in report.sections if s.part == "summary"]
    assert summary == [(None, "2025年工作回顾"), (1, "稳经济"), (2, "促创新"), (None, "2025年工作回顾")]


def test_five_years_paragraphs_of_what_we_did_after_the_sections_are_the_parts_own(segment_text: SegmentText) -> None:
    """五年来，我们全力巩固…: sentences of the review, no headings (五年来，民生福祉持续增进。 is one): their figures
    are the whole review's, not the last section's nor a section named by a sentence."""
    report = segment_text("某某省2026年政府工作报告\n一、2025年和“十四五”工作回顾\n" + _YEAR_SECTIONS +
                          "五年来，我们全力巩固经济发展的良好势头，生产总值年均增长5.5%。\n"
                          "五年来，我们坚持把保障和改善民生放在突出位置，新增就业300万人。\n"
                          "二、2026年工作安排\n（一）扩大内需。力争增长5%。\n")
    summary = [(s.number, s.label) for s in report.sections if s.part == "summary"]
    assert [label for number, label in summary if number is not None] == ["稳经济", "促创新"]
    assert summary[-1] == (None, "2025年和“十四五”工作回顾")


def test_five_years_paragraphs_of_what_we_did_before_the_sections_are_the_parts_opening(
        segment_text: SegmentText) -> None:
    """这五年，我们持续扩大…: before the year's （一）, sentences of the review, no sections named by a sentence (a
    lead before a topic, 这五年，经济实力大幅跃升。, is one: test_a_five_years_review_is_sections_of_its_own)."""
    review = ("这五年，我们持续扩大高水平对外开放，外贸进出口年均增长6.1%。\n"
              "这五年，我们深入践行以人民为中心的发展思想，新增就业300万人。\n")
    report = segment_text("某某省2026年政府工作报告\n一、2025年和“十四五”工作回顾\n" + review + _YEAR_SECTIONS +
                          "二、2026年工作安排\n（一）扩大内需。力争增长5%。\n")
    summary = [(s.number, s.label) for s in report.sections if s.part == "summary"]
    assert [label for number, label in summary if number is not None] == ["稳经济", "促创新"]


@pytest.mark.parametrize("closing", ["刚刚过去的2025年，全省地区生产总值增长5.1%。",
                                     "各位代表！今年将办好10件民生实事，改造老旧小区600个。",
                                     "一年来，我们持续加强政府自身建设。"])
def test_a_paragraph_for_the_whole_part_after_the_last_section_is_not_that_sections(
        segment_text: SegmentText, closing: str) -> None:
    """An overview, an address or a recap after a run's last section takes the part's words, not the
    section's; the same opening inside the run (before （二）) stays its section's."""
    report = segment_text("某某省2026年政府工作报告\n一、2025年工作回顾\n" + _YEAR_SECTIONS + closing + "\n"
                          "二、2026年工作安排\n（一）扩大内需。力争增长5%。\n")
    last = [s for s in report.sections if s.part == "summary"][-1]
    assert (last.number, last.label) == (None, "2025年工作回顾")
    assert fold(closing)[:8] in fold(report.text[last.start:last.end])
    inside = segment_text("某某省2026年政府工作报告\n一、2025年工作回顾\n（一）稳经济。生产总值增长5%。\n" + closing +
                          "\n（二）促创新。新增企业800家。\n")
    assert [(s.number, s.label) for s in inside.sections if s.part == "summary"][1:] == [(1, "稳经济"), (2, "促创新")]


def test_one_paragraph_opening_with_two_short_phrases_is_no_section(segment_text: SegmentText) -> None:
    report = segment_text("某某镇2025年工作总结\n一、主要工作\n悠悠万事，民生为大。全年新增就业300人。\n")
    assert not [s for s in report.sections if s.number is not None]


def test_leads_into_the_problems_and_the_plan_cut_a_summary_with_no_part_headings(segment_text: SegmentText) -> None:
    """A town's 工作总结 of 一是… leads, then 当前…存在一些困难和问题：… and 2026年，我镇将重点抓好以下工作：一是…；二是…"""
    report = segment_text("青溪镇2025年工作总结\n2025年，青溪镇各项工作取得新进展。\n一是产业发展有新突破。新发展茶叶2000亩。\n"
                          "二是民生保障有新提升。发放救助资金680万元。\n当前，我镇发展中还存在一些困难和问题：一是产业规模偏小，"
                          "二是基础设施仍有短板。\n2026年，我镇将重点抓好以下工作：一是做强特色产业，力争茶叶面积达到1.2万亩；"
                          "二是补齐短板，新建村组道路10公里。\n")
    assert [s.part for s in report.sections] == ["summary", "summary", "summary", "problems", "plan"]
    assert [p.label for p in find_problems(report)] == ["产业规模偏小", "基础设施仍有短板"]


def test_source_meta_title_used_when_the_text_has_none(segment_text: SegmentText) -> None:
    report = segment_text("一、2025年工作回顾\n全年各项工作有序推进。\n",
                          meta={"title": "2026年某某市政府工作报告"})
    assert report.title == "2026年某某市政府工作报告"
    assert report.text.split("\n")[0] == report.title
    assert (report.period, report.plan_period, report.level) == ("2025年", "2026年", "city")
    _check_sentences(report)


def test_segment_keeps_the_path(segment_text: SegmentText) -> None:
    report = segment(SourceText(path="some/where/r.txt", text=WEB_REPORT))
    assert report.path == "some/where/r.txt"


# --- half-width and full-width punctuation ------------------------------------------------------

#: The same report in full-width punctuation; its half-width twin is made by translation.
FULL_WIDTH = """\
某某市某某区和风街道办事处2024年上半年工作报告和下半年工作计划
信息来源：某某市某某区和风街道办事处 信息提供日期：2024-07-15
一、上半年工作总结
上半年，和风街道各项工作有序推进！
（一）经济发展稳中有进。规上工业增加值增长8.5%，新增企业12家。
（二）城市建设提质增效：新建口袋公园2个（含社区公园1个）。
二、存在的主要问题
一是经济增长动力不足。企业经营困难。二是公共服务供给不足。学位仍然紧张。
三、下半年工作计划
（一）抓经济，促发展。力争新增企业20家以上；推进产业升级。
（二）抓建设。完成拆除率90%。
"""
HALF = str.maketrans("，；：（）！？", ",;:()!?")


def _structure(report: Report) -> tuple:
    return (
        report.title, report.issuer, report.date, report.period, report.plan_period, report.level,
        [(s.id, s.part, s.number, fold(s.heading), fold(s.label), [(x.start, x.end, fold(x.text)) for x in s.sentences])
         for s in report.sections],
        [(fold(p.label), p.section_id, p.sentence.index) for p in find_problems(report)],
    )


def test_half_and_full_width_punctuation_give_the_same_structure(segment_text: SegmentText) -> None:
    full = segment_text(FULL_WIDTH)
    half = segment_text(FULL_WIDTH.translate(HALF))
    assert "(一)" in half.text and "（一）" in full.text
    assert _structure(half) == _structure(full)
    assert [s.label for s in full.sections if s.number] == [
        "经济发展稳中有进", "城市建设提质增效", "抓经济", "抓建设"]
    assert full.date == "2024-07-15"


def test_half_width_semicolon_ends_a_heading_like_the_full_width_one(segment_text: SegmentText) -> None:
    text = FULL_WIDTH.replace("一是经济增长动力不足。企业经营困难。", "一是经济增长动力不足；企业经营困难。")
    text = text.replace("（一）经济发展稳中有进。", "（一）经济发展稳中有进；产业升级加快。")
    full = segment_text(text)
    half = segment_text(text.translate(HALF))
    assert find_problems(full)[0].label == "经济增长动力不足"
    assert _structure(half) == _structure(full)


def test_a_part_holding_problems_and_next_steps(segment_text: SegmentText) -> None:
    """二、存在的问题和下一步打算 with （一）存在问题 / （二）下一步打算: problems, then a plan."""
    report = segment_text(
        "青松街道2024年上半年工作总结\n"
        "一、上半年工作总结\n（一）经济发展。规上工业增加值增长5%。\n"
        "二、存在的问题和下一步打算\n"
        "（一）存在问题。一是产业空间不足。二是配套设施滞后。\n"
        "（二）下一步打算。力争全年规上工业增加值增长6%。\n"
    )
    assert [p.label for p in find_problems(report)] == ["产业空间不足", "配套设施滞后"]
    parts = {sec.heading: sec.part for sec in report.sections if sec.number is not None}
    assert parts["存在问题"] == "problems" and parts["下一步打算"] == "plan"


# --- headings inline: reports copied as one long line ------------------------------------------

def _pieces(line: str, head: int = 0) -> list[str]:
    return [text for text, _, _ in split_line(line, head)]


def test_headings_inline_start_paragraphs() -> None:
    line = ("现将工作总结如下：一、工作开展情况（一）抓党建，强引领。开展党日活动24次。"
            "一是强化学习。组织学习12次。二是严格管理。开展谈心谈话30人次。")
    assert _pieces(line) == [
        "现将工作总结如下：", "一、工作开展情况", "（一）抓党建，强引领。开展党日活动24次。",
        "一是强化学习。组织学习12次。", "二是严格管理。开展谈心谈话30人次。",
    ]


def test_a_part_heading_ends_where_its_part_words_end() -> None:
    assert _pieces("一、上半年工作总结2024年以来，街道各项工作有序推进。") == [
        "一、上半年工作总结", "2024年以来，街道各项工作有序推进。"]
    assert _pieces("二、存在的问题和下一步打算一是产业空间不足。") == ["二、存在的问题和下一步打算", "一是产业空间不足。"]
    # a part's words that a predicate follows are a sentence, not a heading and its text
    assert _pieces("一、上半年工作成效显著，各项指标向好。") == ["一、上半年工作成效显著，各项指标向好。"]
    # a space a copy made of a line break ends a heading of any words
    assert _pieces("三、全面加强政府自身建设 各级政府要提高执行力。") == ["三、全面加强政府自身建设", "各级政府要提高执行力。"]


def test_numbers_lists_and_clauses_are_not_headings() -> None:
    for line in ("全年完成投资1.5亿元。2.5万人次参加培训。",
                 "建成一、二级医院各1所。",
                 "主要做法是，一是抓学习，二是抓落实。",
                 "按照第三条（一）项规定办理。",
                 "重点抓好三件事：一是扩大内需；二是稳定就业；三是改善民生。"):
        assert _pieces(line) == [line], line


def test_one_sentence_items_of_a_list_stay_in_their_paragraph() -> None:
    line = "问题也不容忽视。一是产业结构偏重。二是创新能力不足。三是开放水平不高。下一步将着力解决。"
    assert _pieces(line) == [line]


def test_page_head_run_together_comes_apart() -> None:
    line = ("下载打印全屏收藏【字号：加大还原减小】2026年某某市政府工作报告"
            "——2026年1月25日在某某市第十六届人民代表大会第四次会议上来源：某某日报时间：2026-01-30"
            "某某市市长 某某各位代表：现在，我代表市人民政府向大会报告工作。")
    assert _pieces(line, head=len(line)) == [
        "下载打印全屏收藏", "【字号：加大还原减小】", "2026年某某市政府工作报告",
        "——2026年1月25日在某某市第十六届人民代表大会第四次会议上", "来源：某某日报", "时间：2026-01-30",
        "某某市市长 某某", "各位代表：", "现在，我代表市人民政府向大会报告工作。",
    ]


def test_spaces_a_copy_left_are_dropped_but_not_inside_a_slogan(segment_text: SegmentText) -> None:
    report = segment_text("某某镇2024年工作总结 一、2024年工作总结 全年新建道路3 条，打响“好客某某 好品某某”品牌。")
    assert "全年新建道路3条，打响“好客某某 好品某某”品牌。" in [s.text for s in report.sentences()]


#: Generous bounds against runaway time: segmentation is linear in the text.
_RUNAWAY_SECONDS = 60


@pytest.mark.parametrize("text", [
    "经济发展" * 1_250_000,                      # 5 MB on one line, no punctuation
    "经济 发展 " * 830_000,                      # 5 MB on one line, spaces only
    "\n".join("经" for _ in range(100_000)),     # 100k one-character lines
    "。一是某某" * 200_000,                      # a million characters of lead-ins
    "一、二是（一）1." * 100_000,                # headings inside headings, without end
], ids=["one-line", "spaced-line", "short-lines", "lead-ins", "nested-headings"])
def test_segmentation_is_linear_in_the_text(segment_text: SegmentText, text: str) -> None:
    started = time.perf_counter()
    report = segment_text(text)
    assert report.sections
    assert time.perf_counter() - started < _RUNAWAY_SECONDS


# --- metadata on real pages ------------------------------------------------------------------


def test_issuer_from_the_meeting_line_when_the_title_names_none(segment_text: SegmentText) -> None:
    text = ("2026年政府工作报告\n来源：某某日报\n——2026年1月28日在某某省第十四届人民代表大会第四次会议上\n"
            "省长 某某某\n各位代表：\n一、2025年工作回顾\n全年各项工作有序推进。\n")
    report = segment_text(text)
    assert report.issuer == "某某省人民政府"  # the newspaper of 来源 is not the issuer
    assert (report.level, report.region) == ("province", ["某某省"])
    assert report.date == "2026-01-28"


def test_issuer_from_the_speaker_line(segment_text: SegmentText) -> None:
    report = segment_text("政府工作报告\n某某市市长 某某某\n各位代表：\n一、2025年工作回顾\n全年各项工作有序推进。\n")
    assert report.issuer == "某某市人民政府"
    assert report.level == "city"


def test_the_speech_dates_a_report_before_the_page_does(segment_text: SegmentText) -> None:
    text = ("2026年某某市政府工作报告\n——2026年2月3日在某某市第十六届人民代表大会第四次会议上\n"
            "时间：2026-02-09\n各位代表：\n一、2025年工作回顾\n全年各项工作有序推进。\n")
    assert segment_text(text).date == "2026-02-03"
    assert segment_text(text.replace("——2026年2月3日在某某市第十六届人民代表大会第四次会议上\n", "")).date == "2026-02-09"


def test_the_day_a_report_is_signed_dates_it(segment_text: SegmentText) -> None:
    body = "某某县统计局2026年上半年工作总结\n一、上半年工作情况\n2026年3月5日，召开全县统计工作会议。\n"
    assert segment_text(body + "某某县统计局\n2026年7月8日\n").date == "2026-07-08"
    assert segment_text(body + "某某县统计局\n二〇二六年七月八日\n").date == "2026-07-08"
    assert segment_text(body + "全年任务于2026年12月31日\n").date == "2026-03-05"  # a day something is due by


def test_a_year_in_chinese_digits(segment_text: SegmentText) -> None:
    report = segment_text("某某镇二〇二五年工作计划\n一、二〇二五年工作安排\n新建道路3条。\n")
    assert (report.period, report.plan_period) == ("2025年", "2025年")
    assert {s.part for s in report.sections if s.label == "二〇二五年工作安排"} == {"plan"}


def test_a_column_name_run_into_the_title_is_dropped(segment_text: SegmentText) -> None:
    report = segment_text("要闻2026年某某省政府工作报告\n一、2025年工作回顾\n全年各项工作有序推进。\n")
    assert report.title == "2026年某某省政府工作报告"
    assert report.issuer == "某某省政府"


def test_periods_from_the_part_headings_when_the_title_is_vague(segment_text: SegmentText) -> None:
    report = segment_text("某某镇2024年工作报告\n一、2023年工作回顾\n全年各项工作有序推进。\n"
                          "二、2024年工作安排\n新建道路3条。\n")
    assert (report.period, report.plan_period) == ("2023年", "2024年")
    report = segment_text("一、2024年工作总结\n全年各项工作有序推进。\n二、2025年工作计划\n新建道路3条。\n")
    assert (report.period, report.plan_period) == ("2024年", "2025年")


def test_stated_metadata_keeps_the_periods_the_headings_gave(segment_text: SegmentText) -> None:
    from reportgraph.metadata import Metadata
    from reportgraph.segment.meta import apply_stated

    report = segment_text("某某镇2024年工作报告\n一、2023年工作回顾\n全年各项工作有序推进。\n"
                          "二、2024年工作安排\n新建道路3条。\n")
    apply_stated(report, Metadata(issuer="某某县某某镇人民政府"))
    assert (report.period, report.plan_period) == ("2023年", "2024年")
    assert report.level == "town"


# --- the part a heading opens ------------------------------------------------------------------


@pytest.mark.parametrize(("heading", "part"), [
    ("一、2025年工作回顾", "summary"),
    ("一、工作开展情况", "summary"),
    ("二、2026年主要工作", "plan"),             # a word both use: the plan year decides
    ("二、2025年主要工作", "summary"),
    ("二、工作思路", "plan"),
    ("二、下步工作打算", "plan"),
    ("二、“十五五”时期主要目标任务", "plan"),
    ("二、“十四五”时期发展成就和“十五五”时期主要目标任务", "plan"),  # the word it ends with
    ("二、重点工作完成情况", "summary"),
    ("二、一张蓝图绘到底，奋力推动“十五五”开好局", "plan"),          # the five-year period
    ("二、全面加强政府自身建设", "plan"),       # no word, after a summary of a report that plans
    ("第二部分 2026年工作安排", "plan"),
])
def test_the_part_a_heading_opens(segment_text: SegmentText, heading: str, part: str) -> None:
    report = segment_text(f"2026年某某市政府工作报告\n一、2025年工作回顾\n全年各项工作有序推进。\n{heading}\n新建道路3条。\n")
    assert _section_of(report, "新建道路3条。").part == part


def test_unnumbered_part_headings(segment_text: SegmentText) -> None:
    report = segment_text("某某镇2021年政府工作报告\n各位代表：\n2020年工作回顾\n全镇地方财政收入增长9%。\n"
                          "2021年工作安排\n力争地方财政收入增长8%。\n")
    assert _section_of(report, "全镇地方财政收入增长9%。").part == "summary"
    assert _section_of(report, "力争地方财政收入增长8%。").part == "plan"
    # a short line that only names a target list is not a part heading
    report = segment_text("某某镇2021年工作计划\n一、2021年工作计划\n今年的\n主要预期目标\n是：地区生产总值增长6%。\n")
    assert len({s.part for s in report.sections if s.part != "preamble"}) == 1


def test_a_lead_into_the_plan_starts_the_plan(segment_text: SegmentText) -> None:
    report = segment_text("2020年工作回顾\n全镇各项工作有序推进。今年重点抓好以下工作：\n"
                          "（一）抓产业。新增企业10家。\n（二）抓民生。新建学校1所。\n")
    assert _section_of(report, "今年重点抓好以下工作：").part == "summary"
    assert [s.part for s in report.sections if s.number] == ["plan", "plan"]
    past = segment_text("2020年工作回顾\n一年来，我们重点做了以下工作。\n一是抓产业。新增企业10家。\n二是抓民生。新建学校1所。\n")
    assert {s.part for s in past.sections if s.number} == {"summary"}


def test_review_paragraphs_opening_with_the_year_are_sections(segment_text: SegmentText) -> None:
    report = segment_text("某某镇2021年政府工作报告\n2020年工作回顾\n2020年极不平凡。\n"
                          "这一年，我们众志成城，疫情防控全员应战。全镇实现零感染。\n"
                          "这一年，我们攻坚克难，项目建设提速提效。新开工项目12个。\n")
    assert [(s.number, s.heading) for s in report.sections if s.number] == [
        (1, "我们众志成城，疫情防控全员应战"), (2, "我们攻坚克难，项目建设提速提效")]


def test_a_part_numbered_in_turn_by_two_styles(segment_text: SegmentText) -> None:
    report = segment_text("一、2025年工作回顾\n这一年，重大工程顺利开工。全年投资增长8%。\n"
                          "一年来，我们重点做了以下工作。\n一是稳增长。地区生产总值增长6%。\n"
                          "二是惠民生。新增就业3万人。\n")
    assert [s.label for s in report.sections if s.number] == ["重大工程顺利开工", "稳增长", "惠民生"]


def test_an_appendix_listing_the_plan_years_work_is_plan(segment_text: SegmentText) -> None:
    text = ("2026年某某市政府工作报告\n一、2025年工作回顾\n全年各项工作有序推进。\n二、2026年工作安排\n新建道路3条。\n"
            "附件1\n2026年市十件民生实事\n坚持民生为大，办好以下实事。\n1.新增城镇就业3万人。\n2.新建学校5所。\n"
            "附件2\n名词解释\n1.“四上”企业：规模以上工业企业等。\n")
    report = segment_text(text)
    assert _section_of(report, "新增城镇就业3万人。").part == "plan"
    assert _section_of(report, "坚持民生为大，办好以下实事。").part == "plan"
    assert _section_of(report, "规模以上工业企业等。").part == "other"
    assert "2026年市十件民生实事" in report.text.split("\n")  # the appendix's title is a line of its own


def test_a_plans_appendix_of_its_own_year_titled_on_the_markers_line_is_plan(segment_text: SegmentText) -> None:
    text = ("某某县农业农村局2026年工作计划\n一、重点任务\n（一）抓好粮食生产。新建高标准农田2万亩。\n"
            "（二）建设和美乡村。完成户厕改造1200户。\n附件：2026年农业农村民生实事\n1.完成农村公路提质改造80公里；\n"
            "2.新建村级寄递物流综合服务站20个。\n")
    report = segment_text(text)
    assert (report.period, report.plan_period) == ("2026年", "2026年")
    assert _section_of(report, "完成农村公路提质改造80公里；").part == "plan"


def test_a_numbered_line_ending_with_a_semicolon_is_a_lists_item_not_a_heading(segment_text: SegmentText) -> None:
    text = ("某某县农业农村局2026年工作计划\n一、主要目标\n1.粮食播种面积稳定在45万亩以上；\n2.新建高标准农田2.5万亩；\n"
            "3.培育龙头企业5家。\n二、重点任务\n1.抓好粮食生产。推广稻渔共生模式1万亩。\n2.发展特色产业。建设冷链仓储中心。\n")
    report = segment_text(text)
    assert _section_of(report, "新建高标准农田2.5万亩；").label == "主要目标"
    assert [s.label for s in report.sections if s.number] == ["抓好粮食生产", "发展特色产业"]


@pytest.mark.parametrize("title, periods", [
    ("某某局2025年前三季度工作总结及第四季度工作计划", ("2025年前三季度", "2025年第四季度")),
    ("某某区2025年1-9月工作总结", ("2025年1-9月", "")),
    ("某某局2025年一季度工作总结", ("2025年一季度", "")),
    ("某某街道2024年上半年工作总结和下半年工作计划", ("2024年上半年", "2024年下半年")),
])
def test_the_parts_of_a_year_a_title_names(segment_text: SegmentText, title: str, periods: tuple[str, str]) -> None:
    report = segment_text(f"{title}\n一、工作完成情况\n全年各项工作有序推进。\n")
    assert (report.period, report.plan_period) == periods


def test_two_numbering_styles_on_the_same_paragraphs_do_not_fail_the_report(segment_text: SegmentText) -> None:
    """一是加强科技创新，推动产业升级。 is both a 一是 heading and two short phrases: the styles tie on where they
    start and end, and the one looked for first (一是) numbers the sections."""
    report = segment_text("某某省2026年政府工作报告\n一、2025年工作回顾\n过去一年，全省经济稳中有进。\n"
                          "一是加强科技创新，推动产业升级。新开工项目120个。\n"
                          "二是狠抓项目建设，支撑经济增长。新增企业800家。\n"
                          "二、2026年工作安排\n（一）扩大内需。力争增长5%。\n")
    assert [(s.number, s.label) for s in report.sections if s.part == "summary" and s.number] == [
        (1, "加强科技创新"), (2, "狠抓项目建设")]


def test_a_reviews_paragraphs_open_with_two_phrases_of_up_to_sixteen_characters(segment_text: SegmentText) -> None:
    report = segment_text("某某省2026年政府工作报告\n一、“十四五”时期工作回顾\n五年来主要做了以下工作。\n"
                          "我们加快构建现代化基础设施体系，着力强化发展的支撑保障。新建高速公路800公里。\n"
                          "我们扭住高质量发展首要任务，全力推进工业强省。新增企业800家。\n"
                          "二、2026年工作安排\n（一）扩大内需。力争增长5%。\n")
    assert [s.label for s in report.sections if s.part == "summary" and s.number] == [
        "我们加快构建现代化基础设施体系", "我们扭住高质量发展首要任务"]


def test_furniture_patterns_find_what_one_alternation_of_them_finds() -> None:
    """The patterns that open with ^ are asked together, the others apart: what is found is what one
    alternation of all of them finds, a source with its own top-level | included."""
    import re

    from reportgraph.segment.clean import _AnyOf

    sources = ("^首页", "触碰右侧展开", "^分享|到此为止")
    found = _AnyOf(sources)
    whole = re.compile("|".join(f"(?:{s})" for s in sources))
    for line in ("首页 > 栏目", "正文首页", "请触碰右侧展开", "分享到微信", "全文到此为止", "政府工作报告"):
        assert found.search(line) == bool(whole.search(line)), line


def test_five_years_leads_between_two_styles_runs_are_sections_of_their_own(segment_text: SegmentText) -> None:
    """——…五年 sections, 五年来，政府自身建设取得新成效。 leads, then the year's 某某，某某。 sections: each in turn."""
    review = ("——经济运行稳中有进。生产总值年均增长5%。\n——民生福祉不断增进。新增就业300万人。\n"
              "五年来，政府自身建设取得新成效。提请审议地方性法规草案61件。\n"
              "五年来，国防动员工作扎实推进。建成示范点20个。\n"
              "刚刚过去的2025年，全省经济稳中有进。\n"
              "加强科技创新，驱动能源转型。研发投入增长8%。\n狠抓项目建设，支撑产业升级。新开工项目500个。\n")
    report = segment_text("某某省2026年政府工作报告\n一、“十四五”时期工作回顾\n" + review +
                          "二、2026年工作安排\n（一）扩大内需。力争增长5%。\n")
    labels = [s.label for s in report.sections if s.part == "summary" and s.number is not None]
    assert labels[2:4] == ["政府自身建设取得新成效", "国防动员工作扎实推进"]
    assert labels[-2:] == ["加强科技创新", "狠抓项目建设"]
