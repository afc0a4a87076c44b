"""The non-coding banks: system-design prompts and behavioral questions.

Both are single TOML files of bundled package data::

    coach_engine/bank/system_design/prompts.toml     [[prompts]]   -> SystemDesignPrompt
    coach_engine/bank/behavioral/questions.toml      [[questions]] -> BehavioralQuestion

    from coach_engine.problems.other_banks import load_behavioral, load_system_design
    prompt = load_system_design()[0]
    prompt.rubric.weights()          # {"requirements": 0.2, "high_level_design": 0.3, ...}

Every table forbids unknown keys, slugs are kebab-case and unique within a file, and each rubric's
weights sum to 1.0. Errors are :class:`~coach_engine.errors.ProblemError` naming the file and
the field (``prompts.toml: prompts[3].rubric.scalability.weight: ...``), as for ``problem.toml``.
"""

from __future__ import annotations

import math
import tomllib
from collections import Counter
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal, TypeVar, get_args

import pydantic
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coach_engine.errors import ProblemError
from coach_engine.problems.problem import describe_validation_error
from coach_engine.problems.schema import Difficulty

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Competency = Literal[
    "ownership",
    "conflict",
    "failure",
    "leadership",
    "ambiguity",
    "collaboration",
    "influence",
    "prioritization",
    "feedback",
    "growth",
    "customer-focus",
]
COMPETENCIES: tuple[str, ...] = get_args(Competency)

SYSTEM_DESIGN_CRITERIA: tuple[str, ...] = (
    "requirements",
    "high_level_design",
    "scalability",
    "trade_offs",
    "communication",
)
STAR_CRITERIA: tuple[str, ...] = ("situation", "task", "action", "result")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Criterion(_Model):
    """One weighted rubric line."""

    weight: float = Field(gt=0, le=1)
    """Share of the total score, in (0, 1]; a rubric's weights sum to 1.0."""
    strong: str = Field(min_length=1)
    """What a strong answer shows for this criterion, concretely enough to grade against."""


def _check_weights(weights: dict[str, float]) -> None:
    total = sum(weights.values())
    if not math.isclose(total, 1.0, abs_tol=1e-9):
        listed = ", ".join(f"{k} = {v:g}" for k, v in weights.items())
        raise ValueError(f"weights must sum to 1.0, got {total:g} ({listed})")


class SystemDesignRubric(_Model):
    """The five criteria every system-design answer is graded on."""

    requirements: Criterion
    """Clarifying functional and non-functional requirements and the scale before designing."""
    high_level_design: Criterion
    """The components, APIs, data model and the path of the main requests."""
    scalability: Criterion
    """Handling the stated load: partitioning, replication, caching, queues, hot spots."""
    trade_offs: Criterion
    """Naming the alternatives and why one was chosen (consistency, cost, latency, complexity)."""
    communication: Criterion
    """Driving the conversation, structuring the time, checking in, explaining clearly."""

    def weights(self) -> dict[str, float]:
        return {name: getattr(self, name).weight for name in SYSTEM_DESIGN_CRITERIA}

    @model_validator(mode="after")
    def _sum_to_one(self) -> SystemDesignRubric:
        _check_weights(self.weights())
        return self


class Scale(_Model):
    """Back-of-the-envelope numbers the interviewer can hand out when asked."""

    daily_active_users: int = Field(ge=1)
    """Daily active users (or clients/devices for machine-facing systems)."""
    peak_read_qps: int = Field(ge=0)
    """Peak read (or query) requests per second."""
    peak_write_qps: int = Field(ge=0)
    """Peak write requests per second."""
    storage: str = Field(min_length=1)
    """Storage to plan for, with the horizon, e.g. ``~30 TB over 5 years``."""
    notes: str = Field(min_length=1)
    """How the numbers are derived, or other sizes that matter (object sizes, ratios)."""


class SystemDesignPrompt(_Model):
    """One system-design interview prompt."""

    slug: str = Field(pattern=SLUG_PATTERN)
    """Kebab-case id, unique within the file (``url-shortener``)."""
    title: str = Field(min_length=1)
    """Display title (``Design a URL Shortener``)."""
    difficulty: Difficulty
    """``easy``, ``medium`` or ``hard`` for a mid-level candidate."""
    prompt: str = Field(min_length=1)
    """What the interviewer says to open, in the bank's own words (deliberately under-specified)."""
    functional_requirements: tuple[str, ...] = Field(min_length=2)
    """What the system must do; a strong candidate elicits these."""
    non_functional_requirements: tuple[str, ...] = Field(min_length=2)
    """Latency, availability, consistency, durability... targets a strong answer pins down."""
    scale: Scale
    """The numbers to design for."""
    components: tuple[str, ...] = Field(min_length=2)
    """Key building blocks a good design includes."""
    trade_offs: tuple[str, ...] = Field(min_length=2)
    """Decisions worth discussing, each with its alternatives."""
    rubric: SystemDesignRubric
    """How to grade an answer to this prompt."""


class StarRubric(_Model):
    """The STAR criteria a behavioral answer is graded on."""

    situation: Criterion
    """The context: where, when, who, and why it mattered."""
    task: Criterion
    """The candidate's own responsibility or goal in that situation."""
    action: Criterion
    """What the candidate personally did, and why ("I", not "we")."""
    result: Criterion
    """The outcome, measured where possible, and what was learned."""

    def weights(self) -> dict[str, float]:
        return {name: getattr(self, name).weight for name in STAR_CRITERIA}

    @model_validator(mode="after")
    def _sum_to_one(self) -> StarRubric:
        _check_weights(self.weights())
        return self


class BehavioralQuestion(_Model):
    """One behavioral interview question."""

    slug: str = Field(pattern=SLUG_PATTERN)
    """Kebab-case id, unique within the file (``biggest-failure``)."""
    question: str = Field(min_length=1)
    """The question as the interviewer asks it, in the bank's own words."""
    competency: Competency
    """The main competency it probes (``COMPETENCIES``)."""
    follow_ups: tuple[str, ...] = Field(min_length=2)
    """Probing follow-up questions, asked when the answer is thin or vague."""
    rubric: StarRubric
    """What a strong situation, task, action and result contain, with weights."""


def _unique_slugs(slugs: list[str]) -> None:
    dupes = sorted(slug for slug, n in Counter(slugs).items() if n > 1)
    if dupes:
        raise ValueError(f"slugs must be unique, repeated: {', '.join(dupes)}")


class SystemDesignBank(_Model):
    """The content of ``prompts.toml``."""

    prompts: tuple[SystemDesignPrompt, ...] = Field(min_length=1)

    @field_validator("prompts")
    @classmethod
    def _unique(cls, v: tuple[SystemDesignPrompt, ...]) -> tuple[SystemDesignPrompt, ...]:
        _unique_slugs([item.slug for item in v])
        return v


class BehavioralBank(_Model):
    """The content of ``questions.toml``."""

    questions: tuple[BehavioralQuestion, ...] = Field(min_length=1)

    @field_validator("questions")
    @classmethod
    def _unique(cls, v: tuple[BehavioralQuestion, ...]) -> tuple[BehavioralQuestion, ...]:
        _unique_slugs([item.slug for item in v])
        return v


def _bank_dir() -> Traversable:
    return files("coach_engine").joinpath("bank")


def system_design_path() -> Traversable:
    """The bundled ``system_design/prompts.toml``."""
    return _bank_dir().joinpath("system_design").joinpath("prompts.toml")


def behavioral_path() -> Traversable:
    """The bundled ``behavioral/questions.toml``."""
    return _bank_dir().joinpath("behavioral").joinpath("questions.toml")


M = TypeVar("M", bound=BaseModel)


def _load(model: type[M], source: Traversable | Path) -> M:
    where = str(source)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProblemError(f"{where}: file not found") from None
    except tomllib.TOMLDecodeError as e:
        raise ProblemError(f"{where}: invalid TOML: {e}") from None
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as e:
        raise ProblemError(describe_validation_error(where, e)) from None


def load_system_design(path: Traversable | Path | None = None) -> list[SystemDesignPrompt]:
    """The system-design prompts, in file order (the bundled file unless ``path`` is given).

    Raises:
        ProblemError: the file is missing, is not TOML, or breaks the schema (file and field named).
    """
    source = system_design_path() if path is None else path
    return list(_load(SystemDesignBank, source).prompts)


def load_behavioral(path: Traversable | Path | None = None) -> list[BehavioralQuestion]:
    """The behavioral questions, in file order (the bundled file unless ``path`` is given).

    Raises:
        ProblemError: the file is missing, is not TOML, or breaks the schema (file and field named).
    """
    source = behavioral_path() if path is None else path
    return list(_load(BehavioralBank, source).questions)


__all__ = [
    "COMPETENCIES",
    "STAR_CRITERIA",
    "SYSTEM_DESIGN_CRITERIA",
    "BehavioralBank",
    "BehavioralQuestion",
    "Criterion",
    "Scale",
    "StarRubric",
    "SystemDesignBank",
    "SystemDesignPrompt",
    "SystemDesignRubric",
    "behavioral_path",
    "load_behavioral",
    "load_system_design",
    "system_design_path",
]
