"""The interviewer: scripted offline conversations, the interview loop on the real sandbox, and the
LLM interviewer against a loopback server speaking OpenAI's wire format."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.errors import ValidationError
from coach_engine.interview import InterviewService
from coach_engine.interviewer.llm import LLMInterviewer
from coach_engine.interviewer.understand import (
    Intent,
    claimed_time,
    classify,
    idea_phrase,
    match_approach,
    same_complexity,
    stated_complexities,
)
from coach_engine.models import ContentType, Role, SessionCreate, SessionStatus
from coach_engine.problems import ProblemBank
from coach_engine.providers.client import LLMClient
from coach_engine.providers.openai import OpenAIProvider
from coach_engine.providers.retry import RetryPolicy
from coach_engine.store import SQLiteStore

sys.path.insert(0, str(Path(__file__).parent))
from fakes.llm_server import Cut, FakeLLMServer, Reply  # noqa: E402
from samples import BUGGY, GOOD  # noqa: E402

WRONG = GOOD.replace("return [seen[target - x], i]", "return [0, 0]")


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return Engine(SQLiteStore.open(tmp_path / "i.db"), Config())


@pytest.fixture
def bank() -> ProblemBank:
    return ProblemBank()


async def _session(engine: Engine, bank: ProblemBank, **kw: object) -> tuple[InterviewService, str]:
    service = InterviewService(engine.sessions, engine.events, bank, **kw)  # type: ignore[arg-type]
    session = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
    greeting = await service.begin(session.id)
    assert greeting is not None and "Two Sum" in greeting.content
    return service, session.id


def test_understanding() -> None:
    assert classify("Can the array be empty?") == Intent.CLARIFYING_QUESTION
    assert classify("I'd use a hash map from value to index") == Intent.APPROACH
    assert classify("O(n log n)") == Intent.COMPLEXITY
    assert classify("can I get a hint please") == Intent.HINT_REQUEST
    assert stated_complexities("it's O(N log N) time, linear space") == ["O(n log n)", "O(n)"]
    assert stated_complexities("O(n²) with two loops") == ["O(n^2)"]


def test_understanding_follow_ups_typos_and_stated_costs(bank: ProblemBank) -> None:
    anagram = bank.get("valid-anagram").approaches
    # A follow-up idea is an idea, not a clarifying question; a question about the input is not.
    assert classify("what about sorting both strings instead?") == Intent.APPROACH
    assert classify("how about bfs?") == Intent.APPROACH
    assert classify("Are the intervals sorted?") == Intent.CLARIFYING_QUESTION
    assert classify("is it sorted") == Intent.CLARIFYING_QUESTION
    # Keywords survive inflection and one typo in a long word, on whole words only.
    sort = match_approach("what about sorting both strings instead?", anagram)
    assert sort is not None and sort.approach.name == "Sort and compare"
    count = match_approach("I'd use a dictionery of frequencise", anagram)
    assert count is not None and count.approach.name == "Count letters"
    assert match_approach("assume the sum fits", bank.get("two-sum").approaches) is None
    # The time a message claims, whichever order time and space come in.
    assert claimed_time("O(1) space, O(n) time") == "O(n)"
    assert claimed_time("space is O(n) and time O(n log n)") == "O(n log n)"
    assert claimed_time("n log n for the sort") == "O(n log n)"
    assert claimed_time("expoential, 2^n calls") == "O(2^n)"
    assert claimed_time("that is O(1) space") is None and claimed_time("O()") is None
    assert same_complexity("O(n * L log L)", "O(n*L log L)")
    assert not same_complexity("O(n)", "O(n log n)")
    # The idea in the candidate's words, framing dropped, ready to quote.
    assert idea_phrase("hmm what if we use a trie instead?") == "a trie"
    assert idea_phrase("or maybe build a trie of both?") == "build a trie of both"
    assert idea_phrase("x" * 300).endswith("…") and len(idea_phrase("x" * 300)) <= 81


async def test_clarifying_question_is_answered_from_the_constraints(
    engine: Engine, bank: ProblemBank
) -> None:
    service, sid = await _session(engine, bank)
    reply = await service.send(sid, "Can the array be empty?")
    assert "nums.length" in reply.content and "10^4" in reply.content
    reply = await service.send(sid, "Are there negative numbers?")
    assert "-10^9" in reply.content


async def test_optimal_approach_without_and_with_complexity(
    engine: Engine, bank: ProblemBank
) -> None:
    service, sid = await _session(engine, bank)
    asked = await service.send(sid, "I'll use a hash map storing each value and its index.")
    assert "hash map" in asked.content.lower() and "complexity" in asked.content.lower()
    confirmed = await service.send(
        sid, "I'll use a hash map of complements: O(n) time and O(n) space."
    )
    assert "O(n) time and O(n) extra space" in confirmed.content
    assert "edge cases" in confirmed.content  # none discussed yet: asks for them


async def test_brute_force_is_pushed_toward_better_without_the_answer(
    engine: Engine, bank: ProblemBank
) -> None:
    service, sid = await _session(engine, bank)
    reply = await service.send(sid, "I would check every pair with two nested loops, O(n^2).")
    assert "brute force" in reply.content.lower() and "do better" in reply.content
    assert "hash" not in reply.content.lower()  # does not give the optimal approach away
    wrong_claim = await service.send(sid, "I'd check every pair with a nested loop, that's O(n).")
    assert "you said O(n)" in wrong_claim.content


async def test_hint_ladder_costs_and_ends(engine: Engine, bank: ProblemBank) -> None:
    service, sid = await _session(engine, bank)
    sub = engine.events.subscribe(sid)
    problem = bank.get("two-sum")
    texts = [(await service.hint(sid)).content for _ in range(4)]
    assert problem.hints.nudge.strip()[:40] in texts[0]
    assert problem.hints.approach.strip()[:40] in texts[1]
    assert problem.hints.near_solution.strip()[:40] in texts[2]
    assert "last hint" in texts[3]
    assert (await engine.sessions.get(sid)).hints_used == 3
    events = []
    while not sub.queue.empty():
        e = sub.queue.get_nowait()
        if e is not None and e.event == "interview_hint":
            events.append(e.data.level)
    assert events == [1, 2, 3, 4]
    messages = await engine.sessions.messages(sid)
    assert [m.content_type for m in messages[-4:]] == [ContentType.HINT] * 4


async def test_tokens_stream_then_message_completes(engine: Engine, bank: ProblemBank) -> None:
    service, sid = await _session(engine, bank)
    sub = engine.events.subscribe(sid)
    reply = await service.send(sid, "Can the numbers repeat?")
    tokens, complete = [], None
    while not sub.queue.empty():
        e = sub.queue.get_nowait()
        if e is not None and e.event == "ai_token":
            tokens.append(e.data.token)
        if e is not None and e.event == "ai_message_complete":
            complete = e
    assert len(tokens) > 5 and "".join(tokens).strip() == reply.content
    assert complete is not None and complete.data.full_content == reply.content
    assert complete.data.content_type == "TEXT"


async def test_run_reacts_to_a_failing_case_then_submit_and_reveal(
    engine: Engine, bank: ProblemBank
) -> None:
    service, sid = await _session(engine, bank)
    run = await service.run(sid, WRONG, "python")
    assert run.verdict == "WA" and run.total == 3
    reaction = (await engine.sessions.messages(sid))[-1]
    assert "input `[[2, 7, 11, 15], 9]`" in reaction.content and "trace" in reaction.content
    with pytest.raises(ValidationError, match="submit first"):
        await service.reveal(sid)
    visible_ok = await service.run(sid, BUGGY, "python")
    assert visible_ok.verdict == "AC"
    submission = await service.submit(sid, BUGGY, "python")
    assert submission.verdict == "WA" and submission.is_submission
    # a failed submission leaves the interview open: reveal, fix, submit again
    assert (await engine.sessions.get(sid)).status == SessionStatus.IN_PROGRESS
    steps = [(await service.reveal(sid)).content for _ in range(4)]
    assert steps[0].startswith("The failing hidden test is")
    assert "Its input shape: `nums` has" in steps[1]
    assert "A small input your code also gets wrong" in steps[2]
    assert steps[3].startswith("The full failing input")
    assert (await engine.sessions.get(sid)).reveals_used == 4
    snaps = [s.reason.value for s in engine.store.list_snapshots(engine.user.id, sid)]
    assert snaps == ["run", "run", "submit"]


async def test_accepted_submission(engine: Engine, bank: ProblemBank) -> None:
    service, sid = await _session(engine, bank)
    run = await service.submit(sid, GOOD, "python")
    assert run.verdict == "AC" and run.total > 20
    assert "passed all" in (await engine.sessions.messages(sid))[-1].content


async def test_silence_nudge_and_time_warning(engine: Engine, bank: ProblemBank) -> None:
    service, sid = await _session(engine, bank)
    assert await service.tick(sid) is None  # just greeted: nothing to say
    later = (await engine.sessions.messages(sid))[-1].timestamp + timedelta(minutes=4)
    nudge = await service.tick(sid, now=later)
    assert nudge is not None and "quiet" in nudge.content
    assert await service.tick(sid, now=later) is None  # once per silence
    session = await engine.sessions.get(sid)
    engine.store.update_session(
        engine.user.id, sid, {"active_seconds": session.duration_minutes * 60 - 200}
    )
    warning = await service.tick(sid)
    assert warning is not None and "Five minutes left" in warning.content
    assert await service.tick(sid) is None


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer(api_key="sk-test") as s:
        yield s


async def _no_sleep(_: float) -> None:
    return None


def _llm(server: FakeLLMServer, engine: Engine) -> LLMInterviewer:
    provider = OpenAIProvider(
        base_url=server.openai_url,
        api_key="sk-test",
        timeout_s=5.0,
        retry=RetryPolicy(max_attempts=1, sleep=_no_sleep),
    )
    return LLMInterviewer(LLMClient(provider, user_id=engine.user.id, store=engine.store))


async def test_llm_interviewer_streams_with_judge_facts(
    engine: Engine, bank: ProblemBank, server: FakeLLMServer
) -> None:
    server.enqueue(
        Reply("Welcome! Let's look at Two Sum together."),
        Reply("Test 1 fails on [2,7,11,15]: what does your loop return?"),
    )
    service, sid = await _session(engine, bank, interviewer=_llm(server, engine))
    await service.run(sid, WRONG, "python")
    last = (await engine.sessions.messages(sid))[-1]
    assert last.content.startswith("Test 1 fails")
    body = server.requests[-1].body
    system = body["messages"][0]
    assert system["role"] == "system" and "Two Sum" in system["content"]
    assert "[judge] latest run (visible tests): WA, 0/3 passed" in body["messages"][-1]["content"]
    calls = engine.store.list_llm_calls(engine.user.id)
    assert {c.prompt_id for c in calls} == {"greeting", "reply"}


async def test_provider_failure_mid_interview_falls_back_to_offline(
    engine: Engine, bank: ProblemBank, server: FakeLLMServer
) -> None:
    server.enqueue(Reply("Hello, ready for Two Sum?"), Cut(before=2))
    service, sid = await _session(engine, bank, interviewer=_llm(server, engine))
    sub = engine.events.subscribe(sid)
    reply = await service.send(sid, "Can the array be empty?")
    assert "nums.length" in reply.content  # answered by the offline interviewer
    errors = []
    while not sub.queue.empty():
        e = sub.queue.get_nowait()
        if e is not None and e.event == "error":
            errors.append(e.data.message)
    assert errors and "offline interviewer takes over" in errors[0]
    assert [m.role for m in await engine.sessions.messages(sid)] == [Role.AI, Role.USER, Role.AI]


def test_event_loop_stays_free_during_a_run(engine: Engine, bank: ProblemBank) -> None:
    async def main() -> int:
        service, sid = await _session(engine, bank)
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.005)
                ticks += 1

        task = asyncio.create_task(ticker())
        await service.run(sid, GOOD, "python")
        task.cancel()
        return ticks

    assert asyncio.run(main()) > 3  # the loop kept ticking while the sandbox ran
