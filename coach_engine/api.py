"""Coach's public engine API: the only module the TUI, the CLI and the server import.

Everything a front end needs — the ``Engine`` and its per-user services, the models it passes in
and gets back, the typed events, the errors it catches, and the few constants a screen shows —
is named here. Front ends never import ``coach_engine.store`` or any other internal module;
import-linter enforces that (``pyproject.toml``).

Names are resolved lazily (PEP 562): ``coach --version`` must not pay for pydantic models, the
problem bank or the sandbox, so importing this module costs nothing until a name is used. Type
checkers see the real imports through ``TYPE_CHECKING``.

To publish a name, add it to ``_EXPORTS`` (name → defining module) and to the ``TYPE_CHECKING``
block; ``tests/test_import_hygiene.py`` checks that the two agree and that every name resolves.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach_engine.engine import Engine
    from coach_engine.errors import (
        CoachError,
        ConfigError,
        LifecycleError,
        ProviderError,
        ValidationError,
    )
    from coach_engine.events import Event, Subscription

_EXPORTS: dict[str, str] = {
    # the facade
    "Engine": "coach_engine.engine",
    # errors a front end catches (each carries a message that names the fix)
    "CoachError": "coach_engine.errors",
    "ConfigError": "coach_engine.errors",
    "LifecycleError": "coach_engine.errors",
    "ProviderError": "coach_engine.errors",
    "ValidationError": "coach_engine.errors",
    # events
    "Event": "coach_engine.events",
    "Subscription": "coach_engine.events",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # resolve once
    return value


def __dir__() -> list[str]:
    return __all__
