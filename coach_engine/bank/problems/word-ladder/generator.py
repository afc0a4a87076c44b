"""Word Ladder cases: dense random dictionaries, long induced ladders, unreachable targets.

Large cases make BFS visit (nearly) every word, which is what makes comparing all pairs of
words quadratic.
"""

import random
import string

L_MAX, N_MAX = 10, 5000
LOWER = string.ascii_lowercase


def check(args):
    begin, end, words = args
    assert 1 <= len(begin) <= L_MAX, "1 <= beginWord.length <= 10"
    assert len(end) == len(begin), "endWord.length == beginWord.length"
    assert 1 <= len(words) <= N_MAX, "1 <= wordList.length <= 5000"
    assert all(len(w) == len(begin) for w in words), "all words have the same length"
    assert all(c in LOWER for w in [begin, end, *words] for c in w), "lowercase letters"
    assert begin != end, "beginWord != endWord"
    assert len(set(words)) == len(words), "words are unique"


def _patterns(word: str) -> list:
    return [word[:i] + "*" + word[i + 1 :] for i in range(len(word))]


def induced_path(start: str, steps: int, letters: list, rng: random.Random) -> list:
    """A random walk of one-letter changes in which no word is adjacent to an earlier word
    other than its predecessor, so the walk is itself the shortest ladder between its ends."""
    path = [start]
    buckets = {p: [start] for p in _patterns(start)}
    stuck = 0
    while len(path) < steps and stuck < 200:
        cur = path[-1]
        i = rng.randrange(len(cur))
        cand = cur[:i] + rng.choice(letters[i]) + cur[i + 1 :]
        # cand may touch only cur: every pattern bucket it falls in is empty or just [cur]
        if cand != cur and all(buckets.get(p, [cur]) == [cur] for p in _patterns(cand)):
            path.append(cand)
            for p in _patterns(cand):
                buckets.setdefault(p, []).append(cand)
            stuck = 0
        else:
            stuck += 1
    return path


def _product(counts: list) -> int:
    out = 1
    for c in counts:
        out *= c
    return out


def _random_words(count: int, letters: list, rng: random.Random, avoid: set) -> list:
    space = 1
    for options in letters:
        space *= len(options)
    count = min(count, space - len(avoid))
    words: dict = {}  # insertion-ordered, so the output does not depend on string hashing
    while len(words) < count:
        w = "".join(rng.choice(options) for options in letters)
        if w not in avoid:
            words[w] = None
    return list(words)


def _far(word: str, others: list) -> bool:
    """Whether ``word`` differs from every word of ``others`` in at least two letters."""
    return all(sum(a != b for a, b in zip(word, w, strict=True)) >= 2 for w in others)


def generate(n: int, rng: random.Random) -> list:
    size = rng.randint(1, L_MAX) if n < N_MAX else L_MAX
    while 26**size < n + 2:
        size += 1
    kind = rng.choice(["dense", "ladder", "unreachable"])
    if kind == "ladder":  # a long induced ladder plus words that may open shortcuts
        letters = [rng.sample(LOWER, rng.randint(3, 26)) for _ in range(size)]
        begin = "".join(rng.choice(options) for options in letters)
        path = induced_path(begin, max(2, min(n + 1, rng.randint(2, 600))), letters, rng)
        if len(path) < 2:
            return generate(n, rng)
        noise_letters = [rng.sample(LOWER, 2) for _ in range(size)]
        words = path[1:] + _random_words(n - len(path) + 1, noise_letters, rng, set(path))
        end = path[-1]
    else:
        # the fewest letters per position whose space still has room for n words: a dense graph
        counts = [2] * size
        k = 0
        while _product(counts) < n * 4 // 3 + 2 and counts[k % size] < 26:
            counts[k % size] += 1
            k += 1
        letters = [rng.sample(LOWER, c) for c in counts]
        begin = "".join(rng.choice(options) for options in letters)
        words = _random_words(n, letters, rng, {begin} if rng.random() < 0.7 else set())
        end = rng.choice([w for w in words if w != begin] or [begin])
        if end == begin:  # a one-word space; any other word of this length will do
            end = "".join("a" if c != "a" else "b" for c in begin)
            words = [end]
        if kind == "unreachable":  # replace the target by a word two letters off every other
            isolated = None
            for _ in range(100):
                cand = "".join(rng.choice(LOWER) for _ in range(size))
                if cand != begin and cand not in words and _far(cand, [begin] + words[:200]):
                    isolated = cand
                    break
            if isolated is not None and _far(isolated, [begin] + words):
                words[words.index(end)] = end = isolated
    rng.shuffle(words)
    return [begin, end, words[:N_MAX]]


def edge_cases() -> list:
    rng = random.Random(127)
    letters = [list(LOWER)] * L_MAX
    start = "".join(rng.choice(LOWER) for _ in range(L_MAX))
    long_path = induced_path(start, 3000, letters, rng)
    two = _random_words(120, [list(LOWER)] * 2, rng, set())
    return [
        ["a", "c", ["a", "b", "c"]],
        ["a", "b", ["b"]],
        ["a", "b", ["c"]],
        ["ab", "cd", ["cd"]],
        ["ab", "cd", ["ad", "cd"]],
        ["hot", "dog", ["hot", "dog", "dot"]],
        ["hot", "dog", ["hot", "dog"]],
        ["lost", "miss", ["most", "mist", "miss", "lost", "fist", "fish"]],
        ["red", "tax", ["ted", "tex", "red", "tax", "tad", "den", "rex", "pee"]],
        [two[0], two[-1], two[1:]],  # two-letter words: a dense graph with many short ladders
        [start, long_path[-1], long_path[1:]],  # one long induced ladder
        [start, long_path[-1], long_path[1:-1]],  # target missing from the dictionary
    ]
