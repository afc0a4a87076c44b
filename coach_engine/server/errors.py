"""Errors as JSON: ``{"error": {"code", "message", "fix"}}``, never a traceback.

The engine's errors carry a title and a message that names the fix; the status says which kind
it is. Another user's row is a ``NotFoundError`` in the engine, so ownership answers 404 like a
missing id (ids do not leak).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from coach_engine.api import (
    CoachError,
    ConfigError,
    LifecycleError,
    NotFoundError,
    ProblemError,
    ProviderError,
    RunQueueFull,
    SandboxError,
    StoreError,
    ValidationError,
)

log = logging.getLogger(__name__)

# most specific first: NotFoundError is a StoreError
_STATUS: tuple[tuple[type[CoachError], int, str], ...] = (
    (NotFoundError, 404, "not_found"),
    (ValidationError, 400, "invalid_input"),
    (ProblemError, 400, "invalid_input"),
    (LifecycleError, 409, "conflict"),
    (ConfigError, 500, "server_config"),
    (RunQueueFull, 429, "rate_limited"),  # a SandboxError: the user's runs wait, try later
    (SandboxError, 503, "sandbox_unavailable"),
    (ProviderError, 502, "provider_failed"),
    (StoreError, 503, "store_unavailable"),
)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "rate_limited",
}

_HTTP_FIXES = {
    413: "send a smaller body (server.max_body_kb sets the limit)",
    401: "sign in (POST /api/v1/auth/signin) and send 'Authorization: Bearer <access_token>'",
}


def error_body(code: str, message: str, fix: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message, "fix": fix}}


class ApiError(Exception):
    """An HTTP error the server itself raises (auth, limits), with its fix."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fix: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fix = status, code, message, fix
        self.headers = headers


def coach_status(exc: CoachError) -> tuple[int, str]:
    for cls, status, code in _STATUS:
        if isinstance(exc, cls):
            return status, code
    return 400, "coach_error"


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one JSON shape."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(
            error_body(exc.code, exc.message, exc.fix), exc.status, headers=exc.headers
        )

    @app.exception_handler(CoachError)
    async def coach_error(request: Request, exc: CoachError) -> JSONResponse:
        status, code = coach_status(exc)
        if status >= 500:
            log.warning("%s %s: %s: %s", request.method, request.url.path, exc.title, exc)
        # the engine's message says what happened and the fix; the title is the heading
        return JSONResponse(error_body(code, exc.title, exc.message), status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())) or 'body'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()[:10]
        )
        return JSONResponse(
            error_body(
                "invalid_input",
                "The request does not match the API",
                f"{problems} (the OpenAPI document at /api/v1/openapi.json has every field)",
            ),
            422,
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        fix = _HTTP_FIXES.get(
            exc.status_code, "see /api/v1/openapi.json for the routes and their methods"
        )
        return JSONResponse(
            error_body(code, str(exc.detail), fix),
            exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        # logged with its type only: a message may quote a request's body
        log.error("internal error on %s %s: %s", request.method, request.url.path, type(exc))
        return JSONResponse(
            error_body(
                "internal",
                "Internal error",
                "the server could not handle this request; try again, and report it if it "
                "happens again",
            ),
            500,
        )
