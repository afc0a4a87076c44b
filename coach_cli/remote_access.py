"""What the read commands' ``--server URL`` shares: the option, and running one call on the
saved login's ``RemoteEngine`` (``coach login URL`` saved it). Not a command module, so a
command that only declares the option loads no other command's module."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

if TYPE_CHECKING:
    from coach_engine.api import RemoteEngine

T = TypeVar("T")

ServerOpt = Annotated[
    str | None,
    typer.Option(
        "--server",
        help="Read from this Coach server (signed in with `coach login URL`) instead of "
        "this machine's data.",
        show_default=False,
    ),
]


def with_remote(server: str, call: Callable[[RemoteEngine], Awaitable[T]]) -> T:
    """Run ``call`` on the saved login's ``RemoteEngine`` for ``server`` and close it.

    Raises:
        NotSignedIn: no saved login for ``server`` (the message names ``coach login URL``).
        ServerUnreachable, ValidationError: the server is down, the URL is not one.
    """
    import asyncio

    from coach_engine.api import RemoteEngine

    async def go() -> T:
        engine = await RemoteEngine.open(server)
        try:
            return await call(engine)
        finally:
            await engine.aclose()

    return asyncio.run(go())
