"""A session transcript as the judge reads it: candidate and interviewer turns, in order.

Accepted inputs (``coach feedback --transcript FILE``):

* a JSON list of ``{"role": ..., "content": ...}`` objects; roles ``user``, ``candidate``, ``me``
  or ``human`` are the candidate, ``ai``, ``assistant`` or ``interviewer`` the interviewer,
  ``system`` is skipped (case-insensitive; ``text`` is accepted for ``content``);
* plain text, one turn per line prefixed ``me:`` / ``you:`` / ``candidate:`` (the candidate) or
  ``interviewer:`` / ``ai:`` (the interviewer); a line without a prefix continues the previous
  turn, so multi-line code pastes work.

Stored messages (``coach_engine.models.Message``) are read the same way via :func:`normalise`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel

from coach_engine.errors import ValidationError

Speaker = Literal["USER", "AI"]
_CANDIDATE = {"user", "candidate", "me", "human", "you"}
_INTERVIEWER = {"ai", "assistant", "interviewer", "coach", "bot"}
_PREFIX = re.compile(r"^\s*(me|you|candidate|user|interviewer|ai|assistant)\s*:\s?(.*)$", re.I)


class Turn(BaseModel):
    role: Speaker
    content: str
    is_code: bool = False


def _speaker(raw: Any) -> Speaker | None:
    name = str(getattr(raw, "value", raw)).strip().lower()
    if name in _CANDIDATE:
        return "USER"
    if name in _INTERVIEWER:
        return "AI"
    return None


def normalise(messages: Iterable[Any]) -> list[Turn]:
    """Turns from ``Turn`` objects, stored ``Message`` rows or ``{"role", "content"}`` dicts."""
    out: list[Turn] = []
    for m in messages:
        if isinstance(m, Turn):
            out.append(m)
            continue
        get = m.get if isinstance(m, dict) else lambda k, d=None, m=m: getattr(m, k, d)
        role = _speaker(get("role"))
        content = get("content")
        if content is None:
            content = get("text")
        if role is None or not isinstance(content, str):
            continue
        kind = str(getattr(get("content_type"), "value", get("content_type")) or "").upper()
        out.append(Turn(role=role, content=content, is_code=kind == "CODE"))
    return out


def parse(text: str) -> list[Turn]:
    """Parse a transcript file's text (JSON or prefixed plain text).

    Raises:
        ValidationError: neither form could be read, or no turn was found.
    """
    stripped = text.strip()
    if stripped.startswith(("[", "{")):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as e:
            raise ValidationError(
                f"the transcript looks like JSON but is not: {e.msg} (line {e.lineno})",
                title="Invalid transcript",
            ) from None
        if not isinstance(data, list):
            raise ValidationError(
                "a JSON transcript must be a list of {role, content} objects",
                title="Invalid transcript",
            )
        turns = normalise(d for d in data if isinstance(d, dict))
    else:
        turns = _plain(stripped)
    if not turns:
        raise ValidationError(
            'the transcript has no turns: use a JSON list of {"role", "content"} objects, or lines '
            "starting with 'me:' and 'interviewer:'",
            title="Invalid transcript",
        )
    return turns


def _plain(text: str) -> list[Turn]:
    turns: list[Turn] = []
    for line in text.splitlines():
        m = _PREFIX.match(line)
        if m:
            role = _speaker(m.group(1))
            if role is not None:
                turns.append(Turn(role=role, content=m.group(2)))
                continue
        if turns:
            turns[-1] = Turn(role=turns[-1].role, content=turns[-1].content + "\n" + line)
    return turns
