"""The engine, sandbox and prompts import without any UI library (STYLE.md §A).

Each core module is imported on its own, in a process that has imported nothing of the project,
so a UI import reached only through that module (or an import cycle that breaks only when the
module is the first one imported) is seen. One probe interpreter checks every module: it imports
the third-party libraries the project uses once (those that load no UI library themselves),
then forks a fresh child per module (the cost is
the project's own modules, not ~180 interpreter start-ups).
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ("coach_engine", "sandbox", "prompts")
UI = ("textual", "rich", "typer")

# Runs in its own interpreter: argv = UI, CORE, modules (JSON lists), result file.
PROBE = r"""
import importlib, json, os, sys, traceback

UI, CORE, MODULES = (json.loads(a) for a in sys.argv[1:4])
RESULT = sys.argv[4]


def ui_loaded():
    return sorted(m for m in UI if m in sys.modules)


def in_child(work):
    # Run work() in a forked child (this process's imports, nothing more) and return its result.
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            result = work()
        except BaseException:
            result = {"error": traceback.format_exc()[-2000:]}
        with os.fdopen(write, "w") as out:
            json.dump(result, out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as got:
        data = got.read()
    os.waitpid(pid, 0)
    return json.loads(data) if data else {"error": "the child died without a report"}


def third_party():
    # Top-level non-project, non-UI modules that importing every core module brings in.
    before = set(sys.modules)
    for name in MODULES:
        try:
            importlib.import_module(name)
        except BaseException:
            pass
    return sorted(
        {m.split(".")[0] for m in set(sys.modules) - before} - set(CORE) - set(UI)
    )


def check(name):
    def work():
        importlib.import_module(name)
        return {"ui": ui_loaded()}
    return work


report = {}
preload = in_child(third_party)
if isinstance(preload, dict):
    report["<probe>"] = {"error": preload["error"]}
else:
    for lib in preload:
        # Only a library that loads no UI when imported plainly: the project may import one
        # that would (httpx) in a way that does not, and the children must do it that way.
        if in_child(lambda: importlib.import_module(lib) and ui_loaded()) == []:
            importlib.import_module(lib)
    if ui_loaded():
        report["<probe>"] = {"error": f"third-party imports alone pulled in {ui_loaded()}"}
    for name in MODULES:
        report[name] = in_child(check(name))
with open(RESULT, "w") as out:
    json.dump(report, out)
"""


def _modules() -> list[str]:
    names = []
    for package in CORE:
        names.append(package)
        for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
            names.append(info.name)
    return names


MODULES = _modules()


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    """What importing each core module alone pulled in: ``{module: {"ui": [...]} | {"error"}}``."""
    result = tmp_path_factory.mktemp("import-probe") / "report.json"
    args = [json.dumps(UI), json.dumps(CORE), json.dumps(MODULES), str(result)]
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    assert proc.returncode == 0 and result.exists(), f"import probe failed: {proc.stderr[-2000:]}"
    report: dict[str, dict[str, object]] = json.loads(result.read_text())
    assert "<probe>" not in report, report["<probe>"]["error"]
    return report


@pytest.mark.parametrize("module", MODULES)
def test_core_module_imports_no_ui(module: str, probe: dict[str, dict[str, object]]) -> None:
    found = probe[module]
    assert "error" not in found, f"{module} does not import on its own:\n{found['error']}"
    assert found["ui"] == [], f"{module} pulled in {found['ui']}"


def test_the_probe_sees_a_ui_import(tmp_path: Path) -> None:
    """The probe reports a module that imports a UI library only through another module."""
    pkg = tmp_path / "coach_engine"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "inner.py").write_text("import rich\n")
    (pkg / "outer.py").write_text("from coach_engine import inner\n")
    (pkg / "clean.py").write_text("import json\n")
    (pkg / "broken.py").write_text("from coach_engine import missing_name\n")
    result = tmp_path / "report.json"
    modules = ["coach_engine.clean", "coach_engine.outer", "coach_engine.broken"]
    args = [json.dumps(UI), json.dumps(["coach_engine"]), json.dumps(modules), str(result)]
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(result.read_text())
    assert report["coach_engine.clean"] == {"ui": []}
    assert report["coach_engine.outer"] == {"ui": ["rich"]}
    assert "missing_name" in report["coach_engine.broken"]["error"]


def test_import_contracts() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    proc = subprocess.run([str(lint)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
