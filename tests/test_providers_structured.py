"""Structured output: repair, one retry with the validation error, then a clear failure."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.llm_server import FakeLLMServer, Reply
from pydantic import BaseModel, Field

from coach_engine.providers.client import LLMClient
from coach_engine.providers.openai import OpenAIProvider
from coach_engine.providers.structured import (
    InvalidOutput,
    extract_object,
    parse,
    remove_trailing_commas,
    repair_json,
    schema_instructions,
)
from coach_engine.providers.types import ChatMessage, ProviderCallError
from coach_engine.store.sqlite import SQLiteStore


class Verdict(BaseModel):
    score: int = Field(ge=0, le=100)
    tags: list[str]


ASK = [ChatMessage.user("Score it. " + schema_instructions(Verdict))]


def test_repairs_fences_prose_and_trailing_commas() -> None:
    raw = 'Sure! Here it is:\n```json\n{"score": 80, "tags": ["a", "b",],}\n```\nHope it helps.'
    assert repair_json(raw) == '{"score": 80, "tags": ["a", "b"]}'
    assert extract_object('noise {"a": {"b": "}"}} more {') == '{"a": {"b": "}"}}'
    assert extract_object("no object here") is None
    # commas and braces inside strings are content, not syntax
    assert remove_trailing_commas('{"s": "x,}\\" ,]",}') == '{"s": "x,}\\" ,]"}'


def test_parse_reports_whether_it_repaired_and_what_is_wrong() -> None:
    assert parse('{"score": 1, "tags": []}', Verdict) == (Verdict(score=1, tags=[]), False)
    value, repaired = parse('```\n{"score": 2, "tags": [],}\n```', Verdict)
    assert value.score == 2 and repaired
    with pytest.raises(InvalidOutput, match="score"):
        parse('{"score": 900, "tags": []}', Verdict)
    with pytest.raises(InvalidOutput):
        parse("I cannot do that.", Verdict)


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer() as s:
        yield s


@pytest.fixture
def llm(server: FakeLLMServer, tmp_path: Path) -> Iterator[LLMClient]:
    store = SQLiteStore.open(tmp_path / "coach.db")
    provider = OpenAIProvider(api_key="sk-x", base_url=server.openai_url)
    yield LLMClient(provider, store=store, user_id=store.default_user().id)
    store.close()


async def test_fenced_json_is_repaired_without_another_call(
    server: FakeLLMServer, llm: LLMClient
) -> None:
    server.enqueue(Reply('```json\n{"score": 80, "tags": ["loops",],}\n```'))
    result = await llm.complete_structured(ASK, Verdict)
    assert result.value == Verdict(score=80, tags=["loops"])
    assert (result.calls, result.repaired) == (1, True)
    assert len(server.requests) == 1


async def test_invalid_answer_is_retried_once_with_the_error(
    server: FakeLLMServer, llm: LLMClient
) -> None:
    server.enqueue(Reply('{"score": 900, "tags": []}'), Reply('{"score": 90, "tags": []}'))
    result = await llm.complete_structured(ASK, Verdict)
    assert result.value.score == 90 and result.calls == 2
    second = server.requests[1].body["messages"]
    assert second[-2] == {"role": "assistant", "content": '{"score": 900, "tags": []}'}
    assert "could not be used" in second[-1]["content"] and "score" in second[-1]["content"]
    assert llm.store is not None
    outcomes = [c.outcome for c in reversed(llm.store.list_llm_calls(llm.user_id))]
    assert outcomes == ["invalid_output", "ok"]


async def test_second_invalid_answer_fails_clearly(server: FakeLLMServer, llm: LLMClient) -> None:
    server.enqueue(Reply("I'd rather chat."), Reply('{"score": "high"}'))
    with pytest.raises(ProviderCallError) as info:
        await llm.complete_structured(ASK, Verdict)
    assert info.value.kind == "invalid_output"
    assert info.value.title == "Invalid model output"
    assert "Verdict" in info.value.message and "provider.model" in info.value.message
    assert len(server.requests) == 2
