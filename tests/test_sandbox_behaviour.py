"""The verdicts every backend must give, per language, through ``sandbox.runner.run``.

Written once, parametrised over every backend (bwrap always here; docker skips when no daemon
answers; unsafe runs too, since verdicts must not depend on isolation) and every language
(``python-mini`` is the tests' own tiny runner, so these tests mean something even before or
without the real runners).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hostile.behaviours import BODY_LINE, solution
from hostile.support import backend_or_skip, judge

from sandbox.spec import TestCase, Verdict

LANGS = ["python-mini", "python", "javascript", "java", "cpp", "go"]
BACKENDS = ["bwrap", "docker", "unsafe"]


@pytest.fixture(scope="module")
def cache_dir(shared_build_cache: Path) -> Path:
    return shared_build_cache  # compiles paid once per run, not per module


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, cache_dir: Path) -> str:
    return backend_or_skip(request.param, cache_dir)


def cases(*ns: int) -> list[TestCase]:
    return [TestCase(args=[n], expected=2 * n) for n in ns]


@pytest.mark.parametrize("lang", LANGS)
def test_accepted(lang: str, backend: str, cache_dir: Path) -> None:
    r = judge(lang, solution(lang, "AC"), cases(1, 21, -4), backend=backend, cache_dir=cache_dir)
    assert r.verdict is Verdict.AC, r.tests
    assert (r.passed, r.total) == (3, 3)
    assert [t.actual for t in r.tests] == [2, 42, -8]
    assert all(t.memory_kb > 0 for t in r.tests)
    assert all(0 <= t.time_ms < 300 for t in r.tests)


@pytest.mark.parametrize("lang", LANGS)
def test_wrong_answer(lang: str, backend: str, cache_dir: Path) -> None:
    r = judge(lang, solution(lang, "WA"), cases(1, 2), backend=backend, cache_dir=cache_dir)
    assert r.verdict is Verdict.WA
    assert [(t.verdict, t.actual, t.expected) for t in r.tests] == [
        (Verdict.WA, 3, 2),
        (Verdict.WA, 5, 4),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_time_limit(lang: str, backend: str, cache_dir: Path) -> None:
    t0 = time.monotonic()
    r = judge(lang, solution(lang, "TLE"), cases(1, 2), backend=backend, cache_dir=cache_dir)
    elapsed = time.monotonic() - t0 - r.compile_ms / 1000
    assert [t.verdict for t in r.tests] == [Verdict.TLE, Verdict.TLE]
    # each test is stopped by the per-test CPU watchdog (1.5 x 300 ms + 100 ms) or, on a busy
    # machine, by the per-test wall backstop (2 x 300 ms + 1 s), never by the run's 8 s budget:
    # what each test ran to says which (a loaded machine stretches the whole run's wall time)
    assert all(t.time_ms < 8000 for t in r.tests), r.tests
    assert elapsed < 120, elapsed  # a hang guard only
    assert all(t.time_ms >= 300 or "wall-clock" in t.stderr for t in r.tests), r.tests


@pytest.mark.parametrize("lang", LANGS)
def test_runtime_error(lang: str, backend: str, cache_dir: Path) -> None:
    r = judge(lang, solution(lang, "RE"), cases(5), backend=backend, cache_dir=cache_dir)
    assert r.verdict is Verdict.RE
    assert r.tests[0].stderr.strip()


@pytest.mark.parametrize("lang", LANGS)
def test_compile_error_points_at_the_candidates_line(
    lang: str, backend: str, cache_dir: Path
) -> None:
    r = judge(lang, solution(lang, "CE"), cases(1), backend=backend, cache_dir=cache_dir)
    assert r.verdict is Verdict.CE
    assert [t.verdict for t in r.tests] == [Verdict.CE]
    out = r.compile_output
    assert re.search(rf"([Ss]olution\.\w+:|line ){BODY_LINE}\b", out), out


@pytest.mark.parametrize("lang", LANGS)
def test_memory_limit(lang: str, backend: str, cache_dir: Path) -> None:
    r = judge(lang, solution(lang, "MLE"), cases(1, 2), backend=backend, cache_dir=cache_dir,
              memory_mb=128, time_ms=3000)  # fmt: skip
    assert r.tests[0].verdict is Verdict.MLE, r.tests[0]
    assert r.verdict is Verdict.MLE


@pytest.mark.parametrize("lang", LANGS)
def test_output_limit(lang: str, backend: str, cache_dir: Path) -> None:
    r = judge(lang, solution(lang, "OLE"), cases(1), backend=backend, cache_dir=cache_dir,
              output_kb=64)  # fmt: skip
    assert r.verdict is Verdict.OLE
    assert len(r.tests[0].stdout) <= 2100  # trimmed for display


@pytest.mark.parametrize("lang", LANGS)
def test_crash_in_test_three_keeps_earlier_verdicts_and_judges_the_rest(
    lang: str, backend: str, cache_dir: Path
) -> None:
    r = judge(lang, solution(lang, "CRASH3"), cases(1, 2, 3, 4, 5), backend=backend,
              cache_dir=cache_dir)  # fmt: skip
    assert [t.verdict for t in r.tests] == [Verdict.AC] * 2 + [Verdict.RE] + [Verdict.AC] * 2
    assert [t.actual for t in r.tests] == [2, 4, None, 8, 10]
    assert r.verdict is Verdict.RE and r.passed == 4
