"""extract.indicators.metric: the metric is the thing counted, not a list or a predicate.

Sentences are invented in the genre's style (names and figures made up).
"""
from __future__ import annotations

from collections.abc import Callable

from decimal import Decimal

import pytest

from reportgraph.extract.indicators import find_indicators
from reportgraph.model import Report

WorkReport = Callable[..., Report]


def _metrics(work_report: WorkReport, sentence: str) -> list[str]:
    return [i.metric for i in find_indicators(work_report(summary=[sentence]))]


def test_a_list_closed_by_deng_gives_the_noun_it_names(work_report: WorkReport) -> None:
    metrics = _metrics(work_report, "新探明青禾铜矿、禾溪5吨级金矿等大中型矿产地12处。")
    assert metrics == ["大中型矿产地"]


def test_a_count_after_a_list_closed_by_deng_is_of_the_noun_after_even_one_tagged_a_verb(
        work_report: WorkReport) -> None:
    """商住 opens 商住小区 and is tagged a verb: after 等4个 it is still the kind counted."""
    assert _metrics(work_report, "青禾小区、禾苑小区等4个商住小区成立业委会。")[0].startswith("商住小区")
    assert _metrics(work_report, "安排资金75亿元加快项目建设。") == ["资金"]


def test_deng_inside_a_word_stays(work_report: WorkReport) -> None:
    assert _metrics(work_report, "新增高等院校3所。") == ["新增高等院校"]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("全年10大类35项民生实事项目如期完成。", "民生实事项目"),
    ("120个“好邻里”试点建设全面铺开。", "好邻里试点"),
    ("8家融资平台有序退出。", "融资平台"),
])
def test_an_adverb_of_the_predicate_ends_the_counted_noun(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("去年常住人口省际净流入4.5万人。", "常住人口省际净流入"),
    ("明年城镇新增就业8000人。", "城镇新增就业"),
    ("粮食产量继续保持在500亿斤以上。", "粮食产量"),  # an adverb of the verb after the metric
    ("发挥济青烟3个新业态新模式新场景消费试点作用。", "新业态新模式新场景消费试点"),  # the object of 发挥…作用
])
def test_a_relative_year_an_adverb_or_an_object_is_no_part_of_a_metric(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("地区生产总值跨越5000亿元大关。", "地区生产总值"),
])
def test_a_verb_after_the_subject_is_not_in_the_metric(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence)[0] == metric


@pytest.mark.parametrize(("sentence", "metric"), [
    ("人均地区生产总值从2020年的6.1万元提高到2025年的8.3万元。", "人均地区生产总值"),
    ("青禾港货物吞吐量由3200万吨增至4100万吨。", "青禾港货物吞吐量"),
    ("有效发明专利比2020年增长41.5%。", "有效发明专利"),
    ("高价值发明专利较“十四五”时期增长63%。", "高价值发明专利"),
    ("地区生产总值迈上3000亿元台阶。", "地区生产总值"),
])
def test_the_base_a_change_is_measured_from_is_not_in_the_metric(
        work_report: WorkReport, sentence: str, metric: str) -> None:
    assert set(_metrics(work_report, sentence)) == {metric}


@pytest.mark.parametrize(("sentence", "metric"), [
    ("和美乡村覆盖率达到61%。", "和美乡村覆盖率"),
    ("对外直接投资增长6.2%。", "对外直接投资"),
    ("在建重点项目达到215个。", "在建重点项目"),
])
def test_a_link_character_inside_the_first_word_stays(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]


def test_a_doing_measured_as_it_stands_takes_no_head_of_the_next_item(work_report: WorkReport) -> None:
    assert _metrics(work_report, "货物进出口、实际使用外资分别增长10%、5%。") == ["货物进出口", "实际使用外资"]


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("新增境内上市公司62家，总数186家。", ["新增境内上市公司", "境内上市公司总数"]),
    ("新培育龙头企业5家，总数达到38家。", ["新培育龙头企业", "龙头企业总数"]),
    ("新签约产业项目139个、总投资1022亿元。", ["新签约产业项目", "新签约产业项目总投资"]),
    ("出口规模突破4万亿元，占全国份额提升到15.5%。", ["出口规模", "出口规模占全国份额"]),
    ("经济总量连续跨过3个万亿元大关，占全国比重提升至7.4%。", ["经济总量占全国比重"]),
])
def test_a_total_or_a_share_alone_is_said_of_the_subject_before(
        work_report: WorkReport, sentence: str, metrics: list[str]) -> None:
    assert _metrics(work_report, sentence)[-len(metrics):] == metrics


@pytest.mark.parametrize("sentence", ["中职学校由71所优化整合为47所。", "中职学校从71所调整到47所。"])
def test_what_a_change_came_to_is_the_subjects_and_where_it_started_is_no_figure(
        work_report: WorkReport, sentence: str) -> None:
    found = find_indicators(work_report(summary=[sentence]))
    assert [(i.metric, i.value) for i in found] == [("中职学校", Decimal(47))]


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("规上工业增加值增速居全国第4位，进出口总额突破万亿元、增速居全国第5位。",
     ["规上工业增加值增速", "进出口总额", "进出口总额增速"]),
    ("青禾港集装箱吞吐量达到55.3万标准箱、连续6年排名全省第一。", ["青禾港集装箱吞吐量", "青禾港集装箱吞吐量排名"]),
    ("地方一般公共预算收入增长2.3%、支出首次超过700亿元。", ["地方一般公共预算收入", "地方一般公共预算支出"]),
    ("地方财政收入、支出分别突破30亿元和300亿元。", ["地方财政收入", "地方财政支出"]),
])
def test_a_bare_rank_growth_or_outlay_is_of_the_subject_before(
        work_report: WorkReport, sentence: str, metrics: list[str]) -> None:
    assert _metrics(work_report, sentence) == metrics


def test_a_later_fenbie_pairs_the_figures_before_one_by_one(work_report: WorkReport) -> None:
    metrics = _metrics(work_report, "接待游客1.5亿人次、旅游花费1270亿元，分别增长32.9%、41.6%。")
    assert metrics == ["接待游客", "旅游花费", "接待游客", "旅游花费"]


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("新增经济总量超200亿元县2个、达到29个。", ["新增经济总量超200亿元县", "新增经济总量超200亿元县"]),
    ("经济总量超500亿元的县域增至12个。", ["经济总量超500亿元的县域"]),
])
def test_an_amount_that_sorts_the_subjects_after_it_is_no_figure(
        work_report: WorkReport, sentence: str, metrics: list[str]) -> None:
    assert _metrics(work_report, sentence) == metrics


@pytest.mark.parametrize("sentence", ["在大湾区设立超500亿元区域基金。", "禾丰成为首个经济总量超过3万亿元的城市。"])
def test_an_amount_of_a_thing_or_of_the_subject_itself_stays(work_report: WorkReport, sentence: str) -> None:
    assert len(_metrics(work_report, sentence)) == 1


def test_the_size_word_after_a_rank_is_no_part_of_what_is_ranked(work_report: WorkReport) -> None:
    assert _metrics(work_report, "禾溪港跻身全球第三大集装箱港。") == ["集装箱港"]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("16所高职学校入选第二期国家“双高计划”。", "高职学校入选第二期国家双高计划"),
    ("3所高职高专升格本科。", "高职高专升格本科"),
    ("12个项目获国家科学技术奖。", "项目获国家科学技术奖"),
])
def test_what_the_things_counted_entered_or_became_stays_in_the_metric(
        work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]


def test_a_list_item_ending_in_a_word_of_the_shared_head_takes_what_follows_it(work_report: WorkReport) -> None:
    metrics = _metrics(work_report, "困难残疾人生活补贴、重度残疾人护理补贴标准分别提高到217元、290元。")
    assert metrics == ["困难残疾人生活补贴标准", "重度残疾人护理补贴标准"]


def test_a_word_that_opens_a_list_of_examples_is_no_part_of_the_metric(work_report: WorkReport) -> None:
    assert _metrics(work_report, "设定24个主要指标，包括地区生产总值年均增长5%左右。")[-1] == "地区生产总值"


def test_jiejin_before_a_figure_is_its_qualifier_whole(work_report: WorkReport) -> None:
    found = find_indicators(work_report(summary=["经营主体总量接近800万户。"]))
    assert [(i.metric, i.qualifier) for i in found] == [("经营主体总量", "接近")]


def test_an_adverb_of_all_after_the_metric_goes(work_report: WorkReport) -> None:
    assert _metrics(work_report, "村级集体经济收入全部超过10万元。") == ["村级集体经济收入"]


def test_a_noun_opening_with_a_verb_like_word_is_counted_after_a_verb_and_a_batch(work_report: WorkReport) -> None:
    assert _metrics(work_report, "建好首批24个拔尖创新人才培养改革试点。") == ["拔尖创新人才培养改革试点"]


def test_a_last_item_of_one_word_gives_the_items_before_its_head(work_report: WorkReport) -> None:
    assert _metrics(work_report, "刑事、治安案件分别下降12%、3.3%。") == ["刑事案件", "治安案件"]


def test_a_link_word_of_its_own_is_trimmed(work_report: WorkReport) -> None:
    assert _metrics(work_report, "工业投资和技改投资分别增长8%、9%。") == ["工业投资", "技改投资"]


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("装备制造业、高技术制造业增加值分别增长9.1%、8.4%。", ["装备制造业增加值", "高技术制造业增加值"]),
    ("国内游客、入境游客数量分别增长5.2%、31.7%。", ["国内游客数量", "入境游客数量"]),
    ("能源、旅游投资分别增长6%、12%。", ["能源投资", "旅游投资"]),
    ("粮食、棉花产量双双位居全国第一。", ["粮食产量", "棉花产量"]),
    ("金融机构本外币存、贷款余额双双突破6万亿元。", ["金融机构本外币存款余额", "贷款余额"]),
])
def test_a_shared_head_says_the_words_an_item_ends_with_once(
        work_report: WorkReport, sentence: str, metrics: list[str]) -> None:
    assert _metrics(work_report, sentence) == metrics


@pytest.mark.parametrize(("sentence", "metric"), [
    ("12条青禾特色产业链建设开局。", "青禾特色产业链"),
    ("支持9个省级产业融合载体延伸上下游产业链。", "省级产业融合载体"),
    ("首期50亿元省级科技创新母基金投运。", "省级科技创新母基金"),
    ("4个区域医疗中心投入运营。", "区域医疗中心"),
    ("加快6个抽水蓄能电站建设。", "抽水蓄能电站"),
    ("2个指标没有达到规划预期。", "指标"),
])
def test_the_predicate_after_a_counted_noun_is_not_in_the_metric(
        work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("18个县区通过国家义务教育优质均衡发展评估。", "县区通过国家义务教育优质均衡发展评估"),
    ("35个地方和单位荣获青禾示范命名。", "地方和单位荣获青禾示范命名"),
    ("6个县（市、区）获批国家试点。", "县（市、区）获批国家试点"),
    ("3人当选中国工程院院士。", "当选中国工程院院士"),
])
def test_a_bare_subject_or_persons_keep_what_they_did(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]


def test_persons_that_only_qualify_a_noun_do_not_keep_its_predicate(work_report: WorkReport) -> None:
    assert _metrics(work_report, "涉及6.5万人的保交房任务全部完成。") == ["保交房任务"]


def test_a_run_of_quarters_is_not_in_the_metric_of_a_rank(work_report: WorkReport) -> None:
    assert _metrics(work_report, "农业增加值增速连续9个季度居全国前5位。") == ["农业增加值增速"]


def test_a_comparison_with_the_average_is_the_subjects_and_no_list(work_report: WorkReport) -> None:
    found = find_indicators(work_report(summary=["其中规上工业增加值增长6.4%、高于全国平均0.5个百分点。"]))
    assert [(i.metric, str(i.value)) for i in found] == [("规上工业增加值", "6.4"),
                                                          ("规上工业增加值高于全国平均", "0.5")]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("地区生产总值增长5%，比全国高0.2个百分点。", "地区生产总值比全国高"),
    ("地区生产总值增长5%，高出全国平均水平0.2个百分点。", "地区生产总值高出全国平均水平"),
    ("城镇调查失业率比全省低0.3个百分点。", "城镇调查失业率比全省低"),
])
def test_points_over_a_wider_whole_are_a_margin_in_the_metric(
        work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence)[-1] == metric


def test_points_said_of_nothing_wider_are_the_metrics_own_change(work_report: WorkReport) -> None:
    assert _metrics(work_report, "城镇调查失业率下降0.3个百分点。") == ["城镇调查失业率"]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("建设用地审批“双随机、一公开”考评居全国首位。", "建设用地审批双随机、一公开考评"),
    ("7.实施农村公路安全防护工程800公里。", "实施农村公路安全防护工程"),
    ("力争省级实验室再增加3家。", "省级实验室"),
    ("数字经济核心产业增加值预计增长9%。", "数字经济核心产业增加值"),
    ("提出地区生产总值年均增长5%左右。", "地区生产总值"),
    ("城镇调查失业率从上半年5.4%降到5.2%。", "城镇调查失业率"),
])
def test_list_markers_quotes_and_hedges_around_a_metric(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert set(_metrics(work_report, sentence)) == {metric}


@pytest.mark.parametrize(("sentence", "metric"), [
    ("青禾市成为西部首个经济总量超过2万亿元的城市。", "经济总量"),
    ("总投资86亿元的青禾新材料项目开工。", "总投资"),
    ("年销售收入超5亿元的龙头企业达40家以上。", "年销售收入"),
])
def test_a_measure_before_a_figure_with_de_is_its_metric(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence)[0] == metric


@pytest.mark.parametrize(("sentence", "metric"), [
    ("贡献了全国18.5%的增量。", "增量"),
    ("涉及4.2万人的保交房任务全部完成。", "保交房任务"),
    ("85%的化工园区降至较低风险等级。", "化工园区降至较低风险等级"),
])
def test_a_whole_a_verb_or_nothing_before_the_figure_leaves_the_noun_after(
        work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]


def test_the_kind_of_places_a_list_names_is_not_what_is_counted(work_report: WorkReport) -> None:
    assert _metrics(work_report, "在制造、农业、医疗等领域应用落地500个以上。") == ["应用落地"]
    assert _metrics(work_report, "建设或改造燃气、供排水等地下管网900公里。") == ["地下管网"]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("最低工资标准每月提高120元。", "最低工资标准"),
    ("每年城镇新增就业30万人以上。", "城镇新增就业"),
    ("殡葬基本服务费由平均2100元下降到800元左右。", "殡葬基本服务费"),
    ("新能源汽车产量历史性跃居全国首位。", "新能源汽车产量"),
    ("满意度测评青禾州连续两年全国第一。", "满意度测评青禾州"),
])
def test_time_words_around_a_metric_go(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert set(_metrics(work_report, sentence)) == {metric}


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("新增上市公司12家、总量达186家。", ["新增上市公司", "上市公司总量"]),
    ("无人机产量增长21%、占全国6成。", ["无人机产量", "无人机产量占全国"]),
    ("地区生产总值87.8亿元，比增3%。", ["地区生产总值", "地区生产总值"]),
])
def test_a_total_a_share_or_a_bare_growth_is_the_subjects_before(
        work_report: WorkReport, sentence: str, metrics: list[str]) -> None:
    assert _metrics(work_report, sentence) == metrics


@pytest.mark.parametrize(("sentence", "metric"), [
    ("完成率为45.07%。", "完成率"),
    ("共建“一带一路”国家进出口增长9%。", "共建一带一路国家进出口"),
    ("1023项供需对接项目签约。", "供需对接项目签约"),
])
def test_a_leading_word_inside_a_longer_word_stays(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]


def test_what_a_count_was_merged_into_is_not_its_metric(work_report: WorkReport) -> None:
    assert _metrics(work_report, "青禾区开发区由60个整合为41个。") == ["青禾区开发区"]
    assert _metrics(work_report, "将9支省级政府投资基金整合为产业、科创2支基金。")[0] == "省级政府投资基金"


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("有色冶金、石化化工、装备制造产业增加值分别增长12.1%、3.5%、8.8%。",
     ["有色冶金产业增加值", "石化化工产业增加值", "装备制造产业增加值"]),
    ("集成电路、汽车零配件、锂电池出口分别增长51.2%、22.4%、30.5%。",
     ["集成电路出口", "汽车零配件出口", "锂电池出口"]),
    ("新能源汽车、集成电路、工业机器人产量分别增长21.8%、9.9%、16.4%。",
     ["新能源汽车产量", "集成电路产量", "工业机器人产量"]),
    ("工业战略性新兴产业、高新技术产业产值占规上工业比重分别达40.1%、50.3%。",
     ["工业战略性新兴产业产值占规上工业比重", "高新技术产业产值占规上工业比重"]),
])
def test_the_shared_head_follows_as_many_characters_as_short_items_have(
        work_report: WorkReport, sentence: str, metrics: list[str]) -> None:
    assert _metrics(work_report, sentence) == metrics


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("事故起数、死亡人数分别下降11.5%、18.7%。", ["事故起数", "死亡人数"]),
    ("林木覆盖率、湿地保护率分别达24.6%和51.2%。", ["林木覆盖率", "湿地保护率"]),
])
def test_items_that_name_their_own_measure_share_no_head(
        work_report: WorkReport, sentence: str, metrics: list[str]) -> None:
    assert _metrics(work_report, sentence) == metrics


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("光伏发电量、风电发电量占比均超过20%。", ["光伏发电量占比", "风电发电量占比"]),
    ("规上工业增加值、营业收入比重分别达到30%、40%。", ["规上工业增加值比重", "营业收入比重"]),
])
def test_a_share_the_last_item_ends_in_is_each_measures_share(
        work_report: WorkReport, sentence: str, metrics: list[str]) -> None:
    assert _metrics(work_report, sentence) == metrics


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("工业、农业投资均增长5%。", ["工业投资", "农业投资"]),
    ("国道、省道通车里程均居全国第3位。", ["国道通车里程", "省道通车里程"]),
    ("普通高校、职业院校、技工学院均实现12个县全覆盖。", ["普通高校", "职业院校", "技工学院"]),
])
def test_a_list_before_jun_shares_a_measure_not_a_kind_of_thing(
        work_report: WorkReport, sentence: str, metrics: list[str]) -> None:
    assert _metrics(work_report, sentence) == metrics


def test_a_second_counter_in_brackets_belongs_to_the_count(work_report: WorkReport) -> None:
    assert _metrics(work_report, "推动建设超80条（个）美丽河湖。") == ["美丽河湖"]


def test_a_figure_over_the_annual_plan_is_the_subjects(work_report: WorkReport) -> None:
    found = _metrics(work_report, "120个省列重大项目完成投资980亿元、超年度计划12%。")
    assert found[-2:] == ["省列重大项目完成投资", "省列重大项目完成投资"]


def test_a_code_of_digits_and_letters_is_part_of_the_counted_noun(work_report: WorkReport) -> None:
    assert _metrics(work_report, "新增26家国家级5G工厂。") == ["国家级5G工厂"]


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("地区生产总值增长5.6%，增速居全国第3位。", ["地区生产总值", "地区生产总值增速"]),
    ("到2030年全社会研发投入强度达到3%左右。", ["全社会研发投入强度"]),
    ("育儿补贴惠及45万人。", ["育儿补贴"]),
    ("对非贸易额年均增长12%。", ["对非贸易额"]),
])
def test_subjects_kept_and_time_spans_and_links_trimmed(
        work_report: WorkReport, sentence: str, metrics: list[str]) -> None:
    assert _metrics(work_report, sentence) == metrics


def test_a_kept_predicate_closes_no_list_and_a_double_lead_goes(work_report: WorkReport) -> None:
    assert _metrics(work_report, "40家企业完成报警装置等建设。") == ["企业完成报警装置等建设"]
    assert _metrics(work_report, "全面完成年度违建治理面积50万平方米。") == ["年度违建治理面积"]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("培育创新型、成长型、示范型企业120家。", "创新型、成长型、示范型企业"),
    ("青山机械、禾丰重工海外营收占比达到55%。", "青山机械、禾丰重工海外营收占比"),
    # the words before the first item are the list's, not part of an item too long to be short
    ("累计举办大型禅修、演艺、体育赛事活动600场。", "大型禅修、演艺、体育赛事活动"),
])
def test_a_list_of_short_items_before_the_figure_is_counted_whole(
        work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]


def test_a_list_whose_items_do_something_is_cut_to_its_last_item(work_report: WorkReport) -> None:
    assert _metrics(work_report, "推进钢铁、新建产业园区8个。") == ["产业园区"]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("城区PM2.5平均浓度改善9.6%。", "城区PM2.5平均浓度"),
    ("确保油料总产量稳定保持在30亿斤以上。", "油料总产量"),
    ("对东盟进出口占比首次超40%。", "东盟进出口占比"),
])
def test_a_change_verb_or_adverb_after_the_metric_goes(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence)[-1] == metric


def test_words_right_after_a_figure_open_no_list(work_report: WorkReport) -> None:
    found = _metrics(work_report, "家庭共济惠及30万名近亲属、共济金额12亿元。")
    assert found[-1] == "共济金额"


@pytest.mark.parametrize(("sentence", "metric"), [
    ("年投资亿元以上项目新开工40个以上、竣工35个以上。", "年投资亿元以上项目竣工"),
    ("建成跨河大桥3座、在建5座。", "跨河大桥在建"),
])
def test_a_bare_stage_of_doing_takes_the_subject_before(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence)[-1] == metric


def test_a_leap_or_a_steady_rise_is_no_part_of_the_metric(work_report: WorkReport) -> None:
    assert _metrics(work_report, "省级重点实验室从12家跃升到30家。") == ["省级重点实验室"]
    assert _metrics(work_report, "税收收入增加近500亿元，稳步达到2000亿元以上。")[-1] == "税收收入"


def test_short_kinds_after_the_figure_modify_the_next_items_noun(work_report: WorkReport) -> None:
    assert _metrics(work_report, "打造50个以上园区级、车间级数字化场景。") == ["园区级、车间级数字化场景"]
    assert _metrics(work_report, "建成12个物流园区、产业园区。") == ["物流园区"]


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("城镇游客人次、旅游总花费增长6.1%、8.2%。", ["城镇游客人次", "旅游总花费"]),
    ("农村自来水、卫生户厕普及率超过97%、88%。", ["农村自来水普及率", "卫生户厕普及率"]),
    ("每千人托位、养老床位数分别达到4.2个、31.5张。", ["每千人托位", "每千人养老床位数"]),
])
def test_as_many_figures_in_a_row_as_items_pair_one_by_one(
        work_report: WorkReport, sentence: str, metrics: list[str]) -> None:
    assert _metrics(work_report, sentence) == metrics


def test_a_list_whose_items_do_something_pairs_no_figures(work_report: WorkReport) -> None:
    found = _metrics(work_report, "新建产业园区、改造老旧小区3个、5个。")
    assert len(set(found)) == 1


def test_a_verb_before_the_first_item_is_the_whole_lists(work_report: WorkReport) -> None:
    """改造老旧供热、燃气、排水管网800公里、600公里、300公里: 改造 governs every item, whose figures pair one by one."""
    found = _metrics(work_report, "改造老旧供热、燃气、排水管网300公里、200公里、100公里。")
    assert found == ["老旧供热", "燃气", "排水管网"]


def test_a_share_of_those_that_do_something_counts_what_they_do(work_report: WorkReport) -> None:
    assert _metrics(work_report, "96.2%的养老机构开展医养结合服务。") == ["养老机构开展医养结合服务"]


def test_a_noun_counted_before_a_clause_of_its_own_ends_before_its_verb(work_report: WorkReport) -> None:
    assert _metrics(work_report, "支持2个国家级核心育种场开展性能测定等工作。") == ["国家级核心育种场"]


def test_a_predicate_with_no_counted_noun_takes_the_subject_before(work_report: WorkReport) -> None:
    found = _metrics(work_report, "累计形成95项改革创新案例，40项获国家层面推广。")
    assert found == ["改革创新案例", "改革创新案例获国家层面推广"]


def test_the_push_that_opens_a_metric_goes(work_report: WorkReport) -> None:
    assert _metrics(work_report, "推动林下经济面积达180万亩。") == ["林下经济面积"]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("失业保险参保人数力争达到6万人。", "失业保险参保人数"),
    ("农村自来水普及率确保达到99%。", "农村自来水普及率"),
    ("外贸进出口总额争取突破80亿元。", "外贸进出口总额"),
])
def test_a_target_marker_between_the_metric_and_its_verb_is_not_in_the_metric(
        work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]


def test_a_share_of_the_task_is_the_figure_befores_completion_rate(work_report: WorkReport) -> None:
    metrics = _metrics(work_report, "地方财政收入实现2496万元，完成任务的117.46%，同比增长28.7%。")
    assert metrics == ["地方财政收入", "地方财政收入任务完成率", "地方财政收入"]
    assert _metrics(work_report, "城镇新增就业3260人，完成年度目标任务的130.4%。")[1] == "城镇新增就业任务完成率"


def test_the_result_beside_a_quoted_target_is_the_things_not_the_tasks(work_report: WorkReport) -> None:
    metrics = _metrics(work_report, "固定资产投资预期任务为8.2亿元，已完成8.4亿元，完成率102%。")
    assert metrics[1:] == ["固定资产投资", "固定资产投资完成率"]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("城镇从业人员比“三普”增长12.5%。", "城镇从业人员"),
    ("火灾起数、死亡人数较“十三五”同期分别下降30.2%、25.1%。", "死亡人数"),
])
def test_a_quoted_comparison_base_is_not_in_the_metric(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence)[-1] == metric


def test_a_net_gain_said_after_its_subject_is_the_subjects(work_report: WorkReport) -> None:
    found = _metrics(work_report, "全县生产总值跨过300亿元、年均增长5.1%，较“十三五”末净增90亿元。")
    assert found == ["生产总值"] * 3


def test_a_bare_measure_opening_a_sentence_is_said_of_the_industry_before(work_report: WorkReport) -> None:
    text = ("新材料产业瞄准高端化发力，扩大碳纤维制品应用。建设一批专用化学品项目。产值突破130亿元。"
            "全县推进农田水利建设。产值增长8%。")
    assert _metrics(work_report, text) == ["新材料产业产值", "产值"]


def test_a_topic_reaches_only_a_few_sentences(work_report: WorkReport) -> None:
    text = "食品产业加快转型。建设冷链仓储。培育龙头企业。拓展线上市场。打造区域品牌。产值突破30亿元。"
    assert _metrics(work_report, text) == ["产值"]


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("培育3个国家级、5个省级、8个市级产业集群。", ["国家级产业集群", "省级产业集群", "市级产业集群"]),
    ("建成2个国家级和6个省级区域医疗中心。", ["国家级区域医疗中心", "省级区域医疗中心"]),
])
def test_a_grade_counted_on_its_own_is_of_the_noun_after_the_next(
        work_report: WorkReport, sentence: str, metrics: list[str]) -> None:
    assert _metrics(work_report, sentence) == metrics


def test_a_bare_scale_is_said_of_the_subject_before(work_report: WorkReport) -> None:
    found = _metrics(work_report, "有机农业面积达到41万亩，规模保持全省第一。")
    assert found == ["有机农业面积", "有机农业面积规模"]
    assert _metrics(work_report, "规模以上工业增加值增长6%，规模以上工业企业达到50家。")[1] == "规模以上工业企业"


def test_the_word_for_a_sum_is_not_in_the_metric(work_report: WorkReport) -> None:
    assert _metrics(work_report, "社区商超零售额合计增长5.7%。") == ["社区商超零售额"]


def test_a_bracketed_aside_and_a_comparison_basis_leave_the_metric_whole(work_report: WorkReport) -> None:
    """（总量全区第一）: the rank is of the amount's total, not of 「（总量」; 同口径 says how growth is
    counted, it names nothing."""
    assert _metrics(work_report, "完成工业投资38.5亿元（总量全区第一）。") == ["工业投资", "工业投资总量"]
    assert _metrics(work_report, "税收收入达96.2亿元、增长3.1%（同口径增长4.5%以上）。") == ["税收收入"] * 3
    assert _metrics(work_report, "一般公共预算收入同口径增长5.5%左右。") == ["一般公共预算收入"]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("建成20个500千伏输变电工程。", "500千伏输变电工程"), ("3个1类创新药获批上市。", "1类创新药获批上市"),
])
def test_a_figure_right_after_the_count_belongs_to_the_counted_noun(work_report: WorkReport, sentence: str,
                                                                    metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]


def test_a_quantity_right_after_another_is_not_its_noun(work_report: WorkReport) -> None:
    """监测对象16.6万户70.5万人: two counts of one noun, not a count of 「70.5万人」."""
    metrics = _metrics(work_report, "精准识别帮扶监测对象16.6万户70.5万人。")
    assert "70.5万人" not in metrics[0]


def test_the_figures_a_list_rose_to_are_its_items_and_those_it_rose_from_none(work_report: WorkReport) -> None:
    """A、B分别从771家、481家增加到1076家、636家: the run it came to pairs with the list; where it started is its base."""
    found = find_indicators(work_report(summary=["认定企业技术中心、工程研究中心分别从71家、48家增加到107家、63家。"]))
    assert [(i.metric, i.value) for i in found] == [("认定企业技术中心", Decimal(107)), ("工程研究中心", Decimal(63))]


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("城乡居民人均可支配收入分别增长5.3%、7%。", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
    ("城镇和农村居民人均可支配收入分别增长4.8%和6.2%。", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
    ("外贸进出口分别增长3.2%、5.1%。", ["外贸进口", "外贸出口"]),
    ("城乡居民人均可支配收入增长5.3%。", ["城乡居民人均可支配收入"]),
])
def test_a_word_naming_two_things_shares_a_pair_of_figures_out(work_report: WorkReport, sentence: str,
                                                               metrics: list[str]) -> None:
    """城乡 is 城镇 and 农村: 分别 with two figures gives each its own; with one figure it stays whole."""
    assert _metrics(work_report, sentence) == metrics


def test_a_second_respectively_without_a_list_shares_out_to_the_list_before(work_report: WorkReport) -> None:
    """…分别达到1.35亿人次、453.8万吨，分别增长8.3%、7.9%: the growths are the same two metrics', in order;
    均居全国第2 after a list gives each item the rank."""
    metrics = _metrics(work_report, "旅客和货邮吞吐量分别达到1.3亿人次、450万吨，分别增长8.3%、7.9%。")
    assert metrics[2:] == metrics[:2] and metrics[0] != metrics[1]
    unsaid = _metrics(work_report, "城乡居民人均可支配收入分别达6.9万元、3.4万元，增长4.2%、5.3%。")
    assert unsaid == ["城镇居民人均可支配收入", "农村居民人均可支配收入"] * 2  # the second 分别 unsaid
    ranked = find_indicators(work_report(summary=["园林绿化覆盖率、绿地率分别达46.8%、43.5%，均居全国第2。"]))
    assert [i.metric for i in ranked if i.unit == "名次"] == ["园林绿化覆盖率", "绿地率"]


def test_a_respectively_four_characters_before_its_figures_still_shares_them_out(work_report: WorkReport) -> None:
    metrics = _metrics(work_report, "城镇和农村居民人均可支配收入分别年均增长4.4%、6.5%。")
    assert metrics == ["城镇居民人均可支配收入", "农村居民人均可支配收入"]


def test_a_quoted_name_right_after_the_count_is_the_counted_noun(work_report: WorkReport) -> None:
    assert _metrics(work_report, "新建100个“15分钟便民生活服务圈”。") == ["15分钟便民生活服务圈"]


def test_two_figures_in_a_row_after_chengxiang_are_the_towns_and_the_villages(work_report: WorkReport) -> None:
    """城乡…年均增长5.3%、8.1% with no 分别: 城镇's, then 农村's; a total's successive milestones stay its own."""
    assert _metrics(work_report, "城乡居民人均可支配收入年均增长5.3%、8.1%。") == [
        "城镇居民人均可支配收入", "农村居民人均可支配收入"]
    assert len(set(_metrics(work_report, "进出口总额接连突破8万亿元、9万亿元。"))) == 1


def test_a_bare_measure_after_a_measured_thing_is_said_of_that_thing(work_report: WorkReport) -> None:
    """工业机器人产量增长30%、出口量居全国第2位: the exports are the robots'; a measure with no thing before it stays."""
    assert _metrics(work_report, "工业机器人产量增长30%、出口量居全国第2位。") == ["工业机器人产量", "工业机器人出口量"]
    assert _metrics(work_report, "全年完成产值50亿元，增长8%。") == ["产值", "产值"]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("建成1200个5G基站。", "5G基站"),
    ("新增青溪、禾山3家5A级景区。", "5A级景区"),
])
def test_a_counted_noun_opened_by_a_code_is_the_metric(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]


@pytest.mark.parametrize(("sentence", "metric"), [
    ("新开城乡公交线路、城际巴士线路、客货邮融合线路共220条。", "新开城乡公交线路、城际巴士线路、客货邮融合线路"),
    ("国家一级图书馆、博物馆、文化馆数量达293家。", "国家一级图书馆、博物馆、文化馆数量"),
])
def test_a_lists_total_counts_all_its_items(work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]


def test_an_adverb_and_a_verb_after_the_count_modify_the_noun(work_report: WorkReport) -> None:
    """改造提升超5000个已建成禾村的污水治理设施: 已建成 says which facilities, it ends no noun; the counted thing is what
    follows it, not the verb before the figure."""
    assert _metrics(work_report, "改造提升超5000个已建成禾村的污水治理设施。") == ["禾村的污水治理设施"]



@pytest.mark.parametrize(("sentence", "metric"), [
    ("提供未成年人假期公益托管服务15万人次。", "未成年人假期公益托管服务"),
    ("打造都市风貌展示区3个。", "都市风貌展示区"),
    ("引进高层次人才100名。", "高层次人才"),
])
def test_a_verb_of_doing_before_the_thing_counted_is_no_part_of_its_metric(
        work_report: WorkReport, sentence: str, metric: str) -> None:
    assert _metrics(work_report, sentence) == [metric]
