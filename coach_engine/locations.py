"""The one module that knows where Coach keeps things.

Every function resolves lazily — nothing is created at import time. ``COACH_HOME`` overrides the
platform's user data directory (tests and scripts point it at a temporary directory).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "coach"


def home() -> Path:
    """The data directory: ``$COACH_HOME`` or platformdirs' user data dir."""
    override = os.environ.get("COACH_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path() -> Path:
    return home() / "coach.db"


def config_path() -> Path:
    return home() / "config.toml"


def user_problems_dir() -> Path:
    return home() / "problems"


def cache_dir() -> Path:
    """Build caches and other regenerable data (under ``COACH_HOME`` when it is set)."""
    if os.environ.get("COACH_HOME"):
        return home() / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return home() / "logs"


def ensure_home() -> Path:
    """Create the data directory if needed and check it is writable.

    Raises:
        StoreError: the directory cannot be created or written, with the fix.
    """
    from coach_engine.errors import StoreError

    path = home()
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise StoreError(
            f"cannot write to {path} ({exc.strerror or exc}); make it writable or set "
            "COACH_HOME to a directory you own",
            title="Data directory not writable",
        ) from None
    return path
