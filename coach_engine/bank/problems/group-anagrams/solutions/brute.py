class Solution:
    def groupAnagrams(self, strs: List[str]) -> List[List[str]]:
        groups = []
        for word in strs:
            for group in groups:
                rep = group[0]
                if len(rep) == len(word) and sorted(rep) == sorted(word):
                    group.append(word)
                    break
            else:
                groups.append([word])
        return groups
