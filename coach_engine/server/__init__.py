"""``coach serve``: the engine over REST and WebSocket for many users (issue 15).

A thin layer on ``coach_engine.api`` (import-linter forbids anything else): ``app.py`` builds the
FastAPI app (one router module per resource: ``auth``, ``sessions``, ``feedback``, ``drills``,
``dashboard``, ``data``, ``ws``), ``deps.py`` resolves the signed-in user to the engine's
per-user scope, ``security.py`` hashes passwords and signs tokens, ``limits.py`` holds the
rate, body and frame limits, ``errors.py`` turns the engine's titled errors into JSON, and
``runner.py`` runs it on uvicorn. Nothing here decides interview behaviour: every handler is one
call into ``await engine.user_scope(user_id)``.
"""
