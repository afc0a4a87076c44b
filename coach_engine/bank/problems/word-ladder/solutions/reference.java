class Solution {
    public int ladderLength(String beginWord, String endWord, List<String> wordList) {
        if (!wordList.contains(endWord)) return 0;
        int size = beginWord.length();
        Map<String, List<String>> buckets = new HashMap<>();
        for (String word : wordList) {
            for (int i = 0; i < size; i++) {
                String pattern = word.substring(0, i) + "*" + word.substring(i + 1);
                buckets.computeIfAbsent(pattern, k -> new ArrayList<>()).add(word);
            }
        }
        Set<String> seen = new HashSet<>();
        seen.add(beginWord);
        List<String> level = new ArrayList<>();
        level.add(beginWord);
        int steps = 1;
        while (!level.isEmpty()) {
            steps++;
            List<String> next = new ArrayList<>();
            for (String word : level) {
                for (int i = 0; i < size; i++) {
                    String pattern = word.substring(0, i) + "*" + word.substring(i + 1);
                    List<String> bucket = buckets.remove(pattern);
                    if (bucket == null) continue;
                    for (String other : bucket) {
                        if (other.equals(endWord)) return steps;
                        if (seen.add(other)) next.add(other);
                    }
                }
            }
            level = next;
        }
        return 0;
    }
}
