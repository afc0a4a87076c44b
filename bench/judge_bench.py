"""Judge benchmark: how long one feedback takes, against the plain sandbox run it builds on.

    .venv/bin/python bench/judge_bench.py [--reps 3] [--budgets 10,5,3] [--json out.json]

For a mix of solutions from the labelled set (fast and slow, five languages), each round runs,
in the same process:

* ``baseline``: ``sandbox.runner.run()`` on the problem's visible tests — what `coach run` does;
* ``judge``: ``coach_engine.judge.judge()`` with each budget — all tests, static analysis, the
  timing series, scoring — recording its latency and the wall time of each phase.

The build cache is warm after the first round (compiles are the sandbox's business and are
measured by bench/sandbox_bench.py). The machine's load average is printed with each figure:
the judge measures CPU time, but budgets are wall time, and other work on the two vCPUs
stretches wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach_engine.judge import judge  # noqa: E402
from coach_engine.problems import ProblemBank  # noqa: E402
from sandbox.runner import run  # noqa: E402
from sandbox.spec import EXTENSIONS  # noqa: E402

LABELLED = ROOT / "tests" / "fixtures" / "judge_labelled"
WORKLOADS = [
    ("two-sum", "optimal.py"),
    ("two-sum", "suboptimal.java"),
    ("two-sum", "brute.go"),
    ("merge-intervals", "optimal.py"),
    ("maximum-depth-of-binary-tree", "optimal.java"),
    ("container-with-most-water", "optimal.cpp"),
    ("valid-parentheses", "optimal.js"),
    ("number-of-islands", "optimal.go"),
    ("trapping-rain-water", "brute.py"),  # slow: times out on the largest tests
    ("house-robber", "brute.py"),  # exponential
]


def load() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def one(problem: Any, code: str, language: str, budget: float) -> dict[str, Any]:
    started = time.perf_counter()
    base = run(problem.run_request(language, code, "visible"))
    baseline_ms = (time.perf_counter() - started) * 1000
    before = load()
    started = time.perf_counter()
    fb = asyncio.run(judge(problem, code, language, budget_s=budget))
    wall_ms = (time.perf_counter() - started) * 1000
    return {
        "baseline_ms": baseline_ms,
        "baseline_verdict": base.verdict.value,
        "judge_ms": wall_ms,
        "phases": fb.phases_ms,
        "time": fb.complexity.time.big_o,
        "agreement": fb.complexity.time.agreement,
        "score": fb.overall_score,
        "load": before,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--budgets", default="10,5,3")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    budgets = [float(b) for b in args.budgets.split(",")]
    bank = ProblemBank()
    results: dict[str, list[dict[str, Any]]] = {}
    for slug, file in WORKLOADS:  # warm the build cache so compiles are not counted
        path = LABELLED / slug / file
        run(bank.get(slug).run_request(EXTENSIONS[path.suffix], path.read_text(), "visible"))
    for _ in range(args.reps):
        for slug, file in WORKLOADS:
            path = LABELLED / slug / file
            for budget in budgets:
                key = f"{slug}/{file}@{budget:g}"
                res = one(bank.get(slug), path.read_text(), EXTENSIONS[path.suffix], budget)
                results.setdefault(key, []).append(res)
                line = f"{key:48} judge {res['judge_ms']:7.0f} ms  baseline "
                line += f"{res['baseline_ms']:5.0f} ms  load {res['load']:.1f}"
                print(line, flush=True)
    report(results, budgets)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


def report(results: dict[str, list[dict[str, Any]]], budgets: list[float]) -> None:
    print("\n| solution | budget s | judge median ms | judge max ms | tests ms | timing ms "
          "| baseline ms | within budget | class | agreement |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---|---|---|")
    for key, runs in results.items():
        budget = float(key.rsplit("@", 1)[1])
        med = statistics.median(r["judge_ms"] for r in runs)
        worst = max(r["judge_ms"] for r in runs)
        tests = statistics.median(r["phases"].get("tests", 0) for r in runs)
        timing = statistics.median(r["phases"].get("timing", 0) for r in runs)
        base = statistics.median(r["baseline_ms"] for r in runs)
        within = sum(r["judge_ms"] <= budget * 1000 for r in runs)
        print(f"| {key.rsplit('@', 1)[0]} | {budget:g} | {med:.0f} | {worst:.0f} | {tests:.0f} "
              f"| {timing:.0f} | {base:.0f} | {within}/{len(runs)} | {runs[-1]['time']} "
              f"| {runs[-1]['agreement']} |")  # fmt: skip
    for budget in budgets:
        all_runs = [r for k, rs in results.items() if k.endswith(f"@{budget:g}") for r in rs]
        typical = [r["judge_ms"] for r in all_runs]
        print(f"\nbudget {budget:g} s: median {statistics.median(typical):.0f} ms, "
              f"max {max(typical):.0f} ms, within budget "
              f"{sum(t <= budget * 1000 for t in typical)}/{len(typical)}; "
              f"median load {statistics.median(r['load'] for r in all_runs):.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
