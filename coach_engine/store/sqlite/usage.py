"""SQLite: the provider-call log."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from coach_engine.errors import NotFoundError
from coach_engine.store.records import LLMCall
from coach_engine.store.repositories import (
    UsageRepository,
)
from coach_engine.store.sqlite.rows import SQLiteRepository, pick, row_of


class SQLiteUsage(SQLiteRepository, UsageRepository):
    def add_llm_call(self, call: LLMCall) -> LLMCall:
        row = row_of(call, exclude={"options"})
        row["options"] = json.dumps(call.options)  # not in JSON_FIELDS: encoded here
        with self._tx():
            if call.session_id is not None:
                self._owns_session(call.user_id, call.session_id)
            self._insert("llm_calls", row)
        return call

    def list_llm_calls(
        self, user_id: str, *, session_id: str | None = None, limit: int = 100
    ) -> list[LLMCall]:
        where, params = "user_id = ?", [user_id]
        if session_id is not None:
            where += " AND session_id = ?"
            params.append(session_id)
        rows = self._all(
            f"SELECT * FROM llm_calls WHERE {where} ORDER BY created_at DESC, rowid DESC LIMIT ?",
            [*params, limit],
        )
        calls = []
        for r in rows:
            r["options"] = json.loads(r["options"] or "{}")
            calls.append(LLMCall.model_validate(pick(LLMCall, r)))
        return calls

    def llm_cost_since(self, user_id: str, since: datetime) -> float:
        return self._cost_since(user_id, since)

    def _cost_since(self, user_id: str, since: datetime) -> float:
        if since.tzinfo is None:
            raise ValueError("since must be timezone-aware")
        # created_at is stored as UTC ISO-8601, so comparing UTC strings orders correctly.
        total = (
            self.connections.get()
            .execute(
                "SELECT coalesce(sum(cost_usd), 0) FROM llm_calls "
                "WHERE user_id = ? AND created_at >= ?",
                (user_id, since.astimezone(UTC).isoformat()),
            )
            .fetchone()[0]
        )
        return float(total)

    def reserve_llm_call(
        self, call: LLMCall, *, since: datetime, limit_usd: float | None
    ) -> float | None:
        row = row_of(call, exclude={"options"})
        row["options"] = json.dumps(call.options)
        # BEGIN IMMEDIATE: no other writer (thread or process) adds a call between the sum and
        # the insert.
        with self._tx():
            if call.session_id is not None:
                self._owns_session(call.user_id, call.session_id)
            if limit_usd is not None:
                spent = self._cost_since(call.user_id, since)
                if spent + call.cost_usd > limit_usd:
                    return spent
            self._insert("llm_calls", row)
        return None

    def settle_llm_call(self, call: LLMCall) -> None:
        fields = (
            "model",
            "input_tokens",
            "output_tokens",
            "tokens_estimated",
            "cost_usd",
            "cost_known",
            "latency_ms",
            "first_token_ms",
            "attempts",
            "outcome",
            "error_message",
        )
        row = row_of(call, exclude={"options"})
        with self._tx() as conn:
            cur = conn.execute(
                f"UPDATE llm_calls SET {', '.join(f'{f} = ?' for f in fields)} "
                "WHERE id = ? AND user_id = ?",
                [*(row[f] for f in fields), call.id, call.user_id],
            )
        if cur.rowcount != 1:
            raise NotFoundError(f"no logged provider call {call.id!r}", title="Unknown call")

    def set_llm_call_outcome(
        self, user_id: str, call_id: str, outcome: str, error_message: str | None = None
    ) -> None:
        with self._tx() as conn:
            cur = conn.execute(
                "UPDATE llm_calls SET outcome = ?, error_message = ? WHERE id = ? AND user_id = ?",
                (outcome, error_message, call_id, user_id),
            )
        if cur.rowcount != 1:
            raise NotFoundError(f"no logged provider call {call_id!r}", title="Unknown call")
