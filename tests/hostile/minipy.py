"""A deliberately tiny Python ``LanguageRunner`` for the sandbox's own tests.

The sandbox is tested against the driver protocol (``sandbox/spec.py``), not against the real
language runners, so its tests keep working (and keep meaning something) whatever those runners
do. The real runners are exercised too, when ``sandbox.languages`` provides them.
"""

from __future__ import annotations

import json
import shutil

from coach_engine.errors import SandboxError
from sandbox.languages.base import Driver, LanguageRunner, Toolchain
from sandbox.spec import Limits, Signature

DRIVER = r"""
import json, os, sys, time, traceback
os.write(3, b'{"ready":true}\n')
sys.setrecursionlimit(100000)
ns = {"__name__": "solution"}
exec(compile(open("solution.py").read(), "solution.py", "exec"), ns)
out = os.fdopen(3, "w")
fn = getattr(ns["Solution"](), FUNCTION)
stdin = os.fdopen(0, "rb")  # one case per line, each fed after the previous result line
for i, line in enumerate(iter(stdin.readline, b"")):
    args = json.loads(line)
    sys.stdout.flush()
    sys.stdout.write("\x1e__COACH_CASE__ %d\n" % i)
    sys.stdout.flush()
    c0, w0 = time.process_time_ns(), time.perf_counter_ns()
    try:
        rec = {"i": i, "ok": True, "out": fn(*args)}
    except BaseException as e:
        tb = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == "solution.py"]
        rec = {"i": i, "ok": False, "error": "%s: %s" % (type(e).__name__, e)}
        if tb:
            rec["line"] = tb[-1].lineno
    sys.stdout.flush()
    rec["cpu_us"] = (time.process_time_ns() - c0) // 1000
    rec["wall_us"] = (time.perf_counter_ns() - w0) // 1000
    out.write(json.dumps(rec) + "\n")
    out.flush()
"""


class MiniPython(LanguageRunner):
    name = "python"
    extensions = (".py",)
    install_hint = "apt-get install python3"

    def __init__(self, check_syntax: bool = False) -> None:
        super().__init__()
        self.check_syntax = check_syntax

    def toolchain(self) -> Toolchain:
        if not shutil.which("python3", path="/usr/bin"):
            raise SandboxError("python3 is missing: apt-get install python3")
        return Toolchain(version="minipy /usr/bin/python3")

    def driver(self, signature: Signature, code: str) -> Driver:
        src = f"FUNCTION = {json.dumps(signature.function)}\n" + DRIVER
        return Driver(files={"driver.py": src, "solution.py": code}, candidate_file="solution.py",
                      line_offset=0)  # fmt: skip

    def compile_argv(self, workdir: str) -> list[str] | None:
        if not self.check_syntax:
            return None
        return ["/usr/bin/python3", "-c", "import ast; ast.parse(open('solution.py').read())"]

    def run_argv(self, workdir: str, limits: Limits) -> list[str]:
        return ["/usr/bin/python3", "-I", "-S", "driver.py"]

    def env(self, limits: Limits) -> dict[str, str]:
        return {"PYTHONDONTWRITEBYTECODE": "1"}
