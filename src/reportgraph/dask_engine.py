"""The per-report work on a Dask cluster (dask.distributed), for corpora beyond one machine.

``build --executor dask --scheduler tcp://HOST:8786`` connects to a running
scheduler, sends the build's shared settings to every worker once, and
maps :func:`reportgraph.workers.prepare` over the inputs. Workers read the
inputs themselves, so the inputs must be at the same path on every worker
(a shared file system), and reportgraph must be installed there. Results
come back in input order; linking and writing the graph (and its N-Quads
shards) happen in the client, as in a local build, so the output is the
same. A task whose worker dies is retried by Dask on another; one that
kills every worker it meets is that report's error, not the batch's end.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from reportgraph.errors import ReportError
from reportgraph.workers import WORKER_DIED, Job, Outcome, prepare

__all__ = ["run"]

#: How long to wait for the scheduler to answer before saying it cannot be reached.
_CONNECT_TIMEOUT_S = 10


def run(paths: Sequence[Path], job: Job, scheduler: str, done: Callable[[int], None] | None = None) -> Iterator[Outcome]:
    """The outcome of each input, computed on the cluster at ``scheduler``, in input order."""
    try:
        from distributed import Client
        from distributed.scheduler import KilledWorker
    except ImportError:
        raise ReportError(scheduler, "the dask executor needs dask.distributed: "
                                     "python -m pip install 'reportgraph[dask]'") from None
    try:
        client = Client(scheduler, timeout=_CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise ReportError(scheduler, f"cannot reach the dask scheduler: {err}") from None
    try:
        shared = client.scatter(job, broadcast=True)
        futures = client.map(prepare, [Path(p) for p in paths], job=shared, pure=False)
        for i, (path, future) in enumerate(zip(paths, futures)):
            try:
                outcome: Outcome = future.result()
            except KilledWorker:
                outcome = ReportError(str(path), WORKER_DIED)
            future.release()
            if done:
                done(i)
            yield outcome
    finally:
        client.close()
