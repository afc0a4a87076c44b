"""Helpers for the server tests: a real uvicorn server on a free loopback port over a real
engine (SQLite in a temp dir, the real sandbox, the offline interviewer), and its clients."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from samples import GOOD as GOOD, weak_feedback  # GOOD: the server tests import it here

from coach_engine.config import Config, ServerConfig
from coach_engine.engine import Engine
from coach_engine.feedback_jobs import FeedbackResult, Progress
from coach_engine.interviewer.base import Interviewer
from coach_engine.models import InterviewSession
from coach_engine.server.runner import BackgroundServer
from coach_engine.store import SQLiteStore

SECRET = "test-secret-" + "x" * 40
PASSWORD = "correct horse battery"
FAILING_SLUG = "climbing-stairs"
_emails = itertools.count()


async def scripted_feedback(session: InterviewSession, progress: Progress) -> FeedbackResult:
    """Feedback with weak criteria (so drills of several kinds follow from it), without the
    judge's timing series: the judge is tested elsewhere; here the API around the job is.
    Sessions on ``FAILING_SLUG`` fail every attempt (a job that ends FAILED)."""
    if session.problem_slug == FAILING_SLUG:
        raise RuntimeError("scripted failure")
    progress(0.5, "judging")
    return weak_feedback()


@contextmanager
def running_server(
    home: Path,
    heartbeat_s: float = 15.0,
    interviewer: Interviewer | None = None,
    **settings: Any,
) -> Iterator[BackgroundServer]:
    config = Config(server=ServerConfig(secret=SECRET, **settings))  # type: ignore[arg-type]
    engine = Engine(
        SQLiteStore.open(home / "coach.db"),
        config,
        producer=scripted_feedback,
        interviewer=interviewer,
    )
    try:
        with BackgroundServer(engine, heartbeat_s=heartbeat_s) as server:
            yield server
    finally:
        engine.close()


@dataclass
class User:
    id: str
    email: str
    access: str
    refresh: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access}"}


def signup(client: httpx.Client, name: str = "user") -> User:
    email = f"{name}-{next(_emails)}@example.com"
    reply = client.post(
        "/auth/signup", json={"full_name": name, "email": email, "password": PASSWORD}
    )
    assert reply.status_code == 201, reply.text
    body = reply.json()
    return User(body["id"], email, body["access_token"], body["refresh_token"])


def error_code(reply: httpx.Response) -> str:
    """The error's code, after checking the body has the one error shape."""
    body = reply.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fix"}, body
    assert "Traceback" not in reply.text
    return str(body["error"]["code"])
