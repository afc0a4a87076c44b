"""Driver generation: wrap a candidate's LeetCode-style code so it runs every test case.

One module per language (``python``, ``javascript``, ``java``, ``cpp``, ``go``) exposes
``generate(signature, code) -> Driver``; the static parts of each driver live in ``runtime/``.
Every driver follows the protocol in ``sandbox/spec.py``: it reads the cases from stdin, one
JSON array of arguments per line (fed one at a time, each after the previous result line),
writes ``CASE_MARKER`` to stdout (after flushing the candidate's output) before each case and
one JSON result line per case to fd 3. The marker may follow output that did not end
in a newline, so split stdout on the marker itself, not on line starts.

Values beyond ``sandbox.spec``'s encoding, the same in every language:

* doubles that are not finite are the strings ``"NaN"``, ``"Infinity"``, ``"-Infinity"`` (as
  output, and accepted as input); finite ones are the shortest text that reads back exactly;
* a null ``ListNode``/``TreeNode`` result is ``[]``; a cyclic one is an error
  (``Found cycle in the ListNode``), not a hang; a null array result is ``null``, except in Go,
  where a nil slice is ``[]`` (LeetCode prints it so);
* strings are valid UTF-8 JSON: invalid bytes from C++ or Go become U+FFFD.

``cpu_us`` is process CPU time around the call, except in Java, where it is the solution
thread's CPU time (JIT and GC threads excluded). A ``line`` is reported for exceptions in
Python, JavaScript, Java and Go; C++ exceptions carry none.

``HARNESS_VERSION`` changes whenever generated code changes, for compile-cache keys.
"""

from __future__ import annotations

from importlib import resources

# 2: per-case CPU time from the thread clock (process clock ticks at 4 ms under RLIMIT_CPU)
# 3: a ready line on fd 3 before the candidate's code can run (the supervisor charges CPU from
#    there); 4: Python and JavaScript write it after reading cases.json; 5: cases read from stdin,
#    one line each, fed one at a time by the supervisor (no cases.json)
HARNESS_VERSION = "5"


def runtime_source(name: str) -> str:
    """The text of a static driver file in ``sandbox/harness/runtime``."""
    return (resources.files(__package__) / "runtime" / name).read_text(encoding="utf-8")
