"""Build and locate ``coach-rexec``, the small C supervisor that runs inside every sandbox.

Why C, built on first use: bubblewrap hides the payload's rusage from the host, so CPU time and
peak RSS must be read by the payload's parent *inside* the namespaces. A C helper costs about
1 ms per run (a Python one would cost a 10 ms interpreter start-up, in every language's sandbox,
and would need Python in Docker images). It is compiled statically when libc.a is present, so the
same binary also works inside a Docker image with another libc. The source (``rexec.c``) says
what it does; the binary is cached under the build cache by the hash of that source.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import threading
from pathlib import Path

from coach_engine.errors import SandboxError
from sandbox.isolation.base import ExecSpec

SOURCE = Path(__file__).with_name("rexec.c")
_lock = threading.Lock()
_built: dict[Path, Path] = {}


def source_hash() -> str:
    """The first 16 hex digits of the helper source's sha256 (part of the binary's name)."""
    return hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:16]


def helper_path(bin_dir: Path) -> Path:
    """Return the helper binary in ``bin_dir``, compiling it first if needed.

    Args:
        bin_dir: where binaries are cached (created if missing).

    Returns:
        The path of an executable ``coach-rexec``.

    Raises:
        SandboxError: no C compiler, or the compile failed.
    """
    with _lock:
        if bin_dir in _built and _built[bin_dir].exists():
            return _built[bin_dir]
        target = bin_dir / f"coach-rexec-{source_hash()}"
        if not target.exists():
            bin_dir.mkdir(parents=True, exist_ok=True)
            with open(bin_dir / ".build.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)  # another coach process may be building it
                if not target.exists():
                    built = next((p for p in _built.values() if p.exists()), None)
                    if built is not None and built.name == target.name:
                        shutil.copy2(built, target)  # built for another cache dir: reuse
                    else:
                        _compile(target)
        _built[bin_dir] = target
        return target


def _compile(target: Path) -> None:
    cc = shutil.which("gcc") or shutil.which("cc")
    if cc is None:
        raise SandboxError(
            "the sandbox needs a C compiler once, to build its 40-line measuring helper: "
            "install gcc (`apt-get install gcc`) and run again"
        )
    tmp = target.with_name(f".{target.name}.{os.getpid()}")
    base = [cc, "-O2", "-o", str(tmp), str(SOURCE)]
    errors = ""
    for extra in (["-static"], []):  # static when libc.a exists: portable into Docker images
        proc = subprocess.run(base + extra, capture_output=True, text=True, timeout=120)
        if proc.returncode == 0:
            tmp.chmod(0o755)
            tmp.replace(target)
            return
        errors = proc.stderr
    raise SandboxError(f"could not compile the sandbox helper with {cc}:\n{errors[-2000:]}")


def helper_args(
    spec: ExecSpec, results: str, meas: str, life: str | None = None, cases: str | None = None
) -> list[str]:
    """The helper's options for ``spec``: limits, watchdog and where to write results and records.

    Args:
        spec: the limits.
        results: fd number (or absolute file path) receiving the relayed result lines.
        meas: fd number (or absolute file path) receiving the helper's JSON records.
        life: fd number of the lifeline's read end, if the backend can pass one.
        cases: fd number (or absolute file path, unlinked by the helper before the program
            starts) holding ``spec.feed``, when there is one.

    Returns:
        The options, ending with ``--``; the payload's argv follows.
    """
    args = ["-m", meas, "-r", results]
    if life is not None:
        args += ["-L", life]
    if cases is not None:
        args += ["-i", cases]
    return [*args, *run_options(spec), "--"]


def run_options(spec: ExecSpec) -> list[str]:
    """The helper's options that a run of ``spec`` sets (limits, watchdog, test-run flags),
    without the channels and without ``--``: ``helper_args`` for a sandbox started for this
    run, the request of a warm sandbox (``-W``) started before it."""
    args = ["-t", str(max(1, spec.cpu_s))]
    args += ["-d", str(spec.data_bytes), "-f", str(spec.fsize_bytes), "-n", str(spec.nproc)]
    args += ["-o", "256", "-b", str(spec.results_bytes)]
    if spec.single_process:
        args += ["-p", "-R"]  # runs: one process, and the driver's ready line comes first
    if spec.stack_bytes:
        args += ["-k", str(spec.stack_bytes)]
    if spec.case_cpu_ms:
        args += ["-c", str(spec.case_cpu_ms), "-s", str(spec.startup_ms)]
    return args
