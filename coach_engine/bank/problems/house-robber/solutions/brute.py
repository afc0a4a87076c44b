class Solution:
    def rob(self, nums: List[int]) -> int:
        def go(i: int) -> int:
            if i >= len(nums):
                return 0
            return max(nums[i] + go(i + 2), go(i + 1))

        return go(0)
