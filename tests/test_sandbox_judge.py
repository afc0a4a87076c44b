"""Verdicts from how a process ended, and output splitting (no processes run here)."""

from __future__ import annotations

import signal

import pytest

from sandbox.isolation.base import ExecResult
from sandbox.judge import crash_outcome, split_stdout, trim
from sandbox.spec import Verdict

DATA = 256 << 20


def ended(**kw: object) -> ExecResult:
    res = ExecResult(started=True, final={"exit": 0})
    for k, v in kw.items():
        setattr(res, k, v)
    return res


@pytest.mark.parametrize(
    ("res", "stderr", "verdict", "says"),
    [
        (ended(killed="output"), "", Verdict.OLE, "output"),
        (ended(killed="watchdog"), "", Verdict.TLE, "CPU"),
        (ended(killed="case_wall"), "", Verdict.TLE, "wall-clock"),
        (ended(signal=signal.SIGXCPU), "", Verdict.TLE, "CPU"),
        (ended(killed="oom"), "", Verdict.MLE, "OOM"),
        (ended(exit_code=1), "MemoryError", Verdict.MLE, "memory"),
        (ended(exit_code=134), "terminate called after throwing 'std::bad_alloc'", Verdict.MLE, ""),
        (ended(exit_code=2), "fatal error: runtime: cannot allocate memory", Verdict.MLE, ""),
        (
            ended(signal=6),
            "FATAL ERROR: Reached heap limit - JavaScript heap out of memory",
            Verdict.MLE,
            "",
        ),  # fmt: skip
        (ended(exit_code=1), "java.lang.OutOfMemoryError: Java heap space", Verdict.MLE, ""),
        (
            ended(exit_code=1),
            "OutOfMemoryError: unable to create native thread",
            Verdict.RE,
            "exit code 1",
        ),  # fmt: skip
        (ended(signal=signal.SIGSEGV), "", Verdict.RE, "segmentation fault"),
        (ended(signal=signal.SIGKILL, maxrss_kb=250 * 1024), "", Verdict.MLE, "killed"),
        (ended(signal=signal.SIGKILL, maxrss_kb=10 * 1024), "", Verdict.RE, "SIGKILL"),
        (ended(exit_code=3), "boom\nValueError: x", Verdict.RE, "exit code 3: ValueError: x"),
        (ended(exit_code=0), "", Verdict.RE, "exited before finishing"),
        (ExecResult(started=True), "", Verdict.RE, "supervisor"),
    ],
)
def test_crash_outcome(res: ExecResult, stderr: str, verdict: Verdict, says: str) -> None:
    out = crash_outcome(res, stderr, DATA)
    assert out.verdict is verdict
    assert says in out.message


def test_split_stdout_at_markers() -> None:
    out = b"start\n\x1e__COACH_CASE__ 0\na\n\x1e__COACH_CASE__ 1\nno newline\x1e__COACH_CASE__ 2\n"
    pre, per = split_stdout(out)
    assert pre == "start\n" and per == {0: "a\n", 1: "no newline", 2: ""}


def test_trim_keeps_head_and_tail() -> None:
    text = "h" * 3000 + "t" * 3000
    short = trim(text, 1000)
    assert short.startswith("h" * 750) and short.endswith("t" * 250)
    assert "5000 characters cut" in short and trim("ok", 1000) == "ok"
