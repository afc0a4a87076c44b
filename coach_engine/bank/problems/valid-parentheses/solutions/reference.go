func isValid(s string) bool {
    match := map[rune]rune{')': '(', ']': '[', '}': '{'}
    stack := make([]rune, 0, len(s))
    for _, c := range s {
        if open, ok := match[c]; ok {
            if len(stack) == 0 || stack[len(stack)-1] != open {
                return false
            }
            stack = stack[:len(stack)-1]
        } else {
            stack = append(stack, c)
        }
    }
    return len(stack) == 0
}
