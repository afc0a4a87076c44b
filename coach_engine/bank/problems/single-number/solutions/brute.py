class Solution:
    def singleNumber(self, nums: List[int]) -> int:
        n = len(nums)
        for i in range(n):
            partner = False
            for j in range(n):
                if j != i and nums[j] == nums[i]:
                    partner = True
                    break
            if not partner:
                return nums[i]
        return 0
