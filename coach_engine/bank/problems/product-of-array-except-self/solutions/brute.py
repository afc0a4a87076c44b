class Solution:
    def productExceptSelf(self, nums: List[int]) -> List[int]:
        answer = []
        for i in range(len(nums)):
            p = 1
            for j, v in enumerate(nums):
                if j != i:
                    p *= v
            answer.append(p)
        return answer
