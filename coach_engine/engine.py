"""The engine facade: one object a front end builds and talks to.

``Engine.open()`` resolves the data directory, loads the configuration, opens (and migrates) the
store and picks the local user. The TUI, the CLI and the future WebSocket server all hold one
``Engine`` and call its async services; none of them touches the store directly.
"""

from __future__ import annotations

from pathlib import Path

from coach_engine import config as config_mod
from coach_engine import locations
from coach_engine.config import Config
from coach_engine.events import EventBus
from coach_engine.models import User
from coach_engine.sessions import SessionService
from coach_engine.store import SQLiteStore, Store


class Engine:
    """Collaborators in, services out. Tests construct it with a temporary store."""

    def __init__(self, store: Store, config: Config, user: User | None = None) -> None:
        self.store = store
        self.config = config
        self.events = EventBus()
        self.user = user or store.default_user()
        self.sessions = SessionService(store, self.events, self.user.id)

    @classmethod
    def open(cls, database: Path | None = None) -> Engine:
        """Open the engine on the person's data directory (``COACH_HOME`` aware).

        Raises:
            ConfigError: config.toml is invalid.
            StoreError: the data directory or database is unusable.
        """
        if database is None:
            locations.ensure_home()
            database = locations.database_path()
        config = config_mod.load()
        return cls(SQLiteStore.open(database), config)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
