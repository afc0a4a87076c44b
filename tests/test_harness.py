"""The per-language drivers and runners, on real toolchains, without isolation.

Every language compiles and runs its generated driver as a plain subprocess (``harness_support``):
each type of the signature grammar round-trips, LeetCode's own signatures and code run unchanged,
exceptions report the candidate's line, printing cannot disturb the result channel, compile
errors point at the candidate's line, and a 100 000-deep recursion works. Programs are compiled
once per language, in parallel, and reused across cases.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from harness_solutions import (
    COMPILE_ERRORS,
    DEEP_TREE,
    EXCEPTIONS,
    LANGS,
    LEETCODE_CASES,
    PROGRAMS,
    TYPES,
    identity_values,
)
from harness_support import Program, build, build_many, prepare_cache, run, runner_for, sig

from coach_engine.errors import SandboxError
from sandbox.harness import cpp as cpp_harness
from sandbox.harness.compiler_output import remap_lines
from sandbox.harness.go_imports import prepare
from sandbox.harness.source import blank_literals, count_lines
from sandbox.harness.types import parse_type
from sandbox.languages import all_runners, get
from sandbox.spec import LANGUAGES, Limits

Programs = Callable[[str], dict[str, Program]]


@pytest.fixture(scope="session")
def programs(tmp_path_factory: pytest.TempPathFactory, shared_build_cache: Path) -> Programs:
    """``programs(lang)``: every program of ``PROGRAMS[lang]``, built on first use."""
    root = tmp_path_factory.mktemp("harness")
    built: dict[str, dict[str, Program]] = {}

    def for_language(lang: str) -> dict[str, Program]:
        if lang not in built:
            # The run's toolchain cache, where the sandbox's builds keep theirs: Go's standard
            # library (~15 s of CPU) is built once per run, not again here. The C++ header is
            # one per place the cache is seen at (host path here, /cache in bwrap).
            runner = runner_for(lang, shared_build_cache / ".toolchain")
            prepare_cache(runner, root / "precompile" / lang)
            jobs = [
                (
                    key,
                    runner,
                    signature,
                    code,
                    root / lang / key.replace(":", "_").replace("[]", "A"),
                )
                for key, (signature, code) in PROGRAMS[lang].items()
            ]
            built[lang] = build_many(jobs)
        return built[lang]

    return for_language


def same(actual: Any, expected: Any) -> bool:
    """Exact JSON equality, except that 3 == 3.0 (languages print integral doubles differently)."""
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(same(a, e) for a, e in zip(actual, expected, strict=True))
        )
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected
    numbers = (int, float)
    if type(expected) in numbers:
        return type(actual) in numbers and actual == expected
    return type(actual) is type(expected) and actual == expected


def check_protocol(r: Any, n: int) -> None:
    """One result line per case, in order, with integer timings; one marker per case."""
    assert [x["i"] for x in r.results] == list(range(n)), r.stderr
    for x in r.results:
        assert isinstance(x["cpu_us"], int) and x["cpu_us"] >= 0
        assert isinstance(x["wall_us"], int) and x["wall_us"] >= 0
    assert sorted(r.stdout) == list(range(n))


# ---- every type, both directions ---------------------------------------------------------------


@pytest.mark.parametrize("type_name", TYPES)
@pytest.mark.parametrize("lang", LANGS)
def test_every_type_round_trips(programs: Programs, lang: str, type_name: str) -> None:
    program = programs(lang)[f"identity:{type_name}"]
    assert program.ok, program.compile_output
    values = identity_values(type_name, lang)
    r = run(program, [[v] for v in values])
    check_protocol(r, len(values))
    for value, result in zip(values, r.results, strict=True):
        assert result["ok"], result
        assert same(result["out"], value), (value, result["out"])


@pytest.mark.parametrize("lang", LANGS)  # per language: the compiled ones are slow
def test_doubles_are_exact_and_non_finite_values_are_strings(programs: Programs, lang: str) -> None:
    r = run(programs(lang)["identity:double"], [[0.1], [1e-7], ["NaN"], ["-Infinity"]])
    assert [x["out"] for x in r.results][:2] == [0.1, 1e-7], lang  # shortest round-trip text
    assert [x["out"] for x in r.results][2:] == ["NaN", "-Infinity"], lang


# ---- LeetCode's exact signatures, solutions pasted unchanged -----------------------------------


@pytest.mark.parametrize("problem", list(LEETCODE_CASES))
@pytest.mark.parametrize("lang", LANGS)
def test_leetcode_signature(programs: Programs, lang: str, problem: str) -> None:
    program = programs(lang)[problem]
    assert program.ok, program.compile_output
    cases = LEETCODE_CASES[problem]
    r = run(program, [args for args, _ in cases])
    check_protocol(r, len(cases))
    assert r.outs() == [expected for _, expected in cases]


@pytest.mark.parametrize("lang", LANGS)
def test_void_inplace_reports_the_named_argument(programs: Programs, lang: str) -> None:
    r = run(programs(lang)["inplace"], [[["h", "e", "l", "l", "o"]], [["a"]], [[]]])
    assert r.outs() == [["o", "l", "l", "e", "h"], ["a"], []]


# ---- failures ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_exception_reports_the_candidate_line_and_the_run_goes_on(
    programs: Programs, lang: str
) -> None:
    _, line, words = EXCEPTIONS[lang]
    r = run(programs(lang)["exception"], [[7, 2], [1, 0], [9, 3]])
    check_protocol(r, 3)
    ok, failed, after = r.results
    assert ok["ok"] and ok["out"] == 3 and after["ok"] and after["out"] == 3
    assert failed["ok"] is False and words in failed["error"]
    assert failed.get("line") == line


@pytest.mark.parametrize("lang", LANGS)
def test_printing_never_corrupts_results(programs: Programs, lang: str) -> None:
    r = run(programs(lang)["prints"], [[1], [2], [3]])
    check_protocol(r, 3)
    assert r.outs() == [1, 2, 3]  # the fake JSON line on stdout changed nothing
    for i, x in enumerate((1, 2, 3)):
        assert r.stdout[i] == f'case {x}\n{{"i": 0, "ok": true, "out": 999}}\nno newline'


@pytest.mark.parametrize("lang", ["java", "cpp", "go"])
def test_compile_error_points_at_the_candidate_line(programs: Programs, lang: str) -> None:
    program = programs(lang)["compile_error"]
    _, line, words = COMPILE_ERRORS[lang]
    assert program.compile_output is not None
    name = program.driver.candidate_file
    assert f"{name}:{line}:" in program.compile_output, program.compile_output
    assert words in program.compile_output
    for generated in program.driver.files:
        if generated != name:
            assert generated not in program.compile_output


@pytest.mark.parametrize("lang", ["python", "javascript"])
def test_syntax_check_points_at_the_candidate_line(tmp_path: Path, lang: str) -> None:
    runner = get(lang)
    code, line, words = COMPILE_ERRORS[lang]
    program = build(runner, sig("echo", [("x", "int")], "int"), code, tmp_path)
    argv = runner.check_argv(str(tmp_path))
    assert argv is not None
    proc = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    mapped = runner.map_compiler_output(proc.stdout + proc.stderr, program.driver)
    name = program.driver.candidate_file
    assert f"{name}:{line}" in mapped or f'{name}", line {line}' in mapped, mapped
    assert words in mapped and "driver" not in mapped.replace("<driver>", "")
    # Without the check, the driver reports the syntax error on every case instead.
    r = run(program, [[1], [2]])
    assert [(x["ok"], x.get("line")) for x in r.results] == [(False, line), (False, line)]
    assert all(words in x["error"] for x in r.results)


@pytest.mark.slow  # compiles
def test_cpp_error_in_generated_code_is_relabelled(tmp_path: Path, programs: Programs) -> None:
    code = "class Solution {\npublic:\n    int echo(string x) { return 0; }\n};\n"
    runner = programs("cpp")["twoSum"].runner  # with the session's precompiled cache
    program = build(runner, sig("echo", [("x", "int")], "int"), code, tmp_path)
    assert program.compile_output is not None
    assert "<driver>" in program.compile_output
    assert "coach_driver.hpp" not in program.compile_output
    assert "solution.cpp:3:" in program.compile_output  # the candidate's declaration is named


# ---- deep recursion ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_recursion_100000_deep(programs: Programs, lang: str) -> None:
    r = run(programs(lang)["maxDepth"], [[DEEP_TREE]])
    assert r.outs() == [100_000], r.stderr[-2000:]


def test_python_recursion_through_c_on_the_raised_stack(tmp_path: Path) -> None:
    code = """class Solution:
    def depth(self, n: int) -> int:
        @cache
        def f(k):
            return 0 if k == 0 else 1 + f(k - 1)
        return f(n)
"""
    program = build(get("python"), sig("depth", [("n", "int")], "int"), code, tmp_path)
    assert run(program, [[100_000]]).outs() == [100_000]
    # Without a raised RLIMIT_STACK the driver falls back to a big-stack thread, which needs
    # RLIMIT_DATA room for that stack.
    fallback = run(program, [[100_000]], Limits(memory_mb=1024), raise_stack=False)
    assert fallback.outs() == [100_000]
    runaway = run(program, [[10**7]])
    assert runaway.results[0]["ok"] is False
    assert "RecursionError" in runaway.results[0]["error"]


# ---- language specifics ------------------------------------------------------------------------


@pytest.mark.slow  # compiles
def test_java_list_parameters_and_results(tmp_path: Path) -> None:
    code = """class Solution {
    public List<List<Integer>> pairs(List<Integer> nums, long big) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i + 1 < nums.size(); i += 2) {
            out.add(Arrays.asList(nums.get(i), nums.get(i + 1)));
        }
        out.add(List.of((int) (big % 1000)));
        return out;
    }
}
"""
    signature = sig("pairs", [("nums", "int[]"), ("big", "long")], "int[][]")
    program = build(get("java"), signature, code, tmp_path)
    assert program.ok, program.compile_output
    r = run(program, [[[1, 2, 3, 4], 2**40 + 123], [[], 5]])
    assert r.outs() == [[[1, 2], [3, 4], [(2**40 + 123) % 1000]], [[5]]]


@pytest.mark.slow  # compiles
def test_go_respects_candidate_imports_and_adds_the_missing_ones(tmp_path: Path) -> None:
    code = """package main

import (
	"sort"
)

func sortedJoin(words []string) string {
	list := append([]string{}, words...) // a local named like container/list
	sort.Strings(list)
	return strings.Join(list, ",")
}
"""
    program = build(get("go"), sig("sortedJoin", [("words", "string[]")], "string"), code, tmp_path)
    assert program.ok, program.compile_output
    assert program.driver.line_offset == 0
    assert run(program, [[["c", "a", "b"]], [[]]]).outs() == ["a,b,c", ""]


@pytest.mark.slow  # compiles
def test_cpp_compiles_without_a_cache(tmp_path: Path, programs: Programs) -> None:
    code = programs("cpp")["twoSum"].driver.files["solution.cpp"]
    candidate = "\n".join(code.splitlines()[cpp_harness.LINE_OFFSET : -1]) + "\n"
    program = build(
        get("cpp"), sig("twoSum", [("n", "int[]"), ("t", "int")], "int[]"), candidate, tmp_path
    )
    assert program.ok, program.compile_output
    assert run(program, [[[2, 7, 11, 15], 9]]).outs() == [[0, 1]]


@pytest.mark.slow  # compiles
def test_cpp_cache_uses_the_precompiled_header(programs: Programs, tmp_path: Path) -> None:
    program = programs("cpp")["twoSum"]
    runner = program.runner
    argv = runner.compile_argv(str(program.workdir))
    assert argv is not None and runner.cache_dir is not None
    assert runner.compiler().kind == "clang"  # what scripts/setup.sh installs
    # The same compile with a copy of the cache whose PCH is garbage fails on it: clang reads it.
    cache = Path(argv[4])
    broken = tmp_path / "cache"
    shutil.copytree(cache, broken)
    (broken / "stdc++.pch").write_bytes(b"not a pch")
    for where, ok in ((cache, True), (broken, False)):
        probe = [*argv[:4], str(where), *argv[5:-2], "-fsyntax-only"]
        proc = subprocess.run(probe, cwd=program.workdir, capture_output=True, text=True)
        assert (proc.returncode == 0) is ok, proc.stderr
    assert "stdc++.pch" in proc.stderr


def test_cpp_falls_back_to_gxx_cxx20_without_a_clang_18(monkeypatch: pytest.MonkeyPatch) -> None:
    assert get("cpp").toolchain().version.endswith("-std=c++23, libstdc++ of GCC 12")
    monkeypatch.setattr("sandbox.languages.cpp.CLANG_DIRS", ("/nonexistent",))
    runner = get("cpp", cache_dir="/cache")
    assert runner.compiler().kind == "gcc"
    assert "-std=c++20 (no clang >= 18: `apt-get install clang-19`)" in runner.toolchain().version
    argv = runner.compile_argv("/job")
    assert argv is not None and "-std=c++20" in argv and "-fmax-errors=30" in argv


# ---- pure helpers ------------------------------------------------------------------------------


def test_go_imports_are_added_only_when_needed() -> None:
    p = prepare(
        'func f(a []int) string {\n\t// sort.Ints(a) later\n\ts := "math.Pi"\n\treturn s\n}\n'
    )
    assert p.added == () and p.line_offset == 1
    p = prepare(
        "type heap []int\n\nfunc (h heap) Len() int { return len(h) }\n\n"
        'func f(h heap) int { return heap.Len(h) + len(strings.Fields("")) }\n'
    )
    assert p.added == ("strings",)  # `heap` is the candidate's type, not container/heap
    p = prepare(
        '// header\npackage solution\n\nimport s "strings"\n\n'
        'func f() int { return s.Count("", "") + bits.Len(3) + strings.Count("", "") }\n'
    )
    assert p.line_offset == 0 and p.added == ("math/bits",)
    assert p.source.splitlines()[1] == 'package main; import "math/bits"'
    assert p.source.rstrip().endswith("var _ = bits.OnesCount")


def test_compiler_output_is_mapped_to_candidate_lines() -> None:
    out = remap_lines(
        "/box/solution.cpp:5:3: error: x\nIn file included from solution.cpp:9:\n"
        "coach_driver.hpp:40:1: note: y\nsolution.cpp:1:1: z\n",
        candidate_file="solution.cpp",
        line_offset=2,
        candidate_lines=5,
        driver_files=["coach_driver.hpp"],
    )
    assert out.splitlines() == [
        "solution.cpp:3:3: error: x",
        "In file included from <driver>:",
        "<driver>: note: y",
        "<driver> z",
    ][:2] + ["<driver>: note: y", "<driver>: z"]


def test_blank_literals_keeps_positions() -> None:
    code = "a = \"class ListNode {\"; // sort.Ints\n/* x\ny */ b = 'c'\n"
    blank = blank_literals(code)
    assert len(blank) == len(code) and count_lines(blank) == count_lines(code) == 3
    assert "ListNode" not in blank and "sort" not in blank and "b = ' '" in blank


def test_types_parse() -> None:
    assert (parse_type("char[][]").base, parse_type("char[][]").dims) == ("char", 2)
    assert parse_type("TreeNode").is_node
    with pytest.raises(ValueError):
        parse_type("int[][][]")


# ---- registry and toolchains -------------------------------------------------------------------


def test_registry_has_every_language() -> None:
    assert [r.name for r in all_runners()] == list(LANGUAGES)
    assert get("cpp", cache_dir="/cache").cache_dir == "/cache"
    with pytest.raises(SandboxError, match="unknown language"):
        get("cobol")


def test_toolchains_are_found_with_what_the_sandbox_must_mount() -> None:
    versions = {r.name: r.toolchain().version for r in all_runners()}
    assert versions["python"].startswith("Python 3.")
    assert "17" in versions["java"] and versions["go"].startswith("go1.")
    java = get("java").toolchain()
    if Path("/etc/java-17-openjdk").is_dir():
        assert "/etc/java-17-openjdk" in java.binds
    assert all(not b.startswith("/usr/") for b in java.binds)


def test_go_is_the_newest_installed_1_21_or_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Go roots as Debian lays them out: /usr/lib/go-1.N/{VERSION,bin/go}.
    def go_root(minor: int) -> Path:
        root = tmp_path / f"go-1.{minor}"
        (root / "bin").mkdir(parents=True)
        (root / "VERSION").write_text(f"go1.{minor}.3\ntime 2024-01-01\n")
        (root / "bin" / "go").write_text("#!/bin/sh\n")
        (root / "bin" / "go").chmod(0o755)
        return root

    for minor in (19, 22, 21):
        go_root(minor)
    monkeypatch.setattr("sandbox.languages.go.GO_LIB", str(tmp_path))
    assert get("go").toolchain().version == f"go1.22.3 ({tmp_path}/go-1.22)"
    # Only an older Go, on PATH: refused with the fix, not a confusing `undefined: max` later.
    monkeypatch.setattr("sandbox.languages.go.GO_LIB", str(tmp_path / "none"))
    monkeypatch.setenv("PATH", str(tmp_path / "go-1.19" / "bin"))
    with pytest.raises(SandboxError, match=r"go1\.19\.3 .*need Go 1\.21 or newer"):
        get("go").toolchain()


def test_python_runs_on_the_system_interpreter() -> None:
    argv = get("python").run_argv("/box", Limits())
    assert argv[0] == "/usr/bin/python3"


def test_missing_toolchain_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("sandbox.languages.go.GO_LIB", "/nonexistent")
    monkeypatch.setattr("sandbox.languages.cpp.CLANG_DIRS", ("/nonexistent",))
    go_package = "-t bookworm-backports golang-1.23-go"
    for lang, package in [("javascript", "nodejs"), ("go", go_package), ("cpp", "clang-19")]:
        with pytest.raises(SandboxError, match=f"apt-get install {package}"):
            get(lang).toolchain()
    monkeypatch.setattr("sandbox.languages.python.INTERPRETER", "/nonexistent/python3")
    with pytest.raises(SandboxError, match="apt-get install python3"):
        get("python").toolchain()


def test_limits_per_language() -> None:
    limits = Limits(memory_mb=256)
    java = get("java")
    assert java.data_limit_bytes(limits) >= (256 + 256) << 20
    assert f"-Xmx{limits.memory_mb}m" in java.run_argv("/box", limits)
    node = get("javascript")
    stack_kb = int(
        next(a for a in node.run_argv("/box", limits) if a.startswith("--stack-size=")).split("=")[
            1
        ]
    )
    assert stack_kb * 1024 < node.stack_limit_bytes(limits)  # V8 must stop before the kernel does
    assert get("go").env(limits)["CGO_ENABLED"] == "0"


def test_a_cyclic_list_result_is_an_error_not_a_hang(tmp_path: Path) -> None:
    signature = sig("cycle", [("head", "ListNode")], "ListNode")
    codes = {
        "python": "class Solution:\n    def cycle(self, head):\n"
        "        head.next.next = head\n        return head\n",
        "javascript": "var cycle = function(head) {\n    head.next.next = head;\n"
        "    return head;\n};\n",
    }
    for lang, code in codes.items():
        program = build(get(lang), signature, code, tmp_path / lang)
        r = run(program, [[[1, 2, 3]], [[4, 5]]])
        assert [x["ok"] for x in r.results] == [False, False]
        assert all("Found cycle in the ListNode" in x["error"] for x in r.results)


@pytest.mark.slow  # compiles
def test_cpp_invalid_utf8_becomes_a_replacement_character(
    tmp_path: Path, programs: Programs
) -> None:
    code = (
        'class Solution {\npublic:\n    string bad(int n) { return string("a\\xff") + "b"; }\n};\n'
    )
    runner = programs("cpp")["twoSum"].runner  # with the session's precompiled cache
    program = build(runner, sig("bad", [("n", "int")], "string"), code, tmp_path)
    assert run(program, [[1]]).outs() == ["a\ufffdb"]


@pytest.mark.slow  # compiles
def test_go_builds_into_the_runners_cache(programs: Programs) -> None:
    runner = programs("go")["twoSum"].runner
    assert runner.cache_writable and runner.cache_dir is not None
    assert runner.env(Limits())["GOCACHE"] == runner.cache_dir
    assert any(Path(runner.cache_dir).iterdir())
