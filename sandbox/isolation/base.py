"""The contract of an isolation backend: run one command in a job directory, within limits.

A backend knows nothing of languages or verdicts. The runner (``sandbox.runner``) asks a
``LanguageRunner`` for argv lists and hands them to a backend as an ``ExecSpec``; the backend
returns an ``ExecResult`` with everything the process wrote and how it ended. Every backend
runs the command under ``coach-rexec`` (``helper.py``), which applies the rlimits, relays the
driver's result lines (fd 3) and measures CPU time and peak memory from inside.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar


@dataclass(frozen=True)
class ExecSpec:
    """One process to run.

    Attributes:
        argv: the command, as seen inside the sandbox.
        jobdir: host directory shown at ``backend.workdir(jobdir)``; read-only unless ``writable``.
        writable: True while compiling (artifacts are written into ``jobdir``).
        env: the whole environment (the sandbox starts from an empty one).
        binds: extra host paths mounted read-only at the same place (toolchains outside /usr).
        cpu_s: RLIMIT_CPU for the process, seconds (SIGXCPU at ``cpu_s``, SIGKILL one later).
        wall_s: host-side wall-clock limit for the whole process.
        data_bytes: RLIMIT_DATA.
        nproc: processes and threads the command may have at once.
        fsize_bytes: RLIMIT_FSIZE (largest file it may write).
        tmpfs_bytes: size of the private, writable ``/tmp``.
        output_bytes: stdout + stderr cap; the process is killed when it is reached.
        case_cpu_ms: CPU allowed between two result lines (0: no per-test watchdog).
        startup_ms: extra CPU allowed before the first result line.
        case_wall_s: host-side wall-clock limit between two result lines (None: no limit).
        stack_bytes: RLIMIT_STACK (0: inherit).
        memory_bytes: hard memory cap for all processes together (cgroup), 0 for none.
        language: the language being run (backends with per-language state key on it).
        cache: host directory of the persistent toolchain cache, shown at ``cache_path``.
        cache_writable: mount ``cache`` read-write (precompiles, Go's GOCACHE).
        as_sandbox_user: run as the unprivileged sandbox uid (False only for build steps, which
            run the toolchain, never the candidate's program, and must reach Coach's caches).
        single_process: a test run: the program may start threads but no process (the helper's
            ``-p``), so the CPU time the helper reads at each result line is everything it
            used; its first line is the driver's ready line (``-R``: start-up CPU allowance
            until the first result).
        results_bytes: cap on the bytes of result lines (fd 3); more is killed as ``output``.
        max_lines: result lines expected at most (0: no cap); one more is killed as ``protocol``.
        feed: the test cases, one per line, handed to the program's stdin one at a time by the
            helper (``-i``): case k only once the result line of case k-1 has arrived and been
            stamped, case 0 after the ready line; stdin ends after the last result. No input
            is in the sandbox before the previous test's CPU is read, so a program cannot do a
            later test's work in an earlier test's window. None: stdin is empty (builds).
    """

    argv: list[str]
    jobdir: Path
    env: dict[str, str]
    writable: bool = False
    binds: tuple[str, ...] = ()
    cpu_s: int = 10
    wall_s: float = 20.0
    data_bytes: int = 256 << 20
    nproc: int = 64
    fsize_bytes: int = 16 << 20
    tmpfs_bytes: int = 64 << 20
    output_bytes: int = 1 << 20
    case_cpu_ms: int = 0
    startup_ms: int = 0
    case_wall_s: float | None = None
    stack_bytes: int = 0
    memory_bytes: int = 0
    language: str = ""
    cache: Path | None = None
    cache_writable: bool = False
    as_sandbox_user: bool = True
    single_process: bool = False
    results_bytes: int = 64 << 20
    max_lines: int = 0
    feed: bytes | None = None


@dataclass
class ExecResult:
    """How one process ended and what it wrote.

    Attributes:
        exit_code: the command's exit status, or None when it died of a signal or never ran.
        signal: the signal that killed the command (0 if none).
        killed: why the host or the helper killed it: ``"wall"``, ``"case_wall"``, ``"output"``,
            ``"watchdog"`` (a test used more CPU than allowed), ``"oom"`` (cgroup),
            ``"protocol"`` (more result lines than tests), or None.
        started: the helper started the command (False: the sandbox itself failed to start).
        stdout / stderr: raw bytes, at most ``output_bytes`` in total.
        stderr_at: for each stderr chunk, how many result lines had arrived when it was read.
        results: the driver's result lines (fd 3), without newlines.
        case_meas: one helper record per result line (``cpu_us`` and ``hwm_kb`` at that moment).
        cpu_us / maxrss_kb: the command's total CPU time and peak RSS, measured inside.
        wall_ms: wall time as seen by the host.
        killed_after_ms: when the host killed the command for wall-clock time, how long after
            the last result line (or the start) it did: how long the running test ran.
    """

    exit_code: int | None = None
    signal: int = 0
    killed: str | None = None
    started: bool = False
    stdout: bytes = b""
    stderr: bytes = b""
    stderr_at: list[tuple[int, bytes]] = field(default_factory=list)
    results: list[bytes] = field(default_factory=list)
    case_meas: list[dict[str, Any]] = field(default_factory=list)
    cpu_us: int = 0
    maxrss_kb: int = 0
    wall_ms: float = 0.0
    killed_after_ms: float = 0.0
    final: dict[str, Any] | None = None

    def apply_meas(self, lines: list[bytes]) -> None:
        """Fill the measured fields from the helper's JSON records (start, per line, final)."""
        for raw in lines:
            try:
                rec = json.loads(raw)
            except ValueError:
                continue
            if not isinstance(rec, dict):
                continue
            if "start" in rec:
                self.started = True
            elif "line" in rec:
                self.case_meas.append(rec)
            elif "exit" in rec:
                self.final = rec
                self.exit_code = rec["exit"] if rec["exit"] >= 0 else None
                self.signal = int(rec.get("signal", 0))
                self.cpu_us = int(rec.get("cpu_us", 0))
                self.maxrss_kb = int(rec.get("maxrss_kb", 0))
                if rec.get("watchdog") and self.killed is None:
                    self.killed = "watchdog"
                if rec.get("overflow") and self.killed is None:
                    self.killed = "output"  # the helper's cap on result lines (``-b``)


class IsolationBackend(ABC):
    """An isolation mechanism. Capability flags are class attributes, read by ``coach doctor``.

    Subclasses set ``name`` and the flags, and implement ``check``, ``workdir`` and ``execute``.
    """

    name: ClassVar[str]
    description: ClassVar[str] = ""
    isolates_filesystem: ClassVar[bool] = False
    isolates_network: ClassVar[bool] = False
    isolates_processes: ClassVar[bool] = False  # own PID space; nothing survives a run
    seccomp: ClassVar[bool] = False
    memory_cgroup: ClassVar[bool] = False  # a cap on the memory of all processes together
    needs_daemon: ClassVar[bool] = False
    safe: ClassVar[bool] = True  # False only for ``unsafe``: it never runs unless chosen
    # What this backend does not enforce that the default (bwrap) does, said plainly by
    # ``coach doctor``; empty for bwrap.
    gaps: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def check(self) -> None:
        """Verify, once, that the backend works here (a self-test run).

        Raises:
            SandboxError: the backend is unusable; the message says why and what to do.
        """

    @abstractmethod
    def workdir(self, jobdir: Path) -> str:
        """The path at which ``jobdir`` appears to the command (its working directory)."""

    def cache_path(self, host: Path) -> str | None:
        """Where a ``spec.cache`` directory appears to commands, or None if it cannot be shown.

        Language runners are built with this path (``LanguageRunner(cache_dir=...)``).
        """
        return None

    @abstractmethod
    def execute(self, spec: ExecSpec) -> ExecResult:
        """Run ``spec.argv`` in ``spec.jobdir`` within the limits and wait for it to end.

        Args:
            spec: the command, its job directory and limits.

        Returns:
            How it ended, what it wrote and what it used. Limits being hit is a normal result
            (``killed``, ``signal``), not an error.

        Raises:
            SandboxError: the sandbox itself could not be set up.
        """

    def keep_warm(self, count: int) -> None:  # noqa: B027 - optional hook
        """Keep up to ``count`` sandboxes started ahead of their runs (0: none). Backends that
        cannot (docker, unsafe) ignore it; bwrap's are in ``sandbox.isolation.warm``."""

    def close(self) -> None:  # noqa: B027 - optional hook, most backends hold nothing
        """Release long-lived resources (containers); the backend may be used again after."""
