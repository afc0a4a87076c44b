"""Verdicts the candidate's code cannot forge (issue 12, items 1-3).

The programs of ``hostile/forgery.py`` do work that honestly gets TLE, and try to hide it: a
patched clock, a second thread, a child process, start-up code, result lines sent early. Others
write malformed or oversized result lines. Each must get the verdict the honest work gets (or a
runtime error: process creation is forbidden, a broken protocol is RE), in bounded CPU, with
small JSON output. The last tests feed random and adversarial result streams to the runner's
parser: always a verdict, never an exception, bounded host memory.

Assertions are on verdicts, CPU time and counts, never on wall-clock margins.
"""

from __future__ import annotations

import json
import random
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hostile.forgery import FORGERIES, HONEST, WRITE_LINE
from hostile.minipy import MiniPython
from hostile.support import ATTACK, SOLVE, backend_or_skip, judge

from sandbox import protocol, runner
from sandbox.isolation.base import ExecResult
from sandbox.spec import Limits, RunRequest, RunResult, TestCase, Verdict

TIME_MS = 300
JSON_CAP = 64 << 10  # a run's JSON (what `coach run --json` prints) stays this small


@pytest.fixture(scope="module")
def cache_dir(shared_build_cache: Path) -> Path:
    return shared_build_cache  # compiles paid once per run, not per module


@pytest.fixture(params=["bwrap"])
def backend(request: pytest.FixtureRequest, cache_dir: Path) -> str:
    return backend_or_skip(request.param, cache_dir)


def doubles(*ns: int) -> list[TestCase]:
    return [TestCase(args=[n], expected=2 * n) for n in ns]


CASES = [(kind, lang) for kind, by_lang in FORGERIES.items() for lang in by_lang]


def test_every_class_is_tried_in_every_language_it_applies_to() -> None:
    assert {lang for by in FORGERIES.values() for lang in by} == {
        "python", "javascript", "java", "cpp", "go"}  # fmt: skip
    for kind in ("thread", "child", "init", "early_lines"):
        assert len(FORGERIES[kind]) >= 4, kind
    assert len(WRITE_LINE) == 5


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "lang"), CASES, ids=[f"{k}-{lang}" for k, lang in CASES])
def test_hidden_work_is_charged(kind: str, lang: str, backend: str, cache_dir: Path) -> None:
    """Each test of these programs burns BURN_MS of CPU, 5x the limit: none may pass."""
    r = judge(lang, FORGERIES[kind][lang], doubles(1, 2, 3), backend=backend,
              cache_dir=cache_dir, time_ms=TIME_MS, total_time_ms=12_000)  # fmt: skip
    assert r.verdict in (Verdict.TLE, Verdict.RE), r.tests
    assert r.passed == 0, r.tests
    assert all(t.verdict in (Verdict.TLE, Verdict.RE) for t in r.tests), r.tests
    first = r.tests[0]
    if first.verdict is Verdict.TLE and "CPU" in first.stderr and "after" not in first.stderr:
        assert first.time_ms >= TIME_MS, first  # the time shown is the CPU measured
    if kind == "child":  # forbidden: the program learns it cannot, and gets no CPU elsewhere
        assert r.tests[0].verdict is Verdict.RE, r.tests[0]
    assert len(r.model_dump_json()) < JSON_CAP


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(WRITE_LINE))
def test_the_same_work_done_honestly_is_tle(lang: str, backend: str, cache_dir: Path) -> None:
    r = judge(lang, HONEST[lang], doubles(1), backend=backend, cache_dir=cache_dir, time_ms=TIME_MS,
              total_time_ms=6000)  # fmt: skip
    assert r.tests[0].verdict is Verdict.TLE, r.tests[0]


# --- malformed and oversized result lines, from inside the sandbox -----------------------------

HEAD = '{"i":0,"ok":true,"out":'
MALFORMED = {  # name: (count, exit, prefix, unit, suffix)
    "deep": (100_000, 1, HEAD, "[", ""),
    "deep_error": (100_000, 1, '{"i":0,"ok":false,"error":', "[", "]"),
    "cpu_string": (0, 1, HEAD + '"x","cpu_us":"12","wall_us":0}', "", ""),
    "cpu_inf": (0, 1, HEAD + '"x","cpu_us":1e999,"wall_us":0}', "", ""),
    "cpu_list": (0, 1, HEAD + '"x","cpu_us":[1],"wall_us":0}', "", ""),
    "out_nan": (0, 1, HEAD + 'NaN,"cpu_us":0,"wall_us":0}', "", ""),
    "brackets": (2000, 1, HEAD + '"', '\\"]', '","cpu_us":0,"wall_us":0}'),  # valid: WA
    "garbage": (3000, 0, "", "{", ""),
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(WRITE_LINE))
@pytest.mark.parametrize("variant", sorted(MALFORMED))
def test_malformed_result_lines_are_a_runtime_error(
    lang: str, variant: str, backend: str, cache_dir: Path
) -> None:
    count, stop, prefix, unit, suffix = MALFORMED[variant]
    arg = f"{count}|{stop}|{prefix}|{unit}|{suffix}"
    tests = [TestCase(args=[arg], expected="x"), TestCase(args=[arg], expected="x")]
    r = judge(lang, WRITE_LINE[lang], tests, backend=backend, cache_dir=cache_dir,
              signature=ATTACK, time_ms=2000, total_time_ms=20_000)  # fmt: skip
    if variant == "brackets":  # a well-formed line (brackets inside a string): judged, wrong
        assert [t.verdict for t in r.tests] == [Verdict.WA, Verdict.RE], r.tests
    else:
        assert [t.verdict for t in r.tests] == [Verdict.RE, Verdict.RE], r.tests
        assert "result protocol violated" in r.tests[0].stderr, r.tests[0]
    assert len(r.model_dump_json()) < JSON_CAP


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(WRITE_LINE))
def test_an_oversized_line_in_every_restart_is_ole_in_bounded_host_work(
    lang: str, backend: str, cache_dir: Path
) -> None:
    """A 40 MB result line written by every restarted process (a 60 MB one took 797 s, 5.8 GB
    of host memory and 255 MB of JSON): cut at the run's result budget, in one process."""
    arg = f'20000000|1|{HEAD}[|1,|1],"cpu_us":0,"wall_us":0}}'  # 40 MB
    tests = [TestCase(args=[arg], expected="x") for _ in range(5)]
    tracemalloc.start()
    try:
        r = judge(lang, WRITE_LINE[lang], tests, backend=backend, cache_dir=cache_dir,
                  signature=ATTACK, time_ms=2000, total_time_ms=20_000)  # fmt: skip
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [t.verdict for t in r.tests] == [Verdict.OLE] * 5, r.tests
    assert peak < 48 << 20  # host memory: the run's result budget, not the line
    assert sum("not run" in t.stderr for t in r.tests) == 4  # one process was started
    assert len(r.model_dump_json()) < JSON_CAP


@pytest.mark.slow
def test_large_outputs_are_shown_truncated(backend: str, cache_dir: Path) -> None:
    code = "class Solution:\n    def attack(self, arg: str) -> str:\n        return arg * 50000\n"
    r = judge("python", code, [TestCase(args=["ab"], expected="ab")], backend=backend,
              cache_dir=cache_dir, signature=ATTACK)  # fmt: skip
    t = r.tests[0]
    assert t.verdict is Verdict.WA
    assert isinstance(t.actual, str) and "more bytes not shown" in t.actual
    assert len(r.model_dump_json()) < JSON_CAP


# --- the parser alone: random and adversarial streams ------------------------------------------


def _fake(lines: list[bytes], meas: list[Any], final_cpu: int) -> ExecResult:
    res = ExecResult(started=True, exit_code=0, cpu_us=final_cpu, maxrss_kb=1000)
    res.final = {"exit": 0, "cpu_us": final_cpu}
    res.results = lines
    res.case_meas = [{"line": k + 1, "cpu_us": c, "hwm_kb": 100} for k, c in enumerate(meas)]
    return res


def _adversarial(rng: random.Random, k: int) -> bytes:
    depth = rng.choice([1, 3, 5, 50, 100_000])
    choices = [
        b"",
        b"\n",
        protocol.READY,
        bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300))),
        b'{"i":%d,"ok":true,"out":%s,"cpu_us":0,"wall_us":0}' % (k, b"[" * depth + b"]" * depth),
        b'{"i":%d,"ok":true,"out":%s,"cpu_us":0,"wall_us":0}' % (k, b"[" * depth),
        b'{"i":%d,"ok":true,"out":1,"cpu_us":"1","wall_us":0}' % k,
        b'{"i":%d,"ok":true,"out":1e999,"cpu_us":1,"wall_us":0}' % k,
        b'{"i":%d,"ok":true,"out":NaN,"cpu_us":1,"wall_us":0}' % k,
        b'{"i":%d,"ok":true,"out":%s,"cpu_us":1,"wall_us":0}' % (k, b"9" * 6000),
        b'{"i":%d,"ok":false,"error":[1],"cpu_us":1e999}' % k,
        b'{"i":%d,"ok":false,"error":"x","line":"7","cpu_us":1}' % k,
        b'{"i":%d,"ok":"yes","out":1}' % k,
        b'{"i":true,"ok":true,"out":1}',
        b'{"i":%d,"ok":true}' % k,
        b'{"i":%d,"ok":true,"out":{"a":[1,{"b":2}]},"cpu_us":1,"wall_us":1}' % k,
        b'{"i":%d,"ok":true,"out":"\\ud800","cpu_us":1,"wall_us":1}' % k,
        b'{"i":%d,"ok":true,"out":[%s],"cpu_us":1,"wall_us":1}' % (k, b",".join([b"1"] * 20000)),
        b"[" * 200_000,
        b'"' + b"\\" * 1001,
        b'{"i":%d,"ok":true,"out":%d,"cpu_us":1,"wall_us":1}' % (k, 2 * (k + 1)),
    ]
    return rng.choice(choices)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("mode", ["exact", "unordered", "float"])
def test_the_parser_gives_a_verdict_for_any_stream(
    seed: int, mode: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rng = random.Random(seed * 7919 + len(mode))
    tests = [TestCase(args=[k + 1], expected=[2 * (k + 1), [1, 2]] if mode == "unordered"
                      else 2 * (k + 1)) for k in range(4)]  # fmt: skip
    rounds: list[ExecResult] = []

    def fake_execute(r: Any, build_dir: Path, pending: list[int]) -> ExecResult:
        lines = [protocol.READY] if rng.random() < 0.8 else []
        lines += [_adversarial(rng, k) for k in range(rng.randint(0, len(pending) + 2))]
        meas = sorted(rng.randint(-5, 10**7) for _ in range(rng.randint(0, len(lines) + 1)))
        res = _fake(lines, meas, rng.choice([0, 10**6, 10**8]))
        res.killed = rng.choice([None, None, "watchdog", "output", "protocol", "wall"])
        rounds.append(res)
        return res

    monkeypatch.setattr(runner, "_execute", fake_execute)
    tracemalloc.start()
    try:
        for _ in range(15):
            limits = Limits(time_ms=1000, total_time_ms=10**5)
            req = RunRequest(language="python", code="x = 1\n", signature=SOLVE, tests=tests,
                             compare=mode, limits=limits)  # fmt: skip
            result = runner.run(req, cache_dir=tmp_path / "b", language_runner=MiniPython())
            assert isinstance(result, RunResult)
            assert [t.index for t in result.tests] == [0, 1, 2, 3]
            assert all(isinstance(t.verdict, Verdict) for t in result.tests)
            json.loads(result.model_dump_json())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rounds
    assert peak < 64 << 20


def test_the_parser_bounds_depth_and_size_before_decoding() -> None:
    deep = (
        b'{"i":0,"ok":true,"out":' + b"[" * 100_000 + b"]" * 100_000 + b',"cpu_us":0,"wall_us":0}'
    )
    with pytest.raises(protocol.Violation):
        protocol.parse(deep, 0)
    for raw in (b'{"i":0,"ok":true,"out":1,"cpu_us":"12","wall_us":0}',
                b'{"i":0,"ok":false,"error":"e","cpu_us":1e999}',
                b'{"i":0,"ok":false,"error":"e","cpu_us":[1]}',
                b'{"i":0,"ok":false,"error":"e","cpu_us":true}',
                b'{"i":1,"ok":true,"out":1,"cpu_us":0,"wall_us":0}',
                b"x" * (protocol.RECORD_BYTES + 1)):  # fmt: skip
        with pytest.raises(protocol.Violation):
            protocol.parse(raw, 0)
    line = protocol.parse(b'{"i":0,"ok":true,"out":[[1,2],[3]],"cpu_us":5,"wall_us":6}', 0)
    assert (line.out_raw, line.claimed_cpu_us) == (b"[[1,2],[3]]", 5)
    assert protocol.decode_value(line.out_raw, 100) == [[1, 2], [3]]
    with pytest.raises(OverflowError):
        protocol.decode_value(b"[" + b"1," * 1000 + b"1]", 100)
    for raw in (b"1e999", b"NaN", b"-Infinity", b"9" * 5000, b"[[[[1]]]]"):
        with pytest.raises(protocol.Violation):
            protocol.decode_value(raw, 10**6)
