"""The contract of a language runner: how to find the toolchain, build the driver, compile, run.

One module per language (``python.py``, ``javascript.py``, ``java.py``, ``cpp.py``, ``go.py``)
defines a subclass; ``sandbox.languages.get(name)`` returns the instance. Runners know nothing of
isolation: they return argv lists and environment that an isolation backend
(``sandbox.isolation``) executes inside the job directory, mounted at ``workdir``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from sandbox.spec import Language, Limits, Signature


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
class Driver:
    """Generated source files for one (signature, candidate code) pair.

    Attributes:
        files: file name -> content, written into the job directory.
        candidate_file: the file holding the candidate's code.
        line_offset: candidate line ``L`` is line ``L + line_offset`` of ``candidate_file``.
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
        """The command that runs the driver inside ``workdir`` (read-only) on ``cases.json``."""

    def env(self, limits: Limits) -> dict[str, str]:
        """Extra environment for compile and run (the sandbox starts from an empty one)."""
        return {}

    def data_limit_bytes(self, limits: Limits) -> int:
        """RLIMIT_DATA for the run: the memory limit plus what the runtime needs on top."""
        return limits.memory_mb * 1024 * 1024

    def map_compiler_output(self, output: str, driver: Driver) -> str:
        """Rewrite compiler messages so line numbers point into the candidate's code."""
        return output
