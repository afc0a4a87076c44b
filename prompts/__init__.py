"""Versioned prompt templates and their typed loader (see ``prompts.loader``).

    >>> from prompts import load
    >>> hint = load("hint")            # latest version
    >>> text = hint.render(level=1, ...)

This package imports no UI library (an import-linter contract enforces it).
"""

from prompts.loader import PromptError, PromptTemplate, available, load, parse

__all__ = ["PromptError", "PromptTemplate", "available", "load", "parse"]
