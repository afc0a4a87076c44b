"""The cgroup tier: one cap on the memory and tasks of all of a run's processes together.

rlimits are per process, so without a cgroup a program that forks N children may use N times
RLIMIT_DATA, and even one process can hold memory RLIMIT_DATA does not count (memfd and SysV
shared memory, tmpfs files). A cgroup caps all of it. Moving a process into a cgroup costs
10.6 ms median / 14.7 ms p90 on this project's VMs (measured; the kernel waits for an RCU grace
period), more than the whole isolation budget, so the default never moves a run:

* ``WorkerCgroups`` (the default wherever cgroup v1 ``memory`` and ``pids`` are writable): a
  long-lived cgroup per *spawner thread*. The thread moves itself in once (cgroup v1 places
  threads, not only processes) and every sandbox it starts is born inside; a run only rewrites
  the limits. Charging follows the process: Coach's own memory stays charged where Coach runs
  (cgroup v1 charges anonymous memory to the address space's owner, the main thread).
* ``CgroupManager.create`` (``COACH_SANDBOX_CGROUP=on`` with a v2 ``COACH_SANDBOX_CGROUP_ROOT``):
  a cgroup per run. cgroup v2 keeps a process's threads together for the memory controller, so
  there the process is held at a gate (the helper's ``-g``) until the host has moved it.

Supported: cgroup v1 ``memory`` + ``pids`` hierarchies writable by us (root, or delegated by
chown), and cgroup v2 under a delegated directory named by ``COACH_SANDBOX_CGROUP_ROOT`` whose
``cgroup.subtree_control`` enables ``memory`` and ``pids`` (untested here: this VM's v2 has no
memory controller).
"""

from __future__ import annotations

import atexit
import os
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from queue import SimpleQueue
from typing import Any, TypeVar

from coach_engine.errors import SandboxError

V1 = Path("/sys/fs/cgroup")
T = TypeVar("T")


class RunCgroup:
    """The cgroup(s) of one run: created with limits, joined by a pid, then removed."""

    def __init__(self, dirs: list[Path], v2: bool) -> None:
        self.dirs, self.v2 = dirs, v2

    def add(self, pid: int) -> None:
        for d in self.dirs:
            (d / "cgroup.procs").write_text(str(pid))

    def oom_killed(self) -> bool:
        """True when the kernel's OOM killer killed a process of this run."""
        name = "memory.events" if self.v2 else "memory.oom_control"
        try:
            text = (self.dirs[0] / name).read_text()
        except OSError:
            return False
        for line in text.splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill" and value.strip() != "0":
                return True
        return False

    def remove(self) -> None:
        for d in self.dirs:
            for _ in range(50):  # the last processes may still be exiting
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)


def _write(path: Path, value: str) -> None:
    if path.exists():
        path.write_text(value)


class CgroupManager:
    """Finds a usable hierarchy once and creates per-run cgroups in it."""

    def __init__(self) -> None:
        self.v2_root = os.environ.get("COACH_SANDBOX_CGROUP_ROOT")
        self.reason = self._probe()

    def _probe(self) -> str | None:
        if self.v2_root:
            ctl = Path(self.v2_root) / "cgroup.subtree_control"
            if not ctl.exists() or not {"memory", "pids"} <= set(ctl.read_text().split()):
                return f"{ctl} does not enable memory and pids"
            return None if os.access(self.v2_root, os.W_OK) else f"{self.v2_root} is not writable"
        return self.probe_v1()

    @staticmethod
    def probe_v1() -> str | None:
        """Why cgroup v1 ``memory`` + ``pids`` cannot be used here, or None."""
        for ctrl in ("memory", "pids"):
            if not (V1 / ctrl / "cgroup.procs").exists():
                return f"no cgroup v1 {ctrl} hierarchy at {V1 / ctrl}"
            if not os.access(V1 / ctrl, os.W_OK):
                return f"{V1 / ctrl} is not writable (run as root or delegate it)"
        return None

    @property
    def available(self) -> bool:
        return self.reason is None

    def create(self, memory_bytes: int, tasks: int) -> RunCgroup:
        """Create a cgroup for one run with a memory cap (no swap) and a task cap.

        Raises:
            SandboxError: no usable hierarchy, or the kernel refused.
        """
        if self.reason:
            raise SandboxError(f"cgroup tier unavailable: {self.reason}")
        name = f"coach-{uuid.uuid4().hex[:12]}"
        try:
            if self.v2_root:
                d = Path(self.v2_root) / name
                d.mkdir()
                _write(d / "memory.max", str(memory_bytes))
                _write(d / "memory.swap.max", "0")
                _write(d / "pids.max", str(tasks))
                return RunCgroup([d], v2=True)
            mem, pids = V1 / "memory" / "coach" / name, V1 / "pids" / "coach" / name
            mem.mkdir(parents=True)
            pids.mkdir(parents=True)
            (mem / "memory.limit_in_bytes").write_text(str(memory_bytes))
            _write(mem / "memory.memsw.limit_in_bytes", str(memory_bytes))
            (pids / "pids.max").write_text(str(tasks))
            return RunCgroup([mem, pids], v2=False)
        except OSError as e:
            raise SandboxError(f"could not create a cgroup for the run: {e}") from e


class WorkerSlot:
    """A spawner thread living in its own v1 memory and pids cgroups, reused run after run."""

    def __init__(self, name: str) -> None:
        self.dirs = [V1 / "memory" / "coach" / name, V1 / "pids" / "coach" / name]
        for d in self.dirs:
            d.mkdir(parents=True, exist_ok=True)
        self._jobs: SimpleQueue[tuple[Callable[[], Any], Future[Any]] | None] = SimpleQueue()
        self._limits: tuple[int, int] | None = None
        self._kills: int | None = None
        joined: Future[None] = Future()
        self._thread = threading.Thread(target=self._serve, args=(joined,), name=name, daemon=True)
        self._thread.start()
        joined.result()  # raises if the thread could not join its cgroups

    def _serve(self, joined: Future[None]) -> None:
        try:
            tid = str(threading.get_native_id())
            for d in self.dirs:
                (d / "tasks").write_text(tid)  # this thread only; Coach's others stay put
        except OSError as e:
            joined.set_exception(SandboxError(f"could not enter the worker cgroup: {e}"))
            return
        joined.set_result(None)
        while (job := self._jobs.get()) is not None:
            fn, fut = job
            try:
                fut.set_result(fn())
            except BaseException as e:  # handed back to the caller
                fut.set_exception(e)

    def prepare(self, memory_bytes: int, tasks: int) -> int:
        """Set this run's limits (no swap); return the OOM-kill count so far. Nothing is written
        when they are the previous run's (runs of one problem share them)."""
        if self._limits != (memory_bytes, tasks):
            self._set_limits(memory_bytes, tasks)
            self._limits = (memory_bytes, tasks)
        if self._kills is None:
            self._kills = self.oom_kills()
        return self._kills

    def _set_limits(self, memory_bytes: int, tasks: int) -> None:
        mem = self.dirs[0]
        for attempt in range(3):
            try:  # memsw >= limit at every step: raise memsw first, lower the limit first
                for name in ("memory.memsw.limit_in_bytes", "memory.limit_in_bytes",
                             "memory.memsw.limit_in_bytes"):  # fmt: skip
                    try:
                        _write(mem / name, str(memory_bytes))
                    except OSError:
                        if name == "memory.limit_in_bytes":
                            raise
                break
            except OSError as e:
                if attempt == 2:
                    raise SandboxError(f"could not set the worker cgroup's limit: {e}") from e
                try:
                    _write(mem / "memory.force_empty", "0")  # page cache left by earlier runs
                except OSError:
                    pass
        (self.dirs[1] / "pids.max").write_text(str(tasks + 1))  # + the spawner thread

    def oom_kills(self) -> int:
        """The cgroup's OOM kills so far (also remembered as the next run's starting count)."""
        self._kills = self._read_kills()
        return self._kills

    def _read_kills(self) -> int:
        try:
            text = (self.dirs[0] / "memory.oom_control").read_text()
        except OSError:
            return 0
        for line in text.splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill":
                return int(value)
        return 0

    def call(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the spawner thread (so processes it starts are born in the cgroups)."""
        fut: Future[T] = Future()
        self._jobs.put((fn, fut))
        return fut.result()

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=5)
        RunCgroup(self.dirs, v2=False).remove()


class WorkerCgroups:
    """The pool of ``WorkerSlot``s: one per run in flight, created on demand, kept for reuse."""

    def __init__(self) -> None:
        self.reason = CgroupManager.probe_v1()
        self._free: list[WorkerSlot] = []
        self._all: list[WorkerSlot] = []
        self._lock = threading.Lock()
        self._registered = False

    @property
    def available(self) -> bool:
        return self.reason is None

    @staticmethod
    def usable() -> bool:
        """cgroup v1 ``memory`` and ``pids`` are writable here (root, or delegated by chown)."""
        return CgroupManager.probe_v1() is None

    def acquire(self) -> WorkerSlot:
        with self._lock:
            if self._free:
                return self._free.pop()
            if not self._registered:
                _sweep_workers()
                atexit.register(self.close)
                self._registered = True
            n = len(self._all)
        try:
            slot = WorkerSlot(f"w{os.getpid()}-{n}-{uuid.uuid4().hex[:6]}")
        except OSError as e:
            raise SandboxError(f"could not create a worker cgroup: {e}") from e
        with self._lock:
            self._all.append(slot)
        return slot

    def release(self, slot: WorkerSlot) -> None:
        with self._lock:
            self._free.append(slot)

    def close(self) -> None:
        with self._lock:
            slots, self._all, self._free = self._all, [], []
        for slot in slots:
            slot.close()


_shared: WorkerCgroups | None = None
_shared_lock = threading.Lock()


def shared_workers() -> WorkerCgroups:
    """The process's one pool of worker cgroups (every backend instance draws from it)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = WorkerCgroups()
        return _shared


def _sweep_workers() -> None:
    """Remove worker cgroups of Coach processes that died without cleaning up (empty ones)."""
    for ctrl in ("memory", "pids"):
        for d in (V1 / ctrl / "coach").glob("w*-*"):
            pid = d.name[1:].split("-", 1)[0]
            if not pid.isdigit() or int(pid) == os.getpid():
                continue
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                try:
                    d.rmdir()
                except OSError:
                    pass
            except OSError:
                continue
