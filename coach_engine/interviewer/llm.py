"""The LLM-driven interviewer: the same behaviours, voiced by a provider through versioned prompts.

Measured facts (verdicts, failing cases) are passed in ``[judge]`` lines the system prompt tells
the model never to contradict. Reveals of hidden tests are facts, not conversation, so they are
voiced by the offline interviewer's text even when a model is configured.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import prompts
from coach_engine.interviewer.base import Context, Interviewer, RevealStep
from coach_engine.interviewer.offline import OfflineInterviewer
from coach_engine.models import CodeRun, Role
from coach_engine.providers.client import LLMClient
from coach_engine.providers.types import ChatMessage

HISTORY_TURNS = 30  # older turns are dropped to bound prompt size (and cost)


def judge_facts(run: CodeRun | None) -> str:
    """One line of measured facts about the latest run, for the ``[judge]`` slot."""
    if run is None:
        return "none"
    kind = "submission (all tests)" if run.is_submission else "run (visible tests)"
    facts = f"latest {kind}: {run.verdict}, {run.passed}/{run.total} passed"
    bad = next((t for t in run.tests if t.verdict != "AC"), None)
    if bad is not None:
        facts += f"; first failure test {bad.index + 1}: {bad.verdict}"
        if bad.input is not None:
            facts += (
                f", input {json.dumps(bad.input)[:300]}, expected {json.dumps(bad.expected)[:100]}"
                f", got {json.dumps(bad.actual)[:100]}"
            )
    return facts


class LLMInterviewer(Interviewer):
    name = "llm"

    def __init__(self, client: LLMClient) -> None:
        self.client = client
        self._facts = OfflineInterviewer()

    def _system(self, ctx: Context) -> ChatMessage:
        p = ctx.problem
        statement = p.statement + "\n\nConstraints:\n" + "\n".join(f"- {c}" for c in p.constraints)
        kind = ctx.session.kind.value
        template = prompts.load(f"interviewer_system.{kind}")
        values: dict[str, Any] = {
            "problem_title": p.title,
            "problem_statement": statement,
            "language": ctx.session.language,
            "difficulty": p.difficulty.upper(),
            "duration_minutes": ctx.session.duration_minutes,
        }
        return ChatMessage.system(template.render({k: values[k] for k in template.variables}))

    def _history(self, ctx: Context) -> list[ChatMessage]:
        out = []
        for m in ctx.messages[-HISTORY_TURNS:]:
            out.append(
                ChatMessage.user(m.content)
                if m.role == Role.USER
                else ChatMessage.assistant(m.content)
            )
        return out

    async def _ask(self, ctx: Context, prompt_id: str, **values: Any) -> AsyncIterator[str]:
        template = prompts.load(prompt_id)
        instruction = template.render(values)
        messages = [self._system(ctx), *self._history(ctx), ChatMessage.user(instruction)]
        response = await self.client.stream(messages, prompt=template)
        async for chunk in response:
            yield chunk

    def _state(self, ctx: Context) -> dict[str, Any]:
        return {
            "code": ctx.code or "(empty)",
            "judge_facts": judge_facts(ctx.last_run),
            "elapsed_minutes": int(ctx.elapsed_s // 60),
            "remaining_minutes": int(ctx.remaining_s // 60),
        }

    def greet(self, ctx: Context) -> AsyncIterator[str]:
        return self._ask(
            ctx,
            "greeting",
            interview_kind=ctx.session.kind.value,
            subject=ctx.problem.title,
            duration_minutes=ctx.session.duration_minutes,
        )

    def reply(self, ctx: Context, message: str) -> AsyncIterator[str]:
        template = prompts.load("reply")
        state = self._state(ctx)
        values = {"candidate_message": message, **state}
        return self._ask(ctx, "reply", **{k: values[k] for k in template.variables})

    def react_to_run(self, ctx: Context, run: CodeRun) -> AsyncIterator[str]:
        template = prompts.load("reply")
        values = {
            **self._state(ctx),
            "judge_facts": judge_facts(run),
            "candidate_message": "(I just ran my code. What do you make of the results?)",
        }
        return self._ask(ctx, "reply", **{k: values[k] for k in template.variables})

    def hint(self, ctx: Context, level: int) -> AsyncIterator[str]:
        template = prompts.load("hint")
        values = {**self._state(ctx), "level": level, "hints_used": level - 1}
        return self._ask(ctx, "hint", **{k: values[k] for k in template.variables})

    def reveal(self, ctx: Context, step: RevealStep) -> AsyncIterator[str]:
        return self._facts.reveal(ctx, step)

    def nudge(self, ctx: Context) -> AsyncIterator[str]:
        return self._facts.nudge(ctx)

    def time_warning(self, ctx: Context) -> AsyncIterator[str]:
        return self._facts.time_warning(ctx)
