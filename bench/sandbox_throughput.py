"""Sandboxed runs per second on this machine, beside bare runs of the same program.

    .venv/bin/python bench/sandbox_throughput.py [--threads 2,4] [--seconds 3] [--rounds 5]
                                                [--program true|python] [--warm 4]

Modes, all in this one process, the same program each time:
  * ``bare``: ``subprocess.run`` of the program (no isolation, no limits, no helper);
  * ``cold``: the bwrap backend starting each run's sandbox when the run comes
    (``sandbox.warm = 0``);
  * ``warm``: the same backend with ``--warm`` sandboxes started ahead (``sandbox.warm``), each
    used once and replaced in the background.

``--threads`` callers each run back to back for ``--seconds`` (a server's workers with a full
queue); a round runs every (threads, mode) cell once, in random order, and the report gives the
median over ``--rounds`` rounds: runs per second, and CPU per run (this process plus everything
it waited for: for ``warm`` also the background starts and reaps, so every sandbox run pays for
one whole sandbox's life). The sandboxed specs are a test run's (memory cap, a case fed, the
helper's test-run flags). Other load on the machine moves runs/s; CPU per run much less.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sandbox.isolation import ExecSpec, staging  # noqa: E402
from sandbox.isolation.bwrap import BubblewrapBackend  # noqa: E402

PROGRAMS = {"true": ["/bin/true"], "python": ["/usr/bin/python3", "-I", "-S", "-c", "pass"]}


def cpu_ms() -> float:
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return (own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime) * 1000


def burst(fn: Callable[[], object], threads: int, seconds: float) -> int:
    """Run ``fn`` back to back in ``threads`` threads for ``seconds``; how many runs ended."""
    done = [0] * threads
    stop = time.monotonic() + seconds
    go = threading.Barrier(threads)

    def caller(i: int) -> None:
        go.wait()
        while time.monotonic() < stop:
            fn()
            done[i] += 1

    workers = [threading.Thread(target=caller, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(done)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--threads", default="2,4")
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--program", choices=sorted(PROGRAMS), default="true")
    ap.add_argument("--warm", type=int, default=4, help="warm sandboxes (sandbox.warm)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    argv = PROGRAMS[args.program]
    cache = Path(tempfile.mkdtemp(prefix="bench-throughput-"))
    job = staging.new_jobdir()
    spec = ExecSpec(argv, job, env={}, memory_bytes=320 << 20, single_process=True,
                    feed=b"[1]\n", max_lines=2, case_cpu_ms=3100, startup_ms=250,
                    case_wall_s=5.0)  # fmt: skip
    cold = BubblewrapBackend(cache)
    cold.check()
    warm = BubblewrapBackend(cache)
    warm.keep_warm(args.warm)
    warm.warm.prefill(spec)
    warm.warm.wait_idle()
    modes: dict[str, Callable[[], object]] = {
        "bare": lambda: subprocess.run(argv, env={}, stdin=subprocess.DEVNULL),
        "cold": lambda: cold.execute(spec),
        "warm": lambda: warm.execute(spec),
    }
    threads = [int(t) for t in args.threads.split(",") if t]
    cells = [(t, m) for t in threads for m in modes]
    rate: dict[tuple[int, str], list[float]] = {c: [] for c in cells}
    cpu: dict[tuple[int, str], list[float]] = {c: [] for c in cells}
    load0 = os.getloadavg()
    for _ in range(args.rounds):
        for t, mode in random.sample(cells, len(cells)):
            warm.warm.wait_idle()
            c0 = cpu_ms()
            t0 = time.monotonic()
            n = burst(modes[mode], t, args.seconds)
            elapsed = time.monotonic() - t0
            if mode == "warm":
                warm.warm.wait_idle()  # the replacements this burst set going
            rate[(t, mode)].append(n / elapsed)
            cpu[(t, mode)].append((cpu_ms() - c0) / max(1, n))
    served, missed = warm.warm.stats.served, warm.warm.stats.missed
    warm.close()
    staging.remove(job)
    report: dict[str, object] = {
        "program": " ".join(argv),
        "warm": args.warm,
        "warm_served": f"{served}/{served + missed}",
        "cpus": os.cpu_count(),
        "load": {"start": load0, "end": os.getloadavg()},
    }
    for t in threads:
        row = {}
        for mode in modes:
            row[mode] = {"runs_per_s": round(statistics.median(rate[(t, mode)]), 1),
                         "cpu_ms_per_run": round(statistics.median(cpu[(t, mode)]), 2)}  # fmt: skip
        report[f"threads_{t}"] = row
        print(t, json.dumps(row), flush=True)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
