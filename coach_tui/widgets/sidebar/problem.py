"""The problem statement: title, difficulty, tags, statement, examples and constraints."""

from __future__ import annotations

from textual.widgets import Markdown

from coach_engine.api import Problem


def problem_markdown(problem: Problem) -> str:
    parts = [
        f"## {problem.title}",
        f"**{problem.difficulty.capitalize()}** · {' · '.join(problem.tags)}",
        problem.statement.strip(),
        "### Examples",
    ]
    for i, example in enumerate(problem.examples, 1):
        block = (
            f"**Example {i}**\n\n```text\nInput:  {example.input}\nOutput: {example.output}\n```"
        )
        if example.explanation:
            block += f"\n\n{example.explanation.strip()}"
        parts.append(block)
    parts.append("### Constraints")
    parts.append("\n".join(f"- `{c}`" for c in problem.constraints))
    if problem.follow_up:
        parts.append(f"*Follow-up:* {problem.follow_up.strip()}")
    return "\n\n".join(parts)


class ProblemPane(Markdown):
    """Markdown view of a problem; ``show`` once the session's problem is known."""

    def show(self, problem: Problem) -> None:
        self.update(problem_markdown(problem))
