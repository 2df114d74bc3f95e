"""extract.names.honors: what follows 获评/荣获/获 is an honor only if it names one.

Sentences are invented in the genre's style (names made up).
"""
from __future__ import annotations

from conftest import PROVINCE_OPENING, ProvinceReport, SegmentText
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()


def _honors(segment_text: SegmentText, line: str) -> set[str]:
    report = segment_text(PROVINCE_OPENING + line + "\n")
    at = report.text.find(line)
    return {m.name for m in find_mentions(report, LEXICON)
            if m.type == "Honor" and at <= m.start and m.end <= at + len(line)}


def test_a_verb_phrase_after_the_verb_of_winning_is_no_honor(segment_text: SegmentText) -> None:
    names = _honors(segment_text, "青禾经验获全国推广，禾塘中心获国家支持建设，十项做法获国家部委肯定或推广，"
                                  "禾溪项目获国家核准，青禾市获评全国文明城市。")
    assert names == {"全国文明城市"}


def test_a_bare_rating_is_no_honor_and_the_reports_own_country_is_no_part_of_one(segment_text: SegmentText) -> None:
    names = _honors(segment_text, "青禾湖禁渔连续4次获评全国优秀，话剧《禾风》获国家奖项，"
                                  "禾溪湿地公园入选我国首批国家湿地名录，青禾集团获我省首个质量金奖。")
    assert not any(n.startswith("我") for n in names)
    assert not {"全国优秀", "国家奖项"} & names
    assert {"首批国家湿地名录", "质量金奖"} <= names


def test_the_place_and_verb_after_a_locative_are_no_part_of_an_honor(segment_text: SegmentText) -> None:
    names = _honors(segment_text, "在湘世界500强企业达21家，在鄂投资世界500强企业32家。")
    assert names == {"世界500强"}


def test_titles_said_with_no_winning_verb_are_honors(segment_text: SegmentText) -> None:
    honors = _honors(segment_text, "青禾新增两院院士5人，禾唐钢铁行业国家级绿色工厂、制造业单项冠军企业数量居全国第一。")
    assert {"两院院士", "国家级绿色工厂", "制造业单项冠军企业"} <= honors


def test_a_national_title_said_with_no_winning_verb_is_an_honor(segment_text: SegmentText) -> None:
    honors = _honors(segment_text, "全国文明城市新增数量居全国前列，新增国家级非遗代表性传承人75名、国家级数字领航企业18家。")
    assert {"全国文明城市", "国家级非遗代表性传承人", "国家级数字领航企业"} <= honors


def test_an_academicians_workstation_or_team_is_no_honor(segment_text: SegmentText) -> None:
    honors = _honors(segment_text, "青禾新认定3家院士工作站，禾唐院士团队攻克关键技术，建设一批智能工厂。")
    assert not any("院士" in n or n.endswith("智能工厂") for n in honors)


def test_a_bound_on_a_grade_is_no_part_of_the_title(segment_text: SegmentText) -> None:
    """先进级以上智能工厂 counts the factories of a grade and above: no title of that name."""
    honors = _honors(segment_text, "青禾培育先进级以上智能工厂120家、卓越级智能工厂8家。")
    assert "卓越级智能工厂" in honors and not any("以上" in n for n in honors)


def test_two_honors_won_together_are_two(segment_text: SegmentText) -> None:
    """荣获某某奖一等奖和首届“某某团队”: the prize ends with its type word, so what follows 和 is a second honor."""
    honors = _honors(segment_text, "青禾团队荣获国家科技进步奖一等奖和首届“国家卓越工程师团队”。")
    assert "国家科技进步奖一等奖" in honors and not any("和" in n for n in honors)


def test_the_count_of_winners_and_its_rank_are_no_part_of_the_honor(segment_text: SegmentText) -> None:
    honors = _honors(segment_text, "入选国家重大人才工程人数位居全国前列。")
    assert "国家重大人才工程" in honors and not any("人数" in n for n in honors)


def test_a_level_and_a_word_for_an_award_is_a_kind_not_an_honor(segment_text: SegmentText) -> None:
    names = _honors(segment_text, "一批文艺精品荣获国家级大奖，禾风剧团获得国际大奖，青禾集团获“中国禾业大奖”。")
    assert names == {"中国禾业大奖"}


def test_grades_listed_before_a_name_share_it(segment_text: SegmentText) -> None:
    honors = _honors(segment_text, "8家企业获评国家领航级、卓越级智能工厂，青禾村获评国家级、省级、市级文明村。")
    assert {"国家领航级智能工厂", "卓越级智能工厂", "国家级文明村", "省级文明村", "市级文明村"} <= honors
    assert not {"国家领航级", "国家级", "省级"} & honors


def test_a_stop_the_word_cut_split_out_of_a_longer_word_ends_no_honor(segment_text: SegmentText) -> None:
    honors = _honors(segment_text, "青禾、禾溪入选全国首批碳达峰试点城市，连续三年获得“好”的等次。")
    assert "全国首批碳达峰试点城市" in honors
    assert "全国首批碳" not in honors
    assert not any(name.startswith("好") and len(name) > 2 for name in honors)


def test_a_description_of_what_is_gained_is_no_honor(segment_text: SegmentText) -> None:
    assert not _honors(segment_text, "让人民群众获得更加健康更有品质的生活。")


def test_a_title_the_clause_sets_out_to_build_is_a_goal(segment_text: SegmentText) -> None:
    honors = _honors(segment_text, "加快建设高水平创新型省份，新增国家级绿色工厂36家。")
    assert "国家级绿色工厂" in honors
    assert "创新型省份" not in honors


def test_the_round_of_a_title_won_is_no_part_of_its_name(segment_text: SegmentText) -> None:
    honors = _honors(segment_text, "青禾等3个市被命名为新一届“全国双拥模范城”。")
    assert "全国双拥模范城" in honors
    assert not any(name.startswith("新一") for name in honors)


def test_two_honors_of_one_kind_joined_by_he_share_what_opens_the_first(province_report: ProvinceReport) -> None:
    report = province_report("青禾工作入选禾溪办“服务在基层”十佳案例和优秀案例，荣获青禾奖一等奖和首届“禾溪团队”称号。")
    names = {m.name for m in find_mentions(report, LEXICON) if m.type == "Honor"}
    assert {"禾溪办服务在基层十佳案例", "禾溪办服务在基层优秀案例", "青禾奖一等奖", "首届禾溪团队"} <= names


def test_the_first_so_won_is_no_part_of_the_honor(province_report: ProvinceReport) -> None:
    names = {m.name for m in find_mentions(province_report("青禾集团获我省首个青禾质量奖。"), LEXICON)}
    assert "青禾质量奖" in names and not any(n.startswith("首个") for n in names)


def test_a_national_designation_counted_as_held_is_an_honor(segment_text: SegmentText) -> None:
    """国家某某产业集群达到6个: the count says how many were won; the same kind set out to build, or counted in a
    province's own grade, is none."""
    names = _honors(segment_text, "国家青禾制造业集群达到6个，国家级禾溪防控示范区34个，"
                                  "加快建设国家青禾农业产业园3个，省级禾塘产业园12个，国家级和省级示范区12个。")
    assert {"国家青禾制造业集群", "国家级禾溪防控示范区"} <= names
    assert not any(n.endswith("农业产业园") or n.startswith("省级") or "和" in n for n in names)


def test_a_national_designation_approved_is_an_honor(segment_text: SegmentText) -> None:
    """获批国家某某试点城市: approval of a national designation is winning it; 获批建设 names nothing; a centre and
    its sub-centres approved is one honor, no 分中心 of its own."""
    names = _honors(segment_text, "青禾获批国家服务业扩大开放综合试点城市，禾溪港获批国家增发国债项目86个、"
                                  "国家级试验区，获批国家技术创新中心和分中心6家，荣获青禾科技进步奖一等奖和二等奖。")
    assert {"国家服务业扩大开放综合试点城市", "国家技术创新中心", "青禾科技进步奖二等奖"} <= names
    assert not any(n.endswith(("分中心", "项目")) or n.startswith("国家级试验区") for n in names)
