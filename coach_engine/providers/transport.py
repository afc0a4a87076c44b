"""HTTP machinery shared by the hosted providers: the retry loop, timeouts, SSE, errors.

Why httpx rather than the official SDKs: httpx is already a dependency; the wire surface Coach
uses is two endpoints; the SDKs retry on their own (hidden sleeps that tests cannot skip, retries
stacked on ours) and end a stream silently when the connection drops before ``[DONE]``, which
Coach must report as an error. Owning ~150 lines of HTTP keeps retry policy, stream-cut detection
and key hygiene in one place, identical for every provider.
"""

from __future__ import annotations

import asyncio
import json
import logging
from abc import abstractmethod
from collections.abc import AsyncIterator, Sequence
from typing import Any, ClassVar

from pydantic import SecretStr

from coach_engine.providers._httpx import httpx
from coach_engine.providers.base import Provider
from coach_engine.providers.retry import RETRYABLE_STATUS, RetryPolicy, retry_after_seconds
from coach_engine.providers.types import CallStats, ChatMessage, ErrorKind, ProviderCallError

logger = logging.getLogger(__name__)

OFFLINE_HINT = (
    "or continue with the offline interviewer: `coach config set provider.fallback_offline true` "
    "switches to it automatically, `coach config set provider.name offline` makes it the default"
)


class HTTPProvider(Provider):
    """A provider reached over HTTP. Subclasses build bodies and parse answers."""

    default_base_url: ClassVar[str] = ""
    api_label: ClassVar[str] = "HTTP"
    endpoint: ClassVar[str] = ""
    """Path of the completion endpoint below ``base_url``."""

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
        super().__init__(model=model)
        if self.needs_key and not api_key:
            raise ProviderCallError(f"no API key for {self.name}; {self.key_fix()}", kind="auth")
        self._api_key = SecretStr(api_key)
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        if not self.base_url.startswith(("http://", "https://")):
            raise ProviderCallError(
                f"{self.name} needs an http(s) base URL, not {self.base_url!r}; "
                "run `coach config set provider.base_url http://127.0.0.1:11434/v1` (Ollama)",
                kind="misconfigured",
            )
        self.timeout_s = timeout_s
        self.retry = retry or RetryPolicy()
        self._transport = transport
        self._http: httpx.AsyncClient | None = None

    async def execute(
        self,
        messages: Sequence[ChatMessage],
        options: Provider.Options,
        *,
        stream: bool,
        stats: CallStats,
    ) -> AsyncIterator[str]:
        """Send one request and yield its text; the response is always closed."""
        body = self.body(messages, options, stream)
        response = await self.send(self.endpoint, body, stream=stream, stats=stats)
        try:
            if not stream:
                yield self._parse_whole(self.loads(response.content), stats)
                return
            async for text in self._stream_text(response, stats):
                yield text
        finally:
            await response.aclose()

    @abstractmethod
    def body(
        self, messages: Sequence[ChatMessage], options: Provider.Options, stream: bool
    ) -> dict[str, Any]:
        """The request body in this API's shape."""

    @abstractmethod
    def _parse_whole(self, data: dict[str, Any], stats: CallStats) -> str:
        """The text of a non-streamed answer (usage and finish reason go into ``stats``)."""

    @abstractmethod
    def _stream_text(self, response: httpx.Response, stats: CallStats) -> AsyncIterator[str]:
        """The text chunks of a streamed answer; raises ``stream_cut`` if it ends early."""

    def key_fix(self) -> str:
        return f"set {self.key_env_var} or run `coach config set {self.key_setting} …`"

    def auth_headers(self) -> dict[str, str]:
        return {}

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(
                timeout=httpx.Timeout(self.timeout_s, connect=min(self.timeout_s, 10.0)),
                transport=self._transport,
                follow_redirects=False,
            )
        return self._http

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    async def probe(self, timeout_s: float = 3.0) -> None:
        # Any HTTP answer, even 404, proves the server is there; no key is sent, nothing is billed.
        try:
            await self._client().get(self.base_url, timeout=timeout_s)
        except httpx.TransportError as exc:
            raise self._connection_error(exc) from None

    # sending ------------------------------------------------------------------------------
    async def send(
        self, path: str, body: dict[str, Any], *, stream: bool, stats: CallStats
    ) -> httpx.Response:
        """POST with retries; returns a 2xx response (body unread when ``stream``).

        Retries 408/409/429/5xx, timeouts and connection errors up to ``retry.max_attempts``,
        waiting exponentially longer or as long as Retry-After asks (capped).
        """
        client = self._client()
        headers = {
            "content-type": "application/json",
            "accept": "text/event-stream" if stream else "application/json",
            **self.auth_headers(),
        }
        error: ProviderCallError | None = None
        for attempt in range(1, self.retry.max_attempts + 1):
            stats.attempts = attempt
            retry_after: float | None = None
            request = client.build_request("POST", self.base_url + path, json=body, headers=headers)
            try:
                if stream:
                    response = await client.send(request, stream=True)
                else:
                    # A whole-answer call gets one deadline; httpx's only bounds each read.
                    async with asyncio.timeout(self.timeout_s):
                        response = await client.send(request)
            except (httpx.TimeoutException, TimeoutError):
                error = self._timeout_error(attempt)
            except httpx.TransportError as exc:
                error = self._connection_error(exc)
            else:
                if response.is_success:
                    return response
                if stream:
                    await response.aread()
                    await response.aclose()
                error = self._status_error(response, attempt)
                if response.status_code not in RETRYABLE_STATUS or error.kind == "quota":
                    raise error
                retry_after = retry_after_seconds(response.headers)
            if attempt < self.retry.max_attempts:
                delay = self.retry.delay(attempt, retry_after)
                logger.warning(
                    "%s: attempt %d failed (%s); retrying in %.2f s",
                    self.name,
                    attempt,
                    error.kind,
                    delay,
                )
                await self.retry.sleep(delay)
        assert error is not None
        raise error

    async def sse(self, response: httpx.Response) -> AsyncIterator[tuple[str, str]]:
        """Server-sent events as ``(event, data)``; a broken connection is ``stream_cut``."""
        event, data = "", list[str]()
        try:
            async for line in response.aiter_lines():
                if not line:
                    if data:
                        yield event or "message", "\n".join(data)
                    event, data = "", []
                    continue
                name, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if name == "event":
                    event = value
                elif name == "data":
                    data.append(value)
        except httpx.TimeoutException:
            raise ProviderCallError(
                f"{self.name} stopped sending in the middle of the answer for more than "
                f"{self.timeout_s:g} s; try again, {OFFLINE_HINT}",
                kind="timeout",
            ) from None
        except httpx.TransportError as exc:
            raise self.stream_cut(str(exc) or type(exc).__name__) from None

    # parsing and errors -------------------------------------------------------------------
    def loads(self, raw: str | bytes) -> dict[str, Any]:
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            excerpt = self.redact(raw if isinstance(raw, str) else raw.decode("utf-8", "replace"))
            raise ProviderCallError(
                f"{self.name} sent an answer that is not the expected JSON ({excerpt[:120]!r}); "
                f"check that {self.base_url} speaks the {self.api_label} API",
                kind="bad_response",
            )
        return data

    def stream_cut(self, detail: str) -> ProviderCallError:
        return ProviderCallError(
            f"the answer from {self.name} stopped before it was complete ({detail}); "
            "the partial answer was not used — try again",
            kind="stream_cut",
        )

    def redact(self, text: str) -> str:
        key = self._api_key.get_secret_value()
        return text.replace(key, "***") if key else text

    def _detail(self, response: httpx.Response) -> tuple[str, str]:
        """(message, code) from an error body in OpenAI's or Anthropic's shape, or raw text."""
        try:
            body = json.loads(response.content)
            err = body.get("error") if isinstance(body, dict) else None
            if isinstance(err, dict):
                code = str(err.get("code") or err.get("type") or "")
                return self.redact(str(err.get("message", ""))[:300]), code
        except ValueError:
            pass
        return self.redact(response.text[:200].strip()), ""

    def _status_error(self, response: httpx.Response, attempt: int) -> ProviderCallError:
        status = response.status_code
        message, code = self._detail(response)
        said = f"HTTP {status}" + (f": {message}" if message else "")
        text: str
        kind: ErrorKind
        if status in (401, 403):
            text, kind = f"{self.name} rejected the API key ({said}); {self.key_fix()}", "auth"
        elif status == 404:
            text, kind = (
                f"{self.name} does not know model {self.model!r} or {self.base_url} is not "
                f"an {self.api_label} endpoint ({said}); check provider.model and "
                "provider.base_url (`coach config set provider.model …`)",
                "not_found",
            )
        elif status == 429 and code == "insufficient_quota":
            text, kind = (
                f"the {self.name} account is out of credit ({said}); {OFFLINE_HINT}",
                "quota",
            )
        elif status == 429:
            text, kind = (
                f"{self.name} is rate-limiting this key ({said}) after {attempt} attempt(s); "
                f"wait a minute and try again, {OFFLINE_HINT}",
                "rate_limited",
            )
        elif status >= 500 or status in RETRYABLE_STATUS:
            text, kind = (
                f"{self.name} is failing ({said}) after {attempt} attempt(s); "
                f"try again later, {OFFLINE_HINT}",
                "server_error",
            )
        else:
            text, kind = f"{self.name} refused the request ({said})", "bad_request"
        return ProviderCallError(text, kind=kind, status=status)

    def _timeout_error(self, attempt: int) -> ProviderCallError:
        return ProviderCallError(
            f"no answer from {self.name} at {self.base_url} within {self.timeout_s:g} s "
            f"after {attempt} attempt(s); raise the limit (`coach config set provider.timeout_s "
            f"120`), {OFFLINE_HINT}",
            kind="timeout",
        )

    def _connection_error(self, exc: httpx.TransportError) -> ProviderCallError:
        detail = self.redact(str(exc) or type(exc).__name__)
        return ProviderCallError(
            f"cannot reach {self.name} at {self.base_url} ({detail}); check the network and "
            f"provider.base_url, {OFFLINE_HINT}",
            kind="connection",
        )
