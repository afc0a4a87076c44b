class Solution:
    def orangesRotting(self, grid: List[List[int]]) -> int:
        m, n = len(grid), len(grid[0])
        minutes = 0
        while True:
            nxt = [row[:] for row in grid]
            changed = False
            for r in range(m):
                for c in range(n):
                    if grid[r][c] != 1:
                        continue
                    for x, y in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                        if 0 <= x < m and 0 <= y < n and grid[x][y] == 2:
                            nxt[r][c] = 2
                            changed = True
                            break
            if not changed:
                break
            grid = nxt
            minutes += 1
        if any(v == 1 for row in grid for v in row):
            return -1
        return minutes
