"""Running the app on uvicorn: ``serve`` (``coach serve``) and ``BackgroundServer`` (a server in
a thread on a free loopback port, for tests and benchmarks)."""

from __future__ import annotations

import logging
import re
import socket
import threading
import time
from types import TracebackType

import uvicorn

from coach_engine.api import Engine
from coach_engine.server.app import HEARTBEAT_S, PREFIX, create_app

_TOKEN = re.compile(r"(token=)[^&\s\"']+", re.IGNORECASE)
KEEP_ALIVE_S = 20
"""Seconds an idle HTTP connection is kept open for the client's next request."""


class MaskTokens(logging.Filter):
    """Secrets never reach a log: a WebSocket's ``?token=`` in an access or error line is
    replaced by ``***``."""

    def filter(self, record: logging.LogRecord) -> bool:
        # uvicorn's formatters unpack the arguments (client, method, path, ...): mask in place
        if isinstance(record.args, tuple):
            record.args = tuple(
                _TOKEN.sub(r"\1***", a) if isinstance(a, str) else a for a in record.args
            )
        if isinstance(record.msg, str):
            record.msg = _TOKEN.sub(r"\1***", record.msg)
        return True


def _config(
    engine: Engine, host: str, port: int, heartbeat_s: float, quiet: bool
) -> uvicorn.Config:
    app = create_app(engine, heartbeat_s=heartbeat_s)
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        ws_max_size=engine.config.server.max_frame_kb * 1024,
        # frames are small JSON (a batch of tokens, a result): compressing each one cost the
        # loop more than it saved on loopback or a LAN (bench/server_load.py, 200 candidates)
        ws_per_message_deflate=False,
        log_config=None if quiet else uvicorn.config.LOGGING_CONFIG,
        access_log=not quiet,
        server_header=False,
        # longer than a client's own idle expiry (httpx: 5 s, uvicorn's default too), so a
        # client drops an idle connection before the server closes it: at 5 s both, a request
        # sent on it as the server closed it was reset (httpx.ReadError, bench/server_load.py)
        timeout_keep_alive=KEEP_ALIVE_S,
        timeout_graceful_shutdown=5,
    )


def _mask_logs() -> None:
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, MaskTokens) for f in logger.filters):
            logger.addFilter(MaskTokens())


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the engine on the data directory until interrupted (Ctrl-C).

    Raises:
        ConfigError, StoreError: the settings or the database are unusable.
    """
    engine = Engine.open()
    try:
        config = _config(engine, host, port, HEARTBEAT_S, quiet=False)
        server = uvicorn.Server(config)
        config.load()  # configures uvicorn's loggers; the filter goes on after
        _mask_logs()
        print(f"Coach server on http://{host}:{port}{PREFIX} (API document: {PREFIX}/docs)")
        try:
            server.run()
        except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it shut down on: done
            pass
    finally:
        engine.close()


class BackgroundServer:
    """The app on uvicorn in a daemon thread, on a free port of 127.0.0.1 (bound before the
    thread starts, so nothing can take it in between). ``with BackgroundServer(engine) as s:``
    then ``s.url`` (``http://127.0.0.1:<port>/api/v1``) and ``s.ws_url``."""

    def __init__(self, engine: Engine, *, heartbeat_s: float = HEARTBEAT_S) -> None:
        self.engine = engine
        self.heartbeat_s = heartbeat_s
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{PREFIX}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}{PREFIX}"

    def __enter__(self) -> BackgroundServer:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = _config(self.engine, "127.0.0.1", self.port, self.heartbeat_s, quiet=True)
        self._server = server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="coach-server", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 60  # a hang guard; a loaded machine starts in well under
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start (see its log)")
            time.sleep(0.01)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=60)
