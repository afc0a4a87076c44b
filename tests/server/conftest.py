"""One real server per test module (``server``), an httpx client on it (``client``)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from server_support import running_server

from coach_engine.server.runner import BackgroundServer


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundServer]:
    with running_server(tmp_path_factory.mktemp("server-home")) as running:
        yield running


@pytest.fixture
def client(server: BackgroundServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as http:
        yield http
