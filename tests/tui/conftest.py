"""TUI fixtures. The autouse ``coach_home`` of tests/conftest.py already isolates COACH_HOME."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_support import make_engine

from coach_engine.engine import Engine


@pytest.fixture(autouse=True)
def notification_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every notification an app shows, kept for the test: a toast expires after its timeout
    (5 s), which a loaded machine can spend between the notify and the test's next look."""
    from textual.app import App

    real = App.notify

    def notify(self: App[object], message: str, **kw: object) -> None:
        self.__dict__.setdefault("_notification_log", []).append(
            f"{kw.get('title', '')}: {message}"
        )
        real(self, message, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "notify", notify)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "coach.sqlite"


@pytest.fixture
def engine(database: Path) -> Iterator[Engine]:
    eng = make_engine(database)
    yield eng
    eng.close()


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC, so rendered timestamps do not depend on the machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
