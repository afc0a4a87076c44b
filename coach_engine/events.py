"""The engine's event stream (PRODUCT.md §5): one async iterator for the TUI and the server.

Each event type is a pydantic model whose JSON is exactly what the WebSocket server sends (the
seed's shape, ``socket.emit(name, data)``)::

    {"event": "ai_token", "data": {"session_id": "…", "timestamp": "2026-…Z", "token": "Hi",
                                   "message_id": "…", "content_type": "TEXT"}}

``Event`` is the discriminated union of all of them on ``event``; :func:`parse_event` turns a
JSON text or dict back into the right model, and ``docs/events.schema.json`` is the union's JSON
Schema (``python -m coach_engine.event_schema`` rewrites it; a test fails when it is stale).

Names come from the seeds — ``ai_token``, ``ai_message_complete``, ``code_result``, ``feedback``,
``interview_hint``, ``session_status``, ``connection_quality``, ``error`` — plus the sandbox
queue's ``run_queued`` and the interview clock's ``silence_nudge``, ``time_warning`` and
``time_up`` (``coach_engine/clock.py``). Every
payload carries the ``session_id`` it belongs to (None for engine-wide events) and a UTC
``timestamp``. Events are frozen: one instance goes to every subscriber.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Annotated, Any, Literal, get_args

import pydantic
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from coach_engine.errors import ValidationError

# The bus lives in coach_engine.event_bus (no pydantic model there): the engine builds one per
# user for every command, and `coach history` should not build the event models to list.
from coach_engine.event_bus import (
    EventBus as EventBus,
    Listener as Listener,
    Subscription as Subscription,
)
from coach_engine.models import CodeRun, ContentType, FeedbackStatus, SessionStatus, utcnow

log = logging.getLogger(__name__)

_FROZEN = ConfigDict(
    extra="forbid",
    frozen=True,
    # the schema describes what is sent: fields with defaults are always present on the wire
    json_schema_serialization_defaults_required=True,
    # The field docstrings below describe the published schema: `_adapter` gives them to the
    # fields (coach_engine.field_docs) before the schema is built, rather than pydantic's
    # use_attribute_docstrings parsing every model's source at import. Validators are built
    # when an event is first made or parsed. `coach history` imports this module (through the
    # session service) and sends no event: it pays for neither.
    defer_build=True,
)


# payloads ------------------------------------------------------------------------------------
class EventData(BaseModel):
    """Fields every event payload has."""

    model_config = _FROZEN

    session_id: str | None = None
    """The interview session the event belongs to; None for engine-wide events."""
    timestamp: datetime = Field(default_factory=utcnow)
    """When the engine emitted the event (UTC, ISO 8601 on the wire)."""


class AiTokenData(EventData):
    token: str
    """The next chunk of the interviewer's answer, to append as it arrives."""
    message_id: str
    """Groups the tokens of one answer; ``ai_message_complete`` repeats it."""
    content_type: ContentType = ContentType.TEXT


class AiMessageCompleteData(EventData):
    message_id: str
    """The id the answer's ``ai_token`` events carried."""
    stored_id: str
    """The stored message's id (``sessions.messages``)."""
    full_content: str
    """The whole answer, as stored — replaces the streamed tokens."""
    content_type: ContentType = ContentType.TEXT


class CodeResultData(EventData):
    run_id: str
    verdict: str
    """The run's overall verdict: AC, WA, TLE, MLE, RE, CE, ..."""
    tests_passed: int = Field(ge=0)
    tests_total: int = Field(ge=0)
    is_submission: bool
    """A submission ran every test, hidden ones too; a run only the visible ones."""
    execution_time_ms: float | None = None
    """The slowest test's time; None when no test ran (a compile error)."""
    memory_mb: float | None = None
    """The largest test's peak memory; None when no test ran or it was not measured."""


class FeedbackData(EventData):
    job_id: str
    status: FeedbackStatus
    progress: float = Field(0.0, ge=0.0, le=1.0)
    message: str = ""
    """What the job is doing now ("attempt 2", "judging", ...)."""
    overall_score: int | None = None
    """Set once the job is COMPLETED."""
    error: str | None = None
    """Why the job FAILED (or why an attempt will be retried)."""


class InterviewHintData(EventData):
    level: int = Field(ge=1)
    """The hint asked for (past the ladder's end the interviewer says it was the last)."""
    hints_used: int = Field(ge=0)
    """Hints charged to the score so far."""


class SessionStatusData(EventData):
    status: SessionStatus
    previous: SessionStatus | None = None
    """None when the session was just created."""


class ConnectionQualityData(EventData):
    """Server mode: the WebSocket's health, sent periodically."""

    latency_ms: float = Field(ge=0)
    status: Literal["good", "fair", "poor"]
    packets_lost: int = Field(0, ge=0)


class ConnectionStateData(EventData):
    """Remote mode, client side (``coach_engine/remote/connection.py``): the state of the
    client's WebSocket to the server. Published on the client's own bus; a server never
    sends it."""

    state: Literal["connecting", "connected", "reconnecting", "offline"]
    """``offline``: the server refused the connection (``reason`` says why); no more attempts."""
    retry_in_s: float | None = None
    """While reconnecting: seconds until the next attempt."""
    attempt: int = Field(0, ge=0)
    """Failed attempts since the connection was last up."""
    pending: int = Field(0, ge=0)
    """Actions (messages, code) waiting to reach the server; sent once it is back."""
    resumed: bool = False
    """Connected again after a drop, and what was missed meanwhile has been replayed: a
    front end re-reads the session."""
    reason: str | None = None
    """Why the connection is down (the last error), if it is."""


class ErrorData(EventData):
    title: str
    """A short heading (the TUI's notification title)."""
    message: str
    """What happened and what to do about it."""


class RunQueuedData(EventData):
    """A run waits for a sandbox slot; sent when it has to wait and again as it moves up."""

    position: int = Field(ge=1)
    """Its place in line: 1 is the next run to start."""
    ahead: int = Field(ge=0)
    """Runs before it: those running now and those that start first."""


class SilenceNudgeData(EventData):
    silent_s: float = Field(ge=0)
    """Seconds since the candidate last said something (or since the start)."""


class TimeWarningData(EventData):
    remaining_s: float = Field(ge=0)
    """Interview time left when the warning fired."""


class TimeUpData(EventData):
    elapsed_s: float = Field(ge=0)
    """Active interview time, pauses excluded."""
    duration_s: float = Field(ge=0)
    """The interview's planned length."""


# events --------------------------------------------------------------------------------------
class EventBase(BaseModel):
    """An event: its name (the discriminator) and its typed payload."""

    model_config = _FROZEN

    event: str
    """The event's name; each subclass fixes it to one literal."""
    data: EventData

    @property
    def session_id(self) -> str | None:
        return self.data.session_id

    @property
    def timestamp(self) -> datetime:
        return self.data.timestamp

    def to_json(self) -> str:
        """The WebSocket frame: ``{"event": name, "data": {...}}``."""
        return self.model_dump_json()


class AiTokenEvent(EventBase):
    """A chunk of the interviewer's streamed answer."""

    event: Literal["ai_token"] = "ai_token"
    data: AiTokenData


class AiMessageCompleteEvent(EventBase):
    """The interviewer finished an answer; it is stored."""

    event: Literal["ai_message_complete"] = "ai_message_complete"
    data: AiMessageCompleteData


class CodeResultEvent(EventBase):
    """A run or submission finished and is stored with its per-test results."""

    event: Literal["code_result"] = "code_result"
    data: CodeResultData

    @classmethod
    def from_run(cls, run: CodeRun) -> CodeResultEvent:
        times = [t.time_ms for t in run.tests]
        memory = [t.memory_kb for t in run.tests if t.memory_kb > 0]
        return cls(
            data=CodeResultData(
                session_id=run.session_id,
                run_id=run.id,
                verdict=run.verdict,
                tests_passed=run.passed,
                tests_total=run.total,
                is_submission=run.is_submission,
                execution_time_ms=max(times) if times else None,
                memory_mb=round(max(memory) / 1024, 3) if memory else None,
            )
        )


class FeedbackEvent(EventBase):
    """A feedback job changed: queued, progress, retried, completed or failed."""

    event: Literal["feedback"] = "feedback"
    data: FeedbackData


class InterviewHintEvent(EventBase):
    """The candidate asked for a hint (the hint itself is an interviewer message)."""

    event: Literal["interview_hint"] = "interview_hint"
    data: InterviewHintData


class SessionStatusEvent(EventBase):
    """A session moved in its lifecycle (PRODUCT.md §5)."""

    event: Literal["session_status"] = "session_status"
    data: SessionStatusData


class ConnectionQualityEvent(EventBase):
    """Server mode only: how the client's connection is doing."""

    event: Literal["connection_quality"] = "connection_quality"
    data: ConnectionQualityData


class ConnectionStateEvent(EventBase):
    """Remote mode, client side only: the connection to the server went up or down."""

    event: Literal["connection_state"] = "connection_state"
    data: ConnectionStateData


class ErrorEvent(EventBase):
    """Something failed that the person should know about (the interview goes on)."""

    event: Literal["error"] = "error"
    data: ErrorData


class RunQueuedEvent(EventBase):
    """Backpressure: a run or submission is queued for the sandbox, at ``position``."""

    event: Literal["run_queued"] = "run_queued"
    data: RunQueuedData


class SilenceNudgeEvent(EventBase):
    """The interview clock: the candidate has been quiet; the interviewer's nudge follows."""

    event: Literal["silence_nudge"] = "silence_nudge"
    data: SilenceNudgeData


class TimeWarningEvent(EventBase):
    """The interview clock: little time is left (once per session)."""

    event: Literal["time_warning"] = "time_warning"
    data: TimeWarningData


class TimeUpEvent(EventBase):
    """The interview clock: the planned time is over (once per session)."""

    event: Literal["time_up"] = "time_up"
    data: TimeUpData


Event = Annotated[
    AiTokenEvent
    | AiMessageCompleteEvent
    | CodeResultEvent
    | FeedbackEvent
    | InterviewHintEvent
    | SessionStatusEvent
    | ConnectionQualityEvent
    | ConnectionStateEvent
    | ErrorEvent
    | RunQueuedEvent
    | SilenceNudgeEvent
    | TimeWarningEvent
    | TimeUpEvent,
    Field(discriminator="event"),
]
"""Any engine event; pydantic picks the model by the ``event`` name."""

EVENT_TYPES: tuple[type[EventBase], ...] = get_args(get_args(Event)[0])
EVENT_NAMES: tuple[str, ...] = tuple(
    get_args(t.model_fields["event"].annotation)[0] for t in EVENT_TYPES
)


@cache
def _adapter() -> TypeAdapter[Event]:
    """The union's validator and schema, built on first use (it builds every event model)."""
    from coach_engine.field_docs import describe_fields

    describe_fields([EventData, *EventData.__subclasses__(), EventBase, *EVENT_TYPES])
    return TypeAdapter(Event)


def parse_event(raw: str | bytes | Mapping[str, Any]) -> Event:
    """Parse a WebSocket frame (JSON text) or its dict back into its typed event.

    Raises:
        ValidationError: the payload is not JSON, names no known event, or has bad fields; the
            message names each bad field.
    """
    if isinstance(raw, str | bytes):
        try:
            raw = json.loads(raw)
        except ValueError as exc:
            raise ValidationError(
                f"an event must be a JSON object ({exc})", title="Invalid event"
            ) from None
    if not isinstance(raw, Mapping):
        raise ValidationError(
            'an event must be a JSON object {"event": <name>, "data": {...}}',
            title="Invalid event",
        )
    name = raw.get("event")
    if name not in EVENT_NAMES:
        raise ValidationError(
            f"unknown event {name!r}; expected one of: {', '.join(EVENT_NAMES)}",
            title="Invalid event",
        )
    try:
        return _adapter().validate_python(raw)
    except pydantic.ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or 'payload'}: {e['msg']}"
            for e in exc.errors(include_url=False)
        )
        raise ValidationError(
            f"invalid {name!r} event: {problems} (see docs/events.schema.json)",
            title="Invalid event",
        ) from None


def event_json_schema() -> dict[str, Any]:
    """The JSON Schema of every event as sent (``docs/events.schema.json``)."""
    schema = _adapter().json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Coach engine events",
        "description": (
            'One WebSocket frame per event: {"event": <name>, "data": <payload>}. '
            "Generated from coach_engine/events.py by `python -m coach_engine.event_schema`."
        ),
        **schema,
    }
