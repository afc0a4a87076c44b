"""How the key screens look at 80×24 and 160×48 (SVG snapshots; update with
``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the report).

Everything is frozen: the clock (12:34 into the interview), timestamps (TZ=UTC), the problem set,
ids that are never shown, and the cursor blink.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import at, options, seed, settle, snapshot_engine, until

from coach_tui.factory import StartRequest, make_app
from coach_tui.screens.feedback import FeedbackScreen
from coach_tui.screens.interview import InterviewScreen

SIZES = [(80, 24), (160, 48)]


def frozen(start: StartRequest):
    return options(
        clock=lambda: at(12 + 34 / 60),
        timer_seconds=0,
        autosave_seconds=300,
        connect=False,
        animate=False,
    )


@pytest.fixture
def seeded(tmp_path: Path, utc: None):
    engine = snapshot_engine(tmp_path / "snap.sqlite")
    # The engine's interview clock reads the same frozen instant as the TUI's: on the real clock
    # the seeded interview (12:34 into 45 minutes, on a fixed date) is long over, and a loaded
    # machine let its first tick post "time is up" into a snapshot.
    engine.clocks.now = lambda: at(12 + 34 / 60)
    live, done = seed(engine)
    yield engine, live, done
    engine.close()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_home(snap_compare, seeded, size) -> None:
    engine, _, _ = seeded
    app = make_app(engine, StartRequest(), frozen(StartRequest()))

    async def ready(pilot) -> None:
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=ready)


TABS = [((80, 24), "f8"), ((80, 24), "f2"), ((80, 24), "f3"), ((80, 24), "f4")]
TABS += [((160, 48), "f2"), ((160, 48), "f3")]


@pytest.mark.parametrize(
    ("size", "key"),
    TABS,
    ids=["80x24-chat", "80x24-code", "80x24-tests", "80x24-problem", "160x48-code", "160x48-tests"],
)
def test_interview(snap_compare, seeded, size, key) -> None:
    engine, live, _ = seeded
    start = StartRequest(resume_id=live)
    app = make_app(engine, start, frozen(start))

    async def ready(pilot) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, InterviewScreen), "interview")
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_feedback(snap_compare, seeded, size) -> None:
    engine, _, done = seeded
    app = make_app(engine, StartRequest(), frozen(StartRequest()))

    async def ready(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(FeedbackScreen(done))
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=ready)


def _submissions():
    from tui_support import BAD, GOOD

    from coach_engine.api import Submission

    return [
        Submission(id="s1", number=1, verdict="WA", passed=21, total=33, cpu_ms=41.0,
                   language="python", created_at=at(9), code=BAD),
        Submission(id="s2", number=2, verdict="AC", passed=33, total=33, cpu_ms=52.4,
                   language="python", created_at=at(12), code=GOOD),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("size", "opened"),
    [((80, 24), False), ((160, 48), False), ((80, 24), True)],
    ids=["80x24", "160x48", "80x24-code"],
)
def test_submissions(snap_compare, seeded, size, opened) -> None:
    from coach_tui.screens.submissions import SubmissionCodeModal, SubmissionsModal

    engine, live, _ = seeded
    start = StartRequest(resume_id=live)
    app = make_app(engine, start, frozen(start))

    async def ready(pilot) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, InterviewScreen), "interview")
        await settle(pilot)
        await pilot.app.push_screen(SubmissionsModal(_submissions()))
        await settle(pilot)
        if opened:
            await pilot.press("up", "enter")
            await until(pilot, lambda: isinstance(pilot.app.screen, SubmissionCodeModal), "code")
            await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_help(snap_compare, seeded, size) -> None:
    """f1 on the interview: its keys first, the global ones last, the list focused (its bar)."""
    from coach_tui.screens.help import HelpScreen

    engine, live, _ = seeded
    start = StartRequest(resume_id=live)
    app = make_app(engine, start, frozen(start))

    async def ready(pilot) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, InterviewScreen), "interview")
        await settle(pilot)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen), "help")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=ready)
