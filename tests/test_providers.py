"""Providers against a real loopback server speaking the OpenAI and Anthropic wire formats."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from fakes.llm_server import Cut, FakeLLMServer, Malformed, Reply, Slow, Status, Trickle
from pydantic import SecretStr

from coach_engine import config as config_mod
from coach_engine.config import Config, KeysConfig, ProviderConfig
from coach_engine.providers.anthropic import AnthropicProvider
from coach_engine.providers.check import check
from coach_engine.providers.offline import OfflineProvider
from coach_engine.providers.openai import OpenAIProvider
from coach_engine.providers.openai_compatible import OpenAICompatibleProvider
from coach_engine.providers.registry import build_provider, resolve_provider
from coach_engine.providers.retry import RetryPolicy
from coach_engine.providers.transport import HTTPProvider
from coach_engine.providers.types import ChatMessage, ProviderCallError, Usage

KEY = "sk-test-0123456789abcdefSECRET"
CONVERSATION = [
    ChatMessage.system("You are an interviewer."),
    ChatMessage.user("Can I use a hash map?"),
]
KINDS = ["openai", "anthropic", "openai-compatible"]


class Sleeps(list[float]):
    """Injected sleep: records each wait instead of waiting."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer(api_key=KEY) as s:
        yield s


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def make(
    kind: str,
    server_url: str,
    sleeps: Sleeps,
    *,
    key: str = KEY,
    attempts: int = 3,
    timeout_s: float = 5.0,
) -> HTTPProvider:
    retry = RetryPolicy(max_attempts=attempts, sleep=sleeps)
    common = {"api_key": key, "retry": retry, "timeout_s": timeout_s}
    if kind == "openai":
        return OpenAIProvider(base_url=server_url + "/v1", **common)  # type: ignore[arg-type]
    if kind == "anthropic":
        return AnthropicProvider(base_url=server_url, **common)  # type: ignore[arg-type]
    return OpenAICompatibleProvider(
        base_url=server_url + "/v1",
        model="llama3.1",
        **common,  # type: ignore[arg-type]
    )


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def drain(response: object) -> list[str]:
    return [chunk async for chunk in response]  # type: ignore[attr-defined]


# happy paths --------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
async def test_stream_yields_tokens_in_order_and_records_usage(
    kind: str, server: FakeLLMServer, sleeps: Sleeps
) -> None:
    server.enqueue(
        Reply(chunks=["Yes", ", a hash", " map", " works."], input_tokens=30, output_tokens=5)
    )
    async with make(kind, server.url, sleeps) as provider:
        response = provider.stream(CONVERSATION, {"max_tokens": 200})
        chunks = await drain(response)

    assert chunks == ["Yes", ", a hash", " map", " works."]
    assert response.text == "Yes, a hash map works."
    assert response.usage == Usage(input_tokens=30, output_tokens=5)
    assert response.stats.attempts == 1
    [request] = server.requests
    assert request.body["stream"] is True
    if kind == "anthropic":
        assert request.path == "/v1/messages"
        assert request.headers["x-api-key"] == KEY
        assert request.body["system"] == "You are an interviewer."
        assert request.body["messages"] == [{"role": "user", "content": "Can I use a hash map?"}]
        assert request.body["max_tokens"] == 200
    else:
        assert request.path == "/v1/chat/completions"
        assert request.headers["authorization"] == f"Bearer {KEY}"
        assert request.body["stream_options"] == {"include_usage": True}
        assert request.body["messages"][0] == {
            "role": "system",
            "content": "You are an interviewer.",
        }
        field = "max_completion_tokens" if kind == "openai" else "max_tokens"
        assert request.body[field] == 200


@pytest.mark.parametrize("kind", ["openai", "anthropic"])
async def test_stream_is_delivered_incrementally(
    kind: str, server: FakeLLMServer, sleeps: Sleeps
) -> None:
    gate = threading.Event()  # the server holds the rest of the answer until we saw chunk one
    server.enqueue(Reply(chunks=["first", " second"], gate=gate))
    async with make(kind, server.url, sleeps) as provider:
        response = provider.stream(CONVERSATION)
        first = await asyncio.wait_for(response.__anext__(), timeout=2)
        gate.set()
        rest = await drain(response)
    assert [first, *rest] == ["first", " second"]


@pytest.mark.parametrize("kind", KINDS)
async def test_complete_returns_text_and_usage(
    kind: str, server: FakeLLMServer, sleeps: Sleeps
) -> None:
    server.enqueue(Reply("O(n) time, O(n) space.", input_tokens=40, output_tokens=9))
    async with make(kind, server.url, sleeps) as provider:
        completion = await provider.complete(CONVERSATION)
    assert completion.text == "O(n) time, O(n) space."
    assert completion.usage == Usage(input_tokens=40, output_tokens=9)
    assert completion.attempts == 1
    assert not server.requests[0].body.get("stream")


async def test_missing_usage_is_estimated_not_zero(server: FakeLLMServer, sleeps: Sleeps) -> None:
    server.enqueue(Reply("a" * 40, report_usage=False))
    async with make("openai-compatible", server.url, sleeps) as provider:
        completion = await provider.complete(CONVERSATION)
    assert completion.usage.estimated
    assert completion.usage.output_tokens == 10
    assert completion.usage.input_tokens > 0


# retries ------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["openai", "anthropic"])
async def test_429_retry_after_is_honoured(
    kind: str, server: FakeLLMServer, sleeps: Sleeps
) -> None:
    server.enqueue(Status(429, headers={"retry-after": "2"}), Reply("ok then"))
    async with make(kind, server.url, sleeps) as provider:
        response = provider.stream(CONVERSATION)
        assert "".join(await drain(response)) == "ok then"
    assert sleeps == [2.0]
    assert response.stats.attempts == 2
    assert len(server.requests) == 2


async def test_retry_after_ms_and_cap(server: FakeLLMServer, sleeps: Sleeps) -> None:
    server.enqueue(
        Status(429, headers={"retry-after-ms": "1500"}),
        Status(429, headers={"retry-after": "3600"}),
        Reply(),
    )
    async with make("openai", server.url, sleeps) as provider:
        await provider.complete(CONVERSATION)
    assert sleeps == [1.5, 30.0]  # an hour-long Retry-After is capped


@pytest.mark.parametrize("kind", KINDS)
async def test_5xx_backs_off_exponentially_then_fails(
    kind: str, server: FakeLLMServer, sleeps: Sleeps
) -> None:
    server.enqueue(Status(500), Status(503), Status(500))
    async with make(kind, server.url, sleeps) as provider:
        with pytest.raises(ProviderCallError) as info:
            await provider.complete(CONVERSATION)
    assert info.value.kind == "server_error"
    assert "after 3 attempt(s)" in info.value.message
    assert "offline" in info.value.message
    assert sleeps == [0.5, 1.0]
    assert len(server.requests) == 3


async def test_5xx_then_success(server: FakeLLMServer, sleeps: Sleeps) -> None:
    server.enqueue(Status(529, message="Overloaded"), Reply("back"))
    async with make("anthropic", server.url, sleeps) as provider:
        completion = await provider.complete(CONVERSATION)
    assert completion.text == "back"
    assert completion.attempts == 2
    assert sleeps == [0.5]


@pytest.mark.parametrize("kind", ["openai", "anthropic"])
async def test_rejected_key_is_not_retried_and_names_the_fix(
    kind: str, server: FakeLLMServer, sleeps: Sleeps
) -> None:
    async with make(kind, server.url, sleeps, key="sk-wrong") as provider:
        with pytest.raises(ProviderCallError) as info:
            await provider.complete(CONVERSATION)
    assert info.value.kind == "auth"
    env = "OPENAI_API_KEY" if kind == "openai" else "ANTHROPIC_API_KEY"
    assert env in info.value.message and "coach config set keys." in info.value.message
    assert len(server.requests) == 1 and sleeps == []


async def test_out_of_quota_is_not_retried(server: FakeLLMServer, sleeps: Sleeps) -> None:
    server.enqueue(Status(429, code="insufficient_quota", message="You exceeded your quota"))
    async with make("openai", server.url, sleeps) as provider:
        with pytest.raises(ProviderCallError) as info:
            await provider.complete(CONVERSATION)
    assert info.value.kind == "quota"
    assert len(server.requests) == 1


def test_missing_key_fails_at_construction_with_the_fix() -> None:
    with pytest.raises(ProviderCallError) as info:
        OpenAIProvider(api_key="")
    assert info.value.kind == "auth"
    assert "set OPENAI_API_KEY or run `coach config set keys.openai" in info.value.message


# malformed and interrupted answers ---------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("stream", [False, True])
async def test_malformed_json_is_a_clear_error(
    kind: str, stream: bool, server: FakeLLMServer, sleeps: Sleeps
) -> None:
    server.enqueue(Malformed())
    async with make(kind, server.url, sleeps) as provider:
        with pytest.raises(ProviderCallError) as info:
            await drain(provider.start(CONVERSATION, stream=stream))
    assert info.value.kind == "bad_response"
    assert "not the expected JSON" in info.value.message
    assert len(server.requests) == 1  # a 2xx may have been billed: not retried


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("abrupt", [True, False], ids=["dropped", "ended-early"])
async def test_stream_cut_in_the_middle_is_an_error_not_a_short_answer(
    kind: str, abrupt: bool, server: FakeLLMServer, sleeps: Sleeps
) -> None:
    server.enqueue(Cut(before=2, abrupt=abrupt, reply=Reply(chunks=["a", "b", "c", "d"])))
    async with make(kind, server.url, sleeps) as provider:
        response = provider.stream(CONVERSATION)
        received: list[str] = []
        with pytest.raises(ProviderCallError) as info:
            async for chunk in response:
                received.append(chunk)
    assert info.value.kind == "stream_cut"
    assert info.value.title == "Answer interrupted"
    assert received == ["a", "b"]
    assert response.error is info.value


@pytest.mark.parametrize("stream", [False, True])
async def test_slow_answer_times_out_and_is_retried(
    stream: bool, server: FakeLLMServer, sleeps: Sleeps
) -> None:
    server.enqueue(Slow(3.0), Slow(3.0))
    started = time.perf_counter()
    async with make("openai", server.url, sleeps, attempts=2, timeout_s=0.3) as provider:
        with pytest.raises(ProviderCallError) as info:
            await drain(provider.start(CONVERSATION, stream=stream))
    assert info.value.kind == "timeout"
    assert "provider.timeout_s" in info.value.message
    assert time.perf_counter() - started < 3.0  # both cut at 0.3 s: less than one slow answer
    assert sleeps == [0.5]
    assert len(server.requests) == 2


@pytest.mark.parametrize("kind", ["openai", "anthropic"])
async def test_whole_answer_has_one_deadline_even_when_bytes_keep_trickling(
    kind: str, server: FakeLLMServer, sleeps: Sleeps
) -> None:
    # Each read beats the 0.3 s timeout, but the answer as a whole takes ~3 s.
    server.enqueue(Trickle(interval_s=0.1, pieces=30))
    started = time.perf_counter()
    async with make(kind, server.url, sleeps, attempts=1, timeout_s=0.3) as provider:
        with pytest.raises(ProviderCallError) as info:
            await provider.complete(CONVERSATION)
    assert info.value.kind == "timeout"
    # cut at its 0.3 s deadline, not when the last byte came (~3 s): room for a loaded machine
    assert time.perf_counter() - started < 2.0


# network down, fallback, check ------------------------------------------------------------
async def test_network_down_is_a_clear_error_that_offers_offline(sleeps: Sleeps) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    async with make("openai", url, sleeps) as provider:
        with pytest.raises(ProviderCallError) as info:
            await provider.complete(CONVERSATION)
    assert info.value.kind == "connection"
    assert info.value.title == "Provider unreachable"
    assert "offline interviewer" in info.value.message
    assert "provider.fallback_offline" in info.value.message
    assert sleeps == [0.5, 1.0]  # connection errors are retried too


def _config(name: str, base_url: str, *, fallback: bool = True, key: str = KEY) -> Config:
    return Config(
        provider=ProviderConfig(name=name, base_url=base_url, fallback_offline=fallback),
        keys=KeysConfig(openai=SecretStr(key), anthropic=SecretStr(key)),
    )


@pytest.fixture
def no_key_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "COACH_API_KEY"):
        monkeypatch.delenv(var, raising=False)


@pytest.mark.usefixtures("no_key_env")
async def test_resolve_falls_back_to_offline_when_unreachable(
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = _config("openai", f"http://127.0.0.1:{closed_port()}/v1")
    with caplog.at_level(logging.WARNING):
        resolution = await resolve_provider(config)
    assert isinstance(resolution.provider, OfflineProvider)
    assert resolution.fell_back and resolution.requested == "openai"
    assert resolution.fallback_reason and "offline interviewer" in resolution.fallback_reason
    assert resolution.error is not None and resolution.error.kind == "connection"
    assert "offline interviewer takes over" in caplog.text


@pytest.mark.usefixtures("no_key_env")
async def test_resolve_falls_back_when_misconfigured_unless_disallowed() -> None:
    config = _config("anthropic", "", key="")
    resolution = await resolve_provider(config)
    assert isinstance(resolution.provider, OfflineProvider)
    assert resolution.error is not None and resolution.error.kind == "auth"

    with pytest.raises(ProviderCallError, match="ANTHROPIC_API_KEY"):
        await resolve_provider(config, allow_fallback=False)
    with pytest.raises(ProviderCallError, match="ANTHROPIC_API_KEY"):
        await resolve_provider(_config("anthropic", "", key="", fallback=False))


@pytest.mark.usefixtures("no_key_env")
async def test_resolve_keeps_a_reachable_provider_and_bills_nothing(server: FakeLLMServer) -> None:
    resolution = await resolve_provider(_config("openai", server.openai_url))
    assert isinstance(resolution.provider, OpenAIProvider) and not resolution.fell_back
    await resolution.provider.aclose()
    assert [r.method for r in server.requests] == ["GET"]  # the probe sent no key, no prompt
    assert "authorization" not in server.requests[0].headers


def test_build_provider_reads_key_from_env_first(
    monkeypatch: pytest.MonkeyPatch, server: FakeLLMServer
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("COACH_PROVIDER__BASE_URL", server.openai_url)
    config_mod.set_value("provider.name", "openai")
    config_mod.set_value("keys.openai", "sk-from-config")  # config.toml's key: the variable wins
    provider = build_provider(config_mod.load())
    assert isinstance(provider, OpenAIProvider)
    assert provider.auth_headers()["authorization"] == "Bearer sk-from-env"
    offline = build_provider(_config("offline", ""))
    assert isinstance(offline, OfflineProvider)


def test_openai_compatible_needs_base_url_and_model() -> None:
    with pytest.raises(ProviderCallError, match="provider.base_url") as info:
        OpenAICompatibleProvider(model="llama3.1")
    assert info.value.kind == "misconfigured"
    with pytest.raises(ProviderCallError, match="provider.model"):
        OpenAICompatibleProvider(base_url="http://127.0.0.1:11434/v1")


async def test_check_reports_success_and_failure(server: FakeLLMServer, sleeps: Sleeps) -> None:
    async with make("anthropic", server.url, sleeps) as provider:
        ok, latency_ms, detail = await check(provider)
    assert ok and latency_ms >= 0 and "answered" in detail
    assert server.requests[-1].body["max_tokens"] == 16

    async with make("openai", f"http://127.0.0.1:{closed_port()}", sleeps, attempts=1) as broken:
        ok, _, detail = await check(broken)
    assert not ok and "Provider unreachable" in detail


# key hygiene --------------------------------------------------------------------------------
async def test_key_never_appears_in_logs_errors_or_reprs(
    server: FakeLLMServer, sleeps: Sleeps, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # root: httpx and httpcore debug output included
    errors: list[str] = []
    server.enqueue(
        Reply(),
        Status(500),
        Reply(),
        Status(400, message=f"Invalid request from key {KEY}"),  # a server echoing the key
        Cut(before=1),
    )
    for kind in ("openai", "anthropic"):
        provider = make(kind, server.url, sleeps)
        errors.append(repr(provider))
        await provider.complete(CONVERSATION)
        await drain(provider.stream(CONVERSATION))
        for _ in range(2 if kind == "openai" else 0):
            try:
                await drain(provider.stream(CONVERSATION))
            except ProviderCallError as exc:
                errors += [str(exc), repr(exc), exc.title]
        await provider.aclose()
    async with make("openai", server.url, sleeps, key="sk-wrong-" + KEY[-6:]) as bad:
        with pytest.raises(ProviderCallError) as info:
            await bad.complete(CONVERSATION)
        errors.append(str(info.value))

    assert any(r.headers.get("authorization") == f"Bearer {KEY}" for r in server.requests)
    assert len(errors) >= 4 and any("***" in e for e in errors)  # the echoed key was redacted
    logged = "\n".join(r.getMessage() for r in caplog.records) + caplog.text
    assert caplog.records, "expected debug logging to be captured"
    assert KEY not in logged
    assert not any(KEY in e for e in errors)
