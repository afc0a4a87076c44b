"""Java 17: ``javac`` once, then ``java -cp . CoachDriver`` runs every case in one JVM."""

from __future__ import annotations

import os
import re

from coach_engine.errors import SandboxError
from sandbox.harness import java as harness
from sandbox.harness.compiler_output import remap_driver_output
from sandbox.languages.base import DEEP_STACK_BYTES, Driver, LanguageRunner, Toolchain
from sandbox.languages.toolchain import binds_for, find, version_line
from sandbox.spec import Limits, Signature

# Both JVMs: C1 only and the serial collector start fastest and fit small limits. javac's heap is
# capped so it fits the compile sandbox's RLIMIT_DATA (the JVM sizes it from host RAM otherwise).
JAVAC_FLAGS = (
    "-J-XX:TieredStopAtLevel=1",
    "-J-XX:+UseSerialGC",
    "-J-XX:-UsePerfData",
    "-J-Xms32m",
    "-J-Xmx512m",
    "-encoding",
    "UTF-8",
    "-proc:none",  # no annotation processors: a compile never runs code
)
JAVA_FLAGS = (
    "-Xms8m",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-XX:-UsePerfData",  # no hsperfdata file in /tmp
    # With a 256 MiB thread stack, the reserved-stack scan on StackOverflowError mallocs past
    # RLIMIT_DATA and kills the JVM; without it the error is a normal, catchable one.
    "-XX:StackReservedPages=0",
    "-Dfile.encoding=UTF-8",
    "-Dsun.stdout.encoding=UTF-8",
    "-Dsun.stderr.encoding=UTF-8",
    # The driver reads per-case CPU time through the management helper (~1 ms to start, not 10).
    "--add-exports=java.management/sun.management=ALL-UNNAMED",
)
DATA_SLACK_BYTES = 256 << 20  # metaspace, code cache, GC and thread stacks beside the heap


class JavaRunner(LanguageRunner):
    name = "java"
    compiled = True
    extensions = (".java",)
    install_hint = "apt-get install openjdk-17-jdk-headless"

    def _home(self) -> str:
        javac = os.path.realpath(find("javac", self.install_hint, what="A Java 17 JDK"))
        return os.path.dirname(os.path.dirname(javac))

    def toolchain(self) -> Toolchain:
        javac = find("javac", self.install_hint, what="A Java 17 JDK")
        java = find("java", self.install_hint, what="A Java 17 JDK")
        home = self._home()
        version = _release_version(home) or version_line(f"{home}/bin/java", "-version")
        m = re.search(r"(\d+)", version)
        if m is None or int(m[1]) < 17:
            raise SandboxError(
                f"Java {version} found in {home}; solutions need Java 17 or newer. "
                f"Install it with `{self.install_hint}`.",
                title="Toolchain too old",
            )
        return Toolchain(
            version=f"openjdk {version} ({home})", binds=binds_for([java, javac], [home])
        )

    def driver(self, signature: Signature, code: str) -> Driver:
        return harness.generate(signature, code)

    def compile_argv(self, workdir: str) -> list[str] | None:
        # The JDK's own binaries, not /usr/bin/java: that alternative may name another JDK.
        return [f"{self._home()}/bin/javac", *JAVAC_FLAGS, "-d", workdir, *harness.SOURCES]

    def run_argv(self, workdir: str, limits: Limits) -> list[str]:
        return [
            f"{self._home()}/bin/java",
            f"-Xmx{limits.memory_mb}m",  # always explicit: in a sandbox the JVM cannot see limits
            *JAVA_FLAGS,
            "-cp",
            workdir,
            harness.MAIN_CLASS,
            str(DEEP_STACK_BYTES),  # the solution thread's stack
        ]

    def data_limit_bytes(self, limits: Limits) -> int:
        # The heap is bounded by -Xmx; RLIMIT_DATA is a backstop, and the solution thread's
        # stack is a mapping it counts in full.
        return (limits.memory_mb << 20) + DATA_SLACK_BYTES + DEEP_STACK_BYTES

    def map_compiler_output(self, output: str, driver: Driver) -> str:
        return remap_driver_output(output, driver)


def _release_version(home: str) -> str | None:
    try:
        with open(f"{home}/release", encoding="utf-8") as f:
            m = re.search(r'^JAVA_VERSION="([^"]+)"', f.read(), re.MULTILINE)
    except OSError:
        return None
    return m[1] if m else None
