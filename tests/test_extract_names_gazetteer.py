"""extract.names.gazetteer: a division's short form names the division only where it can.

Sentences are invented in the genre's style; the divisions are the package's own list.
"""
from __future__ import annotations

from conftest import SegmentText
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()


def _places(segment_text: SegmentText, issuer: str, line: str) -> set[str]:
    text = f"{issuer}2026年政府工作报告\n一、2025年工作回顾\n（一）经济发展。\n{line}\n"
    return {m.name for m in find_mentions(segment_text(text), LEXICON) if m.type == "Place"}


def test_a_short_form_of_another_provinces_division_is_no_place(segment_text: SegmentText) -> None:
    line = "加快博罗储能电站等项目建设。"
    assert "博罗" not in _places(segment_text, "浙江省人民政府", line)
    assert "博罗" in _places(segment_text, "广东省人民政府", line)


def test_a_short_form_stands_where_the_sentence_names_its_province(segment_text: SegmentText) -> None:
    line = "对口协作广东（博罗、龙门）消费帮扶成效明显。"
    assert "博罗" in _places(segment_text, "浙江省人民政府", line)


def test_a_short_form_stands_where_the_report_names_no_region(segment_text: SegmentText) -> None:
    assert "博罗" in _places(segment_text, "某某镇人民政府", "加快博罗储能电站等项目建设。")


def test_a_short_form_before_a_bay_or_a_lake_is_the_waters_name(segment_text: SegmentText) -> None:
    assert "云和" not in _places(segment_text, "浙江省人民政府", "加快云和湖旅游度假区建设。")
    assert "云和" in _places(segment_text, "浙江省人民政府", "支持云和、景宁发展生态旅游。")


def test_a_full_name_of_another_provinces_division_stands(segment_text: SegmentText) -> None:
    assert "博罗县" in _places(segment_text, "浙江省人民政府", "与博罗县开展产业协作。")


def test_a_division_ending_the_reports_own_region_or_a_longer_division_is_not_said(
        segment_text: SegmentText) -> None:
    assert "丰县" not in _places(segment_text, "禾丰县人民政府", "禾丰县新增规上企业20家。")  # the report's own county
    assert "丰县" in _places(segment_text, "禾丰县人民政府", "与丰县开展产业协作。")
    places = _places(segment_text, "江西省人民政府", "南丰县蜜桔产业做大做强。")
    assert "南丰县" in places and "丰县" not in places


def test_the_province_comes_from_the_region_chain() -> None:
    assert LEXICON.province_of["博罗县"] == "广东省"
    assert LEXICON.province_of["惠州市"] == "广东省"
    assert {d.name for d in LEXICON.divisions_by_short_form["兴宁"]} == {"兴宁区", "兴宁市"}


def test_a_two_character_full_name_of_another_provinces_county_is_no_place(segment_text: SegmentText) -> None:
    line = "鼓励返乡创业和县乡村两级服务衔接。"
    assert "和县" not in _places(segment_text, "浙江省人民政府", line)
    assert "和县" in _places(segment_text, "安徽省人民政府", line)


def test_a_short_form_before_another_divisions_type_word_is_that_division(segment_text: SegmentText) -> None:
    """平川区 is a district of the package's list; 平川县 of a report is another division, and so is the
    short form 平川 in a report whose own region is 平川县."""
    line = "实施平川县第二实验小学新建工程，开展“平川好老师”评选活动。"
    assert "平川" not in _places(segment_text, "平川县人民政府", line)
    assert "平川" not in _places(segment_text, "某某市人民政府", "实施平川县第二实验小学新建工程。")
    assert "平川区" in _places(segment_text, "某某市人民政府", "支持平川区特色产业发展。")


def test_a_macro_region_is_a_place_by_the_shape_of_its_name(segment_text: SegmentText) -> None:
    line = "推动豫北、鄂西、北疆和关中地区协同发展，支持青禾在东北首个落地。"
    places = _places(segment_text, "某某省人民政府", line)
    assert {"豫北", "鄂西", "北疆", "关中", "东北"} <= places


def test_a_macro_region_is_not_read_out_of_a_longer_word_or_name(segment_text: SegmentText) -> None:
    line = "推进渝东北和粤东西北发展，禾唐位于省东北部，保护东北虎豹种群，拍摄纪录片《东北青禾》，西北农大育成新品种。"
    places = _places(segment_text, "某某省人民政府", line)
    assert "渝东北" in places
    assert not {"东北", "西北"} & places


def _bodies(segment_text: SegmentText, line: str) -> set[str]:
    text = f"某某省人民政府2026年政府工作报告\n一、2025年工作回顾\n（一）经济发展。\n{line}\n"
    return {m.name for m in find_mentions(segment_text(text), LEXICON) if m.type == "GovernmentBody"}


def test_a_mass_organisation_is_a_body_by_its_kind_with_its_level(segment_text: SegmentText) -> None:
    line = "支持工会、共青团、科协等群团组织在青禾发挥作用，主动接受人大监督，完善禾唐与市侨联联系机制。"
    bodies = _bodies(segment_text, line)
    assert {"工会", "共青团", "科协", "人大", "市侨联"} <= bodies


def test_a_mass_organisations_kind_inside_another_word_or_a_list_of_fields_is_no_body(
        segment_text: SegmentText) -> None:
    line = "青禾建设工会驿站15个，发展共青团员，禾唐工会、青少年、红十字等事业取得新进展。"
    assert not _bodies(segment_text, line) & {"工会", "共青团", "红十字"}


def test_a_county_level_city_its_province_governs_directly_is_a_division(segment_text: SegmentText) -> None:
    line = "支持五家渠、图木舒克建设特色产业园。"
    assert {"五家渠", "图木舒克"} <= _places(segment_text, "新疆维吾尔自治区人民政府", line)
    assert "五家渠" not in _places(segment_text, "浙江省人民政府", line)  # another province's


def test_a_places_short_form_opening_a_streets_or_a_fields_name_is_no_place(segment_text: SegmentText) -> None:
    text = "天津市人民政府2026年政府工作报告\n一、2025年工作回顾\n（一）经济发展。\n" \
        "启动建设赤峰道—中心花园等项目，深化云冈学研究，支持赤峰、通辽发展。\n"
    places = [m.name for m in find_mentions(segment_text(text), LEXICON) if m.type == "Place"]
    assert places.count("赤峰") == 1  # said on its own, not in the street's name
    assert not any(m.startswith("云冈") for m in places)



def test_a_known_firm_followed_by_its_line_of_business_is_the_affiliate(segment_text: SegmentText, tmp_path) -> None:
    user = tmp_path / "names.tsv"
    user.write_text("禾青\tCompany\n", encoding="utf-8")
    lexicon = Lexicon.load(user)
    text = "某某省人民政府2026年政府工作报告\n一、2025年工作回顾\n（一）经济发展。\n禾青物流华南总部落户，与禾青签约。\n"
    names = [(m.type, m.name) for m in find_mentions(segment_text(text), lexicon)]
    assert ("Company", "禾青物流") in names
    assert names.count(("Company", "禾青")) == 1


def test_a_direction_cut_off_as_a_locative_names_no_region(segment_text: SegmentText) -> None:
    """在富民兴陇中开创未来: 中 is "in", not the direction of 陇中; 陕北 before a verb stays a region."""
    report = segment_text("某某省人民政府2026年政府工作报告\n一、2025年工作回顾\n（一）经济发展。\n"
                          "在富民兴陇中开创未来，推动陕北加快发展，推动皖中崛起。\n")
    places = {m.name for m in find_mentions(report, Lexicon.load()) if m.type == "Place"}
    assert "陇中" not in places
    assert {"陕北", "皖中"} <= places


def test_the_armed_forces_thanked_in_a_report_are_national_bodies(segment_text: SegmentText) -> None:
    """向驻某人民解放军指战员、武警部队官兵致以崇高敬意: the line every province's report closes with names the army and
    the armed police, national bodies the package knows."""
    text = "某某省人民政府2026年政府工作报告\n一、2025年工作回顾\n（一）经济发展。\n向驻某人民解放军指战员、武警部队官兵致以崇高敬意。\n"
    found = {(m.type, m.name) for m in find_mentions(segment_text(text), LEXICON)}
    assert {("GovernmentBody", "人民解放军"), ("GovernmentBody", "武警部队")} <= found
    # jieba's one word 武警官兵: the known body ends before its members
    officers = segment_text(text.replace("指战员、武警部队官兵", "、武警官兵"))
    assert ("GovernmentBody", "武警") in {(m.type, m.name) for m in find_mentions(officers, LEXICON)}
