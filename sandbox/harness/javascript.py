"""JavaScript driver generation: ``solution.js`` verbatim plus the static ``driver.cjs``."""

from __future__ import annotations

import json

from sandbox.harness import runtime_source
from sandbox.harness.source import count_lines, normalize
from sandbox.harness.types import signature_json
from sandbox.languages.base import Driver
from sandbox.spec import Signature

CANDIDATE_FILE = "solution.js"
DRIVER_FILE = "driver.cjs"
_SENTINEL = "const SIGNATURE = null; // @coach:signature (replaced by the generator)"


def generate(signature: Signature, code: str) -> Driver:
    """``driver.cjs`` runs ``solution.js`` as a classic script and calls the function by name."""
    driver = runtime_source("javascript_driver.cjs")
    if _SENTINEL not in driver:
        raise RuntimeError("javascript_driver.cjs lost its signature sentinel")
    # The signature JSON is a valid JS expression; re-dumping it escapes U+2028/9 safely.
    literal = json.dumps(json.loads(signature_json(signature)))
    driver = driver.replace(_SENTINEL, f"const SIGNATURE = {literal};")
    code = normalize(code)
    return Driver(
        files={CANDIDATE_FILE: code, DRIVER_FILE: driver},
        candidate_file=CANDIDATE_FILE,
        line_offset=0,
        extra={"candidate_lines": str(count_lines(code))},
    )
