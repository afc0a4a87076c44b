"""Python: the system interpreter runs ``driver.py``, which execs ``solution.py``."""

from __future__ import annotations

import re

from coach_engine.errors import SandboxError
from sandbox.harness import python as harness
from sandbox.harness.compiler_output import remap_driver_output
from sandbox.languages.base import DEEP_STACK_BYTES, Driver, LanguageRunner, Toolchain
from sandbox.languages.toolchain import binds_for, find, version_line
from sandbox.spec import Limits, Signature

# Never the app's own venv: candidates get the plain system Python, as LeetCode gives CPython.
INTERPRETER = "/usr/bin/python3"
# -I: ignore PYTHON* variables and user site-packages; -X utf8: UTF-8 stdio whatever the locale.
FLAGS = ("-I", "-X", "utf8")


class PythonRunner(LanguageRunner):
    name = "python"
    extensions = (".py",)
    install_hint = "apt-get install python3"

    def toolchain(self) -> Toolchain:
        exe = find(INTERPRETER, self.install_hint, what="Python 3")
        version = version_line(exe, "--version")
        m = re.search(r"(\d+)\.(\d+)", version)
        if m is None or (int(m[1]), int(m[2])) < (3, 10):
            raise SandboxError(
                f"{INTERPRETER} is {version}; solutions need Python 3.10 or newer "
                f"(`{self.install_hint}` on Debian 12 gives 3.11).",
                title="Toolchain too old",
            )
        return Toolchain(version=version, binds=binds_for([exe]))

    def driver(self, signature: Signature, code: str) -> Driver:
        return harness.generate(signature, code)

    def run_argv(self, workdir: str, limits: Limits) -> list[str]:
        # The driver sizes its recursion limit from the stack it is told it has.
        script = f"{workdir}/{harness.DRIVER_FILE}"
        return [INTERPRETER, *FLAGS, script, str(self.stack_limit_bytes(limits))]

    def check_argv(self, workdir: str) -> list[str] | None:
        return [INTERPRETER, *FLAGS, f"{workdir}/{harness.DRIVER_FILE}", "--check"]

    def stack_limit_bytes(self, limits: Limits) -> int:
        # Recursion runs on the main thread's stack, which RLIMIT_DATA does not count. (A
        # thread's stack would: a 512 MiB one fails to start under a 256 MiB RLIMIT_DATA.)
        return DEEP_STACK_BYTES

    def map_compiler_output(self, output: str, driver: Driver) -> str:
        return remap_driver_output(output, driver)
