"""The interview WebSocket through a real server: the engine's events out (tokens batched),
the candidate's actions in, heartbeats and connection quality, malformed frames answered with
an ``error`` event on a connection that stays up, and authentication and ownership checked
before the socket is accepted."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from server_support import GOOD, User, running_server, signup
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from coach_engine.api import parse_event
from coach_engine.server.runner import BackgroundServer

HEARTBEAT_S = 0.3


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundServer]:
    with running_server(tmp_path_factory.mktemp("ws-home"), heartbeat_s=HEARTBEAT_S) as running:
        yield running


def new_session(client: httpx.Client, user: User) -> str:
    made = client.post("/sessions", json={"problem_slug": "two-sum"}, headers=user.auth)
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def frames_until(
    ws: ClientConnection, name: str, *, keep_heartbeats: bool = False
) -> list[dict[str, Any]]:
    """Frames received up to and including the first ``name`` one (heartbeats skipped)."""
    got: list[dict[str, Any]] = []
    deadline = time.monotonic() + 120  # a hang guard; the offline interviewer answers at once
    while time.monotonic() < deadline:
        frame = json.loads(ws.recv(timeout=120))
        if frame["event"] == "heartbeat" and not keep_heartbeats and name != "heartbeat":
            continue
        got.append(frame)
        if frame["event"] == name:
            return got
    raise AssertionError(f"no {name} frame")


def check_reply(frames: list[dict[str, Any]]) -> str:
    """The streamed tokens of one answer add up to its complete message; returns it."""
    tokens = [f for f in frames if f["event"] == "ai_token"]
    done = frames[-1]
    assert done["event"] == "ai_message_complete" and tokens
    assert {t["data"]["message_id"] for t in tokens} == {done["data"]["message_id"]}
    assert "".join(t["data"]["token"] for t in tokens) == done["data"]["full_content"]
    for frame in frames:
        if frame["event"] != "heartbeat":
            parse_event(frame)  # every frame is a valid engine event (docs/events.schema.json)
    return str(done["data"]["full_content"])


def test_an_interview_over_the_socket(server: BackgroundServer, client: httpx.Client) -> None:
    user = signup(client)
    sid = new_session(client, user)
    with connect(f"{server.ws_url}/ws/{sid}?token={user.access}") as ws:
        opening = frames_until(ws, "ai_message_complete")  # opening the socket opens it
        statuses = [f["data"]["status"] for f in opening if f["event"] == "session_status"]
        assert statuses == ["IN_PROGRESS"]
        assert check_reply([f for f in opening if f["event"] != "session_status"])
        ws.send(json.dumps({"event": "message", "data": {"content": "Can nums be empty?"}}))
        reply = frames_until(ws, "ai_message_complete")
        assert check_reply(reply)
        ws.send(json.dumps({"event": "typing", "data": {"code": GOOD}}))
        ws.send(json.dumps({"event": "code_execution", "data": {"code": GOOD}}))
        ran = frames_until(ws, "code_result")[-1]["data"]
        assert ran["verdict"] == "AC" and ran["is_submission"] is False
        assert ran["tests_passed"] == ran["tests_total"] > 0
        ws.send(json.dumps({"event": "code_submit", "data": {"code": GOOD, "language": "python"}}))
        submitted = frames_until(ws, "code_result")[-1]["data"]
        assert submitted["verdict"] == "AC" and submitted["is_submission"] is True
        while True:  # the accepted submission's feedback job reports on the socket
            feedback = frames_until(ws, "feedback")[-1]["data"]
            if feedback["status"] == "COMPLETED":
                break
        assert feedback["overall_score"] == 55
    messages = client.get(f"/sessions/{sid}/messages", headers=user.auth).json()
    assert [m["content"] for m in messages if m["role"] == "USER"] == ["Can nums be empty?"]
    code = client.get(f"/sessions/{sid}/code", headers=user.auth).json()
    assert code["code"] == GOOD


def test_code_execution_on_a_typed_input(server: BackgroundServer, client: httpx.Client) -> None:
    user = signup(client)
    sid = new_session(client, user)
    with connect(f"{server.ws_url}/ws/{sid}?token={user.access}") as ws:
        frames_until(ws, "ai_message_complete")
        typed = {"code": GOOD, "test_input": "[3,2,4]\n6"}
        ws.send(json.dumps({"event": "code_execution", "data": typed}))
        result = frames_until(ws, "code_result")[-1]["data"]
        assert result["tests_total"] == 1 and result["verdict"] == "AC"
        bad = {"code": GOOD, "test_input": "[3,2,4"}
        ws.send(json.dumps({"event": "code_execution", "data": bad}))
        assert frames_until(ws, "error")[-1]["data"]["message"]
    rest = client.post(
        f"/sessions/{sid}/custom-run",
        json={"code": GOOD, "test_input": "[3,2,4]\n6"},
        headers=user.auth,
    )
    assert rest.status_code == 200, rest.text
    assert rest.json()["verdict"] == "same" and rest.json()["candidate"]  # as the reference
    runs = client.get(f"/sessions/{sid}/runs", headers=user.auth).json()
    assert [r["total"] for r in runs] == [1, 1]  # the refused input stored nothing


def test_rest_actions_reach_an_open_socket(server: BackgroundServer, client: httpx.Client) -> None:
    user = signup(client)
    sid = new_session(client, user)
    with connect(f"{server.ws_url}/ws/{sid}?token={user.access}") as ws:
        frames_until(ws, "ai_message_complete")
        ran = client.post(f"/sessions/{sid}/run", json={"code": GOOD}, headers=user.auth).json()
        result = frames_until(ws, "code_result")[-1]["data"]
        assert result["run_id"] == ran["id"]


def test_malformed_frames_are_answered_and_the_socket_stays_up(
    server: BackgroundServer, client: httpx.Client
) -> None:
    user = signup(client)
    sid = new_session(client, user)
    bad: list[tuple[str | bytes, str]] = [
        ("not json", "not JSON"),
        ("[1, 2]", "JSON object"),
        ('{"data": {}}', "JSON object"),
        ('{"event": "shutdown"}', "unknown event 'shutdown'"),
        ('{"event": "message", "data": "hi"}', "data must be a JSON object"),
        ('{"event": "message", "data": {"content": "  "}}', "data.content"),
        ('{"event": "code_execution", "data": {"code": 5}}', "data.code"),
        ('{"event": "code_submit", "data": {"code": "x", "language": 3}}', "data.language"),
        ('{"event": "heartbeat", "data": {"id": 999999}}', "not a heartbeat sent"),
        (b"\x00\x01binary", "not binary"),
    ]
    with connect(f"{server.ws_url}/ws/{sid}?token={user.access}") as ws:
        frames_until(ws, "ai_message_complete")
        for frame, words in bad:
            ws.send(frame)
            error = frames_until(ws, "error")[-1]["data"]
            assert error["title"] == "Invalid event" and words in error["message"], (frame, error)
        # an action the engine refuses is an error event too, and the socket still works
        ws.send(
            json.dumps({"event": "code_execution", "data": {"code": GOOD, "language": "cobol"}})
        )
        refused = frames_until(ws, "error")[-1]["data"]
        assert "cobol" in refused["message"]
        ws.send(json.dumps({"event": "message", "data": {"content": "Still there?"}}))
        assert check_reply(frames_until(ws, "ai_message_complete"))


def test_heartbeats_measure_the_connection(server: BackgroundServer, client: httpx.Client) -> None:
    user = signup(client)
    sid = new_session(client, user)
    with connect(f"{server.ws_url}/ws/{sid}?token={user.access}") as ws:
        beat = frames_until(ws, "heartbeat")[-1]["data"]
        assert isinstance(beat["id"], int)
        ws.send(json.dumps({"event": "heartbeat", "data": {"id": beat["id"]}}))
        quality = frames_until(ws, "connection_quality")[-1]
        parse_event(quality)
        data = quality["data"]
        assert data["latency_ms"] >= 0 and data["status"] in ("good", "fair", "poor")
        assert data["session_id"] == sid and data["packets_lost"] >= 0


def test_refused_before_accepting(server: BackgroundServer, client: httpx.Client) -> None:
    a, b = signup(client, "a"), signup(client, "b")
    sid = new_session(client, a)
    cases = {
        f"/ws/{sid}?token={b.access}": 404,  # another user's session looks missing
        f"/ws/{'0' * 32}?token={a.access}": 404,
        f"/ws/{sid}?token=forged.token.here": 401,
    }
    for path, status in cases.items():
        with pytest.raises(InvalidStatus) as refused:
            connect(f"{server.ws_url}{path}").close()
        assert refused.value.response.status_code == status, path
        body = json.loads(refused.value.response.body or b"{}")
        assert set(body["error"]) == {"code", "message", "fix"}
    header = connect(f"{server.ws_url}/ws/{sid}", additional_headers=a.auth)
    with header as ws:  # the token as a header works too
        frames_until(ws, "ai_message_complete")


def test_the_token_as_a_first_frame(server: BackgroundServer, client: httpx.Client) -> None:
    a, b = signup(client, "a"), signup(client, "b")
    sid = new_session(client, a)
    with connect(f"{server.ws_url}/ws/{sid}") as ws:
        ws.send(json.dumps({"event": "auth", "data": {"token": a.access}}))
        assert check_reply(
            [f for f in frames_until(ws, "ai_message_complete") if f["event"] != "session_status"]
        )
    refusals = {
        json.dumps({"event": "auth", "data": {"token": b.access}}): (4404, "Unknown session"),
        json.dumps({"event": "auth", "data": {"token": "forged"}}): (4401, "malformed"),
        json.dumps({"event": "message", "data": {"content": "hi"}}): (4401, "No token"),
        "not json": (4401, "No token"),
    }
    for first, (code, words) in refusals.items():
        with connect(f"{server.ws_url}/ws/{sid}") as ws:
            ws.send(first)
            error = json.loads(ws.recv(timeout=60))
            assert error["event"] == "error" and words in error["data"]["title"], (first, error)
            with pytest.raises(ConnectionClosed) as closed:
                ws.recv(timeout=60)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == code


def test_an_oversized_frame_closes_the_socket(
    server: BackgroundServer, client: httpx.Client
) -> None:
    user = signup(client)
    sid = new_session(client, user)
    with connect(f"{server.ws_url}/ws/{sid}?token={user.access}", max_size=None) as ws:
        frames_until(ws, "ai_message_complete")
        ws.send(json.dumps({"event": "message", "data": {"content": "x" * 300 * 1024}}))
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                ws.recv(timeout=60)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
    # nothing of it was stored; the session is still usable
    messages = client.get(f"/sessions/{sid}/messages", headers=user.auth).json()
    assert all(len(m["content"]) < 300 * 1024 for m in messages)


def test_an_action_resent_with_its_id_runs_once(
    server: BackgroundServer, client: httpx.Client
) -> None:
    """A client resending after a reconnect (not knowing whether its frame arrived) gets the
    ack again; the action is not run twice, on the same socket or a new one."""
    user = signup(client)
    sid = new_session(client, user)
    said = json.dumps({"event": "message", "id": "m-1", "data": {"content": "Sorted input?"}})
    with connect(f"{server.ws_url}/ws/{sid}?token={user.access}") as ws:
        frames_until(ws, "ai_message_complete")
        ws.send(said)
        ack = frames_until(ws, "ack")[-1]["data"]
        assert ack == {"id": "m-1", "ok": True}
        ws.send(said)
        assert frames_until(ws, "ack")[-1]["data"] == {"id": "m-1", "ok": True}
        ws.send(json.dumps({"event": "message", "id": "m-2", "data": {"content": " "}}))
        assert frames_until(ws, "ack")[-1]["data"] == {"id": "m-2", "ok": False}
        ws.send(json.dumps({"event": "typing", "id": "x" * 65, "data": {}}))
        assert "id must be" in frames_until(ws, "error")[-1]["data"]["message"]
    with connect(f"{server.ws_url}/ws/{sid}?token={user.access}") as ws:
        ws.send(said)
        assert frames_until(ws, "ack")[-1]["data"] == {"id": "m-1", "ok": True}
    messages = client.get(f"/sessions/{sid}/messages", headers=user.auth).json()
    assert [m["content"] for m in messages if m["role"] == "USER"] == ["Sorted input?"]


def test_a_message_queued_when_the_socket_closes_is_still_heard(
    server: BackgroundServer, client: httpx.Client
) -> None:
    """A candidate who says something and leaves at once is heard: an action sent with an id
    and still queued behind another (here a run) runs after the socket is gone."""
    user = signup(client)
    sid = new_session(client, user)
    late = {"event": "message", "id": "late-1", "data": {"content": "One more thing"}}
    with connect(f"{server.ws_url}/ws/{sid}?token={user.access}") as ws:
        frames_until(ws, "ai_message_complete")
        ws.send(json.dumps({"event": "code_execution", "data": {"code": GOOD}}))
        ws.send(json.dumps(late))
    deadline = time.monotonic() + 60  # a hang guard
    while time.monotonic() < deadline:
        said = client.get(f"/sessions/{sid}/messages", headers=user.auth).json()
        if [m["role"] for m in said[-2:]] == ["USER", "AI"]:
            break
        time.sleep(0.1)
    assert [m["content"] for m in said if m["role"] == "USER"] == ["One more thing"]
