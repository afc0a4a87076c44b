"""Storage: the ``Store`` (one repository per aggregate, ``repositories.py``), its SQLite
backend (``sqlite/``), and ``AsyncStore`` (``aio.py``), which async code awaits instead of
calling SQLite on the event loop.

``Store`` and ``SQLiteStore`` are resolved on first use (PEP 562): importing a pydantic-free
part of the package (``store.migrations``, ``store.listing_queries``) must not load the models
(``coach_engine.listing_reader``, CLI start-up)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach_engine.store.base import Store as Store
    from coach_engine.store.sqlite import SQLiteStore as SQLiteStore

_EXPORTS = {"Store": "coach_engine.store.base", "SQLiteStore": "coach_engine.store.sqlite"}
__all__ = ["SQLiteStore", "Store"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
