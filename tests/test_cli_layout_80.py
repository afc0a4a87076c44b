"""`coach drills list` at 80 columns through the real `coach` entry point (QA issue 14, #23):
a header row, and long titles fold inside their column instead of wrapping to column 0."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from coach_engine.api import Engine
from coach_engine.models import Drill, DrillType

LONG = (
    "Complexity of repeatedly remove adjacent pairs of equal letters until none is left, "
    "with a stack"
)
TYPER_ONLY = (  # the command line forced through the typer app (as tests/test_cli_startup.py)
    "import sys; import coach_cli.listings as l; l.parse = lambda argv: None; "
    "sys.argv = ['coach', *sys.argv[1:]]; from coach_cli.main import run; run()"
)


def _seed() -> list[str]:
    with Engine.open() as engine:
        drills = [
            Drill(
                user_id=engine.user.id,
                title=title,
                prompt="Say why.",
                drill_type=DrillType.CONCEPT_REVIEW,
                due_at=datetime.now(UTC) + timedelta(days=days),
            )
            for days, title in ((0, LONG), (1, "Solve [Valid Anagram] again"))
        ]
        return [engine.store.add_drill(d).id[:8] for d in drills]


def test_drills_list_at_80_columns_has_a_header_and_folds_titles_in_their_column(
    coach: Any, coach_home: Path
) -> None:
    ids = _seed()
    fast = coach("drills", "list", env={"COLUMNS": "80"})
    assert fast.returncode == 0, fast.stderr
    lines = fast.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), fast.stdout
    header = lines[0].split()
    assert header == ["id", "due", "type", "status", "title"], fast.stdout
    title_at = lines[0].index("title")
    rows = lines[1:]
    assert [row[:8] for row in rows if row[:8].strip()] == ids, fast.stdout
    # every line of a folded title starts in the title column, never back at column 0
    for row in rows:
        assert row[:title_at].strip() == "" or row[:8] in ids, fast.stdout
        assert row[title_at:].strip(), fast.stdout
    folded = " ".join(row[title_at:].strip() for row in rows[: len(rows) - 1])
    assert folded == LONG, fast.stdout
    assert rows[-1][title_at:].strip() == "Solve [Valid Anagram] again", fast.stdout  # no markup
    # the typer command prints the same table (the fast path skips typer for plain listings)
    typed = subprocess.run(
        [sys.executable, "-c", TYPER_ONLY, "drills", "list"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        timeout=120,
    )
    assert (typed.returncode, typed.stdout, typed.stderr) == (0, fast.stdout, fast.stderr)
