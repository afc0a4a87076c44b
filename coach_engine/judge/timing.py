"""One timing run in the sandbox: many sized cases in one request, read back as samples.

The sandbox reports, per case, the CPU time its supervisor measured for the whole process (all
threads) and ``call_ms``: the solution's call alone as the driver timed it (argument decoding and
output encoding excluded) where that measurement bears it out, else the measurement itself — so
a patched clock or work in another thread cannot make a case look faster than it ran — and the
process's memory high-water mark. Timing cases carry no
expected output: the runner then judges every finished case WA, which is fine — correctness is
the tests' business; here only the time and whether the case finished count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from coach_engine.problems import Problem
from coach_engine.problems.build import case_size
from sandbox.spec import Compare, Limits, RunRequest, RunResult, TestCase, Verdict

Runner = Callable[[RunRequest], RunResult]

# The drivers time each case with the thread CPU clock (harness version 2). The process clock
# would only tick every 4 ms here once RLIMIT_CPU arms the process CPU timer; ``coarse`` still
# detects tick-sized readings from the data, in case a runtime reports them.

Status = Literal["ok", "slow", "killed", "failed", "skipped"]


@dataclass(frozen=True)
class Sample:
    """One timed case: size ``n``, input ``j``, its CPU time and how it ended."""

    n: int
    j: int
    ms: float
    status: Status
    memory_kb: int = 0


def run_cases(
    run: Runner,
    problem: Problem,
    language: str,
    code: str,
    cases: list[tuple[int, int, list[Any]]],
    *,
    case_ms: float,
    total_ms: float,
) -> list[Sample]:
    """Run ``(n, j, args)`` cases in one sandbox process, in order; one sample per case.

    ``case_ms`` is the CPU limit of one case, ``total_ms`` the CPU budget of the run: once it is
    used up the remaining cases are reported ``skipped``. The smallest case runs once more
    first, untimed: a process's first call pays for lazy loading, first allocations and JIT
    warm-up (milliseconds, not a property of the input), which would otherwise be charged to
    whichever case comes first.
    """
    if not cases:
        return []
    warm = min(cases, key=lambda c: case_size(c[2]))
    cases = [warm, *cases]
    limits = problem.limits.model_copy(
        update={
            "time_ms": int(min(max(case_ms, 10), 60_000)),
            "total_time_ms": int(min(max(total_ms, 100), 600_000)),
            "memory_mb": max(problem.limits.memory_mb, 256),
            "output_kb": 65_536,
        }
    )
    request = RunRequest(
        language=language,
        code=code,
        signature=problem.signature,
        tests=[TestCase(args=args) for _, _, args in cases],
        compare=Compare.EXACT,  # nothing is compared (expected is None): keep it cheap
        limits=Limits.model_validate(limits.model_dump()),
    )
    result = run(request)
    out = []
    for (n, j, _), t in list(zip(cases, result.tests, strict=True))[1:]:
        status = _status(t.verdict, t.stderr)
        # a killed case's reported time is a guess from the process's CPU; what is certain is
        # that it ran past its limit
        ms = float(limits.time_ms) if status == "killed" else t.call_ms
        if status == "slow":  # over the limit: the supervisor's measurement, as judged
            ms = t.time_ms
        out.append(Sample(n, j, ms, status, max(t.memory_kb, 0)))
    return out


def _status(verdict: Verdict | str, stderr: str) -> Status:
    v = Verdict(verdict)
    if v in (Verdict.AC, Verdict.WA):
        return "ok"
    if v is Verdict.TLE:
        if "ms of CPU" in stderr and "time limit" not in stderr:
            return "slow"  # finished, over the limit: its time is a real measurement
        return "skipped" if "not run" in stderr else "killed"
    return "failed"


def coarse(samples: list[Sample]) -> bool:
    """True when repeats of one input read 0 and then a sizeable time: a tick-based clock."""
    by_input: dict[tuple[int, int], list[float]] = {}
    for s in samples:
        if s.status == "ok":
            by_input.setdefault((s.n, s.j), []).append(s.ms)
    zeros = [v for v in by_input.values() if len(v) >= 2 and min(v) == 0]
    if any(max(v) >= 0.5 for v in zeros):
        return True
    # a larger input reading 0 after a smaller one took a sizeable time: the clock lags
    sized = sorted((n, min(v)) for (n, _), v in by_input.items())
    return any(t == 0 and any(m >= 0.3 for k, m in sized if k < n) for n, t in sized)


def estimate(samples: list[Sample], is_coarse: bool) -> dict[int, float]:
    """Per size: the worst input's time, each input's time being its best repeat (the least
    disturbed by other load) — or its mean repeat when the clock is tick-based, where the best
    repeat is biased to 0.

    A size has an estimate only when every input of it that ran finished at least once: when
    one input ran out of time, crashed or was skipped while another finished, the worst input
    is unknown, and the finished one's time would read as the size's (a size that looks
    faster than a smaller one is the result)."""
    per_input: dict[tuple[int, int], list[float]] = {}
    unfinished: set[int] = set()
    for s in samples:
        if s.status in ("ok", "slow"):
            per_input.setdefault((s.n, s.j), []).append(s.ms)
    for s in samples:
        if s.status not in ("ok", "slow") and (s.n, s.j) not in per_input:
            unfinished.add(s.n)
    per_size: dict[int, float] = {}
    for (n, _), times in per_input.items():
        if n in unfinished:
            continue
        value = sum(times) / len(times) if is_coarse else min(times)
        per_size[n] = max(per_size.get(n, 0.0), value)
    return per_size
