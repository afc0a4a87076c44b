"""The sandbox's public data shapes: what a run asks for and what it returns.

Everything that crosses the sandbox boundary is one of these pydantic models, so the engine, the CLI
and the future server all speak the same shapes (PRODUCT.md §3, §4).

Type grammar of a signature (LeetCode's vocabulary)::

    scalar   := int | long | double | bool | string | char
    type     := scalar | scalar[] | scalar[][] | ListNode | TreeNode | void

JSON encoding of values in tests (the wire format between host and drivers):

    int, long, double -> JSON number      bool -> true/false      string -> JSON string
    char              -> one-character JSON string               T[] / T[][] -> JSON arrays
    ListNode          -> JSON array of ints, [] for null          e.g. [1,2,3]
    TreeNode          -> LeetCode level order with null gaps, trailing nulls trimmed, [] for null
                         e.g. [3,9,20,null,null,15,7]

Driver protocol (host <-> generated per-language driver, see ``sandbox/harness``):

* The job directory (mounted read-only at the sandbox's working directory) holds the
  candidate's code wrapped by the driver. The cases arrive on stdin, one per line
  (``[arg0, arg1, ...]``, arguments only), fed by the supervisor one at a time: case ``i`` is
  written only after the result line of case ``i-1`` (case 0 after the ready line), and stdin
  ends after the last result. Expected outputs never enter the sandbox, and no input enters it
  before the previous test's CPU time has been read.
* Before any of the candidate's code can run the driver writes ``{"ready":true}`` as the first
  line on file descriptor 3: all CPU time from here on is charged to the tests. (Go and C++
  write it first thing in ``main``: candidate code runs before ``main`` there; Python,
  JavaScript and Java just before loading the candidate's code.)
* The driver runs every case in order in one process. Before case ``i`` it flushes the candidate's
  stdout and writes the marker line ``CASE_MARKER.format(i)`` to stdout, so the host can attribute
  printed output to a case.
* After each case it writes one JSON line to file descriptor 3 and flushes it::

      {"i": 0, "ok": true, "out": <encoded return value or in-place argument>,
       "cpu_us": 123, "wall_us": 130}
      {"i": 1, "ok": false, "error": "IndexError: list index out of range", "line": 7,
       "cpu_us": 12, "wall_us": 15}

  ``line`` (optional) is the candidate-code line of the innermost frame, 1-based, when known.
  ``cpu_us`` is the driver's own timing of the call: a claim, since the candidate's code runs in
  the same process. Verdicts use the supervisor's measurement (``sandbox.runner``); the lines
  are parsed as hostile input (``sandbox.protocol``).
* The program may start threads but no process (the supervisor's seccomp filter).
* A case that never produces its line (crash, kill, limit) is judged by the host from the exit
  status; the host then starts a fresh process for the remaining cases.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

CASE_MARKER = "\x1e__COACH_CASE__ {}"
"""Line the driver writes to stdout before each case (formatted with the case index)."""

SCALARS = ("int", "long", "double", "bool", "string", "char")
_TYPE_RE = re.compile(r"^(int|long|double|bool|string|char)(\[\]){0,2}$|^(ListNode|TreeNode|void)$")

Language = Literal["python", "javascript", "java", "cpp", "go"]
LANGUAGES: tuple[Language, ...] = ("python", "javascript", "java", "cpp", "go")
EXTENSIONS: dict[str, Language] = {
    ".py": "python",
    ".js": "javascript",
    ".java": "java",
    ".cpp": "cpp",
    ".cc": "cpp",
    ".cxx": "cpp",
    ".go": "go",
}


def validate_type(name: str) -> str:
    """Return ``name`` if it is a type of the signature grammar, else raise ``ValueError``."""
    if not _TYPE_RE.match(name):
        raise ValueError(
            f"unknown type {name!r}: use one of {', '.join(SCALARS)}, an array of them "
            "(int[], char[][]), ListNode, TreeNode or void"
        )
    return name


class Param(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    type: str

    @field_validator("type")
    @classmethod
    def _known_type(cls, v: str) -> str:
        return validate_type(v)


class Signature(BaseModel):
    """A LeetCode-style function signature.

    ``function`` is the camelCase method name (``twoSum``). When ``returns`` is ``void`` the
    solution modifies an argument in place; ``inplace`` names that parameter and its final value
    is the output.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    function: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    params: tuple[Param, ...]
    returns: str
    inplace: str | None = None

    @field_validator("returns")
    @classmethod
    def _known_type(cls, v: str) -> str:
        return validate_type(v)

    def output_type(self) -> str:
        """The type of the value the driver reports as ``out``."""
        if self.returns != "void":
            return self.returns
        for p in self.params:
            if p.name == self.inplace:
                return p.type
        raise ValueError(f"signature {self.function}: void return needs `inplace` naming a param")


class Compare(StrEnum):
    EXACT = "exact"
    UNORDERED = "unordered"  # top-level list order does not matter (inner lists sorted too)
    FLOAT = "float"  # numbers compare with an absolute/relative tolerance


class TestCase(BaseModel):
    __test__ = False  # not a pytest test class

    model_config = ConfigDict(extra="forbid")

    args: list[Any]
    expected: Any = None
    hidden: bool = False


class Limits(BaseModel):
    """Per-run resource limits. Time is judged on CPU time; wall time is the backstop."""

    model_config = ConfigDict(extra="forbid")

    time_ms: int = Field(2000, ge=10, le=60_000, description="CPU time allowed per test")
    total_time_ms: int = Field(20_000, ge=100, le=600_000, description="CPU time for the run")
    memory_mb: int = Field(256, ge=32, le=4096, description="memory for the candidate's process")
    output_kb: int = Field(1024, ge=1, le=65_536, description="stdout+stderr cap for the run")
    processes: int = Field(64, ge=1, le=1024, description="processes/threads the code may start")


class RunRequest(BaseModel):
    """Everything the sandbox needs to judge one piece of code on a list of tests."""

    model_config = ConfigDict(extra="forbid")

    language: Language
    code: str
    signature: Signature
    tests: list[TestCase]
    compare: Compare = Compare.EXACT
    tolerance: float = 1e-5
    limits: Limits = Field(default_factory=Limits)


class Verdict(StrEnum):
    AC = "AC"
    WA = "WA"
    TLE = "TLE"
    MLE = "MLE"
    RE = "RE"
    CE = "CE"
    OLE = "OLE"


class TestResult(BaseModel):
    """One test's outcome, in the PRODUCT.md §4 shape.

    ``time_ms`` is the CPU time the sandbox's supervisor measured for the test (all threads,
    from the previous result line to this one): the time limit applies to it. ``call_ms`` is the
    solution's call alone as the driver timed it, where that measurement bears it out (else
    ``time_ms``); the judge's complexity timing uses it. Values longer than 8 KiB of JSON
    (``input``, ``expected``, ``actual``) are shown as a truncated string.
    """

    __test__ = False  # not a pytest test class

    index: int
    hidden: bool = False
    verdict: Verdict
    time_ms: float = 0.0
    call_ms: float = 0.0
    memory_kb: int = 0
    input: Any = None
    expected: Any = None
    actual: Any = None
    stdout: str = ""
    stderr: str = ""


class RunResult(BaseModel):
    """A whole run, in the PRODUCT.md §4 shape (``problem`` is filled in by the caller)."""

    problem: str = ""
    language: Language
    verdict: Verdict
    passed: int
    total: int
    compile_ms: float = 0.0
    compile_cached: bool = False
    compile_output: str = ""
    tests: list[TestResult] = Field(default_factory=list)
