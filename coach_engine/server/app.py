"""The app factory: ``create_app(engine)`` builds the FastAPI app over an open engine.

Routes live under ``/api/v1``; the OpenAPI document is ``/api/v1/openapi.json`` (interactive
docs at ``/api/v1/docs``) and the events' JSON Schema ``/api/v1/events.schema.json``. Settings
come from ``engine.config.server``: rate limits, body and frame limits, CORS origins, the token
secret. The app's lifespan connects the provider, resumes feedback jobs a killed server left
behind, and stops the engine's background work (clocks, jobs) on shutdown.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI

from coach_engine import __version__
from coach_engine.api import Credentials, Engine, event_json_schema, server_secret
from coach_engine.server import (
    auth,
    dashboard,
    data,
    drills,
    errors,
    feedback,
    interviews,
    responses,
    sessions,
    ws,
)
from coach_engine.server.deps import ServerState
from coach_engine.server.limits import BodyLimit, RateLimiter
from coach_engine.server.security import Tokens

PREFIX = "/api/v1"
HOUR, DAY = 3600.0, 86400.0
HEARTBEAT_S = 15.0
SIGNIN_FAILURES, SIGNIN_WINDOW_S = 10, 900.0
"""After 10 wrong passwords for one e-mail in 15 minutes, its sign-ins wait (429)."""


def create_app(engine: Engine, *, heartbeat_s: float = HEARTBEAT_S) -> FastAPI:
    """The server over ``engine`` (which the caller opened and closes).

    Raises:
        ConfigError: ``server.secret`` is set but too short.
    """
    settings = engine.config.server
    state = ServerState(
        engine=engine,
        tokens=Tokens(server_secret(engine.config)),
        credentials=Credentials(engine),
        feedback_limit=RateLimiter("feedback requests", settings.feedback_per_hour, HOUR),
        drill_set_limit=RateLimiter("drill sets", settings.drill_sets_per_hour, HOUR),
        session_limit=RateLimiter("sessions", settings.sessions_per_day, DAY),
        signin_failures=RateLimiter("failed sign-ins", SIGNIN_FAILURES, SIGNIN_WINDOW_S),
        heartbeat_s=heartbeat_s,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await engine.connect_provider()
        await engine.local.feedback.resume()  # every user's lost jobs (the worker is shared)
        try:
            yield
        finally:
            await engine.stop_background()

    app = FastAPI(
        title="Coach",
        version=__version__,
        summary="Mock coding interviews: the Coach engine over REST and WebSocket.",
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=f"{PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.coach = state
    errors.install(app)
    api = APIRouter(prefix=PREFIX)
    for module in (auth, sessions, interviews, feedback, drills, dashboard, data, ws):
        responses.declare(module.router)
        api.include_router(module.router)

    @api.get("/events.schema.json", tags=["meta"])
    async def events_schema() -> dict[str, Any]:
        """The JSON Schema of every WebSocket event frame the server sends."""
        return event_json_schema()

    @api.get("/health", tags=["meta"])
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    app.include_router(api)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_kb * 1024)
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type"],
        )
    return app
