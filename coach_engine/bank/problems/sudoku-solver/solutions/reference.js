/**
 * @param {character[][]} board
 * @return {void} Do not return anything, modify board in-place instead.
 */
var solveSudoku = function(board) {
    const rows = new Array(9).fill(0), cols = new Array(9).fill(0), boxes = new Array(9).fill(0);
    const empty = [];
    const popcount = (x) => {
        let n = 0;
        for (; x; x &= x - 1) n++;
        return n;
    };
    for (let r = 0; r < 9; r++) {
        for (let c = 0; c < 9; c++) {
            const b = Math.floor(r / 3) * 3 + Math.floor(c / 3);
            if (board[r][c] === '.') {
                empty.push([r, c, b]);
            } else {
                const bit = 1 << Number(board[r][c]);
                rows[r] |= bit;
                cols[c] |= bit;
                boxes[b] |= bit;
            }
        }
    }
    const solve = (k) => {
        if (k === empty.length) return true;
        // most constrained cell first: swap it into position k
        let best = k, bestCount = 10;
        for (let i = k; i < empty.length; i++) {
            const [r, c, b] = empty[i];
            const count = 9 - popcount(rows[r] | cols[c] | boxes[b]);
            if (count < bestCount) {
                best = i;
                bestCount = count;
                if (count <= 1) break;
            }
        }
        [empty[k], empty[best]] = [empty[best], empty[k]];
        const [r, c, b] = empty[k];
        const used = rows[r] | cols[c] | boxes[b];
        for (let d = 1; d <= 9; d++) {
            const bit = 1 << d;
            if (used & bit) continue;
            rows[r] |= bit;
            cols[c] |= bit;
            boxes[b] |= bit;
            board[r][c] = String(d);
            if (solve(k + 1)) return true;
            rows[r] ^= bit;
            cols[c] ^= bit;
            boxes[b] ^= bit;
        }
        board[r][c] = '.';
        [empty[k], empty[best]] = [empty[best], empty[k]];
        return false;
    };
    solve(0);
};
