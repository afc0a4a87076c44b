"""What a variable holds, as far as complexity cares: its kind and how big it is.

`Val.size` is the length of a container or the magnitude of an integer, as a `Cost` over the
named input sizes (None when unknown). Parameters get their `Val` from their declared type (or,
untyped, from their name: `s` is a string, `grid` a 2-D array, `root` a tree); locals from what
is assigned to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from coach_engine.judge.static.cost import ONE, Cost, bigger, dim

INT, FLOAT, BOOL, STR = "int", "float", "bool", "str"
SEQ, DEQUE, MAP, SMAP, SET, SSET, HEAP = "seq", "deque", "map", "smap", "set", "sset", "heap"
TREE, LINKED, BUILDER, OBJ, FUNC, UNKNOWN = "tree", "linked", "builder", "obj", "func", "unknown"

CONTAINERS = frozenset({SEQ, DEQUE, MAP, SMAP, SET, SSET, HEAP, STR, BUILDER})
HASHED = frozenset({MAP, SET})
SORTED = frozenset({SMAP, SSET})


@dataclass(frozen=True)
class Val:
    kind: str = UNKNOWN
    size: Cost | None = None
    elem: Val | None = None
    const: bool = False
    param: str | None = None
    char: bool = False
    """One character (or byte) of a string: drawn from a bounded alphabet, so a hash container
    keyed by characters holds at most the alphabet's size, whatever the string's length."""

    def __post_init__(self) -> None:
        if self.kind == STR and (self.elem is None or not self.elem.char):
            object.__setattr__(self, "elem", CHAR)  # a string's elements are characters

    def sized(self, size: Cost | None) -> Val:
        return replace(self, size=size)


UNKNOWN_VAL = Val()
CHAR = Val(INT, ONE, char=True)

_CONTAINER_NAMES = {
    "list": SEQ,
    "arraylist": SEQ,
    "vector": SEQ,
    "array": SEQ,
    "stack": SEQ,
    "tuple": SEQ,
    "sequence": SEQ,
    "iterable": SEQ,
    "collection": SEQ,
    "span": SEQ,
    "deque": DEQUE,
    "arraydeque": DEQUE,
    "queue": DEQUE,
    "linkedlist": DEQUE,
    "dict": MAP,
    "defaultdict": MAP,
    "counter": MAP,
    "ordereddict": MAP,
    "hashmap": MAP,
    "unordered_map": MAP,
    "linkedhashmap": MAP,
    "mapping": MAP,
    "record": MAP,
    "treemap": SMAP,
    "sortedmap": SMAP,
    "sorteddict": SMAP,
    "multimap": SMAP,
    "hashset": SET,
    "unordered_set": SET,
    "frozenset": SET,
    "linkedhashset": SET,
    "treeset": SSET,
    "multiset": SSET,
    "sortedset": SSET,
    "sortedlist": SSET,
    "priorityqueue": HEAP,
    "priority_queue": HEAP,
    "minpriorityqueue": HEAP,  # LeetCode's JavaScript runtime (datastructures-js)
    "maxpriorityqueue": HEAP,
    "heap": HEAP,
    "stringbuilder": BUILDER,
    "builder": BUILDER,
    "stringstream": BUILDER,
    "ostringstream": BUILDER,
    "stringbuffer": BUILDER,
}
_SCALARS = {
    "int": INT,
    "long": INT,
    "short": INT,
    "integer": INT,
    "int32": INT,
    "int64": INT,
    "uint": INT,
    "uint32": INT,
    "uint64": INT,
    "size_t": INT,
    "number": INT,
    "bigint": INT,
    "char": INT,
    "character": INT,
    "rune": INT,
    "byte": INT,
    "unsigned": INT,
    "longlong": INT,
    "float": FLOAT,
    "double": FLOAT,
    "float64": FLOAT,
    "float32": FLOAT,
    "bool": BOOL,
    "boolean": BOOL,
    "str": STR,
    "string": STR,
    "treenode": TREE,
    "node": TREE,
    "listnode": LINKED,
}


def container_kind(type_name: str, language: str) -> str | None:
    """Kind of a container type name (`HashMap`, `std::map`, `deque`), language-aware."""
    name = type_name.strip().split("<")[0].split("[")[0].split("::")[-1].split(".")[-1].lower()
    if name == "map":
        return SMAP if language == "cpp" else MAP
    if name == "set":
        return SSET if language == "cpp" else SET
    return _CONTAINER_NAMES.get(name)


_CHARS = frozenset({"char", "character", "rune", "byte"})


def _scalar(base: str, name: str, language: str) -> Val:
    key = base.replace(" ", "").lower().split("::")[-1].split(".")[-1]
    kind = _SCALARS.get(key) or container_kind(base, language)
    if kind is None:
        return Val(OBJ)
    if kind == INT and key in _CHARS:
        return CHAR
    if kind == INT:
        return Val(INT, None if name.endswith("[]") else dim(name))
    if kind in (STR, TREE, LINKED):
        return Val(kind, dim(name))
    return Val(kind, dim(name) if kind in CONTAINERS else None)


def _generic_args(text: str) -> tuple[str, list[str]] | None:
    """`Map<K, List<V>>` → ("Map", ["K", "List<V>"]); handles `[]` generics (python) too."""
    m = re.fullmatch(r"([\w.:]+)\s*[<\[](.*)[>\]]", text.strip())
    if m is None:
        return None
    args, depth, cur = [], 0, ""
    for ch in m.group(2):
        if ch in "<[(":
            depth += 1
        elif ch in ">])":
            depth -= 1
        if ch == "," and depth == 0:
            args.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        args.append(cur.strip())
    return m.group(1), args


def type_val(type_text: str | None, name: str, language: str) -> Val:
    """The `Val` of a parameter declared with `type_text` (None: guess from the name)."""
    if not type_text:
        return name_val(name)
    t = re.sub(r"\b(const|final|volatile|struct|typename|std::)\b", " ", type_text)
    t = t.replace("std::", "").replace("&", "").replace("*", "").strip()
    t = re.sub(r"\s+", " ", t)
    return _layered(t, name, language, depth=0)


def _dimname(name: str, depth: int) -> str:
    return name + "[]" * depth


def _layered(t: str, name: str, language: str, depth: int) -> Val:
    t = t.strip()
    for wrapper in ("Optional", "optional", "Union"):
        g = _generic_args(t)
        if g is not None and g[0] == wrapper and g[1]:
            return _layered(g[1][0], name, language, depth)
    if "|" in t:
        parts = [p for p in t.split("|") if p.strip() not in ("null", "undefined", "None")]
        t = parts[0] if parts else t
    fixed = re.match(r"^\[(\d+)\](.*)$", t)
    if fixed:  # Go fixed-size array: constant length
        inner = _layered(fixed.group(2), name, language, depth + 1)
        return Val(SEQ, ONE, inner, const=True)
    if t.startswith("[]"):
        return Val(SEQ, dim(_dimname(name, depth)), _layered(t[2:], name, language, depth + 1))
    if t.endswith("[]"):
        return Val(SEQ, dim(_dimname(name, depth)), _layered(t[:-2], name, language, depth + 1))
    map_go = re.match(r"^map\[(.+?)\](.+)$", t)
    if map_go:
        return Val(
            MAP, dim(_dimname(name, depth)), _layered(map_go.group(2), name, language, depth + 1)
        )
    g = _generic_args(t)
    if g is not None:
        kind = container_kind(g[0], language)
        if kind is not None:
            elem_text = g[1][-1] if g[1] else ""
            elem = _layered(elem_text, name, language, depth + 1) if elem_text else None
            return Val(kind, dim(_dimname(name, depth)), elem)
    val = _scalar(t, _dimname(name, depth), language)
    return val


_STR_NAMES = re.compile(
    r"^(s|t|s1|s2|str\w*|word|text\w*|\w*string|pattern|sentence|path|"
    r"digits|num1|num2|a|b|version\d?|ransomnote|magazine|haystack|needle)$",
    re.IGNORECASE,
)
_INT_NAMES = re.compile(
    r"^(n|k|m|x|y|target|amount|num|total|capacity|size|count|steps|"
    r"low|high|left|right|start|end|bad|limit|numrows|numcourses|rowindex|"
    r"dividend|divisor|cap\w*)$",
    re.IGNORECASE,
)
_TREE_NAMES = re.compile(r"^(root\d?|node|tree|p|q|subroot|t1|t2|original|cloned)$", re.IGNORECASE)
_LIST_NAMES = re.compile(r"^(head\w*|l1|l2|list1|list2|lists?)$", re.IGNORECASE)
_GRID_NAMES = re.compile(
    r"^(grid|matrix|board|mat|image|graph|edges|intervals|points|"
    r"triangle|prerequisites|rooms|connections|times|tickets|"
    r"\w*matrix|\w*grid|\w*intervals)$",
    re.IGNORECASE,
)
_STRS_NAMES = re.compile(
    r"^(words|strs|strings|tokens|dictionary|worddict|wordlist|"
    r"bank|deadends|emails|logs)$",
    re.IGNORECASE,
)


def name_val(name: str) -> Val:
    """Guess an untyped parameter's shape from LeetCode naming habits."""
    if _LIST_NAMES.match(name):
        return Val(LINKED, dim(name))
    if _TREE_NAMES.match(name):
        return Val(TREE, dim(name))
    if _GRID_NAMES.match(name):
        return Val(SEQ, dim(name), Val(SEQ, dim(name + "[]"), Val(INT)))
    if _STRS_NAMES.match(name):
        return Val(SEQ, dim(name), Val(STR, dim(name + "[]")))
    if _STR_NAMES.match(name):
        return Val(STR, dim(name))
    if _INT_NAMES.match(name):
        return Val(INT, dim(name))
    return Val(SEQ, dim(name), Val(INT))


def join(a: Val, b: Val) -> Val:
    """Merge two things one variable holds at different points: the larger size wins."""
    if a.kind == UNKNOWN:
        return b
    if b.kind == UNKNOWN:
        return a
    kind = a.kind
    if a.kind in (SEQ, OBJ) and b.kind in (HEAP, DEQUE, MAP, SET, SMAP, SSET):
        kind = b.kind
    if a.kind == OBJ and b.kind != OBJ:
        kind = b.kind
    if a.size is None:
        size = b.size
    elif b.size is None:
        size = a.size
    else:
        size = bigger(a.size, b.size)
    if a.elem is not None and b.elem is not None:
        elem: Val | None = join(a.elem, b.elem)  # rows learnt later refine the first guess
    else:
        elem = a.elem if a.elem is not None and a.elem.kind != UNKNOWN else b.elem
    return Val(kind, size, elem, a.const and b.const, a.param or b.param, a.char and b.char)
