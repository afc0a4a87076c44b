"""The SQL of the listings, shared by the SQLite store and ``coach_engine.listing_reader``.

Plain strings and parameters, no pydantic: the store runs them and validates the rows into
models; the listing reader runs the very same statements on a bare ``sqlite3`` connection when a
front end lists sessions or drills as a table (CLI start-up, issue 13 item 8). One query for
both, so a plain listing can never order, filter or page differently from the engine's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SESSION_SORTS = ("created_at", "-created_at", "updated_at", "-updated_at", "score", "-score")

OPEN_DRILL_STATUSES = ("pending", "in_progress")
"""Drill statuses still to practise (``DrillService.queue`` without ``include_done``)."""

LOCAL_USER_SQL = "SELECT * FROM users WHERE provider = 'local' ORDER BY created_at LIMIT 1"
"""The local user (the oldest one, should two processes have raced to create it)."""


def session_page_sql(
    user_id: str, statuses: Sequence[str] | None, sort: str, limit: int, offset: int
) -> tuple[str, list[Any], str, list[Any]]:
    """``(count_sql, count_params, page_sql, page_params)`` of one page of a user's sessions.

    ``statuses`` are stored values (``"PAUSED"``); ``sort`` must be one of ``SESSION_SORTS``
    (the caller checks it: it is spliced into the SQL)."""
    if sort not in SESSION_SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    where = "user_id = ?"
    params: list[Any] = [user_id]
    if statuses:
        where += f" AND status IN ({', '.join('?' for _ in statuses)})"
        params += list(statuses)
    column = sort.lstrip("-")
    direction = "DESC" if sort.startswith("-") else "ASC"
    # NULL scores sort last either way; rowid breaks ties so pages never overlap.
    order = f"{column} IS NULL, {column} {direction}, rowid {direction}"
    return (
        f"SELECT count(*) FROM interview_sessions WHERE {where}",
        params,
        f"SELECT * FROM interview_sessions WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def drill_list_sql(
    user_id: str,
    statuses: Sequence[str] | None = None,
    due_before: str | None = None,
    feedback_run_id: str | None = None,
) -> tuple[str, list[Any]]:
    """``(sql, params)`` of a user's drills by due date; ``due_before`` is an ISO timestamp."""
    where, params = "user_id = ?", [user_id]
    if statuses:
        where += f" AND status IN ({', '.join('?' for _ in statuses)})"
        params += list(statuses)
    if due_before is not None:
        where += " AND due_at <= ?"
        params.append(due_before)
    if feedback_run_id is not None:
        where += " AND feedback_run_id = ?"
        params.append(feedback_run_id)
    return f"SELECT * FROM drills WHERE {where} ORDER BY due_at, sequence_order, rowid", params
