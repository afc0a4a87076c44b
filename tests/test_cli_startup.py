"""`coach` start-up: what each command imports, read from the real entry point.

Speed is measured in ``bench/cli_startup.py``; these tests hold the structure that makes it
fast and cannot be fooled by a busy machine: `coach --version` loads no CLI library, a command
loads its own module and not the others', a listing command does not load the judge, the
sandbox or the TUI. And `--help` still lists and documents every command.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any
from unittest import mock

import pytest

from coach_cli.main import COMMANDS
from tests.cli_in_process import run_in_process
from tests.conftest import coach_bin

COMMAND_MODULES = {module for module, _ in COMMANDS.values()}
GROUP_COMMANDS = {
    "problems": ("list", "show", "validate", "import"),
    "config": ("get", "set", "path", "list"),
    "drills": ("list", "show", "hint", "skip", "generate", "run"),
    "goals": ("list", "set", "add", "remove"),
}


PROBE = (
    "import atexit, runpy, sys\n"
    "def report():\n"
    "    sys.stderr.write('MODULES ' + ' '.join(sorted(sys.modules)) + '\\n')\n"
    "atexit.register(report)\n"
    "sys.argv = sys.argv[1:]\n"
    "runpy.run_path(sys.argv[0], run_name='__main__')\n"
)


def probed(*args: str, env: dict[str, str] | None = None) -> tuple[str, set[str]]:
    """What `coach ARGS` prints, and the modules loaded by the time it exits: the console
    script, run as it is."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, coach_bin(), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = re.search(r"^MODULES (.*)$", proc.stderr, re.M)
    assert found, proc.stderr[-2000:]
    return proc.stdout, set(found[1].split())


def imported(*args: str) -> set[str]:
    """The modules loaded by the time `coach ARGS` exits."""
    return probed(*args)[1]


def test_version_loads_no_cli_library_and_no_engine_module() -> None:
    names = imported("--version")
    assert not {"typer", "click", "rich", "pydantic"} & names
    assert not {n for n in names if n.startswith("coach_engine.")}
    assert not (COMMAND_MODULES - {"coach_cli.main"}) & names


@pytest.mark.parametrize(
    ("args", "own"),
    [
        (("problems", "list", "--json"), "coach_cli.problems_cmd"),
        (("history", "--json"), "coach_cli.history"),
        (("drills", "list", "--json"), "coach_cli.drills_cmd"),
    ],
)
def test_a_listing_command_loads_its_module_only(args: tuple[str, ...], own: str) -> None:
    names = imported(*args, "--help")  # help goes through typer: the command's module only
    assert own in names
    others = COMMAND_MODULES - {own}
    assert not others & names, f"{args} loaded {sorted(others & names)}"
    names = imported(*args)  # the listing itself runs without typer and any command module
    assert "coach_cli.listings" in names
    assert not {"typer", "click"} & names
    assert not (COMMAND_MODULES - {"coach_cli.main"}) & names, sorted(COMMAND_MODULES & names)
    assert "rich" not in names  # JSON output needs no rich
    heavy = (
        "coach_engine.judge",
        "coach_tui",
        "textual",
        "sandbox.runner",
        "coach_engine.drills.generate",
    )
    loaded = sorted(n for n in names if n.startswith(heavy))
    if own != "coach_cli.drills_cmd":
        assert not loaded, f"{args} loaded {loaded}"
    else:  # the drill service is what lists drills; the judge and the TUI stay out
        assert not [n for n in loaded if not n.startswith("coach_engine.drills")], loaded
    if own != "coach_cli.problems_cmd":  # listing sessions or drills parses no problem
        assert "coach_engine.problems.problem" not in names
        assert "coach_engine.problems.schema" not in names


# What listing stored rows needs: the config (read and checked), the store, the session or
# drill service, one query. Not what sending events, timing or running an interview needs.
NOT_FOR_LISTING = (
    "coach_engine.events",  # the event models (the per-user bus is coach_engine.event_bus)
    "coach_engine.clock",
    "coach_engine.sandbox_policy",
    "sandbox",
    "coach_engine.interview",  # and coach_engine.interviewer, .interviews
    "coach_engine.providers",
    "coach_engine.feedback",  # the feedback worker, producer and service
    "coach_engine.field_docs",  # settings' descriptions are parsed for `config show` only
    "tomlkit",  # only `config set` writes the file
)


def _loaded(names: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if n.startswith(prefixes))


@pytest.mark.parametrize(
    "args", [("history", "--json"), ("history",), ("drills", "list", "--json")]
)
def test_listing_sessions_or_drills_loads_no_event_clock_sandbox_or_interviewer(
    args: tuple[str, ...],
) -> None:
    names = imported(*args)
    assert "coach_engine.store" in names and "coach_engine.event_bus" in names  # it did list
    assert not _loaded(names, NOT_FOR_LISTING), f"{args} loaded {_loaded(names, NOT_FOR_LISTING)}"


def _seed_sessions_and_drills() -> None:
    """Sessions of every kind and state (one paused, one scored) and drills, in the person's
    database, written through the engine's store."""
    from datetime import UTC, datetime, timedelta

    from coach_engine import locations
    from coach_engine.models import (
        Drill,
        DrillStatus,
        DrillType,
        InterviewKind,
        SessionCreate,
        SessionStatus as St,
    )
    from coach_engine.store import SQLiteStore

    locations.ensure_home()
    store = SQLiteStore.open(locations.database_path())
    user, now = store.default_user().id, datetime.now(UTC)
    made = [
        store.create_session(user, SessionCreate(problem_slug="two-sum", language="go")),
        store.create_session(user, SessionCreate(kind=InterviewKind.SYSTEM_DESIGN, topic="cache")),
        store.create_session(user, SessionCreate(kind=InterviewKind.BEHAVIORAL)),
    ]
    # paused: its time is what was banked (a running one's grows with the clock; the engine's
    # test of the reader covers it), so both runs print the same minutes
    paused = {"active_seconds": 125.0, "resumed_at": now - timedelta(minutes=2)}
    store.transition_session(user, made[0].id, expected=St.CREATED, new=St.PAUSED,
                             changes=paused)  # fmt: skip
    store.transition_session(user, made[1].id, expected=St.CREATED, new=St.COMPLETED,
                             changes={"score": 8, "active_seconds": 1900.0})  # fmt: skip
    for n, status in enumerate(DrillStatus):
        store.add_drill(
            Drill(user_id=user, title=f"{status.value} drill " + "long title " * 12, prompt="p",
                  drill_type=DrillType.PRACTICE_QUESTION, status=status,
                  due_at=now + timedelta(days=n - 1))
        )  # fmt: skip
    store.close()


@pytest.mark.parametrize("args", [("history",), ("drills", "list", "--all")])
def test_a_listing_table_reads_rows_without_pydantic_and_prints_the_engines_table(
    args: tuple[str, ...],
) -> None:
    _seed_sessions_and_drills()
    direct, names = probed(*args)
    assert "coach_engine.listing_reader" in names
    unwanted = {"pydantic", "pydantic_settings", "asyncio", "typer", "click", "coach_engine.models"}
    assert not unwanted & names, sorted(unwanted & names)
    # a setting from the environment: the reader opens the engine (pydantic models, config)
    full, names = probed(*args, env={"COACH_UI__THEME": "dark"})
    assert {"pydantic", "coach_engine.models", "coach_engine.config"} <= names
    assert direct == full
    history = ("two-sum", "cache", "behavioral", "paused", "8", "2 min", "31 min")
    drills = ("in_progress", "completed", "skipped", "practice_question")
    assert all(word in direct for word in (history if args[0] == "history" else drills)), direct


def test_listing_problems_opens_no_store_and_reads_no_settings() -> None:
    imported("problems", "list", "--json")  # the first run may parse the bank (index miss)
    names = imported("problems", "list", "--json")
    unwanted = (*NOT_FOR_LISTING, "coach_engine.store", "coach_engine.config", "pydantic_settings")
    assert not _loaded(names, unwanted), _loaded(names, unwanted)


def test_help_lists_every_command_with_its_summary(coach: Any) -> None:
    proc = coach("--help")
    assert proc.returncode == 0, proc.stderr
    commands = proc.stdout.split("\nCommands:\n", 1)[1]
    listed = re.findall(r"^  (\S+)\s{2,}\S", commands, re.M)
    assert listed == list(COMMANDS), proc.stdout


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_has_help(coach: Any, command: str) -> None:
    proc = coach(command, "--help")  # the real entry point, once per command
    assert proc.returncode == 0, proc.stderr
    assert f"Usage: coach {command}" in proc.stdout
    subs = GROUP_COMMANDS.get(command, ())
    for sub in subs:
        assert re.search(rf"^  {sub}\s", proc.stdout, re.M), (command, sub, proc.stdout)
    if subs:  # a group's sub-commands, in process (the same app; ~0.3 s of CPU less each)
        from typer.testing import CliRunner

        from coach_cli.main import build_app

        for sub in subs:
            result = CliRunner().invoke(build_app(), [command, sub, "--help"], prog_name="coach")
            assert result.exit_code == 0, result.output
            assert f"Usage: coach {command} {sub}" in result.output


def test_an_unknown_command_is_a_usage_error(coach: Any) -> None:
    proc = coach("histroy")
    assert proc.returncode == 2
    assert "No such command" in proc.stderr and "Traceback" not in proc.stderr


# Plain listings run without typer (coach_cli.listings.parse); anything parse does not accept
# goes to the typer app, so help and usage errors are typer's. Each pair: the real entry point,
# and the same command line forced through the typer app (in process: `run()` with parse
# declining; tests/cli_in_process.py, whose own fidelity the next test holds).


@pytest.mark.parametrize(
    "args",
    [
        ("history",),
        ("history", "--json", "--limit=1", "--page", "1", "--sort", "created_at"),
        ("history", "--status", "bogus"),  # the engine's error, in both
        ("drills", "list", "--due", "--all"),
        ("problems", "list", "--difficulty", "EASY", "--tag", "stack"),
        ("problems", "list", "--tag", "nope", "--json"),
        ("problems", "list", "--search", "two sum", "--sort", "acceptance"),
        ("problems", "list", "--sort", "speed"),  # the engine's error, in both
    ],
)
def test_a_listing_without_typer_prints_what_the_typer_command_prints(
    coach: Any, args: tuple[str, ...]
) -> None:
    fast = coach(*args)
    with mock.patch("coach_cli.listings.parse", lambda argv: None):
        slow = run_in_process(*args)
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        slow.returncode,
        slow.stdout,
        slow.stderr,
    )
    assert "Traceback" not in fast.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("history",),  # a rich table at COLUMNS=200
        ("problems", "show", "two-sum"),  # a typer command's rich output
        ("config", "get", "sandbox.time_ms"),  # and its plain line
        ("config", "get", "nope"),  # a CoachError: title and fix on stderr, exit 2
        ("histroy",),  # click's usage error
    ],
)
def test_coach_in_process_prints_what_the_real_coach_prints(
    coach: Any, args: tuple[str, ...]
) -> None:
    _seed_sessions_and_drills()
    real, here = coach(*args), run_in_process(*args)
    assert (here.returncode, here.stdout, here.stderr) == (
        real.returncode,
        real.stdout,
        real.stderr,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["history", "--help"],
        ["history", "--limit", "0"],  # out of range: typer's message
        ["history", "--limit", "x"],
        ["history", "--page"],  # no value
        ["history", "--json=yes"],
        ["history", "extra"],
        ["history", "--status", "--json"],  # click decides what that means
        ["drills", "show", "abc"],
        ["drills"],
        ["problems", "list", "--bogus"],
        ["problems", "show", "two-sum"],
        ["--help"],
        [],
    ],
)
def test_anything_but_a_plain_listing_goes_to_typer(argv: list[str]) -> None:
    from coach_cli.listings import parse

    assert parse(argv) is None


def test_a_plain_listing_is_parsed_as_typer_declares_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from coach_cli import listings

    calls: list[tuple[str, dict[str, Any]]] = []
    defaults = {f.__name__: dict(d) for f, _, d in listings.COMMANDS.values()}
    for words, (function, options, given) in list(listings.COMMANDS.items()):
        recorder = (lambda name: lambda **kw: calls.append((name, kw)))(function.__name__)
        monkeypatch.setitem(listings.COMMANDS, words, (recorder, options, given))
    for argv in (
        ["history", "--limit=500", "--page", "3", "--status", "paused", "--json"],
        ["drills", "list", "--all"],
        ["problems", "list", "--tag=stack"],
    ):
        run = listings.parse(argv)
        assert run is not None, argv
        run()
    assert calls == [
        ("history", {**defaults["history"], "status": "paused", "limit": 500, "page": 3,
                     "json_": True}),
        ("drills", {**defaults["drills"], "all_": True}),
        ("problems", {**defaults["problems"], "tag": "stack"}),
    ]  # fmt: skip
    # the defaults are the typer commands' (the other options of each line keep them)
    assert defaults["history"]["sort"] == "-created_at" and defaults["history"]["limit"] == 20
    assert defaults["drills"] == {"due": False, "all_": False, "json_": False}
    assert defaults["problems"]["difficulty"] is None and defaults["problems"]["json_"] is False
