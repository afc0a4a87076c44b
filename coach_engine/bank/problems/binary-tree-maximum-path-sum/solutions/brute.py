class Solution:
    def maxPathSum(self, root: Optional[TreeNode]) -> int:
        # Undirected adjacency over node ids, then a walk from every node.
        adj, val, todo = {}, {}, [root]
        while todo:
            node = todo.pop()
            val[id(node)] = node.val
            adj.setdefault(id(node), [])
            for child in (node.left, node.right):
                if child:
                    adj[id(node)].append(id(child))
                    adj.setdefault(id(child), []).append(id(node))
                    todo.append(child)
        best = max(val.values())
        for start in adj:
            stack = [(start, None, val[start])]
            while stack:
                u, parent, total = stack.pop()
                best = max(best, total)
                for v in adj[u]:
                    if v != parent:
                        stack.append((v, u, total + val[v]))
        return best
