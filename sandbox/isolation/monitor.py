"""Host side of a run: start the sandbox process, read its four pipes, enforce wall and output caps.

The process (bwrap or the helper itself) gets stdout, stderr and two extra pipes: ``results``
(the driver's result lines, relayed by the helper) and ``meas`` (the helper's JSON records). All
four are read incrementally with a selector, so an output flood is cut at the cap instead of
filling memory, and each result line moves the per-test wall-clock deadline. Killing is by
process group (the process is started in a new session), with SIGKILL.

No ``preexec_fn`` anywhere: this runs in the engine's worker threads, where forking Python code
is unsafe. Dropping to an unprivileged uid uses ``Popen(user=...)``, done in C by CPython.
"""

from __future__ import annotations

import fcntl
import os
import selectors
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from coach_engine.errors import SandboxError
from sandbox.isolation.base import ExecResult, ExecSpec

MEAS_PER_LINE = 160  # bytes of one helper record, generously
FLOOD_LINES = 16384  # result lines when the spec sets no cap: more is a flood (the host parses
# one helper record per line: a million newlines cost a minute of host CPU)
DRAIN_AFTER_EXIT_S = 0.5  # orphans (unsafe backend) may hold a pipe open after the exit
DRAIN_AFTER_KILL_S = 2.0
PIPE_BYTES = 1 << 20


@dataclass
class Channels:
    """Pipes between host and helper. ``results`` and ``meas`` flow to the host; ``life`` is the
    lifeline: the helper holds its read end, only this process holds its write end, so when
    Coach dies (even mid-start) the helper sees a hang-up and ends the sandbox.
    """

    results_r: int = -1
    results_w: int = -1
    meas_r: int = -1
    meas_w: int = -1
    life_r: int = -1
    life_w: int = -1
    extra: list[int] = field(default_factory=list)

    def __enter__(self) -> Channels:
        self.results_r, self.results_w = os.pipe()
        self.meas_r, self.meas_w = os.pipe()
        self.life_r, self.life_w = os.pipe()
        return self

    def __exit__(self, *exc: object) -> None:
        for fd in (self.results_r, self.results_w, self.meas_r, self.meas_w, self.life_r,
                   self.life_w, *self.extra):  # fmt: skip
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass

    def feed_fd(self, data: bytes | None) -> str | None:
        """An fd for the helper's ``-i`` holding ``data`` (``ExecSpec.feed``), or None: a memfd,
        so the cases never touch a disk the sandbox could see; passed to the child like the
        pipes and closed here after the start."""
        if data is None:
            return None
        fd = os.memfd_create("coach-cases", os.MFD_CLOEXEC)
        self.extra.append(fd)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.lseek(fd, 0, os.SEEK_SET)
        return str(fd)

    def child_fds(self) -> tuple[int, ...]:
        return (self.results_w, self.meas_w, self.life_r, *self.extra)

    def close_child_ends(self) -> None:
        for fd in self.child_fds():
            os.close(fd)
        self.results_w = self.meas_w = self.life_r = -1
        self.extra = []


def supervise(
    argv: list[str],
    spec: ExecSpec,
    ch: Channels,
    *,
    user: int | None = None,
    env: dict[str, str] | None = None,
    cwd: str | None = None,
    on_start: Callable[[int], None] | None = None,
) -> ExecResult:
    """Run ``argv`` and supervise it until it ends, is killed, and its pipes are drained.

    Args:
        argv: the full command (isolation wrapper + helper + payload).
        spec: limits for the host-side checks (``wall_s``, ``case_wall_s``, ``output_bytes``).
        ch: the pipes; the child's ends (and ``ch.extra`` fds) are passed to the child.
        user: if set, the host uid (and gid) to run as (used when Coach runs as root).
        env: the environment of the launched process (default: empty).
        cwd: its working directory.
        on_start: called with the pid right after the start (e.g. to move it into a cgroup
            while it waits at the helper's gate).

    Returns:
        The result, with measured fields already filled from the helper's records.

    Raises:
        SandboxError: the command could not be started.
    """
    t0 = time.monotonic()
    proc = launch(argv, ch, user=user, env=env, cwd=cwd)
    assert proc.stdout is not None and proc.stderr is not None
    try:
        if on_start is not None:
            on_start(proc.pid)
        res = _pump(proc, spec, ch, t0)
    finally:
        _kill(proc)
        proc.stdout.close()
        proc.stderr.close()
        proc.wait()
    res.wall_ms = (time.monotonic() - t0) * 1000
    return res


def launch(
    argv: list[str],
    ch: Channels,
    *,
    user: int | None = None,
    env: dict[str, str] | None = None,
    cwd: str | None = None,
) -> subprocess.Popen[bytes]:
    """Start ``argv`` in a new session with stdout and stderr piped (1 MiB buffers) and the
    child's ends of ``ch`` passed, then close those ends here (``supervise``'s arguments).

    Raises:
        SandboxError: the command could not be started.
    """
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=ch.child_fds(),
            start_new_session=True,
            env=env or {},
            cwd=cwd,
            user=user,
            group=user,
            extra_groups=None if user is None else [],
        )
    except OSError as e:
        raise SandboxError(f"could not start the sandbox ({argv[0]}): {e}") from e
    ch.close_child_ends()
    assert proc.stdout is not None and proc.stderr is not None
    for pipe in (proc.stdout, proc.stderr):
        _grow(pipe.fileno())
    return proc


def _grow(fd: int) -> None:
    """Give an output pipe 1 MiB of buffer. Node queues stdout in memory once a write to a full
    pipe fails, and flushes it only when the event loop runs, which a flooding loop never lets
    happen: the bigger the pipe, the more of a flood reaches the output cap (OLE) first."""
    try:
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except OSError:
        pass  # above /proc/sys/fs/pipe-max-size or the user's pipe quota: keep the default


def _tree_peak_rss_kb(root: int) -> int:
    """The largest peak RSS (VmHWM, KiB) among ``root``'s descendants, read from /proc; 0 if none
    could be read. Only at a host-side kill, so a scan of /proc is affordable."""
    parent: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    stat = f.read()
                parent[int(entry.name)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, changed = {root}, True
    while changed:
        grown = {pid for pid, ppid in parent.items() if ppid in tree}
        changed = not grown <= tree
        tree |= grown
    peak = 0
    for pid in tree - {root}:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except (OSError, ValueError):
            continue
    return peak


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _pump(proc: subprocess.Popen[bytes], spec: ExecSpec, ch: Channels, t0: float) -> ExecResult:
    return pump(proc, spec, ch, t0)


def pump(
    proc: subprocess.Popen[bytes],
    spec: ExecSpec,
    ch: Channels,
    t0: float,
    *,
    until_final: bool = False,
) -> ExecResult:
    """Read the four pipes of a started sandbox until it ends (``supervise``), enforcing the wall
    and output caps from ``t0``.

    ``until_final``: stop as soon as the helper's final record has arrived and what was already
    written is read, without waiting for the sandbox process to exit (a warm sandbox: its
    namespaces are torn down after the run, off the caller's path). Sound because the helper
    writes that record only after the program and every descendant are dead and reaped, so
    nothing can write to the pipes after it; the caller reaps the process.
    """
    assert proc.stdout is not None and proc.stderr is not None
    out_fd, err_fd = proc.stdout.fileno(), proc.stderr.fileno()
    sel = selectors.DefaultSelector()
    for fd in (out_fd, err_fd, ch.results_r, ch.meas_r):
        sel.register(fd, selectors.EVENT_READ)
    pidfd = os.pidfd_open(proc.pid)
    sel.register(pidfd, selectors.EVENT_READ)
    res = ExecResult()
    stdout, stderr, results, meas = bytearray(), bytearray(), bytearray(), bytearray()
    output = 0
    lines = 0
    deadline = t0 + spec.wall_s
    case_deadline = float("inf")
    if spec.case_wall_s is not None:
        case_deadline = t0 + spec.case_wall_s + 2 * spec.startup_ms / 1000
    stop_at = float("inf")  # set once the process has exited or been killed
    max_lines = spec.max_lines or FLOOD_LINES
    meas_cap = MEAS_PER_LINE * (max_lines + 64)
    open_fds = 4
    last_line_at = t0  # when the running test began: the start, then each result line
    killed_rss_kb: list[int] = []  # the process tree's peak RSS when the host killed it
    final = False  # until_final: the helper's final record is in

    def kill(reason: str) -> None:
        nonlocal stop_at
        if res.killed is None:
            res.killed = reason
            res.killed_after_ms = (time.monotonic() - last_line_at) * 1000
            killed_rss_kb.append(_tree_peak_rss_kb(proc.pid))  # before the kill erases it
        _kill(proc)
        stop_at = min(stop_at, time.monotonic() + DRAIN_AFTER_KILL_S)

    try:
        while open_fds:
            now = time.monotonic()
            if res.killed is None and now >= min(deadline, case_deadline):
                kill("wall" if now >= deadline else "case_wall")
            if now >= stop_at:
                break
            limit = stop_at if res.killed else min(deadline, case_deadline, stop_at)
            events = sel.select(timeout=0.0 if final else max(0.0, limit - now))
            if final and not events:
                break  # everything written before the final record is read
            for key, _ in events:
                fd = key.fd
                if fd == pidfd:
                    sel.unregister(pidfd)
                    stop_at = min(stop_at, time.monotonic() + DRAIN_AFTER_EXIT_S)
                    continue
                chunk = os.read(fd, 65536)
                if not chunk:
                    sel.unregister(fd)
                    open_fds -= 1
                    continue
                if fd in (out_fd, err_fd):
                    room = spec.output_bytes - output
                    part = chunk[:room]
                    output += len(part)
                    if fd == out_fd:
                        stdout += part
                    else:
                        stderr += part
                        res.stderr_at.append((lines, bytes(part)))
                    if len(chunk) > room:
                        kill("output")
                elif fd == ch.results_r:
                    if len(results) + len(chunk) > spec.results_bytes:
                        kill("output")
                        continue
                    new = chunk.count(b"\n")
                    results += chunk
                    if lines + new > max_lines:
                        kill("protocol" if spec.max_lines else "output")
                    if new:
                        lines += new
                        last_line_at = time.monotonic()
                        if spec.case_wall_s is not None:
                            case_deadline = time.monotonic() + spec.case_wall_s
                else:  # one record per result line: a flood of newlines on fd 3 floods this too
                    if len(meas) + len(chunk) > meas_cap:
                        kill("output")
                        continue
                    meas += chunk
                    final = final or (until_final and b'{"exit":' in meas[-len(chunk) - 200 :])
    finally:
        sel.close()
        os.close(pidfd)
    res.stdout, res.stderr = bytes(stdout), bytes(stderr)
    res.results = bytes(results).split(b"\n")[:lines]
    res.apply_meas(bytes(meas).splitlines())
    if res.final is None and killed_rss_kb:
        res.maxrss_kb = killed_rss_kb[0]  # the helper's own reading died with it
    if res.final is None:
        rc = proc.poll()
        if rc is None:
            _kill(proc)
            rc = proc.wait()
        if not res.started:  # the wrapper itself failed: report its own status
            res.exit_code = rc if rc >= 0 else None
            res.signal = -rc if rc < 0 else 0
    return res
