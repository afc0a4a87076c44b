/**
 * @param {number} numCourses
 * @param {number[][]} prerequisites
 * @return {boolean}
 */
var canFinish = function(numCourses, prerequisites) {
    const after = Array.from({ length: numCourses }, () => []);
    const indegree = new Array(numCourses).fill(0);
    for (const [course, pre] of prerequisites) {
        after[pre].push(course);
        indegree[course]++;
    }
    const queue = [];
    for (let c = 0; c < numCourses; c++) if (indegree[c] === 0) queue.push(c);
    let head = 0;
    while (head < queue.length) {
        const c = queue[head++];
        for (const next of after[c]) {
            if (--indegree[next] === 0) queue.push(next);
        }
    }
    return queue.length === numCourses;
};
