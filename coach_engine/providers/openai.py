"""OpenAI Chat Completions (``POST {base_url}/chat/completions``), streaming and not.

The stream is complete when a choice reports a ``finish_reason`` or ``data: [DONE]`` arrives; a
stream that ends before either is an error (``stream_cut``), never a shorter answer.
``openai_compatible`` reuses this class with a different body field for the output limit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any, ClassVar

from pydantic import Field

from coach_engine.providers._httpx import httpx
from coach_engine.providers.base import Provider
from coach_engine.providers.transport import HTTPProvider
from coach_engine.providers.types import CallStats, ChatMessage, ProviderCallError, Usage


class OpenAIProvider(HTTPProvider):
    name = "openai"
    model_id = "gpt-4o-mini"
    needs_key = True
    key_env_var = "OPENAI_API_KEY"
    key_setting = "keys.openai"
    default_base_url = "https://api.openai.com/v1"
    api_label = "OpenAI Chat Completions"
    endpoint = "/chat/completions"
    # OpenAI deprecated max_tokens and its reasoning models reject it; local servers know only it.
    max_tokens_field: ClassVar[str] = "max_completion_tokens"

    class Options(Provider.Options):
        seed: int | None = Field(default=None)
        """Best-effort reproducible sampling where the server supports it."""

    def auth_headers(self) -> dict[str, str]:
        key = self._api_key.get_secret_value()
        return {"authorization": f"Bearer {key}"} if key else {}

    def body(
        self, messages: Sequence[ChatMessage], options: Provider.Options, stream: bool
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            self.max_tokens_field: options.max_tokens,
        }
        if options.temperature is not None:
            body["temperature"] = options.temperature
        seed = getattr(options, "seed", None)
        if seed is not None:
            body["seed"] = seed
        if stream:
            body["stream"] = True
            body["stream_options"] = {"include_usage": True}
        return body

    async def _stream_text(self, response: httpx.Response, stats: CallStats) -> AsyncIterator[str]:
        complete = False
        async for _event, data in self.sse(response):
            if data.strip() == "[DONE]":
                complete = True
                break
            text = self._parse_chunk(self.loads(data), stats)
            if stats.finish_reason is not None:
                complete = True
            if text:
                yield text
        if not complete:
            raise self.stream_cut("the stream ended without [DONE]")

    def _usage(self, data: dict[str, Any], stats: CallStats) -> None:
        usage = data.get("usage")
        if isinstance(usage, dict) and "prompt_tokens" in usage:
            stats.usage = Usage(
                input_tokens=int(usage.get("prompt_tokens") or 0),
                output_tokens=int(usage.get("completion_tokens") or 0),
            )

    def _parse_whole(self, data: dict[str, Any], stats: CallStats) -> str:
        try:
            choice = data["choices"][0]
            message = choice["message"]
        except (KeyError, IndexError, TypeError):
            raise self._shape_error(data) from None
        stats.model = str(data.get("model") or self.model)
        stats.finish_reason = choice.get("finish_reason")
        self._usage(data, stats)
        # A refusal arrives in its own field with content null; show it rather than nothing.
        return str(message.get("content") or message.get("refusal") or "")

    def _parse_chunk(self, chunk: dict[str, Any], stats: CallStats) -> str:
        if "error" in chunk:
            error = chunk["error"]
            detail = error.get("message", error) if isinstance(error, dict) else error
            raise ProviderCallError(
                f"{self.name} reported an error in the middle of the answer: "
                f"{self.redact(str(detail))[:300]}; try again",
                kind="server_error",
            )
        self._usage(chunk, stats)
        if chunk.get("model"):
            stats.model = str(chunk["model"])
        choices = chunk.get("choices")
        if not isinstance(choices, list):
            raise self._shape_error(chunk)
        parts = []
        for choice in choices:
            delta = choice.get("delta") or {}
            if isinstance(delta.get("content"), str):
                parts.append(delta["content"])
            if choice.get("finish_reason"):
                stats.finish_reason = str(choice["finish_reason"])
        return "".join(parts)

    def _shape_error(self, data: dict[str, Any]) -> ProviderCallError:
        return ProviderCallError(
            f"{self.name} answered without choices (keys: {', '.join(sorted(data)) or 'none'}); "
            f"check that {self.base_url} speaks the {self.api_label} API",
            kind="bad_response",
        )
