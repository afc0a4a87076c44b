func canFinish(numCourses int, prerequisites [][]int) bool {
    after := make([][]int, numCourses)
    indegree := make([]int, numCourses)
    for _, p := range prerequisites {
        after[p[1]] = append(after[p[1]], p[0])
        indegree[p[0]]++
    }
    queue := make([]int, 0, numCourses)
    for c := 0; c < numCourses; c++ {
        if indegree[c] == 0 {
            queue = append(queue, c)
        }
    }
    for head := 0; head < len(queue); head++ {
        for _, next := range after[queue[head]] {
            indegree[next]--
            if indegree[next] == 0 {
                queue = append(queue, next)
            }
        }
    }
    return len(queue) == numCourses
}
