func uniquePaths(m int, n int) int {
    total, k := m+n-2, m-1
    if n-1 < k {
        k = n - 1
    }
    result := 1
    for i := 1; i <= k; i++ {
        result = result * (total - k + i) / i // stays C(total-k+i, i), exact
    }
    return result
}
