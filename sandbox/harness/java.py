"""Java driver generation: ``Solution.java`` (imports + candidate) and ``CoachDriver.java``.

The candidate's code goes into ``Solution.java`` after a single line of LeetCode's implicit
imports, so both ``class Solution`` and ``public class Solution`` compile and candidate line
``L`` is file line ``L + 1``. Imports the candidate wrote follow ours, which Java allows (a
duplicate import of the same type is ignored). The driver, with ``ListNode``/``TreeNode`` unless
the candidate defines them, is the non-public class ``CoachDriver`` in its own file; its JSON
reader, ``CoachJson``, is in a third.
"""

from __future__ import annotations

import json
import re

from sandbox.harness import runtime_source
from sandbox.harness.source import blank_literals, count_lines, defines_type, normalize
from sandbox.harness.types import signature_json
from sandbox.languages.base import Driver
from sandbox.spec import Signature

CANDIDATE_FILE = "Solution.java"
DRIVER_FILE = "CoachDriver.java"
JSON_FILE = "CoachJson.java"
PAIR_FILE = (
    "javafx/util/Pair.java"  # where javac looks for it (not ./Pair.java: a default-package Pair)
)
SOURCES = (CANDIDATE_FILE, DRIVER_FILE, JSON_FILE, PAIR_FILE)
MAIN_CLASS = "CoachDriver"

# LeetCode's Java (JDK 17) imports most of the standard library and javafx.util.Pair for the
# solution. On-demand imports only: a candidate's own class Pair (or Node, Entry ...) shadows them.
IMPORTS = (
    "import java.util.*; import java.util.function.*; import java.util.stream.*; "
    "import java.util.concurrent.*; import java.util.concurrent.atomic.*; "
    "import java.util.regex.*; import java.math.*; import java.io.*; import java.text.*; "
    "import javafx.util.*;"
)

# javafx.util.Pair as LeetCode offers it (OpenJDK has no JavaFX): an immutable key/value pair,
# equal when both parts are equal, printed as key=value. Written for Coach from its API.
PAIR = """package javafx.util;

public class Pair<K, V> implements java.io.Serializable {
    private final K key;
    private final V value;

    public Pair(K key, V value) {
        this.key = key;
        this.value = value;
    }

    public K getKey() { return key; }

    public V getValue() { return value; }

    @Override
    public String toString() { return key + "=" + value; }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(key) * 13 + java.util.Objects.hashCode(value);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Pair)) return false;
        Pair<?, ?> p = (Pair<?, ?>) o;
        return java.util.Objects.equals(key, p.key) && java.util.Objects.equals(value, p.value);
    }
}
"""

# LeetCode's definitions, verbatim apart from `public` (one public class per file).
LIST_NODE = """
class ListNode {
    int val;
    ListNode next;
    ListNode() {}
    ListNode(int val) { this.val = val; }
    ListNode(int val, ListNode next) { this.val = val; this.next = next; }
}
"""
TREE_NODE = """
class TreeNode {
    int val;
    TreeNode left;
    TreeNode right;
    TreeNode() {}
    TreeNode(int val) { this.val = val; }
    TreeNode(int val, TreeNode left, TreeNode right) {
        this.val = val;
        this.left = left;
        this.right = right;
    }
}
"""

_CONFIG = (
    'static final String SIGNATURE = ""; '
    "static final int LINE_OFFSET = 0, CANDIDATE_LINES = 0; // @coach:config"
)
_PACKAGE = re.compile(r"^[ \t]*package\s+[\w.]+\s*;", re.MULTILINE)


def generate(signature: Signature, code: str) -> Driver:
    code = normalize(code)
    blanked = blank_literals(code)
    # A `package` line (pasted from an IDE) would have to precede our imports: blank it out,
    # keeping the line so numbering is unchanged.
    for m in reversed(list(_PACKAGE.finditer(blanked))):
        code = code[: m.start()] + " " * (m.end() - m.start()) + code[m.end() :]

    driver = runtime_source("CoachDriver.java")
    if _CONFIG not in driver:
        raise RuntimeError("CoachDriver.java lost its config sentinel")
    config = (
        f"static final String SIGNATURE = {json.dumps(signature_json(signature))}; "
        f"static final int LINE_OFFSET = 1, CANDIDATE_LINES = {count_lines(code)};"
    )
    driver = driver.replace(_CONFIG, config)
    keywords = ("class", "record", "interface")
    for name, definition in (("ListNode", LIST_NODE), ("TreeNode", TREE_NODE)):
        if not defines_type(blanked, name, keywords):
            driver += definition
    return Driver(
        files={
            CANDIDATE_FILE: IMPORTS + "\n" + code,
            DRIVER_FILE: driver,
            JSON_FILE: runtime_source(JSON_FILE),
            PAIR_FILE: PAIR,
        },
        candidate_file=CANDIDATE_FILE,
        line_offset=1,
        extra={"candidate_lines": str(count_lines(code))},
    )
