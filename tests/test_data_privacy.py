"""Data at rest is private whatever the umask: the data directory 0700, config.toml (API keys),
coach.db and its -wal/-shm, logs and exports 0600 — fixed again on every start — and the
sandbox's job directories (code, test inputs) closed to other users."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from sandbox.isolation import staging
from tests.conftest import coach_bin

OTHER_UID = 4321  # a local user that is neither Coach nor the sandbox


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def coach_022(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The real `coach` under the common default umask 022."""
    env = {**os.environ, "COACH_HOME": str(home), "COLUMNS": "200"}
    return subprocess.run(
        [coach_bin(), *args], capture_output=True, text=True, env=env, umask=0o022, timeout=60
    )


def test_fresh_home_is_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert coach_022("config", "set", "keys.openai", "sk-secret", home=home).returncode == 0
    assert coach_022("history", "--json", home=home).returncode == 0
    assert mode(home) == 0o700
    assert mode(home / "config.toml") == 0o600
    assert mode(home / "coach.db") == 0o600
    for name in ("coach.db-wal", "coach.db-shm"):  # present while another process has it open
        if (home / name).exists():
            assert mode(home / name) == 0o600, name
    assert not any(p.name.endswith(".tmp") for p in home.iterdir())  # the atomic write's temp


def test_loose_permissions_are_fixed_on_start(tmp_path: Path) -> None:
    """A data dir made by an older version (or copied with the umask's modes) is fixed, data
    kept: the key still reads back, the sessions are still there."""
    home = tmp_path / "home"
    assert coach_022("config", "set", "provider.model", "gpt-x", home=home).returncode == 0
    assert coach_022("history", "--json", home=home).returncode == 0
    (home / "logs").mkdir()
    (home / "logs" / "coach.log").write_text("log line\n")
    (home / "exports").mkdir()
    (home / "exports" / "old.md").write_text("# packet\n")
    for d in (home, home / "logs", home / "exports"):
        d.chmod(0o755)
    (home / "coach.db").chmod(0o644)
    holder = sqlite3.connect(home / "coach.db")  # keeps -wal and -shm (0644 like the db) alive
    holder.execute("CREATE TABLE IF NOT EXISTS t (x)")
    holder.execute("INSERT INTO t VALUES (1)")
    holder.commit()
    loose = [home / "config.toml", home / "coach.db", home / "coach.db-wal", home / "coach.db-shm"]
    loose += [home / "logs" / "coach.log", home / "exports" / "old.md"]
    for path in loose:
        path.chmod(0o644)

    proc = coach_022("doctor", "--json", home=home)
    assert '"name": "database"' in proc.stdout, proc.stderr
    for d in (home, home / "logs", home / "exports"):
        assert mode(d) == 0o700, d
    for path in loose:
        assert mode(path) == 0o600, path
    holder.close()
    assert coach_022("config", "get", "provider.model", home=home).stdout.strip() == "gpt-x"


def test_export_into_the_data_dir_is_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    out = home / "exports" / "all.json"
    proc = coach_022("export", "--all", "--format", "json", "-o", str(out), home=home)
    assert proc.returncode == 0, proc.stderr
    assert mode(out) == 0o600 and out.read_text().startswith("{")


def test_a_shared_directory_as_home_is_refused_not_chmodded(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    proc = coach_022("history", home=shared)
    assert proc.returncode == 1
    assert (
        proc.stderr.startswith("Error: Data directory is shared: ") and "COACH_HOME" in proc.stderr
    )
    assert mode(shared) == 0o1777 and not (shared / "coach.db").exists()


def test_job_dirs_are_closed_to_other_users() -> None:
    for writable in (False, True):
        job = staging.new_jobdir(writable=writable)
        try:
            (job / "solution.py").write_text("secret = 1\n")
            (job / "solution.py").chmod(0o644)  # as a hard link from the build cache can be
            assert mode(job) & 0o007 == 0, oct(mode(job))
            if os.geteuid() != 0:
                continue
            st = job.stat()
            assert st.st_gid == staging.NOBODY  # the sandbox uid gets in through its group ...
            assert (st.st_uid == staging.NOBODY) == writable  # ... and owns only build dirs
            assert mode(job) & 0o020 == 0 or writable  # a run's job dir: read-only for it
            other = subprocess.run(
                ["setpriv", f"--reuid={OTHER_UID}", f"--regid={OTHER_UID}", "--clear-groups",
                 "cat", str(job / "solution.py")],
                capture_output=True, text=True,
            )  # fmt: skip
            assert other.returncode != 0 and "Permission denied" in other.stderr
            sandbox = subprocess.run(
                ["setpriv", f"--reuid={staging.NOBODY}", f"--regid={staging.NOBODY}",
                 "--clear-groups", "cat", str(job / "solution.py")],
                capture_output=True, text=True,
            )  # fmt: skip
            assert sandbox.stdout == "secret = 1\n", sandbox.stderr
        finally:
            staging.remove(job)


@pytest.mark.parametrize("backend", ["bwrap", "unsafe"])
def test_a_run_still_works_from_a_private_job_dir(backend: str) -> None:
    """The sandbox (uid 65534 when Coach is root) still reads its code and inputs."""
    from coach_engine.problems import ProblemBank
    from sandbox.runner import run

    spec = ProblemBank().get("two-sum")
    code = (
        "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
        "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
        "                return [seen[target - x], i]\n            seen[x] = i\n"
    )
    result = run(spec.run_request("python", code, "visible"), backend=backend)
    assert result.verdict == "AC", result.model_dump()
