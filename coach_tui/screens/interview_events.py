"""Engine events → panels. One long-lived worker consumes the session's event stream.

``ai_token`` events stream into the chat, ``ai_message_complete`` settles the message,
``code_result``/``interview_hint``/``session_status`` reload the view, ``feedback`` drives the
progress bar and opens the feedback screen when the job completes, ``error`` is a notification.
"""

from __future__ import annotations

from textual import work

from coach_engine.events import Event, Subscription
from coach_engine.models import ContentType, FeedbackRun, Role
from coach_tui.screens.interview_base import InterviewBase
from coach_tui.widgets.feedback.report import feedback_markdown
from coach_tui.widgets.sidebar.protocol import ProtocolPanel


class InterviewEvents(InterviewBase):
    """Subscribes on mount (before the interviewer speaks) and unsubscribes on unmount."""

    subscription: Subscription | None = None

    def subscribe_events(self) -> None:
        self.subscription = self.engine.events.subscribe(self.session_id)
        self.pump_events(self.subscription)

    def unsubscribe_events(self) -> None:
        if self.subscription is not None:
            self.subscription.close()
            self.subscription = None

    @work(group="events", exclusive=True, exit_on_error=False)
    async def pump_events(self, subscription: Subscription) -> None:
        async for event in subscription:
            if not self.is_attached:
                break
            try:
                await self.apply_event(event)
            except Exception as exc:  # one bad event must not stop the stream
                if self.is_attached:
                    self.report(exc)

    async def apply_event(self, event: Event) -> None:
        data = event.data
        if event.type == "ai_token":
            self.chat.busy = True
            await self.chat.stream_token(data["message_id"], data["token"], event.timestamp)
        elif event.type == "ai_message_complete":
            kind = await self.stored_kind(str(data.get("stored_id", "")))
            await self.chat.finish_stream(
                data["message_id"], data["full_content"], event.timestamp, kind
            )
            self.chat.busy = False
        elif event.type in ("code_result", "interview_hint", "session_status"):
            await self.reload()
        elif event.type == "feedback":
            await self.feedback_changed(data)
        elif event.type == "error":
            self.notify(
                str(data.get("message", "")),
                title=str(data.get("title", "Error")),
                severity="error",
                timeout=10,
                markup=False,
            )

    async def stored_kind(self, stored_id: str) -> ContentType:
        """Hint or plain text? Events do not say (engine gap), the stored message does."""
        messages = await self.engine.sessions.messages(self.session_id)
        found = next((m for m in reversed(messages) if m.id == stored_id), None)
        return found.content_type if found is not None else ContentType.TEXT

    async def feedback_changed(self, data: dict[str, object]) -> None:
        status = str(data.get("status"))
        progress = float(data.get("progress") or 0.0)  # type: ignore[arg-type]
        if status in ("PENDING", "PROCESSING"):
            note = str(data.get("message") or status.lower())
            self.query_one(ProtocolPanel).show_progress(progress)
            self.chat.set_status(f"Feedback {progress:.0%} · {note}")
            return
        self.chat.set_status("")
        view = await self.reload()
        if status == "COMPLETED" and view.feedback_done is not None:
            await self.show_feedback(view.feedback_done, announce=True)
        elif status == "FAILED":
            self.notify(
                f"{data.get('error') or 'the feedback job failed'}. Open the command palette "
                "(ctrl+p) and choose 'Request feedback again', or end the interview (f10).",
                title="Feedback failed",
                severity="error",
                timeout=15,
                markup=False,
            )

    async def show_feedback(self, feedback: FeedbackRun, *, announce: bool) -> None:
        """Put the feedback in the chat; when it just arrived, open the feedback screen."""
        await self.chat.add(
            Role.SYSTEM,
            feedback_markdown(feedback, brief=True),
            feedback.completed_at or self.now(),
            ContentType.FEEDBACK,
        )
        if announce:
            from coach_tui.screens.feedback import FeedbackScreen

            self.notify(f"Score {feedback.overall_score}/100", title="Feedback ready")
            if self.app.screen is self:
                await self.app.push_screen(FeedbackScreen(self.session_id))
