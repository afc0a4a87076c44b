"""Compare a test's actual output with the expected one, on the host (PRODUCT.md §3).

Values are the JSON the drivers emit (``sandbox.spec``'s wire format). Three modes:

* ``exact``: same structure and values. Numbers compare by value (``2 == 2.0``: a driver may
  print a ``double`` as ``2.0`` where the problem file says ``2``), but a bool never equals a
  number and a string never equals a one-element list.
* ``unordered``: the top-level list's order does not matter, and neither does the order inside
  nested lists (``[[1,2],[3]]`` equals ``[[3],[2,1]]``), as for "return all triplets in any order".
  Lists are put into a canonical order before an exact comparison.
* ``float``: like exact, but numbers match within ``tolerance``, absolute or relative.
"""

from __future__ import annotations

import json
import math
from typing import Any

from sandbox.spec import Compare


def equal(
    actual: Any, expected: Any, mode: Compare | str = Compare.EXACT, tolerance: float = 1e-5
) -> bool:
    """True when ``actual`` matches ``expected`` under ``mode``.

    Args:
        actual: the value the driver reported.
        expected: the test's expected value.
        mode: ``exact``, ``unordered`` or ``float``.
        tolerance: absolute and relative tolerance for ``float``.

    Returns:
        Whether the test passes on output.
    """
    mode = Compare(mode)
    if mode is Compare.UNORDERED:
        return _same(_canonical(actual), _canonical(expected), None)
    return _same(actual, expected, tolerance if mode is Compare.FLOAT else None)


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _same(a: Any, b: Any, tol: float | None) -> bool:
    if _is_number(a) and _is_number(b):
        if tol is None or (isinstance(a, int) and isinstance(b, int)):
            return bool(a == b)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=tol, abs_tol=tol)
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y, tol) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k], tol) for k in a)
    return type(a) is type(b) and a == b


def _canonical(v: Any) -> Any:
    """Sort every list (recursively) by a stable key, so order stops mattering."""
    if isinstance(v, list):
        items = [_canonical(x) for x in v]
        return sorted(items, key=_sort_key)
    return v


def _sort_key(v: Any) -> str:
    return json.dumps(_numbers_as_float(v), sort_keys=True, default=str)


def _numbers_as_float(v: Any) -> Any:
    if _is_number(v):
        return float(v)  # 2 and 2.0 sort together, as they compare equal
    if isinstance(v, list):
        return [_numbers_as_float(x) for x in v]
    return v
