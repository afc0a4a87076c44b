"""The real `coach` entry point, run as a subprocess — once per command at least; further
output checks of a command already run that way go through `coach` in process
(``tests/cli_in_process.py``: the same ``run()``, no new interpreter)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.cli_in_process import run_in_process as in_process

COMMANDS = (
    "interview",
    "problems",
    "run",
    "feedback",
    "drills",
    "dashboard",
    "history",
    "export",
    "serve",
    "doctor",
    "config",
)


def test_help_lists_every_command() -> None:
    proc = in_process("--help")  # the real `coach --help`: test_cli_startup
    assert proc.returncode == 0
    for command in COMMANDS:
        assert f" {command} " in proc.stdout or f" {command}\n" in proc.stdout, command


def test_version(coach: Any) -> None:
    proc = coach("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("coach 0.")


def test_doctor_on_a_fresh_home(coach: Any, tmp_path: Path) -> None:
    home = tmp_path / "fresh"
    proc = coach("doctor", env={"COACH_HOME": str(home)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert str(home / "coach.db") in proc.stdout
    assert (home / "coach.db").exists()
    report = json.loads(in_process("doctor", "--json", env={"COACH_HOME": str(home)}).stdout)
    names = {c["name"] for c in report["checks"]}
    assert {"database", "config", "python", "provider offline"} <= names
    db = next(c for c in report["checks"] if c["name"] == "database")
    assert "schema version" in db["detail"]


def test_history_json_and_filters(coach: Any, coach_home: Path) -> None:
    import asyncio

    from coach_engine.engine import Engine
    from coach_engine.models import SessionCreate

    async def seed() -> list[str]:
        with Engine.open() as engine:
            ids = []
            for slug in ("two-sum", "merge-intervals", "valid-parentheses"):
                s = await engine.sessions.create(SessionCreate(problem_slug=slug))
                ids.append(s.id)
            await engine.sessions.start(ids[1])
            return ids

    ids = asyncio.run(seed())
    data = json.loads(coach("history", "--json").stdout)
    assert [s["id"] for s in data["items"]] == list(reversed(ids)) and data["total"] == 3
    data = json.loads(in_process("history", "--json", "--status", "in_progress").stdout)
    assert [s["problem_slug"] for s in data["items"]] == ["merge-intervals"]
    data = json.loads(in_process("history", "--json", "--limit", "2", "--page", "2").stdout)
    assert [s["id"] for s in data["items"]] == [ids[0]]
    table = in_process("history")
    assert table.returncode == 0 and "merge-intervals" in table.stdout
    shown = json.loads(in_process("show", ids[1][:8], "--json").stdout)
    assert shown["session"]["status"] == "IN_PROGRESS"


def test_bad_status_filter(coach: Any) -> None:
    proc = coach("history", "--status", "finished")
    assert proc.returncode == 2
    assert proc.stderr.startswith("Error: Invalid status: unknown status 'finished'")
    assert "Traceback" not in proc.stderr


def test_unknown_session_id(coach: Any) -> None:
    proc = coach("show", "deadbeef")
    assert proc.returncode == 2
    assert "Unknown session" in proc.stderr and "coach history" in proc.stderr
    assert coach("show", "not-hex!").returncode == 2


def test_corrupt_config_toml(coach: Any, coach_home: Path) -> None:
    (coach_home / "config.toml").write_text("[provider\n")
    proc = coach("history")
    assert proc.returncode == 2
    assert "Corrupt config.toml" in proc.stderr and "Traceback" not in proc.stderr
    assert (coach_home / "config.toml").read_text() == "[provider\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_unwritable_home_as_user(coach: Any, tmp_path: Path) -> None:
    home = tmp_path / "ro"
    home.mkdir()
    home.chmod(stat.S_IRUSR | stat.S_IXUSR)
    proc = coach("history", env={"COACH_HOME": str(home / "sub")})
    assert proc.returncode == 1 and "not writable" in proc.stderr


def test_unwritable_home(coach: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("I am a file, not a directory")
    proc = coach("history", env={"COACH_HOME": str(blocker / "home")})
    assert proc.returncode == 1
    assert "Data directory not writable" in proc.stderr and "COACH_HOME" in proc.stderr
    assert blocker.read_text() == "I am a file, not a directory"


def test_config_commands(coach: Any, coach_home: Path) -> None:
    assert coach("config", "path").stdout.strip() == str(coach_home / "config.toml")
    assert coach("config", "set", "provider.model", "gpt-4o-mini").returncode == 0
    assert coach("config", "get", "provider.model").stdout.strip() == "gpt-4o-mini"
    secret = in_process("config", "set", "keys.anthropic", "sk-ant-secret")
    assert "sk-ant-secret" not in secret.stdout
    assert in_process("config", "get", "keys.anthropic").stdout.strip() == "**********"
    bad = in_process("config", "set", "provider.name", "skynet")
    assert bad.returncode == 2 and "provider.name" in bad.stderr
    unknown = in_process("config", "get", "nope")
    assert unknown.returncode == 2 and "Unknown setting" in unknown.stderr
    env = in_process("config", "get", "provider.name", env={"COACH_PROVIDER": "anthropic"})
    assert env.stdout.strip() == "anthropic"


def test_doctor_checks_a_configured_provider_with_a_real_request(coach: Any) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from fakes.llm_server import FakeLLMServer, Reply

    with FakeLLMServer() as server:
        server.enqueue(Reply("ok"))
        env = {
            "COACH_PROVIDER": "openai-compatible",
            "COACH_BASE_URL": server.openai_url,
            "COACH_MODEL": "qwen2.5-coder",
        }
        report = json.loads(coach("doctor", "--json", env=env).stdout)
        row = next(c for c in report["checks"] if c["name"] == "provider openai-compatible")
        assert row["ok"] and "ms)" in row["detail"] and "(active)" in row["detail"]
        assert server.requests, "doctor made no request to the provider"
    down = in_process("doctor", "--json", env={**env, "COACH_BASE_URL": "http://127.0.0.1:9/v1"})
    assert down.returncode == 1  # the active provider is essential
    row = next(
        c for c in json.loads(down.stdout)["checks"] if c["name"] == "provider openai-compatible"
    )
    assert not row["ok"] and "offline" in row["detail"]
