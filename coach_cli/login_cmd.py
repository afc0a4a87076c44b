"""``coach login URL`` and ``coach logout``: sign in to a Coach server (``coach serve``) so that
``coach interview --server URL`` and the read commands' ``--server URL`` act as that account.

The password is read from a prompt (not echoed) or, for scripts, from standard input with
``--password-stdin``; it is sent once, to the server, and never stored: the saved login
(``logins.json`` in Coach's data directory, mode 0600) holds the server, the e-mail and the
refresh token only (``coach_engine.remote.auth``).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from coach_cli.output import echo


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    return str(typer.prompt("Password", hide_input=True))


def login(
    url: Annotated[
        str,
        typer.Argument(help="The server, as `coach serve` prints it (http://HOST:PORT)."),
    ],
    email: Annotated[
        str | None, typer.Option("--email", help="Your e-mail on the server (else asked).")
    ] = None,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin", help="Read the password from standard input's first line."
        ),
    ] = False,
) -> None:
    """Sign in to a Coach server; --server URL then uses this account."""
    import asyncio

    from coach_engine.api import ValidationError, normalize_server, sign_in

    server = normalize_server(url)  # a bad URL fails before any prompt
    address = email if email is not None else str(typer.prompt("E-mail"))
    if not address.strip():
        raise ValidationError("an e-mail is required (--email)", title="No e-mail")
    password = _password(password_stdin)
    if not password:
        raise ValidationError(
            "an empty password was given; type it at the prompt or pipe it with --password-stdin",
            title="No password",
        )

    who = asyncio.run(sign_in(server, address.strip(), password)).email
    echo(f"Signed in to {server} as {who}.")
    echo(f"Start an interview there with: coach interview --server {server}")


def logout(
    url: Annotated[
        str | None,
        typer.Argument(help="The server to sign out of (default: the last one signed in to)."),
    ] = None,
) -> None:
    """Sign out of a Coach server: the sign-in is revoked there and forgotten here."""
    import asyncio

    from coach_engine.api import normalize_server, sign_out

    server = asyncio.run(sign_out(normalize_server(url) if url else None))
    if server is None:
        echo(f"Not signed in to {url or 'any server'}; nothing to do.")
        return
    echo(f"Signed out of {server}.")
