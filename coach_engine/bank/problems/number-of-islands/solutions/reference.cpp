class Solution {
public:
    int numIslands(vector<vector<char>>& grid) {
        int m = grid.size(), n = grid[0].size();
        const int dr[4] = {1, -1, 0, 0}, dc[4] = {0, 0, 1, -1};
        int islands = 0;
        vector<pair<int, int>> stack;
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < n; c++) {
                if (grid[r][c] != '1') continue;
                islands++;
                grid[r][c] = '0';
                stack.push_back({r, c});
                while (!stack.empty()) {
                    auto [i, j] = stack.back();
                    stack.pop_back();
                    for (int k = 0; k < 4; k++) {
                        int x = i + dr[k], y = j + dc[k];
                        if (x >= 0 && x < m && y >= 0 && y < n && grid[x][y] == '1') {
                            grid[x][y] = '0';
                            stack.push_back({x, y});
                        }
                    }
                }
            }
        }
        return islands;
    }
};
