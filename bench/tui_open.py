"""How fast `coach interview` opens, and submit → feedback screen (issue 14, item 10).

    .venv/bin/python bench/tui_open.py [--reps 5] [--before COMMIT] [--no-submit]

* **Open**: the real entry point (``coach interview``, home screen) runs in a pseudo-terminal of
  120×40 that this script reads byte by byte, stamping each chunk as it arrives (no polling).
  *First paint* is when the home screen's header text ("mock interviews") has been written;
  *interactive* is when the problem list ("Two Sum") has been written — the list has focus from
  the start, so keys act on it from then on. Next to it, in the same rounds: a bare
  ``python -c "import textual"`` (to exit) and a one-widget Textual app until its text is
  written. With ``--before COMMIT`` the same is timed for that commit's code (``git archive``
  into a temporary directory, run from it), interleaved round by round, so a busy machine
  slows both alike. The rounds of a tree share one ``COACH_HOME``: after the unmeasured warm-up
  round its problem index is written, as it is for anyone who has started Coach before.
* **Submit → feedback**, in-process and headless (Textual's pilot, the app ``make_app`` builds):
  a correct python two-sum is in the editor; the clock runs from the confirmation of the submit
  (enter on "Submit your solution?") until the feedback screen shows the verdict, and until it
  shows the judge's complete feedback (score and complexity, after the timing runs). Code that
  opens the feedback screen only when the job is done counts its score as the verdict. With
  ``--before`` that commit's code is timed the same way in a child process.

Bytecode is cached under a temporary ``PYTHONPYCACHEPREFIX`` as an installed package's would be
(this machine's environment sets ``PYTHONDONTWRITEBYTECODE``); one unmeasured warm-up round runs
first. Each figure is printed with the load average at the time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections import defaultdict
from collections.abc import Callable
from fcntl import ioctl
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
COACH = str(Path(PY).parent / "coach")
AS_SCRIPT = "import sys; sys.argv[0] = 'coach'; from coach_cli.main import run; sys.exit(run())"
HELLO_APP = (
    "from textual.app import App\nfrom textual.widgets import Static\n"
    "class Hello(App):\n    def compose(self):\n        yield Static('hello from textual')\n"
    "Hello().run()\n"
)
GOOD = (
    "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
    "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
    "                return [seen[target - x], i]\n            seen[x] = i\n"
)
# CSI/OSC/DCS and two-byte escapes; what is left of the output stream is the text written.
ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|.)")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (load inflates it far less than wall
    time)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def in_pty(
    argv: list[str], env: dict[str, str], cwd: str, marks: list[str], timeout: float = 60.0
) -> dict[str, tuple[float, float]]:
    """Run ``argv`` on a 120×40 pseudo-terminal; (wall, CPU) seconds from the fork until each of
    ``marks`` has been written (escape sequences removed), then ctrl+q and reap the process."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child: the pty is its controlling terminal and stdio
        os.chdir(cwd)
        os.execvpe(argv[0], argv, env)
    ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen: dict[str, tuple[float, float]] = {}
    text = b""
    try:
        while len(seen) < len(marks):
            left = timeout - (time.perf_counter() - started)
            if left <= 0:
                raise TimeoutError(f"{argv}: never wrote {[m for m in marks if m not in seen]}")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                raise RuntimeError(f"{argv} exited early: {text[-300:]!r}") from None
            now = time.perf_counter() - started
            text += ESCAPES.sub(b"", chunk)
            for mark in marks:
                if mark not in seen and mark.encode() in text:
                    seen[mark] = (now, cpu_seconds(pid))
    finally:
        _finish(pid, fd)
    return seen


def _finish(pid: int, fd: int) -> None:
    """ctrl+q, drain the terminal until the child exits (SIGKILL after 10 s)."""
    try:
        os.write(fd, b"\x11")
    except OSError:
        pass
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if select.select([fd], [], [], 0.05)[0]:
            try:
                os.read(fd, 65536)
            except OSError:
                pass
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)


HOMES: dict[str | None, str] = {}


def environment(tree: str | None, pyc: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(TERM="xterm-256color", PYTHONPYCACHEPREFIX=pyc)
    # one home per tree for every round: after the warm-up round its caches (the problem index)
    # are as a person's are after their first start
    if tree not in HOMES:
        HOMES[tree] = tempfile.mkdtemp(prefix="coach-open-")
    env["COACH_HOME"] = HOMES[tree]
    if tree is not None:
        env["PYTHONPATH"] = tree
    return env


def checkout(commit: str) -> str:
    tree = tempfile.mkdtemp(prefix=f"coach-{commit}-")
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
    return tree


def open_round(results: dict[str, list[float]], before: str | None, pyc: str) -> None:
    env = environment(None, pyc)
    started = time.perf_counter()
    proc = subprocess.Popen([PY, "-c", "import textual"], env=env)
    _, _, usage = os.wait4(proc.pid, 0)
    results['python -c "import textual" (to exit)'].append(time.perf_counter() - started)
    results['python -c "import textual" (CPU)'].append(usage.ru_utime + usage.ru_stime)
    hello = Path(env["COACH_HOME"]) / "hello.py"
    hello.write_text(HELLO_APP)
    hi = in_pty([PY, str(hello)], env, str(ROOT), ["hello from textual"])
    results["one-widget Textual app, painted"].append(hi["hello from textual"][0])
    results["one-widget Textual app, painted (CPU)"].append(hi["hello from textual"][1])
    rows = [("", [COACH, "interview"], env, str(ROOT))]
    if before is not None:
        old = environment(before, pyc + "-before")
        rows.append((f"{before_name}: ", [PY, "-c", AS_SCRIPT, "interview"], old, before))
    for prefix, argv, row_env, cwd in rows:
        seen = in_pty(argv, row_env, cwd, ["mock interviews", "Two Sum"])
        for key, mark in (("first paint", "mock interviews"), ("problem list", "Two Sum")):
            wall, cpu = seen[mark]
            results[f"{prefix}coach interview: {key}"].append(wall)
            results[f"{prefix}coach interview: {key} (CPU)"].append(cpu)


before_name = ""


async def submit_to_feedback(reps: int, tree: Path = ROOT) -> dict[str, list[float]]:
    """In-process, the real feedback producer (the judge): enter on the submit confirmation →
    the feedback screen shows the verdict, and → it shows the complete feedback."""
    out: dict[str, list[float]] = {
        "submit → feedback screen with the verdict": [],
        "submit → complete feedback (score, complexity)": [],
    }
    for _ in range(reps):
        with tempfile.TemporaryDirectory() as tmp:
            verdict, complete = await submit_round(Path(tmp) / "bench.sqlite", tree)
        out["submit → feedback screen with the verdict"].append(verdict)
        out["submit → complete feedback (score, complexity)"].append(complete)
    return out


async def submit_round(database: Path, tree: Path = ROOT) -> tuple[float, float]:
    sys.path.insert(0, str(tree))
    sys.path.insert(0, str(tree / "tests" / "tui"))
    from textual import events
    from tui_support import options, screen_text

    from coach_engine.config import Config
    from coach_engine.engine import Engine
    from coach_engine.store import SQLiteStore
    from coach_tui.factory import StartRequest, make_app
    from coach_tui.screens.feedback import FeedbackScreen
    from coach_tui.screens.interview import InterviewScreen

    engine = Engine(SQLiteStore.open(database), Config())
    app = make_app(engine, StartRequest(slug="two-sum"), options())

    def on_feedback(*texts: str, alternative: str = "") -> Callable[[], bool]:
        def shown() -> bool:
            if not isinstance(app.screen, FeedbackScreen):
                return False
            text = screen_text(app)
            return all(t in text for t in texts) or bool(alternative and alternative in text)

        return shown

    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(lambda: isinstance(app.screen, InterviewScreen))
            screen = app.screen
            assert isinstance(screen, InterviewScreen)
            await until(lambda: screen.view is not None)
            await pilot.press("f2", "f7", "delete")
            app.post_message(events.Paste(GOOD))
            await until(lambda: screen.code.code == GOOD)
            await engine.interview.run(screen.session_id, GOOD, "python")  # warm caches
            await pilot.press("ctrl+t")
            await until(lambda: app.screen is not screen)  # the confirmation
            started = time.perf_counter()
            app.simulate_key("enter")  # as the terminal driver posts it
            # the verdict, or (code that opens the screen only when the job is done) the score
            await until(on_feedback("Accepted", alternative="score"), 0.005, 120)
            verdict = time.perf_counter() - started
            await until(on_feedback("score", "O(n)"), 0.005, 120)
            complete = time.perf_counter() - started
    finally:
        await engine.stop_background()
        engine.close()
    return verdict, complete


async def until(ready: Callable[[], bool], step: float = 0.02, limit: float = 60) -> None:
    deadline = time.perf_counter() + limit
    while not ready():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"the state never came; on screen:\n{shown_text()}")
        await asyncio.sleep(step)


def shown_text() -> str:
    from textual._context import active_app
    from tui_support import screen_text

    try:
        return str(screen_text(active_app.get()))
    except LookupError:
        return "(no app)"


def main() -> None:
    global before_name
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--before", help="also time this commit's `coach interview`")
    parser.add_argument("--no-submit", action="store_true", help="only the open figures")
    parser.add_argument("--submit-tree", type=Path, help=argparse.SUPPRESS)  # child: that code
    args = parser.parse_args()
    if args.submit_tree:
        print(json.dumps(asyncio.run(submit_to_feedback(args.reps, args.submit_tree))))
        return
    pyc = tempfile.mkdtemp(prefix="coach-open-pyc-")
    before = None
    if args.before:
        before_name, before = args.before, checkout(args.before)
    results: dict[str, list[float]] = {
        'python -c "import textual" (to exit)': [],
        'python -c "import textual" (CPU)': [],
        "one-widget Textual app, painted": [],
        "one-widget Textual app, painted (CPU)": [],
    }
    for prefix in ("", f"{before_name}: ") if before is not None else ("",):
        for key in ("first paint", "problem list"):
            results[f"{prefix}coach interview: {key}"] = []
            results[f"{prefix}coach interview: {key} (CPU)"] = []
    open_round(defaultdict(list), before, pyc)  # warm-up (page cache, .pyc), not counted
    loads = []
    for _ in range(args.reps):
        loads.append(os.getloadavg()[0])
        open_round(results, before, pyc)
    if not args.no_submit:
        loads.append(os.getloadavg()[0])
        results.update(asyncio.run(submit_to_feedback(args.reps)))
        if before is not None:  # that commit's code in a child process of its own
            child = subprocess.run(
                [PY, str(Path(__file__).resolve()), "--submit-tree", before, "--reps",
                 str(args.reps)],
                env={**os.environ, "PYTHONPATH": before}, cwd=before, capture_output=True,
                text=True, check=True,
            )  # fmt: skip
            for key, values in json.loads(child.stdout.splitlines()[-1]).items():
                results[f"{before_name}: {key}"] = values
    print(f"{args.reps} rounds; load average {min(loads):.1f}–{max(loads):.1f} on "
          f"{os.cpu_count()} cores\n")  # fmt: skip
    print("| measure | median s | min | max |\n|---|---:|---:|---:|")
    for name, values in results.items():
        if values:
            print(
                f"| {name} | {statistics.median(values):.3f} | {min(values):.3f} "
                f"| {max(values):.3f} |"
            )


if __name__ == "__main__":
    main()
