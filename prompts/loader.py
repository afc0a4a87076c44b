"""Versioned prompt templates: files in ``prompts/templates/`` read by a small typed loader.

One file per (id, version), named ``<id>.v<version>.md``: TOML front matter between ``+++``
lines, then the template body::

    +++
    id = "hint"
    version = 1
    description = "Ask for one hint at a given level."
    [variables]
    level = "1 (a nudge) to 3 (an outline)"
    +++
    Give a level-$level hint ...

The body uses ``string.Template`` placeholders (``$name`` / ``${name}``, ``$$`` for a dollar).
Placeholders and declared variables must match exactly, checked when a file is loaded; rendering
with a missing or undeclared variable is an error. Substitution is single-pass, so text a person
typed (``$HOME`` in their code) is never expanded. A prompt that ships is never edited: copy it
to ``v<n+1>``, so every logged call names the exact text it used.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from string import Template
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError as PydanticValidationError,
    model_validator,
)

from coach_engine.errors import CoachError

_FILENAME = re.compile(r"^(?P<id>[a-z][a-z0-9_.-]*)\.v(?P<version>[1-9][0-9]*)\.md$")


class PromptError(CoachError):
    """A template file is invalid, missing, or rendered with the wrong variables."""

    title = "Prompt template error"


class PromptTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_.-]*$")
    """Stable name, e.g. ``interviewer_system.coding``; logged with every call."""
    version: int = Field(ge=1)
    """Bumped (in a new file) whenever the text changes."""
    description: str = Field(min_length=1)
    variables: dict[str, str] = Field(default_factory=dict)
    """Each placeholder the template uses, with what to put in it."""
    template: str = Field(min_length=1)

    @model_validator(mode="after")
    def _placeholders_match(self) -> PromptTemplate:
        tpl = Template(self.template)
        if not tpl.is_valid():
            raise ValueError("template has an invalid placeholder; write $$ for a literal $")
        used = set(tpl.get_identifiers())
        if used != set(self.variables):
            undeclared = ", ".join(sorted(used - set(self.variables))) or "none"
            unused = ", ".join(sorted(set(self.variables) - used)) or "none"
            raise ValueError(f"placeholders undeclared: {undeclared}; declared unused: {unused}")
        return self

    @property
    def ref(self) -> str:
        return f"{self.id}@v{self.version}"

    def render(self, values: dict[str, Any] | None = None, /, **kwargs: Any) -> str:
        """The template with every variable filled in.

        Raises:
            PromptError: a declared variable is missing or an undeclared one is given.
        """
        given = {**(values or {}), **kwargs}
        missing = sorted(set(self.variables) - set(given))
        extra = sorted(set(given) - set(self.variables))
        if missing or extra:
            raise PromptError(
                f"{self.ref}: missing variables {missing or 'none'}, unknown variables "
                f"{extra or 'none'}; the template declares {sorted(self.variables)}"
            )
        return Template(self.template).substitute({k: str(v) for k, v in given.items()})


def parse(text: str, source: str = "<string>") -> PromptTemplate:
    """A template from file text (front matter + body)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "+++":
        raise PromptError(f"{source}: must start with a +++ line (TOML front matter)")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        raise PromptError(f"{source}: front matter is not closed with +++") from None
    try:
        meta = tomllib.loads("".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        raise PromptError(f"{source}: front matter is not valid TOML ({exc})") from None
    body = "".join(lines[end + 1 :]).strip("\n") + "\n"
    try:
        return PromptTemplate.model_validate({**meta, "template": body})
    except PydanticValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "template"
        raise PromptError(f"{source}: {where}: {first['msg']}") from None


def templates_dir() -> Traversable:
    return resources.files("prompts") / "templates"


def _index(directory: Traversable | None = None) -> dict[tuple[str, int], Traversable]:
    root = directory or templates_dir()
    found: dict[tuple[str, int], Traversable] = {}
    for entry in root.iterdir():
        match = _FILENAME.match(entry.name)
        if match:
            found[(match["id"], int(match["version"]))] = entry
    return found


def load_file(entry: Traversable) -> PromptTemplate:
    tpl = parse(entry.read_text(encoding="utf-8"), entry.name)
    match = _FILENAME.match(entry.name)
    if match is None or (match["id"], int(match["version"])) != (tpl.id, tpl.version):
        raise PromptError(
            f"{entry.name}: the file name must be {tpl.id}.v{tpl.version}.md to match its "
            "front matter"
        )
    return tpl


def available(directory: Traversable | None = None) -> dict[str, list[int]]:
    """Every template id with its versions, ascending."""
    out: dict[str, list[int]] = {}
    for prompt_id, version in sorted(_index(directory)):
        out.setdefault(prompt_id, []).append(version)
    return out


def load(
    prompt_id: str, version: int | None = None, *, directory: Traversable | None = None
) -> PromptTemplate:
    """The template ``prompt_id`` at ``version`` (default: the latest).

    Raises:
        PromptError: no such template or version, or the file is invalid.
    """
    versions = available(directory).get(prompt_id)
    if not versions:
        known = ", ".join(available(directory)) or "none"
        raise PromptError(f"no prompt template {prompt_id!r}; known: {known}")
    chosen = version if version is not None else versions[-1]
    if chosen not in versions:
        raise PromptError(f"{prompt_id} has no version {chosen}; versions: {versions}")
    return load_file(_index(directory)[(prompt_id, chosen)])
