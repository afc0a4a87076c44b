"""Property-based fuzz of the OpenAPI document (schemathesis) against a real server on loopback.

Every operation of ``/api/v1/openapi.json`` gets a fixed number of generated requests (derandomized,
so CI sees the same ones every run), signed in as a fuzz user; half of the cases that name a
session (a new one, in progress), feedback or drill aim at a live row of that user, so bodies
reach the engine and not only the 404 path. Each response must not be a 5xx, must have a status
the document declares for the operation, a declared content type, and a body matching the
declared schema. About 30 s of CPU on 2 cores (server and client in one process).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings, strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from server_support import GOOD, User, running_server, signup

from coach_engine.server.runner import BackgroundServer

EXAMPLES = 12
"""Generated requests per operation (plus schemathesis's explicit examples)."""

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# Signing out or deleting the account ends the sign-in that made the request: these run as a
# throwaway user each, so the fuzz user stays signed in for every other operation.
SELF_ENDING = {"POST /api/v1/auth/logout", "DELETE /api/v1/me"}


@dataclass
class Live:
    """Rows of the fuzz user that generated requests may aim at."""

    user: User
    session: str
    feedback: str
    drill: str


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundServer]:
    # generous limits: a fuzz run creates many sessions; the limits' 429s have their own tests
    with running_server(
        tmp_path_factory.mktemp("fuzz-home"),
        sessions_per_day=100_000,
        feedback_per_hour=100_000,
        drill_sets_per_hour=100_000,
    ) as running:
        yield running


@pytest.fixture(scope="module")
def live(server: BackgroundServer) -> Live:
    with httpx.Client(base_url=server.url, timeout=120) as client:
        user = signup(client, "fuzz")
        made = client.post("/sessions", json={"problem_slug": "two-sum"}, headers=user.auth)
        sid = made.json()["id"]
        client.patch(f"/sessions/{sid}", json={"status": "in_progress"}, headers=user.auth)
        sub = client.post(f"/sessions/{sid}/submit", json={"code": GOOD}, headers=user.auth)
        assert sub.status_code == 200 and sub.json()["verdict"] == "AC", sub.text
        job = client.get(f"/feedback/sessions/{sid}", headers=user.auth).json()[0]
        for _ in range(2400):  # the scripted feedback takes milliseconds; a hang guard
            status = client.get(f"/feedback/{job['feedback_id']}/status", headers=user.auth)
            if status.json()["status"] == "COMPLETED":
                break
            time.sleep(0.05)
        drills = client.post(f"/drills/feedback/{job['feedback_id']}/drills", headers=user.auth)
        assert drills.status_code == 201, drills.text
        return Live(user, sid, job["feedback_id"], drills.json()[0]["id"])


@pytest.fixture(scope="module")
def api_schema(server: BackgroundServer) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@schema.given(aim_at_live=st.booleans())
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_openapi_fuzz(
    case: schemathesis.Case[Any], aim_at_live: bool, live: Live, server: BackgroundServer
) -> None:
    params = case.path_parameters or {}
    with httpx.Client(base_url=server.url, timeout=120) as client:
        user = live.user
        if f"{case.method.upper()} {case.path}" in SELF_ENDING:
            user = signup(client, "throwaway")
        if aim_at_live:
            if "session_id" in params:
                # a session of its own: a case may cancel, complete or delete it
                params["session_id"] = started_session(client, user)
            if "feedback_id" in params:
                params["feedback_id"] = live.feedback
            if "drill_id" in params:
                params["drill_id"] = live.drill
    case.call_and_validate(headers=user.auth, checks=CHECKS, timeout=120)


def started_session(client: httpx.Client, user: User) -> str:
    made = client.post("/sessions", json={"problem_slug": "two-sum"}, headers=user.auth)
    assert made.status_code == 201, made.text
    sid = str(made.json()["id"])
    started = client.patch(f"/sessions/{sid}", json={"status": "in_progress"}, headers=user.auth)
    assert started.status_code == 200, started.text
    return sid
