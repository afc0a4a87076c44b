"""Optional cgroup tier: one cap on the memory and tasks of all of a run's processes together.

rlimits are per process, so without a cgroup a program that forks N children may use N times
RLIMIT_DATA. A per-run cgroup closes that, but moving a process into a cgroup costs 10.6 ms
median / 14.7 ms p90 on this project's VMs (measured; the kernel waits for an RCU grace period),
which alone would use half of the 20 ms fixed-cost budget. So the tier is opt-in:
``COACH_SANDBOX_CGROUP=on`` (docs/PERFORMANCE.md). The process is held at a gate (the helper's
``-g``) until the host has moved it, so every sandbox process is born inside the cgroup.

Supported: cgroup v1 ``memory`` + ``pids`` hierarchies writable by us (root, or delegated by
chown), and cgroup v2 under a delegated directory named by ``COACH_SANDBOX_CGROUP_ROOT`` whose
``cgroup.subtree_control`` enables ``memory`` and ``pids`` (untested here: this VM's v2 has no
memory controller).
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from coach_engine.errors import SandboxError

V1 = Path("/sys/fs/cgroup")


class RunCgroup:
    """The cgroup(s) of one run: created with limits, joined by a pid, then removed."""

    def __init__(self, dirs: list[Path], v2: bool) -> None:
        self.dirs, self.v2 = dirs, v2

    def add(self, pid: int) -> None:
        for d in self.dirs:
            (d / "cgroup.procs").write_text(str(pid))

    def oom_killed(self) -> bool:
        """True when the kernel's OOM killer killed a process of this run."""
        name = "memory.events" if self.v2 else "memory.oom_control"
        try:
            text = (self.dirs[0] / name).read_text()
        except OSError:
            return False
        for line in text.splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill" and value.strip() != "0":
                return True
        return False

    def remove(self) -> None:
        for d in self.dirs:
            for _ in range(50):  # the last processes may still be exiting
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)


def _write(path: Path, value: str) -> None:
    if path.exists():
        path.write_text(value)


class CgroupManager:
    """Finds a usable hierarchy once and creates per-run cgroups in it."""

    def __init__(self) -> None:
        self.v2_root = os.environ.get("COACH_SANDBOX_CGROUP_ROOT")
        self.reason = self._probe()

    def _probe(self) -> str | None:
        if self.v2_root:
            ctl = Path(self.v2_root) / "cgroup.subtree_control"
            if not ctl.exists() or not {"memory", "pids"} <= set(ctl.read_text().split()):
                return f"{ctl} does not enable memory and pids"
            return None if os.access(self.v2_root, os.W_OK) else f"{self.v2_root} is not writable"
        for ctrl in ("memory", "pids"):
            if not (V1 / ctrl / "cgroup.procs").exists():
                return f"no cgroup v1 {ctrl} hierarchy at {V1 / ctrl}"
            if not os.access(V1 / ctrl, os.W_OK):
                return f"{V1 / ctrl} is not writable (run as root or delegate it)"
        return None

    @property
    def available(self) -> bool:
        return self.reason is None

    def create(self, memory_bytes: int, tasks: int) -> RunCgroup:
        """Create a cgroup for one run with a memory cap (no swap) and a task cap.

        Raises:
            SandboxError: no usable hierarchy, or the kernel refused.
        """
        if self.reason:
            raise SandboxError(f"cgroup tier unavailable: {self.reason}")
        name = f"coach-{uuid.uuid4().hex[:12]}"
        try:
            if self.v2_root:
                d = Path(self.v2_root) / name
                d.mkdir()
                _write(d / "memory.max", str(memory_bytes))
                _write(d / "memory.swap.max", "0")
                _write(d / "pids.max", str(tasks))
                return RunCgroup([d], v2=True)
            mem, pids = V1 / "memory" / "coach" / name, V1 / "pids" / "coach" / name
            mem.mkdir(parents=True)
            pids.mkdir(parents=True)
            (mem / "memory.limit_in_bytes").write_text(str(memory_bytes))
            _write(mem / "memory.memsw.limit_in_bytes", str(memory_bytes))
            (pids / "pids.max").write_text(str(tasks))
            return RunCgroup([mem, pids], v2=False)
        except OSError as e:
            raise SandboxError(f"could not create a cgroup for the run: {e}") from e
