"""The system-design and behavioral banks: they load, are big enough and are well formed."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from coach_engine.errors import ProblemError
from coach_engine.problems.other_banks import (
    COMPETENCIES,
    STAR_CRITERIA,
    SYSTEM_DESIGN_CRITERIA,
    behavioral_path,
    load_behavioral,
    load_system_design,
    system_design_path,
)


def test_system_design_prompts_load() -> None:
    prompts = load_system_design()
    assert len(prompts) >= 10
    slugs = [p.slug for p in prompts]
    assert len(set(slugs)) == len(slugs)
    for p in prompts:
        weights = p.rubric.weights()
        assert tuple(weights) == SYSTEM_DESIGN_CRITERIA
        assert math.isclose(sum(weights.values()), 1.0), p.slug
        assert p.functional_requirements and p.non_functional_requirements
        assert p.scale.daily_active_users > 0 and p.scale.storage
        assert len(p.components) >= 2 and len(p.trade_offs) >= 2


def test_behavioral_questions_load() -> None:
    questions = load_behavioral()
    assert len(questions) >= 15
    slugs = [q.slug for q in questions]
    assert len(set(slugs)) == len(slugs)
    for q in questions:
        weights = q.rubric.weights()
        assert tuple(weights) == STAR_CRITERIA
        assert math.isclose(sum(weights.values()), 1.0), q.slug
        assert q.competency in COMPETENCIES
        assert len(q.follow_ups) >= 2
    assert {"ownership", "conflict", "failure", "leadership", "ambiguity"} <= {
        q.competency for q in questions
    }


def _copy(source: str, tmp_path: Path, old: str = "", new: str = "", count: int = 1) -> Path:
    text = source
    if old:
        assert old in text, old
        text = text.replace(old, new, count)
    path = tmp_path / "bank.toml"
    path.write_text(text, encoding="utf-8")
    return path


SD_TEXT = system_design_path().read_text(encoding="utf-8")
BQ_TEXT = behavioral_path().read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (
            "[prompts.rubric.requirements]\nweight = 0.2",
            "[prompts.rubric.requirements]\nweight = 0.3",
            "weights must sum to 1.0",
        ),
        ('difficulty = "easy"', 'difficulty = "easy"\nauthor = "me"', "prompts[0].author"),
        ('slug = "rate-limiter"', 'slug = "url-shortener"', "repeated: url-shortener"),
        ('slug = "url-shortener"', 'slug = "URL shortener"', "prompts[0].slug"),
        (
            "[prompts.rubric.communication]\nweight = 0.1\n",
            "[prompts.rubric.extra]\nweight = 0.1\n",
            "prompts[0].rubric",
        ),
    ],
)
def test_system_design_errors_name_the_file_and_field(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    path = _copy(SD_TEXT, tmp_path, old, new)
    with pytest.raises(ProblemError) as info:
        load_system_design(path)
    assert str(path) in str(info.value)
    assert field in str(info.value)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (
            "[questions.rubric.action]\nweight = 0.4\n",
            "[questions.rubric.action]\nweight = 0.5\n",
            "weights must sum to 1.0",
        ),
        ('competency = "failure"', 'competency = "charisma"', "questions[0].competency"),
        ('slug = "conflict-with-peer"', 'slug = "biggest-failure"', "repeated: biggest-failure"),
        ("[questions.rubric.result]", "[questions.rubric.outcome]", "questions[0].rubric.result"),
    ],
)
def test_behavioral_errors_name_the_file_and_field(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    path = _copy(BQ_TEXT, tmp_path, old, new)
    with pytest.raises(ProblemError) as info:
        load_behavioral(path)
    assert str(path) in str(info.value)
    assert field in str(info.value)


def test_missing_or_invalid_files_are_problem_errors(tmp_path: Path) -> None:
    with pytest.raises(ProblemError, match="file not found"):
        load_behavioral(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("questions = [", encoding="utf-8")
    with pytest.raises(ProblemError, match="invalid TOML"):
        load_behavioral(bad)
