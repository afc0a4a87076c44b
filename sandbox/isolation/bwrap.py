"""The default backend: bubblewrap namespaces + seccomp + rlimits, no daemon, no root needed.

Each run gets new user, PID, network, IPC, UTS, mount and cgroup namespaces; a root made of
read-only ``/usr`` (plus the toolchain's own binds), a fresh ``/proc``, a minimal ``/dev``, a
size-capped tmpfs ``/tmp`` and the job directory at ``/box`` (read-only except while compiling);
nothing of the host's home, ``/tmp``, ``/etc`` or Coach's data. The environment is empty but for
``PATH``, ``HOME=/tmp``, ``LANG`` and what the language runner asks for. Inside, the command runs
as uid 65534 under ``coach-rexec`` (limits, measurement, per-test CPU watchdog);
``--die-with-parent`` and the PID namespace make sure nothing outlives the run.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from coach_engine.errors import SandboxError
from sandbox.isolation import seccomp, staging, visibility
from sandbox.isolation.base import ExecResult, ExecSpec, IsolationBackend
from sandbox.isolation.cgroup import CgroupManager, RunCgroup, WorkerCgroups, shared_workers
from sandbox.isolation.helper import helper_args, helper_path
from sandbox.isolation.monitor import Channels, supervise
from sandbox.isolation.warm import WarmPool

WORKDIR = "/box"
CACHE = "/cache"
HELPER = "/.coach-rexec"
ROOT_LINKS = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")
ETC_BINDS = ("/etc/alternatives", "/etc/ld.so.cache")
SHM_BYTES = 16 << 20
BASE_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8"}
UNAVAILABLE_HINT = (
    "Install bubblewrap (`apt-get install bubblewrap`) and allow unprivileged user namespaces "
    "(Ubuntu 23.10+: `sysctl kernel.apparmor_restrict_unprivileged_userns=0`), or use the Docker "
    "backend (`--backend docker`). To run without isolation, opt in explicitly with "
    "`--backend unsafe` (or COACH_SANDBOX_BACKEND=unsafe): the code can then read your files, "
    "use the network and see your environment."
)


class BubblewrapBackend(IsolationBackend):
    name = "bwrap"
    description = "bubblewrap namespaces + seccomp + rlimits (no daemon)"
    isolates_filesystem = True
    isolates_network = True
    isolates_processes = True
    seccomp = True
    memory_cgroup = True  # by default wherever cgroup v1 memory+pids are writable (cgroup.py)

    _checked: dict[str, str | None] = {}  # self-test outcome per bwrap path, once per process
    _check_lock = threading.Lock()

    def __init__(self, cache_dir: Path, *, cgroup: bool | None = None) -> None:
        """Args:
        cache_dir: where the helper binary is cached (``<cache_dir>/.bin``).
        cgroup: cap the memory and tasks of the whole run with a cgroup. None (the default):
            with a long-lived worker cgroup wherever cgroup v1 allows it, else rlimits only;
            True: always, failing if no cgroup can be used (a per-run cgroup under a v2
            ``COACH_SANDBOX_CGROUP_ROOT``, ~10 ms a run); False: never.
        """
        self.bin_dir = cache_dir / ".bin"
        self.bwrap = shutil.which("bwrap") or "/usr/bin/bwrap"
        self.cgroups: CgroupManager | None = None
        self.workers: WorkerCgroups | None = None
        self.warm = WarmPool(self)  # empty until keep_warm(n) and a run ask for sandboxes
        if cgroup is not False:
            manager = CgroupManager()
            if not manager.v2_root and WorkerCgroups.usable():
                self.workers = shared_workers()
            elif cgroup:
                self.cgroups = manager

    def check(self) -> None:
        if not os.path.exists(self.bwrap):
            raise SandboxError(
                f"Isolation is unavailable: bubblewrap is not installed. {UNAVAILABLE_HINT}"
            )
        if self.cgroups is not None and not self.cgroups.available:
            raise SandboxError(
                f"COACH_SANDBOX_CGROUP=on but {self.cgroups.reason}; unset it to use rlimits only"
            )
        helper_path(self.bin_dir)  # its own error if it cannot be built: not an isolation problem
        with self._check_lock:
            if self.bwrap not in self._checked:
                self._checked[self.bwrap] = self._self_test()
        reason = self._checked[self.bwrap]
        if reason:
            raise SandboxError(f"Isolation is unavailable: {reason}. {UNAVAILABLE_HINT}")

    def _self_test(self) -> str | None:
        job = staging.new_jobdir()
        try:
            spec = ExecSpec(["/bin/sh", "-c", "echo ok"], job, env={}, cpu_s=5, wall_s=10)
            res = self._run(spec)
        except SandboxError as e:
            return str(e)
        finally:
            staging.remove(job)
        if res.started and res.exit_code == 0 and res.stdout == b"ok\n":
            return None
        detail = res.stderr.decode(errors="replace").strip() or f"exit status {res.exit_code}"
        return f"the bubblewrap self-test failed ({detail[:500]})"

    def workdir(self, jobdir: Path) -> str:
        return WORKDIR

    def cache_path(self, host: Path) -> str | None:
        return CACHE

    def execute(self, spec: ExecSpec) -> ExecResult:
        self.check()
        return self._run(spec)

    def keep_warm(self, count: int) -> None:
        self.warm.resize(count)

    def close(self) -> None:
        self.warm.close()

    def _run(self, spec: ExecSpec) -> ExecResult:
        if self.warm.size:
            return self.warm.run(spec, lambda: self._run_cold(spec))
        return self._run_cold(spec)

    def _run_cold(self, spec: ExecSpec) -> ExecResult:
        if self.workers is None or not spec.memory_bytes:
            return self._run_here(spec)
        slot = self.workers.acquire()
        try:  # started from the slot's thread, the sandbox is born in the slot's cgroups
            before = slot.prepare(spec.memory_bytes, spec.nproc + 8)
            res = slot.call(lambda: self._run_here(spec))
            if slot.oom_kills() > before and res.killed is None:
                res.killed = "oom"
            return res
        finally:
            self.workers.release(slot)

    def _run_here(self, spec: ExecSpec) -> ExecResult:
        stamp = _shown_stamp(spec)
        res = self._run_once(spec)
        if not res.started and _shown_stamp(spec) != stamp:
            # An install of Coach appeared or vanished between computing the masks and bwrap
            # mounting them (an upgrade or uninstall beside a long-lived server): bwrap cannot
            # mask a path that is gone. Masks follow the new stamp; one retry is enough.
            res = self._run_once(spec)
        return res

    def _run_once(self, spec: ExecSpec) -> ExecResult:
        helper = staging.install_helper(helper_path(self.bin_dir))
        cg: RunCgroup | None = None
        if self.cgroups is not None and spec.memory_bytes:
            cg = self.cgroups.create(spec.memory_bytes, spec.nproc + 8)
        try:
            with Channels() as ch:
                sfd = seccomp.filter_fd()
                ch.extra.append(sfd)
                argv = self._argv(spec, helper, ch, sfd)
                on_start = None
                wrap: list[str] = []
                if cg is not None:  # bwrap waits at the helper's gate until it is moved
                    gate_r, gate_w = os.pipe()
                    ch.extra.append(gate_r)
                    wrap += ["-g", str(gate_r)]
                    on_start = _open_gate(cg, gate_w)
                user = staging.sandbox_uid() if spec.as_sandbox_user else None
                if user is not None:
                    # the helper drops to the sandbox uid and execs bwrap: Popen(user=...)
                    # cannot vfork and copies Coach's whole address space (19 ms a run for a
                    # 100 MiB process, against 3 ms this way)
                    wrap += ["-U", str(user)]
                if wrap:
                    argv = [str(helper), *wrap, "-x", "--", *argv]
                res = supervise(argv, spec, ch, on_start=on_start)
            if cg is not None and cg.oom_killed() and res.killed is None:
                res.killed = "oom"
            return res
        finally:
            if cg is not None:
                cg.remove()

    def _argv(self, spec: ExecSpec, helper: Path, ch: Channels, seccomp_fd: int) -> list[str]:
        a = self.sandbox_args(spec, helper)
        for key, value in {**BASE_ENV, **spec.env}.items():
            a += ["--setenv", key, value]
        a += ["--seccomp", str(seccomp_fd), "--", HELPER]
        a += helper_args(spec, str(ch.results_w), str(ch.meas_w), str(ch.life_r),
                         ch.feed_fd(spec.feed))  # fmt: skip
        return a + spec.argv

    def sandbox_args(self, spec: ExecSpec, helper: Path) -> list[str]:
        """bwrap's options for ``spec`` up to the environment: namespaces, mounts (what
        ``warm_key`` stands for) and ``--clearenv``; the helper is at ``HELPER``."""
        a = [self.bwrap, "--unshare-all", "--unshare-user", "--disable-userns"]
        a += ["--die-with-parent", "--new-session", "--uid", "65534", "--gid", "65534"]
        a += ["--as-pid-1"]  # the helper is the PID namespace's init: the program cannot signal it
        a += ["--hostname", "box"]
        system = _system_mounts()[0]
        a += system
        # bwrap's own tmpfs at / and /dev are writable and unbounded: remount them read-only, so
        # /tmp and a small /dev/shm are the only writable places and their sizes cap a disk fill.
        # Before the binds: a toolchain bind under the host's /tmp (LeetCode's JavaScript
        # libraries in a venv of a checkout in /tmp) would otherwise vanish under the new /tmp.
        a += ["--proc", "/proc", "--dev", "/dev", "--size", str(SHM_BYTES), "--tmpfs", "/dev/shm"]
        a += ["--remount-ro", "/dev", "--size", str(spec.tmpfs_bytes), "--tmpfs", "/tmp"]
        for bind in (*ETC_BINDS, *spec.binds):
            a += ["--ro-bind-try", bind, bind]
        shown = _shown(spec)
        a += _masks(shown, visibility.install_stamp(_real(shown)))
        a += ["--bind" if spec.writable else "--ro-bind", str(spec.jobdir), WORKDIR]
        if spec.cache is not None:
            a += ["--bind" if spec.cache_writable else "--ro-bind", str(spec.cache), CACHE]
        a += ["--ro-bind", str(helper), HELPER, "--remount-ro", "/", "--chdir", WORKDIR]
        return [*a, "--clearenv"]


@functools.lru_cache(maxsize=1)
def _system_mounts() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """bwrap options mounting the distribution's trees of /usr (``visibility.SYSTEM_DIRS``, not
    ``/usr/local``) and the root links into them, and the host paths they show (once a
    process: ~0.4 ms of stat calls)."""
    a: list[str] = []
    mounted = []
    for path in visibility.SYSTEM_DIRS:
        if os.path.islink(path):
            a += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            a += ["--ro-bind", path, path]
            mounted.append(path)
    for name in ROOT_LINKS:
        root = Path("/") / name
        if root.is_symlink():
            a += ["--symlink", os.readlink(root), str(root)]
        elif root.is_dir():
            a += ["--ro-bind", str(root), str(root)]
            mounted.append(str(root))
    return tuple(a), tuple(mounted)


def _shown(spec: ExecSpec) -> tuple[str, ...]:
    """The host paths a sandbox for ``spec`` mounts at the same place."""
    return (*_system_mounts()[1], *ETC_BINDS, *spec.binds)


def _shown_stamp(spec: ExecSpec) -> tuple[int, ...]:
    return visibility.install_stamp(_real(_shown(spec)))


@functools.lru_cache(maxsize=64)
def _real(mounted: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(os.path.realpath(m) for m in mounted if os.path.exists(m))


@functools.lru_cache(maxsize=64)
def _masks(mounted: tuple[str, ...], stamp: tuple[int, ...]) -> tuple[str, ...]:
    """Cover Coach's own files (the answer key among them) wherever a mount would show them
    (once per set of mounts and ``stamp``: Coach does not move while it runs, but another
    install of it can appear beside it)."""
    a: list[str] = []
    for path in visibility.masks(mounted):
        if os.path.isdir(path):
            a += ["--size", "4096", "--tmpfs", path, "--remount-ro", path]
        else:
            a += ["--ro-bind", "/dev/null", path]
    return tuple(a)


def _open_gate(cg: RunCgroup, gate_w: int) -> Callable[[int], None]:
    def start(pid: int) -> None:
        try:
            cg.add(pid)
            os.write(gate_w, b"g")
        except OSError as e:
            raise SandboxError(f"could not move the sandbox into its cgroup: {e}") from e
        finally:
            os.close(gate_w)

    return start
