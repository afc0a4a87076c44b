func isPalindrome(s string) bool {
    isAlnum := func(c byte) bool {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
    }
    lower := func(c byte) byte {
        if c >= 'A' && c <= 'Z' {
            return c + 'a' - 'A'
        }
        return c
    }
    i, j := 0, len(s)-1
    for i < j {
        if !isAlnum(s[i]) {
            i++
        } else if !isAlnum(s[j]) {
            j--
        } else if lower(s[i]) != lower(s[j]) {
            return false
        } else {
            i++
            j--
        }
    }
    return true
}
