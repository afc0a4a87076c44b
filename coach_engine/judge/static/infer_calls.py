"""What library calls and allocations return: the `Val` of `f(x)`, `x.m()`, `new T[n]`,
`vector<T>(n)`, `make([]T, n)`; a lookup table in code form, split from `infer`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach_engine.judge.static import ir
from coach_engine.judge.static.cost import ONE, Cost, bigger
from coach_engine.judge.static.values import (
    BOOL,
    BUILDER,
    CHAR,
    DEQUE,
    FLOAT,
    FUNC,
    HEAP,
    INT,
    LINKED,
    MAP,
    OBJ,
    SEQ,
    SET,
    STR,
    TREE,
    UNKNOWN,
    UNKNOWN_VAL,
    Val,
    container_kind,
    join,
    type_val,
)

_LEN_CALLS = frozenset({"len", "size", "length", "Len"})
_STREAM_SAME = frozenset({"boxed", "distinct", "collect", "toList", "toArray", "mapToObj"})
_BEGINS = frozenset({"begin", "cbegin", "rbegin", "crbegin"})

if TYPE_CHECKING:
    from coach_engine.judge.static.infer import Env

_ELEM_CALLS = frozenset(
    {
        "pop",
        "popleft",
        "poll",
        "peek",
        "front",
        "back",
        "top",
        "shift",
        "get",
        "getOrDefault",
        "peekFirst",
        "peekLast",
        "pollFirst",
        "pollLast",
        "first",
        "last",
        "at",
        "heappop",
        "removeFirst",
        "removeLast",
        "element",
        "getFirst",
        "getLast",
        "charAt",
        "Pop",
    }
)
_SAME_CALLS = frozenset(
    {
        "copy",
        "clone",
        "slice",
        "concat",
        "filter",
        "substring",
        "substr",
        "strip",
        "trim",
        "lower",
        "upper",
        "toLowerCase",
        "toUpperCase",
        "replace",
        "append",
        "subList",
        "copyOf",
        "copyOfRange",
        "Clone",
        "deepcopy",
    }
)
_SEQ_OF = frozenset(
    {
        "sorted",
        "list",
        "tuple",
        "reversed",
        "enumerate",
        "zip",
        "items",
        "keys",
        "values",
        "entrySet",
        "keySet",
        "split",
        "toCharArray",
        "from",
        "asList",
        "entries",
        "chars",
        "toArray",
        "Fields",
        "Split",
        "map",
        "filter",
        "flatMap",
        "Keys",
        "Values",
    }
)


def sum_sizes(a: Cost | None, b: Cost | None) -> Cost | None:
    if a is None:
        return b
    if b is None:
        return a
    return bigger(a, b)


def mul_sizes(a: Cost | None, b: Cost | None) -> Cost | None:
    if a is None or b is None:
        return a if b is None else b
    return a * b


def infer_call(env: Env, e: ir.Call) -> Val:  # noqa: C901 - a lookup table in code form
    name, recv = e.name, e.receiver
    own = recv is None or isinstance(recv, ir.Name) and recv.id in ("self", "this")
    if own and name in env.returns:
        return env.returns[name]
    arg0 = env.infer(e.args[0]) if e.args else UNKNOWN_VAL
    rv = env.infer(recv) if recv is not None else UNKNOWN_VAL
    if name in _LEN_CALLS and recv is None and e.args:
        return Val(INT, arg0.size)
    if name in _LEN_CALLS | {"count", "length"} and recv is not None and not e.args:
        return Val(INT, rv.size)
    if name == "range" and recv is None:
        sizes = [env.size(a) for a in e.args[:2]]
        size = None
        for s in sizes:
            size = sum_sizes(size, s)
        return Val(SEQ, size, Val(INT, size))
    if name in ("min", "max", "Min", "Max", "abs", "floor", "ceil", "trunc", "round"):
        vals = [env.infer(a) for a in e.args]
        if len(vals) == 1 and vals[0].kind in (SEQ, SET, MAP, DEQUE, HEAP):
            return vals[0].elem or Val(INT)
        size = None
        for v in vals:
            size = sum_sizes(size, v.size)
        return Val(INT, size)
    if name in ("comb", "factorial", "perm"):
        size = None
        for a in e.args:
            size = sum_sizes(size, env.size(a))
        return Val(INT, None, const=False)
    if name in (
        "int",
        "parseInt",
        "Number",
        "ord",
        "parseLong",
        "Atoi",
        "stoi",
        "hash",
        "charCodeAt",
        "codePointAt",
        "bit_count",
        "bitCount",
        "sqrt",
        "isqrt",
        "log",
        "log2",
        "pow",
    ):
        return Val(INT, arg0.size if name in ("int", "Number") else None)
    if name in (
        "str",
        "String",
        "toString",
        "to_string",
        "Itoa",
        "join",
        "valueOf",
        "fromCharCode",
        "chr",
        "repeat",
        "Repeat",
        "substring",
        "substr",
        "Join",
        "Sprint",
        "Sprintf",
    ):
        src = arg0 if recv is None or name == "join" else rv
        if src.kind == INT:  # the decimal digits of a number: log of its magnitude
            digits = Cost(log=1) if src.size is not None and not src.size.constant else ONE
            return Val(STR, digits, Val(INT, ONE))
        return Val(STR, src.size if name != "chr" else ONE)
    if name in ("nlargest", "nsmallest") and len(e.args) >= 2:
        return Val(SEQ, env.size(e.args[0]), env.infer(e.args[1]).elem)
    if name == "most_common" and recv is not None:
        return Val(SEQ, env.size(e.args[0]) if e.args else rv.size, Val(SEQ, ONE))
    # the distinct characters of a string: at most the alphabet
    by_char = arg0.elem is not None and arg0.elem.char
    if name in ("set", "frozenset", "Set", "HashSet") and recv is None:
        return Val(SET, (ONE if by_char else arg0.size) if e.args else ONE, arg0.elem)
    if name in ("dict", "Counter", "defaultdict", "OrderedDict") and recv is None:
        return Val(
            MAP,
            arg0.size if name == "Counter" and e.args and not by_char else ONE,
            Val(INT) if name == "Counter" else None,
        )
    if name == "deque" and recv is None:
        return Val(DEQUE, arg0.size if e.args else ONE, arg0.elem)
    if name in ("heapify",):
        return Val(HEAP, arg0.size, arg0.elem)
    if name in ("enumerate", "zip", "pairwise") and (
        recv is None or ir.root_name(recv) == "itertools"
    ):
        return Val(SEQ, arg0.size, Val(SEQ, ONE, arg0.elem))
    if name in ("items", "entrySet", "entries") and recv is not None:
        return Val(SEQ, rv.size, Val(SEQ, ONE, rv.elem))
    if name in ("keys", "keySet", "Keys"):
        return Val(SEQ, (rv if recv is not None else arg0).size, Val(INT))
    if name in ("values", "Values"):
        src = rv if recv is not None else arg0
        return Val(SEQ, src.size, src.elem)
    # `strings.Fields(s)`, `Arrays.stream(a)`: a package/class function over its argument
    packaged = isinstance(recv, ir.Name) and recv.id not in env.vars and bool(e.args)
    if name in ("split", "Split", "Fields"):
        src = rv if recv is not None and not packaged else arg0
        return Val(SEQ, src.size, Val(STR, src.size))
    if name == "stream" or name in _STREAM_SAME and recv is not None:
        src = rv if recv is not None and not packaged else arg0
        if src.kind != UNKNOWN:
            return Val(SEQ, src.size, src.elem)
    if name in ("toCharArray", "chars", "getBytes"):
        return Val(SEQ, rv.size, CHAR if rv.kind == STR else Val(INT))
    made = _callback_result(env, e)  # `Array.from({length: m}, () => ...)`, `.map(() => ...)`
    if name == "from" and isinstance(recv, ir.Name) and recv.id == "Array":
        if isinstance(e.args[0] if e.args else None, ir.Coll):
            coll = e.args[0]
            assert isinstance(coll, ir.Coll)
            for i in range(0, len(coll.elts) - 1, 2):
                if coll.elts[i].text.strip("'\"") == "length":
                    return Val(SEQ, env.size(coll.elts[i + 1]), made)
        return Val(SEQ, arg0.size, made or arg0.elem)
    if name == "map" and recv is not None and made is not None:
        return Val(SEQ, rv.size, made)
    if name == "fill" and recv is not None:
        return rv if rv.kind != UNKNOWN else Val(SEQ)
    if name in ("Array",) and recv is None:
        return Val(SEQ, arg0.size if len(e.args) == 1 else ONE)
    if name in _ELEM_CALLS and recv is not None:
        if rv.kind == STR:
            return CHAR  # `s.charAt(i)`, `s.at(-1)`: one character
        return rv.elem or UNKNOWN_VAL
    if name in ("heappop",) and e.args:
        return arg0.elem or UNKNOWN_VAL
    if name in _SAME_CALLS:
        src = rv if recv is not None else arg0
        if src.kind != UNKNOWN:
            return Val(src.kind, src.size, src.elem)
        return Val(SEQ, None)
    if name in _SEQ_OF:
        src = rv if recv is not None else arg0
        return Val(SEQ, src.size, src.elem)
    if name in ("asList", "of") and isinstance(recv, ir.Name):
        return Val(SEQ, ONE)
    return UNKNOWN_VAL


def infer_new(env: Env, e: ir.New) -> Val:
    if e.type.startswith(("[]", "map[")) and e.init is None:
        return _make(env, e)
    base = e.type.split("<")[0].strip()
    if e.init is not None and not e.dims:
        init = env.infer(e.init)
        return Val(SEQ, init.size, init.elem, init.const)
    if e.dims:
        val = type_val(base, "_", env.language).sized(None)
        val = val if val.kind != OBJ else Val(INT)
        for d in reversed(e.dims):
            val = Val(SEQ, env.size(d) or ONE, val)
        return val
    kind = container_kind(base, env.language)
    if kind is None:
        scalar = type_val(base, "_new", env.language)
        if scalar.kind in (TREE, LINKED):
            return Val(scalar.kind, ONE)
        if base.lower() in ("stringbuilder", "stringbuffer"):
            return Val(BUILDER, ONE)
        return Val(OBJ)
    size: Cost | None = ONE
    elem: Val | None = None
    if e.args:
        head = e.args[0]
        if isinstance(head, ir.Call) and head.name in _BEGINS and head.receiver is not None:
            head = head.receiver  # `unordered_set<int>(v.begin(), v.end())`: a copy of v
        elif isinstance(head, ir.Call) and head.name in _BEGINS and len(head.args) == 1:
            head = head.args[0]  # `set<int>(begin(v), end(v))`
        first = env.infer(head)
        if (
            kind == SEQ
            and first.kind in (INT, FLOAT)
            and base in ("vector", "Array", "make", "array")
        ):
            size = first.size or ONE
            if len(e.args) > 1:
                elem = env.infer(e.args[1])
        elif kind == SEQ and base == "vector" and len(e.args) == 2:
            size = first.size
        elif first.kind not in (INT, FLOAT, FUNC, UNKNOWN, OBJ, BOOL):
            size, elem = first.size, first.elem
    if base.startswith("make") or e.type.startswith("[]") or e.type.startswith("map["):
        sizes = [env.size(a) for a in e.args if env.infer(a).kind == INT]
        for s in sizes:
            size = sum_sizes(size, s)
    if kind == SEQ and elem is None and _elem_type(e.type):
        elem = type_val(_elem_type(e.type), "_elem", env.language).sized(None)
    return Val(kind, size, elem)


def _make(env: Env, e: ir.New) -> Val:
    """Go `make([]T, len, cap)` / `make(map[K]V, hint)`."""
    size: Cost | None = ONE
    for a in e.args:
        s = env.size(a)
        if s is not None:
            size = bigger(size or s, s)
    if e.type.startswith("map["):
        return Val(MAP, size, type_val(e.type.split("]", 1)[1], "_", "go").sized(None))
    elem = type_val(e.type[2:], "_", "go").sized(None)
    return Val(SEQ, size, elem if elem.kind != OBJ else None)


def _elem_type(t: str) -> str:
    if t.startswith("[]"):
        return t[2:]
    if "<" in t and t.endswith(">"):
        return t[t.index("<") + 1 : -1]
    return ""


def _callback_result(env: Env, e: ir.Call) -> Val | None:
    """What the callback passed to `e` returns, when that is a container (a row of a table)."""
    for a in e.args:
        if not isinstance(a, ir.Lambda):
            continue
        out: Val | None = None
        for s in ir.walk_stmts(a.func.body):
            if isinstance(s, ir.Return) and s.value is not None:
                val = env.infer(s.value)
                out = val if out is None else join(out, val)
        if out is not None and out.kind in (SEQ, MAP, SET, STR):
            return out
    return None
