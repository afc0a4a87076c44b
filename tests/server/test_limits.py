"""Per-user rate limits on a server configured with low ones: 429 with Retry-After, the
message naming the limit and its setting, and one user's use never limits another."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from server_support import running_server, signup

from coach_engine.server.runner import BackgroundServer


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundServer]:
    home = tmp_path_factory.mktemp("limits-home")
    with running_server(
        home, sessions_per_day=2, feedback_per_hour=1, drill_sets_per_hour=1
    ) as running:
        yield running


def test_sessions_per_day(client: httpx.Client) -> None:
    a, b = signup(client, "a"), signup(client, "b")
    made = [
        client.post("/sessions", json={"problem_slug": "two-sum"}, headers=a.auth) for _ in "xyz"
    ]
    assert [r.status_code for r in made] == [201, 201, 429]
    refused = made[2]
    wait = int(refused.headers["retry-after"])
    assert 0 < wait <= 86400
    error = refused.json()["error"]
    assert error["code"] == "rate_limited" and "2 sessions per day" in error["message"]
    assert "server.sessions_per_day" in error["fix"]
    assert client.get("/sessions", headers=a.auth).json()["total"] == 2  # nothing was created
    assert (
        client.post("/sessions", json={"problem_slug": "two-sum"}, headers=b.auth).status_code
        == 201
    )


def test_feedback_and_drill_sets_per_hour(client: httpx.Client) -> None:
    a, b = signup(client, "a"), signup(client, "b")
    sid = client.post("/sessions", json={"problem_slug": "two-sum"}, headers=a.auth).json()["id"]
    first = client.post(f"/feedback/sessions/{sid}/feedback", headers=a.auth)
    second = client.post(f"/feedback/sessions/{sid}/feedback", headers=a.auth)
    assert (first.status_code, second.status_code) == (202, 429)
    assert 0 < int(second.headers["retry-after"]) <= 3600
    assert "1 feedback requests per hour" in second.json()["error"]["message"]
    assert len(client.get(f"/feedback/sessions/{sid}", headers=a.auth).json()) == 1
    # B probing A's session is 404, and does not spend B's allowance
    assert client.post(f"/feedback/sessions/{sid}/feedback", headers=b.auth).status_code == 404
    b_sid = client.post("/sessions", json={"problem_slug": "two-sum"}, headers=b.auth).json()["id"]
    assert client.post(f"/feedback/sessions/{b_sid}/feedback", headers=b.auth).status_code == 202
    job = first.json()["feedback_id"]
    drills = [client.post(f"/drills/feedback/{job}/drills", headers=a.auth) for _ in "xy"]
    assert drills[0].status_code != 429 and drills[1].status_code == 429
    assert "retry-after" in drills[1].headers
