"""``coach login`` / ``coach logout`` and the read commands' ``--server URL`` against a real
server on loopback: ``coach login`` and ``coach history --server`` through the real ``coach``
entry point (one test each), the other commands in process (the typer app)."""

from __future__ import annotations

import json
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from server_support import GOOD, PASSWORD, User, signup
from typer.testing import CliRunner

from coach_cli.main import build_app
from coach_engine.api import NotSignedIn, ServerUnreachable, ValidationError, sign_in
from coach_engine.server.runner import BackgroundServer


@dataclass
class World:
    base: str
    user: User
    session: str  # submitted, accepted, feedback done, ended; drills generated
    drills: set[str]


@pytest.fixture(scope="module")
def world(server: BackgroundServer) -> Iterator[World]:
    with httpx.Client(base_url=server.url, timeout=120) as client:
        user = signup(client, "cli")
        sid = client.post("/sessions", json={"problem_slug": "two-sum"}, headers=user.auth)
        sid.raise_for_status()
        session = sid.json()["id"]
        client.patch(f"/sessions/{session}", json={"status": "in_progress"}, headers=user.auth)
        sub = client.post(f"/sessions/{session}/submit", json={"code": GOOD}, headers=user.auth)
        assert sub.json()["verdict"] == "AC", sub.text
        deadline = time.monotonic() + 120  # a hang guard: the scripted job takes milliseconds
        while time.monotonic() < deadline:
            jobs = client.get(f"/feedback/sessions/{session}", headers=user.auth).json()
            if jobs and jobs[-1]["status"] == "COMPLETED":
                break
            time.sleep(0.05)
        made = client.post(f"/drills/feedback/{jobs[-1]['feedback_id']}/drills", headers=user.auth)
        assert made.status_code == 201, made.text
        client.post(f"/sessions/{session}/complete", headers=user.auth).raise_for_status()
        drills = {d["id"] for d in made.json()}
        yield World(f"http://127.0.0.1:{server.port}", user, session, drills)


def signed_in(world: World) -> None:
    """Save the login in this test's COACH_HOME, as `coach login` does."""
    import asyncio

    asyncio.run(sign_in(world.base, world.user.email, PASSWORD))


def invoke(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(build_app(), list(args), prog_name="coach", input=input)


def test_coach_login_through_the_real_entry_point(
    coach: Any, world: World, coach_home: Path
) -> None:
    done = coach("login", world.base, "--email", world.user.email, "--password-stdin",
                 input=PASSWORD + "\n")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"Signed in to {world.base} as {world.user.email}" in done.stdout
    saved = coach_home / "logins.json"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert PASSWORD not in saved.read_text()
    login = json.loads(saved.read_text())
    assert login["current"] == world.base
    assert set(login["servers"][world.base]) == {"email", "refresh_token"}
    wrong = coach("login", world.base, "--email", world.user.email, "--password-stdin",
                  input="not the password\n")  # fmt: skip
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert "wrong e-mail or password" in wrong.stderr


def test_coach_history_server_through_the_real_entry_point(coach: Any, world: World) -> None:
    missing = coach("history", "--server", world.base)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert f"coach login {world.base}" in missing.stderr
    signed_in(world)
    listed = coach("history", "--server", world.base, "--json")
    assert listed.returncode == 0, listed.stderr
    page = json.loads(listed.stdout)
    assert [s["id"] for s in page["items"]] == [world.session]
    assert page["items"][0]["status"] == "COMPLETED"
    table = invoke("history", "--server", world.base)  # the table: in process
    assert world.session[:8] in table.stdout and "two-sum" in table.stdout
    local = invoke("history", "--json")  # without --server: this machine's (empty) data
    assert json.loads(local.stdout)["items"] == []


def test_read_commands_with_server(world: World, tmp_path: Path, coach_home: Path) -> None:
    signed_in(world)
    board = invoke("dashboard", "--server", world.base, "--json")
    assert board.exit_code == 0, board.output
    assert json.loads(board.stdout)["interviews_completed"] == 1
    drills = invoke("drills", "list", "--server", world.base, "--json")
    assert drills.exit_code == 0, drills.output
    listed = json.loads(drills.stdout)
    assert {d["id"] for d in listed} == world.drills  # the open ones: all of the set
    out = tmp_path / "packet.json"
    exported = invoke("export", world.session[:8], "--server", world.base, "--format", "json",
                      "-o", str(out))  # fmt: skip
    assert exported.exit_code == 0, exported.output
    packet = json.loads(out.read_text())
    assert [p["session"]["id"] for p in packet["sessions"]] == [world.session]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    saved = json.loads((coach_home / "logins.json").read_text())
    refresh = saved["servers"][world.base]["refresh_token"]
    gone = invoke("logout")
    assert gone.exit_code == 0 and f"Signed out of {world.base}" in gone.stdout
    with httpx.Client(base_url=f"{world.base}/api/v1", timeout=60) as client:
        revoked = client.post("/auth/refresh", json={"refresh_token": refresh})
    assert revoked.status_code == 401  # revoked on the server, not only forgotten here
    assert world.base not in json.loads((coach_home / "logins.json").read_text())["servers"]
    after = invoke("dashboard", "--server", world.base)
    assert isinstance(after.exception, NotSignedIn)
    assert f"coach login {world.base}" in after.exception.message


def test_server_down_and_a_bad_url_are_clear_errors() -> None:
    bad = invoke("login", "ftp://example.com", "--email", "x@example.com", "--password-stdin",
                 input="pw\n")  # fmt: skip
    assert isinstance(bad.exception, ValidationError) and "http://HOST:PORT" in str(bad.exception)
    down = invoke("login", "http://127.0.0.1:9", "--email", "x@example.com", "--password-stdin",
                  input="pw\n")  # fmt: skip
    assert isinstance(down.exception, ServerUnreachable)
    assert "coach serve" in down.exception.message
