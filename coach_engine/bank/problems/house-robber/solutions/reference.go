func rob(nums []int) int {
    prev, curr := 0, 0
    for _, x := range nums {
        next := prev + x
        if curr > next {
            next = curr
        }
        prev, curr = curr, next
    }
    return curr
}
