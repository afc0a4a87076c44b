"""The judge's output shapes: a ``Feedback`` in the PRODUCT.md §6 shape and its measured parts.

Every judgement carries the evidence it rests on (a test, a timing series, a line of code, a
message of the transcript), so the person reading the feedback can check it. The top-level
fields ``overall_score``, ``criterion_scores``, ``strengths``, ``weaknesses``, ``suggestions``,
``detailed_feedback`` and ``complexity`` are exactly what the feedback job stores.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Agreement = Literal[
    "agree", "consistent", "disagree", "empirical-only", "static-only", "undetermined"
]
"""``consistent``: the timings could not resolve the class (too fast to time) but allow it."""


class FailingCase(BaseModel):
    """The first failing test, shown as LeetCode shows it (hidden inputs included)."""

    index: int
    hidden: bool
    verdict: str
    input: Any = None
    expected: Any = None
    actual: Any = None
    message: str = ""


class CorrectnessReport(BaseModel):
    verdict: str = Field(description="AC, WA, TLE, MLE, RE, CE or OLE (first non-AC test)")
    passed: int
    total: int
    visible_passed: int
    visible_total: int
    hidden_passed: int
    hidden_total: int
    verdict_counts: dict[str, int] = Field(default_factory=dict, description="this run's tests")
    first_failure: FailingCase | None = None
    compile_output: str = ""
    prior_runs: int = 0
    prior_submissions: int = 0
    failed_submissions_before_ac: int = Field(
        default=0, description="submissions judged non-AC before"
    )
    session_verdicts: list[str] = Field(
        default_factory=list, description="verdict of every prior run, oldest first"
    )
    attempts: int = Field(
        default=0, description="number of the graded submission (last accepted, else last)"
    )
    failed_attempts: int = Field(
        default=0, description="submissions before the graded one that were not accepted"
    )


class TimingPoint(BaseModel):
    """One input size of the timing series (CPU time of the solution's call only)."""

    n: int
    ms: float | None = Field(description="worst input's best repeat; None when it never finished")
    samples: int = 0
    status: Literal["ok", "too-slow", "failed", "below-resolution"] = "ok"
    memory_kb: int = 0


class EmpiricalReport(BaseModel):
    """Time measured on the problem's generator at growing sizes, and the fitted class."""

    big_o: str | None = None
    confidence: str = "low"
    exponent: float | None = Field(
        default=None, description="least-squares slope of log t on log n"
    )
    consistent: list[str] = Field(default_factory=list, description="classes the data allow")
    fitted: list[int] = Field(default_factory=list, description="the sizes the fit used")
    points: list[TimingPoint] = Field(default_factory=list)
    fit_error: dict[str, float] = Field(default_factory=dict, description="rms log error")
    too_slow_at: int | None = Field(default=None, description="smallest n that ran out of time")
    peak_memory_kb: int | None = None
    baseline_memory_kb: int | None = None
    runs: int = 0
    wall_ms: float = 0.0
    note: str = ""


class StaticComplexity(BaseModel):
    big_o: str | None = None
    confidence: str = "low"
    evidence: list[str] = Field(default_factory=list, description="'line N: why' strings")


class ComplexityVerdict(BaseModel):
    """One resource (time or space): the class, and how it was determined."""

    big_o: str | None = None
    confidence: str = "low"
    how: str = ""
    agreement: Agreement = "undetermined"
    empirical: EmpiricalReport | None = None
    static: StaticComplexity | None = None
    optimal: str | None = Field(default=None, description="the problem's optimal approach's class")
    versus_optimal: Literal["better", "same", "worse", "unknown"] = "unknown"
    measured_memory_kb: int | None = None


class ComplexityReport(BaseModel):
    time: ComplexityVerdict
    space: ComplexityVerdict
    input_dimension: int = Field(
        default=1, description="how input values scale with n (2 for grids)"
    )


class QualityFinding(BaseModel):
    rule: str
    line: int
    severity: str
    message: str


class CommunicationReport(BaseModel):
    """What the transcript shows; each flag cites the message that earned it (1-based)."""

    messages: int = 0
    candidate_messages: int = 0
    clarifying_questions: list[str] = Field(default_factory=list)
    approach_before_coding: str | None = None
    approach_named: str | None = Field(default=None, description="the problem approach recognised")
    stated_complexity: str | None = Field(default=None, description="the words, e.g. O(n)")
    stated_in: int | None = Field(default=None, description="message number of that claim")
    stated_complexity_correct: bool | None = Field(
        default=None, description="None when the claim is about another approach than the code's"
    )
    stated_about: str | None = Field(default=None, description="the approach the claim was about")
    code_approach: str | None = Field(default=None, description="the approach the code implements")
    edge_cases: list[str] = Field(default_factory=list)
    tested_before_submit: str | None = None
    hints_used: int = 0
    reveals_used: int = 0


class CriterionResult(BaseModel):
    name: str
    weight: float
    score: int | None = Field(description="0-100; None when the criterion could not be assessed")
    reasons: list[str] = Field(default_factory=list)


class Feedback(BaseModel):
    """Structured feedback on one solution (PRODUCT.md §6)."""

    problem: str
    language: str
    overall_score: int = Field(ge=0, le=100)
    passing_score: int = 70
    passed: bool = False
    criterion_scores: dict[str, int] = Field(default_factory=dict)
    criteria: list[CriterionResult] = Field(default_factory=list)
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)
    detailed_feedback: str = ""
    complexity: ComplexityReport
    correctness: CorrectnessReport
    code_quality: list[QualityFinding] = Field(default_factory=list)
    communication: CommunicationReport | None = None
    rubric: str = "coding"
    rubric_version: str = "1"
    model: str = "offline-judge"
    prompt_id: str | None = None
    prompt_version: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    total_cost_usd: float = 0.0
    latency_ms: int = 0
    phases_ms: dict[str, int] = Field(
        default_factory=dict, description="wall time of each phase: tests, static, timing"
    )
    budget_s: float = 0.0
    notes: list[str] = Field(default_factory=list, description="what could not be measured")
