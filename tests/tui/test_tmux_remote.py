"""The tmux journey in remote mode: a real `coach serve`, `coach login`, then `coach interview
--server` in a real terminal (tmux send-keys / capture-pane), with the server killed in the
middle of the session and started again on the same port. Nothing said or typed while it was
down is lost, and nothing arrives twice."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tmux_driver import Tmux
from tui_support import GOOD

from tests.conftest import coach_bin

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.slow,  # a server, a client and a terminal: seconds of CPU
]

PASSWORD = "correct horse battery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["COACH_HOME"] = str(home)
    return env


class Server:
    """`coach serve` on a fixed port of loopback, which can be killed and started again."""

    def __init__(self, home: Path, port: int, log: Path) -> None:
        self.home, self.port, self.log = home, port, log
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [coach_bin(), "serve", "--port", str(self.port)],
                env=env_for(self.home),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text()[-2000:]
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=2).status_code < 500:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"coach serve did not start:\n{self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        """Killed, not stopped: its connections drop as in a crash."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    home = tmp_path / "server-home"
    home.mkdir()
    running = Server(home, free_port(), tmp_path / "serve.log")
    running.start()
    try:
        yield running
    finally:
        running.kill()


def test_an_interview_on_a_server_survives_its_restart(server: Server, tmp_path: Path) -> None:
    email = "remote-tmux@example.com"
    api = f"{server.url}/api/v1"
    made = httpx.post(
        f"{api}/auth/signup",
        json={"full_name": "Tmux", "email": email, "password": PASSWORD},
        timeout=60,
    )
    assert made.status_code == 201, made.text
    auth = {"Authorization": f"Bearer {made.json()['access_token']}"}
    client_home = tmp_path / "client-home"
    client_home.mkdir()
    login = subprocess.run(
        [coach_bin(), "login", server.url, "--email", email, "--password-stdin"],
        input=PASSWORD + "\n",
        env=env_for(client_home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert login.returncode == 0, login.stderr

    tmux = Tmux(f"coach-remote-{os.getpid()}")
    command = f"{coach_bin()} interview two-sum --server {server.url}"
    env = f"-u COLUMNS -u LINES COACH_HOME={client_home} TERM=xterm-256color"
    tmux("new-session", "-d", "-s", "coach", "-x", "120", "-y", "40", f"env {env} {command}")
    tmux("set-option", "-t", "coach", "remain-on-exit", "on")
    socket_path = tmux("display-message", "-p", "#{socket_path}").strip()
    try:
        tmux.wait_for("start coding.", timeout=90)  # the greeting, streamed from the server
        tmux.wait_for("⇄")  # the header's link label
        tmux("send-keys", "-t", "coach", "-l", "I would use a hash map")
        tmux("send-keys", "-t", "coach", "Enter")
        tmux.wait_for("So you're thinking of the hash map")
        tmux.paste_code(tmp_path / "solution.py", GOOD, "return [seen[target - x], i]")
        tmux.wait_for("saved")  # autosaved on the server

        server.kill()
        tmux.wait_for("reconnecting")
        # the code first (the editor has the focus), then a message, all while it is down
        tmux("send-keys", "-t", "coach", "C-End")
        tmux("send-keys", "-t", "coach", "Enter")
        tmux("send-keys", "-t", "coach", "-l", "# typed offline")
        tmux.wait_for("# typed offline")
        tmux("send-keys", "-t", "coach", "F8")  # the chat
        tmux("send-keys", "-t", "coach", "-l", "What about duplicates?")
        tmux("send-keys", "-t", "coach", "Enter")
        tmux.wait_for("unsent")  # the header counts what waits for the server
        tmux.wait_for("What about duplicates?")  # said, in the chat

        server.start()  # the same port, the same data
        screen = tmux.wait_for("Connected again", timeout=90)
        deadline = time.monotonic() + 60
        while "unsent" in screen.splitlines()[0] or "reconnecting" in screen.splitlines()[0]:
            assert time.monotonic() < deadline, screen
            time.sleep(0.2)
            screen = tmux.screen()
        sessions = httpx.get(f"{api}/sessions", headers=auth, timeout=60).json()
        sid = sessions["items"][0]["id"]
        deadline = time.monotonic() + 60
        while True:  # the outbox delivers; the autosave is acknowledged
            code = httpx.get(f"{api}/sessions/{sid}/code", headers=auth, timeout=60).json()
            if "# typed offline" in code["code"] or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert code["code"].startswith(GOOD.rstrip()) and "# typed offline" in code["code"]
        deadline = time.monotonic() + 60
        while True:  # and the message, answered
            said = httpx.get(f"{api}/sessions/{sid}/messages", headers=auth, timeout=60).json()
            if [m["role"] for m in said[-2:]] == ["USER", "AI"] or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        users = [m["content"] for m in said if m["role"] == "USER"]
        assert users == ["I would use a hash map", "What about duplicates?"], said

        tmux("send-keys", "-t", "coach", "C-r")
        screen = tmux.wait_for("3/3 passed", timeout=90)
        tmux("send-keys", "-t", "coach", "C-q")
        deadline = time.monotonic() + 30
        while tmux.running() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not tmux.running(), "coach did not quit on ctrl+q"
    finally:
        tmux("kill-server")
        if socket_path:
            Path(socket_path).unlink(missing_ok=True)

    said = httpx.get(f"{api}/sessions/{sid}/messages", headers=auth, timeout=60).json()
    users = [m["content"] for m in said if m["role"] == "USER"]
    assert users == ["I would use a hash map", "What about duplicates?"]
    replies = [m for m in said if m["role"] != "USER"]
    assert len({m["id"] for m in replies}) == len(replies) >= 3  # greeting, two answers
    session = httpx.get(f"{api}/sessions/{sid}", headers=auth, timeout=60).json()
    assert session["status"] == "PAUSED"
