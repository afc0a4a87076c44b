"""Fast to open (issue 14, item 10): the first frame is the light opening screen, the home screen
with the problem list follows in the same app; what the first frame needs loads none of the
screens, widgets or engine modules that come after it. Structural, so it holds on a busy machine;
the times are in bench/tui_open.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tui_support import options, screen_text, settle, until

from coach_engine.engine import Engine
from coach_tui.factory import make_app
from coach_tui.screens.home import HomeScreen
from coach_tui.screens.opening import OpeningScreen

LATER = (
    "coach_tui.screens.home",  # composed after the first frame
    "coach_tui.screens.interview",
    "coach_tui.screens.drills",
    "coach_tui.screens.dashboard",
    "coach_tui.screens.feedback",
    "coach_tui.widgets.home.problem_picker",
    "coach_engine.protocol_state",  # the problem schema behind it
    "coach_engine.problems.schema",
    "coach_engine.feedback_jobs",  # resumed after the first frame
    "coach_engine.drills.service",
    "coach_engine.dashboard.service",
)

PROBE = """
import json, sys
from coach_engine.engine import Engine
from coach_tui.factory import make_app
engine = Engine.open()
app = make_app(engine)
print(json.dumps(sorted(m for m in sys.modules if m.startswith("coach_"))))
"""


def test_the_first_frame_loads_nothing_that_comes_after_it(coach_home: Path) -> None:
    """``coach interview`` builds the app this way before Textual's first frame."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(json.loads(out.stdout))
    assert "coach_tui.app" in loaded and "coach_tui.screens.opening" in loaded
    assert sorted(loaded & set(LATER)) == []


async def test_opening_then_home_with_the_list(engine: Engine) -> None:
    app = make_app(engine, options=options())
    seen: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        seen.append(type(app.screen).__name__)  # the default mode's screen, before startup
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await settle(pilot)
        assert "Two Sum" in screen_text(app)  # the list is filled
        assert app.current_mode == "interview"
        assert "opening" not in app._modes  # its stack is gone: quit and mode lists skip it
        await pilot.press("f6")  # modes still switch as before
        await until(pilot, lambda: app.current_mode == "dashboard", "dashboard")
    assert seen == [OpeningScreen.__name__]
