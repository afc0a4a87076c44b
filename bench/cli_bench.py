"""End-to-end latency of the `coach` commands people run most, next to their baselines.

    .venv/bin/python bench/cli_bench.py --reps 15

Baselines, measured in the same run: a bare interpreter start (`python -c pass`) and the CLI's
own start (`coach --version`). Targets (issue #3, #4): `coach run` on an unchanged python
solution answers in under 0.5 s; `coach problems list` is snappy with 40+ problems.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COACH = str(Path(sys.executable).parent / "coach")
# The bank's own accepted python solution (a hash map): what `coach run` is timed on.
SOLUTION = ROOT / "coach_engine" / "bank" / "problems" / "two-sum" / "solutions" / "reference.py"


def timed(argv: list[str], env: dict[str, str], reps: int) -> tuple[float, float]:
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        subprocess.run(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=15)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="coach-bench-")
    env = {**os.environ, "COACH_HOME": home}
    solution = Path(home) / "solution.py"
    solution.write_text(SOLUTION.read_text())
    run = [COACH, "run", str(solution), "--problem", "two-sum"]
    subprocess.run(run, env=env, capture_output=True, check=False)  # warm the build cache
    rows = [
        ("python -c pass (baseline)", [sys.executable, "-c", "pass"]),
        ("coach --version (baseline)", [COACH, "--version"]),
        ("coach problems list --json", [COACH, "problems", "list", "--json"]),
        ("coach problems show two-sum", [COACH, "problems", "show", "two-sum"]),
        ("coach run (python, cached)", run),
        ("coach history --json", [COACH, "history", "--json"]),
    ]
    print(f"{'command':<32} {'median ms':>10} {'max ms':>8}")
    for label, argv in rows:
        median, worst = timed(argv, env, args.reps)
        print(f"{label:<32} {median:>10.0f} {worst:>8.0f}")


if __name__ == "__main__":
    main()
