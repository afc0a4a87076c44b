"""The seccomp deny-list loaded into every bubblewrap sandbox (``bwrap --seccomp FD``).

A deny-list, not an allow-list: five language runtimes must work unchanged, and the namespaces
already remove the filesystem and the network. The filter closes what namespaces leave open:
IP/netlink/packet sockets (EACCES; the network namespace alone would still allow talking to the
sandbox's own loopback), kernel attack surface that no interview solution needs (ptrace, mount,
new namespaces, keyrings, bpf, perf, userfaultfd, io_uring, module and kexec calls), the
TIOCSTI ioctl, and memory that no per-process limit counts (``SHARED_MEMORY`` below).
``clone3`` returns ENOSYS so libc falls back to ``clone``, whose flags a classic BPF filter
can inspect. Syscalls of other architectures (x32, i386) kill the process
(libseccomp's default bad-arch action), so the filter cannot be bypassed with ``int 0x80``.

The BPF program is built once per process with PyPI ``pyseccomp`` (ctypes over libseccomp2)
and handed to bwrap through a fresh memfd each run (bwrap reads the fd to its end).
"""

from __future__ import annotations

import errno
import os
import socket
import tempfile
import threading
from typing import Any

from coach_engine.errors import SandboxError

DENIED_FAMILIES = {
    "AF_INET": socket.AF_INET,
    "AF_INET6": socket.AF_INET6,
    "AF_NETLINK": 16,
    "AF_PACKET": 17,
    "AF_VSOCK": 40,
}
DENIED_SYSCALLS = (
    "ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount2", "pivot_root",
    "chroot", "unshare", "setns", "keyctl", "add_key", "request_key", "bpf", "perf_event_open",
    "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register", "init_module",
    "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot", "swapon",
    "swapoff", "acct", "quotactl", "syslog", "open_by_handle_at", "name_to_handle_at",
    "fsopen", "fsconfig", "fsmount", "fspick", "move_mount", "open_tree", "lookup_dcookie",
    "mount_setattr",
)  # fmt: skip
# CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET
NAMESPACE_FLAGS = (0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000,
                   0x40000000)  # fmt: skip
TIOCSTI = 0x5412
# Shared memory is not "data": RLIMIT_DATA counts private writable mappings only, so without a
# cgroup (Coach not root, cgroup v2 not delegated) a memfd, a SysV segment or an anonymous
# MAP_SHARED mapping of any size would go past the memory limit. No language runtime here needs
# them (its default GC and JIT, measured: all five languages' tests pass with these refused);
# the tmpfs /tmp and /dev/shm are size-capped. Refused with EPERM, so the program sees an error
# (RE, or MLE where the runtime says "cannot allocate memory").
SHARED_MEMORY = ("memfd_create", "memfd_secret", "shmget", "shmat")
MAP_SHARED, MAP_ANONYMOUS = 0x01, 0x20  # MAP_SHARED_VALIDATE (0x03) includes MAP_SHARED

_lock = threading.Lock()
_bpf: bytes | None = None


def build_filter() -> bytes:
    """Return the BPF program (cached).

    Raises:
        SandboxError: libseccomp or ``pyseccomp`` is missing.
    """
    global _bpf
    with _lock:
        if _bpf is None:
            _bpf = _build()
        return _bpf


def _build() -> bytes:
    try:
        import pyseccomp as sc
    except (ImportError, RuntimeError) as e:  # RuntimeError: libseccomp2 not found
        raise SandboxError(
            f"seccomp is unavailable ({e}): install libseccomp2 and the `pyseccomp` package"
        ) from e
    f = sc.SyscallFilter(sc.ALLOW)
    for family in DENIED_FAMILIES.values():
        f.add_rule(sc.ERRNO(errno.EACCES), "socket", sc.Arg(0, sc.EQ, family))
    for name in DENIED_SYSCALLS:
        try:
            f.add_rule(sc.ERRNO(errno.EPERM), name)
        except OSError:
            continue  # not a syscall on this architecture
    for flag in NAMESPACE_FLAGS:
        f.add_rule(sc.ERRNO(errno.EPERM), "clone", sc.Arg(0, sc.MASKED_EQ, flag, flag))
    f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
    f.add_rule(sc.ERRNO(errno.EPERM), "ioctl", sc.Arg(1, sc.MASKED_EQ, 0xFFFFFFFF, TIOCSTI))
    for name in SHARED_MEMORY:
        _try_rule(f, sc.ERRNO(errno.EPERM), name)
    shared_anon = MAP_SHARED | MAP_ANONYMOUS
    for name in ("mmap", "mmap2"):
        _try_rule(f, sc.ERRNO(errno.EPERM), name, sc.Arg(3, sc.MASKED_EQ, shared_anon, shared_anon))
    _protect_supervisor(f, sc)
    with tempfile.TemporaryFile() as tmp:
        f.export_bpf(tmp)
        tmp.seek(0)
        return tmp.read()


# The supervisor is PID 1 of the sandbox's PID namespace (``coach-rexec``, ``bwrap --as-pid-1``):
# the kernel already drops every signal to it from inside (it installs no handlers) and, being
# non-dumpable, it cannot be traced, read through /proc/1/mem, or have its fds taken with
# pidfd_getfd. What same-uid processes may still do to it is limit or reschedule it; these rules
# refuse every call that acts on PID 1 by pid, and the group- or user-wide forms that include it.
# Compared on the low 32 bits (the kernel reads a pid_t), so high bits cannot dodge the rule.
SUPERVISOR = 1
ON_PID_ARG0 = ("prlimit64", "pidfd_open", "kill", "tkill", "tgkill", "rt_sigqueueinfo",
               "rt_tgsigqueueinfo", "sched_setaffinity", "sched_setscheduler", "sched_setparam",
               "sched_setattr", "migrate_pages", "move_pages")  # fmt: skip
ANY_TARGET = ("pidfd_getfd", "kcmp", "process_madvise", "process_mrelease")
PRIO_PROCESS, PRIO_PGRP, PRIO_USER = 0, 1, 2  # setpriority's ``which``
IOPRIO_WHO_PROCESS, IOPRIO_WHO_PGRP, IOPRIO_WHO_USER = 1, 2, 3


def _protect_supervisor(f: Any, sc: Any) -> None:
    low = 0xFFFFFFFF
    deny = sc.ERRNO(errno.EPERM)
    for name in ON_PID_ARG0:
        _try_rule(f, deny, name, sc.Arg(0, sc.MASKED_EQ, low, SUPERVISOR))
    for name in ANY_TARGET:
        _try_rule(f, deny, name)
    for which in (PRIO_PGRP, PRIO_USER):  # the program's group and uid include the supervisor
        _try_rule(f, deny, "setpriority", sc.Arg(0, sc.MASKED_EQ, low, which))
    _try_rule(f, deny, "setpriority", sc.Arg(0, sc.MASKED_EQ, low, PRIO_PROCESS),
              sc.Arg(1, sc.MASKED_EQ, low, SUPERVISOR))  # fmt: skip
    for which in (IOPRIO_WHO_PGRP, IOPRIO_WHO_USER):
        _try_rule(f, deny, "ioprio_set", sc.Arg(0, sc.MASKED_EQ, low, which))
    _try_rule(f, deny, "ioprio_set", sc.Arg(0, sc.MASKED_EQ, low, IOPRIO_WHO_PROCESS),
              sc.Arg(1, sc.MASKED_EQ, low, SUPERVISOR))  # fmt: skip


def _try_rule(f: Any, action: Any, name: str, *args: Any) -> None:
    try:
        f.add_rule(action, name, *args)
    except OSError:
        pass  # not a syscall on this architecture (or this libseccomp)


def filter_fd() -> int:
    """A new fd holding the filter, positioned at its start; the caller passes it and closes it."""
    fd = os.memfd_create("coach-seccomp", os.MFD_CLOEXEC)
    os.write(fd, build_filter())
    os.lseek(fd, 0, os.SEEK_SET)
    return fd
