"""Top K Frequent Elements cases: uniform values (many distinct, many tied counts) and skewed
(Zipf-like) counts; k always sits where the counts drop strictly, so the answer is unique."""

import random
from collections import Counter

LO, HI = -(10**4), 10**4


def _unique_ks(nums: list) -> list:
    """Every k for which the top-k set is unique: the k-th count beats the (k+1)-th."""
    counts = sorted(Counter(nums).values(), reverse=True)
    d = len(counts)
    return [k for k in range(1, d + 1) if k == d or counts[k - 1] > counts[k]]


def check(args):
    nums, k = args
    assert 1 <= len(nums) <= 10**5, "1 <= nums.length <= 10^5"
    assert all(LO <= v <= HI for v in nums), "-10^4 <= nums[i] <= 10^4"
    assert 1 <= k <= len(set(nums)), "1 <= k <= number of unique elements"
    assert k in _unique_ks(nums), "the answer must be unique"


def _skewed(n: int, d: int, rng: random.Random, short: bool = False) -> list:
    """n values over d distinct ones, counts roughly proportional to 1/rank^s. With ``short``
    the frequent values are the ones closest to 0 (it keeps big tests.json files small)."""
    if short:
        values = sorted(range(-(d // 2) - 1, d // 2 + 2), key=abs)[:d]
    elif rng.random() < 0.5:
        values = rng.sample(range(LO, HI + 1), d)
    else:
        values = rng.sample(range(-(d // 2) - 1, d // 2 + 2), d)
    s = rng.choice([0.8, 1.0, 1.5])
    weights = [1 / (r + 1) ** s for r in range(d)]
    nums = values[:]  # every distinct value at least once
    nums += rng.choices(values, weights=weights, k=n - d)
    rng.shuffle(nums)
    return nums


def generate(n: int, rng: random.Random) -> list:
    """n values; large cases have thousands of distinct values (rescanning per value is slow)
    and k well inside the distinct count (a heap of size k and a full sort both do real work)."""
    if n >= 50000:
        nums = _skewed(n, rng.randint(1500, 3000), rng, short=True)
    else:
        kind = rng.choice(["uniform", "skewed", "small"])
        if kind == "uniform":
            span = rng.choice([3, 30, 1000, HI])
            nums = [rng.randint(-span, span) for _ in range(n)]
        elif kind == "skewed":
            d = rng.randint(max(1, n // 40), max(1, n // 10)) if n >= 1000 else rng.randint(1, n)
            nums = _skewed(n, d, rng)
        else:
            nums = [rng.randint(-3, 3) for _ in range(n)]
    ks = _unique_ks(nums)
    middle = [k for k in ks if len(ks) < 4 or ks[len(ks) // 4] <= k <= ks[3 * len(ks) // 4]]
    return [nums, rng.choice(middle if n >= 1000 else ks)]


def timing(n: int, rng: random.Random) -> list:
    """The judge's timing input: the large cases' shape at every n, with the distinct count
    proportional to n (1,500-3,000 at n = 50,000, as generate's) and k in the middle of the
    unique ones; the share is drawn before the values."""
    share = rng.uniform(1 / 33, 1 / 17)
    nums = _skewed(n, max(1, round(n * share)), rng, short=True)
    ks = _unique_ks(nums)
    middle = [k for k in ks if len(ks) < 4 or ks[len(ks) // 4] <= k <= ks[3 * len(ks) // 4]]
    return [nums, middle[len(middle) // 2]]


def edge_cases() -> list:
    rng = random.Random(347)
    spread = list(range(LO, HI + 1, 25)) + [rng.choice([LO, HI, 0]) for _ in range(300)]
    spread += [rng.randrange(LO, HI + 1, 25) for _ in range(700)]
    rng.shuffle(spread)
    return [
        [[1], 1],
        [[-10000], 1],
        [[10000, 10000], 1],
        [[1, 2], 2],
        [[-1, -1], 1],
        [[1, 1, 1, 2, 2, 3], 2],
        [[1, 1, 1, 2, 2, 3], 3],
        [[4, 1, -1, 2, -1, 2, 3], 2],
        [[5, 3, 5, 3, 5, 7, 3, 3], 1],
        [[0, 0, 0, -10000, -10000, 10000], 2],
        [[3, 0, 1, 0], 1],
        [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 10],
        [[-5, -5, -5, -4, -4, -3, -3, -2], 1],
        [[7] * 1000 + [8] * 999, 1],
        [[7] * 1000 + [8] * 999, 2],
        [[2, 2, 2, 2, 9, 9, 9, 1, 1, -7], 3],
        [spread, 3],
        [spread, _unique_ks(spread)[len(_unique_ks(spread)) // 2]],
        [spread, len(set(spread))],
    ]
