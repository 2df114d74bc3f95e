"""extract.names.walk: the left edge of a name, and what is trimmed from it.

Sentences are invented in the genre's style (names and figures made up).
"""
from __future__ import annotations

from conftest import ProvinceReport
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()


def test_a_known_name_opening_with_a_verb_like_word_is_not_trimmed(province_report: ProvinceReport, tmp_path) -> None:
    user = tmp_path / "names.tsv"
    user.write_text("延长青禾\tCompany\n", encoding="utf-8")
    lexicon = Lexicon.load(user)
    line = "延长青禾千万吨原油稳产基地建成投产。"
    report = province_report(line)
    names = {m.name for m in find_mentions(report, lexicon)}
    assert "延长青禾千万吨原油稳产基地" in names
    assert not any(n.startswith("青禾千万吨") for n in names)


def test_the_complement_of_the_verb_before_a_name_is_dropped(province_report: ProvinceReport) -> None:
    line = "实施好青禾老人助餐补贴项目，以实际行动推进改革，深入实施强省会行动。"
    report = province_report(line)
    names = {m.name for m in find_mentions(report, LEXICON)}
    assert "青禾老人助餐补贴项目" in names
    assert "强省会行动" in names  # 强 opens the slogan's name here
    assert not any(n.startswith("好") for n in names)
    assert "实际行动" not in names


def test_a_verb_of_result_glued_to_an_undertaking_is_dropped(province_report: ProvinceReport) -> None:
    line = "做实“一键申报”机制，建好用好青禾人才发展基金，打好禾溪治本攻坚三年行动，实施扩大有效投资专项行动。"
    report = province_report(line)
    names = {m.name for m in find_mentions(report, LEXICON) if m.type == "Program"}
    assert {"青禾人才发展基金", "禾溪治本攻坚三年行动", "扩大有效投资专项行动"} <= names
    assert not any(n.startswith(("做实", "建好", "用好", "打好")) for n in names)


def test_a_list_number_a_split_boundary_verb_or_verbs_alone_make_no_part_of_an_undertaking(
        province_report: ProvinceReport) -> None:
    line = "一要打好“青禾”工程攻坚战，建成投用禾溪数字金融服务平台，建强用好平台，二是实施禾塘振兴行动。\n" \
           "12.青溪惠企成长计划：为企业纾困。"
    report = province_report(line)
    names = {m.name for m in find_mentions(report, LEXICON) if m.type == "Program"}
    assert {"青禾工程", "禾塘振兴行动", "青溪惠企成长计划"} <= names
    assert not any(n.startswith(("一要", "二是", "投用", "建强", "用好", "12.")) for n in names)


def test_verbs_of_opposing_joining_and_drafting_end_the_words_before_an_undertaking(
        province_report: ProvinceReport) -> None:
    line = "坚决反对形象工程，主动融入国家青禾数算工程，编制全口径青禾投资计划，加快在建禾溪抽水蓄能电站建设。"
    report = province_report(line)
    names = {m.name for m in find_mentions(report, LEXICON)}
    assert "国家青禾数算工程" in names
    assert not any(n.startswith(("反对", "融入", "编制", "在建")) for n in names)


def test_a_split_boundary_verb_or_a_verb_of_placing_is_no_part_of_a_built_places_name(
        province_report: ProvinceReport) -> None:
    line = "建成投用青禾机场，布局禾溪石化、青溪富海等重大项目。"
    report = province_report(line)
    names = {m.name for m in find_mentions(report, LEXICON)}
    assert {"青禾机场", "禾溪石化"} <= names
    assert not any(n.startswith(("投用", "用", "布局")) for n in names)


def test_a_dash_between_two_places_is_inside_a_name_and_a_dash_between_stages_is_not(
        province_report: ProvinceReport) -> None:
    line = "办好中国—东盟青禾博览会，推进研发—样品—禾溪转化平台建设。"
    report = province_report(line)
    names = {m.name for m in find_mentions(report, LEXICON)}
    assert "中国—东盟青禾博览会" in names
    assert not any("样品" in n for n in names)


def test_the_second_character_of_a_boundary_verb_is_no_part_of_the_name_after_it(province_report: ProvinceReport) -> None:
    line = "青溪、禾塘等10个县市获批国家青禾综合改革试点。"
    report = province_report(line)
    names = {m.name for m in find_mentions(report, LEXICON) if m.type == "Program"}
    assert "国家青禾综合改革试点" in names
    assert not any(n.startswith("批") for n in names)


def test_a_verb_before_a_scope_word_is_no_part_of_an_undertakings_name(province_report: ProvinceReport) -> None:
    line = "升级省“青禾”管理一体化平台，组建运行省禾溪投资平台，实施规范禾塘收费专项行动。"
    report = province_report(line)
    names = {m.name for m in find_mentions(report, LEXICON) if m.type == "Program"}
    assert {"省青禾管理一体化平台", "省禾溪投资平台"} <= names
    assert not any(n.startswith(("升级", "运行")) for n in names)


def test_a_verb_before_a_places_name_is_no_part_of_a_body_or_a_built_place(province_report: ProvinceReport) -> None:
    line = "开通运营青岛禾溪通信业务出入口局，建成运营青岛禾塘国际机场。"
    report = province_report(line)
    names = {m.name for m in find_mentions(report, LEXICON)}
    assert {"青岛禾溪通信业务出入口局", "青岛禾塘国际机场"} <= names
    assert not any(n.startswith("运营") for n in names)


def test_a_verb_of_guiding_or_helping_is_no_part_of_the_firm_after_it(province_report: ProvinceReport) -> None:
    line = "指导青禾绿源茶业有限公司申报省级质量标杆，帮助禾溪新材料股份有限公司融资。"
    names = {m.name for m in find_mentions(province_report(line), LEXICON) if m.type == "Company"}
    assert names == {"青禾绿源茶业有限公司", "禾溪新材料股份有限公司"}


def test_a_year_before_a_body_is_no_part_of_its_name_as_it_may_be_of_an_events(
        province_report: ProvinceReport) -> None:
    line = "2026年禾川区人民政府工作报告提出，二〇二六年禾川区人民政府成功举办2025年禾川国际马拉松。"
    mentions = find_mentions(province_report(line), LEXICON)
    bodies = {m.name for m in mentions if m.type == "GovernmentBody"}
    assert "禾川区人民政府" in bodies and not any("年" in name for name in bodies)
    assert "2025年禾川国际马拉松" in {m.name for m in mentions if m.type == "Event"}


def test_a_one_character_preposition_opens_no_name(province_report: ProvinceReport) -> None:
    line = "与禾山集团签约，与青禾科技有限公司合作，向禾川区人民政府报告。"
    names = {m.name for m in find_mentions(province_report(line), LEXICON)}
    assert {"禾山集团", "青禾科技有限公司", "禾川区人民政府"} <= names
    assert not any(n[0] in "与向" for n in names)


def test_a_verb_of_listing_ends_the_words_before_a_programme(province_report: ProvinceReport) -> None:
    line = "青禾市和禾溪高新区列入国家碳达峰试点。"
    report = province_report(line)
    names = {m.name for m in find_mentions(report, LEXICON) if m.type == "Program"}
    assert names == {"国家碳达峰试点"}


def test_a_conjunction_between_two_fields_is_inside_a_bodys_name(province_report: ProvinceReport) -> None:
    line = "青禾县人力资源和社会保障局、县住房和城乡建设局、县发展和改革委员会联合开展专项检查。"
    names = {m.name for m in find_mentions(province_report(line), LEXICON) if m.type == "GovernmentBody"}
    assert {"青禾县人力资源和社会保障局", "县住房和城乡建设局", "县发展和改革委员会"} <= names
    assert not names & {"社会保障局", "城乡建设局", "改革委员会"}


def test_a_conjunction_between_two_bodies_is_not_inside_a_name(province_report: ProvinceReport) -> None:
    line = "区委和区政府高度重视，区人社局和区卫健局联合开展义诊。"
    names = {m.name for m in find_mentions(province_report(line), LEXICON) if m.type == "GovernmentBody"}
    assert not any("和" in n for n in names), names


def test_the_work_a_project_does_right_before_its_type_word_is_in_its_name(province_report: ProvinceReport) -> None:
    line = "实施青禾公园提升项目，推进禾溪路提升改造项目，全面提升项目管理水平，大力提升改造项目质量。"
    names = {m.name for m in find_mentions(province_report(line), LEXICON)}
    assert {"青禾公园提升项目", "禾溪路提升改造项目"} <= names
    assert not any(n.startswith("提升") for n in names), names


def test_a_known_name_opens_the_words_before_a_name_only_where_a_word_ends(
        province_report: ProvinceReport, tmp_path) -> None:
    user = tmp_path / "names.tsv"
    user.write_text("和康\tPlace\n", encoding="utf-8")
    line = "实施青禾健康服务专项行动和康复护理扩容提升工程。"
    names = {m.name for m in find_mentions(province_report(line), Lexicon.load(user))}
    assert {"青禾健康服务专项行动", "康复护理扩容提升工程"} <= names
    assert not any("和康复" in n for n in names), names


def test_a_name_does_not_open_with_its_bracketed_place(province_report: ProvinceReport) -> None:
    """西部（某某）科学城: the word before the bracket is the name's, unless it is a verb (建设（某某）…)."""
    report = province_report("提升西部（青禾）科学城创新功能，建设（禾唐）跨境电商物流基地。")
    names = {m.name for m in find_mentions(report, LEXICON)}
    assert "西部（青禾）科学城" in names
    assert not any(name.startswith("建设") for name in names)


def test_the_use_an_undertaking_makes_of_a_thing_is_part_of_its_name(province_report: ProvinceReport) -> None:
    report = province_report("实施青禾文化遗产保护利用工程。")
    assert "青禾文化遗产保护利用工程" in {m.name for m in find_mentions(report, LEXICON)}


def test_a_verb_of_building_glued_before_a_work_is_none_of_its_name(province_report: ProvinceReport) -> None:
    report = province_report("新建扩建青禾水库等一批水利工程，建成通车青禾至禾溪高速公路，推进禾溪机场改扩建工程。")
    names = {m.name for m in find_mentions(report, LEXICON)}
    assert {"青禾水库", "禾溪机场改扩建工程"} <= names
    assert not any(n.startswith(("扩建", "通车")) for n in names)


def test_party_departments_are_bodies_without_the_verb_before_them(province_report: ProvinceReport) -> None:
    report = province_report("积极对接省委组织部，主动走访市委宣传部，获省委社会工作部调研肯定，健全产融对接机制。")
    names = {(m.type, m.name) for m in find_mentions(report, LEXICON)}
    assert {("GovernmentBody", "省委组织部"), ("GovernmentBody", "市委宣传部"),
            ("GovernmentBody", "省委社会工作部"), ("Program", "产融对接机制")} <= names


def test_a_renaming_verb_and_a_word_of_many_levels_make_no_bodys_name(province_report: ProvinceReport) -> None:
    names = {m.name for m in find_mentions(province_report("青禾学院更名大学获批，建设多层次实验室体系。"), LEXICON)}
    assert not any(n.endswith("更名大学") or n == "多层次实验室" for n in names)


def test_a_national_events_name_keeps_the_scope_that_opens_it(province_report: ProvinceReport) -> None:
    names = {m.name for m in find_mentions(province_report("成功举办全国青禾三大球运动会。"), LEXICON)}
    assert "全国青禾三大球运动会" in names


def test_a_verb_right_after_a_body_ends_the_words_before_what_it_does(province_report: ProvinceReport) -> None:
    line = "协助县人社局组织招聘会12场，区委组织部开展青禾干部培训。"
    names = {(m.type, m.name) for m in find_mentions(province_report(line), LEXICON)}
    assert ("GovernmentBody", "县人社局") in names
    assert not any(name.startswith("县人社局组织") for _, name in names)
    assert ("GovernmentBody", "区委组织部") in names  # a body's own name may hold the verb
