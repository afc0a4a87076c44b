"""Numbered schema migrations, applied in order when the store opens (after simonw/llm's).

Each migration is a function decorated with ``@migration``; its name is recorded in
``_migrations`` once applied, so every database — empty, or at any older version — reaches the
current schema. Never edit a migration that has shipped: add a new one.

Every table holding a person's data carries ``user_id`` and is indexed on it: server mode is
multi-user and every query is scoped by user.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from coach_engine.store.database import Database

Migration = Callable[[Database], None]
MIGRATIONS: list[Migration] = []
migration = MIGRATIONS.append

SCHEMA_VERSION_TABLE = "_migrations"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def applied(db: Database) -> list[str]:
    if SCHEMA_VERSION_TABLE not in db.table_names():
        return []
    rows = db.conn.execute(f"SELECT name FROM {SCHEMA_VERSION_TABLE} ORDER BY rowid").fetchall()
    return [str(r[0]) for r in rows]


def schema_version(db: Database) -> int:
    return len(applied(db))


def migrate(db: Database, *, stop_after: str | None = None) -> list[str]:
    """Apply every pending migration, each in its own transaction. Returns the names applied.

    ``stop_after`` (tests only) stops after the named migration, to build older schema versions.
    """
    conn = db.conn
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {SCHEMA_VERSION_TABLE} "
        "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    conn.commit()
    ran: list[str] = []
    for fn in MIGRATIONS:
        name = fn.__name__
        # One IMMEDIATE transaction per migration, re-checking inside it: a migration applies
        # entirely or not at all, and two processes opening a new database never both apply it.
        conn.execute("BEGIN IMMEDIATE")
        try:
            done = conn.execute(
                f"SELECT 1 FROM {SCHEMA_VERSION_TABLE} WHERE name = ?", (name,)
            ).fetchone()
            if not done:
                fn(db)
                conn.execute(
                    f"INSERT INTO {SCHEMA_VERSION_TABLE} (name, applied_at) VALUES (?, ?)",
                    (name, _now()),
                )
                ran.append(name)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if name == stop_after:
            break
    return ran


def _script(db: Database, sql: str) -> None:
    # executescript() would COMMIT the surrounding transaction; run statements one by one.
    for statement in sql.split(";"):
        if statement.strip():
            db.conn.execute(statement)


@migration
def m001_initial(db: Database) -> None:
    _script(
        db,
        """
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            full_name TEXT NOT NULL DEFAULT '',
            email TEXT UNIQUE,
            hashed_password TEXT,
            is_active INTEGER NOT NULL DEFAULT 1,
            is_superuser INTEGER NOT NULL DEFAULT 0,
            provider TEXT NOT NULL DEFAULT 'local',
            provider_id TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            last_login_at TEXT
        );
        CREATE TABLE interview_sessions (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            kind TEXT NOT NULL DEFAULT 'coding',
            problem_slug TEXT,
            topic TEXT NOT NULL DEFAULT '',
            difficulty TEXT NOT NULL,
            language TEXT NOT NULL,
            score INTEGER,
            duration_minutes INTEGER NOT NULL,
            status TEXT NOT NULL,
            role TEXT,
            skill_targets TEXT,
            question TEXT,
            question_context TEXT,
            response_text TEXT,
            response_audio_url TEXT,
            transcript TEXT,
            transcript_status TEXT,
            session_metadata TEXT,
            started_at TEXT,
            completed_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX idx_sessions_user_status ON interview_sessions(user_id, status);
        CREATE INDEX idx_sessions_user_created ON interview_sessions(user_id, created_at);
        CREATE TABLE messages (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES interview_sessions(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            role TEXT NOT NULL,
            content TEXT NOT NULL,
            content_type TEXT NOT NULL DEFAULT 'TEXT',
            code_language TEXT,
            code_snippet TEXT,
            is_streaming INTEGER NOT NULL DEFAULT 0,
            token_count INTEGER,
            timestamp TEXT NOT NULL
        );
        CREATE INDEX idx_messages_session ON messages(session_id, seq);
        CREATE INDEX idx_messages_user ON messages(user_id);
        CREATE TABLE code_snapshots (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES interview_sessions(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX idx_snapshots_session ON code_snapshots(session_id, created_at);
        CREATE INDEX idx_snapshots_user ON code_snapshots(user_id);
        CREATE TABLE code_runs (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES interview_sessions(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            is_submission INTEGER NOT NULL DEFAULT 0,
            language TEXT NOT NULL,
            code TEXT NOT NULL,
            verdict TEXT NOT NULL,
            passed INTEGER NOT NULL,
            total INTEGER NOT NULL,
            compile_ms REAL NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX idx_runs_session ON code_runs(session_id, created_at);
        CREATE INDEX idx_runs_user ON code_runs(user_id, created_at);
        CREATE TABLE test_results (
            id INTEGER PRIMARY KEY,
            run_id TEXT NOT NULL REFERENCES code_runs(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            hidden INTEGER NOT NULL DEFAULT 0,
            verdict TEXT NOT NULL,
            time_ms REAL NOT NULL DEFAULT 0,
            memory_kb INTEGER NOT NULL DEFAULT 0,
            input TEXT,
            expected TEXT,
            actual TEXT,
            stdout TEXT NOT NULL DEFAULT '',
            stderr TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX idx_test_results_run ON test_results(run_id, idx);
        CREATE INDEX idx_test_results_user ON test_results(user_id);
        CREATE TABLE evaluation_rubrics (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            category TEXT NOT NULL,
            description TEXT,
            criteria TEXT NOT NULL,
            max_score INTEGER NOT NULL DEFAULT 100,
            passing_score INTEGER NOT NULL DEFAULT 70,
            is_active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (name, version)
        );
        CREATE TABLE feedback_runs (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES interview_sessions(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            rubric_id INTEGER REFERENCES evaluation_rubrics(id),
            status TEXT NOT NULL,
            progress REAL NOT NULL DEFAULT 0,
            model_name TEXT,
            model_version TEXT,
            prompt_id TEXT,
            prompt_version TEXT,
            overall_score INTEGER,
            criterion_scores TEXT,
            strengths TEXT,
            weaknesses TEXT,
            suggestions TEXT,
            detailed_feedback TEXT,
            complexity TEXT,
            safety_flags TEXT,
            content_filtered INTEGER NOT NULL DEFAULT 0,
            refusal_reason TEXT,
            latency_ms INTEGER,
            input_tokens INTEGER,
            output_tokens INTEGER,
            total_cost_usd REAL,
            error_message TEXT,
            retry_count INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            started_at TEXT,
            completed_at TEXT
        );
        CREATE INDEX idx_feedback_session ON feedback_runs(session_id, created_at);
        CREATE INDEX idx_feedback_user_status ON feedback_runs(user_id, status);
        CREATE TABLE drills (
            id TEXT PRIMARY KEY,
            feedback_run_id TEXT REFERENCES feedback_runs(id) ON DELETE SET NULL,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            prompt TEXT NOT NULL,
            drill_type TEXT NOT NULL,
            difficulty TEXT NOT NULL,
            target_weakness TEXT,
            target_skill TEXT,
            expected_answer TEXT,
            hints TEXT,
            status TEXT NOT NULL DEFAULT 'PENDING',
            is_delivered INTEGER NOT NULL DEFAULT 0,
            user_response TEXT,
            score INTEGER,
            sequence_order INTEGER NOT NULL DEFAULT 0,
            due_at TEXT,
            created_at TEXT NOT NULL,
            started_at TEXT,
            completed_at TEXT
        );
        CREATE INDEX idx_drills_user_due ON drills(user_id, status, due_at);
        CREATE INDEX idx_drills_feedback ON drills(feedback_run_id);
        CREATE TABLE skills (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            description TEXT,
            category TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE user_skills (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            skill_id INTEGER NOT NULL REFERENCES skills(id),
            progress INTEGER NOT NULL DEFAULT 0,
            previous_progress INTEGER,
            is_strength INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (user_id, skill_id)
        );
        CREATE TABLE weekly_goals (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            current INTEGER NOT NULL DEFAULT 0,
            total INTEGER NOT NULL,
            priority TEXT NOT NULL DEFAULT 'MEDIUM',
            is_completed INTEGER NOT NULL DEFAULT 0,
            week_number INTEGER NOT NULL,
            year INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX idx_goals_user_week ON weekly_goals(user_id, year, week_number);
        CREATE TABLE notes (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES interview_sessions(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            content TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX idx_notes_session ON notes(session_id, created_at);
        CREATE INDEX idx_notes_user ON notes(user_id)
        """,
    )


@migration
def m002_session_timing(db: Database) -> None:
    """Pause-aware timing and interviewer help counters."""
    _script(
        db,
        """
        ALTER TABLE interview_sessions ADD COLUMN active_seconds REAL NOT NULL DEFAULT 0;
        ALTER TABLE interview_sessions ADD COLUMN resumed_at TEXT;
        ALTER TABLE interview_sessions ADD COLUMN hints_used INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE interview_sessions ADD COLUMN reveals_used INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX idx_sessions_user_updated ON interview_sessions(user_id, updated_at)
        """,
    )


_CODING_CRITERIA = [
    ("approach", 0.20, "Chose and explained a sound approach before coding"),
    ("correctness", 0.30, "Passes visible and hidden tests"),
    ("code_quality", 0.15, "Readable, idiomatic, well-structured code"),
    ("communication", 0.15, "Clarified, narrated, tested, discussed trade-offs"),
    ("time_complexity", 0.12, "Measured time complexity against the optimal approach"),
    ("space_complexity", 0.08, "Auxiliary space against the optimal approach"),
]
_RUBRICS = [
    ("coding", "CODING", "Coding interview (LeetCode style)", _CODING_CRITERIA, 70),
    (
        "system-design",
        "SYSTEM_DESIGN",
        "System design interview",
        [
            ("requirements", 0.20, "Clarified functional and non-functional requirements"),
            ("high_level_design", 0.25, "Sound components and data flow"),
            ("scalability", 0.20, "Handles the stated scale; bottlenecks identified"),
            ("trade_offs", 0.20, "Discussed alternatives and their costs"),
            ("communication", 0.15, "Structured, driven the conversation"),
        ],
        65,
    ),
    (
        "behavioral",
        "BEHAVIORAL",
        "Behavioral interview (STAR)",
        [
            ("situation", 0.20, "Set the context concisely"),
            ("task", 0.15, "Stated own responsibility"),
            ("action", 0.35, "Concrete actions the candidate took"),
            ("result", 0.30, "Measurable outcome and reflection"),
        ],
        65,
    ),
    (
        "communication",
        "COMMUNICATION",
        "Communication during any interview",
        [
            ("clarifying_questions", 0.25, "Asked about inputs, constraints, edge cases"),
            ("thinking_aloud", 0.25, "Stated the approach before coding"),
            ("complexity_analysis", 0.25, "Stated complexity correctly"),
            ("testing", 0.25, "Walked through tests before submitting"),
        ],
        60,
    ),
]
_SKILLS = [
    ("arrays-hashing", "algorithms"),
    ("two-pointers", "algorithms"),
    ("sliding-window", "algorithms"),
    ("stack", "data-structures"),
    ("binary-search", "algorithms"),
    ("linked-list", "data-structures"),
    ("trees", "data-structures"),
    ("heap", "data-structures"),
    ("intervals", "algorithms"),
    ("greedy", "algorithms"),
    ("backtracking", "algorithms"),
    ("graphs", "algorithms"),
    ("dynamic-programming", "algorithms"),
    ("bit-manipulation", "algorithms"),
    ("complexity-analysis", "fundamentals"),
    ("code-quality", "fundamentals"),
    ("communication", "soft-skills"),
    ("testing", "fundamentals"),
    ("system-design", "system-design"),
    ("behavioral", "behavioral"),
]


@migration
def m003_seed_rubrics_and_skills(db: Database) -> None:
    """Rubrics and the skill vocabulary are data, seeded here and editable later."""
    now = _now()
    for name, category, description, criteria, passing in _RUBRICS:
        db.conn.execute(
            "INSERT INTO evaluation_rubrics (name, version, category, description, criteria, "
            "max_score, passing_score, is_active, created_at, updated_at) "
            "VALUES (?, '1', ?, ?, ?, 100, ?, 1, ?, ?)",
            (
                name,
                category,
                description,
                json.dumps([{"name": n, "weight": w, "description": d} for n, w, d in criteria]),
                passing,
                now,
                now,
            ),
        )
    for name, category in _SKILLS:
        db.conn.execute(
            "INSERT INTO skills (name, category, created_at) VALUES (?, ?, ?)",
            (name, category, now),
        )


@migration
def m004_llm_calls(db: Database) -> None:
    """One row per provider call, for cost accounting, budgets and prompt audits.

    ``session_id`` is set to NULL when a session is deleted rather than deleting the row: money
    spent stays spent, so deleting a session must not reset today's budget.
    """
    _script(
        db,
        """
        CREATE TABLE llm_calls (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            session_id TEXT REFERENCES interview_sessions(id) ON DELETE SET NULL,
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            prompt_id TEXT,
            prompt_version TEXT,
            options TEXT NOT NULL DEFAULT '{}',
            streamed INTEGER NOT NULL DEFAULT 0,
            input_tokens INTEGER NOT NULL DEFAULT 0,
            output_tokens INTEGER NOT NULL DEFAULT 0,
            tokens_estimated INTEGER NOT NULL DEFAULT 0,
            cost_usd REAL NOT NULL DEFAULT 0,
            cost_known INTEGER NOT NULL DEFAULT 1,
            latency_ms INTEGER NOT NULL DEFAULT 0,
            first_token_ms INTEGER,
            attempts INTEGER NOT NULL DEFAULT 0,
            outcome TEXT NOT NULL,
            error_message TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX idx_llm_calls_user_created ON llm_calls(user_id, created_at);
        CREATE INDEX idx_llm_calls_session ON llm_calls(session_id)
        """,
    )


@migration
def m005_drill_practice(db: Database) -> None:
    """What a drill needs to be practised: its problem and language (code drills), the key points
    an answer must cover, hints taken, and the spaced-repetition state (SM-2)."""
    _script(
        db,
        """
        ALTER TABLE drills ADD COLUMN problem_slug TEXT;
        ALTER TABLE drills ADD COLUMN language TEXT;
        ALTER TABLE drills ADD COLUMN key_points TEXT;
        ALTER TABLE drills ADD COLUMN hints_used INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE drills ADD COLUMN repetitions INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE drills ADD COLUMN interval_days REAL NOT NULL DEFAULT 0;
        ALTER TABLE drills ADD COLUMN ease REAL NOT NULL DEFAULT 2.5;
        ALTER TABLE drills ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE drills ADD COLUMN last_reviewed_at TEXT
        """,
    )


@migration
def m006_dashboard_goals_and_reviews(db: Database) -> None:
    """Dashboard (issue #8): what a weekly goal counts, goals removed by the person (kept so a
    week's defaults are not re-created), a log of drill reviews and the feedback runs already
    blended into skills.

    ``drills`` keeps only the latest ``last_reviewed_at``; streaks and weekly goals need every
    review, so a trigger logs each change of it — whoever writes the drill. New tables reference
    ``users`` with ON DELETE CASCADE, so deleting a person's data removes their rows too.
    """
    _script(
        db,
        """
        ALTER TABLE weekly_goals ADD COLUMN metric TEXT NOT NULL DEFAULT 'manual';
        ALTER TABLE weekly_goals ADD COLUMN removed_at TEXT;
        CREATE TABLE drill_reviews (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            drill_id TEXT NOT NULL REFERENCES drills(id) ON DELETE CASCADE,
            score INTEGER,
            reviewed_at TEXT NOT NULL
        );
        CREATE INDEX idx_drill_reviews_user ON drill_reviews(user_id, reviewed_at);
        CREATE INDEX idx_drill_reviews_drill ON drill_reviews(drill_id);
        CREATE TABLE skill_sources (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            source_id TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (user_id, source_id)
        );
        INSERT INTO drill_reviews (user_id, drill_id, score, reviewed_at)
            SELECT user_id, id, score, last_reviewed_at FROM drills
            WHERE last_reviewed_at IS NOT NULL
        """,
    )
    # Trigger bodies contain ';', so they cannot go through _script's statement split.
    for event, guard in (
        ("UPDATE OF last_reviewed_at", "NEW.last_reviewed_at IS NOT OLD.last_reviewed_at"),
        ("INSERT", "1"),
    ):
        name = "drill_reviews_on_" + event.split()[0].lower()
        db.conn.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON drills "
            f"WHEN NEW.last_reviewed_at IS NOT NULL AND {guard} BEGIN "
            "INSERT INTO drill_reviews (user_id, drill_id, score, reviewed_at) "
            "VALUES (NEW.user_id, NEW.id, NEW.score, NEW.last_reviewed_at); END"
        )


@migration
def m007_server_credentials(db: Database) -> None:
    """Server mode (issue 15): a user's sign-in e-mail and password hash (argon2id, never the
    password), and refresh tokens — stored as SHA-256 hashes, grouped in families so reusing a
    rotated token revokes every token issued from the same sign-in."""
    _script(
        db,
        """
        CREATE TABLE credentials (
            user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            email TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE refresh_tokens (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            family_id TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            expires_at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            used_at TEXT,
            revoked_at TEXT
        );
        CREATE INDEX idx_refresh_tokens_user ON refresh_tokens(user_id, family_id)
        """,
    )
