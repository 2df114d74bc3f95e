"""``reportgraph track``: the 成绩单 of a built graph in every format, its filters, and what it says is missing.

The reports are invented: a city's 2024 report with its targets, its 2025 report
with the review of 2024, and a 2025 plan no loaded report reviews.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import WriteReport
from reportgraph import cli
from reportgraph.sparql import QueryGraph, named_query
from reportgraph.termwidth import display_width

TARGETS = """\
某某市人民政府2024年政府工作报告
一、2023年工作回顾
（一）经济运行。
各项工作有序推进。
二、2024年工作安排
（一）主要预期目标。
地区生产总值增长5%左右，城镇调查失业率5.5%左右，固定资产投资增长8%，新增企业200家以上。
"""
REVIEW = """\
某某市人民政府2025年政府工作报告
一、2024年工作回顾
（一）经济运行。
地区生产总值增长5.3%，城镇调查失业率5.1%，新增企业180家。
二、2025年工作安排
（一）主要预期目标。
地区生产总值增长5%左右。
"""


@pytest.fixture
def graph(write_report: WriteReport, tmp_path: Path) -> Path:
    a, b = write_report(TARGETS, "a/2024.txt"), write_report(REVIEW, "a/2025.txt")
    assert cli.main(["build", str(a), str(b), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    return tmp_path / "out" / "graph.ttl"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["track", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_the_table_shows_each_target_beside_its_result(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--graph", str(graph), "--width", "0")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("某某市人民政府：2024年目标（") and "2025.txt" in lines[0]
    assert lines[2].split() == ["指标", "目标", "结果", "结论", "目标原文", "结果原文"]
    rows = {line.split()[0]: line.split() for line in lines[4:8]}
    assert rows["地区生产总值"][1:4] == ["增长5%左右", "增长5.3%", "完成"]
    assert rows["城镇调查失业率"][1:4] == ["5.5%左右", "5.1%", "完成"]
    assert rows["固定资产投资"][1:3] == ["增长8%", "未报告"]
    assert rows["新增企业"][1:4] == ["200家以上", "180家", "未完成"]
    assert "完成 2 · 未完成 1 · 未报告 1 · 无法判断 0" in out
    # the 2025 targets: no loaded report reviews them
    assert "note: no loaded report of 某某市人民政府 reviews 2025年: the 1 targets of" in out


def test_the_table_fits_the_terminal(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--graph", str(graph), "--width", "80")
    table = out.split("\n\n")[1].splitlines()
    assert all(display_width(line) <= 80 for line in table)


def test_markdown_csv_and_json_hold_the_same_rows(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, md, _ = run(capsys, "--graph", str(graph), "--format", "md")
    assert md.startswith("### 某某市人民政府：2024年目标")
    assert "| 地区生产总值 | 增长5%左右 | 增长5.3% | 完成 |" in md
    _, text, _ = run(capsys, "--graph", str(graph), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["measure"], r["status"]) for r in rows] == [
        ("地区生产总值", "met"), ("城镇调查失业率", "met"), ("固定资产投资", "not_reported"), ("新增企业", "not_met")]
    assert rows[0]["rule"].startswith("about") and rows[0]["target_sentence"].startswith("地区生产总值增长5%左右")
    _, text, _ = run(capsys, "--graph", str(graph), "--format", "json")
    data = json.loads(text)
    [pair] = data["pairs"]
    assert pair["counts"] == {"met": 2, "not_met": 1, "not_reported": 1, "unclear": 0}
    assert pair["target_report"]["file"].endswith("2024.txt") and pair["review_report"]["file"].endswith("2025.txt")
    assert [m["period"] for m in data["missing"]] == ["2025年"]


def test_filters_by_issuer_and_period(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, text, _ = run(capsys, "--graph", str(graph), "--format", "json", "--period", "2024年")
    assert len(json.loads(text)["pairs"]) == 1 and json.loads(text)["missing"] == []
    _, text, _ = run(capsys, "--graph", str(graph), "--format", "json", "--issuer", "另某市")
    assert json.loads(text) == {"pairs": [], "missing": []}
    code, out, _ = run(capsys, "--graph", str(graph), "--issuer", "另某市")
    assert code == 0 and out.startswith("no target is assessed")


def test_the_scorecard_query_gives_the_same_rows(graph: Path) -> None:
    rows = QueryGraph.load([graph]).run(named_query("scorecard").sparql).as_dicts()
    assert [(str(r["measure"]), str(r["status"])) for r in rows] == [
        ("地区生产总值", "Met"), ("城镇调查失业率", "Met"), ("固定资产投资", "NotReported"), ("新增企业", "NotMet")]
    assert all(r["reviewFile"] is not None for r in rows)


def test_a_missing_graph_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--graph", str(tmp_path / "none.ttl"))
    assert code == 2 and "none.ttl" in err


def test_track_help_teaches(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["track", "--help"]) == 0
    out = capsys.readouterr().out
    for word in ("--graph", "--issuer", "--period", "--format", "table", "csv", "json", "md", "not reported"):
        assert word in out
