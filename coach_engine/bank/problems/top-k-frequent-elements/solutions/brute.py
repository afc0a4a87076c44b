class Solution:
    def topKFrequent(self, nums: List[int], k: int) -> List[int]:
        distinct = []
        for v in nums:
            if v not in distinct:
                distinct.append(v)
        counted = []
        for v in distinct:
            c = 0
            for w in nums:
                if w == v:
                    c += 1
            counted.append((c, v))
        counted.sort(reverse=True)
        return [v for _, v in counted[:k]]
