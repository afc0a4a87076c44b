class Solution:
    def findKthLargest(self, nums: List[int], k: int) -> int:
        # Quickselect with a random pivot and a three-way split; k counts from the top.
        while True:
            pivot = random.choice(nums)
            larger = [x for x in nums if x > pivot]
            if k <= len(larger):
                nums = larger
                continue
            equal = nums.count(pivot)
            if k <= len(larger) + equal:
                return pivot
            k -= len(larger) + equal
            nums = [x for x in nums if x < pivot]
