"""Terminal control sequences in a candidate's output, a model's reply or feedback are shown
escaped in the TUI (tests panel, chat, feedback), never drawn into the terminal as they are."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widget import Widget
from tui_support import FEEDBACK, scripted_producer, settle, until

from coach_engine.config import Config
from coach_engine.controls import CONTROL_ESCAPES
from coach_engine.engine import Engine
from coach_engine.models import Role, utcnow
from coach_engine.store import SQLiteStore
from coach_tui.factory import StartRequest, make_app
from coach_tui.screens.feedback import FeedbackScreen
from coach_tui.screens.interview import InterviewScreen
from coach_tui.widgets.chat.message import ChatMessage

OSC52 = "\x1b]52;c;cHduZWQ=\x07"  # write "pwned" to the clipboard
TITLE = "\x1b]0;owned\x07"  # set the window title
CLEAR = "\x1b[2J\x1b[H"  # clear the screen
C1_CSI = "\x9b31m"  # 8-bit CSI


def hostile_runner(request: object) -> object:
    from sandbox.spec import RunRequest, RunResult, TestResult, Verdict

    assert isinstance(request, RunRequest)
    tests = [
        TestResult(
            index=i,
            hidden=case.hidden,
            verdict=Verdict.WA,
            input=case.args,
            expected=case.expected,
            actual=f"act{OSC52}",
            stdout=f"out{TITLE}{CLEAR}",
            stderr=f"err{C1_CSI}",
        )
        for i, case in enumerate(request.tests)
    ]
    return RunResult(
        language=request.language, verdict=Verdict.WA, passed=0, total=len(tests), tests=tests
    )


def raw_controls(app: App[object]) -> set[str]:
    """Control characters in what would be written to the terminal (every segment on screen)."""
    found = set()
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            if not segment.control:
                found |= {hex(ord(c)) for c in segment.text if ord(c) in CONTROL_ESCAPES}
    return found


def text_of(app: App[object]) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def region_text(app: App[object], widget: Widget) -> str:
    """What ``widget`` shows on screen, its wrapped lines joined by spaces."""
    r = widget.content_region
    strips = app.screen._compositor.render_strips()[r.y : r.y + r.height]
    return " ".join(strip.text[r.x : r.x + r.width].strip() for strip in strips)


async def test_tests_panel_chat_and_feedback_show_controls_escaped(tmp_path: Path) -> None:
    feedback = FEEDBACK.model_copy(
        update={"weaknesses": [f"printed {TITLE} into the title"], "strengths": [f"ok{CLEAR}"]}
    )
    engine = Engine(
        SQLiteStore.open(tmp_path / "db.sqlite"),
        Config(),
        producer=scripted_producer(feedback),
        runner=hostile_runner,  # type: ignore[arg-type]
    )
    app = make_app(engine, StartRequest(slug="two-sum"))
    async with app.run_test(size=(160, 50)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await until(pilot, lambda: len(screen.query(ChatMessage)) == 1, "greeting")

        await pilot.press("ctrl+r")
        await until(pilot, lambda: screen.view.attempts == 1 and not screen.running, "a run")
        await settle(pilot)
        text = text_of(app)
        assert "\\x1b]52;c;cHduZWQ=\\x07" in text  # actual, in the detail
        assert "\\x1b]0;owned\\x07\\x1b[2J" in text  # stdout
        detail = screen.tests.query_one("#tests-detail").render()
        assert "err\\x9b31m" in getattr(detail, "plain", str(detail))  # stderr, below the fold
        assert raw_controls(app) == set()

        await screen.chat.add(Role.AI, f"Your output was {OSC52} and {CLEAR}", utcnow())
        await settle(pilot)
        said = list(screen.query(ChatMessage))[-1]
        assert "Your output was \\x1b]52" in region_text(app, said)  # however the column wraps
        assert raw_controls(app) == set()

        await pilot.press("ctrl+t")
        await until(pilot, lambda: "Submit your solution?" in text_of(app), "confirm")
        await pilot.press("y")
        # a wrong submission leaves the interview open without feedback; ask for it (as the
        # palette's "Request feedback again" does)
        await until(pilot, lambda: screen.view.attempts == 2 and not screen.running, "submitted")
        await engine.interview.request_feedback(screen.session_id)
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen), "feedback", 60)
        await settle(pilot)
        assert "printed \\x1b]0;owned\\x07 into the title" in text_of(app)
        assert raw_controls(app) == set()
    engine.close()
