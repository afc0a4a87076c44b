func coinChange(coins []int, amount int) int {
    unreachable := amount + 1
    dp := make([]int, amount+1)
    for a := 1; a <= amount; a++ {
        dp[a] = unreachable
        for _, c := range coins {
            if c <= a && dp[a-c]+1 < dp[a] {
                dp[a] = dp[a-c] + 1
            }
        }
    }
    if dp[amount] == unreachable {
        return -1
    }
    return dp[amount]
}
