"""Every documented setting acts — in the engine (what the TUI and a server drive), the CLI and
the TUI — through ``config.toml`` and through its environment variable.

The documented settings are the model's (``coach config show`` lists ``config.keys()``); each
proof below is registered with ``@proves(key, ...)`` and ``test_every_setting_has_a_proof``
fails when a setting has none. Proofs check what ran — a verdict, the request a provider
received, the session created, the theme shown — never a timing margin: the busy loop below
burns CPU time (what the sandbox measures), so a loaded machine does not change its verdict.
"""

from __future__ import annotations

import json
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from fakes.llm_server import FakeLLMServer, Reply, Slow

from coach_engine import config, locations
from coach_engine.engine import Engine
from coach_engine.errors import ConfigError, ProviderError, SandboxError
from coach_engine.problems import bundled_root
from coach_engine.providers.budget import Allowance
from coach_engine.providers.types import ChatMessage, ProviderCallError

F = TypeVar("F", bound=Callable[..., Any])
PROVEN: set[str] = set()


def proves(*keys: str) -> Callable[[F], F]:
    """Register a test as the proof that ``keys`` act."""

    def mark(fn: F) -> F:
        PROVEN.update(keys)
        return fn

    return mark


def test_every_setting_has_a_proof() -> None:
    documented = set(config.keys())
    assert documented - PROVEN == set(), "a setting without a test proving it acts"
    assert PROVEN - documented == set(), "a proof for a setting that no longer exists"


@pytest.fixture(params=["file", "env"])
def via(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Set settings through config.toml (``coach config set``) or their COACH_* variables."""

    def apply(**values: str) -> None:
        for name, value in values.items():
            key = name.replace("__", ".")
            if request.param == "file":
                config.set_value(key, value)
            else:
                monkeypatch.setenv(config.env_name(key), value)

    return apply


# --- sandbox ------------------------------------------------------------------------------------

OPEN = "open-limits-two-sum"
"""A user-pack problem that sets no time or memory limit, so the settings' defaults apply."""

HEAVY = """\
import time
class Solution:
    def twoSum(self, nums, target):
        block = bytearray(160 * 1024 * 1024)     # 160 MB, touched page by page
        block[::4096] = b"x" * len(block[::4096])
        start = time.process_time()
        while time.process_time() - start < 0.3:  # 300 ms of CPU, however busy the machine
            pass
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
"""
"""AC under the defaults (2000 ms, 256 MB); TLE under a 100 ms limit, MLE under 64 MB."""


def host_check(path: Path) -> str:
    """A solution that is right only where the host's files are visible: AC on the unsafe
    backend, WA in an isolated one (bwrap gives the program a private /tmp)."""
    return (
        "import os\nclass Solution:\n    def twoSum(self, nums, target):\n"
        f"        if not os.path.isdir({str(path)!r}):\n            return []\n"
        "        seen = {}\n        for i, x in enumerate(nums):\n"
        "            if target - x in seen:\n                return [seen[target - x], i]\n"
        "            seen[x] = i\n"
    )


@pytest.fixture
def host_dir() -> Iterator[Path]:
    """A world-readable directory in the host's /tmp (pytest's own are private to their owner,
    and the unsafe backend may run the program as another user)."""
    path = Path(tempfile.mkdtemp(prefix="coach-settings-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def open_limits(coach_home: Path) -> str:
    """``two-sum`` copied into the user's packs without its [limits] time_ms / memory_mb."""
    target = coach_home / "problems" / OPEN
    shutil.copytree(str(bundled_root() / "two-sum"), target)
    toml = target / "problem.toml"
    lines = toml.read_text().splitlines()
    kept = [
        f'slug = "{OPEN}"' if line.startswith("slug = ") else line
        for line in lines
        if not line.startswith(("time_ms =", "memory_mb ="))
    ]
    toml.write_text("\n".join(kept) + "\n")
    return OPEN


async def engine_run(slug: str, code: str) -> str:
    """Run ``code`` the way the TUI does: ``Engine.open()`` (config.toml + environment), start
    an interview, run the visible tests through ``engine.interview``. Returns the verdict."""
    engine = Engine.open()
    try:
        session = await engine.interviews.start(slug, language="python")
        await engine.interview.begin(session.id)
        run = await engine.interview.run(session.id, code, "python")
        return run.verdict
    finally:
        await engine.aclose()


def cli_run(coach: Any, tmp_path: Path, slug: str, code: str, *args: str) -> Any:
    solution = tmp_path / "solution.py"
    solution.write_text(code)
    return coach("run", str(solution), "-p", slug, "--json", *args, timeout=180)


def cli_verdict(proc: Any) -> str:
    assert proc.returncode in (0, 1), proc.stderr
    verdict: str = json.loads(proc.stdout)["verdict"]
    return verdict


@proves("sandbox.workers", "sandbox.queued_per_user")
async def test_workers_and_queued_per_user_bound_the_sandbox_queue(
    via: Callable[..., None],
) -> None:
    """One worker: while another run holds it, the interview's run waits (``run_queued``,
    position 1); one waiting run per user: a second is refused, naming the setting."""
    import asyncio

    from run_slots import slot_held

    from coach_engine.api import RunQueuedEvent, RunQueueFull
    from coach_engine.sandbox_policy import SandboxPolicy

    via(sandbox__workers="1", sandbox__queued_per_user="1")
    right = (
        "class Solution:\n    def twoSum(self, nums, target):\n"
        "        return next([j, i] for i in range(len(nums)) for j in range(i)"
        " if nums[i] + nums[j] == target)\n"
    )
    engine = Engine.open()
    try:
        session = await engine.interviews.start("two-sum", language="python")
        await engine.interview.begin(session.id)
        assert isinstance(engine.runner, SandboxPolicy)
        queue = engine.runner.queue
        events = engine.local.events.subscribe(session.id)
        with slot_held(queue, owner="another user"):  # another user's run holds the one worker
            first = asyncio.create_task(engine.interview.run(session.id, right, "python"))
            event = await asyncio.wait_for(events.__anext__(), 120)
            while not isinstance(event, RunQueuedEvent):
                event = await asyncio.wait_for(events.__anext__(), 120)
            assert (event.data.position, event.data.ahead) == (1, 1)
            with pytest.raises(RunQueueFull, match="sandbox.queued_per_user = 1"):
                await engine.interview.run(session.id, right, "python")
        assert (await first).verdict == "AC"
        events.close()
    finally:
        await engine.aclose()


@proves("sandbox.warm")
async def test_warm_keeps_a_sandbox_started_for_the_next_run(via: Callable[..., None]) -> None:
    """``sandbox.warm = 1``: one sandbox is kept started ahead (from a process's second run),
    and a later run is served by it; ``0``: the ready one is killed, no run is served warm."""
    import asyncio

    from sandbox.cache import default_cache_dir
    from sandbox.isolation import get_backend
    from sandbox.isolation.bwrap import BubblewrapBackend

    right = (
        "class Solution:\n    def twoSum(self, nums, target):\n"
        "        return next([j, i] for i in range(len(nums)) for j in range(i)"
        " if nums[i] + nums[j] == target)\n"
    )
    backend = get_backend("bwrap", default_cache_dir())
    assert isinstance(backend, BubblewrapBackend)
    pool = backend.warm
    for size in (1, 0):
        via(sandbox__warm=str(size))
        served, started = pool.stats.served, pool.stats.started
        engine = Engine.open()
        try:
            session = await engine.interviews.start("two-sum", language="python")
            await engine.interview.begin(session.id)
            for _ in range(3):
                assert (await engine.interview.run(session.id, right, "python")).verdict == "AC"
                assert await asyncio.to_thread(pool.wait_idle)
        finally:
            await engine.aclose()
        assert pool.size == size
        if size:
            assert pool.stats.served >= served + 1 and pool.ready() == 1
        else:
            assert (pool.stats.served, pool.stats.started, pool.ready()) == (served, started, 0)


@pytest.mark.slow
def test_sandbox_defaults_let_the_heavy_solution_pass(
    coach: Any, tmp_path: Path, open_limits: str
) -> None:
    """The baseline for the two proofs below: the same code passes under the defaults."""
    assert cli_verdict(cli_run(coach, tmp_path, open_limits, HEAVY)) == "AC"


@pytest.mark.slow
@proves("sandbox.time_ms")
async def test_time_ms_makes_a_busy_loop_tle(
    via: Callable[..., None], coach: Any, tmp_path: Path, open_limits: str
) -> None:
    via(sandbox__time_ms="100")
    assert await engine_run(open_limits, HEAVY) == "TLE"
    assert cli_verdict(cli_run(coach, tmp_path, open_limits, HEAVY)) == "TLE"


@pytest.mark.slow
@proves("sandbox.memory_mb")
async def test_memory_mb_makes_an_allocation_mle(
    via: Callable[..., None], coach: Any, tmp_path: Path, open_limits: str
) -> None:
    via(sandbox__memory_mb="64")
    assert await engine_run(open_limits, HEAVY) == "MLE"
    assert cli_verdict(cli_run(coach, tmp_path, open_limits, HEAVY)) == "MLE"


@pytest.mark.slow
async def test_a_problems_own_limit_wins_over_the_default(
    monkeypatch: pytest.MonkeyPatch, coach: Any, tmp_path: Path
) -> None:
    """two-sum's calibrated 250 ms stays: a generous default does not loosen it."""
    monkeypatch.setenv("COACH_SANDBOX__TIME_MS", "60000")
    assert await engine_run("two-sum", HEAVY) == "TLE"


@pytest.mark.slow
@proves("sandbox.backend", "sandbox.allow_unsafe")
async def test_backend_chooses_what_runs_the_code(
    via: Callable[..., None], coach: Any, tmp_path: Path, host_dir: Path
) -> None:
    code = host_check(host_dir)
    # the default, bwrap: the host's files are out of sight
    assert await engine_run("two-sum", code) == "WA"
    assert cli_verdict(cli_run(coach, tmp_path, "two-sum", code)) == "WA"
    # unsafe without consent: refused everywhere, with the fix
    via(sandbox__backend="unsafe")
    with pytest.raises(ConfigError, match="sandbox.allow_unsafe"):
        await engine_run("two-sum", code)
    refused = cli_run(coach, tmp_path, "two-sum", code)
    assert refused.returncode == 2 and "allow_unsafe" in refused.stderr
    # with consent, unsafe is what ran: the program saw the host's files
    via(sandbox__allow_unsafe="true")
    assert await engine_run("two-sum", code) == "AC"
    assert cli_verdict(cli_run(coach, tmp_path, "two-sum", code)) == "AC"
    # docker: docker runs it (isolated) or says why it cannot; never a quiet fallback
    via(sandbox__backend="docker")
    try:
        verdict = await engine_run("two-sum", code)
    except SandboxError as exc:
        assert "docker" in exc.message.lower()
    else:
        assert verdict == "WA"


def test_feedback_command_runs_code_on_the_settings_backend(
    via: Callable[..., None], coach: Any, tmp_path: Path
) -> None:
    """``coach feedback`` judges through the same policy: unsafe without consent is refused
    before any code runs, like ``coach run`` and the interview."""
    via(sandbox__backend="unsafe")
    solution = tmp_path / "solution.py"
    solution.write_text(HEAVY)
    proc = coach("feedback", str(solution), "-p", "two-sum", "--budget-s", "2", timeout=180)
    assert proc.returncode == 2 and "sandbox.allow_unsafe" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_problem_validation_runs_references_on_the_settings_backend(
    via: Callable[..., None], coach: Any, open_limits: str, coach_home: Path
) -> None:
    via(sandbox__backend="unsafe")
    proc = coach("problems", "validate", str(coach_home / "problems" / open_limits))
    assert proc.returncode == 1 and "could not run" in proc.stdout
    assert "sandbox.allow_unsafe" in proc.stdout


@pytest.mark.slow  # the doctor probes every toolchain and backend
def test_doctor_reports_the_settings_backend(via: Callable[..., None], coach: Any) -> None:
    via(sandbox__backend="docker")
    proc = coach("doctor", "--json", timeout=180)
    checks = {c["name"]: c for c in json.loads(proc.stdout)["checks"]}
    assert checks["isolation default backend"]["detail"] == "docker"
    via(sandbox__backend="unsafe")
    proc = coach("doctor", "--json", timeout=180)
    checks = {c["name"]: c for c in json.loads(proc.stdout)["checks"]}
    assert not checks["sandbox settings"]["ok"]
    assert "sandbox.allow_unsafe" in checks["sandbox settings"]["detail"]


@pytest.mark.slow
async def test_the_documented_backend_variable_still_works(
    monkeypatch: pytest.MonkeyPatch, coach: Any, tmp_path: Path, host_dir: Path
) -> None:
    monkeypatch.setenv("COACH_SANDBOX_BACKEND", "unsafe")
    monkeypatch.setenv("COACH_SANDBOX__ALLOW_UNSAFE", "1")
    code = host_check(host_dir)
    assert await engine_run("two-sum", code) == "AC"
    assert cli_verdict(cli_run(coach, tmp_path, "two-sum", code)) == "AC"


@pytest.mark.slow
async def test_backend_is_honoured_by_the_tui(via: Callable[..., None], host_dir: Path) -> None:
    from textual import events
    from tui.tui_support import options, settle, until

    from coach_tui.factory import StartRequest, make_app
    from coach_tui.screens.interview import InterviewScreen
    from coach_tui.widgets.chat.message import ChatMessage

    via(sandbox__backend="unsafe", sandbox__allow_unsafe="true")
    engine = Engine.open()
    app = make_app(engine, StartRequest(slug="two-sum"), options(connect=False))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
            screen = app.screen
            assert isinstance(screen, InterviewScreen)
            await until(pilot, lambda: len(screen.query(ChatMessage)) == 1, "greeting")
            await settle(pilot)
            code = host_check(host_dir)
            await pilot.press("f2", "f7", "delete")  # the editor, select all, clear
            app.post_message(events.Paste(code))
            await until(pilot, lambda: screen.code.code == code, "pasted code")
            await pilot.press("ctrl+r")
            await until(pilot, lambda: screen.view.attempts == 1 and not screen.running, "run")
            runs = await engine.sessions.runs(screen.session_id)
    finally:
        await engine.aclose()
    assert [(r.code, r.verdict) for r in runs] == [(code, "AC")]  # unsafe ran it: host seen


# --- provider and keys --------------------------------------------------------------------------

KEY = "sk-settings-test-0123456789"


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer(api_key=KEY) as s:
        yield s


def posts(server: FakeLLMServer) -> list[Any]:
    return [r for r in server.requests if r.method == "POST"]


async def one_call(engine: Engine, allowance: Allowance | None = None) -> None:
    client = engine.llm_client
    assert client is not None
    await client.complete([ChatMessage.user("hello")], allowance=allowance)


@proves("provider.name", "provider.model", "provider.base_url", "keys.openai_compatible")
async def test_openai_compatible_provider_from_settings(
    via: Callable[..., None], server: FakeLLMServer
) -> None:
    via(
        provider__name="openai-compatible",
        provider__base_url=server.openai_url,
        provider__model="qwen-settings",
        keys__openai_compatible=KEY,
    )
    server.enqueue(Reply("hi"))
    engine = Engine.open()
    try:
        assert await engine.connect_provider() == "openai-compatible"
        await one_call(engine)
    finally:
        await engine.aclose()
    (request,) = posts(server)
    assert request.path == "/v1/chat/completions" and request.body["model"] == "qwen-settings"
    assert request.headers["authorization"] == f"Bearer {KEY}"


@pytest.mark.parametrize(
    ("name", "model", "header"),
    [
        ("openai", "gpt-4o-mini", "authorization"),
        ("anthropic", "claude-3-5-haiku-latest", "x-api-key"),
    ],
)
@proves("keys.openai", "keys.anthropic")
async def test_hosted_provider_keys_from_settings(
    via: Callable[..., None], server: FakeLLMServer, name: str, model: str, header: str
) -> None:
    base = server.openai_url if name == "openai" else server.url
    key_name = name.replace("-", "_")
    via(
        provider__name=name,
        provider__base_url=base,
        provider__model=model,
        **{f"keys__{key_name}": KEY},
    )
    server.enqueue(Reply("hi"))
    engine = Engine.open()
    try:
        assert await engine.connect_provider() == name
        await one_call(engine)
    finally:
        await engine.aclose()
    (request,) = posts(server)
    assert KEY in request.headers[header] and request.body["model"] == model


@pytest.mark.parametrize("variable", ["OPENAI_API_KEY", "COACH_KEYS__OPENAI"])
def test_key_variables_win_over_the_file_and_never_show(
    monkeypatch: pytest.MonkeyPatch, coach: Any, variable: str
) -> None:
    config.set_value("keys.openai", "sk-from-file-000")
    monkeypatch.setenv(variable, "sk-from-env-111")
    assert config.load().api_key("openai") == "sk-from-env-111"
    shown = coach("config", "show", "--json", env={variable: "sk-from-env-111"})
    assert shown.returncode == 0, shown.stderr
    row = next(r for r in json.loads(shown.stdout) if r["key"] == "keys.openai")
    assert row["value"] == "**********" and row["source"] == variable
    assert "sk-from" not in shown.stdout + shown.stderr


@proves("provider.timeout_s")
async def test_timeout_s_bounds_a_call(via: Callable[..., None], server: FakeLLMServer) -> None:
    via(
        provider__name="openai-compatible",
        provider__base_url=server.openai_url,
        provider__model="slow-model",
        provider__timeout_s="0.5",
        keys__openai_compatible=KEY,
    )
    server.enqueue(Slow(delay_s=30), Slow(delay_s=30), Slow(delay_s=30), Slow(delay_s=30))
    engine = Engine.open()
    try:
        await engine.connect_provider()
        with pytest.raises(ProviderCallError) as info:
            await one_call(engine)
    finally:
        server.stopping.set()
        await engine.aclose()
    assert info.value.kind == "timeout" and "0.5 s" in info.value.message


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@proves("provider.fallback_offline")
async def test_fallback_offline_decides_when_the_provider_is_down(
    via: Callable[..., None],
) -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    via(provider__name="openai-compatible", provider__base_url=url, provider__model="m")
    engine = Engine.open()
    try:
        assert (await engine.connect_provider()).startswith("offline (")  # default: fall back
    finally:
        await engine.aclose()
    via(provider__fallback_offline="false")
    engine = Engine.open()
    try:
        with pytest.raises(ProviderError):
            await engine.connect_provider()
    finally:
        await engine.aclose()


@proves("budget.per_day_usd", "budget.per_feedback_usd")
async def test_budgets_refuse_a_call_before_it_is_sent(
    via: Callable[..., None], server: FakeLLMServer
) -> None:
    via(
        provider__name="openai",
        provider__base_url=server.openai_url,
        provider__model="gpt-4o-mini",
        keys__openai=KEY,
        budget__per_feedback_usd="0",
    )
    server.enqueue(Reply("hi"), Reply("hi"))
    engine = Engine.open()
    try:
        await engine.connect_provider()
        await one_call(engine)  # the day's budget ($1 by default) allows it
        with pytest.raises(ProviderCallError, match="budget.per_feedback_usd") as info:
            await one_call(engine, Allowance.for_feedback(engine.config.budget))
        assert info.value.kind == "budget"
    finally:
        await engine.aclose()
    via(budget__per_day_usd="0")
    engine = Engine.open()
    try:
        await engine.connect_provider()
        with pytest.raises(ProviderCallError, match="budget.per_day_usd") as info:
            await one_call(engine)
        assert info.value.kind == "budget"
    finally:
        await engine.aclose()
    assert len(posts(server)) == 1  # the refused calls never reached the provider


# --- interview and display ----------------------------------------------------------------------


@proves("interview.duration_minutes", "interview.language")
async def test_interview_length_and_language_of_a_new_interview(
    via: Callable[..., None],
) -> None:
    via(interview__duration_minutes="30", interview__language="go")
    engine = Engine.open()
    try:
        session = await engine.interviews.start("two-sum")
        code = await engine.interviews.editor_code(session.id)
    finally:
        await engine.aclose()
    assert (session.duration_minutes, session.language) == (30, "go")
    assert code.language == "go" and "func twoSum" in code.code


@proves("interview.autosave_seconds", "ui.theme")
async def test_tui_theme_and_autosave_period(
    via: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.tui_support import options, settle, until

    from coach_tui.factory import StartRequest, make_app
    from coach_tui.screens.interview import InterviewScreen

    periods: list[tuple[float, str]] = []
    schedule = InterviewScreen.set_interval

    def spy(self: InterviewScreen, interval: float, callback: Any = None, **kw: Any) -> Any:
        periods.append((interval, getattr(callback, "__name__", "")))
        return schedule(self, interval, callback, **kw)

    monkeypatch.setattr(InterviewScreen, "set_interval", spy)
    via(interview__autosave_seconds="7", ui__theme="light")
    engine = Engine.open()
    app = make_app(engine, StartRequest(slug="two-sum"), options(connect=False))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
            await until(pilot, lambda: any(name == "autosave" for _, name in periods), "timer")
            await settle(pilot)
            theme = app.theme
    finally:
        await engine.aclose()
    assert theme == "textual-light"
    assert (7, "autosave") in periods


@proves("interview.watch_file")
async def test_watch_file_keeps_the_solution_as_a_file(via: Callable[..., None]) -> None:
    from tui.tui_support import options, settle, until

    from coach_engine.solution_files import solution_path
    from coach_tui.factory import StartRequest, make_app
    from coach_tui.screens.interview import InterviewScreen

    via(interview__watch_file="true")
    engine = Engine.open()
    app = make_app(engine, StartRequest(slug="two-sum"), options(connect=False))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
            screen = app.screen
            assert isinstance(screen, InterviewScreen)
            path = solution_path(screen.session_id, "python")
            await until(pilot, path.is_file, "the watched solution file")
            await settle(pilot)
            assert path.read_text() == screen.code.code
    finally:
        await engine.aclose()


# --- the environment itself ---------------------------------------------------------------------


@pytest.mark.parametrize(("variable", "key"), sorted(config.LEGACY_ENV.items()))
def test_documented_variable_names_keep_working(
    monkeypatch: pytest.MonkeyPatch, variable: str, key: str
) -> None:
    value = {"provider.name": "anthropic", "sandbox.backend": "docker"}.get(key, "legacy-value")
    monkeypatch.setenv(variable, value)
    shown = (
        config.load().api_key(key.split(".")[1].replace("_", "-"))
        if key.startswith("keys.")
        else config.get(key)
    )
    assert shown == value
    assert config.source(key) == variable


def test_bad_variable_names_the_variable_and_what_it_accepts(
    monkeypatch: pytest.MonkeyPatch, coach: Any
) -> None:
    monkeypatch.setenv("COACH_SANDBOX__TIME_MS", "5")
    with pytest.raises(ConfigError, match="COACH_SANDBOX__TIME_MS: sandbox.time_ms"):
        config.load()
    proc = coach("config", "show", env={"COACH_SANDBOX__TIME_MS": "5"})
    assert proc.returncode == 2 and "COACH_SANDBOX__TIME_MS" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_set_names_the_key_and_the_allowed_values(coach: Any) -> None:
    bad = coach("config", "set", "sandbox.backend", "firejail")
    assert bad.returncode == 2
    assert "sandbox.backend" in bad.stderr and "bwrap" in bad.stderr and "unsafe" in bad.stderr
    negative = coach("config", "set", "budget.per_day_usd", "-1")
    assert negative.returncode == 2 and "budget.per_day_usd" in negative.stderr
    assert "≥ 0" in negative.stderr
    path = locations.config_path()
    assert not path.exists() or "firejail" not in path.read_text()


@pytest.mark.slow
async def test_secrets_stay_out_of_logs_the_database_and_the_sandbox(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, coach_home: Path
) -> None:
    """A key set in the file and in the environment is not in the log, the database, the
    settings the sandbox gets, or anything candidate code can read (its environment)."""
    import logging

    from coach_engine.sandbox_policy import sandbox_settings

    secret = "sk-never-leak-4242"
    config.set_value("keys.anthropic", secret)
    monkeypatch.setenv("OPENAI_API_KEY", secret + "-env")
    snoop = (
        "import os\nclass Solution:\n    def twoSum(self, nums, target):\n"
        # the key reversed, so the code the database keeps does not contain it
        f"        if any({secret[::-1]!r} in v[::-1] for v in os.environ.values()):\n"
        "            return []\n"
        "        seen = {}\n        for i, x in enumerate(nums):\n"
        "            if target - x in seen:\n                return [seen[target - x], i]\n"
        "            seen[x] = i\n"
    )
    with caplog.at_level(logging.DEBUG):
        cfg = config.load()
        assert cfg.api_key("anthropic") == secret  # loaded, and usable by a provider
        assert secret not in sandbox_settings(cfg).model_dump_json()
        assert await engine_run("two-sum", snoop) == "AC"  # the program did not see it
    assert secret not in caplog.text and secret not in repr(cfg)
    assert secret not in str(config.describe_settings())
    stored = b"".join(p.read_bytes() for p in coach_home.glob("coach.db*") if p.is_file())
    assert stored and secret.encode() not in stored


# --- server (coach serve) -----------------------------------------------------------------------


@proves(
    "server.secret",
    "server.cors_origins",
    "server.sessions_per_day",
    "server.feedback_per_hour",
    "server.drill_sets_per_hour",
    "server.max_body_kb",
    "server.max_frame_kb",
)
def test_server_settings_act_on_a_running_server(
    via: Callable[..., None], coach_home: Path
) -> None:
    """Each server setting, set low, is what a real server on loopback enforces."""
    import httpx
    import jwt
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    from coach_engine.feedback_jobs import FeedbackResult
    from coach_engine.server.runner import BackgroundServer
    from coach_engine.store import SQLiteStore

    async def quick_feedback(session: Any, progress: Any) -> FeedbackResult:
        return FeedbackResult(overall_score=50, criterion_scores={"correctness": 50})

    secret = "proof-secret-" + "s" * 40
    via(
        server__secret=secret,
        server__cors_origins="https://team.example",
        server__sessions_per_day="2",
        server__feedback_per_hour="1",
        server__drill_sets_per_hour="1",
        server__max_body_kb="2",
        server__max_frame_kb="1",
    )
    engine = Engine(
        SQLiteStore.open(coach_home / "server.db"), config.load(), producer=quick_feedback
    )
    with BackgroundServer(engine) as server, httpx.Client(base_url=server.url, timeout=60) as http:
        signed = http.post(
            "/auth/signup", json={"email": "p@example.com", "password": "long enough pw"}
        ).json()
        claims = jwt.decode(signed["access_token"], secret, algorithms=["HS256"])
        assert claims["sub"] == signed["id"]  # signed with the configured secret
        auth = {"Authorization": f"Bearer {signed['access_token']}"}
        allowed = http.options(
            "/auth/me",
            headers={"Origin": "https://team.example", "Access-Control-Request-Method": "GET"},
        )
        assert allowed.headers.get("access-control-allow-origin") == "https://team.example"
        other = http.options(
            "/auth/me",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
        )
        assert "access-control-allow-origin" not in other.headers
        made = [
            http.post("/sessions", json={"problem_slug": "two-sum"}, headers=auth) for _ in "abc"
        ]
        assert [r.status_code for r in made] == [201, 201, 429]
        sid = made[0].json()["id"]
        asked = [http.post(f"/feedback/sessions/{sid}/feedback", headers=auth) for _ in "ab"]
        assert [r.status_code for r in asked] == [202, 429]
        job = asked[0].json()["feedback_id"]
        drills = [http.post(f"/drills/feedback/{job}/drills", headers=auth) for _ in "ab"]
        assert drills[1].status_code == 429 and drills[0].status_code != 429
        big = http.post("/sessions", content=b"{" + b" " * 3000 + b"}", headers=auth)
        assert big.status_code == 413
        with connect(f"{server.ws_url}/ws/{sid}?token={signed['access_token']}") as ws:
            ws.send("x" * 1500)  # over 1 KiB: the server closes with 1009 (message too big)
            with pytest.raises(ConnectionClosed) as closed:
                while True:
                    ws.recv(timeout=30)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
    engine.close()
