"""The ``problem.toml`` format: one pydantic model per table, ``extra="forbid"`` everywhere.

A problem is a directory named after its slug::

    two-sum/
        problem.toml            this schema (statement, signature, hints, approaches, starters...)
        tests.json              {"visible": [TestCase...], "hidden": [TestCase...]} (built)
        generator.py            generate(n, rng) -> args; optional edge_cases() and check(args)
        solutions/reference.py  plus .js .java .cpp .go: correct, optimal, LeetCode-shaped
        solutions/brute.py      an independent brute force, used to cross-check small tests

The field docstrings below are the reference for people writing problem packs; see
``coach_engine/problems/FORMAT.md`` for a worked example.
"""

from __future__ import annotations

import json
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coach_engine.problems.leetcode import check_value
from sandbox.spec import Compare, Limits, Signature

Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[str, ...] = get_args(Difficulty)

Tag = Literal[
    "arrays-hashing",
    "two-pointers",
    "sliding-window",
    "stack",
    "binary-search",
    "linked-list",
    "trees",
    "heap",
    "intervals",
    "greedy",
    "backtracking",
    "graphs",
    "topological-sort",
    "dp-1d",
    "dp-2d",
    "bit-manipulation",
    "math",
    "strings",
    "sorting",
    "matrix",
]
TAGS: tuple[str, ...] = get_args(Tag)

_BIG_O = r"^O\(.+\)$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Example(_Model):
    """One worked example, shown to the candidate and turned into a visible test."""

    input: str = Field(min_length=1)
    """The arguments as LeetCode shows them: ``name = JSON`` per parameter, in signature order,
    separated by commas, e.g. ``nums = [2,7,11,15], target = 9`` or ``root = [3,9,20,null,7]``."""
    output: str = Field(min_length=1)
    """The expected output as JSON (``[0,1]``, ``true``, ``3``); it must match the reference
    solution's answer under the problem's ``compare`` mode."""
    explanation: str | None = None
    """Optional markdown explaining why the output is right."""


class Hints(_Model):
    """The hint ladder, from a gentle nudge to almost the answer. Each level is markdown."""

    nudge: str = Field(min_length=1)
    """Level 1: a question or observation that points in the right direction."""
    approach: str = Field(min_length=1)
    """Level 2: names the technique or data structure of the optimal approach."""
    near_solution: str = Field(min_length=1)
    """Level 3: the algorithm in prose, step by step, short of code."""


class Approach(_Model):
    """One way to solve the problem, from brute force to optimal."""

    name: str = Field(min_length=1)
    """Short name, e.g. ``Brute force`` or ``Hash map, one pass``."""
    summary: str = Field(min_length=1)
    """One or two sentences describing the idea."""
    time: str = Field(pattern=_BIG_O)
    """Time complexity as a big-O string, e.g. ``O(n^2)``, ``O(n log n)``, ``O(m*n)``."""
    space: str = Field(pattern=_BIG_O)
    """Extra space as a big-O string, e.g. ``O(1)``, ``O(n)``."""
    optimal: bool = False
    """True for exactly one approach: the one the reference solutions implement."""
    keywords: tuple[str, ...] = Field(min_length=1)
    """Lower-case words and phrases that identify this approach in a candidate's explanation
    (``hash map``, ``complement``), used by the offline interviewer to recognise it."""

    @field_validator("keywords")
    @classmethod
    def _lower(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if any(not k.strip() or k != k.lower() for k in v):
            raise ValueError("keywords must be non-empty and lower-case")
        return v


class Starter(_Model):
    """LeetCode's starter stub per language, verbatim (comments for ListNode/TreeNode included)."""

    python: str = Field(min_length=1)
    javascript: str = Field(min_length=1)
    java: str = Field(min_length=1)
    cpp: str = Field(min_length=1)
    go: str = Field(min_length=1)


class SizeParams(_Model):
    """How ``generator.py`` scales, and which generated tests the builder adds.

    ``generate(n, rng)`` must return one case's arguments (JSON-encoded) for input size ``n``;
    the judge calls it on growing ``n`` to time solutions, the builder for random tests.
    """

    n: str = Field(min_length=1)
    """What ``n`` measures, e.g. ``len(nums)``, ``number of nodes``, ``rows = cols``."""
    min: int = Field(ge=0)
    """Smallest ``n`` the constraints allow."""
    max: int = Field(ge=1)
    """Largest ``n`` the constraints allow; the max-size hidden tests use it."""
    random: tuple[int, ...] = Field(min_length=1)
    """``n`` of each random hidden test (one test per entry; repeat a value for more)."""
    max_tests: int = Field(3, ge=1)
    """How many hidden tests to generate at ``n = max`` (the bundled bank uses at least 3)."""
    brute_limit: int = Field(2000, ge=1)
    """Tests whose arguments hold at most this many values (list items, tree nodes, characters)
    are cross-checked against ``solutions/brute.py`` by the builder."""

    @model_validator(mode="after")
    def _ordered(self) -> SizeParams:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        bad = [n for n in self.random if not self.min <= n <= self.max]
        if bad:
            raise ValueError(f"random sizes {bad} are outside [min, max]")
        return self

    def timing_sizes(self, steps: int = 4) -> list[int]:
        """A doubling ladder ending at ``max`` (e.g. max/8, max/4, max/2, max) for timing."""
        sizes = {max(self.min, 1, self.max >> k) for k in range(steps)}
        return sorted(sizes)


class ProblemSpec(_Model):
    """Everything in ``problem.toml``."""

    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    """Kebab-case id, equal to the directory name (``two-sum``)."""
    title: str = Field(min_length=1)
    """Display title (``Two Sum``)."""
    difficulty: Difficulty
    """``easy``, ``medium`` or ``hard``."""
    tags: tuple[Tag, ...]
    """Topics from the fixed vocabulary (``TAGS``), most relevant first."""
    statement: str = Field(min_length=1)
    """The problem in markdown, in the bank's own words (never copied from another site)."""
    constraints: tuple[str, ...] = Field(min_length=1)
    """Input bounds, one per entry, e.g. ``2 <= nums.length <= 10^4``."""
    follow_up: str | None = None
    """Optional follow-up question for the interviewer to ask after a working solution."""
    examples: tuple[Example, ...] = Field(min_length=1)
    """Worked examples; each becomes a visible test, in order."""
    signature: Signature
    """The typed LeetCode signature: ``function``, ``params`` [{name, type}], ``returns`` and,
    for a ``void`` return, ``inplace`` naming the parameter whose final value is the output."""
    compare: Compare = Compare.EXACT
    """``exact``; ``unordered`` when the answer's top-level order does not matter (inner lists
    are compared sorted too); ``float`` to compare numbers with ``tolerance``."""
    tolerance: float = Field(1e-5, gt=0, le=1)
    """Absolute/relative tolerance for ``compare = "float"``."""
    limits: Limits = Field(default_factory=lambda: Limits.model_validate({}))
    """Per-test ``time_ms`` (CPU) and ``memory_mb``; other sandbox limits may be set too."""
    hints: Hints
    """The 3-level hint ladder."""
    approaches: tuple[Approach, ...] = Field(min_length=1)
    """Known approaches, brute force first, exactly one with ``optimal = true``."""
    starter_code: Starter = Field(alias="starter")
    """``[starter]``: LeetCode's starter code for each of the five languages."""
    size_params: SizeParams
    """Describes ``generator.py`` and the generated hidden tests."""

    @field_validator("tags")
    @classmethod
    def _unique_tags(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if not v:
            raise ValueError("give at least one tag")
        if len(set(v)) != len(v):
            raise ValueError("tags must not repeat")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> ProblemSpec:
        optimal = [a.name for a in self.approaches if a.optimal]
        if len(optimal) != 1:
            raise ValueError(f"exactly one approach must have optimal = true, found {optimal}")
        self.signature.output_type()  # a void return must name an `inplace` parameter
        for i, ex in enumerate(self.examples):
            try:
                parse_example(ex, self.signature)
            except ValueError as e:
                raise ValueError(f"examples[{i}]: {e}") from None
        return self


def parse_example_input(text: str, signature: Signature) -> list[Any]:
    """Parse ``nums = [2,7], target = 9`` into ``[[2,7], 9]`` following ``signature``.

    Raises:
        ValueError: the text does not list every parameter, in order, with a valid JSON value.
    """
    decoder = json.JSONDecoder()
    args: list[Any] = []
    pos = 0
    for i, p in enumerate(signature.params):
        head = text[pos:].lstrip()
        pos = len(text) - len(head)
        if i:
            if not head.startswith(","):
                raise ValueError(f"expected ', {p.name} = ...' at {head[:20]!r}")
            head = head[1:].lstrip()
            pos = len(text) - len(head)
        name, eq, rest = head.partition("=")
        if not eq or name.strip() != p.name:
            raise ValueError(f"expected '{p.name} = ...' at {head[:20]!r}")
        value_text = rest.lstrip()
        pos = len(text) - len(value_text)
        try:
            value, end = decoder.raw_decode(value_text)
        except json.JSONDecodeError as e:
            raise ValueError(f"value of {p.name} is not JSON: {e.msg}") from None
        if (why := check_value(value, p.type)) is not None:
            raise ValueError(f"value of {p.name}: {why}")
        args.append(value)
        pos += end
    if text[pos:].strip():
        raise ValueError(f"unexpected text after the last parameter: {text[pos:][:20]!r}")
    return args


def parse_example(example: Example, signature: Signature) -> tuple[list[Any], Any]:
    """An example's ``(args, expected)`` as JSON values, checked against ``signature``."""
    args = parse_example_input(example.input, signature)
    try:
        expected = json.loads(example.output)
    except json.JSONDecodeError as e:
        raise ValueError(f"output is not JSON: {e.msg}") from None
    if (why := check_value(expected, signature.output_type())) is not None:
        raise ValueError(f"output: {why}")
    return args, expected
