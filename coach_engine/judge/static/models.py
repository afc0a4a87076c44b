"""The report the static judge returns (pydantic, so it serialises straight into feedback JSON)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from coach_engine.judge.static.bigo import BigO


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


CONFIDENCE_ORDER = {Confidence.LOW: 0, Confidence.MEDIUM: 1, Confidence.HIGH: 2}


def weakest(*levels: Confidence) -> Confidence:
    """The lowest of several confidences (HIGH when none is given)."""
    return min(levels, key=CONFIDENCE_ORDER.__getitem__, default=Confidence.HIGH)


class Severity(StrEnum):
    INFO = "info"
    MINOR = "minor"
    MAJOR = "major"


class Evidence(BaseModel):
    """One reason behind a complexity verdict, tied to a line of the candidate's code."""

    model_config = ConfigDict(frozen=True)

    line: int = Field(description="1-based line in the submitted code; 0 when not line-bound")
    text: str


class Complexity(BaseModel):
    big_o: BigO | None = Field(
        description="the class; None only when the code could not be analysed at all"
    )
    confidence: Confidence
    evidence: list[Evidence] = Field(default_factory=list)


class Finding(BaseModel):
    """A code-quality remark a senior interviewer would make."""

    rule: str = Field(description="stable identifier, e.g. 'naming', 'magic-number'")
    line: int
    severity: Severity
    message: str


class StaticReport(BaseModel):
    language: str
    function: str | None = Field(default=None, description="the analysed entry function")
    time: Complexity
    space: Complexity
    findings: list[Finding] = Field(default_factory=list)
    parse_errors: list[str] = Field(default_factory=list)
