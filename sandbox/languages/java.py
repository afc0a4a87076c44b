"""Java 17: ``javac`` once, then ``java -cp . CoachDriver`` runs every case in one JVM.

With a toolchain cache (``languages.base``), ``precompile()`` records the classes javac loads
into a class-data sharing archive (``-XX:ArchiveClassesAtExit``, Java >= 13) and every compile
maps it (``-XX:SharedArchiveFile``): javac starts from the archive instead of loading and
verifying its classes from the runtime image, ~0.6 s -> ~0.4 s of CPU per compile here. Without
the archive (no cache, or a JDK that cannot write one) javac runs as before.
"""

from __future__ import annotations

import hashlib
import os
import re

from coach_engine.errors import SandboxError
from sandbox.harness import java as harness
from sandbox.harness.compiler_output import remap_driver_output
from sandbox.languages.base import (
    DEEP_STACK_BYTES,
    Driver,
    LanguageRunner,
    Precompile,
    Toolchain,
)
from sandbox.languages.toolchain import binds_for, find, version_line
from sandbox.spec import Limits, Param, Signature

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
# $1: the archive (used when it exists); then javac and its arguments. The JVM's own notes on the
# archive are off: a compile's output is what the candidate reads.
_COMPILE = (
    'jsa=$1; javac=$2; shift 2; if [ -f "$jsa" ]; then '
    'exec "$javac" -J-XX:SharedArchiveFile="$jsa" -J-Xlog:cds=off -J-Xlog:cds+dynamic=off "$@"; '
    'else exec "$javac" "$@"; fi'
)
# $1: the archive to write (renamed into place: a concurrent compile never maps half of one).
_PRECOMPILE = (
    "set -e; jsa=$1; javac=$2; shift 2; mkdir -p out; "
    '"$javac" -J-XX:ArchiveClassesAtExit="$jsa.$$" "$@"; mv -f "$jsa.$$" "$jsa"'
)
_WARM = Signature(function="twoSum", params=(Param(name="nums", type="int[]"),
                  Param(name="target", type="int")), returns="int[]")  # fmt: skip
_WARM_CODE = """import java.util.*;

class Solution {
    public int[] twoSum(int[] nums, int target) {
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < nums.length; i++) {
            Integer j = seen.get(target - nums[i]);
            if (j != null) return new int[] {j, i};
            seen.put(nums[i], i);
        }
        return new int[0];
    }
}
"""


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
        javac = [f"{self._home()}/bin/javac", *JAVAC_FLAGS, "-d", workdir, *harness.SOURCES]
        if self.cache_dir is None:
            return javac
        return ["/bin/sh", "-c", _COMPILE, "sh", f"{self.cache_dir}/{self._archive()}", *javac]

    def _archive(self) -> str:
        """The archive's name: new per JDK, flags and place the cache is seen at (the archive
        records the paths it was made with)."""
        h = hashlib.sha256(self.toolchain().version.encode())
        h.update(repr((JAVAC_FLAGS, self.cache_dir)).encode())
        return f"javac-{h.hexdigest()[:16]}.jsa"

    def precompile(self) -> Precompile | None:
        if self.cache_dir is None:
            return None
        files = harness.generate(_WARM, _WARM_CODE).files
        javac = [f"{self._home()}/bin/javac", *JAVAC_FLAGS, "-d", "out", *harness.SOURCES]
        archive = self._archive()
        return Precompile(
            files=files,
            argv=["/bin/sh", "-c", _PRECOMPILE, "sh", f"{self.cache_dir}/{archive}", *javac],
            stamp=archive,
        )

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
