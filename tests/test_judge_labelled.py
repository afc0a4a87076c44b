"""The labelled set: hand-written solutions with known complexity, judged in the real sandbox.

``tests/fixtures/judge_labelled/manifest.json`` lists every solution with its category
(optimal, suboptimal, brute, wrong, crashing) and, for the correct ones, its true time class.
The judge must name the right class for every correct solution (exact counts: one miss fails),
pass every optimal one, never compare a wrong answer with the optimal approach, and on every
problem its scores must rank optimal > suboptimal > brute force > wrong (crashing counts as
wrong). Each solution gets a small budget so the whole set runs in about a minute or two.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from coach_engine.judge import classes as C, judge
from coach_engine.judge.complexity import class_of
from coach_engine.problems import ProblemBank
from sandbox.runner import run
from sandbox.spec import EXTENSIONS

ROOT = Path(__file__).parent / "fixtures" / "judge_labelled"
MANIFEST = json.loads((ROOT / "manifest.json").read_text())["solutions"]
BUDGET_S = 3.0
TIERS = {"optimal": 0, "suboptimal": 1, "brute": 2, "wrong": 3, "crashing": 3}


def test_the_set_covers_languages_problems_and_categories() -> None:
    languages = {EXTENSIONS[Path(e["file"]).suffix] for e in MANIFEST}
    assert len(MANIFEST) >= 40
    assert languages == {"python", "javascript", "java", "cpp", "go"}
    assert len({e["problem"] for e in MANIFEST}) >= 10
    assert {e["category"] for e in MANIFEST} == set(TIERS)
    for e in MANIFEST:
        assert (ROOT / e["problem"] / e["file"]).is_file()
        assert (e["time"] is None) == (e["category"] in ("wrong", "crashing")), e
        assert e["time"] is None or C.parse(e["time"]) is not None, e


@pytest.fixture(scope="module")
def judged(
    tmp_path_factory: pytest.TempPathFactory, shared_build_cache: Path
) -> Iterator[list[dict[str, Any]]]:
    # module-scoped, so the per-test COACH_HOME of conftest is not set yet: use a private one;
    # the run's build cache (a private one built Go's standard library and the C++ header again)
    home = tmp_path_factory.mktemp("judge-home")
    runner = partial(run, cache_dir=shared_build_cache)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACH_HOME", str(home))
        yield _judge_all(runner)


def _judge_all(runner: Any) -> list[dict[str, Any]]:
    bank = ProblemBank()
    out = []
    for e in MANIFEST:
        path = ROOT / e["problem"] / e["file"]
        fb = asyncio.run(judge(bank.get(e["problem"]), path.read_text(),
                               EXTENSIONS[path.suffix], budget_s=BUDGET_S,
                               runner=runner))  # fmt: skip
        out.append({**e, "score": fb.overall_score, "got": fb.complexity.time.big_o,
                    "class": class_of(fb.complexity.time), "verdict": fb.correctness.verdict,
                    "agreement": fb.complexity.time.agreement, "passed": fb.passed,
                    "versus": fb.complexity.time.versus_optimal})  # fmt: skip
    print("\n" + "\n".join(
        f"{r['problem']:32} {r['file']:16} {r['category']:10} {str(r['time']):11} "
        f"{str(r['got']):12} {r['agreement']:14} {r['verdict']:4} {r['score']:3}" for r in out
    ))  # fmt: skip
    return out


@pytest.mark.slow
def test_time_class_matches_the_label_for_every_correct_solution(judged) -> None:
    correct = [r for r in judged if r["time"] is not None]
    right = [
        r
        for r in correct
        if r["class"] is not None and C.rank(r["class"]) == C.rank(C.parse(r["time"]))
    ]
    misses = [(r["problem"], r["file"], r["time"], r["got"]) for r in correct if r not in right]
    assert (len(right), len(correct)) == (35, 35), misses


@pytest.mark.slow
def test_every_optimal_solution_passes_and_no_wrong_one_is_compared(judged) -> None:
    optimal = [r for r in judged if r["category"] == "optimal"]
    assert [r["file"] for r in optimal if not r["passed"] or r["verdict"] != "AC"] == []
    assert len(optimal) == 22
    wrong = [r for r in judged if r["category"] in ("wrong", "crashing")]
    assert [(r["problem"], r["file"]) for r in wrong if r["versus"] != "unknown"] == []
    assert len(wrong) == 15


@pytest.mark.slow
def test_scores_rank_optimal_suboptimal_brute_wrong_on_every_problem(judged) -> None:
    by_problem: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in judged:
        by_problem[r["problem"]][TIERS[r["category"]]].append(r["score"])
    broken = []
    for problem, tiers in by_problem.items():
        present = sorted(tiers)
        for better, worse in zip(present, present[1:], strict=False):
            if min(tiers[better]) <= max(tiers[worse]):
                broken.append((problem, better, tiers[better], worse, tiers[worse]))
    assert not broken, broken
