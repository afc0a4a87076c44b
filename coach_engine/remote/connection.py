"""One interview's WebSocket to a Coach server, kept up across drops (remote mode's event stream).

``SessionConnection`` is what ``RemoteEngine`` puts behind ``events.subscribe(session_id)`` and
the interview's typed actions. It

- **connects** to ``/api/v1/ws/<session>`` with the login's access token in the
  ``Authorization`` header (a 401 renews the token once; a second 401, or a 404, is final:
  state ``offline`` with the reason);
- **publishes** every event the server sends (``parse_event``) through ``publish`` — the
  remote engine's own bus, so the TUI consumes it exactly as a local engine's events — and
  answers the server's ``heartbeat`` frames at once, so the server's ``connection_quality``
  (published too) measures the round trip;
- **reconnects** after a drop with exponential backoff and jitter (``Backoff``), saying so with
  ``connection_state`` events (``reconnecting``, ``retry_in_s`` counted down each second);
- keeps an **outbox**: every action (``message``, ``typing``, ``code_execution``,
  ``code_submit``) gets a client-generated id and stays queued until the server acknowledges it
  (``{"event": "ack"}`` after the action ran, ``coach_engine/server/ws.py``); after a reconnect
  the unacknowledged ones are sent again in order and the server runs an id it has seen only
  once (``server/deliveries.py``), so what was typed while the link was down arrives exactly
  once. Unsent ``typing`` frames (the editor's code) are coalesced: only the latest code
  matters;
- **resynchronises** after a reconnect: it reads the session's stored messages and runs over
  REST and publishes, as the events that were missed, every interviewer message and run it
  never received (an answer streaming when the link dropped is completed under the stream's
  own id), then ``connection_state`` ``connected`` with ``resumed`` so a front end re-reads the
  session (status, hints, feedback).

Nothing here knows a front end; state is also readable (``state``, ``retry_in``,
``latency_ms``, ``pending``) and observable (``on_state``).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from coach_engine.errors import CoachError, NotFoundError
from coach_engine.events import (
    AiMessageCompleteData,
    AiMessageCompleteEvent,
    AiTokenEvent,
    CodeResultEvent,
    ConnectionQualityEvent,
    ConnectionStateData,
    ConnectionStateEvent,
    Event,
    parse_event,
)
from coach_engine.models import CodeRun, Message, Role
from coach_engine.remote.auth import NotSignedIn

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection

log = logging.getLogger(__name__)

ACTIONS = ("message", "typing", "code_execution", "code_submit")
"""The events a client sends that the server acknowledges (the outbox's)."""
State = Literal["connecting", "connected", "reconnecting", "offline"]


class RemoteLink(Protocol):
    """What the connection needs of the REST client (``remote/http.py``'s ``RemoteHttp``)."""

    server: str

    def ws_url(self, session_id: str) -> str: ...

    async def access_token(self) -> str: ...

    async def refreshed_token(self, stale: str | None = None) -> str: ...

    async def get(self, path: str, **params: Any) -> Any: ...


@dataclass(frozen=True)
class Backoff:
    """Delays between reconnection attempts: ``first_s``, doubling up to ``max_s``; each
    shortened by up to ``jitter`` of itself at random, so clients dropped together by a server
    restart do not all come back in the same instant."""

    first_s: float = 0.5
    factor: float = 2.0
    max_s: float = 30.0
    jitter: float = 0.5

    def delay(self, attempt: int, draw: float) -> float:
        """The wait before attempt ``attempt`` + 1 (``attempt`` >= 0 failed ones), ``draw`` a
        uniform number in [0, 1)."""
        full = min(self.max_s, self.first_s * self.factor ** min(attempt, 64))
        return full * (1.0 - self.jitter * draw)


class Refused(CoachError):
    """The server refused this connection for good (signed out, session gone)."""

    title = "Connection refused"


@dataclass
class Delivery:
    """One queued action: its client id, and a future that resolves when the server has
    acknowledged it (True: it ran; False: the server refused it, an ``error`` event says why)."""

    id: str
    event: str
    data: dict[str, Any]
    done: asyncio.Future[bool]
    sent: bool = False

    async def wait(self, timeout: float | None = None) -> bool | None:
        """The server's answer, or None when it has not come within ``timeout`` seconds (the
        action stays queued and is delivered once the server is back) or never will (the
        connection was closed first)."""
        try:
            return await asyncio.wait_for(asyncio.shield(self.done), timeout)
        except TimeoutError:
            return None
        except asyncio.CancelledError:
            if self.done.cancelled():  # dropped by close(): not the waiter's cancellation
                return None
            raise


class SessionConnection:
    """The WebSocket of one session, with reconnects, an outbox and resynchronisation."""

    def __init__(
        self,
        http: RemoteLink,
        session_id: str,
        publish: Callable[[Event], object],
        *,
        backoff: Backoff | None = None,
        draw: Callable[[], float] = random.random,
        open_timeout_s: float = 10.0,
        ping_interval_s: float | None = 5.0,
        ping_timeout_s: float | None = 10.0,
    ) -> None:
        self.http = http
        self.session_id = session_id
        self.publish = publish
        self.backoff = backoff or Backoff()
        self._draw = draw
        self.open_timeout_s = open_timeout_s
        self.ping_interval_s = ping_interval_s
        self.ping_timeout_s = ping_timeout_s
        self.state: State = "connecting"
        self.retry_in: float | None = None
        """Seconds until the next attempt, while reconnecting."""
        self.attempt = 0
        self.reason: str | None = None
        self.latency_ms: float | None = None
        self.quality: str | None = None
        """The server's word for the round trip: good, fair or poor."""
        self.connects = 0
        """Connections opened so far (the first, then each reconnect)."""
        self._outbox: list[Delivery] = []
        self._wake = asyncio.Event()
        self._callbacks: list[Callable[[SessionConnection], object]] = []
        self._task: asyncio.Task[None] | None = None
        self._ws: ClientConnection | None = None
        self._first: asyncio.Future[None] | None = None
        self._closed = False
        self._seen_messages: set[str] = set()
        self._seen_runs: set[str] = set()
        self._open_streams: dict[str, None] = {}
        """Stream ids of answers whose tokens arrived and whose completion did not (yet)."""

    # public ------------------------------------------------------------------------------------
    @property
    def pending(self) -> int:
        """Actions not acknowledged by the server yet."""
        return len(self._outbox)

    def on_state(self, callback: Callable[[SessionConnection], object]) -> None:
        """Call ``callback(self)`` whenever the state (or the countdown) changes."""
        self._callbacks.append(callback)

    async def start(self) -> None:
        """Connect. Returns once connected, or once a first attempt failed in a way worth
        retrying (the connection goes on trying in the background: state ``reconnecting``).

        Raises:
            Refused, NotFoundError: the server refused for good (the state is ``offline``).
        """
        if self._task is None:
            self._first = asyncio.get_running_loop().create_future()
            self._task = asyncio.create_task(self._run(), name=f"ws-{self.session_id[:8]}")
        assert self._first is not None
        await asyncio.shield(self._first)

    async def send(self, event: str, data: dict[str, Any]) -> Delivery:
        """Queue an action for the server and return at once; it is delivered exactly once,
        in order, now or after the next reconnect. Unsent ``typing`` frames are replaced by
        the newest (their deliveries resolve with it).

        Raises:
            ValueError: ``event`` is not an action (a programming error).
            Refused: the connection is offline for good (nothing would deliver it).
        """
        if event not in ACTIONS:
            raise ValueError(f"{event!r} is not an action; one of {ACTIONS}")
        if self.state == "offline" or self._closed:
            raise Refused(self.reason or "the connection to the server is closed")
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        delivery = Delivery(uuid.uuid4().hex, event, dict(data), done)
        if event == "typing":
            for old in [d for d in self._outbox if d.event == "typing" and not d.sent]:
                self._outbox.remove(old)
                done.add_done_callback(functools.partial(_copy_result, target=old.done))
        self._outbox.append(delivery)
        self._wake.set()
        if self.state == "reconnecting":  # say at once that one more thing waits
            self._set_state("reconnecting", retry_in=self.retry_in)
        return delivery

    async def close(self) -> None:
        """Stop for good: close the socket; queued actions are dropped (their deliveries are
        cancelled)."""
        self._closed = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        for delivery in self._outbox:
            delivery.done.cancel()
        self._outbox.clear()
        if self._first is not None and not self._first.done():
            self._first.set_result(None)

    # the loop ----------------------------------------------------------------------------------
    async def _run(self) -> None:
        while not self._closed:
            try:
                ws = await self._open()
            except (Refused, NotFoundError, NotSignedIn) as exc:
                self._set_state("offline", reason=exc.message)
                self._settle_first(exc)
                return
            except Exception as exc:  # unreachable, timed out, 5xx: worth another try
                self.reason = _describe(exc)
                self._settle_first(None)
                await self._wait_before_retry()
                continue
            self._ws = ws
            self.connects += 1
            resumed = self.connects > 1
            self.attempt = 0
            try:
                await self._session(ws, resumed)
            except Exception as exc:  # the session ended on an error: reconnect
                log.info("connection to %s dropped: %s", self.http.server, _describe(exc))
                self.reason = _describe(exc)
            finally:
                self._ws = None
                with contextlib.suppress(Exception):
                    await ws.close()
            for delivery in self._outbox:  # unacknowledged: sent again after the reconnect
                delivery.sent = False
            if self.reason is None:
                self.reason = "the server closed the connection"
            if not self._closed:
                await self._wait_before_retry()

    async def _open(self) -> ClientConnection:
        from websockets.asyncio.client import connect
        from websockets.exceptions import InvalidStatus

        token = await self.http.access_token()
        for renewed in (False, True):
            try:
                return await connect(
                    self.http.ws_url(self.session_id),
                    additional_headers={"Authorization": f"Bearer {token}"},
                    open_timeout=self.open_timeout_s,
                    ping_interval=self.ping_interval_s,
                    ping_timeout=self.ping_timeout_s,
                    compression=None,
                    proxy=None,
                    max_size=2**22,
                )
            except InvalidStatus as exc:
                status = exc.response.status_code
                if status == 401 and not renewed:
                    token = await self.http.refreshed_token(stale=token)
                    continue
                if status == 401:
                    raise Refused(
                        f"{self.http.server} refused the sign-in; sign in again with "
                        f"`coach login {self.http.server}`"
                    ) from None
                if status == 404:
                    raise NotFoundError(
                        f"the session {self.session_id} is not on {self.http.server} (deleted, "
                        "or another account's)"
                    ) from None
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def _session(self, ws: ClientConnection, resumed: bool) -> None:
        reader = asyncio.create_task(self._read(ws))
        writer: asyncio.Task[None] | None = None
        try:
            try:
                await self._resync(resumed)
            except CoachError as exc:  # the socket works; what was missed stays missed
                log.warning("resync of %s failed: %s", self.session_id, exc.message)
            self.reason = None
            self._set_state("connected", resumed=resumed)
            self._settle_first(None)
            writer = asyncio.create_task(self._write(ws))
            done, _ = await asyncio.wait({reader, writer}, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()  # an error ends the session (and is its reason)
        finally:
            tasks = [reader] if writer is None else [reader, writer]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _read(self, ws: ClientConnection) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for frame in ws:
                await self._receive(ws, frame)
        except ConnectionClosed:
            pass

    async def _receive(self, ws: ClientConnection, frame: str | bytes) -> None:
        try:
            raw = json.loads(frame)
            name, data = raw["event"], raw.get("data") or {}
            if not isinstance(data, dict):
                raise TypeError("data is not an object")
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("a frame that is not an event was ignored")
            return
        if name == "heartbeat":
            await ws.send(json.dumps({"event": "heartbeat", "data": {"id": data.get("id")}}))
            return
        if name == "ack":
            self._acknowledged(str(data.get("id")), bool(data.get("ok")))
            return
        try:
            event = parse_event(raw)
        except CoachError as exc:
            log.warning("an invalid event was ignored: %s", exc.message)
            return
        if self._track(event):
            self.publish(event)

    def _track(self, event: Event) -> bool:
        """Note what the event shows was received; False for one already published (by a
        resync's replay)."""
        match event:
            case AiTokenEvent(data=data):
                self._open_streams[data.message_id] = None
            case AiMessageCompleteEvent(data=data):
                self._open_streams.pop(data.message_id, None)
                if data.stored_id in self._seen_messages:
                    return False
                self._seen_messages.add(data.stored_id)
            case CodeResultEvent(data=data):
                if data.run_id in self._seen_runs:
                    return False
                self._seen_runs.add(data.run_id)
            case ConnectionQualityEvent(data=data):
                self.latency_ms, self.quality = data.latency_ms, data.status
        return True

    def _acknowledged(self, client_id: str, ok: bool) -> None:
        for delivery in self._outbox:
            if delivery.id == client_id:
                self._outbox.remove(delivery)
                if not delivery.done.done():
                    delivery.done.set_result(ok)
                return

    async def _write(self, ws: ClientConnection) -> None:
        while True:
            unsent = next((d for d in self._outbox if not d.sent), None)
            if unsent is None:
                self._wake.clear()
                await self._wake.wait()
                continue
            unsent.sent = True
            frame = {"event": unsent.event, "id": unsent.id, "data": unsent.data}
            await ws.send(json.dumps(frame))

    async def _resync(self, resumed: bool) -> None:
        """Read the stored messages and runs; after a drop, publish those never received."""
        sid = self.session_id
        messages = [
            Message.model_validate(m) for m in await self.http.get(f"/sessions/{sid}/messages")
        ]
        runs = [CodeRun.model_validate(r) for r in await self.http.get(f"/sessions/{sid}/runs")]
        if not resumed:  # the front end reads the session itself when it opens it
            self._seen_messages.update(m.id for m in messages)
            self._seen_runs.update(r.id for r in runs)
            return
        for message in messages:
            if message.role == Role.USER or message.id in self._seen_messages:
                continue  # the candidate's own words are on screen already
            self._seen_messages.add(message.id)
            stream = next(iter(self._open_streams), None)  # the answer cut mid-stream
            if stream is not None:
                del self._open_streams[stream]
            data = AiMessageCompleteData(
                session_id=sid,
                timestamp=message.timestamp,
                message_id=stream or message.id,
                stored_id=message.id,
                full_content=message.content,
                content_type=message.content_type,
            )
            self.publish(AiMessageCompleteEvent(data=data))
        for run in runs:
            if run.id not in self._seen_runs:
                self._seen_runs.add(run.id)
                self.publish(CodeResultEvent.from_run(run))

    async def _wait_before_retry(self) -> None:
        delay = self.backoff.delay(self.attempt, self._draw())
        self.attempt += 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + delay
        while (left := deadline - loop.time()) > 0:
            self._set_state("reconnecting", retry_in=left, reason=self.reason)
            await asyncio.sleep(min(1.0, left))
        self._set_state("reconnecting", retry_in=0.0, reason=self.reason)

    # state ---------------------------------------------------------------------------------------
    def _settle_first(self, error: BaseException | None) -> None:
        if self._first is not None and not self._first.done():
            if error is None:
                self._first.set_result(None)
            else:
                self._first.set_exception(error)

    def _set_state(
        self,
        state: State,
        *,
        retry_in: float | None = None,
        resumed: bool = False,
        reason: str | None = None,
    ) -> None:
        self.state, self.retry_in = state, retry_in
        if reason is not None:
            self.reason = reason
        data = ConnectionStateData(
            session_id=self.session_id,
            state=state,
            retry_in_s=None if retry_in is None else round(retry_in, 1),
            attempt=self.attempt,
            pending=self.pending,
            resumed=resumed,
            reason=self.reason if state != "connected" else None,
        )
        self.publish(ConnectionStateEvent(data=data))
        for callback in list(self._callbacks):
            try:
                callback(self)
            except Exception:
                log.exception("a connection state callback failed")


def _copy_result(source: asyncio.Future[bool], target: asyncio.Future[bool]) -> None:
    if target.done():
        return
    if source.cancelled():
        target.cancel()
    else:
        target.set_result(source.result())


def _describe(exc: BaseException) -> str:
    if isinstance(exc, CoachError):
        return exc.message
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
