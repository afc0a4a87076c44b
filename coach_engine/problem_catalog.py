"""The problem listing (slug, title, difficulty, tags, origin) without parsing every problem.

``coach problems list`` and a home screen's picker need five fields of each problem. Parsing and
validating every ``problem.toml`` (and importing the pydantic schema to do it) is most of the
listing's cost, so the summaries of problems that parsed are kept in an index under the cache
directory, keyed by each ``problem.toml``'s path, size and modification time and by the
schema's own source file. Any change — a new, edited or removed problem, a pack imported, a
new Coach version — is a miss, and a miss lists through ``ProblemBank.list`` exactly as before
(so an invalid problem still fails the listing with its error) and rewrites the index. The
index is regenerable data: when it cannot be read or written, the listing works without it.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    if (difficulty is not None and difficulty not in data["difficulties"]) or (
        tag is not None and tag not in data["tags"]
    ):
        bank.list(difficulty=difficulty, tag=tag)  # raises the bank's error, naming the values
    out = [
        ProblemSummary(p["slug"], p["title"], p["difficulty"], tuple(p["tags"]), p["origin"])
        for p in data["problems"]
    ]
    if difficulty is not None:
        out = [p for p in out if p.difficulty == difficulty]
    if tag is not None:
        out = [p for p in out if tag in p.tags]
    return out
