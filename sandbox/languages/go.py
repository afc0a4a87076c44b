"""Go >= 1.21: ``go build`` of the candidate's file and the driver into one static binary.

LeetCode runs a current Go, and accepted solutions use what came with 1.21 (the ``min``/``max``
builtins, ``slices``, ``maps``) and generics, so an older Go is refused with the fix. The Go used is
the newest ``/usr/lib/go-1.N`` with N >= 21 (Debian's ``golang-1.N-go`` packages: Debian 12 has
1.23 in bookworm-backports, which ``scripts/setup.sh`` sets up), else ``go`` on PATH.

``CGO_ENABLED=0`` (no C toolchain, nothing of the candidate runs at build time). The build
cache is ``cache_dir`` when the runner has one (mount it read-write for compiles: Go writes to
it on every build; it is content-addressed, so sharing it between candidates is safe), else
``/tmp/coach-gocache`` (the sandbox's private /tmp: a cold cache). Go >= 1.20 no longer ships a
compiled standard library, so ``precompile()`` matters: it builds the packages the driver and
the auto-imports use once (Go 1.23.5 here, docs/PERFORMANCE.md: a compile on an empty cache
10.8 s; the one-off precompile about 15 s; a compile after it 0.4 s).
"""

from __future__ import annotations

import glob
import os
import re

from coach_engine.errors import SandboxError
from sandbox.harness import HARNESS_VERSION, go as harness, runtime_source
from sandbox.harness.compiler_output import remap_driver_output
from sandbox.harness.go_imports import KNOWN_PACKAGES
from sandbox.languages.base import Driver, LanguageRunner, Precompile, Toolchain
from sandbox.languages.toolchain import binds_for, find, version_line
from sandbox.spec import Limits, Signature

BINARY = "main"
MIN_DATA_BYTES = 64 << 20  # the Go runtime needs ~48 MiB of RLIMIT_DATA to start
MIN_MINOR = 21  # Go 1.21: min/max builtins, slices, maps
GO_LIB = "/usr/lib"  # where Debian's golang-1.N-go packages put their Go roots
# -s -w: no symbol table or DWARF (a faster link); panics still have file:line from pclntab.
# No -trimpath: it would only rename paths in panics (the build cache is keyed the same way
# either way since Go 1.20 builds the standard library into it), and file:line must stay short.
BUILD_FLAGS = ("build", "-ldflags=-s -w", "-o", BINARY)


class GoRunner(LanguageRunner):
    name = "go"
    compiled = True
    extensions = (".go",)
    install_hint = "apt-get install -t bookworm-backports golang-1.23-go"
    cache_writable = True

    def _go(self) -> str:
        return find_go(self.install_hint)

    def toolchain(self) -> Toolchain:
        go = self._go()
        root = os.path.dirname(os.path.dirname(os.path.realpath(go)))
        try:
            with open(f"{root}/VERSION", encoding="utf-8") as f:
                version = f"{f.readline().strip()} ({root})"
        except OSError:
            version = version_line(go, "version")
        m = re.search(r"go1\.(\d+)", version)
        if m is None or int(m[1]) < MIN_MINOR:
            raise SandboxError(
                f"{version} found at {go}; solutions need Go 1.{MIN_MINOR} or newer (min/max "
                f"builtins). Install it with `{self.install_hint}`, or run scripts/setup.sh.",
                title="Toolchain too old",
            )
        return Toolchain(version=version, binds=binds_for([go]))

    def driver(self, signature: Signature, code: str) -> Driver:
        return harness.generate(signature, code)

    def compile_argv(self, workdir: str) -> list[str] | None:
        return [self._go(), *BUILD_FLAGS, harness.CANDIDATE_FILE, harness.DRIVER_FILE]

    def precompile(self) -> Precompile | None:
        if self.cache_dir is None:
            return None
        stamp = f"coach-warm-{self.toolchain().version.split()[0]}-{HARNESS_VERSION}"
        # Every package a build can need: the driver's imports and the auto-imported ones.
        paths = sorted({*driver_imports(), *(path for path, _ in KNOWN_PACKAGES.values())})
        imports = "\n".join(f'\t_ "{path}"' for path in paths)
        warm = f"package main\n\nimport (\n{imports}\n)\n\nfunc main() {{}}\n"
        return Precompile(
            files={"warm.go": warm},
            argv=[
                "/bin/sh",
                "-c",
                '"$1" build -o /dev/null warm.go && : > "$2"',
                "sh",
                self._go(),
                f"{self.cache_dir}/{stamp}",
            ],
            stamp=stamp,
        )

    def run_argv(self, workdir: str, limits: Limits) -> list[str]:
        # Goroutine stacks live in RLIMIT_DATA; a cap well below it turns runaway recursion into
        # "stack overflow" (RE) instead of an allocation failure that reads as MLE.
        max_stack = max((limits.memory_mb << 20) // 4, 32 << 20)
        return [f"{workdir}/{BINARY}", str(max_stack)]

    def env(self, limits: Limits) -> dict[str, str]:
        return {
            "CGO_ENABLED": "0",
            "GOCACHE": self.cache_dir or "/tmp/coach-gocache",
            "GOPATH": "/tmp/coach-gopath",
            "GO111MODULE": "off",  # plain files, no module lookup in parent directories
            "GOENV": "off",
            "GOFLAGS": "",
            "GOPROXY": "off",
            "GOTOOLCHAIN": "local",
            "GOTELEMETRY": "off",
            "GOMEMLIMIT": f"{limits.memory_mb * 9 // 10}MiB",  # GC harder before the hard limit
        }

    def data_limit_bytes(self, limits: Limits) -> int:
        return max(limits.memory_mb << 20, MIN_DATA_BYTES)

    def map_compiler_output(self, output: str, driver: Driver) -> str:
        kept = [line for line in output.splitlines() if not line.startswith("# command-line")]
        return remap_driver_output("\n".join(kept) + "\n", driver)


def find_go(install_hint: str) -> str:
    """The newest ``GO_LIB/go-1.N/bin/go`` with N >= ``MIN_MINOR``, else ``go`` on PATH."""
    found = []
    for path in glob.glob(f"{GO_LIB}/go-1.*/bin/go"):
        m = re.fullmatch(r"go-1\.(\d+)", os.path.basename(os.path.dirname(os.path.dirname(path))))
        if m and int(m[1]) >= MIN_MINOR and os.access(path, os.X_OK):
            found.append((int(m[1]), path))
    if found:
        return max(found)[1]
    return find("go", install_hint, what=f"Go 1.{MIN_MINOR}+")


def driver_imports() -> list[str]:
    """The import paths of the static Go driver (``runtime/go_driver.go``)."""
    source = runtime_source("go_driver.go")
    block = re.search(r"^import \(([^)]*)\)", source, re.MULTILINE)
    return re.findall(r'"([^"]+)"', block.group(1)) if block else []
