"""The store under concurrency, on real files: many threads and asyncio tasks writing at once.

What is asserted is what concurrency can break — every write lands exactly once (counts exact),
no "database is locked", no lost read-modify-write update, the event loop keeps running while a
write waits — never how fast it happens (speed is in ``bench/store_concurrency.py``).
"""

from __future__ import annotations

import asyncio
import inspect
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from coach_engine.errors import NotFoundError, StoreError
from coach_engine.models import (
    CodeSnapshot,
    Drill,
    DrillType,
    Message,
    Role,
    SessionCreate,
    User,
)
from coach_engine.store import SQLiteStore, Store
from coach_engine.store.aio import AsyncStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore.open(tmp_path / "coach.db")
    yield s
    s.close()


@pytest.fixture
async def astore(store: SQLiteStore) -> AsyncIterator[AsyncStore]:
    a = AsyncStore(store)
    yield a
    a.close()


def _store_operations() -> list[str]:
    """Every operation of the store: its public methods, minus its own lifecycle."""
    return sorted(
        name
        for name, value in vars(Store).items()
        if callable(value) and not name.startswith("_") and name != "close"
    )


def test_async_store_offers_every_store_operation_with_the_same_parameters() -> None:
    assert len(_store_operations()) >= 50
    missing = [n for n in _store_operations() if not hasattr(AsyncStore, n)]
    assert missing == []
    for name in _store_operations():
        method = getattr(AsyncStore, name)
        assert inspect.iscoroutinefunction(method), name
        sync = inspect.signature(getattr(Store, name)).parameters
        assert inspect.signature(method).parameters.keys() == sync.keys(), name


async def test_async_calls_run_in_store_threads_not_on_the_loop(astore: AsyncStore) -> None:
    worker = await astore.run(threading.current_thread)
    assert worker is not threading.current_thread()
    assert worker.name.startswith("coach-store")
    user = await astore.default_user()
    session = await astore.create_session(user.id, SessionCreate(problem_slug="two-sum"))
    assert (await astore.get_session(user.id, session.id)).problem_slug == "two-sum"


async def test_a_write_waiting_for_the_writer_lock_does_not_block_the_event_loop(
    store: SQLiteStore, astore: AsyncStore
) -> None:
    uid = (await astore.default_user()).id
    sid = (await astore.create_session(uid, SessionCreate())).id
    ticks = 0
    with store.connections.lock:  # another writer holds the database
        write = asyncio.create_task(
            astore.add_message(Message(session_id=sid, user_id=uid, role=Role.USER, content="x"))
        )
        for _ in range(20):  # the loop keeps running other coroutines meanwhile
            await asyncio.sleep(0.005)
            ticks += 1
        assert not write.done()  # queued behind the lock, not failed
    stored = await write
    assert ticks == 20
    assert [m.seq for m in await astore.list_messages(uid, sid)] == [stored.seq] == [1]


async def test_200_sessions_chatting_and_autosaving_at_once_lose_nothing(
    astore: AsyncStore,
) -> None:
    uid = (await astore.default_user()).id
    sessions = [
        (await astore.create_session(uid, SessionCreate(problem_slug=f"p{i}"))).id
        for i in range(200)
    ]

    async def client(sid: str) -> None:
        for turn in range(5):
            await astore.add_message(
                Message(session_id=sid, user_id=uid, role=Role.USER, content=f"{sid}-{turn}")
            )
            await astore.save_snapshot(
                CodeSnapshot(session_id=sid, user_id=uid, language="python", code=f"v{turn}"),
                keep_autosaves=3,
            )
            await astore.list_messages(uid, sid)

    await asyncio.gather(*(client(sid) for sid in sessions))
    for sid in sessions:
        messages = await astore.list_messages(uid, sid)
        assert [m.seq for m in messages] == [1, 2, 3, 4, 5]
        assert [m.content for m in messages] == [f"{sid}-{t}" for t in range(5)]
        assert [s.code for s in await astore.list_snapshots(uid, sid)] == ["v2", "v3", "v4"]
    counts = await astore.count_rows(uid)
    assert (counts["messages"], counts["code_snapshots"]) == (1000, 600)


def test_threads_writing_one_session_get_distinct_consecutive_seqs(store: SQLiteStore) -> None:
    uid = store.default_user().id
    sid = store.create_session(uid, SessionCreate()).id

    def writer(tag: int) -> list[int]:
        return [
            store.add_message(
                Message(session_id=sid, user_id=uid, role=Role.USER, content=f"{tag}-{i}")
            ).seq
            for i in range(50)
        ]

    with ThreadPoolExecutor(max_workers=8) as pool:
        seqs = [s for part in pool.map(writer, range(8)) for s in part]
    assert sorted(seqs) == list(range(1, 401))
    stored = store.list_messages(uid, sid)
    assert [m.seq for m in stored] == list(range(1, 401))
    for tag in range(8):  # each writer's messages in its own order
        mine = [m.content for m in stored if m.content.startswith(f"{tag}-")]
        assert mine == [f"{tag}-{i}" for i in range(50)]


def test_two_stores_on_one_file_in_one_process_share_the_writer_lock(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    first, second = SQLiteStore.open(path), SQLiteStore.open(path)
    assert first.connections.lock is second.connections.lock
    uid = first.default_user().id
    sid = first.create_session(uid, SessionCreate()).id

    def writer(store: SQLiteStore) -> None:
        for i in range(100):
            store.save_snapshot(
                CodeSnapshot(session_id=sid, user_id=uid, language="go", code=str(i)),
                keep_autosaves=10**6,
            )

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(writer, [first, second, first, second]))
    assert first.count_rows(uid)["code_snapshots"] == 400
    first.close()
    second.close()


# Read-modify-write updates: two writers at once never lose one -----------------------------------


def _race(n_threads: int, fn: Callable[[int], object]) -> list[object]:
    """Run ``fn(i)`` for i in range(n_threads) on that many threads released together."""
    start = threading.Barrier(n_threads)

    def go(i: int) -> object:
        start.wait()
        return fn(i)

    with ThreadPoolExecutor(max_workers=n_threads) as pool:
        return list(pool.map(go, range(n_threads)))


def test_concurrent_hint_counters_count_every_increment(store: SQLiteStore) -> None:
    uid = store.default_user().id
    sid = store.create_session(uid, SessionCreate()).id

    def hints(_: int) -> list[int | None]:
        return [store.increment_session_counter(uid, sid, "hints_used") for _ in range(50)]

    values = [v for part in _race(4, hints) for v in part]  # type: ignore[attr-defined]
    assert sorted(values) == list(range(1, 201))  # each caller saw its own new value
    assert store.get_session(uid, sid).hints_used == 200


def test_a_counter_ceiling_holds_under_concurrency(store: SQLiteStore) -> None:
    uid = store.default_user().id
    sid = store.create_session(uid, SessionCreate()).id
    got = _race(8, lambda _: store.increment_session_counter(uid, sid, "hints_used", ceiling=3))
    assert sorted(got, key=lambda v: (v is not None, v)) == [None] * 5 + [1, 2, 3]
    assert store.get_session(uid, sid).hints_used == 3
    with pytest.raises(ValueError, match="not a session counter"):
        store.increment_session_counter(uid, sid, "score")


def test_concurrent_metadata_merges_keep_every_key(store: SQLiteStore) -> None:
    uid = store.default_user().id
    sid = store.create_session(uid, SessionCreate()).id

    def remember(i: int) -> None:
        for j in range(25):
            store.merge_session_metadata(uid, sid, {f"k{i}-{j}": j})

    _race(4, remember)
    meta = store.get_session(uid, sid).session_metadata
    assert meta == {f"k{i}-{j}": j for i in range(4) for j in range(25)}


def test_compare_and_set_lets_exactly_one_of_two_racing_writers_win(store: SQLiteStore) -> None:
    uid = store.default_user().id
    sid = store.create_session(uid, SessionCreate()).id
    for _ in range(20):  # many rounds: each round both read the same value and race
        seen = store.get_session(uid, sid).reveals_used
        won = _race(
            2,
            lambda _, seen=seen: store.update_session_if(  # type: ignore[misc]
                uid, sid, expected={"reveals_used": seen}, changes={"reveals_used": seen + 1}
            ),
        )
        assert sorted(won) == [False, True]  # type: ignore[type-var]
    assert store.get_session(uid, sid).reveals_used == 20


def test_compare_and_set_retry_loop_loses_no_update(store: SQLiteStore) -> None:
    """The pattern callers use (read, compute, CAS, re-read on conflict) under contention."""
    uid = store.default_user().id
    sid = store.create_session(uid, SessionCreate()).id

    def add_reveals(_: int) -> int:
        conflicts = 0
        for _ in range(30):
            while True:
                seen = store.get_session(uid, sid).reveals_used
                if store.update_session_if(
                    uid, sid, expected={"reveals_used": seen}, changes={"reveals_used": seen + 1}
                ):
                    break
                conflicts += 1
        return conflicts

    _race(4, add_reveals)
    assert store.get_session(uid, sid).reveals_used == 120


def test_drill_compare_and_set_and_scoping(store: SQLiteStore) -> None:
    uid = store.default_user().id
    other = store.create_user(User(full_name="Other", provider="server")).id
    drill = store.add_drill(
        Drill(
            user_id=uid,
            title="t",
            prompt="q",
            drill_type=DrillType.CONCEPT_REVIEW,
            hints=["a", "b", "c"],
        )
    )
    won = _race(
        3,
        lambda _: store.update_drill_if(
            uid, drill.id, expected={"hints_used": 0}, changes={"hints_used": 1}
        ),
    )
    assert sorted(won) == [False, False, True]  # type: ignore[type-var]
    assert store.get_drill(uid, drill.id).hints_used == 1
    with pytest.raises(NotFoundError):  # another user's drill is not found, and unchanged
        store.update_drill_if(
            other, drill.id, expected={"hints_used": 1}, changes={"hints_used": 9}
        )
    with pytest.raises(NotFoundError):
        store.increment_session_counter(
            other, store.create_session(uid, SessionCreate()).id, "hints_used"
        )
    assert store.get_drill(uid, drill.id).hints_used == 1


async def test_async_tasks_incrementing_and_merging_lose_nothing(astore: AsyncStore) -> None:
    uid = (await astore.default_user()).id
    sid = (await astore.create_session(uid, SessionCreate())).id

    async def task(i: int) -> None:
        await astore.increment_session_counter(uid, sid, "reveals_used")
        await astore.merge_session_metadata(uid, sid, {f"t{i}": i})

    await asyncio.gather(*(task(i) for i in range(100)))
    session = await astore.get_session(uid, sid)
    assert session.reveals_used == 100
    assert session.session_metadata == {f"t{i}": i for i in range(100)}


def test_threads_that_come_and_go_do_not_accumulate_connections(store: SQLiteStore) -> None:
    uid = store.default_user().id
    for _ in range(30):  # a server handing each request to a new thread
        worker = threading.Thread(target=store.list_sessions, args=(uid,))
        worker.start()
        worker.join()
    assert store.connections.open_count <= 2  # the opener's, and at most the last worker's


def test_a_closed_store_is_a_clear_error_in_every_thread(tmp_path: Path) -> None:
    store = SQLiteStore.open(tmp_path / "c.db")
    uid = store.default_user().id
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.get_user(uid)
    with ThreadPoolExecutor(max_workers=1) as pool:
        with pytest.raises(StoreError, match="closed"):
            pool.submit(store.get_user, uid).result()


# Readers never block; writers wait for other processes instead of failing ---------------------


def test_a_read_does_not_wait_for_a_write_in_progress(store: SQLiteStore) -> None:
    uid = store.default_user().id
    sid = store.create_session(uid, SessionCreate()).id
    inside, release = threading.Event(), threading.Event()

    def slow_writer() -> None:
        with store.connections.write() as conn:  # a write transaction left open
            conn.execute(
                "INSERT INTO notes (id, session_id, user_id, content, created_at, updated_at) "
                "VALUES ('n1', ?, ?, 'pending', ?, ?)",
                (sid, uid, "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00"),
            )
            inside.set()
            release.wait()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    try:
        assert inside.wait(timeout=60)
        # while the write is open, a read returns at once with the last committed state
        assert store.list_notes(uid, sid) == []
        assert store.get_session(uid, sid).id == sid
    finally:
        release.set()
        writer.join()
    assert [n.content for n in store.list_notes(uid, sid)] == ["pending"]


HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
"""


def test_a_write_waits_for_another_process_holding_the_database(store: SQLiteStore) -> None:
    uid = store.default_user().id
    sid = store.create_session(uid, SessionCreate()).id
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, store.location],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline().strip() == "holding"
    with ThreadPoolExecutor(max_workers=1) as pool:
        write = pool.submit(
            store.add_message,
            Message(session_id=sid, user_id=uid, role=Role.USER, content="after"),
        )
        time.sleep(0.5)  # let it reach the lock (a slow machine only makes the test weaker)
        # not finished, and not failed with "database is locked": waiting on the busy timeout
        assert not write.done()
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert write.result(timeout=60).seq == 1  # it waited (busy timeout), then succeeded
    assert holder.wait(timeout=60) == 0


def test_a_page_and_its_total_agree_while_sessions_are_being_created(store: SQLiteStore) -> None:
    """The count and the rows of a page are read in one snapshot, so they never disagree."""
    uid = store.default_user().id
    done = threading.Event()

    def creator() -> None:
        for i in range(300):
            store.create_session(uid, SessionCreate(problem_slug=f"p{i}"))
        done.set()

    mismatches = 0
    reads = 0
    worker = threading.Thread(target=creator)
    worker.start()
    while not done.is_set() or reads < 5:
        page = store.list_sessions(uid, limit=500)
        reads += 1
        mismatches += page.total != len(page.items)
    worker.join()
    assert mismatches == 0 and reads >= 5
    assert store.list_sessions(uid, limit=500).total == 300


# No blocking store call on the event loop ----------------------------------------------------


async def test_the_guard_catches_a_synchronous_store_call_on_the_loop(store: SQLiteStore) -> None:
    store.connections.forbid_event_loop = True
    with pytest.raises(RuntimeError, match="AsyncStore"):
        store.default_user()
    astore = AsyncStore(store)
    assert (await astore.default_user()).full_name  # the same call in a worker thread is fine
    astore.close()
    with pytest.raises(StoreError, match="closed"):
        await astore.default_user()


async def test_an_interview_through_the_engine_makes_no_store_call_on_the_event_loop(
    store: SQLiteStore,
) -> None:
    """Every store call of a whole interview (create, start, chat, autosave, hint, run, clock,
    submit) runs in a worker thread: with the guard on, one made on the loop would raise."""
    from coach_engine.config import Config
    from coach_engine.engine import Engine
    from sandbox.spec import RunRequest, RunResult

    def passing(request: RunRequest) -> RunResult:
        return RunResult(language=request.language, verdict="AC", passed=1, total=1)

    engine = Engine(store, Config(), runner=passing)
    store.connections.forbid_event_loop = True
    me = engine.local
    code = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n"
    s = await me.sessions.create(SessionCreate(problem_slug="two-sum", language="python"))
    await me.sessions.start(s.id)
    await me.sessions.add_message(s.id, Role.USER, "hello")
    await me.sessions.save_code(s.id, "x = 1", "python")
    await me.sessions.messages(s.id)
    await me.sessions.latest_code(s.id)
    await me.interview.send(s.id, "I'd use a hash map")
    await me.interview.hint(s.id)
    await me.interview.run(s.id, code, "python")
    await me.interview.tick(s.id)
    await me.interview.submit(s.id, code, "python")
    await engine.stop_background()  # the feedback job the submission queued, stopped
    store.connections.forbid_event_loop = False
    session = store.get_session(me.user_id, s.id)
    assert (session.hints_used, len(store.list_runs(me.user_id, s.id))) == (1, 2)
    engine.astore.close()


def test_the_concurrency_bench_runs_and_reports_no_locked_database() -> None:
    """A tiny run of ``bench/store_concurrency.py`` (the figures are the bench's business): it
    still drives the engine's current API and finds no "database is locked"."""
    bench = Path(__file__).resolve().parent.parent / "bench" / "store_concurrency.py"
    done = subprocess.run(
        [sys.executable, str(bench), "--sessions", "6", "--turns", "2", "--users", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "through the engine async API" in done.stdout  # not the AsyncStore fallback
    assert "OK: 0 'database is locked' errors in all runs" in done.stdout
    bad = subprocess.run(
        [sys.executable, str(bench), "--sessions", "0"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "--sessions" in bad.stderr  # a usage error, no traceback
    assert "Traceback" not in bad.stderr
