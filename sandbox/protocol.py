"""The result channel (fd 3) read as what it is: bytes written by a process running hostile code.

The driver's lines (``sandbox.spec``) share a process with the candidate's code, which can write
anything into them. So nothing here trusts a line: every byte sequence parses to a ``Line`` or a
``Violation`` (the runner's RE "result protocol violated"), never an exception; sizes and nesting
are checked on the raw bytes before anything is decoded; the output value is kept as raw JSON
and decoded only when it has to be compared, within a size bound set by the expected value; and
the driver's ``cpu_us`` is a claim, never a verdict (the supervisor's measurement is).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

READY = b'{"ready":true}'
"""The driver's first line, written before it reads the cases: CPU from here on is the tests'."""

MAX_DEPTH = 4  # the record's object + an output of type T[][] (3) + one spare level
RECORD_BYTES = 64 << 10  # a line that is not an "ok" line (errors) is small
SHOW_BYTES = 8 << 10  # values longer than this as JSON are shown truncated

_OK = re.compile(
    rb'\{"i":(\d{1,9}),"ok":true,"out":(.*),"cpu_us":(\d{1,15}),"wall_us":(\d{1,15})\}', re.DOTALL
)
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_PAIRS = (b"[]", b"{}", b"[}", b"{]")
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


class Violation(Exception):
    """A line (or a value in it) that the protocol does not allow; the message says what."""


@dataclass
class Line:
    """One result line, checked. ``out_raw`` is the output value's JSON text, not decoded."""

    index: int
    ok: bool
    out_raw: bytes = b""
    error: str = ""
    line_no: int | None = None
    claimed_cpu_us: int = 0


def parse(raw: bytes, expected_index: int) -> Line:
    """Check one result line (without its newline).

    Raises:
        Violation: the line is not a result line for test ``expected_index``.
    """
    m = _OK.fullmatch(raw)
    if m is not None:
        index = int(m.group(1))
        if index != expected_index:
            raise Violation(f"result for test {index} where test {expected_index} was due")
        check_depth(m.group(2), MAX_DEPTH - 1)
        return Line(index, True, out_raw=m.group(2), claimed_cpu_us=int(m.group(3)))
    if len(raw) > RECORD_BYTES:
        raise Violation(f"a result line of {len(raw)} bytes that is not an output record")
    obj = _loads(raw, MAX_DEPTH)
    if not isinstance(obj, dict):
        raise Violation("a result line that is not a JSON object")
    got, ok = obj.get("i"), obj.get("ok")
    if not _is_int(got) or got != expected_index:
        raise Violation(f"result for test {str(got)[:20]} where test {expected_index} was due")
    if not isinstance(ok, bool):
        raise Violation('"ok" is not true or false')
    cpu = obj.get("cpu_us", 0)
    if not _is_int(cpu) or cpu < 0:
        raise Violation('"cpu_us" is not a whole number of microseconds')
    if ok:
        if "out" not in obj:
            raise Violation('an "ok" result without "out"')
        out = json.dumps(obj["out"], separators=(",", ":"), allow_nan=False).encode()
        return Line(expected_index, True, out_raw=out, claimed_cpu_us=cpu)
    error, at = obj.get("error", "error"), obj.get("line")
    if not isinstance(error, str):
        raise Violation('"error" is not a string')
    if at is not None and not _is_int(at):
        raise Violation('"line" is not a line number')
    return Line(expected_index, False, error=error or "error", line_no=at,
                claimed_cpu_us=cpu)  # fmt: skip


def decode_value(raw: bytes, max_bytes: int) -> Any:
    """The output value of a line, decoded, when it is at most ``max_bytes`` long.

    Raises:
        Violation: not JSON, nested too deep, a non-finite or oversized number.
        OverflowError: longer than ``max_bytes`` (the caller decides what that means).
    """
    if len(raw) > max_bytes:
        raise OverflowError(len(raw))
    return _loads(raw, MAX_DEPTH - 1)


def check_depth(raw: bytes, limit: int) -> None:
    """Raise ``Violation`` when ``raw`` nests arrays/objects deeper than ``limit`` (or does not
    balance them); linear, in C: strip strings, keep brackets, peel innermost pairs ``limit``
    times."""
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    for _ in range(limit):
        if not brackets:
            return
        for pair in _PAIRS:
            brackets = brackets.replace(pair, b"")
    if brackets:
        raise Violation(f"a value nested deeper than {limit} levels (or unbalanced)")


def _loads(raw: bytes, depth: int) -> Any:
    check_depth(raw, depth)
    try:
        value = json.loads(raw, parse_constant=_no_constant, parse_float=_finite)
    except Violation:
        raise
    except (ValueError, RecursionError, MemoryError, UnicodeDecodeError) as e:
        raise Violation(f"not valid JSON ({type(e).__name__})") from None
    if _SURROGATE.search(raw) and not _encodable(value):
        raise Violation("a string with a lone UTF-16 surrogate")
    return value


def _encodable(value: Any) -> bool:
    """Every string in ``value`` (nested at most ``MAX_DEPTH``) is valid Unicode."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, list):
        return all(_encodable(v) for v in value)
    if isinstance(value, dict):
        return all(_encodable(k) and _encodable(v) for k, v in value.items())
    return True


def _no_constant(name: str) -> Any:
    raise Violation(f"{name} is not JSON (drivers write non-finite doubles as strings)")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise Violation(f"the number {text[:20]} does not fit a double")
    return value


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def shown(value: Any, text: str | None = None) -> Any:
    """``value`` itself when its JSON (``text``, if the caller has it) is short, else a string
    with the head of that JSON and a cut marker."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if text is None:
        try:
            text = json.dumps(value, separators=(",", ":"))
        except (TypeError, ValueError, RecursionError):
            return "[a value that cannot be shown]"
    if len(text) <= SHOW_BYTES:
        return value
    return f"{text[:SHOW_BYTES]}… [{len(text) - SHOW_BYTES} more bytes not shown]"


def shown_raw(raw: bytes) -> Any:
    """A line's output for display: decoded when short, truncated text otherwise."""
    if len(raw) <= SHOW_BYTES:
        try:
            return _loads(raw, MAX_DEPTH - 1)
        except Violation:
            pass
    head = raw[:SHOW_BYTES].decode("utf-8", errors="replace")
    cut = len(raw) - min(len(raw), SHOW_BYTES)
    return f"{head}… [{cut} more bytes not shown]" if cut else head
