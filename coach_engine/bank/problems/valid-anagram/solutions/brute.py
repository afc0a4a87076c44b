class Solution:
    def isAnagram(self, s: str, t: str) -> bool:
        if len(s) != len(t):
            return False
        remaining = list(t)
        for ch in s:
            if ch not in remaining:
                return False
            remaining.remove(ch)
        return not remaining
