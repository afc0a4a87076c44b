"""Go: ``go build`` of the candidate's file and the driver into one static binary.

``CGO_ENABLED=0`` (no C toolchain, nothing of the candidate runs at build time). The build
cache is ``cache_dir`` when the runner has one (mount it read-write for compiles: Go writes to
it on every build; it is content-addressed, so sharing it between candidates is safe), else
``/tmp/coach-gocache`` (the sandbox's private /tmp: a cold cache, ~50 ms slower with Go 1.19).
Go >= 1.20 no longer ships a compiled standard library, so there ``precompile()`` matters: it
builds the packages the driver auto-imports once.
"""

from __future__ import annotations

import os

from sandbox.harness import go as harness
from sandbox.harness.compiler_output import remap_driver_output
from sandbox.harness.go_imports import KNOWN_PACKAGES
from sandbox.languages.base import Driver, LanguageRunner, Precompile, Toolchain
from sandbox.languages.toolchain import binds_for, find, version_line
from sandbox.spec import Limits, Signature

BINARY = "main"
MIN_DATA_BYTES = 64 << 20  # the Go runtime needs ~48 MiB of RLIMIT_DATA to start
# -s -w: no symbol table or DWARF (a faster link); panics still have file:line from pclntab.
# No -trimpath: it makes Go 1.19 rebuild the standard library (4 s on a cold cache).
BUILD_FLAGS = ("build", "-ldflags=-s -w", "-o", BINARY)


class GoRunner(LanguageRunner):
    name = "go"
    compiled = True
    extensions = (".go",)
    install_hint = "apt-get install golang-go"
    cache_writable = True

    def _go(self) -> str:
        return find("go", self.install_hint, what="Go")

    def toolchain(self) -> Toolchain:
        go = self._go()
        root = os.path.dirname(os.path.dirname(os.path.realpath(go)))
        try:
            with open(f"{root}/VERSION", encoding="utf-8") as f:
                version = f"{f.readline().strip()} ({root})"
        except OSError:
            version = version_line(go, "version")
        return Toolchain(version=version, binds=binds_for([go]))

    def driver(self, signature: Signature, code: str) -> Driver:
        return harness.generate(signature, code)

    def compile_argv(self, workdir: str) -> list[str] | None:
        return [self._go(), *BUILD_FLAGS, harness.CANDIDATE_FILE, harness.DRIVER_FILE]

    def precompile(self) -> Precompile | None:
        if self.cache_dir is None:
            return None
        stamp = f"coach-warm-{self.toolchain().version.split()[0]}"
        imports = "\n".join(f'\t"{path}"' for path, _ in KNOWN_PACKAGES.values())
        uses = "\n".join(f"\t_ = {name}.{sym}" for name, (_, sym) in KNOWN_PACKAGES.items())
        warm = f"package main\n\nimport (\n{imports}\n)\n\nfunc main() {{\n{uses}\n}}\n"
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
