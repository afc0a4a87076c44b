"""The runner's own rules, on the default backend with the tests' tiny Python runner.

One process per run, restarts after a crash, CPU-time judging, hidden tests, per-test output,
the compile cache, and expected outputs never entering the sandbox.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile.minipy import MiniPython

from coach_engine.errors import SandboxError
from sandbox.languages.base import Toolchain
from sandbox.runner import run
from sandbox.spec import Limits, Param, RunRequest, RunResult, Signature, TestCase, Verdict

SIG = Signature(function="solve", params=(Param(name="n", type="int"),), returns="int")


def code(body: str, prelude: str = "") -> str:
    lines = "\n".join("        " + ln for ln in body.strip("\n").splitlines())
    return f"{prelude}class Solution:\n    def solve(self, n):\n{lines}\n"


def go(
    src: str,
    tests: list[TestCase],
    tmp_path: Path,
    runner: MiniPython | None = None,
    **limits: int,
) -> RunResult:
    req = RunRequest(language="python", code=src, signature=SIG, tests=tests,
                     limits=Limits(**{"time_ms": 300, **limits}))  # fmt: skip
    return run(req, cache_dir=tmp_path / "builds", language_runner=runner or MiniPython())


def doubles(*ns: int, hidden: bool = False) -> list[TestCase]:
    return [TestCase(args=[n], expected=2 * n, hidden=hidden) for n in ns]


def test_one_process_runs_every_test(tmp_path: Path) -> None:
    src = code("print(TOKEN)\nreturn n * 2", prelude="import os\nTOKEN = os.urandom(8).hex()\n")
    r = go(src, doubles(1, 2, 3, 4), tmp_path)
    assert r.verdict is Verdict.AC and r.passed == 4
    assert len({t.stdout for t in r.tests}) == 1  # the same process printed every token


def test_stdout_is_attributed_to_its_test(tmp_path: Path) -> None:
    r = go(code("print('test', n)\nreturn n * 2"), doubles(1, 2, 3), tmp_path)
    assert [t.stdout for t in r.tests] == ["test 1\n", "test 2\n", "test 3\n"]


def test_a_crash_restarts_a_fresh_process_for_the_rest(tmp_path: Path) -> None:
    prelude = "import os\nTOKEN = os.urandom(8).hex()  # new in each process\n"
    src = code("import os\nif n == 3:\n    os._exit(7)\nprint(TOKEN)\nreturn n * 2", prelude)
    r = go(src, doubles(1, 2, 3, 4, 5), tmp_path)
    assert [t.verdict for t in r.tests] == [Verdict.AC] * 2 + [Verdict.RE] + [Verdict.AC] * 2
    assert "exit code 7" in r.tests[2].stderr
    assert r.tests[0].stdout == r.tests[1].stdout != r.tests[3].stdout == r.tests[4].stdout


def test_time_is_judged_on_cpu_not_wall_clock(tmp_path: Path) -> None:
    # sleeping 0.5 s uses no CPU: AC under a 300 ms CPU limit (the wall backstop is 1.6 s)
    r = go(code("import time\ntime.sleep(0.5)\nreturn n * 2"), doubles(1), tmp_path)
    assert r.verdict is Verdict.AC
    assert r.tests[0].time_ms < 100


def test_cpu_over_the_limit_is_tle_even_when_the_test_finishes(tmp_path: Path) -> None:
    src = code("import time\nt = time.process_time()\nwhile time.process_time() - t < 0.35:\n"
               "    pass\nreturn n * 2")  # fmt: skip
    r = go(src, doubles(1, 2), tmp_path)
    assert [t.verdict for t in r.tests] == [Verdict.TLE, Verdict.TLE]
    # judged on the CPU time the test reported (a busy machine may hit the wall backstop first)
    assert all(300 < t.time_ms < 450 or "wall-clock" in t.stderr for t in r.tests), r.tests


class CountingStarts(MiniPython):
    """The tests' Python, counting the processes the runner starts (one ``run_argv`` each)."""

    starts = 0

    def run_argv(self, workdir: str, limits: Limits) -> list[str]:
        self.starts += 1
        return super().run_argv(workdir, limits)


def test_start_up_failure_fails_every_test_in_one_go(tmp_path: Path) -> None:
    runner = CountingStarts()
    src = code("return n * 2", prelude="raise SystemExit(4)\n")
    r = go(src, doubles(*range(30)), tmp_path, runner=runner)
    assert {t.verdict for t in r.tests} == {Verdict.RE}
    assert runner.starts == 1  # not 30 restarts


@pytest.mark.slow
def test_the_run_time_budget_is_shared(tmp_path: Path) -> None:
    src = code("while True:\n    pass")
    r = go(src, doubles(*range(6)), tmp_path, time_ms=400, total_time_ms=1000)
    assert {t.verdict for t in r.tests} == {Verdict.TLE}
    assert "not run" in r.tests[-1].stderr


def test_hidden_tests_show_data_only_for_the_first_failure(tmp_path: Path) -> None:
    src = code("print('secret input', n)\nreturn n * 2 if n < 3 else 0")
    r = go(src, doubles(1) + doubles(2, 3, 4, hidden=True), tmp_path)
    visible, h_ok, h_first, h_next = r.tests
    assert visible.input == [1] and visible.actual == 2
    assert (h_ok.verdict, h_ok.input, h_ok.expected, h_ok.actual, h_ok.stdout) == (
        Verdict.AC, None, None, None, "",
    )  # fmt: skip
    assert (h_first.input, h_first.expected, h_first.actual) == ([3], 6, 0)
    assert "secret input 3" in h_first.stdout
    assert (h_next.verdict, h_next.input, h_next.actual, h_next.stdout) == (
        Verdict.WA, None, None, "",
    )  # fmt: skip


def test_expected_outputs_never_enter_the_sandbox(tmp_path: Path) -> None:
    probe = code("import glob\nneedle = str(987654320 + n)  # not literally in this code\n"
                 "return sum(open(p).read().count(needle) for p in glob.glob('*'))")  # fmt: skip
    r = go(probe, [TestCase(args=[1], expected=987654321)], tmp_path)
    assert r.tests[0].actual == 0  # the files it can see (driver, code) lack it
    assert r.tests[0].expected == 987654321


def test_no_test_input_is_in_the_sandbox_before_its_turn(tmp_path: Path) -> None:
    """The supervisor feeds one case per result line: at each call, the job directory holds no
    input and nothing more is waiting on stdin."""
    probe = code(
        "import glob, select\n"
        "needle = str(9876540 + 3)  # not literally in this code\n"
        "files = sum(open(p).read().count(needle) for p in glob.glob('*'))\n"
        "waiting = bool(select.select([0], [], [], 0)[0])\n"
        "return files * 10 + waiting"
    )
    tests = [TestCase(args=[9876543 + k], expected=0) for k in range(4)]
    r = go(probe, tests, tmp_path)
    assert [t.actual for t in r.tests] == [0, 0, 0, 0], r.tests


def test_long_output_is_trimmed(tmp_path: Path) -> None:
    r = go(code("print('y' * 50000)\nreturn n * 2"), doubles(1), tmp_path)
    assert r.verdict is Verdict.AC
    assert 1000 < len(r.tests[0].stdout) < 2200 and "characters cut" in r.tests[0].stdout


def test_compile_cache_skips_the_compiler_on_a_rerun(tmp_path: Path) -> None:
    checker = MiniPython(check_syntax=True)
    first = go(code("return n * 2"), doubles(1), tmp_path, runner=checker)
    again = go(code("return n * 2"), doubles(1, 2), tmp_path, runner=checker)
    changed = go(code("return 2 * n"), doubles(1), tmp_path, runner=checker)
    assert (first.compile_cached, again.compile_cached, changed.compile_cached) == (
        False, True, False,
    )  # fmt: skip
    assert first.compile_ms > 0 and again.compile_ms == 0
    assert again.verdict is Verdict.AC


def test_compile_errors_are_ce_with_output(tmp_path: Path) -> None:
    r = go(code("return n *"), doubles(1, 2), tmp_path, runner=MiniPython(check_syntax=True))
    assert r.verdict is Verdict.CE and r.passed == 0 and r.total == 2
    assert "SyntaxError" in r.compile_output and "line 3" in r.compile_output


def test_missing_toolchain_is_a_sandbox_error(tmp_path: Path) -> None:
    class Broken(MiniPython):
        def toolchain(self) -> Toolchain:
            raise SandboxError("python3 is missing: apt-get install python3")

    with pytest.raises(SandboxError, match="apt-get install python3"):
        go(code("return n * 2"), doubles(1), tmp_path, runner=Broken())


def test_writing_into_the_result_channel_is_a_runtime_error(tmp_path: Path) -> None:
    src = code('import os\nif n == 2:\n    os.write(3, b\'{"i": 1, "ok": true}\\n\')\nreturn n * 2')
    r = go(src, doubles(1, 2, 3), tmp_path)
    assert [t.verdict for t in r.tests] == [Verdict.AC, Verdict.RE, Verdict.AC]
    assert "result channel" in r.tests[1].stderr


def test_concurrent_runs_from_threads(tmp_path: Path) -> None:
    # the engine calls run() from worker threads: no preexec_fn, no shared mutable state
    from concurrent.futures import ThreadPoolExecutor

    def one(k: int) -> RunResult:
        return go(code(f"return n * 2 + {k % 2}"), doubles(k, k + 1), tmp_path)

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(one, range(12)))
    assert [r.verdict for r in results] == [Verdict.AC, Verdict.WA] * 6
