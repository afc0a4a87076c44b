func minCostClimbingStairs(cost []int) int {
    twoBack, oneBack := 0, 0
    for i := 2; i <= len(cost); i++ {
        here := oneBack + cost[i-1]
        if alt := twoBack + cost[i-2]; alt < here {
            here = alt
        }
        twoBack, oneBack = oneBack, here
    }
    return oneBack
}
