"""Shared fixtures: every test gets its own COACH_HOME, so nothing touches the person's data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bytecode is cached, as an installed package's is. This machine's environment sets
# PYTHONDONTWRITEBYTECODE, so without this every `coach` subprocess, xdist worker and probe child
# compiled each Coach module it imports from source, every time (a clean clone has no .pyc; here
# they went stale with each edit): 50-60 ms of CPU per `coach` process at load 10. Set before
# xdist starts its workers, so they and every process the tests start write and share the .pyc
# files (in __pycache__, which git and the wheel ignore).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

# A test parametrized over a compiled language pays for its compiler and runtime start-up (the
# C++ header, Go's build cache, the JVM): it is `slow`, so the dev fast path `-m "not slow"` runs
# the Python and JavaScript cases of the same tests and CI runs all of them.
COMPILED = frozenset({"cpp", "java", "go"})

# Tests that use one of these session fixtures (expensive, built once per process) run on one
# xdist worker (`--dist loadgroup`), so each is built once per run, not once per worker: the
# harness's compiled programs (every language), Coach's wheel; and module fixtures, which xdist
# builds once per worker that gets one of the module's tests: the import-hygiene probe (~12 s of
# CPU), the judged labelled set (~60 s; measured built twice in one run, bench/suite_profile.py).
ONE_WORKER = {
    "programs": "harness-programs",
    "coach_wheel": "coach-wheel",
    "probe": "import-probe",
    "judged": "judge-labelled",
}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and COMPILED.intersection(
            v for v in callspec.params.values() if isinstance(v, str)
        ):
            item.add_marker(pytest.mark.slow)
        groups = [ONE_WORKER[f] for f in getattr(item, "fixturenames", ()) if f in ONE_WORKER]
        if groups:
            item.add_marker(pytest.mark.xdist_group(groups[0]))


@pytest.fixture(scope="session")
def shared_build_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One sandbox build cache for the whole run: the C++ precompiled header (~3 s) and the Go
    build cache are made once, not per test or per module. Under pytest-xdist the workers share
    it too (entries are written under a temporary name and renamed into place, so concurrent
    processes never see half an entry, as in production). Tests of the cache itself, or of a
    cold build, pass their own dir."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # .../pytest-N/popen-gwK -> .../pytest-N, the run's shared root
    path = base / "sandbox-cache"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(autouse=True)
def coach_home(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    shared_build_cache: Path,
) -> Path:
    home = tmp_path_factory.mktemp("coach-home")
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.setenv("COACH_SANDBOX_CACHE", str(shared_build_cache))
    for var in ("COACH_PROVIDER", "COACH_MODEL", "COACH_BASE_URL", "COACH_SANDBOX_BACKEND"):
        monkeypatch.delenv(var, raising=False)
    return home


def coach_bin() -> str:
    """The real installed `coach` entry point of this environment."""
    candidate = Path(sys.executable).parent / "coach"
    found = str(candidate) if candidate.exists() else shutil.which("coach")
    assert found, "the coach console script is not installed (pip install -e .)"
    return found


@pytest.fixture
def coach(coach_home: Path) -> Iterator[object]:
    """Run the real `coach` command: ``coach("history", "--json")`` -> CompletedProcess."""

    def run(
        *args: str, input: str | None = None, env: dict[str, str] | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
        return subprocess.run(
            [coach_bin(), *args],
            capture_output=True,
            text=True,
            input=input,
            env=full_env,
            timeout=timeout,
        )

    yield run
