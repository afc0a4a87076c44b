"""Inputs for timing: the doubling ladder of sizes and the generated cases, cached.

The ladder doubles up to ``size_params.max`` and may continue past it (``extension``) when a
fast solution is still too quick to time there; generators are not obliged to work beyond
their constraints, so a size whose generation fails simply ends the ladder.

A series measures growth only if input ``j`` has the same *kind* (random, sorted, adversarial,
few distinct values ...) at every size. Input ``j`` of every size comes from the same seed, so
a generator that picks its kind first picks the same one at every size — unless the choice
depends on ``n`` (tests want worst cases at ``max`` and variety below it). A generator whose
kinds change with ``n`` defines ``timing(n, rng)``: one input of the same worst-case shape at
every ``n``, which the judge then uses instead of ``generate``. The fit still refuses a series
that runs faster at a larger size (``fit.implausible``).

``generator.py`` runs in this process, as the test builder runs it: the bundled bank is trusted
code, and a user pack is code its owner chose to install (see ``problems/FORMAT.md``). Candidate
code never runs here.
"""

from __future__ import annotations

import math
import random
import threading
from collections import OrderedDict
from types import ModuleType
from typing import Any

from coach_engine.problems import Problem
from coach_engine.problems.build import case_size

MAX_VALUES = 1_500_000
"""Largest input (in values, as the builder counts them) the judge generates: bigger inputs
cost more to generate and parse than they teach."""

_CACHE: OrderedDict[tuple[str, int, int], list[Any] | None] = OrderedDict()
_GENERATORS: dict[str, ModuleType] = {}
_CACHE_VALUES = 1_000_000  # about 40 MB of python ints: enough for one problem's ladder
_lock = threading.Lock()
_cached_values = 0


def ladder(problem: Problem, smallest: int = 4) -> list[int]:
    """Sizes ``max / 2^k`` from about ``smallest`` up to ``max``, never below
    ``size_params.min`` (the measure run may go past ``max``: see ``plan.py``)."""
    sp = problem.size_params
    low = max(sp.min, 1, min(smallest, sp.max))
    sizes = {sp.max}
    n = sp.max
    while n // 2 >= low:
        n //= 2
        sizes.add(n)
    return sorted(s for s in sizes if s >= low)


def case(problem: Problem, n: int, j: int) -> list[Any] | None:
    """Input ``j`` at size ``n`` (None when the generator cannot make it or it is too big).

    Generated once per process: the bench and the labelled-set tests judge many solutions of
    one problem, and generation of the largest sizes costs as much as running them.
    """
    global _cached_values
    key = (str(problem.root), n, j)
    with _lock:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    args: list[Any] | None
    try:
        gen = _GENERATORS.get(key[0])
        if gen is None:
            gen = _GENERATORS[key[0]] = problem.generator()
        make = getattr(gen, "timing", None) or gen.generate
        args = make(n, random.Random(f"coach-judge:{problem.slug}:{j}"))
        if not isinstance(args, list) or case_size(args) > MAX_VALUES:
            args = None
        elif n > problem.size_params.max and not _scales(problem, n, j, args):
            args = None  # the generator clamps to its constraints: not a bigger input
    except Exception:  # noqa: BLE001 - a generator past its constraints may fail any way
        args = None
    size = case_size(args) if args is not None else 0
    with _lock:
        _CACHE[key] = args
        _cached_values += size
        while _cached_values > _CACHE_VALUES and len(_CACHE) > 1:
            _, old = _CACHE.popitem(last=False)
            _cached_values -= case_size(old) if old is not None else 0
    return args


def _scales(problem: Problem, n: int, j: int, args: list[Any]) -> bool:
    top = case(problem, problem.size_params.max, j)
    if top is None:
        return False
    dim = dimension(problem)
    expected = case_size(top) * (n / problem.size_params.max) ** dim
    return dim == 0 or case_size(args) >= 0.7 * expected


def dimension(problem: Problem) -> int:
    """How the input grows with ``n``: 0 (scalars only), 1 (arrays, strings) or 2 (grids),
    measured on the generator between two sizes rather than guessed from the signature."""
    sp = problem.size_params
    lo = max(sp.min, 1, min(16, sp.max // 4))
    hi = min(sp.max, lo * 4)
    if hi <= lo:
        return 1
    a, b = case(problem, lo, 0), case(problem, hi, 0)
    if a is None or b is None:
        return 1
    sa, sb = case_size(a), case_size(b)
    if sa <= 0 or sb <= 0:
        return 1
    growth = math.log(sb / sa) / math.log(hi / lo)
    return 0 if growth < 0.4 else 2 if growth > 1.6 else 1


def scalar_index(problem: Problem) -> int | None:
    """For a problem whose size is a number (``amount``, ``n``): which argument carries it."""
    sp = problem.size_params
    probes = [n for n in (sp.max, max(sp.min, 1, sp.max // 4)) if n > 1]
    found: set[int] | None = None
    for n in probes:
        args = case(problem, n, 0)
        if args is None:
            return None
        hits = {i for i, a in enumerate(args) if type(a) is int and a == n}
        found = hits if found is None else found & hits
    return min(found) if found else None
