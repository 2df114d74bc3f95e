"""Jobs in forked, killable processes: answers, the time limit, the memory limit, failures, the slots."""
from __future__ import annotations

import math
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgraph.sandbox import Busy, JobCrashed, JobFailed, Limits, Sandbox, TimeLimitExceeded
from reportgraph.sparql import QueryGraph, QueryRefused, TooManyRows, refuse_federation, run_capped

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def count_rows(graph: QueryGraph, sparql: str, max_rows: int) -> int:
    return len(run_capped(graph, sparql, max_rows))


def child_pid(graph: QueryGraph) -> int:
    return os.getpid()


def sleep_then(graph: QueryGraph, seconds: float) -> str:
    time.sleep(seconds)
    return "done"


def broken(graph: QueryGraph) -> None:
    raise ValueError("a bug in the job")


def allocate(graph: QueryGraph, megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


@pytest.fixture(scope="module")
def graph(bundled_graph_file: Path) -> QueryGraph:
    return QueryGraph.load([bundled_graph_file])


@pytest.fixture(scope="module")
def box(graph: QueryGraph) -> Iterator[Sandbox]:
    with Sandbox.start(graph, Limits(seconds=2, memory_mb=256), slots=2) as sandbox:
        yield sandbox


def test_a_job_runs_in_another_process_on_the_loaded_graph(box: Sandbox) -> None:
    assert box.call(count_rows, "SELECT ?p WHERE { ?p a rg:Problem }", 100) == 4
    assert box.call(child_pid) != os.getpid()
    assert box.call(child_pid) != box.call(child_pid)  # a fresh child every time


def test_a_runaway_query_is_killed_at_the_limit_and_others_still_run(box: Sandbox) -> None:
    failures: list[BaseException] = []
    start = time.monotonic()

    def runaway() -> None:
        try:
            box.call(count_rows, RUNAWAY, 10)
        except BaseException as err:  # the test looks at it below
            failures.append(err)

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    assert box.call(count_rows, "SELECT ?c WHERE { ?c a rg:Community }", 100) == 8
    thread.join(timeout=60)
    assert len(failures) == 1 and isinstance(failures[0], TimeLimitExceeded)
    assert "time limit of 2 s" in str(failures[0])
    assert time.monotonic() - start < 30  # about 2 s; generous for a busy machine


def test_too_much_memory_ends_that_child_only(box: Sandbox) -> None:
    with pytest.raises(JobCrashed, match="memory limit"):
        box.call(allocate, 1024)
    assert box.call(allocate, 16) == 16 * 1024 * 1024


def test_a_failing_job_is_named(box: Sandbox) -> None:
    with pytest.raises(JobFailed, match="ValueError: a bug in the job"):
        box.call(broken)


def test_busy_when_every_slot_stays_taken(graph: QueryGraph) -> None:
    with Sandbox.start(graph, Limits(seconds=5, queue_seconds=0.5), slots=1) as one:
        one._slots.acquire()  # the one slot held, as by a query that never ends
        with pytest.raises(Busy, match="busy"):
            one.call(sleep_then, 0)
        one._slots.release()
        assert one.call(sleep_then, 0) == "done"


def test_closing_stops_the_zygote(graph: QueryGraph) -> None:
    box = Sandbox.start(graph, Limits(seconds=5), slots=1)
    zygote = box.zygote
    box.close()
    with pytest.raises(ProcessLookupError):
        os.kill(zygote, 0)


def test_row_limit_and_federation(graph: QueryGraph) -> None:
    with pytest.raises(TooManyRows, match="more than 10 rows"):
        run_capped(graph, "SELECT * WHERE { ?s ?p ?o }", 10)
    assert len(run_capped(graph, "SELECT * WHERE { ?s ?p ?o } LIMIT 10", 10)) == 10
    for query in ("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                  "select * { ?s ?p ?o . service silent <x:y> { } }", "SELECT * {?s ?p ?o .SERVICE <x:y> {}}"):
        with pytest.raises(QueryRefused, match="SERVICE"):
            refuse_federation(query)
    for query in ('SELECT ?service { ?service ?p "SERVICE" } # SERVICE', "SELECT * { ?s <http://a/SERVICE> ?o }",
                  "SELECT * { ?s rg:service ?o }"):
        refuse_federation(query)


def test_no_time_limit_still_answers(graph: QueryGraph) -> None:
    """``seconds=math.inf`` (``reportgraph query --timeout 0``): no alarm, no deadline, and the job still ends."""
    with Sandbox.start(graph, Limits(seconds=math.inf, memory_mb=256), slots=1) as sandbox:
        assert sandbox.call(sleep_then, 0.2) == "done"
        with pytest.raises(JobCrashed):  # the memory limit holds without a time limit
            sandbox.call(allocate, 1024)


def test_an_interrupted_caller_leaves_no_job_running(graph: QueryGraph) -> None:
    """Ctrl-C while a job runs: the caller gets KeyboardInterrupt, and the job's process is killed at once."""
    with Sandbox.start(graph, Limits(seconds=60, memory_mb=256), slots=1) as sandbox:
        children = Path(f"/proc/{sandbox.zygote}/task/{sandbox.zygote}/children")
        running: list[int] = []

        def interrupt(signum: int, frame: object) -> None:
            running.extend(int(pid) for pid in children.read_text().split())
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGALRM, interrupt)
        signal.setitimer(signal.ITIMER_REAL, 1.0)
        try:
            with pytest.raises(KeyboardInterrupt):
                sandbox.call(count_rows, RUNAWAY, 10)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        assert running, "the job had not started"
        deadline = time.monotonic() + 10
        while children.read_text().split() and time.monotonic() < deadline:  # reaped by the zygote
            time.sleep(0.05)
        assert not children.read_text().split()
