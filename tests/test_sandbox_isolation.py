"""Backends at the ``ExecSpec`` level: what the sandbox looks like inside, and how it is limited."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile.minipy import MiniPython
from hostile.support import processes_with

from coach_engine.errors import SandboxError
from sandbox import doctor
from sandbox.isolation import ExecResult, ExecSpec, get_backend, staging
from sandbox.isolation.bwrap import BubblewrapBackend
from sandbox.isolation.cgroup import CgroupManager
from sandbox.isolation.unsafe import UnsafeBackend
from sandbox.runner import run
from sandbox.spec import Param, RunRequest, Signature, TestCase

ROOT = Path(__file__).resolve().parent.parent
PY = "/usr/bin/python3"


@pytest.fixture(scope="module")
def cache_dir(shared_build_cache: Path) -> Path:
    return shared_build_cache  # compiles paid once per run, not per module


@pytest.fixture
def bwrap(cache_dir: Path) -> BubblewrapBackend:
    b = BubblewrapBackend(cache_dir)
    b.check()
    return b


@pytest.fixture
def job() -> Iterator[Path]:
    path = staging.new_jobdir()
    yield path
    staging.remove(path)


def sh(script: str, job: Path, **kw: object) -> ExecSpec:
    env = kw.pop("env", {})
    return ExecSpec(["/bin/sh", "-c", script], job, env=env, **kw)  # type: ignore[arg-type]


def request() -> RunRequest:
    sig = Signature(function="solve", params=(Param(name="n", type="int"),), returns="int")
    code = "class Solution:\n    def solve(self, n):\n        return n * 2\n"
    return RunRequest(language="python", code=code, signature=sig,
                      tests=[TestCase(args=[1], expected=2)])  # fmt: skip


def test_missing_bubblewrap_says_how_to_get_isolation_or_opt_out(cache_dir: Path) -> None:
    b = BubblewrapBackend(cache_dir)
    b.bwrap = "/nonexistent/bwrap"
    with pytest.raises(SandboxError) as e:
        b.check()
    assert "apt-get install bubblewrap" in e.value.message
    assert "--backend unsafe" in e.value.message


def test_a_failing_self_test_is_an_error_not_a_fallback(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, **kw: "/bin/false" if name == "bwrap" else
                        real(name, **kw))  # fmt: skip
    with pytest.raises(SandboxError, match="self-test failed"):
        run(request(), cache_dir=cache_dir / "other", language_runner=MiniPython())


def test_unsafe_must_be_chosen(cache_dir: Path) -> None:
    with pytest.raises(SandboxError, match="chosen explicitly"):
        UnsafeBackend(cache_dir)
    with pytest.raises(SandboxError, match="chosen explicitly"):
        get_backend("unsafe", cache_dir)
    chosen = run(request(), backend="unsafe", cache_dir=cache_dir, language_runner=MiniPython())
    assert chosen.verdict == "AC"


def test_unknown_backend(cache_dir: Path) -> None:
    with pytest.raises(SandboxError, match="bwrap, docker, unsafe"):
        run(request(), backend="chroot", cache_dir=cache_dir, language_runner=MiniPython())


def test_docker_backend_explains_why_it_is_unavailable(cache_dir: Path) -> None:
    backend = get_backend("docker", cache_dir)
    try:
        backend.check()
    except SandboxError as e:
        assert "Docker daemon" in e.message
    else:
        pytest.skip("a Docker daemon answers here: the behaviour and hostile suites cover it")


def test_inside_view(bwrap: BubblewrapBackend, job: Path) -> None:
    script = "id -u; id -g; hostname; env | sort; ls /; ls /proc | grep -c '^[0-9]'"
    r = bwrap.execute(sh(script, job, env={"EXTRA": "1"}))
    lines = r.stdout.decode().split("\n")
    assert lines[:3] == ["65534", "65534", "box"]
    env = [ln for ln in lines if "=" in ln]
    assert env == ["EXTRA=1", "HOME=/tmp", "LANG=C.UTF-8", "PATH=/usr/local/bin:/usr/bin:/bin",
                   "PWD=/box"]  # fmt: skip
    assert "home" not in lines and "root" not in lines and "work" not in lines
    assert int(lines[-2]) <= 5  # bwrap's init, the helper, sh, ls, grep: its own PID space


def test_job_dir_is_read_only_at_run_time(bwrap: BubblewrapBackend, job: Path) -> None:
    r = bwrap.execute(sh("touch /box/x && echo wrote", job))
    assert b"Read-only file system" in r.stderr and not (job / "x").exists()


def test_job_dir_is_writable_while_compiling(bwrap: BubblewrapBackend) -> None:
    build = staging.new_jobdir(writable=True)
    try:
        r = bwrap.execute(sh("echo built > /box/a.out", build, writable=True))
        assert r.exit_code == 0 and (build / "a.out").read_text() == "built\n"
    finally:
        staging.remove(build)


def test_wall_limit(bwrap: BubblewrapBackend, job: Path) -> None:
    r = bwrap.execute(sh("sleep 30", job, wall_s=0.5))
    # killed by the wall limit, not waited for: far from the 30 s sleep (a loaded machine slows
    # the sandbox's start and the kill, not by tens of seconds)
    assert r.killed == "wall" and r.wall_ms < 15_000


@pytest.mark.slow
def test_per_test_wall_deadline_moves_with_each_result(bwrap: BubblewrapBackend, job: Path) -> None:
    script = "for i in 1 2 3 4; do sleep 0.3; echo '{}' >&3; done"
    r = bwrap.execute(sh(script, job, case_wall_s=1.0))
    assert r.killed is None and len(r.results) == 4 and r.wall_ms > 1200  # 4 x 0.3 s > 1 s
    r = bwrap.execute(sh("sleep 0.3; echo '{}' >&3; sleep 5", job, case_wall_s=1.0))
    assert r.killed == "case_wall" and len(r.results) == 1


def test_output_cap(bwrap: BubblewrapBackend, job: Path) -> None:
    r = bwrap.execute(sh("yes", job, output_bytes=1000))
    assert r.killed == "output" and len(r.stdout) == 1000


def test_cpu_watchdog_stops_one_test(bwrap: BubblewrapBackend, job: Path) -> None:
    spec = ExecSpec([PY, "-c", "while 1: pass"], job, env={}, case_cpu_ms=200, startup_ms=50)
    r = bwrap.execute(spec)
    assert r.killed == "watchdog" and 200_000 < r.cpu_us < 600_000


def test_rlimit_cpu_for_the_whole_process(bwrap: BubblewrapBackend, job: Path) -> None:
    # a wall limit no loaded machine reaches, so the CPU limit is what ends it
    r = bwrap.execute(ExecSpec([PY, "-c", "while 1: pass"], job, env={}, cpu_s=1, wall_s=120))
    # rusage's user/system split is sampled at ticks: on a loaded machine it read 892 ms when
    # the kernel's own clock reached the 1 s limit
    assert r.signal == signal.SIGXCPU and r.cpu_us >= 800_000


def test_cpu_and_memory_are_measured_inside(bwrap: BubblewrapBackend, job: Path) -> None:
    prog = "b = bytearray(80 << 20)\nfor i in range(0, len(b), 4096): b[i] = 1\nprint('{}')"
    r = bwrap.execute(ExecSpec([PY, "-c", prog], job, env={}))
    assert r.exit_code == 0
    assert r.maxrss_kb > 80 * 1024 and r.cpu_us > 1000


def test_process_limit(bwrap: BubblewrapBackend, job: Path) -> None:
    prog = (
        "import os, time\nn = 0\nfor _ in range(100):\n    try:\n        if os.fork() == 0:\n"
        "            time.sleep(120)\n            os._exit(0)\n    except OSError:\n        break\n"
        "    n += 1\nprint(n)"
    )
    t0 = time.monotonic()
    r = bwrap.execute(ExecSpec([PY, "-c", prog], job, env={}, nproc=12))
    assert 5 <= int(r.stdout) < 12  # helper, python and its children share the 12
    # the sleeping children were killed, not waited for (that would take 120 s)
    assert time.monotonic() - t0 < 60


def test_data_limit(bwrap: BubblewrapBackend, job: Path) -> None:
    r = bwrap.execute(ExecSpec([PY, "-c", "bytearray(300 << 20)"], job, env={},
                               data_bytes=200 << 20))  # fmt: skip
    assert b"MemoryError" in r.stderr


def test_file_size_and_tmp_size(bwrap: BubblewrapBackend, job: Path) -> None:
    script = (
        "dd if=/dev/zero of=/tmp/big bs=1M count=32 2>&1; "
        "for i in 1 2 3 4 5 6; do dd if=/dev/zero of=/tmp/f$i bs=1M count=12 2>&1; done"
    )
    r = bwrap.execute(sh(script, job, fsize_bytes=16 << 20, tmpfs_bytes=48 << 20))
    text = r.stdout.decode() + r.stderr.decode()
    assert "File too large" in text or "File size limit exceeded" in text
    assert "No space left on device" in text


def test_inet_sockets_are_denied_by_seccomp(bwrap: BubblewrapBackend, job: Path) -> None:
    prog = "import socket\ntry:\n socket.socket()\nexcept OSError as e:\n print(e.errno)"
    r = bwrap.execute(ExecSpec([PY, "-c", prog], job, env={}))
    assert r.stdout.strip() == b"13"  # EACCES from the filter, not a namespace's ENETUNREACH


def test_nothing_survives_when_coach_itself_is_killed(cache_dir: Path) -> None:
    marker = f"77.{os.getpid() % 10000}"
    child = (
        "import sys; from pathlib import Path\n"
        "from sandbox.isolation import ExecSpec, staging\n"
        "from sandbox.isolation.bwrap import BubblewrapBackend\n"
        f"b = BubblewrapBackend(Path({str(cache_dir)!r}))\n"
        f"b.execute(ExecSpec(['/bin/sleep', {marker!r}], staging.new_jobdir(), env={{}}))\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", child], cwd=ROOT)
    for _ in range(200):
        if sleeping(marker):
            break
        time.sleep(0.02)
    assert sleeping(marker), "the sandboxed sleep never started"
    proc.kill()
    proc.wait()
    for _ in range(50):
        if not processes_with(marker):
            break
        time.sleep(0.02)
    assert processes_with(marker) == []


@pytest.mark.slow
def test_nothing_starts_when_coach_dies_while_starting_it(cache_dir: Path) -> None:
    # kill the parent at random moments of the start-up: no sandbox may outlive it
    markers: list[str] = []
    for delay in (0.0, 0.002, 0.005, 0.01, 0.02, 0.05):
        marker = f"78.{os.getpid() % 1000}{len(markers)}"
        markers.append(marker)
        child = (
            "from pathlib import Path\n"
            "from sandbox.isolation import ExecSpec, staging\n"
            "from sandbox.isolation.bwrap import BubblewrapBackend\n"
            f"b = BubblewrapBackend(Path({str(cache_dir)!r})); b.check()\n"
            "print('ready', flush=True)\n"
            f"b.execute(ExecSpec(['/bin/sleep', {marker!r}], staging.new_jobdir(), env={{}}))\n"
        )
        proc = subprocess.Popen([sys.executable, "-c", child], cwd=ROOT, stdout=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
        time.sleep(delay)
        proc.kill()
        proc.wait()
    time.sleep(0.5)
    assert [m for m in markers if processes_with(m)] == []


def sleeping(marker: str) -> bool:
    """Whether ``/bin/sleep <marker>`` itself runs (not just a command line that mentions it)."""
    want = b"/bin/sleep\0" + marker.encode() + b"\0"
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if f.read() == want:
                    return True
        except OSError:
            continue
    return False


@pytest.mark.skipif(not CgroupManager().available, reason="no writable memory+pids cgroup here")
def test_cgroup_tier_caps_memory_of_all_processes_together(
    cache_dir: Path, job: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prog = (
        "import os\nkids = []\nfor _ in range(4):\n    pid = os.fork()\n    if pid == 0:\n"
        "        b = bytearray(60 << 20)\n        for i in range(0, len(b), 4096): b[i] = 1\n"
        "        import time; time.sleep(0.3); os._exit(0)\n    kids.append(pid)\n"
        "print([os.waitpid(k, 0)[1] for k in kids])"
    )
    spec = ExecSpec([PY, "-c", prog], job, env={}, data_bytes=100 << 20, memory_bytes=128 << 20)
    plain = BubblewrapBackend(cache_dir, cgroup=False).execute(spec)
    assert plain.stdout.strip() == b"[0, 0, 0, 0]"  # rlimits are per process: 240 MB in total
    for capped in (BubblewrapBackend(cache_dir), BubblewrapBackend(cache_dir, cgroup=True)):
        capped.check()  # the default (a worker cgroup, no per-run move) and the required tier
        r = capped.execute(spec)
        assert r.killed == "oom" and b"9" in r.stdout  # a child was OOM-killed (SIGKILL = 9)


def test_doctor_reports_toolchains_and_isolation(cache_dir: Path) -> None:
    report = doctor.checks(cache_dir)
    names = {(c.area, c.name): c for c in report}
    assert {("toolchain", lang) for lang in ("python", "javascript", "java", "cpp", "go")} <= set(
        names
    )
    assert names[("isolation", "bwrap")].ok
    assert names[("isolation", "seccomp")].ok
    docker = names[("isolation", "docker (optional)")]
    assert docker.ok or "Docker daemon" in docker.detail


def test_doctor_says_what_the_docker_backend_does_not_enforce(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sandbox.isolation.docker import DockerBackend

    monkeypatch.setattr(DockerBackend, "check", lambda self: None)  # as if a daemon answered
    report = {c.name: c for c in doctor.isolation_checks(cache_dir)}
    docker = report["docker (optional)"]
    assert docker.ok and "not enforced yet" in docker.detail
    for gap in ("not PID 1", "seccomp", "JavaScript libraries"):
        assert gap in docker.detail
    assert "not enforced" not in report["bwrap"].detail


@pytest.mark.skipif(os.geteuid() != 0, reason="installing under /usr/lib needs root")
def test_an_install_of_coach_that_appears_while_coach_runs_is_masked(
    bwrap: BubblewrapBackend, job: Path
) -> None:
    """Masks are computed once and reused; another install of Coach's distribution appearing
    in a mounted tree afterwards (an upgrade beside a long-lived server) is masked all the
    same, on the next run."""
    site = Path(f"/usr/lib/python3-coach-late-{os.getpid()}/site-packages")
    probe = sh(f"cat {site}/coach_engine/bank/key.txt", job)
    assert bwrap.execute(probe).exit_code != 0  # nothing there yet; the masks are computed
    try:
        (site / "coach_engine/bank").mkdir(parents=True)
        (site / "coach_engine/bank/key.txt").write_text("the answer key\n")
        meta = site / "coach-9.9.dist-info"
        meta.mkdir()
        (meta / "METADATA").write_text("Metadata-Version: 2.1\nName: coach\nVersion: 9.9\n")
        (meta / "RECORD").write_text("coach_engine/bank/key.txt,,\ncoach-9.9.dist-info/RECORD,,\n")
        r = bwrap.execute(probe)
        assert b"answer key" not in r.stdout and r.exit_code != 0, r.stdout
    finally:
        shutil.rmtree(site.parent, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="installing under /usr/lib needs root")
def test_an_install_of_coach_that_vanishes_while_a_run_starts_does_not_fail_it(
    bwrap: BubblewrapBackend, job: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Masks name another install's paths; if it is removed after they are computed and before
    bwrap mounts them (an uninstall beside a running Coach; a concurrent test once), the run is
    set up again with masks for what is there now instead of failing."""
    from sandbox.isolation import bwrap as bwrap_module

    site = Path(f"/usr/lib/python3-coach-gone-{os.getpid()}/site-packages")
    try:
        (site / "coach_engine").mkdir(parents=True)
        (site / "coach_engine/key.txt").write_text("the answer key\n")
        meta = site / "coach-9.9.dist-info"
        meta.mkdir()
        (meta / "METADATA").write_text("Metadata-Version: 2.1\nName: coach\nVersion: 9.9\n")
        (meta / "RECORD").write_text("coach_engine/key.txt,,\ncoach-9.9.dist-info/RECORD,,\n")
        real = bwrap_module.supervise
        calls: list[list[str]] = []

        def uninstall_first(argv: list[str], *args: object, **kw: object) -> ExecResult:
            calls.append(argv)
            if len(calls) == 1:
                shutil.rmtree(site.parent)  # the masks in argv still name it
            return real(argv, *args, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(bwrap_module, "supervise", uninstall_first)
        r = bwrap.execute(sh("echo ok", job))
        assert r.started and r.exit_code == 0 and r.stdout == b"ok\n", r.stderr
        assert len(calls) == 2
        assert any(str(site) in arg for arg in calls[0])
        assert not any(str(site) in arg for arg in calls[1])
    finally:
        shutil.rmtree(site.parent, ignore_errors=True)


def test_staging_dirs_of_dead_processes_are_swept(monkeypatch: pytest.MonkeyPatch) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = Path(tempfile.gettempdir()) / f"{staging.PREFIX}{dead.pid}-stale"
    stale.mkdir()
    (stale / "job").mkdir()
    alive = Path(tempfile.mkdtemp(prefix=f"{staging.PREFIX}{os.getpid()}-"))
    monkeypatch.setattr(staging, "_base", None)
    base = staging.staging_base()
    try:
        assert not stale.exists() and alive.exists()
    finally:
        shutil.rmtree(alive, ignore_errors=True)
        shutil.rmtree(stale, ignore_errors=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.slow
def test_a_flood_on_the_result_channel_is_cut(bwrap: BubblewrapBackend, job: Path) -> None:
    t0 = time.monotonic()
    r = bwrap.execute(ExecSpec([PY, "-c", "import os\nwhile 1: os.write(3, b'\\n' * 65536)"],
                               job, env={}))  # fmt: skip
    # cut at the cap, not after the 20 s wall limit a flood left unread would reach
    assert r.killed == "output", (r.killed, time.monotonic() - t0)
