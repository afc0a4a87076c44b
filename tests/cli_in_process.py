"""`coach` run inside the test process: ``coach_cli.main.run()`` itself — the console script's
function, with its fast listing path, typer app and error handling — on a patched ``sys.argv``,
environment and standard streams, instead of a new interpreter (~0.3–0.5 s of CPU each on this
machine, most of it imports).

For tests of a command's output formats whose real entry point another test already runs (the
guide: CLI tests run the real `coach`; keep one such test per command). What it does not give:
a fresh interpreter (module-level state carries over; the consoles are rebuilt each call, so
width and colour follow this call's COLUMNS and streams as a new process's would), a terminal,
or a separate process group. Inside an async test it runs in a thread (`coach` calls
``asyncio.run``); the streams and ``sys.argv`` it patches are the process's, so calls must not
overlap.
"""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock


def run_in_process(
    *args: str, input: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Like the `coach` fixture's call: (returncode, stdout, stderr) of `coach ARGS`."""
    from coach_cli import output
    from coach_cli.main import run

    out, err = io.StringIO(), io.StringIO()
    environ = {"COLUMNS": "200", **(env or {})}
    with (
        mock.patch.dict(os.environ, environ),
        mock.patch.object(sys, "argv", ["coach", *args]),
        # click names the program from __main__'s package when there is one: under `python -m
        # pytest` its usage lines would say "python -m pytest.coach", not "coach"
        mock.patch.object(sys.modules["__main__"], "__package__", None),
        mock.patch.object(sys, "stdin", io.StringIO(input or "")),
        redirect_stdout(out),
        redirect_stderr(err),
    ):
        output.reset_consoles()  # made on first use, from this call's streams and COLUMNS
        try:
            code = _exit_code(run)
        finally:
            output.reset_consoles()
    return subprocess.CompletedProcess(["coach", *args], code, out.getvalue(), err.getvalue())


def _exit_code(run: Callable[[], None]) -> int:
    """``run()``'s exit status; in a thread of its own when this one runs an event loop (an
    async test): `coach` calls ``asyncio.run``, as its own process would, and the test waits."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _status(run)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_status, run).result()


def _status(run: Callable[[], None]) -> int:
    try:
        run()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
