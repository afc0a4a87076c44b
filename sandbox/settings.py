"""The sandbox's settings: which isolation backend runs code, and the limits a problem leaves open.

The engine builds one ``SandboxSettings`` from the person's configuration
(``coach_engine.sandbox_policy``) and runs every piece of code through ``SandboxSettings.run`` — the
CLI's ``coach run``, the interview, drills and the judge alike — so a setting acts everywhere. The
sandbox never reads the engine's configuration itself (it must not import ``coach_engine``); this
model is the whole of what it is told, and it carries no secret.

Limits: a problem's own ``[limits]`` are calibrated for it (they tell an O(n) solution from an
O(n²) one) and win; ``time_ms`` and ``memory_mb`` here are what a test gets when the problem sets
none (a user pack may leave them out). Backends: ``unsafe`` (no isolation) runs only with
``allow_unsafe``; nothing ever falls back to it, nor from one backend to another: a backend that
cannot run here is a ``SandboxError`` that says what to install or choose.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from coach_engine.errors import SandboxError
from sandbox.spec import Limits, RunRequest, RunResult

BackendName = Literal["bwrap", "docker", "unsafe"]
DEFAULTS = Limits()
"""The sandbox's own defaults (2000 ms of CPU per test, 256 MB)."""


class SandboxSettings(BaseModel):
    """Everything the engine tells the sandbox. Immutable: build a new one to change it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: BackendName = "bwrap"
    """Isolation backend: bwrap (namespaces + seccomp + rlimits), docker, or unsafe."""
    allow_unsafe: bool = False
    """The person accepted running code without isolation (required for ``unsafe``)."""
    time_ms: int = Field(DEFAULTS.time_ms, ge=10, le=60_000)
    """CPU time per test when the problem sets none."""
    memory_mb: int = Field(DEFAULTS.memory_mb, ge=32, le=4096)
    """Memory limit when the problem sets none."""
    warm: int = Field(0, ge=0, le=64)
    """Sandboxes kept started ahead of their runs (``sandbox.isolation.warm``); 0: none."""
    cache_dir: Path | None = None
    """The build cache (None: ``sandbox.cache.default_cache_dir()``)."""

    @model_validator(mode="after")
    def _unsafe_needs_consent(self) -> SandboxSettings:
        if self.backend == "unsafe" and not self.allow_unsafe:
            raise ValueError(
                "the unsafe backend runs code without isolation and needs allow_unsafe"
            )
        return self

    def limits(self, limits: Limits) -> Limits:
        """``limits`` with this policy's ``time_ms`` / ``memory_mb`` where they were not set."""
        unset = {
            name: getattr(self, name)
            for name in ("time_ms", "memory_mb")
            if name not in limits.model_fields_set
        }
        return limits.model_copy(update=unset) if unset else limits

    def request(self, request: RunRequest) -> RunRequest:
        """``request`` with its limits completed by ``limits`` (the caller's object untouched)."""
        limits = self.limits(request.limits)
        return (
            request if limits is request.limits else request.model_copy(update={"limits": limits})
        )

    def run(self, request: RunRequest) -> RunResult:
        """Judge ``request`` on this backend with these limits (``sandbox.runner.run``).

        Raises:
            SandboxError: the backend cannot run here, or the toolchain is missing.
        """
        from sandbox.cache import default_cache_dir
        from sandbox.isolation import get_backend
        from sandbox.runner import run

        if self.backend == "unsafe" and not self.allow_unsafe:  # model_construct skips the check
            raise SandboxError("the unsafe backend needs allow_unsafe")
        if self.backend == "bwrap":  # the backend run() picks: keep its warm pool this size
            get_backend("bwrap", self.cache_dir or default_cache_dir()).keep_warm(self.warm)
        return run(request, settings=self)
