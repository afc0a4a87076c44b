"""The engine services behind the CLI's commands, called as a server would (no CLI in between).

Deleting a person's data touches only that person's rows; a solution file's language and the
sandbox backend follow one policy; the feedback narrative falls back (or not) as configured;
the health report finds a damaged database; pack validation defaults to the person's packs;
settings round-trip by key. Every call goes through ``coach_engine.api``.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from coach_engine import api
from coach_engine.api import ConfigError, Engine, ProviderError, ValidationError
from coach_engine.config import Config
from coach_engine.models import SessionCreate
from coach_engine.store import SQLiteStore

LABELLED = Path(__file__).parent / "fixtures" / "judge_labelled"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return Engine(SQLiteStore.open(tmp_path / "s.db"), Config())


def _session(engine: Engine, user_id: str) -> str:
    data = SessionCreate(problem_slug="two-sum", language="python")
    return engine.store.create_session(user_id, data).id


def test_delete_all_removes_one_persons_rows_and_nobody_elses(engine: Engine) -> None:
    other = engine.create_user("Teammate")
    mine = [_session(engine, engine.user.id) for _ in range(2)]
    theirs = _session(engine, other.user_id)

    deleted = asyncio.run(engine.account.delete_all())

    assert deleted.sessions == 2 and deleted.rows["interview_sessions"] == 2
    assert asyncio.run(engine.account.row_counts()).get("interview_sessions", 0) == 0
    assert engine.store.get_session(other.user_id, theirs).id == theirs
    assert asyncio.run(other.account.row_counts())["interview_sessions"] == 1
    assert all(
        s not in {x.id for x in engine.store.list_sessions(other.user_id).items} for s in mine
    )


def test_delete_all_removes_the_sessions_files_too(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))
    other = engine.create_user("Teammate")
    mine, theirs = _session(engine, engine.user.id), _session(engine, other.user_id)
    for session_id in (mine, theirs):
        api.write_solution(api.solution_path(session_id, "python"), "print(1)\n")

    asyncio.run(engine.account.delete_all())

    assert not api.solution_path(mine, "python").parent.exists()
    assert api.solution_path(theirs, "python").read_text() == "print(1)\n"


def test_a_solution_files_language() -> None:
    assert api.language_of("solution.py") == "python"
    assert api.language_of("Main.JAVA") == "java"
    assert api.language_of("answer.txt", "go") == "go"  # named explicitly: the name wins
    with pytest.raises(ValidationError, match="--lang"):
        api.language_of("solution.rb")


def test_the_backend_policy() -> None:
    cfg = Config()
    assert api.resolve_backend(None, cfg) == cfg.sandbox.backend == "bwrap"
    assert api.resolve_backend("docker", cfg) == "docker"
    assert api.resolve_backend("unsafe", cfg) == "unsafe"  # naming it is the consent
    with pytest.raises(ValidationError, match="unknown backend"):
        api.resolve_backend("chroot", cfg)
    cfg.sandbox.backend = "unsafe"
    with pytest.raises(ConfigError, match="allow_unsafe"):
        api.resolve_backend(None, cfg)
    cfg.sandbox.allow_unsafe = True
    assert api.resolve_backend(None, cfg) == "unsafe"


def test_an_unknown_narrative_provider_is_refused_before_judging(engine: Engine) -> None:
    code = (LABELLED / "two-sum" / "optimal.py").read_text()
    with pytest.raises(ValidationError, match="unknown provider 'gpt'"):
        asyncio.run(engine.solution_feedback.review("two-sum", code, "python", provider="gpt"))


@pytest.mark.parametrize("fallback", [True, False])
def test_a_failing_provider_falls_back_only_when_allowed(tmp_path: Path, fallback: bool) -> None:
    cfg = Config()
    cfg.provider.fallback_offline = fallback
    cfg.provider.name = "openai-compatible"
    cfg.provider.base_url = "http://127.0.0.1:9/v1"  # nothing listens on the discard port
    engine = Engine(SQLiteStore.open(tmp_path / "f.db"), cfg)
    code = (LABELLED / "two-sum" / "optimal.py").read_text()
    review = engine.solution_feedback.review("two-sum", code, "python", budget_s=3, model="m")
    if not fallback:
        with pytest.raises(ProviderError):
            asyncio.run(review)
        return
    result = asyncio.run(review)
    assert result.warning and result.feedback.correctness.verdict == "AC"
    assert result.feedback.model == "offline-judge"  # the measured feedback, unnarrated


def test_health_report_finds_a_damaged_database(coach_home: Path) -> None:
    checks = {c["name"]: c for c in api.health_checks()}
    assert checks["data directory"]["ok"] and checks["database"]["ok"]
    assert checks["database"]["essential"]
    db = coach_home / "coach.db"
    conn = sqlite3.connect(db)
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'interview_sessions'"
    ).fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()  # the last connection: the WAL is checkpointed into the file
    with open(db, "r+b") as f:
        f.seek((root - 1) * page)
        f.write(bytes(range(256)) * (page // 256))  # garbage over the table's root page
    damaged = {c["name"]: c for c in api.health_checks()}["database"]
    assert not damaged["ok"] and "damaged" in damaged["detail"].lower()


def test_pack_validation_defaults_to_the_persons_packs(coach_home: Path) -> None:
    from coach_engine.problem_packs import default_pack_path

    assert (default_pack_path() / "two-sum").is_dir()  # no packs yet: the bundled bank
    (coach_home / "problems").mkdir()
    assert default_pack_path() == coach_home / "problems"
    assert api.validate_problems() == {}  # an empty pack has nothing to report


def test_settings_by_key(coach_home: Path) -> None:
    assert api.config_path() == coach_home / "config.toml"
    assert api.set_setting("interview.duration_minutes", "30") == 30
    assert api.get_setting("interview.duration_minutes") == 30
    assert api.list_settings()["interview.duration_minutes"] == 30
    with pytest.raises(ConfigError):
        api.set_setting("interview.no_such_thing", "1")
