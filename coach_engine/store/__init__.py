"""Storage: the ``Store`` (one repository per aggregate, ``repositories.py``), its SQLite
backend (``sqlite/``), and ``AsyncStore`` (``aio.py``), which async code awaits instead of
calling SQLite on the event loop."""

from coach_engine.store.base import Store
from coach_engine.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store"]
