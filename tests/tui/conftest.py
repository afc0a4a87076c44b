"""TUI fixtures. The autouse ``coach_home`` of tests/conftest.py already isolates COACH_HOME."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_support import count_repaints, make_engine

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


@pytest.fixture(autouse=True)
def repaint_counter(monkeypatch: pytest.MonkeyPatch) -> None:
    """``screen_text`` re-renders the screen only after something was marked for repaint."""
    count_repaints(monkeypatch)


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursors do not blink in the TUI tests. A blink repaints the focused editor or input twice
    a second of wall time, which a loaded machine stretches (a 1 s test takes 10 s at load 15);
    it changes only the cursor's style, never a character that ``screen_text`` reads. The
    blink on/off switch of the product (``AppOptions.animate``) is untouched."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


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
