"""``reportgraph export``: every format from the command line, to files, folders and standard output."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import copy_graph
from reportgraph import cli, export
from reportgraph.cli import export as cli_export
from reportgraph.pipeline import BuildResult
from test_export import one_file, rdflib_reads

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seed_graph(seed_build: BuildResult) -> Graph:
    """A copy: export binds prefixes on the graph it writes."""
    return copy_graph(seed_build.graph)


def run(*argv: str, cwd: Path = REPO) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "reportgraph", *argv], cwd=cwd, capture_output=True, timeout=300)


def test_command_writes_csv_and_trig_as_a_user_runs_it(seed_graph_file: Path, seed_graph: Graph, tmp_path: Path) -> None:
    done = run("export", "--graph", str(seed_graph_file), "--format", "csv", "--out", str(tmp_path / "tables"))
    assert done.returncode == 0, done.stderr.decode()
    for name in export.CSV_FILES:
        assert (tmp_path / "tables" / name).read_bytes().startswith(b"\xef\xbb\xbf")
        assert name in done.stdout.decode()
    done = run("export", "--graph", str(seed_graph_file), "--out", str(tmp_path / "graph.trig"))  # format from the name
    assert done.returncode == 0, done.stderr.decode()
    assert isomorphic(rdflib_reads((tmp_path / "graph.trig").read_bytes(), "trig"), seed_graph)


def test_command_to_standard_output(seed_graph_file: Path, seed_graph: Graph) -> None:
    done = run("export", "--graph", str(seed_graph_file), "--format", "nt", "--out", "-")
    assert done.returncode == 0, done.stderr.decode()
    assert len(done.stdout.splitlines()) == len(seed_graph)
    assert done.stdout == one_file(seed_graph, "nt")


def test_command_default_graph_is_build_output(tmp_path: Path, bundled_report: Path) -> None:
    assert cli.main(["build", str(bundled_report), "--out", str(tmp_path / "output"), "--quiet"]) == 0
    done = run("export", "--format", "jsonld", "--out", "g.jsonld", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads((tmp_path / "g.jsonld").read_bytes())["@graph"]


@pytest.mark.parametrize(("argv", "message"), [
    (["--graph", "missing.ttl", "--format", "ttl", "--out", "x.ttl"], "missing.ttl: no such file"),
    (["--graph", "{graph}", "--out", "x.unknown"], "say which format"),
    (["--graph", "{graph}", "--format", "csv", "--out", "-"], "csv writes two files"),
    (["--graph", "{graph}", "--format", "xml", "--out", "x.xml"], "invalid choice"),
    (["--graph", "{bad}", "--format", "ttl", "--out", "x.ttl"], "not valid"),
])
def test_command_errors_exit_2(seed_graph_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               argv: list[str], message: str) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    argv = [a.format(graph=seed_graph_file, bad=bad) for a in argv]
    argv = [str(tmp_path / a) if a in ("x.ttl", "x.unknown", "x.xml") else a for a in argv]
    assert cli.main(["export", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_command_help_lists_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", "--help"]) == 0
    out = capsys.readouterr().out
    for fmt in export.FORMATS:
        assert fmt in out
    assert tuple(export.FORMATS) == cli_export.FORMATS
