"""``ProblemBank``: the bundled problems plus user packs, indexed by slug.

Sources, in order:

1. the bundled bank, ``coach_engine/bank/problems/<slug>/`` (package data);
2. the user's pack directory, ``$COACH_HOME/problems/`` (or ``<user data dir>/problems/`` when
   ``COACH_HOME`` is unset), if it exists;
3. extra paths given to the constructor: each is a pack (a directory of problem directories)
   or a single problem directory (one that holds ``problem.toml``).

**Slug clashes are errors.** A user problem never shadows a bundled one, nor one pack another:
constructing the bank raises ``ProblemError`` naming both directories, so nothing is ever
overridden silently. Rename the pack's directory and its ``slug``, or remove the copy.

Construction only lists directories. ``problem.toml`` is parsed on first ``get`` of a slug (or on
``list``) and cached; ``tests.json`` is read only by :meth:`Problem.tests`.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from coach_engine import locations
from coach_engine.errors import ProblemError

# The problem model and its schema (pydantic) load on the first parse, not with the bank:
# `coach drills list` builds a bank and never parses a problem (CLI start-up, issue 13 item 8).
if TYPE_CHECKING:
    from coach_engine.problems.problem import Origin, Problem


def bundled_root() -> Traversable:
    """The bundled bank's directory inside the installed package."""
    return files("coach_engine").joinpath("bank").joinpath("problems")


def user_packs_root() -> Path:
    """Where ``coach problems import`` puts packs: ``$COACH_HOME/problems`` or the data dir's."""
    return locations.user_problems_dir()


def _is_problem_dir(node: Traversable) -> bool:
    return node.is_dir() and node.joinpath("problem.toml").is_file()


def _problem_dirs(pack: Traversable) -> Iterator[Traversable]:
    if _is_problem_dir(pack):
        yield pack
        return
    for child in sorted(pack.iterdir(), key=lambda c: c.name):
        if not child.name.startswith((".", "_")) and _is_problem_dir(child):
            yield child


class ProblemBank:
    """All problems Coach knows, by slug.

    Args:
        paths: extra packs or problem directories to load (user problems).
        bundled: include the bundled bank.
        user_packs: include ``$COACH_HOME/problems`` (see :func:`user_packs_root`).

    Raises:
        ProblemError: a given path does not exist, or two sources define the same slug.
    """

    def __init__(
        self,
        paths: Iterable[str | Path] = (),
        *,
        bundled: bool = True,
        user_packs: bool = True,
    ) -> None:
        self._dirs: dict[str, tuple[Traversable, Origin]] = {}
        self._cache: dict[str, Problem] = {}
        if bundled:
            self._add_pack(bundled_root(), "bundled")
        if user_packs and (root := user_packs_root()).is_dir():
            self._add_pack(root, "user")
        for p in paths:
            path = Path(p)
            if not path.is_dir():
                raise ProblemError(f"{path}: no such problem pack directory")
            self._add_pack(path, "user")

    def _add_pack(self, pack: Traversable, origin: Origin) -> None:
        for d in _problem_dirs(pack):
            if d.name in self._dirs:
                other, _ = self._dirs[d.name]
                if str(other) == str(d):
                    continue
                raise ProblemError(
                    f"problem {d.name!r} is defined twice: {other} and {d}. Slugs must be "
                    "unique; rename the pack's directory and its `slug`, or remove one copy.",
                    title="Duplicate problem",
                )
            self._dirs[d.name] = (d, origin)

    def __len__(self) -> int:
        return len(self._dirs)

    def __contains__(self, slug: object) -> bool:
        return slug in self._dirs

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.list())

    def slugs(self) -> builtins.list[str]:
        return sorted(self._dirs)

    def sources(self) -> dict[str, tuple[Traversable, Origin]]:
        """slug → (its directory, where it comes from), without parsing anything."""
        return dict(self._dirs)

    def get(self, slug: str) -> Problem:
        """The problem ``slug``, parsed on first use.

        Raises:
            ProblemError: unknown slug (the message lists near matches), or an invalid problem.
        """
        if slug not in self._cache:
            if slug not in self._dirs:
                raise ProblemError(self._unknown(slug), title="Unknown problem")
            from coach_engine.problems.problem import Problem

            root, origin = self._dirs[slug]
            self._cache[slug] = Problem.from_dir(root, origin)
        return self._cache[slug]

    def _unknown(self, slug: str) -> str:
        import difflib  # only on the error path

        near = difflib.get_close_matches(slug, self._dirs, n=5, cutoff=0.6)
        key = slug.lower().replace(" ", "-")
        near += [s for s in sorted(self._dirs) if key and key in s and s not in near]
        msg = f"no problem {slug!r}"
        if near:
            return f"{msg}; did you mean: {', '.join(near[:5])}?"
        return f"{msg}; run `coach problems list` to see the {len(self._dirs)} problems"

    def list(self, difficulty: str | None = None, tag: str | None = None) -> builtins.list[Problem]:
        """Problems sorted by difficulty then slug, optionally filtered.

        Raises:
            ProblemError: ``difficulty`` or ``tag`` is not a known value.
        """
        from coach_engine.problems.schema import DIFFICULTIES, TAGS

        if difficulty is not None and difficulty not in DIFFICULTIES:
            raise ProblemError(
                f"unknown difficulty {difficulty!r}: use one of {', '.join(DIFFICULTIES)}"
            )
        if tag is not None and tag not in TAGS:
            import difflib

            near = difflib.get_close_matches(tag, TAGS, n=3)
            hint = f"did you mean {', '.join(near)}? " if near else ""
            raise ProblemError(f"unknown tag {tag!r}: {hint}tags are {', '.join(TAGS)}")
        out = [self.get(s) for s in self.slugs()]
        out = [
            p
            for p in out
            if (difficulty is None or p.difficulty == difficulty) and (tag is None or tag in p.tags)
        ]
        return sorted(out, key=lambda p: (DIFFICULTIES.index(p.difficulty), p.slug))
