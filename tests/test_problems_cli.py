"""`coach problems` and `coach run` through the real entry point and the real sandbox."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from samples import GOOD

from coach_engine.problems.loader import bundled_root

TWO_SUM = Path(str(bundled_root())) / "two-sum"

PY_WA = GOOD.replace("return [seen[target - x], i]", "return [i, i]")


def _copy(pack: Path, name: str) -> Path:
    dest = pack / name
    shutil.copytree(TWO_SUM, dest)
    toml = dest / "problem.toml"
    toml.write_text(toml.read_text().replace('slug = "two-sum"', f'slug = "{name}"'))
    return dest


def test_list_and_filters(coach: Any) -> None:
    data = json.loads(coach("problems", "list", "--json").stdout)
    slugs = {p["slug"] for p in data}
    assert {"two-sum", "number-of-islands", "merge-intervals"} <= slugs
    easy = json.loads(coach("problems", "list", "--difficulty", "easy", "--json").stdout)
    assert easy and all(p["difficulty"] == "easy" for p in easy)
    trees = json.loads(coach("problems", "list", "--tag", "trees", "--json").stdout)
    assert "maximum-depth-of-binary-tree" in {p["slug"] for p in trees}
    bad = coach("problems", "list", "--tag", "treez")
    assert bad.returncode == 2 and "did you mean trees" in bad.stderr


def test_show_never_reveals_hidden_tests(coach: Any) -> None:
    proc = coach("problems", "show", "two-sum", "--lang", "java", "--json")
    data = json.loads(proc.stdout)
    assert data["signature"]["function"] == "twoSum"
    assert "public int[] twoSum(int[] nums, int target)" in data["starter"]
    hidden = json.loads((TWO_SUM / "tests.json").read_text())["hidden"]
    assert json.dumps(hidden[-1]["args"]) not in proc.stdout
    text = coach("problems", "show", "two-sum")
    assert "nums[i]" in text.stdout and "Example 1" in text.stdout
    assert coach("problems", "show", "two-som").returncode == 2


def test_run_ac_wa_and_exit_codes(coach: Any, tmp_path: Path) -> None:
    good = tmp_path / "anything.py"
    good.write_text(GOOD)
    proc = coach("run", str(good), "--problem", "two-sum", "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert (result["problem"], result["language"], result["verdict"]) == ("two-sum", "python", "AC")
    assert result["passed"] == result["total"] == 3
    assert set(result["tests"][0]) >= {
        "index",
        "hidden",
        "verdict",
        "time_ms",
        "memory_kb",
        "input",
        "expected",
        "actual",
        "stdout",
        "stderr",
    }
    bad = tmp_path / "wrong.py"
    bad.write_text(PY_WA)
    proc = coach("run", str(bad), "-p", "two-sum", "--tests", "all", "--json")
    assert proc.returncode == 1
    result = json.loads(proc.stdout)
    assert result["verdict"] == "WA" and result["total"] > 20
    hidden_shown = [t for t in result["tests"] if t["hidden"] and t["input"] is not None]
    assert len(hidden_shown) <= 1  # only the first failing hidden test is revealed
    table = coach("run", str(bad), "-p", "two-sum")
    assert table.returncode == 1 and "WA" in table.stdout


def test_run_bad_input(coach: Any, tmp_path: Path) -> None:
    assert coach("run", str(tmp_path / "missing.py"), "-p", "two-sum").returncode == 2
    odd = tmp_path / "solution.rb"
    odd.write_text("puts 1")
    proc = coach("run", str(odd), "-p", "two-sum")
    assert proc.returncode == 2 and "--lang" in proc.stderr
    ok = tmp_path / "s.py"
    ok.write_text(GOOD)
    proc = coach("run", str(ok), "-p", "no-such-problem")
    assert proc.returncode == 2 and "Unknown problem" in proc.stderr
    proc = coach("run", str(ok), "-p", "two-sum", "--backend", "chroot")
    assert proc.returncode == 2 and "unknown backend" in proc.stderr


def test_unsafe_backend_needs_consent(coach: Any, tmp_path: Path) -> None:
    ok = tmp_path / "s.py"
    ok.write_text(GOOD)
    coach("config", "set", "sandbox.backend", "unsafe")
    proc = coach("run", str(ok), "-p", "two-sum")
    assert proc.returncode == 2 and "allow_unsafe" in proc.stderr


@pytest.mark.slow
def test_validate_reports_each_error_with_file_and_field(coach: Any, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    good = _copy(pack, "good-sum")
    schema = _copy(pack, "bad-schema")
    toml = schema / "problem.toml"
    toml.write_text(toml.read_text().replace('difficulty = "easy"', 'difficulty = "extreme"'))
    failing = _copy(pack, "bad-reference")
    (failing / "solutions" / "reference.py").write_text(PY_WA)
    disagree = _copy(pack, "bad-expected")
    tests = json.loads((disagree / "tests.json").read_text())
    tests["hidden"][4]["expected"] = [9999, 9998]
    (disagree / "tests.json").write_text(json.dumps(tests))

    proc = coach("problems", "validate", str(pack), timeout=600)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = proc.stdout.replace("\n    ", " ")
    assert f"{schema}/problem.toml: difficulty:" in out
    assert f"{failing}/tests.json: visible[0].expected" in out and "reference.py" in out
    assert f"{disagree}/tests.json: hidden[4].expected: [9999, 9998]" in out
    assert "1/4 problems valid" in out
    assert coach("problems", "validate", str(good), timeout=600).returncode == 0


@pytest.mark.slow
def test_import_copies_a_valid_pack_and_refuses_clashes(
    coach: Any, tmp_path: Path, coach_home: Path
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    _copy(pack, "my-two-sum")
    proc = coach("problems", "import", str(pack), timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert (coach_home / "problems" / "my-two-sum" / "problem.toml").exists()
    listed = json.loads(coach("problems", "list", "--json").stdout)
    assert {"slug": "my-two-sum", "origin": "user"}.items() <= next(
        p for p in listed if p["slug"] == "my-two-sum"
    ).items()
    again = coach("problems", "import", str(pack), timeout=600)
    assert again.returncode == 2 and "already present: my-two-sum" in again.stderr
