class Solution:
    def uniquePaths(self, m: int, n: int) -> int:
        # choose which of the m + n - 2 moves are the m - 1 downward ones
        return math.comb(m + n - 2, m - 1)
