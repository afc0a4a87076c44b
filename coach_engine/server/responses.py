"""The error statuses every operation declares in the OpenAPI document, by rule.

A client (and the schemathesis fuzz run, ``tests/server/test_fuzz.py``) reads from the document
which statuses an operation can answer and what their bodies are. Every error has the one shape
of ``errors.py`` (``ErrorOut``); which statuses an operation can return follows from what it is:

- every operation: 422 (the request does not match the API) and 400 (input the engine refuses);
- one that takes a body: 413 (over ``server.max_body_kb``);
- one that needs a signed-in user: 401 (no, bad, expired or revoked token), and 409 (the engine's
  ``LifecycleError``: the session or drill is in a state that refuses the action);
- one with an id in its path: 404 (missing, or another user's);
- one behind a rate limit: 429 with Retry-After — declared at the route with ``RATE_LIMITED``;
  one that runs code in the sandbox: 429 when the user's runs already queue — ``RUNS_QUEUED``.

``declare(router)`` applies the rule to a router's routes before the app includes it (the
meta routes — health, the events' schema — answer only 200).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel

from coach_engine.server.deps import _current


class ErrorDetail(BaseModel):
    code: str
    """Machine-readable kind: ``not_found``, ``invalid_input``, ``rate_limited``, ..."""
    message: str
    """What happened."""
    fix: str
    """What to do about it."""


class ErrorOut(BaseModel):
    """Every error response's body."""

    error: ErrorDetail


def _error(description: str, **extra: Any) -> dict[str, Any]:
    return {"model": ErrorOut, "description": description, **extra}


RATE_LIMITED: dict[int | str, dict[str, Any]] = {
    429: _error(
        "Rate limit reached; Retry-After says in how many seconds to try again",
        headers={"Retry-After": {"schema": {"type": "integer"}, "description": "seconds"}},
    )
}
"""``responses=`` of a route that counts against a per-user rate limit."""

RUNS_QUEUED: dict[int | str, dict[str, Any]] = {
    429: _error("The user already has sandbox.queued_per_user runs waiting; try when one ends")
}
"""``responses=`` of a route that runs code in the sandbox (``RunQueueFull``)."""

UNAUTHORIZED = _error("No, malformed, expired or revoked token, or wrong credentials")


def _needs_user(dependant: Dependant) -> bool:
    return any(d.call is _current or _needs_user(d) for d in dependant.dependencies)


def declare(router: APIRouter) -> None:
    """Add the error responses the rule above gives each of ``router``'s routes (those a route
    declares itself are kept; applying it again changes nothing)."""
    for route in router.routes:
        if not isinstance(route, APIRoute):
            continue
        found: dict[int | str, dict[str, Any]] = {
            400: _error("Input the engine refuses; the fix says what to send"),
            422: _error("The request does not match this document"),
        }
        if route.body_field is not None:
            found[413] = _error("Request body over server.max_body_kb")
        if _needs_user(route.dependant):
            found[401] = UNAUTHORIZED
            found[409] = _error("The resource's state refuses this action")
        if route.dependant.path_params:
            found[404] = _error("No such resource for this user")
        route.responses = {**found, **route.responses}
