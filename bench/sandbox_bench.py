"""Sandbox benchmark: isolation cost, 50-test runs sandboxed vs bare, cold vs cached compiles.

    .venv/bin/python bench/sandbox_bench.py [--reps 20] [--langs python,cpp] [--json out.json]

Per language, with a two-sum solution and N=50 tests (arrays of 1000 ints):
  * ``sandboxed``: ``sandbox.runner.run()`` with a cached build: staging, one bwrap process
    running every test under the helper, judging. ``process``: just that sandboxed process.
  * ``bare``: the same driver run as a plain subprocess on the same cases (one process for the
    50 tests, all cases on stdin at once, result pipe on fd 3, no isolation, no limits, no
    helper; in the sandbox the helper feeds one case per result line).
  * ``compile``: cold (empty build cache, warm toolchain cache) and cached (``compile_cached``).
Plus the fixed isolation cost: ``/bin/true`` through the bwrap backend, as a test run has it
(memory cap, one case fed, the helper's test-run flags), vs a plain subprocess; wall medians and
CPU per run (this process plus everything it waited for, which other load barely moves). And
the same through a warm sandbox (``sandbox_warm``: ``sandbox.isolation.warm``, one started
ahead of the run): its wall time is the run's; its CPU also covers what the run set going in
the background, the replacement's start and the reaping of the used one (a whole sandbox's
life per run), so it compares with the cold run's CPU like for like.

Modes are interleaved in random order inside each round, and each round first waits (up to
``--wait`` s, default 10) for the machine to be < 15 % busy, as the research runs did
(docs/PERFORMANCE.md): other work on the same two vCPUs inflates wall times. The report says how
many rounds ran on a busy machine, and the load average.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach_engine.problems import ProblemBank  # noqa: E402
from sandbox import languages  # noqa: E402
from sandbox.build import toolchain_cache  # noqa: E402
from sandbox.isolation import ExecSpec, get_backend, staging  # noqa: E402
from sandbox.isolation.bwrap import BubblewrapBackend  # noqa: E402
from sandbox.isolation.helper import helper_path  # noqa: E402
from sandbox.languages.base import LanguageRunner  # noqa: E402
from sandbox.runner import run  # noqa: E402
from sandbox.spec import Limits, RunRequest, TestCase, Verdict  # noqa: E402

N = 50
# The bank's own two-sum: its signature and its reference solution in each language.
TWO_SUM = ProblemBank().get("two-sum")
SIG = TWO_SUM.signature


def two_sum_tests(seed: int = 7) -> list[TestCase]:
    rnd = random.Random(seed)
    tests = []
    for _ in range(N):
        nums = rnd.sample(range(-(10**6), 10**6), 1000)
        i, j = sorted(rnd.sample(range(1000), 2))
        nums[j] = 3 * 10**6 + rnd.randrange(10**6)  # the only pair that can reach the target
        target = nums[i] + nums[j]
        tests.append(TestCase(args=[nums, target], expected=[i, j]))
    return tests


def busy_fraction(interval: float = 0.1) -> float:
    def sample() -> tuple[int, int]:
        with open("/proc/stat") as f:
            parts = [int(x) for x in f.readline().split()[1:]]
        return sum(parts), parts[3] + parts[4]

    t1, i1 = sample()
    time.sleep(interval)
    t2, i2 = sample()
    return 1 - (i2 - i1) / max(1, t2 - t1)


def wait_idle(limit: float = 10.0) -> bool:
    """Wait until the machine is < 15 % busy; False if it never was within ``limit``."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if busy_fraction() < 0.15:
            return True
    return False


def ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def cpu_ms() -> float:
    """CPU of this process and of every child it waited for, ms."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return (own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime) * 1000


def bare_run(lang: LanguageRunner, job: Path, limits: Limits) -> list[bytes]:
    """The driver as a plain subprocess: one process, cases on stdin (``job/cases.txt``),
    results on fd 3 (bench only)."""
    r, w = os.pipe()
    cases = open(job / "cases.txt", "rb")  # noqa: SIM115 - closed below

    def to_fd3() -> None:  # the bench is single-threaded: preexec_fn is fine here
        os.dup2(w, 3)

    env = {"PATH": "/usr/bin:/bin", "HOME": str(job), "LANG": "C.UTF-8", **lang.env(limits)}
    proc = subprocess.Popen(lang.run_argv(str(job), limits), cwd=job, env=env,
                            stdin=cases, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=to_fd3, close_fds=False)  # fmt: skip  # keeps the new fd 3
    os.close(w)
    cases.close()
    with os.fdopen(r, "rb") as f:
        lines = f.read().splitlines()
    proc.communicate()
    assert len(lines) == N + 1, (lines[:2], proc.returncode)  # the driver's ready line first
    return lines


def stats(xs: list[float]) -> dict[str, float]:
    xs = sorted(xs)
    return {
        "median": round(statistics.median(xs), 1),
        "p90": round(xs[int(0.9 * (len(xs) - 1))], 1),
        "p10": round(xs[int(0.1 * (len(xs) - 1))], 1),  # what a quieter moment gives
    }


def bench_language(
    name: str, reps: int, cache: Path, busy: list[bool], wait: float
) -> dict[str, object]:
    backend = get_backend("bwrap", cache)
    tc = toolchain_cache(cache)
    lang = languages.get(name, cache_dir=backend.cache_path(tc))
    limits = Limits(time_ms=2000, total_time_ms=20000)
    code = TWO_SUM.reference(name)
    req = RunRequest(language=name, code=code, signature=SIG, tests=two_sum_tests(), limits=limits)
    first = run(req, cache_dir=cache)  # warms the toolchain cache and the build cache
    assert first.verdict is Verdict.AC, first
    cold, cached = [], []
    for _ in range(3 if lang.compiled else 0):
        fresh = Path(tempfile.mkdtemp(prefix="bench-cold-"))
        (fresh / ".toolchain").symlink_to(tc)
        res = run(req, cache_dir=fresh)
        assert not res.compile_cached
        cold.append(res.compile_ms)
        shutil.rmtree(fresh)
    # the bare job: the cached build's files plus the cases, outside any sandbox
    entry = max((p for p in cache.iterdir() if not p.name.startswith(".")),
                key=lambda p: p.stat().st_mtime)  # fmt: skip
    bare_dir = Path(tempfile.mkdtemp(prefix="bench-bare-"))
    staging.populate(bare_dir, entry)
    feed = "".join(json.dumps(t.args, separators=(",", ":")) + "\n" for t in req.tests)
    (bare_dir / "cases.txt").write_text(feed)
    job = staging.new_jobdir()
    staging.populate(job, bare_dir)
    spec = ExecSpec(lang.run_argv(backend.workdir(job), limits), job, lang.env(limits),
                    binds=lang.toolchain().binds, data_bytes=lang.data_limit_bytes(limits),
                    stack_bytes=lang.stack_limit_bytes(limits), case_cpu_ms=3100,
                    startup_ms=250, case_wall_s=5.0, single_process=True,
                    feed=feed.encode(), max_lines=N + 1)  # fmt: skip
    times: dict[str, list[float]] = {"sandboxed": [], "process": [], "bare": []}

    def sandboxed() -> None:
        res = run(req, cache_dir=cache)
        assert res.verdict is Verdict.AC and res.compile_cached
        cached.append(res.compile_ms)

    modes: dict[str, Callable[[], object]] = {
        "sandboxed": sandboxed,
        "process": lambda: backend.execute(spec),
        "bare": lambda: bare_run(lang, bare_dir, limits),
    }
    for _ in range(reps):
        busy.append(not wait_idle(wait))
        for mode in random.sample(list(modes), len(modes)):
            if isinstance(backend, BubblewrapBackend):  # --warm: the replacement is ready
                backend.warm.wait_idle()
            times[mode].append(ms(modes[mode]))
    shutil.rmtree(bare_dir)
    staging.remove(job)
    out: dict[str, object] = {k: stats(v) for k, v in times.items()}
    sandboxed_ms = statistics.median(times["sandboxed"])
    out["ratio"] = round(sandboxed_ms / statistics.median(times["bare"]), 2)
    out["tests_per_s"] = round(N / sandboxed_ms * 1000)
    out["compile_cold"] = stats(cold) if cold else None
    out["compile_cached_ms"] = max(cached) if cached else None
    return out


def bench_fixed(reps: int, cache: Path, busy: list[bool], wait: float) -> dict[str, object]:
    """``/bin/true`` sandboxed as a test run has it, vs bare; and the same spec without the
    one-case feed (stdin empty, no memfd), interleaved: what handing over cases one at a time
    adds to each process. As root also the two ways of starting a process as the sandbox uid
    from this process: ``Popen(user=...)`` (no vfork: a fork of this whole process) and the
    helper's ``-U`` (what the bwrap backend does)."""
    backend = get_backend("bwrap", cache)
    job = staging.new_jobdir()
    # as a test run has it: a memory cap (the worker cgroup, cgroup.py, when on), the helper's
    # test-run flags, a case fed on stdin (the memfd) and the line caps
    spec = ExecSpec(["/bin/true"], job, env={}, memory_bytes=320 << 20, single_process=True,
                    feed=b"[1]\n", max_lines=2, case_cpu_ms=3100, startup_ms=250,
                    case_wall_s=5.0)  # fmt: skip
    no_feed = dataclasses.replace(spec, feed=None)
    backend.execute(spec)  # self-test and helper build out of the measurement
    warm = BubblewrapBackend(cache)  # a backend of its own: the cold one keeps no pool
    warm.keep_warm(2)
    warm.warm.prefill(spec)
    warm.warm.wait_idle()
    modes: dict[str, Callable[[], object]] = {
        "sandboxed": lambda: backend.execute(spec),
        "sandboxed_no_feed": lambda: backend.execute(no_feed),
        "sandboxed_warm": lambda: warm.execute(spec),
        "bare": lambda: subprocess.run(["/bin/true"], env={}),
    }
    # after the timed part, inside the CPU window: the background work the run set going
    settle: dict[str, Callable[[], object]] = {"sandboxed_warm": warm.warm.wait_idle}
    uid = staging.sandbox_uid()
    if uid is not None:  # as root: the two ways to start a process as the sandbox uid
        helper = str(helper_path(cache / ".bin"))
        modes["spawn_popen_user"] = lambda: subprocess.run(
            ["/bin/true"], env={}, user=uid, group=uid, extra_groups=[]
        )
        modes["spawn_helper_U"] = lambda: subprocess.run(
            [helper, "-U", str(uid), "-x", "--", "/bin/true"], env={}
        )
    times: dict[str, list[float]] = {m: [] for m in modes}
    cpu: dict[str, list[float]] = {m: [] for m in modes}
    for _ in range(reps):
        busy.append(not wait_idle(wait))
        for mode in random.sample(list(modes), len(modes)):
            c0 = cpu_ms()
            times[mode].append(ms(modes[mode]))
            settle.get(mode, lambda: None)()
            cpu[mode].append(cpu_ms() - c0)
    staging.remove(job)
    warm_stats = warm.warm.stats
    warm.close()

    def cost(of: dict[str, list[float]], a: str, b: str) -> float:
        return round(statistics.median(of[a]) - statistics.median(of[b]), 2)

    return {**{k: stats(v) for k, v in times.items()},
            "isolation_cost_ms": cost(times, "sandboxed", "bare"),
            "warm_isolation_cost_ms": cost(times, "sandboxed_warm", "bare"),
            "warm_served": f"{warm_stats.served}/{warm_stats.served + warm_stats.missed}",
            "cpu_ms": {k: stats(v) for k, v in cpu.items()},
            "isolation_cpu_ms": cost(cpu, "sandboxed", "bare"),
            "warm_isolation_cpu_ms": cost(cpu, "sandboxed_warm", "bare"),
            "feed_cost_ms": cost(times, "sandboxed", "sandboxed_no_feed"),
            "feed_cpu_ms": cost(cpu, "sandboxed", "sandboxed_no_feed"),
            "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--langs", default="python,javascript,java,cpp,go")
    ap.add_argument("--json", type=Path)
    ap.add_argument(
        "--wait",
        type=float,
        default=10.0,
        help="seconds to wait for a quiet machine before each round (0: never)",
    )
    ap.add_argument("--fixed-reps", type=int, default=0, help="rounds of the fixed cost")
    ap.add_argument("--warm", type=int, default=0, help="warm sandboxes for the language runs")
    args = ap.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="bench-cache-"))
    busy: list[bool] = []
    load0 = os.getloadavg()
    fixed_reps = args.fixed_reps or max(args.reps, 20)
    report: dict[str, object] = {"fixed": bench_fixed(fixed_reps, cache, busy, args.wait)}
    print("fixed", json.dumps(report["fixed"]), flush=True)
    get_backend("bwrap", cache).keep_warm(args.warm)  # after the fixed cost: its cold mode
    for name in [n for n in args.langs.split(",") if n]:
        report[name] = bench_language(name, args.reps, cache, busy, args.wait)
        print(name, json.dumps(report[name]), flush=True)
    report["busy_rounds"] = f"{sum(busy)}/{len(busy)}"
    report["load"] = {"start": load0, "end": os.getloadavg()}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
