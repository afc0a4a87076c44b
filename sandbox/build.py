"""The build step of a run: compile (or syntax-check) once per content hash, in the sandbox.

A compiled language's ``compile_argv`` or an interpreted one's ``check_argv`` runs in a writable
job directory with compile-sized limits; on success the directory is stored in the build cache
(``sandbox.cache``), so an unchanged re-run skips the step (``compile_cached``). The build step
never runs the candidate's program, only the toolchain, so it keeps Coach's host uid (it must
reach Coach's caches, which the sandbox uid cannot) while every run drops to uid 65534.

The persistent toolchain cache (``languages.base``: C++'s precompiled header, Go's GOCACHE,
javac's class-data sharing archive) lives in ``<build cache>/.toolchain/<language>`` and is
filled once per toolchain by ``precompile`` (trusted code only). A build sees its own
language's directory and nothing else: read-only, except for Go, whose ``go build`` writes the
compiled packages into GOCACHE on every build, so that one stays writable (content-addressed,
and a Go build can reach only Go's cache). A language without a cache (Python, JavaScript)
gets no mount at all.
Set ``COACH_SANDBOX_PRECOMPILE=off`` to skip that one-off build (e.g. in throwaway test homes).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from coach_engine.errors import SandboxError
from sandbox import judge
from sandbox.cache import BuildCache, build_key
from sandbox.isolation import ExecSpec, IsolationBackend, staging
from sandbox.languages.base import Driver, LanguageRunner, Toolchain
from sandbox.spec import RunRequest

log = logging.getLogger(__name__)
COMPILE_TRIM = 8000
PRECOMPILE_TIMEOUT_S = 300.0
# All of a build's processes together (g++ runs cc1plus, as and ld; go build compiles packages in
# parallel), with its /tmp: the candidate's source drives the compiler (template explosions).
BUILD_MEMORY_BYTES = (2 << 30) + (512 << 20)


@dataclass
class Build:
    """What the run step starts from.

    Attributes:
        dir: the directory whose files the run's job directory gets.
        scratch: ``dir`` belongs to this run only (delete it afterwards).
        compile_ms: wall time of the build step (0 when cached or absent).
        cached: the build came from the cache.
        error: compiler output (mapped to the candidate's lines) when the build failed.
    """

    dir: Path | None
    scratch: bool = False
    compile_ms: float = 0.0
    cached: bool = False
    error: str | None = None


def toolchain_cache(cache_root: Path) -> Path:
    """The host directory of the persistent toolchain cache (created)."""
    path = cache_root / ".toolchain"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _spec(argv: list[str], job: Path, lang: LanguageRunner, tc: Toolchain, request: RunRequest,
          cache: Path | None, cache_writable: bool, wall_s: float = 60.0) -> ExecSpec:  # fmt: skip
    return ExecSpec(
        argv, job, lang.env(request.limits), writable=True, binds=tc.binds, cpu_s=int(wall_s) // 2,
        wall_s=wall_s, data_bytes=2 << 30, nproc=256, fsize_bytes=256 << 20,
        tmpfs_bytes=512 << 20, output_bytes=1 << 20, language=request.language, cache=cache,
        cache_writable=cache_writable, as_sandbox_user=False,
        memory_bytes=BUILD_MEMORY_BYTES,
    )  # fmt: skip


def build(
    request: RunRequest,
    lang: LanguageRunner,
    tc: Toolchain,
    driver: Driver,
    backend: IsolationBackend,
    cache: BuildCache,
    tc_cache: Path | None,
) -> Build:
    """Compile or check ``driver``'s files, or fetch the result from ``cache``.

    Raises:
        SandboxError: the build sandbox could not start.
    """
    probe = backend.workdir(Path("/job"))
    cmd = lang.compile_argv(probe) or lang.check_argv(probe)
    if cmd is None:
        job = staging.new_jobdir()
        write_files(job, driver.files)
        return Build(job, scratch=True)
    harness = getattr(_optional("sandbox.harness"), "HARNESS_VERSION", "")
    parts = [request.language, tc.version, str(harness), request.code,
             request.signature.model_dump_json(), json.dumps(cmd), backend.name]  # fmt: skip
    key = build_key(parts, driver.files)
    entry = cache.get(key)
    if entry is not None:
        return Build(entry, cached=True)
    tc_cache = language_cache(tc_cache, lang)
    if tc_cache is not None:
        precompile(lang, tc, request, backend, tc_cache)
    job = staging.new_jobdir()
    try:
        write_files(job, driver.files)
        workdir = backend.workdir(job)
        argv = lang.compile_argv(workdir) or lang.check_argv(workdir) or cmd
        spec = _spec(argv, job, lang, tc, request, tc_cache, lang.cache_writable)
        t0 = time.monotonic()
        res = backend.execute(spec)
        elapsed = round((time.monotonic() - t0) * 1000, 1)
        if not res.started:
            raise SandboxError(f"the build sandbox failed to start: {res.stderr.decode()[:500]}")
        if res.exit_code != 0 or res.killed:
            text = (res.stdout + res.stderr).decode(errors="replace")
            if res.killed:
                text += f"\n[compiler stopped: {res.killed} limit]"
            mapped = lang.map_compiler_output(text, driver)
            return Build(None, compile_ms=elapsed, error=judge.trim(mapped, COMPILE_TRIM))
        return Build(cache.put(key, job), compile_ms=elapsed)
    finally:
        staging.remove(job)


def language_cache(tc_cache: Path | None, lang: LanguageRunner) -> Path | None:
    """The part of the toolchain cache ``lang``'s builds may see (created), or None."""
    if tc_cache is None or (lang.precompile() is None and not lang.cache_writable):
        return None
    path = tc_cache / lang.name
    path.mkdir(parents=True, exist_ok=True)
    return path


def precompile(
    lang: LanguageRunner, tc: Toolchain, request: RunRequest, backend: IsolationBackend,
    tc_cache: Path,
) -> None:  # fmt: skip
    """Fill the toolchain cache once (a failure only costs speed: compiles work without it)."""
    pre = lang.precompile()
    if pre is None or (tc_cache / pre.stamp).exists():
        return
    if os.environ.get("COACH_SANDBOX_PRECOMPILE", "on").lower() in ("0", "off", "false"):
        return
    with open(tc_cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder; the others wait and then find the stamp
        if (tc_cache / pre.stamp).exists():
            return
        job = staging.new_jobdir()
        try:
            write_files(job, pre.files)
            spec = _spec(pre.argv, job, lang, tc, request, tc_cache, True, PRECOMPILE_TIMEOUT_S)
            res = backend.execute(spec)
            if res.exit_code != 0:
                log.warning("precompile for %s failed: %s", lang.name, res.stderr[-500:])
        finally:
            staging.remove(job)


def write_files(job: Path, files: dict[str, str]) -> None:
    """Write generated files into ``job`` (the cases never are: the helper feeds them)."""
    for name, content in files.items():
        path = job / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)


def _optional(module: str) -> object | None:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        return None
