"""Programmes named by the run from their verb to their head word (extract.names.runs)."""
from __future__ import annotations

from conftest import ProvinceReport
from reportgraph.extract.names import find_mentions, finders_named
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()


def _programmes(province_report: ProvinceReport, line: str, only_runs: bool = False) -> set[str]:
    finders = finders_named(["runs"]) if only_runs else None
    kwargs = {"finders": finders} if finders else {}
    return {m.name for m in find_mentions(province_report(line), LEXICON, **kwargs) if m.type == "Program"}


def test_a_boundary_word_inside_a_programmes_name_does_not_cut_it(province_report: ProvinceReport) -> None:
    names = _programmes(province_report, "开展重大项目建设年行动，实施知识产权助力转型发展行动，深化乡村建设行动。")
    assert {"重大项目建设年行动", "知识产权助力转型发展行动", "乡村建设行动"} <= names
    assert "转型发展行动" not in names


def test_a_head_after_a_head_is_in_the_name_and_a_manner_word_is_not(province_report: ProvinceReport) -> None:
    line = "实施城市更新行动计划，扎实开展好物业服务质量提升行动，开展推进城市高质量发展行动。"
    names = _programmes(province_report, line, only_runs=True)
    assert names == {"城市更新行动计划", "物业服务质量提升行动", "城市高质量发展行动"}


def test_what_a_verb_of_carrying_out_opens_is_a_programme(province_report: ProvinceReport) -> None:
    assert "工业互联网创新发展工程" in _programmes(province_report, "实施工业互联网创新发展工程。", only_runs=True)


def test_kinds_counts_lists_and_activities_are_no_names(province_report: ProvinceReport) -> None:
    line = ("开展一批试点，实施3个重点行动，实施省级重点工程，开展招商引资和项目建设行动，"
            "开展走访企业活动，开展科技企业并购贷款等国家试点。")
    assert not _programmes(province_report, line, only_runs=True)


def test_a_campaign_activity_names_its_year_or_theme(province_report: ProvinceReport) -> None:
    names = _programmes(province_report, "开展营商环境突破年活动，开展弘扬城市精神主题实践活动。", only_runs=True)
    assert names == {"营商环境突破年活动", "弘扬城市精神主题实践活动"}


def test_a_head_inside_a_longer_name_ends_no_run(province_report: ProvinceReport) -> None:
    assert not _programmes(province_report, "禾州入选国家级深化普惠金融改革试点城市。", only_runs=True)


def test_a_kind_of_works_counted_right_after_it_is_no_programme(province_report: ProvinceReport) -> None:
    assert not _programmes(province_report, "实施清洁能源供暖工程22个、供氧工程13个。", only_runs=True)
