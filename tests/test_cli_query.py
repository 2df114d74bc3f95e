"""``reportgraph query``: the named queries, your own SPARQL, every format and every error, as a user types them."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from reportgraph import cli
from reportgraph.sparql import named_queries, named_query
from reportgraph.termwidth import display_width


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["query", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_list_prints_one_line_per_named_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(named_queries())
    assert any(line.startswith("entity NAME ") for line in lines)
    assert all(len(line.split(None, 1)) == 2 for line in lines)


def test_query_help_explains_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["query", "--help"]) == 0
    out = capsys.readouterr().out
    for word in ("--name", "--graph", "--format", "--list", "-f", "table", "csv", "tsv", "json", "ttl", "ASK"):
        assert word in out


def test_named_query_as_a_table(capsys: pytest.CaptureFixture[str], seed_graph_file: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run_cli(capsys, "--name", "targets", "--graph", str(seed_graph_file))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("area") and all(display_width(line) <= 100 for line in lines)
    assert lines[2].startswith("抓经济  规上工业增加值")


def test_entity_with_its_argument_and_a_hint_when_nothing_matches(
    capsys: pytest.CaptureFixture[str], seed_graph_file: Path
) -> None:
    code, out, _ = run_cli(capsys, "--name", "entity", "沙头社区", "--graph", str(seed_graph_file), "--format", "csv")
    assert code == 0
    assert "^rg:locatedIn,沙头社区利益统筹项目" in out
    code, out, err = run_cli(capsys, "entity", "沙头", "--graph", str(seed_graph_file))
    assert code == 0 and "(0 rows)" in out
    assert "沙头社区" in err and "no entity is named exactly" in err
    code, _, err = run_cli(capsys, "--name", "entity", "--graph", str(seed_graph_file))
    assert code == 2 and "needs NAME" in err


def test_ask_exits_0_when_true_and_1_when_false(capsys: pytest.CaptureFixture[str], seed_graph_file: Path) -> None:
    code, out, _ = run_cli(capsys, "ASK { ?p a rg:Problem }", "--graph", str(seed_graph_file))
    assert (code, out) == (0, "true\n")
    code, out, _ = run_cli(capsys, "ASK { ?p a rg:NoSuchThing }", "--graph", str(seed_graph_file))
    assert (code, out) == (1, "false\n")


def test_query_from_a_file(capsys: pytest.CaptureFixture[str], seed_graph_file: Path, tmp_path: Path) -> None:
    rq = tmp_path / "communities.rq"
    rq.write_text("SELECT ?name\nWHERE { ?c a rg:Community ; rdfs:label ?name }\nORDER BY ?name\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "-f", str(rq), "--graph", str(seed_graph_file), "--format", "tsv")
    assert code == 0
    assert "和一社区" in out.splitlines()
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?name\nWHERE { ?c a rg:Community ;\n  rdfs:label ?name \n", encoding="utf-8")
    code, _, err = run_cli(capsys, "-f", str(bad), "--graph", str(seed_graph_file))
    assert code == 2
    assert f"{bad}: SPARQL syntax error at line 3, column 19" in err  # just after the last word
    assert "^" in err


def test_usage_errors(capsys: pytest.CaptureFixture[str], seed_graph_file: Path) -> None:
    code, _, err = run_cli(capsys, "target", "--graph", str(seed_graph_file))
    assert code == 2 and "no named query 'target'" in err and "targets" in err
    code, _, err = run_cli(capsys, "--name", "nosuch", "--graph", str(seed_graph_file))
    assert code == 2 and "achievements, areas, communities" in err
    code, _, err = run_cli(capsys, "--graph", str(seed_graph_file))
    assert code == 2 and "--list" in err
    code, _, err = run_cli(capsys, "SELECT ?c WHERE { ?c ?p ?o }", "--graph", str(seed_graph_file), "--format", "ttl")
    assert code == 2 and "CONSTRUCT and DESCRIBE" in err
    code, _, err = run_cli(capsys, "--graph", str(seed_graph_file), str(seed_graph_file), "targets")
    assert code == 2 and "own --graph" in err


def test_missing_default_graph_says_how_to_build_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "targets")
    assert code == 2
    assert os.path.join("output", "graph.ttl") in err and "reportgraph build" in err


def test_unreadable_seed_graph_file_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix rg: <https://w3id.org/reportgraph/ns#> .\nrg:a rg:b .\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "targets", "--graph", str(bad))
    assert code == 2 and f"{bad}: not valid Turtle" in err
    code, _, err = run_cli(capsys, "targets", "--graph", str(tmp_path / "none.ttl"))
    assert code == 2 and "none.ttl: no such file" in err


def test_show_prints_the_sparql(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--name", "targets", "--show")
    assert code == 0 and out == named_query("targets").sparql


def test_the_command_as_a_user_runs_it(seed_graph_file: Path, tmp_path: Path) -> None:
    """``python -m reportgraph query`` in a child process, from a folder with output/graph.ttl."""
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "graph.ttl").write_bytes(seed_graph_file.read_bytes())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("COLUMNS", None)

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reportgraph", "query", *argv], cwd=tmp_path,
                              capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)

    done = run("--name", "targets", "--format", "csv")
    assert done.returncode == 0, done.stderr
    table = list(csv.reader(io.StringIO(done.stdout, newline="")))
    assert table[0] == ["area", "metric", "value", "unit", "qualifier", "sentence", "report"]
    assert table[1][:2] == ["抓经济", "规上工业增加值"] and Decimal(table[1][2]) == 7 and table[1][3] == "%"
    done = run("SELECT ?c WHERE { ?c a rg:Community }")
    assert done.returncode == 0 and "inst:community/深圳市宝安区沙井街道沙头社区" in done.stdout  # piped: nothing is cut
    done = run("SELECT ?c WHERE {\n  ?c a rg:Community\n  FILTER(?c = }")
    assert done.returncode == 2
    assert "line 3, column" in done.stderr and "Traceback" not in done.stderr
    done = run("ASK { ?c a rg:Community }")
    assert (done.returncode, done.stdout) == (0, "true\n")
