"""The provider interface, shaped like simonw/llm's models but async.

A provider is a class with declarative attributes (``name``, ``model_id``, ``needs_key``,
``key_env_var``, ``can_stream``), a nested pydantic ``Options`` and one method, ``execute``, that
yields text chunks. Everything else — ``stream`` (chunks as they arrive, usage at the end) and
``complete`` (text and usage at once) — is built on ``execute`` here, once.

Providers never log, store or show their key; errors they raise are ``ProviderCallError`` (a
``ProviderError``) whose ``kind`` says what went wrong and whose message says the fix.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError as PydanticValidationError

from coach_engine.providers.response import StreamResponse
from coach_engine.providers.types import CallStats, ChatMessage, Completion, ProviderCallError


class Provider(ABC):
    """An LLM that answers a conversation. Subclasses set the class attributes and ``execute``."""

    name: ClassVar[str]
    """Registry key and the value of ``provider.name`` in config."""
    model_id: ClassVar[str]
    """Model used when ``provider.model`` is empty."""
    needs_key: ClassVar[bool] = False
    key_env_var: ClassVar[str | None] = None
    key_setting: ClassVar[str | None] = None
    """The ``coach config set`` key that stores this provider's API key."""
    can_stream: ClassVar[bool] = True

    class Options(BaseModel):
        model_config = ConfigDict(extra="forbid")

        max_tokens: int = Field(default=1024, ge=1, le=64_000)
        """Most tokens the answer may use; also the output size budget estimates assume."""
        temperature: float | None = Field(default=None, ge=0, le=2)
        """Sampling temperature; None keeps the model's default (some models accept no other)."""

    def __init__(self, *, model: str = "") -> None:
        self.model = model or self.model_id

    @property
    def is_local(self) -> bool:
        """True when calls run on this machine or network and cost nothing."""
        return False

    def __repr__(self) -> str:
        # Deliberately only name and model: a repr must never leak a key into logs or tracebacks.
        return f"<{type(self).__name__} {self.name}:{self.model}>"

    def parse_options(self, options: BaseModel | Mapping[str, Any] | None) -> Provider.Options:
        """Validate caller options against this provider's ``Options``."""
        if isinstance(options, self.Options):
            return options
        raw = options.model_dump() if isinstance(options, BaseModel) else dict(options or {})
        try:
            return self.Options.model_validate(raw)
        except PydanticValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ProviderCallError(
                f"invalid option for {self.name}: {where}: {first['msg']}", kind="bad_request"
            ) from None

    @abstractmethod
    def execute(
        self,
        messages: Sequence[ChatMessage],
        options: Provider.Options,
        *,
        stream: bool,
        stats: CallStats,
    ) -> AsyncIterator[str]:
        """Send the conversation and yield the answer's text chunks in order.

        With ``stream=False`` the whole text may come as one chunk. Implementations record
        attempts, usage (when the server reports it), finish reason and model in ``stats``.

        Raises:
            ProviderCallError: on any failure, including a stream that ends before the provider
                marked it complete (``kind="stream_cut"``) — never a silent truncation.
        """

    def start(
        self,
        messages: Sequence[ChatMessage],
        options: BaseModel | Mapping[str, Any] | None = None,
        *,
        stream: bool = True,
    ) -> StreamResponse:
        """Prepare a call (nothing is sent until the response is first iterated).

        ``stream=False`` asks the server for the whole answer in one body; either way the
        response yields text chunks and settles ``usage`` once iteration ends.
        """
        opts = self.parse_options(options)
        stats = CallStats()
        chunks = self.execute(messages, opts, stream=stream and self.can_stream, stats=stats)
        return StreamResponse(chunks, stats, model=self.model, messages=messages)

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: BaseModel | Mapping[str, Any] | None = None,
    ) -> StreamResponse:
        """Iterate the result for text chunks as they arrive; ``usage`` is set at the end."""
        return self.start(messages, options, stream=True)

    async def complete(
        self,
        messages: Sequence[ChatMessage],
        options: BaseModel | Mapping[str, Any] | None = None,
    ) -> Completion:
        """The whole answer at once (no streaming on the wire), with usage."""
        response = self.start(messages, options, stream=False)
        await response.collect()
        return response.completion()

    async def probe(self, timeout_s: float = 3.0) -> None:
        """Raise ``ProviderCallError`` when the provider cannot be reached. Costs nothing."""
        return None  # in-process providers are always reachable

    async def aclose(self) -> None:
        """Release connections. The provider must not be used afterwards."""
        return None  # nothing to release unless the provider holds connections

    async def __aenter__(self) -> Provider:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
