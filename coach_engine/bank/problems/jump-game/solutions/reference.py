class Solution:
    def canJump(self, nums: List[int]) -> bool:
        reach = 0  # farthest index reachable so far
        for i, jump in enumerate(nums):
            if i > reach:
                return False
            reach = max(reach, i + jump)
            if reach >= len(nums) - 1:
                return True
        return True
