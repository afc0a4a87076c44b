/**
 * @param {string} s
 * @param {string} t
 * @return {string}
 */
var minWindow = function(s, t) {
    const need = new Int32Array(128);
    for (let i = 0; i < t.length; i++) need[t.charCodeAt(i)]++;
    let missing = t.length;
    let bestLeft = 0, bestLen = Infinity;
    let left = 0;
    for (let right = 0; right < s.length; right++) {
        const c = s.charCodeAt(right);
        if (need[c] > 0) missing--;
        need[c]--;
        if (missing === 0) {
            while (need[s.charCodeAt(left)] < 0) {
                need[s.charCodeAt(left)]++;
                left++;
            }
            if (right - left + 1 < bestLen) {
                bestLeft = left;
                bestLen = right - left + 1;
            }
            need[s.charCodeAt(left)]++;
            missing++;
            left++;
        }
    }
    return bestLen === Infinity ? "" : s.substring(bestLeft, bestLeft + bestLen);
};
