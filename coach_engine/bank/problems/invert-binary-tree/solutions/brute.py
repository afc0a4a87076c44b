class Solution:
    def invertTree(self, root: Optional[TreeNode]) -> Optional[TreeNode]:
        # Record each node's path from the root ("L"/"R" moves), flip every move, then build a
        # new tree by walking each flipped path (parents have shorter paths, so come first).
        paths = []
        todo = [(root, "")] if root else []
        while todo:
            node, path = todo.pop()
            paths.append((path, node.val))
            if node.left:
                todo.append((node.left, path + "L"))
            if node.right:
                todo.append((node.right, path + "R"))
        paths.sort(key=lambda p: len(p[0]))
        new_root = None
        for path, val in paths:
            flipped = path.translate(str.maketrans("LR", "RL"))
            if not flipped:
                new_root = TreeNode(val)
                continue
            node = new_root
            for move in flipped[:-1]:
                node = node.left if move == "L" else node.right
            if flipped[-1] == "L":
                node.left = TreeNode(val)
            else:
                node.right = TreeNode(val)
        return new_root
