"""``ai_token`` batching on the socket: an interviewer that streams its answer one character at
a time (hundreds of engine events) reaches the client in a few frames — at most 50 tokens or
100 ms each, as the seed's MessageBatcher — that add up to the whole answer, in order."""

from __future__ import annotations

import json
import math
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from server_support import running_server, signup
from websockets.sync.client import connect

from coach_engine.interviewer.base import Context
from coach_engine.interviewer.offline import OfflineInterviewer
from coach_engine.server.runner import BackgroundServer
from coach_engine.server.ws import BATCH_TOKENS

ANSWER = ("Let us think about the constraints first. " * 8).strip()


class CharByChar(OfflineInterviewer):
    """Replies with ``ANSWER``, one character per chunk (one ``ai_token`` event each)."""

    async def reply(self, ctx: Context, message: str) -> AsyncIterator[str]:
        for char in ANSWER:
            yield char


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundServer]:
    home = tmp_path_factory.mktemp("batch-home")
    with running_server(home, interviewer=CharByChar()) as running:
        yield running


def test_tokens_are_batched(server: BackgroundServer, client: httpx.Client) -> None:
    user = signup(client)
    sid = client.post("/sessions", json={"problem_slug": "two-sum"}, headers=user.auth).json()["id"]
    with connect(f"{server.ws_url}/ws/{sid}?token={user.access}") as ws:

        def answer() -> list[dict[str, object]]:
            frames = []
            while True:
                frame = json.loads(ws.recv(timeout=120))
                if frame["event"] in ("ai_token", "ai_message_complete"):
                    frames.append(frame)
                if frame["event"] == "ai_message_complete":
                    return frames

        answer()  # the greeting
        ws.send(json.dumps({"event": "message", "data": {"content": "Any constraints?"}}))
        frames = answer()
    tokens = [f["data"]["token"] for f in frames[:-1]]  # type: ignore[index]
    assert "".join(tokens) == ANSWER == frames[-1]["data"]["full_content"]  # type: ignore[index]
    assert len(tokens) >= math.ceil(len(ANSWER) / BATCH_TOKENS)  # never more than 50 in a frame
    assert all(len(t) <= BATCH_TOKENS for t in tokens)
    assert len(tokens) <= len(ANSWER) // 4  # hundreds of events, a few frames
