"""Answers kept while the graph is served: the same query is run once, however many ask for it.

``serve`` loads its graph once and never changes it, so a query's answer
is the same until the server stops. Analysts' tools and the site's own
query page send the same few queries (the named ones) over and over, and
on a large graph each takes seconds in a query process of which there are
only as many as cores: without this, sixteen clients asking for
``achievements`` queue behind each other until the time limit. So an
answer that depends on the graph alone (a result, or a 400 for a query
that is wrong) is kept, up to a budget of bytes, least recently used
first out; a request for a query that is running waits for that run
instead of starting another. Answers that depend on the moment (the time
limit, a busy server, a crash) are never kept.
"""
from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable

from reportgraph.serve.endpoint import Answer

__all__ = ["DEFAULT_BUDGET_BYTES", "Answers"]

#: Bytes of answers kept by default; one answer larger than a quarter of the budget is not kept.
DEFAULT_BUDGET_BYTES = 64 << 20
#: Statuses that say something about the query and the graph, not about the moment.
_LASTING = frozenset({200, 400, 406})


class Answers:
    """A bounded, least-recently-used store of answers, with one run per query in flight."""

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES) -> None:
        self.budget_bytes = budget_bytes
        self._kept: OrderedDict[Hashable, Answer] = OrderedDict()
        self._size = 0
        self._running: dict[Hashable, asyncio.Task[Answer]] = {}
        #: How many queries were run rather than answered from what was kept (for tests and benchmarks).
        self.runs = 0

    async def get(self, key: Hashable, run: Callable[[], Awaitable[Answer]]) -> Answer:
        """The answer for ``key``: kept, or awaited from the run in flight, or from a new ``run()``.

        The run is a task of its own, so a client that goes away does not
        cancel it for the others waiting on it.
        """
        kept = self._kept.get(key)
        if kept is not None:
            self._kept.move_to_end(key)
            return kept
        task = self._running.get(key)
        if task is None:
            task = asyncio.ensure_future(self._run(key, run))
            task.add_done_callback(lambda done: done.cancelled() or done.exception())
            self._running[key] = task
        return await asyncio.shield(task)

    async def _run(self, key: Hashable, run: Callable[[], Awaitable[Answer]]) -> Answer:
        self.runs += 1
        try:
            answer = await run()
        finally:
            del self._running[key]
        self._keep(key, answer)
        return answer

    def _keep(self, key: Hashable, answer: Answer) -> None:
        size = len(answer.body)
        if answer.status not in _LASTING or size > self.budget_bytes // 4:
            return
        self._kept[key] = answer
        self._size += size
        while self._size > self.budget_bytes:
            _, dropped = self._kept.popitem(last=False)
            self._size -= len(dropped.body)
