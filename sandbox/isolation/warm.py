"""Warm sandboxes: bubblewrap sandboxes started before their run is known, each used once.

A cold run pays for bwrap's namespaces, mounts and seccomp, and for the helper's start, while
the person waits (~8 ms of CPU here). A warm sandbox has all of that done in the background: it
is a complete sandbox, exactly as a cold run builds it (``BubblewrapBackend.sandbox_args``),
whose helper (``coach-rexec -W``) waits on a socket for its one run. The run sends the helper its
limits, environment and argv, with the cases' memfd passed alongside; the helper then does what
it does in a cold sandbox (rlimits, one-process rule, watchdog, relay, measurement, killing
every leftover). Nothing of the sandbox is ever reused: after the run it is torn down and a
fresh one is started to replace it, so each run still gets its own namespaces, ``/tmp``,
``/dev/shm`` and process tree, and nothing passes from one run (or one user) to the next.

What a run brings that was not known at the start, and how:

* its files: the sandbox's ``/box`` is a private, empty job directory of the pool's, bound
  read-only; the run's files are hard-linked into it just before the go (the same links the
  runner makes into its own job directory);
* its limits, environment and command: in the request (``helper.run_options``, ``-E``);
* its cases: a memfd sent with ``SCM_RIGHTS``;
* its memory cap: where worker cgroups are used (``cgroup.py``), each warm sandbox is started
  from a worker slot's thread, so it is born in that slot's cgroups, and keeps the slot until it
  has run and been reaped; the run sets the slot's limits as a cold run does.

Which sandboxes are interchangeable (``warm_key``): those with the same mounts (toolchain binds,
``/tmp`` size, the cache mount, the uid), the same install stamp of what they mount (Coach's
masks: ``visibility.install_stamp``) and the same identity and modification time of each
mounted tree, so an upgraded toolchain or a new install of Coach is never served by a sandbox
started before it. Only read-only job directories are served (test runs); builds run cold.

Bounded and lazy: at most ``size`` sandboxes are kept (ready or starting), none before the
first run asks for one, and a run that finds none ready runs cold. Cleanup: each sandbox's
helper holds a lifeline whose only writer is Coach, and bwrap dies with the thread that started
it (the pool's long-lived thread, or the slot's); ``close`` (also at exit) kills them all.
"""

from __future__ import annotations

import atexit
import dataclasses
import os
import select
import shutil
import socket
import subprocess
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from queue import SimpleQueue
from typing import TYPE_CHECKING, Any

from coach_engine.errors import SandboxError
from sandbox.isolation import seccomp, staging, visibility
from sandbox.isolation.base import ExecResult, ExecSpec
from sandbox.isolation.cgroup import WorkerSlot
from sandbox.isolation.helper import helper_path, run_options
from sandbox.isolation.monitor import Channels, launch, pump

if TYPE_CHECKING:
    from sandbox.isolation.bwrap import BubblewrapBackend

MAX_WARM = 64
"""Most sandboxes a pool keeps (the configured size is clamped to it)."""
READY_RECORD = b'{"warm":1}\n'
EXIT_S = 5.0  # a used sandbox ends by itself right after its final record; else it is killed


@dataclass
class _Warm:
    """One started sandbox waiting for its run."""

    key: tuple[Any, ...]
    proc: subprocess.Popen[bytes]
    ch: Channels
    sock: socket.socket
    box: Path
    slot: WorkerSlot | None = None
    ready: bool = False  # its helper said it waits (``_is_ready``)


@dataclass
class _Stats:
    """What the pool did, for tests and benchmarks."""

    started: int = 0
    served: int = 0
    missed: int = 0  # runs that found no warm sandbox ready and ran cold
    failed: int = 0  # warm sandboxes that could not serve their run (the run then ran cold)
    discarded: int = 0  # killed unused: evicted, invalidated, resized away or closed
    pids: deque[int] = field(default_factory=lambda: deque(maxlen=256))  # latest started


def warm_key(backend: BubblewrapBackend, spec: ExecSpec) -> tuple[Any, ...] | None:
    """What a sandbox for ``spec`` mounts, and the state of what it mounts; None when ``spec``
    cannot be served warm (a writable job directory: builds)."""
    from sandbox.isolation.bwrap import _real, _shown

    if spec.writable:
        return None
    real = _real(_shown(spec))
    trees = []
    for path in real:
        try:
            st = os.stat(path)
            trees.append((st.st_dev, st.st_ino, st.st_mtime_ns))
        except OSError:
            trees.append((-1, -1, -1))
    shape = (spec.binds, spec.tmpfs_bytes, str(spec.cache), spec.cache_writable,
             spec.as_sandbox_user, backend.bwrap)  # fmt: skip
    return (shape, visibility.install_stamp(real), tuple(trees))


class WarmPool:
    """At most ``size`` warm sandboxes of the backend, ready or starting, per the most recently
    used mount shapes; thread-safe. ``run`` serves a spec from it or returns None (run cold)."""

    def __init__(self, backend: BubblewrapBackend) -> None:
        self.backend = backend
        self.size = 0
        self.stats = _Stats()
        self._ready: OrderedDict[tuple[Any, ...], deque[_Warm]] = OrderedDict()  # LRU first
        self._starting: dict[tuple[Any, ...], int] = {}
        self._shapes: dict[tuple[Any, ...], ExecSpec] = {}
        self._lock = threading.Lock()
        # two lanes, each one long-lived thread: starts (bwrap dies with the thread that started
        # it) and reaps (a used sandbox's teardown must not hold up the next start)
        self._jobs: dict[str, SimpleQueue[Callable[[], None] | None]] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._closed = False
        self._idle = threading.Condition(self._lock)
        self._pending = 0  # jobs queued or running on the pool's threads
        self._evicted: list[_Warm] = []  # taken out by _plan (lock held), killed by _discard
        self._runs = 0  # runs that asked this pool for a sandbox

    # --- configuration ----------------------------------------------------------------------

    def resize(self, size: int) -> None:
        """Keep at most ``size`` sandboxes (0: none; the ones over it are killed now)."""
        size = max(0, min(int(size), MAX_WARM))
        with self._lock:
            self.size = size
            self._closed = False
            extra = self._trim()
        self._discard(extra)

    def close(self, wait: bool = True) -> None:
        """Kill every warm sandbox and stop the pool's thread (``resize`` starts it again).

        ``wait=False`` (at exit): SIGKILL them and return, without reaping or waiting for a
        start in progress. Nothing outlives Coach anyway: each helper's lifeline hangs up when
        Coach's process ends and bwrap dies with the thread that started it; this only makes
        it immediate and keeps exit fast."""
        with self._lock:
            self._closed = True
            extra = self._trim(everything=True) + self._evicted
            self._evicted = []
            threads, self._threads = self._threads, {}
            queues, self._jobs = self._jobs, {}
        if not wait:
            for warm in extra:
                _kill_group(warm.proc)
            return
        for warm in extra:
            self.stats.discarded += 1
            self._retire(warm)
        for lane, thread in threads.items():
            queues[lane].put(None)  # after the jobs already queued
            thread.join(timeout=10)

    def drain(self) -> None:
        """Kill the ready sandboxes (another pool of this process is now the one in use)."""
        with self._lock:
            extra = self._trim(everything=True)
        self._discard(extra)

    def prefill(self, spec: ExecSpec) -> int:
        """Start sandboxes for ``spec``'s shape until ``size`` are ready or starting (a server
        at start-up, benchmarks, tests); returns how many were asked for. ``wait_idle`` waits
        for them."""
        key = warm_key(self.backend, spec) if self.size and not self._closed else None
        if key is None:
            return 0
        _activate(self)
        starts = 0
        with self._lock:
            self._shapes[key] = dataclasses.replace(spec, feed=None, argv=[], env={})
            self._ready.setdefault(key, deque())
            total = sum(len(q) for q in self._ready.values()) + sum(self._starting.values())
            starts = max(0, self.size - total)
            self._starting[key] = self._starting.get(key, 0) + starts
        for _ in range(starts):
            self._submit(lambda: self._start(key))
        return starts

    def ready(self) -> int:
        """Sandboxes started and waiting (all keys)."""
        with self._lock:
            return sum(len(q) for q in self._ready.values())

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until the pool's thread has nothing left to do (starts, reaps); for tests and
        benchmarks. False if ``timeout`` passed first."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0 or not self._idle.wait(left):
                    return False
        return True

    # --- serving a run ----------------------------------------------------------------------

    def run(self, spec: ExecSpec, cold: Callable[[], ExecResult]) -> ExecResult:
        """Run ``spec`` in a warm sandbox, or with ``cold()`` when none is ready (or the warm
        one failed before the program started: it never ran anything).

        Each run but a process's first asks for one sandbox to be started for the next, up to
        ``size``: at once when it took one (a replacement), after it when it found none. So a
        process that runs code once (``coach run``) starts none; one that runs code again (the
        TUI, a server) has its third run served warm, and from then on every run whose
        predecessor's replacement is ready (``prefill`` warms a server up front).
        """
        if self.size == 0 or self._closed:
            return cold()
        if self.backend.workers is not None and not spec.memory_bytes:
            return cold()  # cold, it has no cgroup limit; warm, it would keep a stale one
        if self.backend.cgroups is not None:
            return cold()  # a cgroup per run (v2): the sandbox must wait at the gate
        key = warm_key(self.backend, spec)
        if key is None:
            return cold()
        _activate(self)
        with self._lock:
            stale = self._invalidate(key)
            self._shapes[key] = dataclasses.replace(spec, feed=None, argv=[], env={})
            warm = _take(self._ready.setdefault(key, deque()))
            self._ready.move_to_end(key)
            # a process's first run starts nothing: one that runs code once (``coach run``)
            # never pays for a sandbox it will not use
            start = (warm is not None or self._runs > 0) and self._plan(key)
            self._runs += 1
        self._discard(stale)
        if warm is None:
            self.stats.missed += 1
            try:
                return cold()
            finally:
                if start:
                    self._submit(lambda: self._start(key))
        if start:
            self._submit(lambda: self._start(key))
        try:
            res = self._serve(warm, spec)
        finally:
            self._submit(lambda: self._retire(warm, used=True), "reap")
        if res is None:
            self.stats.failed += 1
            return cold()
        self.stats.served += 1
        return res

    def _serve(self, warm: _Warm, spec: ExecSpec) -> ExecResult | None:
        items = [*run_options(spec)]
        for name, value in {**_base_env(), **spec.env}.items():
            items += ["-E", f"{name}={value}"]
        items += ["--", *spec.argv]
        try:
            encoded = [os.fsencode(item) for item in items]
        except (UnicodeError, TypeError):
            return None
        if any(b"\0" in item for item in encoded):
            return None  # let the cold path raise what it raises for it
        blob = b"".join(item + b"\0" for item in encoded)
        _mirror(spec.jobdir, warm.box)
        feed = None
        if spec.feed is not None:
            feed = os.memfd_create("coach-cases", os.MFD_CLOEXEC)
            view = memoryview(spec.feed)
            while view:
                view = view[os.write(feed, view) :]
            os.lseek(feed, 0, os.SEEK_SET)
        before = 0
        slot = warm.slot
        try:
            if slot is not None:
                before = slot.prepare(spec.memory_bytes, spec.nproc + 8)
            t0 = time.monotonic()
            try:
                sent = socket.send_fds(warm.sock, [blob], [feed] if feed is not None else [])
                warm.sock.sendall(blob[sent:])
                warm.sock.shutdown(socket.SHUT_WR)
            except OSError:
                return None  # the sandbox is gone (it failed to start): run cold
        finally:
            if feed is not None:
                os.close(feed)
        res = pump(warm.proc, spec, warm.ch, t0, until_final=True)
        if not res.started:
            return None
        if slot is not None and slot.oom_kills() > before and res.killed is None:
            res.killed = "oom"
        return res

    # --- the pool's thread: starting, reaping ---------------------------------------------

    def _plan(self, key: tuple[Any, ...]) -> bool:
        """Whether to start one sandbox for ``key`` (lock held): while fewer than ``size`` are
        ready or starting, or by evicting a ready one of the least recently used other key."""
        total = sum(len(q) for q in self._ready.values()) + sum(self._starting.values())
        if total >= self.size:
            victim = next((k for k, q in self._ready.items() if k != key and q), None)
            if victim is None:
                return False
            self._evicted.append(self._ready[victim].popleft())
        self._starting[key] = self._starting.get(key, 0) + 1
        return True

    def _invalidate(self, key: tuple[Any, ...]) -> list[_Warm]:
        """Take out (lock held) the ready sandboxes of ``key``'s shape started with other
        stamps: what they mount has changed since."""
        gone: list[_Warm] = []
        for other in [k for k in self._ready if k[0] == key[0] and k != key]:
            gone += self._ready.pop(other)
            self._shapes.pop(other, None)
        return gone

    def _trim(self, everything: bool = False) -> list[_Warm]:
        """Take out (lock held) ready sandboxes beyond ``size`` (all of them if ``everything``),
        least recently used keys first."""
        gone: list[_Warm] = []
        total = sum(len(q) for q in self._ready.values())
        limit = 0 if everything else self.size
        for q in self._ready.values():
            while q and total > limit:
                gone.append(q.popleft())
                total -= 1
        return gone

    def _discard(self, warms: list[_Warm]) -> None:
        with self._lock:
            warms = [*warms, *self._evicted]
            self._evicted = []
        for warm in warms:
            self.stats.discarded += 1
            self._submit(lambda w=warm: self._retire(w), "reap")  # type: ignore[misc]

    def _submit(self, job: Callable[[], None], lane: str = "start") -> None:
        with self._lock:
            if lane not in self._threads:
                jobs: SimpleQueue[Callable[[], None] | None] = SimpleQueue()
                thread = threading.Thread(target=self._work, args=(jobs,), daemon=True,
                                          name=f"coach-warm-{lane}")  # fmt: skip
                self._jobs[lane], self._threads[lane] = jobs, thread
                thread.start()
            self._pending += 1
            self._jobs[lane].put(job)

    def _work(self, jobs: SimpleQueue[Callable[[], None] | None]) -> None:
        # bwrap dies with the thread that started it (--die-with-parent): the start lane's
        # thread lives as long as the pool, so the sandboxes it starts (without worker
        # cgroups) live as long too
        while (job := jobs.get()) is not None:
            try:
                job()
            except Exception:  # noqa: BLE001 - a failed start or reap only costs a cold run
                pass
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

    def _start(self, key: tuple[Any, ...]) -> None:
        warm: _Warm | None = None
        try:
            with self._lock:
                shape = self._shapes.get(key)
                wanted = shape is not None and not self._closed and self.size > 0
            if wanted and shape is not None:
                warm = self._spawn(key, shape)
        finally:
            with self._lock:
                self._starting[key] = max(0, self._starting.get(key, 0) - 1)
                keep = (warm is not None and not self._closed and key in self._shapes
                        and sum(len(q) for q in self._ready.values()) < self.size)  # fmt: skip
                if warm is not None and keep:
                    self._ready.setdefault(key, deque()).append(warm)
        if warm is not None and not keep:
            self.stats.discarded += 1
            self._retire(warm)

    def _spawn(self, key: tuple[Any, ...], shape: ExecSpec) -> _Warm:
        """Start a sandbox of ``shape`` whose helper waits for its run (pool's thread)."""
        be = self.backend
        workers = be.workers
        slot = workers.acquire() if workers is not None else None
        _register(self)  # after the worker cgroups' own exit hook: ours runs first
        try:
            if slot is not None:  # born in the slot's cgroups, like a cold run on that slot
                warm = slot.call(lambda: self._launch(key, shape))
            else:
                warm = self._launch(key, shape)
        except BaseException:
            if slot is not None and workers is not None:
                workers.release(slot)
            raise
        warm.slot = slot
        self.stats.started += 1
        self.stats.pids.append(warm.proc.pid)
        return warm

    def _launch(self, key: tuple[Any, ...], shape: ExecSpec) -> _Warm:
        from sandbox.isolation.bwrap import HELPER

        be = self.backend
        box = staging.new_jobdir()
        helper = staging.install_helper(helper_path(be.bin_dir))
        ch = Channels().__enter__()
        host, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            ch.extra.append(child.detach())
            ch.extra.append(seccomp.filter_fd())
            argv = be.sandbox_args(dataclasses.replace(shape, jobdir=box), helper)
            argv += ["--seccomp", str(ch.extra[-1]), "--", HELPER, "-W", str(ch.extra[0])]
            argv += ["-m", str(ch.meas_w), "-r", str(ch.results_w), "-L", str(ch.life_r), "--"]
            user = staging.sandbox_uid() if shape.as_sandbox_user else None
            if user is not None:  # as in a cold run: the helper drops to the uid, execs bwrap
                argv = [str(helper), "-U", str(user), "-x", "--", *argv]
            proc = launch(argv, ch)
        except BaseException:
            host.close()
            ch.__exit__(None, None, None)
            staging.remove(box)
            raise
        return _Warm(key, proc, ch, host, box)

    def _retire(self, warm: _Warm, used: bool = False) -> None:
        """Reap a used sandbox (it ends by itself after its run: let it, so bwrap reaps the
        helper and the CPU of the whole sandbox is accounted to Coach, as a cold run's is;
        killed if it has not ended in ``EXIT_S``), or kill an unused one; free its slot and
        directory."""
        if used:
            try:
                warm.proc.wait(timeout=EXIT_S)
            except subprocess.TimeoutExpired:
                pass
        _kill_group(warm.proc)
        for pipe in (warm.proc.stdout, warm.proc.stderr):
            if pipe is not None:
                pipe.close()
        try:
            warm.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        warm.sock.close()
        warm.ch.__exit__(None, None, None)
        staging.remove(warm.box)
        if warm.slot is not None and self.backend.workers is not None:
            self.backend.workers.release(warm.slot)


def _take(queue: deque[_Warm]) -> _Warm | None:
    """The first sandbox of ``queue`` that says it is ready (its helper waits), else the oldest
    (still being set up by bwrap: it will be ready soonest, and sooner than a new one)."""
    for warm in queue:
        if warm.ready or _is_ready(warm.ch.meas_r):
            warm.ready = True
            queue.remove(warm)
            return warm
    return queue.popleft() if queue else None


def _is_ready(meas_r: int) -> bool:
    """Whether the helper's ``{"warm":1}`` record has arrived (consumed if so). It is the only
    thing the helper writes before its run, and one small write: it arrives whole or not at
    all. A sandbox whose record is not consumed passes it to its run's records, which skip it."""
    if not select.select([meas_r], [], [], 0)[0]:
        return False
    return os.read(meas_r, len(READY_RECORD)) == READY_RECORD


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, 9)
    except (ProcessLookupError, PermissionError):
        pass


def _base_env() -> dict[str, str]:
    from sandbox.isolation.bwrap import BASE_ENV

    return BASE_ENV


def _mirror(src: Path, dst: Path) -> None:
    """Make ``src``'s entries (dot-files included) appear in the empty ``dst``: hard links,
    else copies."""
    for entry in os.scandir(src):
        target = dst / entry.name
        if entry.is_dir(follow_symlinks=False):
            shutil.copytree(entry.path, target, symlinks=True, copy_function=_link_or_copy)
        elif entry.is_symlink():
            os.symlink(os.readlink(entry.path), target)
        else:
            _link_or_copy(entry.path, str(target))


def _link_or_copy(src: str, dst: str) -> str:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
    return dst


_pools: list[WarmPool] = []
_pools_lock = threading.Lock()


def _register(pool: WarmPool) -> None:
    with _pools_lock:
        if not _pools:
            atexit.register(close_all)
        if pool not in _pools:
            _pools.append(pool)


_active: WarmPool | None = None


def _activate(pool: WarmPool) -> None:
    """Make ``pool`` the process's pool in use; the previous one's ready sandboxes are killed,
    so a process holds at most one pool's worth (one backend per build cache: a process that
    switches cache dirs, as tests do, does not collect idle sandboxes)."""
    global _active
    with _pools_lock:
        previous, _active = _active, pool
    if previous is not None and previous is not pool:
        previous.drain()


def close_all() -> None:
    """Kill every warm sandbox of this process (at exit, before the worker cgroups go)."""
    with _pools_lock:
        pools = list(_pools)
    for pool in pools:
        pool.close(wait=False)


def size_from_env() -> int:
    """``COACH_SANDBOX_WARM``: the pool size for runs not made through the engine's settings
    (benchmarks, direct ``sandbox.runner.run`` calls); 0 when unset or invalid."""
    value = os.environ.get("COACH_SANDBOX_WARM", "").strip()
    try:
        return max(0, min(int(value), MAX_WARM)) if value else 0
    except ValueError:
        raise SandboxError(
            f"COACH_SANDBOX_WARM={value!r} is not a number: set it to how many warm sandboxes "
            "to keep (0 disables them)"
        ) from None
