"""Engine events → panels. One long-lived worker consumes the session's event stream.

Events are typed (``coach_engine.events``): ``ai_token`` streams into the chat,
``ai_message_complete`` settles the message, ``code_result``/``interview_hint``/``session_status``
reload the view, ``run_queued`` says in the tests pane where a waiting run stands, ``feedback``
drives the progress bar and opens the feedback screen when the job completes, ``error`` is a
notification. The interview clock runs in the engine: its nudges and warnings arrive as
interviewer messages, ``time_warning`` redraws the timer and ``time_up`` is a notification.
Nothing here decides when anything happens.
"""

from __future__ import annotations

from textual import work

from coach_engine.api import (
    AiMessageCompleteEvent,
    AiTokenEvent,
    CodeResultEvent,
    ConnectionQualityEvent,
    ConnectionStateEvent,
    ContentType,
    ErrorEvent,
    Event,
    FeedbackEvent,
    FeedbackRun,
    FeedbackStatus,
    InterviewHintEvent,
    Role,
    RunQueuedEvent,
    SessionStatusEvent,
    Subscription,
    TimeUpEvent,
    TimeWarningEvent,
)
from coach_tui.screens.interview_base import InterviewBase
from coach_tui.widgets.feedback.report import feedback_markdown
from coach_tui.widgets.interview.header import InterviewHeader
from coach_tui.widgets.interview.link import LinkStatus
from coach_tui.widgets.sidebar.protocol import ProtocolPanel


class InterviewEvents(InterviewBase):
    """Subscribes on mount (before the interviewer speaks) and unsubscribes on unmount."""

    subscription: Subscription | None = None
    link_label: LinkStatus | None = None
    """The header's connection label (remote mode), once mounted."""

    def subscribe_events(self) -> None:
        self.subscription = self.engine.events.subscribe(self.session_id)
        self.pump_events(self.subscription)

    def unsubscribe_events(self) -> None:
        if self.subscription is not None:
            self.subscription.close()
            self.subscription = None

    @work(group="events", exclusive=True, exit_on_error=False)
    async def pump_events(self, subscription: Subscription) -> None:
        async for first in subscription:
            # what queued up meanwhile, with a message's tokens joined: the chat redraws once
            # per batch, not once per token (a reaction's tokens flooded the loop after a submit)
            batch, closed = _queued(subscription)
            for event in _joined_tokens([first, *batch]):
                if not self.is_attached:
                    return
                try:
                    await self.apply_event(event)
                except Exception as exc:  # one bad event must not stop the stream
                    if self.is_attached:
                        self.report(exc)
            if closed:
                return

    async def apply_event(self, event: Event) -> None:
        match event:
            case AiTokenEvent(data=data):
                self.chat.busy = True
                await self.chat.stream_token(data.message_id, data.token, data.timestamp)
            case AiMessageCompleteEvent(data=data):
                await self.chat.finish_stream(
                    data.message_id,
                    data.full_content,
                    data.timestamp,
                    data.content_type,
                    stored_id=data.stored_id,
                )
                self.chat.busy = False
            case CodeResultEvent() | InterviewHintEvent() | SessionStatusEvent():
                await self.reload()
            case FeedbackEvent():
                await self.feedback_changed(event)
            case RunQueuedEvent(data=data):  # the run waits for a sandbox slot
                self.tests.show_queued(data.position, data.ahead)
            case ErrorEvent(data=data):
                self.notify(
                    data.message, title=data.title, severity="error", timeout=10, markup=False
                )
            case TimeWarningEvent():
                self.refresh_clock()
            case TimeUpEvent():
                self.refresh_clock()
                self.notify(
                    "The interview's time is up. Submit what you have (ctrl+t) or end the "
                    "interview (f10).",
                    title="Time is up",
                    severity="warning",
                    timeout=15,
                    markup=False,
                )
            case ConnectionStateEvent():  # remote mode: the link to the server
                await self.link_changed(event)
            case ConnectionQualityEvent():
                (await self.link_status()).show_quality(event)
            case _:  # silence_nudge: the nudge itself arrives as a message
                pass

    async def link_status(self) -> LinkStatus:
        """The header's connection label, mounted on the first connection event (remote
        mode only: a local interview's header has none)."""
        if self.link_label is None:
            header = self.query_one(InterviewHeader)
            header.query_one("#hdr-provider").display = False  # the server: the label's tooltip
            self.link_label = LinkStatus(self.coach.provider_status)
            await header.mount(self.link_label)
        return self.link_label

    async def link_changed(self, event: ConnectionStateEvent) -> None:
        label = await self.link_status()
        was = label.state
        label.show_state(event)
        data = event.data
        # while the link is down its state matters more than the session's: room at 80 columns
        self.query_one(InterviewHeader).query_one("#hdr-status").display = data.state == "connected"
        if data.state == "reconnecting" and was == "connected":
            self.notify(
                "Lost the connection to the server; reconnecting. Keep going: what you type "
                "and say is sent once it is back.",
                title="Connection lost",
                severity="warning",
                timeout=6,
                markup=False,
            )
        elif data.state == "offline":
            self.notify(
                data.reason or "the server refused the connection",
                title="Offline",
                severity="error",
                timeout=15,
                markup=False,
            )
        elif data.resumed:  # what was missed is replayed: re-read the rest (status, hints)
            await self.reload()
            self.notify("Connected again.", title="Connection", timeout=3, markup=False)

    async def feedback_changed(self, event: FeedbackEvent) -> None:
        data = event.data
        if data.status in (FeedbackStatus.PENDING, FeedbackStatus.PROCESSING):
            note = data.message or data.status.value.lower()
            self.query_one(ProtocolPanel).show_progress(data.progress)
            self.chat.set_status(f"Feedback {data.progress:.0%} · {note}")
            return
        self.chat.set_status("")
        view = await self.reload()
        if data.status == FeedbackStatus.COMPLETED and view.feedback_done is not None:
            await self.show_feedback(view.feedback_done, announce=True)
        elif data.status == FeedbackStatus.FAILED:
            self.notify(
                f"{data.error or 'the feedback job failed'}. Open the command palette "
                "(ctrl+p) and choose 'Request feedback again', or end the interview (f10).",
                title="Feedback failed",
                severity="error",
                timeout=15,
                markup=False,
            )

    async def show_feedback(self, feedback: FeedbackRun, *, announce: bool) -> None:
        """Put the feedback in the chat; when it just arrived, open the feedback screen."""
        # read before the chat's await: a covered screen's chat mounts only once it is shown
        # again, and by then the person may have left the feedback screen this event filled
        top = self.app.screen
        await self.chat.add(
            Role.SYSTEM,
            feedback_markdown(feedback, brief=True),
            feedback.completed_at or self.now(),
            ContentType.FEEDBACK,
        )
        if announce:
            from coach_tui.screens.feedback import FeedbackScreen

            if isinstance(top, FeedbackScreen) and top.session_id == self.session_id:
                pass  # opened on the accepted submission: it fills itself in as the job ends
            elif top is self:
                # the feedback screen says the score itself: a toast would only cover its
                # first lines
                await self.app.push_screen(FeedbackScreen(self.session_id))
            else:
                self.notify(f"Score {feedback.overall_score}/100", title="Feedback ready")


def _queued(subscription: Subscription) -> tuple[list[Event], bool]:
    """The events already queued (without waiting), and whether the subscription was closed."""
    events: list[Event] = []
    while not subscription.queue.empty():
        event = subscription.queue.get_nowait()
        if event is None:  # closed: the end of the stream
            return events, True
        events.append(event)
    return events, False


def _joined_tokens(events: list[Event]) -> list[Event]:
    """``events`` in order, each run of ``ai_token`` events of one message as one event."""
    out: list[Event] = []
    for event in events:
        last = out[-1] if out else None
        if (
            isinstance(event, AiTokenEvent)
            and isinstance(last, AiTokenEvent)
            and last.data.message_id == event.data.message_id
        ):
            data = last.data.model_copy(update={"token": last.data.token + event.data.token})
            out[-1] = last.model_copy(update={"data": data})
        else:
            out.append(event)
    return out
