"""One lowering front end per language, from tree-sitter CST to the judge IR."""

from __future__ import annotations

from coach_engine.judge.static.langs.base import Lowerer
from coach_engine.judge.static.langs.cpp import CppLowerer
from coach_engine.judge.static.langs.golang import GoLowerer
from coach_engine.judge.static.langs.java import JavaLowerer
from coach_engine.judge.static.langs.javascript import JavaScriptLowerer
from coach_engine.judge.static.langs.python import PythonLowerer

LOWERERS: dict[str, type[Lowerer]] = {
    "python": PythonLowerer,
    "javascript": JavaScriptLowerer,
    "java": JavaLowerer,
    "cpp": CppLowerer,
    "go": GoLowerer,
}

__all__ = ["LOWERERS", "Lowerer"]
