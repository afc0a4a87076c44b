"""The OpenAPI document declares every error status an operation can answer, with the body the
server really sends (regressions of what the schemathesis fuzz run, test_fuzz.py, found: error
statuses missing from the document, a 422 declared as FastAPI's ``HTTPValidationError`` while the
server answers ``{"error": {...}}``, the export's JSON and markdown declared as text/plain)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from server_support import User, error_code, signup

from coach_engine.server.runner import BackgroundServer

ERROR_REF = "#/components/schemas/ErrorOut"
RATE_LIMITED = {
    ("post", "/api/v1/sessions"),
    ("post", "/api/v1/feedback/sessions/{session_id}/feedback"),
    ("post", "/api/v1/feedback/{feedback_id}/retry"),
    ("post", "/api/v1/drills/feedback/{feedback_id}/drills"),
    ("post", "/api/v1/auth/signin"),
}
RUNS_CODE = {
    ("post", "/api/v1/sessions/{session_id}/run"),
    ("post", "/api/v1/sessions/{session_id}/custom-run"),
    ("post", "/api/v1/sessions/{session_id}/submit"),
    ("post", "/api/v1/drills/{drill_id}/submit"),
}
"""Operations that wait in the user's sandbox queue: 429 when it is full."""
PUBLIC = {"/api/v1/auth/signup", "/api/v1/auth/signin", "/api/v1/auth/refresh"}


@pytest.fixture(scope="module")
def document(server: BackgroundServer) -> dict[str, Any]:
    with httpx.Client(base_url=server.url, timeout=60) as http:
        found: dict[str, Any] = http.get("/openapi.json").json()
    return found


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, op)
        for path, ops in document["paths"].items()
        for method, op in ops.items()
        if "meta" not in op.get("tags", [])
    ]


def _error_schema(op: dict[str, Any], status: str) -> str:
    return str(op["responses"][status]["content"]["application/json"]["schema"]["$ref"])


def test_every_operation_declares_its_error_statuses(document: dict[str, Any]) -> None:
    operations = _operations(document)
    assert len(operations) > 35  # the whole API, not an empty document
    for method, path, op in operations:
        want = {"400", "422"}
        if "requestBody" in op:
            want.add("413")
        if path not in PUBLIC:
            want |= {"401", "409"}
        if "{" in path:
            want.add("404")
        if (method, path) in RATE_LIMITED:
            want.add("429")
            assert "Retry-After" in op["responses"]["429"]["headers"], path
        if (method, path) in RUNS_CODE:
            want.add("429")
        if path in ("/api/v1/auth/signin", "/api/v1/auth/refresh"):
            want.add("401")
        assert want <= set(op["responses"]), (method, path, sorted(op["responses"]))
        for status in want:
            assert _error_schema(op, status) == ERROR_REF, (method, path, status)
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_error_model_is_the_body_sent(document: dict[str, Any], client: httpx.Client) -> None:
    error = document["components"]["schemas"]["ErrorOut"]
    detail = document["components"]["schemas"]["ErrorDetail"]
    assert error["required"] == ["error"]
    assert set(detail["required"]) == {"code", "message", "fix"}
    user: User = signup(client, "doc")
    invalid = client.get("/sessions", params={"limit": "many"}, headers=user.auth)
    assert invalid.status_code == 422 and error_code(invalid) == "invalid_input"
    missing = client.get(f"/sessions/{'f' * 32}", headers=user.auth)
    assert missing.status_code == 404 and error_code(missing) == "not_found"
    anonymous = client.get("/sessions")
    assert anonymous.status_code == 401 and error_code(anonymous) == "unauthorized"


def test_export_declares_the_media_types_it_sends(
    document: dict[str, Any], client: httpx.Client
) -> None:
    declared = set(document["paths"]["/api/v1/me/export"]["get"]["responses"]["200"]["content"])
    user = signup(client, "export")
    for format_ in ("json", "md"):
        reply = client.get("/me/export", params={"format": format_}, headers=user.auth)
        assert reply.status_code == 200
        assert reply.headers["content-type"].split(";")[0] in declared, format_
