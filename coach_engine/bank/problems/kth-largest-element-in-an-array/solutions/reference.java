class Solution {
    public int findKthLargest(int[] nums, int k) {
        // Quickselect for index n - k of the ascending order, three-way partition, random pivot.
        Random random = new Random();
        int target = nums.length - k;
        int lo = 0, hi = nums.length - 1;
        while (true) {
            int pivot = nums[lo + random.nextInt(hi - lo + 1)];
            int lt = lo, i = lo, gt = hi;
            while (i <= gt) {
                if (nums[i] < pivot) {
                    swap(nums, lt++, i++);
                } else if (nums[i] > pivot) {
                    swap(nums, i, gt--);
                } else {
                    i++;
                }
            }
            if (target < lt) hi = lt - 1;
            else if (target > gt) lo = gt + 1;
            else return pivot;
        }
    }

    private void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
