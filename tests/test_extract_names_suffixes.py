"""extract.names.suffixes: the shapes of a description rather than a name, on provincial text.

Sentences are invented in the genre's style (names and figures made up); each test writes a
provincial report (a level whose reports name kinds, not places) around the lines it needs.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import ProvinceReport, SegmentText
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon
from reportgraph.model import Mention, Report

LEXICON = Lexicon.load()
PROVINCE = "某某省人民政府2026年政府工作报告"


def _province_names(segment_text: SegmentText, *lines: str, etype: str | None = None) -> set[str]:
    """The names found in ``lines`` of a provincial report (of ``etype`` only, if given)."""
    report = segment_text(PROVINCE + "\n一、2025年工作回顾\n（一）经济发展。\n" + "\n".join(lines) + "\n")
    assert report.level == "province"
    spans = [(report.text.find(line), report.text.find(line) + len(line)) for line in lines]
    found: list[Mention] = [m for m in find_mentions(report, LEXICON)
                            if any(a <= m.start and m.end <= b for a, b in spans)]
    return {m.name for m in found if etype is None or m.type == etype}


def test_a_verb_and_its_object_ending_in_a_bureau_character_is_no_bureau(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "坚持改革破局，在推动青禾振兴上开新局，优化空间布局。",
                            "青禾市统计局、省医保局和交通厅联合发布。")
    assert not any(n.endswith(("破局", "开新局", "布局")) for n in names)
    assert {"青禾市统计局", "交通厅"} <= names


def test_in_a_province_a_village_needs_a_place_before_it(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "开展访企入村活动，建设互嵌式社区，已开工入口社区，做靓村歌品牌。",
                            "青禾县禾塘村入选全国示范。", etype="Community")
    assert names == {"禾塘村"}


def test_a_community_named_by_a_word_of_innovation_is_a_hub_not_a_community(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "建设一批高水平科创社区，青禾市禾溪文创社区、青禾市禾塘社区投入运营。",
                            etype="Community")
    assert names == {"禾塘社区"}


def test_a_list_item_opening_with_the_village_word_is_no_village(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "办好“村BA”（青禾赛区）、“村歌”等“村字号”文体活动。", etype="Community")
    assert not names


def test_a_kind_counted_right_after_its_name_is_no_name(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "新增青禾实验室5家，省创新实验室达8家，建成禾塘产业园12个、省级示范区3个。",
                            "青禾先行示范区12项经验获推广。")
    assert not {"青禾实验室", "省创新实验室", "禾塘产业园"} & names
    assert "青禾先行示范区" in names  # the count there belongs to 经验, not to the zone


def test_a_description_or_a_count_opening_a_name_is_no_name(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "吸引更多跨国公司落户，首家市内免税店开业，80余家央企二级公司布局拓展，",
                            "建设更多口袋体育公园，完成2.3万间中小学教室照明改造。")
    assert not any(n.startswith(("更多", "首家", "80余家", "2.3万间")) for n in names)


def test_a_firms_role_after_a_word_of_doing_opens_no_name_but_stays_after_a_noun(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "首开区开发建设平台禾溪建发公司正式成立，青禾数字平台科技有限公司落户。",
                            etype="Company")
    assert names == {"禾溪建发公司", "青禾数字平台科技有限公司"}


def test_a_superlative_describes_and_names_nothing(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "完成港股最大IPO项目，建成全国最长跨海大桥，以最优服务护航工程实施，青禾港区扩建项目开工。")
    assert not any("最" in n for n in names)
    assert "青禾港区扩建项目" in names


def test_a_kind_of_firm_is_no_company_and_a_firm_named_by_common_words_is(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "深化资产公司、项目公司改革，与跨国公司对接，培育大型综合性现代物流集团，",
                            "青螺集团与禾维集团启动重组，组建省物流集团。", etype="Company")
    assert not {"资产公司", "项目公司", "跨国公司", "大型综合性现代物流集团"} & names
    assert {"青螺集团", "禾维集团", "省物流集团"} <= names


def test_an_honor_ending_in_a_type_word_begins_after_its_winner_and_verb(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "青禾控股跻身中国企业500强，力争新增国家卓越级智能工厂80家。", etype="Honor")
    assert {"中国企业500强", "国家卓越级智能工厂"} <= names
    assert not any(n.startswith(("青禾控股", "新增")) for n in names)


def test_an_award_character_inside_a_verb_is_no_award(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "开展首届评奖，青禾项目获青禾专利奖，十名学生在赛事中获奖。", etype="Honor")
    assert not any(n.endswith(("评奖", "获奖")) for n in names)


def test_a_route_is_named_from_its_start_to_its_end(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "加快建设青河至禾溪铁路、乌兰青至禾山铁路。", etype="Project")
    assert {"青河至禾溪铁路", "乌兰青至禾山铁路"} <= names
    assert not {"禾溪铁路", "禾山铁路"} & names


def test_a_routes_undertaking_keeps_its_starting_point(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "青河至禾溪段铁路扩能改造工程加快推进。", etype="Project")
    assert "青河至禾溪段铁路扩能改造工程" in names


def test_built_places_listed_as_projects_are_projects(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "推进青禾铁路、禾溪机场等项目前期，加快禾塘医院青禾救援基地等重点项目。")
    projects = _province_names(segment_text, "推进青禾铁路、禾溪机场等项目前期，加快禾塘医院青禾救援基地等重点项目。",
                               etype="Project")
    assert {"青禾铁路", "禾溪机场", "禾塘医院青禾救援基地"} <= projects
    assert "禾溪机场" in names


def test_levels_counts_and_asides_are_no_places(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "建成覆盖省市县乡村的应急广播体系，青溪、禾原4县高速项目全部开工，",
                            "推进青禾山国家公园（青禾片区）建设。", etype="Place")
    assert not {"省市县", "禾原4县", "青禾片区"} & names


def test_an_institution_word_opening_a_place_name_is_no_body(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "省部共建青禾大学科技园，支持青禾大学建设。", etype="GovernmentBody")
    assert "青禾大学" in names
    assert not any(n.endswith("共建青禾大学") for n in names)


def test_a_zone_named_by_the_genres_jargon_alone_is_a_kind(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "深入实施自贸试验区提升战略，高水平建设青禾自贸试验区。", etype="Place")
    assert names == {"青禾自贸试验区"}


def test_common_words_jieba_tags_as_places_make_no_name(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "建设青州、禾门全国海洋经济发展示范区，深化公立医院改革，实施城市片区更新提升行动。",
                            etype="Place")
    assert not {"海洋经济发展示范区", "公立医院", "城市片区"} & names


def test_a_designated_zone_without_a_place_is_a_designation_or_a_title(segment_text: SegmentText) -> None:
    line = "努力创建铸牢团结共同体意识示范区，禾溪入列全国第一批美丽城市先行区，高水平建设青禾数据要素综合试验区。"
    assert "铸牢团结共同体意识示范区" in _province_names(segment_text, line, etype="Program")
    assert "国家生态文明示范区" in _province_names(segment_text, "青禾七地全部创建为国家生态文明示范区。", etype="Honor")
    places = _province_names(segment_text, line, etype="Place")
    assert "青禾数据要素综合试验区" in places
    assert not {"铸牢团结共同体意识示范区", "美丽城市先行区"} & places


def test_a_metropolitan_circle_and_a_start_up_area_are_places(segment_text: SegmentText) -> None:
    text = ("某某省人民政府2026年政府工作报告\n一、2025年工作回顾\n（一）区域协调。\n"
            "融入嵘岙都市圈，加快建设嵘岙科学城先行启动区，携手打造世界级大都市圈。\n")
    places = {m.name for m in find_mentions(segment_text(text), Lexicon.load()) if m.type == "Place"}
    assert {"嵘岙都市圈", "嵘岙科学城先行启动区"} <= places
    assert not any("世界级" in name for name in places)


def test_a_body_named_by_the_place_it_serves_sheds_the_verbs_glued_before_it(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "我们认真执行人大及其常委会的决议，与省委部署保持一致，锚定省委目标，",
                            "严格执行市人大决定，自觉接受江西省十四届人大监督，禾溪县政府、龙华区政府、柏林区委牵头，"
                            "在区委区政府领导下。", etype="GovernmentBody")
    assert not any(n.startswith(("认真", "执行", "与", "锚定", "严格", "区委区")) for n in names)
    assert {"省委", "市人大", "江西省十四届人大", "禾溪县政府", "龙华区政府", "柏林区委"} <= names


def test_a_local_firm_named_by_a_proper_noun_before_generic_words_is_a_company(segment_text: SegmentText) -> None:
    report = segment_text("某某市某某区青湾街道办事处2024年工作总结\n一、工作回顾\n（一）经济发展。\n"
                          "完成红星股份合作公司改革任务，推动境内外上市公司对接。\n")
    firms = {m.name for m in find_mentions(report, LEXICON) if m.type == "Company"}
    assert "红星股份合作公司" in firms
    assert not any(n.endswith("上市公司") for n in firms)


def test_an_institution_named_only_by_a_level_is_a_kind(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "以国家实验室为龙头，组建省实验室3家，青禾实验室投入运行。", etype="GovernmentBody")
    assert not {"国家实验室", "省实验室"} & names
    assert "青禾实验室" in names


def test_a_known_body_ending_a_clause_is_named_without_the_clause(segment_text: SegmentText, tmp_path) -> None:
    user = tmp_path / "names.tsv"
    user.write_text("青禾监管总局\tGovernmentBody\n", encoding="utf-8")
    report = segment_text(PROVINCE + "\n一、2025年工作回顾\n（一）经济发展。\n"
                          "防范化解金融风险做法得到青禾监管总局充分肯定。\n")
    bodies = {m.name for m in find_mentions(report, Lexicon.load(user)) if m.type == "GovernmentBody"}
    assert "青禾监管总局" in bodies
    assert not any(n.startswith(("化解", "防范")) for n in bodies)


def test_an_amount_of_a_scale_opening_a_name_is_a_description(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "加快标志性产业项目和百亿级项目建设，培育千亿级开发区。")
    assert not any(n.startswith(("百亿级", "千亿级")) for n in names)


def test_a_rank_and_one_word_or_the_whole_people_name_a_kind_of_programme(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "新增国家级人才计划入选者106人，培育省级创新平台，开展美丽青禾建设全民行动，"
                            "创建自治区级科技创新平台，实施省级青禾英才引育计划。", etype="Program")
    assert not {"国家级人才计划", "省级创新平台", "全民行动", "自治区级科技创新平台"} & names
    assert "省级青禾英才引育计划" in names


def test_a_level_character_ending_a_common_word_opens_no_body(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "提级审批债务高风险地区政府投资项目，龙华区政府牵头。",
                            etype="GovernmentBody")
    assert "区政府" not in names
    assert "龙华区政府" in names


def test_a_project_a_province_names_by_its_site_is_a_project(segment_text: SegmentText) -> None:
    line = "推进烟台海上风电储能示范项目，实施失能老人照护补贴项目，巩固“白名单”项目成果。"
    projects = _province_names(segment_text, line, etype="Project")
    programs = _province_names(segment_text, line, etype="Program")
    assert "烟台海上风电储能示范项目" in projects
    assert "烟台海上风电储能示范项目" not in programs
    assert not {"失能老人照护补贴项目", "白名单项目"} & projects


def test_a_programme_whose_own_name_says_building_is_no_building_site(segment_text: SegmentText) -> None:
    line = "深入实施青禾乡风建设工程，青禾江堤加固工程开工建设。"
    programs = _province_names(segment_text, line, etype="Program")
    projects = _province_names(segment_text, line, etype="Project")
    assert "青禾乡风建设工程" in programs and "青禾乡风建设工程" not in projects
    assert "青禾江堤加固工程" in projects


# --- townships in a local report -------------------------------------------------------


def _local_places(work_report: Callable[..., Report], line: str) -> set[str]:
    return {m.name for m in find_mentions(work_report(summary=[line]), LEXICON) if m.type == "Place"}


def test_townships_named_with_xiang_and_glued_town_names_are_places(work_report: Callable[..., Report]) -> None:
    # jieba reads 石门镇 as one place word; 禾溪乡 is 禾溪 + 乡; the list's 、 is no part of a name
    assert _local_places(work_report, "石门镇、禾溪乡入选全省乡村振兴示范乡镇。") == {"石门镇", "禾溪乡"}


def test_kinds_of_townships_and_words_holding_xiang_are_no_townships(work_report: Callable[..., Report]) -> None:
    line = "推进重点镇建设，培育特色镇，坚持以城带乡，引进青禾乡建乡创团队，全县各乡镇、城镇加快发展。"
    assert _local_places(work_report, line) == set()
    assert _local_places(work_report, "青溪镇入选全国千强镇。") == {"青溪镇"}


def test_a_village_of_three_characters_jieba_reads_as_one_proper_word(work_report: Callable[..., Report]) -> None:
    line = "李家坪村、龙潭村获评示范村，推进王家庄村人居环境整治。"
    found = {m.name for m in find_mentions(work_report(summary=[line]), LEXICON) if m.type == "Community"}
    assert {"李家坪村", "龙潭村", "王家庄村"} <= found
    assert not found & {"家坪村", "家庄村"}


def test_a_named_cooperative_is_a_company_and_a_kind_of_cooperative_is_none(
        work_report: Callable[..., Report]) -> None:
    lines = ["青禾种植专业合作社、禾溪养殖合作社带动农户增收。",
             "支持农民合作社发展，深化供销合作社改革，组建村股份经济合作社，发展农民专业合作社。"]
    found = {m.name for m in find_mentions(work_report(summary=lines), LEXICON) if m.type == "Company"}
    assert found == {"青禾种植专业合作社", "禾溪养殖合作社"}


def test_facilities_and_events_a_local_report_names_need_a_proper_element(work_report: Callable[..., Report]) -> None:
    lines = ["成功举办第五届青禾马拉松，建成禾溪社区长者食堂、青禾公园停车场，新建青禾水库。",
             "新建社区食堂2个，建设长者食堂，完善停车场，打造5A级风景区。"]
    found = {(m.type, m.name) for m in find_mentions(work_report(summary=lines), LEXICON)}
    assert {("Event", "第五届青禾马拉松"), ("Project", "禾溪社区长者食堂"), ("Project", "青禾公园停车场"),
            ("Project", "青禾水库")} <= found
    assert not {n for _, n in found} & {"社区食堂", "长者食堂", "停车场", "5A级风景区"}


def test_science_technology_and_university_cities_are_places(province_report: ProvinceReport) -> None:
    report = province_report("推动青禾科学城、禾唐科技城建设，支持青溪大学城扩容提质。")
    found = {(m.type, m.name) for m in find_mentions(report, LEXICON)}
    assert {("Place", "青禾科学城"), ("Place", "禾唐科技城"), ("Place", "青溪大学城")} <= found


def test_corridors_economic_zones_and_sites_are_places(province_report: ProvinceReport) -> None:
    report = province_report("建设青禾科创走廊，优先发展禾唐湾经济区，禾溪遗址入选重大考古新发现，"
                             "推进青山、禾岭等国家考古遗址公园建设，打造临空经济区。")
    found = {(m.type, m.name) for m in find_mentions(report, LEXICON)}
    assert {("Place", "青禾科创走廊"), ("Place", "禾唐湾经济区"), ("Place", "禾溪遗址")} <= found
    assert not any(name.startswith("优先发展") or name == "临空经济区" for _, name in found)
    assert not any(t == "Place" and name.endswith("考古遗址") for t, name in found)  # the park is the name


def test_a_firms_name_begins_after_the_kind_of_firm_it_is_said_to_be(province_report: ProvinceReport) -> None:
    report = province_report("辖区重点企业青禾制药股份有限公司、龙头企业禾唐食品有限公司扩产，青溪企业集团有限公司落户。")
    found = {m.name for m in find_mentions(report, LEXICON) if m.type == "Company"}
    assert {"青禾制药股份有限公司", "禾唐食品有限公司", "青溪企业集团有限公司"} <= found
    assert not any("重点企业" in name or "龙头企业" in name for name in found)


def test_a_kind_of_firm_the_word_cut_splits_still_opens_the_name(province_report: ProvinceReport) -> None:
    report = province_report("新央企中国禾丰汽车集团落户，青禾等央企国企子公司落户。")
    found = {m.name for m in find_mentions(report, LEXICON) if m.type == "Company"}
    assert "中国禾丰汽车集团" in found
    assert not any(name.startswith(("新央企", "国企")) for name in found)


def test_committees_of_owners_residents_or_villagers_are_kinds(province_report: ProvinceReport) -> None:
    report = province_report("在青禾苑等12个小区成立业主委员会，健全居民委员会和村民委员会。")
    assert not [m.name for m in find_mentions(report, LEXICON) if m.name.endswith("委员会")]


def test_halls_and_theatres_are_built_places(segment_text: SegmentText) -> None:
    report = segment_text("某某县人民政府2026年政府工作报告\n一、2025年工作回顾\n（一）文化事业。\n"
                          "青禾革命纪念馆、禾唐科技馆、青溪大剧院建成开放，县美术馆改造完成。\n")
    found = {m.name for m in find_mentions(report, LEXICON)}
    assert {"青禾革命纪念馆", "禾唐科技馆", "青溪大剧院"} <= found


def test_a_county_body_named_by_its_level_alone_is_a_body(segment_text: SegmentText) -> None:
    """县妇联 opening a sentence: jieba tags 县 as an attribute, but a level before a body's word is its place."""
    report = segment_text("青溪县2025年工作总结\n一、主要工作\n（一）群团工作。\n县妇联开展关爱活动。\n")
    assert "县妇联" in {m.name for m in find_mentions(report, LEXICON) if m.type == "GovernmentBody"}


def test_a_body_jieba_reads_as_one_word_with_its_level_is_a_body(segment_text: SegmentText) -> None:
    """市妇联 is one word of jieba's: the body after 省妇联、 is found too (and 地区政府 stays no 区政府)."""
    report = segment_text("青溪县2025年工作总结\n一、主要工作\n（一）群团工作。\n联合省妇联、市妇联举办培训，减少高风险地区政府投资。\n")
    found = {m.name for m in find_mentions(report, LEXICON) if m.type == "GovernmentBody"}
    assert {"省妇联", "市妇联"} <= found
    assert "区政府" not in found


def test_a_designations_name_holds_what_it_demonstrates_verbs_included(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "禾州争创国家服务贸易创新发展示范区，推进国家文物保护利用示范区建设。",
                            etype="Program")
    assert names == {"国家服务贸易创新发展示范区", "国家文物保护利用示范区"}


def test_the_genre_of_an_annual_plan_names_no_programme(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "编制2026年国民经济和社会发展计划，实施人才引育计划。", etype="Program")
    assert "社会发展计划" not in names and "国民经济和社会发展计划" not in names


def test_a_round_of_building_names_no_built_thing_but_a_rounds_programme_keeps_it(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "建设新一轮口袋公园，实施新一轮禾乡找矿突破战略行动。")
    assert not any(n.startswith("新一轮") and n.endswith("公园") for n in names)
    assert "新一轮禾乡找矿突破战略行动" in names


def test_an_economic_circle_is_a_place(segment_text: SegmentText) -> None:
    places = _province_names(segment_text, "嵘岙经济圈要提升发展能级，禾溪经济圈加快协同。", etype="Place")
    assert {"嵘岙经济圈", "禾溪经济圈"} <= places
    assert not _province_names(segment_text, "做大县域经济圈层，推动经济圈内协同。", etype="Place") & {"县域经济圈"}


def test_a_conference_or_a_work_meeting_without_an_edition_is_an_event(segment_text: SegmentText) -> None:
    events = _province_names(segment_text, "认真落实中央青禾工作会议和省委经济工作会议部署，",
                             "办好世界禾溪装备大会、中国青禾商投资大会，召开嵘岙科技创新大会。", etype="Event")
    assert {"中央青禾工作会议", "省委经济工作会议", "世界禾溪装备大会", "中国青禾商投资大会",
            "嵘岙科技创新大会"} <= events


def test_the_congress_that_sits_or_is_addressed_is_no_event(segment_text: SegmentText) -> None:
    events = _province_names(segment_text, "现在，我代表省人民政府，向大会报告工作，全文提请大会审议。",
                             "坚持和完善人民代表大会制度，支持省人民代表大会及其常委会依法履职，召开职工代表大会。",
                             "召开表彰大会和动员大会，开好季度工作会议。", etype="Event")
    assert not {n for n in events if n.endswith(("大会", "会议"))}


def test_a_party_school_is_a_body_and_a_waterworks_or_a_logistics_park_is_built(
        work_report: Callable[..., Report]) -> None:
    found = {(m.type, m.name) for m in find_mentions(
        work_report(summary=["完成禾城党校迁建，启动建设禾城第二水厂，建成青禾陆港物流园。"]), LEXICON)}
    assert {("GovernmentBody", "禾城党校"), ("Project", "禾城第二水厂"), ("Project", "青禾陆港物流园")} <= found


def test_a_level_of_government_names_a_kind_not_a_place(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "提升市级医院多院区管理水平，建设省级数字经济创新发展试验区。")
    assert not {"市级医院", "省级数字经济创新发展试验区"} & names


def test_a_character_split_off_a_word_and_a_verb_open_no_events_name(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "对标申办全运会标准全面提升体育设施水平。", etype="Event")
    assert "全运会" in names
    assert not any(name.startswith("标") for name in names)


def test_a_named_sites_renovation_ending_the_clause_is_a_project(work_report: Callable[..., Report]) -> None:
    found = {(m.type, m.name) for m in find_mentions(
        work_report(summary=["着力推进青塘工业园区改造提升，完成禾溪科技园区综合整治。"]), LEXICON)}
    assert {("Project", "青塘工业园区改造提升"), ("Project", "禾溪科技园区综合整治")} <= found
    assert ("Project", "青塘工业园区") not in found


def test_a_headings_number_run_into_its_sentence_is_no_part_of_a_name(work_report: Callable[..., Report]) -> None:
    found = {m.name for m in find_mentions(work_report(summary=["（一）青禾公园改造。一、禾溪大道建成通车。"]), LEXICON)}
    assert not any(name.startswith(("（", "一、")) for name in found)
    assert found & {"青禾公园", "青禾公园改造"}


def test_named_parks_of_science_business_and_plants_are_places(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "禾溪科创园、青禾智造园交付使用，禾溪国家植物园对外开放。", etype="Place")
    assert {"禾溪科创园", "青禾智造园", "禾溪国家植物园"} <= names


def test_a_routes_section_and_a_places_master_plan_are_named_whole(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "开工建设青禾高铁禾溪至青溪段，推动出台新一轮禾溪总体发展规划，编制城市总体规划。")
    assert {"青禾高铁禾溪至青溪段", "禾溪总体发展规划"} <= names
    assert not any(n.startswith("新一轮") or n == "城市总体规划" for n in names)


def test_kinds_of_railway_and_festival_and_a_line_named_after_a_zone_are_no_names(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "高速铁路运营里程全国第七，清理规范节庆论坛，加快建设苏州示范区线。")
    assert not names & {"高速铁路", "节庆论坛", "苏州示范区"}


def test_a_level_before_a_kind_of_hospital_names_no_project(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "加强县级中医医院建设，建成禾溪县中医医院。")
    assert "县级中医医院" not in names
    assert "禾溪县中医医院" in names


def test_a_named_quarantine_site_is_a_place_and_a_temporary_one_no_name(segment_text: SegmentText) -> None:
    report = segment_text("某某市某某区和风街道办事处2022年工作总结\n一、2022年工作总结\n（一）疫情防控。\n"
                          "全速启用青禾家园隔离点，设立临时隔离点。\n")
    names = {(m.type, m.name) for m in find_mentions(report, LEXICON)}
    assert ("Place", "青禾家园隔离点") in names
    assert not any(n == "临时隔离点" for _, n in names)


def test_a_description_opening_an_honor_is_dropped_and_the_title_kept(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "创建首家国家领航级智能工厂，新增一批国家卓越级智能工厂。", etype="Honor")
    assert "国家领航级智能工厂" in names
    assert not any(n.startswith(("首家", "一批")) for n in names)


def test_the_last_item_of_a_list_a_quote_counts_is_no_part_of_its_name(segment_text: SegmentText) -> None:
    """空港、陆港、海港、信息港“四港联动”机制: the four items are what the mechanism joins."""
    names = _province_names(segment_text, "健全空港、陆港、海港、信息港“四港联动”机制，",
                            "推进能源“源网荷储”一体工程、算力“四网融合”工程。", etype="Program")
    assert "四港联动机制" in names and not any(n.startswith("信息港") for n in names)
    assert "算力四网融合工程" in names  # 算力 is no item of four: it stays


def test_a_one_character_generic_ending_makes_a_word_only_with_a_one_character_suffix(segment_text: SegmentText) -> None:
    """线 of 线路 and 大 of 大局 make common words; before 铁路 or 常委会 the same character ends a name."""
    names = _province_names(segment_text, "禾川机场环线铁路建成投运，提请省人大常委会审议法规草案8件，拓宽线路，稳住大局。")
    assert {"禾川机场环线铁路", "省人大常委会"} <= names
    assert "禾川机场" not in names
    assert not names & {"线路", "大局"}


def test_a_section_of_a_route_named_by_one_place_is_part_of_its_name(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "开工建设青川高速禾山段、禾青高铁中兰段，禾川高速公路建设阶段顺利，完成国道改造路段。",
                            etype="Project")
    assert {"青川高速禾山段", "禾青高铁中兰段"} <= names
    assert not names & {"青川高速", "禾青高铁"}
    assert not any(n.endswith(("阶段", "路段")) for n in names)


def test_a_numbered_metro_line_opened_is_a_project(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "禾川地铁1号线开通运营，建成青禾轨道交通二号线。", etype="Project")
    assert {"禾川地铁1号线", "青禾轨道交通二号线"} <= names


def test_a_bound_morpheme_before_a_suffix_marks_a_proper_name(segment_text: SegmentText) -> None:
    """寨 of 大兴寨水库 is no word alone: the name is one jieba does not know, not a kind of reservoir."""
    names = _province_names(segment_text, "建成大兴寨水库，新建一批小型水库。", etype="Project")
    assert "大兴寨水库" in names
    assert not any(n.endswith("小型水库") for n in names)


def test_a_verb_of_becoming_or_entering_ends_the_words_before_a_name(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "禾川零碳机场成为国家绿色低碳先进技术示范项目，禾川梯田进入世界灌溉工程遗产名录。")
    assert not any("成为" in n or "进入" in n for n in names)


def test_an_undertaking_joining_two_named_things_keeps_both(segment_text: SegmentText) -> None:
    """青河运河与禾溪航道连通工程: the work joins both; not when two built places are paired (甲校与乙校结对)."""
    names = _province_names(segment_text, "开工建设青河运河与禾溪航道连通工程、禾山港二期。", etype="Project")
    assert "青河运河与禾溪航道连通工程" in names
    assert "禾溪航道连通工程" not in names
    names = _province_names(segment_text, "有序实施青禾古城保护与旧城改造提升工程。", etype="Project")
    assert names == {"青禾古城保护与旧城改造提升工程"}


def test_a_route_opens_with_a_known_divisions_short_form_whatever_its_tags(
        segment_text: SegmentText, tmp_path: Path) -> None:
    """非常至禾溪南特高压工程: jieba takes 非常 for an adverb, but 非常市 is a known division."""
    user = tmp_path / "lexicon.tsv"
    user.write_text("非常市\tPlace\n", encoding="utf-8")
    lexicon = Lexicon.load(user)
    text = PROVINCE + "\n一、2025年工作回顾\n（一）经济发展。\n建设非常至禾溪南等特高压工程。\n"
    names = {m.name for m in find_mentions(segment_text(text), lexicon) if m.type == "Project"}
    assert "非常至禾溪南特高压工程" in names
    assert {m.name for m in find_mentions(segment_text(text), LEXICON) if m.type == "Project"} \
        == {"禾溪南特高压工程"}
    railway = PROVINCE + "\n一、2025年工作回顾\n（一）经济发展。\n加快非常至禾溪铁路建设。\n"
    names = {m.name for m in find_mentions(segment_text(railway), lexicon) if m.type == "Project"}
    assert names == {"非常至禾溪铁路"}  # a built place's trims do not cut the route back to its end point


def test_a_scope_and_words_naming_nothing_make_a_kind_of_undertaking(segment_text: SegmentText) -> None:
    """国家中医疫病防治基地, 国家医学中心项目: designated many times over; one sited (禾溪…) is named."""
    names = _province_names(segment_text, "推进国家中医疫病防治基地、国家医学中心项目建设，推动禾溪国家医学中心项目建设。",
                            etype="Project")
    assert not {"国家中医疫病防治基地", "国家医学中心项目"} & names
    assert "禾溪国家医学中心项目" in names


def test_a_pilot_a_region_is_brought_into_is_named_without_the_region(segment_text: SegmentText) -> None:
    """禾溪全域纳入国家…试点: 纳入 ends the words before the pilot's name, as 列入 does."""
    names = _province_names(segment_text, "禾溪全域纳入国家要素市场化配置综合改革试点。", etype="Program")
    assert names == {"国家要素市场化配置综合改革试点"}


def test_an_event_named_by_a_word_of_reference_is_none(segment_text: SegmentText) -> None:
    """在联合国相关大会交流: which meetings is not said; 第三届禾溪发展大会 is named."""
    names = _province_names(segment_text, "3项经验在联合国相关大会交流，成功举办第三届禾溪发展大会。", etype="Event")
    assert names == {"第三届禾溪发展大会"}


def test_a_quoted_label_before_a_kind_of_place_is_no_place(segment_text: SegmentText) -> None:
    """基本实现“组组通”硬化路, “禾青禾”新能源新材料等产业集群: a label and a kind; 禾溪路 is a place."""
    names = _province_names(segment_text, "基本实现“组组通”硬化路，改造禾溪路，壮大“禾青禾”新能源新材料、"
                                          "“青禾溪”绿色智能船舶等产业集群。", etype="Place")
    assert not {"组组通硬化路", "禾青禾新能源新材料", "青禾溪绿色智能船舶"} & names


def test_a_programme_named_by_the_work_it_does_keeps_it(segment_text: SegmentText) -> None:
    """禾溪物业服务质量提升行动, 国企改革深化提升行动: the work right before 行动 is the name's; a verb
    of the clause further left is not (深化禾溪医疗强基工程)."""
    names = _province_names(segment_text, "实施禾溪物业服务质量提升行动，高质量完成国企改革深化提升行动，"
                                          "深化禾溪医疗强基工程。", etype="Program")
    assert {"禾溪物业服务质量提升行动", "国企改革深化提升行动", "禾溪医疗强基工程"} <= names
    assert not {"提升行动", "深化提升行动", "深化禾溪医疗强基工程"} & names


def test_more_work_words_count_only_right_before_a_programmes_type_word(segment_text: SegmentText) -> None:
    """外商投资促进行动, 出口品牌培育计划: the work is the name's; 优化禾山、禾溪新城等重点片区规划: the clause's."""
    names = _province_names(segment_text, "制定实施禾溪外商投资促进行动，实施禾山出口品牌培育计划，"
                                          "优化禾山、禾溪新城等重点片区规划，实施禾溪开发建设平台。")
    assert {"禾溪外商投资促进行动", "禾山出口品牌培育计划"} <= names
    assert not {"优化禾山", "禾溪开发建设平台", "开发建设平台"} & names


def test_the_years_practical_deeds_are_a_programme_whatever_count_opens_them(segment_text: SegmentText) -> None:
    """省政府承诺的15件民生实事, 十大重点民生实事: the government's yearly list of deeds is one programme."""
    names = _province_names(segment_text, "省政府承诺的15件民生实事全部兑现，今年再办好十件民生实事。", etype="Program")
    assert names == {"民生实事"}


def test_a_named_reform_is_a_programme_and_a_reform_of_a_place_or_a_firm_is_none(segment_text: SegmentText) -> None:
    """禾溪零基预算改革, “一表通办”改革: named reforms; 深化浙江改革, 以更大力度推进改革, 某某公司改革, 发展改革委, 市县某某改革 (the levels
    whose reform it is): none."""
    names = _province_names(segment_text, "禾溪零基预算改革纵深推进，“一表通办”改革实现全覆盖。",
                            "深化浙江改革，以更大力度推进改革，推进青禾股份合作公司改革，省发展改革委牵头。",
                            "市县禾溪林权改革稳步推进。", etype="Program")
    assert names == {"禾溪零基预算改革", "一表通办改革"}


def test_counted_kinds_stay_unnamed_beside_the_new_rules(segment_text: SegmentText) -> None:
    """全市12个区政府: a count of bodies; 三个园区与禾溪航道连通工程: the count ends the joined name;
    镇海炼化一体化基地: 镇 of 镇海 is no scope word."""
    bodies = _province_names(segment_text, "全市12个区政府和3个县委联动推进。", etype="GovernmentBody")
    assert not {"区政府", "县委"} & bodies
    projects = _province_names(segment_text, "实施三个园区与禾溪航道连通工程，推进镇海炼化一体化基地建设。",
                               etype="Project")
    assert {"禾溪航道连通工程", "镇海炼化一体化基地"} <= projects
    assert not any(name.startswith("园区与") for name in projects)


def test_an_action_plan_keeps_its_plan_word(segment_text: SegmentText) -> None:
    """禾溪都市圈同城化发展行动方案: 方案 after 行动 is the name's, not the start of the next words."""
    names = _province_names(segment_text, "出台实施禾溪都市圈同城化发展行动方案，提升基层应急管理能力。", etype="Program")
    assert names == {"禾溪都市圈同城化发展行动方案"}


def test_a_bank_an_insurer_or_a_broker_with_a_name_of_its_own_is_a_firm(segment_text: SegmentText) -> None:
    """恒禾银行, 禾邦证券, 富禾人寿: firms by their trade's word; 各商业银行, 村镇银行: kinds of bank."""
    names = _province_names(segment_text, "禾邦证券、富禾人寿成功落户，恒禾银行稳健发展，各商业银行加大信贷投放，"
                                          "村镇银行完成改革任务。", etype="Company")
    assert {"禾邦证券", "富禾人寿", "恒禾银行"} <= names
    assert not any(n.endswith(("商业银行", "村镇银行")) for n in names)


def test_contests_games_and_seasons_of_sales_are_events(segment_text: SegmentText) -> None:
    """创业青禾大赛, 禾溪杯足球邀请赛, 春夏秋冬消费季, 某某琉璃艺术展: events by their ending; 国际国内大赛, 各类大赛 are
    kinds of contest."""
    names = _province_names(segment_text, "举办创业青禾大赛、禾溪杯足球邀请赛，开展春夏秋冬消费季、外贸优品购物季等活动，"
                                          "“禾光青彩”禾溪琉璃艺术展走进国家博物馆，健儿在国际国内大赛、各类大赛摘金。",
                            etype="Event")
    assert {"创业青禾大赛", "禾溪杯足球邀请赛", "春夏秋冬消费季", "外贸优品购物季"} <= names
    assert any(n.endswith("琉璃艺术展") for n in names)
    assert not {"国际国内大赛", "各类大赛"} & names


def test_a_national_designation_needs_no_proper_element(segment_text: SegmentText) -> None:
    """国家数据要素综合试验区: a province names the designation by what it demonstrates; won (获批), it is an
    honor; set out to build, a programme; a province's own kind of zone (省级…示范区) still needs a name."""
    found = {(m.type, m.name) for m in find_mentions(segment_text(
        PROVINCE + "\n一、2025年工作回顾\n（一）经济发展。\n获批国家数据要素综合试验区，推动建设国家新型工业化示范区，"
                   "支持省级数据要素综合试验区发展。\n"), LEXICON)}
    assert ("Honor", "国家数据要素综合试验区") in found
    assert ("Program", "国家新型工业化示范区") in found
    assert not any(name.startswith("省级") for _, name in found)


def test_a_city_cluster_is_a_place(segment_text: SegmentText) -> None:
    """“青禾随溪”城市群, 禾中城市群: a cluster of cities is a place, as a metropolitan area (都市圈) is; the quote
    is the cluster's name, no programme."""
    found = {(m.type, m.name) for m in find_mentions(segment_text(
        PROVINCE + "\n一、2025年工作回顾\n（一）区域发展。\n带动“青禾随溪”城市群协同发展，禾中城市群加快建设。\n"), LEXICON)}
    assert {("Place", "青禾随溪城市群"), ("Place", "禾中城市群")} <= found
    assert not any(etype == "Program" for etype, _ in found)


def test_a_congress_is_named_before_its_deputies(segment_text: SegmentText) -> None:
    """办理省人大代表建议: jieba cuts 人大代表 as one word; the body is the level's congress, no verb before it."""
    names = _province_names(segment_text, "办理省人大代表建议1401件、省政协提案895件。", etype="GovernmentBody")
    assert "省人大" in names
    assert not any(n.startswith("办理") for n in names)


def test_a_trade_word_ends_a_firm_only_where_the_name_ends(segment_text: SegmentText) -> None:
    """某某石化一期稳产, 某某农商行深化改革: firms by their trade; 某某石化园区, 某某石化新材料, 世界银行营商环境评价:
    the trade word opens a kind of place or industry, or a body's name runs on into what is said of it."""
    names = _province_names(segment_text, "禾溪石化一期稳产达产，支持青禾农商行深化改革，松禾石化园区扩容，"
                                          "禾浦石化新材料成为千亿级产业，对照世界银行营商环境评价标准。", etype="Company")
    assert {"禾溪石化", "青禾农商行"} <= names
    assert not {"松禾石化", "禾浦石化", "世界银行"} & names


def test_a_national_designation_must_say_what_it_demonstrates(segment_text: SegmentText) -> None:
    """国家重要先行区, 国家级试验区: a scope and a word of description or a grade name no designation."""
    names = _province_names(segment_text, "建设国家重要先行区，推动国家级试验区扩容。")
    assert not any(n.endswith(("先行区", "试验区")) for n in names)


def test_a_region_within_the_province_and_a_mother_river_are_no_names(segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "推动省内城市群协同发展，保护母亲河流域生态。")
    assert not {"省内城市群", "母亲河"} & names


def test_a_school_of_a_level_of_education_is_a_kind(segment_text: SegmentText) -> None:
    """新设3所本科层次职业学校: 层次 (the level of schooling) describes a kind of school, none named."""
    assert not any(n.endswith("职业学校") for n in _province_names(segment_text, "新设3所本科层次职业学校。"))


def test_a_verb_of_result_before_the_community_word_names_no_community(work_report: Callable[..., Report]) -> None:
    """选优配强社区“两委”: 配强 (staff it strongly) is a verb of result, no community's name; 和一社区 is one."""
    found = find_mentions(work_report(summary=["选优配强社区“两委”工作力量，和一社区完成改造。"]), LEXICON)
    communities = {m.name for m in found if m.type == "Community"}
    assert "配强社区" not in communities and "和一社区" in communities


def test_a_rivers_reach_stands_inside_a_places_name(segment_text: SegmentText) -> None:
    """长江中游城市群: jieba reads 中游 as a locative, which ends a walk; after a river's name it is the name's."""
    names = _province_names(segment_text, "推进长江中游城市群联动发展。", etype="Place")
    assert "长江中游城市群" in names


def test_a_body_described_as_a_kind_is_none(work_report: Callable[..., Report]) -> None:
    """建设一批企业技术创新中心、重点企业研究院: 重点 opens a kind of body, as it opens a kind of undertaking."""
    found = find_mentions(work_report(plan=["建设一批企业技术创新中心、重点企业研究院。"]), LEXICON)
    assert not any(m.name.endswith("企业研究院") for m in found)


def test_an_autonomous_regions_own_bodies_are_bodies_and_a_conjunction_is_no_part_of_them(
        segment_text: SegmentText) -> None:
    bodies = _province_names(segment_text, "落实党中央部署和自治区党委工作要求，自治区政府、自治区国资委加强调度。",
                             etype="GovernmentBody")
    assert {"自治区党委", "自治区政府", "自治区国资委"} <= bodies
    assert "和自治区党委" not in bodies


def test_leagues_and_disasters_named_by_the_place_they_struck_are_events(segment_text: SegmentText) -> None:
    events = _province_names(segment_text, "女足首夺全国女甲联赛冠军，禾江县级足球超级联赛如火如荼。",
                             "科学有效处置漾濞6.4级地震，有效应对多次地震，修订省地震应急预案。", etype="Event")
    assert {"全国女甲联赛", "禾江县级足球超级联赛", "漾濞6.4级地震"} <= events
    assert not any(name.startswith(("女足", "科学", "多次", "省")) for name in events)


def test_a_known_place_jieba_takes_for_an_adjective_still_names_a_built_place(
        segment_text: SegmentText, tmp_path: Path) -> None:
    user = tmp_path / "names.tsv"
    user.write_text("清凉市\tPlace\t清凉\n", encoding="utf-8")  # jieba tags 清凉 an adjective
    text = PROVINCE + "\n一、2025年工作回顾\n（一）经济发展。\n开工建设清凉机场，推进新型机场建设。\n"
    projects = {m.name for m in find_mentions(segment_text(text), Lexicon.load(user)) if m.type == "Project"}
    assert "清凉机场" in projects and "新型机场" not in projects


def test_a_campaign_that_says_at_length_what_it_does_is_named_after_a_generic_opener(
        segment_text: SegmentText) -> None:
    programs = _province_names(segment_text, "开展重点行业提质降本降碳行动，实施重大人才工程，推进重点项目建设。",
                               etype="Program")
    assert "重点行业提质降本降碳行动" in programs
    assert "重大人才工程" not in programs


def test_a_counted_subject_and_a_class_of_works_are_no_part_of_the_name_after_them(
        segment_text: SegmentText) -> None:
    names = _province_names(segment_text, "3个典型案例亮相联合国气候变化大会，国家重点工程渝禾高铁全线开通，"
                            "建设国家重大工程技术创新中心禾芝基地。")
    assert {"联合国气候变化大会", "渝禾高铁", "国家重大工程技术创新中心禾芝基地"} <= names
    assert not any(name.startswith(("3个", "国家重点工程")) for name in names)


def test_quotes_that_share_a_head_with_a_word_of_it_are_named_each_and_a_slogans_verb_is_none(
        segment_text: SegmentText) -> None:
    programs = _province_names(segment_text, "拓展“禾江阅读”“万卷禾抵”服务平台应用，用党的创新理论统一思想、统一行动。",
                               etype="Program")
    assert {"禾江阅读服务平台", "万卷禾抵服务平台"} <= programs
    assert not {"禾江阅读万卷禾抵服务平台", "统一行动"} & programs


def test_the_projects_of_a_kind_of_firm_are_a_kind_of_project(segment_text: SegmentText) -> None:
    projects = _province_names(segment_text, "推动更多企业增资扩产项目、上市公司募投项目落地建设。", etype="Project")
    assert not projects
