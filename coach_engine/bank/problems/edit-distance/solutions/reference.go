func minDistance(word1 string, word2 string) int {
    m, n := len(word1), len(word2)
    prev := make([]int, n+1)
    cur := make([]int, n+1)
    for j := range prev {
        prev[j] = j
    }
    for i := 1; i <= m; i++ {
        cur[0] = i
        for j := 1; j <= n; j++ {
            if word1[i-1] == word2[j-1] {
                cur[j] = prev[j-1]
            } else {
                best := prev[j-1]
                if prev[j] < best {
                    best = prev[j]
                }
                if cur[j-1] < best {
                    best = cur[j-1]
                }
                cur[j] = best + 1
            }
        }
        prev, cur = cur, prev
    }
    return prev[n]
}
