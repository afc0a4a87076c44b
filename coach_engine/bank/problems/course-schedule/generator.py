"""Course Schedule cases: random DAGs, long chains (deep recursion), layered graphs with
exponentially many paths (a DFS without memo never ends), and any of them with a cycle added."""

import random

MAX_COURSES = 2000


def check(args):
    num, prereqs = args
    assert 1 <= num <= MAX_COURSES, "1 <= numCourses <= 2000"
    assert 0 <= len(prereqs) <= 5000, "0 <= prerequisites.length <= 5000"
    assert all(len(p) == 2 for p in prereqs), "prerequisites[i].length == 2"
    assert all(0 <= a < num and 0 <= b < num for a, b in prereqs), "0 <= ai, bi < numCourses"
    assert len({(a, b) for a, b in prereqs}) == len(prereqs), "all pairs are unique"


def _finish(order_edges: set, total: int, rng: random.Random) -> list:
    """Edges (u, w) meaning u must come before w, over nodes below ``total``, with the nodes
    relabelled at random; returned as LeetCode pairs [course, prerequisite] in random order."""
    label = rng.sample(range(total), total)
    pairs = [[label[w], label[u]] for u, w in order_edges]
    rng.shuffle(pairs)
    return [total, pairs]


def _forward(edges: set, v: int, n: int, rng: random.Random) -> None:
    """Add random edges u -> w with u < w (keeps the graph acyclic) until there are n."""
    while len(edges) < n:
        u, w = rng.sample(range(v), 2)
        edges.add((min(u, w), max(u, w)))


def _nodes_for(n: int, rng: random.Random) -> int:
    """A node count that can hold n distinct forward edges."""
    lo = 1
    while lo * (lo - 1) // 2 < n:
        lo += 1
    return min(MAX_COURSES, max(lo, rng.randint(lo, max(lo, 2 * n + 2))))


def layered(width: int, n: int, rng: random.Random) -> tuple:
    """Layers of ``width`` nodes, each joined to the next completely: width^layers paths."""
    layers = min(MAX_COURSES // width, (n // (width * width)) + 1)
    v = layers * width
    edges = set()
    for layer in range(layers - 1):
        for i in range(width):
            for j in range(width):
                edges.add((layer * width + i, (layer + 1) * width + j))
    _forward(edges, v, n, rng)
    return edges, v


def _back_edge(edges: set, v: int, rng: random.Random) -> tuple:
    """An edge from the furthest node reachable from an early node back to it: one cycle, and
    a long one when the graph has long paths."""
    out: dict = {}
    for u, w in edges:
        out.setdefault(u, []).append(w)
    for start in rng.sample(range(v), v) if rng.random() < 0.3 else range(v):
        seen, stack = {start}, [start]
        while stack:
            for w in out.get(stack.pop(), ()):
                if w not in seen:
                    seen.add(w)
                    stack.append(w)
        far = max(seen)
        if far != start:
            return (far, start)
    return (0, 0)


def generate(n: int, rng: random.Random) -> list:
    """n prerequisite pairs. Big cases use all 2000 courses in a long chain or a layered graph;
    half of all cases get one edge that closes a cycle."""
    kinds = ["dag", "chain", "layered"] if n >= 20 else ["dag", "dag", "chain"]
    kind = rng.choice(kinds)
    cyclic = n > 0 and rng.random() < 0.5
    budget = n - 1 if cyclic else n  # leave room for the edge that closes the cycle
    if kind == "layered":
        edges, v = layered(rng.choice([2, 2, 3]), budget, rng)
    elif kind == "chain":
        v = min(MAX_COURSES, budget + 1)
        edges = {(i, i + 1) for i in range(v - 1)}
        _forward(edges, v, budget, rng)
    else:
        v = _nodes_for(budget, rng) if budget else rng.randint(1, 5)
        edges = set()
        _forward(edges, v, budget, rng)
    v = max(v, 1)
    if cyclic:
        if v == 1 or rng.random() < 0.15:
            u = rng.randrange(v)
            edges.add((u, u))  # a course that requires itself
        else:
            edges.add(_back_edge(edges, v, rng))
    extra = rng.choice([0, 0, rng.randint(0, 50)])  # isolated courses, no prerequisites
    total = min(MAX_COURSES, max(v + extra, v))
    return _finish(edges, total, rng)


def edge_cases() -> list:
    rng = random.Random(207)
    chain = {(i, i + 1) for i in range(MAX_COURSES - 1)}
    ring = chain | {(MAX_COURSES - 1, 0)}
    deep, v = layered(2, 3900, rng)
    deep_edges = set(deep)
    _forward(deep_edges, v, 5000, rng)
    # two components: an exponential-path layered graph, and a small cycle in another
    trap = set(deep)
    base = v
    trap |= {(base, base + 1), (base + 1, base + 2), (base + 2, base)}
    return [
        [1, []],
        [1, [[0, 0]]],
        [2000, []],
        [2, [[0, 1]]],
        [2, [[1, 0], [0, 1]]],
        [3, [[0, 1], [0, 2], [1, 2]]],
        [3, [[1, 0], [2, 1], [0, 2]]],
        [4, [[1, 0], [2, 0], [3, 1], [3, 2]]],
        [4, [[1, 0], [2, 1], [3, 2], [1, 3]]],
        [5, [[1, 4], [2, 4], [3, 1], [3, 2]]],
        [5, [[0, 1], [1, 2], [2, 3], [3, 4], [4, 4]]],
        [6, [[1, 0], [0, 1], [3, 2], [4, 3], [5, 4]]],
        [2000, [[1999, 0], [0, 1999]]],
        _finish(chain, MAX_COURSES, rng),
        _finish(ring, MAX_COURSES, rng),
        _finish(deep_edges, v, rng),
        _finish(trap, v + 3, rng),
        [2000, [[i + 1, i] for i in range(1999)]],
        [2000, [[i, i + 1] for i in range(1999)] + [[1999, 0]]],
    ]
