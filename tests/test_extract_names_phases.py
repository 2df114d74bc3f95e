"""extract.names.phases: a name with the phase of its build is a Project.

Sentences are invented in the genre's style (names made up).
"""
from __future__ import annotations

from conftest import ProvinceReport
from reportgraph.extract.names import find_mentions
from reportgraph.lexicon import Lexicon

LEXICON = Lexicon.load()


def _projects(province_report: ProvinceReport, line: str) -> set[str]:
    return {m.name for m in find_mentions(province_report(line), LEXICON) if m.type == "Project"}


def test_a_name_with_its_phase_is_a_project(province_report: ProvinceReport) -> None:
    found = _projects(province_report, "推动青禾电厂二期、禾唐核电三期等机组建成投运，禾溪存储四期开工。")
    assert {"青禾电厂二期", "禾唐核电三期", "禾溪存储四期"} <= found


def test_an_edition_a_batch_or_a_count_of_sessions_is_no_phase(province_report: ProvinceReport) -> None:
    found = _projects(province_report, "启动国家第二期“双高计划”，举办青禾技术培训班超10期，十四五期间建成。")
    assert not any("期" in name for name in found)


def test_a_phase_of_a_built_place_is_a_project_even_where_the_clause_builds_nothing(
        province_report: ProvinceReport) -> None:
    """青禾机场三期完工: the airport alone would be a Place, its phase is a Project."""
    assert "青禾机场三期" in _projects(province_report, "禾唐港二期投用，青禾机场三期、禾溪机场二期完工。")


def test_a_new_site_of_a_hospital_or_a_school_is_a_project(province_report: ProvinceReport) -> None:
    found = _projects(province_report, "禾城人民医院新院区、青禾大学禾溪校区建成，禾城第一中学新校区投入使用。")
    assert {"禾城人民医院新院区", "青禾大学禾溪校区", "禾城第一中学新校区"} <= found


def test_an_old_site_is_no_project(province_report: ProvinceReport) -> None:
    assert not _projects(province_report, "推动老旧厂房、高校老校区等闲置空间改造利用。")


def test_a_building_of_a_hospital_or_a_school_is_a_project(province_report: ProvinceReport) -> None:
    found = _projects(province_report, "禾城人民医院住院楼、青禾第一中学教学楼建成，新建综合楼2栋。")
    assert {"禾城人民医院住院楼", "青禾第一中学教学楼"} <= found
    assert "综合楼" not in found


def test_a_phase_that_reaches_its_output_is_a_project(province_report: ProvinceReport) -> None:
    """某某石化一期稳产达产: a phase producing steadily or at capacity is a project, as one built or started is."""
    found = _projects(province_report, "青禾石化一期稳产达产，禾溪新材料二期满产运行。")
    assert {"青禾石化一期", "禾溪新材料二期"} <= found
