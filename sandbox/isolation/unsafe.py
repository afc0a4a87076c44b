"""The ``unsafe`` backend: rlimits and an empty environment, no isolation at all.

For machines where neither bubblewrap nor Docker works. The code runs as a plain process (as
uid 65534 when Coach runs as root): it can read every file the user can, use the network and
signal the user's processes. It exists so Coach stays usable there, and it never runs unless
chosen: constructing it without ``opted_in=True`` raises, and nothing falls back to it.
Limits that do hold: CPU, memory (RLIMIT_DATA), processes, file size, wall time, output size;
descendants are killed at the end of the run unless they escape the helper (it is a subreaper).
"""

from __future__ import annotations

from pathlib import Path

from coach_engine.errors import SandboxError
from sandbox.isolation import staging
from sandbox.isolation.base import ExecResult, ExecSpec, IsolationBackend
from sandbox.isolation.helper import helper_args, helper_path
from sandbox.isolation.monitor import Channels, supervise

BASE_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}


class UnsafeBackend(IsolationBackend):
    name = "unsafe"
    description = "no isolation: rlimits and an empty environment only (explicit opt-in)"
    safe = False

    def __init__(self, cache_dir: Path, *, opted_in: bool = False) -> None:
        """Args:
        cache_dir: where the helper binary is cached (``<cache_dir>/.bin``).
        opted_in: must be True; the caller confirms the person chose to run without isolation.

        Raises:
            SandboxError: ``opted_in`` is False.
        """
        if not opted_in:
            raise SandboxError(
                "the unsafe backend runs code without isolation and must be chosen explicitly "
                "(`--backend unsafe` or COACH_SANDBOX_BACKEND=unsafe)"
            )
        self.bin_dir = cache_dir / ".bin"

    def check(self) -> None:
        helper_path(self.bin_dir)

    def workdir(self, jobdir: Path) -> str:
        return str(jobdir)

    def cache_path(self, host: Path) -> str | None:
        return str(host)  # no mounts: the runner uses the host path itself

    def execute(self, spec: ExecSpec) -> ExecResult:
        helper = staging.install_helper(helper_path(self.bin_dir))
        home = staging.new_jobdir(writable=True)
        env = {**BASE_ENV, "HOME": str(home), "TMPDIR": str(home), **spec.env}
        try:
            with Channels() as ch:
                cases = ch.feed_fd(spec.feed)
                args = helper_args(spec, str(ch.results_w), str(ch.meas_w), str(ch.life_r), cases)
                argv = [str(helper), *args]
                uid = staging.sandbox_uid() if spec.as_sandbox_user else None
                if uid is not None:  # as in bwrap.py: Popen(user=...) cannot vfork
                    argv = [str(helper), "-U", str(uid), "-x", "--", *argv]
                return supervise(argv + spec.argv, spec, ch, env=env, cwd=str(spec.jobdir))
        finally:
            staging.remove(home)
