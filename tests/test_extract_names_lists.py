"""extract.names.lists: the items of a list closed by 等 or a count.

Sentences are invented in the genre's style (names and figures made up).
"""
from __future__ import annotations

from collections.abc import Callable

from conftest import PROVINCE_OPENING, SegmentText
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon
from reportgraph.model import Report

LEXICON = Lexicon.load()


def _names(segment_text: SegmentText, line: str) -> set[str]:
    report = segment_text(PROVINCE_OPENING + line + "\n")
    at = report.text.find(line)
    return {m.name for m in find_mentions(report, LEXICON) if at <= m.start and m.end <= at + len(line)}


def test_an_item_cut_at_a_number_is_not_named_by_its_tail(segment_text: SegmentText) -> None:
    names = _names(segment_text, "开工建设青网720兆瓦储能电站等项目，禾唐空气储能等项目投产。")
    assert "储能电站" not in names
    assert "禾唐空气储能" in names


def _typed(segment_text: SegmentText, line: str, etype: str) -> set[str]:
    report = segment_text(PROVINCE_OPENING + line + "\n")
    at = report.text.find(line)
    return {m.name for m in find_mentions(report, LEXICON)
            if m.type == etype and at <= m.start and m.end <= at + len(line)}


def test_items_of_a_list_of_projects_are_projects(segment_text: SegmentText) -> None:
    line = "推动禾晶半导体、青化硅氟新材料等项目释放产能。"
    assert {"禾晶半导体", "青化硅氟新材料"} <= _typed(segment_text, line, "Project")
    assert not _typed(segment_text, line, "Program")


def test_fields_listed_before_a_programme_head_are_no_programmes(segment_text: SegmentText) -> None:
    line = "推进现代种业、农业微生物、数字农业等科技创新行动，培育演唱会经济、微短剧等新业态，深化“禾政通”等平台。"
    names = _typed(segment_text, line, "Program")
    assert not {"现代种业", "农业微生物", "数字农业", "演唱会经济", "微短剧"} & names
    assert "禾政通" in names


def test_a_route_in_a_list_is_named_from_start_to_end(segment_text: SegmentText) -> None:
    line = "续建青浦至禾江、白溪至禾山等7个铁路项目。"
    names = _names(segment_text, line)
    assert not {"禾江铁路", "禾山铁路"} & names
    assert any(n.startswith("青浦至禾江") for n in names)


def test_a_province_lists_fields_of_places_not_places(segment_text: SegmentText) -> None:
    text = ("某某省人民政府2026年政府工作报告\n一、2025年工作回顾\n（一）科技创新。\n"
            "积极创建海洋牧业、智能制造等国家级应用中试基地，维修改造嵘岙大道、兴业路等30条道路。\n")
    places = {m.name for m in find_mentions(segment_text(text), Lexicon.load()) if m.type == "Place"}
    assert not {"海洋牧业", "智能制造"} & places
    assert "嵘岙大道" in places and not any("改造" in name for name in places)


def test_kinds_and_fields_listed_as_projects_are_no_projects(segment_text: SegmentText) -> None:
    names = _typed(segment_text, "有序推进保障性住房、生物制造、氢能装备等重点项目建设，加快东盟青禾合作中心、"
                                 "禾溪智算中心三期等项目建设。", "Project")
    assert not {"保障性住房", "生物制造", "氢能装备"} & names
    assert {"东盟青禾合作中心", "禾溪智算中心三期"} <= names


def test_a_quote_opening_the_head_of_a_list_of_firms_only_qualifies_it(segment_text: SegmentText) -> None:
    names = _typed(segment_text, "积极培育禾光科技、青精诚等“10+6”产业集群初创企业。", "Company")
    assert {"禾光科技", "青精诚"} <= names


def test_the_work_firms_do_listed_before_the_firm_word_is_no_firm(segment_text: SegmentText) -> None:
    names = _typed(segment_text, "吸引卫星数据应用、火箭总装测试、华中通用等企业集聚。", "Company")
    assert not {"卫星数据应用", "火箭总装测试"} & names
    assert "华中通用" in names


def test_a_listed_built_place_of_a_kind_is_no_project(segment_text: SegmentText) -> None:
    names = _typed(segment_text, "加快青禾奥体中心、体育训练基地等项目建设。", "Project")
    assert "体育训练基地" not in names
    assert "青禾奥体中心" in names


def test_a_verb_of_result_before_a_listed_undertaking_is_dropped(segment_text: SegmentText) -> None:
    names = _names(segment_text, "建好青禾高等研究院等新型创新平台，用好禾溪共享机制等模式。")
    assert not any(n.startswith(("建好", "用好")) for n in names)


def test_centres_and_fields_a_province_lists_as_platforms_are_no_programmes(segment_text: SegmentText) -> None:
    line = ("推进禾山生态适配中心、青禾人工智能实验室、脑机接口等产业创新平台建设，"
            "优化“禾政通”等平台，深化青溪、禾原等协作行动。")
    names = _typed(segment_text, line, "Program")
    assert not {"禾山生态适配中心", "青禾人工智能实验室", "脑机接口"} & names
    assert "禾政通" in names


def test_a_word_opening_with_zero_is_no_count_that_cuts_an_item(segment_text: SegmentText) -> None:
    """零部件 opens with 零 and ends with a counter, but counts nothing: the item keeps its first half."""
    assert _typed(segment_text, "推动青禾汽车零部件产业园、青禾数据中心集群等项目建设。", "Project") == {
        "青禾汽车零部件产业园", "青禾数据中心集群"}
    assert "一大批重大工程" not in _names(segment_text, "谋划实施一大批重大工程。")


def test_items_of_a_batch_do_not_take_its_head(segment_text: SegmentText) -> None:
    """某某史展等一批展览馆向公众开放: the exhibition is among the halls, not a hall named 某某史展展览馆."""
    assert not any(name.endswith("展览馆") for name in _names(segment_text, "青禾近现代史展等一批展览馆向公众开放。"))


def test_a_route_ending_at_a_county_takes_the_lists_head(segment_text: SegmentText) -> None:
    """青禾至禾唐县、…等高速公路: the county ends the route; the item is the road, named with the list's head."""
    assert "青禾至禾唐县高速公路" in _names(segment_text, "开工青禾至禾唐县、禾溪至青山等高速公路。")


def test_fields_a_province_lists_as_projects_name_none_though_a_word_is_tagged_a_name(
        segment_text: SegmentText) -> None:
    assert not _typed(segment_text, "推进火箭、卫星制造、航天配套等重大项目。", "Project")


def test_technology_routes_listed_as_projects_are_no_projects(segment_text: SegmentText) -> None:
    names = _typed(segment_text, "加快布局建设煤制芳烃、低阶煤热解联产分质分级利用、焦化化产深加工等项目，"
                                 "推动禾晶半导体等项目投产。", "Project")
    assert not {"煤制芳烃", "低阶煤热解联产分质分级利用", "焦化化产深加工"} & names
    assert "禾晶半导体" in names


def test_a_field_ending_in_a_common_word_for_villages_is_no_project(segment_text: SegmentText) -> None:
    """水利、农业农村等重大项目: 农村 is a word of its own, and the items are fields, not projects."""
    names = _names(segment_text, "支持民间资本参与交通、能源、水利、农业农村等重大项目建设。")
    assert "农业农村" not in names


def test_a_verb_before_a_listed_places_name_is_the_clauses(segment_text: SegmentText) -> None:
    """建设开放金宝岛等公园: jieba tags 金 a person's name; 开放 is what is done to the park."""
    names = _typed(segment_text, "建设开放金宝岛等公园，改造提升一批街区。", "Project")
    assert "金宝岛公园" in names
    assert "开放金宝岛公园" not in names



def test_the_items_of_a_counted_list_of_villages_are_villages_even_where_a_name_looks_like_a_river(
        work_report: Callable[..., Report]) -> None:
    report = work_report(summary=["推动青石、柳湾、大河3个村集体经济收入突破50万元，对上河、下河两村实施道路硬化。"])
    found = {(m.type, m.name) for m in find_mentions(report, LEXICON)}
    assert {"青石", "柳湾", "大河", "上河", "下河"} <= {name for etype, name in found if etype == "Community"}
    assert not {"大河", "下河"} & {name for etype, name in found if etype == "Place"}


def test_quotes_side_by_side_in_a_list_are_items_of_their_own(segment_text: SegmentText) -> None:
    names = _typed(segment_text, "推广“334”“622”等联农带农机制，开展“走找想促”“送禾优”等行动。", "Program")
    assert {"334", "622", "走找想促", "送禾优"} <= names
    assert not {"334622", "走找想促送禾优"} & names


def test_a_list_of_projects_counted_in_a_category_names_each_but_not_fields_or_what_is_done(
        segment_text: SegmentText) -> None:
    names = _typed(segment_text, "长沙禾科新型显示、湘潭禾芯智造等一批百亿级项目开工建设。", "Project")
    assert {"长沙禾科新型显示", "湘潭禾芯智造"} <= names
    assert not _typed(segment_text, "抓实风电光伏、新一代煤电等11个重点领域项目，用好专项债、政府投资基金等工具支持产业项目建设，"
                                    "布局5G-A、算力等新型基础设施项目。", "Project")


def test_numbered_villages_are_no_count_and_route_codes_take_the_head(work_report: Callable[..., Report]) -> None:
    report = work_report(summary=["建成禾城三村、禾岚二村，推进G15、S20等高速公路改扩建。"])
    found = {(m.type, m.name) for m in find_mentions(report, LEXICON)}
    assert ("Community", "禾岚") not in found
    assert {"G15高速公路", "S20高速公路"} <= {name for _, name in found}


def test_a_list_closed_by_a_count_of_thousands_names_its_projects(segment_text: SegmentText) -> None:
    """等1.22万个…项目: the items of a province's projects, counted in thousands after 等; a bare count of
    thousands closes no list (扁平化的某某微信群、覆盖21万家企业)."""
    names = _names(segment_text, "大力推进青禾水运新通道、禾溪高铁宜青段等1.22万个亿元以上新建续建项目，"
                                 "组建禾塘联络微信群、禾溪群21万家企业。")
    assert {"青禾水运新通道", "禾溪高铁宜青段"} <= names
    assert not any("微信群" in n or n.startswith("禾溪群") for n in names)


def test_firms_listed_by_two_characters_are_firms_but_classes_of_firm_are_none(segment_text: SegmentText) -> None:
    """某能、某投等企业重整重组: a province's firms go by two characters; 规上、限上等企业 are classes of firm."""
    names = _names(segment_text, "抓好禾能、青投等企业重整重组，推动规上、限上等企业稳产增效，帮扶小微、台企等企业。")
    assert {"禾能", "青投"} <= names
    assert not {"规上", "限上", "小微", "台企"} & names


def test_a_province_lists_projects_named_by_the_works_on_a_named_site(segment_text: SegmentText) -> None:
    """禾江航道整治、…等重大项目: the works done on a named site name the project; the works on a kind of place
    (城中村改造) or a field (河道环境整治) name none."""
    names = _names(segment_text, "加快禾江航道整治、青禾枢纽直通线、城中村改造、河道环境整治等重大项目建设，"
                                 "推进全省老旧小区改造、禾塘水库除险加固等重点工程。")
    assert {"禾江航道整治", "青禾枢纽直通线"} <= names
    assert not {"城中村改造", "河道环境整治"} & names and not any(n.endswith("小区改造") for n in names)


def test_a_firm_whose_short_name_is_a_word_is_named_beside_firms_that_are_not(segment_text: SegmentText) -> None:
    line = "依托星河、凤凰、青禾芯科、蓝湾智联等头部企业强链补链，支持电子、医药等重点企业扩产。"
    firms = _typed(segment_text, line, "Company")
    assert {"星河", "凤凰", "青禾芯科", "蓝湾智联"} <= firms
    assert not {"电子", "医药"} & firms  # a list of words only names sectors


def test_mines_listed_as_projects_are_projects_named_with_the_mines_word(segment_text: SegmentText) -> None:
    line = "加快禾龙川、唐禾河等煤矿建设，争取后禾、公婆禾等煤矿项目核准。"
    projects = _typed(segment_text, line, "Project")
    assert {"禾龙川煤矿", "唐禾河煤矿", "后禾煤矿", "公婆禾煤矿"} <= projects
    assert "小煤矿" not in _names(segment_text, "关闭退出小煤矿12处。")


def test_laboratories_listed_by_their_names_take_the_type_word_and_kinds_of_them_do_not(
        segment_text: SegmentText) -> None:
    line = "禾金山、青禾湖等实验室加快建设，依托国家实验室、省实验室等实验室，支持高校、科研院所等研究院。"
    bodies = _typed(segment_text, line, "GovernmentBody")
    assert {"禾金山实验室", "青禾湖实验室"} <= bodies
    assert not {"高校研究院", "科研院所研究院", "国家实验室实验室"} & bodies
