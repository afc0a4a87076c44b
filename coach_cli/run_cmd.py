"""``coach run FILE --problem SLUG``: run a solution in the sandbox."""

from __future__ import annotations


def run() -> None:
    """Run a solution file against a problem's tests in the sandbox."""
