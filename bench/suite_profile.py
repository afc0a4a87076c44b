"""Where the test suite's CPU goes: per test, per file, per worker, collection included.

    SUITE_PROFILE=/tmp/prof .venv/bin/pytest -p bench.suite_profile -n auto -m "not slow" -q
    .venv/bin/python bench/suite_profile.py /tmp/prof --top 40

Wall time per test (`pytest --durations`) says little on a busy machine; CPU time (user + system)
of the test process and of the children it waited for (sandboxed programs, `coach` subprocesses)
hardly moves with the load. As a pytest plugin (``-p bench.suite_profile``, with SUITE_PROFILE
naming a directory) every process, xdist workers included, writes one JSON-lines file: a record
per test phase (setup, call, teardown: fixtures count where they are built) and one for start-up
plus collection. Run as a script it sums them: the total, per file, the top tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Generator
from pathlib import Path
from typing import IO, Any

import pytest

_out: IO[str] | None = None


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def _write(record: dict[str, Any]) -> None:
    if _out is not None:
        _out.write(json.dumps(record) + "\n")
        _out.flush()


def pytest_configure(config: pytest.Config) -> None:
    global _out
    directory = os.environ.get("SUITE_PROFILE")
    if not directory:
        return
    Path(directory).mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    _out = open(Path(directory) / f"{worker}-{os.getpid()}.jsonl", "a")  # noqa: SIM115


def pytest_collection_finish(session: pytest.Session) -> None:
    own, kids = _cpu()  # everything so far: interpreter start-up, plugins, imports, collection
    _write({"phase": "startup+collection", "own": own, "kids": kids, "n": len(session.items)})


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, None, None]:
    own0, kids0 = _cpu()
    start = time.perf_counter()
    yield
    own1, kids1 = _cpu()
    _write(
        {
            "phase": "test",
            "id": item.nodeid,
            "slow": item.get_closest_marker("slow") is not None,
            "wall": time.perf_counter() - start,
            "own": own1 - own0,
            "kids": kids1 - kids0,
        }
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    if _out is not None:
        own, kids = _cpu()
        _write({"phase": "end", "own": own, "kids": kids})
        _out.close()


def report(directory: Path, top: int) -> None:
    tests: list[dict[str, Any]] = []
    startup = 0.0
    ends: dict[str, float] = {}
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            record = json.loads(line)
            if record["phase"] == "test":
                tests.append(record)
            elif record["phase"] == "startup+collection":
                startup += record["own"] + record["kids"]
            elif record["phase"] == "end":
                ends[path.name] = record["own"] + record["kids"]
    # the xdist controller's children are its workers: its total already holds theirs
    main = [cpu for name, cpu in ends.items() if name.startswith("main-")]
    end_total = main[0] if main else sum(ends.values())
    in_tests = sum(t["own"] + t["kids"] for t in tests)
    rest = end_total - startup - in_tests
    print(f"processes' CPU {end_total:.1f} s: start-up+collection {startup:.1f} s, "
          f"tests {in_tests:.1f} s ({len(tests)} tests), rest {rest:.1f} s")  # fmt: skip
    per_file: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for t in tests:
        row = per_file[t["id"].split("::")[0]]
        row[0] += t["own"]
        row[1] += t["kids"]
        row[2] += t["wall"]
        row[3] += 1
    print(f"\n{'file':<50} {'cpu s':>7} {'own':>7} {'kids':>7} {'wall s':>7} {'n':>5}")
    for name, (own, kids, wall, n) in sorted(per_file.items(), key=lambda kv: -kv[1][0] - kv[1][1]):
        print(f"{name:<50} {own + kids:7.1f} {own:7.1f} {kids:7.1f} {wall:7.1f} {int(n):5d}")
    print(f"\n{'test':<100} {'cpu s':>7} {'own':>6} {'kids':>6} {'wall':>6}")
    for t in sorted(tests, key=lambda t: -t["own"] - t["kids"])[:top]:
        cpu = t["own"] + t["kids"]
        print(f"{t['id'][:100]:<100} {cpu:7.2f} {t['own']:6.2f} {t['kids']:6.2f} {t['wall']:6.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    report(args.directory, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
