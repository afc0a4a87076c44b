"""Problem packs a person adds: validating one fully and importing it.

``validate_problems`` checks a pack (or one problem) end to end — schema, tests, and every
reference solution run in the sandbox; by default the person's packs, else the bundled bank.
``import_problems`` validates a pack and copies it into the person's problem directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach_engine.sandbox_policy import SandboxPolicy


def default_pack_path() -> Path:
    """What ``validate_problems`` checks when given nothing: the person's packs directory if
    it exists, else the bundled bank."""
    from coach_engine import locations
    from coach_engine.problems.loader import bundled_root

    user = locations.user_problems_dir()
    return user if user.is_dir() else Path(str(bundled_root()))


def _runner() -> SandboxPolicy:
    """Reference solutions run as every other code does: on the settings' sandbox policy."""
    from coach_engine import config
    from coach_engine.sandbox_policy import SandboxPolicy

    return SandboxPolicy(config.load())


def validate_problems(path: Path | None = None) -> dict[str, list[str]]:
    """Problem directory → its errors (empty when valid); each error names its file and field.

    Raises:
        ProblemError: ``path`` is not a pack or a problem.
    """
    from coach_engine.problems.validate import validate_pack

    return validate_pack(path if path is not None else default_pack_path(), run=_runner())


def import_problems(path: Path) -> list[str]:
    """Validate the pack (or problem) at ``path`` and copy it into the person's problem
    directory; returns the imported slugs.

    Raises:
        ProblemError: the pack is invalid (nothing is copied) or a slug clashes.
    """
    from coach_engine.problems.validate import import_pack

    return import_pack(path, run=_runner())
