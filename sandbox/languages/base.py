"""The contract of a language runner: how to find the toolchain, build the driver, compile, run.

One module per language (``python.py``, ``javascript.py``, ``java.py``, ``cpp.py``, ``go.py``)
defines a subclass; ``sandbox.languages.get(name)`` returns the instance. Runners know nothing of
isolation: they return argv lists and environment that an isolation backend
(``sandbox.isolation``) executes inside the job directory, mounted at ``workdir``.

Persistent toolchain cache (optional). A runner built with ``cache_dir`` (the path where the
sandbox shows a persistent host directory, e.g. ``/cache``) compiles faster: C++ reuses a
precompiled ``bits/stdc++.h`` and a prebuilt driver runtime, Go keeps its GOCACHE there. Use it
like this::

    runner = sandbox.languages.get("cpp", cache_dir="/cache")
    pre = runner.precompile()
    if pre is not None and not (host_cache / pre.stamp).exists():
        # once per toolchain/harness version: write pre.files into a scratch workdir and run
        # pre.argv there like a compile, with host_cache mounted read-write at /cache
        ...
    # every compile: mount host_cache at /cache, read-write if runner.cache_writable else
    # read-only. Compiles also work when the cache is empty or missing (just slower).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from sandbox.spec import Language, Limits, Signature

DEEP_STACK_BYTES = 256 << 20
"""Stack for solutions that recurse on a native stack (CPython, V8, C++, the JVM's solution thread).

A 10^5-deep recursion needs ~50 MiB in CPython 3.11 when it goes through C (``@cache``) and
~16 MiB in V8 and the JVM; this leaves room for fatter frames.
"""


@dataclass(frozen=True)
class Toolchain:
    """A located toolchain.

    Attributes:
        version: one line identifying the exact toolchain (part of the compile-cache key).
        binds: host paths outside /usr the sandbox must mount read-only for it to work
            (e.g. /etc/alternatives, /etc/java-17-openjdk, a Go root under /usr/local).
    """

    version: str
    binds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Precompile:
    """A one-off build that fills the runner's cache directory (only trusted code: no candidate).

    Attributes:
        files: file name -> content, written into a scratch working directory.
        argv: run inside that directory like a compile, with ``cache_dir`` mounted read-write.
        stamp: path relative to ``cache_dir`` that exists once the build succeeded; it names the
            toolchain and harness versions, so an upgrade builds a fresh cache.
    """

    files: dict[str, str]
    argv: list[str]
    stamp: str


@dataclass(frozen=True)
class Driver:
    """Generated source files for one (signature, candidate code) pair.

    Attributes:
        files: file name -> content, written into the job directory.
        candidate_file: the file holding the candidate's code.
        line_offset: candidate line ``L`` is line ``L + line_offset`` of ``candidate_file``.
        extra: generator facts; ``candidate_lines`` is the number of lines the candidate wrote.
    """

    files: dict[str, str]
    candidate_file: str
    line_offset: int
    extra: dict[str, str] = field(default_factory=dict)


class LanguageRunner(ABC):
    """Capability flags as class attributes; argv builders as methods."""

    name: Language
    compiled: bool = False
    extensions: tuple[str, ...] = ()
    install_hint: str = ""  # e.g. "apt-get install golang-go"
    cache_writable: bool = False  # compiles write into cache_dir (Go's GOCACHE)

    def __init__(self, cache_dir: str | None = None) -> None:
        """Create a runner.

        Args:
            cache_dir: where compiles see the persistent cache (module docstring), or None.
        """
        self.cache_dir = cache_dir

    @abstractmethod
    def toolchain(self) -> Toolchain:
        """Locate the toolchain.

        Raises:
            SandboxError: the toolchain is missing; the message names the package to install.
        """

    @abstractmethod
    def driver(self, signature: Signature, code: str) -> Driver:
        """Generate the driver files for the candidate's ``code``."""

    def compile_argv(self, workdir: str) -> list[str] | None:
        """The compile command run inside ``workdir`` (writable), or None for interpreted code.

        Artifacts are written into ``workdir``; the runner caches the directory afterwards.
        """
        return None

    @abstractmethod
    def run_argv(self, workdir: str, limits: Limits) -> list[str]:
        """The command that runs the driver inside ``workdir`` (read-only); the cases arrive on
        its stdin, one per line (``sandbox/spec.py``)."""

    def env(self, limits: Limits) -> dict[str, str]:
        """Extra environment for compile and run (the sandbox starts from an empty one)."""
        return {}

    def data_limit_bytes(self, limits: Limits) -> int:
        """RLIMIT_DATA for the run: the memory limit plus what the runtime needs on top."""
        return limits.memory_mb * 1024 * 1024

    def stack_limit_bytes(self, limits: Limits) -> int:
        """RLIMIT_STACK for the run. The main thread's stack grows up to it (not counted in
        RLIMIT_DATA); runtimes that recurse on the main thread ask for more than this default."""
        return 8 << 20

    def precompile(self) -> Precompile | None:
        """The build that fills ``cache_dir`` (module docstring); None without one."""
        return None

    def check_argv(self, workdir: str) -> list[str] | None:
        """Optional fast syntax check for interpreted code, run like a compile.

        Exit status non-zero means a compile error; its output goes through
        ``map_compiler_output``. Without it, a syntax error is reported by the driver on every
        test instead. None when the language has none (compiled languages: ``compile_argv``).
        """
        return None

    def map_compiler_output(self, output: str, driver: Driver) -> str:
        """Rewrite compiler messages so line numbers point into the candidate's code."""
        return output
