"""The sandbox queue (issue 15 item 3): a bounded pool, fair across users, a cap per user,
``run_queued`` positions, and cancellation of a waiting run — on the real sandbox (tiny Python
programs), with the pool set to one slot so the order is the queue's, not the machine's.

Orders are read from what the queue records (``RunQueue.starts``, the order slots were given),
never from wall-clock times. Where a run must be waiting, the test holds the one slot itself
(``queue.slot()``), so nothing depends on how fast the machine is.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from run_slots import slot_held

from coach_engine.api import CodeResultEvent, Engine, RunQueuedEvent, RunQueueFull
from coach_engine.config import Config, SandboxConfig
from coach_engine.problems import ProblemBank
from coach_engine.run_queue import RunCancelled, RunQueue, RunScope, offload_in
from coach_engine.sandbox_policy import SandboxPolicy
from coach_engine.store import SQLiteStore
from sandbox.spec import RunRequest

RIGHT = (
    "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
    "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
    "                return [seen[target - x], i]\n            seen[x] = i\n"
)


@pytest.fixture(scope="module")
def request_() -> RunRequest:
    return ProblemBank().get("two-sum").run_request("python", RIGHT, "visible")


@pytest.fixture
def queue() -> RunQueue:
    return RunQueue(workers=1, per_user=8)


@pytest.fixture
def policy(queue: RunQueue) -> SandboxPolicy:
    return SandboxPolicy(Config(), queue=queue)


async def until(condition: Any, what: str) -> None:
    for _ in range(6000):  # a hang guard, not a timing margin
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never happened: {what}")


async def test_one_users_many_runs_do_not_starve_anothers_one(
    queue: RunQueue, policy: SandboxPolicy, request_: RunRequest
) -> None:
    with slot_held(queue) as release:
        a_runs = [
            asyncio.create_task(
                offload_in(RunScope(owner="A", session_id=f"a{i}"), policy, request_)
            )
            for i in range(1, 7)
        ]
        await until(lambda: queue.waiting == 6, "A's six runs queued")
        release.set()
        await until(lambda: ("A", "a1") in queue.starts, "A's first run started")
        b_run = asyncio.create_task(
            offload_in(RunScope(owner="B", session_id="b1"), policy, request_)
        )
        results = await asyncio.gather(*a_runs, b_run)
    assert all(r.verdict == "AC" for r in results)
    order = [str(sid) for owner, sid in queue.starts if owner != "holder"]
    assert order.index("b1") < order.index("a3"), order
    assert [s for s in order if s.startswith("a")] == [f"a{i}" for i in range(1, 7)]
    assert queue.running == queue.waiting == 0


async def test_a_waiting_run_whose_caller_goes_away_never_runs(
    queue: RunQueue, policy: SandboxPolicy, request_: RunRequest
) -> None:
    with slot_held(queue):
        gone = asyncio.create_task(
            offload_in(RunScope(owner="A", session_id="gone"), policy, request_)
        )
        await until(lambda: queue.waiting == 1, "the run queued")
        gone.cancel()
        with pytest.raises(asyncio.CancelledError):
            await gone
        assert queue.waiting == 0 and queue.dropped == 1
    kept = await offload_in(RunScope(owner="A", session_id="kept"), policy, request_)
    assert kept.verdict == "AC"
    assert [sid for owner, sid in queue.starts if owner == "A"] == ["kept"]  # never "gone"


def test_a_cancelled_scope_refuses_its_runs_in_their_thread(
    queue: RunQueue, policy: SandboxPolicy, request_: RunRequest
) -> None:
    scope = RunScope(owner="A")
    scope.cancel()
    with pytest.raises(RunCancelled):
        with queue.slot(scope):
            raise AssertionError("a cancelled scope got a slot")


async def test_the_per_user_cap_refuses_one_more_waiting_run(
    policy: SandboxPolicy, request_: RunRequest
) -> None:
    queue = RunQueue(workers=1, per_user=2)
    policy = SandboxPolicy(Config(), queue=queue)
    with slot_held(queue):
        waiting = [
            asyncio.create_task(offload_in(RunScope(owner="A"), policy, request_)) for _ in range(2)
        ]
        await until(lambda: queue.waiting == 2, "two runs queued")
        with pytest.raises(RunQueueFull, match="sandbox.queued_per_user = 2"):
            await offload_in(RunScope(owner="A"), policy, request_)
        other = asyncio.create_task(offload_in(RunScope(owner="B"), policy, request_))
        await until(lambda: queue.waiting == 3, "another user is not capped by A's runs")
    assert [r.verdict for r in await asyncio.gather(*waiting, other)] == ["AC"] * 3


async def test_positions_count_down_as_the_line_moves(
    queue: RunQueue, policy: SandboxPolicy, request_: RunRequest
) -> None:
    seen: dict[str, list[tuple[int, int]]] = {}

    def scope(name: str) -> RunScope:
        seen[name] = []
        return RunScope(owner="A", session_id=name, notify=lambda p, a: seen[name].append((p, a)))

    with slot_held(queue) as release:
        runs = []
        for name in ("first", "second", "third"):
            runs.append(asyncio.create_task(offload_in(scope(name), policy, request_)))
            await until(lambda n=name: len(seen[n]) == 1, f"{name} told its place")
        release.set()
        await asyncio.gather(*runs)
    # (position, ahead): the held slot and the runs queued first stand before each
    assert seen == {
        "first": [(1, 1)],
        "second": [(2, 2), (1, 1)],
        "third": [(3, 3), (2, 2), (1, 1)],
    }


# through the interview: the event, and a run stored or dropped ---------------------------------
@pytest.fixture
def engine(tmp_path: Path, policy: SandboxPolicy) -> Iterator[Engine]:
    engine = Engine(SQLiteStore.open(tmp_path / "e.db"), Config())
    engine.runner = policy
    yield engine
    engine.close()


async def _interview(engine: Engine) -> str:
    session = await engine.interviews.start("two-sum", language="python")
    return (await engine.sessions.start(session.id)).id


async def test_an_interview_run_that_waits_says_run_queued_then_runs(
    engine: Engine, queue: RunQueue
) -> None:
    sid = await _interview(engine)
    events = engine.local.events.subscribe(sid)
    with slot_held(queue) as release:
        task = asyncio.create_task(engine.interview.run(sid, RIGHT, "python"))
        queued = await asyncio.wait_for(events.__anext__(), 120)
        while not isinstance(queued, RunQueuedEvent):
            queued = await asyncio.wait_for(events.__anext__(), 120)
        assert (queued.data.session_id, queued.data.position, queued.data.ahead) == (sid, 1, 1)
        assert json.loads(queued.to_json())["event"] == "run_queued"
        release.set()
        run = await task
    assert run.verdict == "AC"
    assert (await engine.sessions.runs(sid))[-1].id == run.id
    events.close()


async def test_an_interview_run_dropped_while_waiting_stores_nothing(
    engine: Engine, queue: RunQueue
) -> None:
    sid = await _interview(engine)
    with slot_held(queue):
        task = asyncio.create_task(engine.interview.run(sid, RIGHT, "python"))
        await until(lambda: queue.waiting == 1, "the run queued")
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    await until(lambda: queue.dropped == 1, "the waiting run dropped")
    assert await engine.sessions.runs(sid) == []
    assert not any(owner == engine.user.id for owner, _ in queue.starts)


async def test_an_interview_run_already_running_finishes_and_is_stored(
    engine: Engine, queue: RunQueue
) -> None:
    sid = await _interview(engine)
    events = engine.local.events.subscribe(sid)
    task = asyncio.create_task(engine.interview.run(sid, RIGHT, "python"))
    await until(lambda: (engine.user.id, sid) in queue.starts, "the run started")
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    result = await asyncio.wait_for(events.__anext__(), 120)
    while not isinstance(result, CodeResultEvent):
        result = await asyncio.wait_for(events.__anext__(), 120)
    assert result.data.verdict == "AC"
    assert [r.id for r in await engine.sessions.runs(sid)] == [result.data.run_id]
    events.close()


def test_the_pool_size_comes_from_the_settings() -> None:
    policy = SandboxPolicy(SandboxConfig(workers=3, queued_per_user=5))
    assert (policy.queue.workers, policy.queue.per_user) == (3, 5)
    import os

    default = SandboxPolicy(SandboxConfig())
    assert default.queue.workers == (os.cpu_count() or 1)
