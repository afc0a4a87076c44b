"""Run candidate code against tests, isolated: ``run(request) -> RunResult``.

One sandboxed process runs all the tests (starting a runtime per test costs 30-40 times more);
compiled languages are compiled once, in their own sandbox, and the build is cached by content
hash. When the process ends early (crash, limit), the test it was on gets the verdict that
explains why, earlier verdicts stand, and a fresh process runs the remaining tests. Expected
outputs never enter the sandbox: outputs are compared here. Synchronous on purpose; the engine
calls it from a worker thread.

Time is measured from outside the program. The driver's result lines share a process with the
candidate's code, so they are read as hostile input (``sandbox.protocol``), and a test's CPU
time is what the supervisor read from the kernel for the whole process, all threads, at each
line: everything since the previous line (since the driver's ready line for the first test, plus
whatever the runtime's start-up used beyond ``BOOT_MS``). The program may start threads but no
process (``ExecSpec.single_process``), so that is everything it used. The driver's own
``cpu_us`` only refines ``call_ms`` for the judge's timing, and only where the measurement
leaves room for it (``_call_ms``). The driver gets one case at a time (``ExecSpec.feed``): case k's
input enters the sandbox only after case k-1's line was stamped, so no test's work can be done
in an earlier test's window, nor at load time.
"""

from __future__ import annotations

import importlib
import json
import math
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach_engine.errors import SandboxError
from sandbox import compare, judge, protocol
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

if TYPE_CHECKING:
    from sandbox.settings import SandboxSettings

STARTUP_MS = 250  # CPU before the first result line: measured java 68 ms, node 24, python 21
STARTUP_MS_PER_MB = 100  # ... plus decoding the first case
# CPU a runtime may use, all threads, before the driver's ready line; beyond it, start-up work is
# the first test's. Go init() and C++ static constructors run candidate code before main, so
# their drivers write the line first thing and their allowance is tight (measured 1.5 ms). The
# others run no candidate code before the line, written just before the candidate's code is
# loaded, after the runtime's start (python and node 22 ms, java 70): a generous allowance costs
# nothing there. No case exists in the sandbox before the line (``ExecSpec.feed``): whatever
# the candidate's code does at load time, it does without any test's input, on the first test.
BOOT_MS = {"cpp": 20, "go": 20, "python": 300, "javascript": 300, "java": 500}
# A process also pays for loading the candidate's classes and for the JIT's compiles of their
# methods, on compiler threads that are charged with the rest: on the first test (measured: a
# trivial Java solution's first test 30-90 ms of CPU where later ones take < 1 ms) and again on
# the first test that takes a new path (the first large input, the first call into streams or
# regex: 10-35 ms measured). Each process gets this much CPU beyond the limit, spent by whichever
# tests go over it, so that a tight limit judges the solution, not the runtime's warm-up. Once it
# is spent every test has the plain limit; the time shown stays what was measured.
WARMUP_MS = {"java": 200, "javascript": 40, "python": 10}
# What the driver itself may do between two result lines besides the call it times (marker,
# decoding the arguments, encoding the output, GC and JIT threads): beyond it the driver's own
# per-call CPU is not believed and the judge's timing uses the measured time.
CALL_SLACK_US = 10_000
VIOLATED = "result protocol violated on the result channel (fd 3)"
CALL_SLACK_NS_PER_BYTE = 200


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
    results_left: int = 0  # bytes of result lines the host still reads, across restarts
    args_json: dict[int, str] = field(default_factory=dict)
    expected_bytes: dict[int, int] = field(default_factory=dict)


def run(
    request: RunRequest,
    *,
    backend: str | None = None,
    cache_dir: Path | None = None,
    language_runner: LanguageRunner | None = None,
    settings: SandboxSettings | None = None,
) -> RunResult:
    """Judge ``request.code`` on ``request.tests`` in the sandbox.

    Args:
        request: code, signature, tests, comparison mode and limits.
        backend: ``bwrap`` (default), ``docker`` or ``unsafe``; None reads
            ``COACH_SANDBOX_BACKEND``. Naming ``unsafe`` here or there is the explicit opt-in.
        cache_dir: the build cache (default ``sandbox.cache.default_cache_dir()``); the
            persistent toolchain cache is its ``.toolchain`` subdirectory.
        language_runner: use this runner instead of ``sandbox.languages.get(request.language)``.
        settings: what the person's configuration says (built by the engine): its backend and
            build cache unless given above, and the time and memory limits ``request`` leaves
            unset (``SandboxSettings.limits``).

    Returns:
        The verdict of every test and of the run (PRODUCT.md §4).

    Raises:
        SandboxError: the toolchain is missing, isolation is unavailable, or the sandbox broke.
    """
    if settings is not None:
        request = settings.request(request)
        backend, cache_dir = backend or settings.backend, cache_dir or settings.cache_dir
    root = cache_dir or default_cache_dir()
    name = backend or default_name()
    be = get_backend(name, root, allow_unsafe=name == "unsafe")
    be.check()
    tc_host = toolchain_cache(root)
    # The language's own part of the toolchain cache (what build.language_cache hands the build):
    # a backend without mounts shows it at its host path, so the runner must name that one, or
    # the precompile's stamp and its output land in different directories (issue 13: unsafe C++
    # compiled without its header, Go built its standard library apart from bwrap's).
    lang_host = tc_host / request.language
    lang = language_runner or _language(request.language, be.cache_path(lang_host))
    toolchain = lang.toolchain()
    r = _Run(request, lang, toolchain, be, lang.driver(request.signature, request.code))
    total = len(request.tests)
    result = RunResult(language=request.language, verdict=Verdict.AC, passed=0, total=total)
    mounted = getattr(lang, "cache_dir", None)
    uses_cache = mounted is not None and mounted == be.cache_path(lang_host)
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
    limits, tests = r.request.limits, r.request.tests
    r.cpu_left_ms, r.output_left = float(limits.total_time_ms), limits.output_kb * 1024
    for i, t in enumerate(tests):
        r.args_json[i] = json.dumps(t.args, separators=(",", ":"))
        if t.expected is not None:
            r.expected_bytes[i] = len(json.dumps(t.expected, separators=(",", ":")))
    # the host reads and decodes at most this much of result lines in the whole run: the
    # output cap plus room for every expected output several times over
    r.results_left = r.output_left + sum(4 * n + 4096 for n in r.expected_bytes.values())
    pending = list(range(len(tests)))
    while pending:
        if r.cpu_left_ms <= 0 or r.output_left <= 0 or r.results_left <= 0:
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
    r.results_left -= sum(len(line) + 1 for line in res.results)
    if res.killed == "output":  # a cap was hit: what is left of it is not worth a restart
        r.results_left = min(r.results_left, 0)
    preamble, stdout = judge.split_stdout(res.stdout)
    stderr = judge.stderr_by_case(res, skip=1)  # the ready line is not a test

    def stamp(j: int) -> int:
        """The supervisor's reading of the process's CPU (µs) when line ``j`` arrived."""
        rec = res.case_meas[j] if j < len(res.case_meas) else {}
        value = rec.get("cpu_us")
        return value if isinstance(value, int) and value >= 0 else res.cpu_us

    lines = res.results
    violation = ""
    if lines and lines[0] != protocol.READY:
        violation = "the first line on fd 3 is not the driver's ready line"
    lang = r.request.language
    boot_us = BOOT_MS.get(lang, 250) * 1000
    prev = stamp(0) if lines else 0
    carry = max(0, prev - boot_us)  # start-up beyond the runtime's own: the first test's
    warmup_left = WARMUP_MS.get(lang, 0) * 1000  # this process's, spent by tests over the limit
    warmup_last = warmup_left
    done = 0
    while not violation and done < len(pending) and done + 1 < len(lines):
        k, now = done, stamp(done + 1)
        try:
            line = protocol.parse(lines[k + 1], k)
        except protocol.Violation as v:
            violation = str(v)
            break
        charged = max(0, now - prev) + (carry if k == 0 else 0)
        prev = now
        meas = res.case_meas[k + 1] if k + 1 < len(res.case_meas) else {}
        text = (preamble if k == 0 else "") + stdout.get(k, "")
        r.results[pending[k]] = _judged(r, pending[k], line, charged, text, stderr.get(k, ""),
                                        _memory(meas.get("hwm_kb", -1), res.maxrss_kb),
                                        warmup_left)  # fmt: skip
        warmup_last = warmup_left
        warmup_left -= min(warmup_left, max(0, charged - r.request.limits.time_ms * 1000))
        done = k + 1
    if done == len(pending):
        last = r.results[pending[-1]]
        # After its last line an honest driver only exits. CPU used after it is the last
        # test's; more than a test may use means the lines were sent ahead of the work they
        # report (written early, the driver's own silenced): none of them stands.
        tail = max(0, res.cpu_us - prev)
        last_limit_ms = r.request.limits.time_ms + warmup_last / 1000
        ran_on = res.killed in ("watchdog", "wall", "case_wall") or res.signal == signal.SIGXCPU
        if ran_on or res.final is None or tail > last_limit_ms * 1000:
            note = (f"used {tail / 1000:.0f} ms of CPU after reporting its results" if res.final
                    else "kept running after reporting its results")  # fmt: skip
            for i in pending:
                t = r.results[i]
                t.verdict, t.actual, t.stderr = Verdict.TLE, None, _join(t.stderr, note)
            return []
        last.time_ms = round(last.time_ms + tail / 1000, 3)
        if last.time_ms > last_limit_ms and last.verdict in (Verdict.AC, Verdict.WA):
            last.verdict = Verdict.TLE
            last.stderr = _join(last.stderr, f"used {last.time_ms:.0f} ms of CPU")
        if len(lines) > done + 1 or res.killed == "protocol":  # lines nobody asked for
            last.verdict = Verdict.RE
            last.stderr = _join(last.stderr, f"{VIOLATED}: more lines than tests")
        return []
    err = stderr.get(done, "")
    crash = judge.crash_outcome(res, err, r.lang.data_limit_bytes(r.request.limits))
    if violation or res.killed == "protocol":
        why = violation or "more lines than tests"
        crash = judge.Outcome(Verdict.RE, message=f"{VIOLATED}: {why}")
    # a process that never reached its first test fails every remaining test alike (one run)
    failing = pending[done:] if done == 0 and 0 not in stdout else pending[done : done + 1]
    spent = max(0, res.cpu_us - prev) + (carry if done == 0 else 0)
    for n, i in enumerate(failing):
        first = n == 0
        r.results[i] = _result(
            r, i, crash.verdict, stdout=preamble + stdout.get(done, "") if first else "",
            stderr=_join(err, crash.message) if first else crash.message,
            time_ms=_ran_ms(res, spent) if first else 0, memory_kb=res.maxrss_kb if first else 0,
        )  # fmt: skip
    return pending[done + len(failing) :]


def _judged(
    r: _Run,
    i: int,
    line: protocol.Line,
    charged_us: int,
    stdout: str,
    stderr: str,
    memory: int,
    warmup_us: int = 0,
) -> TestResult:
    """The verdict of a test whose result line arrived, on the supervisor's ``charged_us``.

    ``warmup_us`` raises the limit: what is left of the process's ``WARMUP_MS``."""
    limit_us = r.request.limits.time_ms * 1000 + warmup_us
    test = r.request.tests[i]
    call = _call_ms(line, charged_us, len(r.args_json[i]))
    common: dict[str, Any] = {"time_ms": charged_us / 1000, "call_ms": call, "memory_kb": memory,
                              "stdout": stdout}  # fmt: skip
    if not line.ok:
        error = line.error + (f" (line {line.line_no})" if line.line_no else "")
        verdict = judge.memory_verdict(error) or Verdict.RE
        return _result(r, i, verdict, stderr=_join(stderr, error), **common)
    if charged_us > limit_us:
        return _result(r, i, Verdict.TLE, actual=protocol.shown_raw(line.out_raw),
                       stderr=_join(stderr, f"used {charged_us / 1000:.0f} ms of CPU"),
                       **common)  # fmt: skip
    if test.expected is None:  # nothing to compare against (the judge's timing cases)
        verdict = Verdict.AC if line.out_raw == b"null" else Verdict.WA
        return _result(r, i, verdict, actual=protocol.shown_raw(line.out_raw), stderr=stderr,
                       **common)  # fmt: skip
    # decoding and comparing cost the host at most a few times the expected output's size
    bound = 4 * r.expected_bytes[i] + 1024
    try:
        actual = protocol.decode_value(line.out_raw, bound)
        same = compare.equal(actual, test.expected, r.request.compare, r.request.tolerance)
    except OverflowError:
        note = f"the output has {len(line.out_raw)} bytes, far more than the expected output"
        return _result(r, i, Verdict.WA, actual=protocol.shown_raw(line.out_raw),
                       stderr=_join(stderr, note), **common)  # fmt: skip
    except protocol.Violation as v:
        return _result(r, i, Verdict.RE, stderr=_join(stderr, f"{VIOLATED}: {v}"),
                       **common)  # fmt: skip
    except (RecursionError, TypeError, ValueError, MemoryError):
        return _result(r, i, Verdict.RE, stderr=_join(stderr, VIOLATED),
                       **common)  # fmt: skip
    return _result(r, i, Verdict.AC if same else Verdict.WA, actual=protocol.shown(actual),
                   stderr=stderr, **common)  # fmt: skip


def _call_ms(line: protocol.Line, charged_us: int, args_bytes: int) -> float:
    """The solution's call alone, for the judge's timing: the driver's claim where the
    supervisor's measurement leaves room for it (the driver's own work between two lines is
    linear in the bytes it decodes and encodes), else the measurement. A program that patches
    the driver's clock or works in other threads at most hides that slack."""
    claim = line.claimed_cpu_us
    slack = CALL_SLACK_US + CALL_SLACK_NS_PER_BYTE * (args_bytes + len(line.out_raw)) // 1000
    if charged_us - claim > slack:
        return charged_us / 1000
    return min(claim, charged_us + CALL_SLACK_US) / 1000


def _execute(r: _Run, build_dir: Path, pending: list[int]) -> ExecResult:
    limits = r.request.limits
    job = staging.new_jobdir()
    try:
        staging.populate(job, build_dir)
        # No test's input is a file in the sandbox: the helper hands the driver one case at a
        # time on stdin, each after the previous result was stamped (``ExecSpec.feed``).
        feed = "".join(r.args_json[i] + "\n" for i in pending).encode()
        startup = STARTUP_MS + STARTUP_MS_PER_MB * len(r.args_json[pending[0]]) // (1 << 20)
        budget_s = (r.cpu_left_ms + startup) / 1000
        data = r.lang.data_limit_bytes(limits)
        case_cpu_ms = limits.time_ms * 3 // 2 + 100 + WARMUP_MS.get(r.request.language, 0)
        spec = ExecSpec(
            r.lang.run_argv(r.backend.workdir(job), limits), job, r.lang.env(limits),
            binds=r.toolchain.binds, cpu_s=math.ceil(budget_s), wall_s=2 * budget_s + 1,
            data_bytes=data, nproc=limits.processes + 4, output_bytes=r.output_left,
            case_cpu_ms=case_cpu_ms, startup_ms=startup,
            case_wall_s=2 * limits.time_ms / 1000 + 1, stack_bytes=r.lang.stack_limit_bytes(limits),
            memory_bytes=data + (64 << 20), language=r.request.language, single_process=True,
            results_bytes=max(0, r.results_left), max_lines=len(pending) + 1, feed=feed,
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
    kw["call_ms"] = round(kw.get("call_ms", kw["time_ms"]), 3)
    shown_in = protocol.shown(test.args, r.args_json.get(i))
    big = r.expected_bytes.get(i, 0) > protocol.SHOW_BYTES  # rare: dump it again only then
    shown_exp = protocol.shown(test.expected) if big else test.expected
    return TestResult(index=i, hidden=test.hidden, verdict=verdict, input=shown_in,
                      expected=shown_exp, **kw)  # fmt: skip


def _present(results: list[TestResult]) -> list[TestResult]:
    """Hide hidden tests' data except for the first failing one (PRODUCT.md §4)."""
    first = next((t.index for t in results if t.hidden and t.verdict is not Verdict.AC), None)
    for t in results:
        if t.hidden and t.index != first:
            t.input = t.expected = t.actual = None
            t.stdout = t.stderr = ""
    return results
