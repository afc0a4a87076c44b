"""``coach serve``: the engine over REST and WebSocket for a team (issue 15).

The server's modules (FastAPI, uvicorn, argon2) load only when this command runs, so every
other command's start-up pays nothing for them.
"""

from __future__ import annotations

import typer


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
) -> None:
    """Serve the engine over REST and WebSocket for a team [--host] [--port]."""
    from coach_engine.server.runner import serve as run_server

    run_server(host, port)
