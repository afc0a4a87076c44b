class Solution {
public:
    vector<int> topKFrequent(vector<int>& nums, int k) {
        unordered_map<int, int> count;
        for (int v : nums) count[v]++;
        vector<vector<int>> buckets(nums.size() + 1);
        for (auto& [v, c] : count) buckets[c].push_back(v);
        vector<int> result;
        for (int c = nums.size(); c > 0 && (int)result.size() < k; c--) {
            for (int v : buckets[c]) {
                if ((int)result.size() == k) break;
                result.push_back(v);
            }
        }
        return result;
    }
};
