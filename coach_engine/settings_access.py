"""Reading and changing settings by dotted key (``coach config``; a server's settings page).

Thin by design: the settings themselves, their validation, environment overrides and the file
format live in ``coach_engine.config``; this is the front-end-facing surface over them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def config_path() -> Path:
    """Where config.toml lives (it may not exist yet: then every setting is its default)."""
    from coach_engine import locations

    return locations.config_path()


def get_setting(key: str) -> Any:
    """The effective value of ``key`` (environment overrides included; secrets masked).

    Raises:
        ConfigError: unknown key, or config.toml / an override is invalid.
    """
    from coach_engine import config

    return config.get(key)


def set_setting(key: str, value: str) -> Any:
    """Validate ``value`` for ``key`` and store it in config.toml (comments kept); returns the
    stored, typed value. The data directory is created (or made private again) first, once the
    key is known to exist.

    Raises:
        ConfigError: unknown key or invalid value; nothing is written.
    """
    from coach_engine import config, locations

    config.field(key)  # an unknown key is named before the data directory is touched
    locations.ensure_home()
    return config.set_value(key, value)


def list_settings() -> dict[str, Any]:
    """Every setting's effective value, by dotted key."""
    from coach_engine import config

    cfg = config.load()
    return {key: config.get(key, cfg) for key in config.keys()}
