func trap(height []int) int {
    left, right := 0, len(height)-1
    leftMax, rightMax, water := 0, 0, 0
    for left < right {
        if height[left] < height[right] {
            if height[left] > leftMax {
                leftMax = height[left]
            }
            water += leftMax - height[left]
            left++
        } else {
            if height[right] > rightMax {
                rightMax = height[right]
            }
            water += rightMax - height[right]
            right--
        }
    }
    return water
}
