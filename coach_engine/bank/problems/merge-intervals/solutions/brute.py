class Solution:
    def merge(self, intervals: List[List[int]]) -> List[List[int]]:
        merged = []
        for start, end in intervals:
            keep = []
            for s, e in merged:
                if s <= end and start <= e:
                    start, end = min(start, s), max(end, e)
                else:
                    keep.append([s, e])
            keep.append([start, end])
            merged = keep
        return merged
