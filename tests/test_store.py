"""The SQLite store on real files: migrations, scoping, pagination, concurrency, crash safety."""

from __future__ import annotations

import inspect
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from coach_engine.errors import NotFoundError, StoreError, ValidationError
from coach_engine.models import (
    CodeRun,
    CodeSnapshot,
    Drill,
    DrillType,
    FeedbackRun,
    Message,
    Note,
    Role,
    SessionCreate,
    SessionStatus,
    SnapshotReason,
    TestOutcome,
    User,
)
from coach_engine.store import SQLiteStore, Store, repositories
from coach_engine.store.database import Database
from coach_engine.store.migrations import MIGRATIONS, migrate, schema_version

ALL_TABLES = {
    "users",
    "interview_sessions",
    "messages",
    "code_snapshots",
    "code_runs",
    "test_results",
    "feedback_runs",
    "drills",
    "evaluation_rubrics",
    "skills",
    "user_skills",
    "weekly_goals",
    "notes",
}


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore.open(tmp_path / "coach.db")


def test_empty_file_migrates_to_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    store = SQLiteStore.open(path)
    db = Database(path)
    assert ALL_TABLES <= set(db.table_names())
    assert store.schema_version() == len(MIGRATIONS)
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    # every person-owned table carries user_id
    for table in ALL_TABLES - {"users", "evaluation_rubrics", "skills"}:
        assert "user_id" in db.columns(table), table
    assert {r.name for r in store.list_rubrics()} >= {"coding", "system-design", "behavioral"}


@pytest.mark.parametrize("stop_after", [m.__name__ for m in MIGRATIONS])
def test_every_older_schema_version_upgrades(tmp_path: Path, stop_after: str) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    migrate(db, stop_after=stop_after)
    older = schema_version(db)
    # a row written at the old version survives the upgrade
    db.conn.execute(
        "INSERT INTO users (id, full_name, provider, created_at, updated_at) "
        "VALUES ('u1', 'Old', 'local', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
    )
    db.conn.commit()
    db.conn.close()
    store = SQLiteStore.open(path)
    assert store.schema_version() == len(MIGRATIONS) >= older
    assert store.default_user().id == "u1"
    # the upgraded schema works end to end
    session = store.create_session("u1", SessionCreate(problem_slug="two-sum"))
    assert store.get_session("u1", session.id).status == SessionStatus.CREATED


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    SQLiteStore.open(path).close()
    db = Database(path)
    assert migrate(db) == []
    assert db.count("evaluation_rubrics") == 4


def test_corrupt_database_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="move it away"):
        SQLiteStore.open(path)
    assert path.read_bytes().startswith(b"this is not")  # nothing overwritten


def test_user_scoping(store: SQLiteStore) -> None:
    alice = store.default_user()
    bob = store.create_user(User(full_name="Bob", provider="server"))
    a = store.create_session(alice.id, SessionCreate(problem_slug="two-sum"))
    b = store.create_session(bob.id, SessionCreate(problem_slug="merge-intervals"))
    store.add_message(Message(session_id=b.id, user_id=bob.id, role=Role.USER, content="b"))
    store.save_snapshot(CodeSnapshot(session_id=b.id, user_id=bob.id, language="go", code="x"))
    assert [s.id for s in store.list_sessions(alice.id).items] == [a.id]
    assert [s.id for s in store.list_sessions(bob.id).items] == [b.id]
    with pytest.raises(NotFoundError):
        store.get_session(alice.id, b.id)
    with pytest.raises(NotFoundError):
        store.resolve_session_id(alice.id, b.id[:6])
    assert store.list_messages(alice.id, b.id) == []
    assert store.latest_snapshot(alice.id, b.id) is None
    with pytest.raises(NotFoundError):  # alice cannot write into bob's session
        store.add_message(Message(session_id=b.id, user_id=alice.id, role=Role.USER, content="x"))
    with pytest.raises(NotFoundError):
        store.delete_session(alice.id, b.id)
    assert store.get_session(bob.id, b.id).id == b.id


def test_pagination_filter_and_sort(store: SQLiteStore) -> None:
    uid = store.default_user().id
    ids = []
    for i in range(25):
        s = store.create_session(uid, SessionCreate(problem_slug=f"p{i}"))
        ids.append(s.id)
        if i % 5 == 0:
            store.transition_session(
                uid, s.id, expected=SessionStatus.CREATED, new=SessionStatus.CANCELLED, changes={}
            )
        if i % 3 == 0:
            store.update_session(uid, s.id, {"score": i})
    newest_first = [s.id for s in store.list_sessions(uid, limit=500).items]
    assert newest_first == list(reversed(ids))
    pages = [store.list_sessions(uid, limit=10, offset=o) for o in (0, 10, 20)]
    assert [len(p.items) for p in pages] == [10, 10, 5]
    assert sum((p.items for p in pages), []) == store.list_sessions(uid, limit=500).items
    assert pages[0].total == 25 and pages[0].has_more and not pages[2].has_more
    cancelled = store.list_sessions(uid, statuses=[SessionStatus.CANCELLED])
    assert cancelled.total == 5
    assert {s.problem_slug for s in cancelled.items} == {"p0", "p5", "p10", "p15", "p20"}
    by_score = [s.score for s in store.list_sessions(uid, sort="-score", limit=500).items]
    assert by_score[:9] == [24, 21, 18, 15, 12, 9, 6, 3, 0]
    assert all(s is None for s in by_score[9:])  # unscored last
    with pytest.raises(ValidationError, match="unknown sort"):
        store.list_sessions(uid, sort="name; DROP TABLE users")
    with pytest.raises(ValidationError):
        store.list_sessions(uid, limit=0)


def test_session_id_prefix_resolution(store: SQLiteStore) -> None:
    uid = store.default_user().id
    s = store.create_session(uid, SessionCreate())
    assert store.resolve_session_id(uid, s.id[:5].upper()) == s.id
    with pytest.raises(ValidationError, match="not a session id"):
        store.resolve_session_id(uid, "zz'; --")
    with pytest.raises(NotFoundError):
        store.resolve_session_id(uid, "ffffffffffff")


def test_messages_snapshots_runs_notes_feedback_round_trip(store: SQLiteStore) -> None:
    uid = store.default_user().id
    s = store.create_session(uid, SessionCreate(problem_slug="two-sum"))
    for text in ("hello", "I'd use a hash map", "O(n)"):
        store.add_message(Message(session_id=s.id, user_id=uid, role=Role.USER, content=text))
    assert [(m.seq, m.content) for m in store.list_messages(uid, s.id)] == [
        (1, "hello"),
        (2, "I'd use a hash map"),
        (3, "O(n)"),
    ]
    for i in range(30):
        store.save_snapshot(
            CodeSnapshot(session_id=s.id, user_id=uid, language="python", code=f"v{i}"),
            keep_autosaves=5,
        )
    store.save_snapshot(
        CodeSnapshot(
            session_id=s.id, user_id=uid, language="python", code="ran", reason=SnapshotReason.RUN
        )
    )
    snaps = store.list_snapshots(uid, s.id)
    assert [x.code for x in snaps] == ["v25", "v26", "v27", "v28", "v29", "ran"]
    assert store.latest_snapshot(uid, s.id).code == "ran"  # type: ignore[union-attr]
    run = CodeRun(
        session_id=s.id,
        user_id=uid,
        language="python",
        code="ran",
        verdict="WA",
        passed=1,
        total=2,
        tests=[
            TestOutcome(
                index=0,
                verdict="AC",
                input=[[2, 7], 9],
                expected=[0, 1],
                actual=[0, 1],
                time_ms=0.4,
            ),
            TestOutcome(index=1, hidden=True, verdict="WA", input=None),
        ],
    )
    store.add_run(run)
    (stored,) = store.list_runs(uid, s.id)
    assert stored.model_dump() == run.model_dump()
    store.add_note(Note(session_id=s.id, user_id=uid, content="remember duplicates"))
    assert [n.content for n in store.list_notes(uid, s.id)] == ["remember duplicates"]
    fb = store.add_feedback(
        FeedbackRun(session_id=s.id, user_id=uid, rubric_id=store.get_rubric("coding").id)
    )
    store.update_feedback(
        uid,
        fb.id,
        {
            "status": "COMPLETED",
            "overall_score": 81,
            "criterion_scores": {"correctness": 90},
            "strengths": ["clear"],
        },
    )
    got = store.get_feedback(uid, fb.id)
    assert (got.overall_score, got.criterion_scores, got.strengths) == (
        81,
        {"correctness": 90},
        ["clear"],
    )


def test_delete_session_cascades_and_delete_user_leaves_nothing(store: SQLiteStore) -> None:
    uid = store.default_user().id
    other = store.create_user(User(full_name="Other", provider="server"))
    for owner in (uid, other.id):
        s = store.create_session(owner, SessionCreate())
        store.add_message(Message(session_id=s.id, user_id=owner, role=Role.AI, content="hi"))
        store.save_snapshot(CodeSnapshot(session_id=s.id, user_id=owner, language="go", code=""))
        store.add_run(
            CodeRun(
                session_id=s.id,
                user_id=owner,
                language="go",
                code="",
                verdict="AC",
                passed=1,
                total=1,
                tests=[TestOutcome(index=0, verdict="AC")],
            )
        )
        store.add_note(Note(session_id=s.id, user_id=owner, content="n"))
    s2 = store.list_sessions(uid).items[0]
    store.delete_session(uid, s2.id)
    assert all(v == 0 for k, v in store.count_rows(uid).items() if k != "users")
    store.delete_user_data(uid)
    assert sum(store.count_rows(uid).values()) == 0
    assert store.count_rows(other.id)["messages"] == 1  # the other user's rows are untouched


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from coach_engine.models import CodeSnapshot, SessionCreate
    from coach_engine.store import SQLiteStore
    store = SQLiteStore.open(Path(sys.argv[1]))
    uid = store.default_user().id
    sid = sys.argv[2]
    tag = sys.argv[3]
    n = int(sys.argv[4])
    for i in range(n):
        store.save_snapshot(CodeSnapshot(session_id=sid, user_id=uid, language="python",
                                         code=f"{tag}-{i}"), keep_autosaves=10**6)
        print(i, flush=True)
    """
)


def _spawn(path: Path, sid: str, tag: str, n: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), sid, tag, str(n)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_writing_at_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    store = SQLiteStore.open(path)
    sid = store.create_session(store.default_user().id, SessionCreate()).id
    procs = [_spawn(path, sid, tag, 300) for tag in ("a", "b")]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    codes = [s.code for s in store.list_snapshots(store.default_user().id, sid)]
    assert sorted(codes) == sorted([f"a-{i}" for i in range(300)] + [f"b-{i}" for i in range(300)])
    # each writer's rows are in its own order
    assert [c for c in codes if c[0] == "a"] == [f"a-{i}" for i in range(300)]


def test_sigkill_during_autosave_keeps_every_committed_row(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    store = SQLiteStore.open(path)
    uid = store.default_user().id
    sid = store.create_session(uid, SessionCreate()).id
    store.close()
    proc = _spawn(path, sid, "k", 1_000_000)
    assert proc.stdout is not None
    committed = -1
    deadline = time.monotonic() + 30
    while committed < 200 and time.monotonic() < deadline:  # let it commit a few hundred
        committed = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert committed >= 200
    reopened = SQLiteStore.open(path)
    assert reopened.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    codes = {s.code for s in reopened.list_snapshots(uid, sid)}
    # every row acknowledged (printed after its commit) survived the kill
    assert {f"k-{i}" for i in range(committed + 1)} <= codes
    # and the database is still writable
    reopened.save_snapshot(
        CodeSnapshot(session_id=sid, user_id=uid, language="python", code="after")
    )
    assert reopened.latest_snapshot(uid, sid).code == "after"  # type: ignore[union-attr]


def test_unwritable_directory_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a dir")
    with pytest.raises(StoreError, match="COACH_HOME"):
        SQLiteStore.open(blocker / "sub" / "coach.db")


def test_foreign_keys_are_enforced(store: SQLiteStore) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.db.conn.execute(
            "INSERT INTO messages (id, session_id, user_id, seq, role, content, timestamp) "
            "VALUES ('m', 'missing', 'missing', 1, 'USER', 'x', 'now')"
        )


# The interface: repositories per aggregate, the composite's flat methods delegating ------------

REPOSITORIES = {
    "users": repositories.UserRepository,
    "rubrics": repositories.RubricRepository,
    "sessions": repositories.SessionRepository,
    "conversation": repositories.ConversationRepository,
    "runs": repositories.RunRepository,
    "feedback": repositories.FeedbackRepository,
    "drills": repositories.DrillRepository,
    "progress": repositories.ProgressRepository,
    "usage": repositories.UsageRepository,
}


def test_the_sqlite_store_is_one_repository_per_aggregate(store: SQLiteStore) -> None:
    for attr, interface in REPOSITORIES.items():
        assert isinstance(getattr(store, attr), interface), attr
    # each interface is small: a backend can be written one aggregate at a time
    assert all(len(i.__abstractmethods__) <= 12 for i in REPOSITORIES.values())


class _Recorder:
    """Stands in for a repository: records which method was called with what."""

    def __init__(self, attr: str, calls: list[tuple[str, str, tuple[object, ...]]]) -> None:
        self.attr, self.calls = attr, calls

    def __getattr__(self, name: str) -> object:
        def method(*args: object, **kwargs: object) -> str:
            self.calls.append((self.attr, name, args + tuple(kwargs.values())))
            return f"{self.attr}.{name}"

        return method


class _ProbeStore(Store):
    location = "probe"

    def schema_version(self) -> int:
        return 0

    def close(self) -> None:
        pass


def test_every_repository_method_is_on_the_store_and_delegates_to_its_repository() -> None:
    calls: list[tuple[str, str, tuple[object, ...]]] = []
    probe = _ProbeStore()
    for attr in REPOSITORIES:
        setattr(probe, attr, _Recorder(attr, calls))
    for attr, interface in REPOSITORIES.items():
        for name in sorted(interface.__abstractmethods__):
            params = list(inspect.signature(getattr(Store, name)).parameters.values())[1:]
            args = [object() for p in params if p.kind == p.POSITIONAL_OR_KEYWORD]
            kwargs = {p.name: object() for p in params if p.kind == p.KEYWORD_ONLY}
            assert getattr(probe, name)(*args, **kwargs) == f"{attr}.{name}"
            assert calls[-1] == (attr, name, (*args, *kwargs.values()))


def test_the_store_depends_on_nothing_above_it_and_is_in_no_import_cycle() -> None:
    """The store sits under every service: it imports only the models and small leaf modules
    (no store ⇄ dashboard, store ⇄ providers cycle). A PostgreSQL backend keeps to this too."""
    import grimp

    graph = grimp.build_graph("coach_engine")
    uses = graph.find_upstream_modules("coach_engine.store", as_package=True)
    allowed = {
        "coach_engine.errors",
        "coach_engine.inputs",
        "coach_engine.locations",
        "coach_engine.models",
        "coach_engine.session_fields",  # the models' plain-value rules (a leaf)
        "coach_engine.system_errors",
    }
    assert uses <= allowed, sorted(uses - allowed)
    assert not uses & graph.find_downstream_modules("coach_engine.store", as_package=True)


def test_id_prefixes_resolve_exactly_as_a_scan_would(store: SQLiteStore) -> None:
    alice = store.default_user().id
    bob = store.create_user(User(full_name="Bob", provider="server")).id
    mine = [store.create_session(alice, SessionCreate()).id for _ in range(60)]
    theirs = [store.create_session(bob, SessionCreate()).id for _ in range(60)]
    for sid in mine + theirs[:5]:
        for n in (1, 2, 3, len(sid)):
            prefix = sid[:n]
            matches = [m for m in mine if m.startswith(prefix)]
            if len(matches) == 1:
                assert store.resolve_session_id(alice, prefix.upper()) == matches[0]
            elif matches:
                with pytest.raises(ValidationError, match="ambiguous"):
                    store.resolve_session_id(alice, prefix)
            else:  # bob's ids never resolve for alice
                with pytest.raises(NotFoundError):
                    store.resolve_session_id(alice, prefix)
    # a full id is one primary-key lookup, not a walk over the user's sessions
    conn = store.connections.get()
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    store.resolve_session_id(alice, mine[0])
    conn.set_trace_callback(None)
    (lookup,) = [s for s in statements if s.startswith("SELECT")]
    plan = " ".join(str(row[3]) for row in conn.execute(f"EXPLAIN QUERY PLAN {lookup}"))
    assert "(id>? AND id<?)" in plan, plan


def test_a_commit_that_fails_leaves_the_connection_usable(store: SQLiteStore) -> None:
    uid = store.default_user().id
    sid = store.create_session(uid, SessionCreate()).id
    with pytest.raises(sqlite3.IntegrityError):
        with store.connections.write() as conn:
            conn.execute("PRAGMA defer_foreign_keys = ON")  # the violation surfaces at COMMIT
            conn.execute(
                "INSERT INTO notes (id, session_id, user_id, content, created_at, updated_at) "
                "VALUES ('n', 'missing', ?, 'x', 'now', 'now')",
                (uid,),
            )
    assert not store.connections.get().in_transaction  # rolled back, not left open
    assert store.list_notes(uid, "missing") == []
    store.add_message(Message(session_id=sid, user_id=uid, role=Role.USER, content="still ok"))
    assert [m.content for m in store.list_messages(uid, sid)] == ["still ok"]


def test_compare_and_set_updates_are_scoped_and_checked(store: SQLiteStore) -> None:
    uid = store.default_user().id
    other = store.create_user(User(full_name="Other", provider="server")).id
    sid = store.create_session(uid, SessionCreate()).id
    assert store.merge_session_metadata(uid, sid, {"a": 1}) == {"a": 1}
    assert store.merge_session_metadata(uid, sid, {"b": 2}) == {"a": 1, "b": 2}
    assert store.update_session_if(uid, sid, expected={"score": None}, changes={"score": 70})
    assert not store.update_session_if(uid, sid, expected={"score": None}, changes={"score": 10})
    assert store.get_session(uid, sid).score == 70
    for attempt in (
        lambda: store.merge_session_metadata(other, sid, {"x": 1}),
        lambda: store.update_session_if(other, sid, expected={"score": 70}, changes={"score": 0}),
        lambda: store.increment_session_counter(other, sid, "reveals_used"),
    ):
        with pytest.raises(NotFoundError):
            attempt()
    session = store.get_session(uid, sid)  # the other user changed nothing
    assert (session.session_metadata, session.score, session.reveals_used) == (
        {"a": 1, "b": 2},
        70,
        0,
    )
    with pytest.raises(ValueError, match="transition_session"):
        store.update_session_if(uid, sid, expected={"status": "CREATED"}, changes={})


def test_count_and_delete_cover_every_table_with_a_user_id(store: SQLiteStore) -> None:
    db = Database(store.connections.get())
    owned = {t for t in db.table_names() if "user_id" in db.columns(t)}
    uid = store.default_user().id
    assert set(store.count_rows(uid)) == owned | {"users"}
    other = store.create_user(User(full_name="Other", provider="server")).id
    for owner in (uid, other):  # rows in the tables added last: drill reviews, skill sources
        drill = store.add_drill(
            Drill(user_id=owner, title="t", prompt="p", drill_type=DrillType.CONCEPT_REVIEW)
        )
        store.update_drill(owner, drill.id, {"score": 80, "last_reviewed_at": "2026-01-01"})
        assert store.claim_skill_source(owner, f"fb-{owner}")
    assert store.count_rows(uid)["drill_reviews"] == store.count_rows(uid)["skill_sources"] == 1
    store.delete_user_data(uid)
    assert sum(store.count_rows(uid).values()) == 0
    assert store.count_rows(other)["drill_reviews"] == store.count_rows(other)["skill_sources"] == 1
