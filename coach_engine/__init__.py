"""Coach's embedded engine: store, sessions, events, config. No UI library is imported here."""

__version__ = "0.1.0"
