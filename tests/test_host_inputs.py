"""Bad inputs and a hostile host, through the real `coach`: FIFOs and devices, huge files, huge
ids, paths, time zones and numbers, broken config files, a damaged database, a read-only home,
a full disk and a full TMPDIR. Each is a clear `Error: <title>: <message>` (never "Internal
error", never a hang) and leaves the data as it was."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from coach_engine.errors import ValidationError
from coach_engine.inputs import MAX_SOURCE_BYTES
from tests.conftest import coach_bin

LONG = "a" * 100_000
HUGE = str(10**26)
GOOD = (
    "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
    "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
    "                return [seen[target - x], i]\n            seen[x] = i\n"
)
root_only = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("unshare") is None, reason="needs root (mount namespaces)"
)


def clear_error(proc: subprocess.CompletedProcess[str], title: str | None = None) -> str:
    """The one error line, checked for the standard shape."""
    assert proc.returncode in (1, 2), (proc.returncode, proc.stdout, proc.stderr)
    err = proc.stderr
    assert err.startswith("Error: ") and "Internal error" not in err and "Traceback" not in err
    assert len(err) < 1500, err[:300]  # a 100,000-character input is not echoed whole
    if title is not None:
        assert err.startswith(f"Error: {title}: "), err
    return err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# files that are not files, and files too big -------------------------------------------------
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_fifo_and_devices_are_refused_without_reading(
    coach: Any, tmp_path: Path, kind: str
) -> None:
    path = Path("/dev/zero")
    if kind == "fifo":
        path = tmp_path / "solution.py"
        os.mkfifo(path)  # no writer: reading it would block for ever
    sol = tmp_path / "good.py"
    sol.write_text(GOOD)
    for args in (
        ("run", str(path), "-p", "two-sum", "--lang", "python"),
        ("feedback", str(sol), "-p", "two-sum", "--transcript", str(path)),
    ):
        err = clear_error(coach(*args, timeout=30), "Not a regular file")
        assert "save the" in err and "to a file" in err


def test_a_config_toml_that_is_a_fifo_is_refused(coach: Any, coach_home: Path) -> None:
    os.mkfifo(coach_home / "config.toml")
    clear_error(coach("config", "list", timeout=30), "Corrupt config.toml")


def test_sources_and_transcripts_have_size_limits(coach: Any, tmp_path: Path) -> None:
    big = tmp_path / "big.py"
    big.write_text(GOOD + "#" * MAX_SOURCE_BYTES)
    err = clear_error(coach("run", str(big), "-p", "two-sum"), "File too large")
    assert "1 MB" in err
    sol = tmp_path / "good.py"
    sol.write_text(GOOD)
    transcript = tmp_path / "t.json"
    transcript.write_text(json.dumps([{"role": "user", "content": "x" * (5 << 20)}]))
    err = clear_error(
        coach("feedback", str(sol), "-p", "two-sum", "--transcript", str(transcript)),
        "File too large",
    )
    assert "4 MB" in err


def test_a_drill_answer_from_an_endless_stdin_stops_at_the_limit(coach: Any) -> None:
    from coach_engine.engine import Engine
    from coach_engine.models import Drill, DrillType

    with Engine.open() as engine:
        drill = engine.store.add_drill(
            Drill(
                user_id=engine.user.id,
                title="Explain",
                prompt="Explain.",
                drill_type=DrillType.CONCEPT_REVIEW,
                key_points=["hash map"],
            )
        )
    env = {**os.environ, "COLUMNS": "200"}
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run(
            [coach_bin(), "drills", "run", "--id", drill.id[:8]],
            stdin=zero,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    clear_error(proc, "Input too large")


async def test_the_engine_refuses_oversized_code(tmp_path: Path) -> None:
    from coach_engine.config import Config
    from coach_engine.engine import Engine
    from coach_engine.models import SessionCreate
    from coach_engine.store import SQLiteStore

    ran: list[object] = []
    engine = Engine(SQLiteStore.open(tmp_path / "db.sqlite"), Config(), runner=ran.append)  # type: ignore[arg-type]
    s = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
    await engine.sessions.start(s.id)
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        await engine.interview.run(s.id, GOOD + "#" * MAX_SOURCE_BYTES, "python")
    assert ran == []  # neither the sandbox nor the judge saw it
    engine.close()


# huge ids, paths, time zones and numbers -----------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ("show", LONG),
        ("export", LONG),
        ("delete", LONG, "--yes"),
        ("drills", "run", "--id", LONG),
        ("problems", "show", LONG),
        ("run", f"/tmp/{LONG}.py", "-p", "two-sum"),
        ("export", "--all", "-o", f"/tmp/{LONG}.md"),
        ("dashboard", "--tz", LONG),
        ("goals", "--tz", LONG),
        ("history", "--page", HUGE),
        ("goals", "add", "More", "--total", HUGE),
        ("goals", "add", LONG, "--total", "3"),
        ("goals", "set", LONG, "--total", "3"),
        ("feedback", "x.py", "-p", "two-sum", "--hints", HUGE),
        ("config", "set", "provider.model", LONG),
        ("config", "set", LONG, "x"),
    ],
    ids=lambda a: " ".join(x[:12] for x in a),
)
def test_huge_inputs_are_clear_errors(coach: Any, args: tuple[str, ...]) -> None:
    proc = coach(*args)
    if proc.returncode == 2 and proc.stderr.startswith("Usage:"):  # rejected by the parser
        assert "Error: Invalid value" in proc.stderr and len(proc.stderr) < 1500
        return
    clear_error(proc)


# config files ------------------------------------------------------------------------------
def test_a_non_utf8_config_is_a_clear_error_and_kept(coach: Any, coach_home: Path) -> None:
    config = coach_home / "config.toml"
    config.write_bytes(b'[provider]\nmodel = "caf\xe9"\n')  # Latin-1
    before = digest(config)
    for args in (("config", "list"), ("config", "set", "provider.model", "x"), ("history",)):
        err = clear_error(coach(*args), "Corrupt config.toml")
        assert "not UTF-8" in err and "save it as UTF-8" in err
    assert digest(config) == before


def test_config_set_on_a_schema_invalid_file(coach: Any, coach_home: Path) -> None:
    config = coach_home / "config.toml"
    config.write_text("# mine\n[sandbox]\ntime_ms = 5  # too low\n")
    before = digest(config)
    err = clear_error(coach("config", "set", "provider.model", "x"), "Invalid config.toml")
    assert "sandbox.time_ms" in err and "nothing was changed" in err
    assert digest(config) == before
    err = clear_error(coach("config", "set", "sandbox.time_ms", "1"), "Invalid value")
    assert digest(config) == before
    fixed = coach("config", "set", "sandbox.time_ms", "2000")  # setting the bad key fixes it
    assert fixed.returncode == 0, fixed.stderr
    assert "# mine" in config.read_text() and coach("config", "list").returncode == 0
    config.write_text('provider = "openai"\n')
    clear_error(coach("config", "set", "provider.model", "x"), "Invalid config.toml")


# a damaged database --------------------------------------------------------------------------
def seed_sessions(n: int) -> None:
    from coach_engine.engine import Engine
    from coach_engine.models import SessionCreate

    async def seed() -> None:
        with Engine.open() as engine:
            for _ in range(n):
                await engine.sessions.create(SessionCreate(problem_slug="two-sum"))

    asyncio.run(seed())


def test_damaged_database_pages_are_found_by_doctor_and_reported(
    coach: Any, coach_home: Path
) -> None:
    seed_sessions(60)
    db = coach_home / "coach.db"
    conn = sqlite3.connect(db)
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'interview_sessions'"
    ).fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()  # the last connection: the WAL is checkpointed into the file
    with open(db, "r+b") as f:
        f.seek((root - 1) * page)
        f.write(bytes(range(256)) * (page // 256))  # garbage over the table's root page
    before = digest(db)

    report = json.loads(coach("doctor", "--json").stdout)
    check = next(c for c in report["checks"] if c["name"] == "database")
    assert not check["ok"] and "damaged" in check["detail"] and not report["ok"]
    for args in (("history",), ("history", "--json"), ("export", "--all")):
        err = clear_error(coach(*args), "Database damaged")
        assert ".recover" in err and "move it away" in err
    assert digest(db) == before  # left exactly as it was


# a read-only home, a full disk, a full TMPDIR (root: a private mount namespace) --------------
def in_namespace(script: str, tmp_path: Path) -> dict[str, Any]:
    """Run ``script`` (Python) as root in a private mount namespace; it prints JSON."""
    runner = tmp_path / "scenario.py"
    runner.write_text(textwrap.dedent(script))
    proc = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", sys.executable, str(runner)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COACH_BIN": coach_bin(), "COLUMNS": "200"},
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


SCENARIO_HELPERS = """
import json, os, subprocess, sys
def coach(*args, **env):
    proc = subprocess.run([os.environ["COACH_BIN"], *args], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=120)
    return {"rc": proc.returncode, "out": proc.stdout, "err": proc.stderr}
def sh(*cmd):
    subprocess.run(cmd, check=True, capture_output=True)
"""


@root_only
def test_a_read_only_home_still_runs_code_and_doctor_says_why(
    coach: Any, coach_home: Path, tmp_path: Path
) -> None:
    assert coach("config", "set", "provider.model", "kept").returncode == 0
    seed_sessions(2)
    solution = tmp_path / "good.py"
    solution.write_text(GOOD)
    out = in_namespace(
        SCENARIO_HELPERS
        + f"""
home = {str(coach_home)!r}
sh("mount", "--bind", home, home)
sh("mount", "-o", "remount,bind,ro", home)
print(json.dumps({{
    "run": coach("run", {str(solution)!r}, "-p", "two-sum", COACH_SANDBOX_CACHE=""),
    "doctor": coach("doctor", "--json"),
    "set": coach("config", "set", "provider.model", "changed"),
    "history": coach("history", "--json"),
}}))
""",
        tmp_path,
    )
    run = out["run"]
    assert run["rc"] == 0 and "AC 3/3" in run["out"], run
    assert "build cache" in run["err"] and "not writable" in run["err"]  # under the home
    doctor = json.loads(out["doctor"]["out"])
    checks = {c["name"]: c for c in doctor["checks"]}
    assert not checks["data directory"]["ok"]
    assert "read-only file system" in checks["data directory"]["detail"]
    assert checks["database"]["ok"] and "integrity ok" in checks["database"]["detail"]
    assert out["set"]["err"].startswith("Error: Read-only file system: ")
    assert "Internal error" not in out["history"]["err"]
    assert coach("config", "get", "provider.model").stdout.strip() == "kept"


@root_only
def test_a_full_disk_and_a_full_tmpdir_are_clear_errors_that_keep_the_data(
    tmp_path: Path,
) -> None:
    solution = tmp_path / "good.py"
    solution.write_text(GOOD)
    mount = tmp_path / "small"
    mount.mkdir()
    out = in_namespace(
        SCENARIO_HELPERS
        + f"""
mnt = {str(mount)!r}
sh("mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", mnt)
home = os.path.join(mnt, "coach")
os.environ["COACH_HOME"] = home
setup = [coach("config", "set", "provider.model", "kept"), coach("goals", "add", "Ship it",
         "--total", "2")]
tmp = os.path.join(mnt, "tmp")
os.mkdir(tmp)
fd = os.open(os.path.join(mnt, "fill"), os.O_WRONLY | os.O_CREAT)
try:  # fill the disk to the last block
    while True:
        os.write(fd, b"x" * 4096)
except OSError:
    os.close(fd)
print(json.dumps({{
    "setup": setup,
    "set": coach("config", "set", "provider.model", "changed"),
    "goal": coach("goals", "add", "Another", "--total", "3"),
    "doctor": coach("doctor", "--json"),
    "export": coach("export", "--all", "-o", os.path.join(home, "exports", "all.md")),
    "run": coach("run", {str(solution)!r}, "-p", "two-sum", TMPDIR=tmp),
    "config": open(os.path.join(home, "config.toml")).read(),
}}))
""",
        tmp_path,
    )
    assert all(s["rc"] == 0 for s in out["setup"]), out["setup"]
    for name in ("set", "goal", "export"):
        assert out[name]["rc"] == 1, (name, out[name])
        assert out[name]["err"].startswith("Error: Disk full: "), (name, out[name]["err"])
        assert "free some space" in out[name]["err"]
    assert 'model = "kept"' in out["config"]
    doctor = out["doctor"]
    assert "Internal error" not in doctor["err"] and json.loads(doctor["out"])["checks"]
    run = out["run"]  # the full TMPDIR: either it fits or it says so
    assert "Internal error" not in run["err"] and "Traceback" not in run["err"], run
    assert run["rc"] == 0 or run["err"].startswith("Error: "), run


def test_a_fifo_in_a_problem_pack_is_refused(coach: Any, tmp_path: Path) -> None:
    from coach_engine.problems import bundled_root

    pack = tmp_path / "pack"
    shutil.copytree(Path(str(bundled_root())) / "two-sum", pack / "two-sum")
    (pack / "two-sum" / "tests.json").unlink()
    os.mkfifo(pack / "two-sum" / "tests.json")
    proc = coach("problems", "import", str(pack), timeout=60)
    err = clear_error(proc)
    assert "tests.json: not a regular file" in err and "nothing was imported" in err
