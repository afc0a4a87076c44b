"""The compile cache: keys, atomic entries, LRU eviction, default location."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from sandbox.cache import BuildCache, build_key, default_cache_dir


def make_build(tmp_path: Path, name: str, size: int) -> Path:
    d = tmp_path / f"src-{name}"
    d.mkdir()
    (d / "a.out").write_bytes(b"x" * size)
    return d


def test_key_depends_on_every_part() -> None:
    base = build_key(["cpp", "g++ 12", "1", "code"], {"main.cpp": "int main(){}"})
    assert base == build_key(["cpp", "g++ 12", "1", "code"], {"main.cpp": "int main(){}"})
    assert base != build_key(["cpp", "g++ 13", "1", "code"], {"main.cpp": "int main(){}"})
    assert base != build_key(["cpp", "g++ 12", "2", "code"], {"main.cpp": "int main(){}"})
    assert base != build_key(["cpp", "g++ 12", "1", "code "], {"main.cpp": "int main(){}"})
    assert base != build_key(["cpp", "g++ 12", "1", "code"], {"main.cpp": "int main(){ }"})


def test_put_then_get(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    assert cache.get("k1") is None
    entry = cache.put("k1", make_build(tmp_path, "1", 10))
    assert cache.get("k1") == entry
    assert (entry / "a.out").read_bytes() == b"x" * 10
    assert not [p for p in (tmp_path / "cache").iterdir() if p.name.startswith(".tmp-")]


def test_incomplete_entries_are_misses(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    (tmp_path / "k2").mkdir()  # e.g. a crash mid-copy from an older version
    assert cache.get("k2") is None


def test_lru_eviction_keeps_recently_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sandbox.cache.IN_USE_S", 0.0)  # pure LRU
    cache = BuildCache(tmp_path / "cache", max_bytes=2500)
    for i, key in enumerate(["old", "used", "new"]):
        cache.put(key, make_build(tmp_path, key, 1000))
        past = time.time() - 100 + i
        os.utime(tmp_path / "cache" / key, (past, past))
    assert cache.get("used") is not None  # touched: now the most recent
    cache.put("newest", make_build(tmp_path, "newest", 1000))
    left = {p.name for _, _, p in cache.entries()}
    assert left == {"used", "newest"}  # "old" and then "new" went, oldest first
    assert sum(size for _, size, _ in cache.entries()) <= 2500


def test_default_location_follows_coach_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_SANDBOX_CACHE", "/srv/shared-cache")
    assert default_cache_dir() == Path("/srv/shared-cache")
    monkeypatch.delenv("COACH_SANDBOX_CACHE")
    monkeypatch.setenv("COACH_HOME", "/srv/coach")
    assert default_cache_dir() == Path("/srv/coach/cache/builds")
    monkeypatch.delenv("COACH_HOME")
    assert default_cache_dir().name == "builds" and "coach" in str(default_cache_dir())


def test_size_cap_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COACH_SANDBOX_CACHE_MB", "3")
    assert BuildCache(tmp_path).max_bytes == 3 << 20


def test_entries_in_use_are_not_evicted(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache", max_bytes=500)
    cache.put("a", make_build(tmp_path, "a", 1000))
    cache.put("b", make_build(tmp_path, "b", 1000))  # over the cap, but "a" was just used
    assert {p.name for _, _, p in cache.entries()} == {"a", "b"}


@pytest.mark.parametrize("lang", ["cpp", "java", "go"])  # compiled: `slow` by the rule
def test_the_unsafe_backend_keeps_its_toolchain_cache_where_builds_look(
    lang: str, shared_build_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backend without mounts shows the toolchain cache at its host path: the language must
    write into ``.toolchain/<lang>`` (what ``build.language_cache`` hands the build and where
    the precompile's stamp is looked for, and what bwrap mounts), or every build compiles
    without the precompiled header (C++) or class-data archive (javac), or into a second Go
    cache, and the precompile of one backend hides the other's (both happened: ~3 s of CPU
    per unsafe C++ build)."""
    from hostile.support import backend_or_skip, runner_or_skip

    from coach_engine.problems import ProblemBank
    from sandbox import languages, runner
    from sandbox.isolation import ExecResult, ExecSpec
    from sandbox.isolation.unsafe import UnsafeBackend

    backend_or_skip("unsafe", shared_build_cache)
    runner_or_skip(lang)
    builds: list[ExecSpec] = []

    class Recording(UnsafeBackend):
        def execute(self, spec: ExecSpec) -> ExecResult:
            if spec.writable:  # a build step: precompile or compile
                builds.append(spec)
            return super().execute(spec)

    backend = Recording(shared_build_cache, opted_in=True)
    monkeypatch.setattr(runner, "get_backend", lambda *a, **k: backend)
    problem = ProblemBank().get("two-sum")
    for n in range(2):  # new code each time: a build, not a cache hit
        code = f"{problem.reference(lang)}\n// {os.getpid()} {time.time()} {n}\n"
        r = runner.run(problem.run_request(lang, code), cache_dir=shared_build_cache)
        assert r.verdict.value == "AC", r.compile_output
    own = shared_build_cache / ".toolchain" / lang
    precompile = languages.get(lang, str(own)).precompile()
    assert precompile is not None
    compiles = [spec for spec in builds if spec.argv != precompile.argv]
    assert len(compiles) == 2
    assert len(builds) - len(compiles) <= 1  # the stamp is found: never once per build
    assert all(spec.cache == own for spec in builds)
    if lang == "go":
        assert {spec.env["GOCACHE"] for spec in builds} == {str(own)}
    elif lang == "cpp":  # sh -c <script> sh <the header's directory> <kind> <compiler...>
        header_dirs = {Path(spec.argv[4]) for spec in compiles}
        assert [d.parent for d in header_dirs] == [own]
        assert all((d / "ready").exists() for d in header_dirs)
    else:  # sh -c <script> sh <javac's class-data archive> <javac...>
        archives = {Path(spec.argv[4]) for spec in compiles}
        assert [a.parent for a in archives] == [own]
        assert all(a.is_file() for a in archives)
    assert (own / precompile.stamp).exists()
