"""workers: reports built in worker processes give the same graph as one process; failures stay per report."""
from __future__ import annotations

import functools
import os
from pathlib import Path

from conftest import WriteReport
from reportgraph import pipeline, workers
from reportgraph.errors import ReportError
from reportgraph.extract.names import FINDERS, Finder
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.sentence import SentenceView
from reportgraph.lexicon import Lexicon
from reportgraph.link import LinkContext

#: A word no real report holds: the test finder below kills its worker process when it reads it.
DEADLY = "KILLTHEWORKER"


def _die_on_marker(s: SentenceView, ctx: Context) -> list[Candidate]:
    if DEADLY in s.text:
        os._exit(13)  # a crash that no except clause can catch, as a segfault or the OOM killer
    return []


def _corpus(write_report: WriteReport, small: str, other: str) -> list[Path]:
    paths = [write_report(small.replace("和风", name), f"r{i}.txt") for i, name in enumerate("甲乙丙丁戊己")]
    paths.append(write_report(other, "other.txt"))
    paths.append(write_report(b"", "broken.txt"))  # an empty file: one error, the others build
    return paths


def test_two_workers_give_byte_identical_output_and_the_same_errors(tmp_path: Path, write_report: WriteReport,
                                                                    small_report_text: str,
                                                                    other_report_text: str) -> None:
    paths = _corpus(write_report, small_report_text, other_report_text)
    one = pipeline.build(paths, jobs=1)
    two = pipeline.build(paths, jobs=2)
    pipeline.write(one, tmp_path / "one")
    pipeline.write(two, tmp_path / "two")
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == (tmp_path / "two" / "graph.ttl").read_bytes()
    assert [str(e) for e in one.errors] == [str(e) for e in two.errors]
    assert len(two.errors) == 1 and "broken.txt" in str(two.errors[0])
    assert len(two.reports) == 7


def test_the_cli_writes_the_same_graph_and_picture_with_one_job_two_jobs_and_a_warm_cache(
        tmp_path: Path, write_report: WriteReport, small_report_text: str, other_report_text: str) -> None:
    from reportgraph import cli

    paths = [str(p) for p in _corpus(write_report, small_report_text, other_report_text)]
    runs = {"one": ["--jobs", "1", "--no-cache"], "two": ["--jobs", "2", "--no-cache"],
            "cold": ["--jobs", "2"], "warm": ["--jobs", "1"]}
    for name, options in runs.items():
        out = tmp_path / ("cached" if name in ("cold", "warm") else name)
        assert cli.main(["build", *paths, "--out", str(out), "--quiet", *options]) == 1  # broken.txt fails
        for file in ("graph.ttl", "graph.html"):
            (tmp_path / f"{name}.{file}").write_bytes((out / file).read_bytes())
    for file in ("graph.ttl", "graph.html"):
        first = (tmp_path / f"one.{file}").read_bytes()
        assert all((tmp_path / f"{name}.{file}").read_bytes() == first for name in runs), file


def test_a_worker_that_dies_takes_only_its_report(write_report: WriteReport, small_report_text: str,
                                                  other_report_text: str) -> None:
    paths = _corpus(write_report, small_report_text, other_report_text)
    paths.insert(3, write_report(small_report_text.replace("经济发展稳中有进", DEADLY), "deadly.txt"))
    finders = (*FINDERS, Finder("die", _die_on_marker))
    result = pipeline.build(paths, jobs=2, finders=finders)
    assert sorted(str(e) for e in result.errors) == sorted([
        f"{paths[3]}: {workers.WORKER_DIED}", *(str(e) for e in result.errors if "broken.txt" in str(e))])
    assert len(result.reports) == 7  # every other report built, in the same order as without workers
    alone = pipeline.build([p for p in paths if p.name != "deadly.txt"], jobs=1)
    assert [lr.report.path for lr in result.reports] == [lr.report.path for lr in alone.reports]


def test_outcomes_come_in_input_order(write_report: WriteReport, small_report_text: str,
                                      other_report_text: str) -> None:
    paths = _corpus(write_report, small_report_text, other_report_text)
    lexicon = Lexicon.load()
    job = workers.Job(lexicon=lexicon, context=LinkContext.of(lexicon))
    finished: list[int] = []
    outcomes = list(workers.run(paths, job, jobs=2, done=finished.append))
    assert sorted(finished) == list(range(len(paths)))
    assert [o.path if isinstance(o, ReportError) else o.report.path for o in outcomes] == [str(p) for p in paths]


def _square_or_die(i: int) -> int:
    if i == 3:
        os._exit(13)
    return i * i


def _square(i: int) -> int:
    return i * i


def test_forked_map_gives_results_in_order_and_says_when_a_worker_dies() -> None:
    assert list(workers.forked_map(_square, 20, 2)) == [i * i for i in range(20)]
    got: list[int] = []
    try:
        for value in workers.forked_map(_square_or_die, 20, 2):
            got.append(value)
    except workers.WorkerDied as died:
        assert str(died) == workers.WORKER_DIED
    else:
        raise AssertionError("a dead worker went unnoticed")
    # what finished before the death comes in order and nothing after it: how much finished depends on
    # which worker took what when the pool broke (the futures still running then fail with it)
    assert len(got) <= 3 and got == [i * i for i in range(len(got))]


def test_a_forked_call_gives_its_result_later_and_says_when_its_process_dies() -> None:
    started = workers.Forked(functools.partial(_square, 7))
    assert started.result() == 49
    dying = workers.Forked(functools.partial(_square_or_die, 3))
    try:
        dying.result()
    except workers.WorkerDied as died:
        assert str(died) == workers.WORKER_DIED
    else:
        raise AssertionError("a dead process went unnoticed")
