"""Job directories on the host, and which host uid the sandbox runs as.

When Coach runs as root (as in CI), sandboxes do not: they start as uid/gid 65534 (nobody) on
the host, dropped by ``Popen(user=...)``. Measured on this project's VMs (docs/PERFORMANCE.md):
RLIMIT_NPROC is ignored for processes whose host uid is root even inside bwrap's user namespace
(a fork bomb reached 500 children with NPROC=20), while as nobody it stops at the limit. The drop
also means a kernel escape would not land as root. The cost is path traversal: an unprivileged
bwrap cannot bind paths under ``/root`` or a 0700 temp dir, so every job directory lives under
one staging directory in the system temp dir, traversable by the sandbox uid, and cached builds
are linked or copied into it per run.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
from pathlib import Path

NOBODY = 65534
PREFIX = "coach-sandbox-"

_lock = threading.Lock()
_base: Path | None = None


def sandbox_uid() -> int | None:
    """The host uid to run sandboxes as, or None to keep the current one (not root)."""
    return NOBODY if os.geteuid() == 0 else None


def staging_base() -> Path:
    """The per-process staging directory (created on first use, removed at exit)."""
    global _base
    with _lock:
        if _base is None or not _base.exists():
            _sweep()
            _base = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
            _base.chmod(0o711)  # traversable, not listable
            atexit.register(shutil.rmtree, _base, True)
        return _base


def _sweep() -> None:
    """Remove staging directories of our processes that died without running atexit."""
    for path in Path(tempfile.gettempdir()).glob(f"{PREFIX}*-*"):
        pid = path.name[len(PREFIX) :].split("-", 1)[0]
        try:
            if not pid.isdigit() or path.stat().st_uid != os.geteuid():
                continue
            os.kill(int(pid), 0)  # raises when no such process
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except OSError:
            continue


def new_jobdir(writable: bool = False) -> Path:
    """A fresh job directory the sandbox uid can read (and write, if ``writable``) and no other
    user can enter: it holds the candidate's code and the test inputs. mkdtemp makes it 0700,
    which is all a sandbox running as Coach's uid needs; one dropped to 65534 gets it as owner
    (writable) or through group 65534 with 0750 (read-only, as a run's job dir must stay)."""
    path = Path(tempfile.mkdtemp(dir=staging_base(), prefix="job-"))
    uid = sandbox_uid()
    if uid is not None:
        os.chown(path, uid if writable else -1, uid)
        path.chmod(0o700 if writable else 0o750)
    return path


def populate(jobdir: Path, source: Path) -> None:
    """Make ``source``'s entries appear in ``jobdir`` (hard links when possible, else copies)."""
    for entry in source.iterdir():
        if entry.name.startswith("."):
            continue
        target = jobdir / entry.name
        if entry.is_dir():
            shutil.copytree(entry, target, copy_function=_link_or_copy)
        else:
            _link_or_copy(str(entry), str(target))


def _link_or_copy(src: str, dst: str) -> str:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
    return dst


def remove(path: Path) -> None:
    """Delete a job directory (files written by the sandbox uid included)."""
    shutil.rmtree(path, ignore_errors=True)


def install_helper(helper: Path) -> Path:
    """Copy the helper binary into the staging base once, so the sandbox uid can reach it."""
    target = staging_base() / helper.name
    with _lock:
        if not target.exists():
            tmp = target.with_suffix(".tmp")
            shutil.copy2(helper, tmp)
            tmp.chmod(0o755)
            tmp.replace(target)
    return target
