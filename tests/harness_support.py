"""Build and run generated drivers as plain subprocesses (no isolation) for tests/test_harness.py.

Each run applies the runner's RLIMIT_DATA and RLIMIT_STACK with ``prlimit`` (as the isolation
layer does), gives the driver a pipe as fd 3 and parses the protocol of ``sandbox/spec.py``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sandbox.languages import get
from sandbox.languages.base import Driver, LanguageRunner
from sandbox.protocol import READY as READY_LINE
from sandbox.spec import CASE_MARKER, Limits, Param, Signature

MARKER_RE = re.compile(re.escape(CASE_MARKER.split("{}")[0]) + r"(\d+)\n")
BASE_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}


def sig(function: str, params: list[tuple[str, str]], returns: str, inplace: str = "") -> Signature:
    return Signature(
        function=function,
        params=tuple(Param(name=n, type=t) for n, t in params),
        returns=returns,
        inplace=inplace or None,
    )


@dataclass
class Program:
    """A generated driver written to ``workdir`` and compiled (when the language compiles)."""

    runner: LanguageRunner
    driver: Driver
    workdir: Path
    compile_output: str | None = None  # mapped compiler output when the compile failed
    compile_ms: float = 0.0

    @property
    def ok(self) -> bool:
        return self.compile_output is None


@dataclass
class Run:
    results: list[dict[str, Any]]
    stdout: dict[int, str]  # per case index, from the markers
    preamble: str  # stdout before the first marker
    stderr: str
    returncode: int
    wall_ms: float
    raw_results: bytes = field(repr=False, default=b"")

    def outs(self) -> list[Any]:
        assert all(r["ok"] for r in self.results), self.results
        return [r["out"] for r in self.results]


def env_for(runner: LanguageRunner, limits: Limits, home: Path) -> dict[str, str]:
    return {**BASE_ENV, "HOME": str(home), **runner.env(limits)}


def prepare_cache(runner: LanguageRunner, scratch: Path) -> None:
    """Run the runner's one-off cache build, as the isolation layer would (unsandboxed here)."""
    pre = runner.precompile()
    if pre is None or runner.cache_dir is None:
        return
    if (Path(runner.cache_dir) / pre.stamp).exists():
        return
    scratch.mkdir(parents=True, exist_ok=True)
    for name, content in pre.files.items():
        (scratch / name).write_text(content)
    Path(runner.cache_dir).mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        pre.argv,
        cwd=scratch,
        env=env_for(runner, Limits(), scratch),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (Path(runner.cache_dir) / pre.stamp).exists()


def build(runner: LanguageRunner, signature: Signature, code: str, workdir: Path) -> Program:
    driver = runner.driver(signature, code)
    workdir.mkdir(parents=True, exist_ok=True)
    for name, content in driver.files.items():
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)  # javafx/util/Pair.java
        (workdir / name).write_text(content)
    program = Program(runner, driver, workdir)
    argv = runner.compile_argv(str(workdir))
    if argv is None:
        return program
    t0 = time.perf_counter()
    proc = subprocess.run(
        argv,
        cwd=workdir,
        env=env_for(runner, Limits(), workdir),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    program.compile_ms = (time.perf_counter() - t0) * 1000
    if proc.returncode != 0:
        program.compile_output = runner.map_compiler_output(proc.stdout + proc.stderr, driver)
    return program


def build_many(jobs: list[tuple[str, LanguageRunner, Signature, str, Path]]) -> dict[str, Program]:
    """Compile in parallel (compiles are the slow part); keys name the programs."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {key: pool.submit(build, r, s, c, d) for key, r, s, c, d in jobs}
        return {key: f.result() for key, f in futures.items()}


def run(
    program: Program,
    cases: list[list[Any]],
    limits: Limits | None = None,
    *,
    raise_stack: bool = True,
    timeout: float = 60,
) -> Run:
    """Run the driver on ``cases`` with the runner's rlimits; parse fd 3 and the markers."""
    assert program.ok, program.compile_output
    limits = limits or Limits()
    runner, workdir = program.runner, program.workdir
    # the drivers read the cases on stdin, one per line (the sandbox's helper feeds them one
    # at a time; here they are all there at once)
    feed = "".join(json.dumps(c) + "\n" for c in cases).encode()
    rlimits = [f"--data={runner.data_limit_bytes(limits)}"]
    if raise_stack:
        rlimits.append(f"--stack={runner.stack_limit_bytes(limits)}")
    read_fd, write_fd = os.pipe()
    # bash (dash takes one-digit fds only) moves the pipe to fd 3 and execs the driver;
    # prlimit applies the rlimits first.
    shim = f'exec 3>&{write_fd} {write_fd}>&-; exec "$@"'
    argv = runner.run_argv(str(workdir), limits)
    prlimit = shutil.which("prlimit") or "/usr/bin/prlimit"
    chunks: list[bytes] = []

    def drain() -> None:
        with os.fdopen(read_fd, "rb") as f:
            chunks.append(f.read())

    reader = threading.Thread(target=drain)
    reader.start()
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            [prlimit, *rlimits, "--", "/bin/bash", "-c", shim, "bash", *argv],
            cwd=workdir,
            env=env_for(runner, limits, workdir),
            input=feed,
            capture_output=True,
            pass_fds=(write_fd,),
            timeout=timeout,
            check=False,
        )
    finally:
        os.close(write_fd)
        reader.join()
    wall_ms = (time.perf_counter() - t0) * 1000
    raw = b"".join(chunks)
    lines = raw.decode("utf-8").splitlines()
    if lines and lines[0] == READY_LINE.decode():  # the driver's first line: not a result
        lines = lines[1:]
    results = [json.loads(line) for line in lines]
    parts = MARKER_RE.split(proc.stdout.decode("utf-8", errors="replace"))
    stdout = {int(parts[k]): parts[k + 1] for k in range(1, len(parts) - 1, 2)}
    return Run(
        results=results,
        stdout=stdout,
        preamble=parts[0],
        stderr=proc.stderr.decode("utf-8", errors="replace"),
        returncode=proc.returncode,
        wall_ms=wall_ms,
        raw_results=raw,
    )


def runner_for(language: str, cache_root: Path | None = None) -> LanguageRunner:
    """A runner with a persistent cache under ``cache_root`` for the languages that use one."""
    if cache_root is None or language not in ("cpp", "go"):
        return get(language)
    return get(language, cache_dir=str(cache_root / language))
