"""Run candidate code against tests, isolated: ``run(request) -> RunResult``.

One sandboxed process runs all the tests (starting a runtime per test costs 30-40 times more);
compiled languages are compiled once, in their own sandbox, and the build is cached by content
hash. When the process ends early (crash, limit), the test it was on gets the verdict that
explains why, earlier verdicts stand, and a fresh process runs the remaining tests. Expected
outputs never enter the sandbox: outputs are compared here. Synchronous on purpose; the engine
calls it from a worker thread.
"""

from __future__ import annotations

import importlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach_engine.errors import SandboxError
from sandbox import compare, judge
from sandbox.build import build, toolchain_cache
from sandbox.cache import BuildCache, default_cache_dir
from sandbox.isolation import (
    ExecResult,
    ExecSpec,
    IsolationBackend,
    default_name,
    get_backend,
    staging,
)
from sandbox.languages.base import Driver, LanguageRunner, Toolchain
from sandbox.spec import RunRequest, RunResult, TestResult, Verdict

STARTUP_MS = 250  # CPU before the first result line: measured java 68 ms, node 24, python 21
STARTUP_MS_PER_MB = 100  # ... plus parsing cases.json


@dataclass
class _Run:
    request: RunRequest
    lang: LanguageRunner
    toolchain: Toolchain
    backend: IsolationBackend
    driver: Driver
    results: dict[int, TestResult] = field(default_factory=dict)
    cpu_left_ms: float = 0.0
    output_left: int = 0


def run(
    request: RunRequest,
    *,
    backend: str | None = None,
    cache_dir: Path | None = None,
    language_runner: LanguageRunner | None = None,
) -> RunResult:
    """Judge ``request.code`` on ``request.tests`` in the sandbox.

    Args:
        request: code, signature, tests, comparison mode and limits.
        backend: ``bwrap`` (default), ``docker`` or ``unsafe``; None reads
            ``COACH_SANDBOX_BACKEND``. Naming ``unsafe`` here or there is the explicit opt-in.
        cache_dir: the build cache (default ``sandbox.cache.default_cache_dir()``); the
            persistent toolchain cache is its ``.toolchain`` subdirectory.
        language_runner: use this runner instead of ``sandbox.languages.get(request.language)``.

    Returns:
        The verdict of every test and of the run (PRODUCT.md §4).

    Raises:
        SandboxError: the toolchain is missing, isolation is unavailable, or the sandbox broke.
    """
    root = cache_dir or default_cache_dir()
    name = backend or default_name()
    be = get_backend(name, root, allow_unsafe=name == "unsafe")
    be.check()
    tc_host = toolchain_cache(root)
    lang = language_runner or _language(request.language, be.cache_path(tc_host))
    toolchain = lang.toolchain()
    r = _Run(request, lang, toolchain, be, lang.driver(request.signature, request.code))
    total = len(request.tests)
    result = RunResult(language=request.language, verdict=Verdict.AC, passed=0, total=total)
    mounted = getattr(lang, "cache_dir", None)
    uses_cache = mounted is not None and mounted == be.cache_path(tc_host)
    b = build(request, lang, toolchain, r.driver, be, BuildCache(root),
              tc_host if uses_cache else None)  # fmt: skip
    result.compile_ms, result.compile_cached = b.compile_ms, b.cached
    if b.dir is None:
        result.verdict, result.compile_output = Verdict.CE, b.error or ""
        # every test shows the compiler's message and its input, as any failing test does
        result.tests = _present([_result(r, i, Verdict.CE, stderr=result.compile_output)
                                 for i in range(total)])  # fmt: skip
        return result
    try:
        _run_tests(r, b.dir)
    finally:
        if b.scratch:
            staging.remove(b.dir)
    result.tests = _present([r.results[i] for i in range(total)])
    result.passed = sum(t.verdict is Verdict.AC for t in result.tests)
    result.verdict = next((t.verdict for t in result.tests if t.verdict is not Verdict.AC),
                          Verdict.AC)  # fmt: skip
    return result


def _language(name: str, cache_dir: str | None) -> LanguageRunner:
    runner: LanguageRunner = importlib.import_module("sandbox.languages").get(name, cache_dir)
    return runner


def _run_tests(r: _Run, build_dir: Path) -> None:
    limits = r.request.limits
    r.cpu_left_ms, r.output_left = float(limits.total_time_ms), limits.output_kb * 1024
    pending = list(range(len(r.request.tests)))
    while pending:
        if r.cpu_left_ms <= 0 or r.output_left <= 0:
            v = Verdict.TLE if r.cpu_left_ms <= 0 else Verdict.OLE
            why = "total time" if v is Verdict.TLE else "output"
            for i in pending:
                r.results[i] = _result(
                    r, i, v, stderr=f"not run: the run's {why} limit was used up"
                )
            return
        pending = _one_process(r, build_dir, pending)


def _one_process(r: _Run, build_dir: Path, pending: list[int]) -> list[int]:
    """Run ``pending`` tests in one process; return the tests still to run."""
    res = _execute(r, build_dir, pending)
    r.cpu_left_ms -= res.cpu_us / 1000 if res.final else res.wall_ms
    r.output_left -= len(res.stdout) + len(res.stderr)
    limits, tests = r.request.limits, r.request.tests
    preamble, stdout = judge.split_stdout(res.stdout)
    stderr = judge.stderr_by_case(res)
    done, last_cpu, corrupt = 0, 0, False
    for k, raw in enumerate(res.results[: len(pending)]):
        obj = judge.parse_line(raw, k)
        if obj is None:
            corrupt = True  # the program wrote into the driver's result channel
            break
        meas = res.case_meas[k] if k < len(res.case_meas) else {}
        out = judge.judge_line(obj, limits.time_ms)
        i = pending[k]
        verdict = out.verdict
        if verdict is Verdict.AC and not compare.equal(
            out.actual, tests[i].expected, r.request.compare, r.request.tolerance
        ):
            verdict = Verdict.WA
        text = (preamble if k == 0 else "") + stdout.get(k, "")
        r.results[i] = _result(
            r, i, verdict, actual=out.actual, stdout=text,
            stderr=_join(stderr.get(k, ""), out.message), time_ms=out.cpu_us / 1000,
            memory_kb=_memory(meas.get("hwm_kb", -1), res.maxrss_kb),
        )  # fmt: skip
        done, last_cpu = k + 1, int(meas.get("cpu_us", last_cpu))
    if done == len(pending):
        return []
    err = stderr.get(done, "")
    crash = judge.crash_outcome(res, err, r.lang.data_limit_bytes(limits))
    if corrupt:
        crash = judge.Outcome(
            Verdict.RE, message="the program wrote into the result channel (fd 3)"
        )
    # a process that never reached its first test fails every remaining test alike (one run)
    failing = pending[done:] if done == 0 and 0 not in stdout else pending[done : done + 1]
    for n, i in enumerate(failing):
        first = n == 0
        r.results[i] = _result(
            r, i, crash.verdict, stdout=preamble + stdout.get(done, "") if first else "",
            stderr=_join(err, crash.message) if first else crash.message,
            time_ms=_ran_ms(res, max(0, res.cpu_us - last_cpu)) if first else 0,
            memory_kb=res.maxrss_kb if first else 0,
        )  # fmt: skip
    return pending[done + len(failing) :]


def _execute(r: _Run, build_dir: Path, pending: list[int]) -> ExecResult:
    limits = r.request.limits
    job = staging.new_jobdir()
    try:
        staging.populate(job, build_dir)
        cases = json.dumps({"cases": [r.request.tests[i].args for i in pending]})
        (job / "cases.json").unlink(missing_ok=True)  # a hard link into the build cache
        (job / "cases.json").write_text(cases)
        startup = STARTUP_MS + STARTUP_MS_PER_MB * len(cases) // (1 << 20)
        budget_s = (r.cpu_left_ms + startup) / 1000
        data = r.lang.data_limit_bytes(limits)
        spec = ExecSpec(
            r.lang.run_argv(r.backend.workdir(job), limits), job, r.lang.env(limits),
            binds=r.toolchain.binds, cpu_s=math.ceil(budget_s), wall_s=2 * budget_s + 1,
            data_bytes=data, nproc=limits.processes + 4, output_bytes=r.output_left,
            case_cpu_ms=limits.time_ms * 3 // 2 + 100, startup_ms=startup,
            case_wall_s=2 * limits.time_ms / 1000 + 1, stack_bytes=r.lang.stack_limit_bytes(limits),
            memory_bytes=data + (64 << 20), language=r.request.language,
        )  # fmt: skip
        res = r.backend.execute(spec)
    finally:
        staging.remove(job)
    if not res.started:
        detail = res.stderr.decode(errors="replace")[:500]
        raise SandboxError(f"the sandbox failed to start: {detail}")
    return res


def _memory(hwm_kb: int, maxrss_kb: int) -> int:
    """Peak RSS so far at the end of a test; the process's peak when it could not be read."""
    return hwm_kb if hwm_kb > 0 else maxrss_kb


def _ran_ms(res: ExecResult, cpu_us: int) -> float:
    """How long the test that ended the process ran: its CPU time, or, when the host killed the
    process for wall-clock time (no CPU reading survives that kill), the wall time since the
    test began."""
    if res.final is None and res.killed in ("wall", "case_wall"):
        return res.killed_after_ms
    return cpu_us / 1000


def _join(*parts: str) -> str:
    return "\n".join(p.rstrip("\n") for p in parts if p)


def _result(r: _Run, i: int, verdict: Verdict, **kw: Any) -> TestResult:
    test = r.request.tests[i]
    kw["stdout"] = judge.trim(kw.get("stdout", ""))
    kw["stderr"] = judge.trim(kw.get("stderr", ""))
    kw["time_ms"] = round(kw.get("time_ms", 0.0), 3)
    return TestResult(index=i, hidden=test.hidden, verdict=verdict, input=test.args,
                      expected=test.expected, **kw)  # fmt: skip


def _present(results: list[TestResult]) -> list[TestResult]:
    """Hide hidden tests' data except for the first failing one (PRODUCT.md §4)."""
    first = next((t.index for t in results if t.hidden and t.verdict is not Verdict.AC), None)
    for t in results:
        if t.hidden and t.index != first:
            t.input = t.expected = t.actual = None
            t.stdout = t.stderr = ""
    return results
