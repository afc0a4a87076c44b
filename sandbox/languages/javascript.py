"""JavaScript: node runs ``driver.cjs``, which loads the candidate's ``solution.js`` as a script.

LeetCode's JavaScript has lodash and the datastructures-js queues besides Node; ``scripts/setup.sh``
installs them at LeetCode's versions (``sandbox/harness/jslibs``, with ``npm ci``) into
``<venv>/share/coach-js/node_modules`` (``COACH_JS_LIBS`` overrides), which the sandbox mounts
read-only and the driver finds on ``NODE_PATH``. Without them solutions run, minus those globals,
and ``coach doctor`` says what is missing.
"""

from __future__ import annotations

import json
import os
import re
import sys

from sandbox.harness import javascript as harness
from sandbox.harness.compiler_output import remap_driver_output
from sandbox.languages.base import Driver, LanguageRunner, Toolchain
from sandbox.languages.toolchain import binds_for, find, version_line
from sandbox.spec import Limits, Signature

MIN_DATA_BYTES = 64 << 20  # node does not start with less RLIMIT_DATA (it hangs)
# libuv sizes the stacks of node's own threads from RLIMIT_STACK, and RLIMIT_DATA counts them:
# with --v8-pool-size=1 two threads do (VmData 24 MiB at an 8 MiB stack, 139 MiB at 64 MiB).
# 64 MiB is 4x what a 10^5-deep recursion needs here; a Worker with its own stack would avoid
# the extra RLIMIT_DATA but costs ~18 ms per run.
STACK_BYTES = 64 << 20
STACKED_THREADS = 2
LIBRARIES = ("lodash", "@datastructures-js/priority-queue", "@datastructures-js/queue",
             "@datastructures-js/deque")  # fmt: skip


def libraries_dir() -> str:
    """Where LeetCode's JavaScript libraries are installed (they may be missing)."""
    default = os.path.join(sys.prefix, "share", "coach-js", "node_modules")
    return os.environ.get("COACH_JS_LIBS", default)


def library_versions(root: str) -> list[str]:
    """``name@version`` of each installed library; raises OSError/ValueError if one is missing."""
    out = []
    for name in LIBRARIES:
        with open(os.path.join(root, name, "package.json"), encoding="utf-8") as f:
            out.append(f"{name.rsplit('/', 1)[-1]}@{json.load(f)['version']}")
    return out


class JavaScriptRunner(LanguageRunner):
    name = "javascript"
    extensions = (".js",)
    install_hint = "apt-get install nodejs"

    def toolchain(self) -> Toolchain:
        node = find("node", self.install_hint, what="Node.js")
        version = f"node {version_line(node, '--version')}"
        root = libraries_dir()
        try:
            version += f"; LeetCode's libraries {', '.join(library_versions(root))}"
            binds = (*binds_for([node]), root)
        except (OSError, ValueError, KeyError):
            version += f"; LeetCode's libraries missing in {root} (run scripts/setup.sh)"
            binds = binds_for([node])
        return Toolchain(version=version, binds=binds)

    def driver(self, signature: Signature, code: str) -> Driver:
        return harness.generate(signature, code)

    def run_argv(self, workdir: str, limits: Limits) -> list[str]:
        node = find("node", self.install_hint)
        # V8 must believe in less stack than RLIMIT_STACK gives, or runaway recursion segfaults
        # instead of throwing RangeError; 7/8 is safe (measured up to 64 MiB - 1 MiB).
        stack_kb = self.stack_limit_bytes(limits) * 7 // 8 // 1024
        # A JS-heap limit below the memory limit gives a clean V8 OOM message (MLE).
        heap_mb = max(16, limits.memory_mb * 3 // 4)
        return [
            node,
            f"--stack-size={stack_kb}",
            f"--max-old-space-size={heap_mb}",
            "--v8-pool-size=1",  # fewer helper threads, each with an RLIMIT_STACK-sized stack
            f"{workdir}/{harness.DRIVER_FILE}",
        ]

    def check_argv(self, workdir: str) -> list[str] | None:
        return [find("node", self.install_hint), f"{workdir}/{harness.DRIVER_FILE}", "--check"]

    def env(self, limits: Limits) -> dict[str, str]:
        return {
            "UV_THREADPOOL_SIZE": "1",  # same reason as --v8-pool-size, should it start
            "NODE_PATH": libraries_dir(),  # LeetCode's libraries (module docstring)
        }

    def stack_limit_bytes(self, limits: Limits) -> int:
        return STACK_BYTES

    def data_limit_bytes(self, limits: Limits) -> int:
        return max(limits.memory_mb << 20, MIN_DATA_BYTES) + STACKED_THREADS * STACK_BYTES

    def map_compiler_output(self, output: str, driver: Driver) -> str:
        # Node's check output ends with its own stack frames ("    at new Script (node:vm:..)").
        kept = [line for line in output.splitlines() if not re.match(r"\s+at .*node:", line)]
        return remap_driver_output("\n".join(kept) + "\n", driver)
