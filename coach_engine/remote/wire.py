"""Reading a Coach server's answers back into the engine's own models, and naming a resource
in a path: what every remote service shares."""

from __future__ import annotations

from typing import Any, TypeVar
from urllib.parse import quote

from pydantic import TypeAdapter

T = TypeVar("T")
_adapters: dict[Any, TypeAdapter[Any]] = {}


def parse(kind: type[T], data: Any) -> T:
    """``data`` (JSON from the server) validated into ``kind`` — the engine's own model or
    dataclass, so what a remote call returns is what the local call returns."""
    adapter = _adapters.get(kind)
    if adapter is None:
        adapter = _adapters[kind] = TypeAdapter(kind)
    found: T = adapter.validate_python(data)
    return found


def segment(resource_id: str) -> str:
    """An id (or a prefix of one) as one path segment: nothing in it can name another path."""
    return quote(resource_id, safe="")
