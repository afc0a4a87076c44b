"""What the standard libraries' calls cost, by method name and receiver kind, per language.

Only the calls whose cost is not O(1) matter for time; the insertion and in-place-mutation sets
feed space analysis and the input-mutation finding.
"""

from __future__ import annotations

from collections.abc import Callable

from coach_engine.judge.static import ir

# sort(x) / x.sort(...) / Arrays.sort / std::sort / sort.Ints / slices.Sort → n log n
SORT_FUNCS = frozenset(
    {
        "sorted",
        "sort",
        "stable_sort",
        "partial_sort",
        "Ints",
        "Strings",
        "Float64s",
        "Slice",
        "SliceStable",
        "Sort",
        "SortFunc",
        "SortStableFunc",
        "sortBy",
    }
)
SORT_OWNERS = frozenset({"Arrays", "Collections", "sort", "slices", "std", ""})

# linear scans over the receiver (or first argument) of a sequence or string
LINEAR_METHODS = frozenset(
    {
        "index",
        "count",
        "remove",
        "indexOf",
        "lastIndexOf",
        "includes",
        "contains",
        "find",
        "findIndex",
        "findLast",
        "search",
        "reverse",
        "reversed",
        "copy",
        "clone",
        "toCharArray",
        "toArray",
        "toString",
        "split",
        "join",
        "replace",
        "replaceAll",
        "strip",
        "trim",
        "lower",
        "upper",
        "toLowerCase",
        "toUpperCase",
        "slice",
        "splice",
        "substring",
        "substr",
        "concat",
        "fill",
        "shift",
        "unshift",
        "startsWith",
        "endsWith",
        "repeat",
        "chars",
        "stream",
        "toList",
        "values",
        "keys",
        "entries",
        "erase",
        "assign",
        "equals",
        "compareTo",
        "Repeat",
        "Contains",
        "Index",
        "Split",
        "Join",
        "Fields",
        "ToLower",
        "ToUpper",
        "ReplaceAll",
        "Replace",
        "TrimSpace",
        "HasPrefix",
        "HasSuffix",
        "String",
        "isdigit",
        "isalpha",
        "isalnum",
        "encode",
        "decode",
        "flat",
        "addAll",
        "removeAll",
        "retainAll",
        "containsAll",
        "putAll",
        "subList",
        "indexOfKey",
    }
)
# methods that are linear only on sequences (O(1) or log on hashed / sorted containers)
SEQ_ONLY_LINEAR = frozenset(
    {
        "remove",
        "contains",
        "count",
        "find",
        "index",
        "includes",
        "indexOf",
        "erase",
        "values",
        "keys",
        "entries",
        "copy",
        "clone",
        "toString",
        "String",
        "equals",
        "compareTo",
        "addAll",
        "putAll",
    }
)
# receivers whose these methods are O(1) on scalars / builders
BUILDER_O1 = frozenset({"append", "push_back", "add"})

# free functions that scan their first argument
LINEAR_FUNCS = frozenset(
    {
        "sum",
        "min",
        "max",
        "any",
        "all",
        "list",
        "set",
        "dict",
        "tuple",
        "frozenset",
        "Counter",
        "sorted",
        "deepcopy",
        "accumulate",
        "reverse",
        "count",
        "count_if",
        "find",
        "find_if",
        "max_element",
        "min_element",
        "fill",
        "copy",
        "equal",
        "iota",
        "unique",
        "memset",
        "next_permutation",
        "prev_permutation",
        "heapify",
        "nlargest",
        "nsmallest",
        "from",
        "asList",
        "copyOf",
        "copyOfRange",
        "stream",
        "valueOf",
        "str",
        "join",
        "bytes",
        "bytearray",
        "array",
        "deque",
        "collections.deque",
        "Contains",
        "Index",
        "Equal",
        "Reverse",
        "Max",
        "Min",
        "Repeat",
        "Split",
        "Join",
        "Fields",
        "ToLower",
        "ToUpper",
        "ReplaceAll",
        "Replace",
        "TrimSpace",
    }
)
# free functions whose argument count/shape makes them O(1): max(a, b), min(a, b)
SCALAR_WHEN_MULTI_ARG = frozenset({"min", "max", "Max", "Min"})

LOG_METHODS_HEAP = frozenset(
    {
        "heappush",
        "heappop",
        "heapreplace",
        "heappushpop",
        "push",
        "pop",
        "offer",
        "poll",
        "add",
        "remove",
        "Push",
        "Pop",
        "emplace",
    }
)
LOG_FUNCS = frozenset(
    {
        "bisect",
        "bisect_left",
        "bisect_right",
        "lower_bound",
        "upper_bound",
        "binary_search",
        "binarySearch",
        "Search",
        "SearchInts",
        "heappush",
        "heappop",
        "heapreplace",
        "heappushpop",
        "equal_range",
        "BinarySearch",
    }
)
SORTED_CONTAINER_LOG = frozenset(
    {
        "put",
        "get",
        "containsKey",
        "remove",
        "add",
        "contains",
        "insert",
        "erase",
        "find",
        "count",
        "floorKey",
        "ceilingKey",
        "lowerKey",
        "higherKey",
        "floor",
        "ceiling",
        "lower",
        "higher",
        "first",
        "last",
        "pollFirst",
        "pollLast",
        "firstKey",
        "lastKey",
        "lower_bound",
        "upper_bound",
        "at",
        "emplace",
        "bisect_left",
        "bisect_right",
        "irange",
        "discard",
        "pop",
    }
)

# calls that take a callback and run it once per element of the receiver / first argument
HIGHER_ORDER = frozenset(
    {
        "map",
        "filter",
        "forEach",
        "reduce",
        "reduceRight",
        "some",
        "every",
        "find",
        "findIndex",
        "flatMap",
        "sort",
        "for_each",
        "transform",
        "all_of",
        "any_of",
        "none_of",
        "count_if",
        "find_if",
        "accumulate",
        "removeIf",
    }
)

# calls that add one element to their receiver (space grows by one per execution)
INSERT_METHODS = frozenset(
    {
        "append",
        "appendleft",
        "add",
        "push",
        "push_back",
        "push_front",
        "emplace",
        "emplace_back",
        "emplace_front",
        "put",
        "offer",
        "offerFirst",
        "offerLast",
        "addFirst",
        "addLast",
        "insert",
        "set",
        "unshift",
        "heappush",
        "setdefault",
        "putIfAbsent",
        "computeIfAbsent",
        "merge",
        "WriteString",
        "WriteByte",
        "WriteRune",
        "extend",
        "update",
        "addAll",
        "concat",
        "insort",
        "Push",
        "enqueue",
    }
)
# calls that remove from their receiver (a worklist being consumed)
POP_METHODS = frozenset(
    {
        "pop",
        "popleft",
        "poll",
        "pollFirst",
        "pollLast",
        "shift",
        "pop_back",
        "pop_front",
        "removeFirst",
        "removeLast",
        "heappop",
        "dequeue",
        "Pop",
        "remove",
        "popitem",
        "erase",
        "removeAt",
    }
)
# calls that reorder or overwrite their receiver / first argument in place
IN_PLACE_METHODS = frozenset(
    {
        "sort",
        "reverse",
        "fill",
        "shuffle",
        "swap",
        "rotate",
        "splice",
        "Ints",
        "Strings",
        "Float64s",
        "Slice",
        "SliceStable",
        "Sort",
        "SortFunc",
        "stable_sort",
        "heapify",
        "Reverse",
    }
)

# functions of a module (`heapq.heappush(h, x)`, `bisect.insort(a, x)`, `slices.Insert(s, i, x)`,
# `heap.Push(h, x)`, Go's `append(s, x)`) that add an element to their first argument
INSERT_FUNCS = frozenset(
    {"heappush", "heappushpop", "insort", "insort_left", "insort_right", "Insert", "Push", "append"}
)
MODULES = frozenset({"heapq", "bisect", "heap", "slices"})


def inserted_into(call: ir.Call, is_variable: Callable[[str], bool]) -> ir.Expr | None:
    """The container `call` adds an element to: the receiver of a method (`a.push(x)`, a
    `splice` that inserts), or the first argument of a module function (`insort(a, x)`)."""
    recv = call.receiver
    module = recv is None or (
        isinstance(recv, ir.Name) and recv.id in MODULES and not is_variable(recv.id)
    )
    if module:
        return call.args[0] if call.name in INSERT_FUNCS and call.args else None
    if call.name == "splice":
        return recv if len(call.args) >= 3 else None
    return recv if call.name in INSERT_METHODS else None
