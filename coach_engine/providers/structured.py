"""Structured output: a model's JSON answer validated with a pydantic model.

On an invalid answer: (1) repair it locally — strip code fences, keep the outermost JSON object,
drop trailing commas — and validate again; (2) if still invalid, ask once more with the
validation error appended to the conversation; (3) then fail with a ``ProviderCallError``
(``kind="invalid_output"``). Repairs are pure functions, tested on their own.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError as PydanticValidationError

from coach_engine.providers.types import ChatMessage, Completion, ProviderCallError

M = TypeVar("M", bound=BaseModel)
CompleteFn = Callable[[list[ChatMessage]], Awaitable[Completion]]
InvalidCallback = Callable[[Completion, str], Awaitable[None] | None]

_FENCE = re.compile(r"```[a-zA-Z0-9_-]*\s*\n?(.*?)```", re.DOTALL)


class InvalidOutput(ValueError):
    """The text does not validate even after repair; ``str()`` is a short reason."""


def strip_fences(text: str) -> str:
    match = _FENCE.search(text)
    return match.group(1) if match else text


def extract_object(text: str) -> str | None:
    """The first balanced ``{…}`` in ``text`` (braces inside strings ignored), or None."""
    start = text.find("{")
    if start < 0:
        return None
    depth, in_string, escaped = 0, False, False
    for i in range(start, len(text)):
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[start : i + 1]
    return None


def remove_trailing_commas(text: str) -> str:
    """Drop commas directly before ``}`` or ``]`` outside strings."""
    out: list[str] = []
    in_string, escaped = False, False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == ",":
            rest = text[i + 1 :].lstrip()
            if rest[:1] in ("}", "]"):
                continue
        out.append(ch)
    return "".join(out)


def repair_json(text: str) -> str:
    text = strip_fences(text)
    return remove_trailing_commas(extract_object(text) or text).strip()


def _describe(exc: PydanticValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err["loc"])
        parts.append(f"{where}: {err['msg']}" if where else str(err["msg"]))
    more = len(exc.errors()) - 3
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def parse(text: str, schema: type[M]) -> tuple[M, bool]:
    """Validate ``text`` as ``schema``, repairing if needed. Returns (value, was_repaired).

    Raises:
        InvalidOutput: still invalid after repair; the message names the first problems.
    """
    try:
        return schema.model_validate_json(text), False
    except PydanticValidationError as first:
        repaired = repair_json(text)
        if repaired == text.strip():
            raise InvalidOutput(_describe(first)) from None
        try:
            return schema.model_validate_json(repaired), True
        except PydanticValidationError as exc:
            raise InvalidOutput(_describe(exc)) from None


def schema_instructions(schema: type[BaseModel]) -> str:
    """Text for a prompt telling the model the exact JSON shape to produce."""
    return (
        "Reply with only one JSON object, no prose and no code fences, matching this JSON "
        f"Schema:\n{json.dumps(schema.model_json_schema(), separators=(',', ':'))}"
    )


@dataclass(frozen=True)
class Structured(Generic[M]):
    value: M
    completion: Completion
    """The answer that validated (its tokens and cost; earlier attempts are logged separately)."""
    calls: int
    repaired: bool


async def complete_structured(
    complete: CompleteFn,
    messages: Sequence[ChatMessage],
    schema: type[M],
    *,
    on_invalid: InvalidCallback | None = None,
) -> Structured[M]:
    """Ask for JSON matching ``schema``: validate, repair, retry once, then fail.

    ``complete`` performs one call (e.g. ``LLMClient.complete`` with prompt and options bound);
    ``on_invalid(completion, reason)`` is told about each answer that failed validation.

    Raises:
        ProviderCallError: ``kind="invalid_output"`` after the second invalid answer, or any
            error of the underlying calls.
    """
    conversation = list(messages)
    reason = ""
    for call in (1, 2):
        completion = await complete(conversation)
        try:
            value, repaired = parse(completion.text, schema)
        except InvalidOutput as exc:
            reason = str(exc)
            if on_invalid is not None:
                told = on_invalid(completion, reason)
                if inspect.isawaitable(told):  # e.g. re-labelling the logged call in the store
                    await told
            conversation += [
                ChatMessage.assistant(completion.text),
                ChatMessage.user(
                    f"Your previous reply could not be used: {reason}. Reply again with only "
                    "one JSON object that matches the schema — no prose, no code fences."
                ),
            ]
            continue
        return Structured(value=value, completion=completion, calls=call, repaired=repaired)
    raise ProviderCallError(
        f"the model twice returned output that does not match {schema.__name__} ({reason}); "
        "try again, or choose another model (`coach config set provider.model …`)",
        kind="invalid_output",
    )
