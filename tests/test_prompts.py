"""Prompt templates: every shipped file loads, renders strictly, and says what it must."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach_engine.models import InterviewKind
from prompts import PromptError, PromptTemplate, available, load, parse

EXPECTED = {
    "interviewer_system.coding",
    "interviewer_system.system-design",
    "interviewer_system.behavioral",
    "greeting",
    "reply",
    "hint",
    "feedback",
    "drills",
    "dashboard_insight",
}


def test_every_expected_prompt_ships_and_loads() -> None:
    assert EXPECTED <= set(available())
    for prompt_id, versions in available().items():
        for version in versions:
            tpl = load(prompt_id, version)
            assert (tpl.id, tpl.version) == (prompt_id, version)
            assert tpl.description and tpl.variables


def test_there_is_a_system_prompt_for_every_interview_kind() -> None:
    for kind in InterviewKind:
        assert load(f"interviewer_system.{kind.value}").id.endswith(kind.value)


def test_feedback_prompt_defers_to_the_judge_on_correctness_and_complexity() -> None:
    text = " ".join(load("feedback").template.split())
    assert "Correctness and complexity come from the judge's measured facts" in text
    assert "may not be overridden" in text


def test_render_requires_exactly_the_declared_variables() -> None:
    hint = load("hint")
    values = {"level": 2, "hints_used": 0, "code": "x = 1", "judge_facts": "none"}
    assert "level 2" in hint.render(values)
    with pytest.raises(PromptError, match="missing variables \\['code'\\]"):
        hint.render({k: v for k, v in values.items() if k != "code"})
    with pytest.raises(PromptError, match="unknown variables \\['colour'\\]"):
        hint.render(values, colour="red")


def test_substitution_is_single_pass() -> None:
    code = "echo $HOME ${level} $$"
    text = load("hint").render(level=1, hints_used=0, code=code, judge_facts="none")
    assert code in text


TEXT = """+++
id = "demo"
version = 1
description = "A demo."
[variables]
name = "Who to greet."
+++
Hello $name, that costs $$5.
"""


def test_parse_front_matter_and_body() -> None:
    tpl = parse(TEXT)
    assert tpl == PromptTemplate(
        id="demo",
        version=1,
        description="A demo.",
        variables={"name": "Who to greet."},
        template="Hello $name, that costs $$5.\n",
    )
    assert tpl.render(name="Ada") == "Hello Ada, that costs $5.\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id = 'x'\n", "must start with a \\+\\+\\+"),
        ("+++\nid = 'x'\n", "not closed"),
        (TEXT.replace("Hello $name", "Hello $name $other"), "undeclared: other"),
        (TEXT.replace("Hello $name", "Hello"), "declared unused: name"),
        (TEXT.replace("version = 1", 'version = 1\nauthor = "me"'), "author: Extra inputs"),
        (TEXT.replace("$$5", "$5"), "invalid placeholder"),
        (TEXT.replace("version = 1", "version = 0"), "version"),
    ],
)
def test_invalid_templates_are_rejected(text: str, message: str) -> None:
    with pytest.raises(PromptError, match=message):
        parse(text, "demo.v1.md")


def test_versions_and_file_names(tmp_path: Path) -> None:
    (tmp_path / "demo.v1.md").write_text(TEXT)
    (tmp_path / "demo.v2.md").write_text(TEXT.replace("version = 1", "version = 2"))
    (tmp_path / "notes.txt").write_text("ignored")
    assert available(tmp_path) == {"demo": [1, 2]}
    assert load("demo", directory=tmp_path).version == 2
    assert load("demo", 1, directory=tmp_path).version == 1
    with pytest.raises(PromptError, match="no version 3"):
        load("demo", 3, directory=tmp_path)
    with pytest.raises(PromptError, match="no prompt template 'nope'"):
        load("nope", directory=tmp_path)
    (tmp_path / "other.v1.md").write_text(TEXT)  # front matter says id "demo"
    with pytest.raises(PromptError, match="file name must be demo.v1.md"):
        load("other", directory=tmp_path)
