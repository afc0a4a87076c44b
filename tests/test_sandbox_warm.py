"""Warm sandboxes (``sandbox/isolation/warm.py``): started ahead of their run, used once.

Every property of a cold sandbox holds for a warm one: each run gets its own namespaces,
``/tmp`` and process tree, nothing of one run reaches the next (or another user's), the limits
act, the pool stays within its size, starts nothing before it is asked to, is invalidated when
what it mounts changes, and leaves no process behind when Coach ends. Each test asserts that
the runs it checks were really served warm (``pool.stats``), so a pool that silently fell back
to cold runs would fail them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandbox.isolation import ExecSpec, get_backend, staging
from sandbox.isolation.bwrap import BubblewrapBackend
from sandbox.isolation.warm import WarmPool
from sandbox.runner import run
from sandbox.spec import Limits, Param, RunRequest, Signature, TestCase, Verdict

ROOT = Path(__file__).resolve().parent.parent
MEMORY = 256 << 20  # a memory cap, as every test run has (with worker cgroups, warm needs one)


@pytest.fixture(scope="module")
def cache_dir(shared_build_cache: Path) -> Path:
    return shared_build_cache


@pytest.fixture
def backend(cache_dir: Path) -> Iterator[BubblewrapBackend]:
    """A bwrap backend of its own with a pool of 2; closed (every sandbox killed) after."""
    b = BubblewrapBackend(cache_dir)
    b.check()
    b.keep_warm(2)
    yield b
    b.close()


@pytest.fixture
def job() -> Iterator[Path]:
    path = staging.new_jobdir()
    yield path
    staging.remove(path)


def sh(script: str, job: Path, **kw: object) -> ExecSpec:
    kw.setdefault("memory_bytes", MEMORY)
    return ExecSpec(["/bin/sh", "-c", script], job, env={}, **kw)  # type: ignore[arg-type]


def filled(pool: WarmPool, spec: ExecSpec) -> WarmPool:
    pool.prefill(spec)
    assert pool.wait_idle() and pool.ready() == pool.size
    return pool


def served(backend: BubblewrapBackend, spec: ExecSpec) -> bytes:
    """Run ``spec``, asserting a warm sandbox served it; its stdout."""
    before = backend.warm.stats.served
    r = backend.execute(spec)
    assert backend.warm.stats.served == before + 1, "ran cold: the test would prove nothing"
    assert r.exit_code == 0, r.stderr
    return r.stdout


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def gone(pids: list[int], timeout: float = 20.0) -> bool:
    """Wait until none of ``pids`` is alive (the kernel reaps asynchronously)."""
    deadline = time.monotonic() + timeout
    while any(alive(p) for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def tree(pids: list[int]) -> list[int]:
    """``pids`` and their descendants (the helper inside each bwrap)."""
    out, todo = [], list(pids)
    while todo:
        pid = todo.pop()
        out.append(pid)
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except OSError:
            continue
    return out


NS = "readlink /proc/self/ns/pid /proc/self/ns/mnt /proc/self/ns/net"


def test_a_warm_run_sees_its_files_env_and_uid_as_a_cold_one(
    backend: BubblewrapBackend, job: Path
) -> None:
    (job / "input.txt").write_text("42\n")
    (job / ".hidden").write_text("dot\n")
    script = (
        "cat input.txt .hidden; echo $FOO $HOME; id -u; env | wc -l; touch x 2>/dev/null || echo ro"
    )
    spec = ExecSpec(["/bin/sh", "-c", script], job, env={"FOO": "bar"}, memory_bytes=MEMORY)
    cold = BubblewrapBackend(backend.bin_dir.parent, cgroup=None)
    want = cold.execute(spec).stdout
    filled(backend.warm, spec)
    assert served(backend, spec) == want == b"42\ndot\nbar /tmp\n65534\n5\nro\n"


def test_a_file_written_in_tmp_by_one_run_is_not_seen_by_the_next(
    backend: BubblewrapBackend, job: Path
) -> None:
    spec = sh("ls -A /tmp /dev/shm; echo secret > /tmp/left; echo x > /dev/shm/left; " + NS, job)
    filled(backend.warm, spec)
    first = served(backend, spec).split(b"\n")
    second = served(backend, spec).split(b"\n")
    assert first[:2] == second[:2] == [b"/dev/shm:", b""] or b"left" not in b"".join(second)
    assert b"left" not in b"".join(second)
    assert set(first[-4:-1]).isdisjoint(second[-4:-1])  # new pid, mount and net namespaces


def test_a_process_left_behind_by_one_run_does_not_survive_into_the_next(
    backend: BubblewrapBackend, job: Path
) -> None:
    marker = str(9_000_000 + os.getpid() % 100_000)
    leave = sh(f"setsid /bin/sleep {marker} </dev/null >/dev/null 2>&1 & echo left", job)
    look = sh("for p in /proc/[0-9]*; do cat $p/cmdline; echo; done | tr '\\0' ' '", job)
    filled(backend.warm, leave)
    assert served(backend, leave) == b"left\n"
    assert not _sleeping(marker)  # killed with the run, before its result came back
    assert marker.encode() not in served(backend, look)


def _sleeping(marker: str) -> bool:
    want = b"/bin/sleep\0" + marker.encode() + b"\0"
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if f.read() == want:
                    return True
        except OSError:
            continue
    return False


def test_two_users_running_at_once_get_two_sandboxes(backend: BubblewrapBackend, job: Path) -> None:
    """Runs in flight together (two users' on a server) each take their own sandbox: neither
    sees the other's /tmp or processes, whatever the order they run in."""
    spec = sh("echo mine > /tmp/$$; ls /tmp | wc -l; ls /proc | grep -c '^[0-9]'; " + NS, job)
    filled(backend.warm, spec)
    outs: list[bytes] = []
    go = threading.Barrier(2)

    def user() -> None:
        go.wait()
        outs.append(backend.execute(spec).stdout)

    threads = [threading.Thread(target=user) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert backend.warm.stats.served == 2
    a, b = (o.split(b"\n") for o in outs)
    assert a[0] == b[0] == b"1"  # its own file only
    assert int(a[1]) < 6 and int(b[1]) < 6  # its own few processes only
    assert set(a[2:5]).isdisjoint(b[2:5])


def test_limits_and_confinement_act_in_a_warm_sandbox(
    backend: BubblewrapBackend, job: Path
) -> None:
    spec = sh("true", job)
    filled(backend.warm, spec)
    r = backend.execute(sh("sleep 30", job, wall_s=1.0))
    assert r.killed == "wall"
    py = "/usr/bin/python3"
    net = (
        "import socket\ntry:\n socket.socket().connect(('1.1.1.1', 80))\n"
        "except OSError as e:\n print(e.errno)"
    )
    r = backend.execute(ExecSpec([py, "-c", net], job, env={}, memory_bytes=MEMORY))
    assert r.stdout.strip() == b"13"  # EACCES: the seccomp filter, as in a cold sandbox
    hog = "b = bytearray(600 << 20)\nfor i in range(0, len(b), 4096): b[i] = 1"
    r = backend.execute(ExecSpec([py, "-c", hog], job, env={}, data_bytes=MEMORY,
                                 memory_bytes=MEMORY + (64 << 20)))  # fmt: skip
    assert r.exit_code != 0 and b"MemoryError" in r.stderr
    forker = "import os\ntry:\n os.fork()\nexcept OSError as e:\n print('refused', e.errno)"
    r = backend.execute(ExecSpec([py, "-c", forker], job, env={}, memory_bytes=MEMORY,
                                 single_process=True))  # fmt: skip
    assert b"refused 1" in r.stdout  # a test run may start no process (EPERM)
    r = backend.execute(sh("cat /etc/hostname /root/.bashrc; ls /home | wc -l", job))
    assert b"No such file" in r.stderr and r.stdout.strip() == b"0"
    assert backend.warm.stats.served == 5 and backend.warm.stats.missed == 0


SIG = Signature(function="solve", params=(Param(name="n", type="int"),), returns="int")


@pytest.fixture
def shared_warm(cache_dir: Path) -> Iterator[BubblewrapBackend]:
    """The backend ``run()`` uses, with a pool of 2 for this test only."""
    b = get_backend("bwrap", cache_dir)
    assert isinstance(b, BubblewrapBackend)
    b.keep_warm(2)
    yield b
    b.keep_warm(0)


def test_verdicts_through_the_runner_are_those_of_a_cold_sandbox(
    shared_warm: BubblewrapBackend, cache_dir: Path
) -> None:
    """CPU of every thread is charged, memory and output are capped, as in a cold run."""
    ok = "class Solution:\n    def solve(self, n):\n        return n * 2\n"
    spin = (
        "import threading, time\nclass Solution:\n    def solve(self, n):\n"
        "        def burn():\n            t = time.thread_time()\n"
        "            while time.thread_time() - t < 0.5: pass\n"
        "        threading.stack_size(1 << 20)\n"
        "        th = threading.Thread(target=burn); th.start(); th.join()\n        return n * 2\n"
    )
    hog = "class Solution:\n    def solve(self, n):\n        return len(bytearray(400 << 20))\n"
    flood = "class Solution:\n    def solve(self, n):\n        while True: print('x' * 65536)\n"
    limits = Limits(time_ms=100)  # and 256 MB

    def verdict(code: str) -> Verdict:
        req = RunRequest(language="python", code=code, signature=SIG, limits=limits,
                         tests=[TestCase(args=[1], expected=2)])  # fmt: skip
        return run(req, cache_dir=cache_dir).verdict

    for _ in range(2):  # cold: a pool's first run starts nothing, the second one for the next
        assert verdict(ok) is Verdict.AC
        assert shared_warm.warm.wait_idle()
    before = shared_warm.warm.stats.served
    got = []
    for code in (ok, spin, hog, flood):
        got.append(verdict(code))
        assert shared_warm.warm.wait_idle()
    assert got == [Verdict.AC, Verdict.TLE, Verdict.MLE, Verdict.OLE]
    assert shared_warm.warm.stats.served == before + 4, shared_warm.warm.stats


def test_the_pool_is_lazy_bounded_and_resizable(backend: BubblewrapBackend, job: Path) -> None:
    pool = backend.warm
    backend.keep_warm(3)
    assert pool.stats.started == 0 and pool.ready() == 0  # nothing before a run asks
    spec = sh("true", job)
    filled(pool, spec)
    assert pool.ready() == 3 and len(pool.stats.pids) == 3
    for _ in range(4):  # each run replaces its sandbox: never more than 3
        served(backend, spec)
        assert pool.wait_idle() and pool.ready() == 3
    first = list(pool.stats.pids)
    backend.keep_warm(1)
    assert pool.wait_idle() and pool.ready() == 1
    assert sum(alive(p) for p in first) <= 1
    backend.keep_warm(0)
    assert pool.wait_idle() and pool.ready() == 0
    assert gone(list(pool.stats.pids))
    r = backend.execute(spec)  # 0: every run cold, nothing started
    assert r.exit_code == 0 and pool.stats.started == 7 and pool.ready() == 0


def test_a_changed_toolchain_tree_is_never_served_by_an_older_sandbox(
    backend: BubblewrapBackend, job: Path
) -> None:
    """A warm sandbox pins the trees it mounted: a toolchain replaced since (an upgrade) must
    not be seen through it. The pool notices (identity and mtime of each mounted tree) and
    discards those sandboxes."""
    base = Path(tempfile.mkdtemp(prefix="coach-warm-tool-", dir="/tmp"))
    base.chmod(0o755)
    tool = base / "tool"
    try:
        tool.mkdir()
        (tool / "version").write_text("1\n")
        tool.chmod(0o755)
        spec = sh(f"cat {tool}/version", job, binds=(str(tool),))
        filled(backend.warm, spec)
        assert served(backend, spec) == b"1\n"
        tool.rename(base / "old")  # the upgrade: a new tree at the same path
        tool.mkdir()
        (tool / "version").write_text("2\n")
        tool.chmod(0o755)
        discarded = backend.warm.stats.discarded
        assert backend.execute(spec).stdout == b"2\n"
        assert backend.warm.stats.discarded >= discarded + 1
        assert backend.warm.wait_idle()
        assert served(backend, spec) == b"2\n"  # and the new ones mount the new tree
    finally:
        shutil.rmtree(base, ignore_errors=True)


CHILD = """
import sys
from pathlib import Path
from sandbox.isolation import ExecSpec, staging
from sandbox.isolation.bwrap import BubblewrapBackend
b = BubblewrapBackend(Path(sys.argv[1])); b.check(); b.keep_warm(2)
spec = ExecSpec(["/bin/true"], staging.new_jobdir(), env={}, memory_bytes=256 << 20)
b.execute(spec); b.warm.prefill(spec); b.warm.wait_idle()
print(*b.warm.stats.pids, flush=True)
sys.stdin.read()  # until the test has looked, then a normal exit (or a SIGKILL before)
"""


@pytest.mark.parametrize("end", ["exit", "killed"])
def test_no_warm_sandbox_outlives_coach(cache_dir: Path, end: str) -> None:
    """At a normal exit (atexit) and when Coach is SIGKILLed (the helper's lifeline, bwrap's
    --die-with-parent), every warm sandbox ends: bwrap and the helper inside."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(cache_dir)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
    assert proc.stdout is not None and proc.stdin is not None
    pids = [int(p) for p in proc.stdout.readline().split()]
    deadline = time.monotonic() + 30
    while len(sandboxes := tree(pids)) < 4 and time.monotonic() < deadline:
        time.sleep(0.02)  # bwrap is still setting them up
    assert len(pids) == 2 and len(sandboxes) >= 4  # two ready: bwrap and its helper each
    if end == "killed":
        proc.send_signal(signal.SIGKILL)
    proc.stdin.close()
    assert proc.wait(timeout=60) == (-signal.SIGKILL if end == "killed" else 0)
    assert gone(sandboxes), [p for p in sandboxes if alive(p)]
