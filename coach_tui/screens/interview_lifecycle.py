"""Opening, leaving and ending an interview, and the feedback commands.

Opening loads the stored messages, code and runs first and only then lets the interviewer greet
(a fresh session) or carry on (a resumed one), so a restart after a crash shows everything that
was saved: the messages and the code of the last autosave, run or submission.
"""

from __future__ import annotations

from textual import work

from coach_engine.api import FeedbackStatus, SessionStatus
from coach_tui.format import local_time
from coach_tui.screens.interview_actions import InterviewActions
from coach_tui.screens.modals import ConfirmModal
from coach_tui.widgets.sidebar.problem import ProblemPane


class InterviewLifecycle(InterviewActions):
    @work(group="open", exclusive=True, exit_on_error=False)
    async def open_session(self) -> None:
        interviews = self.engine.interviews
        view = await self.reload()
        self.query_one(ProblemPane).show(view.problem)
        messages = await self.engine.sessions.messages(self.session_id)
        await self.chat.load(messages)
        editor = await interviews.editor_code(self.session_id)
        self.code.load(editor.code, editor.language, editor.starter)
        if editor.saved_at is not None:
            self.code.mark_saved(editor.saved_at)
        self.saved_text = editor.code
        self.code.open_files(
            self.session_id, editor.saved_at, editor.code, live=view.live, watch=self.watching
        )
        lost = await interviews.unsaved_work_lost(self.session_id)
        if lost is not None and self.code.code == editor.code:  # not restored from a file
            last = (
                f"the last save ({local_time(editor.saved_at)})"
                if editor.saved_at
                else "the starter code"
            )
            self.notify(
                f"Changes made after {local_time(lost)} were not saved before Coach stopped "
                f"(it closed, or the autosave failed) and could not be restored. The editor "
                f"has {last}.",
                title="Unsaved changes lost",
                severity="warning",
                timeout=15,
                markup=False,
            )
        if view.feedback_done is not None:
            await self.show_feedback(view.feedback_done, announce=False)
        if view.live:
            self.chat.busy = not messages
            try:
                await self.engine.interview.begin(self.session_id)
            finally:
                self.chat.busy = False
            await self.reload()
        elif view.session.status == SessionStatus.AWAITING_FEEDBACK:
            await self.follow_feedback()
        self.render_view()

    async def follow_feedback(self) -> None:
        """A session reopened while awaiting feedback: show the job, or queue a lost one."""
        if await self.engine.interviews.requeue_lost_feedback(self.session_id) is not None:
            return
        job = self.view.feedback if self.view else None
        if job is None:
            return
        if job.status == FeedbackStatus.FAILED:
            self.notify(
                f"{job.error_message}. Open the palette (ctrl+p): 'Request feedback again' or "
                "'Keep coding'.",
                title="Feedback failed",
                severity="error",
                markup=False,
            )
        elif job.status != FeedbackStatus.COMPLETED:
            self.chat.set_status(f"Feedback {job.progress:.0%} · {job.status.value.lower()}")

    # feedback --------------------------------------------------------------------------------
    def action_view_feedback(self) -> None:
        from coach_tui.screens.feedback import FeedbackScreen

        if self.view is None or self.view.feedback_done is None:
            self.notify("No feedback yet: submit your solution first (ctrl+t).", timeout=4)
            return
        self.app.push_screen(FeedbackScreen(self.session_id))

    @work(group="feedback", exclusive=True, exit_on_error=False)
    async def request_feedback_again(self) -> None:
        await self.engine.interview.request_feedback(self.session_id)
        self.notify("Feedback requested again.", timeout=3)

    @work(group="feedback", exclusive=True, exit_on_error=False)
    async def keep_coding(self) -> None:
        """Back to IN_PROGRESS after a failed (or unwanted) feedback wait."""
        await self.engine.sessions.resume(self.session_id)
        await self.reload()

    # leaving ---------------------------------------------------------------------------------
    def action_home(self) -> None:
        self.go_home()

    @work(group="leave", exclusive=True, exit_on_error=False)
    async def go_home(self) -> None:
        await self.save_and_pause()
        self.app.pop_screen()

    def action_end(self) -> None:
        if self.view is not None and self.view.finished:
            self.end_interview()
            return
        self.app.push_screen(
            ConfirmModal(
                "End the interview?",
                "Submissions close and you see the summary. Your last accepted submission "
                "(else your last one) gets its feedback if it has none yet; without a "
                "submission there is no score.",
                "End",
            ),
            self._end_confirmed,
        )

    def _end_confirmed(self, yes: bool | None) -> None:
        if yes:
            self.end_interview()

    @work(group="leave", exclusive=True, exit_on_error=False)
    async def end_interview(self) -> None:
        from coach_tui.screens.summary import SummaryScreen

        code, language = self.code.code, self.code.language
        await self.engine.interviews.end(self.session_id, code, language)
        self.saved_text = code
        # Last statement: switching screens unmounts this one and cancels its workers.
        self.app.switch_screen(SummaryScreen(self.session_id))
