"""The remote client's interview WebSocket (``coach_engine/remote/connection.py``) against a real
server on loopback, through a proxy whose link the tests cut and restore: reconnects with
backoff, an outbox delivering what was typed while the link was down exactly once, and a
resync replaying what was missed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import httpx
import pytest
from remote_support import LinkProxy, remote_server, saved_login

from coach_engine.errors import NotFoundError
from coach_engine.events import (
    AiMessageCompleteEvent,
    CodeResultEvent,
    ConnectionStateEvent,
    Event,
    EventBase,
)
from coach_engine.remote.auth import Logins
from coach_engine.remote.connection import Backoff, Refused, SessionConnection
from coach_engine.remote.http import RemoteHttp
from coach_engine.server.runner import BackgroundServer

GOOD = (
    "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
    "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
    "                return [seen[target - x], i]\n            seen[x] = i\n"
)
EventT = TypeVar("EventT", bound=EventBase)
QUICK = Backoff(first_s=0.05, max_s=0.4)
WAIT_S = 120.0
"""A hang guard: every wait below ends on the state it waits for, long before this."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundServer]:
    with remote_server(tmp_path_factory.mktemp("reconnect-home"), heartbeat_s=0.5) as running:
        yield running


@pytest.fixture(scope="module")
def link_proxy(server: BackgroundServer) -> Iterator[LinkProxy]:
    with LinkProxy(server.port) as link:
        yield link


@pytest.fixture
def proxy(link_proxy: LinkProxy) -> LinkProxy:
    link_proxy.restore()
    return link_proxy


@pytest.fixture(scope="module")
def logins(link_proxy: LinkProxy, tmp_path_factory: pytest.TempPathFactory) -> list[Logins]:
    """Two accounts' saved logins, made once (a password hash each costs CPU)."""
    home = tmp_path_factory.mktemp("logins")
    return [saved_login(link_proxy.url, home / f"{n}.json", n) for n in ("a", "b")]


class Recorder:
    """The events a connection publishes, and a way to wait for one."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._changed = asyncio.Event()

    def __call__(self, event: Event) -> None:
        self.events.append(event)
        self._changed.set()

    async def until(self, check: Callable[[list[Event]], bool]) -> None:
        async with asyncio.timeout(WAIT_S):
            while not check(self.events):
                self._changed.clear()
                await self._changed.wait()

    def of(self, kind: type[EventT]) -> list[EventT]:
        return [e for e in self.events if isinstance(e, kind)]


def states(recorder: Recorder) -> list[str]:
    return [e.data.state for e in recorder.events if isinstance(e, ConnectionStateEvent)]


async def signed_in(proxy: LinkProxy, logins: Logins) -> RemoteHttp:
    return RemoteHttp(proxy.url, logins)


async def new_session(http: RemoteHttp) -> str:
    made = await http.post("/sessions", {"problem_slug": "two-sum"})
    return str(made["id"])


def test_backoff_doubles_to_its_cap_with_jitter() -> None:
    backoff = Backoff(first_s=0.5, factor=2.0, max_s=4.0, jitter=0.5)
    assert [backoff.delay(n, 0.0) for n in range(5)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert backoff.delay(2, 0.999) == pytest.approx(1.001)  # at most half taken off
    assert backoff.delay(1000, 0.0) == 4.0


async def test_a_dropped_link_loses_nothing_typed_meanwhile(
    proxy: LinkProxy, logins: list[Logins]
) -> None:
    http = await signed_in(proxy, logins[0])
    sid = await new_session(http)
    seen = Recorder()
    link = SessionConnection(http, sid, seen, backoff=QUICK)
    try:
        await link.start()
        assert link.state == "connected"
        await seen.until(lambda _: len(seen.of(AiMessageCompleteEvent)) == 1)  # the greeting
        first = await link.send("message", {"content": "Can nums be empty?"})
        assert await first.wait(WAIT_S) is True
        await seen.until(lambda _: len(seen.of(AiMessageCompleteEvent)) == 2)

        proxy.cut()
        await seen.until(lambda _: link.state == "reconnecting" and link.attempt >= 2)
        offline = await link.send("message", {"content": "Is there always one answer?"})
        for typed in ("class Solution:\n", "class Solution:\n    def twoSum", GOOD):
            last = await link.send("typing", {"code": typed, "language": "python"})
        assert link.pending == 2  # the message, and only the newest code
        assert seen.of(ConnectionStateEvent)[-1].data.pending == 2  # said at once
        assert await offline.wait(0.2) is None  # nothing can deliver it now
        retrying = [e for e in seen.of(ConnectionStateEvent) if e.data.state == "reconnecting"]
        assert all(e.data.retry_in_s is not None for e in retrying)
        assert retrying[-1].data.reason

        proxy.restore()
        assert await offline.wait(WAIT_S) is True and await last.wait(WAIT_S) is True
        assert link.pending == 0
        await seen.until(lambda _: len(seen.of(AiMessageCompleteEvent)) == 3)
        resumed = [e for e in seen.of(ConnectionStateEvent) if e.data.resumed]
        assert [e.data.state for e in resumed] == ["connected"]
        assert states(seen)[0] == "connected" and link.connects == 2
    finally:
        await link.close()
    said = await http.get(f"/sessions/{sid}/messages")
    assert [m["content"] for m in said if m["role"] == "USER"] == [
        "Can nums be empty?",
        "Is there always one answer?",
    ]
    assert (await http.get(f"/sessions/{sid}/code"))["code"] == GOOD


async def test_what_happened_while_the_link_was_down_is_replayed(
    proxy: LinkProxy, server: BackgroundServer, logins: list[Logins]
) -> None:
    http = await signed_in(proxy, logins[0])
    sid = await new_session(http)
    seen = Recorder()
    link = SessionConnection(http, sid, seen, backoff=QUICK)
    try:
        await link.start()
        await seen.until(lambda _: len(seen.of(AiMessageCompleteEvent)) == 1)
        proxy.cut()
        await seen.until(lambda _: link.state == "reconnecting")
        # another client of the same user (straight to the server) acts meanwhile
        token = await http.access_token()
        with httpx.Client(base_url=server.url, timeout=WAIT_S) as direct:
            auth = {"Authorization": f"Bearer {token}"}
            reply = direct.post(f"/sessions/{sid}/messages", json={"content": "Hi"}, headers=auth)
            assert reply.status_code == 200, reply.text
            ran = direct.post(f"/sessions/{sid}/run", json={"code": GOOD}, headers=auth)
            assert ran.status_code == 200, ran.text
        proxy.restore()
        await seen.until(lambda _: any(e.data.resumed for e in seen.of(ConnectionStateEvent)))
        replies = seen.of(AiMessageCompleteEvent)
        stored = [e.data.stored_id for e in replies]
        assert stored[0] != reply.json()["id"] and reply.json()["id"] in stored[1:]
        assert len(set(stored)) == len(stored)  # none twice
        said = await http.get(f"/sessions/{sid}/messages")
        assert set(stored) == {m["id"] for m in said if m["role"] != "USER"}
        results = seen.of(CodeResultEvent)
        assert [e.data.run_id for e in results] == [ran.json()["id"]]
        # the replay comes before the state that tells a front end to re-read the session
        assert isinstance(seen.events[-1], ConnectionStateEvent)
    finally:
        await link.close()


async def test_another_users_session_is_refused_for_good(
    proxy: LinkProxy, logins: list[Logins]
) -> None:
    owner = await signed_in(proxy, logins[0])
    sid = await new_session(owner)
    other = await signed_in(proxy, logins[1])
    seen = Recorder()
    link = SessionConnection(other, sid, seen, backoff=QUICK)
    try:
        with pytest.raises(NotFoundError, match="not on"):
            await link.start()
        assert link.state == "offline" and states(seen) == ["offline"]
        with pytest.raises(Refused, match="not on"):
            await link.send("message", {"content": "hello?"})
    finally:
        await link.close()


def test_coach_interview_server_opens_what_local_mode_would(
    proxy: LinkProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`coach interview --server`: the saved login's account on the server — a new interview,
    the paused one resumed (or not, with --new), --resume with and without an id."""
    import typer
    from typer.testing import CliRunner

    from coach_cli.interview_cmd import interview
    from coach_engine.remote.auth import logins_path
    from coach_tui.factory import StartRequest

    monkeypatch.setenv("COACH_HOME", str(tmp_path))
    monkeypatch.setenv("TERM", "xterm-256color")
    saved_login(proxy.url, logins_path(), "cli")  # where `coach login` keeps it
    launched: list[StartRequest] = []

    class Launched:
        def __init__(self, start: StartRequest) -> None:
            self.start = start

        async def run_async(self) -> None:
            launched.append(self.start)

    monkeypatch.setattr("coach_tui.factory.make_app", lambda engine, start: Launched(start))
    cli = typer.Typer()
    cli.command()(interview)

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, [*args, "--server", proxy.url])
        assert result.exit_code == 0, (result.output, result.exception)
        return result.output

    assert "Starting a new interview on two-sum" in run("two-sum", "--lang", "go")
    assert launched[-1] == StartRequest(slug="two-sum", language="go")

    async def made() -> str:
        return await new_session(RemoteHttp(proxy.url, Logins(logins_path())))

    sid = asyncio.run(made())
    assert "Resuming your paused interview" in run("two-sum")
    assert launched[-1] == StartRequest(resume_id=sid)
    assert "(--new)" in run("two-sum", "--new")
    assert launched[-1] == StartRequest(slug="two-sum")
    run("--resume")
    run("--resume", sid[:8])
    assert [s.resume_id for s in launched[-2:]] == [sid, sid]


async def test_closing_drops_what_was_not_delivered(proxy: LinkProxy, logins: list[Logins]) -> None:
    http = await signed_in(proxy, logins[1])
    sid = await new_session(http)
    seen = Recorder()
    link = SessionConnection(http, sid, seen, backoff=QUICK)
    await link.start()
    proxy.cut()
    await seen.until(lambda _: link.state == "reconnecting")
    queued = await link.send("message", {"content": "never sent"})
    await link.close()
    assert await queued.wait() is None and link.pending == 0  # answered, not cancelled
    proxy.restore()
    said = await http.get(f"/sessions/{sid}/messages")
    assert [m["content"] for m in said if m["role"] == "USER"] == []
