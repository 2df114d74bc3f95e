"""link.identity and link.merges: joins across reports, the user's identity file, and the merge table.

Two invented reports of one 街道 name a company in full and in short; an identity
file splits and joins nodes at the next build; every merge is in the graph and the table.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, Literal

from conftest import SegmentText, WriteReport
from reportgraph import pipeline
from reportgraph.cli import main
from reportgraph.errors import ReportError
from reportgraph.extract import extract
from reportgraph.lexicon import Lexicon
from reportgraph.link import Identities, LinkContext, join, link, link_report, same_entities
from reportgraph.link.identity import company_core
from reportgraph.link.merges import format_of, merge_rows, table_text
from reportgraph.link.relations import relations
from reportgraph.link.ties import tie
from reportgraph.model import LinkedReport
from reportgraph.rdf import RG, to_graph

LEXICON = Lexicon.load()
CONTEXT = LinkContext.of(LEXICON)

FIRST = """\
深圳市青松区和风街道办事处2023年工作总结
一、2023年工作总结
（一）经济发展。
深圳市青禾科技股份有限公司落户辖区，白鹭中学新增学位300个。
"""
SECOND = """\
深圳市青松区和风街道办事处2024年工作总结
一、2024年工作总结
（一）经济发展。
青禾科技获评国家级专精特新小巨人企业，白鹭中学新增学位200个。
"""


def _link(segment_text: SegmentText, *texts: str, identities: Identities | None = None) -> list[LinkedReport]:
    extractions = [extract(segment_text(t, path=f"r{n}.txt"), LEXICON) for n, t in enumerate(texts)]
    return link(extractions, LEXICON, identities)


def _keys(lr: LinkedReport, etype: str) -> dict[str, str]:
    return {name: e.key for e in lr.entities if e.type == etype for name in (e.name, *e.aliases)}


def test_company_full_and_short_name_in_two_reports_are_one_node(segment_text: SegmentText) -> None:
    a, b = _link(segment_text, FIRST, SECOND)
    full, short = _keys(a, "Company")["深圳市青禾科技股份有限公司"], _keys(b, "Company")["青禾科技"]
    assert full == short == "Company/深圳市青禾科技股份有限公司"
    [entity] = [e for e in b.entities if e.key == full]
    assert entity.name == "深圳市青禾科技股份有限公司" and entity.aliases == ["青禾科技"]
    assert [(f.name, f.rule) for f in entity.forms] == [("青禾科技", "companyLegalForm")]


def test_relations_and_ties_are_made_again_of_the_joined_entities_and_kept_where_nothing_was_joined(
        segment_text: SegmentText) -> None:
    """link_report relates each report's own entities; the join says them again where it changed a report's."""
    alone = [link_report(extract(segment_text(t, path=f"r{n}.txt"), LEXICON), CONTEXT)
             for n, t in enumerate((FIRST, SECOND))]
    assert [(r.subject, r.predicate) for r in alone[1].relations] == [("Company/青禾科技", "wonHonor")]
    a, b = join(alone, CONTEXT)
    assert [(r.subject, r.predicate) for r in b.relations] == [("Company/深圳市青禾科技股份有限公司", "wonHonor")]
    assert not same_entities(alone[1].entities, b.entities)
    assert same_entities(alone[0].entities, a.entities) and a.relations == alone[0].relations
    for lr in (a, b):  # what the join kept or made again is what relating the joined entities gives
        assert lr.relations == relations(lr.entities)
        assert [i.entity_keys for i in lr.indicators] == [i.entity_keys for i in tie(lr.indicators, lr.entities)]


def test_the_merge_is_recorded_in_the_graph(segment_text: SegmentText) -> None:
    g = to_graph(_link(segment_text, FIRST, SECOND))
    [node] = g.subjects(RDFS.label, Literal("深圳市青禾科技股份有限公司", lang="zh"))
    assert len(set(g.objects(node, RG.mentionedIn))) == 2
    forms = {str(g.value(f, RG.name)): g.value(f, RG.mergeRule) for f in g.objects(node, RG.nameForm)}
    assert forms == {"深圳市青禾科技股份有限公司": RG.uniqueName, "青禾科技": RG.companyLegalForm}
    short = next(f for f in g.objects(node, RG.nameForm) if str(g.value(f, RG.name)) == "青禾科技")
    assert "青禾科技" in str(g.value(short, RDFS.comment))
    assert len(set(g.objects(short, __import__("rdflib").namespace.PROV.wasDerivedFrom))) == 1


@pytest.mark.parametrize("name, core", [
    ("深圳市青禾科技股份有限公司", "青禾科技"), ("青禾科技", "青禾科技"), ("青禾科技（深圳）有限公司", "青禾科技"),
    ("青禾集团", "青禾"), ("华润集团有限公司", "华润"), ("青禾", "青禾"),
])
def test_company_cores(name: str, core: str) -> None:
    assert company_core(name) == core


def test_different_companies_stay_apart(segment_text: SegmentText) -> None:
    a, b = _link(segment_text, FIRST, SECOND.replace("青禾科技", "青苗科技"))
    assert _keys(a, "Company")["深圳市青禾科技股份有限公司"] != _keys(b, "Company")["青苗科技"]


# --- the identity file ----------------------------------------------------------------------


def test_a_different_line_splits_a_merge_and_a_same_line_joins(segment_text: SegmentText) -> None:
    ids = Identities.parse("# what the rules get wrong\n"
                           "different 青禾科技 深圳市青禾科技股份有限公司\n"
                           "same 白鹭中学 深圳市白鹭学校\n", "ids.txt")
    third = SECOND.replace("2024", "2025").replace("白鹭中学新增学位200个", "深圳市白鹭学校新增学位100个")
    a, b, c = _link(segment_text, FIRST, SECOND, third, identities=ids)
    assert _keys(a, "Company")["深圳市青禾科技股份有限公司"] != _keys(b, "Company")["青禾科技"]
    school = _keys(a, "Place")["白鹭中学"]  # the first name of a same line names the node
    assert _keys(c, "Place")["深圳市白鹭学校"] == school
    [entity] = [e for e in c.entities if e.key == school]
    assert [f.rule for f in entity.forms] == ["userSame"]
    assert "ids.txt:3" in entity.forms[0].detail
    assert ids.notes == []


def test_a_different_line_splits_a_merge_within_one_report(segment_text: SegmentText) -> None:
    text = FIRST.replace("白鹭中学新增学位300个", "青禾科技完成投资2亿元，青禾科技获评国家级专精特新小巨人企业")
    [joined] = _link(segment_text, text)
    assert len({k for n, k in _keys(joined, "Company").items() if "青禾" in n}) == 1
    [split] = _link(segment_text, text, identities=Identities.parse("different 青禾科技 深圳市青禾科技股份有限公司"))
    assert len({k for n, k in _keys(split, "Company").items() if "青禾" in n}) == 2


def test_a_same_line_with_a_region_picks_one_of_two(segment_text: SegmentText) -> None:
    town = "某某县{t}人民政府2024年工作总结\n一、2024年工作总结\n（一）乡村振兴。\n{v}新建文化广场1个。\n"
    texts = (town.format(t="青山镇", v="东岭村"), town.format(t="白水镇", v="东岭村"), town.format(t="白水镇", v="西岭村"))
    vague = Identities.parse("same 东岭村 西岭村", "ids.txt")
    a, b, c = _link(segment_text, *texts, identities=vague)
    assert len({_keys(lr, "Community").get("东岭村") for lr in (a, b)}) == 2
    assert "西岭村" not in _keys(b, "Community")  # nothing joined
    assert [str(n) for n in vague.notes] == [
        "ids.txt:1: 东岭村 names 2 things (某某县白水镇, 某某县青山镇): write 东岭村@REGION; line skipped"]
    exact = Identities.parse("same 东岭村@白水镇 西岭村")
    a, b, c = _link(segment_text, *texts, identities=exact)
    assert _keys(b, "Community")["东岭村"] == _keys(c, "Community")["西岭村"] != _keys(a, "Community")["东岭村"]


@pytest.mark.parametrize("text, problem", [
    ("same 甲\n", "line 1: expected 'same NAME_A NAME_B' or 'different NAME_A NAME_B'"),
    ("# ok\nequal 甲 乙\n", "line 2: expected 'same NAME_A NAME_B'"),
    ("same 甲 乙 丙\n", "line 1: expected"),
    ("different 甲@ 乙\n", "line 1: '甲@' is no name"),
    ("same 甲 甲\n", "line 1: the two names are the same"),
])
def test_bad_lines_name_the_file_and_the_line(text: str, problem: str) -> None:
    with pytest.raises(ReportError) as err:
        Identities.parse(text, "ids.txt")
    assert str(err.value).startswith(f"ids.txt: {problem}")


def test_the_identity_file_round_trips(tmp_path: Path) -> None:
    text = "same 甲社区@和风街道 甲村\ndifferent 乙科技 乙科技有限公司\n"
    path = tmp_path / "ids.txt"
    path.write_text(text, encoding="utf-8")
    loaded = Identities.load(path)
    assert loaded.dump() == text
    assert Identities.parse(loaded.dump()).lines == [
        type(line)(line.kind, line.a, line.b, "<identities>:" + line.where.rsplit(":", 1)[1]) for line in loaded.lines]


def test_a_missing_identity_file_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="identity file not found"):
        Identities.load(tmp_path / "none.txt")


# --- through the command --------------------------------------------------------------------


def test_build_applies_the_identity_file_and_writes_the_merges(write_report: WriteReport, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    a, b = write_report(FIRST, "a.txt"), write_report(SECOND, "b.txt")
    merges = tmp_path / "merges.csv"
    assert main(["build", str(a), str(b), "--out", str(tmp_path / "out"), "--merges", str(merges)]) == 0
    table = merges.read_text(encoding="utf-8")
    assert table.splitlines()[0] == "node,type,scope,name,rule,reports,why,files"
    assert "深圳市青禾科技股份有限公司,Company,,青禾科技,companyLegalForm,1," in table
    assert "merges:" in capsys.readouterr().out
    ids = tmp_path / "ids.txt"
    ids.write_text("different 青禾科技 深圳市青禾科技股份有限公司\n", encoding="utf-8")
    assert main(["build", str(a), str(b), "--out", str(tmp_path / "out"), "--merges", str(merges),
                 "--identities", str(ids)]) == 0
    assert "companyLegalForm" not in merges.read_text(encoding="utf-8")


def test_build_with_a_bad_identity_file_is_a_usage_error(write_report: WriteReport, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("same 甲 乙\nsame 丙\n", encoding="utf-8")
    code = main(["build", str(write_report(FIRST)), "--out", str(tmp_path / "out"), "--identities", str(ids)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == f"reportgraph: error: {ids}: line 2: expected 'same NAME_A NAME_B' or " \
                          "'different NAME_A NAME_B' (a name may end in @REGION), got 'same 丙'"
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_merge_table_formats(segment_text: SegmentText) -> None:
    rows = merge_rows(_link(segment_text, FIRST, SECOND))
    assert [(r.node, r.name, r.rule, r.reports) for r in rows if r.type == "Company"] == [
        ("深圳市青禾科技股份有限公司", "深圳市青禾科技股份有限公司", "uniqueName", 1),
        ("深圳市青禾科技股份有限公司", "青禾科技", "companyLegalForm", 1)]
    md = table_text(rows, "md")
    assert md.splitlines()[0] == "| node | type | scope | name | rule | reports | why | files |"
    assert len(md.splitlines()) == len(rows) + 2
    assert table_text(rows, "tsv").splitlines()[1].count("\t") == 7
    assert (format_of("m.CSV"), format_of("m.md"), format_of("m.txt")) == ("csv", "md", "tsv")


def test_the_bundled_report_merges_nothing_wrongly() -> None:
    """Every merge of the bundled report is by a rule a reader can check: the names share their words."""
    result = pipeline.build([Path(__file__).resolve().parent.parent / "seeds" / "shajing-2024h1.txt"])
    rows = merge_rows(result.reports)
    assert rows
    for row in rows:
        assert row.rule in {"exactName", "uniqueName", "gazetteer", "localScope", "regionScope", "communityForm",
                            "regionPrefix", "governmentShort", "companyShortForm", "shorterForm", "national"}
        assert row.name[:1] in row.node or row.rule in {"regionScope", "gazetteer"}, row
