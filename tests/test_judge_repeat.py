"""The same code judged twice gets the same class and the same agreement label (issue 11, item 11).

Sources of difference between two judgements, and what holds them still:

* inputs: every timing input is generated from a seed of (problem, input index), never from
  the clock or a global generator (checked here for every bank problem);
* timing noise near a class boundary: log factors are the static analysis' call (the tie rule)
  and a measurement overrules the code only by a wide margin (``complexity.RULED_OUT``), so
  noise that moves the fit between n and n log n changes neither class nor label (checked on
  synthetic series with many noise draws);
* the budget: a compile is not charged to it (a first judgement would otherwise time less than
  the next, cached one) and the timing series always gets a share of it (a loaded machine
  slows the tests down and would squeeze the series out);
* end to end, in the real sandbox: a few solutions judged twice each, the first time with a
  cold build cache (``slow``).
"""

from __future__ import annotations

import asyncio
import math
import random
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from coach_engine.judge import classes as C, judge, sizes
from coach_engine.judge.complexity import time_verdict
from coach_engine.judge.empirical import Measurement, report_for
from coach_engine.judge.models import StaticComplexity
from coach_engine.judge.plan import INPUTS
from coach_engine.judge.timing import Sample
from coach_engine.problems import ProblemBank
from sandbox.runner import run
from sandbox.spec import EXTENSIONS

BANK = ProblemBank()
LABELLED = Path(__file__).parent / "fixtures" / "judge_labelled"
SIZES = (2500, 5000, 10000, 20000, 40000)


def judged_series(f: Callable[[int], float], noise: float, seed: int) -> Measurement:
    rng = random.Random(seed)
    samples = [
        Sample(n, j, f(n) * math.exp(rng.gauss(0, noise)), "ok")
        for n in SIZES
        for j in range(INPUTS)
    ]
    return report_for(samples, samples, False, "cpp", 1)


@pytest.mark.parametrize("slug", BANK.slugs())
def test_timing_inputs_are_the_same_every_time(slug: str) -> None:
    problem = BANK.get(slug)
    for n in sizes.ladder(problem)[-3:]:
        first = sizes.case(problem, n, 1)
        sizes._CACHE.clear()  # generate again, as another process would
        assert sizes.case(problem, n, 1) == first, (slug, n)


@pytest.mark.parametrize("static", [C.LINEAR, C.N_LOG_N])
def test_noise_between_n_and_n_log_n_changes_neither_class_nor_label(static: str) -> None:
    """Growth halfway between n and n log n: the fit's best model flips with the noise, the
    verdict does not."""
    two_sum = BANK.get("two-sum")
    code = StaticComplexity(big_o=static, confidence="high")
    half_log = lambda n: 1e-3 * n * math.sqrt(math.log2(n))  # noqa: E731
    fits, verdicts = set(), set()
    for seed in range(30):
        measured = judged_series(half_log, noise=0.15, seed=seed)
        assert measured.fit is not None and measured.fit.best is not None
        fits.add(measured.fit.best.big_o)
        v = time_verdict(two_sum, measured, code)
        verdicts.add((v.big_o, v.agreement))
    assert fits == {C.LINEAR, C.N_LOG_N}  # the boundary is really crossed
    assert verdicts == {(static, "agree")}


def test_a_real_contradiction_is_reported_the_same_way_every_time() -> None:
    two_sum = BANK.get("two-sum")
    code = StaticComplexity(big_o=C.LINEAR, confidence="high")
    verdicts = set()
    for seed in range(30):
        measured = judged_series(lambda n: 1e-6 * n * n, noise=0.15, seed=seed)
        v = time_verdict(two_sum, measured, code)
        verdicts.add((v.big_o, v.agreement, v.confidence))
    assert verdicts == {(C.QUADRATIC, "disagree", "low")}


# ns per node of a recursive JavaScript tree walk (maximum-depth-of-binary-tree/doocs-5.js) on
# the generator's trees, outside the sandbox on the build machine (L2 1 MiB a core): flat while
# the tree fits in L2, then stepping up as it leaves it. Judged twice in the sandbox it fitted
# O(n√n) at slope 1.4 ("agree") and at slope 1.66 ("disagree", O(n√n) reported).
TREE_WALK_NS = {2500: 18.0, 5000: 17.8, 10000: 18.9, 20000: 34.3, 40000: 43.6, 80000: 40.2}


@pytest.mark.parametrize("top", [40000, 80000])
def test_a_series_bent_by_a_cache_boundary_keeps_the_codes_class(top: int) -> None:
    tree = BANK.get("maximum-depth-of-binary-tree")
    code = StaticComplexity(big_o=C.LINEAR, confidence="high")
    verdicts, fits = set(), set()
    for seed in range(40):
        rng = random.Random(seed)
        samples = [
            Sample(n, j, ns * n * 1e-6 * math.exp(rng.gauss(0, 0.1)), "ok")
            for n, ns in TREE_WALK_NS.items()
            if n <= top
            for j in range(INPUTS)
        ]
        measured = report_for(samples, samples, False, "javascript", 1)
        assert measured.fit is not None and measured.fit.best is not None
        fits.add(measured.fit.best.big_o)
        v = time_verdict(tree, measured, code, language="javascript")
        verdicts.add((v.big_o, v.agreement))
    assert C.N_SQRT_N in fits  # the bend is there
    assert verdicts == {(C.LINEAR, "agree")}


def test_the_two_sandbox_judgements_of_the_tree_walk_agree() -> None:
    """The series of the first sandbox judgement (5,000..40,000 nodes), and one as steep as the
    second's slope of 1.66: both are the static O(n), agreed, at no more than medium."""
    tree = BANK.get("maximum-depth-of-binary-tree")
    code = StaticComplexity(big_o=C.LINEAR, confidence="high")
    for ms in ((0.104, 0.245, 0.599, 1.94), (0.09, 0.2, 0.5, 2.6)):
        samples = [Sample(n, 0, t, "ok") for n, t in zip(SIZES[1:], ms, strict=True)]
        measured = report_for(samples, samples, False, "javascript", 1)
        v = time_verdict(tree, measured, code, language="javascript")
        assert (v.big_o, v.agreement, v.confidence) == (C.LINEAR, "agree", "medium"), v.how


def test_one_steep_step_does_not_overrule_the_code() -> None:
    """Flat per-element cost, then a rise of 6x in the last two doublings (a cache boundary, or
    the top sizes disturbed): the fit names O(n^2) at medium confidence, but the static O(n) is
    not ruled out by a series flat over its first half; growth that is steep all along is
    (above: the real contradiction)."""
    two_sum = BANK.get("two-sum")
    code = StaticComplexity(big_o=C.LINEAR, confidence="high")
    per_op = {2500: 1.0, 5000: 1.0, 10000: 1.0, 20000: 2.0, 40000: 6.0}
    samples = [Sample(n, 0, 1e-3 * n * k, "ok") for n, k in per_op.items()]
    measured = report_for(samples, samples, False, "cpp", 1)
    assert measured.fit is not None and measured.fit.best is not None
    assert (measured.fit.best.big_o, measured.fit.confidence) == (C.QUADRATIC, "medium")
    v = time_verdict(two_sum, measured, code)
    assert (v.big_o, v.agreement) == (C.LINEAR, "disagree"), v.how


REPEATED = [
    ("merge-intervals", "optimal.go"),  # n log n, the boundary with n; compiled on first use
    ("daily-temperatures", "brute.cpp"),  # too slow for the tests
    ("number-of-islands", "optimal.py"),  # a grid
]


@pytest.mark.slow
def test_the_same_code_judged_twice_gets_the_same_class_and_label(
    shared_build_cache: Path,
) -> None:
    # the run's build cache: a private one compiled Go's standard library again (~15 s of CPU)
    runner = partial(run, cache_dir=shared_build_cache)
    differ = []
    for slug, name in REPEATED:
        path = LABELLED / slug / name
        outcomes = []
        for _ in range(2):
            # the budget is wall time: on a busy 2-core machine 6 s (beside stress-ng), then
            # 15 s (a CI rehearsal at load 16) left the C++ brute force no series one time and
            # a fitted one the next; what this test holds is the rule's determinism, so the
            # budget does not bind (the series ends on its own size and time caps)
            fb = asyncio.run(judge(BANK.get(slug), path.read_text(), EXTENSIONS[path.suffix],
                                   budget_s=120.0, runner=runner))  # fmt: skip
            outcomes.append((fb.complexity.time.big_o, fb.complexity.time.agreement))
        if outcomes[0] != outcomes[1]:
            differ.append((slug, name, outcomes))
    assert not differ, differ
