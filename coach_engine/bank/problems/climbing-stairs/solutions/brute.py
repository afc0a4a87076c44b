class Solution:
    """Counts the move sequences directly: a sequence with k double steps has n - k moves, and
    the doubles can be any k of them, so the answer is the sum of C(n - k, k).

    Independent of the reference's recurrence. It stands in for naive recursion because every
    test holds a single value, so the builder cross-checks all of them, n = 45 included, where
    naive recursion would run for hours.
    """

    def climbStairs(self, n: int) -> int:
        return sum(comb(n - k, k) for k in range(n // 2 + 1))
