"""The process-wide sandbox scheduler: every sandbox run waits here for one of a bounded number
of slots, so many people pressing "run" at once on a small machine queue instead of thrashing.

Contract:

- **Bounded.** At most ``workers`` runs hold a slot at once (``sandbox.workers``; 0 = the CPU
  count). A run holds its slot for its whole sandbox call, compile included.
- **Fair across users.** When a slot frees, it goes to the *owner* (a user id) with waiting runs
  who was served least recently (an owner never served, or idle since, first; ties: who queued
  first); an owner's own runs start in the order they were queued. One user's 50 runs therefore
  alternate with another user's one instead of starving it.
- **Capped.** An owner may have ``per_user`` runs waiting (``sandbox.queued_per_user``); one more
  raises ``RunQueueFull`` at once, naming the fix.
- **Visible.** A waiting run's ``RunScope.notify(position, ahead)`` is called when it has to wait
  and every time its place changes: ``position`` is 1 for the next run to start, ``ahead`` is how
  many runs stand before it (those holding slots plus those that start first). The interview
  turns it into the ``run_queued`` event.
- **Cancellable.** ``RunScope.cancel()`` (what ``offload`` does when its awaiting task is
  cancelled, e.g. a WebSocket client that left) drops the scope's waiting runs without running
  them (``RunCancelled`` in their thread) and refuses its later ones; a run already holding a
  slot finishes.

Who is asking travels in a context variable (``RunScope``): ``offload`` sets it for the worker
thread it starts, and ``SandboxPolicy`` (every sandbox run the engine makes) reads it. A run
outside any scope belongs to the owner ``"local"``. A thread that holds a slot and runs the
sandbox again (nested) does not queue a second time, so a pool of one cannot deadlock.

Threads: ``offload_run`` (one run through a runner whose queue it can see, as the interview's
run and submit are) waits for its slot on the event loop and takes a thread only once admitted;
other work (``offload``) waits in a thread of this module's own pool, never in the loop's
default executor that the store and password hashing share.
"""

from __future__ import annotations

import asyncio
import contextvars
import heapq
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, ParamSpec, TypeVar

from coach_engine.errors import SandboxError

P = ParamSpec("P")
T = TypeVar("T")

DEFAULT_PER_USER = 8
LOCAL_OWNER = "local"


class RunQueueFull(SandboxError):
    """An owner asked for more waiting runs than ``sandbox.queued_per_user`` allows."""

    title = "Too many runs queued"


class RunCancelled(SandboxError):
    """A waiting run was dropped because its caller went away; it never ran."""

    title = "Run cancelled"


Notify = Callable[[int, int], object]


@dataclass(eq=False)
class RunScope:
    """Who a run is for, whom to tell about its place in the queue, and its cancellation."""

    owner: str = LOCAL_OWNER
    session_id: str | None = None
    notify: Notify | None = None
    """Called with (position, ahead) while a run waits; must not block (it is called under
    the queue's lock, which keeps the updates in order)."""
    _cancelled: threading.Event = field(default_factory=threading.Event)
    _tickets: set[_Ticket] = field(default_factory=set)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        """Drop this scope's waiting runs and refuse its later ones (running ones finish)."""
        self._cancelled.set()
        for ticket in list(self._tickets):
            ticket.queue.withdraw(ticket)


_SCOPE: contextvars.ContextVar[RunScope | None] = contextvars.ContextVar(
    "coach_run_scope", default=None
)
_HOLDING: contextvars.ContextVar[bool] = contextvars.ContextVar("coach_run_slot", default=False)


def current_scope() -> RunScope:
    """The scope of the code running now (``"local"`` outside any)."""
    return _SCOPE.get() or RunScope()


@dataclass(eq=False)
class _Ticket:
    queue: RunQueue
    scope: RunScope
    seq: int
    ready: threading.Event = field(default_factory=threading.Event)
    state: str = "waiting"  # waiting → running → done, or waiting → cancelled
    position: int = 0
    wake: Callable[[], object] | None = None
    """Called (under the lock) when ``ready`` is set: an async waiter's loop callback."""

    def settle(self, state: str) -> None:
        self.state = state
        self.ready.set()
        if self.wake is not None:
            self.wake()


class RunQueue:
    """A bounded pool of sandbox slots shared fairly by owners (see the module's contract)."""

    def __init__(self, workers: int = 0, per_user: int = DEFAULT_PER_USER) -> None:
        self._lock = threading.Lock()
        self._waiting: dict[str, deque[_Ticket]] = {}
        self._served: dict[str, int] = {}
        self._running: dict[str, int] = {}
        self._stamp = 0
        self._seq = 0
        self.starts: deque[tuple[str, str | None]] = deque(maxlen=1000)
        """(owner, session id) of the latest runs in the order they got a slot."""
        self.dropped = 0
        """Waiting runs cancelled before they started."""
        self.workers = 1
        self.per_user = 1
        self.configure(workers, per_user)

    def configure(self, workers: int, per_user: int) -> None:
        """Resize the pool (0 = CPU count) and the per-owner cap; waiting runs move at once."""
        with self._lock:
            self.workers = workers if workers > 0 else (os.cpu_count() or 1)
            self.per_user = max(1, per_user)
            self._dispatch()

    # what a caller sees ------------------------------------------------------------------------
    @property
    def running(self) -> int:
        with self._lock:
            return sum(self._running.values())

    @property
    def waiting(self) -> int:
        with self._lock:
            return sum(len(q) for q in self._waiting.values())

    def run(self, fn: Callable[[T], Any], arg: T) -> Any:
        """``fn(arg)`` once a slot is free (in the caller's thread, which waits)."""
        with self.slot():
            return fn(arg)

    @contextmanager
    def slot(self, scope: RunScope | None = None) -> Iterator[None]:
        """Hold one slot for the block, waiting in line for it first (the current scope's
        owner). A thread already holding a slot does not queue again.

        Raises:
            RunQueueFull: the owner already has ``per_user`` runs waiting.
            RunCancelled: the scope was cancelled before the run got a slot.
        """
        if _HOLDING.get():
            yield
            return
        ticket = self._enqueue(scope or current_scope())
        ticket.ready.wait()
        if ticket.state != "running":
            raise RunCancelled(
                "the run was dropped from the queue before it started (its caller went away)"
            )
        token = _HOLDING.set(True)
        try:
            yield
        finally:
            _HOLDING.reset(token)
            self._release(ticket)

    async def acquire(self, scope: RunScope) -> _Ticket:
        """Wait for a slot on the event loop (no thread waits); the caller runs its work, then
        gives the ticket to ``release``. Cancelling the wait drops the ticket.

        Raises:
            RunQueueFull, RunCancelled: as ``slot``.
        """
        loop = asyncio.get_running_loop()
        admitted: asyncio.Future[None] = loop.create_future()

        def wake() -> None:
            loop.call_soon_threadsafe(_resolve, admitted)

        ticket = self._enqueue(scope, wake)
        try:
            await admitted
        except asyncio.CancelledError:
            if not self.withdraw(ticket) and ticket.state == "running":
                self._release(ticket)  # admitted as the wait was cancelled: give the slot back
            raise
        if ticket.state != "running":
            raise RunCancelled(
                "the run was dropped from the queue before it started (its caller went away)"
            )
        return ticket

    def release(self, ticket: _Ticket) -> None:
        """Give back the slot ``acquire`` returned."""
        self._release(ticket)

    def withdraw(self, ticket: _Ticket) -> bool:
        """Drop a waiting ticket (True), or leave a running or finished one alone (False)."""
        with self._lock:
            ticket.scope._tickets.discard(ticket)
            if ticket.state != "waiting":
                return False
            line = self._waiting[ticket.scope.owner]
            line.remove(ticket)
            if not line:
                del self._waiting[ticket.scope.owner]
                self._forget(ticket.scope.owner)
            self.dropped += 1
            ticket.settle("cancelled")
            self._renumber()
            return True

    # the line ----------------------------------------------------------------------------------
    def _enqueue(self, scope: RunScope, wake: Callable[[], object] | None = None) -> _Ticket:
        with self._lock:
            owner = scope.owner
            line = self._waiting.get(owner)
            if line is not None and len(line) >= self.per_user:
                raise RunQueueFull(
                    f"{len(line)} runs are already waiting for the sandbox (the limit is "
                    f"sandbox.queued_per_user = {self.per_user}); wait for them to finish, "
                    "or raise the limit with `coach config set sandbox.queued_per_user N`"
                )
            self._seq += 1
            ticket = _Ticket(self, scope, self._seq, wake=wake)
            scope._tickets.add(ticket)
            if scope.cancelled:  # checked after the add: a cancel() from now on sees the ticket
                scope._tickets.discard(ticket)
                raise RunCancelled("the run's caller went away before it was queued")
            self._waiting.setdefault(owner, deque()).append(ticket)
            self._dispatch()
            return ticket

    def _release(self, ticket: _Ticket) -> None:
        with self._lock:
            ticket.state = "done"
            owner = ticket.scope.owner
            self._running[owner] -= 1
            if not self._running[owner]:
                del self._running[owner]
                self._forget(owner)
            self._dispatch()

    def _forget(self, owner: str) -> None:
        # an owner with nothing waiting or running starts afresh (bounded memory)
        if owner not in self._waiting and owner not in self._running:
            self._served.pop(owner, None)

    def _key(self, owner: str) -> tuple[int, int]:
        return (self._served.get(owner, -1), self._waiting[owner][0].seq)

    def _dispatch(self) -> None:
        """Give free slots to the least recently served owners; then renumber the line."""
        while self._waiting and sum(self._running.values()) < self.workers:
            owner = min(self._waiting, key=self._key)
            line = self._waiting[owner]
            ticket = line.popleft()
            if not line:
                del self._waiting[owner]
            self._stamp += 1
            self._served[owner] = self._stamp
            self._running[owner] = self._running.get(owner, 0) + 1
            ticket.scope._tickets.discard(ticket)
            self.starts.append((owner, ticket.scope.session_id))
            ticket.settle("running")
        self._renumber()

    def _renumber(self) -> None:
        """Project the order waiting runs will start in; tell each run whose place changed."""
        if not self._waiting:
            return
        heap = [(*self._key(owner), owner) for owner in self._waiting]
        heapq.heapify(heap)
        taken = {owner: 0 for owner in self._waiting}
        stamp, position = self._stamp, 0
        busy = sum(self._running.values())
        while heap:
            _, _, owner = heapq.heappop(heap)
            line = self._waiting[owner]
            ticket = line[taken[owner]]
            taken[owner] += 1
            position += 1
            if ticket.position != position:
                ticket.position = position
                if ticket.scope.notify is not None:
                    ticket.scope.notify(position, busy + position - 1)
            if taken[owner] < len(line):
                stamp += 1
                heapq.heappush(heap, (stamp, line[taken[owner]].seq, owner))


_shared: RunQueue | None = None
_shared_lock = threading.Lock()


def shared_queue(workers: int = 0, per_user: int = DEFAULT_PER_USER) -> RunQueue:
    """The process's one queue, sized by the latest settings that asked for it."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = RunQueue(workers, per_user)
        elif (_shared.workers, _shared.per_user) != (
            workers or (os.cpu_count() or 1),
            per_user,
        ):
            _shared.configure(workers, per_user)
        return _shared


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _threads() -> ThreadPoolExecutor:
    """The threads sandbox work runs in: its own pool, so work waiting in the queue in a
    thread (a runner the caller cannot see into) never holds the loop's default executor, which
    the store, password hashing and the rest share."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=64, thread_name_prefix="coach-sandbox")
        return _pool


def queue_of(runner: object) -> RunQueue | None:
    """The queue a runner's runs wait in (``SandboxPolicy.queue``), if it says."""
    queue = getattr(runner, "queue", None)
    return queue if isinstance(queue, RunQueue) else None


async def offload_run(runner: Callable[[T], Any], request: T) -> Any:
    """One sandbox run, ``runner(request)``, in the current scope: when the runner's queue is
    known the wait for a slot happens on the event loop, and only an admitted run takes a
    thread; otherwise as ``offload``. Cancellation as ``offload``."""
    return await _offload(_SCOPE.get(), partial(runner, request), queue_of(runner))


async def offload(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args)`` in a worker thread inside the current ``RunScope`` (like
    ``asyncio.to_thread``). When the awaiting task is cancelled, the scope is cancelled: its
    waiting sandbox runs are dropped; a run holding a slot finishes in its thread."""
    return await _offload(_SCOPE.get(), partial(fn, *args, **kwargs))


async def offload_in(scope: RunScope, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``offload`` in ``scope`` (whose runs are queued as its owner's)."""
    return await _offload(scope, partial(fn, *args, **kwargs))


async def _offload(
    scope: RunScope | None, call: Callable[[], T], queue: RunQueue | None = None
) -> T:
    ctx = contextvars.copy_context()
    if scope is None:  # a scope of this call's own: cancelling it touches nothing else
        scope = RunScope()
    ctx.run(_SCOPE.set, scope)
    ticket = None
    if queue is not None and not _HOLDING.get():
        ticket = await queue.acquire(scope)
        ctx.run(_HOLDING.set, True)  # the runner inside must not queue a second time
    try:
        future = asyncio.get_running_loop().run_in_executor(_threads(), ctx.run, call)
    except BaseException:
        if ticket is not None:
            ticket.queue.release(ticket)
        raise
    if ticket is not None:
        held = ticket
        future.add_done_callback(lambda _: held.queue.release(held))  # when it really ends
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        scope.cancel()
        raise


@contextmanager
def scoped(scope: RunScope) -> Iterator[RunScope]:
    """Runs started in the block (and the worker threads it starts) belong to ``scope``."""
    token = _SCOPE.set(scope)
    try:
        yield scope
    finally:
        _SCOPE.reset(token)


_finishing: set[asyncio.Future[Any]] = set()


async def finish_or_drop(work: Callable[[], Any], scope: RunScope) -> Any:
    """Await ``work()`` (a coroutine that offloads sandbox runs and stores their results) in
    ``scope``. If the caller is cancelled: a run still waiting is dropped (``work`` ends with
    ``RunCancelled``, nothing stored); a run holding a slot finishes and ``work`` goes on to
    store it, after the caller has gone."""
    token = _SCOPE.set(scope)
    try:
        task = asyncio.ensure_future(work())  # copies the context: the task runs in scope
    finally:
        _SCOPE.reset(token)
    _finishing.add(task)
    task.add_done_callback(_settled)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        scope.cancel()
        raise


def _settled(task: asyncio.Future[Any]) -> None:
    _finishing.discard(task)
    if not task.cancelled():
        task.exception()  # retrieved: a dropped run's RunCancelled is expected, not an error


def thread_notify(loop: asyncio.AbstractEventLoop, publish: Callable[[int, int], object]) -> Notify:
    """A ``notify`` that hands (position, ahead) to ``publish`` on ``loop`` from any thread."""

    def notify(position: int, ahead: int) -> None:
        if not loop.is_closed():
            loop.call_soon_threadsafe(publish, position, ahead)

    return notify
