"""Start-up time of the real `coach` entry point, next to the interpreter's own.

    .venv/bin/python bench/cli_startup.py --reps 20
    .venv/bin/python bench/cli_startup.py --reps 20 --before 7dc285b   # and that commit's CLI

Each command runs --reps times as a subprocess of the installed console script (a fresh
COACH_HOME with one stored session, so `coach history` lists something, and a config.toml); the
table gives the median and p90 wall time in ms, and the median CPU time (user + system) of the
process, which a busy machine inflates far less than wall time. Baselines measured in the same
run, interleaved with the commands so a busy machine slows all rows alike: `python -c pass` (the
interpreter) and `python -c "import typer"` (the CLI library alone). With --before, the same
commands of an earlier commit's code (`git archive` into a temporary directory, put first on
PYTHONPATH, run as its console script would: `coach_cli.main.run()`) are interleaved too, with
their own COACH_HOME. Bytecode is cached as an installed package's is (pip compiles it at
install): every process writes and reads its .pyc files under one temporary PYTHONPYCACHEPREFIX,
also when the caller's environment sets PYTHONDONTWRITEBYTECODE (which would otherwise make each
run compile every Coach module from source, ~100 ms of CPU that no installed copy pays).
Targets (issue 13, item 8): `coach --version` <= 60 ms, listing commands (`problems list`,
`history`, `drills list`) <= 200 ms. Exit status 1 if a target is missed, so the script doubles
as a check (on an idle machine: the targets are wall time).
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
PY = sys.executable

COMMANDS: list[tuple[list[str], float | None]] = [
    (["--version"], 60.0),
    (["problems", "list"], 200.0),
    (["problems", "list", "--json"], 200.0),
    (["history"], 200.0),
    (["drills", "list"], 200.0),
    (["history", "--json"], None),  # JSON prints the engine's models: pydantic
    (["--help"], None),
]
BASELINES = [
    ("python -c pass (baseline)", [PY, "-c", "pass"]),
    ('python -c "import typer" (baseline)', [PY, "-c", "import typer"]),
]
SEED = (
    "from coach_engine.models import SessionCreate\n"
    "from coach_engine.store import SQLiteStore\n"
    "from coach_engine import locations\n"
    "locations.ensure_home()\n"
    "store = SQLiteStore.open(locations.database_path())\n"
    "store.create_session(store.default_user().id,"
    " SessionCreate(problem_slug='two-sum', language='python'))\n"
    "store.close()\n"
    # a person who has set something: the listings read the config as known valid (after the
    # warm-up round's full load recorded it), as they would on the second run of a day
    "locations.config_path().write_text('[interview]\\nlanguage = \"python\"\\n')\n"
)
AS_SCRIPT = "import sys; sys.argv[0] = 'coach'; from coach_cli.main import run; sys.exit(run())"


class Row:
    def __init__(self, name: str, argv: list[str], env: dict[str, str], target: float | None):
        self.name, self.argv, self.env, self.target = name, argv, env, target
        # `python -c` puts the working directory first on sys.path: run an old tree from itself
        self.cwd = env.get("PYTHONPATH", str(ROOT))
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def once(self) -> None:
        start = time.perf_counter()
        proc = subprocess.Popen(
            self.argv,
            env=self.env,
            cwd=self.cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise SystemExit(f"{self.name} failed with exit code {code}")
        self.wall.append(elapsed)
        self.cpu.append((usage.ru_utime + usage.ru_stime) * 1000)


def _home(env: dict[str, str]) -> dict[str, str]:
    """A fresh COACH_HOME holding one session (made by the code on env's PYTHONPATH)."""
    home = {**env, "COACH_HOME": tempfile.mkdtemp(prefix="coach-startup-")}
    cwd = env.get("PYTHONPATH", str(ROOT))
    subprocess.run([PY, "-c", SEED], env=home, cwd=cwd, check=True, capture_output=True)
    return home


def _before(commit: str) -> dict[str, str]:
    """The environment that runs ``commit``'s code instead of the working tree's."""
    tree = tempfile.mkdtemp(prefix=f"coach-{commit}-")
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
    return _home({**_environment(), "PYTHONPATH": tree})


def _environment() -> dict[str, str]:
    """The caller's environment with bytecode caching on, outside the source tree."""
    env = {**os.environ, "COLUMNS": "120"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="coach-startup-pyc-")
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--before", help="also time this commit's CLI (e.g. 7dc285b)")
    args = parser.parse_args()
    env = _home(_environment())
    rows = [Row(name, argv, env, None) for name, argv in BASELINES]
    rows += [Row(f"coach {' '.join(a)}", [COACH, *a], env, t) for a, t in COMMANDS]
    if args.before:
        old = _before(args.before)
        rows += [
            Row(f"  {args.before}: coach {' '.join(a)}", [PY, "-c", AS_SCRIPT, *a], old, None)
            for a, _ in COMMANDS
        ]
    for row in rows:  # warm the page cache and .pyc files
        row.once()
        row.wall.clear()
        row.cpu.clear()
    for _ in range(args.reps):
        for row in rows:
            row.once()
    missed = 0
    print(f"{'command':<42} {'median':>8} {'p90':>8} {'cpu':>8}  target (median wall)")
    for row in rows:
        values = sorted(row.wall)
        median = statistics.median(values)
        p90 = values[min(len(values) - 1, round(0.9 * (len(values) - 1)))]
        mark = ""
        if row.target is not None:
            ok = median <= row.target
            missed += not ok
            mark = f"<= {row.target:.0f}" + ("" if ok else " MISSED")
        print(f"{row.name:<42} {median:8.1f} {p90:8.1f} {statistics.median(row.cpu):8.1f}  {mark}")
    print(f"{args.reps} runs each, interleaved; ms; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f} at the end")  # fmt: skip
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
