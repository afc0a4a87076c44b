"""``RemoteEngine`` through a real server on loopback: its calls return what the server's own
engine returns for the same user's data; user B's remote engine cannot reach user A's session;
an expired or rejected access token is renewed with the rotating refresh token; a bad URL, a
server that is down and a wrong password are clear errors."""

from __future__ import annotations

import asyncio
import json
import stat
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import jwt
import pytest
from samples import BUGGY
from server_support import GOOD, PASSWORD, SECRET, signup

from coach_engine.engine import UserEngine
from coach_engine.errors import LifecycleError, NotFoundError, ValidationError
from coach_engine.events import AiMessageCompleteEvent, Event
from coach_engine.models import (
    DrillStatus,
    FeedbackStatus,
    Role,
    SessionStatus,
    SnapshotReason,
    utcnow,
)
from coach_engine.remote.auth import Logins, NotSignedIn, normalize_server
from coach_engine.remote.engine import RemoteEngine
from coach_engine.remote.http import RemoteHttp, ServerUnreachable
from coach_engine.server.runner import BackgroundServer


class Quiet:
    """No WebSocket: these tests read the REST side (connection.py has its own tests)."""

    state = "offline"  # so every call goes over REST
    pending = 0

    async def start(self) -> None:
        return None

    async def send(self, event: str, data: dict[str, Any]) -> Any:
        raise AssertionError("nothing here sends on a socket")

    async def close(self) -> None:
        return None


def quiet(http: RemoteHttp, session_id: str, publish: Callable[[Event], object]) -> Quiet:
    return Quiet()


def base(server: BackgroundServer) -> str:
    return f"http://127.0.0.1:{server.port}"


async def remote_for(
    server: BackgroundServer, logins: Logins, email: str, password: str = PASSWORD
) -> RemoteEngine:
    http = RemoteHttp(base(server), logins)
    await http.signin(email, password)
    engine = await RemoteEngine.open(base(server), connect=quiet, logins=logins)
    await http.aclose()
    return engine


async def local(server: BackgroundServer, user_id: str, call: Callable[[UserEngine], Any]) -> Any:
    """What the server's own engine answers for ``user_id`` (its store calls run in the
    engine's worker threads, whichever loop awaits them)."""
    return await call(server.engine.for_user(user_id))


@pytest.fixture
async def pair(
    server: BackgroundServer, client: Any, tmp_path: Path
) -> AsyncIterator[tuple[RemoteEngine, RemoteEngine]]:
    a, b = signup(client, "remote-a"), signup(client, "remote-b")
    ra = await remote_for(server, Logins(tmp_path / "a.json"), a.email)
    rb = await remote_for(server, Logins(tmp_path / "b.json"), b.email)
    try:
        yield ra, rb
    finally:
        await ra.aclose()
        await rb.aclose()


async def test_remote_calls_return_what_the_local_engine_returns(
    server: BackgroundServer, pair: tuple[RemoteEngine, RemoteEngine]
) -> None:
    remote, _ = pair
    uid = remote.user_id
    session = await remote.interviews.start("two-sum", language="python")
    assert session.status == SessionStatus.CREATED and session.user_id == uid
    greeting = await remote.interview.begin(session.id)
    assert greeting is not None and greeting.content
    reply = await remote.interview.send(session.id, "Can the input be empty?")
    assert reply.content
    run = await remote.interview.run(session.id, GOOD, "python")
    assert run.verdict == "AC" and not run.is_submission
    saved = await remote.interviews.autosave(session.id, GOOD + "# more\n", "python")
    assert saved is not None and saved.code.endswith("# more\n")
    note = await remote.sessions.add_note(session.id, "try a hash map")
    hint = await remote.interview.hint(session.id)
    assert hint.content

    sid = session.id
    # the same reads through the server's engine, for the same user
    assert await remote.sessions.get(sid) == await local(server, uid, lambda s: s.sessions.get(sid))
    assert await remote.sessions.messages(sid) == await local(
        server, uid, lambda s: s.sessions.messages(sid)
    )
    assert await remote.sessions.runs(sid) == await local(
        server, uid, lambda s: s.sessions.runs(sid)
    )
    assert await remote.sessions.notes(sid) == [note]
    assert await remote.sessions.latest_code(sid) == saved
    assert await remote.interviews.editor_code(sid) == await local(
        server, uid, lambda s: s.interviews.editor_code(sid)
    )
    assert await remote.interviews.problem_stats() == await local(
        server, uid, lambda s: s.interviews.problem_stats()
    )
    assert await remote.interviews.unfinished() == await local(
        server, uid, lambda s: s.interviews.unfinished()
    )
    assert await remote.interviews.unfinished_for("two-sum") == await local(
        server, uid, lambda s: s.interviews.unfinished_for("two-sum")
    )
    with pytest.raises(ValidationError, match="submit first"):  # the engine's own error
        await remote.interview.reveal_offer(sid)
    view = await remote.interviews.view(sid)
    there = await local(server, uid, lambda s: s.interviews.view(sid))
    assert (view.session, view.runs, view.feedback) == (there.session, there.runs, there.feedback)
    assert view.problem.slug == there.problem.slug == "two-sum"  # from the client's own bank
    assert view.live and view.last_run == run

    switched = await remote.interviews.switch_language(
        sid, "java", code=GOOD + "# more\n", previous="python"
    )
    assert switched.language == "java" and switched.code == switched.starter
    left = await remote.interviews.leave(sid, switched.code, "java")
    assert left.status == SessionStatus.PAUSED
    assert await remote.interview.begin(sid) is None  # resumed; greeted once already
    submitted = await remote.interview.submit(sid, GOOD, "python")
    assert submitted.is_submission and submitted.verdict == "AC"
    assert [s.verdict for s in await remote.interview.submissions(sid)] == ["AC"]
    ended = await remote.interviews.end(sid)
    assert ended.status == SessionStatus.COMPLETED
    summary = await remote.interviews.summary(sid)
    assert summary == await local(server, uid, lambda s: s.interviews.summary(sid))
    assert summary.submissions == 1 and summary.notes == ["try a hash map"]
    assert await remote.interviews.recent() == await local(
        server, uid, lambda s: s.interviews.recent()
    )
    page = await remote.sessions.list_sessions(status="completed")
    assert [s.id for s in page.items] == [sid] and page.total == 1
    board = await remote.dashboard()
    assert board.interviews_completed == 1
    packet = await remote.export_packet(sid)
    assert [p.session.id for p in packet.sessions] == [sid]


async def test_saving_feedback_and_drills_match_the_local_engine(
    server: BackgroundServer, pair: tuple[RemoteEngine, RemoteEngine]
) -> None:
    remote, _ = pair
    uid = remote.user_id
    session = await remote.interviews.start("two-sum")
    sid = session.id
    await remote.interview.begin(sid)
    manual = await remote.sessions.save_code(sid, "# mine\n", "python")
    assert manual.reason == SnapshotReason.MANUAL and manual.code == "# mine\n"
    assert await remote.sessions.latest_code(sid) == manual
    # an editor change no save stored, then the process died: said once on resume
    since = utcnow()
    await remote.interviews.mark_unsaved(sid, since)
    lost = await remote.interviews.unsaved_work_lost(sid)
    assert lost == since
    assert await remote.interviews.unsaved_work_lost(sid) is None  # the mark is cleared
    custom = await remote.custom_input.run_in_interview(sid, GOOD, "python", "[2,7,11,15]\n9")
    there = await local(
        server,
        uid,
        lambda s: s.custom_input.run_in_interview(sid, GOOD, "python", "[2,7,11,15]\n9"),
    )
    assert custom.verdict == there.verdict == "same" and not custom.reference_cached
    assert (custom.input, custom.candidate.output, custom.reference.output) == (
        there.input,
        there.candidate.output,
        there.reference.output,
    )  # the times are each run's own
    assert (await remote.sessions.runs(sid))[-1].passed == 1  # stored as a run with its test
    assert remote.custom_input.example("two-sum") == "[2,7,11,15]\n9"  # the client's bank
    assert await remote.interviews.requeue_lost_feedback(sid) is None  # nothing is due
    await remote.interview.submit(sid, GOOD, "python")  # accepted: its feedback is queued
    jobs = await remote.feedback.for_session(sid)
    # the same job by both routes (its state may move on between the two reads: it is running)
    listed = await remote.interviews.feedback_jobs(sid)
    assert len(jobs) == 1 and [j.id for j in jobs] == [j.id for j in listed]
    assert jobs[0].session_id == listed[0].session_id == sid
    for _ in range(2400):  # a hang guard: the scripted feedback takes milliseconds
        done = await remote.interviews.latest_feedback(sid)
        if done is not None and done.status == FeedbackStatus.COMPLETED:
            break
        await asyncio.sleep(0.05)
    completed = await remote.interviews.latest_completed_feedback(sid)
    assert completed == await local(
        server, uid, lambda s: s.interviews.latest_completed_feedback(sid)
    )
    again = await remote.interview.request_feedback(sid)
    assert again.session_id == sid and again.id != completed.id
    drills = await remote.drills.generate(completed.id)
    assert drills == await local(server, uid, lambda s: s.drills.queue(include_done=True))
    code_drill = next(d for d in drills if d.problem_slug)
    drill, editor = await remote.interviews.drill_editor(code_drill.id)
    assert drill == code_drill and editor.code == editor.starter and editor.code
    assert (await remote.drills.hint(code_drill.id)).strip()
    skipped = await remote.drills.skip(code_drill.id)
    assert skipped.status == DrillStatus.SKIPPED
    text_drill = next(d for d in drills if not d.problem_slug)
    graded = await remote.drills.answer(text_drill.id, "a hash map: one pass, O(n) time")
    assert graded.drill.id == text_drill.id and 0 <= graded.score <= 100 and graded.details
    assert await remote.drills.get(text_drill.id) == graded.drill
    wrong = await remote.interview.submit(sid, BUGGY, "python")
    assert wrong.verdict != "AC"
    offer = await remote.interview.reveal_offer(sid)
    assert offer == await local(server, uid, lambda s: s.interview.reveal_offer(sid))
    assert offer.charged and offer.step == 1
    shown = await remote.interview.reveal(sid)
    assert shown.role == Role.AI and shown == (await remote.sessions.messages(sid))[-1]
    assert (await remote.sessions.get(sid)).reveals_used == 1
    ended = await remote.interviews.end(sid)
    assert ended.status == SessionStatus.COMPLETED
    with pytest.raises(LifecycleError):  # the engine's own refusal, as a remote error
        await remote.sessions.resume(sid)


async def test_user_b_cannot_reach_user_a_session(
    pair: tuple[RemoteEngine, RemoteEngine],
) -> None:
    a, b = pair
    session = await a.interviews.start("two-sum")
    await a.interview.begin(session.id)
    probes: list[Callable[[], Any]] = [
        lambda: b.sessions.get(session.id),
        lambda: b.sessions.messages(session.id),
        lambda: b.interviews.view(session.id),
        lambda: b.interviews.editor_code(session.id),
        lambda: b.interviews.summary(session.id),
        lambda: b.interview.send(session.id, "hello"),
        lambda: b.interview.run(session.id, GOOD, "python"),
        lambda: b.interviews.autosave(session.id, "x", "python"),
        lambda: b.interviews.end(session.id),
        lambda: b.sessions.add_note(session.id, "mine now"),
        lambda: b.interview.hint(session.id),
        lambda: b.export_packet(session.id),
        lambda: b.interview.begin(session.id),
        lambda: b.interview.reveal_offer(session.id),
        lambda: b.interview.reveal(session.id),
        lambda: b.interview.submissions(session.id),
        lambda: b.interview.request_feedback(session.id),
        lambda: b.interviews.switch_language(session.id, "java"),
        lambda: b.interviews.leave(session.id, "x", "python"),
        lambda: b.interviews.mark_unsaved(session.id, utcnow()),
        lambda: b.interviews.unsaved_work_lost(session.id),
        lambda: b.interviews.feedback_jobs(session.id),
        lambda: b.interviews.requeue_lost_feedback(session.id),
        lambda: b.sessions.resume(session.id),
        lambda: b.sessions.latest_code(session.id),
        lambda: b.sessions.notes(session.id),
        lambda: b.sessions.save_code(session.id, "x", "python"),
        lambda: b.custom_input.run_in_interview(session.id, GOOD, "python", "[2,7]\n9"),
    ]
    for probe in probes:
        with pytest.raises(NotFoundError):
            await probe()
    assert await b.interviews.unfinished_for("two-sum") is None
    # B's own lists hold none of A's
    assert await b.interviews.unfinished() == [] and await b.interviews.recent() == []
    assert await b.interviews.problem_stats() == {}
    assert (await b.sessions.list_sessions()).total == 0
    # A's session is as A left it: one greeting, no note, still in progress
    assert len(await a.sessions.messages(session.id)) == 1
    assert await a.sessions.notes(session.id) == []
    assert (await a.sessions.get(session.id)).status == SessionStatus.IN_PROGRESS


async def test_expired_access_token_is_renewed_and_the_new_refresh_token_saved(
    server: BackgroundServer, client: Any, tmp_path: Path
) -> None:
    user = signup(client, "expiry")
    logins = Logins(tmp_path / "logins.json")
    remote = await remote_for(server, logins, user.email)
    try:
        first = logins.find(base(server)).refresh_token
        claims = jwt.decode(remote.http._access or "", SECRET, algorithms=["HS256"])
        expired = jwt.encode({**claims, "exp": int(utcnow().timestamp()) - 60}, SECRET, "HS256")
        remote.http._access = expired  # still "valid" to the client: the server says 401
        assert (await remote.sessions.list_sessions()).total == 0
        assert remote.http._access != expired
        second = logins.find(base(server)).refresh_token
        assert second != first  # rotated, and the spent one is no longer on disk
        # the client's own clock says it expired: renewed before the request
        remote.http._access_until = 0.0
        assert (await remote.drills.queue()) == []
        assert logins.find(base(server)).refresh_token not in (first, second)
    finally:
        await remote.aclose()
    # the file holds the refresh token only, for its owner only
    saved = json.loads((tmp_path / "logins.json").read_text())
    assert set(saved["servers"][base(server)]) == {"email", "refresh_token"}
    assert stat.S_IMODE((tmp_path / "logins.json").stat().st_mode) == 0o600


async def test_a_revoked_sign_in_asks_for_coach_login(
    server: BackgroundServer, client: Any, tmp_path: Path
) -> None:
    user = signup(client, "revoked")
    logins = Logins(tmp_path / "logins.json")
    remote = await remote_for(server, logins, user.email)
    try:
        await remote.http.request("POST", "/auth/logout")  # revokes the family server-side
        remote.http._access_until = 0.0
        with pytest.raises(NotSignedIn, match=f"coach login {base(server)}"):
            await remote.sessions.list_sessions()
    finally:
        await remote.aclose()


async def test_bad_url_server_down_and_wrong_password_are_clear_errors(
    server: BackgroundServer, client: Any, tmp_path: Path
) -> None:
    logins = Logins(tmp_path / "logins.json")
    with pytest.raises(ValidationError, match="http://HOST:PORT"):
        normalize_server("ftp://example.com")
    assert normalize_server("127.0.0.1:8000/api/v1/") == "http://127.0.0.1:8000"
    user = signup(client, "wrong")
    http = RemoteHttp(base(server), logins)
    try:
        with pytest.raises(NotSignedIn, match="wrong e-mail or password"):
            await http.signin(user.email, "not the password")
    finally:
        await http.aclose()
    with pytest.raises(NotSignedIn, match="coach login"):
        logins.find(base(server))  # nothing was saved
    down = RemoteHttp("http://127.0.0.1:9", logins)  # discard port: nothing listens
    try:
        with pytest.raises(ServerUnreachable, match="coach serve"):
            await down.signin(user.email, PASSWORD)
    finally:
        await down.aclose()


async def test_events_and_actions_through_the_session_socket(
    server: BackgroundServer, client: Any, tmp_path: Path
) -> None:
    """With the real ``SessionConnection``: subscribing opens the socket (the server begins the
    interview and greets), a message goes through the outbox and its answer arrives as events,
    and an autosave through the socket is stored."""
    user = signup(client, "socket")
    logins = Logins(tmp_path / "logins.json")
    await RemoteHttp(base(server), logins).signin(user.email, PASSWORD)
    remote = await RemoteEngine.open(base(server), logins=logins)  # the default connection
    try:
        session = await remote.interviews.start("two-sum")
        subscription = remote.events.subscribe(session.id)
        await remote.interview.begin(session.id)  # the socket's opening began it
        completed: list[str] = []

        async def answers(count: int) -> None:
            while len(completed) < count:
                event = await subscription.get(60)  # a hang guard, far from normal
                if isinstance(event, AiMessageCompleteEvent):
                    completed.append(event.data.stored_id)

        await answers(1)  # the greeting
        said = await remote.interview.send(session.id, "Is the array sorted?")
        assert said.role == Role.USER and said.content == "Is the array sorted?"
        await answers(2)  # the interviewer's answer, streamed as events
        stored = await remote.sessions.messages(session.id)
        assert [m.role for m in stored] == [Role.AI, Role.USER, Role.AI]
        assert [m.id for m in stored if m.role == Role.AI] == completed
        saved = await remote.interviews.autosave(session.id, GOOD, "python")
        assert saved is not None and saved == await remote.sessions.latest_code(session.id)
        assert saved.code == GOOD
        # leaving pauses and closes the socket (a reconnect would resume the interview on the
        # server); a message sent just before it is not lost
        await remote.interview.send(session.id, "One more thing before I go.")
        left = await remote.interviews.leave(session.id, GOOD, "python")
        assert left.status == SessionStatus.PAUSED and remote.connections == {}
        contents = [m.content for m in await remote.sessions.messages(session.id)]
        assert "One more thing before I go." in contents
        subscription.close()
    finally:
        await remote.aclose()
    assert remote.connections == {}


async def test_two_clients_renewing_at_once_keep_the_sign_in(
    server: BackgroundServer, client: Any, tmp_path: Path
) -> None:
    """Two `coach` processes on one saved login renew their access tokens at the same moment:
    the second reads the refresh token the first saved (under the file's lock) instead of
    presenting the spent one, which the server would take for theft and revoke."""
    user = signup(client, "twice")
    logins = Logins(tmp_path / "logins.json")
    first, second = RemoteHttp(base(server), logins), RemoteHttp(base(server), logins)
    try:
        await first.signin(user.email, PASSWORD)
        signed = logins.find(base(server)).refresh_token
        first._access_until = 0.0  # expired, as the second's (it has none yet)
        await asyncio.gather(first.access_token(), second.access_token())
        assert logins.find(base(server)).refresh_token != signed  # rotated (twice)
        for http in (first, second):  # a reused token would have revoked the sign-in: 401
            assert (await http.get("/auth/me"))["email"] == user.email
    finally:
        await first.aclose()
        await second.aclose()
