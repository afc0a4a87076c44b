"""Helpers shared by ``tests/test_sandbox_*.py``: backends, runners, requests."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from coach_engine.errors import SandboxError
from hostile.minipy import MiniPython
from sandbox import languages
from sandbox.isolation import get_backend
from sandbox.languages.base import LanguageRunner
from sandbox.runner import run
from sandbox.spec import Limits, Param, RunRequest, RunResult, Signature, TestCase

ISOLATING = ["bwrap", "docker"]
LANGS = ["python", "javascript", "java", "cpp", "go"]
SOLVE = Signature(function="solve", params=(Param(name="n", type="int"),), returns="int")
ATTACK = Signature(function="attack", params=(Param(name="arg", type="string"),), returns="string")


def backend_or_skip(name: str, cache_dir: Path) -> str:
    """Return ``name`` if that backend works here, else skip the test saying why."""
    try:
        get_backend(name, cache_dir, allow_unsafe=name == "unsafe").check()
    except SandboxError as e:
        pytest.skip(f"{name} backend unavailable here: {e.message[:200]}")
    return name


def runner_or_skip(lang: str) -> LanguageRunner:
    """The language runner (``python-mini``: the tests' own); skips if its toolchain is absent."""
    if lang == "python-mini":
        return MiniPython(check_syntax=True)
    # A missing or unknown runner is the project's bug and fails here; only a toolchain this
    # machine lacks is a reason to skip.
    runner: LanguageRunner = languages.get(lang)
    try:
        runner.toolchain()
    except SandboxError as e:
        pytest.skip(f"{lang} toolchain missing: {e.message}")
    return runner


def judge(
    lang: str,
    code: str,
    tests: list[TestCase],
    *,
    backend: str,
    cache_dir: Path,
    signature: Signature = SOLVE,
    **limits: Any,
) -> RunResult:
    """Run ``code`` through the public entry point with small limits (fast tests)."""
    runner = runner_or_skip(lang)
    lim = Limits(**{"time_ms": 300, "total_time_ms": 8000, **limits})
    request = RunRequest(
        language=runner.name, code=code, signature=signature, tests=tests, limits=lim
    )
    mini = runner if lang == "python-mini" else None  # real runners: as run() builds them
    return run(request, backend=backend, cache_dir=cache_dir, language_runner=mini)


def outputs(result: RunResult) -> str:
    """Everything a run showed: compile output, and per test actual, stdout, stderr."""
    parts = [result.compile_output]
    for t in result.tests:
        parts += [str(t.actual), t.stdout, t.stderr]
    return "\n".join(parts)


def processes_named(name: str) -> list[int]:
    """Live (non-zombie) PIDs whose name (``/proc/PID/comm``, set with PR_SET_NAME) is ``name``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/comm") as f:
                if f.read().strip() != name:
                    continue
            with open(f"/proc/{entry}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    continue
        except (OSError, IndexError):
            continue
        found.append(int(entry))
    return found


def processes_with(marker: str) -> list[int]:
    """PIDs whose command line contains ``marker``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if marker.encode() in f.read():
                    found.append(int(entry))
        except OSError:
            continue
    return found
