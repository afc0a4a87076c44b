# ruff: noqa: E501 - candidate programs, kept readable as written
"""Candidate programs that try to hold memory no per-process limit counts:
``string attack(string how)`` maps and touches ``SIZE_MB`` of shared memory, then answers
``"held N MiB"``.

RLIMIT_DATA counts private writable mappings only: without a cgroup (Coach not running as root,
or no writable cgroup) a memfd, a SysV segment or an anonymous ``MAP_SHARED`` mapping would go
past the memory limit, as would a file on an unbounded tmpfs. ``how`` is one of ``HOW``:
``memfd``, ``sysv``, ``shared_anon``, or a tmpfs directory to fill (``/dev/shm``, ``/tmp``).
"""

from __future__ import annotations

SIZE_MB = 384  # past a 128 MiB limit, far below the host's memory
HOW = ("memfd", "sysv", "shared_anon", "/dev/shm", "/tmp")

PYTHON = f"""
import ctypes, mmap, os

SIZE = {SIZE_MB} << 20

class Solution:
    def attack(self, how: str) -> str:
        if how in ("/dev/shm", "/tmp"):
            chunk = b"\\1" * (1 << 20)
            with open(how + "/coach-fill", "wb") as f:
                for _ in range(SIZE >> 20):
                    f.write(chunk)
            return "held %d MiB" % (SIZE >> 20)
        if how == "sysv":
            libc = ctypes.CDLL(None, use_errno=True)
            libc.shmat.restype = ctypes.c_void_p
            sid = libc.shmget(0, ctypes.c_size_t(SIZE), 0o1600)  # IPC_PRIVATE, IPC_CREAT | 0600
            if sid < 0:
                raise OSError(ctypes.get_errno(), "shmget: " + os.strerror(ctypes.get_errno()))
            addr = libc.shmat(sid, None, 0)
            if addr is None or addr == ctypes.c_void_p(-1).value:
                raise OSError(ctypes.get_errno(), "shmat: " + os.strerror(ctypes.get_errno()))
            ctypes.memset(addr, 1, SIZE)
            return "held %d MiB" % (SIZE >> 20)
        if how == "memfd":
            fd = os.memfd_create("coach-hold")
            os.ftruncate(fd, SIZE)
            m = mmap.mmap(fd, SIZE)
        else:
            m = mmap.mmap(-1, SIZE, flags=mmap.MAP_SHARED | mmap.MAP_ANONYMOUS)
        for off in range(0, SIZE, 4096):
            m[off] = 1
        return "held %d MiB" % (SIZE >> 20)
"""

CPP = f"""
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

class Solution {{
    static void fail(const std::string& what) {{
        throw std::runtime_error(what + ": " + std::strerror(errno));
    }}
public:
    std::string attack(std::string how) {{
        const size_t size = (size_t){SIZE_MB} << 20;
        char* p = nullptr;
        if (how == "/dev/shm" || how == "/tmp") {{
            int fd = open((how + "/coach-fill").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            if (fd < 0) fail("open");
            std::string chunk(1 << 20, '\\1');
            for (size_t i = 0; i < size >> 20; i++)
                if (write(fd, chunk.data(), chunk.size()) != (ssize_t)chunk.size()) fail("write");
            return "held " + std::to_string(size >> 20) + " MiB";
        }} else if (how == "sysv") {{
            int id = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
            if (id < 0) fail("shmget");
            p = (char*)shmat(id, nullptr, 0);
            if (p == (char*)-1) fail("shmat");
        }} else if (how == "memfd") {{
            int fd = (int)syscall(SYS_memfd_create, "coach-hold", 0);
            if (fd < 0 || ftruncate(fd, (off_t)size) != 0) fail("memfd_create");
            p = (char*)mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            if (p == MAP_FAILED) fail("mmap");
        }} else {{
            p = (char*)mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
            if (p == MAP_FAILED) fail("mmap");
        }}
        for (size_t off = 0; off < size; off += 4096) p[off] = 1;
        return "held " + std::to_string(size >> 20) + " MiB";
    }}
}};
"""

GO = f"""
import (
    "errors"
    "os"
    "syscall"
    "unsafe"
)

func attack(how string) string {{
    size := {SIZE_MB} << 20
    if how == "/dev/shm" || how == "/tmp" {{
        f, err := os.Create(how + "/coach-fill")
        if err != nil {{
            panic(err)
        }}
        chunk := make([]byte, 1<<20)
        for i := 0; i < size>>20; i++ {{
            if _, err := f.Write(chunk); err != nil {{
                panic(err)
            }}
        }}
        return "held " + strconv.Itoa(size>>20) + " MiB"
    }}
    var mem []byte
    var err error
    switch how {{
    case "memfd":
        fd, _, e := syscall.Syscall(319, uintptr(0), 0, 0) // memfd_create on x86-64
        if e != 0 {{
            panic(errors.New("memfd_create: " + e.Error()))
        }}
        if err = syscall.Ftruncate(int(fd), int64(size)); err != nil {{
            panic(err)
        }}
        mem, err = syscall.Mmap(int(fd), 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
    case "sysv":
        id, _, e := syscall.Syscall(syscall.SYS_SHMGET, 0, uintptr(size), 0o1600)
        if e != 0 {{
            panic(errors.New("shmget: " + e.Error()))
        }}
        addr, _, e2 := syscall.Syscall(syscall.SYS_SHMAT, id, 0, 0)
        if e2 != 0 {{
            panic(errors.New("shmat: " + e2.Error()))
        }}
        mem = unsafe.Slice((*byte)(unsafe.Pointer(addr)), size)
    default:
        mem, err = syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED|syscall.MAP_ANON)
    }}
    if err != nil {{
        panic(err)
    }}
    for off := 0; off < size; off += 4096 {{
        mem[off] = 1
    }}
    return "held " + strconv.Itoa(size>>20) + " MiB"
}}
"""

SHARED_MEMORY = {"python": PYTHON, "cpp": CPP, "go": GO}
