class Solution:
    def ladderLength(self, beginWord: str, endWord: str, wordList: List[str]) -> int:
        if endWord not in wordList:
            return 0
        size = len(beginWord)
        buckets = defaultdict(list)
        for word in wordList:
            for i in range(size):
                buckets[word[:i] + "*" + word[i + 1:]].append(word)
        seen = {beginWord}
        level = [beginWord]
        steps = 1
        while level:
            steps += 1
            nxt = []
            for word in level:
                for i in range(size):
                    pattern = word[:i] + "*" + word[i + 1:]
                    for other in buckets.pop(pattern, ()):
                        if other == endWord:
                            return steps
                        if other not in seen:
                            seen.add(other)
                            nxt.append(other)
            level = nxt
        return 0
