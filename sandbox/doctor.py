"""What the sandbox can do on this machine, for ``coach doctor``: toolchains and isolation.

``checks()`` never raises: each probe becomes a ``Check`` saying what works, or what is missing
and how to fix it. Probes run real things (the bubblewrap self-test, ``docker ping``), so the
report describes this machine rather than guessing from paths.
"""

from __future__ import annotations

import importlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from coach_engine.errors import CoachError
from sandbox.cache import default_cache_dir
from sandbox.isolation import default_name, get_backend, staging
from sandbox.isolation.cgroup import CgroupManager
from sandbox.spec import LANGUAGES


@dataclass(frozen=True)
class Check:
    """One line of the report.

    Attributes:
        area: ``toolchain`` or ``isolation``.
        name: what was checked (a language, a backend, a kernel feature).
        ok: whether it works.
        detail: the version or mechanism when it works, the problem and the fix when not.
    """

    area: str
    name: str
    ok: bool
    detail: str


def checks(cache_dir: Path | None = None, backend: str | None = None) -> list[Check]:
    """Probe every toolchain and isolation feature.

    Args:
        cache_dir: the build cache (default ``sandbox.cache.default_cache_dir()``).
        backend: the backend the settings choose (``SandboxSettings.backend``); None:
            ``default_name()``.

    Returns:
        Toolchain checks (one per language), then isolation checks.
    """
    return toolchain_checks() + isolation_checks(cache_dir or default_cache_dir(), backend)


def toolchain_checks() -> list[Check]:
    out = []
    try:
        get = importlib.import_module("sandbox.languages").get
    except (ImportError, AttributeError) as e:
        return [Check("toolchain", lang, False, f"language runners unavailable: {e}")
                for lang in LANGUAGES]  # fmt: skip
    for lang in LANGUAGES:
        try:
            runner = get(lang)
            out.append(Check("toolchain", lang, True, runner.toolchain().version))
        except CoachError as e:
            out.append(Check("toolchain", lang, False, e.message))
    return out


def isolation_checks(cache_dir: Path, chosen: str | None = None) -> list[Check]:
    out = [Check("isolation", "default backend", True, chosen or default_name())]
    for name, label in (("bwrap", "bwrap"), ("docker", "docker (optional)")):
        try:
            backend = get_backend(name, cache_dir)
            backend.check()
            detail = backend.description
            if backend.gaps:
                detail += "; not enforced yet: " + "; ".join(backend.gaps)
            out.append(Check("isolation", label, True, detail))
        except CoachError as e:
            out.append(Check("isolation", label, False, e.message))
    out.append(_seccomp())
    cg = CgroupManager()
    enabled = os.environ.get("COACH_SANDBOX_CGROUP", "auto")
    detail = f"available, COACH_SANDBOX_CGROUP={enabled}" if cg.available else str(cg.reason)
    out.append(Check("isolation", "memory cgroup (optional)", cg.available, detail))
    uid = staging.sandbox_uid()
    who = f"host uid {uid} (Coach runs as root)" if uid is not None else f"host uid {os.getuid()}"
    out.append(Check("isolation", "sandbox user", True, f"uid 65534 inside, {who}"))
    cc = shutil.which("gcc") or shutil.which("cc")
    out.append(Check("isolation", "C compiler (measuring helper)", cc is not None,
                     cc or "missing: apt-get install gcc"))  # fmt: skip
    return out


def _seccomp() -> Check:
    from sandbox.isolation import seccomp

    try:
        size = len(seccomp.build_filter())
        return Check(
            "isolation", "seccomp", True, f"deny-list filter, {size // 8} BPF instructions"
        )
    except CoachError as e:
        return Check("isolation", "seccomp", False, e.message)
