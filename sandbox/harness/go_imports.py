"""LeetCode's Go convention: no ``package`` line and no imports. Add both, never a broken one.

Go refuses a missing import (``undefined: sort``) and an unused one (``"sort" imported and not
used``), and LeetCode code has neither package clause nor imports. ``prepare`` puts the candidate's
code in ``package main`` and imports the standard packages it refers to (``sort.Ints(...)``),
minus those it imported itself. Each added import also gets a blank use (``var _ = sort.Ints``)
after the code, so an import can never be unused, even when ``sort.`` was a method call on a local
variable that happens to be named ``sort``. A package is not added when the code declares the same
name at top level (``type heap []int``), which would clash with the import.

Line numbers are kept: the package clause and the imports share the first line, which is either
the candidate's own ``package`` line or one line put before the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sandbox.harness.source import blank_literals

# package name -> (import path, an exported symbol for the blank use, instantiated if generic)
KNOWN_PACKAGES: dict[str, tuple[str, str]] = {
    "bits": ("math/bits", "OnesCount"),
    "big": ("math/big", "NewInt"),
    "bufio": ("bufio", "NewReader"),
    "bytes": ("bytes", "Equal"),
    "cmp": ("cmp", "Compare[int]"),  # cmp, maps, slices: Go 1.21 (generic: instantiated)
    "cmplx": ("math/cmplx", "Abs"),
    "errors": ("errors", "New"),
    "fmt": ("fmt", "Sprint"),
    "heap": ("container/heap", "Init"),
    "list": ("container/list", "New"),
    "maps": ("maps", "Clone[map[int]int]"),
    "math": ("math", "Abs"),
    "os": ("os", "Exit"),
    "rand": ("math/rand", "Intn"),
    "regexp": ("regexp", "MustCompile"),
    "ring": ("container/ring", "New"),
    "slices": ("slices", "Sort[[]int]"),
    "sort": ("sort", "Ints"),
    "strconv": ("strconv", "Itoa"),
    "strings": ("strings", "Contains"),
    "sync": ("sync", "NewCond"),
    "time": ("time", "Now"),
    "unicode": ("unicode", "IsLetter"),
    "utf8": ("unicode/utf8", "RuneLen"),
}

_PACKAGE = re.compile(r"^[ \t]*package[ \t]+(\w+)", re.MULTILINE)
_IMPORT_DECL = re.compile(r"^[ \t]*import\b[ \t]*(\([^)]*\)|[^\n]*)", re.MULTILINE)
_IMPORT_SPEC = re.compile(r'(?:(\w+|\.)\s+)?"([^"\n]*)"')
_GROUP = re.compile(r"^(?:var|const|type)[ \t]*\(([^)]*)\)", re.MULTILINE)


@dataclass(frozen=True)
class Prepared:
    """The candidate's file and how its lines map: candidate line L is file line L + offset."""

    source: str
    line_offset: int
    added: tuple[str, ...]  # import paths that were added


def imported(code: str, blanked: str) -> tuple[set[str], set[str]]:
    """Names and paths the code imports itself.

    Declarations are found in ``blanked`` (so a commented-out import does not count); the path
    text is read from ``code`` at the same offsets.
    """
    names: set[str] = set()
    paths: set[str] = set()
    for decl in _IMPORT_DECL.finditer(blanked):
        for spec in _IMPORT_SPEC.finditer(blanked, decl.start(), decl.end()):
            path = code[spec.start(2) : spec.end(2)]
            paths.add(path)
            names.add(spec.group(1) or path.rsplit("/", 1)[-1])
    return names, paths


def top_level_names(blanked: str) -> set[str]:
    """Names declared at package level: ``func f``, ``var x``, ``type t``, grouped declarations."""
    names = set(re.findall(r"^(?:func|var|const|type)[ \t]+(\w+)", blanked, re.MULTILINE))
    for group in _GROUP.finditer(blanked):
        names.update(re.findall(r"^[ \t]*(\w+)", group.group(1), re.MULTILINE))
    return names


def used_packages(blanked: str) -> set[str]:
    """Known package names used as ``name.Ident`` (not after a dot: ``x.sort.Foo`` is a field)."""
    found = set(re.findall(r"(?<![\w.])(\w+)\.[A-Za-z_]", blanked))
    return found & KNOWN_PACKAGES.keys()


def prepare(code: str) -> Prepared:
    """Put ``code`` (normalised) in package main with the imports it needs."""
    blanked = blank_literals(code, backtick_raw=True)
    names, paths = imported(code, blanked)
    declared = top_level_names(blanked)
    wanted = sorted(
        name
        for name in used_packages(blanked) - names - declared
        if KNOWN_PACKAGES[name][0] not in paths
    )
    imports = "".join(f'; import "{KNOWN_PACKAGES[n][0]}"' for n in wanted)
    trailer = "".join(f"var _ = {n}.{KNOWN_PACKAGES[n][1]}\n" for n in wanted)
    added = tuple(KNOWN_PACKAGES[n][0] for n in wanted)

    clause = _PACKAGE.search(blanked)
    if clause is not None and not blanked[: clause.start()].strip():
        # The candidate's own package line (after comments only): make it main, imports after.
        start, end = clause.span()
        source = code[:start] + "package main" + imports + code[end:] + trailer
        return Prepared(source, 0, added)
    return Prepared("package main" + imports + "\n" + code + trailer, 1, added)
