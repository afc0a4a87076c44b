"""The solution as a file on disk: where it lives, that it is private, what counts as work newer
than the last save, and that deleting the session deletes it."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from coach_engine.engine import Engine
from coach_engine.models import SessionCreate
from coach_engine.solution_files import (
    external_edit_path,
    file_state,
    newer_than,
    solution_path,
    write_solution,
)


def test_files_live_in_the_sessions_private_directory(coach_home: Path) -> None:
    path = solution_path("abc123", "java")
    assert path == coach_home / "sessions" / "abc123" / "solution.java"
    assert external_edit_path("abc123", "go").name == "edit.go"
    assert not path.parent.exists()  # nothing is created until something is written
    old = os.umask(0o022)
    try:
        write_solution(path, "class Solution {}\n")
    finally:
        os.umask(old)
    assert path.read_text() == "class Solution {}\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("bad", ["", "../x", ".hidden", "a/b"])
def test_a_session_id_cannot_escape_the_directory(bad: str) -> None:
    with pytest.raises(ValueError):
        solution_path(bad, "python")


def test_file_state_changes_when_the_file_is_written(coach_home: Path) -> None:
    path = solution_path("s1", "python")
    assert file_state(path) is None
    write_solution(path, "a")
    first = file_state(path)
    write_solution(path, "ab")
    assert first is not None and file_state(path) != first


def test_newer_than_finds_only_newer_different_readable_work(coach_home: Path) -> None:
    path = solution_path("s2", "python")
    assert newer_than(path, None, "x") is None  # no file
    write_solution(path, "print(1)\n")
    state = file_state(path)
    assert state is not None
    before, after = state.modified_at - timedelta(seconds=5), state.modified_at + timedelta(1)
    work = newer_than(path, before, "print(0)\n")
    assert work is not None and work.text == "print(1)\n" and work.error is None
    assert newer_than(path, None, "print(0)\n") is not None  # never saved: any file is newer
    assert newer_than(path, after, "print(0)\n") is None  # the save is newer
    assert newer_than(path, before, "print(1)\n") is None  # the same code
    path.write_bytes(b"\xff\xfe not utf-8")
    unreadable = newer_than(path, before, "print(0)\n")
    assert unreadable is not None and unreadable.text is None and "UTF-8" in str(unreadable.error)


async def test_deleting_a_session_deletes_its_files(coach_home: Path) -> None:
    engine = Engine.open()
    try:
        session = await engine.sessions.create(
            SessionCreate.model_validate({"problem_slug": "two-sum"})
        )
        path = solution_path(session.id, "python")
        write_solution(path, "print(1)\n")
        await engine.sessions.delete(session.id)
    finally:
        await engine.aclose()
    assert not path.parent.exists()
