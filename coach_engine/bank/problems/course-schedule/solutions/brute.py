class Solution:
    def canFinish(self, numCourses: int, prerequisites: List[List[int]]) -> bool:
        # A schedule exists unless some course can reach itself again.
        after = [[] for _ in range(numCourses)]
        for course, pre in prerequisites:
            after[pre].append(course)
        for start in range(numCourses):
            seen = set()
            stack = list(after[start])
            while stack:
                c = stack.pop()
                if c == start:
                    return False
                if c not in seen:
                    seen.add(c)
                    stack.extend(after[c])
        return True
