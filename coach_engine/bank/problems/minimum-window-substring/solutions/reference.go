func minWindow(s string, t string) string {
    var need [128]int
    for i := 0; i < len(t); i++ {
        need[t[i]]++
    }
    missing := len(t)
    bestLeft, bestLen := 0, -1
    left := 0
    for right := 0; right < len(s); right++ {
        c := s[right]
        if need[c] > 0 {
            missing--
        }
        need[c]--
        if missing == 0 {
            for need[s[left]] < 0 {
                need[s[left]]++
                left++
            }
            if bestLen < 0 || right-left+1 < bestLen {
                bestLeft, bestLen = left, right-left+1
            }
            need[s[left]]++
            missing++
            left++
        }
    }
    if bestLen < 0 {
        return ""
    }
    return s[bestLeft : bestLeft+bestLen]
}
