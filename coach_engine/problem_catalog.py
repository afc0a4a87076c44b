"""The problem listing (slug, title, difficulty, tags, origin) without parsing every problem.

``coach problems list`` and a home screen's picker need five fields of each problem
(:func:`list_problems`; :func:`problem_listing` adds the difficulties and tags to filter by).
Parsing and validating every ``problem.toml`` (and importing the pydantic schema to do it) is
most of the listing's cost, so the summaries of problems that parsed are kept in an index under
the cache directory, keyed by each ``problem.toml``'s path, size and modification time and by the
schema's own source file. Any change — a new, edited or removed problem, a pack imported, a
new Coach version — is a miss, and a miss lists through ``ProblemBank.list`` exactly as before
(so an invalid problem still fails the listing with its error) and rewrites the index. The
index is regenerable data: when it cannot be read or written, the listing works without it.

Searching and sorting a listing live here too, UI-free, so the home screen's search box,
``coach problems list --search/--sort`` and the server agree: :func:`search_problems` (title, slug
and tags; a phrase or word prefixes), :func:`sort_problems` (``SORTS``) over a person's
:class:`ProblemStats` (:func:`problem_stats`, read by ``Interviews.problem_stats``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from coach_engine.models import CodeRun, InterviewSession
    from coach_engine.problems import ProblemBank

INDEX_NAME = "problem-index.json"
FORMAT = 1


@dataclass(frozen=True)
class ProblemSummary:
    """What a listing shows of a problem."""

    slug: str
    title: str
    difficulty: str
    tags: tuple[str, ...]
    origin: str


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _schema_stamp() -> list[Any]:
    """The schema's and loader's source files: a Coach upgrade changes what a problem means."""
    here = Path(__file__).parent / "problems"
    return [_stamp(here / name) for name in ("schema.py", "problem.py", "loader.py")]


def _keys(bank: ProblemBank) -> dict[str, list[Any]] | None:
    """slug → [problem.toml path, its stamp, origin], or None when a file cannot be stat'ed
    (a source inside a zip: no caching)."""
    keys: dict[str, list[Any]] = {}
    for slug, (root, origin) in bank.sources().items():
        toml = Path(str(root.joinpath("problem.toml")))
        stamp = _stamp(toml)
        if stamp is None:
            return None
        keys[slug] = [str(toml), stamp, origin]
    return keys


def _index_path() -> Path:
    from coach_engine import locations

    return locations.cache_dir() / INDEX_NAME


def _read(path: Path, keys: dict[str, list[Any]]) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if data.get("schema") != _schema_stamp() or data.get("keys") != keys:
        return None
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)  # readers see the old index or the new one, never half
    except OSError:  # a read-only, full or blocked cache: list without an index
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


@dataclass(frozen=True)
class ProblemListing:
    """A listing with its vocabulary: what a front end's problem list and its filters need,
    read from the index (no problem parsed, no schema imported on a hit)."""

    problems: tuple[ProblemSummary, ...]
    """Sorted by difficulty, then slug."""
    difficulties: tuple[str, ...]
    """The schema's difficulties, easy to hard."""
    tags: tuple[str, ...]
    """The schema's tags (the topics a listing filters by)."""


def _index(bank: ProblemBank) -> dict[str, Any]:
    """The index for ``bank``'s sources: read when it is current, else built from a full
    parse (``ProblemBank.list``, which raises on an invalid problem) and written."""
    keys = _keys(bank)
    path = _index_path()
    data = _read(path, keys) if keys is not None else None
    if data is None:
        problems = bank.list()  # parses and validates every problem.toml
        from coach_engine.problems import DIFFICULTIES, TAGS

        data = {
            "format": FORMAT,
            "schema": _schema_stamp(),
            "keys": keys,
            "difficulties": list(DIFFICULTIES),
            "tags": list(TAGS),
            "problems": [
                asdict(ProblemSummary(p.slug, p.title, p.difficulty, tuple(p.tags), p.origin))
                for p in problems
            ],
        }
        if keys is not None:
            _write(path, data)
    return data


def _summaries(data: Mapping[str, Any]) -> list[ProblemSummary]:
    return [
        ProblemSummary(p["slug"], p["title"], p["difficulty"], tuple(p["tags"]), p["origin"])
        for p in data["problems"]
    ]


def problem_listing(bank: ProblemBank | None = None) -> ProblemListing:
    """Every problem of the bank and the person's packs, summarised, with the difficulties and
    tags a front end offers as filters.

    Raises:
        ProblemError: an invalid problem (on a miss, from the full parse).
    """
    from coach_engine.problems import ProblemBank

    data = _index(bank or ProblemBank())
    return ProblemListing(tuple(_summaries(data)), tuple(data["difficulties"]), tuple(data["tags"]))


def list_problems(
    difficulty: str | None = None, tag: str | None = None, *, bank: ProblemBank | None = None
) -> list[ProblemSummary]:
    """Every problem of the bank and the person's packs, sorted by difficulty then slug,
    optionally filtered — what ``ProblemBank.list`` returns, summarised.

    Raises:
        ProblemError: an unknown difficulty or tag (the bank's error, naming the known
            ones), or an invalid problem (on a miss, from the full parse).
    """
    from coach_engine.problems import ProblemBank

    bank = bank or ProblemBank()
    data = _index(bank)
    if (difficulty is not None and difficulty not in data["difficulties"]) or (
        tag is not None and tag not in data["tags"]
    ):
        bank.list(difficulty=difficulty, tag=tag)  # raises the bank's error, naming the values
    out = _summaries(data)
    if difficulty is not None:
        out = [p for p in out if p.difficulty == difficulty]
    if tag is not None:
        out = [p for p in out if tag in p.tags]
    return out


# searching and sorting ---------------------------------------------------------------------------
# The home screen's search box, ``coach problems list --search/--sort`` and the server share these,
# so a query finds the same problems wherever it is typed.


class Listed(Protocol):
    """What search and sort read of a problem: a ``ProblemSummary`` or a full ``Problem``."""

    @property
    def slug(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def difficulty(self) -> str: ...
    @property
    def tags(self) -> Sequence[str]: ...


L = TypeVar("L", bound=Listed)

SORTS = ("difficulty", "acceptance", "last-attempted")
"""The orders a listing offers, in the order a front end cycles through them."""
SORT_LABELS = {
    "difficulty": "difficulty",
    "acceptance": "acceptance",
    "last-attempted": "last attempted",
}
_RANK = {"easy": 0, "medium": 1, "hard": 2}
"""Mirrors ``problems.schema.DIFFICULTIES`` (a test checks): importing the schema would cost the
listing its fast path."""


@dataclass(frozen=True)
class ProblemStats:
    """One person's record on a problem, read from their sessions and submissions."""

    last_attempted: datetime | None = None
    """The latest start, resume, end or run of a session on it (None: never attempted)."""
    submissions: int = 0
    accepted: int = 0
    solved: bool = False
    """A completed interview holds an accepted submission (the home screen's ✓)."""

    @property
    def acceptance(self) -> float | None:
        """Accepted submissions ÷ submissions (None: never submitted). LeetCode's global rate
        is not known offline, so "acceptance" is the person's own."""
        return self.accepted / self.submissions if self.submissions else None


def problem_stats(
    history: Iterable[tuple[InterviewSession, Sequence[CodeRun]]],
) -> dict[str, ProblemStats]:
    """slug → ``ProblemStats`` from sessions and their runs (sessions without a problem are
    left out). Only submissions count towards acceptance, as on LeetCode."""
    from coach_engine.models import SessionStatus

    stats: dict[str, ProblemStats] = {}
    for session, runs in history:
        slug = session.problem_slug
        if not slug:
            continue
        old = stats.get(slug, ProblemStats())
        submitted = [r for r in runs if r.is_submission]
        accepted = sum(r.verdict == "AC" for r in submitted)
        # what the person did, not ``updated_at`` (a feedback job landing later touches it)
        moments = (session.created_at, session.started_at, session.resumed_at, session.completed_at)
        touched = max([m for m in moments if m is not None] + [r.created_at for r in runs])
        last = old.last_attempted
        stats[slug] = ProblemStats(
            last_attempted=touched if last is None or touched > last else last,
            submissions=old.submissions + len(submitted),
            accepted=old.accepted + accepted,
            solved=old.solved or (session.status == SessionStatus.COMPLETED and accepted > 0),
        )
    return stats


def _words(text: str) -> list[str]:
    """Lower-case words: ``Two-Sum``, ``two sum`` and ``two_sum`` all read ``two sum``."""
    return re.findall(r"[^\W_]+", text.lower())


def matches(problem: Listed, query: str) -> bool:
    """``query`` (case-insensitive) is in the title, the slug or a tag, or each of its words
    begins a word of them: ``two sum``, ``dp``, ``hash``, ``bin tree`` all find something."""
    wanted = _words(query)
    if not wanted:
        return True
    fields = [problem.title, problem.slug, *problem.tags]
    phrase = " ".join(wanted)
    if any(phrase in " ".join(_words(f)) for f in fields):
        return True
    words = [w for f in fields for w in _words(f)]
    return all(any(w.startswith(q) for w in words) for q in wanted)


def search_problems(problems: Iterable[L], query: str) -> list[L]:
    """The problems ``query`` matches (see :func:`matches`), in the given order."""
    return [p for p in problems if matches(p, query)]


def check_sort(sort: str) -> str:
    """``sort`` if it is one of ``SORTS`` (case and ``_``/space for ``-`` forgiven).

    Raises:
        ValidationError: any other value; the message lists ``SORTS``.
    """
    key = "-".join(_words(sort))
    if key not in SORTS:
        from coach_engine.errors import ValidationError

        raise ValidationError(
            f"unknown sort {sort!r}: use one of {', '.join(SORTS)}", title="Unknown sort"
        )
    return key


def sort_problems(
    problems: Iterable[L], sort: str = "difficulty", stats: Mapping[str, ProblemStats] | None = None
) -> list[L]:
    """``problems`` in the order ``sort`` names; ties (and never-attempted problems, which go
    last) by difficulty, then slug.

    - ``difficulty``: easy to hard.
    - ``acceptance``: the person's highest acceptance first.
    - ``last-attempted``: the most recently attempted first.

    Raises:
        ValidationError: an unknown ``sort``.
    """
    key = check_sort(sort)
    stats = stats or {}
    empty = ProblemStats()

    def plain(p: L) -> tuple[int, str]:
        return (_RANK.get(p.difficulty, len(_RANK)), p.slug)

    def by(p: L) -> tuple[Any, ...]:
        s = stats.get(p.slug, empty)
        if key == "acceptance":
            rate = s.acceptance
            return (rate is None, -(rate or 0.0), *plain(p))
        if key == "last-attempted":
            when = s.last_attempted
            return (when is None, -(when.timestamp() if when else 0.0), *plain(p))
        return plain(p)

    return sorted(problems, key=by)
