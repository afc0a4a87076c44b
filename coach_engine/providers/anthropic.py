"""Anthropic Messages (``POST {base_url}/v1/messages``), streaming and not.

System turns go in the top-level ``system`` field; consecutive turns of one role are merged, as
the API wants alternating turns. The stream is complete at ``message_stop`` (or once
``message_delta`` carried a ``stop_reason``); ending before that is ``stream_cut``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from pydantic import Field

from coach_engine.providers._httpx import httpx
from coach_engine.providers.base import Provider
from coach_engine.providers.retry import RetryPolicy
from coach_engine.providers.transport import HTTPProvider
from coach_engine.providers.types import CallStats, ChatMessage, ProviderCallError, Usage

API_VERSION = "2023-06-01"


class AnthropicProvider(HTTPProvider):
    name = "anthropic"
    model_id = "claude-haiku-4-5"
    needs_key = True
    key_env_var = "ANTHROPIC_API_KEY"
    key_setting = "keys.anthropic"
    default_base_url = "https://api.anthropic.com"
    api_label = "Anthropic Messages"
    endpoint = "/v1/messages"

    class Options(Provider.Options):
        temperature: float | None = Field(default=None, ge=0, le=1)
        """Sampling temperature (Anthropic accepts 0–1); None keeps the model's default."""

    def __init__(
        self,
        *,
        model: str = "",
        api_key: str = "",
        base_url: str = "",
        timeout_s: float = 60.0,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        # People paste the OpenAI-style URL with /v1; the path below already has it.
        base_url = base_url.rstrip("/").removesuffix("/v1")
        super().__init__(
            model=model,
            api_key=api_key,
            base_url=base_url,
            timeout_s=timeout_s,
            retry=retry,
            transport=transport,
        )

    def auth_headers(self) -> dict[str, str]:
        return {"x-api-key": self._api_key.get_secret_value(), "anthropic-version": API_VERSION}

    def body(
        self, messages: Sequence[ChatMessage], options: Provider.Options, stream: bool
    ) -> dict[str, Any]:
        system = "\n\n".join(m.content for m in messages if m.role == "system")
        turns: list[dict[str, str]] = []
        for m in messages:
            if m.role == "system":
                continue
            if turns and turns[-1]["role"] == m.role:
                turns[-1]["content"] += "\n\n" + m.content
            else:
                turns.append({"role": m.role, "content": m.content})
        if not turns or turns[0]["role"] != "user":
            turns.insert(0, {"role": "user", "content": "(begin)"})
        body: dict[str, Any] = {
            "model": self.model,
            "max_tokens": options.max_tokens,
            "messages": turns,
        }
        if system:
            body["system"] = system
        if options.temperature is not None:
            body["temperature"] = options.temperature
        if stream:
            body["stream"] = True
        return body

    async def _stream_text(self, response: httpx.Response, stats: CallStats) -> AsyncIterator[str]:
        complete = False
        async for _event, data in self.sse(response):
            text, complete = self._parse_event(self.loads(data), stats)
            if text:
                yield text
            if complete:
                break
        if not complete and stats.finish_reason is None:
            raise self.stream_cut("the stream ended before message_stop")

    def _parse_whole(self, data: dict[str, Any], stats: CallStats) -> str:
        content = data.get("content")
        if not isinstance(content, list):
            raise ProviderCallError(
                f"{self.name} answered without content (keys: {', '.join(sorted(data))}); "
                f"check that {self.base_url} speaks the {self.api_label} API",
                kind="bad_response",
            )
        stats.model = str(data.get("model") or self.model)
        stats.finish_reason = data.get("stop_reason")
        self._usage(data.get("usage"), stats)
        return "".join(
            str(b.get("text", ""))
            for b in content
            if isinstance(b, dict) and b.get("type") == "text"
        )

    def _usage(self, usage: Any, stats: CallStats) -> None:
        if not isinstance(usage, dict):
            return
        previous = stats.usage or Usage()
        # Cache reads and writes are input too; counting them keeps cost on the safe side.
        fresh_input = sum(
            int(usage.get(k) or 0)
            for k in ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")
        )
        stats.usage = Usage(
            input_tokens=fresh_input or previous.input_tokens,
            output_tokens=int(usage.get("output_tokens") or previous.output_tokens),
        )

    def _parse_event(self, event: dict[str, Any], stats: CallStats) -> tuple[str, bool]:
        """(text, complete) for one SSE event."""
        kind = event.get("type")
        if kind == "message_start":
            message = event.get("message") or {}
            stats.model = str(message.get("model") or self.model)
            self._usage(message.get("usage"), stats)
        elif kind == "content_block_delta":
            delta = event.get("delta") or {}
            if delta.get("type") == "text_delta":
                return str(delta.get("text", "")), False
        elif kind == "message_delta":
            stop = (event.get("delta") or {}).get("stop_reason")
            if stop:
                stats.finish_reason = str(stop)
            self._usage(event.get("usage"), stats)
        elif kind == "message_stop":
            return "", True
        elif kind == "error":
            error = event.get("error") or {}
            raise ProviderCallError(
                f"{self.name} reported an error in the middle of the answer "
                f"({error.get('type', 'error')}: {self.redact(str(error.get('message', '')))}); "
                "try again",
                kind="server_error",
            )
        return "", False
