"""The sandbox queue through the WebSocket (issue 15 item 3): a run that has to wait is told
``run_queued`` with its position, and a client that disconnects while its run waits drops the
run — it never reaches the sandbox and nothing is stored. The server's engine has a one-slot
queue whose slot the test holds, so the run waits whatever the machine's speed."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from run_slots import slot_held
from server_support import GOOD, SECRET, scripted_feedback, signup
from websockets.sync.client import ClientConnection, connect

from coach_engine.config import Config, ServerConfig
from coach_engine.engine import Engine
from coach_engine.run_queue import RunQueue
from coach_engine.sandbox_policy import SandboxPolicy
from coach_engine.server.runner import BackgroundServer
from coach_engine.store import SQLiteStore


@pytest.fixture
def queue() -> RunQueue:
    return RunQueue(workers=1, per_user=8)


@pytest.fixture
def server(tmp_path: Path, queue: RunQueue) -> Iterator[BackgroundServer]:
    config = Config(server=ServerConfig(secret=SECRET))
    engine = Engine(SQLiteStore.open(tmp_path / "coach.db"), config, producer=scripted_feedback)
    engine.runner = SandboxPolicy(config, queue=queue)
    try:
        with BackgroundServer(engine) as running:
            yield running
    finally:
        engine.close()


def frames_until(ws: ClientConnection, name: str) -> list[dict[str, Any]]:
    got: list[dict[str, Any]] = []
    while True:  # recv's timeout is the hang guard
        frame = json.loads(ws.recv(timeout=120))
        got.append(frame)
        if frame["event"] == name:
            return got


def wait_for(condition: Any, what: str) -> None:
    for _ in range(6000):  # a hang guard, not a timing margin
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError(f"never happened: {what}")


def test_a_waiting_run_is_queued_then_dropped_when_the_client_leaves(
    server: BackgroundServer, queue: RunQueue
) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        user = signup(client)
        made = client.post("/sessions", json={"problem_slug": "two-sum"}, headers=user.auth)
        sid = made.json()["id"]
        with slot_held(queue, owner="another user"):  # another user's run holds the one slot
            with connect(f"{server.ws_url}/ws/{sid}?token={user.access}") as ws:
                frames_until(ws, "ai_message_complete")
                ws.send(json.dumps({"event": "code_execution", "data": {"code": GOOD}}))
                queued = frames_until(ws, "run_queued")[-1]["data"]
                assert (queued["session_id"], queued["position"], queued["ahead"]) == (sid, 1, 1)
            wait_for(lambda: queue.dropped == 1, "the waiting run dropped on disconnect")
        assert queue.waiting == 0
        assert [owner for owner, _ in queue.starts] == ["another user"]  # it never ran
        runs = client.get(f"/sessions/{sid}/runs", headers=user.auth).json()
        assert runs == []

        # connected, a run that waits goes on to run and its result arrives
        with connect(f"{server.ws_url}/ws/{sid}?token={user.access}") as ws:
            ws.send(json.dumps({"event": "code_execution", "data": {"code": GOOD}}))
            assert frames_until(ws, "code_result")[-1]["data"]["verdict"] == "AC"


def test_a_run_beyond_the_per_user_cap_is_429_naming_the_setting(
    server: BackgroundServer, queue: RunQueue
) -> None:
    queue.configure(workers=1, per_user=1)
    with httpx.Client(base_url=server.url, timeout=60) as client:
        user = signup(client)
        made = client.post("/sessions", json={"problem_slug": "two-sum"}, headers=user.auth)
        sid = made.json()["id"]
        with slot_held(queue, owner="another user") as release:
            with connect(f"{server.ws_url}/ws/{sid}?token={user.access}") as ws:
                frames_until(ws, "ai_message_complete")
                ws.send(json.dumps({"event": "code_execution", "data": {"code": GOOD}}))
                frames_until(ws, "run_queued")
                refused = client.post(
                    f"/sessions/{sid}/run", json={"code": GOOD}, headers=user.auth
                )
                assert refused.status_code == 429, refused.text
                error = refused.json()["error"]
                assert error["code"] == "rate_limited"
                assert "sandbox.queued_per_user" in error["fix"]
                release.set()
                assert frames_until(ws, "code_result")[-1]["data"]["verdict"] == "AC"
