"""Terminal control sequences in anything `coach` prints for people (a candidate's output, a
compiler message, a transcript, an error naming a file) come out escaped, visible as ``\\x1b``;
JSON output stays JSON and keeps the data exactly."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from coach_engine.controls import CONTROL_ESCAPES, escape_controls, escape_json_c1

OSC52 = "\x1b]52;c;cHduZWQ=\x07"  # write "pwned" to the clipboard
TITLE = "\x1b]0;owned\x07"  # set the window title
CLEAR = "\x1b[2J\x1b[H"  # clear the screen
C1_CSI = "\x9b31m"  # 8-bit CSI


def raw_controls(text: str) -> set[str]:
    return {hex(ord(c)) for c in text if ord(c) in CONTROL_ESCAPES}


def test_escape_controls() -> None:
    assert escape_controls("plain\ttext\nnext line é ✓") == "plain\ttext\nnext line é ✓"
    assert escape_controls(OSC52) == "\\x1b]52;c;cHduZWQ=\\x07"
    assert escape_controls("a\r\nb\rc\x00\x7f" + C1_CSI) == "a\nb\\rc\\x00\\x7f\\x9b31m"
    assert escape_controls("abc\u202edcba") == "abc\\u202edcba"  # bidi override
    encoded = json.dumps({"s": f"{OSC52}{C1_CSI}"}, ensure_ascii=False)
    assert raw_controls(escape_json_c1(encoded)) == set()
    assert json.loads(escape_json_c1(encoded)) == {"s": f"{OSC52}{C1_CSI}"}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A wrong two-sum that prints escape sequences on stdout."""
    path = tmp_path / "hostile.py"
    path.write_text(
        "class Solution:\n"
        "    def twoSum(self, nums, target):\n"
        f"        print({OSC52 + TITLE + CLEAR + C1_CSI!r})\n"
        "        return [-1, -1]\n"
    )
    return path


def test_run_output_is_escaped_and_json_keeps_the_data(coach: Any, hostile: Path) -> None:
    proc = coach("run", str(hostile), "-p", "two-sum")
    assert proc.returncode == 1, proc.stderr
    assert raw_controls(proc.stdout + proc.stderr) == set()
    assert "\\x1b]52;c;cHduZWQ=\\x07\\x1b]0;owned\\x07\\x1b[2J" in proc.stdout
    assert "\\x9b31m" in proc.stdout

    as_json = coach("run", str(hostile), "-p", "two-sum", "--json")
    assert raw_controls(as_json.stdout) == set()
    result = json.loads(as_json.stdout)
    assert result["tests"][0]["stdout"] == OSC52 + TITLE + CLEAR + C1_CSI + "\n"


def test_compile_output_is_escaped(coach: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        f"class Solution:\n    def twoSum(self, nums, target):\n        return {TITLE} +\n"
    )
    proc = coach("run", str(bad), "-p", "two-sum")
    assert "CE" in proc.stdout and "\\x1b]0;owned\\x07" in proc.stdout
    assert raw_controls(proc.stdout + proc.stderr) == set()


def test_errors_naming_hostile_input_are_escaped(coach: Any, tmp_path: Path) -> None:
    proc = coach("run", str(tmp_path / f"{TITLE}.py"), "-p", "two-sum")
    assert proc.returncode == 2
    assert proc.stderr.startswith("Error: File not found: ")
    assert "\\x1b]0;owned\\x07.py" in proc.stderr and raw_controls(proc.stderr) == set()


def test_transcripts_in_show_and_markdown_export_are_escaped(coach: Any) -> None:
    from coach_engine.engine import Engine
    from coach_engine.models import Role, SessionCreate

    async def seed() -> str:
        with Engine.open() as engine:
            s = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
            await engine.sessions.start(s.id)
            await engine.sessions.add_message(s.id, Role.AI, f"Your program printed {OSC52}")
            await engine.sessions.add_message(s.id, Role.USER, f"oops {CLEAR}{C1_CSI}")
            await engine.sessions.save_code(s.id, f"# {TITLE}\n", "python")
            return s.id

    sid = asyncio.run(seed())
    for args in (("show", sid), ("export", sid), ("history",)):
        proc = coach(*args)
        assert proc.returncode == 0, (args, proc.stderr)
        assert raw_controls(proc.stdout + proc.stderr) == set(), args
    exported = coach("export", sid).stdout
    assert "Your program printed \\x1b]52;c;cHduZWQ=\\x07" in exported
    assert "oops \\x1b[2J\\x1b[H\\x9b31m" in exported
    packet = json.loads(coach("export", sid, "--format", "json").stdout)
    messages = packet["sessions"][0]["transcript"]
    assert messages[0]["content"] == f"Your program printed {OSC52}"  # the data, unchanged
