"""Isolation backends: where and how candidate code runs.

    bwrap   bubblewrap namespaces + seccomp + rlimits (default; no daemon, no root)
    docker  a warm container per language (needs a Docker daemon and the ``docker`` extra)
    unsafe  rlimits only, no isolation; must be chosen explicitly, never a fallback

``get_backend`` returns one shared instance per (name, cache dir), so self-tests and warm
containers are paid once per process.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from coach_engine.errors import SandboxError
from sandbox.isolation.base import ExecResult, ExecSpec, IsolationBackend

__all__ = ["BACKENDS", "ExecResult", "ExecSpec", "IsolationBackend", "default_name", "get_backend"]

BACKENDS = ("bwrap", "docker", "unsafe")
_instances: dict[tuple[str, Path, bool | None], IsolationBackend] = {}
_lock = threading.Lock()


def default_name() -> str:
    """The backend chosen by configuration: ``COACH_SANDBOX_BACKEND``, else ``bwrap``."""
    return os.environ.get("COACH_SANDBOX_BACKEND", "").strip() or "bwrap"


def _cgroup_mode() -> bool | None:
    """``COACH_SANDBOX_CGROUP``: on (required), off (never), else auto (worker cgroups if v1)."""
    value = os.environ.get("COACH_SANDBOX_CGROUP", "auto").strip().lower()
    if value in ("1", "on", "true"):
        return True
    return False if value in ("0", "off", "false") else None


def get_backend(name: str, cache_dir: Path, *, allow_unsafe: bool = False) -> IsolationBackend:
    """Return the backend called ``name``, unchecked (call ``check()`` or just ``execute``).

    Args:
        name: one of ``BACKENDS``.
        cache_dir: the build cache; backends keep their helper binary in ``<cache_dir>/.bin``.
        allow_unsafe: the person chose the ``unsafe`` backend (a flag or the config). Required
            for ``unsafe``; nothing ever falls back to it.

    Raises:
        SandboxError: unknown name, or ``unsafe`` without ``allow_unsafe``.
    """
    cgroup = _cgroup_mode()
    key = (name, cache_dir, cgroup)
    with _lock:
        if key in _instances:
            return _instances[key]
        backend: IsolationBackend
        if name == "bwrap":
            from sandbox.isolation.bwrap import BubblewrapBackend
            from sandbox.isolation.warm import size_from_env

            backend = BubblewrapBackend(cache_dir, cgroup=cgroup)
            backend.keep_warm(size_from_env())
        elif name == "docker":
            from sandbox.isolation.docker import DockerBackend

            backend = DockerBackend(cache_dir)
        elif name == "unsafe":
            from sandbox.isolation.unsafe import UnsafeBackend

            return UnsafeBackend(cache_dir, opted_in=allow_unsafe)  # not shared: opt-in per call
        else:
            raise SandboxError(
                f"unknown sandbox backend {name!r}: use one of {', '.join(BACKENDS)}"
            )
        _instances[key] = backend
        return backend
