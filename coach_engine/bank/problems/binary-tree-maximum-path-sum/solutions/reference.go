/**
 * Definition for a binary tree node.
 * type TreeNode struct {
 *     Val int
 *     Left *TreeNode
 *     Right *TreeNode
 * }
 */
func maxPathSum(root *TreeNode) int {
    best := math.MinInt64
    var gain func(node *TreeNode) int
    gain = func(node *TreeNode) int {
        if node == nil {
            return 0
        }
        left, right := gain(node.Left), gain(node.Right)
        if left < 0 {
            left = 0
        }
        if right < 0 {
            right = 0
        }
        if sum := node.Val + left + right; sum > best {
            best = sum
        }
        if left > right {
            return node.Val + left
        }
        return node.Val + right
    }
    gain(root)
    return best
}
