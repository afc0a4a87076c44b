"""The provider's part of a feedback: narrative and soft judgements on top of measured facts.

The judge's scores, verdicts and complexities are final. A configured model is shown them as
facts (the ``feedback`` prompt forbids contradicting them) and writes the ``detailed_feedback``
prose plus at most a few extra strengths, weaknesses and suggestions about approach, code
quality and communication. Nothing it returns can change a score; its tokens, cost and prompt
version are recorded on the feedback.
"""

from __future__ import annotations

import asyncio
import json

from pydantic import BaseModel, Field

import prompts
from coach_engine.judge.models import Feedback
from coach_engine.models import Message
from coach_engine.providers.budget import Allowance
from coach_engine.providers.client import LLMClient
from coach_engine.providers.structured import schema_instructions
from coach_engine.providers.types import ChatMessage
from coach_engine.store.aio import AsyncStore
from coach_engine.store.base import Store

EXTRA_ITEMS = 3


class Narrative(BaseModel):
    """What the model may contribute."""

    detailed_feedback: str = Field(min_length=20, description="Markdown write-up, 2-5 paragraphs")
    strengths: list[str] = Field(default_factory=list, max_length=5)
    weaknesses: list[str] = Field(default_factory=list, max_length=5)
    suggestions: list[str] = Field(default_factory=list, max_length=5)


def judge_facts(fb: Feedback) -> str:
    """The measured facts, as the prompt's ``judge_facts`` (scores included, marked final)."""
    c = fb.correctness
    facts = {
        "tests": c.model_dump(mode="json"),
        "time_complexity": fb.complexity.time.model_dump(mode="json"),
        "space_complexity": fb.complexity.space.model_dump(mode="json"),
        "code_quality_findings": [f.model_dump(mode="json") for f in fb.code_quality[:10]],
        "scores_final": {"overall": fb.overall_score, **fb.criterion_scores},
    }
    return json.dumps(facts, indent=1)[:6000]


def _transcript(messages: list[Message] | None) -> str:
    if not messages:
        return "(no transcript)"
    return "\n".join(f"{m.role.value.lower()}: {m.content}" for m in messages[-60:])


async def add_narrative(
    fb: Feedback,
    client: LLMClient,
    *,
    code: str,
    language: str,
    store: AsyncStore | Store | None = None,
    transcript: list[Message] | None = None,
) -> Feedback:
    """Return ``fb`` with the model's narrative merged in (scores untouched). The rubric is
    read from ``store`` in a worker thread (never a blocking call on the event loop)."""
    template = prompts.load("feedback")
    rubric: dict[str, object] = {"name": fb.rubric}
    if isinstance(store, AsyncStore):
        rubric = (await store.get_rubric(fb.rubric)).model_dump(mode="json")
    elif store is not None:
        rubric = (await asyncio.to_thread(store.get_rubric, fb.rubric)).model_dump(mode="json")
    text = template.render(
        interview_kind="coding",
        rubric=json.dumps(rubric),
        judge_facts=judge_facts(fb),
        code=code,
        language=language,
        transcript=_transcript(transcript),
        schema=schema_instructions(Narrative),
    )
    # one feedback run's calls (retries of an invalid answer included) share budget.per_feedback_usd
    allowance = Allowance.for_feedback(client.budget)
    answer = await client.complete_structured(
        [ChatMessage.user(text)], Narrative, prompt=template, allowance=allowance
    )
    n = answer.value
    usage = answer.completion.usage

    def merged(ours: list[str], theirs: list[str]) -> list[str]:
        return ours + [t for t in theirs if t not in ours][:EXTRA_ITEMS]

    return fb.model_copy(
        update={
            "detailed_feedback": n.detailed_feedback.strip() + "\n\n---\n\n" + fb.detailed_feedback,
            "strengths": merged(fb.strengths, n.strengths),
            "weaknesses": merged(fb.weaknesses, n.weaknesses),
            "suggestions": merged(fb.suggestions, n.suggestions),
            "model": f"offline-judge + {client.provider.name}:{client.provider.model}",
            "prompt_id": template.id,
            "prompt_version": str(template.version),
            "input_tokens": usage.input_tokens,
            "output_tokens": usage.output_tokens,
            "total_cost_usd": answer.completion.cost_usd or 0.0,
        }
    )
