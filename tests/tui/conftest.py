"""TUI fixtures. The autouse ``coach_home`` of tests/conftest.py already isolates COACH_HOME."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_support import make_engine

from coach_engine.engine import Engine


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
