func climbStairs(n int) int {
    twoBack, oneBack := 1, 1
    for i := 2; i <= n; i++ {
        twoBack, oneBack = oneBack, oneBack+twoBack
    }
    return oneBack
}
