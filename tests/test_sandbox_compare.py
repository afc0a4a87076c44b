"""Output comparison on the host: exact, unordered, float."""

from __future__ import annotations

import math
from typing import Any

import pytest

from sandbox.compare import equal
from sandbox.spec import Compare


@pytest.mark.parametrize(
    ("actual", "expected", "same"),
    [
        ([0, 1], [0, 1], True),
        ([1, 0], [0, 1], False),
        (2.0, 2, True),  # a double printed as 2.0 where the problem file says 2
        (True, 1, False),  # but a bool is never a number
        (False, 0, False),
        ("a", ["a"], False),
        (None, [], False),
        (None, None, True),
        ([[1, 2], [3]], [[1, 2], [3]], True),
        ("abc", "abd", False),
        (0.1 + 0.2, 0.3, False),  # exact means exact
    ],
)
def test_exact(actual: Any, expected: Any, same: bool) -> None:
    assert equal(actual, expected, Compare.EXACT) is same


@pytest.mark.parametrize(
    ("actual", "expected", "same"),
    [
        ([[-1, 0, 1], [-1, -1, 2]], [[-1, -1, 2], [-1, 0, 1]], True),
        ([[1, 0, -1], [2, -1, -1]], [[-1, -1, 2], [-1, 0, 1]], True),  # inner order too
        ([["eat", "tea"], ["nat"]], [["nat"], ["tea", "eat"]], True),
        ([1, 2, 2], [2, 1, 2], True),
        ([1, 2, 2], [1, 1, 2], False),  # multiplicity matters
        ([1, 2], [1, 2, 3], False),
        ([[1, 2.0]], [[2, 1]], True),
        ([True], [1], False),
    ],
)
def test_unordered(actual: Any, expected: Any, same: bool) -> None:
    assert equal(actual, expected, Compare.UNORDERED) is same


@pytest.mark.parametrize(
    ("actual", "expected", "same"),
    [
        (0.1 + 0.2, 0.3, True),
        (2.00001, 2.0, True),
        (2.001, 2.0, False),
        (1e9 + 1, 1e9, True),  # relative tolerance for large values
        ([1.000001, 2.0], [1.0, 2.0], True),
        ([1.1, 2.0], [1.0, 2.0], False),
        (math.nan, math.nan, True),
        (math.inf, math.inf, True),
        (math.inf, -math.inf, False),
        ("Infinity", "Infinity", True),  # drivers send non-finite doubles as strings
        (3, 3, True),
    ],
)
def test_float_tolerance(actual: Any, expected: Any, same: bool) -> None:
    assert equal(actual, expected, Compare.FLOAT, 1e-5) is same


def test_float_tolerance_is_configurable() -> None:
    assert not equal(2.05, 2.0, "float", 1e-3)
    assert equal(2.05, 2.0, "float", 0.1)
