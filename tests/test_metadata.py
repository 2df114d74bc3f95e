"""Report metadata: read from the text, overridden by a sidecar file, overridden by build options; in the graph."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import DCTERMS, RDFS, Graph, Literal, Namespace, URIRef

from conftest import WriteReport
from reportgraph import cli, load, metadata, pipeline
from reportgraph.errors import ReportError
from reportgraph.metadata import Metadata
from reportgraph.rdf import report_iri

RG = Namespace("https://w3id.org/reportgraph/ns#")
#: xsd:date (an rdflib namespace object at module level makes pytest warn)
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


# --------------------------------------------------------------------------- checking values


def test_values_are_normalised() -> None:
    stated = metadata.parse({
        "title": " 某某街道2024年工作报告 ", "date": "2024年8月1日", "period": 2023, "plan-period": "2024年",
        "level": "街道", "region": "广东省/深圳市 > 宝安区、沙井街道",
    }, "x.meta.json")
    assert stated == Metadata(title="某某街道2024年工作报告", date="2024-08-01", period="2023年", plan_period="2024年",
                              level="subdistrict", region=("广东省", "深圳市", "宝安区", "沙井街道"))


@pytest.mark.parametrize("date", ["2024-08-19", "2024/8/19", "2024.08.19", "2024年8月19日", "2024-08-19 14:53"])
def test_date_forms(date: str) -> None:
    assert metadata.parse({"date": date}, "x").date == "2024-08-19"


def test_chinese_field_names_and_region_list() -> None:
    stated = metadata.parse({"发布机关": "某某区人民政府", "层级": "区", "所属区域": ["某某市", "某某区"]}, "x")
    assert (stated.issuer, stated.level, stated.region) == ("某某区人民政府", "district", ("某某市", "某某区"))


@pytest.mark.parametrize("values, message", [
    ({"date": "2024-02-30"}, "date must be a day"),
    ({"date": "上个月"}, "date must be a day"),
    ({"level": "village"}, "level must be one of subdistrict, town, county, district, city, province"),
    ({"period": "上半年"}, "period must start with its year"),
    ({"issuer": "  "}, "issuer must not be empty"),
    ({"titel": "x"}, "unknown field 'titel'"),
    ({"title": ["a"]}, "title must be text, not a list"),
    ({"title": 5}, "title must be text, not a number"),
    ({"issuer": True}, "issuer must be text, not true or false"),
    ({"region": [["a"]]}, "region must be text, not a list"),
    ({"date": 20240819}, "date must be text, not a number"),
    ({"title": "\u200b\u202e "}, "title must not be empty"),
    ({"title": "某\udcff"}, "title is not UTF-8 text (it holds the byte \\xff)"),
    ({"titel" + "x" * 200: "x"}, "unknown field 'titelxxx"),
])
def test_bad_values_name_the_place_and_the_problem(values: dict[str, object], message: str) -> None:
    with pytest.raises(ReportError) as caught:
        metadata.parse(values, "r.meta.json")
    assert caught.value.path == "r.meta.json"
    assert message in caught.value.problem


def test_a_bare_year_is_a_period_and_values_are_cleaned() -> None:
    stated = metadata.parse({"period": 2024, "title": "某某\u202e街道\x1b[31m\n工作报告\u200b"}, "r.meta.yaml")
    assert (stated.period, stated.title) == ("2024年", "某某街道 工作报告")


def test_a_long_value_is_cut_short_in_its_message() -> None:
    with pytest.raises(ReportError) as caught:
        metadata.parse({"level": "x" * 10_000}, "r.meta.json")
    assert "x" * 60 not in caught.value.problem and caught.value.problem.endswith(", not '" + "x" * 59 + "…'")


def test_options_win_over_a_sidecar() -> None:
    sidecar = Metadata(issuer="甲街道办事处", date="2024-01-01", level="town")
    options = Metadata(date="2024-02-02")
    assert options.over(sidecar) == Metadata(issuer="甲街道办事处", date="2024-02-02", level="town")
    assert not Metadata() and Metadata(level="city")


# --------------------------------------------------------------------------- sidecar files


UNTITLED = "一、上半年工作总结\n(一)经济发展稳中有进。新增企业12家。\n二、下半年工作计划\n(一)抓经济。力争新增企业20家以上。\n"


def _report(path: Path, options: Metadata | None = None) -> pipeline.LinkedReport:
    result = pipeline.build([path], strict=True, metadata=options)
    return result.reports[0]


def test_text_metadata_without_a_sidecar(write_report: WriteReport, small_report_text: str) -> None:
    r = _report(write_report(small_report_text)).report
    assert (r.issuer, r.date, r.period, r.plan_period, r.level, r.region) == (
        "某某市某某区和风街道办事处", "2024-07-15", "2024年上半年", "2024年下半年", "subdistrict",
        ["某某市", "某某区", "和风街道"])


@pytest.mark.parametrize("sidecar", ["report.meta.json", "report.txt.meta.json", "report.meta.yaml", "report.meta.yml"])
def test_sidecar_states_what_the_text_does_not(write_report: WriteReport, sidecar: str) -> None:
    path = write_report(UNTITLED, "report.txt")
    values = {"title": "某某县青山镇2024年上半年工作报告", "issuer": "某某县青山镇人民政府", "date": "2024-07-20"}
    if sidecar.endswith(".json"):
        write_report(json.dumps(values, ensure_ascii=False), sidecar)
    else:
        write_report("".join(f"{k}: {v}\n" for k, v in values.items()), sidecar)
    r = _report(path).report
    assert r.title == "某某县青山镇2024年上半年工作报告"
    assert r.issuer == "某某县青山镇人民政府" and r.date == "2024-07-20"
    # derived from what the sidecar states, as they would be from the text
    assert (r.level, r.region) == ("town", ["某某县", "青山镇"])
    assert (r.period, r.plan_period) == ("2024年上半年", "2024年下半年")


def test_sidecar_wins_over_text_and_options_over_sidecar(write_report: WriteReport, small_report_text: str) -> None:
    path = write_report(small_report_text, "r.txt")
    write_report(json.dumps({"date": "2024-08-01", "level": "district", "region": ["甲省", "甲市"]}), "r.meta.json")
    r = _report(path).report
    assert (r.date, r.level, r.region) == ("2024-08-01", "district", ["甲省", "甲市"])
    assert r.issuer == "某某市某某区和风街道办事处"  # not stated: the text's
    r = _report(path, Metadata(date="2024-09-09", period="2024年1-6月")).report
    assert (r.date, r.level, r.period, r.plan_period) == ("2024-09-09", "district", "2024年1-6月", "2024年下半年")


def test_sidecar_is_not_a_report(write_report: WriteReport, small_report_text: str, tmp_path: Path) -> None:
    write_report(small_report_text, "in/r.txt")
    write_report("{}", "in/r.meta.json")
    write_report("level: city\n", "in/other.meta.yaml")
    assert load.find_inputs([tmp_path / "in"]) == [tmp_path / "in" / "r.txt"]


@pytest.mark.parametrize("content, problem", [
    ('{"date": ', "not valid JSON"),
    ("[1, 2]", "sidecar file must hold fields"),
    ('{"level": "village"}', "level must be one of"),
    ('{"title": 5}', "title must be text, not a number"),
    ('{"title": ' + "[" * 65 + "]" * 65 + "}", "sidecar file nests deeper than 64 levels"),
])
def test_bad_sidecar_is_named(write_report: WriteReport, small_report_text: str, tmp_path: Path,
                              content: str, problem: str) -> None:
    good = write_report(small_report_text.replace("和风", "青山"), "in/a.txt")
    bad = write_report(small_report_text, "in/b.txt")
    sidecar = write_report(content, "in/b.meta.json")
    result = pipeline.build([tmp_path / "in"])
    assert [r.report.path for r in result.reports] == [str(good)]
    assert [e.path for e in result.errors] == [str(sidecar)] and problem in result.errors[0].problem
    assert bad.exists()


def test_bad_yaml_sidecar(write_report: WriteReport, small_report_text: str) -> None:
    path = write_report(small_report_text, "r.txt")
    write_report("level: [city\n", "r.meta.yaml")
    with pytest.raises(ReportError, match=r"r\.meta\.yaml: not valid YAML at line"):
        pipeline.build([path], strict=True)


@pytest.mark.parametrize("content, problem", [
    ("a: &x [1, 2]\ntitle: *x\n", "sidecar file uses YAML aliases (*name); write each value out"),
    ("title: " + "[" * 65 + "]" * 65 + "\n", "sidecar file nests deeper than 64 levels; it should hold a few fields"),
    ("title: 某某\nissuer: {a: {b: c}}\n", "issuer must be text, not a mapping of fields"),
])
def test_unsafe_yaml_sidecar(write_report: WriteReport, small_report_text: str, content: str, problem: str) -> None:
    path = write_report(small_report_text, "r.txt")
    write_report(content, "r.meta.yaml")
    with pytest.raises(ReportError) as caught:
        pipeline.build([path], strict=True)
    assert caught.value.problem == problem


def test_brackets_inside_a_json_string_are_not_nesting(write_report: WriteReport, small_report_text: str) -> None:
    path = write_report(small_report_text, "r.txt")
    title = "[" * 100 + '\\"{' * 100 + "某某街道工作报告"
    write_report(json.dumps({"title": title}), "r.meta.json")
    assert pipeline.build([path], strict=True).reports[0].report.title == title


def test_two_sidecars_are_ambiguous(write_report: WriteReport, small_report_text: str) -> None:
    path = write_report(small_report_text, "r.txt")
    write_report("{}", "r.meta.json")
    write_report("{}", "r.meta.yaml")
    with pytest.raises(ReportError) as caught:
        pipeline.build([path], strict=True)
    assert caught.value.path == str(path)
    assert "more than one sidecar file (r.meta.json, r.meta.yaml)" in caught.value.problem


# --------------------------------------------------------------------------- in the graph


def test_stated_metadata_is_in_the_graph(write_report: WriteReport, small_report_text: str) -> None:
    path = write_report(small_report_text, "r.txt")
    write_report(json.dumps({"issuer": "某某市某某区青山街道办事处", "date": "2024-08-01",
                             "region": "某省/某某市/某某区/青山街道"}, ensure_ascii=False), "r.meta.json")
    result = pipeline.build([path], metadata=Metadata(period="2024年1-6月", plan_period="2024年7-12月"))
    graph: Graph = result.graph
    node = report_iri(result.reports[0].report)
    assert graph.value(node, DCTERMS.issued) == Literal("2024-08-01", datatype=XSD_DATE)
    assert graph.value(node, DCTERMS.title) == Literal("某某市某某区和风街道办事处2024年上半年工作报告和下半年工作计划", lang="zh")
    assert graph.value(node, RG.level) == Literal("subdistrict")
    assert graph.value(graph.value(node, RG.period), RDFS.label) == Literal("2024年1-6月", lang="zh")
    assert graph.value(graph.value(node, RG.planPeriod), RDFS.label) == Literal("2024年7-12月", lang="zh")
    issuer = graph.value(node, RG.issuer)  # the GovernmentBody entity, or the name as dcterms:publisher
    name = graph.value(issuer, RDFS.label) if issuer is not None else graph.value(node, DCTERMS.publisher)
    assert str(name) == "某某市某某区青山街道办事处"
    places = {str(graph.value(o, RDFS.label) or o) for o in graph.objects(node, RG.region)}
    places |= {str(o) for o in graph.objects(node, DCTERMS.spatial)}
    assert places == {"某省", "某某市", "某某区", "青山街道"}


# --------------------------------------------------------------------------- the command


def _build(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["build", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_options_on_the_command_line(capsys: pytest.CaptureFixture[str], write_report: WriteReport, tmp_path: Path) -> None:
    path = write_report(UNTITLED, "r.txt")
    write_report('{"issuer": "甲街道办事处", "level": "subdistrict"}', "r.meta.json")
    code, _, err = _build(capsys, str(path), "--out", str(tmp_path / "out"), "--quiet", "--title", "某某县青山镇2024年上半年工作报告",
                          "--issuer", "某某县青山镇人民政府", "--date", "2024年7月20日", "--level", "镇", "--region", "某某县/青山镇")
    assert (code, err) == (0, "")
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    node = next(graph.subjects(RG.sourceFile, Literal(path.name)))
    assert graph.value(node, DCTERMS.issued) == Literal("2024-07-20", datatype=XSD_DATE)
    assert graph.value(node, RG.level) == Literal("town")
    assert graph.value(node, DCTERMS.title) == Literal("某某县青山镇2024年上半年工作报告", lang="zh")
    assert graph.value(graph.value(node, RG.period), RDFS.label) == Literal("2024年上半年", lang="zh")


@pytest.mark.parametrize("option, value, message", [
    ("--date", "2024-13-01", "--date: date must be a day"),
    ("--level", "village", "--level: level must be one of"),
    ("--plan-period", "下半年", "--plan-period: plan_period must start with its year"),
])
def test_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str], write_report: WriteReport, small_report_text: str,
                                     tmp_path: Path, option: str, value: str, message: str) -> None:
    code, out, err = _build(capsys, str(write_report(small_report_text)), "--out", str(tmp_path / "o"), option, value)
    assert code == 2 and out == ""
    assert err.startswith(f"reportgraph: error: {message}") and err.count("\n") == 1
    assert not (tmp_path / "o").exists()


def test_help_explains_the_metadata_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["build", "--help"]) == 0
    out = capsys.readouterr().out
    for word in ("--title", "--issuer", "--date", "--period", "--plan-period", "--level", "--region", "meta.json", ".docx", "PDF"):
        assert word in out
