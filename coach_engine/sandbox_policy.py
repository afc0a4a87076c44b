"""From the person's settings to the sandbox runner the engine uses: one place, every front end.

``SandboxPolicy(config)`` is a ``RunRequest -> RunResult`` callable built from ``config.sandbox``
(backend, consent to ``unsafe``, the default time and memory limits). The engine holds one and
hands it to the interview, drills and the judge; the CLI's ``coach run`` asks the engine for one
(``Engine.sandbox_runner``) with its ``--backend`` flag. So ``sandbox.backend``,
``sandbox.time_ms`` and ``sandbox.memory_mb`` act the same in the TUI, the CLI and a server.

Backend policy: the configured backend runs, or the run fails with an error naming the fix; there
is no silent fallback from one backend to another, and never to ``unsafe``. ``unsafe`` needs
consent: ``sandbox.allow_unsafe = true`` in the settings, or naming it explicitly for one command
(``coach run --backend unsafe``).

Every run waits its turn in the process's one sandbox queue (``coach_engine/run_queue.py``:
``sandbox.workers`` runs at once, fair across users, ``sandbox.queued_per_user`` waiting each).
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from coach_engine.config import Config, SandboxConfig
from coach_engine.errors import ConfigError, ValidationError
from coach_engine.run_queue import RunQueue, shared_queue
from sandbox.settings import BackendName, SandboxSettings
from sandbox.spec import RunRequest, RunResult

BACKENDS: tuple[str, ...] = get_args(BackendName)


def sandbox_settings(
    config: Config | SandboxConfig,
    *,
    backend: str | None = None,
    cache_dir: Path | None = None,
) -> SandboxSettings:
    """The sandbox's settings for ``config``; ``backend`` (a command's flag) overrides the
    configured one and, when it names ``unsafe``, is the consent.

    Raises:
        ValidationError: ``backend`` is not a backend's name.
        ConfigError: ``unsafe`` is configured without ``sandbox.allow_unsafe``.
    """
    section = config.sandbox if isinstance(config, Config) else config
    if backend is not None and backend not in BACKENDS:
        raise ValidationError(
            f"unknown backend {backend!r}; use {', '.join(BACKENDS[:-1])} or {BACKENDS[-1]}",
            title="Unknown sandbox backend",
        )
    chosen = backend or section.backend
    consent = section.allow_unsafe or backend == "unsafe"
    if chosen == "unsafe" and not consent:
        raise ConfigError(
            "sandbox.backend is 'unsafe' but sandbox.allow_unsafe is false; unsafe mode runs "
            "code without isolation. Run `coach config set sandbox.allow_unsafe true` to accept "
            "that, or choose bwrap/docker",
            title="Unsafe sandbox not allowed",
        )
    return SandboxSettings(
        backend=chosen,  # checked against BACKENDS above
        allow_unsafe=consent,
        time_ms=section.time_ms,
        memory_mb=section.memory_mb,
        warm=section.warm,
        cache_dir=cache_dir,
    )


class SandboxPolicy:
    """The engine's sandbox runner: ``policy(request)`` judges the request on the configured
    backend with the configured default limits (in the caller's thread: call it from a worker
    thread in async code). A setting that cannot run (``unsafe`` without consent) is reported
    when code is run, so opening the engine for anything else still works."""

    def __init__(
        self,
        config: Config | SandboxConfig,
        *,
        backend: str | None = None,
        cache_dir: Path | None = None,
        queue: RunQueue | None = None,
    ) -> None:
        self._section = config.sandbox if isinstance(config, Config) else config
        self._backend = backend
        self._cache_dir = cache_dir
        self._queue = queue

    @property
    def settings(self) -> SandboxSettings:
        """What the sandbox is told (raises like ``sandbox_settings``)."""
        return sandbox_settings(self._section, backend=self._backend, cache_dir=self._cache_dir)

    @property
    def backend(self) -> str:
        """The backend this policy runs code on."""
        return self._backend or self._section.backend

    @property
    def queue(self) -> RunQueue:
        """The queue this policy's runs wait in: the process's one, sized by the settings
        (or the one given, for tests and benchmarks)."""
        if self._queue is not None:
            return self._queue
        return shared_queue(self._section.workers, self._section.queued_per_user)

    def __call__(self, request: RunRequest) -> RunResult:
        settings = self.settings  # a setting that cannot run fails before queueing
        with self.queue.slot():
            return settings.run(request)
