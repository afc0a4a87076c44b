"""Language runners: one per supported language, found by name.

    runner = sandbox.languages.get("cpp")                       # no persistent cache
    runner = sandbox.languages.get("cpp", cache_dir="/cache")   # see languages.base

Runner modules are imported on first use, so importing this package stays cheap.
"""

from __future__ import annotations

import importlib

from coach_engine.errors import SandboxError
from sandbox.languages.base import LanguageRunner
from sandbox.spec import LANGUAGES

_RUNNERS: dict[str, tuple[str, str]] = {
    "python": ("sandbox.languages.python", "PythonRunner"),
    "javascript": ("sandbox.languages.javascript", "JavaScriptRunner"),
    "java": ("sandbox.languages.java", "JavaRunner"),
    "cpp": ("sandbox.languages.cpp", "CppRunner"),
    "go": ("sandbox.languages.go", "GoRunner"),
}
assert tuple(_RUNNERS) == LANGUAGES


def get(name: str, cache_dir: str | None = None) -> LanguageRunner:
    """A new runner for language ``name``.

    Args:
        name: one of ``sandbox.spec.LANGUAGES``.
        cache_dir: where compiles see the persistent toolchain cache, or None (``languages.base``).

    Raises:
        SandboxError: ``name`` is not a supported language.
    """
    try:
        module, cls = _RUNNERS[name]
    except KeyError:
        raise SandboxError(
            f"unknown language {name!r}: use one of {', '.join(LANGUAGES)}",
            title="Unknown language",
        ) from None
    runner: LanguageRunner = getattr(importlib.import_module(module), cls)(cache_dir)
    return runner


def all_runners(cache_dir: str | None = None) -> list[LanguageRunner]:
    """One runner per supported language, in ``LANGUAGES`` order."""
    return [get(name, cache_dir) for name in LANGUAGES]
