"""lexicon: the packaged gazetteer and a user's own."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import WriteReport
from reportgraph.errors import ReportError
from reportgraph.lexicon import GazetteerEntry, Lexicon
from reportgraph.vocab import ENTITY_TYPES
from reportgraph.text import fold

def test_packaged_gazetteer_loads() -> None:
    lexicon = Lexicon.load()
    assert len(lexicon.gazetteer) > 30
    assert all(e.type in ENTITY_TYPES for e in lexicon.gazetteer)
    by_name = {e.name: e for e in lexicon.gazetteer}
    assert by_name["北京市"] == GazetteerEntry("北京市", "Place", ("北京",))
    assert by_name["香港特别行政区"].aliases == ("香港", "香港特区")


def test_user_gazetteer_is_read(write_report: WriteReport) -> None:
    path = write_report(
        "# NAME<TAB>TYPE[<TAB>ALIAS|ALIAS...]\n"
        "\n"
        "幸福社区土地整备利益统筹项目\tProject\t幸福项目|幸福统筹项目\n"
        "某某科技有限公司\tCompany\n"
        "  和风街道办事处 \t GovernmentBody \t 和风街道 \n",
        "names.tsv",
    )
    packaged = len(Lexicon.load().gazetteer)
    lexicon = Lexicon.load(path)
    assert len(lexicon.gazetteer) == packaged + 3
    assert lexicon.gazetteer[-3:] == [
        GazetteerEntry("幸福社区土地整备利益统筹项目", "Project", ("幸福项目", "幸福统筹项目")),
        GazetteerEntry("某某科技有限公司", "Company", ()),
        GazetteerEntry("和风街道办事处", "GovernmentBody", ("和风街道",)),
    ]


def test_user_gazetteer_accepts_str_path_bom_and_empty_aliases(write_report: WriteReport) -> None:
    path = write_report("\ufeff某某科技有限公司\tCompany\t某某科技||\n", "names.tsv")
    lexicon = Lexicon.load(str(path))
    assert lexicon.gazetteer[-1] == GazetteerEntry("某某科技有限公司", "Company", ("某某科技",))


def test_user_names_are_in_the_index(write_report: WriteReport) -> None:
    path = write_report("某某科技有限公司\tCompany\t某某科技\n", "names.tsv")
    index = Lexicon.load(path).index
    assert index.forms["某某科技"].name == "某某科技有限公司"
    assert index.forms["某某科技有限公司"].type == "Company"
    text = fold("辖区企业某某科技有限公司成功上市")
    hits = [(text[a:b], entry.name) for a, b, entry in index.find(text)]
    assert ("某某科技有限公司", "某某科技有限公司") in hits  # the longest form wins at its position
    assert all(name != "某某科技" for name, _ in hits)


@pytest.mark.parametrize("content", [
    "某某科技有限公司\n",                       # no TYPE column
    "某某科技有限公司 Company\n",              # spaces, not a tab
    "某某科技有限公司\tPerson\n",               # not one of the eight types
    "某某科技有限公司\tcompany\n",              # types are case-sensitive
], ids=["no-type", "spaces", "unknown-type", "lower-case-type"])
def test_bad_line_raises_report_error_naming_file_and_line(write_report: WriteReport, content: str) -> None:
    path = write_report("幸福社区\tCommunity\n" + content, "names.tsv")
    with pytest.raises(ReportError) as caught:
        Lexicon.load(path)
    err = caught.value
    assert err.path == str(path)
    assert "line 2" in err.problem
    assert str(path) in str(err)
    assert "Community" in err.problem  # the message lists the valid types


def test_error_line_number_counts_comment_and_blank_lines(write_report: WriteReport) -> None:
    path = write_report("# NAME<TAB>TYPE[<TAB>ALIAS|ALIAS...]\n\n幸福社区\tCommunity\n某某科技有限公司\tPerson\n",
                        "names.tsv")
    with pytest.raises(ReportError) as caught:
        Lexicon.load(path)
    assert "line 4" in caught.value.problem


def test_missing_file_raises_report_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.tsv"
    with pytest.raises(ReportError) as caught:
        Lexicon.load(missing)
    assert caught.value.path == str(missing)
    assert "not found" in caught.value.problem


def test_unreadable_lexicon_raises_report_error(write_report: WriteReport, tmp_path: Path) -> None:
    with pytest.raises(ReportError) as caught:
        Lexicon.load(tmp_path)  # a folder, not a file
    assert caught.value.path == str(tmp_path)
    bad = write_report(b"\xff\xfe\xfa names\tCompany\n", "bad.tsv")
    with pytest.raises(ReportError) as caught:
        Lexicon.load(bad)
    assert caught.value.path == str(bad)
    assert "cannot read" in caught.value.problem


def test_the_package_knows_county_level_divisions_and_their_short_forms() -> None:
    lexicon = Lexicon.load()
    county = next(e for e in lexicon.gazetteer if e.name.endswith("县") and e.aliases and e.region)
    assert county.type == "Place" and len(county.region) == 2
    assert county.aliases[0] == county.name[:-1]
    # a short form another name has stays that name's: 东营 names 东营市, not 东营区
    packaged = [e for e in lexicon.gazetteer if not e.region]
    claimed = {form for e in packaged for form in (e.name, *e.aliases)}
    divisions = [e for e in lexicon.gazetteer if e.region]
    assert not {alias for e in divisions for alias in e.aliases} & claimed


def test_common_words_are_no_short_forms_of_places() -> None:
    forms = {form for e in Lexicon.load().gazetteer for form in e.aliases}
    assert not {"合作", "新兴", "新建", "复兴", "和平", "城区"} & forms


def test_a_short_form_two_divisions_of_one_city_share_is_the_county_level_citys() -> None:
    lexicon = Lexicon.load()
    assert lexicon.index.forms[fold("伊宁")].name == "伊宁市"
    assert lexicon.divisions_by_short_form[fold("伊宁")] == (lexicon.index.forms[fold("伊宁")],)


def test_an_autonomous_prefecture_owns_its_bare_short_form() -> None:
    lexicon = Lexicon.load()
    assert lexicon.index.forms[fold("甘南")].name == "甘南藏族自治州"
    assert lexicon.index.forms[fold("临夏")].name == "临夏回族自治州"


def test_the_packaged_names_class_is_kept_compiled_and_a_user_s_is_not(write_report: WriteReport,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept patterns are the package's own: a user's lexicon, one per build it is given to, would grow the file."""
    from reportgraph import regexcache

    monkeypatch.setattr(regexcache, "_entries", {})
    monkeypatch.setattr(regexcache, "_asked", set())
    monkeypatch.setattr(regexcache, "_added", False)
    packaged = Lexicon.load().index
    assert regexcache._added and [key for key, _ in regexcache._entries] == [packaged._starts.pattern]
    user = Lexicon.load(write_report("Zeta科技有限公司\tCompany\n", "names.tsv")).index  # no packaged name opens with Z
    assert user._starts.pattern != packaged._starts.pattern and len(regexcache._entries) == 1
    assert [m[2].name for m in user.find("Zeta科技有限公司与北京市")] == ["Zeta科技有限公司", "北京市"]


def test_the_index_looks_only_where_two_characters_open_a_form_and_one_character_forms_still_match() -> None:
    """Positions are filtered by a form's first two characters; a form of one character (a user's) is found too,
    after a longer form that fails at the same position, and with it every first character is a candidate."""
    from reportgraph.lexicon import NameIndex

    two = NameIndex([GazetteerEntry("青松社区", "Community"), GazetteerEntry("青山", "Place")])
    text = "青青松社区和青山"
    assert [(a, b) for a, b, _ in two.find(text)] == [(1, 5), (6, 8)]
    one = NameIndex([GazetteerEntry("青松社区", "Community"), GazetteerEntry("青", "Place")])
    text = "青松村与青松社区"
    assert [(text[a:b], e.name) for a, b, e in one.find(text)] == [("青", "青"), ("青松社区", "青松社区")]
