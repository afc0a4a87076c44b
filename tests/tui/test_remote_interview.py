"""The TUI as a server's client (``coach interview --server``): the same app on a
``RemoteEngine`` against a real server on loopback, through a proxy whose link the test cuts in
the middle of the interview. The header says the link's state; what is said and typed while it
is down reaches the server once it is back, exactly once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from remote_support import LinkProxy, remote_server, saved_login
from textual import events
from tui_support import GOOD, notifications, options, until, until_shown

from coach_engine.api import Engine, RemoteEngine, Role
from coach_engine.remote.connection import Backoff, SessionConnection
from coach_engine.server.runner import BackgroundServer
from coach_tui.factory import StartRequest, make_app
from coach_tui.screens.interview import InterviewScreen
from coach_tui.widgets.chat.message import ChatMessage
from coach_tui.widgets.dashboard.cards import StatCard

QUICK = Backoff(first_s=0.05, max_s=0.5)
pytestmark = pytest.mark.slow  # a server and a whole interview in the TUI: ~5 s of CPU


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundServer]:
    with remote_server(tmp_path_factory.mktemp("remote-tui"), heartbeat_s=0.5) as running:
        yield running


def quick_connect(http: Any, session_id: str, publish: Any) -> SessionConnection:
    return SessionConnection(http, session_id, publish, backoff=QUICK)


def said(screen: InterviewScreen, role: Role) -> list[str]:
    return [
        m.content
        for m in screen.query(ChatMessage)
        if m.role == role and "-streaming" not in m.classes
    ]


async def test_a_dropped_link_mid_interview_loses_no_message_or_keystroke(
    server: BackgroundServer, tmp_path: Path
) -> None:
    with LinkProxy(server.port) as proxy:
        logins = saved_login(proxy.url, tmp_path / "logins.json")
        remote = await RemoteEngine.open(proxy.url, logins=logins, connect=quick_connect)
        app = make_app(cast(Engine, remote), StartRequest(slug="two-sum"), options())
        try:
            async with app.run_test(size=(140, 40), notifications=True) as pilot:
                await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
                screen = app.screen
                assert isinstance(screen, InterviewScreen)
                await until(pilot, lambda: len(said(screen, Role.AI)) == 1, "the greeting")
                await until_shown(pilot, "⇄")  # the header's link label: connected

                screen.chat.focus_input()
                await pilot.press(*"Can nums be empty?", "enter")
                await until(pilot, lambda: len(said(screen, Role.AI)) == 2, "the reply")
                await pilot.press("f2", "f7", "delete")
                pilot.app.post_message(events.Paste(GOOD))
                await until(pilot, lambda: not screen.dirty, "the code autosaved")

                proxy.cut()
                await until_shown(pilot, "reconnecting")
                assert any("Connection lost" in n for n in notifications(app))
                # keep going while the link is down: a message, then keystrokes of code
                screen.chat.focus_input()
                await pilot.press(*"Is there always one answer?", "enter")
                screen.code.editor.focus()
                await pilot.press("ctrl+end", "enter", *"return []")
                typed = screen.code.code
                assert typed.rstrip().endswith("return []") and typed != GOOD
                await until_shown(pilot, "unsent")  # the header counts what waits

                proxy.restore()
                await until(pilot, lambda: len(said(screen, Role.AI)) == 3, "the reply after")
                await until(pilot, lambda: not screen.dirty, "the offline code saved")
                header = (await until_shown(pilot, "⇄")).splitlines()[0]
                assert "reconnecting" not in header and "unsent" not in header
                sid, user = screen.session_id, remote.user_id
                # the link going down is said once, in the header and one notice: no errors
                assert not [n for n in notifications(app) if "unreachable" in n.lower()]

                # the dashboard mode: computed on the server (the local one reads a store)
                await pilot.press("f6")
                await until(pilot, lambda: app.current_mode == "dashboard", "the dashboard")
                card = app.screen.query_one("#dash-completed", StatCard)
                await until(pilot, lambda: card.value == "0", "the server's figures")
                await app.switch_mode("interview")
                await until(pilot, lambda: app.screen is screen, "back to the interview")

                # at 80 columns too the header says the link's state; quitting while the
                # server is out of reach is refused once, with why, and a second ctrl+q quits
                await pilot.resize_terminal(80, 24)
                await until_shown(pilot, "Two Sum", "⇄")
                proxy.cut()
                await until_shown(pilot, "Two Sum", "reconnecting")
                await pilot.press("ctrl+q")
                await until(pilot, lambda: any("Not saved" in n for n in notifications(app)), "?")
                assert not app._exit and "again to quit anyway" in notifications(app)[-1]
                await pilot.press("ctrl+q")
                await until(pilot, lambda: app._exit, "the app quits")
        finally:
            await remote.aclose()
    store = server.engine.store  # what the server keeps
    users = [m.content for m in store.list_messages(user, sid) if m.role == Role.USER]
    assert users == ["Can nums be empty?", "Is there always one answer?"]
    latest = store.latest_snapshot(user, sid)
    assert latest is not None and latest.code == typed
