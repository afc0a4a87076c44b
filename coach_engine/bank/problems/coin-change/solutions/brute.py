class Solution:
    def coinChange(self, coins: List[int], amount: int) -> int:
        # Breadth-first search from `amount` down to 0: level = coins used so far.
        if amount == 0:
            return 0
        seen = {amount}
        level = [amount]
        steps = 0
        while level:
            steps += 1
            nxt = []
            for rest in level:
                for c in coins:
                    r = rest - c
                    if r == 0:
                        return steps
                    if r > 0 and r not in seen:
                        seen.add(r)
                        nxt.append(r)
            level = nxt
        return -1
