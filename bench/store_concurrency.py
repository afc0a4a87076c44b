"""Many interview sessions at once in one process: the store under the async engine.

    .venv/bin/python bench/store_concurrency.py              # 200 sessions, 10 turns each
    .venv/bin/python bench/store_concurrency.py --sessions 50 --turns 5

Each simulated session (spread over ``--users`` users, each through its own ``engine.for_user``
scope) runs ``--turns`` turns of: the candidate's message, the interviewer's reply, an autosave
of the code, then reading back the transcript and the latest code — all concurrently on one
event loop, through the engine's async session service (which awaits ``AsyncStore``: SQLite in
worker threads). If the services still call the synchronous store, the bench drives
``AsyncStore`` directly and says so.

Printed per call kind: p50 / p95 / max latency, calls/s, the process's CPU time per call (all
threads; steadier than latency on a loaded machine), "database is locked" errors (must be
0), other errors, and the event loop's lag (how late a 5 ms timer fires: what every other
session's streaming and clocks feel). Baselines measured in the same run, on fresh databases:

- ``alone``: one session, the same calls, nothing else running (the uncontended latency);
- ``AsyncStore directly``: the same concurrent sessions on ``AsyncStore`` without the services
  (the services check that the session is the caller's in the same thread hop as the call, so
  the difference is that check and the service's own work);
- ``sync-on-loop``: the same concurrent sessions calling the synchronous store directly from
  their coroutines (what the services did before ``AsyncStore``): each call is quick, but the
  loop is blocked while it runs.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach_engine.config import Config  # noqa: E402
from coach_engine.engine import Engine  # noqa: E402
from coach_engine.models import (  # noqa: E402
    CodeSnapshot,
    Message,
    Role,
    SessionCreate,
    SnapshotReason,
    User,
)
from coach_engine.store import SQLiteStore  # noqa: E402
from coach_engine.store.aio import AsyncStore  # noqa: E402
from sandbox.spec import RunRequest, RunResult  # noqa: E402

CODE = "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n" * 4


def no_sandbox(request: RunRequest) -> RunResult:
    return RunResult(language=request.language, verdict="AC", passed=1, total=1)


@dataclass
class Stats:
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    locked: int = 0
    errors: list[str] = field(default_factory=list)
    lags: list[float] = field(default_factory=list)
    wall: float = 0.0
    cpu: float = 0.0
    """CPU seconds of the whole process (every thread) while the sessions ran: unlike the
    latencies, it hardly moves with the machine's load, so the rows compare by it."""

    async def timed(self, kind: str, call: Callable[[], Awaitable[Any]]) -> None:
        start = time.perf_counter()
        try:
            await call()
        except Exception as exc:  # counted, never fatal: the bench reports them
            if "locked" in str(exc) or "busy" in str(exc).lower():
                self.locked += 1
            else:
                self.errors.append(f"{kind}: {type(exc).__name__}: {exc}")
            return
        self.samples[kind].append((time.perf_counter() - start) * 1000)

    @property
    def calls(self) -> int:
        return sum(len(v) for v in self.samples.values())


# One session's conversation: Session = (add_message, save_code, messages, latest_code) ---------

Ops = tuple[
    Callable[[str, Role, str], Awaitable[Any]],
    Callable[[str, str], Awaitable[Any]],
    Callable[[str], Awaitable[Any]],
    Callable[[str], Awaitable[Any]],
]


async def converse(stats: Stats, ops: Ops, sid: str, turns: int) -> None:
    add_message, save_code, messages, latest_code = ops
    for turn in range(turns):
        said, asked, code = f"idea {turn}", f"why {turn}?", f"{CODE}# {turn}\n"
        await stats.timed("add_message", lambda t=said: add_message(sid, Role.USER, t))
        await stats.timed("add_message", lambda t=asked: add_message(sid, Role.AI, t))
        await stats.timed("save_code", lambda c=code: save_code(sid, c))
        await stats.timed("messages", lambda: messages(sid))
        await stats.timed("latest_code", lambda: latest_code(sid))


async def watch_loop(stats: Stats, stop: asyncio.Event) -> None:
    """How late a 5 ms timer fires: the loop's responsiveness while the sessions run."""
    while not stop.is_set():
        start = time.perf_counter()
        await asyncio.sleep(0.005)
        stats.lags.append(max(0.0, (time.perf_counter() - start) * 1000 - 5))


async def drive(stats: Stats, jobs: list[Awaitable[None]]) -> None:
    stop = asyncio.Event()
    watcher = asyncio.create_task(watch_loop(stats, stop))
    start, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*jobs)
    stats.wall = time.perf_counter() - start
    stats.cpu = time.process_time() - cpu
    stop.set()
    await watcher


# Scenarios ---------------------------------------------------------------------------------------


async def through_engine(db: Path, sessions: int, users: int, turns: int) -> tuple[Stats, str]:
    """The engine's async API (or AsyncStore if the services have not switched yet)."""
    store = SQLiteStore.open(db)
    engine = Engine(store, Config(), runner=no_sandbox)
    owners = [store.default_user().id] + [
        store.create_user(User(full_name=f"bench {i}", provider="server")).id
        for i in range(users - 1)
    ]
    scopes = [engine.for_user(uid) if hasattr(engine, "for_user") else engine for uid in owners]
    stats = Stats()
    service = scopes[0].sessions
    switched = isinstance(getattr(service, "store", None), AsyncStore)
    if switched:
        how = "engine async API (sessions service over AsyncStore)"
        jobs = []
        for i in range(sessions):
            svc = scopes[i % len(scopes)].sessions
            s = await svc.create(SessionCreate(problem_slug="two-sum", language="python"))
            await svc.start(s.id)
            ops: Ops = (
                svc.add_message,
                lambda sid, code, svc=svc: svc.save_code(sid, code, "python"),
                svc.messages,
                svc.latest_code,
            )
            jobs.append(converse(stats, ops, s.id, turns))
        await drive(stats, jobs)
    else:
        how = "AsyncStore directly (the engine's services still call the store synchronously)"
        await store_sessions(stats, AsyncStore(store), owners, sessions, turns)
    close = getattr(engine, "close", None)
    if callable(close):
        close()
    else:
        store.close()
    return stats, how


async def store_sessions(
    stats: Stats, astore: AsyncStore, owners: list[str], sessions: int, turns: int
) -> None:
    jobs = []
    for i in range(sessions):
        uid = owners[i % len(owners)]
        s = await astore.create_session(uid, SessionCreate(problem_slug="two-sum"))
        jobs.append(converse(stats, async_store_ops(astore, uid), s.id, turns))
    await drive(stats, jobs)
    astore.close()


async def through_async_store(db: Path, sessions: int, users: int, turns: int) -> Stats:
    """AsyncStore alone: one thread hop per call, no ownership check (the services do theirs in
    the same hop)."""
    store = SQLiteStore.open(db)
    owners = [store.default_user().id] + [
        store.create_user(User(full_name=f"bench {i}", provider="server")).id
        for i in range(users - 1)
    ]
    stats = Stats()
    await store_sessions(stats, AsyncStore(store), owners, sessions, turns)
    store.close()
    return stats


def async_store_ops(astore: AsyncStore, uid: str) -> Ops:
    async def add_message(sid: str, role: Role, text: str) -> Any:
        return await astore.add_message(
            Message(session_id=sid, user_id=uid, role=role, content=text)
        )

    async def save_code(sid: str, code: str) -> Any:
        snap = CodeSnapshot(
            session_id=sid,
            user_id=uid,
            language="python",
            code=code,
            reason=SnapshotReason.AUTOSAVE,
        )
        return await astore.save_snapshot(snap)

    async def messages(sid: str) -> Any:
        return await astore.list_messages(uid, sid)

    async def latest_code(sid: str) -> Any:
        return await astore.latest_snapshot(uid, sid)

    return add_message, save_code, messages, latest_code


async def sync_on_loop(db: Path, sessions: int, turns: int) -> Stats:
    """The synchronous store called from coroutines, blocking the loop during each call."""
    store = SQLiteStore.open(db)
    uid = store.default_user().id

    async def add_message(sid: str, role: Role, text: str) -> Any:
        await asyncio.sleep(0)  # yield between calls, as the services' other awaits did
        return store.add_message(Message(session_id=sid, user_id=uid, role=role, content=text))

    async def save_code(sid: str, code: str) -> Any:
        await asyncio.sleep(0)
        return store.save_snapshot(
            CodeSnapshot(session_id=sid, user_id=uid, language="python", code=code)
        )

    async def messages(sid: str) -> Any:
        await asyncio.sleep(0)
        return store.list_messages(uid, sid)

    async def latest_code(sid: str) -> Any:
        await asyncio.sleep(0)
        return store.latest_snapshot(uid, sid)

    stats = Stats()
    ids = [store.create_session(uid, SessionCreate()).id for _ in range(sessions)]
    ops: Ops = (add_message, save_code, messages, latest_code)
    await drive(stats, [converse(stats, ops, sid, turns) for sid in ids])
    store.close()
    return stats


# Report ------------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def report(title: str, stats: Stats) -> None:
    print(f"\n{title}")
    print(f"  {'call':<12} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind in ("add_message", "save_code", "messages", "latest_code"):
        v = stats.samples.get(kind, [])
        print(
            f"  {kind:<12} {len(v):>6} {pct(v, 0.5):>8.2f} {pct(v, 0.95):>8.2f} "
            f"{max(v, default=float('nan')):>8.2f}"
        )
    rate = stats.calls / stats.wall if stats.wall else float("nan")
    cpu_ms = stats.cpu * 1000 / stats.calls if stats.calls else float("nan")
    print(
        f"  {stats.calls} calls in {stats.wall:.2f} s = {rate:.0f} calls/s, "
        f"CPU {cpu_ms:.3f} ms a call; "
        f'"database is locked": {stats.locked}; other errors: {len(stats.errors)}'
    )
    if stats.lags:
        print(
            f"  event-loop lag: p50 {pct(stats.lags, 0.5):.2f} ms, p95 "
            f"{pct(stats.lags, 0.95):.2f} ms, max {max(stats.lags):.2f} ms"
        )
    for line in stats.errors[:3]:
        print(f"  error: {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=200, help="concurrent sessions")
    parser.add_argument("--turns", type=int, default=10, help="turns per session")
    parser.add_argument("--users", type=int, default=10, help="users the sessions belong to")
    args = parser.parse_args()
    if args.sessions < 1 or args.turns < 1 or not 1 <= args.users <= args.sessions:
        parser.error("--sessions and --turns must be ≥ 1, and 1 ≤ --users ≤ --sessions")
    print(
        f"store concurrency: {args.sessions} sessions × {args.turns} turns "
        f"(5 calls a turn), {args.users} users; sqlite {sqlite3.sqlite_version}, "
        f"python {sys.version.split()[0]}"
    )
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp:
        alone, _ = asyncio.run(through_engine(Path(tmp) / "alone.db", 1, 1, args.turns * 5))
        report("alone (baseline: 1 session, nothing else running)", alone)
        many, how = asyncio.run(
            through_engine(Path(tmp) / "many.db", args.sessions, args.users, args.turns)
        )
        report(f"concurrent, through the {how}", many)
        direct = asyncio.run(
            through_async_store(Path(tmp) / "direct.db", args.sessions, args.users, args.turns)
        )
        report("concurrent, AsyncStore directly (one thread hop a call, no service)", direct)
        sync = asyncio.run(sync_on_loop(Path(tmp) / "sync.db", args.sessions, args.turns))
        report("baseline: the same sessions calling the synchronous store on the loop", sync)
    locked = many.locked + direct.locked + sync.locked
    ok = locked == 0 and not (many.errors or direct.errors or sync.errors)
    print(f"\n{'OK' if ok else 'FAILED'}: {locked} 'database is locked' errors in all runs")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
