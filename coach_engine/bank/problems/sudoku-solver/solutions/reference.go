func solveSudoku(board [][]byte)  {
    var rows, cols, boxes [9]int
    var empty [][3]int
    for r := 0; r < 9; r++ {
        for c := 0; c < 9; c++ {
            b := r/3*3 + c/3
            if board[r][c] == '.' {
                empty = append(empty, [3]int{r, c, b})
            } else {
                bit := 1 << (board[r][c] - '0')
                rows[r] |= bit
                cols[c] |= bit
                boxes[b] |= bit
            }
        }
    }
    var solve func(k int) bool
    solve = func(k int) bool {
        if k == len(empty) {
            return true
        }
        // most constrained cell first: swap it into position k
        best, bestCount := k, 10
        for i := k; i < len(empty); i++ {
            cell := empty[i]
            free := 9 - bits.OnesCount(uint(rows[cell[0]]|cols[cell[1]]|boxes[cell[2]]))
            if free < bestCount {
                best, bestCount = i, free
                if free <= 1 {
                    break
                }
            }
        }
        empty[k], empty[best] = empty[best], empty[k]
        r, c, b := empty[k][0], empty[k][1], empty[k][2]
        used := rows[r] | cols[c] | boxes[b]
        for d := 1; d <= 9; d++ {
            bit := 1 << d
            if used&bit != 0 {
                continue
            }
            rows[r] |= bit
            cols[c] |= bit
            boxes[b] |= bit
            board[r][c] = byte('0' + d)
            if solve(k + 1) {
                return true
            }
            rows[r] ^= bit
            cols[c] ^= bit
            boxes[b] ^= bit
        }
        board[r][c] = '.'
        empty[k], empty[best] = empty[best], empty[k]
        return false
    }
    solve(0)
}
