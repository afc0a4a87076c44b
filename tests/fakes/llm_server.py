"""A real HTTP server on 127.0.0.1 speaking OpenAI Chat Completions and Anthropic Messages.

Production provider classes are pointed at it (``base_url``) and must cope with exactly what
the real APIs send: SSE with chunked transfer encoding, ``data: [DONE]``, Anthropic's typed
events, error bodies in each vendor's shape, and scripted failures — 429 with Retry-After, 5xx,
malformed JSON, streams cut mid-answer (abruptly or cleanly), and answers slower than the
client's timeout. Like the real APIs it rejects requests with a wrong key or a malformed body
(Anthropic: a ``system`` role inside ``messages``, missing ``max_tokens``), so wire bugs show.

    with FakeLLMServer() as server:
        server.enqueue(Status(429, retry_after="2"), Reply("hello world"))
        ... OpenAIProvider(base_url=server.openai_url, ...) ...
        assert len(server.requests) == 2
"""

from __future__ import annotations

import json
import socket
import sys
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """A successful answer, streamed as ``chunks`` (default: word by word) when asked to."""

    text: str = "Hello! Let's begin."
    chunks: list[str] | None = None
    input_tokens: int = 21
    output_tokens: int = 6
    report_usage: bool = True
    gate: threading.Event | None = None
    """When set, the stream pauses after its first chunk until the event is set."""

    def parts(self) -> list[str]:
        if self.chunks is not None:
            return self.chunks
        words = self.text.split(" ")
        return [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)]


@dataclass
class Status:
    """An HTTP error in the vendor's error shape."""

    status: int
    message: str = "scripted failure"
    code: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Malformed:
    """200 with a body (or, streaming, an event) that is not JSON."""

    body: str = '{"choices": [ this is not json'


@dataclass
class Cut:
    """Stream ``before`` chunks of ``reply`` then stop: ``abrupt`` drops the connection
    mid-body; otherwise the body ends cleanly but without the end-of-answer marker."""

    before: int = 2
    abrupt: bool = True
    reply: Reply = field(default_factory=Reply)


@dataclass
class Slow:
    """Wait ``delay_s`` before answering (the client should time out first)."""

    delay_s: float
    then: Reply = field(default_factory=Reply)


@dataclass
class Trickle:
    """A whole (non-streamed) answer sent in ``pieces`` parts ``interval_s`` apart: every read
    is quick, but the answer as a whole takes ``pieces * interval_s``."""

    interval_s: float = 0.1
    pieces: int = 10
    then: Reply = field(default_factory=Reply)


Behaviour = Reply | Status | Malformed | Cut | Slow | Trickle


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that time out or drop a stream close their socket; that is the test, not a bug.
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)


class FakeLLMServer:
    def __init__(self, *, api_key: str | None = None) -> None:
        self.api_key = api_key
        """When set, requests must carry it (Bearer or x-api-key) or get 401."""
        self.requests: list[Recorded] = []
        self._script: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.fake = self  # type: ignore[attr-defined]
        # A short poll interval keeps shutdown (every test's teardown) fast.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def openai_url(self) -> str:
        return self.url + "/v1"

    def enqueue(self, *behaviours: Behaviour) -> None:
        with self._lock:
            self._script.extend(behaviours)

    def next_behaviour(self) -> Behaviour:
        with self._lock:
            return self._script.popleft() if self._script else Reply()

    def record(self, entry: Recorded) -> None:
        with self._lock:
            self.requests.append(entry)

    def __enter__(self) -> FakeLLMServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()


def _openai_chunk(
    model: str, delta: dict[str, Any], finish: str | None, usage: bool
) -> dict[str, Any]:
    chunk: dict[str, Any] = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    if usage:
        chunk["usage"] = None  # as the real API does once include_usage is on
    return chunk


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive and chunked bodies, like the real APIs

    @property
    def fake(self) -> FakeLLMServer:
        return self.server.fake  # type: ignore[attr-defined,no-any-return]

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    # plumbing -----------------------------------------------------------------------------
    def _headers_dict(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.headers.items()}

    def _send_json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        raw = (body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(raw)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(raw)

    def _start_sse(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()

    def _chunk(self, text: str) -> None:
        raw = text.encode()
        self.wfile.write(f"{len(raw):x}\r\n".encode() + raw + b"\r\n")
        self.wfile.flush()

    def _end_chunks(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _drop(self) -> None:
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    # requests -----------------------------------------------------------------------------
    def do_GET(self) -> None:
        self.fake.record(Recorded("GET", self.path, self._headers_dict(), None))
        self._send_json(200, {"object": "list", "data": []})

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", 0))
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        headers = self._headers_dict()
        self.fake.record(Recorded("POST", self.path, headers, body))
        anthropic = self.path == "/v1/messages"
        if self.path not in ("/v1/chat/completions", "/v1/messages"):
            self._error(404, f"unknown path {self.path}", anthropic)
            return
        problem = self._check(headers, body, anthropic)
        if problem:
            status, message = problem
            self._error(status, message, anthropic)
            return
        try:
            self._behave(self.fake.next_behaviour(), body, anthropic)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout): nothing to answer

    def _check(self, headers: dict[str, str], body: Any, anthropic: bool) -> tuple[int, str] | None:
        key = self.fake.api_key
        given = headers.get("x-api-key") if anthropic else headers.get("authorization")
        if key is not None and given != (key if anthropic else f"Bearer {key}"):
            return 401, "invalid x-api-key" if anthropic else "Incorrect API key provided"
        if not isinstance(body, dict) or not body.get("model"):
            return 400, "model: field required"
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            return 400, "messages: at least one message is required"
        if anthropic:
            if "anthropic-version" not in headers:
                return 400, "anthropic-version header is required"
            if not isinstance(body.get("max_tokens"), int):
                return 400, "max_tokens: field required"
            if any(m.get("role") not in ("user", "assistant") for m in messages):
                return 400, "messages: roles must be user or assistant; use the system field"
        return None

    def _error(
        self,
        status: int,
        message: str,
        anthropic: bool,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        if anthropic:
            kind = {429: "rate_limit_error", 401: "authentication_error"}.get(status, "api_error")
            body: dict[str, Any] = {"type": "error", "error": {"type": kind, "message": message}}
        else:
            body = {"error": {"message": message, "type": "error", "code": code}}
        self._send_json(status, body, headers)

    def _behave(self, b: Behaviour, body: dict[str, Any], anthropic: bool) -> None:
        stream = bool(body.get("stream"))
        if isinstance(b, Slow):
            if self.fake.stopping.wait(b.delay_s):
                return
            b = b.then
        if isinstance(b, Trickle):
            self._trickle(b, body, anthropic)
        elif isinstance(b, Status):
            self._error(b.status, b.message, anthropic, b.code, b.headers)
        elif isinstance(b, Malformed):
            if stream:
                self._start_sse()
                self._chunk(f"data: {b.body}\n\n")
                self._end_chunks()
            else:
                self._send_json(200, b.body)
        elif isinstance(b, Cut):
            self._stream(b.reply, body, anthropic, cut=b)
        elif stream:
            self._stream(b, body, anthropic)
        else:
            self._whole(b, body, anthropic)

    def _trickle(self, t: Trickle, body: dict[str, Any], anthropic: bool) -> None:
        raw = json.dumps(self._whole_body(t.then, body, anthropic)).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(raw)))
        self.end_headers()
        step = -(-len(raw) // t.pieces)
        for i in range(0, len(raw), step):
            self.wfile.write(raw[i : i + step])
            self.wfile.flush()
            if self.fake.stopping.wait(t.interval_s):
                return

    def _whole(self, r: Reply, body: dict[str, Any], anthropic: bool) -> None:
        self._send_json(200, self._whole_body(r, body, anthropic))

    def _whole_body(self, r: Reply, body: dict[str, Any], anthropic: bool) -> dict[str, Any]:
        model = body["model"]
        if anthropic:
            return {
                "id": "msg_fake",
                "type": "message",
                "role": "assistant",
                "model": model,
                "content": [{"type": "text", "text": r.text}],
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": {"input_tokens": r.input_tokens, "output_tokens": r.output_tokens},
            }
        answer: dict[str, Any] = {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 1700000000,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": r.text},
                    "finish_reason": "stop",
                }
            ],
        }
        if r.report_usage:
            answer["usage"] = {
                "prompt_tokens": r.input_tokens,
                "completion_tokens": r.output_tokens,
                "total_tokens": r.input_tokens + r.output_tokens,
            }
        return answer

    def _stream(
        self, r: Reply, body: dict[str, Any], anthropic: bool, cut: Cut | None = None
    ) -> None:
        self._start_sse()
        events = self._anthropic_events(r, body) if anthropic else self._openai_events(r, body)
        first_text_sent = False
        sent_text = 0
        for event, is_text in events:
            if cut is not None and is_text and sent_text == cut.before:
                if cut.abrupt:
                    self._drop()
                else:
                    self._end_chunks()
                return
            self._chunk(event)
            if is_text:
                sent_text += 1
                if r.gate is not None and not first_text_sent:
                    r.gate.wait(5)
                first_text_sent = True
        self._end_chunks()

    def _openai_events(self, r: Reply, body: dict[str, Any]) -> list[tuple[str, bool]]:
        model = body["model"]
        usage = bool((body.get("stream_options") or {}).get("include_usage")) and r.report_usage

        def sse(data: Any) -> str:
            return f"data: {json.dumps(data)}\n\n"

        out = [
            (sse(_openai_chunk(model, {"role": "assistant", "content": ""}, None, usage)), False)
        ]
        out += [(sse(_openai_chunk(model, {"content": p}, None, usage)), True) for p in r.parts()]
        out.append((sse(_openai_chunk(model, {}, "stop", usage)), False))
        if usage:
            out.append(
                (
                    sse(
                        {
                            "id": "chatcmpl-fake",
                            "object": "chat.completion.chunk",
                            "created": 1700000000,
                            "model": model,
                            "choices": [],
                            "usage": {
                                "prompt_tokens": r.input_tokens,
                                "completion_tokens": r.output_tokens,
                                "total_tokens": r.input_tokens + r.output_tokens,
                            },
                        }
                    ),
                    False,
                )
            )
        out.append(("data: [DONE]\n\n", False))
        return out

    def _anthropic_events(self, r: Reply, body: dict[str, Any]) -> list[tuple[str, bool]]:
        def sse(event: str, data: Any) -> str:
            return f"event: {event}\ndata: {json.dumps(data)}\n\n"

        out = [
            (
                sse(
                    "message_start",
                    {
                        "type": "message_start",
                        "message": {
                            "id": "msg_fake",
                            "type": "message",
                            "role": "assistant",
                            "content": [],
                            "model": body["model"],
                            "stop_reason": None,
                            "stop_sequence": None,
                            "usage": {"input_tokens": r.input_tokens, "output_tokens": 1},
                        },
                    },
                ),
                False,
            )
        ]
        out.append(
            (
                sse(
                    "content_block_start",
                    {
                        "type": "content_block_start",
                        "index": 0,
                        "content_block": {"type": "text", "text": ""},
                    },
                ),
                False,
            )
        )
        out.append((sse("ping", {"type": "ping"}), False))
        out += [
            (
                sse(
                    "content_block_delta",
                    {
                        "type": "content_block_delta",
                        "index": 0,
                        "delta": {"type": "text_delta", "text": p},
                    },
                ),
                True,
            )
            for p in r.parts()
        ]
        out.append((sse("content_block_stop", {"type": "content_block_stop", "index": 0}), False))
        out.append(
            (
                sse(
                    "message_delta",
                    {
                        "type": "message_delta",
                        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                        "usage": {"output_tokens": r.output_tokens},
                    },
                ),
                False,
            )
        )
        out.append((sse("message_stop", {"type": "message_stop"}), False))
        return out
