"""The plain listing reader (``coach_engine.listing_reader``): read straight from SQLite only when
that gives the engine's answer, else through the engine, with the same rows and errors.

A direct read is proven by making ``Engine.open`` unusable; each fallback by counting its calls.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach_engine import config_stamp, listing_reader, locations
from coach_engine.engine import Engine
from coach_engine.errors import ConfigError, ValidationError
from coach_engine.listing_reader import (
    DrillRow,
    SessionRow,
    list_drill_rows,
    list_session_rows,
)
from coach_engine.models import (
    Difficulty,
    Drill,
    DrillStatus,
    DrillType,
    InterviewKind,
    SessionCreate,
    SessionStatus,
    User,
)
from coach_engine.store import SQLiteStore


@pytest.fixture
def stored(coach_home: Path) -> Iterator[SQLiteStore]:
    """The person's database with sessions of every kind and state, and drills."""
    locations.ensure_home()
    store = SQLiteStore.open(locations.database_path())
    user = store.default_user().id
    now = datetime.now(UTC)
    for i in range(7):
        store.create_session(user, SessionCreate(problem_slug=f"p-{i}", language="go"))
    design = store.create_session(
        user, SessionCreate(kind=InterviewKind.SYSTEM_DESIGN, topic="a cache", problem_slug=None)
    )
    store.create_session(user, SessionCreate(kind=InterviewKind.BEHAVIORAL, problem_slug=None))
    running = store.create_session(user, SessionCreate(problem_slug="two-sum"))
    store.transition_session(
        user,
        running.id,
        expected=SessionStatus.CREATED,
        new=SessionStatus.IN_PROGRESS,
        changes={"active_seconds": 95.5, "resumed_at": now - timedelta(minutes=3)},
    )
    store.transition_session(
        user,
        design.id,
        expected=SessionStatus.CREATED,
        new=SessionStatus.COMPLETED,
        changes={"score": 7, "active_seconds": 1800.0},
    )
    other = store.create_user(User(full_name="Bob", provider="server"))
    store.create_session(other.id, SessionCreate(problem_slug="theirs"))  # never listed
    for n, status in enumerate(DrillStatus):
        store.add_drill(
            Drill(
                user_id=user,
                title=f"drill {status.value}",
                prompt="p",
                drill_type=DrillType.CONCEPT_REVIEW,
                difficulty=Difficulty.EASY,
                status=status,
                due_at=now + timedelta(days=n - 2),
            )
        )
    store.add_drill(
        Drill(user_id=user, title="later", prompt="p", drill_type=DrillType.CODE_EXERCISE,
              due_at=now + timedelta(days=5))
    )  # fmt: skip
    yield store
    store.close()


@pytest.fixture
def engine_opens(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts ``Engine.open`` calls (the fallback), each still opening the real engine."""
    calls: list[int] = []
    real = Engine.open.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Engine], database: Path | None = None) -> Engine:
        calls.append(1)
        return real(cls, database)  # type: ignore[no-any-return]

    monkeypatch.setattr(Engine, "open", classmethod(counted))
    return calls


SESSION_ARGS: list[dict[str, object]] = [
    {},
    {"sort": "created_at", "limit": 3, "offset": 3},
    {"sort": "-score", "limit": 500},
    {"sort": "updated_at", "status": "in_progress, completed"},
    {"status": ["CREATED"], "limit": 2, "offset": 6},
    {"status": "paused"},
    {"status": " , "},  # blanks only: no filter
]


def _engine_page(store: SQLiteStore, args: dict[str, object]) -> tuple[list[SessionRow], int]:
    from coach_engine.sessions import parse_statuses

    page = store.list_sessions(
        store.default_user().id,
        statuses=parse_statuses(args.get("status")),  # type: ignore[arg-type]
        sort=str(args.get("sort", "-created_at")),
        limit=int(args.get("limit", 20)),  # type: ignore[call-overload]
        offset=int(args.get("offset", 0)),  # type: ignore[call-overload]
    )
    return [SessionRow.of(s) for s in page.items], page.total


def test_sessions_are_read_directly_and_equal_the_engines_rows(
    stored: SQLiteStore, engine_opens: list[int]
) -> None:
    for args in SESSION_ARGS:
        page = list_session_rows(**args)  # type: ignore[arg-type]
        assert (page.items, page.total) == _engine_page(stored, args), args
        assert page.offset == args.get("offset", 0)
    assert engine_opens == []  # every one read straight from the file
    running = next(r for r in list_session_rows().items if r.status == "IN_PROGRESS")
    assert 95.5 + 170 < running.elapsed_seconds() < 95.5 + 3600  # banked + the running stretch


def test_the_engine_path_gives_the_same_rows(
    stored: SQLiteStore, engine_opens: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_UI__THEME", "dark")  # a setting from the environment: full load
    for args in SESSION_ARGS:
        page = list_session_rows(**args)  # type: ignore[arg-type]
        assert (page.items, page.total) == _engine_page(stored, args), args
    assert list_drill_rows(include_done=True) == [
        DrillRow.of(d) for d in stored.list_drills(stored.default_user().id)
    ]
    assert len(engine_opens) == len(SESSION_ARGS) + 1


def test_drills_are_read_directly_and_equal_the_engines_queue(
    stored: SQLiteStore, engine_opens: list[int]
) -> None:
    import asyncio

    with Engine.open() as engine:
        for due in (False, True):
            for include_done in (False, True):
                want = asyncio.run(engine.drills.queue(due=due, include_done=include_done))
                got = list_drill_rows(due=due, include_done=include_done)
                assert got == [DrillRow.of(d) for d in want], (due, include_done)
    assert engine_opens == [1]  # the comparison's own open only
    assert [d.status for d in list_drill_rows()] == ["pending", "in_progress", "pending"]
    assert [d.title for d in list_drill_rows(due=True)] == ["drill pending", "drill in_progress"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"status": "bogus, paused"}, "unknown status 'bogus'"),
        ({"sort": "speed"}, "unknown sort 'speed'"),
        ({"limit": 501}, "limit must be 1..500"),
        ({"limit": 0}, "limit must be 1..500"),
        ({"offset": -1}, "limit must be 1..500"),
    ],
)
def test_an_invalid_argument_raises_the_engines_error(
    stored: SQLiteStore, engine_opens: list[int], args: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        list_session_rows(**args)  # type: ignore[arg-type]
    assert engine_opens == [1]


def test_no_database_yet_is_created_by_the_engine(
    coach_home: Path, engine_opens: list[int]
) -> None:
    assert list_session_rows().items == [] and list_drill_rows() == []
    assert len(engine_opens) == 1  # then the database exists, migrated, with its local user
    assert locations.database_path().is_file()
    assert list_session_rows().total == 0 and len(engine_opens) == 1


def test_an_older_schema_is_migrated_by_the_engine(
    coach_home: Path, engine_opens: list[int]
) -> None:
    from coach_engine.store import migrations
    from coach_engine.store.database import Database

    locations.ensure_home()
    db = Database(locations.database_path())
    db.conn.execute("PRAGMA journal_mode = WAL")
    migrations.migrate(db, stop_after="m006_dashboard_goals_and_reviews")
    db.conn.close()
    assert list_session_rows().total == 0
    assert len(engine_opens) == 1
    list_session_rows()
    assert len(engine_opens) == 1  # migrated: read directly now


def test_a_config_file_is_read_directly_once_a_full_load_accepted_it(
    stored: SQLiteStore, engine_opens: list[int]
) -> None:
    path = locations.config_path()
    path.write_text('[ui]\ntheme = "light"\n')
    list_session_rows()
    assert len(engine_opens) == 1  # not known yet: the full load checks it, and records it
    list_session_rows()
    list_drill_rows()
    assert len(engine_opens) == 1
    path.write_text('[ui]\ntheme = "purple"\n')  # changed (and invalid): the full load says so
    with pytest.raises(ConfigError, match="ui.theme"):
        list_session_rows()
    with pytest.raises(ConfigError, match="ui.theme"):
        list_drill_rows()
    assert len(engine_opens) == 3
    path.write_text('[ui]\ntheme = "light"\n')  # back to the bytes a load accepted
    list_session_rows()
    assert len(engine_opens) == 3


def test_a_changed_schema_or_an_unwritable_cache_means_a_full_load(
    stored: SQLiteStore,
    engine_opens: list[int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    locations.config_path().write_text('[ui]\ntheme = "light"\n')
    list_session_rows()
    assert config_stamp.known_valid() and len(engine_opens) == 1
    other = tmp_path / "config.py"
    other.write_text(config_stamp._SCHEMA.read_text() + "\n# another schema\n")
    monkeypatch.setattr(config_stamp, "_SCHEMA", other)  # the settings' source changed
    assert not config_stamp.known_valid()
    list_session_rows()
    assert len(engine_opens) == 2 and config_stamp.known_valid()  # re-checked, re-recorded
    stamp = locations.cache_dir() / config_stamp.STAMP_NAME
    stamp.unlink()
    stamp.mkdir()  # the stamp cannot be read or written: every listing loads in full, and lists
    assert list_session_rows().total == 10 and list_drill_rows()
    assert len(engine_opens) == 4


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("COACH_SANDBOX__TIME_MS", "x"),
        ("coach_ui__theme", "purple"),  # any case, as pydantic-settings reads them
        ("COACH_PROVIDER", "nobody"),  # an alias
        ("COACH_SANDBOX", "not json"),  # a whole section
        ("coach_model", "m" * 201),
    ],
)
def test_a_setting_in_the_environment_is_loaded_in_full(
    stored: SQLiteStore, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    assert config_stamp.environment_sets_a_setting()
    with pytest.raises(ConfigError):  # what `Engine.open` says of that value
        list_session_rows()
    with pytest.raises(ConfigError):
        list_drill_rows()


def test_variables_that_set_no_checked_setting_keep_the_direct_read(
    stored: SQLiteStore, engine_opens: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "COACH_API_KEY", "COACH_DEBUG",
                 "COACH_SANDBOX_CACHE", "COACH_HOMEX", "COACH_UIX__A"):  # fmt: skip
        monkeypatch.setenv(name, "anything")
    assert not config_stamp.environment_sets_a_setting()
    list_session_rows()
    assert engine_opens == []


def test_a_config_that_is_not_a_regular_file_goes_to_the_full_load(
    stored: SQLiteStore, engine_opens: list[int]
) -> None:
    import os

    os.mkfifo(locations.config_path())  # never opened here (it would block)
    with pytest.raises(ConfigError, match="not a regular file"):
        list_session_rows()


def test_the_readers_constants_are_the_engines() -> None:
    from coach_engine.config import LEGACY_ENV, Config
    from coach_engine.drills.service import OPEN
    from coach_engine.session_fields import SESSION_STATUSES
    from coach_engine.store.listing_queries import OPEN_DRILL_STATUSES

    assert config_stamp.SECTIONS == tuple(Config.model_fields)
    keys = {name for name, key in LEGACY_ENV.items() if key.startswith("keys.")}
    assert set(config_stamp.SETTING_ALIASES) == set(LEGACY_ENV) - keys
    assert SESSION_STATUSES == tuple(s.value for s in SessionStatus)
    assert OPEN_DRILL_STATUSES == tuple(s.value for s in OPEN)
    assert listing_reader.MAX_LIMIT == 500  # the store's page bound
