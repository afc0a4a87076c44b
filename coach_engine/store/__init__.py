"""Storage behind one interface (``Store``); ``SQLiteStore`` is the embedded backend."""

from coach_engine.store.base import Store
from coach_engine.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store"]
