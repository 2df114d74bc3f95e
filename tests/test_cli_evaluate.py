"""``reportgraph evaluate`` as a user runs it: a set folder, one graph with its gold file, JSON, misses, errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import evaldata
from reportgraph import cli, evaluate


@pytest.fixture(scope="module")
def eval_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return evaldata.write_set(tmp_path_factory.mktemp("evalset") / "excerpts")


def _evaluate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["evaluate", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_a_set_prints_a_table_and_the_headline(capsys: pytest.CaptureFixture[str], eval_set: Path) -> None:
    code, out, err = _evaluate(capsys, str(eval_set))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["type", "tp", "fp", "fn", "P", "R", "F1", "strict", "F1"]
    assert [line.split()[0] for line in lines[1:10]] == [
        "Community", "Company", "GovernmentBody", "Project", "Program", "Place", "Event", "Honor", "Indicator"]
    total = evaluate.score_set(eval_set).total
    community = total.entities["Community"]
    assert lines[1].split()[1:4] == [str(community.tp), str(community.fp), str(community.fn)]
    assert lines[-1].startswith(f"excerpts: entity macro-F1 {total.macro_f1():.3f} (strict ")
    assert f"areas {total.areas_found}/{total.areas_wanted}" in lines[-1] and lines[-1].endswith("failed 0")


def test_json_has_the_figures_counts_and_each_report(capsys: pytest.CaptureFixture[str], eval_set: Path) -> None:
    code, out, _ = _evaluate(capsys, str(eval_set), "--json")
    assert code == 0
    doc = json.loads(out)
    total = evaluate.score_set(eval_set).total
    assert doc["entity_macro_f1"] == round(total.macro_f1(), 3)
    assert doc["indicators"]["tp"] == total.indicators.tp
    assert sorted(doc["reports"]) == sorted(evaldata.EXCERPTS)
    assert doc["failed"] == [] and doc["set"] == "excerpts"


def test_verbose_and_show(capsys: pytest.CaptureFixture[str], eval_set: Path) -> None:
    code, out, _ = _evaluate(capsys, str(eval_set), "--verbose", "--show", "1")
    assert code == 0
    lines = out.splitlines()
    for n, name in enumerate(sorted(evaldata.EXCERPTS)):
        assert lines[n].startswith(f"{name}: entity macro-F1 ")
    total = evaluate.score_set(eval_set).total
    if total.missed_entities:
        at = lines.index(next(line for line in lines if line.startswith("missed entities:")))
        assert lines[at + 1] == f"  {total.missed_entities[0]}"
        assert len(total.missed_entities) == 1 or "(first 1)" in lines[at]


def test_one_graph_with_its_gold_file(capsys: pytest.CaptureFixture[str], eval_set: Path, tmp_path: Path) -> None:
    """Scoring a built graph.ttl gives the figures of building and scoring in memory."""
    name = "qingxi-2024h1"
    assert cli.main(["build", str(eval_set / "corpus" / f"{name}.txt"), "--out", str(tmp_path), "--quiet"]) == 0
    code, out, _ = _evaluate(capsys, str(tmp_path), "--gold", str(eval_set / "gold" / f"{name}.json"), "--json")
    assert code == 0
    in_memory = dict(evaluate.score_set(eval_set).reports)[name]
    assert json.loads(out) == json.loads(json.dumps(in_memory.as_dict(), ensure_ascii=False))
    code, out, _ = _evaluate(capsys, str(tmp_path / "graph.ttl"), "--gold", str(eval_set / "gold" / f"{name}.json"))
    assert code == 0 and out.splitlines()[-1].startswith("graph.ttl: entity macro-F1 ")


def test_a_report_that_cannot_be_built_fails_the_set_but_not_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = evaldata.write_set(tmp_path / "set")
    (folder / "corpus" / "shimen-2023.txt").write_bytes(b"")
    (folder / "gold" / "lonely.json").write_text('{"entities": [], "indicators": []}', encoding="utf-8")
    code, out, err = _evaluate(capsys, str(folder), "--verbose")
    assert code == 1
    assert f"{folder / 'corpus' / 'shimen-2023.txt'}: file is empty" in err
    assert "lonely.json: no report text" in err
    assert "qingxi-2024h1: entity macro-F1" in out and "shimen-2023:" not in out
    assert out.splitlines()[-1].endswith("failed 1")


@pytest.mark.parametrize(("argv", "message"), [
    (["{tmp}/nowhere"], "nowhere: no such file or folder"),
    (["{tmp}"], "is not a set folder"),
    (["{tmp}/graph.ttl"], "give its gold file with --gold"),
    (["{tmp}/graph.ttl", "--gold", "{tmp}/missing.json"], "missing.json: no such gold file"),
    (["{tmp}/graph.ttl", "--gold", "{tmp}/bad.json"], "bad.json: not valid JSON at line 1"),
    (["{tmp}/missing.ttl", "--gold", "{tmp}/good.json"], "missing.ttl: no such file"),
    (["{tmp}/graph.ttl", "--gold", "{tmp}/good.json", "--lexicon", "x.tsv"], "--lexicon is for set folders"),
    (["{tmp}", "--show", "-1"], "must be 0 or more"),
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str) -> None:
    (tmp_path / "graph.ttl").write_text("<http://x.org/a> <http://x.org/b> <http://x.org/c> .\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    (tmp_path / "good.json").write_text('{"entities": [], "indicators": []}', encoding="utf-8")
    code, _, err = _evaluate(capsys, *(a.replace("{tmp}", str(tmp_path)) for a in argv))
    assert code == 2
    assert message in err
    assert err.count("reportgraph: error: ") + err.count("reportgraph evaluate: error: ") == 1


def test_python_m_reportgraph_evaluate(eval_set: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "reportgraph", "evaluate", str(eval_set)],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    assert "entity macro-F1" in done.stdout.splitlines()[-1]
