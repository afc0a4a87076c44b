"""The offline provider: a deterministic responder behind the same streaming interface."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from coach_engine.providers.offline import OfflineProvider
from coach_engine.providers.types import ChatMessage, ProviderCallError


def echo(messages: Sequence[ChatMessage]) -> str:
    return f"You said: {messages[-1].content}. Run the tests next."


async def test_streams_the_responders_text_word_by_word() -> None:
    provider = OfflineProvider(echo)
    conversation = [ChatMessage.user("hash map")]
    response = provider.stream(conversation)
    chunks = [c async for c in response]
    assert chunks == ["You ", "said: ", "hash ", "map. ", "Run ", "the ", "tests ", "next."]
    assert response.usage is not None and response.usage.estimated
    assert response.stats.finish_reason == "stop"
    again = await provider.complete(conversation)
    assert again.text == "".join(chunks)  # deterministic
    assert provider.is_local and not provider.needs_key


async def test_max_tokens_cuts_at_a_word_and_says_so() -> None:
    completion = await OfflineProvider(lambda m: "word " * 100).complete([], {"max_tokens": 10})
    assert completion.finish_reason == "length"
    assert completion.text == "word " * 8  # 40 characters ≈ 10 tokens


async def test_a_failing_responder_is_a_provider_error() -> None:
    def broken(messages: Sequence[ChatMessage]) -> str:
        raise KeyError("rule table")

    with pytest.raises(ProviderCallError) as info:
        await OfflineProvider(broken).complete([ChatMessage.user("hi")])
    assert info.value.kind == "offline" and "KeyError" in info.value.message


async def test_default_responder_never_pretends_to_judge() -> None:
    text = (await OfflineProvider().complete([ChatMessage.user("Is my code right?")])).text
    assert "offline coach" in text and "measured" in text
