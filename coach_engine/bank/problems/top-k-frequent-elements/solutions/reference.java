class Solution {
    public int[] topKFrequent(int[] nums, int k) {
        Map<Integer, Integer> count = new HashMap<>();
        for (int v : nums) count.merge(v, 1, Integer::sum);
        List<Integer>[] buckets = new List[nums.length + 1];
        for (Map.Entry<Integer, Integer> e : count.entrySet()) {
            int c = e.getValue();
            if (buckets[c] == null) buckets[c] = new ArrayList<>();
            buckets[c].add(e.getKey());
        }
        int[] result = new int[k];
        int filled = 0;
        for (int c = nums.length; c > 0 && filled < k; c--) {
            if (buckets[c] == null) continue;
            for (int v : buckets[c]) {
                if (filled == k) break;
                result[filled++] = v;
            }
        }
        return result;
    }
}
