"""Turn what a sandboxed process wrote into per-test verdicts (the runner's pure half).

Nothing here runs a process: ``sandbox.runner`` executes, this module reads an ``ExecResult``.
Two sources of truth: the driver's result lines (one per finished test, see the driver protocol
in ``sandbox.spec``; parsed by ``sandbox.protocol``, timed by the supervisor) and, for the test
during which the process ended, how it ended.
"""

from __future__ import annotations

import re
import signal
from dataclasses import dataclass
from typing import Any

from sandbox.isolation.base import ExecResult
from sandbox.spec import CASE_MARKER, Verdict

TRIM_CHARS = 2000
_MARKER_PREFIX = CASE_MARKER.split("{}")[0]
_MARKER_RE = re.compile(re.escape(_MARKER_PREFIX) + r"(\d+)\n?")
MLE_PATTERNS = re.compile(
    r"MemoryError|std::bad_alloc|OutOfMemoryError|cannot allocate memory|out of memory"
    r"|heap out of memory|Fatal process OOM|Array buffer allocation failed|Allocation failed",
    re.IGNORECASE,
)
# the process limit, which runtimes report in memory words ("OutOfMemoryError: unable to create
# native thread"): a runtime error, not MLE
THREAD_PATTERNS = re.compile(
    r"unable to create native thread|failed to create new OS thread|can't start new thread"
    r"|pthread_create failed|Resource temporarily unavailable",
    re.IGNORECASE,
)


def memory_verdict(text: str) -> Verdict | None:
    """MLE when ``text`` (an error or stderr) reports running out of memory, else None."""
    if THREAD_PATTERNS.search(text):
        return None
    return Verdict.MLE if MLE_PATTERNS.search(text) else None


@dataclass
class Outcome:
    """The verdict of one test and what to show with it."""

    verdict: Verdict
    actual: Any = None
    message: str = ""
    cpu_us: int = 0


def trim(text: str, limit: int = TRIM_CHARS) -> str:
    """Keep the head and the tail of ``text`` within ``limit`` characters, saying what was cut."""
    if len(text) <= limit:
        return text
    head, tail = limit * 3 // 4, limit // 4
    return f"{text[:head]}\n… [{len(text) - head - tail} characters cut] …\n{text[-tail:]}"


def split_stdout(stdout: bytes) -> tuple[str, dict[int, str]]:
    """Split a process's stdout at the driver's case markers.

    Returns:
        The output before the first marker, and the output of each case by its local index.
    """
    text = stdout.decode(errors="replace")
    parts = _MARKER_RE.split(text)
    per_case: dict[int, str] = {}
    for i in range(1, len(parts) - 1, 2):
        per_case[int(parts[i])] = per_case.get(int(parts[i]), "") + parts[i + 1]
    return parts[0], per_case


def stderr_by_case(res: ExecResult, skip: int = 0) -> dict[int, str]:
    """Attribute stderr to tests by how many result lines had arrived when it was read, the
    first ``skip`` lines (the driver's ready line) not being tests."""
    out: dict[int, bytearray] = {}
    for lines, chunk in res.stderr_at:
        out.setdefault(max(0, lines - skip), bytearray()).extend(chunk)
    return {k: v.decode(errors="replace") for k, v in out.items()}


def crash_outcome(res: ExecResult, stderr: str, data_limit: int) -> Outcome:
    """The verdict of the test during which the process ended without reporting it."""
    killed = res.killed
    if killed == "output":
        return Outcome(Verdict.OLE, message="output limit exceeded")
    if killed in ("watchdog", "wall", "case_wall") or res.signal == signal.SIGXCPU:
        what = "wall-clock" if killed in ("wall", "case_wall") else "CPU"
        return Outcome(Verdict.TLE, message=f"time limit exceeded ({what} time)")
    if killed == "oom":
        return Outcome(Verdict.MLE, message="memory limit exceeded (killed by the OOM killer)")
    if memory_verdict(stderr):
        return Outcome(Verdict.MLE, message="memory limit exceeded")
    if res.final is None:
        return Outcome(Verdict.RE, message="the program killed the sandbox's supervisor")
    if res.signal:
        if res.signal == signal.SIGKILL and res.maxrss_kb * 1024 >= 0.9 * data_limit:
            return Outcome(Verdict.MLE, message="memory limit exceeded (killed)")
        name = signal.Signals(res.signal).name if res.signal in _SIGNALS else str(res.signal)
        hint = {"SIGSEGV": " (segmentation fault)", "SIGXFSZ": " (file too large)"}.get(name, "")
        return Outcome(Verdict.RE, message=f"killed by {name}{hint}")
    last = stderr.strip().splitlines()[-1:] or [""]
    if res.exit_code == 0:
        return Outcome(Verdict.RE, message="the program exited before finishing this test")
    return Outcome(Verdict.RE, message=f"exit code {res.exit_code}: {last[0]}".rstrip(": "))


_SIGNALS = {s.value for s in signal.Signals}
