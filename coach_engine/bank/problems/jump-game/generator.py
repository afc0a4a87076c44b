"""Jump Game cases. Large cases cap every jump so that only the second-to-last index can reach
the end (true when it jumps, false when it is 0) or put an unjumpable 0 late in the array: an
O(n^2) reachability table then does ~n^2/4 work, while the answer stays in doubt to the end."""

import random

HI = 10**5


def check(args):
    (nums,) = args
    assert 1 <= len(nums) <= 10**4, "1 <= nums.length <= 10^4"
    assert all(0 <= v <= HI for v in nums), "0 <= nums[i] <= 10^5"


def capped(n: int, wall: int, rng: random.Random) -> list:
    """No index before ``wall`` can jump past it and ``nums[wall] == 0``, but index 0 reaches it;
    the tail after the wall is random."""
    nums = [rng.randint((wall - i) * 7 // 8, wall - i) for i in range(wall)]
    if wall:
        nums[0] = wall
    nums.append(0)
    nums += [rng.randint(0, HI) for _ in range(n - wall - 1)]
    return nums


def generate(n: int, rng: random.Random) -> list:
    if n >= 500:
        kind = rng.choice(["true", "false", "true", "wall"])
        if kind == "true":  # only index n-2 reaches the end, and it can
            nums = capped(n, n - 2, rng) if n >= 2 else [0]
            nums[n - 2] = rng.randint(1, HI)
            return [nums]
        if kind == "false":  # everything reaches index n-2, which is a 0
            return [capped(n, n - 2, rng)]
        return [capped(n, rng.randint(n * 3 // 4, n - 2), rng)]
    kind = rng.choice(["small", "small", "wide", "capped"])
    if kind == "small":  # short jumps and frequent zeros: either answer
        return [[rng.choice([0, 0, 1, 1, 2, 3]) for _ in range(n)]]
    if kind == "wide":
        return [[rng.randint(0, n) for _ in range(n)]]
    nums = capped(n, max(0, n - 2), rng)
    if n >= 2 and rng.random() < 0.5:
        nums[n - 2] = rng.randint(1, 3)
    return [nums[:n]]


def edge_cases() -> list:
    n = 10**4
    return [
        [[0]],
        [[1]],
        [[100000]],
        [[0, 1]],
        [[1, 0]],
        [[0, 0]],
        [[2, 0, 0]],
        [[1, 0, 1]],
        [[0, 2, 3]],
        [[1, 1, 1, 1]],
        [[3, 0, 0, 0]],
        [[2, 0, 0, 0]],
        [[1, 2, 0, 1]],
        [[2, 5, 0, 0]],
        [[5, 4, 3, 2, 1, 0, 0]],
        [[4, 3, 2, 1, 0, 4]],
        [[1, 1, 2, 0, 0, 1]],
        [[100000] + [0] * (n - 1)],
        [[0] + [100000] * 3],
        [[n - 2 - i for i in range(n - 1)] + [0]],
        [[max(1, n - 2 - i) for i in range(n - 1)] + [7]],
    ]
