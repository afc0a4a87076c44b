class Solution:
    def ladderLength(self, beginWord: str, endWord: str, wordList: List[str]) -> int:
        def adjacent(a: str, b: str) -> bool:
            return sum(x != y for x, y in zip(a, b)) == 1

        dist = {beginWord: 1}
        queue = deque([beginWord])
        while queue:
            word = queue.popleft()
            for other in wordList:
                if other not in dist and adjacent(word, other):
                    dist[other] = dist[word] + 1
                    queue.append(other)
        return dist.get(endWord, 0) if endWord in wordList else 0
