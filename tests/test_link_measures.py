"""link.measures, link.periods and link.series: measures as concepts, periods as spans, reports as series.

Reports are invented: three years of one 街道, and a province that writes its
headline measures under other names than the scheme's preferred ones.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, Literal
from rdflib.namespace import SKOS

from conftest import SegmentText
from reportgraph import pipeline
from reportgraph.errors import ReportError
from reportgraph.extract import extract
from reportgraph.lexicon import Lexicon
from reportgraph.link import Measures, link
from reportgraph.link.periods import Span, parse
from reportgraph.model import LinkedReport
from reportgraph.rdf import RG, measure_iri, to_graph
from reportgraph.sparql import QueryGraph

LEXICON = Lexicon.load()
SCHEME = Measures.load()


@pytest.mark.parametrize("metric, measure", [
    ("地区生产总值", "地区生产总值"), ("全省地区生产总值", "地区生产总值"), ("GDP", "地区生产总值"),
    ("经济增长", "地区生产总值"), ("生产总值增长", "地区生产总值"),
    ("规上工业增加值", "规模以上工业增加值"), ("规模以上工业增加值", "规模以上工业增加值"),
    ("城镇新增就业人数", "城镇新增就业"), ("新增就业", "城镇新增就业"),
    ("居民消费价格指数", "居民消费价格"), ("CPI", "居民消费价格"),
    ("地方一般公共预算收入", "一般公共预算收入"), ("城镇调查失业率平均", "城镇调查失业率"),
    # a narrower or broader metric names no measure
    ("工业投资", ""), ("农村居民人均可支配收入", "农村居民人均可支配收入"), ("工业增加值", ""), ("新台阶", ""),
])
def test_a_metric_names_its_measure(metric: str, measure: str) -> None:
    assert SCHEME.named_by(metric) == measure


def test_a_figure_whose_metric_was_read_elsewhere_takes_its_clause_measure() -> None:
    text = "预计全省地区生产总值迈上14万亿元新台阶、连续36年居全国首位。"
    assert SCHEME.in_clause(text, text.index("14"), "新台阶") == "地区生产总值"
    other = "工业投资超1.5万亿元、增长6.7%。"
    assert SCHEME.in_clause(other, other.index("1.5"), "工业投资") == ""
    share = "研发投入占地区生产总值比重达3%。"
    assert SCHEME.in_clause(share, share.index("3%"), "") == ""


def test_the_better_direction_of_each_measure() -> None:
    better = {name: m.better for name, m in SCHEME.measures.items()}
    assert better["地区生产总值"] == "higher"
    assert better["城镇调查失业率"] == better["PM2.5平均浓度"] == better["单位地区生产总值能耗"] == "lower"
    assert better["居民消费价格"] == "closer"


def test_a_user_file_extends_the_scheme(tmp_path: Path) -> None:
    path = tmp_path / "measures.tsv"
    path.write_text("# my measures\n新增市场主体\thigher\t新增经营主体|新增商事主体\n", encoding="utf-8")
    scheme = Measures.load(path)
    assert scheme.named_by("新增商事主体") == "新增市场主体"
    assert scheme.named_by("GDP") == "地区生产总值"
    path.write_text("新增市场主体\tbigger\t新增经营主体\n", encoding="utf-8")
    with pytest.raises(ReportError, match=r"measures.tsv: line 1: expected MEASURE<TAB>BETTER"):
        Measures.load(path)


# --- periods ---------------------------------------------------------------------------------


@pytest.mark.parametrize("label, first, last", [
    ("2024年", (2024, 1), (2024, 12)), ("2024年上半年", (2024, 1), (2024, 6)), ("2024年下半年", (2024, 7), (2024, 12)),
    ("2024年前三季度", (2024, 1), (2024, 9)), ("2024年1-6月", (2024, 1), (2024, 6)),
    ("2021—2025年", (2021, 1), (2025, 12)), ("“十四五”时期", (2021, 1), (2025, 12)), ("十五五", (2026, 1), (2030, 12)),
])
def test_periods_are_spans_of_months(label: str, first: tuple[int, int], last: tuple[int, int]) -> None:
    span = parse(label)
    assert span is not None
    assert (span.start.year, span.start.month) == first and (span.end.year, span.end.month) == last


def test_a_half_year_lies_in_its_year_and_a_year_in_its_plan() -> None:
    year, half, plan = parse("2024年"), parse("2024年下半年"), parse("十四五时期")
    assert year and half and plan
    assert year.covers(half) and not half.covers(year) and plan.covers(year)
    assert parse("") is None and parse("近年来") is None
    assert Span(1, 2) < Span(3, 4)


# --- series ----------------------------------------------------------------------------------

YEAR = """\
深圳市青松区和风街道办事处{year}年工作总结和{next}年工作计划
一、{year}年工作总结
（一）经济发展。
规上工业增加值增长{value}%。
二、{next}年工作计划
（一）抓经济。
力争规上工业增加值增长6%以上。
"""


def _three_years(segment_text: SegmentText) -> list[LinkedReport]:
    texts = [YEAR.format(year=y, next=y + 1, value=v) for y, v in ((2024, 7.5), (2022, 5.1), (2023, 6.2))]
    return link([extract(segment_text(t, path=f"{n}.txt"), LEXICON) for n, t in enumerate(texts)], LEXICON)


def test_reports_of_one_issuer_form_a_series_in_period_order(segment_text: SegmentText) -> None:
    y2024, y2022, y2023 = _three_years(segment_text)
    assert {lr.series for lr in (y2022, y2023, y2024)} == {"GovernmentBody/深圳市青松区和风街道办事处"}
    assert y2022.previous is None
    assert y2023.previous is y2022.report and y2024.previous is y2023.report


def test_two_issuers_are_two_series(segment_text: SegmentText) -> None:
    a = YEAR.format(year=2024, next=2025, value=7)
    b = a.replace("和风街道", "白水街道")
    one, two = link([extract(segment_text(t), LEXICON) for t in (a, b)], LEXICON)
    assert one.series != two.series and one.previous is None and two.previous is None


def test_indicators_carry_their_measure_and_the_graph_its_scheme(segment_text: SegmentText) -> None:
    reports = _three_years(segment_text)
    assert {i.measure for lr in reports for i in lr.indicators} == {"规模以上工业增加值"}
    g = to_graph(reports)
    node = measure_iri("规模以上工业增加值")
    assert (node, SKOS.prefLabel, Literal("规模以上工业增加值", lang="zh")) in g
    assert (node, SKOS.altLabel, Literal("规上工业增加值", lang="zh")) in g
    assert g.value(node, RG.betterDirection) == RG.higherIsBetter
    assert len(set(g.subjects(RG.measure, node))) == 6


def test_the_series_and_measure_queries(segment_text: SegmentText) -> None:
    qg = QueryGraph.from_rdflib(to_graph(_three_years(segment_text)))
    series = qg.query(open(Path(pipeline.__file__).parent / "queries" / "series.rq", encoding="utf-8").read())
    assert [str(r["period"]) for r in series] == ["2022年", "2023年", "2024年"]
    assert series[0]["previous"] is None and str(series[1]["previous"]).startswith("深圳市青松区和风街道办事处2022年")
    rows = qg.run("measure", {"name": "规上工业增加值"}).as_dicts()
    side_by_side = [(str(r["period"]), str(r["target"] or ""), str(r["result"] or "")) for r in rows]
    # the target a report sets for next year, the result the next report states for it
    assert side_by_side == [("2022年", "", "5.1%"), ("2023年", "6%以上", "6.2%"), ("2024年", "6%以上", "7.5%"),
                            ("2025年", "6%以上", "")]
    assert {str(r["issuer"]) for r in rows} == {"深圳市青松区和风街道办事处"}


def test_the_graph_says_where_each_period_starts_and_ends(segment_text: SegmentText) -> None:
    from reportgraph.rdf import period_iri

    g = to_graph(_three_years(segment_text))
    node = period_iri("2023年")
    assert (str(g.value(node, RG.startDate)), str(g.value(node, RG.endDate))) == ("2023-01-01", "2023-12-31")
    assert g.value(node, RDFS.label) == Literal("2023年", lang="zh")
