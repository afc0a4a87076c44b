"""`coach drills run` records only answers that were given (issue 14 item 8): quitting $EDITOR
without a change, or an empty typed answer, records nothing; ``--file`` takes its language from
the extension as ``coach run`` does and refuses a ``--lang`` that contradicts it. The real entry
point on a real pty, the real sandbox, the real store — and the engine's own refusal, so no front
end can count an unanswered drill towards weekly goals or skills."""

from __future__ import annotations

import json
import os
import pty
import subprocess
from pathlib import Path
from typing import Any

import pytest

from coach_engine.api import Engine, ValidationError, language_of
from coach_engine.config import Config
from coach_engine.models import Drill, DrillType
from coach_engine.problems import ProblemBank
from coach_engine.store import SQLiteStore
from tests.conftest import coach_bin

SKILL = "hash maps"
TWO_SUM_JS = """var twoSum = function(nums, target) {
    const seen = new Map();
    for (let i = 0; i < nums.length; i++) {
        if (seen.has(target - nums[i])) return [seen.get(target - nums[i]), i];
        seen.set(nums[i], i);
    }
};
"""


def _drill(home: Path, kind: DrillType = DrillType.CODE_EXERCISE) -> str:
    store = SQLiteStore.open(home / "coach.db")
    try:
        code = kind == DrillType.CODE_EXERCISE
        drill = Drill(
            user_id=store.default_user().id,
            title="Two Sum again" if code else "Why a hash map?",
            prompt="Solve it with a hash map." if code else "Say why a hash map is O(n).",
            drill_type=kind,
            problem_slug="two-sum" if code else None,
            language="python" if code else None,
            key_points=[] if code else ["hash map", "O(n)"],
            target_skill=SKILL,
        )
        return store.add_drill(drill).id
    finally:
        store.close()


def _record(home: Path, drill_id: str) -> tuple[Drill, int, list[str]]:
    """The drill, the reviews logged (weekly goals count them) and the skills recorded."""
    store = SQLiteStore.open(home / "coach.db")
    try:
        user = store.default_user().id
        reviews = store.list_drill_reviews(user)
        skills = [s.skill for s in store.list_skills(user)]
        return store.get_drill(user, drill_id), len(reviews), skills
    finally:
        store.close()


def _on_pty(args: list[str], env: dict[str, str], typed: bytes = b"") -> tuple[int, str, str]:
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [coach_bin(), *args],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "VISUAL": "", "COLUMNS": "200", **env},
    )
    os.close(follower)
    try:
        if typed:
            os.write(leader, typed)
        out, err = proc.communicate(timeout=180)
    finally:
        os.close(leader)
    return proc.returncode, out.decode(), err.decode()


def _editor(tmp_path: Path, body: str) -> str:
    editor = tmp_path / "editor.sh"
    editor.write_text(f"#!/bin/sh\n{body}\n")
    editor.chmod(0o755)
    return str(editor)


@pytest.mark.parametrize(
    "body",
    [
        'touch "$1"',  # saved as it was opened (`:wq` without a change)
        'cp "$1" "$1.bak"; cat "$1.bak" > "$1"; printf "\\n\\n" >> "$1"',  # blank lines only
        'echo "class Solution: pass" > "$1"; exit 1',  # changed, then quit with an error (:cq)
    ],
    ids=["unchanged", "whitespace", "editor-error"],
)
def test_quitting_the_editor_without_an_answer_records_nothing(
    coach_home: Path, tmp_path: Path, body: str
) -> None:
    drill_id = _drill(coach_home)
    code, out, err = _on_pty(
        ["drills", "run", "--id", drill_id[:8]], {"EDITOR": _editor(tmp_path, body)}
    )
    assert code == 0, err[-2000:]
    assert "Not answered" in out and "stays due" in out and "score" not in out
    drill, reviews, skills = _record(coach_home, drill_id)
    assert (drill.attempts, drill.score, drill.status.value) == (0, None, "pending")
    assert reviews == 0 and SKILL not in skills  # neither goals nor skills saw an answer


def test_an_empty_typed_answer_records_nothing(coach_home: Path) -> None:
    drill_id = _drill(coach_home, DrillType.CONCEPT_REVIEW)
    code, out, err = _on_pty(["drills", "run", "--id", drill_id[:8]], {}, typed=b"\n")
    assert code == 0, err[-2000:]
    assert "Not answered" in out
    drill, reviews, skills = _record(coach_home, drill_id)
    assert (drill.attempts, drill.score, reviews) == (0, None, 0) and SKILL not in skills


def test_json_lists_an_unanswered_drill_as_such(coach_home: Path, tmp_path: Path) -> None:
    drill_id = _drill(coach_home)
    code, out, err = _on_pty(
        ["drills", "run", "--id", drill_id[:8], "--json"],
        {"EDITOR": _editor(tmp_path, 'touch "$1"')},
    )
    assert code == 0, err[-2000:]
    (entry,) = json.loads(out[out.index("[") :])
    assert entry["answered"] is False and entry["score"] is None
    assert entry["drill"]["id"] == drill_id


def test_file_takes_its_language_from_the_extension(coach: Any, coach_home: Path) -> None:
    drill_id = _drill(coach_home)  # a python drill, answered in JavaScript
    answer = coach_home / "answer.js"
    answer.write_text(TWO_SUM_JS)
    proc = coach(
        "drills", "run", "--id", drill_id[:8], "--file", str(answer), "--json", timeout=180
    )
    assert proc.returncode == 0, proc.stderr
    (outcome,) = json.loads(proc.stdout)
    assert outcome["answered"] and outcome["run"]["language"] == "javascript"
    assert outcome["run"]["verdict"] == "AC" and outcome["score"] >= 60
    drill, reviews, skills = _record(coach_home, drill_id)
    assert drill.attempts == 1 and reviews == 1 and SKILL in skills


@pytest.mark.parametrize(
    ("name", "args", "says"),
    [
        ("answer.py", ["--lang", "java"], "Language mismatch"),
        ("answer.txt", [], "--lang"),
    ],
    ids=["contradicts-lang", "unknown-extension"],
)
def test_file_language_that_cannot_be_right_fails_before_anything_runs(
    coach: Any, coach_home: Path, name: str, args: list[str], says: str
) -> None:
    drill_id = _drill(coach_home)
    answer = coach_home / name
    answer.write_text("class Solution:\n    pass\n")
    proc = coach("drills", "run", "--id", drill_id[:8], "--file", str(answer), *args)
    assert proc.returncode == 2 and says in proc.stderr and "Traceback" not in proc.stderr
    if args:
        assert "python" in proc.stderr and "java" in proc.stderr  # both named, and the fix
    drill, reviews, _ = _record(coach_home, drill_id)
    assert drill.attempts == 0 and reviews == 0


def test_language_of_is_one_rule() -> None:
    assert language_of("a.py", "python") == "python"
    assert language_of("answer.txt", "go") == "go"  # no language of its own: --lang decides
    with pytest.raises(ValidationError, match="--lang python"):
        language_of("a.py", "java")


async def test_the_engine_refuses_an_unchanged_starter_and_records_nothing(
    tmp_path: Path,
) -> None:
    engine = Engine(SQLiteStore.open(tmp_path / "e.db"), Config())
    try:
        drill_id = _drill_in(engine)
        starter = ProblemBank().get("two-sum").starter("python")
        for code in (starter, starter + "\n\n", "   \n"):
            with pytest.raises(ValidationError) as err:
                await engine.drills.submit_code(drill_id, code, "python")
            assert err.value.title == "No answer" and "nothing was graded" in str(err.value)
        drill = await engine.drills.get(drill_id)
        assert (drill.attempts, drill.score) == (0, None)
        user = engine.user.id
        assert engine.store.list_drill_reviews(user) == []
        assert SKILL not in [s.skill for s in engine.store.list_skills(user)]
    finally:
        engine.close()


def _drill_in(engine: Engine) -> str:
    drill = Drill(
        user_id=engine.user.id,
        title="Two Sum again",
        prompt="Solve it.",
        drill_type=DrillType.CODE_EXERCISE,
        problem_slug="two-sum",
        language="python",
        target_skill=SKILL,
    )
    return engine.store.add_drill(drill).id
