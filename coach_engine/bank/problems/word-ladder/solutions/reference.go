func ladderLength(beginWord string, endWord string, wordList []string) int {
    found := false
    for _, w := range wordList {
        if w == endWord {
            found = true
            break
        }
    }
    if !found {
        return 0
    }
    size := len(beginWord)
    buckets := make(map[string][]string)
    for _, word := range wordList {
        for i := 0; i < size; i++ {
            pattern := word[:i] + "*" + word[i+1:]
            buckets[pattern] = append(buckets[pattern], word)
        }
    }
    seen := map[string]bool{beginWord: true}
    level := []string{beginWord}
    steps := 1
    for len(level) > 0 {
        steps++
        var next []string
        for _, word := range level {
            for i := 0; i < size; i++ {
                pattern := word[:i] + "*" + word[i+1:]
                bucket, ok := buckets[pattern]
                if !ok {
                    continue
                }
                delete(buckets, pattern)
                for _, other := range bucket {
                    if other == endWord {
                        return steps
                    }
                    if !seen[other] {
                        seen[other] = true
                        next = append(next, other)
                    }
                }
            }
        }
        level = next
    }
    return 0
}
