"""``reportgraph viz`` and the page ``build`` writes: options, formats, folders and every usage error."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from reportgraph import cli, viz
from reportgraph.pipeline import BuildResult
from test_viz import REPO, graph_counts, json_blocks


@pytest.fixture
def bundled_graph(seed_build: BuildResult) -> Graph:
    """The bundled report's graph (only read: the tests serialize it)."""
    return seed_build.graph


def test_build_writes_the_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["build", str(REPO / "seeds"), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    page = tmp_path / "graph.html"
    assert page.is_file() and f"picture:     {page} (" in out
    blocks = json_blocks(page.read_text(encoding="utf-8"))
    assert len(blocks["rg-nodes"]) == sum(graph_counts(Graph().parse(tmp_path / "graph.ttl")).values())


def test_viz_command(capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled_graph: Graph) -> None:
    graph = tmp_path / "g.ttl"
    bundled_graph.serialize(graph, format="turtle")
    assert cli.main(["viz", "--graph", str(graph)]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "g.html").is_file()
    assert out.startswith("drawn:       ") and f"written:     {tmp_path / 'g.html'}" in out

    page = tmp_path / "sub" / "part.html"
    argv = ["viz", "--graph", str(graph), "--out", str(page), "--type", "Company", "--type", "Honor", "Project",
            "--area", "经济", "--max-nodes", "1000", "--title", "<b>测试</b>", "--quiet"]
    assert cli.main(argv) == 0
    assert capsys.readouterr() == ("", "")
    html = page.read_text(encoding="utf-8")
    groups = {n["group"] for n in json_blocks(html)["rg-nodes"]}
    assert groups <= {"Report", "WorkArea", "Company", "Honor", "Project"}
    assert "<title>&lt;b&gt;测试&lt;/b&gt; · reportgraph</title>" in html


def test_viz_reads_other_rdf_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled_graph: Graph) -> None:
    graph = tmp_path / "g.nt"
    bundled_graph.serialize(graph, format="nt", encoding="utf-8")
    assert cli.main(["viz", "--graph", str(graph), "--quiet"]) == 0
    assert (tmp_path / "g.html").is_file()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--type", "Firm"], "unknown type 'Firm'"),
        (["--area", "不存在"], "no work area matches '不存在'"),
        (["--max-nodes", "0"], "--max-nodes: must be at least 1"),
        (["--graph", "{tmp}/missing/graph.ttl"], "no such file (build the graph first: reportgraph build)"),
        (["--graph", "{tmp}/bad.ttl"], "bad.ttl: not valid Turtle: Parser error at line 1"),
        (["--graph", "{tmp}/empty.ttl"], "no reports, work areas or entities in this graph"),
        (["--graph", "{tmp}/g.ttl", "--out", "{tmp}/g.ttl"], "would overwrite the graph itself"),
        (["--graph", "{tmp}/g.ttl", "--type", "Problem", "--area", "经济发展"], "nothing to draw"),
    ],
)
def test_viz_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled_graph: Graph, argv: list[str], message: str
) -> None:
    bundled_graph.serialize(tmp_path / "g.ttl", format="turtle")
    (tmp_path / "bad.ttl").write_text("garbage <<\n", encoding="utf-8")
    (tmp_path / "empty.ttl").write_text("", encoding="utf-8")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if "--graph" not in argv:
        argv += ["--graph", str(tmp_path / "g.ttl")]
    assert cli.main(["viz", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert err.startswith(("reportgraph: error: ", "usage: reportgraph viz"))
    assert err.count("reportgraph: error") + err.count("reportgraph viz: error") == 1


def test_viz_help_lists_types_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["viz", "--help"]) == 0
    out = capsys.readouterr().out
    for word in ("--graph", "--out", "--type", "--area", "--max-nodes", "examples", "offline", *viz.TYPE_CHOICES):
        assert word in out


def test_a_folder_stands_for_its_graph_and_gets_its_page_beside_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled_graph: Graph
) -> None:
    bundled_graph.serialize(tmp_path / "graph.ttl", format="turtle")
    assert cli.main(["viz", "--graph", str(tmp_path), "--quiet"]) == 0
    assert (tmp_path / "graph.html").is_file()
    assert not (tmp_path.parent / f"{tmp_path.name}.html").exists()


@pytest.mark.parametrize("command", ["viz", "query", "export", "validate"])
def test_a_folder_without_a_graph_says_how_to_get_one(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                      command: str) -> None:
    argv = {"viz": ["viz", "--graph", str(tmp_path)], "query": ["query", "targets", "--graph", str(tmp_path)],
            "export": ["export", "--graph", str(tmp_path), "--format", "nt", "--out", "-"],
            "validate": ["validate", "--graph", str(tmp_path)]}[command]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err == (f"reportgraph: error: {tmp_path}: is a folder without a graph.ttl in it: build one into it "
                   f"(reportgraph build --out {tmp_path}) or name the graph file itself\n")
