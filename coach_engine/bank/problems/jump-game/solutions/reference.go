func canJump(nums []int) bool {
    reach := 0
    for i, jump := range nums {
        if i > reach {
            return false
        }
        if i+jump > reach {
            reach = i + jump
        }
        if reach >= len(nums)-1 {
            return true
        }
    }
    return true
}
