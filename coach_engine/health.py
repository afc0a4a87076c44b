"""What works on this machine: Python, the data directory and database, the configuration,
the sandbox's toolchains and isolation, and each provider (with a real, cheap request for a
configured one). ``coach doctor`` prints it; a server can serve it as a health report.

The database check opens (and so migrates) the store when the data directory is writable and
always reads the file through SQLite's integrity check.
"""

from __future__ import annotations

import platform
import sys
from typing import Any


def _check(name: str, ok: bool, detail: str, essential: bool = False) -> dict[str, Any]:
    return {"name": name, "ok": ok, "detail": detail, "essential": essential}


def _providers(cfg: Any) -> list[dict[str, Any]]:
    """Each provider: configured or not, and for configured ones a real, cheap request."""
    import asyncio

    from coach_engine.providers.check import check
    from coach_engine.providers.registry import build_provider
    from coach_engine.providers.retry import RetryPolicy
    from coach_engine.providers.types import ProviderCallError

    active = cfg.provider.name
    rows = [
        _check("provider offline", True, "built in" + (" (active)" if active == "offline" else ""))
    ]
    for name in ("openai", "anthropic", "openai-compatible"):
        mark = " (active)" if active == name else ""
        configured = (
            bool(cfg.provider.base_url) if name == "openai-compatible" else bool(cfg.api_key(name))
        )
        if not configured:
            how = (
                "no base_url (`coach config set provider.base_url …`)"
                if name == "openai-compatible"
                else "no key (set the env var or `coach config set keys.…`)"
            )
            rows.append(_check(f"provider {name}", False, how + mark, essential=bool(mark)))
            continue
        try:
            provider = build_provider(cfg, name=name, retry=RetryPolicy(max_attempts=1))
            result = asyncio.run(check(provider, timeout_s=min(cfg.provider.timeout_s, 15.0)))
            detail = f"{result.detail} ({result.latency_ms} ms)"
            rows.append(_check(f"provider {name}", result.ok, detail + mark, essential=bool(mark)))
        except ProviderCallError as exc:
            rows.append(_check(f"provider {name}", False, exc.message + mark, essential=bool(mark)))
    return rows


def health_checks() -> list[dict[str, Any]]:
    """Run every check, in the order shown. Each is ``{name, ok, detail, essential}``; a failed
    essential check means Coach cannot work here (``coach doctor`` exits 1).

    Blocking (it runs the provider requests in its own event loop): from async code, call it in
    a worker thread."""
    from coach_engine import __version__, config as config_mod, locations
    from coach_engine.errors import CoachError

    checks = [
        _check("coach", True, __version__),
        _check(
            "python",
            sys.version_info >= (3, 11),
            f"{platform.python_version()} ({sys.executable})",
            essential=True,
        ),
    ]
    checks.extend(_data_checks())
    cfg = None
    try:
        cfg = config_mod.load()
        path = locations.config_path()
        checks.append(
            _check(
                "config", True, f"{path}" + ("" if path.exists() else " (not created; defaults)")
            )
        )
    except CoachError as exc:
        checks.append(_check("config", False, exc.message, essential=True))
    checks.extend(_sandbox_checks(cfg))
    if cfg is not None:
        checks.extend(_providers(cfg))
    return checks


def _data_checks() -> list[dict[str, Any]]:
    """The data directory (private, writable) and the database: opened (migrated) when the
    directory is writable, and always read through by SQLite's integrity check."""
    from coach_engine import locations
    from coach_engine.errors import CoachError
    from coach_engine.store import SQLiteStore
    from coach_engine.store.sqlite import integrity_problems
    from coach_engine.system_errors import DAMAGED_FIX

    checks = []
    writable = True
    try:
        home = locations.ensure_home()
        checks.append(_check("data directory", True, f"{home} (private)", essential=True))
    except CoachError as exc:
        writable = False
        checks.append(_check("data directory", False, exc.message, essential=True))
    path = locations.database_path()
    if not writable and not path.exists():
        return checks
    try:
        version = ""
        if writable:
            store = SQLiteStore.open(path)
            version = f"schema version {store.schema_version()}, "
            store.close()
        problems = integrity_problems(path)
    except CoachError as exc:
        checks.append(_check("database", False, exc.message, essential=True))
        return checks
    if problems:
        detail = f"{path} is damaged: {'; '.join(problems[:3])}. {DAMAGED_FIX}"
        checks.append(_check("database", False, detail, essential=True))
    else:
        checks.append(_check("database", True, f"{path} ({version}integrity ok)", essential=True))
    return checks


def _sandbox_checks(cfg: Any) -> list[dict[str, Any]]:
    """The sandbox's probes, on the backend the settings choose (``sandbox.backend``)."""
    from coach_engine.errors import CoachError
    from coach_engine.sandbox_policy import sandbox_settings
    from sandbox import doctor as sandbox_doctor

    out: list[dict[str, Any]] = []
    backend: str | None = None
    if cfg is not None:
        try:
            backend = sandbox_settings(cfg).backend
        except CoachError as exc:  # unsafe without consent: nothing would run
            out.append(_check("sandbox settings", False, exc.message, essential=True))
    probes = sandbox_doctor.checks(backend=backend)
    return out + [_check(f"{c.area} {c.name}", c.ok, c.detail) for c in probes]
