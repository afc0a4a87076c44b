"""Resubmit until the interview ends, driven like a person would (issue 14, item 1): a wrong
submission leaves the editor editable and submit available, the reveal and its price are
offered, a fix is submitted again and accepted, and the submissions list shows both with their
code. Real engine and sandbox (python); the feedback producer is scripted."""

from __future__ import annotations

from interview_app import paste_code
from samples import BUGGY  # right on the three visible examples, wrong on hidden tests
from textual.widgets import DataTable, TextArea
from tui_support import GOOD, notifications, options, screen_text, settle, until, until_shown

from coach_engine.api import REVEAL_PRICE
from coach_engine.engine import Engine
from coach_engine.models import SessionStatus
from coach_tui.factory import StartRequest, make_app
from coach_tui.screens.feedback import FeedbackScreen
from coach_tui.screens.interview import InterviewScreen
from coach_tui.screens.modals import ConfirmModal
from coach_tui.screens.submissions import SubmissionCodeModal, SubmissionsModal


async def submit(pilot, screen: InterviewScreen) -> None:
    done = sum(r.is_submission for r in screen.view.runs) if screen.view else 0
    await pilot.press("ctrl+t")
    await until(pilot, lambda: "Submit your solution?" in screen_text(pilot.app), "confirm")
    await pilot.press("y")

    def recorded() -> bool:
        view = screen.view
        return view is not None and sum(r.is_submission for r in view.runs) > done

    await until(pilot, recorded, "the submission", 60)
    await until(pilot, lambda: not screen.running, "the submission to finish")


async def test_wrong_submit_fix_resubmit_accepted_and_the_list(engine: Engine) -> None:
    app = make_app(engine, StartRequest(slug="two-sum"), options())
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await until(pilot, lambda: screen.view is not None and screen.view.live, "opened")

        # a wrong submission: the interview stays open, the reveal and its price are offered
        await paste_code(pilot, screen, BUGGY)
        await submit(pilot, screen)
        first = screen.view.runs[-1] if screen.view else None
        assert first is not None and first.is_submission and first.verdict == "WA"
        said = lambda: any("Not accepted yet" in n for n in notifications(app))  # noqa: E731
        await until(pilot, said, "the not-accepted notice")
        notice = next(n for n in notifications(app) if "Submission 1: WA" in n)
        assert REVEAL_PRICE in notice and "submit again" in notice
        session = await engine.sessions.get(screen.session_id)
        assert session.status == SessionStatus.IN_PROGRESS
        assert not screen.code.editor.read_only  # still editable

        # the reveal, during the interview: its price asked first (n takes nothing), then
        # charged and recorded (QA #6)
        await until(pilot, lambda: not screen.chat.busy, "the interviewer's reaction")
        await pilot.press("ctrl+right_square_bracket")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "the price asked")
        await until_shown(pilot, "Reveal costs")
        asked = app.screen
        assert isinstance(asked, ConfirmModal) and REVEAL_PRICE in asked.message
        await pilot.press("n")
        await until(pilot, lambda: app.screen is screen, "back, nothing taken")
        assert (await engine.sessions.get(screen.session_id)).reveals_used == 0
        await pilot.press("ctrl+right_square_bracket")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "the price asked")
        await pilot.press("y")
        priced = lambda: any("Each new reveal step costs" in n for n in notifications(app))  # noqa: E731
        await until(pilot, priced, "the reveal's price")
        assert "The failing hidden test is" in screen_text(app)
        assert (await engine.sessions.get(screen.session_id)).reveals_used == 1

        # fix it in the editor and submit again: accepted, its feedback arrives
        await paste_code(pilot, screen, GOOD)
        await submit(pilot, screen)
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen), "feedback", 60)
        await until_shown(pilot, "score 82/100")  # the verdict at once, the score as it lands
        await pilot.press("escape")  # back to the interview: it goes on until it is ended
        await until(pilot, lambda: app.screen is screen, "back in the interview")
        session = await engine.sessions.get(screen.session_id)
        assert session.status == SessionStatus.IN_PROGRESS and session.score == 82
        assert not screen.code.editor.read_only

        # the submissions list (from the test results): both, newest highlighted
        await pilot.press("f3")
        await until(pilot, lambda: screen.tests.query_one("#tests-table").has_focus, "tests")
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, SubmissionsModal), "the list")
        await settle(pilot)
        text = screen_text(app)
        assert "Submissions (2)" in text and "WA" in text and "AC" in text
        assert "Python" in text
        table = app.screen.query_one("#submissions-table", DataTable)
        assert table.row_count == 2 and table.cursor_row == 1
        assert [table.get_row_at(k)[:2] for k in range(2)] == [["1", "WA"], ["2", "AC"]]

        # open the first one: its code, read-only
        await pilot.press("up", "enter")
        await until(pilot, lambda: isinstance(app.screen, SubmissionCodeModal), "its code")
        shown = app.screen.query_one("#submission-code", TextArea)
        assert shown.text == BUGGY and shown.read_only
        assert "#1 WA" in screen_text(app)
        await pilot.press("escape", "escape")
        await until(pilot, lambda: app.screen is screen, "back in the interview")
        assert screen.code.code == GOOD  # the editor keeps the current code
