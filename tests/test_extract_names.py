"""extract.names: which names a report states, of which type, and where; each finder alone.

Sentences are invented in the style of the genre (names and figures made up); each
test writes the few lines it needs into the frame of a half-year subdistrict report
(``work_report`` in conftest) and looks only at the mentions inside those lines.
"""
from __future__ import annotations

from collections.abc import Callable
import pytest

from conftest import WriteReport
from reportgraph.extract.names import FINDERS, find_mentions, finders_named
from reportgraph.lexicon import Lexicon
from reportgraph.model import Mention, Report
from reportgraph.vocab import ENTITY_TYPES

WorkReport = Callable[..., Report]
QUOTES = "“”‘’\"「」『』《》"

LEXICON = Lexicon.load()


def _in_lines(report: Report, mentions: list[Mention], lines: list[str]) -> list[Mention]:
    """The mentions that fall inside ``lines`` (not the title or headings of the frame)."""
    spans = []
    for line in lines:
        at = report.text.find(line)
        assert at >= 0, line
        spans.append((at, at + len(line)))
    return [m for m in mentions if any(a <= m.start and m.end <= b for a, b in spans)]


def _mentions(work_report: WorkReport, *lines: str, plan: tuple[str, ...] = (),
              lexicon: Lexicon = LEXICON) -> list[Mention]:
    report = work_report(summary=list(lines), plan=list(plan))
    return _in_lines(report, find_mentions(report, lexicon), [*lines, *plan])


def _pairs(mentions: list[Mention]) -> set[tuple[str, str]]:
    return {(m.type, m.name) for m in mentions}


def _names(mentions: list[Mention], etype: str | None = None) -> set[str]:
    return {m.name for m in mentions if etype is None or m.type == etype}


# --- communities ------------------------------------------------------------------------


def test_community_at_clause_start(work_report: WorkReport) -> None:
    found = _mentions(work_report, "青松社区新建口袋公园2个，改造老旧小区3个。")
    assert ("Community", "青松社区") in _pairs(found)


def test_a_villages_committee_names_the_village(work_report: WorkReport) -> None:
    found = _mentions(work_report, "指导东岭村委会完成换届选举，西岭村民委员会获评先进集体，全镇村委会换届顺利完成。")
    assert {"东岭村", "西岭村"} <= _names(found, "Community")
    assert not any(name.endswith("委会") for name in _names(found))


def test_an_event_taken_part_in_and_a_river_with_a_name_before_it(work_report: WorkReport) -> None:
    found = _mentions(work_report, "组织参加县第十二届运动会，禾溪河综合治理工程完工。")
    assert "县第十二届运动会" in _names(found, "Event")
    assert "禾溪河综合治理工程" in _names(found, "Project")
    assert not _names(found, "Place")  # 溪河 (streams) is a common word, no river's name


def test_a_village_named_by_a_family_keeps_its_three_characters(work_report: WorkReport) -> None:
    """王家峪村, 东王庄村: villages of the north are named by a family and a feature, or a direction and a family."""
    found = _mentions(work_report, "完成东苗庄村至西柴家村道路硬化工程，苗家峪村被评为县级文明村，"
                                   "柴家沟村党支部带领群众致富。")
    assert {"东苗庄村", "西柴家村", "苗家峪村", "柴家沟村"} <= _names(found, "Community")
    assert not {"苗庄村", "柴家村", "家峪村", "家沟村"} & _names(found, "Community")


def test_a_headings_number_opens_no_name(work_report: WorkReport) -> None:
    """（一）抓项目促发展: the bracketed number is the heading's, and 抓 alone names no programme."""
    found = _mentions(work_report, "（一）抓项目促发展。", "（2）青松社区新建口袋公园2个。")
    assert not any("（" in name for name in _names(found))
    assert "青松社区" in _names(found, "Community")


def test_community_after_a_verb_but_not_the_description_it_creates(work_report: WorkReport) -> None:
    found = _mentions(work_report, "推动青松社区创建儿童友好社区。")
    assert ("Community", "青松社区") in _pairs(found)
    # the walk stops at the verb: no 推动青松社区, and 儿童友好社区 is a description
    assert _names(found, "Community") == {"青松社区"}


def test_he_initial_community_at_clause_start_keeps_its_he(work_report: WorkReport) -> None:
    found = _mentions(work_report, "和平社区完成老旧小区改造。")
    assert ("Community", "和平社区") in _pairs(found)
    assert "平社区" not in _names(found)


def test_he_initial_community_after_an_enumeration_comma(work_report: WorkReport) -> None:
    found = _mentions(work_report, "青松社区、和美社区完成雨污分流改造。")
    assert {("Community", "青松社区"), ("Community", "和美社区")} <= _pairs(found)
    assert "美社区" not in _names(found)


def test_he_between_two_communities_is_a_conjunction(work_report: WorkReport) -> None:
    found = _mentions(work_report, "青松社区和翠湖社区完成雨污分流改造。")
    assert _names(found, "Community") == {"青松社区", "翠湖社区"}


@pytest.mark.parametrize("line", [
    "创建儿童友好社区。",
    "新增达标社区10个。",
    "各社区开展消防演练。",
    "推进宜居社区建设。",
])
def test_descriptions_of_communities_are_not_communities(work_report: WorkReport, line: str) -> None:
    found = _mentions(work_report, line)
    assert not [m for m in found if m.type == "Community"], _pairs(found)


# --- companies --------------------------------------------------------------------------


def test_company_by_its_legal_suffix(work_report: WorkReport) -> None:
    found = _mentions(work_report, "丙丁通信有限公司落户辖区。")
    assert ("Company", "丙丁通信有限公司") in _pairs(found)


@pytest.mark.parametrize("name", ["甲乙科技有限公司", "甲乙投资有限公司", "甲乙建设有限公司"])
def test_company_whose_name_ends_in_a_trade_word(work_report: WorkReport, name: str) -> None:
    found = _mentions(work_report, f"{name}落户辖区。")
    assert ("Company", name) in _pairs(found)


def test_a_bare_trade_word_before_the_suffix_is_no_company(work_report: WorkReport) -> None:
    # 科技公司 / 上市公司 are kinds of firm, not firms
    found = _mentions(work_report, "引进科技公司5家，培育上市公司2家。")
    assert not [m for m in found if m.type == "Company"], _pairs(found)


def test_company_abbreviation_by_group_suffix(work_report: WorkReport) -> None:
    found = _mentions(work_report, "成功引进青松集团。")
    assert ("Company", "青松集团") in _pairs(found)


def test_firms_before_an_honor_for_enterprises_are_companies(work_report: WorkReport) -> None:
    found = _mentions(work_report, "甲乙科技、丙丁通信获评国家级专精特新小巨人企业。")
    pairs = _pairs(found)
    assert {("Company", "甲乙科技"), ("Company", "丙丁通信")} <= pairs
    assert ("Honor", "国家级专精特新小巨人企业") in pairs


def test_names_before_an_honor_that_is_not_for_firms_are_not_companies(work_report: WorkReport) -> None:
    found = _mentions(work_report, "青松社区、和美社区获评省级文明社区。")
    assert not [m for m in found if m.type == "Company"], _pairs(found)
    assert {("Community", "青松社区"), ("Community", "和美社区")} <= _pairs(found)


def test_firm_that_opens_for_business_is_a_company(work_report: WorkReport) -> None:
    found = _mentions(work_report, "甲乙银行、丙丁证券开业运营。")
    assert {("Company", "甲乙银行"), ("Company", "丙丁证券")} <= _pairs(found)


# --- projects and programs --------------------------------------------------------------


def test_project_with_physical_words_and_its_community(work_report: WorkReport) -> None:
    found = _mentions(work_report, "松林社区土地整备利益统筹项目完成签约。")
    pairs = _pairs(found)
    assert ("Project", "松林社区土地整备利益统筹项目") in pairs
    assert ("Community", "松林社区") in pairs
    assert "Program" not in {m.type for m in found}


@pytest.mark.parametrize("line, name", [
    ("完成白鹭片区管网改造工程。", "白鹭片区管网改造工程"),
    ("推进白鹭中学改扩建工程。", "白鹭中学改扩建工程"),
])
def test_engineering_works_ending_in_gongcheng_are_projects(work_report: WorkReport, line: str,
                                                            name: str) -> None:
    found = _mentions(work_report, line)
    assert ("Project", name) in _pairs(found)
    assert ("Program", name) not in _pairs(found)


def test_unquoted_plan_is_a_program(work_report: WorkReport) -> None:
    found = _mentions(work_report, "实施暖心陪伴计划，服务独居老人200人。")
    assert ("Program", "暖心陪伴计划") in _pairs(found)


def test_quoted_plan_is_a_program(work_report: WorkReport) -> None:
    found = _mentions(work_report, "深入实施“红枫计划”，惠及居民3000人。")
    assert ("Program", "红枫计划") in _pairs(found)


def test_quoted_name_is_completed_by_its_head_word(work_report: WorkReport) -> None:
    found = _mentions(work_report, "推进“一村一品”行动，推广“三心”服务模式。")
    pairs = _pairs(found)
    assert ("Program", "一村一品行动") in pairs
    assert ("Program", "三心服务模式") in pairs
    # the bare quoted words are not separate entities
    assert "一村一品" not in _names(found) and "三心" not in _names(found)


@pytest.mark.parametrize("line", [
    "着力解决群众“急难愁盼”问题。",
    "及时回应居民“急难愁盼”需求。",
])
def test_quoted_description_is_not_a_name(work_report: WorkReport, line: str) -> None:
    found = _mentions(work_report, line)
    assert not [m for m in found if "急难愁盼" in m.name], _pairs(found)


# --- lists closed by a counted type word ------------------------------------------------


def test_list_item_before_a_counted_community_word(work_report: WorkReport) -> None:
    found = _mentions(work_report, "建成翠湖等3个社区公园。")
    assert ("Community", "翠湖") in _pairs(found)
    # 社区公园 itself is a kind of park, not a name
    assert not [m for m in found if m.name.endswith("社区公园")]


def test_list_item_that_is_also_a_common_word(work_report: WorkReport) -> None:
    found = _mentions(work_report, "建成青松等3个社区公园。")
    assert ("Community", "青松") in _pairs(found)


def test_every_item_of_a_counted_community_list(work_report: WorkReport) -> None:
    found = _mentions(work_report, "完成蚝乡、翠湖等3个社区雨污分流改造。")
    assert {("Community", "蚝乡"), ("Community", "翠湖")} <= _pairs(found)


def test_list_items_before_a_counted_project_word_are_projects(work_report: WorkReport) -> None:
    found = _mentions(work_report, "东湖旧村、西湖旧村2个项目实施主体确认。")
    assert {("Project", "东湖旧村"), ("Project", "西湖旧村")} <= _pairs(found)


def test_list_of_fields_is_no_list_of_names(work_report: WorkReport) -> None:
    found = _mentions(work_report, "医疗、教育等5个项目纳入民生实事。")
    assert not ({"医疗", "教育"} & _names(found)), _pairs(found)


# --- facilities: built (Project) or standing (Place) ------------------------------------


def test_a_school_being_built_is_a_project(work_report: WorkReport) -> None:
    found = _mentions(work_report, "开工建设白鹭中学。")
    assert ("Project", "白鹭中学") in _pairs(found)


def test_a_school_not_being_built_is_a_place(work_report: WorkReport) -> None:
    found = _mentions(work_report, "白鹭中学举办科技节活动。")
    assert ("Place", "白鹭中学") in _pairs(found)
    assert ("Project", "白鹭中学") not in _pairs(found)


def test_a_road_in_a_construction_clause_is_a_place(work_report: WorkReport) -> None:
    found = _mentions(work_report, "完成松园路等3条道路建设。")
    assert ("Place", "松园路") in _pairs(found)
    assert "道路" not in _names(found)


def test_a_motorway_readied_for_building_is_a_project_named_whole(work_report: WorkReport) -> None:
    found = _mentions(work_report, "推进青禾至白石高速公路前期工作，禾塘高速公路建成通车。")
    assert ("Project", "青禾至白石高速公路") in _pairs(found)
    assert ("Project", "禾塘高速公路") in _pairs(found)
    assert not {"青禾至白石高速", "禾塘高速"} & _names(found)


def test_a_power_line_or_a_water_works_is_a_project_not_a_programme(work_report: WorkReport) -> None:
    found = _mentions(work_report, "推进青禾特高压直流输电工程，禾塘水利枢纽工程开工。")
    assert ("Project", "青禾特高压直流输电工程") in _pairs(found)
    assert ("Project", "禾塘水利枢纽工程") in _pairs(found)
    assert not [m for m in found if m.type == "Program"], _pairs(found)


def test_a_utility_tunnel_planned_is_a_project_without_the_verb(work_report: WorkReport) -> None:
    found = _mentions(work_report, "谋划禾塘海底综合管廊工程等重大工程。")
    assert ("Project", "禾塘海底综合管廊工程") in _pairs(found)
    assert not [m for m in found if m.name.startswith("谋划")], _pairs(found)


def test_a_road_after_a_mid_clause_verb(work_report: WorkReport) -> None:
    found = _mentions(work_report, "引导车辆驶入松园路。")
    assert ("Place", "松园路") in _pairs(found)
    assert not [m for m in found if "驶入" in m.name], _pairs(found)


# --- honors and events ------------------------------------------------------------------


def test_quoted_honor_after_ronghuo_without_its_title_word(work_report: WorkReport) -> None:
    found = _mentions(work_report, "青松社区荣获“全国示范单位”称号。")
    assert ("Honor", "全国示范单位") in _pairs(found)
    assert not [m for m in found if m.name.endswith("称号")]


@pytest.mark.parametrize("line", [
    "青松社区获评2023年度“全国示范单位”。",
    "青松社区荣获2023年“全国示范单位”称号。",
])
def test_year_before_an_honor_is_removed(work_report: WorkReport, line: str) -> None:
    found = _mentions(work_report, line)
    honors = [m for m in found if m.type == "Honor"]
    assert [m.name for m in honors] == ["全国示范单位"]


def test_unquoted_honor_after_huoping(work_report: WorkReport) -> None:
    found = _mentions(work_report, "青松社区获评2024年度省级文明单位。")
    assert ("Honor", "省级文明单位") in _pairs(found)


@pytest.mark.parametrize("line", [
    "工作成效获得上级充分肯定。",
    "青松社区改造项目获批立项。",
])
def test_no_honor_where_nothing_is_awarded(work_report: WorkReport, line: str) -> None:
    found = _mentions(work_report, line)
    assert not [m for m in found if m.type == "Honor"], _pairs(found)


def test_ordinal_event(work_report: WorkReport) -> None:
    found = _mentions(work_report, "成功举办第五届青松文化节，吸引游客2万人次。")
    assert ("Event", "第五届青松文化节") in _pairs(found)


def test_ordinal_event_ending_in_a_contest(work_report: WorkReport) -> None:
    found = _mentions(work_report, "举办第三届白鹭杯足球赛。")
    assert ("Event", "第三届白鹭杯足球赛") in _pairs(found)


# --- gazetteer --------------------------------------------------------------------------


def test_city_from_the_gazetteer(work_report: WorkReport) -> None:
    found = _mentions(work_report, "在深圳市设立研发中心。")
    places = [m for m in found if m.type == "Place"]
    assert places and all("深圳" in m.name for m in places)
    assert "深圳市" in _names(places)


def test_city_short_name_and_province_short_name_as_whole_words(work_report: WorkReport) -> None:
    found = _mentions(work_report, "组织企业赴东莞考察，参加广东招商推介会。")
    assert {("Place", "东莞"), ("Place", "广东")} <= _pairs(found)


def test_province_full_name(work_report: WorkReport) -> None:
    found = _mentions(work_report, "承办广东省青少年篮球赛。")
    assert ("Place", "广东省") in _pairs(found)


@pytest.mark.parametrize("line, city", [
    ("传承德育传统。", "承德"),      # 传承 / 德育
    ("确保定期巡查。", "保定"),      # 确保 / 定期
    ("加强大同小异的问题排查。", "大同"),
])
def test_city_short_name_not_found_inside_other_words(work_report: WorkReport, line: str, city: str) -> None:
    found = _mentions(work_report, line)
    assert not [m for m in found if city in m.name], _pairs(found)


def test_user_lexicon_names_and_aliases_are_found(work_report: WorkReport, write_report: WriteReport) -> None:
    path = write_report("青松智谷\tPlace\t智谷\n蓝鲸科创\tCompany\t蓝鲸\n", "names.tsv")
    lexicon = Lexicon.load(path)
    lines = ("青松智谷新增入驻企业5家，蓝鲸科创完成产值3亿元。", "蓝鲸新增研发人员50名。")
    found = _mentions(work_report, *lines, lexicon=lexicon)
    assert {("Place", "青松智谷"), ("Company", "蓝鲸科创"), ("Company", "蓝鲸")} <= _pairs(found)
    # without the user file none of them is known
    assert not ({"青松智谷", "蓝鲸科创", "蓝鲸"} & _names(_mentions(work_report, *lines)))


def test_user_lexicon_name_is_found_when_jieba_cuts_across_its_end(work_report: WorkReport,
                                                                 write_report: WriteReport) -> None:
    lexicon = Lexicon.load(write_report("蓝鲸科创\tCompany\n", "names.tsv"))
    found = _mentions(work_report, "蓝鲸科创新增研发人员50名。", lexicon=lexicon)
    assert ("Company", "蓝鲸科创") in _pairs(found)


# --- counted common nouns ---------------------------------------------------------------


@pytest.mark.parametrize("line", ["新建3所学校项目。", "打造两大特色项目。", "实施10大民生工程。"])
def test_counted_generic_phrases_are_not_names(work_report: WorkReport, line: str) -> None:
    found = _mentions(work_report, line)
    assert not [m for m in found if m.type in ("Project", "Program")], _pairs(found)


@pytest.mark.parametrize("line", ["打造四大特色项目。", "推进五大攻坚行动。"])
def test_counted_generic_phrases_with_a_one_word_count(work_report: WorkReport, line: str) -> None:
    found = _mentions(work_report, line)
    assert not [m for m in found if m.type in ("Project", "Program")], _pairs(found)


# --- offsets, order, shape --------------------------------------------------------------

BUSY = [
    "和平社区、青松社区全力推进“红枫计划”，荣获“全国示范单位”称号。",
    "甲乙科技、丙丁通信获评2024年度省级专精特新企业。",
    "推动松林社区土地整备利益统筹项目、东湖旧村城市更新项目取得进展，推广“三心”服务模式。",
    "举办第五届青松文化节，吸引游客１２万人次。",
    "在深圳市开展“暖心行动”，完成松园路等3条道路建设。",
]


def test_offsets_point_at_the_mention_in_the_report_text(work_report: WorkReport) -> None:
    report = work_report(summary=BUSY)
    mentions = find_mentions(report, LEXICON)
    found = _in_lines(report, mentions, BUSY)
    assert len(found) >= 15, _pairs(found)
    for m in found:
        span = report.text[m.start:m.end]
        bare = "".join(ch for ch in span if ch not in QUOTES)
        # an honor's span may hold its title word 称号, which the name leaves out
        assert bare in (m.name, m.name + "称号"), (m.name, span)
        assert m.type in ENTITY_TYPES
        s = m.sentence
        assert s.start <= m.start < m.end <= s.end
        assert s.text[m.start - s.start:m.end - s.start] == span


def test_mentions_are_in_text_order(work_report: WorkReport) -> None:
    report = work_report(summary=BUSY)
    mentions = find_mentions(report, LEXICON)
    assert [(m.start, m.end) for m in mentions] == sorted((m.start, m.end) for m in mentions)


def test_the_busy_lines_yield_their_names(work_report: WorkReport) -> None:
    found = _mentions(work_report, *BUSY)
    expected = {
        ("Community", "和平社区"), ("Community", "青松社区"), ("Program", "红枫计划"),
        ("Honor", "全国示范单位"), ("Company", "甲乙科技"), ("Company", "丙丁通信"),
        ("Honor", "省级专精特新企业"), ("Project", "松林社区土地整备利益统筹项目"),
        ("Project", "东湖旧村城市更新项目"), ("Program", "三心服务模式"),
        ("Event", "第五届青松文化节"), ("Place", "深圳市"), ("Program", "暖心行动"),
        ("Place", "松园路"),
    }
    assert expected <= _pairs(found)


def test_full_width_text_keeps_offsets(work_report: WorkReport) -> None:
    line = "青松社区（试点）新增停车位２００个，开工建设白鹭中学。"
    report = work_report(summary=[line])
    found = _in_lines(report, find_mentions(report, LEXICON), [line])
    assert {("Community", "青松社区"), ("Project", "白鹭中学")} <= _pairs(found)
    for m in found:
        assert report.text[m.start:m.end] == m.name


def test_a_report_without_names_has_no_mentions(work_report: WorkReport) -> None:
    found = _mentions(work_report, "各项工作有序推进，群众满意度持续提升。")
    assert found == []


@pytest.mark.parametrize("sentence", ["深入推进重大合作平台建设。", "实施省级重大人才工程。", "加快推进重点项目建设。"])
def test_a_kind_of_undertaking_is_not_a_name(work_report: WorkReport, sentence: str) -> None:
    """重大…平台, 省级重大…工程: descriptions of a kind of undertaking, not named ones."""
    found = _mentions(work_report, sentence)
    assert not [m for m in found if m.type in ("Program", "Project")]


@pytest.mark.parametrize("sentence, expected", [
    ("新和大道、锦程路完成综合改造。", ("Place", "新和大道")),
])
def test_a_conjunction_inside_a_short_name(work_report: WorkReport, sentence: str, expected: tuple[str, str]) -> None:
    """和 after a clause's first character, before a short run, belongs to the name."""
    assert expected in _pairs(_mentions(work_report, sentence))


def test_a_conjunction_between_two_nouns_ends_a_name(work_report: WorkReport) -> None:
    found = _pairs(_mentions(work_report, "推动平台企业和平台内经营者共赢发展。"))
    assert not [name for _, name in found if "和" in name]


# --- the finders one at a time ----------------------------------------------------------


def test_every_finder_runs_alone_and_the_list_is_ordered(work_report: WorkReport) -> None:
    report = work_report(summary=["青松社区荣获“全国文明社区”称号，青禾科技有限公司落户，举办第三届青松文化节。"])
    names = [f.name for f in FINDERS]
    assert len(names) == len(set(names))
    every = {(m.type, m.name) for m in find_mentions(report, LEXICON)}
    alone = set()
    for finder in FINDERS:
        alone |= {(m.type, m.name) for m in find_mentions(report, LEXICON, (finder,))}
    assert every <= alone  # what all find together, some finder finds alone
    assert ("Company", "青禾科技有限公司") in {(m.type, m.name) for m in
                                          find_mentions(report, LEXICON, finders_named(["suffixes"]))}


def test_an_unknown_finder_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match="nosuch"):
        finders_named(["suffixes", "nosuch"])


# --- meetings ---------------------------------------------------------------------------


def test_meetings_named_by_term_and_session(work_report: WorkReport) -> None:
    found = _mentions(work_report, "深入学习贯彻党的二十大和二十届四中全会精神，认真落实省委十三届三次、四次全会部署，"
                                   "完成县二届人大一次会议确定的目标任务，落实县第二次党代会精神。")
    events = _names(found, "Event")
    assert {"党的二十大", "二十届四中全会", "省委十三届三次全会", "省委十三届四次全会",
            "县二届人大一次会议", "县第二次党代会"} <= events


def test_an_autonomous_regions_meetings_keep_its_whole_name(work_report: WorkReport) -> None:
    found = _mentions(work_report, "按照自治区第十次党代会部署，完成自治区十三届人大三次会议确定的目标任务。")
    assert {"自治区第十次党代会", "自治区十三届人大三次会议"} <= _names(found, "Event")


def test_numbers_of_a_meeting_are_no_indicators(work_report: WorkReport) -> None:
    from reportgraph.extract.indicators import find_indicators

    report = work_report(summary=["认真落实市委七届六次、七次、八次全会精神，新增企业12家。"])
    assert [(i.metric, float(i.value)) for i in find_indicators(report)
            if i.sentence.text.startswith("认真")] == [("新增企业", 12.0)]


def test_ten_actions_are_no_congress(work_report: WorkReport) -> None:
    found = _mentions(work_report, "实施十大行动，推进二十大工程。")
    assert "Event" not in {m.type for m in found}


# --- book titles ------------------------------------------------------------------------


def test_book_titles_that_name_programmes(work_report: WorkReport) -> None:
    found = _mentions(work_report, "印发《青松街道企业服务工作方案》，出台《关于支持制造业发展的十条措施》，"
                                   "推出《商在青松》《乐在青松》系列宣传，学习《中国共产党纪律处分条例》。")
    programs = _names(found, "Program")
    assert {"青松街道企业服务工作方案", "关于支持制造业发展的十条措施", "商在青松", "乐在青松"} <= programs
    assert "中国共产党纪律处分条例" not in _names(found)  # a regulation is no programme


# --- firms named in lists ---------------------------------------------------------------


def test_firms_listed_before_a_kind_of_firm(work_report: WorkReport) -> None:
    found = _mentions(work_report, "重点保障青禾通用、恒远通、宝兴电子等11家优质企业用地需求，"
                                   "成功落地半导体企业湃远科技、新能源企业光远科技等8家企业。")
    assert {"青禾通用", "恒远通", "宝兴电子", "湃远科技", "光远科技"} <= _names(found, "Company")


def test_kinds_of_firm_and_honors_in_a_list_are_no_firms(work_report: WorkReport) -> None:
    found = _mentions(work_report, "培育高新技术企业、专精特新小巨人企业、单项冠军等优质企业，"
                                   "引导专业机构、产业联盟等企业参与，依法平等保护民营企业产权。")
    assert not _names(found, "Company")


# --- left edges, kinds and proper names (precision on provincial text) -------------------

PROVINCE = "某某省人民政府2026年政府工作报告"


def _province_mentions(segment_text, *lines: str) -> list[Mention]:
    """Mentions in lines of a provincial report (a level whose reports name kinds, not places)."""
    report = segment_text(PROVINCE + "\n一、2025年工作回顾\n（一）经济发展。\n" + "\n".join(lines) + "\n")
    assert report.level == "province"
    return _in_lines(report, find_mentions(report, LEXICON), list(lines))


def test_verbs_and_counts_glued_to_a_name_are_dropped(segment_text) -> None:
    found = _province_mentions(segment_text, "主动接受省人大监督，请省政协提出意见。圆满举办4届青博会，做强丝路国际博览会。")
    names = _names(found)
    assert {"省人大", "省政协", "青博会", "丝路国际博览会"} <= names
    assert not any(n.startswith(("接受", "请", "4届", "做强")) for n in names)


def test_a_province_names_kinds_not_named_places(segment_text) -> None:
    found = _province_mentions(
        segment_text,
        "建设骨干冷链物流基地和零碳产业园，支持高水平大学建设，完善灾害预警响应机制。",
        "建成青禾高铁，启用某某大学图书馆，推进国家数字贸易示范区建设。",
    )
    names = _names(found)
    assert not {"骨干冷链物流基地", "零碳产业园", "高水平大学", "完善灾害预警响应机制"} & names
    assert "青禾高铁" in names


def test_a_subdistrict_keeps_its_own_platforms(work_report: WorkReport) -> None:
    found = _mentions(work_report, "上线网格化智慧管理平台，开设暖邻学堂。")
    assert {"网格化智慧管理平台", "暖邻学堂"} <= _names(found, "Program")


def test_in_a_province_a_quoted_phrase_is_a_programme_when_carried_out(segment_text) -> None:
    found = _province_mentions(segment_text, "坚持“两个维护”，增强“四个意识”，扎实推进“高效办成一件事”，开展“以旧换新”等活动。")
    programs = _names(found, "Program")
    assert {"高效办成一件事", "以旧换新"} <= programs
    assert not {"两个维护", "四个意识"} & programs


def test_a_list_of_built_places_shares_its_head(segment_text) -> None:
    found = _province_mentions(segment_text, "建成青渝、禾湘、溪粤等高铁，雄安青禾科技园等平台加快建设。")
    names = _names(found)
    assert {"青渝高铁", "禾湘高铁", "溪粤高铁"} <= names
    assert "雄安青禾科技园" in _names(found, "Place") | _names(found, "Project")


def test_a_province_names_no_countryside_as_villages(segment_text) -> None:
    found = _province_mentions(segment_text, "推进宜居宜业和美乡村建设，健全县乡村三级服务网络，强镇带村，建设零碳园区、零碳社区。",
                               "习近平总书记给某某市嘎拉村村民回信。")
    assert _names(found, "Community") == {"嘎拉村"}


def test_a_list_under_a_project_head_names_a_project_per_item(work_report: WorkReport) -> None:
    found = _mentions(work_report, "持续推进溪湾、禾塘、华丰工业园等3个土地整备利益统筹项目。")
    assert {"溪湾土地整备利益统筹项目", "禾塘土地整备利益统筹项目", "华丰工业园土地整备利益统筹项目"} <= _names(found, "Project")


def test_a_proper_name_before_generic_words_in_a_local_report(work_report: WorkReport) -> None:
    found = _mentions(work_report, "青禾综合文体中心建成投用。")
    assert "青禾综合文体中心" in _names(found)


def test_a_subdistrict_and_a_town_named_in_the_text(work_report: WorkReport) -> None:
    found = _mentions(work_report, "上半年，青湾街道在区委、区政府的正确领导下，与禾溪镇建立协作关系，推进城镇老旧小区改造，打造宜居、宜业三个适宜新城镇。")
    assert "青湾街道" in _names(found, "GovernmentBody")
    assert "禾溪镇" in _names(found, "Place")
    assert not {"老旧小区", "城镇", "宜居", "宜业"} & _names(found)


def test_a_subdistrict_and_its_office_are_one_body() -> None:
    from reportgraph.pipeline import build_text

    linked = build_text("某某市某某区青湾街道办事处2024年工作总结\n一、工作回顾\n（一）经济。青湾街道新增企业12家。\n")
    bodies = [e for e in linked.entities if e.type == "GovernmentBody" and "青湾街道" in e.name]
    assert len(bodies) == 1 and "青湾街道" in {bodies[0].name, *bodies[0].aliases}


def test_a_firm_named_after_a_word_that_says_it_is_one(segment_text) -> None:
    found = _province_mentions(segment_text, "支持民企赛力斯等为龙头，商业航天“独角兽”星际荣耀成功落地，推动企业500家上规，民企做大做强。")
    assert {"赛力斯", "星际荣耀"} <= _names(found, "Company")
    assert not {"500家", "做大做强"} & _names(found)


def test_a_firm_after_a_kind_word_runs_to_the_clauses_verb(segment_text) -> None:
    found = _province_mentions(segment_text, "龙头企业云图科技加快扩产，链主企业汉森医药带动上下游集聚，深化与央企全方位合作。")
    assert {"云图科技", "汉森医药"} <= _names(found, "Company")
    assert "全方位" not in _names(found)


def test_a_firm_signed_with_is_a_company_but_not_a_university_or_farmers(work_report: WorkReport) -> None:
    """与某某能源签约: the partner a government signs with is a firm, where its name looks like one."""
    found = _mentions(work_report, "与青禾能源签约，与云图科技签署战略合作协议，与禾城大学签约共建研究院，"
                                   "与农户签订土地流转合同，推动蓝湾机械与省农科院签订合作协议，与禾城设计院签订合作协议。")
    assert {"青禾能源", "云图科技", "禾城设计院"} <= _names(found, "Company")
    assert not {"禾城大学", "农户", "省农科院"} & _names(found, "Company")


def test_quoted_events_counted_kinds_and_the_reports_title(work_report: WorkReport) -> None:
    found = _mentions(work_report, "举办“青禾优品展”，取得“三个新的更大进展”，已落户招商项目20宗，印发青禾镇2024年工作计划，"
                                   "深化全球服务商计划。")
    assert "青禾优品展" in _names(found, "Event")
    assert "全球服务商计划" in _names(found, "Program")
    assert "三个新的更大进展" not in _names(found, "Event")
    assert not {"落户招商项目", "青禾镇2024年工作计划"} & _names(found)


def test_a_footnote_mark_is_no_part_of_a_name(work_report: WorkReport) -> None:
    heading, line = "［7］禾山山水工程：", "用好“三资”［22］监管平台，实施禾溪生态修复［3］示范工程。"
    report = work_report(summary=[heading, line])
    found = _in_lines(report, find_mentions(report, LEXICON), [heading, line])
    assert {"禾山山水工程", "三资监管平台", "禾溪生态修复示范工程"} <= _names(found)
    assert not any(ch in m.name for m in found for ch in "［］")
    opening = next(m for m in found if m.name == "禾山山水工程")
    assert report.text[opening.start:opening.end] == "禾山山水工程"


def test_fairs_named_by_the_short_of_their_kind_are_events(work_report: WorkReport) -> None:
    """农高会, 洽会, 服贸会, 车展, 书展: the genre's short names of fairs and shows."""
    found = _mentions(work_report, "办好青禾农高会、禾洽会、禾贸会，支持办好禾城国际车展、青禾书展。")
    assert {"青禾农高会", "禾洽会", "禾贸会", "禾城国际车展", "青禾书展"} <= _names(found, "Event")


def test_family_farms_are_firms_and_a_named_farmers_market_is_built(work_report: WorkReport) -> None:
    found = _mentions(work_report, "培育青禾家庭农场等新型经营主体12家，禾溪农贸市场完成改造，发展家庭农场50家。")
    assert "青禾家庭农场" in _names(found, "Company")
    assert "禾溪农贸市场" in _names(found, "Project")
    assert "家庭农场" not in _names(found)


def test_the_subject_listed_on_a_market_is_a_firm(work_report: WorkReport) -> None:
    found = _mentions(work_report, "蓝湾电子成功在北交所上市，推动禾丰新材在深交所主板上市，新增上市公司3家，支持企业在新三板挂牌。")
    assert {"蓝湾电子", "禾丰新材"} == _names(found, "Company")


def test_the_plan_a_province_submits_is_a_programme_but_a_draft_law_is_none(segment_text) -> None:
    """《…规划的建议》 and 《…规划纲要（草案）》, with whose plan it is, are the programme the report submits;
    the same words with no owner are every province's, and a draft law is still none."""
    found = _province_mentions(
        segment_text,
        "根据《中共某某省委关于制定某某省国民经济和社会发展第十五个五年规划的建议》，编制了"
        "《某某省国民经济和社会发展第十五个五年规划纲要（草案）》，审议《关于制定国民经济和社会发展第十五个五年规划的建议》"
        "和《纲要（草案）》，提请审议《某某省禾溪保护条例（草案）》。")
    programs = _names(found, "Program")
    assert {"中共某某省委关于制定某某省国民经济和社会发展第十五个五年规划的建议",
            "某某省国民经济和社会发展第十五个五年规划纲要（草案）"} <= programs
    assert not any(n.startswith(("关于制定", "纲要")) or n.endswith("条例（草案）") for n in programs)
