class Solution:
    def solveSudoku(self, board: List[List[str]]) -> None:
        """
        Do not return anything, modify board in-place instead.
        """
        # Knuth's Algorithm X on the exact-cover form of sudoku: every choice (r, c, d) covers
        # four constraints (cell filled, digit in row, in column, in box); search exhaustively.
        def covers(r, c, d):
            return [("cell", r, c), ("row", r, d), ("col", c, d), ("box", r // 3 * 3 + c // 3, d)]

        choices = {
            (r, c, d): covers(r, c, d) for r in range(9) for c in range(9) for d in range(1, 10)
        }
        columns = {}
        for choice, cols in choices.items():
            for col in cols:
                columns.setdefault(col, set()).add(choice)

        def select(choice):
            removed = []
            for col in choices[choice]:
                for other in columns[col]:
                    for other_col in choices[other]:
                        if other_col != col:
                            columns[other_col].remove(other)
                removed.append(columns.pop(col))
            return removed

        def deselect(choice, removed):
            for col in reversed(choices[choice]):
                columns[col] = removed.pop()
                for other in columns[col]:
                    for other_col in choices[other]:
                        if other_col != col:
                            columns[other_col].add(other)

        for r in range(9):
            for c in range(9):
                if board[r][c] != ".":
                    select((r, c, int(board[r][c])))

        def search():
            if not columns:
                return True
            col = min(columns, key=lambda k: len(columns[k]))
            for choice in list(columns[col]):
                removed = select(choice)
                r, c, d = choice
                board[r][c] = str(d)
                if search():
                    return True
                deselect(choice, removed)
                board[r][c] = "."
            return False

        search()
