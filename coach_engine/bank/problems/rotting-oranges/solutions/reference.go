func orangesRotting(grid [][]int) int {
    m, n := len(grid), len(grid[0])
    dirs := [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}}
    var queue [][2]int
    fresh := 0
    for r := 0; r < m; r++ {
        for c := 0; c < n; c++ {
            if grid[r][c] == 2 {
                queue = append(queue, [2]int{r, c})
            } else if grid[r][c] == 1 {
                fresh++
            }
        }
    }
    minutes := 0
    for len(queue) > 0 && fresh > 0 {
        minutes++
        var next [][2]int
        for _, cell := range queue {
            for _, d := range dirs {
                x, y := cell[0]+d[0], cell[1]+d[1]
                if x >= 0 && x < m && y >= 0 && y < n && grid[x][y] == 1 {
                    grid[x][y] = 2
                    fresh--
                    next = append(next, [2]int{x, y})
                }
            }
        }
        queue = next
    }
    if fresh > 0 {
        return -1
    }
    return minutes
}
