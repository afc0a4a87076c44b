func findMedianSortedArrays(nums1 []int, nums2 []int) float64 {
    if len(nums1) > len(nums2) {
        nums1, nums2 = nums2, nums1
    }
    m, n := len(nums1), len(nums2)
    half := (m + n + 1) / 2
    lo, hi := 0, m
    for lo <= hi {
        i := (lo + hi) / 2
        j := half - i
        left1, right1 := math.MinInt64, math.MaxInt64
        left2, right2 := math.MinInt64, math.MaxInt64
        if i > 0 {
            left1 = nums1[i-1]
        }
        if i < m {
            right1 = nums1[i]
        }
        if j > 0 {
            left2 = nums2[j-1]
        }
        if j < n {
            right2 = nums2[j]
        }
        if left1 > right2 {
            hi = i - 1
        } else if left2 > right1 {
            lo = i + 1
        } else {
            left := left1
            if left2 > left {
                left = left2
            }
            if (m+n)%2 == 1 {
                return float64(left)
            }
            right := right1
            if right2 < right {
                right = right2
            }
            return float64(left+right) / 2
        }
    }
    return 0
}
