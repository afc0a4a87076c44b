class Solution {
public:
    int maxArea(vector<int>& height) {
        int left = 0, right = (int)height.size() - 1, best = 0;
        while (left < right) {
            if (height[left] < height[right]) {
                best = max(best, height[left] * (right - left));
                left++;
            } else {
                best = max(best, height[right] * (right - left));
                right--;
            }
        }
        return best;
    }
};
