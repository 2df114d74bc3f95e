"""pipeline.build: the one entry point the CLI, tests and benchmarks share."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import WriteReport
from reportgraph import pipeline
from reportgraph.errors import ReportError
from reportgraph.model import LinkedReport


def test_build_small_report(write_report: WriteReport, small_report_text: str) -> None:
    path = write_report(small_report_text)
    result = pipeline.build([path])
    assert result.errors == []
    assert isinstance(result.graph, Graph) and len(result.graph) > 0
    assert len(result.reports) == 1
    linked = result.reports[0]
    assert isinstance(linked, LinkedReport)
    assert linked.report.path == str(path)
    assert linked.report.text.strip()
    assert linked.report.sections
    assert linked.indicators


def test_build_accepts_str_and_folder(write_report: WriteReport, small_report_text: str, tmp_path: Path) -> None:
    path = write_report(small_report_text, "in/r.txt")
    by_folder = pipeline.build([str(tmp_path / "in")])
    by_file = pipeline.build([path])
    assert isomorphic(by_folder.graph, by_file.graph)


def test_build_text_matches_build(write_report: WriteReport, small_report_text: str) -> None:
    path = write_report(small_report_text)
    linked = pipeline.build_text(small_report_text, path=str(path))
    assert len(linked.indicators) == len(pipeline.build([path]).reports[0].indicators)


def test_input_order_does_not_change_the_graph(write_report: WriteReport, small_report_text: str, other_report_text: str) -> None:
    a = write_report(small_report_text, "a/jiedao.txt")
    b = write_report(other_report_text, "b/zhen.txt")
    forward = pipeline.build([a, b])
    backward = pipeline.build([b, a, b])
    assert [r.report.path for r in forward.reports] == [r.report.path for r in backward.reports]
    assert len(forward.reports) == 2
    assert isomorphic(forward.graph, backward.graph)
    # the same reports reached through their folders give the same graph too
    assert isomorphic(forward.graph, pipeline.build([b.parent, a.parent]).graph)


def test_one_bad_file_does_not_lose_the_other(write_report: WriteReport, small_report_text: str, tmp_path: Path) -> None:
    good = write_report(small_report_text, "in/good.txt")
    bad = write_report("   \n", "in/bad.txt")
    result = pipeline.build([tmp_path / "in"])
    assert [r.report.path for r in result.reports] == [str(good)]
    assert [(e.path, e.problem) for e in result.errors] == [(str(bad), "file has no text")]
    assert isomorphic(result.graph, pipeline.build([good]).graph)


def test_strict_raises_the_first_failure(write_report: WriteReport, small_report_text: str, tmp_path: Path) -> None:
    write_report(small_report_text, "in/b-good.txt")
    bad = write_report(b"\x00\x00binary", "in/a-bad.txt")
    with pytest.raises(ReportError) as caught:
        pipeline.build([tmp_path / "in"], strict=True)
    assert caught.value.path == str(bad)


def test_progress_is_called_per_file(write_report: WriteReport, small_report_text: str, other_report_text: str, tmp_path: Path) -> None:
    write_report(small_report_text, "in/1.txt")
    write_report(other_report_text, "in/2.txt")
    calls: list[tuple[int, int, str]] = []
    pipeline.build([tmp_path / "in"], progress=lambda n, total, path: calls.append((n, total, path)))
    assert calls == [(1, 2, str(tmp_path / "in" / "1.txt")), (2, 2, str(tmp_path / "in" / "2.txt"))]


def test_missing_input_raises(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no such file or folder"):
        pipeline.build([tmp_path / "missing.txt"])


def _source_files(result: pipeline.BuildResult) -> set[str]:
    from reportgraph.rdf import RG

    return {str(o) for o in result.graph.objects(None, RG.sourceFile)}


def test_source_file_is_relative_to_the_input_that_named_it(
    write_report: WriteReport, small_report_text: str, other_report_text: str, tmp_path: Path
) -> None:
    """The folder's own path, or where it sits on this machine, never reaches the graph."""
    write_report(small_report_text, "one/in/2024/small.txt")
    write_report(other_report_text, "one/in/other.txt")
    assert _source_files(pipeline.build([tmp_path / "one" / "in"])) == {"2024/small.txt", "other.txt"}
    assert _source_files(pipeline.build([str(tmp_path / "one" / "in" / "**" / "*.txt")])) == {
        "2024/small.txt", "other.txt"}
    assert _source_files(pipeline.build([tmp_path / "one" / "in" / "2024" / "small.txt"])) == {"small.txt"}


def test_the_same_inputs_in_two_folders_give_byte_identical_graphs(
    write_report: WriteReport, small_report_text: str, other_report_text: str, tmp_path: Path
) -> None:
    from reportgraph.export import to_turtle

    for place in ("a", "deeper/b"):
        write_report(small_report_text, f"{place}/reports/2024/small.txt")
        write_report(other_report_text, f"{place}/reports/other.txt")
    built = [to_turtle(pipeline.build([tmp_path / place / "reports"]).graph) for place in ("a", "deeper/b")]
    assert built[0] == built[1]
    assert str(tmp_path).encode("utf-8") not in built[0]


def test_duplicate_texts_with_different_metadata_say_what_was_kept(
    write_report: WriteReport, small_report_text: str, tmp_path: Path
) -> None:
    write_report(small_report_text, "in/a.txt")
    write_report(small_report_text, "in/b.txt")
    write_report('{"date": "2024-07-20", "level": "town"}', "in/b.meta.json")
    result = pipeline.build([tmp_path / "in"])
    a, b = str(tmp_path / "in" / "a.txt"), str(tmp_path / "in" / "b.txt")
    assert result.duplicates == [(b, a)] and len(result.reports) == 1
    (warning,) = [w for w in result.warnings if "other metadata" in str(w)]
    assert warning.path == b and a in warning.problem
    assert "date 2024-07-20 here, 2024-07-15 there" in warning.problem
    assert "level town here, subdistrict there" in warning.problem
    assert warning.problem.endswith(f"built once, with the metadata of {a}")
    # the same text with the same metadata is a plain duplicate: no warning
    (tmp_path / "in" / "b.meta.json").unlink()
    assert not [w for w in pipeline.build([tmp_path / "in"]).warnings if "other metadata" in str(w)]
