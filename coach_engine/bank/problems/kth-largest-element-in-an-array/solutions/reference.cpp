class Solution {
public:
    int findKthLargest(vector<int>& nums, int k) {
        // Quickselect for index n - k of the ascending order, three-way partition, random pivot.
        mt19937 rng(random_device{}());
        int target = nums.size() - k;
        int lo = 0, hi = nums.size() - 1;
        while (true) {
            int pivot = nums[lo + rng() % (hi - lo + 1)];
            int lt = lo, i = lo, gt = hi;
            while (i <= gt) {
                if (nums[i] < pivot) {
                    swap(nums[lt++], nums[i++]);
                } else if (nums[i] > pivot) {
                    swap(nums[i], nums[gt--]);
                } else {
                    i++;
                }
            }
            if (target < lt) hi = lt - 1;
            else if (target > gt) lo = gt + 1;
            else return pivot;
        }
    }
};
