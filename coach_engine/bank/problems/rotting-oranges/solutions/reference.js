/**
 * @param {number[][]} grid
 * @return {number}
 */
var orangesRotting = function(grid) {
    const m = grid.length, n = grid[0].length;
    let queue = [];
    let fresh = 0;
    for (let r = 0; r < m; r++) {
        for (let c = 0; c < n; c++) {
            if (grid[r][c] === 2) queue.push([r, c]);
            else if (grid[r][c] === 1) fresh++;
        }
    }
    let minutes = 0;
    while (queue.length > 0 && fresh > 0) {
        minutes++;
        const next = [];
        for (const [r, c] of queue) {
            for (const [x, y] of [[r - 1, c], [r + 1, c], [r, c - 1], [r, c + 1]]) {
                if (x >= 0 && x < m && y >= 0 && y < n && grid[x][y] === 1) {
                    grid[x][y] = 2;
                    fresh--;
                    next.push([x, y]);
                }
            }
        }
        queue = next;
    }
    return fresh > 0 ? -1 : minutes;
};
