/**
 * @param {number[]} cost
 * @return {number}
 */
var minCostClimbingStairs = function(cost) {
    let twoBack = 0, oneBack = 0;
    for (let i = 2; i <= cost.length; i++) {
        const here = Math.min(oneBack + cost[i - 1], twoBack + cost[i - 2]);
        twoBack = oneBack;
        oneBack = here;
    }
    return oneBack;
};
