class Solution:
    def rob(self, nums: List[int]) -> int:
        prev, curr = 0, 0  # best totals up to two houses back and up to the last house
        for x in nums:
            prev, curr = curr, max(curr, prev + x)
        return curr
