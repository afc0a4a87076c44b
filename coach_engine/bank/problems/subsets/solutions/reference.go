func subsets(nums []int) [][]int {
    result := [][]int{}
    path := []int{}
    var backtrack func(start int)
    backtrack = func(start int) {
        result = append(result, append([]int{}, path...))
        for i := start; i < len(nums); i++ {
            path = append(path, nums[i])
            backtrack(i + 1)
            path = path[:len(path)-1]
        }
    }
    backtrack(0)
    return result
}
