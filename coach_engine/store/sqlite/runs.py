"""SQLite: code runs with their per-test results."""

from __future__ import annotations

from coach_engine.models import (
    CodeRun,
    TestOutcome,
)
from coach_engine.store.repositories import (
    RunRepository,
)
from coach_engine.store.sqlite.rows import SQLiteRepository, pick, row_of


class SQLiteRuns(SQLiteRepository, RunRepository):
    def add_run(self, run: CodeRun) -> CodeRun:
        with self._tx():
            self._owns_session(run.user_id, run.session_id)
            self._insert("code_runs", row_of(run, exclude={"tests"}))
            for test in run.tests:
                row = row_of(test)
                row["idx"] = row.pop("index")
                self._insert("test_results", {**row, "run_id": run.id, "user_id": run.user_id})
        return run

    def list_runs(self, user_id: str, session_id: str) -> list[CodeRun]:
        with self._read():
            runs = self._all(
                "SELECT * FROM code_runs WHERE session_id = ? AND user_id = ? "
                "ORDER BY created_at, rowid",
                (session_id, user_id),
            )
            tests_of = {
                r["id"]: self._all(
                    "SELECT * FROM test_results WHERE run_id = ? ORDER BY idx", (r["id"],)
                )
                for r in runs
            }
        out = []
        for r in runs:
            tests = tests_of[r["id"]]
            outcomes = [
                TestOutcome.model_validate(pick(TestOutcome, {**t, "index": t["idx"]}))
                for t in tests
            ]
            out.append(CodeRun.model_validate({**pick(CodeRun, r), "tests": outcomes}))
        return out
