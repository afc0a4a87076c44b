"""Typed engine events: every model round-trips through its WebSocket JSON form, the checked-in
JSON Schema matches the models, and a bad payload is a clear validation error."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach_engine import event_schema
from coach_engine.errors import ValidationError
from coach_engine.events import (
    EVENT_NAMES,
    EVENT_TYPES,
    AiMessageCompleteData,
    AiMessageCompleteEvent,
    AiTokenData,
    AiTokenEvent,
    CodeResultData,
    CodeResultEvent,
    ConnectionQualityData,
    ConnectionQualityEvent,
    ConnectionStateData,
    ConnectionStateEvent,
    ErrorData,
    ErrorEvent,
    EventBase,
    EventBus,
    FeedbackData,
    FeedbackEvent,
    InterviewHintData,
    InterviewHintEvent,
    RunQueuedData,
    RunQueuedEvent,
    SessionStatusData,
    SessionStatusEvent,
    SilenceNudgeData,
    SilenceNudgeEvent,
    TimeUpData,
    TimeUpEvent,
    TimeWarningData,
    TimeWarningEvent,
    parse_event,
)
from coach_engine.models import (
    CodeRun,
    ContentType,
    FeedbackStatus,
    SessionStatus,
    TestOutcome,
)

AT = datetime(2026, 12, 7, 19, 30, 5, 123456, tzinfo=UTC)
SID = "3f1c0d9e-session"

SAMPLES: list[EventBase] = [
    AiTokenEvent(
        data=AiTokenData(
            session_id=SID,
            timestamp=AT,
            token="Hi ",
            message_id="m1",
            content_type=ContentType.HINT,
        )
    ),
    AiMessageCompleteEvent(
        data=AiMessageCompleteData(
            session_id=SID, timestamp=AT, message_id="m1", stored_id="s1", full_content="Hi there"
        )
    ),
    CodeResultEvent(
        data=CodeResultData(
            session_id=SID,
            timestamp=AT,
            run_id="r1",
            verdict="WA",
            tests_passed=2,
            tests_total=3,
            is_submission=False,
            execution_time_ms=12.5,
            memory_mb=9.25,
        )
    ),
    FeedbackEvent(
        data=FeedbackData(
            session_id=SID,
            timestamp=AT,
            job_id="j1",
            status=FeedbackStatus.COMPLETED,
            progress=1.0,
            message="done",
            overall_score=77,
        )
    ),
    InterviewHintEvent(data=InterviewHintData(session_id=SID, timestamp=AT, level=2, hints_used=2)),
    SessionStatusEvent(
        data=SessionStatusData(
            session_id=SID,
            timestamp=AT,
            status=SessionStatus.PAUSED,
            previous=SessionStatus.IN_PROGRESS,
        )
    ),
    ConnectionQualityEvent(
        data=ConnectionQualityData(timestamp=AT, latency_ms=42.0, status="fair", packets_lost=1)
    ),
    ConnectionStateEvent(
        data=ConnectionStateData(
            session_id=SID, timestamp=AT, state="reconnecting", retry_in_s=1.5, attempt=2
        )
    ),
    ErrorEvent(
        data=ErrorData(session_id=SID, timestamp=AT, title="Provider error", message="retry")
    ),
    RunQueuedEvent(data=RunQueuedData(session_id=SID, timestamp=AT, position=2, ahead=3)),
    SilenceNudgeEvent(data=SilenceNudgeData(session_id=SID, timestamp=AT, silent_s=181.0)),
    TimeWarningEvent(data=TimeWarningData(session_id=SID, timestamp=AT, remaining_s=299.0)),
    TimeUpEvent(data=TimeUpData(session_id=SID, timestamp=AT, elapsed_s=2700.0, duration_s=2700)),
]


def test_every_event_type_has_a_sample() -> None:
    assert sorted(type(e).__name__ for e in SAMPLES) == sorted(t.__name__ for t in EVENT_TYPES)
    assert len(set(EVENT_NAMES)) == len(EVENT_TYPES)
    # the seed's names are all there
    seed = {"ai_token", "ai_message_complete", "code_result", "feedback", "interview_hint"}
    seed |= {"session_status", "connection_quality", "error"}
    assert seed <= set(EVENT_NAMES)


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: e.event)
def test_round_trip_through_the_websocket_json(event: EventBase) -> None:
    frame = event.to_json()
    wire = json.loads(frame)
    assert list(wire) == ["event", "data"]  # the seed's shape: socket.emit(name, data)
    assert wire["event"] == event.event
    assert wire["data"]["timestamp"] == "2026-12-07T19:30:05.123456Z"
    back = parse_event(frame)
    assert type(back) is type(event) and back == event
    assert parse_event(wire) == event  # the dict form parses too
    assert back.session_id == event.data.session_id and back.timestamp == AT


def test_checked_in_schema_is_current() -> None:
    path = event_schema.SCHEMA_PATH
    assert path.exists(), "run `python -m coach_engine.event_schema`"
    assert path.read_text(encoding="utf-8") == event_schema.render(), (
        "docs/events.schema.json is stale: run `python -m coach_engine.event_schema`"
    )


def test_schema_describes_every_event_as_sent() -> None:
    schema = json.loads(event_schema.SCHEMA_PATH.read_text(encoding="utf-8"))
    mapping = schema["discriminator"]["mapping"]
    assert set(mapping) == set(EVENT_NAMES)
    for sample in SAMPLES:
        ref = mapping[sample.event].removeprefix("#/$defs/")
        definition = schema["$defs"][ref]
        assert definition["properties"]["event"]["const"] == sample.event
        data_ref = definition["properties"]["data"]["$ref"].removeprefix("#/$defs/")
        data_schema = schema["$defs"][data_ref]
        sent = json.loads(sample.to_json())["data"]
        # what is sent is exactly what the schema lists, every field present
        assert set(sent) == set(data_schema["properties"]) == set(data_schema["required"])
        assert data_schema["additionalProperties"] is False


def test_schema_check_command_fails_on_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "events.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "coach_engine.event_schema"]
    check = subprocess.run([*cmd, "--check", str(stale)], capture_output=True, text=True)
    assert check.returncode == 1 and "is stale" in check.stderr
    assert subprocess.run([*cmd, str(stale)], capture_output=True).returncode == 0
    assert subprocess.run([*cmd, "--check", str(stale)]).returncode == 0
    assert stale.read_text(encoding="utf-8") == event_schema.render()


@pytest.mark.parametrize(
    ("payload", "says"),
    [
        ({"event": "ai_token", "data": {"token": 1, "session_id": SID}}, "data.message_id"),
        ({"event": "ai_token", "data": {"token": 1, "message_id": "m"}}, "data.token"),
        ({"event": "feedback", "data": {"job_id": "j", "status": "DONE"}}, "data.status"),
        ({"event": "feedback", "data": {"job_id": "j", "status": "FAILED", "progress": 2}}, "1"),
        ({"event": "error", "data": {"title": "t", "message": "m", "extra": 1}}, "data.extra"),
        ({"event": "time_up", "data": {"elapsed_s": -1, "duration_s": 60}}, "data.elapsed_s"),
        ({"event": "chat", "data": {}}, "unknown event 'chat'"),
        ({"data": {}}, "unknown event None"),
        ('{"event": "ai_token", ', "JSON object"),
        ("[1, 2]", "JSON object"),
    ],
)
def test_a_bad_payload_is_a_clear_validation_error(payload: object, says: str) -> None:
    frame = payload if isinstance(payload, str) else json.dumps(payload)
    with pytest.raises(ValidationError) as err:
        parse_event(frame)
    assert says in err.value.message and err.value.title == "Invalid event"
    assert "Traceback" not in err.value.message


def test_unknown_names_list_the_known_ones() -> None:
    with pytest.raises(ValidationError) as err:
        parse_event({"event": "chat", "data": {}})
    assert all(name in err.value.message for name in EVENT_NAMES)


def test_events_are_frozen_so_subscribers_cannot_change_each_others() -> None:
    event = SAMPLES[0]
    with pytest.raises(Exception, match="frozen"):
        event.data.token = "changed"  # type: ignore[attr-defined,misc]


def test_code_result_from_a_stored_run() -> None:
    run = CodeRun(
        session_id=SID,
        user_id="u",
        language="python",
        code="",
        verdict="TLE",
        passed=1,
        total=2,
        is_submission=True,
        tests=[
            TestOutcome(index=0, verdict="AC", time_ms=3.0, memory_kb=2048),
            TestOutcome(index=1, verdict="TLE", time_ms=2000.0, memory_kb=4096),
        ],
    )
    event = CodeResultEvent.from_run(run)
    assert event.session_id == SID and event.data.run_id == run.id
    assert (event.data.tests_passed, event.data.tests_total) == (1, 2)
    assert event.data.execution_time_ms == 2000.0 and event.data.memory_mb == 4.0
    compile_error = run.model_copy(update={"verdict": "CE", "passed": 0, "tests": []})
    assert CodeResultEvent.from_run(compile_error).data.execution_time_ms is None


async def test_bus_delivers_typed_events_and_emit_validates() -> None:
    bus = EventBus()
    seen: list[str] = []
    bus.add_listener(lambda e: seen.append(e.event))
    bus.add_listener(lambda e: 1 / 0)  # a failing listener does not stop the event
    async with bus.subscribe(SID) as mine, bus.subscribe() as everything:
        bus.publish(SAMPLES[0])
        bus.publish(SAMPLES[6])  # engine-wide (no session): not for a session's subscriber
        emitted = bus.emit("interview_hint", SID, level=1, hints_used=1)
        assert isinstance(emitted, InterviewHintEvent) and emitted.data.level == 1
        with pytest.raises(ValidationError, match="data.level"):
            bus.emit("interview_hint", SID, level=0, hints_used=0)
        assert [e.event for e in mine.pending()] == ["ai_token", "interview_hint"]
        names = [e.event for e in everything.pending()]
        assert names == ["ai_token", "connection_quality", "interview_hint"]
    assert seen == ["ai_token", "connection_quality", "interview_hint"]
