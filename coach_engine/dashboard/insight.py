"""The dashboard's one insight: from the provider (``dashboard_insight`` prompt) when one is
configured and reachable, else computed offline from the same numbers.

The offline insight names the weakest skill, its trend and a concrete next step, citing the
figures it relies on; it never claims anything the data does not show.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import prompts
from coach_engine.config import BudgetConfig
from coach_engine.dashboard.models import Insight, SkillsSummary, SkillView
from coach_engine.drills.generate import TAG_SKILL
from coach_engine.problems import TAGS
from coach_engine.providers.base import Provider
from coach_engine.providers.client import LLMClient
from coach_engine.providers.types import ChatMessage
from coach_engine.store import Store
from coach_engine.store.aio import AsyncStore

_ADVICE = {
    "complexity-analysis": "before each submission, state the time and space complexity out "
    "loud and check them against the timings `coach run` reports",
    "communication": "in your next interview, restate the problem and your approach before "
    "typing any code",
    "code-quality": "rewrite your last solution with clear names and one helper per idea, then "
    "run `coach feedback` on it",
    "testing": "walk through two edge cases by hand before you submit",
    "system-design": "do a system-design session: `coach interview --kind system-design`",
    "behavioral": "do a behavioral session: `coach interview --kind behavioral`",
}


def _topic(skill: str) -> str | None:
    """The problem tag that trains ``skill`` (``coach interview --topic``), if any."""
    if skill in TAGS:
        return skill
    return next((tag for tag, target in TAG_SKILL.items() if target == skill), None)


def _trend(skill: SkillView) -> str:
    if skill.previous is None:
        return "after a single measurement"
    if skill.trend == "stable":
        return f"steady (was {skill.previous})"
    return f"{skill.trend} from {skill.previous}"


def _next_step(skill: SkillView, pending_drills: int) -> str:
    if pending_drills:
        plural = "s" if pending_drills > 1 else ""
        drills = f"{pending_drills} pending {skill.name} drill{plural}"
        return f"work through your {drills} (`coach drills run`)"
    if skill.name in _ADVICE:
        return _ADVICE[skill.name]
    topic = _topic(skill.name)
    if topic is not None:
        return f"practise one {topic} problem: `coach interview --topic {topic}`"
    return f"practise {skill.name} in your next session"


def offline_insight(
    skills: SkillsSummary,
    *,
    interviews_completed: int,
    pending_drills: dict[str, int],
    note: str | None = None,
) -> Insight:
    """The insight computed from the numbers (see module doc)."""
    if skills.areas_to_improve:
        weak = skills.areas_to_improve[0]
        step = _next_step(weak, pending_drills.get(weak.name, 0))
        text = (
            f"{weak.name} is your weakest skill at {weak.progress}/100, {_trend(weak)}. "
            f"Next: {step}."
        )
    elif skills.strengths:
        best = skills.strengths[0]
        text = (
            f"All {len(skills.strengths)} of your skills are at 70 or above; {best.name} leads "
            f"at {best.progress}/100. Next: raise the bar with a hard problem: "
            "`coach interview --difficulty hard`."
        )
    elif interviews_completed:
        text = (
            f"{interviews_completed} interview(s) completed but none has feedback yet, so there "
            "are no skill scores. Next: get feedback on your latest solution (`coach feedback`)."
        )
    else:
        text = (
            "No completed interviews yet. Next: start one with `coach interview`; this "
            "dashboard fills in as you practise."
        )
    return Insight(text=text, source="offline", note=note)


async def provider_insight(
    provider: Provider,
    stats: dict[str, Any],
    *,
    store: AsyncStore | Store,
    user_id: str,
    budget: BudgetConfig | None = None,
    timeout_s: float = 20.0,
) -> Insight:
    """Ask ``provider`` for the insight through the logged, budgeted client.

    Raises:
        ProviderCallError, TimeoutError, CoachError: the caller falls back to the offline one.
    """
    template = prompts.load("dashboard_insight")
    text = template.render(stats=json.dumps(stats, indent=1, sort_keys=True, default=str))
    client = LLMClient(provider, user_id=user_id, store=store, budget=budget)
    completion = await asyncio.wait_for(
        client.complete([ChatMessage.user(text)], prompt=template, options={"max_tokens": 200}),
        timeout_s,
    )
    answer = " ".join(completion.text.split())
    if not answer:
        raise ValueError("the provider returned an empty insight")
    return Insight(text=answer, source="provider", model=completion.model)
