"""extract.names.quotes: which quoted phrases of a provincial report name programmes.

Sentences are invented in the genre's style (names made up).
"""
from __future__ import annotations

from conftest import PROVINCE_OPENING, ProvinceReport, SegmentText
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()


def _programs(segment_text: SegmentText, line: str) -> set[str]:
    report = segment_text(PROVINCE_OPENING + line + "\n")
    at = report.text.find(line)
    return {m.name for m in find_mentions(report, LEXICON)
            if m.type == "Program" and at <= m.start and m.end <= at + len(line)}


def test_a_counted_slogan_without_a_head_is_no_programme(segment_text: SegmentText) -> None:
    names = _programs(segment_text, "广泛开展“三个青禾”、“五个认同”等理念教育，有效落实“十个到位”举措，"
                                    "实施“六个倍增计划”和“四个友好”行动。")
    assert not {"三个青禾", "五个认同", "十个到位"} & names
    assert {"六个倍增计划", "四个友好行动"} <= names


def test_quotes_side_by_side_share_the_head_after_them(segment_text: SegmentText) -> None:
    names = _programs(segment_text, "推进“百船千企”“禾企出海”行动计划，开展“青禾惠民”和“禾苗助学”活动。")
    assert {"百船千企行动计划", "禾企出海行动计划", "青禾惠民活动", "禾苗助学活动"} <= names
    assert not any("出海百" in n or "惠民和" in n for n in names)


def test_a_head_after_a_conjunction_is_another_items(segment_text: SegmentText) -> None:
    names = _programs(segment_text, "深入开展“千名青医下基层”和组团式对口帮扶活动，建设“五好两宜”和美乡村试点。")
    assert "千名青医下基层" in names
    assert not any(n.endswith("帮扶活动") and n.startswith("千名") for n in names)
    assert any(n.startswith("五好两宜") and n.endswith("试点") for n in names)


def test_a_head_after_a_conjunction_inside_the_tail_is_another_phrases(segment_text: SegmentText) -> None:
    """“禾农精品”销售规模和品牌影响力: the 品牌 after 和 heads its own phrase, no name of the quote's; a head
    right after the quote, or after words with no conjunction, still names it (“某某英才”培养计划)."""
    names = _programs(segment_text, "扩大“禾农精品”销售规模和品牌影响力，实施“青禾英才”培养计划和“禾苗”行动。")
    assert not any("销售规模" in n for n in names)
    assert {"青禾英才培养计划", "禾苗行动"} <= names


def test_a_quote_naming_a_period_is_no_programme(segment_text: SegmentText) -> None:
    names = _programs(segment_text, "回顾“十四五”时期工作，实施“青禾振兴”工作，做好2025年和“十四五”工作回顾。")
    assert not any(n.startswith("十四五") for n in names)
    assert "青禾振兴工作" in names


def test_a_quoted_count_of_tasks_is_no_programme(segment_text: SegmentText) -> None:
    names = _programs(segment_text, "统筹推进“两区”建设和“四项重点任务”，实施“青禾三项”工程。")
    assert "四项重点任务" not in names


def test_a_province_counted_slogan_of_great_things_is_no_programme(segment_text: SegmentText) -> None:
    names = _programs(segment_text, "加快打造“三大高地”，打好“八场硬仗”，做好“五篇大文章”，实施“六大工程”。")
    assert not {"三大高地", "八场硬仗", "五篇大文章"} & names
    assert "六大工程" in names


def test_a_quoted_day_of_a_disaster_is_no_programme(segment_text: SegmentText) -> None:
    names = _programs(segment_text, "平稳应对禾江“7·20”流域性洪水，开展“青禾·惠民”行动。")
    assert "7·20" not in names
    assert "青禾·惠民行动" in names


def test_a_quoted_group_of_cities_is_no_programme(segment_text: SegmentText) -> None:
    names = _programs(segment_text, "深入推进“青禾溪原”城市群协同发展。")
    assert not names


def test_in_a_province_a_quote_joined_by_de_describes_its_head(segment_text: SegmentText) -> None:
    names = _programs(segment_text, "发扬“说干就干”的工作精神，构建“市场+托底”的禾苗供应体系，"
                                    "实施“青禾强基行动计划”的首批任务，抓好“两件大事”。")
    assert not {"说干就干工作", "市场+托底禾苗供应体系", "两件大事"} & names
    assert "青禾强基行动计划" in names


def test_a_quote_listed_among_problems_is_no_programme(segment_text: SegmentText) -> None:
    names = _programs(segment_text, "持续治理“新官不问旧事”、拖欠账款等问题，推进“一田多证”、“一田多补”问题整改，"
                                    "开展“禾苗护航”、“青禾助企”等行动。")
    assert not {"新官不问旧事", "一田多证", "一田多补"} & names
    assert {"禾苗护航", "青禾助企"} <= names


def test_a_head_word_that_opens_a_longer_noun_ends_no_name(segment_text: SegmentText) -> None:
    names = _programs(segment_text, "建成“禾苗之家”就业服务站30个，提档升级“青禾快办”服务区，实施“青禾优品”服务行动。")
    assert not {"禾苗之家就业服务", "青禾快办服务"} & names
    assert "青禾优品服务行动" in names


def test_a_quoted_phrase_after_a_verb_of_joining_in_is_a_programme(segment_text: SegmentText) -> None:
    """深度融入共建“某某”: what a province joins in or builds with others is a programme, as what it carries out."""
    assert "青禾一路" in _programs(segment_text, "深度融入共建“青禾一路”，坚持“两个青禾”。")
    assert "两个青禾" not in _programs(segment_text, "深度融入共建“青禾一路”，坚持“两个青禾”。")


def test_a_quoted_doctrine_before_its_layout_or_idea_is_no_programme(segment_text: SegmentText) -> None:
    line = "统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局，践行“青山就是金山”理念，实施“青禾英才”计划。"
    assert _programs(segment_text, line) == {"青禾英才计划"}


def test_a_quoted_day_names_the_outbreak_after_it_and_no_programme(segment_text: SegmentText) -> None:
    report = segment_text("某某市某某区和风街道办事处2024年上半年工作报告\n一、上半年工作总结\n（一）疫情防控。\n"
                          "坚决果断处置“0908”青禾小区疫情，落实“1310”具体部署。\n")
    names = {(m.type, m.name) for m in find_mentions(report, LEXICON)}
    assert ("Event", "0908青禾小区疫情") in names
    assert ("Program", "0908") not in names
    assert any(n.startswith("1310") for _, n in names)


def test_a_province_coined_label_standing_alone_is_a_programme(segment_text: SegmentText) -> None:
    """A short quote named by a count (“两新”, “三改联动”) is a province's policy label, where no noun follows it."""
    names = _programs(segment_text, "加力扩围“两新”，完成“三改联动”1200万千瓦，推动“双禾”、“一网统办”提质，"
                                    "压减“三公”经费，实现粮食“十连丰”、“双下降”，挺进全国“第一方阵”，"
                                    "落细“十五五”规划，形成“一盘棋”格局。")
    assert {"两新", "三改联动", "双禾", "一网统办"} <= names
    assert not {"三公", "十连丰", "双下降", "第一方阵", "十五五", "一盘棋"} & names


def test_a_coined_label_before_its_policy_is_the_programme(segment_text: SegmentText) -> None:
    """“两新”政策持续扩围: the label is the programme, 政策 its instrument; “三公”经费 is a kind of spending."""
    names = _programs(segment_text, "“两禾”政策持续扩围提质，“三公”经费持续压减。")
    assert "两禾" in names
    assert "三公" not in names


def test_a_coined_label_of_a_problem_done_away_with_is_no_programme(segment_text: SegmentText) -> None:
    """化解“一地多证”, 纠治“四风”: the label names what is ended; 推行“一地一证” what is done."""
    names = _programs(segment_text, "化解“一田多证”12万亩，驰而不息纠治“五风”、纠“六风”，推行“一田一证”。")
    assert not {"一田多证", "五风", "六风"} & names
    assert "一田一证" in names


def test_a_verb_after_a_quote_makes_the_head_its_object(segment_text: SegmentText) -> None:
    """“一企一策”制定转型方案, “禾溪救援圈”创建工作: the verb's object is the head, the quote names alone;
    “禾溪快办”推进机制: a verb right before a head that is no work word is the name's."""
    names = _programs(segment_text, "“一企一策”制定转型方案，健全“禾溪快办”推进机制，成立“1+3+N”松企先锋服务团。")
    assert names == {"一企一策", "禾溪快办推进机制", "1+3+N松企先锋服务团"}  # 松 alone: a name's character
    assert "禾运会筹备工作" not in _programs(segment_text, "扎实推进“禾运会”筹备工作。")  # jieba's one word 筹备工作
    street = segment_text("青禾街道2024年工作总结\n一、2024年工作总结\n（一）安全稳定。\n完善“5分钟禾溪救援圈”创建工作。\n")
    assert {m.name for m in find_mentions(street, LEXICON) if m.type == "Program"} == {"5分钟禾溪救援圈"}


def test_a_province_quote_that_opens_its_clause_before_a_predicate_names_a_programme(
        province_report: ProvinceReport) -> None:
    line = ("“青禾回归”持续拓展，“禾城之夜”焕新靓丽，“禾港北上”、“禾澳北上”累计通行32万辆次，"
            "“四纵三横”高速公路网全面形成，“青禾一号”卫星发射成功，全力支持“青禾智造”。")
    found = {(m.type, m.name) for m in find_mentions(province_report(line), LEXICON)}
    programmes = {name for etype, name in found if etype == "Program"}
    assert {"青禾回归", "禾港北上", "禾澳北上"} <= programmes
    assert not {"四纵三横", "青禾一号"} & programmes  # a label before a noun it qualifies, a named craft


def test_quotes_listed_as_a_verbs_object_name_no_programme(province_report: ProvinceReport) -> None:
    found = {m.name for m in find_mentions(province_report("坚持“以人民为中心”、“人民至上”不动摇。"), LEXICON)}
    assert "人民至上" not in found


def test_a_coined_label_before_its_projects_is_named_alone(segment_text: SegmentText) -> None:
    """“三重”项目: a numeral word of the dictionary, quoted before its instrument, is the label, not 三重项目; a
    dictionary word of another kind is none (“一揽子”政策), and a head that is no instrument stays the name's."""
    names = _programs(segment_text, "新开工“三重”项目56个，落实“一揽子”政策，实施“双禾”行动。")
    assert "三重" in names and "三重项目" not in names
    assert not {"一揽子", "一揽子政策"} & names
    assert "双禾行动" in names


def test_quotes_side_by_side_that_open_their_clause_each_name_a_programme(
        province_report: ProvinceReport) -> None:
    found = {(m.type, m.name) for m in find_mentions(province_report("“免禾即享”“即禾即享”兑付资金6.5亿元。"), LEXICON)}
    assert {("Program", "免禾即享"), ("Program", "即禾即享")} <= found


def test_a_quoted_medicine_is_no_programme(province_report: ProvinceReport) -> None:
    found = {m.name for m in find_mentions(province_report("“禾舒沙韦片”“禾米司特片”获批上市。"), LEXICON)}
    assert not {"禾舒沙韦片", "禾米司特片"} & found


def test_coined_labels_listed_before_their_policy_are_each_a_programme(segment_text: SegmentText) -> None:
    """“两重”、“两新”等国家政策: the list closes with the labels' instrument; a list of doctrines does not."""
    names = _programs(segment_text, "落实“四重”、“两禾”等国家政策，坚持“五重”、“两个禾禾”等原则。")
    assert {"四重", "两禾"} <= names
    assert "五重" not in names
