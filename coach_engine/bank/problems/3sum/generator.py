"""3Sum cases: small value ranges (many triplets, many duplicates), wide random values with
planted triplets, and large arrays whose values are all 1 mod 4 except a planted set of
multiples of 4, so only the planted values can form triplets: a full O(n^2) scan, a short
answer."""

import random

LO, HI = -(10**5), 10**5


def check(args):
    (nums,) = args
    assert 3 <= len(nums) <= 3000, "3 <= nums.length <= 3000"
    assert all(LO <= v <= HI for v in nums), "-10^5 <= nums[i] <= 10^5"


def _one_mod_four(count: int, neg_share: float, rng: random.Random) -> list:
    """Values congruent to 1 mod 4: any three of them sum to 3 mod 4, never to 0."""
    out = []
    for _ in range(count):
        if rng.random() < neg_share:
            out.append(4 * rng.randint(-25000, -1) + 1)  # -99999 .. -3
        else:
            out.append(4 * rng.randint(0, 24999) + 1)  # 1 .. 99997
    return out


def mod_four(n: int, rng: random.Random, planted: int, span: int, neg_share: float) -> list:
    """``planted`` multiples of 4 in [-4*span, 4*span] (the only values that can form a zero
    triplet, with each other) hidden among values that are 1 mod 4."""
    plant = [4 * rng.randint(-span, span) for _ in range(planted)]
    nums = plant + _one_mod_four(n - planted, neg_share, rng)
    rng.shuffle(nums)
    return nums


def generate(n: int, rng: random.Random) -> list:
    """n values. Large cases make the two-pointer scan run in full for most first elements
    (mostly negative values defeat the "stop once nums[i] > 0" shortcut) while the answer
    stays short."""
    if n >= 1000:
        kind = rng.choice(["mod4", "mod4", "dupes"])
    else:
        kind = rng.choice(["small", "small", "small", "wide", "mod4", "dupes"])
    if kind == "mod4":
        planted = min(n, rng.randint(20, 160)) if n >= 50 else rng.randint(3, n)
        span = rng.choice([200, 2500, 25000]) if n >= 50 else rng.choice([2, 5, 20])
        return [mod_four(n, rng, planted, span, rng.choice([0.5, 0.8, 0.97]))]
    if kind == "small":
        if n <= 12:
            s = rng.choice([1, 2, 3])
        else:
            s = rng.choice([1, 2, 3, 5, 10]) if n > 50 else rng.choice([2, 5, 10, 50])
        return [[rng.randint(-s, s) for _ in range(n)]]
    if kind == "dupes":
        values = rng.sample(range(-12, 13), rng.randint(2, 12))
        if rng.random() < 0.5:
            values = [v * rng.choice([1, 8000]) for v in values]
        return [[rng.choice(values) for _ in range(n)]]
    nums = [rng.randint(LO, HI) for _ in range(n)]
    for _ in range(rng.randint(0, min(3, n // 3))):  # plant a few triplets
        a = rng.randint(LO // 2, HI // 2)
        b = rng.randint(LO // 2, HI // 2)
        nums += [a, b, -a - b]
    rng.shuffle(nums)
    return [nums[:n]]


def timing(n: int, rng: random.Random) -> list:
    """The judge's timing input: the large cases' shape at every n — mostly negative values
    that are 1 mod 4 (a full two-pointer scan for almost every first element), n/20 planted
    multiples of 4 spread over a range proportional to n (a short answer at every size)."""
    return [mod_four(n, rng, max(3, n // 20), max(2, n), 0.97)]


def edge_cases() -> list:
    rng = random.Random(15)
    return [
        [[0, 0, 0]],
        [[0, 0, 0, 0]],
        [[1, 2, 3]],
        [[-1, -2, -3]],
        [[-1, 0, 1]],
        [[1, -1, 0]],
        [[0, 0, 1]],
        [[-2, 0, 1, 1, 2]],
        [[3, 0, -2, -1, 1, 2]],
        [[-4, -2, -2, -2, 0, 1, 2, 2, 2, 3, 3, 4, 4, 6, 6]],
        [[-1, 0, 1, 2, -1, -4, -2, -3, 3, 0, 4]],
        [[-2, -2, 4, 4, -8, 1, 1]],
        [[HI, LO, 0]],
        [[HI, HI, LO, LO, 0, 0]],
        [[LO, 50000, 50000]],
        [[HI, -50000, -50000, 1]],
        [[LO, LO, HI, HI, 99999, 1, -99999, -1]],
        [[0] * 3000],
        [[1] * 1500 + [-2] * 1500],
        [[-1, 0, 1] * 1000],
        [mod_four(3000, rng, 60, 2500, 0.97)],
        [mod_four(3000, rng, 0, 1, 0.03)],
    ]
