"""Sandbox runs under load: the engine's queue (``coach_engine/run_queue.py``) against the same
runs all started at once.

    .venv/bin/python bench/run_queue.py --users 8 --runs 4
    .venv/bin/python bench/run_queue.py --users 8 --runs 4 --heavy 24   # one user floods

N users each submit M sandboxed Python runs (two-sum's visible tests, the real bwrap sandbox; each
test burns ``--burn-ms`` of CPU first) at
the same moment; ``--heavy K`` gives the first user K runs instead (the others keep M), the
"one user's 50 runs vs another's one" case. Two modes, same runs, one after the other:

- ``queued``: every run through ``SandboxPolicy`` with a ``RunQueue`` of ``--workers`` slots
  (default: the CPU count), each user its own owner — what the engine does.
- ``unbounded``: every run through the sandbox directly, each in its own thread at once (as
  ``asyncio.gather`` of threads would: nothing bounds them).

Reported per mode: wall time, runs per second, latency from submission to result (p50, p95,
max over all runs), per user the p95 latency and the time to that user's first result (min /
median / max over users), and how many runs were not AC: a test the host kills for wall time
(2 x its CPU limit + 1 s) is a TLE however little CPU it used, which is what thrashing does
(two-sum's limit is 250 ms, so the wall backstop is 1.5 s a test). With ``--heavy``, the light
users' first results are the fairness figure. CPU is shared with whatever else the machine
runs: read the load average printed beside the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from coach_engine.config import Config
from coach_engine.problems import ProblemBank
from coach_engine.run_queue import RunQueue, RunScope, scoped
from coach_engine.sandbox_policy import SandboxPolicy
from sandbox.spec import RunRequest

SOLUTION = (
    "import time\n"
    "BURN = {burn}\n"
    "class Solution:\n    def twoSum(self, nums, target):\n"
    "        t = time.process_time()\n"
    "        while time.process_time() - t < BURN:\n            pass\n"
    "        seen = {{}}\n"
    "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
    "                return [seen[target - x], i]\n            seen[x] = i\n"
)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def load(mode: str, plan: list[tuple[str, int]], run: Callable[[str], str]) -> dict[str, object]:
    """Start every run of ``plan`` (user, count) at once; the latency of each, per user."""
    jobs = [user for user, count in plan for _ in range(count)]
    latency: dict[str, list[float]] = {user: [] for user, _ in plan}
    lock = threading.Lock()
    start = time.perf_counter()

    verdicts: list[str] = []

    def one(user: str) -> None:
        verdict = run(user)
        done = time.perf_counter() - start
        with lock:
            latency[user].append(done)
            verdicts.append(verdict)

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:  # every run in a thread of its own
        list(pool.map(one, jobs))
    wall = time.perf_counter() - start
    every = [t for ts in latency.values() for t in ts]
    firsts = [min(ts) for ts in latency.values()]
    p95s = [pct(ts, 0.95) for ts in latency.values()]
    return {
        "mode": mode,
        "runs": len(jobs),
        "wall_s": wall,
        "runs_per_s": len(jobs) / wall,
        "p50_s": pct(every, 0.5),
        "p95_s": pct(every, 0.95),
        "max_s": max(every),
        "user_p95_s": (min(p95s), statistics.median(p95s), max(p95s)),
        "first_result_s": (min(firsts), statistics.median(firsts), max(firsts)),
        "light_first_s": max(firsts[1:]) if len(firsts) > 1 else None,
        "not_ac": len(verdicts) - verdicts.count("AC"),
    }


def show(row: dict[str, object]) -> None:
    def trio(value: object) -> str:
        assert isinstance(value, tuple)
        return "/".join(f"{v:.2f}" for v in value)

    light = row["light_first_s"]
    print(
        f"{row['mode']:>9}  runs {row['runs']:>3}  wall {row['wall_s']:6.2f} s  "
        f"{row['runs_per_s']:5.1f} runs/s  latency p50 {row['p50_s']:.2f} p95 {row['p95_s']:.2f} "
        f"max {row['max_s']:.2f} s  per-user p95 {trio(row['user_p95_s'])} s  "
        f"first result {trio(row['first_result_s'])} s"
        + (f"  slowest other user's first {light:.2f} s" if isinstance(light, float) else "")
        + f"  not AC {row['not_ac']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--runs", type=int, default=4, help="runs per user")
    parser.add_argument("--heavy", type=int, default=0, help="the first user's runs instead")
    parser.add_argument("--workers", type=int, default=0, help="queue slots (0: CPU count)")
    parser.add_argument(
        "--burn-ms", type=float, default=0, help="CPU each test burns (the visible tests: 3)"
    )
    args = parser.parse_args()

    config = Config()
    request: RunRequest = (
        ProblemBank()
        .get("two-sum")
        .run_request("python", SOLUTION.format(burn=args.burn_ms / 1000), "visible")
    )
    plan = [
        (f"u{i}", args.heavy if i == 0 and args.heavy else args.runs) for i in range(args.users)
    ]
    total = sum(count for _, count in plan)
    queue = RunQueue(workers=args.workers, per_user=max(count for _, count in plan))
    policy = SandboxPolicy(config, queue=queue)
    settings = policy.settings

    def queued(user: str) -> str:
        with scoped(RunScope(owner=user)):
            return str(policy(request).verdict)

    def unbounded(user: str) -> str:
        return str(settings.run(request).verdict)

    settings.run(request)  # warm: the driver and the interpreter's pages
    heavy = f"first user {args.heavy}, " if args.heavy else ""
    print(
        f"{args.users} users, {total} runs ({heavy}{args.runs} each, {args.burn_ms:g} ms CPU a "
        f"test), queue {queue.workers} slots, {os.cpu_count()} CPUs, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    for mode, run in (("queued", queued), ("unbounded", unbounded)):
        show(load(mode, plan, run))
    print(f"load after {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
