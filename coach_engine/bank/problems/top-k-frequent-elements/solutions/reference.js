/**
 * @param {number[]} nums
 * @param {number} k
 * @return {number[]}
 */
var topKFrequent = function(nums, k) {
    const count = new Map();
    for (const v of nums) count.set(v, (count.get(v) || 0) + 1);
    const buckets = Array.from({ length: nums.length + 1 }, () => []);
    for (const [v, c] of count) buckets[c].push(v);
    const result = [];
    for (let c = nums.length; c > 0 && result.length < k; c--) {
        for (const v of buckets[c]) {
            result.push(v);
            if (result.length === k) break;
        }
    }
    return result;
};
