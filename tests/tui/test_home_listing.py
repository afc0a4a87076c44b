"""The home screen's list comes from the cached problem index (issue 14, item 10): on a warm
index, reaching the filled list parses no problem and imports no problem schema; a broken problem
pack leaves an empty list and says what is wrong, without a crash. Structural, so it holds on a
busy machine; the times are in bench/tui_open.py."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tui_support import notifications, options, screen_text, settle, until

from coach_engine.api import list_problems
from coach_engine.engine import Engine
from coach_engine.problems.loader import bundled_root
from coach_tui.factory import make_app
from coach_tui.screens.home import HomeScreen
from coach_tui.widgets.home.problem_picker import ProblemPicker

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import asyncio, json, sys
from coach_engine.engine import Engine
from coach_engine.problems.loader import ProblemBank
from coach_tui.factory import AppOptions, make_app

parsed = []  # ``get`` parses one problem; ``list`` goes through it for every problem
get = ProblemBank.get
ProblemBank.get = lambda self, *a, **k: parsed.append(a) or get(self, *a, **k)

async def main():
    app = make_app(Engine.open(), options=AppOptions(connect=False, animate=False))
    async with app.run_test(size=(120, 40)) as pilot:
        while True:
            screen = app.screen
            if type(screen).__name__ == "HomeScreen":
                text = "\\n".join(s.text for s in screen._compositor.render_strips())
                if "Two Sum" in text:
                    break
            await pilot.pause(0.05)
        print(json.dumps({
            "schema": "coach_engine.problems.schema" in sys.modules,
            "spec": "sandbox.spec" in sys.modules,
            "parsed": len(parsed),
            "rows": screen.query_one("#problems").row_count,
        }))

asyncio.run(main())
"""


def test_the_list_on_a_warm_index_parses_no_problem(coach_home: Path) -> None:
    listed = list_problems()  # the index is written (what any earlier listing leaves behind)
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"schema": False, "spec": False, "parsed": 0, "rows": len(listed)}


async def test_a_broken_pack_leaves_an_empty_list_and_says_why(
    coach_home: Path, engine: Engine
) -> None:
    target = coach_home / "problems" / "broken-sum"
    shutil.copytree(Path(str(bundled_root().joinpath("two-sum"))), target)
    toml = target / "problem.toml"
    text = toml.read_text().replace('slug = "two-sum"', 'slug = "broken-sum"', 1)
    toml.write_text(text.replace('difficulty = "easy"', 'difficulty = "trivial"'))
    app = make_app(engine, options=options())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await settle(pilot)
        await until(pilot, lambda: any("difficulty" in n for n in notifications(app)), "error")
        assert app.screen.query_one(ProblemPicker).problems == []
        assert "Two Sum" not in screen_text(app)
        assert isinstance(app.screen, HomeScreen)  # still running, on the home screen


@pytest.mark.parametrize("theme", ["dark", "light"])
async def test_the_home_screen_opens_in_the_configured_themes_colours(
    engine: Engine, theme: str
) -> None:
    """The home screen skips Textual's CSS refresh as its mode opens (it is styled with the
    current CSS as it mounts): a full refresh afterwards changes no colour of it."""
    engine.config.ui.theme = theme  # type: ignore[assignment]
    app = make_app(engine, options=options())

    def colours() -> list[tuple[str, str, str]]:
        return [
            (str(w.id or type(w).__name__), str(w.styles.background), str(w.styles.color))
            for w in app.screen.walk_children(with_self=True)
        ]

    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await settle(pilot)
        assert app.theme == f"textual-{theme}"
        opened = colours()
        app.refresh_css(animate=False)
        await settle(pilot)
        assert colours() == opened
        app.toggle_theme()  # and a theme change still reaches it
        await settle(pilot)
        await until(pilot, lambda: colours() != opened, "the other theme's colours")
