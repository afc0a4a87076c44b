"""The whole interview journey, driven like a person would on an 80×24 terminal, on the offline
interviewer and the real sandbox (the feedback producer is scripted)."""

from __future__ import annotations

from interview_app import paste_code
from textual.widgets import DataTable
from tui_support import BAD, GOOD, notifications, options, screen_text, settle, until

from coach_engine.engine import Engine
from coach_engine.models import ContentType, Role, SessionStatus
from coach_tui.factory import make_app
from coach_tui.screens.feedback import FeedbackScreen
from coach_tui.screens.interview import InterviewScreen
from coach_tui.screens.summary import SummaryScreen
from coach_tui.widgets.chat.message import ChatMessage
from coach_tui.widgets.home.problem_picker import ProblemPicker


def ai_messages(screen: InterviewScreen) -> list[ChatMessage]:
    return [
        m for m in screen.query(ChatMessage) if m.role == Role.AI and "-streaming" not in m.classes
    ]


async def run_and_wait(pilot, screen: InterviewScreen, key: str = "ctrl+r") -> None:
    runs = screen.view.attempts if screen.view else 0
    await pilot.press(key)
    await until(pilot, lambda: screen.view is not None and screen.view.attempts > runs, "a run")
    await until(pilot, lambda: not screen.running, "the run to finish")
    await settle(pilot)


async def test_full_journey_at_80x24(engine: Engine) -> None:
    app = make_app(engine, options=options())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        # home: pick two-sum from the list
        picker = app.screen.query_one(ProblemPicker)
        assert "Two Sum" in screen_text(app)
        picker.highlight("two-sum")
        app.screen.query_one("#problems", DataTable).focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview screen")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await until(pilot, lambda: len(ai_messages(screen)) == 1, "the greeting")
        assert "Two Sum" in screen_text(app) and "offline interviewer" in screen_text(app)

        # chat about the approach
        await pilot.press(*"hash map of complements, O(n) time")
        await pilot.press("enter")
        await until(pilot, lambda: len(ai_messages(screen)) == 2, "the reply")
        reply = ai_messages(screen)[-1].content
        assert "hash map" in reply.lower()
        assert "O(n) time" in screen_text(app)

        # write a wrong solution, run, see the failing test
        await paste_code(pilot, screen, BAD)
        await run_and_wait(pilot, screen)
        text = screen_text(app)
        assert "2/3 passed" in text and "WA" in text
        assert screen.tests.query_one("#tests-summary").has_class("-ok")  # 67 %: yellow
        assert "expected: [1, 2]" in text and "actual:   [0, 1]" in text  # the failing case

        # fix it and run again
        await paste_code(pilot, screen, GOOD)
        await run_and_wait(pilot, screen)
        assert "3/3 passed" in screen_text(app)

        # submit → hidden tests → feedback
        await pilot.press("ctrl+t")
        await until(pilot, lambda: "Submit your solution?" in screen_text(app), "confirm")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen), "feedback", 60)
        await settle(pilot)
        text = screen_text(app)
        assert "score 82/100" in text and "Correctness" in text
        session = await engine.sessions.get(screen.session_id)
        # accepted: scored, and the interview goes on until it is ended (submit again if you like)
        assert session.status == SessionStatus.IN_PROGRESS and session.score == 82
        submission = (await engine.sessions.runs(session.id))[-1]
        assert submission.is_submission and submission.verdict == "AC"
        assert submission.total > 3  # hidden tests ran
        assert not screen.code.editor.read_only  # LeetCode: you may still submit again
        cards = [m for m in screen.query(ChatMessage) if m.content_type == ContentType.FEEDBACK]
        assert cards and "82/100" in cards[0].content  # the feedback is in the chat too

        # generate drills from the session's latest completed feedback
        await pilot.press("g")
        ready = lambda: any("Drills ready" in n for n in notifications(app))  # noqa: E731
        await until(pilot, ready, "drills", 60)
        made = engine.store.list_drills(engine.user.id)
        assert 3 <= len(made) <= 5 and made[0].title in "\n".join(notifications(app))

        # end the interview → summary
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "summary")
        await settle(pilot)
        text = screen_text(app)
        assert "completed" in text and "82/100" in text and "Two Sum" in text


async def test_resume_after_the_terminal_dies(database, engine: Engine) -> None:
    """Autosaved code and the messages come back; nothing is greeted twice."""
    from tui_support import make_engine

    from coach_tui.factory import StartRequest

    app = make_app(engine, StartRequest(slug="two-sum"), options(autosave_seconds=0.2))
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await until(pilot, lambda: len(ai_messages(screen)) == 1, "the greeting")
        await pilot.press(*"What if nums is empty?", "enter")
        await until(pilot, lambda: len(ai_messages(screen)) == 2, "the reply")
        await paste_code(pilot, screen, GOOD)
        await until(pilot, lambda: not screen.dirty, "an autosave")
        assert "saved" in screen_text(app)
        session_id = screen.session_id
    # The app is gone without quitting (no pause): like a killed terminal. A new process opens.
    engine.close()
    again = make_engine(database)
    latest = await again.sessions.most_recent_unfinished()
    assert latest is not None and latest.id == session_id
    app2 = make_app(again, options=options())
    async with app2.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Two Sum · in progress" in screen_text(app2)  # the home screen's Resume list
        app2.screen.query_one("#unfinished").focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app2.screen, InterviewScreen), "resumed")
        screen = app2.screen
        assert isinstance(screen, InterviewScreen)
        await until(pilot, lambda: screen.code.code == GOOD, "the autosaved code")
        await settle(pilot)
        said = [m.content for m in screen.query(ChatMessage)]
        assert said[1] == "What if nums is empty?" and len(said) == 3  # no second greeting
        assert "What if nums is empty?" in screen_text(app2)
    again.close()
