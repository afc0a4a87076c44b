class Solution {
    private final int[] rows = new int[9], cols = new int[9], boxes = new int[9];
    private int[][] empty;
    private int count;
    private char[][] board;

    public void solveSudoku(char[][] board) {
        this.board = board;
        empty = new int[81][];
        count = 0;
        for (int r = 0; r < 9; r++) {
            for (int c = 0; c < 9; c++) {
                int b = r / 3 * 3 + c / 3;
                if (board[r][c] == '.') {
                    empty[count++] = new int[] {r, c, b};
                } else {
                    int bit = 1 << (board[r][c] - '0');
                    rows[r] |= bit;
                    cols[c] |= bit;
                    boxes[b] |= bit;
                }
            }
        }
        solve(0);
    }

    private boolean solve(int k) {
        if (k == count) return true;
        // most constrained cell first: swap it into position k
        int best = k, bestCount = 10;
        for (int i = k; i < count; i++) {
            int[] cell = empty[i];
            int free = 9 - Integer.bitCount(rows[cell[0]] | cols[cell[1]] | boxes[cell[2]]);
            if (free < bestCount) {
                best = i;
                bestCount = free;
                if (free <= 1) break;
            }
        }
        int[] tmp = empty[k];
        empty[k] = empty[best];
        empty[best] = tmp;
        int r = empty[k][0], c = empty[k][1], b = empty[k][2];
        int used = rows[r] | cols[c] | boxes[b];
        for (int d = 1; d <= 9; d++) {
            int bit = 1 << d;
            if ((used & bit) != 0) continue;
            rows[r] |= bit;
            cols[c] |= bit;
            boxes[b] |= bit;
            board[r][c] = (char) ('0' + d);
            if (solve(k + 1)) return true;
            rows[r] ^= bit;
            cols[c] ^= bit;
            boxes[b] ^= bit;
        }
        board[r][c] = '.';
        tmp = empty[k];
        empty[k] = empty[best];
        empty[best] = tmp;
        return false;
    }
}
