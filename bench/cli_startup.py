"""Start-up time of the real `coach` entry point, next to the interpreter's own.

    .venv/bin/python bench/cli_startup.py --reps 20

Each command runs --reps times as a subprocess of the installed console script (a fresh
COACH_HOME with one stored session, so `coach history` lists something); the table gives the
median and p90 wall time in ms, and the median CPU time (user + system) of the process, which a
busy machine inflates far less than wall time. Baselines measured in the same run, interleaved
with the commands so a busy machine slows all rows alike: `python -c pass` (the interpreter) and
`python -c "import typer"` (the CLI library alone). Targets (issue 13, item 8):
`coach --version` <= 60 ms, listing commands (`problems list`, `history`, `drills list`) <= 200 ms.
Exit status 1 if a target is missed, so the script doubles as a check.
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

COACH = str(Path(sys.executable).parent / "coach")
PY = sys.executable

ROWS: list[tuple[str, list[str], float | None]] = [
    ("python -c pass (baseline)", [PY, "-c", "pass"], None),
    ('python -c "import typer" (baseline)', [PY, "-c", "import typer"], None),
    ("coach --version", [COACH, "--version"], 60.0),
    ("coach problems list", [COACH, "problems", "list"], 200.0),
    ("coach problems list --json", [COACH, "problems", "list", "--json"], 200.0),
    ("coach history", [COACH, "history"], 200.0),
    ("coach drills list", [COACH, "drills", "list"], 200.0),
    ("coach --help", [COACH, "--help"], None),
]


def _seed(env: dict[str, str]) -> None:
    """One stored session, so `coach history` renders a table (the store is migrated too)."""
    code = (
        "import asyncio\n"
        "from coach_engine.api import Engine\n"
        "async def main():\n"
        "    with Engine.open() as e:\n"
        "        s = await e.interviews.start(slug='two-sum', language='python')\n"
        "asyncio.run(main())\n"
    )
    subprocess.run([PY, "-c", code], env=env, check=True, capture_output=True)


def _once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed with exit code {proc.returncode}")
    return elapsed, (usage.ru_utime + usage.ru_stime) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=20)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="coach-startup-")
    env = {**os.environ, "COACH_HOME": home, "COLUMNS": "120"}
    _seed(env)
    for _, argv, _ in ROWS:  # warm the page cache and .pyc files
        _once(argv, env)
    samples: dict[str, list[float]] = {name: [] for name, _, _ in ROWS}
    cpu: dict[str, list[float]] = {name: [] for name, _, _ in ROWS}
    for _ in range(args.reps):
        for name, argv, _ in ROWS:
            wall, used = _once(argv, env)
            samples[name].append(wall)
            cpu[name].append(used)
    missed = 0
    print(f"{'command':<38} {'median':>8} {'p90':>8} {'cpu':>8}  target (median wall)")
    for name, _, target in ROWS:
        values = sorted(samples[name])
        median = statistics.median(values)
        used = statistics.median(cpu[name])
        p90 = values[min(len(values) - 1, round(0.9 * (len(values) - 1)))]
        mark = ""
        if target is not None:
            ok = median <= target
            missed += not ok
            mark = f"<= {target:.0f}" + ("" if ok else " MISSED")
        print(f"{name:<38} {median:8.1f} {p90:8.1f} {used:8.1f}  {mark}")
    print(f"{args.reps} runs each, interleaved; ms wall time; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f} at the end")  # fmt: skip
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
