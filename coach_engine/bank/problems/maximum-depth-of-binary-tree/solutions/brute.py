class Solution:
    def maxDepth(self, root: Optional[TreeNode]) -> int:
        parent = {}
        nodes = []
        todo = [root] if root else []
        while todo:
            node = todo.pop()
            nodes.append(node)
            for child in (node.left, node.right):
                if child:
                    parent[id(child)] = node
                    todo.append(child)
        best = 0
        for node in nodes:
            steps = 1
            while id(node) in parent:
                node = parent[id(node)]
                steps += 1
            best = max(best, steps)
        return best
