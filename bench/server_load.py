"""Many candidates on one ``coach serve``: the server under load over loopback (issue 15 item 5).

    .venv/bin/python bench/server_load.py                       # 50 users, 60 s
    .venv/bin/python bench/server_load.py --users 500 --duration 90 --ramp 30
    .venv/bin/python bench/server_load.py --users 3 --duration 4 --json figures.json

Starts a real ``coach serve`` (the installed entry point, a subprocess on a free loopback port,
its own ``COACH_HOME`` in a temp dir, the offline interviewer) and drives ``--users`` simulated
candidates from this one asyncio process (httpx + ``websockets``). Each candidate, started over
``--ramp`` seconds: gets an access token — ``--signups`` of them (10) sign up and sign in
(argon2id: ~0.2 s CPU a hash, measured as its own figure), the others come back with a refresh
token of an earlier sign-in (their accounts are made in the store before the server starts, as
``coach login`` leaves a token behind) —, creates a session on two-sum, opens its
WebSocket (which opens the interview; the interviewer greets) and holds it, then until the end
chats — a ``message``, then waits for its ``ai_message_complete`` (the *round trip*) — with
``--think`` seconds (±50 %) between messages, sends a ``code_execution`` (python) every
``--run-every`` messages and waits for its ``code_result`` (and the interviewer's reaction
to it, so that is not taken for the next reply), requests feedback once (at a random
point of its run) and echoes the server's heartbeats as a client does.

Printed: connections held, the message round trip p50/p95/p99/max once every candidate is in
(signed in, connected, greeted; the p95 before that beside it) and to the first token,
the run round trip and runs per second, feedback jobs requested/completed, errors by kind, the
server's CPU (its process, and the sandboxes and other children it reaped, from
``/proc/<pid>/stat``), this client's own CPU, and the load average before and after.
Baseline in the same run: a bare WebSocket echo on the same stack (a tiny Starlette app on
uvicorn in a subprocess, same users, same pacing, same client code) — what a round trip costs
with no engine behind it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import websockets
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "correct horse battery staple"
CODE = (
    "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
    "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
    "                return [seen[target - x], i]\n            seen[x] = i\n"
)
MESSAGES = (
    "Can the input be empty?",
    "I would use a hash map from value to index, one pass, O(n) time and O(n) space.",
    "What about duplicates in nums?",
    "A brute force would check every pair in O(n^2); the map avoids that.",
    "Edge cases: negative numbers, the same value twice, no answer.",
    "I'll test it with [2,7,11,15] and target 9.",
)
WAIT_S = 60.0
PLAIN = ssl.create_default_context()
"""Given to every candidate's httpx client (plain HTTP: never used). Without it each client
loads the CA bundle, ~25 ms of this process's CPU: 500 of them stalled the candidates' own loop
during the ramp, which the round trips then measured."""
"""How long a candidate waits for an answer before counting a timeout (a hang guard)."""
ECHO_APP = textwrap.dedent(
    """
    import sys
    import uvicorn
    from starlette.applications import Starlette
    from starlette.routing import WebSocketRoute

    async def echo(ws):
        await ws.accept()
        try:
            while True:
                await ws.send_text(await ws.receive_text())
        except Exception:
            pass

    app = Starlette(routes=[WebSocketRoute("/echo", echo)])
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
    """
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def coach_bin() -> str:
    candidate = Path(sys.executable).parent / "coach"
    found = str(candidate) if candidate.exists() else shutil.which("coach")
    if not found:
        sys.exit("the coach console script is not installed: pip install -e .")
    return found


def cpu_s(pid: int) -> tuple[float, float]:
    """The process's own CPU seconds (user+system) and its reaped children's."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    # after the ")": state is field 3, so utime/stime/cutime/cstime (14-17) are [11:15]
    utime, stime, cutime, cstime = (int(v) / tick for v in fields[11:15])
    return utime + stime, cutime + cstime


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


@dataclass
class Stats:
    """What the candidates measured (times in seconds)."""

    rtt: list[tuple[float, float]] = field(default_factory=list)
    """(when sent, round trip) of each message."""
    first_token: list[tuple[float, float]] = field(default_factory=list)
    run_rtt: list[float] = field(default_factory=list)
    signup: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    error_examples: dict[str, str] = field(default_factory=dict)
    """The first error of each kind in full (its message, seconds into the run)."""
    open_sockets: int = 0
    held_max: int = 0
    connected: int = 0
    feedback_requested: int = 0
    feedback_completed: int = 0
    feedback_failed: int = 0
    runs: int = 0
    messages: int = 0
    greeted: int = 0
    all_in = 0.0
    """When the last candidate was signed in, connected and greeted."""
    pid = 0
    """The server's process (its CPU is sampled when every candidate is in)."""
    all_in_cpu = 0.0
    t0 = 0.0

    def greet(self, users: int) -> None:
        self.greeted += 1
        if self.greeted == users:
            self.all_in = time.monotonic()
            if self.pid:
                self.all_in_cpu = cpu_s(self.pid)[0]

    def http_error(self, what: str, exc: httpx.HTTPError) -> None:
        kind = f"{what}: {type(exc).__name__}"
        self.errors[kind] += 1
        cause = exc.__cause__ or exc.__context__
        self.error_examples.setdefault(
            kind, f"{exc!r} <- {cause!r} at {time.monotonic() - self.t0:.1f} s"
        )

    def opened(self) -> None:
        self.open_sockets += 1
        self.connected += 1
        self.held_max = max(self.held_max, self.open_sockets)


class Candidate:
    """One simulated candidate's socket: a reader echoes heartbeats, notes feedback events and
    hands every other frame to the flow."""

    def __init__(self, ws: ClientConnection, stats: Stats) -> None:
        self.ws = ws
        self.stats = stats
        self.frames: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self.feedback_done = asyncio.Event()
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for text in self.ws:
                frame = json.loads(text)
                name = frame.get("event")
                if name == "heartbeat":
                    reply = {"event": "heartbeat", "data": {"id": frame["data"]["id"]}}
                    await self.ws.send(json.dumps(reply))
                elif name == "feedback":
                    status = frame["data"]["status"]
                    if status == "COMPLETED":
                        self.stats.feedback_completed += 1
                        self.feedback_done.set()
                    elif status == "FAILED":
                        self.stats.feedback_failed += 1
                        self.feedback_done.set()
                elif name == "error":
                    self.stats.errors[f"error event: {frame['data'].get('title')}"] += 1
                elif name not in ("connection_quality", "session_status"):
                    self.frames.put_nowait(frame)
        except websockets.ConnectionClosed as exc:
            if exc.rcvd is None or exc.rcvd.code != 1000:
                self.stats.errors[
                    f"socket closed: {exc.rcvd.code if exc.rcvd else 'abnormal'}"
                ] += 1
        finally:
            self.frames.put_nowait(None)
            self.feedback_done.set()

    async def until(self, name: str, sent: float) -> tuple[float, float] | None:
        """Seconds from ``sent`` to the first ``ai_token`` (or ``name``) and to ``name``;
        None (an error counted) when the socket closed or nothing came in time."""
        first = 0.0
        deadline = time.monotonic() + WAIT_S
        while True:
            try:
                frame = await asyncio.wait_for(self.frames.get(), deadline - time.monotonic())
            except TimeoutError:
                self.stats.errors[f"timeout: {name}"] += 1
                return None
            if frame is None:
                return None
            if not first and frame["event"] in ("ai_token", name):
                first = time.monotonic() - sent
            if frame["event"] == name:
                return first, time.monotonic() - sent

    async def close(self) -> None:
        await self.ws.close()
        await asyncio.gather(self.reader, return_exceptions=True)


def think(seconds: float) -> float:
    return random.uniform(0.5 * seconds, 1.5 * seconds)


def newcomer(n: int, args: argparse.Namespace) -> bool:
    """Whether candidate ``n`` signs up (``--signups`` of them, spread over the ramp) rather
    than coming back with the refresh token of an earlier sign-in."""
    return bool(args.signups > 0 and n % max(1, args.users // args.signups) == 0)


async def seed_accounts(home: Path, args: argparse.Namespace) -> dict[int, str]:
    """The returning candidates' accounts, made in the store before the server starts, and
    a refresh token each (as ``coach login`` leaves one): candidate -> refresh token.

    Every sign-up and sign-in costs an argon2id hash (~0.2 s CPU here); 500 at once would
    measure only that, which ``--signups`` measures on its own."""
    from argon2 import PasswordHasher

    from coach_engine.api import Credentials, Engine

    os.environ["COACH_HOME"] = str(home)
    engine = Engine.open()
    try:
        credentials = Credentials(engine)
        digest = PasswordHasher().hash(PASSWORD)  # one hash for all: the same password
        tokens: dict[int, str] = {}
        for n in range(args.users):
            if newcomer(n, args):
                continue
            user = await credentials.register(f"candidate-{n}@example.com", f"C{n}", digest)
            tokens[n] = secrets.token_urlsafe(32)
            await credentials.issue_refresh(user.id, tokens[n], timedelta(days=7))
        return tokens
    finally:
        engine.close()


async def sign_in(http: httpx.AsyncClient, n: int, refresh: str | None, stats: Stats) -> str | None:
    """An access token: a newcomer signs up then in, a returning candidate refreshes."""
    if refresh is not None:
        renewed = await http.post("/auth/refresh", json={"refresh_token": refresh})
        if renewed.status_code != 200:
            stats.errors[f"refresh: {renewed.status_code}"] += 1
            return None
        return str(renewed.json()["access_token"])
    email = f"candidate-{n}@example.com"
    began = time.monotonic()
    up = await http.post(
        "/auth/signup", json={"full_name": f"C{n}", "email": email, "password": PASSWORD}
    )
    if up.status_code != 201:
        stats.errors[f"signup: {up.status_code}"] += 1
        return None
    signed = await http.post("/auth/signin", json={"email": email, "password": PASSWORD})
    if signed.status_code != 200:
        stats.errors[f"signin: {signed.status_code}"] += 1
        return None
    stats.signup.append(time.monotonic() - began)
    return str(signed.json()["access_token"])


async def coach_user(
    n: int, args: argparse.Namespace, base: str, stats: Stats, start: float, stop: float
) -> None:
    await asyncio.sleep(max(0.0, start - time.monotonic()))
    client = httpx.AsyncClient(base_url=f"http://{base}/api/v1", timeout=WAIT_S, verify=PLAIN)
    async with client as http:
        phase = "sign-in"
        try:
            token = await sign_in(http, n, args.refresh_tokens.get(n), stats)
            if token is None:
                return
            auth = {"Authorization": f"Bearer {token}"}
            phase = "create session"
            made = await http.post("/sessions", json={"problem_slug": "two-sum"}, headers=auth)
            if made.status_code != 201:
                stats.errors[f"create session: {made.status_code}"] += 1
                return
            sid = made.json()["id"]
        except httpx.HTTPError as exc:
            stats.http_error(f"http {phase}", exc)
            return
        try:
            ws = await connect(
                f"ws://{base}/api/v1/ws/{sid}",
                additional_headers=auth,
                open_timeout=WAIT_S,
                ping_interval=None,  # the app's own heartbeat is what a client answers
                max_queue=None,
            )
        except (OSError, TimeoutError, websockets.InvalidHandshake) as exc:
            stats.errors[f"connect: {type(exc).__name__}"] += 1
            return
        stats.opened()
        me = Candidate(ws, stats)
        try:
            if await me.until("ai_message_complete", time.monotonic()) is None:  # the greeting
                return
            stats.greet(args.users)
            active = stop - time.monotonic()
            feedback_at = time.monotonic() + random.uniform(0.2, 0.7) * active
            count = 0
            while time.monotonic() + 1 < stop:
                await asyncio.sleep(min(think(args.think), max(0.0, stop - time.monotonic())))
                if time.monotonic() >= stop:
                    break
                count += 1
                sent = time.monotonic()
                content = MESSAGES[count % len(MESSAGES)]
                await ws.send(json.dumps({"event": "message", "data": {"content": content}}))
                got = await me.until("ai_message_complete", sent)
                if got is None:
                    return
                stats.first_token.append((sent, got[0]))
                stats.rtt.append((sent, got[1]))
                stats.messages += 1
                if args.run_every and count % args.run_every == 0:
                    sent = time.monotonic()
                    frame = {"event": "code_execution", "data": {"code": CODE}}
                    await ws.send(json.dumps(frame))
                    got = await me.until("code_result", sent)
                    if got is None:
                        return
                    stats.run_rtt.append(got[1])
                    stats.runs += 1
                    # the interviewer reacts to every run: its message is not the next reply
                    if await me.until("ai_message_complete", sent) is None:
                        return
                if args.feedback and feedback_at and time.monotonic() >= feedback_at:
                    feedback_at = 0.0
                    asked = await http.post(f"/feedback/sessions/{sid}/feedback", headers=auth)
                    if asked.status_code == 202:
                        stats.feedback_requested += 1
                    else:
                        stats.errors[f"feedback: {asked.status_code}"] += 1
            if args.feedback and not feedback_at:  # requested: wait for it (or the drain's end)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        me.feedback_done.wait(), max(0.0, stop + args.drain - time.monotonic())
                    )
        except websockets.ConnectionClosed:
            pass  # the reader counted it
        except httpx.HTTPError as exc:
            stats.http_error("http feedback", exc)
        finally:
            await me.close()
            stats.open_sockets -= 1


async def echo_user(
    n: int, args: argparse.Namespace, base: str, stats: Stats, start: float, stop: float
) -> None:
    """The baseline: the same socket, pacing and measurement against a bare echo."""
    await asyncio.sleep(max(0.0, start - time.monotonic()))
    try:
        ws = await connect(f"ws://{base}/echo", open_timeout=WAIT_S, ping_interval=None)
    except (OSError, TimeoutError, websockets.InvalidHandshake) as exc:
        stats.errors[f"connect: {type(exc).__name__}"] += 1
        return
    stats.opened()
    stats.greet(args.users)
    try:
        while time.monotonic() + 1 < stop:
            await asyncio.sleep(min(think(args.think), max(0.0, stop - time.monotonic())))
            if time.monotonic() >= stop:
                break
            sent = time.monotonic()
            await ws.send(json.dumps({"event": "message", "data": {"content": MESSAGES[0]}}))
            await asyncio.wait_for(ws.recv(), WAIT_S)
            stats.rtt.append((sent, time.monotonic() - sent))
            stats.messages += 1
    except (websockets.ConnectionClosed, TimeoutError) as exc:
        stats.errors[f"echo: {type(exc).__name__}"] += 1
    finally:
        await ws.close()
        stats.open_sockets -= 1


async def wait_up(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60  # a hang guard; a loaded machine starts in seconds
    async with httpx.AsyncClient(timeout=5) as http:
        while True:
            if proc.poll() is not None:
                sys.exit(f"the server exited with {proc.returncode} before it served")
            with contextlib.suppress(httpx.TransportError):
                if (await http.get(url)).status_code < 500:
                    return
            if time.monotonic() > deadline:
                sys.exit(f"the server did not answer {url} within 60 s")
            await asyncio.sleep(0.1)


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def drive(
    user: Any, args: argparse.Namespace, base: str, duration: float, pid: int
) -> dict[str, Any]:
    """Run ``args.users`` of ``user`` against ``base``; the figures of the run."""
    stats = Stats()
    stats.pid = pid
    t0 = stats.t0 = time.monotonic()
    stop = t0 + args.ramp + duration
    cpu0, client0 = cpu_s(pid), time.process_time()
    at_stop: list[Any] = []

    async def sample_at_ramp_end() -> None:  # the steady state's start when some never got in
        await asyncio.sleep(max(0.0, t0 + args.ramp - time.monotonic()))
        at_ramp_end.append(cpu_s(pid)[0])

    at_ramp_end: list[float] = []
    ramp_sampler = asyncio.create_task(sample_at_ramp_end())

    async def sample_at_stop() -> None:  # CPU and rates over the run, not the feedback drain
        await asyncio.sleep(max(0.0, stop - time.monotonic()))
        at_stop.extend((time.monotonic() - t0, cpu_s(pid), time.process_time() - client0))

    sampler = asyncio.create_task(sample_at_stop())
    starts = [t0 + args.ramp * i / max(1, args.users) for i in range(args.users)]
    await asyncio.gather(*(user(i, args, base, stats, starts[i], stop) for i in range(args.users)))
    await sampler
    await ramp_sampler
    wall, cpu1, client = at_stop
    own, children = (b - a for a, b in zip(cpu0, cpu1, strict=True))
    ms = 1000.0
    # the steady state: every candidate signed in (argon2 hashing), connected and greeted
    all_in = stats.all_in or t0 + args.ramp
    steady = [rtt for sent, rtt in stats.rtt if sent >= all_in]
    ramping = [rtt for sent, rtt in stats.rtt if sent < all_in]
    first = [rtt for sent, rtt in stats.first_token if sent >= all_in]
    return {
        "users": args.users,
        "connections_held": stats.held_max,
        "connections_opened": stats.connected,
        "messages": stats.messages,
        "messages_per_s": round(stats.messages / wall, 1),
        "rtt_p50_ms": round(pct(steady, 50) * ms, 1),
        "rtt_p95_ms": round(pct(steady, 95) * ms, 1),
        "rtt_p99_ms": round(pct(steady, 99) * ms, 1),
        "rtt_max_ms": round(max(steady, default=float("nan")) * ms, 1),
        "rtt_during_ramp_p95_ms": round(pct(ramping, 95) * ms, 1),
        "first_token_p50_ms": round(pct(first, 50) * ms, 1),
        "first_token_p95_ms": round(pct(first, 95) * ms, 1),
        "runs": stats.runs,
        "runs_per_s": round(stats.runs / wall, 2),
        "run_p50_ms": round(pct(stats.run_rtt, 50) * ms, 1),
        "run_p95_ms": round(pct(stats.run_rtt, 95) * ms, 1),
        "signup_p50_ms": round(pct(stats.signup, 50) * ms, 1),
        "signup_p95_ms": round(pct(stats.signup, 95) * ms, 1),
        "feedback_requested": stats.feedback_requested,
        "feedback_completed": stats.feedback_completed,
        "feedback_failed": stats.feedback_failed,
        "errors": dict(stats.errors),
        "error_examples": stats.error_examples,
        "error_count": sum(stats.errors.values()),
        "wall_s": round(wall, 1),
        "all_in_s": round(all_in - t0, 1),
        "steady_messages": len(steady),
        "server_cpu_pct": round(own / wall * 100, 1),
        # all the server's CPU (sign-ins, greetings, heartbeats, clocks included) per message:
        # the figure a busy machine does not change much, unlike the round trip
        "server_cpu_ms_per_message": round(own * ms / max(1, stats.messages), 2),
        # the steady state's: the server's CPU from all in to the end, per message sent then
        "steady_cpu_ms_per_message": round(
            (cpu1[0] - (stats.all_in_cpu or at_ramp_end[0])) * ms / max(1, len(steady)), 2
        ),
        "server_children_cpu_pct": round(children / wall * 100, 1),
        "client_cpu_pct": round(client / wall * 100, 1),
    }


async def bench(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="coach-load-") as tmp:
        home = Path(tmp)
        env = {**os.environ, "COACH_HOME": str(home), "COACH_PROVIDER": "offline"}
        for var in ("COACH_MODEL", "COACH_BASE_URL"):
            env.pop(var, None)
        figures: dict[str, Any] = {"load_before": loadavg()}

        port = free_port()
        echo = subprocess.Popen(
            [sys.executable, "-c", ECHO_APP, str(port)], stdout=subprocess.DEVNULL
        )
        try:
            await wait_up(f"http://127.0.0.1:{port}/", echo)
            figures["echo"] = await drive(
                echo_user, args, f"127.0.0.1:{port}", args.baseline_duration, echo.pid
            )
        finally:
            stop_server(echo)

        args.refresh_tokens = await seed_accounts(home, args)
        port = free_port()
        log = (home / "server.log").open("wb")
        server = subprocess.Popen(
            [coach_bin(), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            await wait_up(f"http://127.0.0.1:{port}/api/v1/health", server)
            if args.pid_file:
                Path(args.pid_file).write_text(str(server.pid))
            figures["coach"] = await drive(
                coach_user, args, f"127.0.0.1:{port}", args.duration, server.pid
            )
        finally:
            stop_server(server)
            log.close()
        text = (home / "server.log").read_text(errors="replace")
        figures["server_log_tracebacks"] = text.count("Traceback")
        if args.server_log:
            Path(args.server_log).write_text(text)
        figures["load_after"] = loadavg()
        return figures


def report(figures: dict[str, Any], args: argparse.Namespace) -> None:
    c, e = figures["coach"], figures["echo"]
    print(
        f"{args.users} users, ramp {args.ramp:g} s, {args.duration:g} s after it, think "
        f"{args.think:g} s, a run every {args.run_every} messages; "
        f"load {figures['load_before']} -> {figures['load_after']}"
    )
    print(f"{'':28}{'coach serve':>14}{'bare echo':>14}")
    for label, key in (
        ("connections held", "connections_held"),
        ("messages", "messages"),
        ("messages/s", "messages_per_s"),
        ("round trip p50 ms", "rtt_p50_ms"),
        ("round trip p95 ms", "rtt_p95_ms"),
        ("round trip p99 ms", "rtt_p99_ms"),
        ("round trip max ms", "rtt_max_ms"),
        ("  before all were in, p95", "rtt_during_ramp_p95_ms"),
        ("all in after s", "all_in_s"),
        ("messages after all in", "steady_messages"),
        ("server CPU %", "server_cpu_pct"),
        ("server CPU ms per message", "server_cpu_ms_per_message"),
        ("  once all were in", "steady_cpu_ms_per_message"),
        ("client CPU %", "client_cpu_pct"),
        ("errors", "error_count"),
    ):
        print(f"{label:28}{c[key]!s:>14}{e[key]!s:>14}")
    pairs: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("first token p50/p95 ms", ("first_token_p50_ms", "first_token_p95_ms")),
        ("runs, runs/s", ("runs", "runs_per_s")),
        ("run round trip p50/p95 ms", ("run_p50_ms", "run_p95_ms")),
        ("sign up+in p50/p95 ms", ("signup_p50_ms", "signup_p95_ms")),
        ("feedback requested/done", ("feedback_requested", "feedback_completed")),
        ("sandbox+children CPU %", ("server_children_cpu_pct",)),
    )
    for label, keys in pairs:
        print(f"{label:28}{' / '.join(str(c[k]) for k in keys):>14}")
    print(f"errors by kind: {c['errors'] or 'none'}; echo: {e['errors'] or 'none'}")
    for kind, example in c["error_examples"].items():
        print(f"  first {kind}: {example}")
    print(f"tracebacks in the server's log: {figures['server_log_tracebacks']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="simulated candidates")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds after the ramp")
    parser.add_argument(
        "--ramp", type=float, default=None, help="seconds to start them all (default users/5)"
    )
    parser.add_argument("--think", type=float, default=5.0, help="mean seconds between messages")
    parser.add_argument("--run-every", type=int, default=4, help="a code run every N messages")
    parser.add_argument("--no-feedback", dest="feedback", action="store_false")
    parser.add_argument(
        "--signups",
        type=int,
        default=None,
        help="candidates who sign up and in (argon2id); the rest refresh a token (default 10)",
    )
    parser.add_argument("--baseline-duration", type=float, default=None)
    parser.add_argument(
        "--drain", type=float, default=60.0, help="seconds after the end to wait for feedback"
    )
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--server-log", help="keep the server's log here")
    parser.add_argument("--pid-file", help="write the server's pid here (for py-spy)")
    args = parser.parse_args()
    args.signups = min(args.users, 10 if args.signups is None else args.signups)
    if args.signups < 0:
        parser.error("--signups >= 0")
    if args.users < 1 or args.duration <= 0 or args.think <= 0 or args.run_every < 0:
        parser.error("--users >= 1, --duration > 0, --think > 0 and --run-every >= 0")
    if args.ramp is None:
        args.ramp = min(60.0, args.users / 5)
    if args.baseline_duration is None:
        args.baseline_duration = min(args.duration, 20.0)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 4 * args.users + 64:  # a socket per user here, plus httpx's
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4 * args.users + 1024), hard))
    args.refresh_tokens = {}
    figures = asyncio.run(bench(args))
    figures["command"] = " ".join(sys.argv[1:])
    report(figures, args)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
