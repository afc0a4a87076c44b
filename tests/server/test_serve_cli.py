"""``coach serve`` through the real entry point: it serves the data directory's engine on the
given port until interrupted, and refuses a bad port as bad input."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import coach_bin


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_coach_serve_serves_until_interrupted(coach_home: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [coach_bin(), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    try:
        base = f"http://127.0.0.1:{port}/api/v1"
        deadline = time.monotonic() + 60  # a hang guard for a loaded machine
        while True:
            try:
                health = httpx.get(f"{base}/health", timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "coach serve did not start"
                time.sleep(0.1)
        assert health.json()["status"] == "ok"
        signed = httpx.post(
            f"{base}/auth/signup", json={"email": "cli@example.com", "password": "long enough"}
        )
        assert signed.status_code == 201
        token = signed.json()["access_token"]
        ws_path = f"/api/v1/ws/{'0' * 32}?token={token}"
        httpx.get(f"http://127.0.0.1:{port}{ws_path}", timeout=5)  # logged: must be masked
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert f"http://127.0.0.1:{port}/api/v1" in out
    assert token not in out + err and "token=***" in out + err  # the access log masks it
    secret = coach_home / "server.secret"
    assert secret.stat().st_mode & 0o777 == 0o600 and len(secret.read_text().strip()) >= 32
    assert (coach_home / "coach.db").exists()


def test_coach_serve_refuses_a_bad_port(coach: Any) -> None:
    proc = coach("serve", "--port", "70000")
    assert proc.returncode == 2 and "--port" in proc.stderr and "65535" in proc.stderr
    assert "Traceback" not in proc.stderr
