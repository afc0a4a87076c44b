class Solution:
    def minDistance(self, word1: str, word2: str) -> int:
        def go(i: int, j: int) -> int:
            if i == 0:
                return j
            if j == 0:
                return i
            if word1[i - 1] == word2[j - 1]:
                return go(i - 1, j - 1)
            return 1 + min(go(i - 1, j), go(i, j - 1), go(i - 1, j - 1))

        return go(len(word1), len(word2))
