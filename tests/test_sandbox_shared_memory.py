"""Memory no per-process limit counts is refused (issue 12, the non-root memory escape).

As root, Coach caps a run's memory with a cgroup; without one (Coach not root, no writable
cgroup) only RLIMIT_DATA holds, and it counts private mappings only. The programs of
``hostile/shared_memory.py`` try each kind of shared memory (memfd, SysV, anonymous
``MAP_SHARED``, a file on ``/dev/shm`` or ``/tmp``) for 3x the limit. Each must fail inside the
sandbox — RE (refused by seccomp, or the size-capped tmpfs is full) or MLE — never answer.
Both ways are run here: with the cgroup (as CI runs, as root) and with
``COACH_SANDBOX_CGROUP=off``, which is what a non-root user gets, so the second run holds
only because the calls are refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile.shared_memory import HOW, SHARED_MEMORY, SIZE_MB
from hostile.support import ATTACK, backend_or_skip, judge

from sandbox.spec import TestCase, Verdict

MEMORY_MB = 128


@pytest.fixture(scope="module")
def cache_dir(shared_build_cache: Path) -> Path:
    return shared_build_cache  # the run's warm toolchain caches: a cold Go cache cost ~20 s a case


@pytest.mark.slow
@pytest.mark.parametrize("cgroup", ["auto", "off"])
@pytest.mark.parametrize("lang", sorted(SHARED_MEMORY))
def test_shared_memory_cannot_pass_the_memory_limit(
    lang: str, cgroup: str, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_SANDBOX_CGROUP", cgroup)
    backend = backend_or_skip("bwrap", cache_dir)
    assert SIZE_MB > 2 * MEMORY_MB
    tests = [TestCase(args=[how], expected="x") for how in HOW]
    r = judge(lang, SHARED_MEMORY[lang], tests, backend=backend, cache_dir=cache_dir,
              signature=ATTACK, memory_mb=MEMORY_MB, time_ms=5000,
              total_time_ms=60_000)  # fmt: skip
    for how, t in zip(HOW, r.tests, strict=True):
        assert t.verdict in (Verdict.RE, Verdict.MLE), (how, t)
        assert "held" not in str(t.actual), (how, t)
        assert t.memory_kb < (MEMORY_MB + 96) << 10, (how, t)  # the kernel's count, all RSS
