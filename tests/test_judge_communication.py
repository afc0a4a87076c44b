"""Transcript parsing and the communication rules (no sandbox)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from coach_engine.errors import ValidationError
from coach_engine.judge import classes as C
from coach_engine.judge.communication import analyse, score, stated_time
from coach_engine.judge.transcript import Turn, normalise, parse
from coach_engine.models import CodeRun, ContentType, Message, Role
from coach_engine.problems import ProblemBank

GOOD = """\
me: Can the array contain duplicates? Is there always exactly one answer?
interviewer: Yes, exactly one.
me: I'll use a hash map from value to index in one pass: O(n) time and O(n) space.
me: Edge cases: negative numbers, and duplicates like [3,3] where both halves are equal.
me: ```
class Solution:
    def twoSum(self, nums, target): ...
```
me: Let me walk through [2,7,11,15] with target 9 before I submit.
"""


@pytest.fixture(scope="module")
def two_sum():
    return ProblemBank().get("two-sum")


def test_plain_text_transcript_keeps_multiline_turns() -> None:
    turns = parse(GOOD)
    assert [t.role for t in turns] == ["USER", "AI", "USER", "USER", "USER", "USER"]
    assert "class Solution" in turns[4].content


def test_json_transcript_maps_roles_and_skips_system() -> None:
    text = json.dumps(
        [
            {"role": "system", "content": "be nice"},
            {"role": "interviewer", "content": "Hi"},
            {"role": "user", "content": "Hello"},
            {"role": "assistant", "text": "Go on"},
        ]
    )
    assert [(t.role, t.content) for t in parse(text)] == [
        ("AI", "Hi"),
        ("USER", "Hello"),
        ("AI", "Go on"),
    ]


@pytest.mark.parametrize("bad", ["[1, 2", "just some words", "[]", '{"role": "user"}'])
def test_unreadable_transcripts_are_validation_errors(bad: str) -> None:
    with pytest.raises(ValidationError):
        parse(bad)


def test_stored_messages_normalise_with_code_type() -> None:
    msgs = [
        Message(session_id="s", user_id="u", role=Role.USER, content="hi"),
        Message(
            session_id="s",
            user_id="u",
            role=Role.USER,
            content="x = 1",
            content_type=ContentType.CODE,
        ),
        Message(session_id="s", user_id="u", role=Role.SYSTEM, content="ignored"),
    ]
    turns = normalise(msgs)
    assert [(t.role, t.is_code) for t in turns] == [("USER", False), ("USER", True)]


def test_a_good_conversation_earns_every_point(two_sum) -> None:
    report = analyse(parse(GOOD), two_sum, C.LINEAR)
    assert report.clarifying_questions and report.clarifying_questions[0].startswith("message 1")
    assert report.approach_before_coding is not None
    assert report.approach_before_coding.startswith("message 3")
    assert report.approach_named == "Hash map, one pass"
    assert (report.stated_complexity, report.stated_in) == ("O(n)", 3)
    assert report.stated_complexity_correct is True
    assert report.edge_cases and report.tested_before_submit
    assert score(report)[0] == 100


def test_a_wrong_claim_is_caught_against_the_measurement(two_sum) -> None:
    report = analyse(parse(GOOD), two_sum, C.QUADRATIC)
    assert report.stated_complexity_correct is False
    points, reasons = score(report)
    assert points == 88 and any("contradicts" in r for r in reasons)


def test_silence_scores_low_and_code_first_is_not_an_approach(two_sum) -> None:
    turns = [
        Turn(role="USER", content="```\nclass Solution: pass\n```"),
        Turn(role="USER", content="I will use a hash map, done."),
    ]
    report = analyse(turns, two_sum, C.LINEAR)
    assert report.approach_before_coding is None
    assert report.clarifying_questions == []
    assert score(report)[0] <= 40


def test_space_claims_are_not_taken_for_time() -> None:
    turns = [Turn(role="USER", content="It needs O(n) extra space but runs in O(n log n) time.")]
    found = stated_time(turns)
    assert found is not None and found[2] == C.N_LOG_N


def test_visible_runs_before_the_first_submission_count_as_testing(two_sum) -> None:
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    runs = [
        CodeRun(session_id="s", user_id="u", language="python", code="", verdict="WA",
                passed=1, total=3, created_at=t0),
        CodeRun(session_id="s", user_id="u", language="python", code="", verdict="AC",
                passed=3, total=3, is_submission=True, created_at=t0 + timedelta(minutes=1)),
    ]  # fmt: skip
    report = analyse([Turn(role="USER", content="ok")], two_sum, None, runs=runs)
    assert report.tested_before_submit == (
        "ran the visible tests 1 time before the first submission"
    )
