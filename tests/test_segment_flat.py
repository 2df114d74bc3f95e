"""A report written on one line gives what the same report with its line breaks gives.

Web pages and crawls hand over reports as one long line, or a few: every line
break turned into a space, or removed. Each invented report here (in the style
of the genre: 某某 names, made-up figures) is built as written and flattened
both ways; the sections, sentences, entities, indicators, problems and
metadata must be the same (offsets aside), and the structure must be the one
the report has.
"""
from __future__ import annotations

import pytest

from flatten import VARIANTS, differences, flatten, signature
from reportgraph.model import LinkedReport
from reportgraph.pipeline import build_text

#: A subdistrict's half-year report: a colon lead-in before the first section, 一是 lists
#: inside sections, a problems part of 一是 items, a plan opening with its main targets.
SUBDISTRICT = """\
某某市某某区青松街道办事处2024年上半年工作总结和下半年工作计划
一、上半年工作总结
上半年，青松街道在区委、区政府的坚强领导下，推动各项工作取得扎实成效：
（一）坚持稳中求进，经济发展实现新提升。
上半年，实现规上工业总产值128.5亿元，同比增长6.2%；固定资产投资23.4亿元，增长8.1%。一是强化企业服务，走访企业320家次。二是拓展产业空间，新增产业用房5.2万平方米。
（二）坚持民生为本，社会事业取得新进展。
新增学位1200个，改造老旧小区3个，建成口袋公园2个。
二、存在的主要问题
一是产业转型任重道远。新兴产业规模偏小。
二是公共服务供给不足。学位和床位仍然紧张。
三、下半年工作计划
下半年主要预期目标是：规上工业总产值增长6%以上，固定资产投资增长10%。
（一）抓经济，促发展。
力争新增规上企业15家，推动青松科技园二期动工。
（二）抓民生，增福祉。
新增学位800个，完成老旧小区改造2个。
"""

#: A county's 政府工作报告 as delivered: a spaced title, a dateline a line break cut, the
#: speaker, the salutation, ——lead-ins in the review, problems after 清醒地看到, targets, and
#: 一是 lead-in paragraphs in the plan.
GOVERNMENT = """\
某某县2025年政府工作报告
政 府 工 作 报 告
——2025年1月18日在某某县第十八届人民代表大会
第五次会议上
某某县人民政府县长 某某某
各位代表：
现在，我代表县人民政府，向大会报告工作，请予审议。
一、2024年工作回顾
过去一年，全县上下攻坚克难，经济社会发展取得新成效。
——经济运行稳中向好。地区生产总值增长5.8%，一般公共预算收入增长7.2%。
——项目建设提速提效。实施重点项目86个，完成投资126亿元。
同时我们清醒地看到，发展中还面临一些困难和挑战。有效需求不足；部分企业生产经营困难。
二、2025年经济社会发展主要预期目标
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业8000人。
三、2025年重点工作
一是扩大有效需求。新开工重点项目30个，完成投资130亿元以上。
二是推进乡村振兴。新建高标准农田2万亩，培育农民专业合作社20家。
"""

#: A town's report with unnumbered part headings (2023年工作回顾), 1. 2. sections and a
#: plan part naming its year.
TOWN = """\
某某镇2024年工作报告
2023年工作回顾
2023年，全镇上下团结一心，完成地方财政收入1.2亿元，增长9.5%。
1.产业发展提质增效。新增规上企业6家，工业总产值达到35亿元。
2.民生事业全面进步。新建村级卫生室4个，改造农村公路12公里。
2024年工作安排
2024年，全镇将重点抓好以下工作。
1.抓项目促投资。力争完成固定资产投资15亿元。
2.抓民生补短板。新建幼儿园1所，新增学位300个。
"""

#: The same kind of report copied from a news page: toolbar, source and time, a photo
#: caption, and related links after the end; 工作开展情况 and 下一步工作打算 parts.
PAGE = """\
下载
打印
全屏
收藏
【字号：
加大
还原
减小
】
某某市某某局2024年工作总结和2025年工作计划
来源：某某日报
时间：2025-01-10
某某局局长某某某作工作报告。本报记者 某某 摄
现将工作总结如下：
一、工作开展情况
（一）抓党建，强引领。开展主题党日活动24次，培训党员干部1500人次。
（二）抓服务，优环境。办理政务服务事项3.6万件，办结率100%。
二、下一步工作打算
（一）深化改革。力争政务服务事项网上可办率达到98%以上。
（二）强化保障。新建便民服务站5个。
相关报道：
某某局召开年度工作会议
"""

#: A bureau's report kept in an archive: its header of labelled fields, chapters (第一部分)
#: whose sections are numbered 一、 with （一） items inside, numbering that repeats (two （二）).
ARCHIVE = """\
标题：某某县某某局2024年工作总结和2025年工作思路
发布时间：2025-01-06
原文链接：http://www.example.gov.cn/art/2025/1/6/art_1.html
第一部分 2024年工作总结
一、重点项目加快推进。全年完成投资12.6亿元。
（一）交通项目。新改建农村公路42公里。
（二）水利项目。新建小型水库2座。
（二）民生项目。新建村级养老服务站6个。
二、营商环境持续优化。新增市场主体1860户。
第二部分 2025年工作思路
一、抓项目稳投资。力争完成投资15亿元。
二、优服务增活力。新增市场主体2000户以上。
"""

#: A bureau's report whose parts number their sections (1) (2), ① ② and 第一， 第二， (no (一)).
BUREAU = """\
某某县某某局2025年工作总结
一、2025年工作开展情况
（1）抓统计调查。完成专项调查12项。
（2）抓数据质量。数据差错率控制在1%以内。
二、存在的问题
基层统计力量薄弱。
三、2026年工作计划
①抓普查。力争完成普查任务3项。
②抓服务。发布统计信息60条以上。
四、保障措施
第一，强化组织领导。培训统计人员200人次。
第二，强化督查考核。开展督查4次。
"""

#: A town's plan of main points whose items go on numbering across its parts (一、… 1. 2. 二、… 3.).
POINTS = """\
某某镇2026年工作要点
主要预期目标：地区生产总值增长6%左右。
一、聚力产业发展
1.壮大工业经济。全年新增规上工业企业3家以上。
2.发展现代农业。新建高标准农田5000亩。
二、建设美丽城镇
3.完善基础设施。硬化通村道路12公里。
4.改善人居环境。完成农村户厕改造600户。
"""

#: A bureau's page whose source line is followed by a first sentence that opens with its year.
SOURCED = """\
某某县教育局2025年工作总结
发布时间：2025-12-26 来源：某某县教育局
2025年，县教育局在县委、县政府的坚强领导下，各项工作取得新成效。
一、2025年工作开展情况
（一）办学条件持续改善。新增学位3600个。
"""

#: A town's report in chapters whose section headings end with no mark: with the line breaks removed,
#: each heading is glued to the sentence of figures after it (一、产业发展势头良好全年新签约项目12个).
CHAPTERS = """\
某某镇2025年工作总结和2026年工作计划
第一部分 2025年工作总结
一、产业发展势头良好
全年新签约项目12个，协议投资额23.5亿元。
二、民生保障持续改善
新增城镇就业580人，发放救助资金860万元。
第二部分 2026年工作计划
一、全力抓招商
围绕食品加工主导产业，力争引进亿元以上项目3个。
二、用心办民生
新增城镇就业500人以上，完成农村危房改造30户。
"""

REPORTS = {"subdistrict": SUBDISTRICT, "government": GOVERNMENT, "town": TOWN, "page": PAGE, "archive": ARCHIVE,
           "bureau": BUREAU, "points": POINTS, "sourced": SOURCED, "chapters": CHAPTERS}


@pytest.fixture(scope="module")
def built() -> dict[str, dict[str, LinkedReport]]:
    """Each report built as written and in every flattened variant, once."""
    return {name: {"written": build_text(text), **{v: build_text(flatten(text, j)) for v, j in VARIANTS.items()}}
            for name, text in REPORTS.items()}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_a_flattened_report_gives_what_the_report_gives(built: dict[str, dict[str, LinkedReport]],
                                                        name: str, variant: str) -> None:
    written, flat = signature(built[name]["written"]), signature(built[name][variant])
    assert differences(written, flat) == {}


def _parts(linked: LinkedReport) -> list[tuple[str, int | None, str]]:
    return [(s.part, s.number, s.label) for s in linked.report.sections]


def test_the_subdistrict_report_has_its_parts_and_sections(built: dict[str, dict[str, LinkedReport]]) -> None:
    linked = built["subdistrict"]["removed"]
    assert _parts(linked) == [
        ("preamble", None, "前言"),
        ("summary", None, "上半年工作总结"),
        ("summary", 1, "坚持稳中求进"),
        ("summary", 2, "坚持民生为本"),
        ("problems", None, "存在的主要问题"),
        ("plan", None, "主要预期目标"),
        ("plan", 1, "抓经济"),
        ("plan", 2, "抓民生"),
    ]
    assert [p.label for p in linked.problems] == ["产业转型任重道远", "公共服务供给不足"]
    kinds = {i.metric: i.kind for i in linked.indicators}
    assert kinds["规上工业总产值"] == "target" and kinds["固定资产投资"] == "target"
    assert any(i.kind == "achievement" and i.metric == "规上工业总产值" for i in linked.indicators)


def test_the_government_report_has_its_head_parts_and_lead_ins(built: dict[str, dict[str, LinkedReport]]) -> None:
    linked = built["government"]["space"]
    report = linked.report
    assert (report.title, report.date, report.period, report.plan_period) == (
        "某某县2025年政府工作报告", "2025-01-18", "2024年", "2025年")
    texts = [s.text for s in report.sentences()]
    assert "——2025年1月18日在某某县第十八届人民代表大会第五次会议上" in texts
    assert "政 府 工 作 报 告" not in report.text
    assert [(p, n, label) for p, n, label in _parts(linked) if n is not None] == [
        ("summary", 1, "经济运行稳中向好"),
        ("summary", 2, "项目建设提速提效"),
        ("plan", 1, "扩大有效需求"),
        ("plan", 2, "推进乡村振兴"),
    ]
    assert "有效需求不足" in [p.label for p in linked.problems]


def test_the_town_report_finds_its_unnumbered_parts(built: dict[str, dict[str, LinkedReport]]) -> None:
    linked = built["town"]["removed"]
    assert [(p, n, label) for p, n, label in _parts(linked) if n is not None] == [
        ("summary", 1, "产业发展提质增效"),
        ("summary", 2, "民生事业全面进步"),
        ("plan", 1, "抓项目促投资"),
        ("plan", 2, "抓民生补短板"),
    ]
    assert {i.kind for i in linked.indicators if i.metric == "固定资产投资"} == {"target"}


def test_the_page_loses_its_furniture_and_keeps_its_metadata(built: dict[str, dict[str, LinkedReport]]) -> None:
    for variant in ("written", *VARIANTS):
        report = built["page"][variant].report
        for furniture in ("下载", "字号", "来源", "本报记者", "相关报道", "年度工作会议"):
            assert furniture not in report.text, (variant, furniture)
        assert report.title == "某某市某某局2024年工作总结和2025年工作计划"
        assert (report.date, report.period, report.plan_period) == ("2025-01-10", "2024年", "2025年")
        assert [s.part for s in report.sections if s.number] == ["summary", "summary", "plan", "plan"]


def test_the_archived_report_reads_its_header_and_chapters(built: dict[str, dict[str, LinkedReport]]) -> None:
    linked = built["archive"]["removed"]
    report = linked.report
    assert report.title == "某某县某某局2024年工作总结和2025年工作思路"
    assert (report.date, report.period, report.plan_period) == ("2025-01-06", "2024年", "2025年")
    assert report.issuer == "某某县某某局"
    assert "原文链接" not in report.text and "http" not in report.text
    assert [(p, n, label) for p, n, label in _parts(linked) if n is not None] == [
        ("summary", 1, "重点项目加快推进"),
        ("summary", 2, "营商环境持续优化"),
        ("plan", 1, "抓项目稳投资"),
        ("plan", 2, "优服务增活力"),
    ]


def test_the_bureau_report_numbers_its_sections_in_other_styles(built: dict[str, dict[str, LinkedReport]]) -> None:
    report = built["bureau"]["written"].report
    numbered = [(s.part, s.number, s.label) for s in report.sections if s.number is not None]
    assert numbered[:4] == [("summary", 1, "抓统计调查"), ("summary", 2, "抓数据质量"),
                            ("plan", 1, "抓普查"), ("plan", 2, "抓服务")]
    assert [label for _, _, label in numbered[4:]] == ["强化组织领导", "强化督查考核"]


def test_items_numbered_across_parts_open_their_sections(built: dict[str, dict[str, LinkedReport]]) -> None:
    for report in built["points"].values():
        labels = [sec.label for sec in report.report.sections if sec.number is not None]
        assert labels == ["壮大工业经济", "发展现代农业", "完善基础设施", "改善人居环境"], labels


def test_a_source_line_ends_where_the_first_sentence_opens_with_its_year(
        built: dict[str, dict[str, LinkedReport]]) -> None:
    for report in built["sourced"].values():
        assert report.report.issuer == "某某县教育局"
        assert {"某某县委", "某某县人民政府"} <= {e.name for e in report.entities}


def test_a_heading_glued_to_its_sentence_of_figures_ends_where_the_sentence_opens(
        built: dict[str, dict[str, LinkedReport]]) -> None:
    for report in built["chapters"].values():
        labels = [sec.label for sec in report.report.sections if sec.number is not None]
        assert labels == ["产业发展势头良好", "民生保障持续改善", "全力抓招商", "用心办民生"], labels
        assert "新签约项目" in {i.metric for i in report.indicators}
