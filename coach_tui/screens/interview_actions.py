"""What the candidate can do in an interview: talk, run, submit (again and again until the end),
list the submissions, hint, reveal, save, take notes, switch language, copy code from the chat,
end. Slow work runs in workers that call the engine."""

from __future__ import annotations

from textual import on, work

from coach_engine.api import (
    REVEAL_PRICE,
    CodeRun,
    Role,
    SnapshotReason,
    ValidationError,
    solution_path,
)
from coach_tui.format import LANGUAGE_LABELS
from coach_tui.keymap import shown
from coach_tui.screens.interview_events import InterviewEvents
from coach_tui.screens.modals import ConfirmModal, NoteModal
from coach_tui.widgets.chat.panel import ChatPanel
from coach_tui.widgets.code.panel import CodePanel
from coach_tui.widgets.tests.results import TestResults


class InterviewActions(InterviewEvents):
    """Actions bound to keys (see ``InterviewScreen.BINDINGS``) and the palette."""

    # talking ---------------------------------------------------------------------------------
    @on(ChatPanel.MessageSubmitted)
    def send_chat_message(self, event: ChatPanel.MessageSubmitted) -> None:
        self.send_message(event.text)

    @work(group="reply", exclusive=True, exit_on_error=False)
    async def send_message(self, text: str) -> None:
        self.chat.busy = True
        echo = await self.chat.add(Role.USER, text, self.now())
        try:
            await self.engine.interview.send(self.session_id, text)
        except ValidationError as exc:
            await echo.remove()
            self.chat.restore_input(text)
            self.report(exc)
        finally:
            self.chat.busy = False

    def action_hint(self) -> None:
        self.ask_interviewer("hint")

    def action_reveal(self) -> None:
        if self.chat.busy:
            self.notify("The interviewer is still answering.", timeout=3)
            return
        self.offer_reveal()

    @work(group="reply", exclusive=True, exit_on_error=False)
    async def offer_reveal(self) -> None:
        """Say the price and ask before a charged reveal step (the engine decides what is
        shown free and what costs); a free repeat of the last step is not asked about."""
        offer = await self.engine.interview.reveal_offer(self.session_id)
        if not offer.charged:
            self.ask_interviewer("reveal")
            return
        self.app.push_screen(
            ConfirmModal(
                "Reveal a hidden test?",
                f"Reveal costs {offer.price} — this is step {offer.step} of 4 on hidden test "
                f"{offer.test_number} (the failing test the results show is free). y/n",
                "Reveal",
            ),
            lambda yes: self.ask_interviewer("reveal") if yes else None,
        )

    def ask_interviewer(self, what: str) -> None:
        if self.chat.busy:
            self.notify("The interviewer is still answering.", timeout=3)
            return
        self.show_tab("chat")
        self.speak(what)

    @work(group="reply", exclusive=True, exit_on_error=False)
    async def speak(self, what: str) -> None:
        self.chat.busy = True
        try:
            if what == "hint":
                await self.engine.interview.hint(self.session_id)
            else:
                await self.engine.interview.reveal(self.session_id)
                session = (await self.reload()).session
                self.notify(
                    f"Each new reveal step costs {REVEAL_PRICE}; "
                    f"{session.reveals_used} taken in this interview.",
                    title="Reveal",
                    timeout=6,
                    markup=False,
                )
        finally:
            self.chat.busy = False

    # running ---------------------------------------------------------------------------------
    def action_run(self, highlight: int | None = None) -> None:
        if self.running:
            self.notify("A run is already in progress.", timeout=3)
        elif self.can_code:
            self.run_code(self.code.code, self.code.language, highlight)

    def action_submit(self) -> None:
        if self.running or not self.can_code:
            return
        self.app.push_screen(
            ConfirmModal(
                "Submit your solution?",
                "All tests run, hidden ones included. Not accepted? Fix it and submit again: "
                "every submission is kept, and earlier failed ones cost a little score. An "
                f"accepted one gets its feedback; the interview goes on until you end it "
                f"({shown('end')}).",
                "Submit",
            ),
            self._submit_confirmed,
        )

    def _submit_confirmed(self, yes: bool | None) -> None:
        if yes:
            self.run_code(self.code.code, self.code.language, None, submit=True)

    @work(group="run", exclusive=True, exit_on_error=False)
    async def run_code(
        self, code: str, language: str, highlight: int | None, submit: bool = False
    ) -> None:
        self.running = True
        self.code.set_running("submitting…" if submit else "running…")
        self.tests.set_running(True)
        try:
            if submit:
                run = await self.engine.interview.submit(self.session_id, code, language)
            else:
                run = await self.engine.interview.run(self.session_id, code, language)
        except BaseException:
            self.tests.show_run(self.view.last_run if self.view else None)
            raise
        finally:
            self.running = False
            self.code.set_running("")
            self.tests.set_running(False)
        if submit and run.verdict == "AC" and self.app.screen is self:
            # the verdict at once (submit → feedback screen), mounted before this screen's own
            # redraw; the judge's timing runs and the score stream into it as its job ends
            from coach_tui.screens.feedback import FeedbackScreen

            await self.app.push_screen(FeedbackScreen(self.session_id, submission=run))
        self.saved_text = code
        self.code.mark_saved(run.created_at)
        await self.reload()
        if highlight is not None or self.tests.run is None or self.tests.run.id != run.id:
            self.tests.show_run(run, highlight)
        self.show_tab("tests")
        if submit:
            self.announce_submission(run)

    def announce_submission(self, run: CodeRun) -> None:
        """Say what a submission means now: accepted (feedback coming, the interview goes on)
        or not (submit again; the reveal and its price when a hidden test failed)."""
        number = sum(r.is_submission for r in self.view.runs) if self.view else 1
        # a letter key: it acts where no text is typed, e.g. in the test results
        listed = (
            f"In the test results ({shown('show_tests')}), {shown('submissions')} lists your "
            "submissions."
        )
        if run.verdict == "AC":
            from coach_tui.screens.feedback import FeedbackScreen

            top = self.app.screen
            if isinstance(top, FeedbackScreen) and top.session_id == self.session_id:
                return  # opened by run_code with the verdict: it says all this itself
            self.notify(
                f"Submission {number} passed all {run.total} tests; its feedback is on the way. "
                f"You may still improve it and submit again, or end the interview "
                f"({shown('end')}). {listed}",
                title="Accepted",
                timeout=8,
                markup=False,
            )
            return
        reveal = (
            f" {shown('reveal')} reveals another failing hidden test step by step "
            f"({REVEAL_PRICE}); the results show the first one free."
            if sum(t.hidden and t.verdict != "AC" for t in run.tests) > 1
            else ""
        )
        self.notify(
            f"Submission {number}: {run.verdict}, {run.passed}/{run.total} tests. Fix it and "
            f"submit again ({shown('submit')}). {listed}{reveal}",
            title="Not accepted yet",
            severity="warning",
            timeout=15,
            markup=False,
        )

    def action_submissions(self) -> None:
        self.show_submissions()

    @work(group="submissions", exclusive=True, exit_on_error=False)
    async def show_submissions(self) -> None:
        from coach_tui.screens.submissions import SubmissionsModal

        submissions = await self.engine.interview.submissions(self.session_id)
        await self.app.push_screen(SubmissionsModal(submissions))

    # custom test input (LeetCode's "Testcase" box) -----------------------------------------
    custom_input_text: str | None = None
    """What was typed in the custom input dialog last (it reopens with it)."""

    def action_custom_input(self) -> None:
        if self.running:
            self.notify("A run is already in progress.", timeout=3)
            return
        if self.view is None or not self.can_code:
            return
        from coach_tui.screens.custom_input import CustomInputModal, params_text

        problem = self.view.problem
        text = self.custom_input_text
        if text is None:
            text = self.engine.custom_input.example(problem.slug)
        modal = CustomInputModal(
            self.session_id,
            problem.title,
            params_text(problem),
            self.code.code,
            self.code.language,
            text,
        )
        self.app.push_screen(modal, self._custom_input_closed)

    def _custom_input_closed(self, text: str | None) -> None:
        if text is not None:
            self.custom_input_text = text

    @on(TestResults.RerunRequested)
    def rerun_test(self, event: TestResults.RerunRequested) -> None:
        run = self.tests.run
        hidden = run is not None and any(t.hidden and t.index == event.index for t in run.tests)
        if hidden:
            self.notify("Hidden tests run only on submit; running the visible tests.", timeout=4)
            self.action_run()
        else:
            self.action_run(highlight=event.index)

    # code ------------------------------------------------------------------------------------
    def action_save(self) -> None:
        self.save_code(SnapshotReason.MANUAL, announce=True)

    def autosave(self) -> None:
        if self.view is not None and self.dirty:  # the engine saves only while coding
            self.autosave_code()

    @work(group="save", exit_on_error=False)
    async def autosave_code(self) -> None:
        async with self.saving:  # what the editor holds when the save's turn comes
            if not self.dirty:
                return
            code, language = self.code.code, self.code.language
            snapshot = await self.engine.interviews.autosave(self.session_id, code, language)
            if snapshot is not None:
                self.saved_text = code
                self.code.mark_saved(snapshot.created_at)

    @work(group="save", exit_on_error=False)
    async def save_code(self, reason: SnapshotReason, announce: bool = False) -> None:
        async with self.saving:
            code, language = self.code.code, self.code.language
            snapshot = await self.engine.sessions.save_code(self.session_id, code, language, reason)
            self.saved_text = code
            self.code.mark_saved(snapshot.created_at)
        if announce:
            self.notify("Code saved.", timeout=2)

    @on(CodePanel.LanguageChangeRequested)
    def confirm_language(self, event: CodePanel.LanguageChangeRequested) -> None:
        if not self.can_code:
            self.code.revert_language()
            return
        if not self.code.modified:
            self.change_language(event.language)
            return
        label, previous = LANGUAGE_LABELS[event.language], LANGUAGE_LABELS[event.previous]
        self.app.push_screen(
            ConfirmModal(
                f"Switch to {label}?",
                f"The editor loads the {label} starter code. Your {previous} code is saved "
                "first and stays in the session's history.",
                "Switch",
            ),
            lambda yes: self._language_confirmed(event.language, bool(yes)),
        )

    def _language_confirmed(self, language: str, yes: bool) -> None:
        if yes:
            self.change_language(language)
        else:
            self.code.revert_language()

    @work(group="save", exit_on_error=False)
    async def change_language(self, language: str) -> None:
        async with self.saving:  # after any save already made, before any made later
            editor = await self.engine.interviews.switch_language(
                self.session_id, language, code=self.code.code, previous=self.code.language
            )
            self.code.load(editor.code, editor.language, editor.starter)
            self.saved_text = editor.code
            if editor.saved_at is not None:
                self.code.mark_saved(editor.saved_at)
        # Picked in the code panel: the next thing typed is code in the new language, not a
        # search in the picker, which kept focus (typing there reopened it; the keys were lost).
        focused = self.focused
        if focused is not None and self.code in focused.ancestors_with_self:
            self.code.editor.focus()
        if self.watching:  # the watched file follows the language (solution.py → solution.go)
            self.code.watch_file(solution_path(self.session_id, editor.language))
        self.render_view()

    def action_copy_code(self) -> None:
        block = self.chat.last_code_block()
        if block is None:
            self.notify("There is no code block in the chat yet.", timeout=3)
            return
        self.code.replace_code(block)
        self.show_tab("code")
        self.code.editor.focus()
        self.notify("The chat's last code block is in the editor (ctrl+z undoes it).", timeout=4)

    # the session -----------------------------------------------------------------------------
    def action_note(self) -> None:
        self.app.push_screen(NoteModal(), self._note_written)

    def _note_written(self, text: str | None) -> None:
        if text:
            self.add_note(text)

    @work(group="note", exit_on_error=False)
    async def add_note(self, text: str) -> None:
        await self.engine.sessions.add_note(self.session_id, text)
        self.notify("Note saved with the session.", timeout=3)

    async def save_and_pause(self) -> None:
        """Save unsaved code and pause the clock (on quit and when going home)."""
        if self.view is None:
            return
        code = self.code.code
        await self.engine.interviews.leave(self.session_id, code, self.code.language)
        self.saved_text = code
