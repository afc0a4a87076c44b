class Solution:
    def solveSudoku(self, board: List[List[str]]) -> None:
        """
        Do not return anything, modify board in-place instead.
        """
        rows, cols, boxes = [0] * 9, [0] * 9, [0] * 9
        empty = []
        for r in range(9):
            for c in range(9):
                if board[r][c] == ".":
                    empty.append((r, c, r // 3 * 3 + c // 3))
                else:
                    bit = 1 << int(board[r][c])
                    rows[r] |= bit
                    cols[c] |= bit
                    boxes[r // 3 * 3 + c // 3] |= bit

        def solve(k: int) -> bool:
            if k == len(empty):
                return True
            # most constrained cell first: swap it into position k
            best, best_count = k, 10
            for i in range(k, len(empty)):
                r, c, b = empty[i]
                count = 9 - (rows[r] | cols[c] | boxes[b]).bit_count()
                if count < best_count:
                    best, best_count = i, count
                    if count <= 1:
                        break
            empty[k], empty[best] = empty[best], empty[k]
            r, c, b = empty[k]
            used = rows[r] | cols[c] | boxes[b]
            for d in range(1, 10):
                bit = 1 << d
                if not used & bit:
                    rows[r] |= bit
                    cols[c] |= bit
                    boxes[b] |= bit
                    board[r][c] = str(d)
                    if solve(k + 1):
                        return True
                    rows[r] ^= bit
                    cols[c] ^= bit
                    boxes[b] ^= bit
            board[r][c] = "."
            empty[k], empty[best] = empty[best], empty[k]
            return False

        solve(0)
