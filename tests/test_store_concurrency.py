"""The store under concurrency, on real files: many threads and asyncio tasks writing at once.

What is asserted is what concurrency can break — every write lands exactly once (counts exact),
no "database is locked", no lost read-modify-write update, the event loop keeps running while a
write waits — never how fast it happens (speed is in ``bench/store_concurrency.py``).
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from coach_engine.models import CodeSnapshot, Message, Role, SessionCreate
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
    return sorted(
        name
        for name in Store.__abstractmethods__
        if name not in {"close", "location"} and not name.startswith("_")
    )


def test_async_store_offers_every_store_operation_with_the_same_parameters() -> None:
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
