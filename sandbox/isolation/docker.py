"""Optional backend: a warm Docker container per language, one ``exec`` per run.

Containers come from one image with the same Debian 12 toolchain layout as the host (built from
``DOCKERFILE`` on first use, or named by ``COACH_DOCKER_IMAGE``), so the language runners' argv
work unchanged. Each container: no network, read-only root, tmpfs ``/tmp``, all capabilities
dropped, ``no-new-privileges``, Docker's default seccomp profile, uid 65534, memory (no swap) and
pids limits. A run copies its job directory into the container's ``/box`` volume, runs it under
``coach-rexec`` (the static build: same limits, watchdog and measurements as bwrap) and reads
the helper's files back. Docker cannot kill one exec, so any host-side kill (wall, output) and
any process left behind after a run discards the container; the next run starts a new one.
"""

from __future__ import annotations

import io
import os
import tarfile
import threading
import uuid
from pathlib import Path
from typing import Any

from coach_engine.errors import SandboxError
from sandbox.isolation.base import ExecResult, ExecSpec, IsolationBackend
from sandbox.isolation.helper import helper_args, helper_path

IMAGE = "coach-sandbox:bookworm"
# The host's toolchains (scripts/setup.sh): Go 1.23 from bookworm-backports (the image's own
# mirror), clang-19 for C++23, sortedcontainers and numpy for Python. LeetCode's JavaScript
# libraries live in the host's venv, which containers do not mount: there MinPriorityQueue and
# friends are missing.
DOCKERFILE = """FROM debian:bookworm-slim
RUN sed -i 's/^Suites: bookworm bookworm-updates$/& bookworm-backports/' \\
    /etc/apt/sources.list.d/debian.sources && apt-get update \\
    && apt-get install -y --no-install-recommends python3 python3-sortedcontainers python3-numpy \\
    nodejs openjdk-17-jdk-headless g++ clang-19 golang-1.23-go && rm -rf /var/lib/apt/lists/*
"""
HELPER = "/box/.coach-rexec"
ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8"}


def _tar(entries: dict[str, tuple[Path | bytes, int]], uid: int = 65534) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, (src, mode) in entries.items():
            if isinstance(src, Path):
                info = tar.gettarinfo(str(src), arcname=name)
                data = src.read_bytes() if src.is_file() else None
            else:
                info, data = tarfile.TarInfo(name), src
                info.size = len(src)
            info.uid = info.gid = uid
            info.mode = mode if data is not None else 0o755
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return buf.getvalue()


class DockerBackend(IsolationBackend):
    name = "docker"
    description = "warm Docker container per language, exec per run"
    isolates_filesystem = True
    isolates_network = True
    isolates_processes = True
    seccomp = True
    memory_cgroup = True
    needs_daemon = True
    gaps = (
        "the supervisor (coach-rexec) is not PID 1 and runs as the program's uid, so the "
        "program can signal, limit or trace it (ending a run early: RE or TLE)",
        "Docker's default seccomp profile instead of Coach's: the supervisor rules and the "
        "shared-memory refusals do not apply (the container's memory limit still caps memory)",
        "LeetCode's JavaScript libraries (lodash, datastructures-js) are not in the image",
    )

    def __init__(self, cache_dir: Path, image: str | None = None) -> None:
        self.bin_dir = cache_dir / ".bin"
        self.image = image or os.environ.get("COACH_DOCKER_IMAGE", IMAGE)
        self._client: Any = None
        self._containers: dict[str, tuple[Any, int]] = {}
        self._lock = threading.Lock()

    def check(self) -> None:
        if self._client is not None:
            return
        try:
            import docker
        except ImportError as e:
            raise SandboxError(
                "the Docker backend needs the SDK: pip install 'coach[docker]'"
            ) from e
        try:
            client = docker.from_env()
            client.ping()
        except Exception as e:  # the SDK raises several unrelated types when there is no daemon
            raise SandboxError(f"the Docker backend needs a running Docker daemon: {e}") from e
        try:
            client.images.get(self.image)
        except docker.errors.ImageNotFound:
            if self.image != IMAGE:
                raise SandboxError(f"Docker image {self.image} not found: pull it") from None
            client.images.build(fileobj=io.BytesIO(DOCKERFILE.encode()), tag=IMAGE, rm=True)
        self._client = client

    def workdir(self, jobdir: Path) -> str:
        return f"/box/{jobdir.name}"

    def _container(self, spec: ExecSpec) -> Any:
        memory = spec.memory_bytes or spec.data_bytes + (64 << 20)
        key = spec.language or "default"
        current = self._containers.get(key)
        if current is not None and current[1] >= memory:
            return current[0]
        if current is not None:
            self._discard(key)
        from docker.types import Mount

        c = self._client.containers.run(
            self.image, ["sleep", "infinity"], detach=True, init=True, network_mode="none",
            read_only=True, tmpfs={"/tmp": f"size={spec.tmpfs_bytes},mode=1777"},
            mounts=[Mount("/box", None, type="volume")], mem_limit=memory, memswap_limit=memory,
            pids_limit=spec.nproc + 16, cap_drop=["ALL"], security_opt=["no-new-privileges"],
            user="65534:65534", labels={"coach.sandbox": "1"}, auto_remove=True,
        )  # fmt: skip
        c.put_archive("/box", _tar({".coach-rexec": (helper_path(self.bin_dir), 0o755)}))
        self._containers[key] = (c, memory)
        return c

    def _discard(self, key: str) -> None:
        c, _ = self._containers.pop(key)
        try:
            c.kill()
        except Exception:
            pass

    def execute(self, spec: ExecSpec) -> ExecResult:
        self.check()
        with self._lock:  # one run per container at a time: limits are per container
            return self._execute(spec)

    def _execute(self, spec: ExecSpec) -> ExecResult:
        key = spec.language or "default"
        c = self._container(spec)
        run_id = uuid.uuid4().hex[:12]
        box, out = self.workdir(spec.jobdir), f"/box/.out-{run_id}"
        files: dict[str, tuple[Path | bytes, int]] = {spec.jobdir.name: (spec.jobdir, 0o755)}
        for p in sorted(spec.jobdir.rglob("*")):
            mode = 0o755 if p.stat().st_mode & 0o111 else (0o644 if spec.writable else 0o444)
            files[f"{spec.jobdir.name}/{p.relative_to(spec.jobdir)}"] = (p, mode)
        files[f".out-{run_id}/.keep"] = (b"", 0o644)
        if spec.feed is not None:  # the helper opens and unlinks it before the program starts
            files[f".out-{run_id}/cases"] = (spec.feed, 0o600)
        c.put_archive("/box", _tar(files))
        api = self._client.api
        cases = f"{out}/cases" if spec.feed is not None else None
        cmd = [HELPER, *helper_args(spec, f"{out}/results", f"{out}/meas", None, cases), *spec.argv]
        exec_id = api.exec_create(c.id, cmd, workdir=box, environment={**ENV, **spec.env})["Id"]
        res, killed = ExecResult(), threading.Event()

        def on_wall() -> None:
            killed.set()
            self._discard(key)

        timer = threading.Timer(spec.wall_s, on_wall)
        timer.start()
        stdout, stderr = bytearray(), bytearray()
        try:
            for o, e in api.exec_start(exec_id, stream=True, demux=True):
                for chunk, buf in ((o, stdout), (e, stderr)):
                    if chunk:
                        buf += chunk[: max(0, spec.output_bytes - len(stdout) - len(stderr))]
                if len(stdout) + len(stderr) >= spec.output_bytes:
                    res.killed = "output"
                    self._discard(key)
                    break
        finally:
            timer.cancel()
        if killed.is_set():
            res.killed = "wall"
        res.stdout, res.stderr = bytes(stdout), bytes(stderr)
        res.stderr_at = [(0, res.stderr)] if res.stderr else []
        if key in self._containers:
            self._collect(c, spec, out, res)
        return res

    def _collect(self, c: Any, spec: ExecSpec, out: str, res: ExecResult) -> None:
        data = self._read(c, out)
        res.results = data.get("results", b"").split(b"\n")[:-1]
        res.apply_meas(data.get("meas", b"").splitlines())
        if spec.writable:
            self._copy_back(c, spec)
        c.exec_run(["rm", "-rf", self.workdir(spec.jobdir), out], user="65534:65534")
        procs = c.top().get("Processes") or []
        if len(procs) > 2:  # docker-init + sleep: anything else escaped the helper
            self._discard(spec.language or "default")

    def _read(self, c: Any, path: str) -> dict[str, bytes]:
        stream, _ = c.get_archive(path)
        files: dict[str, bytes] = {}
        with tarfile.open(fileobj=io.BytesIO(b"".join(stream))) as tar:
            for m in tar.getmembers():
                f = tar.extractfile(m) if m.isfile() else None
                if f is not None:
                    files[Path(m.name).name] = f.read()
        return files

    def _copy_back(self, c: Any, spec: ExecSpec) -> None:
        stream, _ = c.get_archive(self.workdir(spec.jobdir))
        with tarfile.open(fileobj=io.BytesIO(b"".join(stream))) as tar:
            tar.extractall(spec.jobdir.parent, filter="data")

    def close(self) -> None:
        with self._lock:
            for key in list(self._containers):
                self._discard(key)
