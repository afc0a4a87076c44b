"""What verdicts from outside the program cost (issue 12): a test run's helper flags, A/B.

    .venv/bin/python bench/isolation_ab.py [--reps 60]

Two interleaved comparisons, each reported as wall median and CPU per run. CPU (this process
plus every process it waited for, RUSAGE_CHILDREN) barely moves with other load on the machine,
wall time does; on a busy machine read the CPU figures.

* ``helper``: ``coach-rexec -- /bin/true`` against ``coach-rexec -p -R -b N -- /bin/true`` (the
  second seccomp filter, the ready-line rule and the relay cap), no bwrap.
* ``bwrap``: ``/bin/true`` through the bwrap backend with an ``ExecSpec`` as before issue 12
  against one as a test run has now (``single_process=True``).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sandbox.isolation import ExecSpec, get_backend, staging  # noqa: E402
from sandbox.isolation.helper import helper_path  # noqa: E402


def cpu_s() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def compare(modes: dict[str, Callable[[], object]], reps: int) -> dict[str, dict[str, float]]:
    wall: dict[str, list[float]] = {m: [] for m in modes}
    cpu: dict[str, list[float]] = {m: [] for m in modes}
    for f in modes.values():
        f()  # warm-up
    for _ in range(reps):
        for m in random.sample(list(modes), len(modes)):
            c0, t0 = cpu_s(), time.perf_counter()
            modes[m]()
            wall[m].append((time.perf_counter() - t0) * 1000)
            cpu[m].append((cpu_s() - c0) * 1000)
    return {m: {"wall_median_ms": round(statistics.median(wall[m]), 3),
                "cpu_mean_ms": round(statistics.mean(cpu[m]), 3)} for m in modes}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=60)
    args = ap.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="bench-ab-"))
    helper = str(helper_path(cache / ".bin"))
    base = [helper, "-m", "1", "-r", "1"]

    def quiet(argv: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(argv, stdout=subprocess.DEVNULL, check=False)

    report: dict[str, object] = {
        "helper": compare(
            {
                "before": quiet([*base, "--", "/bin/true"]),
                "test run": quiet([*base, "-p", "-R", "-b", str(64 << 20), "--", "/bin/true"]),
            },
            args.reps * 5,
        ),  # fmt: skip
    }
    backend = get_backend("bwrap", cache)
    backend.check()
    job = staging.new_jobdir()
    before = ExecSpec(["/bin/true"], job, env={}, results_bytes=0)  # no -b: as before
    now = ExecSpec(["/bin/true"], job, env={}, single_process=True)
    report["bwrap"] = compare({"before": lambda: backend.execute(before),
                               "test run": lambda: backend.execute(now)}, args.reps)  # fmt: skip
    staging.remove(job)
    report["load"] = os.getloadavg()
    for k, v in report.items():
        print(k, v)


if __name__ == "__main__":
    main()
