"""TUI benchmark: start-up to an interactive screen, memory during a session, run → results.

    .venv/bin/python bench/tui_bench.py [--reps 5] [--json out.json]

Each figure sits next to an obvious baseline measured by this same script on the same machine:

* start-up, in a real terminal (tmux 120×40, polled every 20 ms with capture-pane):
  ``python -c "import textual"`` (wall time), a one-widget Textual app until its text is painted,
  and ``coach interview two-sum`` until the interviewer's greeting is on screen (the editor,
  chat and sidebar are live then); ``coach interview`` (home) until the problem list shows.
* memory: resident set (VmRSS, and the peak VmHWM) of the ``coach interview`` process after a
  greeting, a chat reply and a run, next to the one-widget app and to a process that runs the
  same interview through the engine alone (no UI).
* run → results, in-process and headless (Textual's pilot): ctrl+r until the Tests tab shows
  "3/3 passed", next to ``engine.interview.run`` on the same session (sandbox + storage + the
  interviewer's reaction, without the UI). Python two-sum, warm build cache.

Rounds wait (up to 10 s) for the machine to be < 15 % busy, as bench/sandbox_bench.py does.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
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
sys.path.insert(0, str(ROOT / "tests" / "tui"))

GOOD = (
    "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
    "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
    "                return [seen[target - x], i]\n            seen[x] = i\n"
)
HELLO_APP = """
from textual.app import App
from textual.widgets import Static
class Hello(App):
    def compose(self):
        yield Static("hello from textual")
Hello().run()
"""


def busy_fraction(interval: float = 0.5) -> float:
    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        return fields[3] + fields[4], sum(fields)

    idle1, total1 = sample()
    time.sleep(interval)
    idle2, total2 = sample()
    return 1 - (idle2 - idle1) / max(1, total2 - total1)


def wait_quiet(limit: float = 0.15, patience: float = 10.0) -> bool:
    """Wait for a quiet machine; True when it was quiet."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if busy_fraction() < limit:
            return True
    return False


def entry_point() -> list[str]:
    coach = Path(sys.executable).parent / "coach"
    if coach.exists():
        probe = subprocess.run([str(coach), "interview", "--help"], capture_output=True, text=True)
        if "Connect to a team server" in probe.stdout:
            return [str(coach), "interview"]
    return [sys.executable, "-m", "coach_cli.interview_cmd"]


class Terminal:
    """One tmux server on a private socket, one 120×40 window."""

    def __init__(self, command: str, env: dict[str, str]) -> None:
        self.socket = f"coach-bench-{os.getpid()}-{time.monotonic_ns()}"
        prefix = " ".join(f"{k}={v}" for k, v in env.items())
        self.started = time.perf_counter()
        self.tmux(
            "new-session", "-d", "-s", "b", "-x", "120", "-y", "40",
            f"env -u COLUMNS -u LINES {prefix} {command}",
        )  # fmt: skip

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True
        ).stdout

    def wait_for(self, text: str, timeout: float = 60.0) -> float:
        """Seconds from the start of the process until ``text`` is on screen."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if text in self.tmux("capture-pane", "-p", "-t", "b"):
                return time.perf_counter() - self.started
            time.sleep(0.02)
        raise TimeoutError(f"{text!r} never appeared")

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "b", "#{pane_pid}").strip())

    def close(self) -> None:
        socket_path = self.tmux("display-message", "-p", "#{socket_path}").strip()
        self.tmux("kill-server")
        if socket_path:
            Path(socket_path).unlink(missing_ok=True)


def memory_kb(pid: int) -> tuple[int, int]:
    status = Path(f"/proc/{pid}/status").read_text()
    values = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return int(values["VmRSS"].split()[0]), int(values["VmHWM"].split()[0])


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# --- start-up and memory ----------------------------------------------------------------------
def startup_round(home: Path, results: dict[str, list[float]]) -> None:
    env = {"COACH_HOME": str(home), "TERM": "xterm-256color"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import textual"], check=True)
    results["import textual"].append(time.perf_counter() - started)

    hello = home / "hello_app.py"
    hello.write_text(HELLO_APP)
    term = Terminal(f"{sys.executable} {hello}", env)
    try:
        results["one-widget Textual app, painted"].append(term.wait_for("hello from textual"))
        rss, _ = memory_kb(term.pid())
        results["rss one-widget app (MB)"].append(rss / 1024)
    finally:
        term.close()

    command = " ".join(entry_point())
    term = Terminal(f"{command} two-sum", env)
    try:
        results["coach interview two-sum, greeting on screen"].append(
            term.wait_for("before you start coding")
        )
        term.tmux("send-keys", "-t", "b", "-l", "I would use a hash map")
        term.tmux("send-keys", "-t", "b", "Enter")
        term.wait_for("So you're thinking of hash map")
        term.tmux("send-keys", "-t", "b", "C-r")
        term.wait_for("passed")
        rss, peak = memory_kb(term.pid())
        results["rss coach interview after chat + run (MB)"].append(rss / 1024)
        results["peak rss coach interview (MB)"].append(peak / 1024)
        term.tmux("send-keys", "-t", "b", "C-q")
    finally:
        term.close()

    term = Terminal(command, env)
    try:
        results["coach interview (home), problem list on screen"].append(term.wait_for("Two Sum"))
    finally:
        term.close()

    engine_only = subprocess.run(
        [sys.executable, str(Path(__file__)), "--engine-only-session"],
        capture_output=True, text=True, env={**os.environ, **env}, check=True,
    )  # fmt: skip
    results["peak rss engine-only session, no UI (MB)"].append(float(engine_only.stdout) / 1024)


def engine_only_session() -> None:
    """Child process: the same interview through the engine alone; prints peak RSS in KB."""
    import resource

    from coach_engine.engine import Engine
    from coach_engine.models import SessionCreate

    async def go() -> None:
        engine = Engine.open()
        session = await engine.sessions.create(
            SessionCreate.model_validate({"problem_slug": "two-sum", "difficulty": "EASY"})
        )
        await engine.interview.begin(session.id)
        await engine.interview.send(session.id, "I would use a hash map")
        await engine.interview.run(session.id, GOOD, "python")
        engine.close()

    asyncio.run(go())
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


# --- run → results --------------------------------------------------------------------------
async def run_to_results(reps: int, quiet: Callable[[], bool]) -> dict[str, list[float]]:
    from textual import events
    from tui_support import make_engine, options

    from coach_tui.factory import StartRequest, make_app
    from coach_tui.screens.interview import InterviewScreen

    out: dict[str, list[float]] = {
        "ui: ctrl+r → 3/3 in the Tests panel": [],
        "engine.interview.run": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(Path(tmp) / "bench.sqlite")
        app = make_app(engine, StartRequest(slug="two-sum"), options())
        async with app.run_test(size=(120, 40)) as pilot:
            while not isinstance(app.screen, InterviewScreen) or app.screen.view is None:
                await pilot.pause(0.05)
            screen = app.screen
            await pilot.press("f2", "f7", "delete")
            app.post_message(events.Paste(GOOD))
            while screen.code.code != GOOD:
                await pilot.pause(0.01)
            await engine.interview.run(screen.session_id, GOOD, "python")  # warm the cache
            summary = screen.tests.query_one("#tests-summary")
            for _ in range(reps):
                quiet()
                await pilot.pause(0.3)  # let the previous reaction finish streaming
                before = screen.tests.run.id if screen.tests.run else None
                started = time.perf_counter()
                # Post the key like the terminal driver does; pilot.press would also wait for
                # the app to go idle (the interviewer's reaction streaming), which is not the
                # moment results are shown.
                app.simulate_key("ctrl+r")
                while True:
                    shown = str(summary.render())
                    run = screen.tests.run  # the run the Tests panel shows
                    if run is not None and run.id != before and "3/3" in shown:
                        break
                    await asyncio.sleep(0.002)
                out["ui: ctrl+r → 3/3 in the Tests panel"].append(time.perf_counter() - started)
                await pilot.pause(0.3)
                quiet()
                started = time.perf_counter()
                await engine.interview.run(screen.session_id, GOOD, "python")
                out["engine.interview.run"].append(time.perf_counter() - started)
        engine.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--engine-only-session", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine_only_session:
        engine_only_session()
        return
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed for the start-up and memory figures")

    results: dict[str, list[float]] = {
        k: []
        for k in (
            "import textual",
            "one-widget Textual app, painted",
            "coach interview two-sum, greeting on screen",
            "coach interview (home), problem list on screen",
            "rss one-widget app (MB)",
            "rss coach interview after chat + run (MB)",
            "peak rss coach interview (MB)",
            "peak rss engine-only session, no UI (MB)",
        )
    }
    busy_rounds = 0
    for _ in range(args.reps):
        busy_rounds += not wait_quiet()
        with tempfile.TemporaryDirectory() as home:
            startup_round(Path(home), results)
    results.update(asyncio.run(run_to_results(args.reps, wait_quiet)))

    print(f"entry point: {' '.join(entry_point())}; {args.reps} rounds, {busy_rounds} busy\n")
    print("| measure | median | min | max |\n|---|---:|---:|---:|")
    for name, values in results.items():
        unit = "" if "MB" in name else " s"
        print(f"| {name} | {median(values):.3f}{unit} | {min(values):.3f} | {max(values):.3f} |")
    if args.json:
        args.json.write_text(json.dumps({"busy_rounds": busy_rounds, **results}, indent=2))


if __name__ == "__main__":
    main()
