"""pipeline.build: the one entry point the CLI, tests and benchmarks share."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import SMALL_REPORT, WriteReport
from reportgraph import cli, pipeline, rdf, stream, workers
from reportgraph.export import to_turtle
from reportgraph.errors import ReportError
from reportgraph.limits import Limits
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


def test_inputs_found_once_build_what_the_inputs_name_with_the_searchs_warnings(
    write_report: WriteReport, small_report_text: str, other_report_text: str, tmp_path: Path
) -> None:
    """``reportgraph build`` finds its inputs before it claims its folder and hands them on: the build reads
    those files, names them as the search did and says what it skipped, without searching again."""
    write_report(small_report_text, "in/2024/small.txt")
    write_report(other_report_text, "in/other.txt")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text(other_report_text + "\n", encoding="utf-8")
    (tmp_path / "in" / "far.txt").symlink_to(outside / "far.txt")
    found = pipeline.Inputs.find([tmp_path / "in"])
    assert [p.name for p in found.paths] == ["small.txt", "other.txt"]
    assert len(found.warnings) == 1 and "far.txt" in found.warnings[0].path
    searched = pipeline.build([tmp_path / "in"])
    (tmp_path / "in" / "other.txt").rename(tmp_path / "moved.txt")  # a search now would miss it
    handed = pipeline.build(found)
    assert _source_files(searched) == {"2024/small.txt", "other.txt"}
    assert _source_files(handed) == {"2024/small.txt"}
    assert [str(w) for w in handed.warnings] == [str(w) for w in searched.warnings]
    assert len(handed.errors) == 1 and handed.errors[0].path.endswith("other.txt")  # read, not searched for


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


# --------------------------------------------------------------------------- text given directly


def test_build_text_is_cleaned_like_a_file(write_report: WriteReport, small_report_text: str) -> None:
    """Escapes, bidi overrides and zero-width characters given as text are removed as a file's are."""
    dirty = small_report_text.replace("幸福社区", "幸福\u200b社区").replace("和风街道", "和风\u202e街道\x1b[31m")
    path = write_report(dirty)
    given, read = pipeline.build_text(dirty, path=str(path)), pipeline.build([path]).reports[0]
    assert given.report.text == read.report.text
    assert "\u200b" not in given.report.text and "\x1b" not in given.report.text
    assert {(e.type, e.name) for e in given.entities} == {(e.type, e.name) for e in read.entities}
    assert ("Project", "幸福社区土地整备利益统筹项目") in {(e.type, e.name) for e in given.entities}
    assert given.report.issuer == "某某市某某区和风街道办事处"


def test_build_text_keeps_the_bounds_of_a_file(small_report_text: str) -> None:
    with pytest.raises(ReportError, match=r"^<text>: file has no text$"):
        pipeline.build_text("\u200b\x1b[0m \n")
    with pytest.raises(ReportError, match="more than 100; split it, or raise the limit with --max-chars"):
        pipeline.build_text(small_report_text, limits=Limits(chars=100))
    with pytest.raises(ReportError, match="line 1 is .* characters long"):
        pipeline.build_text("经济" * 600, limits=Limits(line_chars=1000))


# --------------------------------------------------------------------------- failures after extraction


def _batch(tmp_path: Path, small_report_text: str, other_report_text: str) -> tuple[Path, Path]:
    a, b = tmp_path / "in" / "a.txt", tmp_path / "in" / "b.txt"
    a.parent.mkdir(parents=True)
    a.write_text(small_report_text, encoding="utf-8")
    b.write_text(other_report_text, encoding="utf-8")
    return a, b


def test_a_failure_linking_one_report_is_that_reports_error(tmp_path: Path, small_report_text: str,
                                                            other_report_text: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = _batch(tmp_path, small_report_text, other_report_text)
    real = workers.link_report  # each report is linked on its own where it is extracted

    def link_that_breaks_on_a(extraction, ctx):  # type: ignore[no-untyped-def]
        if extraction.report.path == str(a):
            raise ValueError("no link")
        return real(extraction, ctx)

    monkeypatch.setattr(workers, "link_report", link_that_breaks_on_a)
    for jobs in (1, 2):  # in this process, and in forked worker processes (which inherit the patch)
        result = pipeline.build([tmp_path / "in"], jobs=jobs)
        assert [r.report.path for r in result.reports] == [str(b)]
        assert [str(e) for e in result.errors] == [f"{a}: internal error (ValueError: no link) — please report"]
        assert isomorphic(result.graph, pipeline.build([b]).graph)
    with pytest.raises(ReportError, match=f"^{a}: internal error"):
        pipeline.build([tmp_path / "in"], strict=True)


def test_a_report_whose_triples_fail_is_named_and_the_others_are_built(
        tmp_path: Path, small_report_text: str, other_report_text: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _batch(tmp_path, small_report_text, other_report_text)
    alone = pipeline.build([b]).graph
    real = rdf.report_triples  # the build makes each report's triples with it (and writes them with it)

    def triples_that_break_on_a(lr, ctx):  # type: ignore[no-untyped-def]
        if lr.report.path == str(a):
            raise KeyError("a triple")
        return real(lr, ctx)

    monkeypatch.setattr(rdf, "report_triples", triples_that_break_on_a)
    result = pipeline.build([tmp_path / "in"])
    assert [r.report.path for r in result.reports] == [str(b)]
    [error] = result.errors
    assert str(error) == f"{a}: internal error (KeyError: 'a triple') — please report"
    assert error.details is not None and "triples_that_break_on_a" in error.details
    assert isomorphic(result.graph, alone)
    with pytest.raises(ReportError, match=f"^{a}: internal error"):
        pipeline.build([tmp_path / "in"], strict=True)
    assert cli.main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 1
    out, err = capsys.readouterr()
    assert err == f"reportgraph: error: {a}: internal error (KeyError: 'a triple') — please report\n"
    assert "reports:     1" in out


def test_a_report_whose_triples_fail_in_a_chunk_worker_is_named_and_the_others_are_written(
        tmp_path: Path, small_report_text: str, other_report_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pass that makes each report's share of graph.ttl (forked workers with jobs=2) finds it, and only it."""
    a, b = _batch(tmp_path, small_report_text, other_report_text)
    alone = pipeline.build([b])
    expected = to_turtle(alone.graph)
    real = rdf.report_triples

    def triples_that_break_on_a(lr, ctx):  # type: ignore[no-untyped-def]
        if lr.report.path == str(a):
            raise KeyError("a triple")
        return real(lr, ctx)

    monkeypatch.setattr(rdf, "report_triples", triples_that_break_on_a)
    for jobs in (1, 2):  # forked workers inherit the patch
        out = tmp_path / f"out{jobs}"
        result = pipeline.build([tmp_path / "in"], jobs=jobs, graph=stream.Plan(spool=out))
        assert [r.report.path for r in result.reports] == [str(b)]
        [error] = result.errors
        assert str(error) == f"{a}: internal error (KeyError: 'a triple') — please report"
        assert error.details is not None and "triples_that_break_on_a" in error.details
        pipeline.write(result, out)
        assert (out / "graph.ttl").read_bytes() == expected
    with pytest.raises(ReportError, match=f"^{a}: internal error"):
        pipeline.build([tmp_path / "in"], strict=True, jobs=2, graph=stream.Plan())


def test_a_report_that_breaks_the_shared_triples_of_a_planned_build_is_named_and_the_others_are_written(
        tmp_path: Path, small_report_text: str, other_report_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A planned build makes the shared triples after it has let go of (spooled) every report: the search for the
    report that breaks them reads them back, and the others' graph is the one they make alone."""
    a, b = _batch(tmp_path, small_report_text, other_report_text)
    expected = to_turtle(pipeline.build([b]).graph)
    a_iri = rdf.report_iri_text(pipeline.build([a]).reports[0].report)
    real = rdf.shared_triples

    def shared_that_break_with_a(ctx):  # type: ignore[no-untyped-def]
        if a_iri in ctx.unknown_scopes.values():
            raise KeyError("a shared triple")
        return real(ctx)

    monkeypatch.setattr(rdf, "shared_triples", shared_that_break_with_a)
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        result = pipeline.build([tmp_path / "in"], jobs=jobs, graph=stream.Plan(spool=out))
        assert [r.report.path for r in result.reports] == [str(b)]
        assert [str(e) for e in result.errors] == [f"{a}: internal error (KeyError: 'a shared triple') — please report"]
        pipeline.write(result, out)
        assert (out / "graph.ttl").read_bytes() == expected


def test_a_failure_only_the_reports_together_cause_is_one_line_and_writes_nothing(
        tmp_path: Path, small_report_text: str, other_report_text: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _batch(tmp_path, small_report_text, other_report_text)
    real = rdf.GraphContext.of  # the entities merged across the reports

    def context_that_breaks_on_two(reports, measures=None):  # type: ignore[no-untyped-def]
        reports = list(reports)
        if len(reports) > 1:
            raise RuntimeError("entities of two reports")
        return real(reports, measures)

    monkeypatch.setattr(rdf.GraphContext, "of", context_that_breaks_on_two)
    with pytest.raises(ReportError) as caught:
        pipeline.build([tmp_path / "in"])
    assert str(caught.value) == (f"{pipeline.ALL_REPORTS}: internal error (RuntimeError: entities of two reports)"
                                 " — please report")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "graph.ttl").write_text("previous", encoding="utf-8")
    assert cli.main(["build", str(tmp_path / "in"), "--out", str(out_dir)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"reportgraph: error: {caught.value}\n")
    assert (out_dir / "graph.ttl").read_text(encoding="utf-8") == "previous"
    assert cli.main(["build", str(tmp_path / "in"), "--out", str(out_dir), "--debug"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"reportgraph: error: {caught.value}\nTraceback") and "context_that_breaks_on_two" in err


#: Generous bounds against runaway time: each of these took minutes while a rule rescanned a
#: growing clause, sentence or digit run for every figure, quote or name in it; linear, they take seconds.
_RUNAWAY_SECONDS = 60


@pytest.mark.parametrize("text", [
    "1234567890" * 10_000,            # 100k digits, no counter, no break
    "增长5%" * 5_000,                 # 5,000 figures in one clause
    "一二三四五六七八九十" * 6_000,   # 60k numerals that could open a meeting's term
    "5、" * 50_000,                   # a list of 50,000 figures
    "二、工作计划\n力争" + "增长5%" * 5_000,  # the same figures as targets of a plan
    "“某”" * 8_000,                   # 8,000 quoted phrases in one sentence
    "“5%”" * 20_000,                  # 20,000 quoted figures
    "某某公司、" * 20_000,             # a list of 20,000 firms
    "某某社区荣获某某称号" * 20_000,   # 20,000 honors and their winners in one sentence
], ids=["digits", "figures", "numerals", "figure-list", "plan-figures", "quotes", "quoted-figures", "firms",
        "honors"])
def test_a_build_is_linear_in_runs_of_figures_quotes_and_names(tmp_path: Path, text: str) -> None:
    path = tmp_path / "runs.txt"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = pipeline.build([str(path)])
    assert not result.errors and len(result.reports) == 1
    assert time.perf_counter() - started < _RUNAWAY_SECONDS


def test_a_report_of_more_figures_than_the_bound_is_its_error_and_the_others_build(
        tmp_path: Path, write_report: WriteReport) -> None:
    good = write_report(SMALL_REPORT, "good.txt")
    figures = tmp_path / "figures.txt"
    figures.write_text("增长5%，" * 2_000, encoding="utf-8")
    result = pipeline.build([str(good), str(figures)], limits=Limits(figures=1_000))
    assert [(e.path, e.problem) for e in result.errors] == [(str(figures), (
        "the report states more than 1,000 figures: is it a table or a generated file? "
        "Split it, or raise the limit with --max-figures"))]
    assert [lr.report.path for lr in result.reports] == [str(good)]
    assert len(pipeline.build([str(figures)], limits=Limits(figures=3_000)).reports[0].indicators) == 2_000


def test_a_planned_builds_reports_are_read_back_from_its_spool_alone_or_together(
        tmp_path: Path, write_report: WriteReport, report_series: tuple[str, str]) -> None:
    """A build with a graph plan lets go of each report once its share is made: its reports are read back, each
    with the report before it in its series and the targets it assesses; together, the very objects they name."""
    targets, review = report_series
    paths = [write_report(targets, "s/2024.txt"), write_report(review, "s/2025.txt")]
    whole = pipeline.build(paths)
    out = tmp_path / "out"
    planned = pipeline.build(paths, graph=stream.Plan(spool=out))
    reports = planned.reports
    assert isinstance(reports, pipeline.SpooledReports) and len(reports) == 2
    first, later = whole.reports
    alone = reports[1]
    assert alone.previous is not None and alone.previous.text == first.report.text
    assert [(a.status, a.target_report.text, a.target.start) for a in alone.assessments] == \
        [(a.status, a.target_report.text, a.target.start) for a in later.assessments] != []
    assert [lr.report.path for lr in reports] == [lr.report.path for lr in reports[:]] == [str(p) for p in paths]
    together = reports.together()
    assert together[1].previous is together[0].report
    assert all(any(a.target is ind for ind in together[0].indicators) for a in together[1].assessments)
    assert to_turtle(planned.graph) == to_turtle(whole.graph)
    left = reports.without([0])
    assert len(left) == 1 and left[0].previous is not None and left[0].previous.text == first.report.text
    pipeline.write(planned, out, release=True)
    assert len(planned.reports) == 0 and (out / "graph.ttl").read_bytes() == to_turtle(whole.graph)
