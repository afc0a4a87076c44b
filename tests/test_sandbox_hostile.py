"""Hostile code: every attack gets a verdict and nothing escapes (PRODUCT.md §4, issue #3).

Each test runs one program of ``hostile/programs.py`` on every isolating backend and checks the
host afterwards: files, processes, the listener, secrets, free space. The last tests run some
attacks on the ``unsafe`` backend and assert that the same checks *do* see the leak, so these
tests are able to fail.
"""

from __future__ import annotations

import os
import re
import resource
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile.programs import PROGRAMS, count
from hostile.support import (
    ATTACK,
    backend_or_skip,
    judge,
    outputs,
    processes_named,
    processes_with,
    runner_or_skip,
)

from sandbox.spec import RunResult, TestCase, Verdict

ROOT = Path(__file__).resolve().parent.parent
AS_ROOT = os.geteuid() == 0
API_KEY = "sk-test-secret"


# One trivial program per language with a one-off toolchain cache (C++'s precompiled header, Go's
# standard library: about 15 s with Go 1.23), so the attacks' time bounds count the attack only.
WARM_UP = {
    "cpp": "class Solution {\npublic:\n    string attack(string arg) { return arg; }\n};\n",
    "go": "func attack(arg string) string {\n\treturn arg\n}\n",
}


@pytest.fixture(scope="module")
def cache_dir(shared_build_cache: Path) -> Path:
    path = shared_build_cache  # compiles paid once per run, not per module
    for lang, code in WARM_UP.items():
        try:
            runner_or_skip(lang)
            backend = backend_or_skip("bwrap", path)
        except pytest.skip.Exception:
            continue  # the tests that need it skip themselves
        judge(lang, code, [TestCase(args=["x"], expected="x")], backend=backend, cache_dir=path,
              signature=ATTACK)  # fmt: skip
    return path


@pytest.fixture(params=["bwrap", "docker"])
def backend(request: pytest.FixtureRequest, cache_dir: Path) -> str:
    return backend_or_skip(request.param, cache_dir)


def attack(
    lang: str, name: str, arg: str, backend: str, cache_dir: Path, expected: str = "", **limits: int
) -> RunResult:
    if lang == "python":
        try:
            runner_or_skip("python")
        except pytest.skip.Exception:
            lang = "python-mini"  # the attacks target the sandbox, not the driver
    code = PROGRAMS[name][lang.replace("-mini", "")]
    tests = [TestCase(args=[arg], expected=expected)]
    return judge(lang, code, tests, backend=backend, cache_dir=cache_dir, signature=ATTACK,
                 **limits)  # fmt: skip


def langs(name: str) -> list[str]:
    return list(PROGRAMS[name])


def test_the_suite_has_at_least_twenty_programs() -> None:
    assert count() >= 20


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen(8)
    s.setblocking(False)
    yield s
    s.close()


def accepted_anything(s: socket.socket) -> bool:
    try:
        conn, _ = s.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


@pytest.fixture
def secret_files() -> Iterator[tuple[str, list[Path]]]:
    token = f"secret-content-{secrets.token_hex(8)}"  # not in the file name the program echoes
    name = f"coach-secret-{secrets.token_hex(8)}.txt"
    paths = [Path("/tmp") / name]
    if os.access(Path.home(), os.W_OK):
        paths.append(Path.home() / name)
    for p in paths:
        p.write_text(token)
        p.chmod(0o644)
    yield token, paths
    for p in paths:
        p.unlink(missing_ok=True)


def survivors(name: str) -> list[int]:
    """Processes named ``name`` still alive a moment after the run (the bomb renamed itself)."""
    for _ in range(20):
        if not processes_named(name):
            return []
        time.sleep(0.05)
    return processes_named(name)


@pytest.mark.slow
@pytest.mark.parametrize("lang", langs("fork_bomb"))
def test_fork_bomb_is_contained(lang: str, backend: str, cache_dir: Path) -> None:
    name = f"cb{secrets.token_hex(5)}"
    t0 = time.monotonic()
    r = attack(lang, "fork_bomb", name, backend, cache_dir, processes=32, total_time_ms=2000)
    assert r.verdict in (Verdict.TLE, Verdict.RE), r.tests[0]
    assert time.monotonic() - t0 < 90  # bounded, not hung (a loaded machine stretches it)
    assert survivors(name) == []
    assert subprocess.run(["true"]).returncode == 0  # the host can still fork


@pytest.mark.slow
@pytest.mark.parametrize("lang", langs("thread_bomb"))
def test_thread_bomb_stops_at_the_process_limit(lang: str, backend: str, cache_dir: Path) -> None:
    name = f"tb{secrets.token_hex(5)}"
    t0 = time.monotonic()
    r = attack(lang, "thread_bomb", name, backend, cache_dir, processes=32, time_ms=2000,
               total_time_ms=6000)  # fmt: skip
    t = r.tests[0]
    assert t.verdict in (Verdict.WA, Verdict.RE, Verdict.TLE, Verdict.OLE), t  # OLE: Go dumps
    if t.verdict is Verdict.WA and str(t.actual).isdigit():
        assert int(str(t.actual)) <= 32  # threads counted with the runtime's own
    assert time.monotonic() - t0 < 90  # bounded, not hung
    assert survivors(name) == []  # python names itself; threads cannot outlive their process
    assert subprocess.run(["true"]).returncode == 0


@pytest.mark.parametrize("lang", langs("memory_bomb"))
def test_memory_bomb_is_mle_and_stays_under_the_limit(
    lang: str, backend: str, cache_dir: Path
) -> None:
    r = attack(lang, "memory_bomb", "", backend, cache_dir, memory_mb=128, time_ms=5000)
    assert r.verdict is Verdict.MLE, r.tests[0]
    assert r.tests[0].memory_kb < 2 * 128 * 1024


@pytest.mark.parametrize("lang", langs("disk_fill"))
def test_disk_fill_stays_in_the_sandbox(lang: str, backend: str, cache_dir: Path) -> None:
    marker = secrets.token_hex(6)
    free_before = shutil.disk_usage("/tmp").free
    r = attack(lang, "disk_fill", marker, backend, cache_dir, time_ms=3000)
    assert r.verdict in (Verdict.WA, Verdict.RE), r.tests[0]
    assert ":ok" not in str(r.tests[0].actual) and "1 GiB" not in str(r.tests[0].actual)
    for d in ("/tmp", "/dev/shm", str(Path.home()), str(ROOT), "/"):
        assert not list(Path(d).glob(f"coach-fill-{marker}*")), d
    # nothing of the program's up-to-1-GiB-per-directory stays behind; the room is for what other
    # processes (a parallel test worker's build cache, other users) write to /tmp meanwhile
    assert free_before - shutil.disk_usage("/tmp").free < 512 << 20


@pytest.mark.parametrize("lang", langs("stdout_flood"))
def test_stdout_flood_is_cut_at_the_cap(lang: str, backend: str, cache_dir: Path) -> None:
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.monotonic()
    r = attack(lang, "stdout_flood", "", backend, cache_dir, output_kb=256, time_ms=5000)
    assert r.verdict is Verdict.OLE
    assert time.monotonic() - t0 < 60  # cut at the cap, not at a wall backstop
    assert len(r.tests[0].stdout) + len(r.tests[0].stderr) < 5000
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 64 * 1024


@pytest.mark.parametrize("lang", langs("tcp_connect"))
def test_no_network(lang: str, backend: str, cache_dir: Path, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    r = attack(lang, "tcp_connect", str(port), backend, cache_dir, time_ms=3000)
    assert r.verdict is Verdict.WA, r.tests[0]  # it ran to the end and returned its errors
    assert not accepted_anything(listener)
    assert "connected" not in outputs(r)


@pytest.mark.parametrize("lang", langs("read_files"))
def test_host_files_are_invisible(
    lang: str, backend: str, cache_dir: Path, secret_files: tuple[str, list[Path]]
) -> None:
    token, paths = secret_files
    arg = "\n".join(str(p) for p in paths)
    r = attack(lang, "read_files", arg, backend, cache_dir, time_ms=3000)
    assert r.verdict is Verdict.WA, r.tests[0]
    assert token not in outputs(r)
    assert not re.search(r"root:[^\n]*:0:0:|root:[*!$]", outputs(r))  # no passwd or shadow


@pytest.mark.parametrize("lang", langs("environment"))
def test_api_keys_are_invisible(
    lang: str, backend: str, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    r = attack(lang, "environment", "", backend, cache_dir, time_ms=3000)
    assert r.verdict is Verdict.WA, r.tests[0]
    assert API_KEY not in outputs(r)
    assert "COACH_HOME" not in outputs(r)


@pytest.mark.parametrize("lang", langs("write_outside"))
def test_writes_outside_the_sandbox_land_nowhere(lang: str, backend: str, cache_dir: Path) -> None:
    name = f"coach-pwn-{secrets.token_hex(6)}"
    targets = [Path("/tmp"), Path("/dev/shm"), Path.home(), ROOT, cache_dir,
               Path(os.environ["COACH_HOME"]), Path("/usr")]  # fmt: skip
    arg = "\n".join(str(t / name) for t in targets)
    r = attack(lang, "write_outside", arg, backend, cache_dir, time_ms=3000)
    assert r.verdict is Verdict.WA, r.tests[0]
    assert [t for t in targets if (t / name).exists()] == []
    written = [ln for ln in str(r.tests[0].actual).splitlines() if ln.endswith(": written")]
    assert all(ln.startswith(("/tmp/", "/dev/shm/")) for ln in written), written  # private ones


@pytest.mark.parametrize("lang", langs("kill_others"))
def test_killing_host_processes_fails(lang: str, backend: str, cache_dir: Path) -> None:
    ids = {"user": 65534, "group": 65534} if AS_ROOT else {}
    sentinel = subprocess.Popen(["sleep", "60"], **ids)  # same host uid as the sandbox
    try:
        arg = f"{os.getpid()} {os.getppid()} {sentinel.pid}"
        r = attack(lang, "kill_others", arg, backend, cache_dir, time_ms=3000)
        # Its parent is the sandbox's supervisor, PID 1 of the namespace, which no signal from
        # inside reaches (issue 12): every kill fails. Python raises on the refused kill (RE),
        # C++ carries on and returns (WA); either way the supervisor reported the result.
        t = r.tests[0]
        assert (t.verdict, t.actual) == (Verdict.WA, "done") or (
            t.verdict is Verdict.RE and "PermissionError" in t.stderr
        ), t
        assert sentinel.poll() is None
    finally:
        sentinel.kill()
        sentinel.wait()


@pytest.mark.parametrize("lang", langs("background"))
def test_background_processes_do_not_survive(lang: str, backend: str, cache_dir: Path) -> None:
    marker = f"{secrets.randbelow(9000) + 1000}.{secrets.randbelow(10**6)}"
    t0 = time.monotonic()
    r = attack(lang, "background", marker, backend, cache_dir, expected="parent returned")
    # test runs may not start processes (issue 12): fork fails, which a program may ignore
    assert r.verdict in (Verdict.AC, Verdict.RE), r.tests[0]
    assert (
        r.verdict is Verdict.AC
        or "not permitted" in r.tests[0].stderr
        or "EPERM" in r.tests[0].stderr
    )
    assert time.monotonic() - t0 < 60  # the run did not wait for the daemon (it sleeps 1000+ s)
    for _ in range(20):
        if not processes_with(marker):
            break
        time.sleep(0.05)
    assert processes_with(marker) == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", langs("sleep_forever"))
def test_sleeping_forever_is_tle(lang: str, backend: str, cache_dir: Path) -> None:
    t0 = time.monotonic()
    r = attack(lang, "sleep_forever", "", backend, cache_dir, time_ms=300)
    assert r.verdict is Verdict.TLE
    # the wall backstop (2 x 300 ms + 1 s, plus start-up) ended it, not the sleep
    assert time.monotonic() - t0 < 60


@pytest.mark.parametrize("lang", langs("kernel_surface"))
def test_kernel_attack_surface_is_closed(lang: str, backend: str, cache_dir: Path) -> None:
    r = attack(lang, "kernel_surface", "", backend, cache_dir, time_ms=3000)
    assert r.verdict is Verdict.WA, r.tests[0]
    actual = str(r.tests[0].actual)
    assert actual.count("errno") == 7 and ": ok" not in actual, actual


# ---- the checks above can fail: without isolation they see the leaks ----------------------


@pytest.fixture
def unsafe(cache_dir: Path) -> str:
    return backend_or_skip("unsafe", cache_dir)


def test_unsafe_backend_leaks_are_detected_network(
    unsafe: str, cache_dir: Path, listener: socket.socket
) -> None:
    port = listener.getsockname()[1]
    r = attack("python", "tcp_connect", str(port), unsafe, cache_dir, time_ms=3000)
    assert "connected" in outputs(r)
    assert accepted_anything(listener)


def test_unsafe_backend_leaks_are_detected_files(
    unsafe: str, cache_dir: Path, secret_files: tuple[str, list[Path]]
) -> None:
    token, paths = secret_files
    r = attack("python", "read_files", str(paths[0]), unsafe, cache_dir, time_ms=3000)
    assert token in outputs(r)
