class Solution {
public:
    void solveSudoku(vector<vector<char>>& board) {
        for (int r = 0; r < 9; r++) {
            for (int c = 0; c < 9; c++) {
                int b = r / 3 * 3 + c / 3;
                if (board[r][c] == '.') {
                    empty.push_back({r, c, b});
                } else {
                    int bit = 1 << (board[r][c] - '0');
                    rows[r] |= bit;
                    cols[c] |= bit;
                    boxes[b] |= bit;
                }
            }
        }
        solve(board, 0);
    }

private:
    int rows[9] = {}, cols[9] = {}, boxes[9] = {};
    vector<array<int, 3>> empty;

    bool solve(vector<vector<char>>& board, int k) {
        if (k == (int)empty.size()) return true;
        // most constrained cell first: swap it into position k
        int best = k, bestCount = 10;
        for (int i = k; i < (int)empty.size(); i++) {
            auto [r, c, b] = empty[i];
            int free = 9 - __builtin_popcount(rows[r] | cols[c] | boxes[b]);
            if (free < bestCount) {
                best = i;
                bestCount = free;
                if (free <= 1) break;
            }
        }
        swap(empty[k], empty[best]);
        auto [r, c, b] = empty[k];
        int used = rows[r] | cols[c] | boxes[b];
        for (int d = 1; d <= 9; d++) {
            int bit = 1 << d;
            if (used & bit) continue;
            rows[r] |= bit;
            cols[c] |= bit;
            boxes[b] |= bit;
            board[r][c] = '0' + d;
            if (solve(board, k + 1)) return true;
            rows[r] ^= bit;
            cols[c] ^= bit;
            boxes[b] ^= bit;
        }
        board[r][c] = '.';
        swap(empty[k], empty[best]);
        return false;
    }
};
