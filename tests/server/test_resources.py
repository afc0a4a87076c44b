"""Every REST resource's happy path through a real server, then user B aiming every id
endpoint at user A's sessions, feedback, drills and code: 404 each time, A's data unchanged."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from server_support import FAILING_SLUG, GOOD, User, error_code, signup

from coach_engine.server.runner import BackgroundServer


@dataclass
class World:
    a: User
    b: User
    session: str  # A's: submitted, accepted, feedback completed, drills generated
    feedback: str
    drills: list[dict[str, Any]]


def wait_completed(client: httpx.Client, user: User, feedback_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120  # a hang guard: the scripted job takes milliseconds
    while time.monotonic() < deadline:
        status = client.get(f"/feedback/{feedback_id}/status", headers=user.auth).json()
        if status["status"] in ("COMPLETED", "FAILED"):
            return dict(status)
        time.sleep(0.05)
    raise AssertionError("feedback did not finish")


@pytest.fixture(scope="module")
def world(server: BackgroundServer) -> Iterator[World]:
    with httpx.Client(base_url=server.url, timeout=120) as client:
        a, b = signup(client, "a"), signup(client, "b")
        made = client.post("/sessions", json={"problem_slug": "two-sum"}, headers=a.auth)
        assert made.status_code == 201, made.text
        sid = made.json()["id"]
        started = client.patch(f"/sessions/{sid}", json={"status": "in_progress"}, headers=a.auth)
        assert started.json()["status"] == "IN_PROGRESS"
        run = client.post(f"/sessions/{sid}/run", json={"code": GOOD}, headers=a.auth)
        assert run.status_code == 200 and run.json()["verdict"] == "AC", run.text
        sub = client.post(f"/sessions/{sid}/submit", json={"code": GOOD}, headers=a.auth)
        assert sub.status_code == 200 and sub.json()["is_submission"] is True
        jobs = client.get(f"/feedback/sessions/{sid}", headers=a.auth).json()
        assert len(jobs) == 1  # an accepted submission queues its feedback
        done = wait_completed(client, a, jobs[0]["feedback_id"])
        assert done["status"] == "COMPLETED" and done["progress_percent"] == 100
        drills = client.post(f"/drills/feedback/{jobs[0]['feedback_id']}/drills", headers=a.auth)
        assert drills.status_code == 201, drills.text
        yield World(a, b, sid, jobs[0]["feedback_id"], drills.json())


def test_sessions_list_page_filter_sort(client: httpx.Client, world: World) -> None:
    a = world.a
    for difficulty in ("EASY", "MEDIUM"):
        made = client.post("/sessions", json={"difficulty": difficulty}, headers=a.auth)
        assert made.status_code == 201 and made.json()["difficulty"] == difficulty
    page = client.get("/sessions", params={"limit": 2, "page": 1}, headers=a.auth).json()
    assert page["total"] == 3 and page["pages"] == 2 and len(page["items"]) == 2
    second = client.get("/sessions", params={"limit": 2, "page": 2}, headers=a.auth).json()
    assert len(second["items"]) == 1
    ids = {s["id"] for s in page["items"] + second["items"]}
    assert len(ids) == 3 and world.session in ids
    created = client.get("/sessions", params={"status": "created"}, headers=a.auth).json()
    assert created["total"] == 2 and world.session not in {s["id"] for s in created["items"]}
    oldest = client.get("/sessions", params={"sort": "started_at"}, headers=a.auth).json()
    assert oldest["items"][0]["id"] == world.session
    bad = client.get("/sessions", params={"status": "sleeping"}, headers=a.auth)
    assert bad.status_code == 400 and "in_progress" in bad.json()["error"]["fix"]
    assert client.get("/sessions", headers=world.b.auth).json()["total"] == 0


def test_session_get_code_messages_runs_submissions(client: httpx.Client, world: World) -> None:
    a, sid = world.a, world.session
    got = client.get(f"/sessions/{sid}", headers=a.auth).json()
    assert got["id"] == sid and got["problem_slug"] == "two-sum"
    code = client.get(f"/sessions/{sid}/code", headers=a.auth).json()
    assert code["code"] == GOOD and code["language"] == "python"
    said = client.post(
        f"/sessions/{sid}/messages", json={"content": "I used a hash map"}, headers=a.auth
    )
    assert said.status_code == 200 and said.json()["role"] == "AI" and said.json()["content"]
    messages = client.get(f"/sessions/{sid}/messages", headers=a.auth).json()
    assert any(m["role"] == "USER" and m["content"] == "I used a hash map" for m in messages)
    runs = client.get(f"/sessions/{sid}/runs", headers=a.auth).json()
    assert [r["is_submission"] for r in runs] == [False, True]
    subs = client.get(f"/sessions/{sid}/submissions", headers=a.auth).json()
    assert [(s["number"], s["verdict"]) for s in subs] == [(1, "AC")]


def test_session_update_complete_delete(client: httpx.Client, world: World) -> None:
    a = world.a
    sid = client.post("/sessions", json={"problem_slug": "valid-parentheses"}, headers=a.auth)
    sid = sid.json()["id"]
    assert (
        client.patch(f"/sessions/{sid}", json={"status": "in_progress"}, headers=a.auth).json()[
            "status"
        ]
        == "IN_PROGRESS"
    )
    typed = "class Solution:\n    def isValid(self, s):\n        return True\n"
    saved = client.patch(f"/sessions/{sid}", json={"code": typed}, headers=a.auth)
    assert saved.status_code == 200
    assert client.get(f"/sessions/{sid}/code", headers=a.auth).json()["code"] == typed
    paused = client.patch(f"/sessions/{sid}", json={"status": "paused"}, headers=a.auth)
    assert paused.json()["status"] == "PAUSED"
    refused = client.post(f"/sessions/{sid}/run", json={"code": typed}, headers=a.auth)
    assert refused.status_code == 400 and "resume" in refused.json()["error"]["fix"]
    ended = client.post(f"/sessions/{sid}/complete", headers=a.auth)
    assert ended.status_code == 200 and ended.json()["status"] == "COMPLETED"
    closed = client.post(f"/sessions/{sid}/submit", json={"code": typed}, headers=a.auth)
    assert closed.status_code == 409 and error_code(closed) == "conflict"
    reopen = client.patch(f"/sessions/{sid}", json={"status": "in_progress"}, headers=a.auth)
    assert reopen.status_code == 409 and "start a new one" in reopen.json()["error"]["fix"]
    assert client.delete(f"/sessions/{sid}", headers=a.auth).status_code == 204
    assert client.get(f"/sessions/{sid}", headers=a.auth).status_code == 404
    unknown = client.post("/sessions", json={"problem_slug": "no-such-problem"}, headers=a.auth)
    assert unknown.status_code == 400 and error_code(unknown) == "invalid_input"


def test_feedback_request_status_result_retry(client: httpx.Client, world: World) -> None:
    a, sid = world.a, world.session
    result = client.get(f"/feedback/{world.feedback}/result", headers=a.auth)
    assert result.status_code == 200
    body = result.json()
    assert body["overall_score"] == 55 and body["criterion_scores"]["time_complexity"] == 30
    assert body["weaknesses"] == ["no edge cases"]
    asked = client.post(f"/feedback/sessions/{sid}/feedback", headers=a.auth)
    assert asked.status_code == 202
    job = asked.json()
    assert job["status"] == "PENDING" and job["status_url"].endswith(f"{job['feedback_id']}/status")
    assert job["result_url"] == f"/api/v1/feedback/{job['feedback_id']}/result"
    early = client.get(job["result_url"].removeprefix("/api/v1"), headers=a.auth)
    assert early.status_code in (200, 202)  # 202 {"detail": "Feedback not ready yet"} until done
    if early.status_code == 202:
        assert early.json()["detail"] == "Feedback not ready yet"
    wait_completed(client, a, job["feedback_id"])
    listed = client.get(f"/feedback/sessions/{sid}", headers=a.auth).json()
    assert [j["feedback_id"] for j in listed][-1] == job["feedback_id"] and len(listed) == 2
    not_failed = client.post(f"/feedback/{job['feedback_id']}/retry", headers=a.auth)
    assert not_failed.status_code == 409 and error_code(not_failed) == "not_failed"


def test_a_failed_feedback_is_retried(client: httpx.Client, world: World) -> None:
    a = world.a
    made = client.post("/sessions", json={"problem_slug": FAILING_SLUG}, headers=a.auth)
    sid = made.json()["id"]
    first = client.post(f"/feedback/sessions/{sid}/feedback", headers=a.auth).json()
    status = wait_completed(client, a, first["feedback_id"])
    assert status["status"] == "FAILED" and status["retries"] == 2 and status["error"]
    result = client.get(f"/feedback/{first['feedback_id']}/result", headers=a.auth)
    assert result.status_code == 409 and error_code(result) == "feedback_failed"
    assert "/retry" in result.json()["error"]["fix"]
    retried = client.post(f"/feedback/{first['feedback_id']}/retry", headers=a.auth)
    assert retried.status_code == 202
    again = retried.json()["feedback_id"]
    assert again != first["feedback_id"]
    jobs = client.get(f"/feedback/sessions/{sid}", headers=a.auth).json()
    assert [j["feedback_id"] for j in jobs] == [first["feedback_id"], again]
    assert wait_completed(client, a, again)["status"] == "FAILED"  # the same script fails again


def test_drills(client: httpx.Client, world: World) -> None:
    a = world.a
    assert 3 <= len(world.drills) <= 5
    again = client.post(f"/drills/feedback/{world.feedback}/drills", headers=a.auth).json()
    assert [d["id"] for d in again] == [d["id"] for d in world.drills]  # idempotent
    listed = client.get("/drills", headers=a.auth).json()
    assert {d["id"] for d in listed} == {d["id"] for d in world.drills}
    pending = client.get("/drills/pending", headers=a.auth).json()
    assert pending["total"] == len(pending["drills"])
    code_drill = next(d for d in world.drills if d["drill_type"] == "code_exercise")
    text_drills = [d for d in world.drills if d["drill_type"] != "code_exercise"]
    got = client.get(f"/drills/{code_drill['id']}", headers=a.auth).json()
    assert got["id"] == code_drill["id"]
    started = client.post(f"/drills/{code_drill['id']}/start", headers=a.auth).json()
    assert "class Solution" in started["code"] or started["code"]
    hint = client.post(f"/drills/{code_drill['id']}/hints", headers=a.auth)
    assert hint.status_code in (200, 400)  # 400: "this drill has no hints"
    if hint.status_code == 200:
        assert hint.json()["hint"]
    unchanged = client.post(
        f"/drills/{code_drill['id']}/submit", json={"response": started["code"]}, headers=a.auth
    )
    assert unchanged.status_code == 400 and unchanged.json()["error"]["message"] == "No answer"
    text = text_drills[0]
    graded = client.post(
        f"/drills/{text['id']}/submit",
        json={"response": "O(n) time with a hash map; check empty input", "response_type": "text"},
        headers=a.auth,
    )
    assert graded.status_code == 200, graded.text
    assert 0 <= graded.json()["score"] <= 100 and graded.json()["details"]
    if len(text_drills) > 1:
        completed = client.post(
            f"/drills/{text_drills[1]['id']}/complete",
            json={"response": "edge cases first"},
            headers=a.auth,
        )
        assert completed.status_code == 200, completed.text
    skipped = client.post(f"/drills/{code_drill['id']}/skip", headers=a.auth)
    assert skipped.status_code == 200 and skipped.json()["status"] == "skipped"


def test_dashboard(client: httpx.Client, world: World) -> None:
    a = world.a
    whole = client.get("/dashboard", params={"tz": "UTC"}, headers=a.auth)
    assert whole.status_code == 200, whole.text
    stats = client.get("/dashboard/stats", params={"tz": "UTC"}, headers=a.auth).json()
    assert stats["interviews_completed"] == whole.json()["interviews_completed"]
    assert set(stats) >= {"overall_score", "current_streak_days", "total_time_hours"}
    recent = client.get("/dashboard/recent-sessions", headers=a.auth).json()
    assert recent["total"] == len([s for s in recent["sessions"] if s["status"] == "COMPLETED"])
    skills = client.get("/dashboard/skills", headers=a.auth).json()
    assert set(skills) >= {"improving", "strengths", "areas_to_improve"}
    names = {
        s["name"] for part in ("improving", "strengths", "areas_to_improve") for s in skills[part]
    }
    assert names  # the completed feedback fed the skills
    goals = client.get("/dashboard/goals", headers=a.auth).json()
    assert goals["week"] and goals["goals"]
    insight = client.get("/dashboard/insight", headers=a.auth).json()
    assert insight["text"] and insight["source"] == "offline"
    bad_tz = client.get("/dashboard", params={"tz": "Mars/Olympus"}, headers=a.auth)
    assert bad_tz.status_code == 400 and error_code(bad_tz) == "invalid_input"


def test_user_b_gets_404_on_every_id_of_user_a(client: httpx.Client, world: World) -> None:
    b, sid, fid = world.b.auth, world.session, world.feedback
    drill = world.drills[0]["id"]
    before = json.loads(client.get("/me/export", headers=world.a.auth).text)["sessions"]
    probes: list[tuple[str, str, dict[str, Any] | None]] = [
        ("GET", f"/sessions/{sid}", None),
        ("PATCH", f"/sessions/{sid}", {"status": "paused"}),
        ("DELETE", f"/sessions/{sid}", None),
        ("POST", f"/sessions/{sid}/run", {"code": GOOD}),
        ("POST", f"/sessions/{sid}/submit", {"code": GOOD}),
        ("POST", f"/sessions/{sid}/complete", None),
        ("GET", f"/sessions/{sid}/messages", None),
        ("POST", f"/sessions/{sid}/messages", {"content": "hi"}),
        ("GET", f"/sessions/{sid}/runs", None),
        ("GET", f"/sessions/{sid}/submissions", None),
        ("GET", f"/sessions/{sid}/code", None),
        ("POST", f"/feedback/sessions/{sid}/feedback", None),
        ("GET", f"/feedback/sessions/{sid}", None),
        ("GET", f"/feedback/{fid}/status", None),
        ("GET", f"/feedback/{fid}/result", None),
        ("POST", f"/feedback/{fid}/retry", None),
        ("POST", f"/drills/feedback/{fid}/drills", None),
        ("GET", f"/drills/{drill}", None),
        ("POST", f"/drills/{drill}/hints", None),
        ("POST", f"/drills/{drill}/start", None),
        ("POST", f"/drills/{drill}/submit", {"response": GOOD}),
        ("POST", f"/drills/{drill}/complete", {"response": "x"}),
        ("POST", f"/drills/{drill}/skip", None),
    ]
    for method, path, body in probes:
        reply = client.request(method, path, json=body, headers=b)
        assert reply.status_code == 404, (method, path, reply.status_code, reply.text)
        assert error_code(reply) == "not_found"
        # indistinguishable from an id that exists nowhere: ids do not leak
        made_up = {sid: "5" * len(sid), fid: "6" * len(fid), drill: "7" * len(drill)}
        nowhere = path
        for real, fake in made_up.items():
            nowhere = nowhere.replace(real, fake)
        missing = client.request(method, nowhere, json=body, headers=b)
        assert missing.status_code == 404
        shown = reply.text
        for real, fake in made_up.items():
            shown = shown.replace(real, fake)
        assert shown == missing.text, (path, reply.text, missing.text)
    assert client.get("/drills", headers=b).json() == []
    after = json.loads(client.get("/me/export", headers=world.a.auth).text)["sessions"]
    assert after == before  # A's data unchanged


def test_export_then_delete_account(client: httpx.Client, world: World) -> None:
    user = signup(client, "leaver")
    sid = client.post("/sessions", json={"problem_slug": "two-sum"}, headers=user.auth).json()["id"]
    exported = client.get("/me/export", headers=user.auth)
    assert exported.status_code == 200
    packet = json.loads(exported.text)
    assert [s["session"]["id"] for s in packet["sessions"]] == [sid]
    markdown = client.get("/me/export", params={"format": "md"}, headers=user.auth)
    assert (
        markdown.headers["content-type"].startswith("text/markdown") and "Two Sum" in markdown.text
    )
    deleted = client.delete("/me", headers=user.auth)
    assert deleted.status_code == 200
    rows = deleted.json()["deleted"]
    assert rows["interview_sessions"] == 1 and rows["users"] == 1 and rows["credentials"] == 1
    assert client.get("/auth/me", headers=user.auth).status_code == 401
    again = client.post("/auth/signin", json={"email": user.email, "password": "whatever1"})
    assert again.status_code == 401
    assert client.get(f"/sessions/{world.session}", headers=world.a.auth).status_code == 200
