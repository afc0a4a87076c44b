class Solution {
public:
    bool canFinish(int numCourses, vector<vector<int>>& prerequisites) {
        vector<vector<int>> after(numCourses);
        vector<int> indegree(numCourses, 0);
        for (auto& p : prerequisites) {
            after[p[1]].push_back(p[0]);
            indegree[p[0]]++;
        }
        queue<int> q;
        for (int c = 0; c < numCourses; c++) if (indegree[c] == 0) q.push(c);
        int taken = 0;
        while (!q.empty()) {
            int c = q.front();
            q.pop();
            taken++;
            for (int next : after[c]) {
                if (--indegree[next] == 0) q.push(next);
            }
        }
        return taken == numCourses;
    }
};
