class Solution:
    def findKthLargest(self, nums: List[int], k: int) -> int:
        for v in nums:
            larger = at_least = 0
            for w in nums:
                if w > v:
                    larger += 1
                if w >= v:
                    at_least += 1
            if larger < k <= at_least:
                return v
        return 0
