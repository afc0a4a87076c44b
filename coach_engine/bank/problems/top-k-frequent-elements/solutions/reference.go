func topKFrequent(nums []int, k int) []int {
    count := make(map[int]int)
    for _, v := range nums {
        count[v]++
    }
    buckets := make([][]int, len(nums)+1)
    for v, c := range count {
        buckets[c] = append(buckets[c], v)
    }
    result := make([]int, 0, k)
    for c := len(nums); c > 0 && len(result) < k; c-- {
        for _, v := range buckets[c] {
            if len(result) == k {
                break
            }
            result = append(result, v)
        }
    }
    return result
}
