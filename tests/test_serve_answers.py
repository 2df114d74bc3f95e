"""The answers serve keeps: one run per query however many ask, nothing kept that depends on the moment."""
from __future__ import annotations

import asyncio

from reportgraph.serve.answers import Answers
from reportgraph.serve.endpoint import Answer


def ok(text: str) -> Answer:
    return Answer(200, "text/plain", text.encode())


def test_clients_asking_at_once_share_one_run() -> None:
    answers = Answers()

    async def scenario() -> list[Answer]:
        release = asyncio.Event()

        async def run() -> Answer:
            await release.wait()
            return ok("rows")

        waiting = [asyncio.ensure_future(answers.get("q", run)) for _ in range(16)]
        await asyncio.sleep(0)
        release.set()
        got = await asyncio.gather(*waiting)
        got.append(await answers.get("q", run))  # later: from what was kept
        return got

    got = asyncio.run(scenario())
    assert answers.runs == 1
    assert {a.body for a in got} == {b"rows"} and len(got) == 17


def test_answers_of_the_moment_are_not_kept() -> None:
    answers = Answers()
    statuses = iter([503, 200])

    async def run() -> Answer:
        return Answer(next(statuses), "text/plain", b"x")

    async def twice() -> tuple[int, int]:
        return (await answers.get("q", run)).status, (await answers.get("q", run)).status

    assert asyncio.run(twice()) == (503, 200)
    assert answers.runs == 2


def test_the_budget_drops_the_least_recently_used() -> None:
    answers = Answers(budget_bytes=45)

    async def scenario() -> None:
        for key in "abcd":
            await answers.get(key, lambda key=key: _ready(ok(key * 10)))
        await answers.get("a", lambda: _ready(ok("changed")))  # kept: a is used again, b is now oldest
        await answers.get("e", lambda: _ready(ok("e" * 10)))  # 50 bytes > 45: b goes
        await answers.get("huge", lambda: _ready(ok("h" * 12)))  # over a quarter of the budget: not kept

    asyncio.run(scenario())
    assert answers.runs == 6
    runs_before = answers.runs

    async def again() -> list[bytes]:
        return [(await answers.get(k, lambda: _ready(ok("new")))).body for k in ("a", "c", "d", "e", "b", "huge")]

    assert asyncio.run(again()) == [b"a" * 10, b"c" * 10, b"d" * 10, b"e" * 10, b"new", b"new"]
    assert answers.runs == runs_before + 2


def test_a_client_that_goes_away_does_not_cancel_the_run_for_others() -> None:
    answers = Answers()

    async def scenario() -> Answer:
        release = asyncio.Event()

        async def run() -> Answer:
            await release.wait()
            return ok("rows")

        first = asyncio.ensure_future(answers.get("q", run))
        second = asyncio.ensure_future(answers.get("q", run))
        await asyncio.sleep(0)
        first.cancel()
        release.set()
        return await second

    assert asyncio.run(scenario()).body == b"rows"
    assert answers.runs == 1


async def _ready(answer: Answer) -> Answer:
    return answer
