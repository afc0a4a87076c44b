"""Python driver generation: ``solution.py`` verbatim plus the static ``driver.py``."""

from __future__ import annotations

from sandbox.harness import runtime_source
from sandbox.harness.source import count_lines, normalize
from sandbox.harness.types import signature_json
from sandbox.languages.base import Driver
from sandbox.spec import Signature

CANDIDATE_FILE = "solution.py"
DRIVER_FILE = "driver.py"
_SENTINEL = 'SIGNATURE = ""  # @coach:signature (replaced by the generator)'


def generate(signature: Signature, code: str) -> Driver:
    """``driver.py`` execs ``solution.py`` in a namespace holding LeetCode's implicit imports."""
    driver = runtime_source("python_driver.py")
    if _SENTINEL not in driver:
        raise RuntimeError("python_driver.py lost its signature sentinel")
    driver = driver.replace(_SENTINEL, f"SIGNATURE = {signature_json(signature)!r}")
    code = normalize(code)
    return Driver(
        files={CANDIDATE_FILE: code, DRIVER_FILE: driver},
        candidate_file=CANDIDATE_FILE,
        line_offset=0,
        extra={"candidate_lines": str(count_lines(code))},
    )
