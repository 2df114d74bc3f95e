"""``reportgraph validate`` as a user runs it: exit codes, the report it prints, its own shapes file."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_graph
from reportgraph import cli
from reportgraph.pipeline import BuildResult
from reportgraph.turtle import write_turtle
from test_validate import no_metric, no_unit

REPO = Path(__file__).resolve().parent.parent


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgraph", *argv], cwd=REPO, capture_output=True, text=True,
                          timeout=300)


def test_command_exit_0_on_a_sound_graph(seed_build: BuildResult, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_bytes(write_turtle(copy_graph(seed_build.graph)))
    done = run("validate", "--graph", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "conforms to the shapes" in done.stdout


def test_command_exit_1_and_lists_violations(seed_build: BuildResult, tmp_path: Path) -> None:
    g = copy_graph(seed_build.graph)
    node = no_unit(g)
    no_metric(g)
    path = tmp_path / "graph.ttl"
    path.write_bytes(write_turtle(g))
    done = run("validate", "--graph", str(path))
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{path}: 1 violation, 1 warning ({len(g)} triples)"
    assert "violation: an indicator has exactly one rg:unit, a non-empty string" in lines
    assert any(str(node).rsplit("/", 2)[-1] in line for line in lines)
    assert "warning: the indicator has no rg:metric: what it measures was not found" in lines
    assert done.stderr == ""


def test_command_warnings_alone_exit_0(seed_build: BuildResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    g = copy_graph(seed_build.graph)
    no_metric(g)
    path = tmp_path / "graph.ttl"
    path.write_bytes(write_turtle(g))
    assert cli.main(["validate", "--graph", str(path)]) == 0
    assert "0 violations, 1 warning" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "message"), [
    (["--graph", "nowhere/graph.ttl"], "nowhere/graph.ttl: no such file"),
    (["--graph", "{graph}", "--shapes", "nowhere/shapes.ttl"], "no such shapes file"),
    (["--graph", "{bad}"], "not valid"),
])
def test_command_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                               message: str) -> None:
    good, bad = tmp_path / "graph.ttl", tmp_path / "bad.ttl"
    good.write_text("<http://x.org/a> <http://x.org/b> <http://x.org/c> .\n", encoding="utf-8")
    bad.write_text("not turtle at all", encoding="utf-8")
    assert cli.main(["validate", *(a.format(graph=good, bad=bad) for a in argv)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_own_shapes_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph, shapes_file = tmp_path / "graph.ttl", tmp_path / "shapes.ttl"
    graph.write_text("<http://x.org/a> a <http://x.org/T> .\n", encoding="utf-8")
    shapes_file.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<http://x.org/S> a sh:NodeShape ; sh:targetClass <http://x.org/T> ;\n"
        "  sh:property [ sh:path <http://x.org/name> ; sh:minCount 1 ; sh:message \"a T needs a name\" ] .\n",
        encoding="utf-8",
    )
    assert cli.main(["validate", "--graph", str(graph), "--shapes", str(shapes_file)]) == 1
    assert "violation: a T needs a name" in capsys.readouterr().out
