"""Rewrite compiler and syntax-check messages so they point into the candidate's code.

Drivers wrap the candidate's code (a prelude before it, driver code after it or in other files), so
a compiler reports ``solution.cpp:14:5`` for what the candidate typed on line 12. Every reference
``<dir>/<candidate_file>:LINE[:COL]`` (and Python's ``File "<candidate_file>", line LINE``) is
rewritten to the candidate's numbering with the directory dropped; references into the prelude,
past the end of the candidate's code or into other generated files become ``<driver>`` with no
line number, since those lines mean nothing to the candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sandbox.languages.base import Driver

DRIVER_LABEL = "<driver>"


def remap_lines(
    output: str,
    *,
    candidate_file: str,
    line_offset: int,
    candidate_lines: int,
    driver_files: Iterable[str] = (),
) -> str:
    """Map ``candidate_file`` line references by ``line_offset``; relabel driver references.

    Args:
        output: compiler output as produced inside the job directory.
        candidate_file: file name holding the candidate's code (no directory).
        line_offset: candidate line ``L`` is line ``L + line_offset`` of ``candidate_file``.
        candidate_lines: number of candidate lines; later lines of the file belong to the driver.
        driver_files: other generated file names, whose references are relabelled.
    """
    names = [candidate_file, *(f for f in driver_files if f != candidate_file)]
    alternatives = "|".join(re.escape(n) for n in names)
    # An optional directory part, then the file name, then ":LINE[:COL]" or '", line LINE'.
    pattern = re.compile(
        rf"(?<![\w.])(?:[\w.+-]*/)*(?P<name>{alternatives})"
        rf"(?:(?P<colon>:(?P<line>\d+)(?P<col>:\d+)?)|(?P<py>\", line (?P<pyline>\d+)))?"
        rf"(?![\w.])"
    )

    def replace(m: re.Match[str]) -> str:
        name = m.group("name")
        raw = m.group("line") or m.group("pyline")
        if name != candidate_file:
            return DRIVER_LABEL + ('"' if m.group("py") else "")
        if raw is None:
            return name
        line = int(raw) - line_offset
        if not 1 <= line <= candidate_lines:
            return DRIVER_LABEL + ('"' if m.group("py") else "")
        if m.group("py"):
            return f'{name}", line {line}'
        return f"{name}:{line}{m.group('col') or ''}"

    return pattern.sub(replace, output)


def remap_driver_output(output: str, driver: Driver) -> str:
    """``remap_lines`` with everything taken from a generated ``Driver``."""
    lines = driver.extra.get("candidate_lines")
    total = driver.files.get(driver.candidate_file, "").count("\n") + 1
    return remap_lines(
        output,
        candidate_file=driver.candidate_file,
        line_offset=driver.line_offset,
        candidate_lines=int(lines) if lines is not None else total,
        driver_files=[name for name in driver.files if name != driver.candidate_file],
    )
