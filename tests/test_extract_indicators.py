"""indicators.find_indicators: value, unit, qualifier, metric, kind and work area.

Sentences are invented in the style of the genre; each test writes the few it needs
into the frame of a half-year subdistrict report (``work_report`` in conftest).
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from reportgraph.extract.indicators import find_indicators
from reportgraph.model import Indicator, Report

WorkReport = Callable[..., Report]


def _summary(work_report: WorkReport, *sentences: str) -> list[Indicator]:
    """Indicators of a report whose summary section holds ``sentences`` (the frame has none)."""
    return find_indicators(work_report(summary=list(sentences)))


def _one(work_report: WorkReport, sentence: str) -> Indicator:
    found = _summary(work_report, sentence)
    assert len(found) == 1, [(i.metric, i.value, i.unit) for i in found]
    return found[0]


def _span(ind: Indicator) -> str:
    report_text = ind.sentence.text
    return report_text[ind.start - ind.sentence.start: ind.end - ind.sentence.start]


def test_the_frame_itself_has_no_indicators(work_report: WorkReport) -> None:
    # title with 2024年, 上半年, numbered headings: none of them is a quantity
    assert find_indicators(work_report()) == []


# --- value, unit, qualifier, normalized --------------------------------------------------


def test_percentage_growth(work_report: WorkReport) -> None:
    ind = _one(work_report, "规上工业增加值增长11.2%。")
    assert ind.value == Decimal("11.2")
    assert ind.unit == "%" and ind.base_unit == "%"
    assert ind.normalized == pytest.approx(11.2)
    assert ind.qualifier == ""
    assert ind.metric == "规上工业增加值"
    assert _span(ind) == "11.2%"


def test_hundred_million_yuan_is_normalized_to_yuan(work_report: WorkReport) -> None:
    ind = _one(work_report, "招引新项目带动新增注资5.12亿元。")
    assert ind.value == Decimal("5.12")
    assert ind.unit == "亿元"
    assert ind.normalized == pytest.approx(512_000_000)
    assert ind.base_unit == "元"
    assert _span(ind) == "5.12亿元"


def test_ten_thousand_counter(work_report: WorkReport) -> None:
    ind = _one(work_report, "园区宿舍安装烟感报警器16.47万个。")
    assert (ind.value, ind.unit, ind.base_unit) == (Decimal("16.47"), "万个", "个")
    assert ind.normalized == pytest.approx(164_700)
    assert "烟感报警器" in ind.metric


@pytest.mark.parametrize("line, value, unit, normalized", [
    ("有色金属产业年产值超4千亿元。", "4", "千亿元", 4e11), ("完成技改投资5百亿元。", "5", "百亿元", 5e10),
    ("新增社保基金3千万元。", "3", "千万元", 3e7), ("新增装机2百万千瓦。", "2", "百万千瓦", 2e9),
])
def test_a_digit_before_two_multipliers_is_one_amount(work_report: WorkReport, line: str, value: str, unit: str,
                                                      normalized: float) -> None:
    """4千亿元 is 4 thousand hundred-millions of yuan: both multipliers belong to the amount, which was lost."""
    ind = _one(work_report, line)
    assert (ind.value, ind.unit) == (Decimal(value), unit)
    assert ind.normalized == pytest.approx(normalized)


def test_a_counter_of_batches_tested_is_one_unit(work_report: WorkReport) -> None:
    ind = _one(work_report, "完成食品安全监督抽检860批次。")
    assert (ind.value, ind.unit, ind.metric) == (Decimal("860"), "批次", "食品安全监督抽检")


@pytest.mark.parametrize("line, value, unit", [
    ("开行中欧班列721列。", "721", "列"), ("国际友城达到67对。", "67", "对"), ("发射卫星137颗。", "137", "颗"),
    ("空气质量优良天数281天。", "281", "天"),
])
def test_trains_pairs_satellites_and_days_are_counted(work_report: WorkReport, line: str, value: str, unit: str) -> None:
    ind = _one(work_report, line)
    assert (ind.value, ind.unit) == (Decimal(value), unit)


def test_a_pairing_or_a_counter_after_a_chinese_numeral_is_no_count(work_report: WorkReport) -> None:
    assert not _summary(work_report, "实现1对1帮扶，开展一对一结对。")


def test_qualifier_between_number_and_unit(work_report: WorkReport) -> None:
    ind = _one(work_report, "为务工人员追回欠薪4131余万元。")
    assert ind.value == Decimal("4131")
    assert ind.qualifier == "余"
    assert ind.unit == "万元" and ind.base_unit == "元"
    assert ind.normalized == pytest.approx(41_310_000)
    assert _span(ind) == "4131余万元"


def test_qualifier_after_the_unit(work_report: WorkReport) -> None:
    ind = _one(work_report, "固定资产投资增长11%以上。")
    assert (ind.value, ind.unit, ind.qualifier) == (Decimal("11"), "%", "以上")
    assert ind.metric == "固定资产投资"
    assert _span(ind) == "11%以上"


def test_qualifier_before_the_number(work_report: WorkReport) -> None:
    ind = _one(work_report, "全区算力调用量超610亿次。")
    assert (ind.value, ind.unit, ind.qualifier) == (Decimal("610"), "亿次", "超")
    assert ind.base_unit == "次"
    assert ind.normalized == pytest.approx(61_000_000_000)
    assert _span(ind) == "超610亿次"
    assert "算力调用量" in ind.metric


@pytest.mark.parametrize(("sentence", "qualifier", "span"), [
    ("走访服务企业近300家。", "近", "近300家"),
    ("新增投资不少于2亿元。", "不少于", "不少于2亿元"),
    ("建成口袋公园20余个。", "余", "20余个"),
    ("引进各类人才100多名。", "多", "100多名"),
    ("居民收入增长5%左右。", "左右", "5%左右"),
])
def test_other_qualifiers(work_report: WorkReport, sentence: str, qualifier: str, span: str) -> None:
    ind = _one(work_report, sentence)
    assert ind.qualifier == qualifier
    assert _span(ind) == span


@pytest.mark.parametrize(("sentence", "metric", "value", "unit", "normalized"), [
    ("集装箱航线突破百条。", "集装箱航线", 100, "条", 100),
    ("港口集装箱吞吐量突破千万标箱。", "港口集装箱吞吐量", 1000, "万标箱", 1e7),
    ("林业产业总产值突破万亿元。", "林业产业总产值", 1, "万亿元", 1e12),
    ("参赛队伍上万支，观众逾百万人次。", "参赛队伍", 1, "万支", 1e4),
])
def test_a_bare_magnitude_passed_is_a_round_figure(work_report: WorkReport, sentence: str, metric: str,
                                                   value: int, unit: str, normalized: float) -> None:
    ind = _summary(work_report, sentence)[0]
    assert (ind.metric, ind.value, ind.unit) == (metric, Decimal(value), unit)
    assert ind.normalized == pytest.approx(normalized)


@pytest.mark.parametrize("sentence", ["服务百姓万家。", "迈上万亿元台阶。", "培育产值超千亿元县2个。", "千家万户受益。"])
def test_a_magnitude_inside_words_or_a_class_is_no_figure(work_report: WorkReport, sentence: str) -> None:
    assert all(ind.unit not in ("万亿元", "亿元", "万家") for ind in _summary(work_report, sentence))


def test_rank(work_report: WorkReport) -> None:
    ind = _one(work_report, "社会消费品零售总额增速全区第1。")
    assert (ind.value, ind.unit, ind.base_unit) == (Decimal(1), "名次", "名次")
    assert ind.normalized == 1
    assert _span(ind) == "全区第1"
    assert "社会消费品零售总额" in ind.metric


def test_rank_in_chinese_numerals(work_report: WorkReport) -> None:
    ind = _one(work_report, "固定资产投资增速全市排名第三。")
    assert (ind.value, ind.unit) == (Decimal(3), "名次")


@pytest.mark.parametrize(("sentence", "rank", "span"), [
    ("港口货物吞吐量稳居世界第二。", 2, "世界第二"),
    ("铁路路网密度居西部第一。", 1, "西部第一"),
    ("研发投入强度居中国西部第1位。", 1, "中国西部第1位"),
    ("服务贸易进出口总额居中部首位。", 1, "中部首位"),
])
def test_a_rank_in_a_region_or_the_world(work_report: WorkReport, sentence: str, rank: int, span: str) -> None:
    ind = _one(work_report, sentence)
    assert (ind.value, ind.unit) == (Decimal(rank), "名次")
    assert _span(ind) == span


def test_an_ordinal_of_a_longer_number_is_no_rank(work_report: WorkReport) -> None:
    """全国第11个 is the eleventh province to do something: not a rank, and not 第1 either."""
    assert not _summary(work_report, "我省成为全国第11个获批的省份。")


def test_a_rank_risen_is_the_place_it_rose_to_with_the_metric_before_it(work_report: WorkReport) -> None:
    """从全国第13位升至第9位: the rank stated is 9, of what stands before it (not of 升至); 13 is where it
    came from, no rank it holds."""
    found = _summary(work_report, "进出口总额从全国第13位升至第9位，实际利用外资增长5%。")
    ranks = [(i.value, i.metric) for i in found if i.unit == "名次"]
    assert ranks == [(Decimal(9), "进出口总额")]
    assert [_span(i) for i in found if i.unit == "名次"] == ["全国第13位升至第9位"]


def test_a_rank_before_a_noun_it_describes_takes_the_noun(work_report: WorkReport) -> None:
    ind = _one(work_report, "启用全市第四大的体育中心。")
    assert (ind.value, ind.unit) == (Decimal(4), "名次")
    assert "体育中心" in ind.metric


def test_a_round_of_a_national_programme_is_no_rank(work_report: WorkReport) -> None:
    assert not _summary(work_report, "扎实开展全国第三轮修志试点工作。")


@pytest.mark.parametrize(("sentence", "value", "unit"), [
    ("船舶平均待泊时间同比减少8.9小时。", "8.9", "小时"), ("审批时限缩短至30分钟。", "30", "分钟"),
    ("企业开办时间压缩至1个工作日。", "1", "个工作日"), ("人均预期寿命达到79.4岁。", "79.4", "岁"),
    ("人均预期寿命从80.2岁提升至82.5岁。", "82.5", "岁"), ("总算力达4800PF。", "4800", "PF"),
])
def test_a_time_at_the_end_of_its_clause_is_a_quantity(work_report: WorkReport, sentence: str, value: str,
                                                       unit: str) -> None:
    ind = _one(work_report, sentence)
    assert (ind.value, ind.unit) == (Decimal(value), unit)


@pytest.mark.parametrize("sentence", [
    "构建1小时通勤圈和15分钟便民生活圈。", "落地实施240小时过境免签政策。", "主要城市间基本实现1小时通达。",
    "推动公园24小时开放。", "为80岁以上老年人发放高龄津贴。",
])
def test_a_time_that_names_or_describes_something_is_no_quantity(work_report: WorkReport, sentence: str) -> None:
    assert not _summary(work_report, sentence)


@pytest.mark.parametrize(("sentence", "rank"), [("集成电路封测规模居国内第3位。", 3),
                                               ("高铁路网密度居各省区第一。", 1)])
def test_a_rank_in_the_country_or_among_provinces(work_report: WorkReport, sentence: str, rank: int) -> None:
    ind = _one(work_report, sentence)
    assert (ind.value, ind.unit) == (Decimal(rank), "名次")


def test_the_first_of_its_kind_is_no_rank(work_report: WorkReport) -> None:
    """全国第一条X: the first line of its kind built, an ordinal with a counter, not a place in a ranking."""
    assert not _summary(work_report, "建成全国第一条智能网联公交线路。")


@pytest.mark.parametrize("sentence", ["统筹推进稳增长、防风险、保民生三项基本任务。",
                                      "建强产业、科技、服务业三支招商队伍。", "做大做强东川、南岭两个区域中心城市。"])
def test_a_count_in_words_of_the_items_just_named_is_no_quantity(work_report: WorkReport, sentence: str) -> None:
    assert not _summary(work_report, sentence)


def test_a_count_in_words_of_other_things_than_the_list_stays(work_report: WorkReport) -> None:
    ind = _one(work_report, "建强产业、科技两支队伍，新建学校三所。")
    assert (ind.value, ind.unit) == (Decimal(3), "所")


@pytest.mark.parametrize("sentence", ["加快青禾集团7万吨锌基合金等项目建设。", "开工建设禾电720兆瓦储能电站等项目。",
                                      "释放禾化120万吨乙烯转型升级项目新装置产能。"])
def test_a_capacity_inside_a_projects_name_is_no_quantity(work_report: WorkReport, sentence: str) -> None:
    assert not _summary(work_report, sentence)


def test_an_amount_a_project_is_over_is_its_class_not_a_quantity(work_report: WorkReport) -> None:
    found = _summary(work_report, "新引进落地总投资超10亿元项目50个，安排财政资金75亿元加快项目建设。")
    assert [(i.value, i.unit) for i in found] == [(Decimal(50), "个"), (Decimal(75), "亿元")]
    found = _summary(work_report, "开工建设10亿元以上重大产业项目47个，保障重大项目用能1302万吨标准煤。")
    assert [(i.value, i.unit) for i in found] == [(Decimal(47), "个"), (Decimal(1302), "万吨标准煤")]


def test_a_plans_review_of_the_years_behind_it_states_achievements_until_it_names_its_own_time(
        work_report: WorkReport) -> None:
    """过去五年，…。地区生产总值年均增长4.8%。 inside the plan part is what was done; “十五五”时期… is the plan."""
    found = find_indicators(work_report(plan=[
        "过去五年，我们勇担使命，经济实力实现新跨越。地区生产总值年均增长4.8%，高速公路通车里程突破1万公里。"
        "“十五五”时期，地区生产总值年均增长5%左右。"]))
    assert [(i.kind, i.value) for i in found] == [
        ("achievement", Decimal("4.8")), ("achievement", Decimal(1)), ("target", Decimal(5))]


def test_a_count_of_the_plans_own_indicators_is_no_quantity(work_report: WorkReport) -> None:
    """提出7项指标, 其中预期性指标19项: the plan's list of its indicators; 10个指标实现双位数增长 is a result."""
    assert not _summary(work_report, "围绕民生福祉，提出8项指标。以上共计28项指标，其中预期性指标19项、约束性指标9项。")
    ind = _one(work_report, "限上批发零售等10个指标实现双位数增长。")
    assert (ind.value, ind.unit) == (Decimal(10), "个")


def test_a_speed_or_a_height_is_the_class_of_a_line_or_a_place_not_a_length(work_report: WorkReport) -> None:
    assert not _summary(work_report, "成为拥有时速350公里高铁的省份。")
    assert not _summary(work_report, "海拔4000米以上乡镇全部通硬化路。")
    assert _one(work_report, "新建道路4000米。").value == Decimal(4000)


def test_a_figure_after_mei_is_the_base_of_a_rate_not_a_quantity(work_report: WorkReport) -> None:
    """每10万人刑事案件数下降36.9%: one figure, the drop; the rate's base stays in the metric."""
    assert [(i.metric, i.value, i.unit) for i in _summary(work_report, "每10万人刑事案件数下降36.9%。")] == [
        ("每10万人刑事案件数", Decimal("36.9"), "%")]
    assert _one(work_report, "每1000名老年人拥有养老床位32张。").value == Decimal(32)


def test_a_figure_a_change_starts_from_after_a_named_period_is_its_base(work_report: WorkReport) -> None:
    """由上半年的5.5%降至5.3%: only 5.3% is the period's figure."""
    ind = _one(work_report, "城镇调查失业率由上半年的5.5%降至5.3%。")
    assert ind.value == Decimal("5.3")


def test_a_count_of_milestones_passed_is_no_quantity_and_the_figures_after_are_the_subjects(
        work_report: WorkReport) -> None:
    """地区生产总值跨越3个千亿元台阶，达到1.5万亿元: no 3个, and 1.5万亿元 is the 地区生产总值's."""
    found = _summary(work_report, "地区生产总值跨越3个千亿元台阶，达到1.5万亿元、增长9.8%。")
    assert [(i.metric, i.value) for i in found] == [("地区生产总值", Decimal("1.5")), ("地区生产总值", Decimal("9.8"))]
    found = _summary(work_report, "地区生产总值连续迈上4个万亿元台阶、达14.2万亿元。")
    assert [(i.metric, i.value) for i in found] == [("地区生产总值", Decimal("14.2"))]


def test_a_figure_after_a_verb_alone_is_the_subjects_of_the_clause_before(work_report: WorkReport) -> None:
    assert _one(work_report, "水利建设投资翻番、达27.3亿元。").metric == "水利建设投资"
    assert not _one(work_report, "推进老旧小区和城中村改造，新建100个口袋公园。").metric.startswith("城中村")


def test_chinese_numeral_with_a_counter(work_report: WorkReport) -> None:
    ind = _one(work_report, "开工建设四条道路。")
    assert (ind.value, ind.unit, ind.base_unit) == (Decimal(4), "条", "条")
    assert ind.normalized == 4
    assert ind.metric == "道路"
    assert _span(ind) == "四条"


def test_larger_chinese_numeral(work_report: WorkReport) -> None:
    ind = _one(work_report, "完成招商引资项目十五个。")
    assert (ind.value, ind.unit) == (Decimal(15), "个")
    assert "招商引资项目" in ind.metric


def test_percentage_points(work_report: WorkReport) -> None:
    ind = _one(work_report, "研发投入占比提高2.5个百分点。")
    assert (ind.value, ind.unit, ind.base_unit) == (Decimal("2.5"), "个百分点", "百分点")


def test_offsets_point_into_the_report_text(work_report: WorkReport) -> None:
    report = work_report(summary=["新增企业12家，其中规上工业企业3家。", "清理违法建筑1.5万平方米。"])
    found = find_indicators(report)
    assert [report.text[i.start:i.end] for i in found] == ["12家", "3家", "1.5万平方米"]
    for ind in found:
        assert ind.sentence.start <= ind.start < ind.end <= ind.sentence.end
        assert ind.quote == ind.sentence.text


# --- metric ---------------------------------------------------------------------------------


def test_metric_after_the_number_with_quotes_removed(work_report: WorkReport) -> None:
    ind = _one(work_report, "新增“小升规”工业企业20家。")
    assert "小升规工业企业" in ind.metric
    assert "“" not in ind.metric and "”" not in ind.metric


def test_metric_is_the_counted_noun_after_a_counter(work_report: WorkReport) -> None:
    ind = _one(work_report, "加强出租屋管理，清退4家二房东。")
    assert ind.metric == "二房东"
    assert (ind.value, ind.unit) == (Decimal(4), "家")


def test_two_quantities_of_one_metric(work_report: WorkReport) -> None:
    found = _summary(work_report, "货物进出口总额9.5万亿元、增长4.4%。")
    assert [(i.metric, i.value, i.unit) for i in found] == [
        ("货物进出口总额", Decimal("9.5"), "万亿元"),
        ("货物进出口总额", Decimal("4.4"), "%"),
    ]
    assert found[0].normalized == pytest.approx(9.5e12)
    assert found[0].base_unit == "元"


def test_jun_gives_one_indicator_per_listed_metric(work_report: WorkReport) -> None:
    found = _summary(work_report, "制造业贷款余额、科技贷款余额均增长11.7%。")
    assert [(i.metric, i.value, i.unit) for i in found] == [
        ("制造业贷款余额", Decimal("11.7"), "%"),
        ("科技贷款余额", Decimal("11.7"), "%"),
    ]


def test_fenbie_pairs_metrics_with_values_in_order(work_report: WorkReport) -> None:
    found = _summary(work_report, "刑事治安、涉诈、涉毒警情分别下降17.7%、17.4%、68%。")
    assert [i.value for i in found] == [Decimal("17.7"), Decimal("17.4"), Decimal("68")]
    metrics = [i.metric for i in found]
    assert len(set(metrics)) == 3
    assert metrics[0].startswith("刑事治安")
    assert "涉诈" in metrics[1] and "涉毒" not in metrics[1]
    assert "涉毒" in metrics[2]
    assert all(i.unit == "%" for i in found)


def test_list_of_numbers_shares_the_last_unit(work_report: WorkReport) -> None:
    found = _summary(work_report, "全年接待游客1409万、1305万人次。")
    assert [(i.value, i.unit, i.base_unit) for i in found] == [
        (Decimal("1409"), "万人次", "人次"),
        (Decimal("1305"), "万人次", "人次"),
    ]
    assert [i.normalized for i in found] == [pytest.approx(14_090_000), pytest.approx(13_050_000)]


def test_bare_numbers_listed_after_respectively_share_the_unit_of_the_last(work_report: WorkReport) -> None:
    found = _summary(work_report, "户厕覆盖率、污水治理率、垃圾处理设施覆盖率分别提高20.9、36.2、54个百分点。")
    assert [(i.metric, i.value, i.unit) for i in found] == [
        ("户厕覆盖率", Decimal("20.9"), "个百分点"), ("污水治理率", Decimal("36.2"), "个百分点"),
        ("垃圾处理设施覆盖率", Decimal("54"), "个百分点")]
    assert not _summary(work_report, "建成1、2号线。")  # no 分别: list numbers of lines, no figures


def test_clauses_keep_their_own_metrics(work_report: WorkReport) -> None:
    found = _summary(work_report, "新增企业12家，其中规上工业企业3家。")
    assert [(i.metric, i.value) for i in found] == [("新增企业", Decimal(12)), ("规上工业企业", Decimal(3))]


# --- not quantities ---------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "2024年，各项工作有序推进。",
    "1-5月，各项工作有序推进。",
    "辖区企业获评第八批国家级制造业单项冠军企业。",
    "荣获第十五届少儿戏剧展演金奖。",
    "推行“4+N”捆绑作业模式。",
    "编制“十四五”规划中期评估报告。",
    "推动03-05地块项目主体结构封顶。",
    "完善“5分钟社会救援圈”创建工作。",
    "按不少于3:1比例建设电动自行车充电点。",
    "认真学习贯彻党的二十届三中全会精神。",
    "引进12英寸晶圆生产线项目。",
    "刑事治安总警情呈两位数下降。",
    "全市第1批试点顺利落地。",
    "严格落实中央八项规定精神。",
    "三次产业结构调整为5∶38∶57。",
    "用好两个市场两种资源，用好两个市场、两种资源。",
    "稳妥推进土地二轮延包试点。",
    "统筹国内国际两个大局，发挥好两个积极性。",
    "做靓村歌、三人篮球等群众文体品牌，二人转演出精彩纷呈。",
], ids=["year", "months", "batch", "session", "quoted-code", "quoted-plan", "lot-code",
        "quoted-minutes", "ratio", "plenum", "inches", "idiom", "batch-rank", "standing-rule",
        "three-sectors", "two-markets", "round-ordinal", "doctrine-pairs", "arts-and-games"])
def test_not_quantities(work_report: WorkReport, sentence: str) -> None:
    assert _summary(work_report, sentence) == []


def test_non_quantities_next_to_a_real_one(work_report: WorkReport) -> None:
    found = _summary(work_report,
                     "1-6月，入选第八批“专精特新”名单的企业新增12家，落实“十四五”规划项目3个。")
    assert [(i.value, i.unit) for i in found] == [(Decimal(12), "家"), (Decimal(3), "个")]


# --- kind and work area ---------------------------------------------------------------------


def test_kind_follows_the_part(work_report: WorkReport) -> None:
    report = work_report(summary=["新增企业12家。"], plan=["新增企业20家以上。"])
    found = find_indicators(report)
    assert [(i.kind, i.value) for i in found] == [("achievement", Decimal(12)), ("target", Decimal(20))]
    assert [report.section(i.section_id).part for i in found] == ["summary", "plan"]


def test_kind_in_a_problems_part_is_achievement(segment_text: Callable[..., Report]) -> None:
    report = segment_text("某某镇2024年工作总结\n一、工作总结\n全年工作有序推进。\n二、存在的主要问题\n"
                          "一是产业结构单一。工业占比超过80%。\n")
    found = find_indicators(report)
    assert [(i.kind, i.qualifier, i.value) for i in found] == [("achievement", "超过", Decimal(80))]


def test_kind_outside_summary_and_plan_follows_trigger_words(segment_text: Callable[..., Report]) -> None:
    report = segment_text("全年新建道路3条。\n下一步，力争新增企业10家。")
    found = find_indicators(report)
    assert {report.section(i.section_id).part for i in found} == {"other"}
    assert [(i.kind, i.value) for i in found] == [("achievement", Decimal(3)), ("target", Decimal(10))]


def test_a_plan_section_reviewing_the_past_five_years_states_achievements(
        segment_text: Callable[..., Report]) -> None:
    """这五年，…: a five-year outline's review of the period behind it, inside the plan part, states what was
    done; the outline's own aims after it are targets."""
    report = segment_text(
        "某某市2026年政府工作报告\n一、2025年工作回顾\n（一）经济平稳。新增企业12家。\n"
        "二、关于“十五五”规划纲要的说明\n“十四五”时期，我们取得新的重大成就。\n"
        "这五年，综合实力再上台阶。全市生产总值从1.2万亿元增加到1.6万亿元。\n"
        "这五年，民生持续改善。新增养老床位2.5万张。\n"
        "（一）加快产业升级。到2030年，新增高新技术企业500家。\n")
    found = find_indicators(report)
    assert [(report.section(i.section_id).part, i.kind, i.value) for i in found] == [
        ("summary", "achievement", Decimal(12)),
        ("plan", "achievement", Decimal("1.6")), ("plan", "achievement", Decimal("2.5")),
        ("plan", "target", Decimal(500))]


def test_section_is_the_enclosing_work_area(segment_text: Callable[..., Report]) -> None:
    report = segment_text(
        "某某市某某区和风街道办事处2024年上半年工作报告\n一、上半年工作总结\n上半年，各项工作有序推进。\n"
        "（一）经济发展稳中有进。新增企业12家。\n（二）城市建设提质增效。新建口袋公园2个。\n"
        "二、下半年工作计划\n下半年主要预期目标是：规上工业增加值增长6%以上。\n（一）抓建设。改造老旧小区5个。\n")
    found = find_indicators(report)
    assert [(i.value, report.section(i.section_id).label) for i in found] == [
        (Decimal(12), "经济发展稳中有进"),
        (Decimal(2), "城市建设提质增效"),
        (Decimal(6), "主要预期目标"),
        (Decimal(5), "抓建设"),
    ]
    assert [i.kind for i in found] == ["achievement", "achievement", "target", "target"]
    for ind in found:
        assert ind.section_id == ind.sentence.section_id
        sec = report.section(ind.section_id)
        assert sec.start <= ind.start < ind.end <= sec.end


# --- counters, shared verbs, metric edges ---------------------------------------------------


def _found(work_report, *lines: str, plan: tuple[str, ...] = ()) -> list[tuple[str, str, float, str]]:
    report = work_report(summary=list(lines), plan=list(plan))
    return [(i.kind, i.metric, float(i.value), i.unit) for i in find_indicators(report)
            if any(i.sentence.text in line or line in i.sentence.text for line in (*lines, *plan))]


def test_compound_counters_and_a_qualifier_after_the_multiplier(work_report) -> None:
    found = _found(work_report, "走访企业2509家次，集中隔离服务2.5万余人次，获赠锦旗114面、感谢信901封。")
    assert ("achievement", "走访企业", 2509.0, "家次") in found
    assert ("achievement", "集中隔离服务", 2.5, "万人次") in found
    assert {(114.0, "面"), (901.0, "封")} <= {(v, u) for _, m, v, u in found if m.endswith(("锦旗", "感谢信"))}


def test_a_counter_after_a_chinese_numeral_can_be_a_word(work_report) -> None:
    assert not _found(work_report, "该镇三面环海，一封信寄托乡愁。")


def test_both_metrics_joined_by_and_share_the_figure(work_report) -> None:
    found = _found(work_report, plan=("财政总收入和一般公共预算收入均增长8%以上。",))
    assert {("target", "财政总收入", 8.0, "%"), ("target", "一般公共预算收入", 8.0, "%")} <= set(found)


def test_a_growth_after_a_task_rate_is_the_subjects(work_report) -> None:
    found = _found(work_report, "地方财政收入实现2496万元，完成任务的117.46%，同比增长28.7%。")
    assert ("achievement", "地方财政收入", 28.7, "%") in found


def test_average_growth_keeps_no_year_and_spans_of_years_go(work_report) -> None:
    found = _found(work_report, "社会消费品零售总额年均增长5%，五年来新建学校30所。")
    assert ("achievement", "社会消费品零售总额", 5.0, "%") in found
    assert ("achievement", "学校", 30.0, "所") in {(k, m.replace("新建", ""), v, u) for k, m, v, u in found}


def test_classes_of_size_and_the_plans_own_parts_are_no_quantities(work_report) -> None:
    assert not _found(work_report, "建成20万吨级泊位，统筹抓好6个方面重点工作。")


def test_what_follows_a_counted_noun_is_not_its_metric(work_report) -> None:
    found = _found(work_report, "50余个合作事项扎实落地，安排财政资金75亿元加快项目建设，挖掘培育20家具备升规潜力企业。")
    metrics = {m for _, m, _, _ in found}
    assert {"合作事项", "财政资金", "具备升规潜力企业"} <= metrics


# --- kind per statement -------------------------------------------------------------------


def test_a_summary_quoting_the_years_target(work_report) -> None:
    found = _found(work_report, "固定资产投资预期任务为8.2亿元，已完成8.4亿元，完成率102%。"
                                "争取中央预算内投资237亿元，人均预期寿命增长0.3岁。")
    kinds = {(m, v): k for k, m, v, _ in found}
    assert kinds[("固定资产投资预期任务", 8.2)] == "target" or "target" in {k for k, m, v, _ in found if v == 8.2}
    assert {k for k, m, v, _ in found if v in (8.4, 102.0, 237.0)} == {"achievement"}


def test_a_plan_reviewing_the_past_period(work_report) -> None:
    # the frame's plan covers 2024年下半年: 2023 is the past, 2030 the future
    found = _found(work_report, plan=("“十四五”时期地区生产总值年均增长5.2%，2023年总量比2020年增加超7400亿元。",
                                      "到2030年，规上工业增加值比2023年翻一番，新建学校10所。"))
    kinds = {v: k for k, m, v, _ in found}
    assert kinds[5.2] == "achievement" and kinds[7400.0] == "achievement"
    assert kinds[10.0] == "target"


# --- ranges, qualifiers on rates, numerals inside words, tiers -------------------------------


@pytest.mark.parametrize(("line", "ranges"), [
    ("地区生产总值增长4.5%—5%，新建2—3家省级制造业创新中心，投资2万—3万元。",
     [(4.5, 5.0, "%"), (2.0, 3.0, "家"), (2.0, 3.0, "万元")]),
    # joined by a hyphen or a tilde, which before a number alone make no quantity (3-5)
    ("新建学校2-3个，培育企业3～5家，地区生产总值增长5%-5.5%。", [(2.0, 3.0, "个"), (3.0, 5.0, "家"), (5.0, 5.5, "%")]),
])
def test_a_range_is_one_indicator_with_both_ends(work_report, line: str,
                                                 ranges: list[tuple[float, float, str]]) -> None:
    report = work_report(plan=[line])
    found = [(float(i.value), float(i.upper) if i.upper is not None else None, i.unit)
             for i in find_indicators(report) if i.kind == "target"]
    assert found == ranges


def test_no_range_in_dates_ages_codes_or_years(work_report) -> None:
    assert not _found(work_report, "1-5月，0—6岁儿童免费筛查，03-05地块，连续3-5年推进。")


def test_a_qualifier_after_a_rate(work_report) -> None:
    report = work_report(plan=["人均产值达到42万元/人以上。"])
    [ind] = find_indicators(report)
    assert (ind.unit, ind.qualifier) == ("万元/人", "以上")


def test_numerals_inside_words_and_tiers_are_no_quantities(work_report) -> None:
    assert not _found(work_report, "汽车零部件产业迈入全国第一方阵，稳居第一梯队。")


def test_a_list_of_metrics_shares_its_last_items_head(work_report) -> None:
    found = _found(work_report, "第一、第三产业增加值分别增长3.1%、5.1%，能源、旅游投资分别增长9.4%、5%，"
                                "地区生产总值突破3万亿元、年均增长4.7%，粮食总产量达到871.6亿斤，稳居全国第4位。")
    metrics = {(m, v) for _, m, v, _ in found}
    assert {("第一产业增加值", 3.1), ("第三产业增加值", 5.1), ("能源投资", 9.4), ("旅游投资", 5.0),
            ("地区生产总值", 4.7), ("粮食总产量", 4.0)} <= metrics


def test_rounds_are_counted_after_arabic_digits(work_report: WorkReport) -> None:
    found = _summary(work_report, "有效应对12轮强降雨过程。")
    assert [(i.value, i.unit) for i in found] == [(Decimal(12), "轮")]


def test_a_run_of_periods_is_no_quantity(work_report: WorkReport) -> None:
    found = _summary(work_report, "工业投资连续15个月保持两位数增长，新增企业12家。")
    assert [(i.value, i.unit) for i in found] == [(Decimal(12), "家")]


def test_the_plans_own_list_of_indicators_is_no_quantity(work_report) -> None:
    assert not _found(work_report, "提出24个主要指标，其中16个预期性指标、8个约束性指标。")
    assert _found(work_report, "11项主要经济指标中9项实现正增长。")


def test_a_unit_that_opens_a_word_is_no_counter(work_report: WorkReport) -> None:
    found = _summary(work_report, "地区生产总值迈上2万亿台阶，每10万人口在校生增长12%。")
    assert [(i.value, i.unit) for i in found] == [(Decimal(12), "%")]


def test_a_count_of_a_slogans_quoted_items_and_a_size_class_are_no_quantities(work_report) -> None:
    assert not _found(work_report, "健全“考核、督查、激励”三项机制，建成80米口径射电望远镜。")
    assert _found(work_report, "推进“两重”项目12个。")


def test_a_notes_heading_counts_a_slogans_items_and_its_body_is_read(work_report: WorkReport) -> None:
    assert not _found(work_report, "［12］三个中心、两个枢纽：")
    found = _summary(work_report, "［12］三个中心：建成物流中心3个。")
    assert [(i.metric, i.value) for i in found] == [("物流中心", Decimal(3))]


def test_a_bounded_figure_after_a_per_item_word_is_a_threshold(work_report: WorkReport) -> None:
    assert not _found(work_report, "单笔30万元以下拖欠账款全部清零。")
    assert [i.value for i in _summary(work_report, "清理拖欠账款30万元以上。")] == [Decimal(30)]


def test_a_quoted_comparison_base_holds_a_quote_mark() -> None:
    """The metric's words skip the comparison base's pattern when they hold no quote mark: every match holds one."""
    import importlib

    from reportgraph.extract.gate import required_literals

    metric = importlib.import_module("reportgraph.extract.indicators.metric")
    needed = required_literals(metric._QUOTED_COMPARISON)
    assert needed and all(mark in metric._QUOTES for mark in needed)
    assert metric._clean("比“四经普”增长") == metric._clean("增长") == "增长"


def test_a_cut_off_the_count_after_it_is_of_is_no_quantity(work_report: WorkReport) -> None:
    found = _summary(work_report, "全省产品中，在全国占比超过10%的有44种、超过20%的有23种。")
    assert [(i.value, i.unit) for i in found] == [(Decimal(44), "种"), (Decimal(23), "种")]


def test_a_count_of_the_reports_own_big_tasks_is_no_indicator(work_report: WorkReport) -> None:
    assert find_indicators(work_report(plan=["集中力量干好四件大事。"])) == []


def test_a_count_in_mu_times_keeps_its_unit(work_report: WorkReport) -> None:
    found = find_indicators(work_report(summary=["累计实施保护性耕作1.19亿亩次。"]))
    assert [(i.unit, i.metric) for i in found] == [("亿亩次", "实施保护性耕作")]


def test_a_count_of_the_plans_own_tasks_in_jian_is_no_indicator(work_report: WorkReport) -> None:
    assert find_indicators(work_report(plan=["突出抓好渔船改造和矿山整治3件事。"])) == []
    assert [i.metric for i in find_indicators(work_report(summary=["办理事项3件。"]))] == ["办理事项"]


def test_a_bare_figure_after_its_clauses_own_subject_is_that_subjects(work_report) -> None:
    """外贸企业突破9000家，高新技术企业数量实现翻番、达1.8万家: the 1.8万 are the high-tech firms, not the traders."""
    found = _found(work_report, "外贸实绩企业突破9000家，高新技术企业数量实现翻番、达1.8万家。",
                   "新能源汽车产量跃居全省首位，整车出口突破百万辆、稳居全省第1位。")
    assert ("achievement", "外贸实绩企业", 9000.0, "家") in found
    assert ("achievement", "高新技术企业数量", 1.8, "万家") in found
    assert ("achievement", "整车出口", 1.0, "名次") in found


def test_a_list_of_figures_ending_in_a_longer_unit_shares_it(work_report) -> None:
    """快于全国3.4个、1个百分点: the 个 of the first figure is the 个百分点 the list ends in."""
    found = _found(work_report, "投资、消费增速分别快于全省3.4个、1个百分点，新建学校3个、幼儿园5个。")
    assert {(3.4, "个百分点"), (1.0, "个百分点"), (3.0, "个"), (5.0, "个")} <= {(v, u) for _, _, v, u in found}
