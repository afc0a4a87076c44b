"""Locating toolchains: the binary, a version line, and what the sandbox must mount for it.

The sandbox mounts the distribution's trees of ``/usr`` (``sandbox.isolation.visibility``:
``/usr/bin``, ``/usr/lib``, ``/usr/share``…, not ``/usr/local``; ``/bin``, ``/lib`` are symlinks
into them on Debian 12). Anything a toolchain reaches outside them, it gets as a ``Toolchain.bind``:
directories holding a symlink the binary goes through (``/usr/bin/java -> /etc/alternatives/java``),
an install prefix outside them (Go under ``/usr/local/go``, node under ``/opt`` or ``~/.nvm``), and
targets of the toolchain's own symlinks (the JDK's
``lib/jvm.cfg -> /etc/java-17-openjdk/jvm-amd64.cfg``).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Iterable

from coach_engine.errors import SandboxError
from sandbox.isolation.visibility import covered

PROBE_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}


def find(binary: str, install_hint: str, *, what: str | None = None) -> str:
    """The path of ``binary`` (absolute, or looked up on PATH), not resolved.

    Raises:
        SandboxError: it is missing; the message names the package to install.
    """
    found = binary if os.path.isabs(binary) and os.access(binary, os.X_OK) else None
    found = found or shutil.which(binary)
    if found is None:
        raise SandboxError(
            f"{what or binary} is not installed (no `{binary}` found). "
            f"Install it with `{install_hint}`, then run `coach doctor`.",
            title="Toolchain missing",
        )
    return found


@functools.lru_cache(maxsize=32)
def version_line(*argv: str) -> str:
    """First non-empty output line of a version command (cached: runs start-up code once)."""
    try:
        proc = subprocess.run(
            list(argv), capture_output=True, text=True, timeout=20, env=PROBE_ENV, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise SandboxError(f"`{' '.join(argv)}` failed: {e}", title="Toolchain broken") from e
    for line in (proc.stdout + proc.stderr).splitlines():
        if line.strip():
            return line.strip()
    raise SandboxError(f"`{' '.join(argv)}` printed no version", title="Toolchain broken")


def _covered(path: str) -> bool:
    return covered(path)  # inside the system trees of /usr the sandbox always mounts


def _prefix(binary: str) -> str:
    """The install root of a binary: the parent of its ``bin`` directory, else its directory."""
    parent = os.path.dirname(binary)
    return os.path.dirname(parent) if os.path.basename(parent) == "bin" else parent


def binds_for(binaries: Iterable[str], link_roots: Iterable[str] = ()) -> tuple[str, ...]:
    """Directories outside ``/usr`` the sandbox must mount read-only for these binaries.

    Args:
        binaries: paths as they will be executed (symlinks are followed hop by hop).
        link_roots: toolchain directories whose symlinks may point outside ``/usr``.
    """
    dirs: set[str] = set()
    for path in binaries:
        seen: set[str] = set()
        while os.path.islink(path) and path not in seen:
            seen.add(path)
            dirs.add(os.path.dirname(path))
            path = os.path.join(os.path.dirname(path), os.readlink(path))
        real = os.path.realpath(path)
        if not _covered(real):  # /usr/local/go/bin/go: all of /usr/local/go
            dirs.add(_prefix(real))
    for root in link_roots:
        for top, subdirs, files in os.walk(root):
            for name in subdirs + files:
                full = os.path.join(top, name)
                if os.path.islink(full) and os.path.exists(full):
                    target = os.path.realpath(full)
                    dirs.add(target if os.path.isdir(target) else os.path.dirname(target))
    kept = sorted(d for d in dirs if d and not _covered(d) and os.path.isdir(d))
    # A directory inside another kept one is mounted with it.
    return tuple(d for d in kept if not any(d.startswith(p + "/") for p in kept if p != d))
