func maxArea(height []int) int {
    left, right, best := 0, len(height)-1, 0
    for left < right {
        h := height[left]
        if height[right] < h {
            h = height[right]
        }
        if area := h * (right - left); area > best {
            best = area
        }
        if height[left] < height[right] {
            left++
        } else {
            right--
        }
    }
    return best
}
