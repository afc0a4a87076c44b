func threeSum(nums []int) [][]int {
    sort.Ints(nums)
    n := len(nums)
    var result [][]int
    for i := 0; i < n-2 && nums[i] <= 0; i++ {
        if i > 0 && nums[i] == nums[i-1] {
            continue
        }
        lo, hi := i+1, n-1
        for lo < hi {
            s := nums[i] + nums[lo] + nums[hi]
            if s < 0 {
                lo++
            } else if s > 0 {
                hi--
            } else {
                result = append(result, []int{nums[i], nums[lo], nums[hi]})
                lo++
                hi--
                for lo < hi && nums[lo] == nums[lo-1] {
                    lo++
                }
            }
        }
    }
    return result
}
