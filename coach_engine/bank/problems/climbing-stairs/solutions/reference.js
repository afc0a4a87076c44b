/**
 * @param {number} n
 * @return {number}
 */
var climbStairs = function(n) {
    let twoBack = 1, oneBack = 1;
    for (let i = 2; i <= n; i++) {
        const here = oneBack + twoBack;
        twoBack = oneBack;
        oneBack = here;
    }
    return oneBack;
};
