"""``/ws/{session_id}``: one interview's events out, the candidate's actions in.

Authentication and ownership are checked *before* the socket is accepted: a bad token is
refused with 401, another user's (or a missing) session with 404, as HTTP answers to the
handshake. The token comes as ``?token=`` or an ``Authorization: Bearer`` header — or, for a
browser (no headers) that keeps tokens out of URLs, as the first frame ``{"event": "auth",
"data": {"token": ...}}`` on a socket accepted without one: nothing is sent on it before the
check, and a refusal is an ``error`` event then close code 4401 or 4404.

Out: every engine event of the session as ``{"event", "data"}`` (``docs/events.schema.json``),
``ai_token`` batched as the seed's ``MessageBatcher`` does — the tokens of one answer that arrive
within ``BATCH_S`` (at most ``BATCH_TOKENS``) go as one ``ai_token`` frame whose ``token`` is
their concatenation, flushed before any other event so order is kept — and a ``heartbeat``
frame ``{"event": "heartbeat", "data": {"id", "timestamp"}}`` every ``heartbeat_s``; a client
echoes it (``{"event": "heartbeat", "data": {"id": n}}``) and gets ``connection_quality`` with
the round trip and the heartbeats left unanswered.

In: ``message`` {content}, ``code_execution`` {code, language?, test_input?}, ``code_submit`` {code,
language?}, ``typing`` {code?, language?} (the editor's code, autosaved). Actions run one at a
time in arrival order; a malformed frame or a failed action is answered with an ``error`` event
naming the problem, and the connection stays up. An action frame may carry a client-generated
``"id"`` (beside ``event`` and ``data``, at most 64 characters): it is then answered with
``{"event": "ack", "data": {"id", "ok"}}`` once the action has run (``ok`` false: it failed, or
the frame was invalid — an ``error`` event says why), and the same id sent again (a client
resending after a reconnect) is acknowledged without running twice (``deliveries.py``).
Opening the socket opens the interview (starts or resumes it; the interviewer greets once). A
frame over ``server.max_frame_kb`` closes the socket with 1009 (uvicorn enforces it).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse

from coach_engine.api import (
    AiTokenEvent,
    CoachError,
    ConnectionQualityEvent,
    ErrorEvent,
    InterviewSession,
    NotFoundError,
    SessionStatus,
    Subscription,
    UserEngine,
    utcnow,
)
from coach_engine.server.deliveries import Deliveries
from coach_engine.server.deps import ServerState, authenticate
from coach_engine.server.errors import ApiError, error_body

log = logging.getLogger(__name__)

router = APIRouter(tags=["websocket"])

BATCH_S = 0.1
BATCH_TOKENS = 50
MAX_UNANSWERED = 100
AUTH_TIMEOUT_S = 10.0
"""How long an accepted socket without a token waits for its ``auth`` frame."""
_running: set[asyncio.Future[object]] = set()
"""Actions in flight (a reference, so a shielded one outlives its cancelled connection)."""
INBOUND = ("message", "code_execution", "code_submit", "typing", "heartbeat")
MAX_CLIENT_ID = 64


async def _refuse(websocket: WebSocket, status: int, body: dict[str, Any]) -> None:
    if "websocket.http.response" in websocket.scope.get("extensions", {}):
        await websocket.send_denial_response(JSONResponse(body, status))
    else:  # a server without denial responses: close before accepting (the client sees 403)
        await websocket.close(code=4000 + status)


async def _admit(
    server: ServerState, token: str, session_id: str
) -> tuple[UserEngine, InterviewSession]:
    """The token's user scope and its session.

    Raises:
        ApiError: 401, a bad token. NotFoundError: not a session of this user.
    """
    if not token:
        raise ApiError(
            401,
            "unauthorized",
            "No token",
            'connect with ?token=<access_token>, or send {"event": "auth", "data": {"token": '
            "<access_token>}} as the first frame",
        )
    scope, _ = await authenticate(server, token)
    return scope, await scope.sessions.get(session_id)


async def _first_frame_token(websocket: WebSocket) -> str:
    """The token of an ``auth`` first frame (empty when the frame is anything else)."""
    try:
        text = await asyncio.wait_for(websocket.receive_text(), AUTH_TIMEOUT_S)
        frame = json.loads(text)
    except (TimeoutError, ValueError, KeyError, WebSocketDisconnect, RuntimeError):
        return ""
    if not isinstance(frame, dict) or frame.get("event") != "auth":
        return ""
    data = frame.get("data")
    token = data.get("token") if isinstance(data, dict) else None
    return token if isinstance(token, str) else ""


@router.websocket("/ws/{session_id}")
async def interview_socket(websocket: WebSocket, session_id: str) -> None:
    server: ServerState = websocket.app.state.coach
    token = websocket.query_params.get("token", "")
    if not token:
        scheme, _, value = websocket.headers.get("authorization", "").partition(" ")
        token = value.strip() if scheme.lower() == "bearer" else ""
    if token:  # checked before accepting: a refusal is the handshake's HTTP answer
        try:
            scope, session = await _admit(server, token, session_id)
        except ApiError as exc:
            await _refuse(websocket, exc.status, error_body(exc.code, exc.message, exc.fix))
            return
        except NotFoundError as exc:
            await _refuse(websocket, 404, error_body("not_found", exc.title, exc.message))
            return
        await websocket.accept()
    else:
        # a browser cannot set headers, and a token in the URL ends up in proxies' logs: the
        # token may come as the first frame instead; until it is checked nothing is sent
        await websocket.accept()
        try:
            scope, session = await _admit(server, await _first_frame_token(websocket), session_id)
        except (ApiError, NotFoundError) as exc:
            if isinstance(exc, ApiError):
                status, title, message = exc.status, exc.message, exc.fix
            else:
                status, title, message = 404, exc.title, exc.message
            try:
                await _send_error(websocket, session_id, title, message)
                await websocket.close(code=4000 + status)  # 4401, 4404
            except (WebSocketDisconnect, RuntimeError):  # the client left without a token
                pass
            return
    subscription = scope.events.subscribe(session.id)
    connection = Connection(
        websocket,
        scope,
        session.id,
        subscription,
        server.heartbeat_s,
        deliveries=server.deliveries,
    )
    try:
        # a finished interview's socket still carries its events (feedback arriving late)
        finished = session.status in (SessionStatus.COMPLETED, SessionStatus.CANCELLED)
        await connection.run(open_interview=not finished)
    finally:
        subscription.close()


async def _run_in_order(
    current: asyncio.Future[object] | None, actions: list[Callable[[], Awaitable[object]]]
) -> object:
    """Run ``actions`` one after the other once ``current`` is done (a closed socket's)."""
    if current is not None:
        await asyncio.wait([current])
    for action in actions:
        try:
            await action()
        except Exception as exc:  # no socket to report it on: the log says it
            log.warning("an action left by a closed socket failed: %s", type(exc).__name__)
    return None


async def _send_error(
    websocket: WebSocket, session_id: str | None, title: str, message: str
) -> None:
    event = ErrorEvent.model_validate(
        {"event": "error", "data": {"session_id": session_id, "title": title, "message": message}}
    )
    await websocket.send_text(event.to_json())


class Connection:
    """One accepted socket: a sender (events, batched), a heartbeat, a receiver, and the
    actions queue."""

    def __init__(
        self,
        websocket: WebSocket,
        scope: UserEngine,
        session_id: str,
        subscription: Subscription,
        heartbeat_s: float,
        *,
        deliveries: Deliveries | None = None,
    ) -> None:
        self.websocket = websocket
        self.scope = scope
        self.session_id = session_id
        self.subscription = subscription
        self.heartbeat_s = heartbeat_s
        self.actions: asyncio.Queue[Callable[[], Awaitable[object]]] = asyncio.Queue()
        self._sandbox_actions: set[Callable[[], Awaitable[object]]] = set()
        self._send_lock = asyncio.Lock()
        self._beats: dict[int, float] = {}
        self._beat = 0
        self.deliveries = deliveries if deliveries is not None else Deliveries()
        self._queued_ids: dict[Callable[[], Awaitable[object]], str] = {}
        """Queued actions with a client id, not started yet (released if the socket closes)."""
        self._acks: set[asyncio.Task[None]] = set()
        self._current: asyncio.Future[object] | None = None
        """The action running now (it finishes even if the socket closes)."""

    async def run(self, *, open_interview: bool) -> None:
        if open_interview:
            self.actions.put_nowait(lambda: self.scope.interview.begin(self.session_id))
        tasks = [
            asyncio.create_task(self._send_events()),
            asyncio.create_task(self._do_actions()),
            asyncio.create_task(self._heartbeats()),
        ]
        try:
            await self._receive()
        finally:
            for task in [*tasks, *self._acks]:
                task.cancel()
            await asyncio.gather(*tasks, *self._acks, return_exceptions=True)
            self._after_disconnect()

    def _after_disconnect(self) -> None:
        """What the client sent with an id and is still queued runs anyway, in order, after
        the action in flight (a candidate who says something and leaves is still heard; a
        reconnecting client's resend gets the ack). A run still waiting for the sandbox is
        dropped, its id released (a resend runs it); id-less actions are dropped as before."""
        leftover: list[Callable[[], Awaitable[object]]] = []
        while not self.actions.empty():
            action = self.actions.get_nowait()
            client_id = self._queued_ids.pop(action, None)
            if client_id is None:
                continue
            if action in self._sandbox_actions:
                self.deliveries.release(self.scope.user_id, self.session_id, client_id)
                continue
            leftover.append(action)
        if leftover:
            runner = asyncio.ensure_future(_run_in_order(self._current, leftover))
            _running.add(runner)
            runner.add_done_callback(_running.discard)

    # out ---------------------------------------------------------------------------------------
    async def _send(self, text: str) -> None:
        async with self._send_lock:
            await self.websocket.send_text(text)

    async def _send_events(self) -> None:
        batch: list[AiTokenEvent] = []
        deadline = 0.0
        while True:
            timeout = None if not batch else max(0.0, deadline - time.monotonic())
            try:
                event = await self.subscription.get(timeout)
            except TimeoutError:
                await self._flush(batch)
                continue
            except StopAsyncIteration:
                await self._flush(batch)
                return
            if isinstance(event, AiTokenEvent):
                if batch and batch[0].data.message_id != event.data.message_id:
                    await self._flush(batch)
                if not batch:
                    deadline = time.monotonic() + BATCH_S
                batch.append(event)
                if len(batch) >= BATCH_TOKENS:
                    await self._flush(batch)
                continue
            await self._flush(batch)
            await self._send(event.to_json())

    async def _flush(self, batch: list[AiTokenEvent]) -> None:
        if not batch:
            return
        first = batch[0]
        joined = "".join(e.data.token for e in batch)
        batch.clear()
        merged = first.model_copy(update={"data": first.data.model_copy(update={"token": joined})})
        await self._send(merged.to_json())

    async def _error(self, title: str, message: str) -> None:
        event = ErrorEvent.model_validate(
            {
                "event": "error",
                "data": {"session_id": self.session_id, "title": title, "message": message},
            }
        )
        await self._send(event.to_json())

    async def _heartbeats(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat_s)
            self._beat += 1
            self._beats[self._beat] = time.monotonic()
            if len(self._beats) > MAX_UNANSWERED:  # a client that never echoes: forget the oldest
                del self._beats[min(self._beats)]
            frame = {"id": self._beat, "timestamp": utcnow().isoformat()}
            await self._send(json.dumps({"event": "heartbeat", "data": frame}))

    async def _answered(self, beat: object) -> None:
        sent = self._beats.pop(beat, None) if isinstance(beat, int) else None
        if sent is None or not isinstance(beat, int):
            await self._error("Invalid event", "heartbeat: data.id is not a heartbeat sent")
            return
        latency = (time.monotonic() - sent) * 1000
        lost = sum(1 for b in self._beats if b < beat)
        for old in [b for b in self._beats if b < beat]:
            del self._beats[old]
        status = "good" if latency < 100 else "fair" if latency < 300 else "poor"
        quality = ConnectionQualityEvent.model_validate(
            {
                "event": "connection_quality",
                "data": {
                    "session_id": self.session_id,
                    "latency_ms": round(latency, 2),
                    "status": status,
                    "packets_lost": lost,
                },
            }
        )
        await self._send(quality.to_json())

    # in ----------------------------------------------------------------------------------------
    async def _receive(self) -> None:
        while True:
            try:
                message = await self.websocket.receive()
            except WebSocketDisconnect:
                return
            if message["type"] == "websocket.disconnect":
                return
            text = message.get("text")
            if text is None:
                await self._error("Invalid event", "a frame must be JSON text, not binary")
                continue
            try:
                await self._dispatch(text)
            except WebSocketDisconnect:  # the client left while its answer was being sent
                return

    async def _dispatch(self, text: str) -> None:
        try:
            frame = json.loads(text)
        except ValueError as exc:
            await self._error("Invalid event", f"the frame is not JSON ({exc})")
            return
        if not isinstance(frame, dict) or not isinstance(frame.get("event"), str):
            await self._error(
                "Invalid event", 'a frame is a JSON object {"event": <name>, "data": {...}}'
            )
            return
        name, data = frame["event"], frame.get("data", {})
        client_id = frame.get("id")
        if client_id is not None and (
            not isinstance(client_id, str) or not 0 < len(client_id) <= MAX_CLIENT_ID
        ):
            await self._error("Invalid event", f"id must be a string of 1-{MAX_CLIENT_ID} chars")
            return
        if name not in INBOUND:
            await self._error(
                "Invalid event", f"unknown event {name[:40]!r}; send one of: {', '.join(INBOUND)}"
            )
            return
        if not isinstance(data, dict):
            await self._error("Invalid event", f"{name}: data must be a JSON object")
            return
        if name == "heartbeat":
            await self._answered(data.get("id"))
            return
        action = self._action(name, data)
        if isinstance(action, str):
            await self._error("Invalid event", f"{name}: {action}")
            if client_id is not None:  # answered: the client must not send it again
                await self._ack(client_id, ok=False)
        elif client_id is None:
            self.actions.put_nowait(action)
        else:
            self._deliver(client_id, action)

    # exactly once --------------------------------------------------------------------------
    def _deliver(self, client_id: str, action: Callable[[], Awaitable[object]]) -> None:
        """Queue an action with a client id, or only acknowledge it when it was seen before."""
        done, first = self.deliveries.claim(self.scope.user_id, self.session_id, client_id)
        if not first:
            task = asyncio.create_task(self._ack_when(done, client_id, action))
            self._acks.add(task)
            task.add_done_callback(self._acks.discard)
            return

        async def delivered() -> None:
            ok = False
            try:
                await action()
                ok = True
            except asyncio.CancelledError:  # a queued run dropped: never ran, a resend runs it
                self.deliveries.release(self.scope.user_id, self.session_id, client_id)
                raise
            finally:
                if not done.done():
                    done.set_result(ok)
                    try:
                        await self._ack(client_id, ok=ok)
                    except Exception:  # the socket closed: the client resends, gets the ack
                        pass

        if action in self._sandbox_actions:
            self._sandbox_actions.discard(action)
            self._sandbox_actions.add(delivered)
        self._queued_ids[delivered] = client_id
        self.actions.put_nowait(delivered)

    async def _ack_when(
        self,
        done: asyncio.Future[bool],
        client_id: str,
        action: Callable[[], Awaitable[object]],
    ) -> None:
        try:
            ok = await asyncio.shield(done)
        except asyncio.CancelledError:
            if not done.cancelled():
                raise  # this socket is closing
            self._deliver(client_id, action)  # its first delivery never ran: run it now
            return
        await self._ack(client_id, ok=ok)

    async def _ack(self, client_id: str, *, ok: bool) -> None:
        await self._send(json.dumps({"event": "ack", "data": {"id": client_id, "ok": ok}}))

    def _action(self, name: str, data: dict[str, Any]) -> Callable[[], Awaitable[object]] | str:
        """The engine call an inbound event asks for, or what is wrong with the event."""
        interview, sid = self.scope.interview, self.session_id
        language = data.get("language")
        if language is not None and not isinstance(language, str):
            return "data.language must be a string"
        if name == "message":
            content = data.get("content")
            if not isinstance(content, str) or not content.strip():
                return "data.content must be a non-empty string"
            return lambda: interview.send(sid, content)
        code = data.get("code")
        if name == "typing":
            if code is None:
                return lambda: asyncio.sleep(0)  # a typing indicator alone: no one else to tell
            if not isinstance(code, str):
                return "data.code must be a string"
            return lambda: self._autosave(code, language)
        if not isinstance(code, str):
            return "data.code must be a string"
        test_input = data.get("test_input")
        if name == "code_execution" and test_input is not None:
            if not isinstance(test_input, str):
                return "data.test_input must be a string (one argument per line)"
            return self._sandbox_action(lambda: self._custom_run(code, language, test_input))
        submit = name == "code_submit"
        return self._sandbox_action(lambda: self._run(code, language, submit))

    def _sandbox_action(
        self, action: Callable[[], Awaitable[object]]
    ) -> Callable[[], Awaitable[object]]:
        self._sandbox_actions.add(action)  # cancelled on disconnect: see _do_actions
        return action

    async def _language(self, language: str | None) -> str:
        return language or (await self.scope.sessions.get(self.session_id)).language

    async def _run(self, code: str, language: str | None, submit: bool) -> None:
        # the engine stores the run and publishes code_result on the session's bus
        await self.scope.interview.run(
            self.session_id, code, await self._language(language), submit=submit
        )

    async def _custom_run(self, code: str, language: str | None, test_input: str) -> None:
        # the seed's test_input: one typed input beside the reference; stored as a run
        await self.scope.custom_input.run_in_interview(
            self.session_id, code, await self._language(language), test_input
        )

    async def _autosave(self, code: str, language: str | None) -> None:
        await self.scope.interviews.autosave(self.session_id, code, await self._language(language))

    async def _do_actions(self) -> None:
        while True:
            action = await self.actions.get()
            self._queued_ids.pop(action, None)
            # shielded: a disconnect mid-action lets it finish (its messages and runs are
            # stored, so a reconnecting client finds them); queued ones: _after_disconnect
            task = asyncio.ensure_future(action())
            _running.add(task)
            task.add_done_callback(_running.discard)
            self._current = task
            try:
                await asyncio.shield(task)
            except asyncio.CancelledError:
                if action in self._sandbox_actions:
                    # a run still waiting in the sandbox queue is dropped; the engine lets one
                    # already running finish and stores it
                    task.cancel()
                raise
            except CoachError as exc:
                await self._error(exc.title, exc.message)
            except Exception as exc:
                log.error("websocket action failed: %s", type(exc).__name__)
                await self._error("Internal error", "the server could not do that; try again")
            finally:
                self._sandbox_actions.discard(action)
