"""Where the per-report work runs: in this process, in worker processes, or on a Dask cluster.

The work of one input — read, segment, extract, and link what is said
within it (:func:`reportgraph.link.link_report`) — needs nothing from the
other inputs, and is most of a build's time, so it is what runs in
parallel; what needs every report (:func:`reportgraph.link.join`) runs in
the parent, after. Each engine hands back one :data:`Outcome` per input, in the
order of the inputs, whatever order the workers finish in: the build that
follows (joining, the graph) sees exactly what a one-process build sees,
and writes the same bytes.

A report that fails is an outcome too (its :class:`ReportError`), never the
end of the batch; a worker process that dies (a crash, the kernel's
out-of-memory killer) loses only the report it was building, which gets an
error saying so, and the pool is started again for the rest.
"""
from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from reportgraph import load
from reportgraph.errors import ReportError
from reportgraph.extract import extract
from reportgraph.extract.names import FINDERS, Finder
from reportgraph.extract.words import cutter
from reportgraph.gcpause import gc_paused
from reportgraph.lexicon import Lexicon
from reportgraph.link import LinkContext, link_report
from reportgraph.limits import DEFAULT as DEFAULT_LIMITS
from reportgraph.limits import Limits
from reportgraph.metadata import Metadata
from reportgraph.metadata import for_file as metadata_for_file
from reportgraph.model import LinkedReport
from reportgraph.segment import segment

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["EXECUTORS", "WORKER_DIED", "Forked", "Job", "Outcome", "WorkerDied", "can_fork", "default_jobs",
           "forked_map", "prepare", "run"]

#: What one input gives: the report linked on its own, or why it could not be built.
Outcome = LinkedReport | ReportError
#: ``build --executor``: the engines.
EXECUTORS = ("local", "dask")
WORKER_DIED = "the worker process building it died (a crash, or out of memory)"
#: Reports in flight per worker: enough to keep every worker busy, few enough to bound memory.
_IN_FLIGHT_PER_WORKER = 4

_R = TypeVar("_R")


class WorkerDied(RuntimeError):
    """A forked worker of :func:`forked_map` died (a crash, or out of memory)."""


@dataclass(frozen=True)
class Job:
    """What every input of one build shares: sent to each worker once."""

    lexicon: Lexicon
    context: LinkContext
    stated: Metadata = field(default_factory=Metadata)
    finders: tuple[Finder, ...] = FINDERS
    limits: Limits = DEFAULT_LIMITS


def default_jobs() -> int:
    """The cores this process may use (its affinity mask, where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def prepare(path: Path, job: Job) -> Outcome:
    """Read, segment, extract and link one input; a report that cannot be built gives its error, whatever the failure."""
    try:
        with gc_paused():
            source = load.read(path, job.limits)
            report = segment(source, job.stated.over(metadata_for_file(path, job.limits)))
            return link_report(extract(report, job.lexicon, job.finders, job.limits), job.context)
    except ReportError as err:
        return err
    except Exception as failure:  # a bug, or memory or recursion exhausted: that input fails, not the batch
        return ReportError.internal(str(path), failure)


#: The job of this worker process, set once by the pool's initializer.
_JOB: Job | None = None


def _start_worker(job: Job) -> None:
    global _JOB
    _JOB = job


def _prepare_in_worker(path: Path) -> Outcome:
    assert _JOB is not None, "worker started without its job"
    return prepare(path, _JOB)


def run(paths: Sequence[Path], job: Job, *, jobs: int = 1, done: Callable[[int], None] | None = None,
        beside: bool = False) -> Iterator[Outcome]:
    """The outcome of each of ``paths``, in that order, from ``jobs`` worker processes (1: this process).

    ``done(i)`` is called as input ``i`` finishes, for progress. The Dask
    engine (:mod:`reportgraph.dask_engine`) gives the same outcomes. The
    workers are started, and handed the first inputs, before this returns.
    ``beside``: the caller has work of its own to do before it reads the
    outcomes (a rebuild reads its cache), so even one input goes to a
    worker, which builds it meanwhile.
    """
    if jobs > 1 and (len(paths) > 1 or (beside and paths)):
        outcomes = _run_pool(paths, job, jobs, done)
        next(outcomes)  # the pool started and the first inputs sent
        return cast(Iterator[Outcome], outcomes)
    return _in_process(paths, job, done)


def _in_process(paths: Sequence[Path], job: Job, done: Callable[[int], None] | None) -> Iterator[Outcome]:
    for i, path in enumerate(paths):
        outcome = prepare(path, job)
        if done:
            done(i)
        yield outcome


def _context() -> Any:
    """fork where there is one: workers start with the dictionary and rules already loaded."""
    import multiprocessing  # here, not at the top: a build of one report (or --jobs 1) starts no worker

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")


def can_fork() -> bool:
    """Can workers start as copies of this process (inheriting what it holds, nothing pickled)?"""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def forked_map(func: Callable[[int], _R], count: int, jobs: int) -> Iterator[_R]:
    """``func(0)`` … ``func(count - 1)`` in ``jobs`` forked worker processes, yielded in that order.

    The workers are copies of this process made now, so ``func`` reads what
    this process holds (the joined reports) without their being pickled; only
    the results travel. A worker that dies raises :class:`WorkerDied`.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    workers = min(jobs, count)
    window = workers * _IN_FLIGHT_PER_WORKER
    pending: deque[Future[_R]] = deque()
    following = 0
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        try:
            while following < count or pending:
                while following < count and len(pending) < window:
                    pending.append(pool.submit(func, following))
                    following += 1
                yield pending.popleft().result()
        except BrokenProcessPool as died:
            raise WorkerDied(WORKER_DIED) from died
        finally:
            for future in pending:
                future.cancel()


class Forked(Generic[_R]):
    """``func()`` started in a forked process when this is made, for this process to do other work meanwhile:
    :meth:`result` waits for what it returned (it raises what ``func`` raised, or :class:`WorkerDied`).

    ``func`` is sent by name (a module's function, or a partial of one); what it reads of this process's
    state it inherits, as :func:`forked_map`'s do.
    """

    def __init__(self, func: Callable[[], _R]) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        try:
            self._future = self._pool.submit(func)  # the fork: an OSError when no process can be had
        except BaseException:
            self._pool.shutdown(wait=False, cancel_futures=True)
            raise

    def result(self) -> _R:
        """What ``func`` returned, once it has (the process is let go of then, whatever happened)."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._future.result()
        except BrokenProcessPool as died:
            raise WorkerDied(WORKER_DIED) from died
        finally:
            self.close()

    def close(self) -> None:
        """Let the process go (what it would return is not wanted, or was taken)."""
        self._future.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _pool(job: Job, workers: int, share_cut: bool = True) -> ProcessPoolExecutor:
    """Worker processes for ``job``; with ``share_cut`` the word cut's dictionary is loaded first, here."""
    from concurrent.futures import ProcessPoolExecutor

    if share_cut and can_fork():
        cutter()  # the word cut's dictionary loaded before the fork: the workers share one, none builds its own
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_start_worker, initargs=(job,))


def _run_pool(paths: Sequence[Path], job: Job, jobs: int,
              done: Callable[[int], None] | None) -> Iterator[Outcome | None]:
    """A sliding window of futures over a process pool, read in input order; None first, once the pool is started
    and the first window sent.

    Where each worker builds one input at most (a rebuild's few changed
    reports) the dictionary is not loaded before the fork: each worker
    loads its own, beside the parent's work, instead of the parent
    loading it while the workers wait.
    """
    from concurrent.futures.process import BrokenProcessPool

    workers = min(jobs, len(paths))
    window = workers * _IN_FLIGHT_PER_WORKER
    pool = _pool(job, workers, share_cut=len(paths) > workers)
    pending: deque[tuple[int, Future[Outcome]]] = deque()
    following = 0

    def fill() -> None:
        nonlocal following
        while following < len(paths) and len(pending) < window:
            pending.append((following, pool.submit(_prepare_in_worker, paths[following])))
            following += 1

    try:
        fill()
        yield None
        while following < len(paths) or pending:
            fill()
            i, future = pending.popleft()
            try:
                outcome = future.result()
            except BrokenProcessPool:
                # every report in flight lost its worker: build each alone to find the one that kills it
                lost = [i] + [k for k, _ in pending]
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                for k in lost:
                    outcome_k = _alone(paths[k], job)
                    if done:
                        done(k)
                    yield outcome_k
                pool = _pool(job, workers)
                continue
            if done:
                done(i)
            yield outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _alone(path: Path, job: Job) -> Outcome:
    """One report in a worker process of its own: if that one dies too, the report is what kills it."""
    from concurrent.futures.process import BrokenProcessPool

    with _pool(job, 1) as pool:
        try:
            return pool.submit(_prepare_in_worker, path).result()
        except BrokenProcessPool:
            return ReportError(str(path), WORKER_DIED)
